"""Model Citizen: a terminal role-playing game about living under a social credit system."""

__version__ = "0.1.0"
