"""The store's file: where it lives, creating it, opening it (WAL, busy timeout, schema
upgrade) while other processes may do the same, and refusing a disk too full for SQLite."""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from pathlib import Path

from ..errors import StoreError
from .schema import migrate

ENV_VAR = "NEWSBRIEF_DB"
DB_NAME = "newsbrief.db"
# How long a writer waits for another writer's transaction.
BUSY_TIMEOUT_MS = 30_000


def default_path() -> Path:
    """``$NEWSBRIEF_DB``, else ``$XDG_DATA_HOME/newsbrief/newsbrief.db`` (``~/.local/share`` by default)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "newsbrief" / DB_NAME


def connect_when_free(target: Path, max_pages: int | None = None) -> sqlite3.Connection:
    """Connect, switch to WAL and migrate, retrying while another process does the same.

    Switching the journal mode and creating the schema take locks that SQLite
    does not always wait for through the busy timeout (two `add` processes that
    start together on a new file see "database is locked" at once), so the
    whole opening sequence is retried until the busy timeout has passed.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if max_pages is not None:
                conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a killed process loses nothing committed (only power loss could)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            return conn
        except BaseException as error:
            conn.close()
            busy = isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def create_file(target: Path) -> None:
    """Create the store's folder and an empty file for a new store (SQLite takes an empty file
    as an empty database). Done here, not by SQLite, because SQLite says only "unable to open
    database file" where the system says why (a read-only folder, a full disk...)."""
    if target.is_dir():
        raise StoreError(f"{target}: is a folder, not a story store: give a file with --db")
    if target.exists():
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{target}: cannot create the store's folder ({_os_reason(error)}): "
                         "give another file with --db") from None
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    except FileExistsError:
        pass  # another process created it meanwhile: open theirs
    except OSError as error:
        raise StoreError(f"{target}: cannot create the story store ({_os_reason(error)}): "
                         "make its folder writable, or give another file with --db") from None


# SQLite maps its WAL index (the -shm file, 32 KB) into memory after writing one byte per 4 KB
# page of it. On a file system with smaller blocks (ext4 below 512 MB uses 1 KB) the rest of
# each page stays a hole, and once the disk is full the first write into a hole kills the
# process with SIGBUS ("Bus error"), past any error handling. So, on such a disk with less
# free room than twice that index, the store is neither opened nor written.
WAL_INDEX_BYTES = 32 * 1024


def check_room(target: Path) -> None:
    """StoreError (disk full) where SQLite could meet the SIGBUS above (a few microseconds)."""
    try:
        disk = os.statvfs(target.parent)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return
    # f_bavail, also for root: ext4 keeps clusters back even from root, so f_bfree overstates
    free = disk.f_bavail * disk.f_frsize
    if disk.f_frsize < 4096 and free < 2 * WAL_INDEX_BYTES:
        raise StoreError(f"{target}: the disk is full ({free // 1024} KB free, SQLite needs "
                         f"{2 * WAL_INDEX_BYTES // 1024} KB beside the store): free some space and run the command again")


def _os_reason(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder is read-only: {error.strerror}"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full: {error.strerror}"
    return error.strerror or str(error)
