"""Extractive multi-document summary: cited, non-redundant, within a word budget.

    1. candidates  sentences that can stand alone, datelines trimmed (candidates.py)
    2. concepts    the story's content words and bigrams, weighted by a learned model (features.py, weights.py;
                   one model for DUC-like stories, one for stories the budget nearly holds)
    3. select      the sentences covering the most concept weight within the budget,
                   redundant pairs excluded: near-identical wording, or the same event told
                   in other words (select.py: Gillick & Favre's objective, solved by
                   cost-scaled greedy + local search; events.py)
    4. cite        every article that states the sentence or tells its event (support.py)
    5. order       by the first report: the earliest article citing a sentence, then the
                   sentence's position in it; each sentence carries that article's date, so
                   a reader can tell what is later
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from ..model import Article, Sentence, Span, SummarySentence
from .antecedents import story_surnames, surnames_in
from .candidates import Candidate, article_order, find_candidates, report_date
from .events import (
    TOPIC_MIN_ARTICLES, TOPIC_SHARE, Event, EventReader, retells, same_count, same_event, supersedes, tells_event,
)
from .features import ConceptCounts, count_concepts, indexed_grams, sentence_grams
from .select import select
from .support import measure_pairs, redundant_pairs, states_same_or_close, stems_by_sentence, supporting, telling_same_event
from .text import content_stems, raw_tokens, word_count
from .weights import SummarizerModel, is_short, model_for

__all__ = ["is_short_story", "summarize"]

# Concepts handed to the selection: the best-weighted few per budget word. Human
# 100-word summaries hold ~100 bigrams; 3 per word leaves the selection room to
# trade, and keeps it fast on 25-article stories.
CONCEPTS_PER_WORD = 3
MIN_CONCEPTS = 60
MAX_CONCEPTS = 400
# Share of the budget left empty by the strict candidates above which second-best
# sentences are added (a summary 10% short is normal: sentences do not add up exactly).
UNFILLED_SHARE = 0.1
# Candidate sentences handed to the selection: the richest in concept weight.
MAX_CANDIDATES = 100
# Longest sentence that may end an overflowing (evaluation) summary: only its
# first words are read, but past this a "sentence" is a mis-segmented paragraph.
# Any readable sentence may be the tail (relaxed candidates): on the training sets
# (R-1/R-2 recall) strict candidates only (at most 28 words) gave duc2007_update
# 37.32/10.23 instead of 37.52/10.44, duc2006 40.98/10.09 instead of 40.86/10.13.
MAX_TAIL_WORDS = 80
# Of two candidates reporting one event, the one with less concept weight is left out
# when the other holds this share of its event terms (it says all the first says).
HELD_TERMS = 0.7


def summarize(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    words: int,
    overflow: bool = False,
) -> tuple[SummarySentence, ...]:
    """The summary sentences, in reading order, each citing every article that states it.

    The summary holds at most ``words`` words. With ``overflow`` (evaluation
    only), one more sentence follows, after the reading order, that crosses the
    budget: DUC and Multi-News score the first N words of every system's summary,
    so the baselines' last sentences run past the budget and are cut by the
    scorer; this gives newsbrief the same treatment, and on long stories may drop
    one within-budget sentence when a richer sentence's head is worth more in its
    room (``_with_tail``). ``newsbrief brief`` never sets it: a reader gets whole
    sentences within the budget.
    """
    input_words = _input_words(articles)
    counts = count_concepts(articles, sentences, raw_tokens)
    story = _Story(
        articles,
        counts,
        model_for(input_words, words),
        short=is_short(input_words, words),
        events=EventReader((a.text for a in articles), common_words(counts)),
    )
    candidates = find_candidates(articles, sentences, words)
    chosen = choose(story, candidates, words) if candidates else []
    chosen = _with_latest(story, candidates, chosen, words)
    chosen = _fill(story, sentences, chosen, words)
    chosen.sort(key=lambda c: c.order)
    tail = None
    if overflow:
        with_tail = _with_tail(story, sentences, chosen, words)
        kept = {id(c) for c in chosen}
        chosen = [c for c in with_tail if id(c) in kept]
        tail = next((c for c in with_tail if id(c) not in kept), None)
    units = introduce_people(cited_units(chosen, articles, sentences, story.events), articles)
    if tail is not None:  # the scorer's cut sentence stays last
        units += cited_units([tail], articles, sentences, story.events)
    return tuple(sentence for unit in units for sentence in unit.sentences)


@dataclass(frozen=True, slots=True)
class _Story:
    """What every step reads: the articles, their concept statistics (counted once) and the concept model."""

    articles: Sequence[Article]
    counts: ConceptCounts
    model: SummarizerModel
    short: bool  # see ``is_short_story``
    events: EventReader  # the story's sentences as events (same_event)

    @property
    def dates(self) -> dict[str, str | None]:
        """Each article's date (YYYY-MM-DD), by id."""
        return {a.id: (a.date or "")[:10] or None for a in self.articles}

    def weights_of(self, ids: Sequence[int]) -> np.ndarray:
        """The learned weight of the concepts of these numbers (``ConceptCounts.concepts_of``)."""
        concepts = self.counts.concepts_of(ids)
        return self.model.weights(concepts.grams, concepts.features)

    def weights(self, keep: set) -> tuple[tuple, np.ndarray]:
        """The concepts in ``keep`` that the story contains, and the learned weight of each."""
        concepts = self.counts.concepts(keep)
        return concepts.grams, self.model.weights(concepts.grams, concepts.features)


