"""Maintenance, on its own page: regrouping the stories (and updating the followed feeds, feeds.py),
each run as a task on the writer thread with a page that shows its progress and says, in plain
words, what it did."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .security import CSRF_FIELD, check_form_post, check_same_origin
from .state import WebState, web_state
from .tasks import Task
from .views import count, render_form, render_page

router = APIRouter(include_in_schema=False)


@router.get("/maintenance", response_class=HTMLResponse)
def maintenance_page(request: Request) -> Response:
    store = web_state(request).stores.reader()
    return render_form(request, "maintenance.html.j2", stories=len(store.stories()), articles=store.article_count(),
                       feeds=len(store.feeds()))


@router.post("/regroup")
async def regroup_submit(request: Request) -> Response:
    """The maintenance page's "Regroup stories" button: `newsbrief regroup` as a task, then its page."""
    state = web_state(request)
    await checked_form(request)
    task = state.tasks.new("regroup")
    state.add_pool.submit(run_task, task, lambda: regroup_summary(*timed(state)))
    return RedirectResponse(f"/maintenance/tasks/{task.id}", status_code=303)


async def checked_form(request: Request) -> None:
    """A maintenance button's post: from this app, with the form's token (and nothing else read)."""
    check_same_origin(request)
    async with request.form(max_files=0, max_fields=5) as form:
        value = form.get(CSRF_FIELD)
        check_form_post(request, value if isinstance(value, str) else "")


async def regroup_stories(state: WebState, since: str | None, embed: bool) -> Any:
    """``Store.regroup`` on the writer, in the pool that serialises the app's writes (the API);
    a bad ``since`` is a 422."""
    import asyncio

    from .stories import checked_day

    try:
        day = checked_day(since, "since")
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    future = state.add_pool.submit(lambda: state.stores.writer().regroup(since=day, embed=embed))
    return await asyncio.wrap_future(future)


def timed(state: WebState) -> tuple[Any, float]:
    import time

    started = time.perf_counter()
    result = state.stores.writer().regroup(since=None, embed=True)
    return result, time.perf_counter() - started


def run_task(task: Task, work: Any) -> None:
    """Run ``work`` (which returns the lines that say what it did); the task ends done either way."""
    try:
        task.finish(work())
    except Exception as error:  # noqa: BLE001 - the page must say it failed, not wait for ever
        task.fail(f"it stopped: {error}")
        raise


def regroup_summary(result: Any, seconds: float) -> list[str]:
    """What a regrouping did, as a reader would say it."""
    if not result.articles:
        return ["There were no stories to regroup yet."]
    how = "their words and the meaning of their sentences" if result.embeddings else "their words"
    lines = [f"Compared {count(result.articles, 'article')} of {count(result.stories_before, 'story', 'stories')} "
             f"again by {how}, in {seconds:.0f} seconds."]
    if not result.moved:
        return lines + ["Every article was already in the right story: nothing changed."]
    lines.append(f"{count(result.moved, 'article')} moved to a story that fits {'it' if result.moved == 1 else 'them'} better.")
    if result.merged:
        lines.append(f"{count(len(result.merged), 'story', 'stories')} joined another story on the same events "
                     "(old links lead to the story they joined).")
    if result.created:
        lines.append(f"{count(len(result.created), 'new story', 'new stories')} started.")
    return lines + [f"There are now {count(result.stories_after, 'story', 'stories')}."]


@router.get("/maintenance/tasks/{task_id}", response_class=HTMLResponse)
def task_page(request: Request, task_id: str) -> Response:
    return render_page("task.html.j2", task=_task(request, task_id).to_dict())


@router.get("/api/tasks/{task_id}", tags=["api"], include_in_schema=True)
def api_task(request: Request, task_id: str) -> dict:
    """Progress of a maintenance task started from the maintenance page."""
    return _task(request, task_id).to_dict()


def _task(request: Request, task_id: str) -> Task:
    task = web_state(request).tasks.get(task_id)
    if task is None:
        raise HTTPException(404, "no such task (the server may have restarted): start it again from the maintenance page")
    return task
