"""Names and numbers the command line needs to build its parser, kept apart from the modules
that play: ``citizen`` (and the title screen it opens) starts without loading the engine."""

#: The playtest's strategies, in the order runs are shared between them (authoring.playtest.STRATEGIES).
STRATEGY_NAMES = ("random", "score", "virtue", "thrifty", "contrarian")

#: How many lives the THEMES.md rows are read from by default (campaign.SAMPLE).
THEMES_SAMPLE = 200
