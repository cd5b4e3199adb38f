"""The data that flows between stages: frozen, slotted dataclasses.

Every stage takes and returns these, so a stage can be tested by building
its input by hand, and the JSON brief is simply ``Brief.to_dict()``.

JSON brief schema (``SCHEMA_VERSION``), documented in ``docs/brief-schema.md``:

    {"schema_version": "1.0",
     "title": str | null,
     "summary":   [{"text", "citations": [article id], "spans": [{"article", "start", "end"}],
                    "date": "YYYY-MM-DD" | null}],
     "timeline":  [{"date": "YYYY-MM-DD", "precision": "day"|"month"|"year", "text", "citations", "spans",
                    "background": bool}],
     "quotes":    [{"speaker", "text", "citations", "spans"}],
     "entities":  [{"name", "type", "aliases", "mentions", "articles"}],
     "conflicts": [{"subject", "kind": "conflict"|"change"|"approximation",
                    "values": [{"value", "text", "citations", "spans", "date"}]}],
     "articles":  [{"id", "title", "source", "date", "path", "url", "copies"}],
     "skipped":   [{"input", "reason"}],
     "warnings":  [{"stage", "message"}],
     "since": "YYYY-MM-DD"}          # only for a what's-new brief (``brief --since``)

``warnings`` (added in 1.1) lists the stages that failed on this story: the rest of the
brief was built without them, so a reader knows what is missing and why.

``spans`` locate the cited text exactly: character offsets into the cleaned
text of the article (``Article.text``), so a reader can check every claim.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.1"


@dataclass(frozen=True, slots=True)
class Article:
    """One article after ingestion. ``text`` is the body; ``date`` is ISO ``YYYY-MM-DD``."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None
    author: str | None = None
    # ids of near-duplicate articles collapsed into this one: their sources are kept
    # so that citations can name every outlet that carried the text.
    copies: tuple[str, ...] = ()
    # A date given in the input that is no calendar date ("1998-17-06"): the article is read as
    # undated and the brief says so in its warnings, rather than a log line the reader never sees.
    unread_date: str | None = None
    # The earliest date of it and its collapsed copies: when its text was first reported. A
    # summary sentence is dated by its first report, and a copy published a day before the
    # survivor reported it then (the survivor's own date still resolves its "on Tuesday").
    first_reported: str | None = None

    def meta_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "path": self.path,
            "url": self.url,
            "copies": list(self.copies),
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article; ``article.text[start:end] == text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """Where cited text stands: ``article.text[start:end]``."""

    article: str
    start: int
    end: int

    @classmethod
    def of(cls, sentence: Sentence) -> Span:
        return cls(sentence.article_id, sentence.start, sentence.end)


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    citations: tuple[str, ...]
    spans: tuple[Span, ...] = ()
    date: str | None = None  # YYYY-MM-DD of its first report: the earliest dated article cited (added in 1.1)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str  # YYYY-MM-DD; for month/year precision the first day of the period
    precision: str  # "day" | "month" | "year"
    text: str
    citations: tuple[str, ...]
    spans: tuple[Span, ...] = ()
    background: bool = False  # well before the story's own window (added in 1.1)


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str
    text: str
    citations: tuple[str, ...]
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str  # "PERSON" | "ORG" | "PLACE"
    aliases: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureValue:
    value: str
    text: str
    citations: tuple[str, ...]
    spans: tuple[Span, ...] = ()
    date: str | None = None  # of the earliest article giving it (added in 1.1)


# Why the values of a figure differ (``Conflict.kind``, added in 1.1).
FIGURE_KINDS = ("conflict", "change", "approximation")


@dataclass(frozen=True, slots=True)
class Conflict:
    """The values sources give to one quantity. Only ``kind == "conflict"`` is a
    disagreement; a ``change`` lists the values in time order."""

    subject: str
    values: tuple[FigureValue, ...]
    kind: str = "conflict"


@dataclass(frozen=True, slots=True)
class Skipped:
    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class BriefWarning:
    """A part of the brief missing or partial on this story, and why: a stage that failed,
    text the stage cannot read (all lowercase), an article analysed in its first part only."""

    stage: str  # "summary" | "timeline" | "quotes" | "entities" | "conflicts" | "analysis"
    message: str


@dataclass(frozen=True, slots=True)
class Brief:
    summary: tuple[SummarySentence, ...]
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    title: str | None = None
    schema_version: str = field(default=SCHEMA_VERSION)
    warnings: tuple[BriefWarning, ...] = ()
    # "YYYY-MM-DD" when the summary is what the articles after that date add (added in 1.1)
    since: str | None = None

    @property
    def summary_text(self) -> str:
        """The summary as plain text, one sentence after another."""
        return " ".join(s.text for s in self.summary)

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        articles = []
        for a in self.articles:
            meta = a.meta_dict()
            if include_text:
                meta["text"] = a.text
            articles.append(meta)
        return {
            "schema_version": self.schema_version,
            "title": self.title,
            "summary": [_plain(s) for s in self.summary],
            "timeline": [_plain(e) for e in self.timeline],
            "quotes": [_plain(q) for q in self.quotes],
            "entities": [_plain(e) for e in self.entities],
            "conflicts": [_plain(c) for c in self.conflicts],
            "articles": articles,
            "skipped": [_plain(s) for s in self.skipped],
            "warnings": [_plain(w) for w in self.warnings],
            **({"since": self.since} if self.since else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        def spans(items: Any) -> tuple[Span, ...]:
            return tuple(Span(**s) for s in items or ())

        def cited(kind: type, item: dict[str, Any]) -> Any:
            values = {f.name: item.get(f.name) for f in fields(kind) if f.name in item}
            values["citations"] = tuple(item.get("citations") or ())
            values["spans"] = spans(item.get("spans"))
            return kind(**values)

        articles = tuple(
            Article(
                id=a["id"],
                text=a.get("text", ""),
                title=a.get("title"),
                source=a.get("source"),
                date=a.get("date"),
                url=a.get("url"),
                path=a.get("path"),
                copies=tuple(a.get("copies") or ()),
            )
            for a in data.get("articles", ())
        )
        return cls(
            summary=tuple(cited(SummarySentence, s) for s in data.get("summary", ())),
            articles=articles,
            skipped=tuple(Skipped(**s) for s in data.get("skipped", ())),
            timeline=tuple(cited(TimelineEvent, e) for e in data.get("timeline", ())),
            quotes=tuple(cited(Quote, q) for q in data.get("quotes", ())),
            entities=tuple(
                Entity(
                    name=e["name"],
                    type=e["type"],
                    aliases=tuple(e.get("aliases") or ()),
                    mentions=e.get("mentions", 0),
                    articles=tuple(e.get("articles") or ()),
                )
                for e in data.get("entities", ())
            ),
            conflicts=tuple(
                Conflict(
                    subject=c["subject"],
                    values=tuple(cited(FigureValue, v) for v in c.get("values", ())),
                    kind=c.get("kind", "conflict"),
                )
                for c in data.get("conflicts", ())
            ),
            title=data.get("title"),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
            warnings=tuple(BriefWarning(**w) for w in data.get("warnings", ())),
            since=data.get("since"),
        )


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass as JSON-ready dict: tuples become lists (``asdict`` recurses into spans)."""
    return _listify(asdict(obj))


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_listify(v) for v in value]
    return value
