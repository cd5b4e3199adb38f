"""A story's page, never a blank wait: its brief when built, else its articles while the brief is
prepared in the background.

Where a story's brief comes from, fastest first:
    1. the app's memory (``SingleFlightCache``, keyed by the story version);
    2. the store (``briefs`` table): the JSON saved by the last build, kept across restarts; it is
       current when saved from the story's present version, else stale (articles came since);
    3. a build in the brief pool (``build_and_keep``), which saves the JSON in the store.
A page whose brief is not current answers at once: the stale brief with a notice, or the story's
articles with a "brief being prepared" notice; ``static/app.js`` asks ``/api/stories/ID/status``
until the brief is ready and then reloads the page.

A brief that fails to build gives the reason and a page listing the articles. It is cached in memory
like a brief (the failing work is not repeated on every view) and tried again when the story changes.
A store that cannot be read is not such a failure: its StoreError goes on (503, and nothing cached).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import StoreError
from ..model import Article, Brief
from .state import WebState, web_state
from .stories import Stores, find_story, version_of
from .story_view import story_view
from .views import templates

router = APIRouter()

# The reason a brief failed, as shown on its page and in the API's answer: one readable line.
MAX_REASON_CHARS = 300

log = logging.getLogger("newsbrief.web")


@dataclass(frozen=True, slots=True)
class StoredBrief:
    story: Any  # the StoryRow it was built from
    brief: Brief | None  # None: it could not be built (see ``error``), or it is not ready yet
    json: str | None
    page: str
    error: str | None = None  # why the brief could not be built
    current: bool = True  # built from the story as it is now


def saved_version(story: Any) -> str:
    """The version a saved brief is kept under: the story's, and the brief format's (a newer
    newsbrief rebuilds the briefs an older one saved)."""
    from .. import __version__
    from ..model import SCHEMA_VERSION

    _, updated, articles, copies = version_of(story)
    return f"{updated}|{articles}|{copies}|{__version__}|{SCHEMA_VERSION}"


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
async def story_page(request: Request, story_id: str) -> Response:
    story = await found_story(request, story_id)
    if story.id != story_id:  # `newsbrief regroup` merged it into another story: its page now
        return RedirectResponse(f"/stories/{story.id}", status_code=301)
    state = web_state(request)
    known = await known_brief(state, story)
    if known is not None and known.current:
        return HTMLResponse(known.page)
    start_building(state, story)
    if known is not None:  # a stale brief, with its notice, beats none
        return HTMLResponse(known.page)
    return HTMLResponse(await run_in_threadpool(partial(waiting_page, state.stores.reader(), story)))


@router.get("/api/stories/{story_id}/status", tags=["api"])
async def story_status(request: Request, story_id: str) -> dict:
    """Whether the brief of the story as it is now is ready (``ready``); asking starts its build."""
    story = await found_story(request, story_id)
    state = web_state(request)
    ready = state.briefs.peek(version_of(story)) is not None
    if not ready:  # the version the store kept is enough to tell (the page renders it on reload)
        saved = await run_in_threadpool(lambda: state.stores.reader().saved_brief(story.id))
        ready = saved is not None and saved[0] == saved_version(story)
    if not ready:
        start_building(state, story)
    return {"story": story.id, "ready": ready}


async def found_story(request: Request, story_id: str) -> Any:
    """The story (or the one it was merged into), else a 404."""
    state = web_state(request)
    story = await run_in_threadpool(lambda: find_story(state.stores.reader(), story_id))
    if story is None:
        raise HTTPException(404, f"no story {story_id!r} in the store: pick one from the stories list")
    return story


async def stored_brief(request: Request, story_id: str) -> StoredBrief:
    """The brief of the story as it is now, waiting for its build if need be (the JSON API)."""
    state = web_state(request)
    story = await found_story(request, story_id)
    known = await known_brief(state, story)
    if known is not None and known.current:
        return known
    return await state.briefs.get(version_of(story), partial(build_and_keep, state.stores, story))


async def known_brief(state: WebState, story: Any) -> StoredBrief | None:
    """The story's brief from memory, else the one the store kept (current or stale), without building."""
    key = version_of(story)
    done = state.briefs.peek(key)
    if done is not None:
        return done
    saved = await run_in_threadpool(partial(saved_brief, state.stores.reader(), story))
    if saved is not None and saved.current:
        state.briefs.put(key, saved)
    return saved


