"""The story store as the pages and the API see it (the only web module that talks to ``Store``).

    Stores         one shared reading connection, one writing connection for the add thread
    list_stories   search titles, sort by last update or size
    find_story     one story row, or None (also for ids that are not story ids)
    version_of     the key of a story's cached brief: changes whenever an article joins
    story_brief    a stored story's brief, its JSON (as `newsbrief brief --story ID --format json`)
                   and its rendered page

Rows are the store's own ``StoryRow``: the API lists stories with the same fields
as `newsbrief stories --format json`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..model import Brief

if TYPE_CHECKING:
    from ..store import Store, StoryRow

SORTS = (("updated", "last update"), ("size", "size"))


class Stores:
    """Open store connections, made on first use and closed with the app.

    The store serialises its methods with a lock, so page requests share one reader;
    adds run on a single worker thread with their own connection, which keeps the
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


def list_stories(store: Store, query: str = "", sort: str = "updated") -> tuple[list[StoryRow], int]:
    """Stories whose title contains every word of ``query``, and how many stories there are."""
    rows = store.stories()
    words = query.lower().split()
    found = [r for r in rows if all(w in (r.title or "").lower() for w in words)]
    if sort == "size":
        found.sort(key=lambda r: (r.article_count, r.copy_count, r.updated_at), reverse=True)
    else:
        found.sort(key=lambda r: (r.updated_at, int(r.id)), reverse=True)
    return found, len(rows)


def find_story(store: Store, story_id: str) -> StoryRow | None:
    try:
        return store.story(story_id)
    except StoreError:  # not a story id at all: as good as missing
        return None


def version_of(story: StoryRow) -> tuple[str, str, int, int]:
    # updated_at has one-second resolution; the counts tell two adds within a second apart.
    return (story.id, story.updated_at, story.article_count, story.copy_count)


@dataclass(frozen=True, slots=True)
class StoredBrief:
    story: Any  # the StoryRow it was built from
    brief: Brief
    json: str
    page: str


def story_brief(store: Store, story: StoryRow) -> StoredBrief:
    """Brief a stored story exactly as `newsbrief brief --story ID` does (default settings)."""
    from ..config import BriefConfig
    from ..pipeline import build_brief
    from ..render import render_json
    from ..render.html import brief_view
    from .app import templates

    brief = build_brief(store.articles_of_story(story.id), BriefConfig())
    page = templates().get_template("story.html.j2").render(view=brief_view(brief), story=story)
    return StoredBrief(story, brief, render_json(brief), page)


async def regroup_stories(state: Any, since: str | None, embed: bool) -> Any:
    """``Store.regroup`` on the writer, in the pool that serialises the app's writes; a bad
    ``since`` is a 422."""
    import asyncio
    from datetime import date

    from fastapi import HTTPException

    if since:
        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            raise HTTPException(422, f"since must be a date YYYY-MM-DD, not {since!r}") from None
    future = state.add_pool.submit(lambda: state.stores.writer().regroup(since=since or None, embed=embed))
    return await asyncio.wrap_future(future)
