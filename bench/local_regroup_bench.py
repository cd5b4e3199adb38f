"""The store's stories with each setting of add's local regroup (regroup.LocalRegroup), on one story file.

    nice -n 10 .venv/bin/python bench/local_regroup_bench.py STORIES.jsonl[#FROM:TO] [--quiet-days N]
        [off] [EVERY,MAX_ARTICLES,e|w ...]

Streams the file's articles through a fresh store's ``add`` in date order (as ``newsbrief eval
--task clustering --online``: ``evaluate.clustering.online_clusters``, shuffled with seed 13), once
per setting: ``off`` is the online pass alone, ``100,300,e`` a local regroup every 100 articles of
up to 300 articles with embeddings (``w``: words only). Prints B-cubed precision / recall / F1 of
the store's stories, their number, and wall and CPU seconds. The settings of the shipped
``LocalRegroup`` were chosen with it on the training halves of issue 16's sets (docs/store.md),
never on the report split. The data is read from the given path, never copied into the repository.
"""

from __future__ import annotations

import argparse
import time

from newsbrief.evaluate.clustering import DEFAULT_SEED, load_stream, online_clusters, score, shuffled
from newsbrief.store.regroup import LocalRegroup


def setting(text: str) -> LocalRegroup | None:
    if text == "off":
        return None
    every, most, kind = text.split(",")
    return LocalRegroup(every=int(every), max_articles=int(most), embed=kind == "e")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", help="a clusters.jsonl or ECB+ file (FILE#FROM:TO for a slice of stories)")
    parser.add_argument("settings", nargs="+", help="off, or EVERY,MAX_ARTICLES,e|w")
    parser.add_argument("--quiet-days", type=int, default=None, help="the store's window (default: its 21 days)")
    args = parser.parse_args()
    gold, docs = shuffled(load_stream([args.stories]), DEFAULT_SEED)
    for text in args.settings:
        wall, cpu = time.perf_counter(), time.process_time()
        found, _ = online_clusters(docs, args.quiet_days, setting(text))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        scores = score({doc: gold[doc] for doc in found}, found, wall)
        print(f"{text:12} B3-P {scores.precision:.3f}  B3-R {scores.recall:.3f}  B3-F1 {scores.f1:.3f}  "
              f"stories {scores.clusters:5}  {wall:6.1f} s wall  {cpu:6.1f} s CPU (this process)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
