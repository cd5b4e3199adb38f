"""Adding articles from the browser or the API: links, pasted text, uploaded files.

    AddItem        one thing the user gave (a URL, a pasted text, a file, a JSON article)
    read_item      AddItem -> articles and skipped inputs, through the same readers as the CLI
    add_items      reads each item and stores its articles, reporting one ItemResult per
                   article (stored / duplicate, the story it joined) or skipped input
    Job, Jobs      the progress of one add request, polled by the page while it runs

Pasted text, uploads and JSON articles are written to a private temporary folder and
read by ``newsbrief.ingest.read_inputs``, so they are parsed exactly like files given
to ``newsbrief add``; URLs go through ``newsbrief.fetch`` with the same safety rules
(no local files, no private addresses unless the server allows them).
"""

from __future__ import annotations

import json
import re
import secrets
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import NewsbriefError
from ..model import Article, Skipped
from .tasks import Recent

# Upload names keep only these characters (and their suffix, which picks the reader).
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
# Jobs remembered for their progress pages; older ones are forgotten first.
MAX_JOBS = 200


@dataclass(frozen=True, slots=True)
class AddItem:
    kind: str  # "url" | "text" | "file" | "article"
    name: str  # what the user sees: the URL, "pasted text", the file name
    data: str | bytes | dict[str, Any] = ""


@dataclass(frozen=True, slots=True)
class ItemResult:
    input: str
    status: str  # "stored" | "duplicate" | "skipped"
    reason: str | None = None
    title: str | None = None
    article: str | None = None
    story: str | None = None
    story_title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def items_from_form(urls: str, text: str, files: Iterable[tuple[str, bytes]]) -> list[AddItem]:
    """The inputs of the add form: one URL per line, the pasted text, each uploaded file."""
    items = [AddItem("url", url) for url in _lines(urls)]
    if text.strip():
        items.append(AddItem("text", "pasted text", text))
    items += [AddItem("file", name or "upload", data) for name, data in files if name or data]
    return items


def items_from_json(urls: Sequence[str], articles: Sequence[dict[str, Any]]) -> list[AddItem]:
    items = [AddItem("url", url.strip()) for url in urls if url.strip()]
    for n, record in enumerate(articles, start=1):
        items.append(AddItem("article", record.get("title") or record.get("url") or f"article {n}", record))
    return items


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_item(item: AddItem, allow_private: bool) -> tuple[list[Article], list[Skipped]]:
    """The articles of one item; anything unreadable comes back as Skipped, never raised."""
    try:
        if item.kind == "url":
            return _fetch(item.name, allow_private)
        return _read_as_file(item)
    except NewsbriefError as error:
        return [], [Skipped(item.name, str(error))]


def _fetch(url: str, allow_private: bool) -> tuple[list[Article], list[Skipped]]:
    from ..fetch import fetch_articles

    fetched = fetch_articles([url], allow_private=allow_private)
    return list(fetched.articles), list(fetched.skipped)


def _read_as_file(item: AddItem) -> tuple[list[Article], list[Skipped]]:
    from ..ingest import read_inputs

    with tempfile.TemporaryDirectory(prefix="newsbrief-web-") as folder:
        path = Path(folder) / _file_name(item)
        path.write_bytes(_file_bytes(item))
        ingested = read_inputs([str(path)])
    # Name the user's input, not the temporary file, in paths and skip reasons.
    shown = item.name if item.kind == "file" else None
    articles = [replace(a, path=shown) for a in ingested.articles]
    skipped = [Skipped(item.name, s.reason) for s in ingested.skipped]
    return articles, skipped


def _file_name(item: AddItem) -> str:
    if item.kind == "text":
        return "pasted"  # no suffix: sniffed as plain text, Multi-News (|||||), HTML or JSON
    if item.kind == "article":
        return "article.json"
    name = _SAFE_NAME.sub("_", Path(item.name).name).lstrip(".")
    return name or "upload"


def _file_bytes(item: AddItem) -> bytes:
    if isinstance(item.data, bytes):
        return item.data
    if isinstance(item.data, dict):
        return json.dumps(item.data, ensure_ascii=False).encode("utf-8")
    return item.data.encode("utf-8")


def add_items(
    items: Sequence[AddItem],
    store: Any,
    allow_private: bool,
    on_result: Callable[[list[ItemResult]], None] = lambda results: None,
) -> list[ItemResult]:
    """Read and store each item in turn; ``on_result`` hears each item's results as they come."""
    results: list[ItemResult] = []
    for item in items:
        articles, skipped = read_item(item, allow_private)
        found = [ItemResult(s.input, "skipped", reason=s.reason) for s in skipped]
        found += _stored(item, articles, store) if articles else []
        if not found:
            found.append(ItemResult(item.name, "skipped", reason="no article found"))
        results += found
        on_result(found)
    return results


def _stored(item: AddItem, articles: Sequence[Article], store: Any) -> list[ItemResult]:
    """One result per article, from the store's own verdict (``Store.add_articles``)."""
    outcomes = store.add_articles(articles)
    return [
        ItemResult(
            item.name if len(articles) == 1 else f"{item.name} › {article.title or article.id}",
            outcome.status,
            reason=outcome.reason,
            title=article.title,
            article=outcome.article,
            story=outcome.story,
            story_title=outcome.story_title,
        )
        for article, outcome in zip(articles, outcomes)
    ]


class Job:
    """One add request in progress: how many inputs are done and what each gave."""

    def __init__(self, total: int) -> None:
        self.id = secrets.token_urlsafe(12)
        self.total = total
        self.finished = 0
        self.results: list[ItemResult] = []
        self.error: str | None = None
        self.done = False
        self._lock = threading.Lock()

    def record(self, results: list[ItemResult]) -> None:
        with self._lock:
            self.results.extend(results)
            self.finished += 1

    def finish(self, error: str | None = None) -> None:
        with self._lock:
            self.error = error
            self.done = True

    def to_dict(self) -> dict[str, Any]:
        with self._lock:
            return {
                "id": self.id,
                "total": self.total,
                "finished": self.finished,
                "done": self.done,
                "error": self.error,
                "results": [r.to_dict() for r in self.results],
            }


class Jobs(Recent[Job]):
    """The recent jobs by id (bounded, oldest forgotten first)."""

    def __init__(self, size: int = MAX_JOBS) -> None:
        super().__init__(size)

    def new(self, total: int) -> Job:
        return self.keep(Job(total))


def run_job(
    job: Job,
    items: Sequence[AddItem],
    open_store: Callable[[], Any],
    allow_private: bool,
    after: Callable[[list[ItemResult]], None] = lambda results: None,
) -> None:
    """The body of a background add: the job records progress and ends done, even on
    failure; then ``after`` hears every result (the app starts briefs the reader will open)."""
    try:
        results = add_items(items, open_store(), allow_private, on_result=job.record)
    except Exception as error:  # noqa: BLE001 - the page must show the failure, not hang
        job.finish(f"stopped: {error}")
        raise
    job.finish()
    after(results)
