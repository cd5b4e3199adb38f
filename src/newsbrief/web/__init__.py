"""The local web app (``newsbrief serve``): follow stories and read their briefs in a browser.

``create_app(db_path, allow_private=False)`` returns the FastAPI application; see
``app.py`` for the layout of the package and docs/web.md for pages, API and security.
"""

from __future__ import annotations

from .app import LOOPBACK_NAMES, create_app

__all__ = ["LOOPBACK_NAMES", "create_app"]
