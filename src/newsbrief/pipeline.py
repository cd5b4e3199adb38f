"""From articles to a brief: a short numbered sequence of stages.

    1. clean      strip what extraction left behind (clean.clean_article)
    2. collapse   near-duplicate articles become one, keeping every source (dedup)
    3. segment    sentences with character offsets into their article (segment); the items
                  of a wire digest that tell another story are left out (digests)
    4. summarize  extractive, cited, within the word budget (summarize)
    5. analyze    timeline, quotes, entities, conflicting figures (analyze)

Each stage is a pure function of the previous stage's output, so the same code
runs in one process, in the store and inside Spark partitions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from .config import BriefConfig
from .model import Article, Brief, BriefWarning, Sentence, Skipped
from .stages import describe, run_stage

log = logging.getLogger("newsbrief")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Prepared:
    """Stages 1-3: what the summarizer and the analysis read."""

    cleaned: tuple[Article, ...]  # every article with text left, in input order
    unique: tuple[Article, ...]  # after collapsing near-duplicates; survivors list their copies
    sentences: dict[str, tuple[Sentence, ...]]  # of the unique articles
    dropped: tuple[Skipped, ...]  # inputs skipped so far, plus articles cleaned to nothing
    warnings: tuple[BriefWarning, ...] = ()  # a stage that failed on the whole story


def prepare(articles: Sequence[Article], skipped: Sequence[Skipped] = ()) -> Prepared:
    """Stages 1-3. An article that one of them cannot handle is skipped with the reason
    (never the whole story); a failed duplicate collapse keeps every article."""
    from .clean import clean_article
    from .dedup import collapse_duplicates
    from .digests import on_story_sentences
    from .segment import split_sentences

    # 1. Clean; an article with nothing left is reported, not briefed.
    cleaned: list[Article] = []
    dropped = list(skipped)
    for article in articles:
        result = _per_article("cleaning", clean_article, article, dropped)
        if result is None:
            continue
        if result.text.strip():
            cleaned.append(result)
        else:
            dropped.append(Skipped(_name(article), "no text left after cleaning"))

    # 2. Collapse near-duplicate articles; the survivors list their copies.
    warnings: list[BriefWarning] = []
    unique = run_stage("duplicates", warnings, collapse_duplicates, cleaned) or tuple(cleaned)

    # 3. Segment.
    sentences: dict[str, tuple[Sentence, ...]] = {}
    for article in unique:
        found = _per_article("sentence splitting", lambda a: tuple(split_sentences(a)), article, dropped)
        if found is not None:
            sentences[article.id] = found
    unique = tuple(a for a in unique if a.id in sentences)
    sentences = run_stage("digests", warnings, on_story_sentences, unique, sentences) or sentences
    return Prepared(tuple(cleaned), unique, sentences, tuple(dropped), tuple(warnings))


def _per_article(stage: str, function: Callable[[Article], T], article: Article, dropped: list[Skipped]) -> T | None:
    """``function(article)``, or None with the article listed as skipped when it raises."""
    try:
        return function(article)
    except Exception as error:  # noqa: BLE001 - one article's problem stays with it
        log.warning("%s failed on %s", stage, _name(article), exc_info=True)
        dropped.append(Skipped(_name(article), f"{stage} failed ({describe(error)})"))
        return None


def _name(article: Article) -> str:
    return article.path or article.url or article.id


def build_brief(
    articles: Sequence[Article],
    config: BriefConfig = BriefConfig(),
    skipped: Sequence[Skipped] = (),
) -> Brief:
    from .analyze import analyze
    from .summarize import summarize

    # 1-3. Clean, collapse near-duplicates, segment.
    prepared = prepare(articles, skipped)
    cleaned, unique, sentences = prepared.cleaned, prepared.unique, prepared.sentences

    # 4. Summarize. 5. Analyze the structure of the story. A stage that fails leaves
    # its part empty and a warning; the other parts are built all the same.
    warnings = list(prepared.warnings)
    summary = run_stage(
        "summary", warnings, summarize, unique, sentences, config.words, config.summary_overflow
    )
    analysis = analyze(unique, sentences, config)

    # Collapsed copies are cited wherever their survivor is: every outlet that carried a text counts.
    return Brief(
        summary=expand_copies(summary, unique, cleaned),
        articles=with_copies(cleaned, unique),
        skipped=prepared.dropped,
        timeline=expand_copies(analysis.timeline, unique, cleaned),
        quotes=expand_copies(analysis.quotes, unique, cleaned),
        entities=analysis.entities,
        conflicts=tuple(
            replace(c, values=expand_copies(c.values, unique, cleaned)) for c in analysis.conflicts
        ),
        title=story_title(unique),
        warnings=(*warnings, *analysis.warnings),
    )


def expand_copies(items: Sequence, articles: Sequence[Article], cleaned: Sequence[Article] = ()) -> tuple:
    """Cite the collapsed copies of an article wherever the article is cited, each only where
    it carries the cited words: a near-duplicate is the same text give or take a lead, a
    paragraph or an edit, and the sentence cited may be the one it lacks. A copy whose text
    ``cleaned`` does not hold is cited wherever its survivor is."""
    copies = {a.id: a.copies for a in articles if a.copies}
    if not copies:
        return tuple(items)
    texts = {a.id: a.text for a in (*cleaned, *articles)}
    copy_ids = {c for ids in copies.values() for c in ids}
    flat_copies = {c: _flat(texts[c]) for c in copy_ids if c in texts}  # once per brief, not per item
    out = []
    for item in items:
        cited = list(item.citations)
        for article_id in item.citations:
            cited.extend(c for c in copies.get(article_id, ())
                         if c not in cited and _carries(flat_copies.get(c), item, article_id, texts))
        out.append(replace(item, citations=tuple(cited)))
    return tuple(out)


def _carries(flat_copy: str | None, item, survivor: str, texts: dict[str, str]) -> bool:
    """Whether a copy's text (``_flat``) holds every passage ``item`` cites in its survivor
    (spaces and case aside); True when the copy's text or the passages are not known."""
    passages = [texts[survivor][span.start:span.end] for span in getattr(item, "spans", ())
                if span.article == survivor and survivor in texts]
    if flat_copy is None or not passages:
        return True
    return all(_flat(passage) in flat_copy for passage in passages)