def common_words(counts: ConceptCounts) -> frozenset[str]:
    """The stems most of a story's articles hold (its own words: EventReader.topic)."""
    if counts.articles < TOPIC_MIN_ARTICLES:
        return frozenset()
    return frozenset(w for w, n in counts.word_df.items() if n >= TOPIC_SHARE * counts.articles)


def _with_tail(
    story: _Story,
    sentences: Mapping[str, Sequence[Sentence]],
    chosen: Sequence[Candidate],
    words: int,
) -> list[Candidate]:
    """``chosen`` (in reading order), maybe less one sentence, then the tail the scorer cuts.

    The scorer reads the first ``words`` words, so a summary is worth the
    concepts of its whole sentences plus those of the tail's first words (up to
    the budget). Which sentence to cut is chosen with the rest: keep every
    chosen sentence and fill the few words left, or drop one of them and give its
    room to the head of a richer sentence, whichever covers the most concept
    weight (after Gillick & Favre's objective, scored as the scorer reads). The
    tail may not say the same as a kept sentence. Short stories (see
    ``is_short_story``) keep every chosen sentence: their selection already holds
    most of what the input says, and on Multi-News stories 300-700 dropping one
    lowered R-2 F1 (13.89 -> 13.87 on stories 700-1000).
    """
    taken = frozenset().union(*(c.keys for c in chosen))
    pool = [c for c in find_candidates(story.articles, sentences, MAX_TAIL_WORDS, relaxed=True) if not c.keys & taken]
    options = [list(chosen)]
    if not story.short:
        options += [[c for c in chosen if c is not dropped] for dropped in chosen]
    rooms = {words - sum(c.words for c in option) for option in options} - {0}
    rooms = {r for r in rooms if r > 0}
    by_word = [_grams_by_word(c.text) for c in pool]
    heads = {r: [{g for g, word in grams if word < r} for grams in by_word] for r in rooms}
    own = {id(c): set(sentence_grams(c.tokens)) for c in chosen}
    keep = set().union(*own.values(), *(h for by_room in heads.values() for h in by_room))
    grams, weights = story.weights(keep)
    weight_of = dict(zip(grams, weights.tolist()))
    chosen_stems = {id(c): content_stems(c.text) for c in chosen}
    # the chosen sentences each pool sentence says the same as: it may not follow them
    clashes = [
        {key for key, stems in chosen_stems.items() if states_same_or_close(content_stems(c.text), stems)}
        for c in pool
    ]
    best: tuple[float, list[Candidate]] | None = None
    for option in options:
        covered = set().union(*(own[id(c)] for c in option))
        value = sum(weight_of.get(g, 0.0) for g in covered)
        present = {id(c) for c in option}
        allowed = [not (clash & present) for clash in clashes]
        tail = _best_tail(heads.get(words - sum(c.words for c in option), ()), allowed, covered, weight_of)
        total = value + (tail[1] if tail else 0.0)
        if best is None or total > best[0] + 1e-9:
            best = (total, option + ([pool[tail[0]]] if tail else []))
    return best[1] if best else list(chosen)


def _grams_by_word(text: str) -> list[tuple[tuple[str, ...], int]]:
    """The concepts of ``text``, each with the (whitespace) word where it ends: the scorer cuts by words."""
    tokens, word_of = [], []
    for k, word in enumerate(text.split()):
        for token in raw_tokens(word):
            tokens.append(token)
            word_of.append(k)
    return [(gram, word_of[end]) for gram, end in indexed_grams(tokens)]


