"""Fixtures of the web tests (helpers in webtools.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import warnings

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    # Starlette asks for its httpx fork; the TestClient works the same on httpx.
    warnings.simplefilter("ignore")
    import fastapi.testclient  # noqa: F401

from webtools import fill_store, hostile_article  # noqa: E402


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory) -> Path:
    """A store holding the example story and a hostile article (its own story)."""
    db = tmp_path_factory.mktemp("web") / "stories.db"
    fill_store(db, [hostile_article()])
    return db


@pytest.fixture(scope="session")
def filled_client(filled_db):
    """One app for the session, so the slow first brief of each story is built once."""
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    with TestClient(create_app(filled_db)) as client:
        yield client


@pytest.fixture
def client(tmp_path):
    """A fresh app over an empty store."""
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    with TestClient(create_app(tmp_path / "empty.db", max_body=256 * 1024)) as client:
        yield client


@pytest.fixture
def live_server(tmp_path) -> Iterator:
    """The real app under uvicorn on a free loopback port, over an empty store."""
    from newsbrief.web.server import BackgroundServer

    with BackgroundServer(tmp_path / "live.db") as server:
        yield server
