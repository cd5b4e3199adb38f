"""Progress of the job: each stage timed and named in Spark's UI, and logged."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOG = logging.getLogger("newsbrief.spark")


class Clock:
    """Times each stage and names it in Spark's UI (job group + description) and logs."""

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        self.seconds: dict[str, float] = {}

    def stage(self, name: str, description: str):
        return _Stage(self, name, description)


class _Stage:
    def __init__(self, clock: Clock, name: str, description: str) -> None:
        self.clock, self.name, self.description = clock, name, description

    def __enter__(self) -> None:
        sc = self.clock.spark.sparkContext
        sc.setJobGroup(f"newsbrief:{self.name}", self.description)
        sc.setJobDescription(f"newsbrief {self.name}: {self.description}")
        log(self.clock.spark, f"stage {self.name}: {self.description}")
        self.started = time.perf_counter()

    def __exit__(self, *exc: Any) -> None:
        elapsed = time.perf_counter() - self.started
        self.clock.seconds[self.name] = round(elapsed, 3)
        log(self.clock.spark, f"stage {self.name} took {elapsed:.1f} s")


def log(spark: SparkSession, message: str) -> None:
    """Log to Python logging and to Spark's own log4j log (the driver log Spark's UI links)."""
    LOG.info(message)
    try:
        jvm = spark.sparkContext._jvm
        jvm.org.apache.logging.log4j.LogManager.getLogger("newsbrief.spark").info(message)
    except Exception:  # pragma: no cover - a Spark Connect session has no JVM gateway
        pass
