"""One local[2] SparkSession for every Spark test, and the job runs several tests check.

Starting a session costs seconds, and each Spark job (a count, a checkpoint, one round
of label propagation) costs a fixed ~0.1 s on tiny inputs, so the tests run few jobs:
small graphs of small diameter, and one run of the whole job shared by the tests that
read it.
"""

from __future__ import annotations

import pytest
from spark_inputs import JAVA_OPTIONS  # the quick JIT alone: see there


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark")
    from newsbrief.spark.job import make_session

    session = make_session(
        "local[2]",
        app_name="newsbrief-tests",
        conf={
            # Two shuffle partitions on two cores: still more than one partition per
            # shuffle (what the job is written for), half the tasks of the job's default.
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.driver.extraJavaOptions": JAVA_OPTIONS,
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def small_cap_run(spark, tmp_path_factory):
    """The whole job on the real articles under a block cap smaller than either story
    (``spark_inputs.run_small_cap``): (result, {article_id: assignment row}, output folder)."""
    from spark_inputs import run_small_cap

    return run_small_cap(spark, tmp_path_factory.mktemp("small-cap"))


@pytest.fixture(scope="session", autouse=True)
def standalone_run(request, tmp_path_factory):
    """test_standalone.py's job on a standalone cluster, started with the first Spark test and
    run in the background while the others run (standalone.start_job_run); None when that test
    is not among those run, or pyspark is not installed."""
    import importlib.util

    wanted = any(item.path.name == "test_standalone.py" for item in request.session.items)
    if not wanted or importlib.util.find_spec("pyspark") is None:
        yield None
        return
    from standalone import start_job_run

    run = start_job_run(tmp_path_factory.mktemp("standalone"))
    yield run
    run.close()  # however the session ends
