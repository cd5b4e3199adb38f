"""Helpers of the web tests: the example story in a real SQLite store, CSRF, job polling."""

from __future__ import annotations

import time
from pathlib import Path

import newsbrief

EXAMPLE = Path(newsbrief.__file__).parent / "examples" / "doha-talks"

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


def example_files() -> list[Path]:
    return sorted(EXAMPLE.glob("*.txt"))


def hostile_article() -> dict:
    return {
        "title": f"Hostile {HOSTILE}",
        "text": (
            f"Officials met in Geneva on Monday to discuss the ceasefire. {HOSTILE} "
            "The delegates said the talks were productive and would continue next week. "
            f"\"We expect progress,\" said envoy Maria Lopez. {HOSTILE}"
        ),
        "source": f"Evil Times {HOSTILE}",
        "date": "2021-05-03",
        "url": "javascript:window.__pwned=1",
    }


def fill_store(db_path: Path, extra: list[dict] = ()) -> None:
    """The example story (and ``extra`` article records) through the real reader and store."""
    from newsbrief.ingest import article_from_record, read_inputs
    from newsbrief.store import Store

    articles = list(read_inputs([str(EXAMPLE)]).articles)
    articles += [article_from_record(record) for record in extra]
    with Store.open(db_path) as store:
        store.add_articles(articles)


def stories_of(db_path: Path) -> list:
    from newsbrief.store import Store

    with Store.open(db_path) as store:
        return store.stories()


def example_story_id(db_path: Path) -> str:
    return next(s.id for s in stories_of(db_path) if "Taliban" in (s.title or ""))


def hostile_story_id(db_path: Path) -> str:
    return next(s.id for s in stories_of(db_path) if "Hostile" in (s.title or ""))


def csrf(client) -> str:
    """Visit the add page like a browser does: the cookie is set and echoed in the form."""
    response = client.get("/add")
    return client.cookies.get("newsbrief_csrf") or response.cookies.get("newsbrief_csrf")


def wait_for_job(client, location: str, seconds: float = 120) -> dict:
    return _wait_done(client, f"/api/jobs/{location.rsplit('/', 1)[1]}", seconds)


def wait_for_task(client, location: str, seconds: float = 120) -> dict:
    return _wait_done(client, f"/api/tasks/{location.rsplit('/', 1)[1]}", seconds)


def _wait_done(client, api_path: str, seconds: float) -> dict:
    """The JSON of an add job or a maintenance task once it says it is done."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(api_path).json()
        if state["done"]:
            return state
        time.sleep(0.1)
    raise AssertionError(f"{api_path} was not done in {seconds} s")


def ready_page(client, story_id: str, seconds: float = 120):
    """A story page once its brief is ready (the first visit shows the articles while it is built)."""
    deadline = time.monotonic() + seconds
    while not client.get(f"/api/stories/{story_id}/status").json()["ready"]:
        if time.monotonic() > deadline:
            raise AssertionError(f"the brief of story {story_id} was not ready in {seconds} s")
        time.sleep(0.05)
    return client.get(f"/stories/{story_id}")

