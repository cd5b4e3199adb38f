"""HTML pages: the stories (with search and filters) and adding articles with its progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from .adding import ItemResult, items_from_form, run_job
from .security import CSRF_FIELD, check_form_post, check_same_origin, size_text
from .state import WebState, web_state
from .stories import SORTS, Query, checked_day, list_stories, outlets_of, story_items
from .story_pages import warm_briefs
from .views import STATIC, render_form, render_page

router = APIRouter(include_in_schema=False)

# How many files one form may upload; a story folder rarely has more than a few dozen.
MAX_FILES = 200
# Stories listed on one page: a screenful of scrolling; the search narrows the rest.
PAGE_STORIES = 200
# Briefs built ahead after a form add: the stories it touched most (one brief takes seconds).
WARM_STORIES = 10


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, q: str = "", sort: str = "", since: str = "", until: str = "",
                 outlet: str = "", entity: str = "") -> Response:
    state = web_state(request)
    store = state.stores.reader()
    problem = None
    try:
        query = Query(q, sort, checked_day(since, "From"), checked_day(until, "To"), outlet, entity)
    except ValueError as error:
        query, problem = Query(q, sort, None, None, outlet, entity), str(error)
    rows, hits, every = list_stories(store, query)
    items = story_items(store, rows[:PAGE_STORIES], hits)
    latest = max((r.updated_at for r in every), default="")  # the page's script asks whether it changed
    return render_page("stories.html.j2", items=items, matching=len(rows), total=len(every), latest=latest,
                       query=query, since=since, until=until, sorts=SORTS, outlets=outlets_of(every), problem=problem)


@router.get("/favicon.ico")
def favicon() -> Response:
    # Browsers ask for /favicon.ico whatever the page says; answer with the app's icon.
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> Response:
    return _add_form(request)


def _add_form(request: Request, status: int = 200, problem: str | None = None, urls: str = "",
              text: str = "") -> Response:
    return render_form(request, "add.html.j2", status, limit=size_text(web_state(request).max_body), problem=problem,
                       urls=urls, text=text)


@router.post("/add")
async def add_submit(request: Request) -> Response:
    state = web_state(request)
    check_same_origin(request)  # before reading a body another site may have sent
    # Fields may be as large as the whole request (pasted text); BodyLimit bounds the total.
    async with request.form(max_files=MAX_FILES, max_fields=20, max_part_size=state.max_body) as form:
        check_form_post(request, _text(form.get(CSRF_FIELD)))
        files = [(f.filename or "", await f.read()) for f in form.getlist("files") if isinstance(f, UploadFile)]
        urls, text = _text(form.get("urls")), _text(form.get("text"))
    problem = not_links(urls)
    items = items_from_form(urls, text, files)
    if problem is None and not items:
        problem = "Nothing to add yet: paste a link, paste an article's text, or choose files."
    if problem:
        return _add_form(request, 400, problem, urls, text)
    job = state.jobs.new(len(items))
    state.add_pool.submit(run_job, job, items, state.stores.writer, state.allow_private, partial(_warm, state))
    return RedirectResponse(f"/add/jobs/{job.id}", status_code=303)


def not_links(urls: str) -> str | None:
    """What is wrong with the links box, in plain words: a line that is not a web address."""
    for line in (line.strip() for line in urls.splitlines()):
        if line and not _is_web_address(line):
            shown = line if len(line) <= 60 else line[:57] + "..."
            return (f"“{shown}” is not a link: links start with http:// or https://. "
                    "To add an article's text, paste it in the box below instead.")
    return None


def _is_web_address(line: str) -> bool:
    try:
        parts = urlsplit(line)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in line


def _warm(state: WebState, results: Sequence[ItemResult]) -> None:
    """Start building the briefs of the stories an add from the form touched most: the
    reader is looking at the job page and about to open one of them."""
    touched = Counter(r.story for r in results if r.story and r.status != "skipped")
    warm_briefs(state, [story for story, _ in touched.most_common(WARM_STORIES)])


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@router.get("/add/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> Response:
    job = web_state(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such add job (the server may have restarted): add the articles again")
    return render_page("job.html.j2", job=job.to_dict())
