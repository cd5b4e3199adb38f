"""What the job writes, and what it does with stories and runs that fail (real local[2] session)."""

from __future__ import annotations

import json

import pytest
from spark_inputs import FAILING, HERE, SESSION, input_records, read_lines, write_jsonl

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


def test_bad_lines_and_a_repeated_article_are_reported_not_fatal(small_cap_run):
    result, rows, out = small_cap_run
    source = out.parent / "articles.jsonl"
    skipped = sorted(read_lines(out / "skipped"), key=lambda row: row["input"])
    assert len(rows) == len(input_records()) == 11 and result.skipped == 3
    assert [(row["input"], row["id"]) for row in skipped] == [(f"{source}:12", None), (f"{source}:13", "no-text"),
                                                               (f"{source}:14", "marathon-3")]
    assert skipped[0]["reason"].startswith("malformed JSON line") and skipped[1]["reason"] == "article has no text"
    assert skipped[2]["reason"] == f"the same article as {source}:8 under the same id: kept once"


def test_different_articles_under_one_id_stop_the_job_with_one_line(spark, tmp_path, capsys):
    from newsbrief.cli import main

    records = input_records()[:3]
    source = write_jsonl(tmp_path / "clash.jsonl", records + [dict(records[1], id=records[0]["id"])])
    assert main(["spark", "run", str(source), str(tmp_path / "out"), *SESSION]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1] == (f"newsbrief: error: {source}: different articles share an id: 'doha-a1' at {source}:1, "
                         f"{source}:4 (give every article its own id, or leave ids out: the job then names each by "
                         "its content)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clash.jsonl"]


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


def test_executors_without_the_packages_are_named_in_one_line(spark, tmp_path, monkeypatch):
    """Executors running a Python outside newsbrief's environment: this interpreter linked from a
    folder with no virtualenv beside it (as a worker's python3 would be) lacks the packages."""
    import os
    import subprocess
    import sys

    from newsbrief.spark.checks import EXECUTOR_MODULES, ExecutorError, check_executors

    bare = tmp_path / "python"
    os.symlink(os.path.realpath(sys.executable), bare)
    monkeypatch.setattr(spark.sparkContext, "pythonExec", str(bare))
    with pytest.raises(ExecutorError) as error:
        check_executors(spark)
    code = ("import importlib.util as u, sys; "
            "print(', '.join(m for m in sys.argv[1:] if u.find_spec(m) is None))")
    others = [m for m in EXECUTOR_MODULES if m != "pyspark"]  # Spark puts pyspark on its workers' path
    lacking = subprocess.run([str(bare), "-c", code, *others], capture_output=True, text=True).stdout.strip()
    assert lacking  # the bare interpreter lacks some of them (pandas at least: not in Python's standard library)
    assert str(error.value).startswith(f"the executors' Python ({bare} on ")
    assert str(error.value).endswith(f") cannot import {lacking}: give the executors a Python with newsbrief installed: "
                                     "PYSPARK_PYTHON, or a packed environment with --archives (docs/spark.md)")
