"""Render a brief: Markdown (terminal), JSON (tools), single-file HTML (people).

The HTML templates are shared with the web app (``newsbrief.web``), so the
static report and the story page look the same.
"""

from __future__ import annotations

import json

from ..model import Brief

FORMATS = ("md", "json", "html")


def render(brief: Brief, fmt: str = "md") -> str:
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(brief)
    if fmt == "json":
        return render_json(brief)
    if fmt == "html":
        from .html import render_html

        return render_html(brief)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


def citation_labels(brief: Brief) -> dict[str, int]:
    """Article id -> the number a reader sees ([1], [2], ...), in article order."""
    return {a.id: n for n, a in enumerate(brief.articles, start=1)}
