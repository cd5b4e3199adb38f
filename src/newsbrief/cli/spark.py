"""`newsbrief spark run INPUT OUTPUT`: brief every story of many articles on Apache Spark;
`newsbrief spark pack`: the executors' Python environment as one archive."""

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
    pack = commands.add_parser(
        "pack",
        help="pack newsbrief and what it needs into an archive for the executors (--archives)",
        description="Write the executors' Python environment, newsbrief and what it needs (not pyspark: the "
        "executors' Spark provides it), as a virtualenv archive Spark unpacks in each executor's folder: "
        "`newsbrief spark run ... --archives env.tar.gz#environment --conf "
        "spark.pyspark.python=./environment/bin/python`. Works from an editable install.",
    )
    add_pack_arguments(pack)
    pack.set_defaults(handler=pack_spark)


def add_pack_arguments(parser: argparse.ArgumentParser) -> None:
    from ..spark.pack import COMPRESS_LEVEL

    parser.add_argument("--output", "-o", default="env.tar.gz", metavar="ARCHIVE",
                        help="the archive to write, .tar.gz or .tgz (default: env.tar.gz)")
    parser.add_argument("--summary-only", action="store_true",
                        help="for jobs run with --summary-only: leave out spaCy and its model")
    parser.add_argument("--no-embed", action="store_true",
                        help="for jobs run with --no-embed: leave out the sentence-embedding packages")
    parser.add_argument("--python", metavar="PATH",
                        help="the Python the environment runs on each executor, an absolute path, of this Python's "
                        "minor version (default: this environment's base Python, at the same path there)")
    parser.add_argument("--compress-level", type=int, default=COMPRESS_LEVEL, metavar="N",
                        help=f"gzip level, 0 (none: fastest for executors on this machine) to 9 (default: {COMPRESS_LEVEL})")
    parser.add_argument("--overwrite", action="store_true", help="replace ARCHIVE if it exists")


def pack_spark(args: argparse.Namespace) -> int:
    import sys

    from ..spark.pack import Leave, pack

    packed = pack(args.output, python=args.python, overwrite=args.overwrite, compress_level=args.compress_level,
                  leave=Leave(summary_only=args.summary_only, embed=not args.no_embed))
    print(f"newsbrief: packed {len(packed.distributions)} distributions ({packed.files:,} files, "
          f"{packed.bytes_in / 1e6:,.0f} MB) into {packed.path} ({packed.bytes_out / 1e6:,.0f} MB) "
          f"in {packed.seconds:.1f} s", file=sys.stderr)
    flags = [flag for flag, given in (("--summary-only", args.summary_only), ("--no-embed", args.no_embed)) if given]
    print(f"newsbrief: run with --archives {packed.path}#environment --conf spark.pyspark.python=./environment/bin/python"
          f"{''.join(' ' + f for f in flags)}; each executor needs {packed.base_python}", file=sys.stderr)
    return 0


def run_spark(args: argparse.Namespace) -> int:
    from ..spark.job import run_from_args

    return run_from_args(args)
