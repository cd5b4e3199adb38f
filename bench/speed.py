#!/usr/bin/env python3
"""Seconds per story and peak memory of newsbrief, beside sumy LexRank in the same run.

    python bench/speed.py --stories ../shared/data/duc2003_task2/clusters.jsonl [--limit 30]
    python bench/speed.py                  # the bundled example story only

Prints, per system: CPU seconds per story (``time.process_time``: the machine is
shared, the wall clock measures the other processes too; median of ``--repeat`` runs
of each story) after start-up (mean,
median, max), wall seconds, words per CPU second, and the ratio to LexRank (how many
times LexRank's CPU time); then the CPU seconds of each stage of the full brief
(prepare, summary, spaCy analysis, quotes, entities, figures, timeline), the share of
the story's tokens each reason sent through the whole spaCy pipeline and the share
the entity recognizer alone read (``analyze/focus.py``), the peak resident memory,
and the wall time of `newsbrief brief` on the bundled example as a new process.
Pin to one core with `taskset -c 0 python bench/speed.py ...` for the one-core figure;
`--blas-threads 1` runs numpy's BLAS in one thread (set before numpy loads); the spaCy
models then multiply matrices with it rather than BLIS (``analyze/nlp.py``: 0.1 s a story).
The data is read from the path given; nothing of it is stored.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
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


def time_each(stories, run, repeat: int) -> tuple[list[float], list[float]]:
    """(CPU seconds, wall seconds) per story, the median of ``repeat`` runs (other
    processes on a shared machine slow single runs down); the first story is run once
    before, so start-up (model loading, caches) is not a per-story cost."""
    from newsbrief.analyze import nlp

    run(stories[0])
    cpu, wall = [], []
    for articles in stories:
        runs = []
        for _ in range(repeat):
            nlp.clear_cache()  # a story briefed before would reuse its parse
            started, started_cpu = time.perf_counter(), time.process_time()
            run(articles)
            runs.append((time.process_time() - started_cpu, time.perf_counter() - started))
        cpu.append(statistics.median(r[0] for r in runs))
        wall.append(statistics.median(r[1] for r in runs))
    return cpu, wall


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


def stage_seconds(stories, words: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """CPU seconds of each stage of the full brief per story, and the parse shares."""
    from newsbrief.analyze import nlp
    from newsbrief.analyze.entities import extract_entities
    from newsbrief.analyze.figures import find_conflicts
    from newsbrief.analyze.quotes import extract_quotes
    from newsbrief.analyze.timeline import build_timeline
    from newsbrief.pipeline import prepare
    from newsbrief.summarize import summarize

    cpu: dict[str, list[float]] = defaultdict(list)
    shares: dict[str, list[float]] = defaultdict(list)
    for articles in stories:
        nlp.clear_cache()
        clock = time.process_time()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.process_time()
            cpu[name].append(now - clock)
            clock = now

        prepared = prepare(articles)
        unique, sentences = prepared.unique, prepared.sentences
        lap("prepare (clean, dedup, segment)")
        summarize(unique, sentences, words=words)
        lap("summary")
        docs = nlp.parse_articles(unique, sentences)
        lap("spaCy (selective)")
        build_timeline(unique, sentences)
        lap("timeline")
        extract_quotes(unique, sentences)
        lap("quotes")
        extract_entities(unique, sentences)
        lap("entities")
        find_conflicts(unique, sentences)
        lap("figures")
        stats = next(iter(docs.values())).user_data.get(nlp.PARSE_STATS, {}) if docs else {}
        for name, value in stats.items():
            if name != "tokens":
                shares[name].append(value)
    return cpu, shares


def products() -> str:
    """Which library the spaCy models multiply matrices with (``nlp.multiply_with_numpy``)."""
    from newsbrief.analyze import nlp

    ops = nlp.load_pipeline().get_pipe("ner").model.ops
    if getattr(ops, "use_blis", True):
        return "BLIS (numpy's BLAS runs more than one thread)"
    return "numpy's BLAS, one thread"


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
    parser.add_argument("--repeat", type=int, default=3, help="runs per story (the median is kept)")
    parser.add_argument("--no-new-process", action="store_true", help="skip the new-process timing")
    parser.add_argument(
        "--blas-threads", type=int, default=None,
        help="threads of numpy's BLAS (OPENBLAS/OMP/MKL_NUM_THREADS, set before numpy loads); "
        "default: the environment's. On the 2-core machine 1 saves ~0.1 s of CPU a story "
        "(idle OpenBLAS workers spin between the many small products), and lets spaCy's "
        "models multiply with numpy's BLAS instead of BLIS (another 0.1 s)",
    )
    args = parser.parse_args()
    if args.blas_threads is not None:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = str(args.blas_threads)
    print(f"BLAS threads: {os.environ.get('OPENBLAS_NUM_THREADS', 'library default')}")

    stories = load_stories(args.stories, args.limit)
    n_words = sum(len(a.text.split()) for s in stories for a in s)
    n_articles = sum(len(s) for s in stories)
    print(f"{len(stories)} stories, {n_articles / len(stories):.1f} articles and "
          f"{n_words / len(stories):.0f} words per story, budget {args.words} words")
    results = {name: time_each(stories, run, args.repeat) for name, run in systems(args.words)}
    baseline = statistics.mean(results["sumy LexRank"][0]) if "sumy LexRank" in results else float("nan")
    print(f"{'system':28} {'cpu s/story':>11} {'median':>8} {'max':>8} {'wall s':>8} {'words/cpu s':>12} {'x LexRank':>10}")
    for name, (cpu, wall) in results.items():
        mean = statistics.mean(cpu)
        print(f"{name:28} {mean:11.3f} {statistics.median(cpu):8.3f} {max(cpu):8.3f} "
              f"{statistics.mean(wall):8.3f} {n_words / sum(cpu):12.0f} {mean / baseline:9.1f}x")

    cpu, shares = stage_seconds(stories, args.words)
    print("CPU seconds per story by stage of the full brief (mean, max):")
    for name, seconds in cpu.items():
        print(f"  {name:34} {statistics.mean(seconds):7.3f} {max(seconds):7.3f}")
    print(f"  {'total':34} {sum(statistics.mean(s) for s in cpu.values()):7.3f}")
    print("share of the story's tokens sent to spaCy (mean, min, max over stories):")
    for name, values in shares.items():
        label = "whole pipeline: " + name if name not in ("parsed", "ner only") else name
        if name == "parsed":
            label = "whole pipeline, all reasons"
        if name == "ner only":
            label = "entity recognizer alone (windows)"
        print(f"  {label:40} {statistics.mean(values):6.1%} {min(values):6.1%} {max(values):6.1%}")
    print(f"models' matrix products: {products()}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak_mb:.0f} MB")
    if not args.no_new_process:
        print(f"`newsbrief brief` on the bundled example as a new process: {new_process_seconds():.2f} s wall (median of 3)")


if __name__ == "__main__":
    main()
