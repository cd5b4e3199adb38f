"""Helpers of the store failure tests: big articles, a table dump, a really read-only path."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from store_stories import make_article


def big_article(n: int, story: str = "football"):
    """An article large enough to need new pages in the file (a small one may fit in free space)."""
    base = make_article(story, n)
    filler = " ".join(f"w{n}x{i}" for i in range(4000))
    return replace(base, id=f"big{n}", text=f"{base.text}\n\n{filler}.", url=f"https://paper.example/big{n}")


def dump(path: Path) -> dict:
    """Every row of every table, read without writing (the state a failed write must leave)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()


@contextmanager
def read_only(path: Path):
    """Make ``path`` (file or folder) really read-only for this process, root included."""
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
        try:
            yield "chattr +i"
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    if os.geteuid() == 0:
        pytest.skip("chattr +i is not supported here, and chmod does not stop root")
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield "chmod"
    finally:
        path.chmod(mode)
