"""Who states a summary sentence: the other articles that carry the same fact.

Wire copies and rewrites repeat a sentence nearly word for word; an article
that does so supports the summary sentence and is cited with it. Content-word
overlap decides: the other sentence must contain most of the picked sentence's
content words (so it states the fact) without being a much longer sentence that
merely shares them (so it is the same statement).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..model import Article, Sentence
from .events import EventReader, states_same_event
from .text import STOP_WORDS, content_stems, stem

# Share of the picked sentence's content words the other sentence must contain:
# 0.7 keeps wire copies and close rewrites ("said on Saturday" vs "said Saturday"),
# and leaves out sentences that only share the story's names.
CONTAINMENT = 0.7
# Jaccard overlap of the two content-word sets: keeps a long sentence that happens
# to contain a short one's words from counting as the same statement.
JACCARD = 0.45
# Two candidates this similar say the same thing: at most one enters the summary.
# 0.4 (was 0.5): on the training sets duc2006 41.09/10.18 -> 41.11/10.19 and on
# Multi-News 44.86/15.28 -> 44.90/15.32; duc2007_update unchanged (0.6 was lower).
REDUNDANT_JACCARD = 0.4
# A sentence whose content words are (nearly) all in another says nothing the other does not:
# "Cheeks was fired as head coach of the Philadelphia 76ers." beside "The Philadelphia 76ers
# fired Coach Maurice Cheeks Saturday morning after a 9-14 start." Their Jaccard is low (the
# longer one says more), so the shorter is caught by its containment in the longer: this share
# of its content words, reporting words left aside ("officially", "said": a "Swine flu is
# officially a pandemic" is not held by any sentence an official said), when it has at least
# SUBSUMED_MIN_WORDS of them.
SUBSUMED_SHARE = 0.75
SUBSUMED_MIN_WORDS = 3
_REPORTING = frozenset(
    stem(w) for w in "said say says told tell according reported report added official officially "
    "officials spokesman spokeswoman statement".split()
)
# Content words a sentence of another article must share with a summary sentence before
# it is read as an event: an actor and an action at least.
EVENT_MIN_SHARED = 3
# ... and this share of them: a sentence sharing less cannot hold half its event terms.
EVENT_MIN_SHARE = 0.3


def similarity(a: set[str], b: set[str]) -> tuple[float, float]:
    """(containment of ``a`` in ``b``, Jaccard of ``a`` and ``b``)."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / len(a), shared / len(a | b)


def states_same(a: set[str], b: set[str]) -> bool:
    containment, jaccard = similarity(a, b)
    return containment >= CONTAINMENT and jaccard >= JACCARD


def supporting(
    picked: Sentence,
    picked_stems: set[str],
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    stems_of: Mapping[tuple[str, int], set[str]],
) -> list[Sentence]:
    """The best-matching sentence of every other article that states ``picked``."""
    found: list[Sentence] = []
    size = len(picked_stems)
    for article in articles:
        if article.id == picked.article_id:
            continue
        best, best_score = None, 0.0
        for sentence in sentences.get(article.id, ()):
            other = stems_of[(article.id, sentence.index)]
            # ``similarity``'s two shares, the union counted, not built, and only for the
            # few sentences that hold enough of the picked one's words (this reads every
            # sentence of the story for every summary sentence)
            shared = len(picked_stems & other)
            if not other or not size or shared / size < CONTAINMENT:
                continue
            jaccard = shared / (size + len(other) - shared)
            if jaccard >= JACCARD and jaccard > best_score:
                best, best_score = sentence, jaccard
        if best is not None:
            found.append(best)
    return found


def telling_same_event(
    text: str,
    stems: set[str],
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    stems_of: Mapping[tuple[str, int], set[str]],
    events: EventReader,
) -> list[Sentence]:
    """In each of ``articles``, the sentence telling the same event as ``text`` in other
    words (``events.states_same_event``), if any (the one sharing the most content words).
    Only sentences sharing EVENT_MIN_SHARED content words and EVENT_MIN_SHARE of them are
    read as events: the rest cannot share most of its terms, and reading every sentence
    would cost more than the summary."""
    event = events.read(text)
    found: list[Sentence] = []
    for article in articles:
        best, best_shared = None, EVENT_MIN_SHARED - 1
        for sentence in sentences.get(article.id, ()):
            other = stems_of[(article.id, sentence.index)]
            shared = len(stems & other)
            if shared <= best_shared or shared < EVENT_MIN_SHARE * min(len(stems), len(other)):
                continue
            if states_same_event(event, events.read(sentence.text)):
                best, best_shared = sentence, shared
        if best is not None:
            found.append(best)
    return found


