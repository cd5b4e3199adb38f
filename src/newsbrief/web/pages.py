"""HTML pages: the stories (and regrouping them), a story's brief, adding articles and its progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from .adding import ItemResult, items_from_form, run_job
from .app import STATIC, WebState, render_page, web_state
from .security import CSRF_FIELD, check_form_post, check_same_origin, csrf_token, set_csrf_cookie, size_text
from .stories import SORTS, StoredBrief, find_story, list_stories, regroup_stories, story_brief, version_of

router = APIRouter(include_in_schema=False)

# How many files one form may upload; a story folder rarely has more than a few dozen.
MAX_FILES = 200
# Stories listed on one page: a screenful of scrolling; the search narrows the rest.
PAGE_STORIES = 200
# Briefs built ahead after a form add: a few, so a bulk upload does not fill the CPU
# with briefs nobody opens (one brief takes seconds).
WARM_STORIES = 3


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, q: str = "", sort: str = "updated", regrouped: str = "") -> Response:
    state = web_state(request)
    sort = sort if sort in dict(SORTS) else "updated"
    stories, total = list_stories(state.stores.reader(), q, sort)
    token, new = csrf_token(request)
    response = render_page(
        "stories.html.j2", stories=stories[:PAGE_STORIES], matching=len(stories), total=total, query=q, sort=sort,
        sorts=SORTS, csrf_token=token, notice=regroup_notice(regrouped),
    )
    if new:
        set_csrf_cookie(response, token)
    return response


@router.post("/regroup")
async def regroup_submit(request: Request) -> Response:
    """The stories page's "Regroup stories" button: `newsbrief regroup`, then back to the list."""
    check_same_origin(request)
    async with request.form(max_files=0, max_fields=5) as form:
        check_form_post(request, _text(form.get(CSRF_FIELD)))
    result = await regroup_stories(web_state(request), None, True)
    counts = f"{result.moved}.{len(result.merged)}.{len(result.created)}"
    return RedirectResponse(f"/?regrouped={counts}", status_code=303)


def regroup_notice(regrouped: str) -> str | None:
    """The line the stories page shows after a regrouping ("moved.merged.created" counts)."""
    try:
        moved, merged, created = (int(part) for part in regrouped.split("."))
    except ValueError:
        return None
    return (f"Regrouped: {_count(moved, 'article')} moved, {_count(merged, 'story', 'stories')} merged into others "
            f"(their links still work), {_count(created, 'new story', 'new stories')}.")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: str) -> Response:
    story = await found_story(request, story_id)
    if story.id != story_id:  # `newsbrief regroup` merged it into another story: its page now
        return RedirectResponse(f"/stories/{story.id}", status_code=301)
    stored = await brief_of(request, story)
    return HTMLResponse(stored.page)


async def stored_brief(request: Request, story_id: str) -> StoredBrief:
    """The cached brief of a story's current version (built on first use, off the event loop)."""
    return await brief_of(request, await found_story(request, story_id))


async def found_story(request: Request, story_id: str) -> Any:
    """The story (or the one it was merged into), else a 404."""
    state = web_state(request)
    story = await run_in_threadpool(lambda: find_story(state.stores.reader(), story_id))
    if story is None:
        raise HTTPException(404, f"no story {story_id!r} in the store: pick one from the stories list")
    return story


async def brief_of(request: Request, story: Any) -> StoredBrief:
    state = web_state(request)
    return await state.briefs.get(version_of(story), partial(story_brief, state.stores.reader(), story))


def warm_briefs(state: WebState, results: Sequence[ItemResult]) -> None:
    """Start building the briefs of the stories an add from the form touched most: the
    reader is looking at the job page and about to open one of them."""
    touched = Counter(r.story for r in results if r.story and r.status != "skipped")
    reader = state.stores.reader()
    for story_id, _ in touched.most_common(WARM_STORIES):
        story = find_story(reader, story_id)
        if story is not None:
            state.briefs.future(version_of(story), partial(story_brief, reader, story))


@router.get("/favicon.ico")
def favicon() -> Response:
    # Browsers ask for /favicon.ico whatever the page says; answer with the app's icon.
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> Response:
    token, new = csrf_token(request)
    limit = size_text(web_state(request).max_body)
    response = render_page("add.html.j2", csrf_token=token, limit=limit)
    if new:
        set_csrf_cookie(response, token)
    return response


@router.post("/add")
async def add_submit(request: Request) -> Response:
    state = web_state(request)
    check_same_origin(request)  # before reading a body another site may have sent
    # Fields may be as large as the whole request (pasted text); BodyLimit bounds the total.
    async with request.form(max_files=MAX_FILES, max_fields=20, max_part_size=state.max_body) as form:
        check_form_post(request, _text(form.get(CSRF_FIELD)))
        files = [(f.filename or "", await f.read()) for f in form.getlist("files") if isinstance(f, UploadFile)]
        items = items_from_form(_text(form.get("urls")), _text(form.get("text")), files)
    if not items:
        raise HTTPException(400, "nothing to add: give links, paste text or choose files")
    job = state.jobs.new(len(items))
    state.add_pool.submit(run_job, job, items, state.stores.writer, state.allow_private, partial(warm_briefs, state))
    return RedirectResponse(f"/add/jobs/{job.id}", status_code=303)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@router.get("/add/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> Response:
    job = web_state(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such add job (the server may have restarted): add the articles again")
    return render_page("job.html.j2", job=job.to_dict())
