"""Briefs of stored stories, computed once per story version and off the event loop.

A story's brief changes only when articles join it, so briefs are cached under
the story version (``stories.version_of``): page views and API calls after the first cost a
dictionary lookup. Building a brief takes seconds of CPU (spaCy, summarizer), so
it runs in a small thread pool, and concurrent requests for the same story
version wait on one shared computation instead of starting their own.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Executor, Future
from typing import Generic, TypeVar

Value = TypeVar("Value")

# Briefs kept in memory. A rendered story page is 20-200 KB; 128 of them stay
# well under 50 MB while covering every story a reader looks at in a session.
CACHE_SIZE = 128


class SingleFlightCache(Generic[Value]):
    """An LRU cache whose misses are computed in ``executor``, at most once per key."""

    def __init__(self, executor: Executor, size: int = CACHE_SIZE) -> None:
        self.executor = executor
        self.size = size
        self._done: OrderedDict[Hashable, Value] = OrderedDict()
        self._running: dict[Hashable, Future[Value]] = {}
        # Reentrant: a computation that is already done runs its callback inside future().
        self._lock = threading.RLock()
        self.computed = 0  # how many values were built (tests and benchmarks read it)

    async def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        return await asyncio.wrap_future(self.future(key, compute))

    def future(self, key: Hashable, compute: Callable[[], Value]) -> Future[Value]:
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                done: Future[Value] = Future()
                done.set_result(self._done[key])
                return done
            running = self._running.get(key)
            if running is None:
                running = self.executor.submit(compute)
                self._running[key] = running
                running.add_done_callback(lambda f: self._finish(key, f))
            return running

    def peek(self, key: Hashable) -> Value | None:
        """The value if it is computed (None while it is computing or unknown)."""
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            return None

    def put(self, key: Hashable, value: Value) -> None:
        """Keep a value found elsewhere (the store kept it): not counted as computed."""
        with self._lock:
            self._keep(key, value)

    def __contains__(self, key: Hashable) -> bool:
        """Whether ``key`` is cached or being computed."""
        with self._lock:
            return key in self._done or key in self._running

    def _finish(self, key: Hashable, future: Future[Value]) -> None:
        with self._lock:
            self._running.pop(key, None)
            if future.cancelled() or future.exception() is not None:
                return  # failures are not cached: the next request tries again
            self.computed += 1
            self._keep(key, future.result())

    def _keep(self, key: Hashable, value: Value) -> None:
        self._done[key] = value
        self._done.move_to_end(key)
        while len(self._done) > self.size:
            self._done.popitem(last=False)