def states_same_or_close(a: set[str], b: set[str]) -> bool:
    """Whether two sentences are too alike to both enter a summary (as ``redundant_pairs``)."""
    return similarity(a, b)[1] >= REDUNDANT_JACCARD


def stems_by_sentence(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> dict[tuple[str, int], set[str]]:
    return {
        (article.id, s.index): content_stems(s.text)
        for article in articles
        for s in sentences.get(article.id, ())
    }


def redundant_pairs(stem_sets: Sequence[set[str]]) -> list[tuple[int, int]]:
    """Pairs of candidates that say the same thing: content-word Jaccard >= REDUNDANT_JACCARD,
    or the shorter one's words held by the longer (SUBSUMED_SHARE)."""
    import numpy as np

    vocabulary: dict[str, int] = {}
    rows = [[vocabulary.setdefault(w, len(vocabulary)) for w in s] for s in stem_sets]
    if not vocabulary:
        return []
    matrix = np.zeros((len(rows), len(vocabulary)), dtype=np.float32)
    for i, columns in enumerate(rows):
        matrix[i, columns] = 1.0
    shared = matrix @ matrix.T
    sizes = matrix.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    # containment counts without the reporting words
    reporting = [k for w, k in vocabulary.items() if w in _REPORTING]
    told = matrix[:, reporting]
    shared_facts = shared - told @ told.T
    facts = sizes - told.sum(axis=1)
    smaller = np.minimum(facts[:, None], facts[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, shared / union, 0.0)
        held = np.where(smaller >= SUBSUMED_MIN_WORDS, shared_facts / smaller, 0.0)
    same = (jaccard >= REDUNDANT_JACCARD) | (held >= SUBSUMED_SHARE)
    first, second = np.nonzero(np.triu(same, k=1))
    return list(zip(first.tolist(), second.tolist()))


# --------------------------------------------------------------------------- measures
#
# One measurement told twice: "His blood-alcohol level was 0.41 percent, according to the
# charges." and "Police say he drank so much his blood-alcohol level was 0.41, more than five
# times the legal limit." share few words beside the figure, but a figure with a decimal point
# or a percentage is rarely given twice in a story for two different things when the word
# measured beside it is the same. Two candidates giving one such figure of one measured word
# are a redundant pair: at most one enters the summary. Whole counts ("11 killed") are left to
# ``events.same_count``: a shared toll is often a side clause of two different reports.
_MEASURE = re.compile(r"(?<![\d.,])(\d+\.\d+|\d+(?:\.\d+)?(?=\s?(?:%|percent\b|per cent\b)))(?![\d]|\.\d)")
_DIGIT = re.compile(r"\d")
_MEASURE_WORD = re.compile(r"[A-Za-z][a-z'’-]*")
# Words before (and after) the figure read as what it measures.
MEASURED_BEFORE = 4
MEASURED_AFTER = 2
_UNITS = frozenset(stem(w) for w in "percent per cent point points about nearly almost some more than".split())
_NOT_MEASURED = _UNITS | _REPORTING


def measures(text: str) -> frozenset[tuple[str, str]]:
    """(figure, measured word stem) for each decimal or percentage figure of ``text`` and
    the lower-case content words around it ("level was 0.41 percent" -> (0.41, level))."""
    found = set()
    for match in _MEASURE.finditer(text):
        before = _MEASURE_WORD.findall(text[max(0, match.start() - 60) : match.start()])[-MEASURED_BEFORE:]
        after = _MEASURE_WORD.findall(text[match.end() : match.end() + 40])[:MEASURED_AFTER]
        for word in (*before, *after):
            for part in word.split("-"):  # "blood-alcohol"
                lowered = part.lower()
                if not part[:1].islower() or lowered in STOP_WORDS:
                    continue
                term = stem(lowered)
                if term not in _NOT_MEASURED:
                    found.add((match.group(1), term))
    return frozenset(found)


def measure_pairs(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of ``texts`` giving one measured figure of one measured word (see above)."""
    read = [measures(t) if _DIGIT.search(t) else frozenset() for t in texts]  # most have no digit at all
    by_measure: dict[tuple[str, str], list[int]] = {}
    for k, found in enumerate(read):
        for measure in found:
            by_measure.setdefault(measure, []).append(k)
    return sorted({(a, b) for held in by_measure.values() for a in held for b in held if a < b})
