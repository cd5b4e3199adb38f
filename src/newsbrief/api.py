"""The Python API: ``brief(...)`` and ``render(...)``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from .config import DEFAULT_WORDS, BriefConfig
from .errors import NoArticlesError
from .model import Article, Brief, Skipped


def brief(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Sequence[Article],
    words: int = DEFAULT_WORDS,
    config: BriefConfig | None = None,
    since: str | None = None,
) -> Brief:
    """Brief one story from paths (files, folders) or from ``Article`` objects.

    With ``since`` (``"YYYY-MM-DD"``) the summary is what's new: what the articles
    dated after it add to those dated on or before it (undated articles count as
    known), citing only the later articles; the rest of the brief is the whole
    story's (``summarize.update``). No article dated after it is an ``InputError``.

    Raises ``InputError`` for a path that does not exist and ``NoArticlesError``
    when nothing readable is found; unreadable files inside a folder are listed
    in ``Brief.skipped`` instead.
    """
    config = config or BriefConfig(words=words)
    # One path given as a string is one input, not a sequence of one-letter paths
    # (iterating "folder" would read "/" as a folder and walk the whole disk).
    items = [inputs] if isinstance(inputs, (str, bytes, os.PathLike)) else list(inputs)
    if items and all(isinstance(i, Article) for i in items):
        return brief_articles(items, (), ["(articles)"], config, since)
    from .ingest import read_inputs

    names = [os.fsdecode(i) if isinstance(i, (bytes, os.PathLike)) else str(i) for i in items]
    ingested = read_inputs(names)
    return brief_articles(ingested.articles, ingested.skipped, names, config, since)


def brief_articles(
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    inputs: Sequence[str],
    config: BriefConfig,
    since: str | None = None,
) -> Brief:
    """Brief articles already read; no article at all, or none left with text after
    cleaning (a file of scraping noise), is an error naming the inputs. ``since``: see ``brief``."""
    from .pipeline import build_brief

    names = ", ".join(inputs) or "(no input)"
    if not articles:
        raise NoArticlesError(names, "no readable article found", _skipped_hint(skipped))
    if since is not None:
        from .summarize.update import brief_since

        result = brief_since(articles, config, since, skipped)
    else:
        result = build_brief(articles, config, skipped)
    if not result.articles:
        raise NoArticlesError(names, "no article text left after cleaning", _skipped_hint(result.skipped))
    return result


def render(brief: Brief, fmt: str = "md", with_text: bool = False) -> str:
    """The brief as Markdown (``md``), JSON (``json``) or a single-file HTML report (``html``);
    ``with_text`` adds to the JSON each article's cleaned text, which the spans' offsets index."""
    from .render import render as _render

    return _render(brief, fmt, with_text)


def _skipped_hint(skipped: Sequence) -> str:
    if not skipped:
        return "give .txt, .html, .json or .jsonl files, or a folder of them"
    reasons = "; ".join(f"{s.input}: {s.reason}" for s in skipped[:5])
    return f"skipped {reasons}"
