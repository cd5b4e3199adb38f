"""Golden renders of the bundled example story: any change to what a reader sees shows up as a diff.

After a deliberate change, regenerate with
    NEWSBRIEF_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_golden.py
and review the diff of tests/golden/ before committing it.
"""

import os
from pathlib import Path

import pytest
from builders import EXAMPLE

from newsbrief.api import brief, render

GOLDEN = Path(__file__).parent.parent / "golden"
# Paths in the brief are shown as given; make them independent of where the repo lives.
RELATIVE_EXAMPLE = os.path.relpath(EXAMPLE, Path.cwd())


@pytest.fixture(scope="module")
def example_brief():
    return brief([RELATIVE_EXAMPLE])


@pytest.mark.parametrize("fmt, name", [("md", "doha-talks.md"), ("json", "doha-talks.json"), ("html", "doha-talks.html")])
def test_example_render_matches_golden(example_brief, fmt, name):
    text = render(example_brief, fmt).replace(RELATIVE_EXAMPLE, "EXAMPLE")
    golden = GOLDEN / name
    if os.environ.get("NEWSBRIEF_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with NEWSBRIEF_UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")
