"""What the store hands out (frozen rows) and how stored columns become them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..clean import is_headline
from ..cluster.online import StoryState
from ..model import Article
from .failures import DamagedValue


@dataclass(frozen=True, slots=True)
class AddResult:
    """What happened to one article given to ``add_articles``."""

    input: str  # the article's path, url or id as given
    status: str  # "stored" | "duplicate" | "skipped"
    article: str | None = None  # stored article id (for a duplicate: the one already stored)
    story: str | None = None
    story_title: str | None = None
    duplicate_of: str | None = None  # the original an exact or near copy points at
    new_story: bool = False
    reason: str | None = None  # why skipped, or "same input already stored"


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str | None
    article_count: int  # distinct articles, copies not counted
    copy_count: int
    sources: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    updated_at: str  # UTC ISO time of the last change

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "article_count": self.article_count,
            "copy_count": self.copy_count,
            "sources": list(self.sources),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    story: StoryRow
    passage: str  # the best matching passage, matched words between MARK_START and MARK_END
    matches: int  # articles of the story that match


@dataclass(frozen=True, slots=True)
class StoryCard:
    lead: str  # the opening of the story's title article (up to LEAD_CHARS)
    outlets: tuple[tuple[str, int], ...]  # (source, articles), most articles first


@dataclass(frozen=True, slots=True)
class FeedRow:
    url: str
    added_at: str
    etag: str | None
    last_modified: str | None
    checked_at: str | None
    status: str | None  # what the last update found, one line


STORY_COLUMNS = "id, title, article_count, copy_count, sources, first_date, last_date, updated_at"
# A story's clustering state: what the online clusterer compares a new article with.
STATE_COLUMNS = "id, centroid, article_count, first_date, last_date"


def story_row(row: Sequence[Any]) -> StoryRow:
    return StoryRow(str(row[0]), row[1], row[2], row[3], tuple(loads(row[4])), row[5], row[6], row[7])


def story_state(row: Sequence[Any]) -> StoryState:
    return StoryState(id=str(row[0]), centroid=loads(row[1]), size=row[2], first_date=row[3], last_date=row[4])


def loads(text: str) -> Any:
    """A JSON column's value; a damaged one is the file's fault, not a bug."""
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        raise DamagedValue(f"a stored value is not valid JSON: {str(text)[:40]!r}") from None


def centroid_json(story: StoryState) -> str:
    # 6 significant digits: enough for cosine, half the bytes of repr()
    return json.dumps({t: float(f"{w:.6g}") for t, w in story.centroid.items()}, separators=(",", ":"))


# Story ids are SQLite rowids: 1 up to 2^63 - 1. A bigger number cannot even be bound to a query.
MAX_STORY_ID = 2**63 - 1


def story_key(story_id: str | int) -> int | None:
    """The rowid of a story id given as text or number; None for what no story can have
    (words, 0, negative numbers, numbers past 2^63 - 1: "no such story" for them all)."""
    try:
        key = int(str(story_id).strip())
    except ValueError:  # also digit strings too long for int()
        return None
    return key if 0 < key <= MAX_STORY_ID else None


def better_title(title: str | None, title_date: str | None, article: Article) -> tuple[str | None, str | None]:
    """The story's title: the headline of its earliest dated article, else the first headline seen;
    a title that reads as a headline (``clean.is_headline``) before one that does not."""
    if not article.title:
        return title, title_date
    if title is None or (is_headline(article.title) and not is_headline(title)):
        return article.title, article.date
    if not is_headline(article.title) and is_headline(title):
        return title, title_date
    if article.date and (title_date is None or article.date < title_date):
        return article.title, article.date
    return title, title_date


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
