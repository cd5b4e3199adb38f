"""Concepts (content words and word bigrams) of a story and the features that predict their importance.

After Gillick & Favre (ICSISumm, 2009): the units a summary should cover are
content bigrams, and the ones that several articles repeat, early in the
article, are the ones human summaries keep. Instead of ICSISumm's raw document
frequency we learn the weight of a bigram from these features (after Li, Qian &
Liu 2013, "Using supervised bigram-based ILP for extractive summarization"):
a logistic model, trained by ``bench/train_summarizer.py`` against whether the
bigram appears in the human references, shipped as JSON weights. Content words
(unigrams) are concepts too, with their own model: they are what ROUGE-1 counts.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

import numpy as np

from ..model import Article, Sentence
from .text import STOP_WORDS, stem

Bigram = tuple[str, str]
# A concept: a stemmed bigram, or a 1-tuple holding a stemmed content word.
Gram = tuple[str, ...]

# Feature names, in the column order of the matrix and of the shipped weights.
FEATURES = (
    "df_frac",  # share of articles that contain the bigram
    "log_df",  # log(1 + number of articles)
    "log_tf",  # log(1 + occurrences)
    "lead_frac",  # share of articles where it occurs in the first 3 sentences
    "first_frac",  # share of articles where it occurs in the first sentence
    "min_pos",  # earliest relative position in any article (0 = first sentence)
    "mean_pos",  # mean relative position of its occurrences
    "has_stop",  # one of the two words is a stop word
    "has_digit",  # a number is part of it
    "proper",  # share of occurrences written with capitals mid-sentence (names)
    "single_doc",  # it occurs in one article only
    "uni_df_min",  # share of articles containing the rarer of its two words
    "uni_df_max",  # share of articles containing the commoner of its two words
    "log_articles",  # log of the number of articles in the story
)
# Sentences considered for positional features: leads carry the gist in news.
LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class StoryConcepts:
    """The concepts of a story and their feature rows (``features[i]`` describes ``grams[i]``)."""

    grams: tuple[Gram, ...]
    features: np.ndarray  # shape (len(grams), len(FEATURES))


def sentence_bigrams(raw_tokens: Sequence[str]) -> list[Bigram]:
    """Stemmed bigrams of a token sequence, leaving out pairs of two stop words."""
    return [gram for gram, _ in indexed_grams(raw_tokens) if len(gram) == 2]


def sentence_grams(raw_tokens: Sequence[str]) -> list[Gram]:
    """Every concept of a sentence: its bigrams and its content words."""
    return [gram for gram, _ in indexed_grams(raw_tokens)]


def indexed_grams(raw_tokens: Sequence[str]) -> list[tuple[Gram, int]]:
    """Every concept of a sentence with the index of its last token (to read a prefix's concepts)."""
    lowered = [t.lower() for t in raw_tokens]
    stemmed = [stem(t) for t in lowered]  # once per token, not once per concept it is part of
    stop = [t in STOP_WORDS for t in lowered]
    out: list[tuple[Gram, int]] = [
        ((stemmed[k], stemmed[k + 1]), k + 1) for k in range(len(lowered) - 1) if not (stop[k] and stop[k + 1])
    ]
    out += [((stemmed[k],), k) for k in range(len(lowered)) if not stop[k]]
    return out


def story_concepts(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    tokenize,
    keep: Collection[Gram] | None = None,
) -> StoryConcepts:
    """Count every concept over all sentences of all articles, and describe it.

    ``tokenize(text)`` returns the raw (cased) word tokens of a sentence; only
    the concepts in ``keep`` (all when None) get a feature row.
    """
    return count_concepts(articles, sentences, tokenize).concepts(keep)


def count_concepts(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    tokenize,
) -> ConceptCounts:
    """The statistics of every concept of a story, to describe any subset of them (``.concepts(keep)``)."""
    counts = ConceptCounts(max(len(articles), 1))
    for article in articles:
        counts.add_article(sentences.get(article.id, ()), tokenize)
    return counts


class ConceptCounts:
    """Running statistics of every concept of a story.

    Each concept gets a number when first met (rising: the order of ``concepts``), and
    what is counted is kept as numbers: every occurrence with its sentence's relative
    position, the concepts of each article, of its lead and of its first sentence, the
    occurrences written as names. numpy counts them when first asked (``_Statistics``):
    one dictionary lookup per occurrence, where Counters of tuples hashed each concept
    once per statistic.
    """

    def __init__(self, articles: int) -> None:
        self.articles = articles
        self.word_df: Counter = Counter()  # stem -> number of articles holding it
        self._ids: dict[Gram, int] = {}
        self._next_id = itertools.count()  # (not dense: one number per occurrence)
        self._occurrences: list[int] = []  # the concept of each occurrence, in reading order
        self._positions: list[float] = []  # and its sentence's relative position in the article
        self._names: list[int] = []  # the concept of each occurrence written as a name
        self._in_articles: list[int] = []  # each article's concepts, once per article
        self._in_leads: list[int] = []  # those of its first LEAD_SENTENCES sentences
        self._in_firsts: list[int] = []  # those of its first sentence
        # the concept numbers of each sentence counted, by its lower-cased tokens (``ids_of``)
        self._sentence_ids: dict[tuple[str, ...], list[int]] = {}
        self._stats: _Statistics | None = None
        self._grams_by_id: dict[int, Gram] | None = None

    def add_article(self, article_sentences: Sequence[Sentence], tokenize) -> None:
        words: set[str] = set()
        seen: set[int] = set()
        lead: set[int] = set()
        count = max(len(article_sentences), 1)
        for position, sentence in enumerate(article_sentences):
            raw = tokenize(sentence.text)
            lowered = list(map(str.lower, raw))
            stemmed = list(map(stem, lowered))
            words.update(stemmed)
            grams, names = _grams(raw, lowered, stemmed)
            ids = list(map(self._ids.setdefault, grams, self._next_id))
            self._sentence_ids[tuple(lowered)] = ids
            self._occurrences += ids
            self._positions += repeat(position / count, len(ids))
            self._names += map(self._ids.__getitem__, names)  # names are concepts too
            seen.update(ids)
            if position < LEAD_SENTENCES:
                lead.update(ids)
            if position == 0:
                self._in_firsts += set(ids)
        self._in_articles += seen
        self._in_leads += lead
        self.word_df.update(words)
        self._stats = self._grams_by_id = None

    def ids_of(self, tokens: Sequence[str]) -> set[int]:
        """The numbers of the concepts of a sentence of these lower-cased ``tokens`` that the
        story holds (``concepts_of``): looked up when a sentence counted had these tokens (a
        candidate is most often a whole sentence), else read from them."""
        found = self._sentence_ids.get(tuple(tokens))
        if found is None:  # a trimmed sentence, or two joined (their joint bigram is no concept)
            found = [k for k in map(self._ids.get, sentence_grams(tokens)) if k is not None]
        return set(found)

    def concepts(self, keep: Collection[Gram] | None = None) -> StoryConcepts:
        """The concepts in ``keep`` (all when None) that the story contains, with their feature rows."""
        grams = tuple(self._ids if keep is None else filter(keep.__contains__, self._ids))
        return StoryConcepts(grams, self._matrix(grams, list(map(self._ids.__getitem__, grams))))

    def concepts_of(self, ids: Sequence[int]) -> StoryConcepts:
        """The concepts of these numbers (ascending: the order of ``concepts``), with their feature rows."""
        if self._grams_by_id is None:
            self._grams_by_id = dict(zip(self._ids.values(), self._ids))
        grams = tuple(map(self._grams_by_id.__getitem__, ids))
        return StoryConcepts(grams, self._matrix(grams, ids))

    def _matrix(self, grams: Sequence[Gram], ids: Sequence[int]) -> np.ndarray:
        """One row per concept (``ids``: their numbers), columns in ``FEATURES`` order."""
        if not grams:
            return np.zeros((0, len(FEATURES)))
        if self._stats is None:
            self._stats = _Statistics.of(self)
        total = self.articles
        rows = np.asarray(ids, dtype=np.intp)
        stats = self._stats
        df, tf = stats.df[rows], stats.tf[rows]

        def column(values) -> np.ndarray:
            return np.fromiter(values, dtype=float, count=len(grams))

        # a concept is one or two words: its rarest and commonest word's document counts
        # (min/max of a pair, not a sort per concept: a story has ~3,000 concepts)
        word_df = self.word_df
        firsts = list(map(word_df.get, map(itemgetter(0), grams), repeat(0)))
        lasts = list(map(word_df.get, map(itemgetter(-1), grams), repeat(0)))
        return np.column_stack([
            df / total,
            np.log1p(df),
            np.log1p(tf),
            stats.lead_df[rows] / total,
            stats.first_df[rows] / total,
            stats.min_pos[rows],
            stats.pos_sum[rows] / tf,
            1.0 - column(map(STOP_WORDS.isdisjoint, grams)),  # a stop word in it
            np.maximum(column(map(str.isdigit, map(itemgetter(0), grams))), column(map(str.isdigit, map(itemgetter(-1), grams)))),
            stats.proper[rows] / tf,
            (df == 1).astype(float),
            column(map(min, firsts, lasts)) / total,
            column(map(max, firsts, lasts)) / total,
            np.full(len(grams), math.log(total)),
        ])


@dataclass(frozen=True, slots=True)
class _Statistics:
    """The statistics of every concept, indexed by its number (``ConceptCounts``)."""

    tf: np.ndarray  # occurrences
    df: np.ndarray  # articles holding it
    lead_df: np.ndarray  # articles holding it in their first LEAD_SENTENCES sentences
    first_df: np.ndarray  # articles holding it in their first sentence
    min_pos: np.ndarray  # earliest relative position
    pos_sum: np.ndarray  # sum of the relative positions of its occurrences
    proper: np.ndarray  # occurrences written as a name

    @classmethod
    def of(cls, counts: ConceptCounts) -> _Statistics:
        ids = np.array(counts._occurrences, dtype=np.intp)
        positions = np.array(counts._positions, dtype=float)
        size = len(ids)  # above every concept's number

        def tally(numbers: list[int]) -> np.ndarray:
            return np.bincount(np.array(numbers, dtype=np.intp), minlength=size).astype(float)

        # np.bincount adds each concept's positions one by one in reading order, from 0.0,
        # as a running ``+=`` per occurrence does: the same floats
        pos_sum = np.bincount(ids, weights=positions, minlength=size)
        # positions only grow within an article: the earliest occurrence is its first there
        min_pos = np.ones(size)
        np.minimum.at(min_pos, ids, positions)
        return cls(
            tf=np.bincount(ids, minlength=size).astype(float),
            df=tally(counts._in_articles),
            lead_df=tally(counts._in_leads),
            first_df=tally(counts._in_firsts),
            min_pos=min_pos,
            pos_sum=pos_sum,
            proper=tally(counts._names),
        )


def _grams(raw: Sequence[str], lowered: Sequence[str], stemmed: Sequence[str]) -> tuple[list[Gram], list[Gram]]:
    """The concepts of one sentence, and those of them written as names.

    A name is a concept whose words are all capitalized past the sentence's first word.
    (Comprehensions over zipped lists: this runs on every sentence of the story.)
    """
    stop = [low in STOP_WORDS for low in lowered]
    capital = [word[:1].isupper() for word in raw]
    capital[:1] = [False]  # the sentence's first word
    grams: list[Gram] = [(s,) for s, is_stop in zip(stemmed, stop) if not is_stop]
    names: list[Gram] = [(s,) for s, is_stop, cap in zip(stemmed, stop, capital) if cap and not is_stop]
    pairs = list(zip(stemmed, stemmed[1:], stop, stop[1:], capital, capital[1:]))
    grams += [(a, b) for a, b, stop_a, stop_b, _, _ in pairs if not (stop_a and stop_b)]
    names += [(a, b) for a, b, stop_a, stop_b, cap_a, cap_b in pairs if cap_a and cap_b and not (stop_a and stop_b)]
    return grams, names
