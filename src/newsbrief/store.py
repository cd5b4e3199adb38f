"""The story store: articles and the stories they form, in one embedded SQLite file.

    with Store.open(path) as store:                  # None: $NEWSBRIEF_DB, else the XDG data dir
        results = store.add_articles(articles)      # -> [AddResult]: stored / duplicate / skipped
        for result in store.add_each(articles): ... # the same, one result as each is committed
        for row in store.stories(since="2024-05-01"):   # -> [StoryRow], newest news first
            print(row.id, row.title, row.article_count)
        story = store.story("12")                   # -> StoryRow | None
        articles = store.articles_of_story("12")    # -> [Article] (cleaned text, copies included)
        brief = store.brief_of_story("12")          # recomputed on demand through the pipeline

Adding an article (``add_articles``), one SQLite transaction per article:

    1. clean      ``clean.clean_article``; nothing left -> skipped
    2. same input (content + source + url + path) already stored -> duplicate, nothing written
    3. copy       same text, or a MinHash near-duplicate (cluster/neardup.py) -> a copy row that
                  points at its original and joins the original's story: its source is kept
    4. cluster    otherwise the online clusterer (cluster/online.py) picks a live story or
                  starts one; stories quiet for ``QUIET_DAYS`` are not joined
    5. commit     the article row, its LSH bands, the story's centroid, title, count, sources
                  and dates, in one transaction (``BEGIN IMMEDIATE``, retried when busy)

Regrouping (``regroup``, regroup.py) re-clusters stored stories with the batch method and moves
their articles in one transaction; a story left empty is marked merged into the story that took
most of its articles, and ``story``, ``articles_of_story`` and ``brief_of_story`` follow it.
``add_each`` does it locally as it goes (``regroup_near``, ``LocalRegroup``): after every 100
articles stored and at the end of each batch, the stories they went into and their neighbours,
bounded, in the same one transaction.

Safety: WAL journal, ``busy_timeout``; a killed process leaves every committed
article whole and none half-stored; ``input_key`` is unique, so adding the same
input twice changes nothing; two writers serialise on ``BEGIN IMMEDIATE`` and each
re-reads the stories the other changed (``stories.seq``) before clustering.
The schema version is ``PRAGMA user_version``; ``MIGRATIONS`` upgrade older files in order.

Failures: every SQLite error of a public method becomes one ``StoreError`` line (exit code 2)
naming the file, what happened and what to do (``store_error``): a damaged file or value, a file
of another program, a newer schema, a read-only file or folder, a full disk. A failed write is
rolled back whole (``rollback`` keeps the first error when SQLite already rolled back itself);
the articles committed before it stay, and adding the same inputs again completes the add.
A read-only store can still be read. ``Store.open(max_pages=N)`` caps the file, which is how
the tests make SQLite meet a full disk.

Document frequencies (``terms``) are statistics for TF-IDF weights, flushed every
``DF_FLUSH_EVERY`` articles and on close: a killed process loses at most that many
articles' counts, which only nudges weights.

Threads: one connection per ``Store``, every method under one lock, so a web
server may share a ``Store`` between threads (or open one per thread).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .cluster.online import ClusterConfig, StoryIndex, StoryState, add_vector
from .cluster.text import term_counts, tfidf_vector
from .errors import StoreError
from .model import Article
from .regroup import LocalRegroup

ENV_VAR = "NEWSBRIEF_DB"
DB_NAME = "newsbrief.db"
# How long a writer waits for another writer's transaction, then how often it retries.
BUSY_TIMEOUT_MS = 30_000
BEGIN_RETRIES = 20
DF_FLUSH_EVERY = 500
SCHEMA_VERSION = 3
# A regrouping that finds the store changed by another writer since it read it starts again,
# at most this many times in all.
REGROUP_ATTEMPTS = 3
# Embeddings a store keeps for its local regroups (1.5 KB each), then starts again.
EMBEDDED_KEPT = 20_000
# Longest chain of merged stories followed from an old story id (a guard against a cycle).
MAX_MERGE_HOPS = 64


def default_path() -> Path:
    """``$NEWSBRIEF_DB``, else ``$XDG_DATA_HOME/newsbrief/newsbrief.db`` (``~/.local/share`` by default)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "newsbrief" / DB_NAME


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class AddResult:
    """What happened to one article given to ``add_articles``."""

    input: str  # the article's path, url or id as given
    status: str  # "stored" | "duplicate" | "skipped"
    article: str | None = None  # stored article id (for a duplicate: the one already stored)
    story: str | None = None
    story_title: str | None = None
    duplicate_of: str | None = None  # the original an exact or near copy points at
    new_story: bool = False
    reason: str | None = None  # why skipped, or "same input already stored"


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str | None
    article_count: int  # distinct articles, copies not counted
    copy_count: int
    sources: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    updated_at: str  # UTC ISO time of the last change

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "article_count": self.article_count,
            "copy_count": self.copy_count,
            "sources": list(self.sources),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    story: StoryRow
    passage: str  # the best matching passage, matched words between MARK_START and MARK_END
    matches: int  # articles of the story that match


@dataclass(frozen=True, slots=True)
class StoryCard:
    lead: str  # the opening of the story's title article (up to LEAD_CHARS)
    outlets: tuple[tuple[str, int], ...]  # (source, articles), most articles first


