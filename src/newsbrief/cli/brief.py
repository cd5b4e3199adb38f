"""`newsbrief brief` (one story) and `newsbrief batch` (one brief per story line)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from ..config import DEFAULT_WORDS
from .terminal import terminal_safe


def register(sub: argparse._SubParsersAction) -> None:
    brief = sub.add_parser(
        "brief",
        help="brief one story from files, folders or stdin",
        description="Brief one story: PATH is a file, a folder of files, or - for stdin "
        "(.txt, .html, .json, .jsonl, Multi-News text).",
    )
    brief.add_argument("paths", nargs="*", metavar="PATH", help="articles of one story")
    brief.add_argument("--story", metavar="ID", help="brief a story kept in the store (see `newsbrief stories`)")
    brief.add_argument("--db", metavar="FILE", help="story database for --story (default: $NEWSBRIEF_DB or the user data dir)")
    brief.add_argument("--format", choices=("md", "json", "html"), default="md", help="output format (default: md)")
    brief.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    brief.add_argument(
        "--with-text", action="store_true",
        help="(json) add each article's cleaned text, which the spans' character offsets index",
    )
    brief.add_argument(
        "--since", metavar="DATE",
        help="summarize what's new: what the articles dated after DATE (YYYY-MM-DD) add to those dated on or "
        "before it, without repeating them; undated articles count as known before DATE. The timeline, quotes "
        "and the rest stay the whole story's",
    )
    _add_brief_options(brief)
    brief.set_defaults(handler=run_brief)

    batch = sub.add_parser(
        "batch",
        help="one brief per story in a JSONL file",
        description="Read stories (one JSON object per line, with `id` and `documents`) and write one "
        'line per story: {"id", "summary", "brief"}.',
    )
    batch.add_argument("stories", metavar="STORIES.jsonl")
    batch.add_argument("-o", "--output", metavar="OUT.jsonl", required=True)
    batch.add_argument(
        "--summary-only", action="store_true", help="skip timeline, quotes, entities and conflicts (faster)"
    )
    batch.add_argument(
        "--overflow",
        action="store_true",
        help="let the last summary sentence run past --words, for scorers that cut every summary at N words (DUC protocol)",
    )
    _add_brief_options(batch)
    batch.set_defaults(handler=run_batch)


def _add_brief_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--words", type=_positive, default=DEFAULT_WORDS, help=f"summary length in words (default: {DEFAULT_WORDS})")
    parser.add_argument("--timeline-dates", type=_positive, metavar="N", help="keep the N most important timeline dates")
    parser.add_argument(
        "--sentences-per-date", type=_positive, default=1, metavar="K", help="timeline sentences per date (default: 1)"
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {number}")
    return number


def _config(args: argparse.Namespace, analysis: bool = True):
    from ..config import BriefConfig

    return BriefConfig(
        words=args.words,
        summary_overflow=getattr(args, "overflow", False),
        timeline=analysis,
        quotes=analysis,
        entities=analysis,
        conflicts=analysis,
        timeline_dates=args.timeline_dates,
        timeline_sentences_per_date=args.sentences_per_date,
    )


def run_brief(args: argparse.Namespace) -> int:
    from ..api import render
    from ..errors import InputError

    if args.story and args.paths:
        raise InputError("--story", "give either --story ID or paths, not both")
    since = getattr(args, "since", None)
    if since is not None:
        from ..summarize.update import parse_since

        since = args.since = parse_since(since)
    if args.story:
        result = _brief_stored_story(args)
    elif not args.paths:
        raise InputError("(no input)", "nothing to brief", "give files, a folder, - for stdin, or --story ID")
    else:
        result = _brief_paths(args)
    report_problems(result)
    write_text(render(result, args.format, with_text=args.with_text), args.output)
    return 0


def _since_notes(articles, since: str) -> None:
    """How the articles were split at DATE, on stderr; no article after it is an error."""
    from ..summarize.update import no_new_error, split_by_date

    split = split_by_date(articles, since)
    if not split.new:
        raise no_new_error(split, articles)
    for note in split.notes():
        print(terminal_safe(f"newsbrief: note: {note}"), file=sys.stderr)


def report_problems(result) -> None:
    """Skipped inputs and stages that failed, on stderr: the brief itself still goes out."""
    for skipped in result.skipped:
        print(terminal_safe(f"newsbrief: skipped {skipped.input}: {skipped.reason}"), file=sys.stderr)
    for warning in result.warnings:
        print(terminal_safe(f"newsbrief: warning: {warning.stage}: {warning.message} (the rest of the brief "
                            "is complete)"), file=sys.stderr)


def _brief_paths(args: argparse.Namespace):
    from ..api import brief_articles
    from ..ingest import read_inputs

    check_output(args.output)
    ingested = read_inputs(args.paths, stdin=sys.stdin if "-" in args.paths else None)
    since = getattr(args, "since", None)
    if since is not None and ingested.articles:
        _since_notes(ingested.articles, since)
    return brief_articles(ingested.articles, ingested.skipped, args.paths, _config(args), since)


def _brief_stored_story(args: argparse.Namespace):
    from ..errors import InputError
    from ..pipeline import build_brief
    from ..store import Store

    check_output(args.output)
    with Store.open(args.db) as store:
        articles = store.articles_of_story(args.story)
    if not articles:
        raise InputError(f"story {args.story}", "no such story in the store", "list stories with `newsbrief stories`")
    since = getattr(args, "since", None)
    if since is not None:
        from ..summarize.update import brief_since

        _since_notes(articles, since)
        return brief_since(articles, _config(args), since)
    return build_brief(articles, _config(args))


def run_batch(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..ingest import iter_jsonl
    from ..model import Skipped

    if not Path(args.stories).is_file():
        raise InputError(args.stories, "does not exist or is not a file", "give a JSONL file with one story per line")
    check_output(args.output)
    config = _config(args, analysis=not args.summary_only)
    progress = Progress(_count_lines(args.stories))
    failures = 0
    with AtomicWriter(args.output) as out:
        for item in iter_jsonl(args.stories):
            progress.step()
            if isinstance(item, Skipped):
                print(terminal_safe(f"newsbrief: skipped {item.input}: {item.reason}"), file=sys.stderr)
                failures += 1
                continue
            line = _brief_line(item, config)
            if "error" in line:
                print(terminal_safe(f"newsbrief: story {line['id']}: {line['error']}"), file=sys.stderr)
                failures += 1
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    progress.done()
    if failures:
        print(f"newsbrief: {failures} input lines could not be briefed (see above)", file=sys.stderr)
    return 0


def _brief_line(item: dict, config) -> dict:
    """One output line. A story that cannot be briefed, whatever the reason, is a line
    with its error: the batch goes on, and what was briefed before is kept."""
    from ..errors import InputError
    from ..ingest import articles_from_story
    from ..pipeline import build_brief
    from ..stages import describe

    story_id = item.get("id")
    try:
        articles = articles_from_story(item)
        if not articles:
            raise InputError(f"story {story_id}", "no readable article")
        result = build_brief(articles, config)
    except InputError as error:
        return {"id": story_id, "summary": "", "brief": None, "error": str(error)}
    except Exception as error:  # noqa: BLE001 - a bug on one story must not lose the batch
        return {"id": story_id, "summary": "", "brief": None, "error": f"could not be briefed ({describe(error)})"}
    for warning in result.warnings:
        print(terminal_safe(f"newsbrief: story {story_id}: warning: {warning.stage}: {warning.message}"),
              file=sys.stderr)
    return {"id": story_id, "summary": result.summary_text, "brief": result.to_dict()}


def _count_lines(path: str) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.started = time.monotonic()
        self.enabled = sys.stderr.isatty()

    def step(self) -> None:
        self.count += 1
        if self.enabled:
            width = 30
            filled = int(width * self.count / max(self.total, 1))
            rate = self.count / max(time.monotonic() - self.started, 1e-9)
            bar = "#" * filled + "-" * (width - filled)
            print(f"\r[{bar}] {self.count}/{self.total} stories {rate:.1f}/s", end="", file=sys.stderr)

    def done(self) -> None:
        if self.enabled:
            print(file=sys.stderr)


class AtomicWriter:
    """Write to a temporary file beside the target and move it in place at the end,
    so an interrupted run never leaves a half-written output."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def __enter__(self):
        check_output(str(self.path))
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.handle = os.fdopen(fd, "w", encoding="utf-8")
        return self.handle

    def __exit__(self, exc_type, exc, tb) -> None:
        self.handle.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def check_output(output: str | None) -> None:
    """Refuse an output whose folder does not exist, before any work is done: a typo in
    the path should not create folders, nor cost a long batch at its end."""
    from ..errors import InputError

    if output is None or output == "-":
        return
    folder = Path(output).parent
    if not folder.is_dir():
        raise InputError(output, f"the folder {folder} does not exist", "create it first or give another -o path")
    if Path(output).is_dir():
        raise InputError(output, "is a folder", "give a file name for -o")


def write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with AtomicWriter(output) as handle:
        handle.write(text)
    print(f"newsbrief: wrote {output}", file=sys.stderr)
