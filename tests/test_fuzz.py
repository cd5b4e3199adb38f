"""Property tests: whatever folder a user feeds `brief` and `add`, the answer is a brief
(exit 0) or one clear error (exit 2), never a traceback, within bounds of time and memory.

The same generators run 1,000 times in `bench/fuzz.py`; here a fixed, derandomized set
keeps CI reproducible. NEWSBRIEF_DEBUG=1 makes any bug raise with its traceback, so a
failure shows where it happened.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path

import pytest
from hostile import hostile_folders
from hypothesis import HealthCheck, given, settings

from newsbrief.cli import main

# Generous: a brief of these small inputs takes well under a second; the bound is there
# to catch a hang or a quadratic blow-up, not to time anything.
SECONDS_PER_INPUT = 60
PEAK_MEMORY_MB = 3000
FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def write_folder(root: Path, files: list[tuple[str, bytes]]) -> Path:
    folder = root / "in"
    folder.mkdir()
    for name, data in files:
        (folder / name).write_bytes(data)
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    started = time.monotonic()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert time.monotonic() - started < SECONDS_PER_INPUT, f"{argv[0]} took too long"
    assert "Traceback" not in err
    return code, out, err


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(autouse=True)
def debug_mode(monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_DEBUG", "1")


@FUZZ
@given(files=hostile_folders())
def test_brief_answers_every_hostile_folder_with_a_brief_or_a_clear_error(capsys, files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(Path(tmp), files)
        code, out, err = run(capsys, "brief", str(folder), "--format", "json", "--words", "60")
    assert code in (0, 2), err
    if code == 0:
        brief = json.loads(out)
        ids = {a["id"] for a in brief["articles"]}
        cited = {c for part in ("summary", "timeline", "quotes") for item in brief[part] for c in item["citations"]}
        assert cited <= ids
        assert "\x1b" not in out.replace("\\u001b", "")  # escapes stay escaped in JSON
    else:
        assert err.startswith("newsbrief: error:") and err.count("\n") == 1
    assert peak_memory_mb() < PEAK_MEMORY_MB


@settings(FUZZ, max_examples=20)
@given(files=hostile_folders())
def test_add_stores_what_it_can_and_every_stored_story_briefs(capsys, files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(Path(tmp), files)
        db = str(Path(tmp) / "store.db")
        code, _, err = run(capsys, "add", str(folder), "--db", db)
        assert code in (0, 2), err
        code, out, err = run(capsys, "stories", "--db", db, "--format", "json")
        assert code == 0, err
        stories = json.loads(out)
        if stories:
            code, out, err = run(capsys, "brief", "--story", str(stories[0]["id"]), "--db", db, "--format", "json")
            assert code == 0, err
            assert json.loads(out)["articles"]
    assert peak_memory_mb() < PEAK_MEMORY_MB
