"""Story analysis: the structure no summarizer gives a reader.

    timeline   dated events, dates normalized against each article's date (timeline.py, dates.py)
    quotes     who said what, speakers resolved to full names (quotes.py)
    entities   people, organisations, places with aliases merged (entities.py)
    conflicts  figures on which the sources disagree (figures.py)

``analyze`` runs the stages the config asks for; each stage module exposes one
function taking ``(articles, sentences, ...)`` and returning a tuple of model objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..config import BriefConfig
from ..model import Article, Conflict, Entity, Quote, Sentence, TimelineEvent


@dataclass(frozen=True, slots=True)
class Analysis:
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


def analyze(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    config: BriefConfig = BriefConfig(),
) -> Analysis:
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    if config.timeline:
        from .timeline import build_timeline

        timeline = build_timeline(articles, sentences, config)
    if config.quotes:
        from .quotes import extract_quotes

        quotes = extract_quotes(articles, sentences)
    if config.entities:
        from .entities import extract_entities

        entities = extract_entities(articles, sentences)
    if config.conflicts:
        from .figures import find_conflicts

        conflicts = find_conflicts(articles, sentences)
    return Analysis(timeline, quotes, entities, conflicts)