def _best_tail(heads, allowed, covered, weight_of) -> tuple[int, float] | None:
    """(index, gain) of the allowed head that adds the most weight to ``covered``, if any adds some."""
    best = None
    for k, head in enumerate(heads):
        if not allowed[k]:
            continue
        gain = sum(weight_of.get(g, 0.0) for g in head - covered)
        if gain > 0 and (best is None or gain > best[1]):
            best = (k, gain)
    return best


def is_short_story(articles: Sequence[Article], words: int) -> bool:
    """Whether the budget holds a large share of the story's input (``weights.SHORT_STORY_BUDGETS``)."""
    return is_short(_input_words(articles), words)


def _input_words(articles: Sequence[Article]) -> int:
    return sum(word_count(a.text) for a in articles)


# A story told over at least this many days says where it stands now: its summary holds a
# sentence of its latest articles (those of the last LATEST_SHARE of its days), else a reader
# takes the state of months before for the current one (session 15's unseen readings: "nothing
# after 1999-10 appears, so a reader would think the Kansas decision still stands").
LATEST_SPAN_DAYS = 60
LATEST_SHARE = 0.33


def _with_latest(story: _Story, candidates: Sequence[Candidate], chosen: list[Candidate], words: int
                 ) -> list[Candidate]:
    """``chosen``, or when it holds nothing of the story's latest articles (``latest_articles``),
    the summary chosen around the weightiest candidate of them."""
    latest = latest_articles(story.dates)
    late = [c for c in candidates if c.article_id in latest]
    if not chosen or not late or any(c.article_id in latest for c in chosen):
        return chosen
    ids = [story.counts.ids_of(c.tokens) for c in late]
    reachable = sorted(set().union(*ids))
    weights, index = story.weights_of(reachable), {concept: i for i, concept in enumerate(reachable)}
    values = [sum(weights[index[j]] for j in found) for found in ids]
    best = late[values.index(max(values))]
    rest = [c for c in candidates if not c.keys & best.keys]
    return choose(story, [best, *rest], words, fixed=1)


def latest_articles(dates: Mapping[str, str | None]) -> frozenset[str]:
    """The ids of the articles of the last ``LATEST_SHARE`` of a story's days, when it is told
    over ``LATEST_SPAN_DAYS`` or more; none for a shorter story (or one without dates)."""
    days = {article_id: day for article_id, value in dates.items() if (day := _day(value))}
    if not days:
        return frozenset()
    first, last = min(days.values()), max(days.values())
    if (last - first).days < LATEST_SPAN_DAYS:
        return frozenset()
    since = last - timedelta(days=LATEST_SHARE * (last - first).days)
    return frozenset(article_id for article_id, day in days.items() if day >= since)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _fill(
    story: _Story,
    sentences: Mapping[str, Sequence[Sentence]],
    chosen: list[Candidate],
    words: int,
) -> list[Candidate]:
    """Add second-best sentences (long ones, bare quotes) when the budget is far from full.

    A short story may not have enough strict candidates; a reader is better
    served by a longer sentence than by a summary that stops early.
    """
    room = words - sum(c.words for c in chosen)
    if room < words * UNFILLED_SHARE:
        return chosen
    taken = frozenset().union(*(c.keys for c in chosen))
    extra = [c for c in find_candidates(story.articles, sentences, words, relaxed=True) if not c.keys & taken]
    if not extra:
        return chosen
    return choose(story, [*chosen, *extra], words, fixed=len(chosen))


