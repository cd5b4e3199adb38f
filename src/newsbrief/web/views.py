"""Templates and the small wordings every page shares: counts with their plural, news dates
as a reader says them ("3 hours ago" where a time is known, "today", "3 days ago", "Dec 20"),
the lead line of a story.

The Jinja environment puts our templates first, then the report's (base.html.j2, brief.html.j2,
style.css), and registers the filters below.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

STATIC = Path(__file__).parent / "static"
# A lead is cut at the end of a sentence when one ends within this many characters, else at a word.
LEAD_MAX = 220
# A headline taken from a lead is its first sentence, if it ends within this many characters.
SENTENCE_SEARCH = 200
# Up to a week back a date reads better as "3 days ago"; beyond, as a date.
RECENT_DAYS = 7
DAY_SECONDS = 24 * 3600
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# What the stages call entity types, as a reader says them.
ENTITY_TYPES = {"PERSON": "person", "ORG": "organisation", "PLACE": "place"}


@lru_cache(maxsize=1)
def templates():
    from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

    from ..render.html import environment as report_environment

    report = report_environment()
    env = Environment(
        loader=ChoiceLoader([PackageLoader("newsbrief.web", "templates"), report.loader]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(report.globals)
    env.filters.update(count=count, news_day=news_day, full_date=full_date, lead=lead_line, marked=marked,
                       outlet_color=outlet_color)
    return env


def render_page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status)


def render_form(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page holding forms: their CSRF token in ``csrf_token``, and the cookie set when it is new."""
    from .security import csrf_token, set_csrf_cookie

    token, new = csrf_token(request)
    response = render_page(name, status, csrf_token=token, **context)
    if new:
        set_csrf_cookie(response, token)
    return response


def count(n: int, one: str, many: str | None = None) -> str:
    """ "1 article", "2 articles"; ``many`` for irregular plurals ("story", "stories")."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def news_day(when: str | None, now: datetime | None = None) -> str:
    """A news date as a reader says it: "today", "yesterday", "3 days ago", "Dec 20", "Dec 20, 1998";
    "40 minutes ago", "3 hours ago" only for a time that names its zone, within the last day.

    Most articles have a day and no time: those never read in hours, nor does a time with no zone
    (whose distance from now is not known)."""
    now = now or datetime.now()
    if now.tzinfo is None:  # a clock with no zone is this machine's local time
        now = now.astimezone()
    moment = _moment(when)
    seconds = (now - moment).total_seconds() if moment is not None else -1.0
    if 0 <= seconds < DAY_SECONDS:
        minutes = int(seconds // 60)
        if minutes < 1:
            return "just now"
        return f"{count(minutes, 'minute')} ago" if minutes < 60 else f"{count(minutes // 60, 'hour')} ago"
    day = moment.astimezone(now.tzinfo).date() if moment is not None else _day(when)
    if day is None:
        return when or "date unknown"
    ago = (now.date() - day).days
    if 0 <= ago < RECENT_DAYS:
        return ("today", "yesterday")[ago] if ago < 2 else f"{ago} days ago"
    shown = f"{MONTHS[day.month - 1]} {day.day}"
    return shown if day.year == now.year else f"{shown}, {day.year}"


def _moment(iso: str | None) -> datetime | None:
    """The instant an ISO date-time with its zone names ("2024-12-20T09:30:00+01:00", "...Z"), else None."""
    if not iso or len(iso) <= 10:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def full_date(iso: str | None, precision: str = "day") -> str:
    """A calendar date as a reader says it: "Oct 4, 1998", "Oct 1998", "1998"."""
    when = _day(iso)
    if when is None:
        return iso or ""
    if precision == "year":
        return str(when.year)
    if precision == "month":
        return f"{MONTHS[when.month - 1]} {when.year}"
    return f"{MONTHS[when.month - 1]} {when.day}, {when.year}"


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def lead_line(text: str | None, limit: int = LEAD_MAX) -> str:
    """The opening of an article on one line: its first sentence(s) within ``limit`` characters."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end > limit // 3:
        return cut[: end + 1]
    return cut.rsplit(" ", 1)[0] + "…"


def headline(title: str | None, lead: str | None) -> tuple[str, str]:
    """(a story's headline, its one-line lead): the title, else the lead's first sentence (wire copy
    often has no headline), the lead then going on after it."""
    line = lead_line(lead)
    if title:
        return title, line
    flat = " ".join((lead or "").split())
    end = _first_sentence_end(flat)
    first, rest = (flat[:end], flat[end + 1 :]) if end else (flat, "")
    if len(first) > 120:
        first = first[:120].rsplit(" ", 1)[0] + "…"
    return first or "Untitled story", lead_line(rest)


def _first_sentence_end(text: str) -> int:
    """Where the first sentence ends (after its full stop), skipping "Gen.", "Nov.", "U.S."; 0 if none."""
    for found in re.finditer(r"[.!?] ", text[:SENTENCE_SEARCH]):
        word = text[: found.start()].rsplit(" ", 1)[-1]
        if found.group()[0] == "." and (("." in word) or (len(word) <= 3 and word[:1].isupper())):
            continue
        return found.start() + 1
    return 0


def marked(passage: str) -> Markup:
    """A search passage with its matched words in <mark> (escaped first: passages are article text)."""
    from ..store import MARK_END, MARK_START

    text = str(escape(" ".join(passage.split())))
    return Markup(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def outlet_color(outlet: str) -> str:
    """The colour of an outlet in coverage marks: always the same for one outlet, anywhere."""
    import zlib

    return f"hsl({zlib.crc32(outlet.encode('utf-8')) % 360} 55% 45%)"
