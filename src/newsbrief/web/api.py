"""The JSON API under /api/: stories, a story's brief, adding articles, regrouping (see /openapi.json).

A story's brief is the JSON of `newsbrief brief --story ID --format json`, byte for byte
(schema: docs/brief-schema.md). A story whose brief cannot be built at all answers 422 with
``{"detail": "story ID: its brief could not be built: REASON", "story": ID, "reason": REASON}``
(the story exists, its content is what cannot be processed; the same story answers the same
until an article joins it). Posts take only ``application/json`` bodies.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from .adding import add_items, items_from_json
from .maintenance import regroup_stories
from .security import check_json_post
from .state import web_state
from .stories import SORT_ALIASES, SORTS, Query, checked_day, list_stories
from .story_pages import stored_brief, warm_briefs

router = APIRouter(prefix="/api", tags=["api"])


class StoryOut(BaseModel):
    id: str
    title: str | None
    article_count: int = Field(description="distinct articles in the story")
    copy_count: int = Field(description="copies of those articles carried by other outlets")
    sources: list[str]
    first_date: str | None = Field(description="date of the earliest article, YYYY-MM-DD")
    last_date: str | None = Field(description="date of the latest article, YYYY-MM-DD")
    updated_at: str = Field(description="UTC time an article last joined the story")


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="the article body")
    title: str | None = None
    date: str | None = Field(None, description="publication date, preferably YYYY-MM-DD")
    url: str | None = None
    source: str | None = Field(None, description="the outlet; taken from the URL when missing")
    author: str | None = None


class AddIn(BaseModel):
    urls: list[str] = Field(default_factory=list, description="article pages or RSS/Atom feeds")
    articles: list[ArticleIn] = Field(default_factory=list)


class ResultOut(BaseModel):
    input: str
    status: str = Field(description="stored | duplicate | skipped")
    reason: str | None = None
    title: str | None = None
    article: str | None = None
    story: str | None = Field(None, description="id of the story the article joined")
    story_title: str | None = None


class AddOut(BaseModel):
    results: list[ResultOut]


class JobOut(BaseModel):
    id: str
    total: int
    finished: int
    done: bool
    error: str | None
    results: list[ResultOut]


class RegroupIn(BaseModel):
    since: str | None = Field(None, description="only stories with news on or after this date, YYYY-MM-DD")
    embed: bool = Field(True, description="use the sentence embeddings (slower; bare headlines need them)")


class MergeOut(BaseModel):
    story: str = Field(description="a story left empty: its id still leads to the story it went into")
    into: str


class RegroupOut(BaseModel):
    articles: int = Field(description="original articles regrouped (copies follow them)")
    stories_before: int
    stories_after: int
    moved: int = Field(description="articles now in another story")
    merged: list[MergeOut]
    created: list[str] = Field(description="ids of new stories")
    embeddings: bool


BRIEF_RESPONSE = {
    200: {
        "description": "The brief, as `newsbrief brief --story ID --format json` prints it (docs/brief-schema.md).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
    404: {"description": "No such story."},
    422: {
        "description": "The story exists but its brief could not be built: `detail` says why "
        "(also in `reason`); tried again when an article joins the story.",
        "content": {"application/json": {"schema": {"type": "object", "properties": {
            "detail": {"type": "string"}, "story": {"type": "string"}, "reason": {"type": "string"}}}}},
    },
}


@router.get("/stories", response_model=list[StoryOut])
def api_stories(request: Request, q: str = "", sort: str = "", since: str = "", until: str = "", outlet: str = "",
                entity: str = "") -> list[dict]:
    """Stories whose articles match every word of `q` (full text; best match first), with news between
    `since` and `until` (YYYY-MM-DD), from `outlet`, naming `entity`; sorted by `sort`: latest news
    (`news`, the default without `q`), `relevance`, `size` or `added` (`updated`: the same)."""
    if sort and sort not in dict(SORTS) and sort not in SORT_ALIASES:
        raise HTTPException(422, f"sort must be one of {', '.join([*dict(SORTS), *SORT_ALIASES])}, not {sort!r}")
    try:
        query = Query(q, sort, checked_day(since, "since"), checked_day(until, "until"), outlet, entity)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    stories, _, _ = list_stories(web_state(request).stores.reader(), query)
    return [s.to_dict() for s in stories]


@router.get("/changes")
def api_changes(request: Request) -> dict:
    """How many stories there are and when an article last joined one: poll it to learn that
    the list changed (the stories page does, to offer the new stories)."""
    rows = web_state(request).stores.reader().stories()
    return {"stories": len(rows), "latest": max((r.updated_at for r in rows), default=None)}


@router.get("/stories/{story_id}", responses=BRIEF_RESPONSE, response_class=Response)
async def api_story_brief(request: Request, story_id: str) -> Response:
    """The cited brief of one story: summary, timeline, quotes, entities, conflicts, articles."""
    stored = await stored_brief(request, story_id)
    if stored.json is None:
        detail = f"story {stored.story.id}: its brief could not be built: {stored.error}"
        return JSONResponse({"detail": detail, "story": stored.story.id, "reason": stored.error}, status_code=422)
    return Response(stored.json, media_type="application/json")


@router.post("/add", response_model=AddOut, dependencies=[Depends(check_json_post)])
async def api_add(request: Request, body: AddIn) -> dict:
    """Fetch `urls` (same rules as `newsbrief add`) and store `articles`; one result per
    article stored or recognised as a duplicate, or per input skipped."""
    state = web_state(request)
    items = items_from_json(body.urls, [a.model_dump(exclude_none=True) for a in body.articles])
    if not items:
        raise HTTPException(422, "nothing to add: give `urls` and/or `articles`")
    future = state.add_pool.submit(lambda: add_items(items, state.stores.writer(), state.allow_private))
    results = await asyncio.wrap_future(future)
    warm_briefs(state, list(dict.fromkeys(r.story for r in results if r.story and r.status != "skipped")))
    return {"results": [r.to_dict() for r in results]}


@router.post("/regroup", response_model=RegroupOut, dependencies=[Depends(check_json_post)])
async def api_regroup(request: Request, body: RegroupIn) -> dict:
    """Cluster the stored stories again with the batch method and move their articles, as
    `newsbrief regroup` does (one transaction; ids of merged stories keep working)."""
    result = await regroup_stories(web_state(request), body.since, body.embed)
    return result.to_dict()


@router.get("/jobs/{job_id}", response_model=JobOut)
def api_job(request: Request, job_id: str) -> dict:
    """Progress of an add started from the /add page."""
    job = web_state(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such add job (the server may have restarted)")
    return job.to_dict()
