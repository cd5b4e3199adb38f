"""Render a brief: Markdown (terminal), JSON (tools), single-file HTML (people).

The HTML templates are shared with the web app (``newsbrief.web``), so the
static report and the story page look the same.
"""

from __future__ import annotations

import json

from ..model import Brief

FORMATS = ("md", "json", "html")


def render(brief: Brief, fmt: str = "md", with_text: bool = False) -> str:
    """``brief`` as Markdown, JSON or HTML; ``with_text`` (JSON) adds each article's cleaned
    text, which the citations' character offsets index."""
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(brief)
    if fmt == "json":
        return render_json(brief, with_text)
    if fmt == "html":
        from .html import render_html

        return render_html(brief)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def render_json(brief: Brief, with_text: bool = False) -> str:
    return json.dumps(brief.to_dict(include_text=with_text), ensure_ascii=False, indent=2) + "\n"


def citation_labels(brief: Brief) -> dict[str, int]:
    """Article id -> the number a reader sees ([1], [2], ...), in article order."""
    return {a.id: n for n, a in enumerate(brief.articles, start=1)}


def summary_dates(brief: Brief) -> list[str | None]:
    """The date to show before each summary sentence: its article's, where it changes from
    the sentence before, when the summary quotes articles of more than one day (a reader
    must tell a forecast from what came of it); none when it all comes from one day or no
    article is dated."""
    dates = [s.date for s in brief.summary]
    if len({d for d in dates if d}) < 2:
        return [None] * len(dates)
    return [d if d and (k == 0 or d != dates[k - 1]) else None for k, d in enumerate(dates)]


def summary_undated(brief: Brief) -> bool:
    """Whether the summary quotes several articles none of which is dated: its order is
    then the input's, which says nothing of which came later."""
    cited = {s.spans[0].article if s.spans else (s.citations or ("",))[0] for s in brief.summary}
    return len(cited) > 1 and not any(s.date for s in brief.summary)


UNDATED_NOTE = "The articles carry no dates: the summary follows their order, which may not be the order of events."
