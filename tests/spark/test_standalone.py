"""`newsbrief spark run` on a real standalone master and two workers, the executors running the
environment `newsbrief spark pack` made: the same output as the local[2] run.

Everything on loopback (standalone.py): the master and workers are JVMs started from pyspark's
own launcher on free ports of 127.0.0.1; the job's driver is the `newsbrief` command in a process
of its own, as a user runs it; the environment is packed from this (editable) install for the
job's flags (`--summary-only --no-embed`).

A new driver, the archive's copies and a cold JVM for each query make the run take a minute
whatever the input's size, so it starts in the background with the first Spark test (the
session fixture ``standalone_run`` in conftest.py) and runs while the other Spark tests do,
which leave one of the two cores mostly idle; this test, last of the folder, waits for it and
compares its output with the tests' local[2] session's run of the same command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from spark_inputs import SESSION, read_lines
from standalone import JOB_FLAGS, driver_environment

from newsbrief.cli import main

pytestmark = [pytest.mark.spark, pytest.mark.slow]

# The whole background run: pack, cluster, driver (~1-2 min on a busy 2-core machine).
RUN_TIMEOUT = 900


def output(folder) -> dict:
    """What a run wrote, comparable between runs: every row of every part, and the counts."""
    rows = {part: sorted(read_lines(folder / part), key=lambda r: json.dumps(r, sort_keys=True))
            for part in ("assignments", "briefs", "skipped")}
    counts = json.loads((folder / "_SUCCESS").read_text())
    counts.pop("seconds")
    return {**rows, "_SUCCESS": counts}


def test_standalone_workers_from_the_packed_environment_write_what_local_2_writes(spark, standalone_run, tmp_path):
    if standalone_run is None:
        pytest.skip("pyspark is not installed")
    try:
        assert main(["spark", "run", str(standalone_run.source), str(tmp_path / "local"), *SESSION, *JOB_FLAGS]) == 0
        finished = standalone_run.result(RUN_TIMEOUT)
    finally:
        standalone_run.close()  # the cluster's JVMs are not needed by any other test
    assert finished.returncode == 0, finished.printed[-3000:]
    assert f"-> 2 stories in {finished.output}" in finished.printed
    assert output(finished.output) == output(tmp_path / "local")
    # Each of the two workers' executors unpacked the archive and ran its Python: a venv on this
    # Python's base interpreter, which alone cannot import newsbrief.
    assert [e.parts[-4] for e in finished.environments] == ["worker1", "worker2"]
    assert finished.python == os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    code = "import importlib.util as u; print(u.find_spec('newsbrief') is None)"
    bare = subprocess.run([finished.python, "-c", code], capture_output=True, text=True, cwd="/",
                          env=driver_environment())
    assert bare.stdout.strip() == "True"
