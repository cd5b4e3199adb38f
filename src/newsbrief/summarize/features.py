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
            lowered = [w.lower() for w in raw]
            stemmed = [stem(w) for w in lowered]
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
        grams = tuple(g for g in self.tf if keep is None or g in keep)
        return StoryConcepts(grams, self._matrix(grams, self.articles))

    def _matrix(self, grams: Sequence[Gram], total: int) -> np.ndarray:
        """One row per concept, columns in ``FEATURES`` order."""

        def column(values) -> np.ndarray:
            return np.fromiter(values, dtype=float, count=len(grams))

        df = column(self.df[g] for g in grams)
        tf = column(self.tf[g] for g in grams)
        # a concept is one or two words: its rarest and commonest word's document counts
        # (min/max of a pair, not a sort per concept: a story has ~3,000 concepts)
        word_df = self.word_df
        firsts = [word_df[g[0]] for g in grams]
        lasts = [word_df[g[-1]] for g in grams]
        return np.column_stack([
            df / total,
            np.log1p(df),
            np.log1p(tf),
            column(self.lead_df[g] for g in grams) / total,
            column(self.first_df[g] for g in grams) / total,
            column(self.min_pos[g] for g in grams),
            column(self.pos_sum[g] for g in grams) / tf,
            column(not STOP_WORDS.isdisjoint(g) for g in grams),
            column(g[0].isdigit() or g[-1].isdigit() for g in grams),
            column(self.proper[g] for g in grams) / tf,
            (df == 1).astype(float),
            column(map(min, firsts, lasts)) / total,
            column(map(max, firsts, lasts)) / total,
            np.full(len(grams), math.log(total)),
        ]) if grams else np.zeros((0, len(FEATURES)))


def _grams(raw: Sequence[str], lowered: Sequence[str], stemmed: Sequence[str]) -> tuple[list[Gram], list[Gram]]:
    """The concepts of one sentence, and those of them written as names.

    A name is a concept whose words are all capitalized past the sentence's first word.
    """
    grams: list[Gram] = []
    names: list[Gram] = []
    for k, low in enumerate(lowered):
        if low in STOP_WORDS:
            continue
        gram = (stemmed[k],)
        grams.append(gram)
        if k > 0 and raw[k][:1].isupper():
            names.append(gram)
    for k in range(len(lowered) - 1):
        if lowered[k] in STOP_WORDS and lowered[k + 1] in STOP_WORDS:
            continue
        gram = (stemmed[k], stemmed[k + 1])
        grams.append(gram)
        if k > 0 and raw[k][:1].isupper() and raw[k + 1][:1].isupper():
            names.append(gram)
    return grams, names
