"""Speed of the analysis stages in words per second, on a real stories file.

    python bench/analysis_bench.py --stories ../shared/data/duc2003_task2/clusters.jsonl --limit 10

Each story is cleaned and segmented first (not timed), then timed stage by stage:

    parse      spaCy where the stages read it (analyze/focus.py; cache cleared first,
               model already loaded)
    quotes     extract_quotes on the parsed story
    entities   extract_entities on the parsed story
    figures    find_conflicts on the parsed story
    timeline   build_timeline, when newsbrief.analyze.timeline is importable

quotes, entities and figures reuse the parse, as they do inside a brief, so their time
is their own work; "parse" is the cost they share. The model load (once per process)
is reported apart. Words are whitespace-separated words of the cleaned articles.
Both wall-clock and CPU time (``time.process_time``) are reported: on a shared machine
the wall clock measures the other processes as much as this one.
The data is read from the path given; nothing of it is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from newsbrief.analyze import nlp
from newsbrief.analyze.entities import extract_entities
from newsbrief.analyze.figures import find_conflicts
from newsbrief.analyze.quotes import extract_quotes
from newsbrief.clean import clean_article
from newsbrief.ingest import articles_from_story
from newsbrief.model import Article, Sentence
from newsbrief.segment import split_sentences

Stage = Callable[[list[Article], dict[str, tuple[Sentence, ...]]], object]


def stories(path: Path, limit: int | None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def timeline_stage() -> Stage | None:
    try:
        from newsbrief.analyze.timeline import build_timeline
    except ImportError:
        return None
    return lambda articles, sentences: build_timeline(articles, sentences)


def parse_stage(articles: list[Article], sentences: dict[str, tuple[Sentence, ...]]) -> object:
    nlp.clear_cache()
    return nlp.parse_articles(articles, sentences)


def run(path: Path, limit: int | None) -> dict[str, float]:
    stages: dict[str, Stage] = {
        "parse": parse_stage,
        "quotes": extract_quotes,
        "entities": extract_entities,
        "figures": find_conflicts,
    }
    timeline = timeline_stage()
    if timeline is not None:
        stages["timeline"] = timeline
    started, started_cpu = time.perf_counter(), time.process_time()
    nlp.load_pipeline()
    print(
        f"model load: {time.perf_counter() - started:.2f} s wall, "
        f"{time.process_time() - started_cpu:.2f} s cpu (once per process)"
    )
    seconds: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    words = 0
    count = 0
    for story in stories(path, limit):
        articles = [a for a in (clean_article(a) for a in articles_from_story(story)) if a.text.strip()]
        sentences = {a.id: split_sentences(a) for a in articles}
        words += sum(len(a.text.split()) for a in articles)
        count += 1
        for name, stage in stages.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            stage(articles, sentences)
            seconds[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu
    print(f"{count} stories, {words} words")
    rates = {}
    print(f"  {'stage':<9} {'wall s':>8} {'words/s':>10} {'cpu s':>8} {'words/s':>10}")
    for name, spent in seconds.items():
        rates[name] = words / cpu[name] if cpu[name] else float("inf")
        wall_rate = words / spent if spent else float("inf")
        print(f"  {name:<9} {spent:8.2f} {wall_rate:10,.0f} {cpu[name]:8.2f} {rates[name]:10,.0f}")
    analysis = sum(cpu[n] for n in ("parse", "quotes", "entities", "figures"))
    print(f"  quotes+entities+figures with their shared parse: {words / analysis:,.0f} words/s (cpu)")
    slowest = max(cpu, key=cpu.get)
    print(f"slowest stage: {slowest} ({cpu[slowest]:.2f} s cpu, {rates[slowest]:,.0f} words/s)")
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", required=True, type=Path, help="JSON Lines file, one story per line")
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    args = parser.parse_args(argv)
    if not args.stories.is_file():
        print(f"analysis_bench: {args.stories}: no such file (give a stories .jsonl file)", file=sys.stderr)
        return 2
    run(args.stories, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
