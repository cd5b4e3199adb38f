"""Articles per second: the Spark job in local[2] against the single-process pipeline.

    nice .venv/bin/python bench/spark_bench.py --data ../shared/data --n 10000 [--words 100] [--no-embed]

Builds N+ real articles from the stories of the evaluation sets under --data
(whole stories, in a fixed order of sets; a headline-only item becomes a one-line
article), writes them as one JSONL file in a temporary folder (never into the
repository), then times on the same articles:

    spark   make_session("local[2]") + a first tiny job (start-up, reported apart),
            then ``newsbrief.spark.job.run`` (read, dedup, cluster, brief, write)
    local   clean + ``cluster.embed.embed_docs`` + ``cluster.cluster_docs`` (the batch clustering
            of `newsbrief cluster`) + ``pipeline.build_brief`` per story, in one process

and prints articles per second for each, the Spark stage times, the share of the job
spent embedding, and how far the two clusterings agree (adjusted Rand index, same-story
pairs). ``--no-embed`` clusters on words alone on both sides (`--no-embed` of the job
and of `newsbrief cluster`).
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


def run_local(rows: list[dict], config, cluster) -> dict:
    from newsbrief.clean import clean_article
    from newsbrief.cluster import Doc, cluster_docs
    from newsbrief.cluster import embed as embedding
    from newsbrief.ingest import article_from_record
    from newsbrief.pipeline import build_brief
    from newsbrief.spark.parts import story_order

    started = time.perf_counter()
    articles = [article_from_record(r) for r in rows]
    cleaned = [clean_article(a) for a in articles]
    kept = [c for c in cleaned if c.text.strip()]
    docs = [Doc(a.id, a.title, a.text, a.date) for a in kept]
    embedding_started = time.perf_counter()
    vectors = embedding.embed_docs(docs) if cluster.embed else None
    embedded = time.perf_counter() - embedding_started
    stories = cluster_docs(docs, cluster.config(), embeddings=vectors)
    clustered = time.perf_counter() - started
    members: dict[str, list] = defaultdict(list)
    by_id = {a.id: a for a in articles}
    for article_id, story_id in stories.items():
        members[story_id].append(by_id[article_id])
    for story_id, story in members.items():
        build_brief(sorted(story, key=story_order), config)
    return {"seconds": time.perf_counter() - started, "cluster_seconds": clustered, "embed_seconds": embedded,
            "assignments": stories, "stories": len(members)}


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
    parser.add_argument("--skip-local", action="store_true", help="time only the Spark job")
    add_cluster_arguments(parser)  # --quiet-days, --no-embed: both sides, as `newsbrief cluster` reads them
    parser.add_argument("--block-cap", type=int, help="articles per block at most (default: blocking.max_block_articles())")
    parser.add_argument(
        "--summary-only", action="store_true", help="briefs without timeline, quotes, entities, conflicts (as `batch --summary-only`)"
    )
    args = parser.parse_args(argv)
    cluster = options_from_args(args)

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
    result = spark["result"]
    print(f"spark local[2]: start-up {spark['startup']:.1f} s (not counted), job {spark['seconds']:.1f} s "
          f"-> {len(rows) / spark['seconds']:.1f} articles/s; {result.stories} stories, "
          f"{result.duplicates} near-duplicates, {result.skipped} skipped, {result.blocks} blocks", flush=True)
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
    if not args.skip_local:
        local = run_local(rows, config, cluster)
        print(f"single process: {local['seconds']:.1f} s (clustering {local['cluster_seconds']:.1f} s, "
              f"of which embedding {local['embed_seconds']:.1f} s) "
              f"-> {len(rows) / local['seconds']:.1f} articles/s; {local['stories']} stories", flush=True)
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"single process peak memory (RSS, includes spaCy): {peak:.0f} MB", flush=True)
        print(f"largest story: spark {largest(spark['assignments'])}, local {largest(local['assignments'])} articles", flush=True)
        gold = {i: i.rsplit("/", 1)[0] for i in local["assignments"]}
        print(compare("spark vs the sets' own stories", spark["assignments"], gold), flush=True)
        print(compare("local vs the sets' own stories", local["assignments"], gold), flush=True)
        print(compare("spark vs local", spark["assignments"], local["assignments"]), flush=True)
        same = sum(spark["assignments"].get(i) == s for i, s in local["assignments"].items())
        print(f"articles with the same story id on both sides: {same} of {len(local['assignments'])}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
