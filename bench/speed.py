#!/usr/bin/env python3
"""Seconds per story and peak memory of newsbrief, beside sumy LexRank in the same run.

    python bench/speed.py --stories ../shared/data/duc2003_task2/clusters.jsonl [--limit 30]
    python bench/speed.py                  # the bundled example story only

Prints, per system: seconds per story (mean, median, max) after start-up, words per
second, and the ratio to LexRank; then the peak resident memory of the process and
the wall time of `newsbrief brief` on the bundled example as a new process.
Pin to one core with `taskset -c 0 python bench/speed.py ...` for the one-core figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "newsbrief" / "examples" / "doha-talks"


def load_stories(path: str | None, limit: int | None) -> list[list]:
    from newsbrief.ingest import articles_from_story, read_inputs

    if path is None:
        return [list(read_inputs([str(EXAMPLE)]).articles)]
    stories = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                stories.append(articles_from_story(json.loads(line)))
            if limit and len(stories) >= limit:
                break
    return stories


def time_each(stories, run) -> list[float]:
    run(stories[0])  # start-up (model loading, caches) is not a per-story cost
    seconds = []
    for articles in stories:
        started = time.perf_counter()
        run(articles)
        seconds.append(time.perf_counter() - started)
    return seconds


def systems(words: int):
    from newsbrief.config import BriefConfig
    from newsbrief.pipeline import build_brief

    full = BriefConfig(words=words)
    summary_only = BriefConfig(words=words, timeline=False, quotes=False, entities=False, conflicts=False)
    yield "newsbrief (full brief)", lambda arts: build_brief(arts, full)
    yield "newsbrief (summary only)", lambda arts: build_brief(arts, summary_only)
    try:
        from newsbrief.evaluate.baselines import sumy_summary
    except ImportError:  # the eval extra (sumy) is not installed
        return
    yield "sumy LexRank", lambda arts: sumy_summary("lexrank", arts, words)


def new_process_seconds(runs: int = 3) -> float:
    cli = [sys.executable, "-m", "newsbrief", "brief", str(EXAMPLE)]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cli, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", help="stories JSONL (schema of shared/data/README.md)")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--words", type=int, default=100)
    args = parser.parse_args()

    stories = load_stories(args.stories, args.limit)
    n_words = sum(len(a.text.split()) for s in stories for a in s)
    n_articles = sum(len(s) for s in stories)
    print(f"{len(stories)} stories, {n_articles / len(stories):.1f} articles and "
          f"{n_words / len(stories):.0f} words per story, budget {args.words} words")
    results = {name: time_each(stories, run) for name, run in systems(args.words)}
    baseline = statistics.mean(results.get("sumy LexRank", [float("nan")]))
    print(f"{'system':28} {'s/story':>8} {'median':>8} {'max':>8} {'words/s':>9} {'x LexRank':>10}")
    for name, seconds in results.items():
        mean = statistics.mean(seconds)
        print(f"{name:28} {mean:8.3f} {statistics.median(seconds):8.3f} {max(seconds):8.3f} "
              f"{n_words / sum(seconds):9.0f} {baseline / mean:9.1f}x")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak_mb:.0f} MB")
    print(f"`newsbrief brief` on the bundled example as a new process: {new_process_seconds():.2f} s (median of 3)")


if __name__ == "__main__":
    main()
