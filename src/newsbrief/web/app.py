"""The FastAPI application: ``create_app(db_path)`` wires pages, API and safety nets.

    app.py          the factory: state, middleware, routers, error pages
    state.py        WebState: what the routers need (imported by them, never from here)
    views.py        templates and shared wordings (counts, news dates, leads)
    pages.py        HTML pages: the stories and search, adding articles
    story_pages.py  a story's page: its brief, or its articles while the brief is prepared
    maintenance.py  regrouping the stories and updating the followed feeds, with progress
    feeds.py        Atom feeds of the stories and of each story
    api.py          the JSON API under /api/ (described at /openapi.json)
    briefs.py       briefs cached per story version, built in a thread pool
    adding.py       reading and storing what the user adds, with progress
    stories.py      the story store as the pages and the API see it
    security.py     CSP and other headers, size limit, cross-site request checks
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NewsbriefError, StoreError
from . import api, feeds, maintenance, pages, story_pages
from .briefs import SingleFlightCache
from .security import MAX_BODY_BYTES, SECURITY_HEADERS, BodyLimit, HostCheck, SecurityHeaders
from .state import WebState
from .stories import Stores
from .views import STATIC, render_page

# The names of this machine a browser may use for a server bound to loopback.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
# Building a brief is CPU-bound Python: more threads than cores only add contention.
BRIEF_WORKERS = max(1, min(2, os.cpu_count() or 1))


def create_app(
    db_path: str | os.PathLike[str],
    allow_private: bool = False,
    max_body: int = MAX_BODY_BYTES,
    allowed_hosts: Iterable[str] | None = None,
    refresh_seconds: float | None = None,
) -> FastAPI:
    """The web app over the story database at ``db_path``.

    ``allow_private`` lets added URLs reach loopback and private addresses (as
    ``newsbrief add --allow-private``); ``max_body`` caps request bodies (413 above it);
    ``allowed_hosts`` (e.g. ``LOOPBACK_NAMES``) are the only Host names answered (None: any);
    ``refresh_seconds``: update the followed feeds at start and then this often (None: never).
    """
    brief_pool = ThreadPoolExecutor(BRIEF_WORKERS, thread_name_prefix="newsbrief-brief")
    # One writer at a time: adds are serialized instead of contending for the SQLite lock.
    add_pool = ThreadPoolExecutor(1, thread_name_prefix="newsbrief-add")
    stores = Stores(str(db_path))
    state = WebState(stores, allow_private, max_body, SingleFlightCache(brief_pool), brief_pool, add_pool)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        refresher = asyncio.create_task(feeds.refresh_every(state, refresh_seconds)) if refresh_seconds else None
        yield
        if refresher is not None:
            refresher.cancel()
        add_pool.shutdown(wait=True)
        brief_pool.shutdown(wait=True, cancel_futures=True)
        stores.close()

    app = FastAPI(
        title="newsbrief",
        summary="Stories from the newsbrief store and their cited briefs.",
        version=_version(),
        lifespan=lifespan,
        # The interactive docs load scripts from a CDN: neither offline nor allowed by our CSP.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.web = state
    _install_error_pages(app)
    app.add_middleware(BodyLimit, limit=max_body)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # outermost: the 413 and 421 answers get them too
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (api, story_pages, feeds, maintenance, pages):
        app.include_router(module.router)
    return app


def _install_error_pages(app: FastAPI) -> None:
    """Errors as JSON under /api/ and as pages elsewhere, always with a message saying what to do."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _error_response(request, error.status_code, str(error.detail), getattr(error, "headers", None))

    @app.exception_handler(NewsbriefError)
    async def newsbrief_error(request: Request, error: NewsbriefError) -> Response:
        # StoreError: the database is locked, damaged or unwritable; the message says what to do.
        return _error_response(request, 503 if isinstance(error, StoreError) else 500, str(error))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> Response:
        # Starlette answers these outside every middleware (SecurityHeaders included), so the
        # headers are set here; the page is plain, with no template that could fail in turn.
        return _internal_error(request)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": _plain_errors(error.errors())}, status_code=422)
        return _error_response(request, 422, "the form could not be read: fill it in and submit again")


def _error_response(request: Request, status: int, message: str, headers: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    heading = {404: "Not found", 403: "Refused", 413: "Too large", 503: "The story store is unavailable"}.get(
        status, "Something went wrong"
    )
    response = render_page("error.html.j2", status=status, status_code=status, heading=heading, message=message)
    response.headers.update(headers or {})
    return response


def _internal_error(request: Request) -> Response:
    message = "newsbrief failed on this request (a bug: the server log has the details); try again or go back"
    if _wants_json(request):
        response: Response = JSONResponse({"detail": message}, status_code=500)
    else:
        page = (f"<!doctype html><html lang=en><meta charset=utf-8><title>500 · newsbrief</title>"
                f"<h1>Something went wrong</h1><p>{message}.</p><p><a href=\"/\">Back to the stories</a></p></html>")
        response = HTMLResponse(page, status_code=500)
    response.headers.update(SECURITY_HEADERS)
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _plain_errors(errors: Any) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in errors]


def _version() -> str:
    from .. import __version__

    return __version__
