"""Speed of the first stages (ingest -> clean -> dedup -> segment) on a real stories file.

    .venv/bin/python bench/ingest_bench.py ../shared/data/duc2003_task2/clusters.jsonl [--limit 30]

Per story: ``articles_from_story``, ``clean_article`` on each document,
``collapse_duplicates``, ``split_sentences`` on the survivors; prints milliseconds
per story for each stage, words per second, and, as a baseline, stock
``pysbd.Segmenter(...).segment`` over the same cleaned articles. Also counts
documents collapsed as duplicates and words removed by cleaning. The segmenter
is built before timing; its paragraph cache is cleared per story so that the
numbers are segmentation, not cache hits. The data is read from the path given;
nothing of it is stored.
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import islice
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", type=Path, help="JSONL, one story per line (../shared/data/README.md)")
    parser.add_argument("--limit", type=int, default=30, help="stories to time (default 30)")
    args = parser.parse_args()

    import pysbd

    from newsbrief import segment
    from newsbrief.clean import clean_article
    from newsbrief.dedup import collapse_duplicates
    from newsbrief.ingest import articles_from_story

    segment._segmenter()  # build the segmenter outside the timing
    stock = pysbd.Segmenter(language="en", clean=False)
    times = dict.fromkeys(("ingest", "clean", "dedup", "segment", "stock pysbd"), 0.0)
    raw_words = clean_words = unique_words = documents = collapsed = stories = 0
    with args.stories.open(encoding="utf-8") as lines:
        for line in islice(lines, args.limit):
            story = json.loads(line)
            start = time.perf_counter()
            articles = articles_from_story(story)
            ingested = time.perf_counter()
            cleaned = [clean_article(a) for a in articles]
            cleaned_at = time.perf_counter()
            unique = collapse_duplicates(cleaned)
            deduped = time.perf_counter()
            segment.paragraph_spans.cache_clear()
            for article in unique:
                segment.split_sentences(article)
            segmented = time.perf_counter()
            for article in unique:
                stock.segment(article.text)
            stock_done = time.perf_counter()
            for stage, seconds in zip(
                times,
                (ingested - start, cleaned_at - ingested, deduped - cleaned_at,
                 segmented - deduped, stock_done - segmented),
                strict=True,
            ):
                times[stage] += seconds
            stories += 1
            documents += len(articles)
            collapsed += len(articles) - len(unique)
            raw_words += sum(len(a.text.split()) for a in articles)
            clean_words += sum(len(a.text.split()) for a in cleaned)
            unique_words += sum(len(a.text.split()) for a in unique)
    print(f"{stories} stories, {documents} documents, {raw_words / max(stories, 1):.0f} words per story")
    print(f"cleaning removed {1 - clean_words / max(raw_words, 1):.2%} of the words; "
          f"{collapsed} documents collapsed as duplicates")
    for stage, seconds in times.items():
        words = unique_words if stage in ("segment", "stock pysbd") else clean_words  # survivors only
        rate = words / seconds if seconds else float("inf")
        print(f"{stage:12s} {seconds / max(stories, 1) * 1000:8.1f} ms/story {rate:12,.0f} words/s")


if __name__ == "__main__":
    main()
