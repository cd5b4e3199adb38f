"""Update-summary evaluation (DUC 2007's update task): ``newsbrief eval --task update``.

The data set (``../shared/data/duc2007_update/clusters.jsonl``) has one row per
subset of a topic: ``D0703A-A``, ``D0703A-B``, ``D0703A-C``, in time order, each
with its own ``documents`` and 4 reference ``summaries``; a row's
``background_cluster_ids`` names the earlier subsets of its topic. As in DUC 2007,
B is summarized given A, C given A and B: the reader has read the background.
Set A (a plain summary) is not scored here: ``--task summary`` does that.

Two systems on the same rows, both reader-facing (whole sentences within
``--words``, as ``newsbrief brief`` prints them), scored with ``rouge.score``
exactly as the summary evaluation (DUC style: first N words, recall, Porter
stemming, averaged over references, then over rows):

- ``newsbrief``: ``summarize.update.update_summary``: the new articles only,
  concepts the background states discounted, sentences it states left out;
- ``plain-on-new``: the plain summarizer on the new articles only, knowing
  nothing of the background.

Scores are printed for set B, set C and both (overall).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..model import Article
from . import rouge
from .summary import load_stories, newsbrief_summary, prepare, story_articles

SYSTEM = "newsbrief"
BASELINE = "plain-on-new"
KEYS = ("rouge1", "rouge2")
PROTOCOL = (
    "DUC 2007 update task: summaries of B given A and of C given A and B; reader-facing summaries "
    "(whole sentences within {words} words) of both systems"
)


def run(args: Any) -> int:
    variant = rouge.Variant(rouge.RECALL, args.words)
    rows = [row for path in args.stories for row in load_stories(path)]
    tasks = update_tasks(rows, getattr(args, "limit", None))
    if not tasks:
        raise InputError(", ".join(args.stories), "has no update row (a row with \"background_cluster_ids\" "
                         "naming earlier rows of the file, and reference \"summaries\")",
                         "give ../shared/data/duc2007_update/clusters.jsonl or a file of that shape")
    systems = {SYSTEM: newsbrief_update, BASELINE: plain_on_new}
    scores, seconds, per_row = evaluate(tasks, systems, variant)
    report = json_report(scores, variant)
    if getattr(args, "format", "text") == "json":
        print(json.dumps(report))
    else:
        print(format_table(report, seconds, len(tasks)))
    if getattr(args, "output", None):
        from pathlib import Path

        Path(args.output).write_text(json.dumps({**report, "rows": per_row}, indent=1) + "\n", encoding="utf-8")
    return 0


def update_tasks(rows: Sequence[dict[str, Any]], limit: int | None = None) -> list[dict[str, Any]]:
    """One task per row with a background: {"id", "set", "old": [Article], "new": [Article], "summaries"}.

    Article ids are prefixed by their row's id, so ids of different subsets never meet.
    """
    by_id = {row.get("id"): row for row in rows}
    tasks = []
    for row in rows:
        background = row.get("background_cluster_ids") or []
        if not background or not row.get("summaries"):
            continue
        missing = [b for b in background if b not in by_id]
        if missing:
            raise InputError(str(row.get("id")), f"background row(s) {', '.join(missing)} not in the file",
                             "give the whole clusters.jsonl: every topic's A, B and C rows")
        tasks.append({
            "id": row["id"],
            "set": _set_name(row["id"], len(background)),
            "old": [a for b in background for a in _articles(by_id[b])],
            "new": _articles(row),
            "summaries": row["summaries"],
        })
    return tasks[:limit] if limit else tasks


def _set_name(row_id: str, backgrounds: int) -> str:
    """"B" or "C": the letter after the last '-' of a DUC id, else by the number of earlier subsets."""
    tail = str(row_id).rsplit("-", 1)[-1]
    return tail if len(tail) == 1 and tail.isalpha() else "ABCDEFGH"[min(backgrounds, 7)]


def _articles(row: dict[str, Any]) -> list[Article]:
    return [replace(a, id=f"{row['id']}:{a.id}") for a in story_articles(row)]


def newsbrief_update(old: Sequence[Article], new: Sequence[Article], words: int) -> str:
    """newsbrief's update summary, as ``brief --since`` builds it: old and new prepared together."""
    from ..summarize.update import update_summary

    unique, sentences = prepare([*old, *new])
    return " ".join(s.text for s in update_summary(unique, sentences, {a.id for a in old}, words))


def plain_on_new(old: Sequence[Article], new: Sequence[Article], words: int) -> str:
    """The baseline: the plain summarizer on the new articles, the background unknown to it."""
    return newsbrief_summary(new, words)


def evaluate(tasks, systems: dict[str, Callable[..., str]], variant: rouge.Variant):
    scores: dict[str, dict[str, list[dict[str, float]]]] = {name: {} for name in systems}
    seconds = {name: 0.0 for name in systems}
    per_row = []
    for system in systems.values():  # warm-up, untimed: models and caches load once
        system(tasks[0]["old"], tasks[0]["new"], variant.words)
    for number, task in enumerate(tasks, start=1):
        entry: dict[str, Any] = {"id": task["id"], "set": task["set"], "scores": {}, "summaries": {}}
        for name, system in systems.items():
            started = time.process_time()
            text = system(task["old"], task["new"], variant.words)
            seconds[name] += time.process_time() - started
            row = rouge.score(text, task["summaries"], variant)
            scores[name].setdefault(task["set"], []).append(row)
            entry["scores"][name] = row
            entry["summaries"][name] = text
        per_row.append(entry)
        if sys.stderr.isatty():
            print(f"\r{number}/{len(tasks)} rows", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return scores, seconds, per_row


def json_report(scores: dict[str, dict[str, list[dict[str, float]]]], variant: rouge.Variant) -> dict[str, Any]:
    """{"task": "update", "systems": {name: {"rouge1_recall", "rouge2_recall", "sets": {set: {...}}}}}."""
    systems = {}
    for name, by_set in scores.items():
        every = [row for rows in by_set.values() for row in rows]
        entry: dict[str, Any] = _means(every)
        entry["sets"] = {s: {**_means(rows), "rows": len(rows)} for s, rows in sorted(by_set.items())}
        systems[name] = entry
    return {
        "task": "update",
        "variant": variant.describe(),
        "protocol": PROTOCOL.format(words=variant.words),
        "systems": systems,
    }


def _means(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    means = rouge.average(rows, KEYS)
    return {f"{k}_recall": round(means[k], 2) for k in KEYS}


def format_table(report: dict[str, Any], seconds: dict[str, float], rows: int) -> str:
    names = list(report["systems"])
    sets = sorted({s for entry in report["systems"].values() for s in entry["sets"]})
    lines = [f"{report['variant']}; {rows} update summaries", report["protocol"], ""]
    header = f"{'system':<14}" + "".join(f"{f'{s} R-1':>9}{f'{s} R-2':>9}" for s in [*sets, 'all']) + f"{'CPU s':>8}"
    lines += [header, "-" * len(header)]
    for name in names:
        entry = report["systems"][name]
        cells = "".join(
            f"{entry['sets'][s]['rouge1_recall']:>9.2f}{entry['sets'][s]['rouge2_recall']:>9.2f}" for s in sets
        )
        cells += f"{entry['rouge1_recall']:>9.2f}{entry['rouge2_recall']:>9.2f}"
        lines.append(f"{name:<14}{cells}{seconds[name] / max(rows, 1):>8.3f}")
    return "\n".join(lines)
