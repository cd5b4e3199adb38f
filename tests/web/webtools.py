"""Helpers of the web tests: a real SQLite store, the real app, a real loopback server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
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
    job_id = location.rsplit("/", 1)[1]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["done"]:
            return job
        time.sleep(0.1)
    raise AssertionError(f"add job {job_id} did not finish in {seconds} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The real app under uvicorn on a free loopback port, in a thread."""

    def __init__(self, db_path: Path, allow_private: bool = False) -> None:
        import uvicorn

        from newsbrief.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db_path, allow_private=allow_private), host="127.0.0.1",
                                port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


