"""Inputs shared by the Spark tests (a helper module, importable from every test folder).

The real articles: the bundled doha-talks example (5 real scraped articles, undated) plus
five dated articles on a different story (``marathon.jsonl``) and one edited re-post of a
marathon article (a near-duplicate under another outlet's name): 11 articles in all.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from newsbrief.cluster.options import ClusterOptions
from newsbrief.config import BriefConfig
from newsbrief.ingest import read_inputs

HERE = Path(__file__).parent
EXAMPLE = HERE.parent.parent / "src" / "newsbrief" / "examples" / "doha-talks"
CONFIG = BriefConfig(words=100)
# Briefs without the analysis stages: for tests of clustering and blocking, where only the
# assignments are checked (the summaries still run, through build_brief).
LIGHT = replace(CONFIG, timeline=False, quotes=False, conflicts=False, entities=False)
# A block cap under the size of either story: forces the cut (blocking.cut_oversize).
SMALL_CAP = 3
# `newsbrief spark run` flags for the tests' session, given as a user gives them (the session is
# running: only the settings a running session can change apply, these among them).
SESSION = ["--master", "local[2]", "--conf", "spark.sql.shuffle.partitions=2"]

# The tests' inputs are a few dozen rows: the JVM's time goes into compiling Spark's own
# code (and the code Spark generates per query), not running it. The quick (C1) JIT
# compiler alone halves the CPU time of the tests (measured: 25 -> 14 CPU s for the first
# cut test, 11 -> 5 for the next; 58 -> 27 s wall for the first job run under a block cap)
# and changes nothing Spark computes. C1 alone gets a 48 MB code cache, which Spark's
# generated classes fill (then the JIT stops and everything runs interpreted): 256 MB.
JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m -XX:+UseSerialGC"


def input_records() -> list[dict]:
    doha = [
        {"id": f"doha-{a.id}", "title": a.title, "text": a.text, "date": a.date, "url": a.url, "source": a.source}
        for a in read_inputs([str(EXAMPLE)]).articles
    ]
    marathon = [json.loads(line) for line in (HERE / "marathon.jsonl").read_text().splitlines()]
    copy = dict(marathon[1], id="marathon-2-repost", source="repost.example", url="https://repost.example/m2")
    copy["text"] = copy["text"].replace("Race director Helen Osei", "Race director Helen Osei of Lakeport Events")
    return doha + marathon + [copy]


def write_jsonl(path: Path, records: list[dict], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + extra)
    return path


def read_lines(folder: Path) -> list[dict]:
    return [json.loads(line) for part in sorted(folder.glob("part-*")) for line in part.read_text().splitlines() if line]


# The article whose story's brief raises in ``run_small_cap`` (the error of a real bug, issue 18).
FAILING = "doha-a3"
# Lines after the articles: two no reader takes, and a second copy of one article.
BAD_LINES = "not json\n" '{"id": "no-text", "title": "A headline and nothing else"}\n'


def run_small_cap(spark, base: Path, parquet: bool = False, driver_edges: int | None = None):
    """The whole job on the real articles and two bad lines with ``SMALL_CAP``, the brief of
    ``FAILING``'s story raising: (result, {article_id: assignment row}, output folder).
    ``parquet``: the articles alone, as Parquet rows, and Parquet out; ``driver_edges``: as
    ``JobOptions`` (0: the cut on the executors)."""
    from newsbrief.pipeline import build_brief
    from newsbrief.spark.job import JobOptions, run

    def build(articles, config):  # defined here so that Spark ships it by value
        if any(a.id == FAILING for a in articles):
            raise KeyError(("ORG", "army corps of engineers"))
        return build_brief(articles, config)

    records = input_records()
    if parquet:
        import pandas as pd

        source = base / "articles.parquet"
        pd.DataFrame(records).to_parquet(source)
    else:
        source = write_jsonl(base / "articles.jsonl", records, BAD_LINES + json.dumps(records[7]) + "\n")
    # Words alone: what is tested is blocking and what runs around the clustering (the parity
    # tests run the embeddings); the embed stage would cost each run seconds.
    options = JobOptions(brief=LIGHT, block_cap=SMALL_CAP, output_format="parquet" if parquet else "jsonl",
                         cluster=ClusterOptions(embed=False), driver_edges=driver_edges)
    result = run(spark, str(source), str(base / "out"), options, build=build)
    if parquet:
        import pandas as pd

        rows = pd.read_parquet(base / "out" / "assignments").to_dict("records")
    else:
        rows = read_lines(base / "out" / "assignments")
    return result, {row["article_id"]: row for row in rows}, base / "out"
