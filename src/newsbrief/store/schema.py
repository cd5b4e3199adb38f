"""The store's tables and their upgrades: the schema version is ``PRAGMA user_version`` and
``MIGRATIONS[i]`` takes a file from version i to i + 1, each in its own transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..errors import StoreError
from .transactions import begin, rollback

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



def _library_copy_bands_v4(conn: sqlite3.Connection) -> None:
    """Version 4: the store finds copies by the library's rule (dedup.py: word 5-shingles, 32 LSH
    bands of 4 rows, confirmed on the texts). The bands of version 1 (3-shingles, 16 bands) are
    replaced by those of every stored original, computed from its text (about a millisecond an
    article); the MinHash column it kept is no longer read and is emptied."""
    from .. import dedup

    conn.execute("DELETE FROM lsh_bands")
    conn.execute("UPDATE articles SET minhash = NULL WHERE minhash IS NOT NULL")
    cursor = conn.execute("SELECT id, text FROM articles WHERE copy_of IS NULL")
    while rows := cursor.fetchmany(500):
        conn.executemany("INSERT INTO lsh_bands VALUES (?, ?)",
                         [(band, article) for article, text in rows
                          for band in dedup.band_keys(dedup.stable_shingle_hashes(text))])


# Ordered upgrades: MIGRATIONS[i] takes a file from version i to i + 1 (a script, its statements,
# or a function of the connection), inside one transaction.
Migration = str | tuple[str, ...] | Callable[[sqlite3.Connection], None]
MIGRATIONS: tuple[Migration, ...] = (_SCHEMA_V1, _MERGED_INTO_V2, _SEARCH_BRIEFS_FEEDS_V3, _library_copy_bands_v4)
SCHEMA_VERSION = len(MIGRATIONS)


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
        begin(conn)
        try:
            # re-check inside the write lock: another process may have migrated meanwhile
            if conn.execute("PRAGMA user_version").fetchone()[0] != version:
                rollback(conn)
                continue
            _run(conn, MIGRATIONS[version])
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
    return found


def _run(conn: sqlite3.Connection, migration: Migration) -> None:
    if callable(migration):
        migration(conn)
        return
    parts = migration.split(";") if isinstance(migration, str) else migration
    for statement in parts:
        if statement.strip():
            conn.execute(statement)


def _statements(migration: str | tuple[str, ...]) -> list[str]:
    parts = migration.split(";") if isinstance(migration, str) else migration
    return [part for part in parts if part.strip()]
