"""The story store as the pages and the API see it (the only web module that talks to ``Store``).

    Stores         one shared reading connection, one writing connection for the add thread
    list_stories   search titles, sort by last update or size
    find_story     one story row, or None (also for ids that are not story ids)
    version_of     the key of a story's cached brief: changes whenever an article joins
    story_brief    a stored story's brief, its JSON (as `newsbrief brief --story ID --format json`)
                   and its rendered page; when the brief cannot be built, the reason and a page
                   listing the story's articles instead (a story never answers 500)

Rows are the store's own ``StoryRow``: the API lists stories with the same fields
as `newsbrief stories --format json`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..model import Brief

if TYPE_CHECKING:
    from ..store import Store, StoryRow

SORTS = (("updated", "last update"), ("size", "size"))
# The reason a brief failed, as shown on its page and in the API's answer: one readable line.
MAX_REASON_CHARS = 300

log = logging.getLogger("newsbrief.web")


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
    brief: Brief | None  # None: it could not be built (see ``error``)
    json: str | None
    page: str
    error: str | None = None  # why the brief could not be built


def story_brief(store: Store, story: StoryRow) -> StoredBrief:
    """Brief a stored story exactly as `newsbrief brief --story ID` does (default settings).

    A brief that fails to build (a bug, an article no stage can take) gives the reason and a
    page listing the articles. It is cached like a brief, so the failing work is not repeated on
    every view; it is tried again when the story changes. A store that cannot be read is not
    such a failure: its StoreError goes on (503, and nothing cached)."""
    articles = store.articles_of_story(story.id)
    try:
        return _built_brief(story, articles)
    except Exception as error:  # noqa: BLE001 - one story's failure must not become a 500
        log.exception("story %s: the brief could not be built", story.id)
        return _failed_brief(story, articles, _reason(error))


def _built_brief(story: StoryRow, articles: list) -> StoredBrief:
    from ..config import BriefConfig
    from ..pipeline import build_brief
    from ..render import render_json
    from ..render.html import brief_view
    from .app import templates

    brief = build_brief(articles, BriefConfig())
    page = templates().get_template("story.html.j2").render(view=brief_view(brief), story=story)
    return StoredBrief(story, brief, render_json(brief), page)


def _failed_brief(story: StoryRow, articles: list, reason: str) -> StoredBrief:
    from .app import templates

    page = templates().get_template("story_failed.html.j2").render(story=story, articles=articles, reason=reason)
    return StoredBrief(story, None, None, page, error=reason)


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or "no message"
    text = f"{type(error).__name__}: {text}"
    return text if len(text) <= MAX_REASON_CHARS else text[: MAX_REASON_CHARS - 3] + "..."


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
