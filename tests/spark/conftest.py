"""One local[2] SparkSession for every Spark test, and the job runs several tests check.

Starting a session costs seconds, and each Spark job (a count, a checkpoint, one round
of label propagation) costs a fixed ~0.1 s on tiny inputs, so the tests run few jobs:
small graphs of small diameter, and one run of the whole job shared by the tests that
read it.
"""

from __future__ import annotations

import pytest

# The tests' inputs are a few dozen rows: the JVM's time goes into compiling Spark's own
# code (and the code Spark generates per query), not running it. The quick (C1) JIT
# compiler alone halves the CPU time of the tests (measured: 25 -> 14 CPU s for the first
# cut test, 11 -> 5 for the next; 58 -> 27 s wall for the first job run under a block cap)
# and changes nothing Spark computes. C1 alone gets a 48 MB code cache, which Spark's
# generated classes fill (then the JIT stops and everything runs interpreted): 256 MB.
JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m -XX:+UseSerialGC"


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
