"""Concepts (word bigrams) of a story and the features that predict their importance.

After Gillick & Favre (ICSISumm, 2009): the units a summary should cover are
content bigrams, and the ones that several articles repeat, early in the
article, are the ones human summaries keep. Instead of ICSISumm's raw document
frequency we learn the weight of a bigram from these features (after Li, Qian &
Liu 2013, "Using supervised bigram-based ILP for extractive summarization"):
a logistic model, trained by ``bench/train_summarizer.py`` against whether the
bigram appears in the human references, shipped as JSON weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Article, Sentence
from .text import STOP_WORDS, stem

Bigram = tuple[str, str]

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
    """The bigrams of a story and their feature rows (``features[i]`` describes ``bigrams[i]``)."""

    bigrams: tuple[Bigram, ...]
    features: tuple[tuple[float, ...], ...]


def sentence_bigrams(raw_tokens: Sequence[str]) -> list[Bigram]:
    """Stemmed bigrams of a token sequence, leaving out pairs of two stop words."""
    lowered = [t.lower() for t in raw_tokens]
    out = []
    for first, second in zip(lowered, lowered[1:]):
        if first in STOP_WORDS and second in STOP_WORDS:
            continue
        out.append((stem(first), stem(second)))
    return out


@dataclass(slots=True)
class _Stats:
    tf: int = 0
    docs: set | None = None
    lead_docs: set | None = None
    first_docs: set | None = None
    min_pos: float = 1.0
    pos_sum: float = 0.0
    proper: int = 0
    has_stop: bool = False
    has_digit: bool = False


def story_concepts(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    tokenize,
) -> StoryConcepts:
    """Count every bigram over all sentences of all articles, and describe it.

    ``tokenize(text)`` returns the raw (cased) word tokens of a sentence.
    """
    stats: dict[Bigram, _Stats] = {}
    unigram_docs: dict[str, set] = {}
    for article in articles:
        article_sentences = sentences.get(article.id, ())
        count = max(len(article_sentences), 1)
        for position, sentence in enumerate(article_sentences):
            raw = tokenize(sentence.text)
            relative = position / count
            for word in raw:
                unigram_docs.setdefault(stem(word.lower()), set()).add(article.id)
            for k, (first, second) in enumerate(zip(raw, raw[1:])):
                low1, low2 = first.lower(), second.lower()
                if low1 in STOP_WORDS and low2 in STOP_WORDS:
                    continue
                key = (stem(low1), stem(low2))
                entry = stats.get(key)
                if entry is None:
                    entry = stats[key] = _Stats(docs=set(), lead_docs=set(), first_docs=set())
                    entry.has_stop = low1 in STOP_WORDS or low2 in STOP_WORDS
                    entry.has_digit = first.isdigit() or second.isdigit()
                entry.tf += 1
                entry.docs.add(article.id)
                if position < LEAD_SENTENCES:
                    entry.lead_docs.add(article.id)
                if position == 0:
                    entry.first_docs.add(article.id)
                entry.min_pos = min(entry.min_pos, relative)
                entry.pos_sum += relative
                if k > 0 and first[:1].isupper() and second[:1].isupper():
                    entry.proper += 1
    total = max(len(articles), 1)
    bigrams = tuple(stats)
    rows = tuple(_row(key, stats[key], unigram_docs, total) for key in bigrams)
    return StoryConcepts(bigrams, rows)


def _row(key: Bigram, s: _Stats, unigram_docs: dict[str, set], total: int) -> tuple[float, ...]:
    df = len(s.docs)
    uni = sorted(len(unigram_docs.get(w, ())) / total for w in key)
    return (
        df / total,
        math.log1p(df),
        math.log1p(s.tf),
        len(s.lead_docs) / total,
        len(s.first_docs) / total,
        s.min_pos,
        s.pos_sum / s.tf,
        float(s.has_stop),
        float(s.has_digit),
        s.proper / s.tf,
        float(df == 1),
        uni[0],
        uni[-1],
        math.log(total),
    )