def choose(
    story: _Story,
    candidates: Sequence[Candidate],
    words: int,
    fixed: int = 0,
) -> list[Candidate]:
    """The candidates whose concepts best cover the story within ``words``.

    The first ``fixed`` candidates are kept whatever else is chosen.
    """
    # the concepts by number (``ConceptCounts.ids_of``): sets of small integers, not of tuples
    candidate_ids = [story.counts.ids_of(c.tokens) for c in candidates]
    reachable = sorted(set().union(*candidate_ids))  # the order of ``weights``'s concepts
    weights = story.weights_of(reachable)
    index = {concept: i for i, concept in enumerate(reachable)}
    covered = [set(map(index.__getitem__, ids)) for ids in candidate_ids]
    limit = min(MAX_CONCEPTS, max(MIN_CONCEPTS, CONCEPTS_PER_WORD * words))
    kept = _best_concepts(covered, weights, limit)
    local = {j: k for k, j in enumerate(kept)}
    sentence_concepts = [sorted(local[j] for j in cov if j in local) for cov in covered]
    concept_weights = weights[kept]
    shortlist = _shortlist(sentence_concepts, concept_weights, MAX_CANDIDATES, fixed)
    pool = [candidates[i] for i in shortlist]
    pool_concepts = [sentence_concepts[i] for i in shortlist]
    values = [float(concept_weights[concepts].sum()) for concepts in pool_concepts]
    pairs = redundant_pairs([content_stems(c.text) for c in pool]) + sharing_pairs(pool)
    pairs += measure_pairs([c.text for c in pool])  # one measured figure told twice
    # One event told twice in the pool: the less informative telling left out, or the two
    # kept apart. Only sentences that may tell an event are read (events.tells_event).
    eventful = [k for k, c in enumerate(pool) if tells_event(c.text, content_stems(c.text))]
    events = [story.events.read(pool[k].text) for k in eventful]
    article_dates = story.dates
    dates = [article_dates.get(pool[k].article_id) for k in eventful]
    left_out, twice, retold = _same_events(eventful, events, values, dates, fixed)
    lengths = [c.words if k not in left_out else words + 1 for k, c in enumerate(pool)]
    picked = select(pool_concepts, lengths, concept_weights, words, redundant=pairs + twice, fixed=range(fixed))
    return [_with_retold(pool, i, retold) for i in picked if i not in left_out]


def _with_retold(pool: Sequence[Candidate], kept: int, retold: Sequence[tuple[int, int]]) -> Candidate:
    """``pool[kept]`` holding the sentences of the candidates that tell its event in other
    words (``events.retells``): one event is one summary sentence, citing every article that
    tells it."""
    others = [pool[b if a == kept else a] for a, b in retold if kept in (a, b)]
    if not others:
        return pool[kept]
    candidate = pool[kept]
    # a unit of two: its first sentence names what both tell, and cites them
    telling = candidate.sentences[0]
    held = {s.article_id for s in telling.retold}
    sentences = [part.sentence for other in others for part in other.sentences if part.article_id not in held]
    telling = replace(telling, retold=telling.retold + tuple(dict.fromkeys(sentences)))
    if not candidate.parts:
        return telling
    return replace(candidate, parts=(telling, *candidate.parts[1:]))


def _shortlist(sentence_concepts: Sequence[Sequence[int]], weights, limit: int, fixed: int = 0) -> list[int]:
    """The first ``fixed`` candidates, then the ``limit`` holding the most concept weight (in input order).

    A sentence outside them could only enter a good summary by covering
    concepts the richer sentences miss; cutting them keeps the selection fast
    (more candidates, 150 or 200, gave the same ROUGE on the training sets).
    """
    totals = [float(sum(weights[j] for j in cov)) for cov in sentence_concepts]
    ranked = sorted((i for i, t in enumerate(totals) if t > 0 and i >= fixed), key=lambda i: -totals[i])
    return [*range(fixed), *sorted(ranked[:limit])]


def _best_concepts(covered: Sequence[set[int]], weights, limit: int) -> list[int]:
    """The ``limit`` highest-weighted concepts that some candidate covers (weight > 0)."""
    reachable = set().union(*covered) if covered else set()
    concepts = np.fromiter(reachable, dtype=np.intp, count=len(reachable))
    concepts = concepts[weights[concepts] > 0]
    # by weight, highest first, ties by index (as a sort on (-weight, index)), in numpy: ~3,000 concepts
    ranked = np.lexsort((concepts, -weights[concepts]))[:limit]
    return concepts[ranked].tolist()


def sharing_pairs(pool: Sequence[Candidate]) -> list[tuple[int, int]]:
    """Pairs of candidates holding the same source sentence (a sentence alone and in a
    unit of two): at most one of them may be chosen."""
    holders: dict[tuple[str, int], list[int]] = {}
    for i, candidate in enumerate(pool):
        for key in candidate.keys:
            holders.setdefault(key, []).append(i)
    return sorted({(a, b) for held in holders.values() for a in held for b in held if a < b})


