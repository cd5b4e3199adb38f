"""How much `newsbrief regroup` improves the stories of the store, and what it costs.

    python bench/regroup_bench.py STORIES.jsonl... [--limit N] [--quiet-days N] [--no-embed] [--seed 13]
        [--no-local-regroup]

Streams the articles of the given story files (gold story = story line, as in
``newsbrief eval --task clustering``) into a fresh store in date order (ties shuffled with the seed),
as `newsbrief add` would receive them, then regroups the store. Prints B-cubed precision / recall /
F1 against the gold stories of the store after `add` (with its local regroup, words only under
``--no-embed``, unless ``--no-local-regroup``), of the store after `regroup`, and of
``cluster_docs`` run directly on the same articles (what regrouping should reach), with the seconds
of each. Articles without text are skipped (the store keeps only articles with a body). The data
is read from the given paths and never copied into the repository.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsbrief.cli.store import describe_regroup  # noqa: E402
from newsbrief.cluster import ClusterConfig  # noqa: E402
from newsbrief.evaluate.clustering import bcubed, load_stream  # noqa: E402
from newsbrief.model import Article  # noqa: E402
from newsbrief.store.regroup import LocalRegroup, cluster_stored  # noqa: E402
from newsbrief.store import Store  # noqa: E402


def arriving(paths: list[str], limit: int | None, seed: int) -> tuple[list[Article], dict[str, str]]:
    """(articles in date order, ties shuffled; gold story of each article id)."""
    stream = [(gold, doc) for gold, doc in load_stream(paths, limit) if (doc.text or "").strip()]
    return in_date_order(stream, random.Random(seed))


def in_date_order(stream: list, rng: random.Random, id_digits: int = 6,
                  outlets: int = 50) -> tuple[list[Article], dict[str, str]]:
    """(gold story, Doc) pairs as the articles a store receives: in date order, ties shuffled with
    ``rng``, ids "a000000" on, spread over ``outlets`` made-up sources; and the gold story of each id."""
    rng.shuffle(stream)
    stream.sort(key=lambda item: item[1].date or "")
    articles, gold = [], {}
    for n, (story, doc) in enumerate(stream):
        article_id = f"a{n:0{id_digits}d}"
        articles.append(Article(id=article_id, text=doc.text, title=doc.title, date=doc.date,
                                source=f"outlet{n % outlets}.example", path=f"{article_id}.txt"))
        gold[article_id] = story
    return articles, gold


def line(name: str, gold: dict[str, str], predicted: dict[str, str], seconds: float) -> str:
    precision, recall, f1 = bcubed(gold, predicted)
    return (f"{name:<34} B3-P {precision:.3f}  B3-R {recall:.3f}  B3-F1 {f1:.3f}  "
            f"stories {len(set(predicted.values())):>5}  {seconds:7.1f}s")


def stored_stories(db: Path, stored_as: dict[str, str]) -> dict[str, str]:
    """Input article id -> the story its stored row (or the original it copies) is in now."""
    conn = sqlite3.connect(db)
    try:
        story_of = dict(conn.execute("SELECT id, CAST(story_id AS TEXT) FROM articles"))
    finally:
        conn.close()
    return {article: story_of[row] for article, row in stored_as.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+")
    parser.add_argument("--limit", type=int, default=None, help="stories per file")
    parser.add_argument("--quiet-days", type=int, default=None, help="the store's quiet window (default: none)")
    parser.add_argument("--no-embed", action="store_true")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-local-regroup", dest="local_regroup", action="store_false",
                        help="add without its local regroup (the online pass alone)")
    args = parser.parse_args()

    articles, gold = arriving(args.stories, args.limit, args.seed)
    print(f"{len(articles)} articles with text, {len(set(gold.values()))} gold stories; quiet window "
          f"{args.quiet_days or 'none'}; {'words only' if args.no_embed else 'words + embeddings'}")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        local = LocalRegroup(embed=not args.no_embed) if args.local_regroup else None
        with Store.open(db, ClusterConfig(quiet_days=args.quiet_days), local_regroup=local) as store:
            started = time.perf_counter()
            results = store.add_articles(articles)
            added = time.perf_counter() - started
            stored_as = {a.id: r.article for a, r in zip(articles, results) if r.article}
            scored = {a: gold[a] for a in stored_as}
            print(line(f"store, add ({'local regroup' if local else 'online pass alone'})", scored, stored_stories(db, stored_as), added))
            started = time.perf_counter()
            outcome = store.regroup(embed=not args.no_embed)
            regrouped = time.perf_counter() - started
            print(line("store after newsbrief regroup", scored, stored_stories(db, stored_as), regrouped))
            print("  " + describe_regroup(outcome, regrouped).replace("\n", "\n  "))
        rows = [(a.id, a.title, a.text, a.date) for a in articles if a.id in stored_as]
        started = time.perf_counter()
        direct, _ = cluster_stored(rows, args.quiet_days, not args.no_embed)
        print(line("cluster_docs on the same articles", scored, direct, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
