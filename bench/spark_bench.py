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

Resampled inputs (``--resample``; issue 18's scale runs, docs/scaling.md "Measured at scale"):

    .venv/bin/python bench/spark_bench.py --data ../shared/data --resample --n 10000 --summary-only --no-embed --quiet-days 21 --postings
    .venv/bin/python bench/spark_bench.py --data ../shared/data --resample --n 50000 --clustering-only --no-embed --quiet-days 21 --postings
    .venv/bin/python bench/spark_bench.py --data ../shared/data --resample --n 200000 --clustering-only --no-embed --quiet-days 21 --postings

The real sets hold 13,814 articles in 1,230 stories (every set above, whole). For N articles
the bench makes K = ceil(N / 13,814) copies of every story, copy after copy, the stories of each
copy in a seeded random order, and stops at the first whole story past N:

* **Distinct stories, shared vocabulary.** In copy k > 0 every word outside the
  ``--common-words`` (1,000) words found in the most real articles gets the copy's prefix
  ('xabq' + word, its case kept, titles too): the copy's names and rare words are its own,
  used consistently inside the copy, while its ordinary words (70.8 % of the real texts' words)
  are everyone's. Copies are then other stories that share ordinary vocabulary as real news
  does, which chains the blocking graph across stories (the hard case), not near-duplicates:
  two copies of one article share few 5-word shingles (median Jaccard 0.10 against the
  near-duplicate bar of 0.5); their TF-IDF cosine through the common words alone has a median
  of 0.31 (different real stories: 0.02), so copies of one story are kept apart in time.
* **Dates.** Every story gets a seeded start day o in ``--span-days`` (365) days from
  2020-01-01; copy k starts on (o + k * 365 / K) mod 365, so all copies share one year (the
  density grows with N: ~27 articles a day at 10k, ~550 at 200k) and a story's copies are
  365 / K days apart (24 days at 200k: more than the 21-day quiet window for the short
  stories, UCI and Multi-News, which hold most articles; the DUC and timeline17 topics span
  months to years and overlap their own copies). Articles keep their days relative to their
  story's first dated article; an undated article (Multi-News) gets its story's start day.
* **Gold**: (copy, story): the article id is ``k<copy>/<story id>/<article>``.
* Deterministic (``--seed``, default 18); rows are written in date order, as a feed arrives.

``--clustering-only`` replaces the brief by a stub (the brief stage then times only grouping
each story's articles); the brief's cost per article is measured on the 10k run. ``--no-embed``:
MiniLM on relabelled words would measure nothing real (run 7 times the embeddings). ``--quiet-days
21``: a news stream is clustered with a window (without one, every article of a year meets
every other sharing a heavy term). ``--postings`` counts blocking's posting lists offline with
its rules; ``--keep DIR`` keeps the input and both outputs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
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


# --------------------------------------------------------------------------- resampling
# The real sets hold ~13,800 articles in ~1,230 stories; larger inputs are copies of those
# stories made distinct (see the module's docstring, "Resampled inputs").

WORD = re.compile(r"[A-Za-z]+")


def common_words(rows: list[dict], keep: int) -> frozenset[str]:
    """The ``keep`` words (lower case) in the most articles of ``rows``: the ordinary
    vocabulary every copy shares."""
    df: Counter[str] = Counter()
    for row in rows:
        df.update({w.lower() for w in WORD.findall(f"{row['title'] or ''} {row['text']}")})
    return frozenset(word for word, _ in df.most_common(keep))


def copy_prefix(copy: int) -> str:
    """Letters put before every rare word of a copy: 'x', two letters for the copy, 'q' (no
    English word starts so; a prefix leaves the stemmer's suffixes alone)."""
    return "x" + chr(97 + copy // 26 % 26) + chr(97 + copy % 26) + "q"


def relabel(text: str | None, prefix: str, common: frozenset[str]) -> str | None:
    """``text`` with every word outside ``common`` given the copy's prefix, its case kept."""
    if not text or not prefix:
        return text

    def one(match: re.Match) -> str:
        word = match.group(0)
        if word.lower() in common:
            return word
        if len(word) > 1 and word.isupper():
            return (prefix + word).upper()
        return (prefix.capitalize() + word[0].lower() + word[1:]) if word[0].isupper() else prefix + word

    return WORD.sub(one, text)


def story_of(article_id: str) -> str:
    return article_id.rsplit("/", 1)[0]


def resample(base: list[dict], n: int, common: frozenset[str], span_days: int, seed: int) -> list[dict]:
    """At least ``n`` articles: K = ceil(n / len(base)) copies of the stories of ``base``, copy
    after copy, each copy's stories in a seeded random order (the last copy is a random part of
    them); copy 0 is the real stories with new dates.

    Copy k of a story has its rare words relabelled (``relabel``) and starts on day
    (o + k * span_days / K) mod span_days from 2020-01-01, o a seeded random day of the story:
    every story's copies are span_days / K days apart, all copies share the same span_days (the
    density grows with n). Its articles keep their days relative to the story's first dated
    one; an undated article gets the start day. Ids are ``k<copy>/<story id>/<article>``: the
    gold story is the id up to its last '/'. Rows are in date order, as a feed arrives.
    """
    import datetime as dt
    import random

    stories: dict[str, list[dict]] = defaultdict(list)
    for row in base:
        stories[story_of(row["id"])].append(row)
    rng = random.Random(seed)
    offset = {story: rng.randrange(span_days) for story in stories}
    copies = -(-n // len(base))
    epoch = dt.date(2020, 1, 1)
    rows: list[dict] = []
    for k in range(copies):
        order = sorted(stories)
        rng.shuffle(order)
        prefix = copy_prefix(k) if k else ""
        for story in order:
            if len(rows) >= n:
                break
            start = (offset[story] + k * span_days // copies) % span_days
            days = [day(r["date"]) for r in stories[story]]
            first = min((d for d in days if d is not None), default=None)
            for row, when in zip(stories[story], days):
                shift = 0 if when is None or first is None else (when - first).days
                rows.append(row | {
                    "id": f"k{k:02d}/{row['id']}",
                    "title": relabel(row["title"], prefix, common),
                    "text": relabel(row["text"], prefix, common),
                    "date": (epoch + dt.timedelta(days=start + shift)).isoformat(),
                    "url": row["url"] and f"{row['url']}#k{k:02d}",
                })
    return sorted(rows, key=lambda r: (r["date"], r["id"]))


def day(value):
    """The date of an ISO date string (its first 10 characters), or None."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def run_spark(source: Path, output: Path, config, partitions: int, block_cap: int | None, cluster, build=None,
              memory: str = "3g") -> dict:
    from newsbrief.spark.job import JobOptions, make_session, run

    started = time.perf_counter()
    spark = make_session(
        "local[2]",
        app_name="newsbrief-bench",
        conf={
            "spark.sql.shuffle.partitions": str(partitions),
            "spark.default.parallelism": str(partitions),
            "spark.ui.showConsoleProgress": "false",
            "spark.driver.memory": memory,
        },
    )
    spark.sparkContext.setLogLevel("WARN")
    spark.range(4).repartition(2).rdd.map(lambda x: x).count()  # JVM up, Python workers forked
    startup = time.perf_counter() - started
    started = time.perf_counter()
    result = run(spark, str(source), str(output), JobOptions(brief=config, block_cap=block_cap, cluster=cluster), build=build)
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


def kept_together(gold: dict[str, str], blocks: dict[str, str], top: int = 10, label: str = "block") -> str:
    """For the ``top`` largest gold stories: the share of their articles in the story's main
    ``label`` (a block, or a story of one side)."""
    from collections import Counter

    members: dict[str, list[str]] = defaultdict(list)
    for article_id, story in gold.items():
        if article_id in blocks:
            members[story].append(article_id)
    largest_first = sorted(members.values(), key=len, reverse=True)[:top]
    shares = [Counter(blocks[i] for i in ids).most_common(1)[0][1] / len(ids) for ids in largest_first]
    sizes = [len(ids) for ids in largest_first]
    return f"largest gold stories {sizes}: share in their main {label} {[round(x, 2) for x in shares]}"


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
    parser.add_argument("--resample", action="store_true",
                        help="N articles resampled from every real story (copies made distinct; see Resampled inputs)")
    parser.add_argument("--common-words", type=int, default=1000, help="with --resample: words every copy shares (default: 1000)")
    parser.add_argument("--span-days", type=int, default=365, help="with --resample: days the stories start in (default: 365)")
    parser.add_argument("--seed", type=int, default=18, help="with --resample: seed of the copies' order and dates (default: 18)")
    parser.add_argument("--clustering-only", action="store_true",
                        help="the job's brief stage writes a stub per story (no summary): times everything else")
    parser.add_argument("--postings", action="store_true",
                        help="also count blocking's posting lists offline (same rules: 40 heaviest terms, time buckets)")
    parser.add_argument("--driver-memory", default="3g", help="spark.driver.memory of local[2] (default: 3g)")
    parser.add_argument("--compare-only", type=Path, help="only compare a kept run with `newsbrief cluster`'s DIR/cluster.jsonl")
    parser.add_argument("--keep", type=Path, help="write the input and outputs in this folder (kept) instead of a temporary one")
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
    if args.compare_only:
        return compare_kept(args.compare_only)
    rows = input_rows(args)
    words = sum(len(r["text"].split()) for r in rows)
    print(f"articles: {len(rows)} ({words} words) from {args.data}", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsbrief-spark-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "articles.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        source_bytes = source.stat().st_size
        build = stub_brief if args.clustering_only else None
        spark = run_spark(source, folder / "out", config, args.partitions, args.block_cap, cluster, build, args.driver_memory)
        report_spark(spark, len(rows), source_bytes)
        gold = {r["id"]: story_of(r["id"]) for r in rows}
        print(compare("spark vs the sets' own stories", spark["assignments"], gold), flush=True)
        print(kept_together(gold, spark["blocks"]), flush=True)
        if args.postings:
            print(longest_postings(rows, cluster.quiet_days), flush=True)
        if args.skip_cluster:
            return 0
        local = run_cluster_command(source, cluster)
    print(f"`newsbrief cluster`: {local['seconds']:.1f} s = {len(rows) / local['seconds']:.1f} articles/s, "
          f"{local['stories']} stories; peak RSS of this process (the articles, the command's index) "
          f"{peak_rss_mb():.0f} MB", flush=True)
    report_agreement(gold, spark["assignments"], local["assignments"])
    if args.local_briefs:
        seconds = run_local_briefs(rows, local["assignments"], config)
        total = seconds + local["seconds"]
        print(f"single process (cluster + briefs): {total:.1f} s -> {len(rows) / total:.1f} articles/s", flush=True)
    return 0


def report_agreement(gold: dict[str, str], spark: dict[str, str], local: dict[str, str]) -> None:
    print(f"largest story: spark {largest(spark)}, cluster {largest(local)} articles", flush=True)
    print(compare("cluster vs the sets' own stories", local, gold), flush=True)
    print(compare("spark vs cluster", spark, local), flush=True)
    same = sum(spark.get(i) == s for i, s in local.items())
    print(f"articles with the same story id on both sides: {same} of {len(local)} "
          f"(cluster reads every article; spark clustered {len(spark)})", flush=True)
    print(kept_together(gold, local, label="`newsbrief cluster` story"), flush=True)
    print(kept_together(gold, spark, label="spark story"), flush=True)


def compare_kept(folder: Path) -> int:
    """``--compare-only DIR``: the agreement of a kept run (``--keep DIR --skip-cluster``) with
    ``newsbrief cluster DIR/articles.jsonl -o DIR/cluster.jsonl`` run apart."""
    ids = [json.loads(line)["id"] for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = {i: story_of(i) for i in ids}
    spark, blocks = {}, {}
    for part in sorted((folder / "out" / "assignments").glob("part-*")):
        for row in map(json.loads, part.read_text(encoding="utf-8").splitlines()):
            spark[row["article_id"]], blocks[row["article_id"]] = row["story_id"], row["block"]
    local = {row["id"]: row["story"] for row in map(json.loads, (folder / "cluster.jsonl").read_text(encoding="utf-8").splitlines())}
    print(f"{len(ids)} articles; spark {len(set(spark.values()))} stories, cluster {len(set(local.values()))}", flush=True)
    print(compare("spark vs the sets' own stories", spark, gold), flush=True)
    print(kept_together(gold, blocks), flush=True)
    report_agreement(gold, spark, local)
    return 0


def input_rows(args) -> list[dict]:
    """The real articles (``build_articles``), or with --resample copies of every real story."""
    if not args.resample:
        return build_articles(args.data, args.n)
    base = build_articles(args.data, 10**9)
    common = common_words(base, args.common_words)
    rows = resample(base, args.n, common, args.span_days, args.seed)
    kept = sum(w.lower() in common for r in base for w in WORD.findall(r["text"]))
    total = sum(len(WORD.findall(r["text"])) for r in base)
    copies = Counter(r["id"].split("/", 1)[0] for r in rows)
    print(f"resampled: {len(rows)} articles in {len({story_of(r['id']) for r in rows})} stories from {len(base)} real "
          f"articles ({len({story_of(r['id']) for r in base})} stories); copies used {len(copies)} "
          f"(largest {max(copies.values())} articles); the {args.common_words} common words are "
          f"{kept / max(total, 1):.1%} of the real texts' words; dates over {args.span_days} days from 2020-01-01",
          flush=True)
    return rows


def stub_brief(articles, config):
    """A brief that costs nothing (``--clustering-only``): the job's brief stage then times
    only grouping each story's articles."""
    from types import SimpleNamespace

    return SimpleNamespace(title=articles[0].title, summary_text="", to_dict=lambda: {"articles": len(articles)})


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def longest_postings(rows: list[dict], quiet_days: int | None) -> str:
    """Blocking's posting lists counted in one process with its rules (TF-IDF of
    ``term_counts`` on the text as given, each article's ``INDEX_TERMS`` heaviest terms, its home
    bucket and the next; undated: bucket -1): the longest lists and how many exceed ``MAX_POSTINGS``."""
    from newsbrief.cluster.online import INDEX_TERMS
    from newsbrief.cluster.text import term_counts, tfidf_vector
    from newsbrief.spark import blocking

    counts = [term_counts(r["title"], r["text"]) for r in rows]
    df: Counter[str] = Counter(t for c in counts for t in c)
    lists: Counter[tuple[str, int]] = Counter()
    for row, count in zip(rows, counts):
        vector = tfidf_vector(count, df, len(rows))
        heavy = sorted(vector, key=lambda t: (-vector[t], t))[:INDEX_TERMS]
        when = day(row["date"])
        if when is None:
            buckets = [-1]
        elif quiet_days is None:
            buckets = [0]
        else:
            home = (when - when.fromisoformat("1970-01-01")).days // quiet_days
            buckets = [home, home + 1]
        lists.update((term, bucket) for term in heavy for bucket in buckets)
    over = sum(1 for size in lists.values() if size > blocking.MAX_POSTINGS)
    pairs = sum(min(s, blocking.MAX_POSTINGS) ** 2 // 2 for s in lists.values())
    return (f"posting lists (offline, same rules): {len(lists)}; longest {lists.most_common(5)}; "
            f"{over} over MAX_POSTINGS {blocking.MAX_POSTINGS}; sum of n^2/2 over lists (capped) {pairs}")


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