def _same_events(
    picked: Sequence[int], events: Sequence[Event], values: Sequence[float], dates: Sequence[str | None], fixed: int
) -> tuple[set[int], list[tuple[int, int]], list[tuple[int, int]]]:
    """Of the candidates ``picked`` (their ``events``, their articles' ``dates``): those to
    leave out, pairs of which at most one may be chosen, and the pairs retelling one event
    as what both report first (``events.retells``: the one kept cites the other's article).

    - the latest state: a telling that a later article's replaces (a forecast beside what
      happened, an earlier figure beside the later one; ``events.supersedes``) is left out;
    - one event told twice in other words (``events.same_event``, or ``events.retells``: the
      story's core event retold with its own words): the telling with less
      concept weight is left out when the other holds nearly all its event terms (the more
      informative is kept), else the two exclude each other;
    - one count of one action told twice (``events.same_count``: "killing 11 people", "11
      workers were killed"): the weaker telling is left out when the other holds nearly all
      its event terms. Else both may stay: a shared toll is often a side clause of two
      different reports (on duc2003_task2, tuned on, excluding such pairs outright cost
      0.07 R-1 and 0.13 R-2).
    """
    left_out: set[int] = set()
    pairs: list[tuple[int, int]] = []
    retold: list[tuple[int, int]] = []
    for a in range(len(picked)):
        for b in range(a + 1, len(picked)):
            older, newer = (a, b) if (dates[a] or "") <= (dates[b] or "") else (b, a)
            dated = dates[older] and dates[newer] and dates[older] < dates[newer]
            if dated and supersedes(events[newer], events[older]):
                if picked[older] >= fixed:
                    left_out.add(picked[older])
                continue
            told_twice = same_event(events[a], events[b])
            # what both report first, of articles near in time: the one kept cites the other
            if _near(dates[a], dates[b]) and retells(events[a], events[b]):
                told_twice = True
                retold.append((picked[a], picked[b]))
            if not told_twice and not (events[a].figures and events[b].figures and same_count(events[a], events[b])):
                continue
            weaker, stronger = (a, b) if values[picked[a]] < values[picked[b]] else (b, a)
            held = len(events[weaker].terms & events[stronger].terms) / max(len(events[weaker].terms), 1)
            if picked[weaker] >= fixed and held >= HELD_TERMS:
                left_out.add(picked[weaker])
            elif told_twice:
                pairs.append((picked[a], picked[b]))
    return left_out, pairs, retold


# Articles further apart than this tell another event of the same words ("air attacks on rebel
# positions" in October and in May): a retelling (``events.retells``) is of articles this near.
RETOLD_DAYS = 30


@lru_cache(maxsize=1024)  # asked for every pair of candidates telling events; a story has a few dates
def _near(first: str | None, second: str | None) -> bool:
    """Whether two articles' dates (YYYY-MM-DD) are at most RETOLD_DAYS apart. An undated article
    is near none: a retelling cites the other article, and nothing then says the two tell one
    occasion (the bundled example's undated January meeting in Doha and the end of the March
    round there share actor, place and action)."""
    if not first or not second:
        return False
    try:
        return abs((date.fromisoformat(first) - date.fromisoformat(second)).days) <= RETOLD_DAYS
    except ValueError:
        return False


def cite_all(
    chosen: Sequence[Candidate],
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    events: EventReader,
) -> tuple[SummarySentence, ...]:
    """The summary sentences of the chosen candidates, cited and in the order of their
    first reports (``cited_units``), each person introduced before a sentence names
    them by surname alone (``introduce_people``)."""
    units = introduce_people(cited_units(chosen, articles, sentences, events), articles)
    return tuple(sentence for unit in units for sentence in unit.sentences)


@dataclass(frozen=True, slots=True)
class _Unit:
    """One chosen candidate's summary sentences (two for a unit of two), and its first report."""

    candidate: Candidate
    sentences: tuple[SummarySentence, ...]
    first_report: tuple[int, int]  # (rank of the earliest citing article, sentence index there)

    @property
    def date(self) -> str | None:
        return self.sentences[0].date

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def cited_units(
    chosen: Sequence[Candidate],
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    events: EventReader,
) -> list[_Unit]:
    """The chosen candidates as summary sentences, each citing every article that states
    it or tells its event (a unit of two gives two sentences, each with its citations),
    in the order of their first reports.

    A sentence is dated and placed by the earliest article that states it (or a collapsed
    copy of that article: ``report_date``), not by the article its wording comes from:
    when ten outlets report an interception over four
    days, the one whose wording was picked may be the last, and the summary would tell
    the interception after what came of it. The place is the earliest citing article's
    rank (by date), then the position of the citing sentence in it. A unit of two (a
    sentence and the one it points at) is told where and when its later half was first
    reported, so the dates a reader sees never go back.
    """
    stems_of = stems_by_sentence(articles, sentences)
    ranks = article_order(articles, first_report=True)
    date_of_rank = {ranks[a.id]: report_date(a) for a in articles}
    units = []
    for candidate in chosen:
        parts = [_cite(part, articles, sentences, stems_of, events) for part in candidate.sentences]
        first_report = max(min((ranks[s.article_id], s.index) for s in cited) for _, cited in parts)
        date = date_of_rank[first_report[0]]
        units.append(_Unit(candidate, tuple(replace(sentence, date=date) for sentence, _ in parts), first_report))
    return sorted(units, key=lambda u: u.first_report)


