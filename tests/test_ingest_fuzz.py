"""Property test: hostile files never crash ingest, cleaning, dates or dedup.

Generated files mix encodings (UTF-8 with and without BOM, UTF-16 with and without
BOM, latin-1), formats (text, HTML, JSON, JSON Lines, raw bytes), odd JSON shapes
(numbers, nulls, lists of lists, text as a list, nesting up to 3,000 deep) and dates
at the calendar's edges. Every input must come back as articles or as ``Skipped``
entries with a reason, never as an exception, and the articles must survive the
next steps that work on raw input: cleaning, date finding and duplicate collapse.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief.analyze.dates import find_dates, parse_iso
from newsbrief.clean import clean_article
from newsbrief.dedup import collapse_duplicates
from newsbrief.ingest import read_inputs
from newsbrief.model import Skipped

SENTENCES = [
    "The council approved the budget on Monday after a long debate.",
    "It takes effect next year, the mayor said tomorrow.",
    "Officials met last Friday and will meet again in two days.",
    "Read more: Photo by AP",
    "\u200b\ufeff\u00ad",
    "NOTE|||||second part",
]
EDGE_DATES = ["0000-00-00", "9999-99-99", "9999-12-31", "0001-01-01", "-1", "2019-02-30", "",
              "Sat, 03 Aug 99999 10:00:00 GMT", "31 December 9999", "1e308"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1"]
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".md", ""]

prose = st.lists(st.sampled_from(SENTENCES) | st.text(max_size=80), min_size=1, max_size=6).map(" ".join)
leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
dates = st.sampled_from(EDGE_DATES) | st.integers() | st.floats() | json_values
records = st.fixed_dictionaries(
    {"text": prose | st.lists(prose, max_size=3) | json_values},
    optional={"title": prose | json_values, "date": dates, "url": st.sampled_from(["http://[::1", "x", "//"]) | prose,
              "id": st.sampled_from(["x", "x-2", ""]) | json_values, "source": json_values, "author": json_values},
)
stories = st.fixed_dictionaries({"id": json_values, "documents": st.lists(records | json_values, max_size=4)})


def _deep(depth: int, record: dict) -> str:
    return json.dumps(record)[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"


def _html(parts: list[str], depth: int) -> str:
    body = "".join(f"<p>{part}" for part in parts)  # unclosed paragraphs
    return f"<html><head><title>{parts[0]}</title></head><body>{'<div>' * depth}{body}</body></html>"


contents = st.one_of(
    prose,
    records.map(json.dumps),
    st.lists(records | stories | json_values, max_size=4).map(json.dumps),
    st.lists(records | stories | json_values, max_size=4).map(lambda rows: "\n".join(map(json.dumps, rows))),
    json_values.map(json.dumps),
    st.builds(_deep, st.integers(1, 3000), records),
    st.builds(_html, st.lists(prose, min_size=1, max_size=4), st.sampled_from([0, 5, 300, 3000])),
)
files = st.tuples(
    contents | st.binary(max_size=300), st.sampled_from(ENCODINGS), st.sampled_from(SUFFIXES)
)


def _write(folder: Path, number: int, content: str | bytes, encoding: str, suffix: str) -> Path:
    path = folder / f"f{number}{suffix}"
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding, errors="replace"))
    return path


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(files, min_size=1, max_size=3))
def test_hostile_files_become_articles_or_skipped_entries(generated) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = [_write(Path(folder), n, *spec) for n, spec in enumerate(generated)]
        result = read_inputs([folder, *map(str, paths)])
    assert all(isinstance(s, Skipped) and s.input and s.reason for s in result.skipped)
    assert len({a.id for a in result.articles}) == len(result.articles)
    for article in result.articles:
        assert article.text.strip()
        cleaned = clean_article(article)
        for mention in find_dates(cleaned.text, parse_iso(article.date)):
            assert cleaned.text[mention.start : mention.end] == mention.surface
    collapse_duplicates(result.articles)
