#!/usr/bin/env python3
"""Whether two versions of the analysis give the same briefs: dump, then compare.

    python bench/analysis_compare.py dump --stories ../shared/data/duc2003_task2/clusters.jsonl \
        --limit 12 --out /tmp/after.json
    PYTHONPATH=/tmp/before/src python bench/analysis_compare.py dump ... --out /tmp/before.json
    python bench/analysis_compare.py compare /tmp/before.json /tmp/after.json

``dump`` writes, per story, the full brief's timeline, quotes, entities and conflicts
(``Brief.to_dict``) and, per article, what spaCy left on each token (tag, part of
speech, dependency label and head, entity label); ``compare`` counts the items of the
second dump found identical in the first (quotes: text, speaker, citations and spans;
entities: every field; conflicts: subject and values) and the tokens analysed
differently. A speed change that keeps the analysis must show no difference at all.
Run the version before from a ``git archive`` of its commit on ``PYTHONPATH``.
The dumps hold text of the stories: write them outside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def dump(stories_path: str, limit: int, out: str, blas_threads: int | None) -> None:
    import os

    if blas_threads is not None:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = str(blas_threads)
    from speed import load_stories

    from newsbrief.analyze import nlp
    from newsbrief.config import BriefConfig
    from newsbrief.pipeline import build_brief, prepare

    found = []
    for articles in load_stories(stories_path, limit):
        brief = build_brief(articles, BriefConfig(words=100)).to_dict()
        prepared = prepare(articles)
        docs = nlp.parse_articles(prepared.unique, prepared.sentences)
        tokens = {
            article_id: [
                [t.tag_, t.pos_, t.dep_, t.head.i - t.i, t.ent_iob_, t.ent_type_] for t in doc
            ]
            for article_id, doc in docs.items()
        }
        found.append({
            "story": articles[0].id.split("/")[0] if articles else "",
            **{part: brief[part] for part in ("timeline", "quotes", "entities", "conflicts")},
            "tokens": tokens,
        })
        nlp.clear_cache()
    Path(out).write_text(json.dumps(found), encoding="utf-8")
    print(f"{len(found)} stories written to {out}")


def compare(before_path: str, after_path: str) -> int:
    before = json.loads(Path(before_path).read_text(encoding="utf-8"))
    after = json.loads(Path(after_path).read_text(encoding="utf-8"))
    same: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for old, new in zip(before, after, strict=True):
        for part in ("timeline", "quotes", "entities", "conflicts"):
            kept = [json.dumps(item, sort_keys=True) for item in old[part]]
            for item in new[part]:
                total[part] += 1
                same[part] += json.dumps(item, sort_keys=True) in kept
            extra = len(old[part]) - len(new[part])
            if extra > 0:
                total[part] += extra  # items lost count as differences
        for article_id, tokens in new["tokens"].items():
            old_tokens = old["tokens"].get(article_id, [])
            total["tokens"] += max(len(tokens), len(old_tokens))
            same["tokens"] += sum(a == b for a, b in zip(tokens, old_tokens))
            for name, n in (("entity labels", 4), ("tags", 0), ("dependencies", 2)):
                total[name] += len(tokens)
                same[name] += sum(a[n:n + 2] == b[n:n + 2] for a, b in zip(tokens, old_tokens))
    for part in ("timeline", "quotes", "entities", "conflicts", "tokens", "tags", "dependencies", "entity labels"):
        print(f"{part:14} {same[part]:7}/{total[part]:<7} identical")
    return 0 if same == total else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("--stories", required=True, help="stories JSONL (schema of shared/data/README.md)")
    dumping.add_argument("--limit", type=int, default=12)
    dumping.add_argument("--out", required=True)
    dumping.add_argument("--blas-threads", type=int, default=1)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before")
    comparing.add_argument("after")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.stories, args.limit, args.out, args.blas_threads)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
