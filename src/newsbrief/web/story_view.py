"""What a story page shows, computed from a brief and the story's articles (``story_view``), and
the source list of a story whose brief is not ready (``sources_of``).

Readers see outlets, dates and titles, never file paths or article ids: a source is named by its
outlet (else its title), and a citation by the number of its source in the list, in that order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from ..model import Article, Brief
from .views import ENTITY_TYPES, MONTHS, full_date, headline

# Entities listed per type before the rest is folded under "more".
ENTITIES_SHOWN = 12
# Quotes shown before the rest is folded; events of one day shown before the rest of the day is.
QUOTES_SHOWN = 8
EVENTS_SHOWN = 3
# The story's own window on the timeline: its articles' dates and this many days either side
# (the days just before the news explain it; what lies further is background).
WINDOW_DAYS = 14


@dataclass(frozen=True, slots=True)
class Source:
    """One article in the source list."""

    id: str  # for the page's anchor only
    label: int
    outlet: str | None
    date: str | None
    title: str
    url: str | None  # http(s) only
    body: Markup
    chars: int
    also: tuple[str, ...] = ()  # outlets of the copies collapsed into it


@dataclass(frozen=True, slots=True)
class Day:
    date: str
    label: str
    anchor: str
    percent: float
    events: tuple[Any, ...]


def story_view(brief: Brief, articles: list[Article]) -> dict[str, Any]:
    from ..render.html import brief_view

    base = brief_view(brief)
    if not brief.title and brief.articles:  # wire copy without headlines: the first article's lead
        base["title"] = headline(None, brief.articles[0].text)[0]
    labels = base["labels"]
    by_id = {a.id: a for a in brief.articles}
    sources = [_source(item["article"], item["label"], item["body"], by_id) for item in base["articles"]]
    shown = {a.id for a in brief.articles}
    late = [a for a in articles if a.id not in shown]  # joined after the brief was made
    news, background, later = _timeline(brief)
    return base | {
        "order": lambda ids: sorted(ids, key=lambda i: labels.get(i, 10**6)),
        "cite_title": {s.id: " · ".join(p for p in (s.outlet, full_date(s.date), s.title) if p) for s in sources},
        "outlet_of": {s.id: s.outlet or f"“{s.title}”" for s in sources},
        "sources": sources,
        "late": sources_of(late, start=len(sources) + 1),
        "glance": glance(brief),
        "days": news,
        "background": background,
        "later": later,
        "quotes_shown": QUOTES_SHOWN,
        "events_shown": EVENTS_SHOWN,
        "entities": _entities(brief),
        "description": " ".join(s.text for s in brief.summary[:2]),
    }


def sources_of(articles: list[Article], start: int = 1) -> list[Source]:
    """The source list of articles shown without a brief (no cited sentences)."""
    from ..render.html import article_body

    by_id = {a.id: a for a in articles}
    return [_source(a, n, article_body(a, []), by_id) for n, a in enumerate(articles, start=start)]


def _source(article: Article, label: int, body: Markup, by_id: dict[str, Article]) -> Source:
    from ..render.html import safe_url

    also = tuple(dict.fromkeys(by_id[c].source for c in article.copies if c in by_id and by_id[c].source))
    return Source(article.id, label, article.source, article.date, headline(article.title, article.text)[0],
                  safe_url(article.url), body, len(article.text), also)


def glance(brief: Brief) -> dict[str, Any]:
    """The story in one block: when the news ran, who reported it, what figures they disagree on."""
    days = sorted(a.date for a in brief.articles if a.date)
    outlets = Counter(a.source for a in brief.articles if a.source)
    conflicts = [c for c in brief.conflicts if c.kind == "conflict"]
    return {
        "articles": len(brief.articles),
        "dates": date_range(days[0], days[-1]) if days else None,
        "outlets": outlets.most_common(),
        "conflicts": [(c.subject, [v.value for v in c.values]) for c in conflicts],
    }


def date_range(first: str, last: str) -> str:
    """ "Oct 4, 1998", "Oct 4 – 17, 1998", "Oct 4 – Nov 10, 1998", "Dec 30, 1998 – Jan 2, 1999"."""
    try:
        a, b = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    except ValueError:
        return first if first == last else f"{first} – {last}"
    if a == b:
        return full_date(first)
    if a.year != b.year:
        return f"{full_date(first)} – {full_date(last)}"
    end = str(b.day) if a.month == b.month else f"{MONTHS[b.month - 1]} {b.day}"
    return f"{MONTHS[a.month - 1]} {a.day} – {end}, {b.year}"


def _timeline(brief: Brief) -> tuple[list[Day], list[Any], list[Any]]:
    """The story's own days (each event once, under its first date) placed on a 0-100 % axis; the
    events before the story's window (background) and after it (later), each not told already.

    The window is the articles' dates widened by ``WINDOW_DAYS`` each side: an event the analysis
    did not call background but dated years away would squeeze the story's days into a dot."""
    window = _window(brief)
    seen: set[str] = set()
    by_day: dict[str, list[Any]] = {}
    earlier, later = [], []
    for event in brief.timeline:
        if event.text in seen:
            continue
        seen.add(event.text)
        place = _place(event, window)
        if event.background or place < 0:
            earlier.append(event)
        elif place > 0:
            later.append(event)
        else:
            by_day.setdefault(event.date, []).append(event)
    if not by_day:
        return [], earlier, later
    ordinal = {d: date.fromisoformat(d).toordinal() for d in by_day}
    low, width = min(ordinal.values()), max(max(ordinal.values()) - min(ordinal.values()), 1)
    days = [Day(d, full_date(d, events[0].precision), f"day-{d}", round(100 * (ordinal[d] - low) / width, 2),
                tuple(events)) for d, events in sorted(by_day.items())]
    return days, earlier, later


def _window(brief: Brief) -> tuple[date, date] | None:
    days = sorted(a.date[:10] for a in brief.articles if a.date)
    try:
        first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    except (IndexError, ValueError):
        return None  # undated articles: every dated event is the story's own
    return first - timedelta(days=WINDOW_DAYS), last + timedelta(days=WINDOW_DAYS)


def _place(event: Any, window: tuple[date, date] | None) -> int:
    """-1 before the window, 0 in it (a month or year that overlaps it counts), 1 after it."""
    if window is None:
        return 0
    start = date.fromisoformat(event.date)
    end = {"year": date(start.year, 12, 31),
           "month": date(start.year, start.month, 28) + timedelta(days=4)}.get(event.precision, start)
    return -1 if end < window[0] else 1 if start > window[1] else 0


def _entities(brief: Brief) -> list[tuple[str, list[Any], list[Any]]]:
    """(plain type name, first entities, the rest) per type: people, organisations, places."""
    groups = []
    for kind, name in ENTITY_TYPES.items():
        found = sorted((e for e in brief.entities if e.type == kind), key=lambda e: -e.mentions)
        if found:
            plural = {"person": "People"}.get(name, name.capitalize() + "s")
            groups.append((plural, found[:ENTITIES_SHOWN], found[ENTITIES_SHOWN:]))
    other = [e for e in brief.entities if e.type not in ENTITY_TYPES]
    if other:
        groups.append(("Other names", other[:ENTITIES_SHOWN], other[ENTITIES_SHOWN:]))
    return groups
