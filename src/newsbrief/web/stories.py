"""The story store as the pages and the API see it (the only web module that talks to ``Store``).

    Stores         one shared reading connection, one writing connection for the writer thread
    Query          what a reader asks of the story list: words, sort, dates, outlet, entity
    list_stories   the stories that answer a Query, sorted
    story_items    rows ready for the list: headline, one-line lead, outlets, the search passage
    find_story     one story row, or None (also for ids that are not story ids)
    version_of     the key of a story's brief: changes whenever an article joins or leaves

Rows are the store's own ``StoryRow``: the API lists stories with the same fields
as `newsbrief stories --format json`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import StoreError
from .views import headline

if TYPE_CHECKING:
    from ..store import SearchHit, Store, StoryRow

# Sort orders of the list: (value, label). "updated" is the old name of "added", still accepted.
SORTS = (("news", "latest news"), ("relevance", "best match"), ("size", "most articles"), ("added", "recently added"))
SORT_ALIASES = {"updated": "added"}


class Stores:
    """Open store connections, made on first use and closed with the app.

    The store serialises its methods with a lock, so page requests share one reader;
    writes run on a single worker thread with their own connection, which keeps the
    clustering state loaded between requests instead of reloading it every time."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._reader: Store | None = None
        self._writer: Store | None = None
        self._lock = threading.Lock()

    def reader(self) -> Store:
        with self._lock:
            if self._reader is None:
                self._reader = _open(self.db_path)
            return self._reader

    def writer(self) -> Store:
        with self._lock:
            if self._writer is None:
                self._writer = _open(self.db_path)
            return self._writer

    def close(self) -> None:
        with self._lock:
            for store in (self._reader, self._writer):
                if store is not None:
                    store.close()
            self._reader = self._writer = None


def _open(db_path: str) -> Store:
    from ..store import Store

    return Store.open(db_path)


@dataclass(frozen=True, slots=True)
class Query:
    text: str = ""
    sort: str = ""  # "" : best match when searching, else latest news
    since: str | None = None  # stories with news on or after this day (YYYY-MM-DD)
    until: str | None = None  # ... and on or before this one
    outlet: str = ""
    entity: str = ""  # a name the story's articles mention

    @property
    def order(self) -> str:
        sort = SORT_ALIASES.get(self.sort, self.sort)
        if sort in dict(SORTS) and (sort != "relevance" or self.text.strip()):
            return sort
        return "relevance" if self.text.strip() else "news"

    @property
    def filtered(self) -> bool:
        return bool(self.text.strip() or self.since or self.until or self.outlet or self.entity.strip())


def checked_day(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD day from a form or query field ("" is none); ValueError names the field."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def list_stories(store: Store, query: Query) -> tuple[list[StoryRow], dict[str, SearchHit], list[StoryRow]]:
    """(the stories answering ``query`` in its order, the search hit of each when searching,
    every story of the store)."""
    rows = store.stories()
    hits: dict[str, SearchHit] = {}
    if query.text.strip():
        hits = {hit.story.id: hit for hit in store.search(query.text)}
    found = [r for r in rows if _kept(r, query, hits)]
    if query.entity.strip():
        named = {hit.story.id for hit in store.search(f'"{query.entity}"')}
        found = [r for r in found if r.id in named]
    return _sorted(found, query.order, hits), hits, rows


def _kept(row: StoryRow, query: Query, hits: dict[str, SearchHit]) -> bool:
    if query.text.strip() and row.id not in hits:
        return False
    if query.outlet and query.outlet not in row.sources:
        return False
    if query.since and not (row.last_date and row.last_date >= query.since):
        return False
    return not (query.until and not (row.first_date and row.first_date <= query.until))


def _sorted(rows: list[StoryRow], order: str, hits: dict[str, SearchHit]) -> list[StoryRow]:
    if order == "relevance":
        rank = {story_id: n for n, story_id in enumerate(hits)}
        return sorted(rows, key=lambda r: rank[r.id])
    if order == "size":
        return sorted(rows, key=lambda r: (r.article_count, r.copy_count, r.last_date or ""), reverse=True)
    if order == "added":
        return sorted(rows, key=lambda r: (r.updated_at, int(r.id)), reverse=True)
    # latest news first; undated stories last, the most recently added of them first
    return sorted(rows, key=lambda r: (r.last_date is not None, r.last_date or "", r.updated_at), reverse=True)


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One line of the story list."""

    row: StoryRow
    headline: str
    lead: str
    outlets: tuple[tuple[str, int], ...]  # (outlet, articles), most first
    passage: str | None = None  # the best matching passage when searching
    matches: int = 0  # articles that match the search


def story_items(store: Store, rows: list[StoryRow], hits: dict[str, SearchHit]) -> list[StoryItem]:
    cards = store.story_cards([r.id for r in rows])
    items = []
    for row in rows:
        card = cards.get(row.id)
        lead = card.lead if card else ""
        hit = hits.get(row.id)
        title, line = headline(row.title, lead)
        items.append(StoryItem(row, title, line, card.outlets if card else (), hit.passage if hit else None,
                               hit.matches if hit else 0))
    return items


def outlets_of(rows: list[StoryRow]) -> list[str]:
    """Every outlet of the listed stories, for the outlet filter."""
    return sorted({source for row in rows for source in row.sources}, key=str.lower)


def find_story(store: Store, story_id: str) -> StoryRow | None:
    try:
        return store.story(story_id)
    except StoreError:  # not a story id at all: as good as missing
        return None


def version_of(story: StoryRow) -> tuple[str, str, int, int]:
    # updated_at has one-second resolution; the counts tell two adds within a second apart.
    return (story.id, story.updated_at, story.article_count, story.copy_count)
