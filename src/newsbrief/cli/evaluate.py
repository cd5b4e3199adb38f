"""``newsbrief eval``: score newsbrief against human references, beside baselines.

    newsbrief eval FILE.jsonl... [--task summary|timeline|clustering|dates|quotes|entities|update] [--words N]
                   [--baselines lead,lexrank,...] [-o SCORES.json] [--limit N] [--f1]
                   [--timeline-dates N] [--seed N] [--quiet-days N] [--no-embed] [--no-learned] [--online] [--no-local-regroup] [--tree-ceiling]
                   [--format text|json]

The component tasks read their benchmark's own schema: dates TempEval-3 style
(``../shared/data/tempeval3_dev``), quotes PolNeAR style, entities ECB+ style. With
``--format json`` every task that supports it prints one object:
``{"task": ..., "systems": {"newsbrief": {METRIC: value}, "BASELINE": {...}}}``.

Each task's evaluation lives in ``newsbrief.evaluate.<task>`` and exposes
``run(args) -> int``; it is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import importlib

TASKS = ("summary", "timeline", "clustering", "dates", "quotes", "entities", "update")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "eval",
        help="score newsbrief against reference summaries, timelines, clusters, dates, quotes or entities",
        description=(
            "Run newsbrief and baselines on stories with human references (JSONL, one story "
            "per line: {\"id\", \"documents\", \"summaries\", ...}) and print one table of scores."
        ),
    )
    parser.add_argument("stories", nargs="+", metavar="STORIES.jsonl", help="story sets to evaluate on")
    parser.add_argument("--task", choices=TASKS, default="summary", help="what to evaluate (default: summary)")
    parser.add_argument("--words", type=_positive, default=100,
                        help="summary word budget; ROUGE reads the first N words (default: 100)")
    parser.add_argument("--baselines", default=None, metavar="NAMES",
                        help="comma-separated baselines: lead, lexrank, textrank, lsa, luhn, sumbasic, kl for "
                             "summaries (default: lead,lexrank); pubcount+lead, random for timelines (default: "
                             "both); the other tasks run their one baseline; '' or none for none")
    parser.add_argument("-o", "--output", metavar="SCORES.json", help="write per-story scores here")
    parser.add_argument("--limit", type=_positive, default=None, metavar="N",
                        help="only the first N stories of each file")
    parser.add_argument("--f1", action="store_true",
                        help="ROUGE-1/2/Lsum F1 with one sentence per line (Multi-News style) instead of "
                             "DUC-style recall")
    parser.add_argument("--timeline-dates", type=_positive, default=None, metavar="N",
                        help="timeline task: keep the N most important dates")
    parser.add_argument("--seed", type=int, default=None, help="clustering task: seed of the article shuffle")
    parser.add_argument("--quiet-days", type=_positive, default=None, metavar="N",
                        help="clustering task: days without news after which a story is closed")
    parser.add_argument("--no-embed", dest="embed", action="store_false",
                        help="clustering task: words only, without the MiniLM sentence embeddings")
    parser.add_argument("--no-learned", dest="learned", action="store_false",
                        help="clustering task: without the learned same-story similarity (cluster/similarity.py)")
    parser.add_argument("--online", action="store_true",
                        help="clustering task: also stream the articles through a fresh store (`add`, in date order, "
                             "the store's 21-day window unless --quiet-days) and score the store's stories")
    parser.add_argument("--no-local-regroup", dest="local_regroup", action="store_false",
                        help="clustering task, with --online: the store's add without its local regroup (each "
                             "article stays where the online pass put it)")
    parser.add_argument("--tree-ceiling", action="store_true",
                        help="clustering task: also print the best score any cut of newsbrief's average-link "
                             "tree could reach, with the gold known (an upper bound for the cut, not a result)")
    parser.add_argument("--gold-as-given", action="store_true",
                        help="clustering task: score against the gold stories as given (default: gold stories "
                             "that share a document, word for word, count as one, as issue 16's kept-aside stream "
                             "is scored)")
    parser.add_argument("--overflow", action="store_true",
                        help="summary task: DUC's protocol, every system's last sentence may run past --words "
                             "and the scorer reads the first N words (default: reader-facing summaries, whole "
                             "sentences within --words, as `newsbrief brief` prints them)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text tables (default) or one JSON object of the scores on stdout")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"newsbrief.evaluate.{args.task}")
    return int(module.run(args) or 0)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value
