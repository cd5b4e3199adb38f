"""Story analysis: the structure no summarizer gives a reader.

    timeline   dated events, dates normalized against each article's date (timeline.py, dates.py)
    quotes     who said what, speakers resolved to full names (quotes.py)
    entities   people, organisations, places with aliases merged (entities.py)
    conflicts  figures on which the sources disagree (figures.py)

The modules, each importing only modules of the lines above it (no import cycle:
``tests/analyze/test_imports.py``):

    lexicon, settings      the word lists and the rules' thresholds the stages share
    parsed, pos            reading a parsed Doc; the attribute ruler as a lookup table
    marks                  quoted passages in raw text, and which are quotations
    attribution            a quote's speech verb and speaker phrase, from the parse
    focus                  which sentences each stage needs parsed (from the raw text)
    mentions, names        the story's names as written; who is who (``NameIndex``)
    nlp                    one selective spaCy analysis per story (reads focus, names)
    clauses                which clause a date sits in, from the parse (reads nlp)
    quotes, entities, figures; dates, timex, timeline        the stages

``analyze`` runs the stages the config asks for; each stage module exposes one
function taking ``(articles, sentences, ...)`` and returning a tuple of model objects.
A stage that fails leaves the others intact: its part of the brief stays empty and
a ``BriefWarning`` names it (``stages.run_stage``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from ..config import BriefConfig
from ..model import Article, BriefWarning, Conflict, Entity, Quote, Sentence, TimelineEvent
from ..stages import run_stage
from .settings import DEFAULT, AnalysisSettings

# spaCy refuses texts over 1,000,000 characters (its E088: the parser and recognizer
# would need about 1 GB per 100,000 words). A news article is 2,000-20,000 characters;
# anything longer is a dump, of which the beginning is analysed (citations stay exact:
# the kept part is a prefix of the article).
MAX_ANALYSED_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Analysis:
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    warnings: tuple[BriefWarning, ...] = ()


def analyze(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    config: BriefConfig = BriefConfig(),
    settings: AnalysisSettings = DEFAULT,
) -> Analysis:
    """The stages ``config`` asks for, with the rules' thresholds of ``settings``."""
    warnings: list[BriefWarning] = []
    articles, sentences = within_parser_limit(articles, sentences, warnings)
    timeline = quotes = entities = conflicts = ()
    if config.timeline:
        from .timeline import build_timeline

        _note_bad_dates(articles, warnings)
        timeline = run_stage("timeline", warnings, partial(build_timeline, settings=settings), articles, sentences, config)
    if config.quotes:
        from .quotes import extract_quotes

        quotes = run_stage("quotes", warnings, extract_quotes, articles, sentences, settings)
    if config.entities:
        from .entities import extract_entities

        entities = run_stage("entities", warnings, extract_entities, articles, sentences, settings)
        _note_lowercase(articles, warnings, settings)
    if config.conflicts:
        from .figures import find_conflicts

        conflicts = run_stage("conflicts", warnings, find_conflicts, articles, sentences, settings)
    return Analysis(timeline, quotes, entities, conflicts, tuple(warnings))


def _note_bad_dates(articles: Sequence[Article], warnings: list[BriefWarning]) -> None:
    """An article date that is no calendar date ("1998-17-06", day and month swapped) leaves the
    article undated (its "Wednesday" is then read from nothing): say so, naming the article,
    rather than drop it silently; the date is not guessed. Ingestion reads such a date as none
    and keeps it in ``unread_date``; an article built by a program may carry it as ``date``."""
    from ..ingest import swapped_date_hint
    from .dates import parse_iso

    for article in articles:
        unread = article.date if article.date and parse_iso(article.date) is None else article.unread_date
        if unread:
            name = article.path or article.url or article.title or article.id
            warnings.append(BriefWarning(
                "timeline", f"article {name}: its date {unread!r} is not a calendar date{swapped_date_hint(unread)}; "
                            "it is read as undated: the days it names from its own ('Tuesday', 'yesterday') are "
                            "left off the timeline and its summary sentences carry no date (give the article's "
                            "date as YYYY-MM-DD to place them)"))


def _note_lowercase(articles: Sequence[Article], warnings: list[BriefWarning], settings: AnalysisSettings) -> None:
    """All-lowercase text (Multi-News copies) gives no entities: say why rather than print junk."""
    from .entities import case_note

    note = case_note(articles, settings)
    if note:
        warnings.append(BriefWarning("entities", note))


def within_parser_limit(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    warnings: list[BriefWarning],
    limit: int | None = None,
) -> tuple[Sequence[Article], Mapping[str, Sequence[Sentence]]]:
    """Articles cut to their sentences that end within ``limit`` characters, each cut named."""
    limit = MAX_ANALYSED_CHARS if limit is None else limit
    if all(len(a.text) <= limit for a in articles):
        return articles, sentences
    kept_articles, kept_sentences = [], dict(sentences)
    for article in articles:
        if len(article.text) <= limit:
            kept_articles.append(article)
            continue
        kept = tuple(s for s in sentences.get(article.id, ()) if s.end <= limit)
        end = kept[-1].end if kept else 0
        kept_articles.append(replace(article, text=article.text[:end]))
        kept_sentences[article.id] = kept
        name = article.title or article.path or article.id
        warnings.append(BriefWarning(
            "analysis",
            f"{name}: only the first {end:,} of {len(article.text):,} characters were analysed "
            "(timeline, quotes, entities, figures); the summary read it all",
        ))
    return kept_articles, kept_sentences
