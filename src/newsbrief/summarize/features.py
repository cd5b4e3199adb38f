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
    """Running statistics of every concept; Counters keep the inner loops in C."""

    def __init__(self, articles: int) -> None:
        self.articles = articles
        self.tf: Counter = Counter()
        self.df: Counter = Counter()
        self.word_df: Counter = Counter()
        self.lead_df: Counter = Counter()
        self.first_df: Counter = Counter()
        self.proper: Counter = Counter()
        self.pos_sum: Counter = Counter()
        self.min_pos: dict[Gram, float] = {}

    def add_article(self, article_sentences: Sequence[Sentence], tokenize) -> None:
        seen: dict[Gram, float] = {}  # concept -> first relative position in this article
        words: set[str] = set()
        lead: set[Gram] = set()
        count = max(len(article_sentences), 1)
        for position, sentence in enumerate(article_sentences):
            raw = tokenize(sentence.text)
            lowered = list(map(str.lower, raw))
            stemmed = list(map(stem, lowered))
            words.update(stemmed)
            grams, names = _grams(raw, lowered, stemmed)
            relative = position / count
            self.tf.update(grams)
            self.proper.update(names)
            for gram in grams:
                if gram not in seen:
                    seen[gram] = relative
                self.pos_sum[gram] += relative
            if position < LEAD_SENTENCES:
                lead.update(grams)
            if position == 0:
                self.first_df.update(set(grams))
        self.df.update(seen.keys())
        self.word_df.update(words)
        self.lead_df.update(lead)
        for gram, relative in seen.items():
            if relative < self.min_pos.get(gram, 1.0):
                self.min_pos[gram] = relative
            else:
                self.min_pos.setdefault(gram, relative)

    def concepts(self, keep: Collection[Gram] | None = None) -> StoryConcepts:
        """The concepts in ``keep`` (all when None) that the story contains, with their feature rows."""
        grams = tuple(self.tf if keep is None else filter(keep.__contains__, self.tf))
        return StoryConcepts(grams, self._matrix(grams, self.articles))

    def _matrix(self, grams: Sequence[Gram], total: int) -> np.ndarray:
        """One row per concept, columns in ``FEATURES`` order."""

        def column(values) -> np.ndarray:
            return np.fromiter(values, dtype=float, count=len(grams))

        def counts(of: Mapping[Gram, float]) -> np.ndarray:
            # looked up by map in C, 0 when absent (no Counter.__missing__ call per concept)
            return column(map(of.get, grams, repeat(0)))

        df = counts(self.df)
        tf = counts(self.tf)
        # a concept is one or two words: its rarest and commonest word's document counts
        # (min/max of a pair, not a sort per concept: a story has ~3,000 concepts)
        word_df = self.word_df
        firsts = list(map(word_df.get, map(itemgetter(0), grams), repeat(0)))
        lasts = list(map(word_df.get, map(itemgetter(-1), grams), repeat(0)))
        return np.column_stack([
            df / total,
            np.log1p(df),
            np.log1p(tf),
            counts(self.lead_df) / total,
            counts(self.first_df) / total,
            counts(self.min_pos),
            counts(self.pos_sum) / tf,
            1.0 - column(map(STOP_WORDS.isdisjoint, grams)),  # a stop word in it
            np.maximum(column(map(str.isdigit, map(itemgetter(0), grams))), column(map(str.isdigit, map(itemgetter(-1), grams)))),
            counts(self.proper) / tf,
            (df == 1).astype(float),
            column(map(min, firsts, lasts)) / total,
            column(map(max, firsts, lasts)) / total,
            np.full(len(grams), math.log(total)),
        ]) if grams else np.zeros((0, len(FEATURES)))


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
