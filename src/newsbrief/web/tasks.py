"""Maintenance work started from the browser (regrouping, updating the followed feeds): it runs on
the app's writer thread while its page shows how long it has run and, at the end, what it did.

    task = tasks.new("regroup")     # then submit the work; it calls task.finish(summary) or fail(error)
    task.to_dict()                   # {"id", "kind", "done", "seconds", "summary", "error"}
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")

# Tasks remembered for their pages; older ones are forgotten first.
MAX_TASKS = 50


class Task:
    def __init__(self, kind: str) -> None:
        self.id = secrets.token_urlsafe(12)
        self.kind = kind
        self.started = time.monotonic()
        self.ended: float | None = None
        self.summary: list[str] = []
        self.error: str | None = None
        self._lock = threading.Lock()

    def finish(self, summary: list[str]) -> None:
        with self._lock:
            self.summary = summary
            self.ended = time.monotonic()

    def fail(self, error: str) -> None:
        with self._lock:
            self.error = error
            self.ended = time.monotonic()

    def to_dict(self) -> dict[str, Any]:
        with self._lock:
            seconds = (self.ended or time.monotonic()) - self.started
            return {"id": self.id, "kind": self.kind, "done": self.ended is not None, "seconds": round(seconds, 1),
                    "summary": list(self.summary), "error": self.error}


class Recent(Generic[Item]):
    """The latest items by id (``item.id``), the oldest forgotten first past ``size``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, Item] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, item: Item) -> Item:
        with self._lock:
            self._items[item.id] = item  # type: ignore[attr-defined]
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return item

    def get(self, item_id: str) -> Item | None:
        with self._lock:
            return self._items.get(item_id)


class Tasks(Recent[Task]):
    def __init__(self, size: int = MAX_TASKS) -> None:
        super().__init__(size)

    def new(self, kind: str) -> Task:
        return self.keep(Task(kind))