def start_building(state: WebState, story: Any) -> None:
    state.briefs.future(version_of(story), partial(build_and_keep, state.stores, story))


def saved_brief(store: Any, story: Any) -> StoredBrief | None:
    """The brief the store kept for the story (current or stale), rendered; None if none is usable."""
    saved = store.saved_brief(story.id)
    if saved is None:
        return None
    version, text = saved
    try:
        brief = Brief.from_dict(json.loads(text))
    except (ValueError, KeyError, TypeError):
        log.warning("story %s: the saved brief cannot be read; it is built again", story.id)
        return None
    articles = store.articles_of_story(story.id)
    brief = with_texts(brief, articles)
    current = version == saved_version(story)
    return StoredBrief(story, brief, text, story_page_html(brief, story, articles, stale=not current), current=current)


def with_texts(brief: Brief, articles: list[Article]) -> Brief:
    """The brief with its articles' text, as the pipeline cleaned it (the spans point into it)."""
    from ..clean import clean_article

    texts = {a.id: a for a in articles}
    return replace(brief, articles=tuple(
        replace(a, text=clean_article(texts[a.id]).text) if a.id in texts else a for a in brief.articles))


def build_and_keep(stores: Stores, story: Any) -> StoredBrief:
    """Brief a stored story exactly as `newsbrief brief --story ID` does (default settings) and keep
    its JSON in the store; a brief that cannot be built gives the page that says why."""
    store = stores.reader()
    articles = store.articles_of_story(story.id)
    try:
        built = _built_brief(story, articles)
    except Exception as error:  # noqa: BLE001 - one story's failure must not become a 500
        log.exception("story %s: the brief could not be built", story.id)
        return _failed_brief(story, articles, _reason(error))
    try:
        stores.writer().save_brief(story.id, saved_version(story), built.json)
    except StoreError as error:  # a read-only store still shows briefs: built again next run
        log.warning("story %s: the brief was not saved: %s", story.id, error)
    return built


def _built_brief(story: Any, articles: list[Article]) -> StoredBrief:
    from ..config import BriefConfig
    from ..pipeline import build_brief
    from ..render import render_json

    brief = build_brief(articles, BriefConfig())
    return StoredBrief(story, brief, render_json(brief), story_page_html(brief, story, articles))


def story_page_html(brief: Brief, story: Any, articles: list[Article], stale: bool = False) -> str:
    view = story_view(brief, articles)
    return templates().get_template("story.html.j2").render(view=view, story=story, stale=stale)


def waiting_page(store: Any, story: Any) -> str:
    """The story's articles, and a notice that its brief is being prepared."""
    from .story_view import sources_of

    articles = store.articles_of_story(story.id)
    return templates().get_template("story_waiting.html.j2").render(
        story=story, sources=sources_of(articles))


def _failed_brief(story: Any, articles: list[Article], reason: str) -> StoredBrief:
    from .story_view import sources_of

    page = templates().get_template("story_failed.html.j2").render(
        story=story, sources=sources_of(articles), reason=reason)
    return StoredBrief(story, None, None, page, error=reason)


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or "no message"
    text = f"{type(error).__name__}: {text}"
    return text if len(text) <= MAX_REASON_CHARS else text[: MAX_REASON_CHARS - 3] + "..."


def warm_briefs(state: WebState, story_ids: list[str]) -> None:
    """Start building the briefs of stories that just changed, so a reader finds them ready."""
    reader = state.stores.reader()
    for story_id in story_ids:
        story = find_story(reader, story_id)
        if story is not None and version_of(story) not in state.briefs:
            start_building(state, story)
