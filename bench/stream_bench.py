"""Stream N articles through the store's add path: speed, memory, growth, and story quality.

    python bench/stream_bench.py ../shared/data --n 100000 [--db /tmp/stream.db] [--block 10000]

Articles are built from real stories, never stored in the repository: each story of
the given data folder (every ``*/clusters.jsonl`` with article bodies) becomes one
stream story with a start date somewhere in a year and a span of 1-14 days; each
article of it takes a headline-like first sentence and 4-9 sentences resampled from
the story's documents. Gold stories are therefore known, and the bench prints the
B-cubed F1 of the stories the store formed (one article at a time, batches of 500 given to
``add_articles``, with ``add``'s local regroup unless ``--no-local-regroup``).

Output: one line per block (default 10,000 articles) with the block's articles per
second and milliseconds per article as the store grows, peak memory (max RSS), and
the database size; then totals.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsbrief.evaluate.clustering import bcubed  # noqa: E402
from newsbrief.model import Article  # noqa: E402
from newsbrief.store.regroup import LocalRegroup  # noqa: E402
from newsbrief.store import Store  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
# Sets whose documents have bodies (uci_headlines_stories has headlines only).
MIN_SENTENCES = 8
START = date(2020, 1, 1)


def load_story_pools(data: Path) -> list[tuple[str, list[str], list[str]]]:
    """(story id, headlines, sentences) for every story with enough text."""
    pools = []
    for path in sorted(data.glob("*/clusters.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            sentences: list[str] = []
            titles: list[str] = []
            for doc in story.get("documents") or ():
                text = " ".join((doc.get("text") or "").split())
                sentences += [s for s in _SENTENCE_END.split(text) if 6 <= len(s.split()) <= 60]
                if doc.get("title"):
                    titles.append(doc["title"])
            if len(sentences) >= MIN_SENTENCES:
                pools.append((f"{path.parent.name}/{story.get('id')}", titles, sentences))
    return pools


def stream(pools, n: int, seed: int) -> Iterator[tuple[str, Article]]:
    """(gold story, article) in date order: stories start through a year, each runs 1-14 days."""
    rng = random.Random(seed)
    starts = {sid: START + timedelta(days=rng.randrange(365)) for sid, _, _ in pools}
    spans = {sid: rng.randint(1, 14) for sid, _, _ in pools}
    plan = []
    for number in range(n):
        sid, titles, sentences = pools[rng.randrange(len(pools))]
        day = starts[sid] + timedelta(days=rng.randrange(spans[sid]))
        plan.append((day, number, sid))
    plan.sort()
    by_id = {sid: (titles, sentences) for sid, titles, sentences in pools}
    for day, number, sid in plan:
        titles, sentences = by_id[sid]
        picked = rng.sample(sentences, min(len(sentences), rng.randint(4, 9)))
        title = rng.choice(titles) if titles else " ".join(picked[0].split()[:12])
        yield sid, Article(id=f"bench-{number}", text="\n\n".join(picked), title=title, date=day.isoformat(),
                           source=f"outlet{number % 40}.example", url=f"https://outlet{number % 40}.example/{number}")


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds */clusters.jsonl)")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--block", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsbrief-stream-bench.db"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-check", action="store_true",
                        help="also cluster the stored articles with cluster_docs (the batch method, "
                             "21-day window) and print its F1 and its agreement with the store")
    parser.add_argument("--no-local-regroup", dest="local_regroup", action="store_false",
                        help="add without its local regroup (each article stays where the online pass put it)")
    parser.add_argument("--regroup", action="store_true",
                        help="then run `newsbrief regroup` on the store and print its time, memory and F1")
    args = parser.parse_args()

    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    pools = load_story_pools(args.data)
    print(f"{len(pools)} source stories from {args.data}; streaming {args.n:,} articles into {args.db}")
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    counts = {"stored": 0, "duplicate": 0, "skipped": 0}
    started = block_started = time.perf_counter()
    done = 0
    with Store.open(args.db, local_regroup=LocalRegroup() if args.local_regroup else None) as store:
        batch: list[tuple[str, Article]] = []
        kept: dict[str, Article] = {}
        for item in stream(pools, args.n, args.seed):
            batch.append(item)
            if len(batch) == 500 or done + len(batch) == args.n:
                for (sid, article), result in zip(batch, store.add_articles([a for _, a in batch])):
                    counts[result.status] += 1
                    if result.article and result.status == "stored":
                        gold[result.article] = sid
                        predicted[result.article] = result.story or ""
                        if args.batch_check:
                            kept[result.article] = article
                done += len(batch)
                batch = []
                if done % args.block == 0 or done == args.n:
                    now = time.perf_counter()
                    size = args.block if done % args.block == 0 else done % args.block
                    print(f"{done:>8,} articles  block {size / (now - block_started):7.1f} art/s "
                          f"({1000 * (now - block_started) / size:5.2f} ms/article)  max RSS {max_rss_mb():7.1f} MB  "
                          f"db {_db_mb(args.db):7.1f} MB", flush=True)
                    block_started = now
        stories = len(store.stories())
        elapsed = time.perf_counter() - started
        # where the articles are now: a local regroup may have moved them after their result
        predicted = {article: story for article, story in _stored_stories(args.db).items() if article in predicted}
        stream_rss = max_rss_mb()  # before any regrouping
        if args.regroup:
            regroup_check(store, args.db, gold)

    precision, recall, f1 = bcubed(gold, predicted)
    print(f"total {done:,} articles in {elapsed:.1f} s = {done / elapsed:.1f} art/s; peak RSS {stream_rss:.0f} MB; "
          f"stored {counts['stored']:,}, duplicates {counts['duplicate']:,}, skipped {counts['skipped']:,}; "
          f"{stories:,} stories for {len(set(gold.values())):,} gold stories")
    print(f"the store's stories of the stored articles: B3-P {precision:.3f}  B3-R {recall:.3f}  B3-F1 {f1:.3f}")
    if args.batch_check:
        batch_check(kept, gold, predicted)
    return 0


def _stored_stories(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return {article: str(story) for article, story in conn.execute("SELECT id, story_id FROM articles")}
    finally:
        conn.close()


def regroup_check(store: Store, db: Path, gold: dict[str, str]) -> None:
    """`newsbrief regroup` on the whole store: seconds, peak memory, and F1 of the stories after it."""
    import sqlite3

    started = time.perf_counter()
    outcome = store.regroup()
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(db)
    try:
        now = {row[0]: str(row[1]) for row in conn.execute("SELECT id, story_id FROM articles")}
    finally:
        conn.close()
    precision, recall, f1 = bcubed(gold, {article: now[article] for article in gold})
    print(f"regroup: {outcome.articles:,} articles of {outcome.stories_before:,} stories into {outcome.stories_after:,} "
          f"in {seconds:.1f} s ({'with' if outcome.embeddings else 'without'} embeddings), {outcome.moved:,} moved; "
          f"peak RSS {max_rss_mb():.0f} MB; B3-P {precision:.3f}  B3-R {recall:.3f}  B3-F1 {f1:.3f}", flush=True)


def batch_check(kept: dict[str, Article], gold: dict[str, str], online: dict[str, str]) -> None:
    """The batch method on the same stored articles: its F1, and how far the store agrees with it."""
    from sklearn.metrics import adjusted_rand_score

    from newsbrief.clean import clean_article
    from newsbrief.cluster import QUIET_DAYS, ClusterConfig, Doc, cluster_docs

    docs = []
    for article_id, article in kept.items():
        cleaned = clean_article(article)
        docs.append(Doc(article_id, cleaned.title, cleaned.text, cleaned.date))
    started = time.process_time()
    batch = cluster_docs(docs, ClusterConfig(quiet_days=QUIET_DAYS))
    seconds = time.process_time() - started
    precision, recall, f1 = bcubed(gold, batch)
    ids = sorted(batch)
    agreement = adjusted_rand_score([online[i] for i in ids], [batch[i] for i in ids])
    print(f"batch clustering (cluster_docs, {QUIET_DAYS}-day window, {seconds:.1f} CPU s) of the same "
          f"{len(docs):,} articles: B3-P {precision:.3f}  B3-R {recall:.3f}  B3-F1 {f1:.3f}; "
          f"{len(set(batch.values())):,} stories; adjusted Rand index online vs batch {agreement:.3f}")


def _db_mb(path: Path) -> float:
    return sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists()) / 2**20


if __name__ == "__main__":
    sys.exit(main())
