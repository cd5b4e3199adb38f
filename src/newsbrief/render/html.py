"""The brief as one self-contained HTML file (no scripts, no external assets).

Every piece of article text goes through Jinja2's autoescaping or
``markupsafe.escape``: an article containing ``<script>`` renders as text.
Each citation links to the exact cited text inside its article, which the
page highlights with ``:target``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from ..model import Article, Brief, Span
from . import UNDATED_NOTE, citation_labels, summary_dates, summary_undated
from .markdown import _display_date


def render_html(brief: Brief) -> str:
    return environment().get_template("report.html.j2").render(view=brief_view(brief))


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("newsbrief.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["span_id"] = span_id
    env.globals["safe_url"] = safe_url
    return env


def span_id(span: Span) -> str:
    return f"src-{span.article}-{span.start}-{span.end}"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach an href: a hostile ``javascript:`` URL shows as text."""
    if url and url.split(":", 1)[0].lower() in ("http", "https"):
        return url
    return None


def brief_view(brief: Brief) -> dict[str, Any]:
    """Everything the templates need, computed once (shared with the web app)."""
    labels = citation_labels(brief)
    cited = _cited_spans(brief)
    return {
        "brief": brief,
        "title": brief.title or "Brief",
        "labels": labels,
        "articles": [
            {"article": a, "label": labels[a.id], "body": article_body(a, cited.get(a.id, ()))}
            for a in brief.articles
        ],
        "timeline_axis": timeline_axis(brief),
        "display_date": _display_date,
        "summary_dates": summary_dates(brief),
        "undated_note": UNDATED_NOTE if summary_undated(brief) else None,
    }


def _cited_spans(brief: Brief) -> dict[str, list[Span]]:
    spans: dict[str, set[Span]] = {}
    items = [*brief.summary, *brief.timeline, *brief.quotes]
    items += [v for c in brief.conflicts if c.kind in ("conflict", "change") for v in c.values]  # as shown
    for item in items:
        for span in item.spans:
            spans.setdefault(span.article, set()).add(span)
    return {k: sorted(v, key=lambda s: (s.start, -s.end)) for k, v in spans.items()}


def article_body(article: Article, spans: list[Span]) -> Markup:
    """The article's paragraphs, each cited span wrapped in an anchor target.

    Spans nest (a quote inside a summary sentence); a span that crosses
    another is clipped to where the outer one ends, so tags stay balanced.
    """
    text = article.text
    out: list[str] = []
    _emit(text, 0, len(text), [s for s in spans if 0 <= s.start < s.end <= len(text)], out)
    # white-space: pre-line in the stylesheet keeps the paragraph breaks.
    return Markup('<div class="body">' + "".join(out) + "</div>")


def _emit(text: str, start: int, end: int, spans: list[Span], out: list[str]) -> None:
    cursor = start
    i = 0
    while i < len(spans):
        span = spans[i]
        if span.start < cursor:  # crosses the previous span: skip its overlapping head
            i += 1
            continue
        out.append(str(escape(text[cursor : span.start])))
        inner_end = min(span.end, end)
        inner = [s for s in spans[i + 1 :] if s.start >= span.start and s.start < inner_end]
        out.append(f'<span class="cited" id="{span_id(span)}">')
        _emit(text, span.start, inner_end, [_clip(s, inner_end) for s in inner], out)
        out.append("</span>")
        cursor = inner_end
        i += 1 + len(inner)
    out.append(str(escape(text[cursor:end])))


def _clip(span: Span, end: int) -> Span:
    return span if span.end <= end else Span(span.article, span.start, end)


@dataclass(frozen=True, slots=True)
class AxisPoint:
    label: str
    percent: float
    count: int


def timeline_axis(brief: Brief) -> list[AxisPoint]:
    """The story's own timeline dates placed along a proportional axis (0-100 %); background
    events are listed apart, so that decades-old dates do not squeeze the story's days."""
    news = [e for e in brief.timeline if not e.background]
    days: dict[str, int] = {}
    for event in news:
        days[event.date] = days.get(event.date, 0) + 1
    if not days:
        return []
    ordinals = {d: date.fromisoformat(d).toordinal() for d in days}
    low, high = min(ordinals.values()), max(ordinals.values())
    width = max(high - low, 1)
    precision = {e.date: e.precision for e in news}
    return [
        AxisPoint(_display_date(d, precision[d]), round(100 * (ordinals[d] - low) / width, 2), n)
        for d, n in sorted(days.items())
    ]
