"""The store's storage: one SQLite connection under one lock, the queries that read stories,
articles, briefs and feeds, and the row writes the service (service.py) makes inside its
transactions. Nothing here clusters: it keeps what the service decided.

Threads: one connection per store, every method under one lock, so a web server may share a
store between threads (or open one per thread).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..cluster.online import StoryState
from ..model import Article
from .failures import translating
from .rows import (
    STATE_COLUMNS, STORY_COLUMNS, FeedRow, SearchHit, StoryCard, StoryRow, better_title, centroid_json, loads, now,
    story_key, story_row, story_state,
)
from .transactions import read_snapshot, write_transaction

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
# Longest chain of merged stories followed from an old story id (a guard against a cycle).
MAX_MERGE_HOPS = 64

# A stored article as the regroup reads it: (id, story id, title, text, date).
SnapshotRow = tuple[Any, ...]


def fts_query(text: str) -> str:
    """An FTS5 query from what a reader types: every word must match (its stem, or any word it
    begins when it ends in ``*``), "quoted words" as a phrase; FTS5's own syntax is not exposed."""
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


def _marks(chunk: Sequence[Any]) -> str:
    return ",".join("?" * len(chunk))


def source_of(article: Article) -> str | None:
    """The outlet an article is credited to: its source, else its URL's host."""
    if article.source:
        return article.source
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


