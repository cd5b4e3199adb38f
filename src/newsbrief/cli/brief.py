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
    if args.story:
        result = _brief_stored_story(args)
    elif not args.paths:
        raise InputError("(no input)", "nothing to brief", "give files, a folder, - for stdin, or --story ID")
    else:
        result = _brief_paths(args)
    for skipped in result.skipped:
        print(f"newsbrief: skipped {skipped.input}: {skipped.reason}", file=sys.stderr)
    write_text(render(result, args.format), args.output)
    return 0


def _brief_paths(args: argparse.Namespace):
    from ..api import brief_articles
    from ..ingest import read_inputs

    ingested = read_inputs(args.paths, stdin=sys.stdin if "-" in args.paths else None)
    return brief_articles(ingested.articles, ingested.skipped, args.paths, _config(args))


def _brief_stored_story(args: argparse.Namespace):
    from ..errors import InputError
    from ..pipeline import build_brief
    from ..store import Store

    with Store.open(args.db) as store:
        articles = store.articles_of_story(args.story)
    if not articles:
        raise InputError(f"story {args.story}", "no such story in the store", "list stories with `newsbrief stories`")
    return build_brief(articles, _config(args))


def run_batch(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..ingest import articles_from_story, iter_jsonl
    from ..model import Skipped
    from ..pipeline import build_brief

    if not Path(args.stories).is_file():
        raise InputError(args.stories, "does not exist or is not a file", "give a JSONL file with one story per line")
    config = _config(args, analysis=not args.summary_only)
    progress = Progress(_count_lines(args.stories))
    failures = 0
    with AtomicWriter(args.output) as out:
        for item in iter_jsonl(args.stories):
            progress.step()
            if isinstance(item, Skipped):
                print(f"newsbrief: skipped {item.input}: {item.reason}", file=sys.stderr)
                failures += 1
                continue
            story_id = item.get("id")
            try:
                articles = articles_from_story(item)
                if not articles:
                    raise InputError(f"story {story_id}", "no readable article")
                result = build_brief(articles, config)
                line = {"id": story_id, "summary": result.summary_text, "brief": result.to_dict()}
            except InputError as error:
                print(f"newsbrief: story {story_id}: {error}", file=sys.stderr)
                failures += 1
                line = {"id": story_id, "summary": "", "brief": None, "error": str(error)}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    progress.done()
    if failures:
        print(f"newsbrief: {failures} input lines could not be briefed (see above)", file=sys.stderr)
    return 0


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.handle = os.fdopen(fd, "w", encoding="utf-8")
        return self.handle

    def __exit__(self, exc_type, exc, tb) -> None:
        self.handle.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with AtomicWriter(output) as handle:
        handle.write(text)
    print(f"newsbrief: wrote {output}", file=sys.stderr)
