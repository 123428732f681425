"""One writer per run: an OS lock held by the process that plays a run.

A run being played holds an exclusive lock on ``.<save name>.lock`` beside its save (``flock``
on POSIX, ``msvcrt.locking`` on Windows). The operating system releases it when the process
ends, however it ends (``kill -9`` included), so a lock can never go stale: a lock *file* left
behind by a dead process is just an empty, unlocked file, and the next player takes it. The
file holds the holder's process id and start time, only to tell a second instance who has it.

Within one process the lock is re-entrant (the title screen may resume the run it just left).
"""

from __future__ import annotations

import json
import os
import socket
import time
import weakref
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]


class RunLocked(Exception):
    """Another process holds the run. ``holder`` describes it (may be empty)."""

    def __init__(self, path: Path, holder: dict) -> None:
        self.path = path
        self.holder = holder
        super().__init__(describe(holder))


def describe(holder: dict) -> str:
    """'process 1234 on host, since 20:31' (as much as is known)."""
    parts = []
    if holder.get("pid"):
        parts.append(f"process {holder['pid']}")
    if holder.get("host") and holder.get("host") != socket.gethostname():
        parts.append(f"on {holder['host']}")
    if isinstance(holder.get("since"), (int, float)):
        try:
            parts.append("since " + time.strftime("%H:%M", time.localtime(holder["since"])))
        except (OverflowError, OSError, ValueError):
            pass
    return " ".join(parts) or "another Model Citizen"


def lock_path(save: Path) -> Path:
    save = Path(save)
    return save.with_name(f".{save.name}.lock")


#: path of each lock this process holds -> the lock (dropped with the last reference to it)
_HELD: "weakref.WeakValueDictionary[str, RunLock]" = weakref.WeakValueDictionary()


class RunLock:
    """An exclusive lock on one run; :meth:`release` (or process exit) gives it up."""

    def __init__(self, save: Path, fd: int) -> None:
        self.save = Path(save)
        self.path = lock_path(save)
        self._fd: int | None = fd
        self.count = 1  # holders in this process

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __del__(self) -> None:  # a forgotten lock is given up with its last reference
        if self._fd is not None:
            self.count = 1
            try:
                self.release()
            except Exception:  # pragma: no cover - interpreter shutdown
                pass

    def release(self) -> None:
        if self.count > 1:
            self.count -= 1
            return
        self.count = 0
        key = str(self.path.absolute())
        if _HELD.get(key) is self:
            del _HELD[key]
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            # Removed while still held: whoever opened it meanwhile finds, once it gets the lock,
            # that it is no longer the file at the path (acquire checks), and starts again.
            if os.path.samestat(os.fstat(fd), os.stat(self.path)):
                os.unlink(self.path)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)


def acquire(save: Path) -> RunLock:
    """Lock the run saved (or to be saved) at ``save``. Raises :class:`RunLocked` if another
    process holds it, or ``OSError`` if the lock file cannot be made (a read-only folder)."""
    path = lock_path(save)
    key = str(path.absolute())
    held = _HELD.get(key)
    if held is not None and held.held:
        held.count += 1
        return held
    for _ in range(5):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), 0o644)
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise RunLocked(Path(save), holder)
        # The file may have been removed and made again between open and lock: lock the one at the path.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if not same:
            _unlock(fd)
            os.close(fd)
            continue
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}).encode())
        except OSError:
            pass
        lock = RunLock(Path(save), fd)
        _HELD[key] = lock
        return lock
    raise RunLocked(Path(save), {})


def holder_of(save: Path) -> dict | None:
    """Who holds the run, or None if nobody does (checks without taking it)."""
    path = lock_path(save)
    held = _HELD.get(str(path.absolute()))
    if held is not None and held.held:
        return None
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _read_holder(fd)
    finally:
        os.close(fd)


def _read_holder(fd: int) -> dict:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8", "replace") or "{}")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _try_lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
    if msvcrt is not None:  # pragma: no cover - Windows
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    return True  # pragma: no cover - no locking on this platform: one writer is not enforced


def _unlock(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        elif msvcrt is not None:  # pragma: no cover - Windows
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass
