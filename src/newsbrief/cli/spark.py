"""`newsbrief spark run INPUT OUTPUT`: brief every story of many articles on Apache Spark."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    spark = sub.add_parser(
        "spark",
        help="run the pipeline on Apache Spark (needs the 'spark' extra)",
        description="Run newsbrief on Apache Spark: cluster articles into stories and brief each story.",
    )
    commands = spark.add_subparsers(dest="spark_command", metavar="COMMAND")
    commands.required = True
    run = commands.add_parser(
        "run",
        help="read articles, group them into stories, write one brief per story",
        description="Read articles (JSONL or Parquet rows of id, title, text, date, url, source; or stories "
        "with `documents`) from any path Spark reads, and write OUTPUT/briefs, OUTPUT/assignments and "
        "OUTPUT/skipped.",
    )
    # The options are defined beside the job so that `python -m newsbrief.spark` takes the same ones;
    # that module imports pyspark only inside its functions.
    from ..spark.job import add_arguments

    add_arguments(run)
    run.set_defaults(handler=run_spark)


def run_spark(args: argparse.Namespace) -> int:
    from ..spark.job import run_from_args

    return run_from_args(args)