def _flat(text: str) -> str:
    return " ".join(text.lower().split())


def with_copies(cleaned: Sequence[Article], unique: Sequence[Article]) -> tuple[Article, ...]:
    """Every article of the input, the survivors of the collapse listing their copies."""
    survivors = {a.id: a for a in unique}
    return tuple(survivors.get(a.id, a) for a in cleaned)


def story_title(articles: Sequence[Article]) -> str | None:
    """The headline of the earliest dated article whose headline fits the story, else the first
    titled one; titles that read as headlines (``clean.is_headline``) first, so a slug or a fragment
    names no story that has one. A headline fits when its words are as common in the story's
    articles as half the best headline's: a news digest filed with the story is headed by its first
    item ("Satellite to monitor Earth's climate" over an ADHD collection) and names no story."""
    from .clean import is_headline

    titled = [a for a in articles if is_headline(a.title)] or [a for a in articles if a.title]
    if not titled:
        return None
    fit = _headline_fit(titled, articles)
    best = max(fit)
    fitting = [a for a, value in zip(titled, fit) if value >= best / 2]
    dated = sorted((a for a in fitting if a.date), key=lambda a: a.date or "")
    return (dated[0] if dated else fitting[0]).title


def _headline_fit(titled: Sequence[Article], articles: Sequence[Article]) -> list[float]:
    """For each headline, the mean share of the other articles that use each of its content words."""
    from .summarize.text import content_stems

    # (uncached: the cache is for the sentences the summary reads again, not whole articles)
    told = [content_stems.__wrapped__(f"{a.title or ''} {a.text}") for a in articles]
    shares = []
    for article in titled:
        words = content_stems(article.title or "")
        others = [stems for other, stems in zip(articles, told) if other is not article]
        if not words or not others:
            shares.append(0.0)
            continue
        shares.append(sum(sum(word in stems for stems in others) for word in words) / (len(words) * len(others)))
    return shares
