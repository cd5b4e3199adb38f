"""Summary evaluation: newsbrief and baselines on the same stories, scored side by side.

``run(args)`` backs ``newsbrief eval --task summary``. For every story of the
given sets it builds the articles (``ingest.articles_from_story``), runs
newsbrief's stages up to the summary and every named baseline, times each, and
scores each summary with ``rouge.score``. It prints one table (system, R-1, R-2
[, R-Lsum], seconds per story) with the ROUGE variant named above it, and writes
the per-story scores and summaries to ``-o`` when given.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Sentence
from . import baselines, rouge
from .significance import RESAMPLES, Difference, paired_difference

SYSTEM = "newsbrief"
DEFAULT_BASELINES = ("lead", "lexrank")


@dataclass(slots=True)
class SystemResult:
    """Scores and timing of one system over the stories."""

    name: str
    rows: list[dict[str, float]] = field(default_factory=list)
    seconds: float = 0.0


def run(args: Any) -> int:
    variant = rouge.Variant(rouge.F1 if args.f1 else rouge.RECALL, args.words)
    names = parse_baselines(args.baselines)
    stories = [s for path in args.stories for s in load_stories(path, args.limit)]
    stories = [s for s in stories if s.get("summaries")]
    if not stories:
        raise InputError(", ".join(args.stories), "has no story with reference summaries",
                         "use a set from the evaluation data with a \"summaries\" list")
    overflow = bool(getattr(args, "overflow", False))
    systems = summary_systems(names, overflow)
    results, per_story = evaluate(stories, systems, variant, progress=sys.stderr)
    protocol = protocol_text(overflow, variant.words)
    if getattr(args, "format", "text") == "json":
        print(json.dumps(json_report(results, variant, protocol)))
    else:
        print(format_table(results, variant, len(stories), protocol))
        if len(results) > 1:
            print(format_differences(results, variant))
    if args.output:
        write_scores(args.output, results, per_story, variant, protocol)
    return 0


def summary_systems(names: Sequence[str], overflow: bool) -> dict[str, Callable[[Sequence[Article], int], str]]:
    """newsbrief and the baselines under one protocol: reader-facing (every summary whole
    sentences within the budget, as `newsbrief brief` prints) or overflow (each last
    sentence may run past the budget and the scorer cuts at N words, DUC's protocol)."""
    if overflow:
        return {SYSTEM: newsbrief_overflow_summary, **{n: baselines.get(n) for n in names}}
    return {SYSTEM: newsbrief_summary, **{n: baselines.within_budget(baselines.get(n)) for n in names}}


def json_report(results: dict[str, SystemResult], variant: rouge.Variant, protocol: str) -> dict[str, Any]:
    return {
        "task": "summary",
        "variant": variant.describe(),
        "protocol": protocol,
        "systems": {
            name: {rouge.COLUMNS[k]: round(v, 2) for k, v in rouge.average(r.rows, variant.keys).items()}
            for name, r in results.items()
        },
        "differences": {
            name: {rouge.COLUMNS[k]: d.as_dict() for k, d in by_key.items()}
            for name, by_key in differences(results, variant).items()
        },
    }


def differences(results: dict[str, SystemResult], variant: rouge.Variant) -> dict[str, dict[str, Difference]]:
    """newsbrief minus each baseline, per ROUGE column: paired bootstrap over the stories."""
    ours = results[SYSTEM].rows
    return {
        name: {k: paired_difference([row[k] for row in ours], [row[k] for row in r.rows]) for k in variant.keys}
        for name, r in results.items() if name != SYSTEM
    }


def format_differences(results: dict[str, SystemResult], variant: rouge.Variant) -> str:
    """One line per baseline: newsbrief's lead per column with its 95 % paired bootstrap interval."""
    lines = [f"\nnewsbrief minus each baseline, mean over the stories [95 % paired bootstrap interval, "
             f"{RESAMPLES} resamples of the stories]"]
    for name, by_key in differences(results, variant).items():
        cells = "  ".join(f"{rouge.COLUMNS[k]} {d.mean:+.2f} [{d.low:+.2f}, {d.high:+.2f}]" for k, d in by_key.items())
        lines.append(f"  vs {name:<10} {cells}")
    return "\n".join(lines)


def parse_baselines(text: str | None) -> list[str]:
    """Baseline names of ``--baselines`` (None: ``DEFAULT_BASELINES``; '' or 'none': none)."""
    text = ",".join(DEFAULT_BASELINES) if text is None else text
    names = [n.strip().lower() for n in text.split(",") if n.strip() and n.strip().lower() != "none"]
    for name in names:
        try:
            baselines.get(name)
        except ValueError as error:
            raise InputError("--baselines", str(error)) from error
    return names


def load_stories(path: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Story lines of a JSONL set (schema of the evaluation data), the first ``limit`` only."""
    file = Path(path)
    if not file.is_file():
        raise InputError(path, "no such stories file", "give a clusters.jsonl of the evaluation data")
    count = 0
    with file.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            try:
                story = json.loads(line)
            except ValueError as error:
                raise InputError(f"{path}:{number}", f"not JSON ({error})", "one story object per line") from error
            count += 1
            yield story


def story_articles(story: dict[str, Any]) -> list[Article]:
    from ..ingest import articles_from_story

    return articles_from_story(story)


def prepare(articles: Sequence[Article]) -> tuple[list[Article], dict[str, tuple[Sentence, ...]]]:
    """Articles and sentences exactly as ``pipeline.build_brief`` hands them to the summarizer."""
    from ..pipeline import prepare as prepare_stages

    prepared = prepare_stages(articles)
    return list(prepared.unique), prepared.sentences


# How every system's summary meets the budget in this evaluation (printed above the table).
PROTOCOL = (
    "DUC/Multi-News protocol (--overflow): every system's last sentence may run past the budget "
    "and the scorer reads only the first {words} words (newsbrief: summarize(overflow=True))"
)
READER_PROTOCOL = (
    "reader-facing protocol: every system's summary is whole sentences within {words} words, as "
    "`newsbrief brief` prints it (baselines: their sentences kept in order while the total fits)"
)


def protocol_text(overflow: bool, words: int) -> str:
    return (PROTOCOL if overflow else READER_PROTOCOL).format(words=words)


def newsbrief_summary(articles: Sequence[Article], words: int) -> str:
    """newsbrief's summary as a reader gets it: whole sentences within the budget."""
    from ..summarize import summarize

    unique, sentences = prepare(articles)
    return " ".join(s.text for s in summarize(unique, sentences, words))


def newsbrief_overflow_summary(articles: Sequence[Article], words: int) -> str:
    """The DUC protocol's summary: the last sentence may cross the budget, as the baselines' do."""
    from ..summarize import summarize

    unique, sentences = prepare(articles)
    return " ".join(s.text for s in summarize(unique, sentences, words, overflow=True))


def evaluate(
    stories: Sequence[dict[str, Any]],
    systems: dict[str, Callable[[Sequence[Article], int], str]],
    variant: rouge.Variant,
    progress=None,
) -> tuple[dict[str, SystemResult], list[dict[str, Any]]]:
    results = {name: SystemResult(name) for name in systems}
    per_story: list[dict[str, Any]] = []
    # Warm up every system on the first story, untimed: imports, models and
    # caches load once per process, and the table reports time after start-up.
    if stories:
        warm = story_articles(stories[0])
        for system in systems.values():
            system(warm, variant.words)
    for number, story in enumerate(stories, start=1):
        articles = story_articles(story)
        entry: dict[str, Any] = {"id": story.get("id"), "scores": {}, "summaries": {}}
        for name, system in systems.items():
            started = time.perf_counter()
            text = system(articles, variant.words)
            results[name].seconds += time.perf_counter() - started
            scores = rouge.score(text, story["summaries"], variant)
            results[name].rows.append(scores)
            entry["scores"][name] = scores
            entry["summaries"][name] = text
        per_story.append(entry)
        if progress is not None and progress.isatty():
            print(f"\r{number}/{len(stories)} stories", end="", file=progress, flush=True)
    if progress is not None and progress.isatty():
        print(file=progress)
    return results, per_story


def format_table(results: dict[str, SystemResult], variant: rouge.Variant, stories: int, protocol: str | None = None) -> str:
    columns = [rouge.COLUMNS[k] for k in variant.keys]
    lines = [f"{variant.describe()}; {stories} stories", protocol or protocol_text(False, variant.words), ""]
    header = f"{'system':<12}" + "".join(f"{c:>9}" for c in columns) + f"{'s/story':>10}"
    lines += [header, "-" * len(header)]
    for result in results.values():
        means = rouge.average(result.rows, variant.keys)
        cells = "".join(f"{means[k]:>9.2f}" for k in variant.keys)
        lines.append(f"{result.name:<12}{cells}{result.seconds / max(stories, 1):>10.3f}")
    return "\n".join(lines)


def write_scores(path: str, results: dict[str, SystemResult], per_story: list, variant: rouge.Variant,
                 protocol: str | None = None) -> None:
    stories = len(per_story)
    report = {
        "variant": {"kind": variant.kind, "words": variant.words, "description": variant.describe(),
                    "protocol": protocol or protocol_text(False, variant.words)},
        "systems": {
            name: {
                "mean": rouge.average(r.rows, variant.keys),
                "seconds_per_story": r.seconds / max(stories, 1),
            }
            for name, r in results.items()
        },
        "stories": per_story,
    }
    Path(path).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
