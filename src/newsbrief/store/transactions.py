"""Transactions on the store's SQLite connection: take the write lock, end a failed one cleanly.

The connection runs in autocommit mode (``isolation_level=None``): every write opens its own
``BEGIN IMMEDIATE`` through ``begin`` and ends with ``COMMIT``, or with ``rollback`` on failure.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import StoreError

# How often a writer retries BEGIN IMMEDIATE while another writer holds the lock (after the
# connection's own busy timeout), backing off up to two seconds.
BEGIN_RETRIES = 20


def begin(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE (take the write lock now), retried while another writer holds it."""
    for attempt in range(BEGIN_RETRIES):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            time.sleep(min(0.05 * 2**attempt, 2.0))
    raise StoreError("the store stays locked by another writer: try again when the other `newsbrief add` ends")


def rollback(conn: sqlite3.Connection) -> None:
    """End the open transaction, if any, keeping the error that caused it.

    SQLite may already have rolled back on its own (a full disk, an I/O error); a ROLLBACK
    then fails with "cannot rollback - no transaction is active", which would bury the
    real error under a second one. Closing the connection rolls back whatever is left."""
    if not conn.in_transaction:
        return
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


@contextmanager
def write_transaction(conn: sqlite3.Connection, lock: threading.RLock) -> Iterator[sqlite3.Connection]:
    """One write transaction under ``lock``: committed whole, or rolled back."""
    with lock:
        begin(conn)
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise


@contextmanager
def read_snapshot(conn: sqlite3.Connection, lock: threading.RLock) -> Iterator[sqlite3.Connection]:
    """Reads in one transaction (one snapshot of the file), rolled back: nothing is written."""
    with lock:
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            rollback(conn)
