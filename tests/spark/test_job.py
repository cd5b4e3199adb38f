"""What the job writes, and what it does with stories and runs that fail (real local[2] session)."""

from __future__ import annotations

import json

import pytest
from spark_inputs import FAILING, HERE, input_records, read_lines

pytestmark = [pytest.mark.spark]


def test_a_story_that_cannot_be_briefed_is_an_error_row_and_the_job_goes_on(small_cap_run):
    result, rows, out = small_cap_run
    briefs = {row["story_id"]: row for row in read_lines(out / "briefs")}
    failed = rows[FAILING]["story_id"]
    assert set(briefs) == {row["story_id"] for row in rows.values()}  # every story has its row
    assert briefs[failed]["error"] == "could not be briefed (KeyError: ('ORG', 'army corps of engineers'))"
    assert briefs[failed]["brief"] is None and briefs[failed]["summary"] == "" and briefs[failed]["articles"] >= 1
    others = [row for story, row in briefs.items() if story != failed]
    assert others and all(row["error"] is None and json.loads(row["brief"])["summary"] for row in others)
    assert result.failed == 1 and result.failures == ((failed, briefs[failed]["error"]),) and result.exit_code == 0
    marker = json.loads((out / "_SUCCESS").read_text())
    assert marker["failed_stories"] == 1 and marker["stories"] == len(briefs) and marker["articles"] == len(rows)
    assert not list(out.parent.glob("out.partial-*"))  # moved into place, nothing left beside it


def test_bad_lines_are_reported_not_fatal(small_cap_run):
    result, rows, out = small_cap_run
    reasons = sorted(row["reason"] for row in read_lines(out / "skipped"))
    assert result.skipped == 2 and len(rows) == len(input_records())
    assert reasons[0] == "article has no text" and reasons[1].startswith("malformed JSON line")


def test_a_failed_job_leaves_no_output(spark, tmp_path):
    """A job that stops (here: no readable article) leaves neither OUTPUT nor its partial folder."""
    from newsbrief.errors import InputError
    from newsbrief.spark.job import run

    source = tmp_path / "bad.jsonl"
    source.write_text("not json\n")
    with pytest.raises(InputError, match="no readable article"):
        run(spark, str(source), str(tmp_path / "out"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_existing_output_is_refused(spark, tmp_path):
    from newsbrief.errors import InputError
    from newsbrief.spark.job import run

    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="already exists"):
        run(spark, str(HERE / "marathon.jsonl"), str(tmp_path / "out"))