@dataclass(frozen=True, slots=True)
class FeedRow:
    url: str
    added_at: str
    etag: str | None
    last_modified: str | None
    checked_at: str | None
    status: str | None  # what the last update found, one line


# Search: matched words are marked with these control characters (never in cleaned text), so a
# page can escape the passage first and then turn the marks into tags.
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 24
# A headline match counts as much as four matches in the body (bm25 column weight).
TITLE_WEIGHT = 4.0
# Matching articles read per search: enough for the 200 stories a page lists.
SEARCH_ROWS = 2000
# A lead long enough for one line of a story list.
LEAD_CHARS = 400
# Ids bound per query, under SQLite's limit of host parameters.
CHUNK = 500


def fts_query(text: str) -> str:
    """An FTS5 query from what a reader types: every word must match (its stem, or any word it
    begins when it ends in ``*``), "quoted words" as a phrase; FTS5's own syntax is not exposed."""
    import re

    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        tokens = re.findall(r"\w+", phrase or word)
        if tokens:
            prefix = "*" if word.endswith("*") and len(tokens) == 1 else ""
            parts.append('"' + " ".join(tokens) + '"' + prefix)
    return " ".join(parts)


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# --------------------------------------------------------------------------- schema

_SCHEMA_V1 = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT,
    title_date TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    copy_count INTEGER NOT NULL DEFAULT 0,
    sources TEXT NOT NULL DEFAULT '[]',
    first_date TEXT,
    last_date TEXT,
    updated_at TEXT NOT NULL,
    centroid TEXT NOT NULL DEFAULT '{}',
    seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_last_date ON stories(last_date);
CREATE INDEX stories_seq ON stories(seq);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    input_key TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    copy_of TEXT REFERENCES articles(id),
    title TEXT, text TEXT NOT NULL, source TEXT, date TEXT, url TEXT, path TEXT, author TEXT,
    minhash BLOB,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE TABLE lsh_bands (band INTEGER NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id));
CREATE INDEX lsh_bands_band ON lsh_bands(band);
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('n_docs', '0'), ('seq', '0');
"""

# Version 2: a story emptied by ``regroup`` points at the story that took its articles.
_MERGED_INTO_V2 = "ALTER TABLE stories ADD COLUMN merged_into INTEGER REFERENCES stories(id)"

# Version 3: full-text search over the articles' titles and text (FTS5, an index over the
# articles table that triggers keep in step, backfilled from the articles already stored);
# briefs kept between runs (one per story, with the story version it was built from);
# the feeds the store follows (with the validators of their last answer, for conditional requests).
# Statements are listed one by one: a trigger's body holds semicolons.
_SEARCH_BRIEFS_FEEDS_V3 = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
    " tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "CREATE TABLE briefs (story_id INTEGER PRIMARY KEY REFERENCES stories(id), version TEXT NOT NULL,"
    " json TEXT NOT NULL, built_at TEXT NOT NULL)",
    "CREATE TABLE feeds (url TEXT PRIMARY KEY, added_at TEXT NOT NULL, etag TEXT, last_modified TEXT,"
    " checked_at TEXT, status TEXT)",
)

# Ordered upgrades: MIGRATIONS[i] takes a file from version i to i + 1 (a script, or its statements).
MIGRATIONS: tuple[str | tuple[str, ...], ...] = (_SCHEMA_V1, _MERGED_INTO_V2, _SEARCH_BRIEFS_FEEDS_V3)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to ``SCHEMA_VERSION``; returns the version found before."""
    # one statement, one snapshot: a process migrating meanwhile commits version and tables together
    found, tables = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)").fetchone()
    if found > len(MIGRATIONS):
        raise StoreError(
            f"the store was written by a newer newsbrief (schema {found}, this one knows {len(MIGRATIONS)}): "
            "upgrade newsbrief (pip install -U newsbrief), or give another file with --db"
        )
    # a database of another program: adding our tables to it would mix the two
    if found < 0 or (found == 0 and tables):
        raise StoreError("the file is an SQLite database of another program, not a newsbrief store: "
                         "give another file with --db")
    for version in range(found, len(MIGRATIONS)):
        _begin(conn)
        try:
            # re-check inside the write lock: another process may have migrated meanwhile
            if conn.execute("PRAGMA user_version").fetchone()[0] != version:
                rollback(conn)
                continue
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
    return found


def _statements(migration: str | tuple[str, ...]) -> list[str]:
    parts = migration.split(";") if isinstance(migration, str) else migration
    return [part for part in parts if part.strip()]


def _begin(conn: sqlite3.Connection) -> None:
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


# --------------------------------------------------------------------------- errors

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


