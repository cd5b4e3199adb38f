"""The brief as Markdown: what `newsbrief brief` prints to the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Brief
from . import UNDATED_NOTE, citation_labels, summary_dates, summary_undated

# Markdown characters that would change the meaning of article text.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def render_markdown(brief: Brief) -> str:
    labels = citation_labels(brief)
    parts = [f"# {_escape(brief.title or 'Brief')}", _counts_line(brief)]
    parts += _section(
        "Parts missing or partial",
        [f"{_escape(w.stage)}: {_escape(w.message)}" for w in brief.warnings],
        bullets=True,
    )
    parts += _summary_section(brief, labels)
    parts += _section("Timeline", [_timeline_line(e, labels) for e in brief.timeline if not e.background], bullets=True)
    parts += _section(
        "Background (before the story)",
        [_timeline_line(e, labels) for e in brief.timeline if e.background],
        bullets=True,
    )
    parts += _section(
        "Who said what",
        [f"{_speaker(q.speaker)}: “{_escape(q.text)}” {_cite(q.citations, labels)}" for q in brief.quotes],
        bullets=True,
    )
    parts += _section(
        "Figures the sources disagree on",
        [_conflict_block(c, labels) for c in brief.conflicts if c.kind == "conflict"],
    )
    parts += _section(
        "Figures that changed over time",
        [_change_block(c, labels) for c in brief.conflicts if c.kind == "change"],
    )
    parts += _section("People, organisations and places", _entity_table(brief))
    parts += _section("Sources", [_source_line(a, labels[a.id]) for a in brief.articles], bullets=True)
    if brief.skipped:
        parts += _section("Skipped inputs", [f"{_escape(s.input)}: {_escape(s.reason)}" for s in brief.skipped], bullets=True)
    return "\n\n".join(parts) + "\n"


def _speaker(speaker: str) -> str:
    """The speaker in bold; a quote the articles give no sure speaker for (speaker "")
    says so in italics, never as an empty bold pair."""
    return f"**{_escape(speaker)}**" if speaker.strip() else "*Unattributed*"


def _summary_section(brief: Brief, labels: dict[str, int]) -> list[str]:
    """The summary; for a what's-new brief (``--since``) headed so, and saying so when empty."""
    lines = [
        f"{f'*{day}* — ' if day else ''}{_escape(s.text)} {_cite(s.citations, labels)}"
        for s, day in zip(brief.summary, summary_dates(brief))
    ]
    if summary_undated(brief):
        lines.append(f"_{UNDATED_NOTE}_")
    if not brief.since:
        return _section("Summary", lines)
    return [f"## What's new since {brief.since}", "\n\n".join(lines) or _nothing_new(brief.since)]


def _nothing_new(since: str) -> str:
    return f"Nothing in the articles dated after {since} adds to what the earlier articles said."


def _section(title: str, lines: list[str], bullets: bool = False) -> list[str]:
    if not lines:
        return []
    body = "\n".join(f"- {line}" for line in lines) if bullets else "\n\n".join(lines)
    return [f"## {title}", body]


def _counts_line(brief: Brief) -> str:
    sources = sorted({a.source for a in brief.articles if a.source})
    text = f"_{len(brief.articles)} articles"
    if sources:
        text += f" from {len(sources)} outlets"
    if brief.skipped:
        text += f", {len(brief.skipped)} inputs skipped"
    return text + "_"


def _cite(citations: Iterable[str], labels: dict[str, int]) -> str:
    return "".join(f"[{labels[c]}]" if c in labels else f"[{c}]" for c in citations)


def _timeline_line(event, labels) -> str:
    date = _display_date(event.date, event.precision)
    return f"**{date}** {_escape(event.text)} {_cite(event.citations, labels)}"


def _display_date(iso: str, precision: str) -> str:
    return {"year": iso[:4], "month": iso[:7]}.get(precision, iso)


def _conflict_block(conflict, labels) -> str:
    lines = [f"**{_escape(conflict.subject)}**"]
    for value in conflict.values:
        lines.append(f"- {_escape(value.value)} {_cite(value.citations, labels)}: “{_escape(value.text)}”")
    return "\n".join(lines)


def _change_block(change, labels) -> str:
    """The values in time order, each with its date when known."""
    lines = [f"**{_escape(change.subject)}**"]
    for n, value in enumerate(change.values):
        arrow = "→ " if n else ""
        when = f" ({value.date})" if value.date else ""
        lines.append(f"- {arrow}{_escape(value.value)}{when} {_cite(value.citations, labels)}: “{_escape(value.text)}”")
    return "\n".join(lines)


def _entity_table(brief: Brief) -> list[str]:
    if not brief.entities:
        return []
    rows = ["| name | type | also called | mentions | articles |", "|---|---|---|---|---|"]
    for e in brief.entities:
        aliases = ", ".join(_escape(a) for a in e.aliases if a != e.name)
        rows.append(f"| {_escape(e.name)} | {e.type} | {aliases} | {e.mentions} | {len(e.articles)} |")
    return ["\n".join(rows)]


def _source_line(article, label: int) -> str:
    bits = [f"[{label}]", _escape(article.title or "(untitled)")]
    meta = [m for m in (article.source, article.date) if m]
    if meta:
        bits.append("— " + _escape(", ".join(meta)))
    where = article.url or article.path
    if where:
        bits.append(f"({_escape(where)})")
    return " ".join(bits)


def _escape(text: str) -> str:
    return " ".join(text.split()).translate(_MD_SPECIAL)
