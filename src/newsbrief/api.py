"""The Python API: ``brief(...)`` and ``render(...)``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .config import DEFAULT_WORDS, BriefConfig
from .errors import NoArticlesError
from .model import Article, Brief, Skipped


def brief(
    inputs: Iterable[str] | Sequence[Article],
    words: int = DEFAULT_WORDS,
    config: BriefConfig | None = None,
) -> Brief:
    """Brief one story from paths (files, folders) or from ``Article`` objects.

    Raises ``InputError`` for a path that does not exist and ``NoArticlesError``
    when nothing readable is found; unreadable files inside a folder are listed
    in ``Brief.skipped`` instead.
    """
    config = config or BriefConfig(words=words)
    items = list(inputs)
    if items and all(isinstance(i, Article) for i in items):
        return brief_articles(items, (), ["(articles)"], config)
    from .ingest import read_inputs

    names = [str(i) for i in items]
    ingested = read_inputs(names)
    return brief_articles(ingested.articles, ingested.skipped, names, config)


def brief_articles(
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    inputs: Sequence[str],
    config: BriefConfig,
) -> Brief:
    """Brief articles already read; no article at all is an error naming the inputs."""
    from .pipeline import build_brief

    if not articles:
        names = ", ".join(inputs) or "(no input)"
        raise NoArticlesError(names, "no readable article found", _skipped_hint(skipped))
    return build_brief(articles, config, skipped)


def render(brief: Brief, fmt: str = "md") -> str:
    """The brief as Markdown (``md``), JSON (``json``) or a single-file HTML report (``html``)."""
    from .render import render as _render

    return _render(brief, fmt)


def _skipped_hint(skipped: Sequence) -> str:
    if not skipped:
        return "give .txt, .html, .json or .jsonl files, or a folder of them"
    reasons = "; ".join(f"{s.input}: {s.reason}" for s in skipped[:5])
    return f"skipped {reasons}"
