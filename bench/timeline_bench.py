"""Speed of the timeline stage in words per second on a real stories file.

    python bench/timeline_bench.py STORIES.jsonl [--limit N] [--lines]

Each row of STORIES.jsonl is one story (``documents`` with ``text`` and ``date``).
Sentences come from ``newsbrief.segment`` (or one per line with ``--lines``, as
timeline17 is distributed); only the timeline stage is timed, in both modes:
every dated event, and the 10 most important dates. The first call pays the
imports (scikit-learn) and is not timed.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsbrief.analyze.timeline import build_timeline
from newsbrief.config import BriefConfig
from newsbrief.model import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="first N stories only")
    parser.add_argument("--lines", action="store_true", help="one sentence per line (timeline17)")
    args = parser.parse_args()

    stories = []
    with args.stories.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if args.limit is not None and number >= args.limit:
                break
            row = json.loads(line)
            stories.append(
                [
                    Article(id=f"{row['id']}/{i}", text=d.get("text") or "", date=d.get("date"))
                    for i, d in enumerate(row.get("documents", ()))
                ]
            )
    if args.lines:
        from newsbrief.evaluate.timeline import line_sentences as split
    else:
        from newsbrief.segment import split_sentences as split
    prepared = [(articles, {a.id: split(a) for a in articles}) for articles in stories]
    words = sum(len(a.text.split()) for articles in stories for a in articles)
    build_timeline(*prepared[0], BriefConfig(timeline_dates=3))  # warm-up: imports

    for label, config in (("all events", BriefConfig()), ("10 dates", BriefConfig(timeline_dates=10))):
        started = time.perf_counter()
        events = sum(len(build_timeline(articles, sentences, config)) for articles, sentences in prepared)
        seconds = time.perf_counter() - started
        print(
            f"timeline ({label}): {len(stories)} stories, {words:,} words, {events} events, "
            f"{seconds:.2f} s, {words / seconds:,.0f} words/s"
        )


if __name__ == "__main__":
    main()
