"""What every request handler needs, in one object the routers import (``web_state(request)``):
the store connections, the fetch rules, the brief cache and the background work.

Kept apart from app.py so that the routers import it and app.py imports the routers, never both ways.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from .adding import Jobs
from .briefs import SingleFlightCache
from .stories import Stores
from .tasks import Tasks


@dataclass(frozen=True, slots=True)
class WebState:
    """What every request needs: the store, the rules for fetching, caches and jobs."""

    stores: Stores
    allow_private: bool
    max_body: int
    briefs: SingleFlightCache[Any]
    brief_pool: ThreadPoolExecutor
    # One writer at a time: adds, regroups and feed updates run here, one after another.
    add_pool: ThreadPoolExecutor
    jobs: Jobs = field(default_factory=Jobs)
    tasks: Tasks = field(default_factory=Tasks)


def web_state(request: Request) -> WebState:
    return request.app.state.web
