"""A young store: a few ten-article stories streamed into a fresh store, as in the web app.

    python bench/young_store_bench.py STORIES.jsonl [--stories 8] [--articles 10] [--draws 10] [--no-embed]

Each draw takes ``--stories`` gold stories at random from the file, at most ``--articles``
articles of each, merges gold stories that share a document (TDT topics do: they are one story to
a reader), and adds the articles to a fresh store in date order (ties shuffled), one ``add`` as the
web app's: the store's stories are then scored against the gold ones. Printed per draw and on
average: stories found against gold stories and B-cubed precision / recall / F1, for ``add`` with
the local regroup (the store's default) and for the online pass alone (``--no-local-regroup``), in
the same run. The data is read from the given path and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsbrief.cluster import Doc  # noqa: E402
from newsbrief.evaluate.clustering import bcubed, shared_as_one  # noqa: E402
from newsbrief.model import Article  # noqa: E402
from newsbrief.store import Store  # noqa: E402
from newsbrief.store.regroup import LocalRegroup  # noqa: E402
from regroup_bench import in_date_order, stored_stories  # noqa: E402


def draw(stories: list[dict], count: int, per_story: int, seed: int) -> tuple[list[Article], dict[str, str]]:
    """(articles in date order, gold story of each article id) of one draw; a document that stands in
    two drawn stories is added once, and the stories are one (``shared_as_one``)."""
    rng = random.Random(seed)
    drawn = []
    for story in rng.sample(stories, count):
        documents = [d for d in story["documents"] if (d.get("text") or "").strip()]
        drawn += [(story["id"], Doc("", d.get("title"), d["text"], d.get("date")))
                  for d in rng.sample(documents, min(per_story, len(documents)))]
    items, seen = [], set()
    for story, doc in shared_as_one(drawn):
        if doc.text.strip() not in seen:
            seen.add(doc.text.strip())
            items.append((story, doc))
    return in_date_order(items, rng, id_digits=4, outlets=7)


def store_stories(articles: list[Article], local: LocalRegroup | None) -> dict[str, str]:
    """Input article id -> the story the store keeps it in after one ``add`` of all of them."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "young.db"
        with Store.open(db, local_regroup=local) as store:
            results = store.add_articles(articles)
        return stored_stories(db, {a.id: r.article for a, r in zip(articles, results) if r.article})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", type=Path)
    parser.add_argument("--stories", dest="count", type=int, default=8)
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--draws", type=int, default=10)
    parser.add_argument("--no-embed", action="store_true")
    args = parser.parse_args()

    stories = [json.loads(line) for line in args.stories.read_text(encoding="utf-8").splitlines() if line.strip()]
    systems = {"add (local regroup)": LocalRegroup(embed=not args.no_embed), "online pass alone": None}
    scores: dict[str, list[tuple[float, ...]]] = {name: [] for name in systems}
    for seed in range(args.draws):
        articles, gold = draw(stories, args.count, args.articles, seed)
        cells = []
        for name, local in systems.items():
            found = store_stories(articles, local)
            scored = {a: gold[a] for a in found}
            precision, recall, f1 = bcubed(scored, found)
            shown, real = len(set(found.values())), len(set(scored.values()))
            scores[name].append((precision, recall, f1, shown, real))
            cells.append(f"{name}: {shown:>2} stories of {real}, P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
        print(f"draw {seed} ({len(articles)} articles)  " + "  |  ".join(cells), flush=True)
    for name, rows in scores.items():
        exact = sum(row[3] == row[4] for row in rows)
        print(f"{name:<20} stories {mean(r[3] for r in rows):5.1f} (gold {mean(r[4] for r in rows):.1f}, exact in "
              f"{exact}/{len(rows)})  B3-P {mean(r[0] for r in rows):.3f}  B3-R {mean(r[1] for r in rows):.3f}  "
              f"B3-F1 {mean(r[2] for r in rows):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