def introduce_people(units: Sequence[_Unit], articles: Sequence[Article]) -> list[_Unit]:
    """``units`` with each person introduced (full name or title) before a sentence names
    them by surname alone (``antecedents.story_surnames``): "Subryan fled the scene" reads
    alone only after "Vishwanand Subryan, 23, was charged ...". A later sentence that
    introduces them moves up before it when both are of one date; when the introduction
    is of a later date, the sentence moves down after it and is shown under that date
    (it was known by then too: moving the introduction up would date it before it was
    reported). A person the summary never introduces is left as named.
    """
    ordered = list(units)
    alone = {word for unit in ordered for word in surnames_in(unit.text, None)[0]}
    surnames = story_surnames((a.text for a in articles), alone)
    if not surnames:
        return ordered
    introduced: set[str] = set()
    k, moves = 0, 0
    while k < len(ordered):
        bare, named = surnames_in(ordered[k].text, surnames)
        missing = [name for name in bare if name not in introduced and name not in named]
        later = next(
            (j for j in range(k + 1, len(ordered)) if missing and missing[0] in surnames_in(ordered[j].text, surnames)[1]),
            None,
        )
        if later is not None and moves < 2 * len(ordered):  # (two that need each other move a few times at most)
            moves += 1
            if ordered[later].date == ordered[k].date:
                ordered.insert(k, ordered.pop(later))  # the introduction first, then read this one again
            else:
                unit = ordered.pop(k)
                date = ordered[later - 1].date
                ordered.insert(later, replace(unit, sentences=tuple(replace(s, date=date) for s in unit.sentences)))
            continue
        introduced |= named | set(bare)
        k += 1
    return ordered


def _cite(
    candidate: Candidate,
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    stems_of: Mapping[tuple[str, int], set[str]],
    events: EventReader,
) -> tuple[SummarySentence, list[Sentence]]:
    """The summary sentence of ``candidate`` (dated by its own article), and the source
    sentences that state it, its own first (the retellings it stands for are cited, not listed)."""
    own = Span(candidate.article_id, candidate.start, candidate.end)
    stems = content_stems(candidate.text)
    others = supporting(candidate.sentence, stems, articles, sentences, stems_of)
    cited = {candidate.article_id, *(s.article_id for s in others)}
    # the sentences of other articles left out for it, one event told twice (one per article)
    retold = list({s.article_id: s for s in reversed(candidate.retold) if s.article_id not in cited}.values())[::-1]
    cited |= {s.article_id for s in retold}
    # An event told in other words is the same event only in an article of about the same
    # time (``_near``, as for a retelling): "Herri Batasuna demonstrated Saturday demanding a
    # negotiated solution" and "Herri Batasuna will be excluded from the meeting" share actor
    # and action family, two years apart; an undated article is near none (nothing says when
    # it tells of), so it is cited only for the same words (``supporting``).
    own_date = _article_date(articles, candidate.article_id)
    uncited = [a for a in articles if a.id not in cited and _near(own_date, _article_date(articles, a.id))]
    others += telling_same_event(candidate.text, stems, uncited, sentences, stems_of, events)
    citations = [candidate.article_id] + [s.article_id for s in [*others, *retold]]
    spans = [own] + [Span.of(s) for s in [*others, *retold]]
    summary = SummarySentence(text=candidate.text, citations=tuple(citations), spans=tuple(spans), date=own_date)
    # a retelling dates nothing: its words may be of another day ("last summer's strike")
    return summary, [candidate.sentence, *others]


def _article_date(articles: Sequence[Article], article_id: str) -> str | None:
    """The article's own date (YYYY-MM-DD), None when undated."""
    return next(((a.date or "")[:10] or None for a in articles if a.id == article_id), None)