class StoryDatabase:
    """The stored stories, articles, briefs and feeds of one open file (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()

    @translating
    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    @property
    @translating
    def schema_version(self) -> int:
        with self._lock:
            return self._conn.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------------ reading

    @translating
    def stories(self, since: str | None = None) -> list[StoryRow]:
        """Stories with news on or after ``since`` (ISO date), most recent news first."""
        query = f"SELECT {STORY_COLUMNS} FROM stories WHERE article_count > 0"
        params: tuple[Any, ...] = ()
        if since:
            query += " AND last_date >= ?"
            params = (since,)
        query += " ORDER BY last_date DESC, id DESC"
        with self._lock:
            return [story_row(r) for r in self._conn.execute(query, params)]

    @translating
    def story(self, story_id: str | int) -> StoryRow | None:
        """The story, or the story it was merged into by ``regroup``; None if there is none
        (also for anything that is not a story id: words, negative or huge numbers)."""
        with self._lock:
            key = self._resolve(story_id)
            if key is None:
                return None
            row = self._conn.execute(f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", (key,)).fetchone()
        return story_row(row) if row else None

    @translating
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

    @translating
    def article_count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    @translating
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
            for row in self._conn.execute(f"SELECT {STORY_COLUMNS} FROM stories WHERE id IN ({_marks(chunk)})"
                                          " AND article_count > 0", chunk):
                found[row[0]] = story_row(row)
        return found

    @translating
    def story_cards(self, story_ids: Sequence[str]) -> dict[str, StoryCard]:
        """For a list of stories: the lead of each story's title article (its earliest dated
        original, as the title) and how many articles each outlet gave it."""
        keys = [k for k in (story_key(i) for i in story_ids) if k is not None]
        leads: dict[int, str] = {}
        outlets: dict[int, list[tuple[str, int]]] = {}
        with self._lock:
            for chunk in _chunks(keys):
                marks = _marks(chunk)
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

    @translating
    def stored_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` some stored article came from (a feed's entries need no second download)."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self._lock:
            for chunk in _chunks(wanted):
                found.update(r[0] for r in self._conn.execute(
                    f"SELECT url FROM articles WHERE url IN ({_marks(chunk)})", chunk))
        return found

    # ------------------------------------------------------------------ briefs kept between runs

    @translating
    def saved_brief(self, story_id: str | int) -> tuple[str, str] | None:
        """(version, brief JSON) last saved for the story, whatever its version; None if none."""
        with self._lock:
            key = self._resolve(story_id)
            row = self._conn.execute("SELECT version, json FROM briefs WHERE story_id = ?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    @translating
    def save_brief(self, story_id: str | int, version: str, brief_json: str) -> None:
        """Keep the brief built from the story's ``version`` (replacing the one before)."""
        key = story_key(story_id)
        with self._writing() as conn:
            conn.execute("INSERT OR REPLACE INTO briefs VALUES (?, ?, ?, ?)", (key, version, brief_json, now()))

    # ------------------------------------------------------------------ followed feeds

    @translating
    def follow(self, urls: Iterable[str]) -> list[bool]:
        """Remember feeds to fetch on each update; True for each URL not followed before."""
        with self._writing() as conn:
            return [conn.execute("INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?, ?)", (url, now())).rowcount == 1
                    for url in urls]

    @translating
    def feeds(self) -> list[FeedRow]:
        with self._lock:
            rows = self._conn.execute("SELECT url, added_at, etag, last_modified, checked_at, status FROM feeds"
                                      " ORDER BY added_at, url").fetchall()
        return [FeedRow(*row) for row in rows]

    @translating
    def record_feed_check(self, url: str, status: str, etag: str | None = None,
                          last_modified: str | None = None) -> None:
        """What the last update of a followed feed found; its validators when the feed sent new ones."""
        with self._writing() as conn:
            conn.execute("UPDATE feeds SET checked_at = ?, status = ?, etag = coalesce(?, etag),"
                         " last_modified = coalesce(?, last_modified) WHERE url = ?",
                         (now(), status, etag, last_modified, url))

    # ------------------------------------------------------------------ transactions

    def _writing(self) -> Any:
        """One small write transaction under the store's lock: committed whole, or rolled back."""
        return write_transaction(self._conn, self._lock)

    def _read_snapshot(self, read: Callable[[sqlite3.Connection], list[SnapshotRow]]) -> tuple[int, list[SnapshotRow]]:
        """(change counter, what ``read`` returns), both read in one snapshot."""
        with read_snapshot(self._conn, self._lock) as conn:
            return self._seq(), read(conn)

    # ------------------------------------------------------------------ the service's reads

    def _resolve(self, story_id: str | int) -> int | None:
        """The id of the story ``story_id`` is now: itself, or the story ``regroup`` merged it into;
        None when ``story_id`` cannot be a story id."""
        key = story_key(story_id)
        if key is None:
            return None
        for _ in range(MAX_MERGE_HOPS):
            row = self._conn.execute("SELECT article_count, merged_into FROM stories WHERE id = ?", (key,)).fetchone()
            if not row or row[0] or row[1] is None:
                return key
            key = row[1]
        return key

    def _seq(self) -> int:
        """The store's change counter: every write that changes a story raises it."""
        return int(self._conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])

    def _title_of(self, story_id: str | int) -> str | None:
        row = self._conn.execute("SELECT title FROM stories WHERE id = ?", (story_key(story_id),)).fetchone()
        return row[0] if row else None

    def _stored_input(self, input_key: str) -> tuple[str, str] | None:
        """(article id, story id) of the article stored from the same input, if any."""
        row = self._conn.execute("SELECT id, story_id FROM articles WHERE input_key = ?", (input_key,)).fetchone()
        return (row[0], str(row[1])) if row else None

    def _original_with_hash(self, content_hash: str) -> tuple[str, str] | None:
        """(article id, story id) of a stored original with exactly this content."""
        row = self._conn.execute("SELECT id, story_id FROM articles WHERE content_hash = ? AND copy_of IS NULL"
                                 " LIMIT 1", (content_hash,)).fetchone()
        return (row[0], str(row[1])) if row else None

    def _originals_in_bands(self, bands: Sequence[int]) -> list[tuple[str, str, str]]:
        """(article id, story id, text) of the stored originals sharing an LSH band."""
        rows = self._conn.execute(
            f"SELECT a.id, a.story_id, a.text FROM articles a WHERE a.copy_of IS NULL AND a.id IN"
            f" (SELECT article_id FROM lsh_bands WHERE band IN ({_marks(bands)}))", tuple(bands)).fetchall()
        return [(r[0], str(r[1]), r[2]) for r in rows]

    def _terms(self) -> tuple[Counter[str], int]:
        """The stored document frequencies and the number of articles they count."""
        df = Counter(dict(self._conn.execute("SELECT term, df FROM terms")))
        return df, int(self._conn.execute("SELECT value FROM meta WHERE key = 'n_docs'").fetchone()[0])

    def _live_states(self, since: str) -> list[StoryState]:
        """The clustering state of every story with news on or after ``since`` (or undated)."""
        rows = self._conn.execute(f"SELECT {STATE_COLUMNS} FROM stories WHERE last_date IS NULL OR last_date >= ?",
                                  (since,))
        return [story_state(row) for row in rows]

    def _latest_date(self) -> str | None:
        return self._conn.execute("SELECT max(last_date) FROM stories").fetchone()[0]

    def _states_changed_after(self, seq: int) -> list[tuple[StoryState, int]]:
        """(state, change number) of the stories changed after change ``seq``."""
        rows = self._conn.execute(f"SELECT {STATE_COLUMNS}, seq FROM stories WHERE seq > ?", (seq,))
        return [(story_state(row[:-1]), row[-1]) for row in rows]

    def _state_of(self, story_id: str) -> StoryState:
        row = self._conn.execute(f"SELECT {STATE_COLUMNS} FROM stories WHERE id = ?", (int(story_id),)).fetchone()
        return story_state(row)

    def _articles_in_order(self, story_id: str) -> list[tuple[Any, ...]]:
        """(title, text, date, source, copy_of) of a story's articles, in the order they were stored."""
        return self._conn.execute("SELECT title, text, date, source, copy_of FROM articles WHERE story_id = ?"
                                  " ORDER BY rowid", (int(story_id),)).fetchall()

    def _stories_snapshot(self, story_ids: Sequence[str]) -> tuple[int, list[SnapshotRow]]:
        """(change counter, rows of (id, story, title, text, date)) of the original articles of the
        given stories, in the order they were stored."""

        def read(conn: sqlite3.Connection) -> list[SnapshotRow]:
            rows: list[SnapshotRow] = []
            for chunk in _chunks([int(story) for story in story_ids]):
                rows += conn.execute("SELECT id, story_id, title, text, date, rowid FROM articles"
                                     f" WHERE copy_of IS NULL AND story_id IN ({_marks(chunk)})", chunk).fetchall()
            return [row[:5] for row in sorted(rows, key=lambda row: row[5])]

        return self._read_snapshot(read)

    def _regroup_snapshot(self, since: str | None) -> tuple[int, list[SnapshotRow]]:
        """(change counter, rows of (id, story, title, text, date)) of the original articles in scope,
        in the order they were stored, read in one snapshot."""
        query = ("SELECT a.id, a.story_id, a.title, a.text, a.date FROM articles a JOIN stories s ON s.id = a.story_id"
                 " WHERE a.copy_of IS NULL AND s.article_count > 0")
        params: tuple[Any, ...] = ()
        if since:
            query += " AND s.last_date >= ?"
            params = (since,)
        return self._read_snapshot(lambda conn: conn.execute(query + " ORDER BY a.rowid", params).fetchall())

    # ------------------------------------------------------------------ the service's writes
    # (each inside a transaction the service opened)

    def _next_seq(self) -> int:
        """Raise the change counter: the number of this change."""
        seq = self._seq() + 1
        self._conn.execute("UPDATE meta SET value = ? WHERE key = 'seq'", (str(seq),))
        return seq

    def _new_story(self) -> str:
        return str(self._conn.execute("INSERT INTO stories (updated_at) VALUES (?)", (now(),)).lastrowid)

    def _insert_article(self, article: Article, article_id: str, input_key: str, content_hash: str, story_id: str,
                        copy_of: str | None, bands: Sequence[int]) -> None:
        """The article's row, and its LSH bands (``dedup.band_keys``) when it is an original."""
        self._conn.execute(
            "INSERT INTO articles (id, input_key, content_hash, story_id, copy_of, title, text, source, date, url, path,"
            " author, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, input_key, content_hash, int(story_id), copy_of, article.title, article.text,
             source_of(article), article.date, article.url, article.path, article.author, now()),
        )
        if not copy_of:
            self._conn.executemany("INSERT INTO lsh_bands VALUES (?, ?)", [(b, article_id) for b in bands])

    def _count_in_story(self, story: StoryState, article: Article, is_copy: bool, seq: int) -> None:
        """The story's row once ``article`` is counted in it (``story`` already holds its vector)."""
        row = self._conn.execute("SELECT title, title_date, sources FROM stories WHERE id = ?",
                                 (int(story.id),)).fetchone()
        title, title_date = better_title(row[0], row[1], article)
        sources = loads(row[2])
        source = source_of(article)
        if source and source not in sources:
            sources.append(source)
        self._conn.execute(
            "UPDATE stories SET title = ?, title_date = ?, sources = ?, article_count = article_count + ?,"
            " copy_count = copy_count + ?, first_date = ?, last_date = ?, updated_at = ?, centroid = ?, seq = ?"
            " WHERE id = ?",
            (title, title_date, json.dumps(sources), 0 if is_copy else 1, 1 if is_copy else 0, story.first_date,
             story.last_date, now(), centroid_json(story), seq, int(story.id)),
        )

    def _rewrite_story(self, story: StoryState, title: str | None, title_date: str | None, sources: Sequence[str],
                       copies: int, seq: int) -> None:
        """A story's whole row, recomputed by the service (it is no longer merged into another)."""
        self._conn.execute(
            "UPDATE stories SET title = ?, title_date = ?, sources = ?, article_count = ?, copy_count = ?,"
            " first_date = ?, last_date = ?, updated_at = ?, centroid = ?, seq = ?, merged_into = NULL WHERE id = ?",
            (title, title_date, json.dumps(list(sources)), story.size, copies, story.first_date, story.last_date, now(),
             centroid_json(story), seq, int(story.id)),
        )

    def _move_articles(self, story_of: Sequence[tuple[str, str]]) -> None:
        """Move each (article, story) pair's article, and its copies, to the story."""
        self._conn.executemany("UPDATE articles SET story_id = ? WHERE id = ? OR copy_of = ?",
                               [(int(story), article, article) for article, story in story_of])

    def _mark_merged(self, merged: Sequence[tuple[str, str]], seq: int) -> None:
        """Empty each (story, merged into) pair's story and point it at the story that took its articles."""
        self._conn.executemany(
            "UPDATE stories SET article_count = 0, copy_count = 0, sources = '[]', centroid = '{}',"
            " first_date = NULL, last_date = NULL, updated_at = ?, seq = ?, merged_into = ? WHERE id = ?",
            [(now(), seq, int(into), int(story)) for story, into in merged])

    def _add_terms(self, df_delta: Counter[str], n_delta: int) -> None:
        """Add new document frequencies to the file (summed, so writers do not clash)."""
        self._conn.executemany(
            "INSERT INTO terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            df_delta.items(),
        )
        self._conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'n_docs'", (n_delta,))
