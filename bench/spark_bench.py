"""The Spark job in local[2] against the `newsbrief cluster` command on the same file.

    nice .venv/bin/python bench/spark_bench.py --data ../shared/data --n 1500 --summary-only [--quiet-days 21]
    nice .venv/bin/python bench/spark_bench.py --data ../shared/data --n 1500 --summary-only --max-postings 40 [--heads 0]

Builds N+ real articles from the stories of the evaluation sets under --data
(whole stories, in a fixed order of sets; a headline-only item becomes a one-line
article), writes them as one JSONL file in a temporary folder (never into the
repository), then on that file:

    spark     make_session("local[2]") + a first tiny job (start-up, reported apart),
              then ``newsbrief.spark.job.run`` (read, dedup, cluster, brief, write)
    cluster   the `newsbrief cluster` command itself (``newsbrief.cli.main``), with the
              same --quiet-days and --no-embed
    briefs    with --local-briefs: ``pipeline.build_brief`` of every story of `cluster`'s
              assignment in one process (articles per second of the whole single process)

and prints the Spark stage times, blocking's edges and largest block, how far the job
agrees with `cluster` and both with the sets' own stories (adjusted Rand, B-cubed F1),
and how whole the largest gold stories stay in one block. ``--max-postings`` and
``--heads`` set blocking's posting-list cap and the heads a long list keeps
(``--heads 0``: the cap of session 6, where a long list gave no pair): a small cap on
1,500 articles shows what the default cap does to the heavy terms of a far larger input.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newsbrief.cluster.options import add_cluster_arguments, options_from_args

# Order of the sets: the DUC sets and Multi-News hold full articles; timeline17 holds
# long ones; the UCI set is headlines only and tops the count up.
SETS = (
    "duc2003_task2",
    "duc2006",
    "duc2007_main",
    "duc2007_update",
    "multinews_mnplus_dev",
    "timeline17_dev",
    "uci_headlines_stories",
)


def build_articles(data: Path, n: int) -> list[dict]:
    """Whole stories, set after set, until at least ``n`` articles."""
    from newsbrief.spark.parts import records_to_articles

    rows: list[dict] = []
    for name in SETS:
        path = data / name / "clusters.jsonl"
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                story = json.loads(line)
                for document in story["documents"]:
                    if not (document.get("text") or "").strip() and document.get("title"):
                        # A headline-only item becomes a one-line article (kept as its title too, the
                        # cleaner would drop the line as a repeated headline). The cleaner still drops
                        # most of these one-liners, on both sides alike (2,366 of 10,255 at --n 10000).
                        document["text"], document["title"] = document["title"], None
                story["id"] = f"{name}/{story['id']}"
                for article in records_to_articles(story, name):
                    if hasattr(article, "text"):
                        rows.append({k: getattr(article, k) for k in ("id", "title", "text", "date", "url", "source")})
                if len(rows) >= n:
                    return rows
    return rows


def run_spark(source: Path, output: Path, config, partitions: int, block_cap: int | None, cluster) -> dict:
    from newsbrief.spark.job import JobOptions, make_session, run

    started = time.perf_counter()
    spark = make_session(
        "local[2]",
        app_name="newsbrief-bench",
        conf={
            "spark.sql.shuffle.partitions": str(partitions),
            "spark.default.parallelism": str(partitions),
            "spark.ui.showConsoleProgress": "false",
            "spark.driver.memory": "3g",
        },
    )
    spark.sparkContext.setLogLevel("WARN")
    spark.range(4).repartition(2).rdd.map(lambda x: x).count()  # JVM up, Python workers forked
    startup = time.perf_counter() - started
    started = time.perf_counter()
    result = run(spark, str(source), str(output), JobOptions(brief=config, block_cap=block_cap, cluster=cluster))
    seconds = time.perf_counter() - started
    parts = stage_costs(spark)
    assignments, blocks = {}, {}
    for part in sorted((output / "assignments").glob("part-*")):
        for line in part.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assignments[row["article_id"]] = row["story_id"]
            blocks[row["article_id"]] = row["block"]
    spark.stop()
    return {"startup": startup, "seconds": seconds, "result": result, "assignments": assignments, "blocks": blocks, "parts": parts}


def block_sizes(blocks: dict[str, str]) -> str:
    """Blocks by size: how many, the largest, and how many articles sit in blocks under
    ``cluster.topics.MIN_ARTICLES`` (clustered without the topic space) or alone."""
    from collections import Counter

    from newsbrief.cluster import topics

    sizes = sorted(Counter(blocks.values()).values(), reverse=True)
    small = topics.MIN_ARTICLES
    under = sum(s for s in sizes if s < small)
    alone = sum(1 for s in sizes if s == 1)
    return (f"blocks: {len(sizes)}, largest {sizes[:5]}, {under} articles in blocks under {small}, "
            f"{alone} articles alone in a block")


def stage_costs(spark) -> dict[str, tuple[float, int]]:
    """Executor seconds and shuffle bytes written, summed per job description (Spark's REST API)."""
    import urllib.request

    url = spark.sparkContext.uiWebUrl
    if not url:
        return {}
    app = spark.sparkContext.applicationId
    with urllib.request.urlopen(f"{url}/api/v1/applications/{app}/stages") as response:
        stages = json.load(response)
    costs: dict[str, tuple[float, int]] = {}
    for stage in stages:
        what = (stage.get("description") or stage.get("name") or "?").split(" round ")[0]
        seconds, shuffled = costs.get(what, (0.0, 0))
        costs[what] = (seconds + stage.get("executorRunTime", 0) / 1000, shuffled + stage.get("shuffleWriteBytes", 0))
    return costs


def run_cluster_command(source: Path, cluster) -> dict:
    """`newsbrief cluster SOURCE -o OUT [--quiet-days N] [--no-embed]`, timed."""
    from newsbrief.cli import main

    flags = (["--quiet-days", str(cluster.quiet_days)] if cluster.quiet_days else []) + ([] if cluster.embed else ["--no-embed"])
    out = source.with_name("cluster.jsonl")
    started = time.perf_counter()
    assert main(["cluster", str(source), "-o", str(out), *flags]) == 0
    seconds = time.perf_counter() - started
    assignments = {row["id"]: row["story"] for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    return {"seconds": seconds, "assignments": assignments, "stories": len(set(assignments.values()))}


def run_local_briefs(rows: list[dict], stories: dict[str, str], config) -> float:
    """Seconds to brief every story of ``stories`` in one process."""
    from newsbrief.ingest import article_from_record
    from newsbrief.pipeline import build_brief
    from newsbrief.spark.parts import story_order

    started = time.perf_counter()
    members: dict[str, list] = defaultdict(list)
    for row in rows:
        members[stories[row["id"]]].append(article_from_record(row))
    for story in members.values():
        build_brief(sorted(story, key=story_order), config)
    return time.perf_counter() - started


def kept_together(gold: dict[str, str], blocks: dict[str, str], top: int = 10) -> str:
    """For the ``top`` largest gold stories: the share of their articles in the story's main block."""
    from collections import Counter

    members: dict[str, list[str]] = defaultdict(list)
    for article_id, story in gold.items():
        if article_id in blocks:
            members[story].append(article_id)
    largest_first = sorted(members.values(), key=len, reverse=True)[:top]
    shares = [Counter(blocks[i] for i in ids).most_common(1)[0][1] / len(ids) for ids in largest_first]
    sizes = [len(ids) for ids in largest_first]
    return f"largest gold stories {sizes}: share in their main block {[round(x, 2) for x in shares]}"


def largest(assignment: dict[str, str]) -> int:
    from collections import Counter

    return max(Counter(assignment.values()).values(), default=0)


def agreement(a: dict[str, str], b: dict[str, str]) -> float:
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(set(a) & set(b))
    return adjusted_rand_score([a[i] for i in ids], [b[i] for i in ids])


def bcubed_f1(reference: dict[str, str], predicted: dict[str, str]) -> float:
    from newsbrief.evaluate.clustering import bcubed

    ids = set(reference) & set(predicted)
    return bcubed({i: reference[i] for i in ids}, {i: predicted[i] for i in ids})[2]


def compare(name: str, a: dict[str, str], b: dict[str, str]) -> str:
    return f"{name}: adjusted Rand {agreement(a, b):.3f}, B-cubed F1 {bcubed_f1(b, a):.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder of the evaluation sets (../shared/data)")
    parser.add_argument("--n", type=int, default=10000, help="at least this many articles (default: 10000)")
    parser.add_argument("--words", type=int, default=100, help="summary words per brief (default: 100)")
    parser.add_argument("--partitions", type=int, default=4, help="Spark shuffle partitions (default: 4)")
    parser.add_argument("--skip-cluster", action="store_true", help="time only the Spark job")
    parser.add_argument("--local-briefs", action="store_true", help="also brief every story in one process")
    parser.add_argument("--max-postings", type=int, help="blocking's posting-list cap (default: blocking.MAX_POSTINGS)")
    parser.add_argument("--heads", type=int, help="heads of a long posting list (default: blocking.LONG_LIST_HEADS; 0: none)")
    add_cluster_arguments(parser)  # --quiet-days, --no-embed: both sides, as `newsbrief cluster` reads them
    parser.add_argument("--block-cap", type=int, help="articles per block at most (default: blocking.max_block_articles())")
    parser.add_argument(
        "--summary-only", action="store_true", help="briefs without timeline, quotes, entities, conflicts (as `batch --summary-only`)"
    )
    args = parser.parse_args(argv)
    cluster = options_from_args(args)
    from newsbrief.spark import blocking

    blocking.MAX_POSTINGS = args.max_postings or blocking.MAX_POSTINGS
    blocking.LONG_LIST_HEADS = blocking.LONG_LIST_HEADS if args.heads is None else args.heads
    print(f"cluster options: {cluster}; posting-list cap {blocking.MAX_POSTINGS}, heads {blocking.LONG_LIST_HEADS}", flush=True)

    import logging

    from newsbrief.config import BriefConfig

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("py4j").setLevel(logging.WARNING)
    analysis = not args.summary_only
    config = BriefConfig(words=args.words, timeline=analysis, quotes=analysis, entities=analysis, conflicts=analysis)
    print(f"brief config: {config}", flush=True)
    rows = build_articles(args.data, args.n)
    words = sum(len(r["text"].split()) for r in rows)
    print(f"articles: {len(rows)} ({words} words) from {args.data}", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsbrief-spark-bench-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        source_bytes = source.stat().st_size
        spark = run_spark(source, Path(tmp) / "out", config, args.partitions, args.block_cap, cluster)
        report_spark(spark, len(rows), source_bytes)
        gold = {r["id"]: r["id"].rsplit("/", 1)[0] for r in rows}
        print(compare("spark vs the sets' own stories", spark["assignments"], gold), flush=True)
        print(kept_together(gold, spark["blocks"]), flush=True)
        if args.skip_cluster:
            return 0
        local = run_cluster_command(source, cluster)
    print(f"`newsbrief cluster`: {local['seconds']:.1f} s, {local['stories']} stories", flush=True)
    print(f"largest story: spark {largest(spark['assignments'])}, cluster {largest(local['assignments'])} articles", flush=True)
    print(compare("cluster vs the sets' own stories", local["assignments"], gold), flush=True)
    print(compare("spark vs cluster", spark["assignments"], local["assignments"]), flush=True)
    same = sum(spark["assignments"].get(i) == s for i, s in local["assignments"].items())
    print(f"articles with the same story id on both sides: {same} of {len(local['assignments'])} "
          f"(cluster reads every article; spark clustered {len(spark['assignments'])})", flush=True)
    if args.local_briefs:
        seconds = run_local_briefs(rows, local["assignments"], config)
        total = seconds + local["seconds"]
        print(f"single process (cluster + briefs): {total:.1f} s -> {len(rows) / total:.1f} articles/s", flush=True)
    return 0


def report_spark(spark: dict, n_rows: int, source_bytes: int) -> None:
    result = spark["result"]
    print(f"spark local[2]: start-up {spark['startup']:.1f} s (not counted), job {spark['seconds']:.1f} s "
          f"-> {n_rows / spark['seconds']:.1f} articles/s; {result.stories} stories, "
          f"{result.duplicates} near-duplicates, {result.skipped} skipped, {result.blocks} blocks, "
          f"{result.edges} blocking edges", flush=True)
    print(block_sizes(spark["blocks"]), flush=True)
    print("spark stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in result.seconds.items()), flush=True)
    embedding = result.seconds.get("embed", 0.0)
    print(f"spark embeddings: {'on' if result.embedded else 'off'}; embed stage {embedding:.1f} s = "
          f"{embedding / max(sum(result.seconds.values()), 1e-9):.1%} of the job's stages", flush=True)
    for what, (busy, shuffled) in sorted(spark["parts"].items(), key=lambda kv: -kv[1][0]):
        print(f"  executor {busy:7.1f} s, shuffle {shuffled / 1e6:8.1f} MB: {what}", flush=True)
    print(f"spark cached prepared articles: {result.prepared_bytes / 1e6:.1f} MB "
          f"({result.prepared_bytes / max(result.articles, 1) / 1e3:.1f} KB per article); "
          f"input {source_bytes / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    sys.exit(main())
