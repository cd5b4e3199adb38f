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
from typing import Any

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


class Tasks:
    def __init__(self, size: int = MAX_TASKS) -> None:
        self.size = size
        self._tasks: OrderedDict[str, Task] = OrderedDict()
        self._lock = threading.Lock()

    def new(self, kind: str) -> Task:
        task = Task(kind)
        with self._lock:
            self._tasks[task.id] = task
            while len(self._tasks) > self.size:
                self._tasks.popitem(last=False)
        return task

    def get(self, task_id: str) -> Task | None:
        with self._lock:
            return self._tasks.get(task_id)