def _translating(method: Callable[..., Any]) -> Callable[..., Any]:
    """A public ``Store`` method whose SQLite errors become one-line ``StoreError``s."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error

    return wrapper


# --------------------------------------------------------------------------- the store


def _connect_when_free(target: Path, max_pages: int | None = None) -> sqlite3.Connection:
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


def _create_file(target: Path) -> None:
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


class Store:
    """An open story store; see the module docstring. Use ``Store.open``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, config: ClusterConfig,
                 local_regroup: LocalRegroup | None = LocalRegroup()) -> None:
        self._conn = conn
        self.path = path
        self.config = config
        self.local_regroup = local_regroup
        self._embedded: dict[str, Any] = {}  # article id -> sentence embedding, for local regroups
        self._lock = threading.RLock()
        self._index: StoryIndex | None = None
        self._seen_seq = 0
        self._df: Counter[str] | None = None
        self._df_delta: Counter[str] = Counter()
        self._n_docs = 0
        self._n_delta = 0
        self._stored_since_regroup = 0
        # work units the local regroup may still spend (regroup.WORK_PER_ARTICLE)
        self._regroup_credit = float(local_regroup.allowance) if local_regroup else 0.0

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, config: ClusterConfig = ClusterConfig(),
             max_pages: int | None = None, local_regroup: LocalRegroup | None = LocalRegroup()) -> Store:
        """Open (creating and upgrading as needed) the store at ``path`` or the default location.

        ``local_regroup`` is how ``add`` repairs the stories it touched as it goes (regroup.py;
        None: never, each article stays where the online pass put it).
        ``max_pages`` caps the file's size in SQLite pages (4 KB; never below its size now):
        a write past it fails as on a full disk, and tests simulate a full disk with it."""
        target = Path(path).expanduser() if path else default_path()
        # A failed first opening may leave an empty file (and SQLite's side files): SQLite
        # takes them as an empty store next time, so there is nothing to clean up (and
        # removing them could pull a file from under another process that opened it).
        _create_file(target)
        check_room(target)
        try:
            conn = _connect_when_free(target, max_pages)
        except sqlite3.Error as error:
            raise store_error(target, error) from error
        except StoreError as error:
            raise StoreError(f"{target}: {error}") from None
        return cls(conn, target, config, local_regroup)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
            return
        try:
            self.close()
        except StoreError:
            pass  # the error on its way out says what went wrong; a second one would hide it

    @_translating
    def close(self) -> None:
        """Write the pending document frequencies and close the file (closing even when that write fails)."""
        with self._lock:
            if self._conn is None:
                return
            try:
                self._flush_df()
            finally:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    @property
    @_translating
    def schema_version(self) -> int:
        with self._lock:
            return self._conn.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------------ reading

    @_translating
    def stories(self, since: str | None = None) -> list[StoryRow]:
        """Stories with news on or after ``since`` (ISO date), most recent news first."""
        query = f"SELECT {_STORY_COLUMNS} FROM stories WHERE article_count > 0"
        params: tuple[Any, ...] = ()
        if since:
            query += " AND last_date >= ?"
            params = (since,)
        query += " ORDER BY last_date DESC, id DESC"
        with self._lock:
            return [_story_row(r) for r in self._conn.execute(query, params)]

    @_translating
    def story(self, story_id: str | int) -> StoryRow | None:
        """The story, or the story it was merged into by ``regroup``; None if there is none
        (also for anything that is not a story id: words, negative or huge numbers)."""
        with self._lock:
            key = self._resolve(story_id)
            if key is None:
                return None
            row = self._conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (key,)).fetchone()
        return _story_row(row) if row else None

    @_translating
    def articles_of_story(self, story_id: str | int, include_copies: bool = True) -> list[Article]:
        """The story's articles (cleaned text), oldest first, then in the order added (the order
        the story title follows); copies carry their own source. None for no such story."""
        query = ("SELECT id, text, title, source, date, url, path, author, copy_of FROM articles"
                 " WHERE story_id = ? ORDER BY date, added_at, rowid")
        with self._lock:
            key = self._resolve(story_id)
            rows = self._conn.execute(query, (key,)).fetchall() if key is not None else []
        copies: dict[str, list[str]] = {}
        for row in rows:
            if row[8]:
                copies.setdefault(row[8], []).append(row[0])
        return [
            Article(
                id=r[0], text=r[1], title=r[2], source=r[3], date=r[4], url=r[5], path=r[6], author=r[7],
                copies=() if include_copies else tuple(copies.get(r[0], ())),
            )
            for r in rows
            if include_copies or not r[8]
        ]

    @_translating
    def article_count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    @_translating
    def search(self, query: str, limit: int = SEARCH_ROWS) -> list[SearchHit]:
        """Stories whose articles match ``query`` (every word, or "a phrase"; full-text, word stems),
        best first: each with its best matching passage (``MARK_START``/``MARK_END`` around the
        matched words) and how many of its articles matched."""
        match = fts_query(query)
        if not match:
            return []
        sql = ("SELECT a.story_id, snippet(articles_fts, -1, ?, ?, '…', ?), bm25(articles_fts, ?, 1.0) AS score"
               " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
               " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?")
        with self._lock:
            rows = self._conn.execute(sql, (MARK_START, MARK_END, SNIPPET_WORDS, TITLE_WEIGHT, match, limit)).fetchall()
            best: dict[int, tuple[str, int]] = {}
            for story_id, snippet, _ in rows:  # best first: the first passage of a story is its best
                passage, count = best.get(story_id, (snippet, 0))
                best[story_id] = (passage, count + 1)
            stories = self._story_rows(list(best))
        return [SearchHit(stories[key], passage, count) for key, (passage, count) in best.items() if key in stories]

    def _story_rows(self, keys: Sequence[int]) -> dict[int, StoryRow]:
        found: dict[int, StoryRow] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id IN ({marks})"
                                          " AND article_count > 0", chunk):
                found[row[0]] = _story_row(row)
        return found

    @_translating
    def story_cards(self, story_ids: Sequence[str]) -> dict[str, StoryCard]:
        """For a list of stories: the lead of each story's title article (its earliest dated
        original, as the title) and how many articles each outlet gave it."""
        keys = [k for k in (_story_key(i) for i in story_ids) if k is not None]
        leads: dict[int, str] = {}
        outlets: dict[int, list[tuple[str, int]]] = {}
        with self._lock:
            for chunk in _chunks(keys):
                marks = ",".join("?" * len(chunk))
                for story_id, lead in self._conn.execute(
                        f"SELECT story_id, lead FROM (SELECT story_id, substr(text, 1, {LEAD_CHARS}) AS lead,"
                        " row_number() OVER (PARTITION BY story_id ORDER BY date IS NULL, date, rowid) AS n"
                        f" FROM articles WHERE copy_of IS NULL AND story_id IN ({marks})) WHERE n = 1", chunk):
                    leads[story_id] = lead
                for story_id, source, count in self._conn.execute(
                        f"SELECT story_id, source, count(*) FROM articles WHERE story_id IN ({marks})"
                        " AND source IS NOT NULL GROUP BY story_id, source ORDER BY story_id, count(*) DESC, source",
                        chunk):
                    outlets.setdefault(story_id, []).append((source, count))
        return {str(k): StoryCard(leads.get(k, ""), tuple(outlets.get(k, ()))) for k in keys}

    # ------------------------------------------------------------------ briefs kept between runs

    @_translating
    def saved_brief(self, story_id: str | int) -> tuple[str, str] | None:
        """(version, brief JSON) last saved for the story, whatever its version; None if none."""
        with self._lock:
            key = self._resolve(story_id)
            row = self._conn.execute("SELECT version, json FROM briefs WHERE story_id = ?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    @_translating
    def save_brief(self, story_id: str | int, version: str, brief_json: str) -> None:
        """Keep the brief built from the story's ``version`` (replacing the one before)."""
        key = _story_key(story_id)
        with self._writing() as conn:
            conn.execute("INSERT OR REPLACE INTO briefs VALUES (?, ?, ?, ?)", (key, version, brief_json, _now()))

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One small write transaction under the store's lock: committed whole, or rolled back."""
        with self._lock:
            conn = self._conn
            _begin(conn)
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise

    # ------------------------------------------------------------------ followed feeds

    @_translating
    def follow(self, urls: Iterable[str]) -> list[bool]:
        """Remember feeds to fetch on each update; True for each URL not followed before."""
        with self._writing() as conn:
            return [conn.execute("INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?, ?)", (url, _now())).rowcount == 1
                    for url in urls]

    @_translating
    def feeds(self) -> list[FeedRow]:
        with self._lock:
            rows = self._conn.execute("SELECT url, added_at, etag, last_modified, checked_at, status FROM feeds"
                                      " ORDER BY added_at, url").fetchall()
        return [FeedRow(*row) for row in rows]

    @_translating
    def record_feed_check(self, url: str, status: str, etag: str | None = None,
                          last_modified: str | None = None) -> None:
        """What the last update of a followed feed found; its validators when the feed sent new ones."""
        with self._writing() as conn:
            conn.execute("UPDATE feeds SET checked_at = ?, status = ?, etag = coalesce(?, etag),"
                         " last_modified = coalesce(?, last_modified) WHERE url = ?",
                         (_now(), status, etag, last_modified, url))

    @_translating
    def stored_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` some stored article came from (a feed's entries need no second download)."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self._lock:
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in self._conn.execute(f"SELECT url FROM articles WHERE url IN ({marks})", chunk))
        return found

    def brief_of_story(self, story_id: str | int, config: Any = None) -> Any:
        """The brief of a stored story, recomputed from its articles (same pipeline as for a folder)."""
        from .config import BriefConfig
        from .pipeline import build_brief

        articles = self.articles_of_story(story_id)
        if not articles:
            raise StoreError(f"story {story_id}: no such story in {self.path} (list them with `newsbrief stories`)")
        return build_brief(articles, config or BriefConfig())

    # ------------------------------------------------------------------ adding

    def add_articles(self, articles: Iterable[Article]) -> list[AddResult]:
        """Store each article (see the module docstring); one result per article, in order."""
        return list(self.add_each(articles))

    def add_each(self, articles: Iterable[Article]) -> Iterator[AddResult]:
        """``add_articles`` one article at a time: each result comes once its article is committed,
        so a long add can show progress, and an error leaves the results before it standing.

        With ``local_regroup``, after every ``every`` articles stored and once the articles run out,
        the stories they went into are regrouped with their neighbours (``regroup_near``): a result's
        story is where the online pass put the article, which a local regroup after it may move
        (``Store.story`` follows a story it merged)."""
        touched: set[str] = set()
        for article in articles:
            result = self._add_checked(article)
            if result.status == "stored" and result.story:
                touched.add(result.story)
            yield result
            if self.local_regroup and self._regroup_due(touched) and self._stored_since_regroup >= self.local_regroup.every:
                self.regroup_near(touched)
                touched = set()
        if self._regroup_due(touched):
            self.regroup_near(touched)

    def _regroup_due(self, touched: set[str]) -> bool:
        """Whether ``add`` may regroup the touched stories now: there are some, and the store is not in
        debt of regroup work (regroup.WORK_PER_ARTICLE: a bulk add regroups less often)."""
        return bool(self.local_regroup and touched and self._regroup_credit >= 0)

    @_translating
    def _add_checked(self, article: Article) -> AddResult:
        from .clean import clean_article

        name = article.path or article.url or article.id or "(article)"
        cleaned = clean_article(article)
        if not cleaned.text.strip():
            return AddResult(name, "skipped", reason="no text left after cleaning")
        with self._lock:
            return self._add_one(name, cleaned)

    def _add_one(self, name: str, article: Article) -> AddResult:
        from .cluster import neardup

        content_hash = neardup.content_hash(article.title, article.text)
        key = _input_key(content_hash, article)
        sig = neardup.signature(article.text)
        bands = neardup.band_keys(sig) if sig is not None else []
        counts = term_counts(article.title, article.text)
        self._load_state()
        check_room(self.path)
        conn = self._conn
        _begin(conn)
        try:
            found = conn.execute("SELECT id, story_id FROM articles WHERE input_key = ?", (key,)).fetchone()
            if found:
                conn.execute("ROLLBACK")
                return AddResult(name, "duplicate", article=found[0], story=str(found[1]),
                                 story_title=self._title_of(found[1]), duplicate_of=found[0],
                                 reason="same input already stored")
            self._refresh_changed_stories()
            original = self._find_original(content_hash, sig, bands)
            article_id = key[:16]
            if original:
                story = self._story_state(original[1])
                _extend_dates(story, article.date)
                result = AddResult(name, "duplicate", article=article_id, story=original[1],
                                   duplicate_of=original[0], reason="copy of a stored article")
            else:
                story, result = self._cluster(name, article, article_id, counts)
            self._write_article(article, article_id, key, content_hash, story, original, sig, bands)
            seq = self._write_story(story, article, is_copy=original is not None)
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            self._index = None  # the in-memory state may have run ahead of the file: reload
            self._df = None
            raise
        self._after_commit(story, seq, counts if original is None else None)
        self._stored_since_regroup += original is None
        if self.local_regroup and original is None:
            self._regroup_credit = min(self._regroup_credit + self.local_regroup.work_per_article,
                                       self.local_regroup.allowance)
        return replace(result, story=story.id, story_title=self._title_of(story.id))

    def _cluster(self, name: str, article: Article, article_id: str, counts: Counter[str]) -> tuple[StoryState, AddResult]:
        assert self._index is not None and self._df is not None
        # weights as if this article were already counted (the counts change only after commit)
        vector = tfidf_vector(counts, _PlusOne(self._df, counts), self._n_docs + 1)
        day = article.date
        if day:
            self._index.retire_before(day)
        best, sim = self._index.best(vector, day)
        if best is not None and sim >= self.config.threshold:
            story = _copy_state(best)
            new = False
        else:
            story = StoryState(id="")
            new = True
        add_vector(story, vector, day, self.config.centroid_terms)
        return story, AddResult(name, "stored", article=article_id, new_story=new)

    def _find_original(self, content_hash: str, sig: Any, bands: Sequence[int]) -> tuple[str, str] | None:
        from .cluster import neardup

        row = self._conn.execute(
            "SELECT id, story_id FROM articles WHERE content_hash = ? AND copy_of IS NULL LIMIT 1", (content_hash,)
        ).fetchone()
        if row:
            return row[0], str(row[1])
        if sig is None or not bands:
            return None
        marks = ",".join("?" * len(bands))
        rows = self._conn.execute(
            f"SELECT DISTINCT a.id, a.story_id, a.minhash FROM lsh_bands b JOIN articles a ON a.id = b.article_id "
            f"WHERE b.band IN ({marks}) AND a.copy_of IS NULL",
            tuple(bands),
        ).fetchall()
        best = max(((neardup.similarity(sig, neardup.from_bytes(r[2])), r[0], str(r[1])) for r in rows if r[2]), default=None)
        if best and best[0] >= neardup.NEAR_DUP_JACCARD:
            return best[1], best[2]
        return None

    def _write_article(self, article: Article, article_id: str, key: str, content_hash: str,
                       story: StoryState, original: tuple[str, str] | None, sig: Any, bands: Sequence[int]) -> None:
        from .cluster import neardup

        conn = self._conn
        if not story.id:
            cursor = conn.execute("INSERT INTO stories (updated_at) VALUES (?)", (_now(),))
            story.id = str(cursor.lastrowid)
        conn.execute(
            "INSERT INTO articles (id, input_key, content_hash, story_id, copy_of, title, text, source, date, url, path,"
            " author, minhash, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, key, content_hash, int(story.id), original[0] if original else None, article.title,
             article.text, _source_of(article), article.date, article.url, article.path, article.author,
             neardup.to_bytes(sig) if sig is not None and not original else None, _now()),
        )
        if not original:
            conn.executemany("INSERT INTO lsh_bands VALUES (?, ?)", [(b, article_id) for b in bands])

    def _write_story(self, story: StoryState, article: Article, is_copy: bool) -> int:
        conn = self._conn
        seq = self._seq() + 1
        conn.execute("UPDATE meta SET value = ? WHERE key = 'seq'", (str(seq),))
        row = conn.execute("SELECT title, title_date, sources FROM stories WHERE id = ?", (int(story.id),)).fetchone()
        title, title_date = _better_title(row[0], row[1], article)
        sources = _loads(row[2])
        source = _source_of(article)
        if source and source not in sources:
            sources.append(source)
        conn.execute(
            "UPDATE stories SET title = ?, title_date = ?, sources = ?, article_count = article_count + ?,"
            " copy_count = copy_count + ?, first_date = ?, last_date = ?, updated_at = ?, centroid = ?, seq = ?"
            " WHERE id = ?",
            (title, title_date, json.dumps(sources), 0 if is_copy else 1, 1 if is_copy else 0, story.first_date,
             story.last_date, _now(), _centroid_json(story), seq, int(story.id)),
        )
        return seq

    def _after_commit(self, story: StoryState, seq: int, counts: Counter[str] | None) -> None:
        assert self._index is not None and self._df is not None
        # every change before ours was re-read inside our transaction, so ours is the newest seen
        self._seen_seq = seq
        self._index.put(story)
        if counts is not None:
            self._df.update(counts.keys())
            self._df_delta.update(counts.keys())
            self._n_docs += 1
            self._n_delta += 1
            if self._n_delta >= DF_FLUSH_EVERY:
                self._flush_df()

    # ------------------------------------------------------------------ regrouping

    @_translating
    def regroup(self, since: str | None = None, embed: bool = True, learned: bool | None = None) -> Any:
        """Re-cluster the stored stories (all, or those with news on or after ``since``) with the
        batch method (``cluster_docs``; sentence embeddings unless ``embed`` is False, the learned
        similarity unless ``learned`` is False; None: the store's ``ClusterConfig.learned``) and
        move their articles: a ``regroup.RegroupResult``. See regroup.py."""
        from .regroup import cluster_stored

        for _ in range(REGROUP_ATTEMPTS):
            seq, rows = self._regroup_snapshot(since)
            found, used = cluster_stored([(r[0], r[2], r[3], r[4]) for r in rows], self.config.quiet_days, embed,
                                         self.config.learned if learned is None else learned)
            with self._lock:
                result = self._apply_regroup(seq, [(r[0], str(r[1])) for r in rows], found, used)
            if result is not None:
                return result
        raise StoreError(f"{self.path}: the store kept changing while it was regrouped (another writer is adding): "
                         "run `newsbrief regroup` again when it ends")

    @_translating
    def regroup_near(self, story_ids: Iterable[str]) -> Any:
        """The local regroup ``add`` runs (regroup.py): the stories ``story_ids`` and their nearest
        live neighbours, bounded by ``local_regroup``, clustered again and their articles moved in
        one transaction; a ``RegroupResult``, or None when there was nothing to regroup or another
        writer changed the store meanwhile (the stories then stay as they are)."""
        from .regroup import cluster_stored, neighbourhood

        setting = self.local_regroup or LocalRegroup()
        with self._lock:
            self._stored_since_regroup = 0
            self._load_state()
            assert self._index is not None
            index = self._index
            touched = [self._story_state(story) for story in sorted(set(story_ids), key=int)]
            scope = neighbourhood([s for s in touched if s.size], index.stories,
                                  lambda story: index.candidates(story.centroid, story.last_date), setting)
            seq, rows = self._stories_snapshot(scope)
            if len(rows) < 2:
                return None
            if len(self._embedded) > EMBEDDED_KEPT:
                self._embedded.clear()  # recomputed as needed: a long add keeps memory flat
            embedded = sum(row[0] not in self._embedded for row in rows) if setting.embed else 0
            self._regroup_credit -= setting.work(len(rows), embedded)
        # clustered outside the lock, as ``regroup``: other threads read meanwhile; a write of theirs
        # changes the store's counter, and this regroup is then dropped
        found, used = cluster_stored([(r[0], r[2], r[3], r[4]) for r in rows], self.config.quiet_days,
                                     setting.embed, self.config.learned, cache=self._embedded)
        with self._lock:
            return self._apply_regroup(seq, [(r[0], str(r[1])) for r in rows], found, used, reload_index=False)

    def _stories_snapshot(self, story_ids: Sequence[str]) -> tuple[int, list[tuple[Any, ...]]]:
        """(change counter, rows of (id, story, title, text, date)) of the original articles of the
        given stories, in the order they were stored."""

        def read(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
            rows: list[tuple[Any, ...]] = []
            for chunk in _chunks([int(story) for story in story_ids]):
                marks = ",".join("?" * len(chunk))
                rows += conn.execute("SELECT id, story_id, title, text, date, rowid FROM articles"
                                     f" WHERE copy_of IS NULL AND story_id IN ({marks})", chunk).fetchall()
            return [row[:5] for row in sorted(rows, key=lambda row: row[5])]

        return self._read_snapshot(read)

    def _regroup_snapshot(self, since: str | None) -> tuple[int, list[tuple[Any, ...]]]:
        """(change counter, rows of (id, story, title, text, date)) of the original articles in scope,
        in the order they were stored, read in one snapshot."""
        query = ("SELECT a.id, a.story_id, a.title, a.text, a.date FROM articles a JOIN stories s ON s.id = a.story_id"
                 " WHERE a.copy_of IS NULL AND s.article_count > 0")
        params: tuple[Any, ...] = ()
        if since:
            query += " AND s.last_date >= ?"
            params = (since,)
        return self._read_snapshot(lambda conn: conn.execute(query + " ORDER BY a.rowid", params).fetchall())

    def _read_snapshot(self, read: Callable[[sqlite3.Connection], list[tuple[Any, ...]]]
                       ) -> tuple[int, list[tuple[Any, ...]]]:
        """(change counter, what ``read`` returns), both read in one transaction, rolled back (a read)."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                return self._seq(), read(conn)
            finally:
                rollback(conn)

    def _apply_regroup(self, seq: int, stored: Sequence[tuple[str, str]], found: dict[str, str],
                       used_embeddings: bool, reload_index: bool = True) -> Any:
        """Move the articles to the stories found, in one transaction; None when another writer
        changed the store after the snapshot ``seq`` (nothing written then). The live index is
        read again whole on the next add, or, without ``reload_index``, only its changed stories now."""
        from .regroup import RegroupResult, continued_stories, merged_into

        current = dict(stored)
        self._load_state()
        check_room(self.path)
        conn = self._conn
        _begin(conn)
        try:
            if self._seq() != seq:
                conn.execute("ROLLBACK")
                return None
            target, created = self._story_of_each(stored, continued_stories(current, found), found)
            moved = [article for article, _ in stored if target[article] != current[article]]
            emptied = set(current.values()) - set(target.values())
            merges = merged_into(current, target, emptied)
            if moved:
                new_seq = seq + 1
                conn.execute("UPDATE meta SET value = ? WHERE key = 'seq'", (str(new_seq),))
                conn.executemany("UPDATE articles SET story_id = ? WHERE id = ? OR copy_of = ?",
                                 [(int(target[a]), a, a) for a in moved])
                for story in sorted({current[a] for a in moved} | {target[a] for a in moved} - emptied, key=int):
                    self._rebuild_story(story, new_seq)
                conn.executemany(
                    "UPDATE stories SET article_count = 0, copy_count = 0, sources = '[]', centroid = '{}',"
                    " first_date = NULL, last_date = NULL, updated_at = ?, seq = ?, merged_into = ? WHERE id = ?",
                    [(_now(), new_seq, int(merges[story]), int(story)) for story in sorted(emptied, key=int)])
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            self._index = None  # the live index may be ahead of the file: reload it on the next add
            raise
        if reload_index:
            self._index = None  # stories changed under the live index: reload it on the next add
        elif self._index is not None:
            self._refresh_changed_stories()
        return RegroupResult(len(stored), len(set(current.values())), len(set(target.values())), len(moved),
                             tuple(sorted(merges.items(), key=lambda kv: int(kv[0]))), tuple(created), used_embeddings)

    def _story_of_each(self, stored: Sequence[tuple[str, str]], continues: dict[str, str | None],
                       found: dict[str, str]) -> tuple[dict[str, str], list[str]]:
        """(article id -> stored story id, new story ids): new stories are numbered in the order
        their first article was stored."""
        story_of_label: dict[str, str] = {}
        created: list[str] = []
        for article, _ in stored:
            label = found[article]
            if label in story_of_label:
                continue
            story = continues[label]
            if story is None:
                story = str(self._conn.execute("INSERT INTO stories (updated_at) VALUES (?)", (_now(),)).lastrowid)
                created.append(story)
            story_of_label[label] = story
        return {article: story_of_label[found[article]] for article, _ in stored}, created

    def _rebuild_story(self, story_id: str, seq: int) -> None:
        """Recompute a story's row from its articles, in the order they were stored."""
        assert self._df is not None
        rows = self._conn.execute("SELECT title, text, date, source, copy_of FROM articles WHERE story_id = ?"
                                  " ORDER BY rowid", (int(story_id),)).fetchall()
        state = StoryState(id=story_id)
        title = title_date = None
        sources: list[str] = []
        copies = 0
        for headline, text, day, source, copy_of in rows:
            title, title_date = _better_title(title, title_date, Article(id="", text=text, title=headline, date=day))
            if source and source not in sources:
                sources.append(source)
            if copy_of:
                copies += 1
                _extend_dates(state, day)
            else:
                vector = tfidf_vector(term_counts(headline, text), self._df, max(self._n_docs, 1))
                add_vector(state, vector, day, self.config.centroid_terms)
        self._conn.execute(
            "UPDATE stories SET title = ?, title_date = ?, sources = ?, article_count = ?, copy_count = ?,"
            " first_date = ?, last_date = ?, updated_at = ?, centroid = ?, seq = ?, merged_into = NULL WHERE id = ?",
            (title, title_date, json.dumps(sources), state.size, copies, state.first_date, state.last_date, _now(),
             _centroid_json(state), seq, int(story_id)),
        )

    def _resolve(self, story_id: str | int) -> int | None:
        """The id of the story ``story_id`` is now: itself, or the story ``regroup`` merged it into;
        None when ``story_id`` cannot be a story id."""
        key = _story_key(story_id)
        if key is None:
            return None
        for _ in range(MAX_MERGE_HOPS):
            row = self._conn.execute("SELECT article_count, merged_into FROM stories WHERE id = ?", (key,)).fetchone()
            if not row or row[0] or row[1] is None:
                return key
            key = row[1]
        return key

    def _seq(self) -> int:
        return int(self._conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])

    # ------------------------------------------------------------------ clustering state

    def _load_state(self) -> None:
        """Load document frequencies and the live stories once per open store."""
        if self._index is not None and self._df is not None:
            return
        conn = self._conn
        self._df = Counter(dict(conn.execute("SELECT term, df FROM terms")))
        self._df.update(self._df_delta)
        self._n_docs = int(conn.execute("SELECT value FROM meta WHERE key = 'n_docs'").fetchone()[0]) + self._n_delta
        self._index = StoryIndex(self.config)
        latest = conn.execute("SELECT max(last_date) FROM stories").fetchone()[0]
        rows = conn.execute(f"SELECT {_STATE_COLUMNS} FROM stories WHERE last_date IS NULL OR last_date >= ?",
                            (_days_before(latest, self.config.quiet_days),))
        for row in rows:
            self._index.put(_state(row))
        self._seen_seq = self._seq()

    def _refresh_changed_stories(self) -> None:
        """Re-read stories another writer changed since this store last looked (inside the write lock)."""
        assert self._index is not None
        for row in self._conn.execute(f"SELECT {_STATE_COLUMNS}, seq FROM stories WHERE seq > ?", (self._seen_seq,)):
            story = _state(row[:-1])
            if story.size:
                self._index.put(story)
            else:  # emptied by a regroup: nothing left to join
                self._index.drop(story.id)
            self._seen_seq = max(self._seen_seq, row[-1])

    def _story_state(self, story_id: str) -> StoryState:
        assert self._index is not None
        if story_id in self._index.stories:
            return _copy_state(self._index.stories[story_id])
        row = self._conn.execute(f"SELECT {_STATE_COLUMNS} FROM stories WHERE id = ?", (int(story_id),)).fetchone()
        return _state(row)

    def _title_of(self, story_id: str | int) -> str | None:
        row = self._conn.execute("SELECT title FROM stories WHERE id = ?", (_story_key(story_id),)).fetchone()
        return row[0] if row else None

    def _flush_df(self) -> None:
        """Add this process's new document frequencies to the file (summed, so writers do not clash)."""
        if not self._n_delta or self._conn is None:
            return
        conn = self._conn
        _begin(conn)
        try:
            conn.executemany(
                "INSERT INTO terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                self._df_delta.items(),
            )
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'n_docs'", (self._n_delta,))
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        self._df_delta = Counter()
        self._n_delta = 0


class _PlusOne(dict):
    """Document frequencies as they will be once this article is counted (read-only view)."""

    def __init__(self, df: Counter[str], counts: Counter[str]) -> None:
        super().__init__()
        self._df = df
        self._counts = counts

    def get(self, term: str, default: int = 0) -> int:  # type: ignore[override]
        return self._df.get(term, default) + (1 if term in self._counts else 0)


# --------------------------------------------------------------------------- helpers

_STORY_COLUMNS = "id, title, article_count, copy_count, sources, first_date, last_date, updated_at"
_STATE_COLUMNS = "id, centroid, article_count, first_date, last_date"


def _story_row(row: Sequence[Any]) -> StoryRow:
    return StoryRow(str(row[0]), row[1], row[2], row[3], tuple(_loads(row[4])), row[5], row[6], row[7])


def _state(row: Sequence[Any]) -> StoryState:
    return StoryState(id=str(row[0]), centroid=_loads(row[1]), size=row[2], first_date=row[3], last_date=row[4])


def _loads(text: str) -> Any:
    """A JSON column's value; a damaged one is the file's fault, not a bug."""
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        raise DamagedValue(f"a stored value is not valid JSON: {str(text)[:40]!r}") from None


def _copy_state(story: StoryState) -> StoryState:
    return StoryState(story.id, dict(story.centroid), story.size, story.first_date, story.last_date)


def _extend_dates(story: StoryState, day: str | None) -> None:
    if day:
        story.first_date = min(story.first_date or day, day)
        story.last_date = max(story.last_date or day, day)


def _centroid_json(story: StoryState) -> str:
    # 6 significant digits: enough for cosine, half the bytes of repr()
    return json.dumps({t: float(f"{w:.6g}") for t, w in story.centroid.items()}, separators=(",", ":"))


# Story ids are SQLite rowids: 1 up to 2^63 - 1. A bigger number cannot even be bound to a query.
MAX_STORY_ID = 2**63 - 1


def _story_key(story_id: str | int) -> int | None:
    """The rowid of a story id given as text or number; None for what no story can have
    (words, 0, negative numbers, numbers past 2^63 - 1: "no such story" for them all)."""
    try:
        key = int(str(story_id).strip())
    except ValueError:  # also digit strings too long for int()
        return None
    return key if 0 < key <= MAX_STORY_ID else None


def _input_key(content_hash: str, article: Article) -> str:
    import hashlib

    parts = [content_hash, article.source or "", article.url or "", article.path or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _source_of(article: Article) -> str | None:
    if article.source:
        return article.source
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _better_title(title: str | None, title_date: str | None, article: Article) -> tuple[str | None, str | None]:
    """The story's title: the headline of its earliest dated article, else the first headline seen."""
    if not article.title:
        return title, title_date
    if title is None:
        return article.title, article.date
    if article.date and (title_date is None or article.date < title_date):
        return article.title, article.date
    return title, title_date


def _days_before(day: str | None, days: int | None) -> str:
    if not day or days is None:
        return ""
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day[:10]) - timedelta(days=days)).isoformat()
    except ValueError:
        return ""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


__all__ = ["AddResult", "FeedRow", "SearchHit", "Store", "StoryCard", "StoryRow", "fts_query", "default_path", "migrate", "rollback", "store_error"]
