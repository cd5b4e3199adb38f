"""SQLite's failures as one line a user can act on: the file, what happened, what to do.

Every public method of the store is wrapped by ``translating``: an ``sqlite3.Error`` leaves it
as a ``StoreError`` (exit code 2 on the command line) made by ``store_error``.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import StoreError

# What to do, by SQLite's primary result code: one line a user can act on.
_ADVICE = {
    "SQLITE_FULL": ("the disk is full", "nothing of the failed step was written: free some space and run the "
                    "command again (what was stored before stays stored)"),
    "SQLITE_READONLY": ("the store cannot be written", "make the file and its folder writable (or mount them "
                        "read-write), or give another file with --db"),
    "SQLITE_CORRUPT": ("the file is damaged", "restore it from a backup, or move it away and add the articles "
                       "again; or give another file with --db"),
    "SQLITE_NOTADB": ("the file is not a newsbrief store",
                      "give the right file with --db, or move this one away"),
    "SQLITE_CANTOPEN": ("the file cannot be opened", "check that it and its folder exist and are readable and "
                        "writable, or give another file with --db"),
    "SQLITE_IOERR": ("the disk failed to read or write", "check the disk (and its free space), then run the "
                     "command again"),
    "SQLITE_PERM": ("access to the file was refused", "check its permissions, or give another file with --db"),
    "SQLITE_BUSY": ("the store stays locked by another process", "try again when the other newsbrief command ends"),
    "SQLITE_LOCKED": ("the store stays locked by another process", "try again when the other newsbrief command ends"),
}


# SQLite's words are kept in the message, cut: a damaged row's error quotes the whole row.
MAX_REASON_CHARS = 100


class DamagedValue(sqlite3.DatabaseError):
    """A stored value that SQLite read but newsbrief cannot (text that is not UTF-8, JSON that is not)."""

    sqlite_errorname = "SQLITE_CORRUPT"


def store_error(path: Path, error: sqlite3.Error) -> StoreError:
    """One line for an SQLite error on the store at ``path``: the file, what happened, what to do."""
    if "Could not decode to UTF-8" in str(error):  # raised by Python's sqlite3, without a code
        error = DamagedValue(str(error))
    code = "_".join((getattr(error, "sqlite_errorname", None) or "").split("_")[:2])
    what, todo = _ADVICE.get(code, ("the story store failed", "give another file with --db"))
    problem = _access_problem(path) if code in ("SQLITE_READONLY", "SQLITE_CANTOPEN") else None
    if problem:
        what, todo = problem, _ADVICE["SQLITE_READONLY"][1]
    reason = " ".join(str(error).split())
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - 3] + "..."
    return StoreError(f"{path}: {what} ({reason}): {todo}")


def _access_problem(path: Path) -> str | None:
    """Which of the file and its folder this process may not read or write, if either.
    ``os.access`` asks the kernel, so it sees read-only mounts and immutable files even for
    root (for whom permission bits stop nothing, and who then can write indeed)."""
    if path.exists() and not os.access(path, os.R_OK):
        return "the file cannot be read"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return "its folder is read-only (SQLite keeps its -wal and -shm files beside the store)"
    return None


def translating(method: Callable[..., Any]) -> Callable[..., Any]:
    """A public store method (of an object with a ``path``) whose SQLite errors become one-line
    ``StoreError``s."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error

    return wrapper
