"""Baseline summarizers to run beside newsbrief: lead, and sumy's graph/frequency methods.

Each baseline is ``(articles, words) -> str``. The sumy ones are sumy's own code
(``sumy`` is in the ``eval`` extra), fed through a pysbd-based tokenizer because
sumy's default English tokenizer needs NLTK punkt, which cannot be downloaded here.

Budget, as sumy's command line would do it with a word limit: take sentences in
the order of their rating until the budget is reached (the last one may overshoot;
the scorer only reads the first N words), and give them back in document order,
which is what sumy returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..errors import MissingExtraError
from ..model import Article

Baseline = Callable[[Sequence[Article], int], str]

# sumy class per baseline name (module, class)
SUMY_SUMMARIZERS = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
}

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def names() -> tuple[str, ...]:
    return ("lead", *SUMY_SUMMARIZERS)


def get(name: str) -> Baseline:
    """The baseline called ``name``; ``ValueError`` names the known ones."""
    if name == "lead":
        return lead
    if name in SUMY_SUMMARIZERS:
        return lambda articles, words: sumy_summary(name, articles, words)
    raise ValueError(f"unknown baseline {name!r}: choose from {', '.join(names())}")


def within_budget(baseline: Baseline) -> Baseline:
    """The baseline as a reader would get it: its sentences, in its order, kept while
    the total stays within the budget (the reader-facing protocol of ``newsbrief eval``)."""

    def trimmed(articles: Sequence[Article], words: int) -> str:
        kept: list[str] = []
        count = 0
        for sentence in _sentences(baseline(articles, words)):
            size = len(sentence.split())
            if count + size > words:
                break
            kept.append(sentence)
            count += size
        return " ".join(kept)

    return trimmed


def lead(articles: Sequence[Article], words: int) -> str:
    """The first sentences of the earliest article, up to the word budget."""
    if not articles:
        return ""
    first = min(articles, key=lambda a: (a.date is None, a.date or ""))
    picked: list[str] = []
    count = 0
    for sentence in _sentences(first.text):
        if count >= words:
            break
        picked.append(sentence)
        count += len(sentence.split())
    return " ".join(picked)


def sumy_summary(name: str, articles: Sequence[Article], words: int) -> str:
    """Run sumy's ``name`` summarizer on the articles, one paragraph per article."""
    summarizer = _sumy_summarizer(name)
    document = _sumy_document(articles)
    budget = _WordBudget(words)
    chosen = summarizer(document, budget)
    return " ".join(str(s) for s in chosen)


class _WordBudget:
    """sumy's ``sentences_count`` may be a callable over rating-sorted sentence infos."""

    def __init__(self, words: int) -> None:
        self.words = words

    def __call__(self, infos: Sequence) -> list:
        picked, count = [], 0
        for info in infos:
            if count >= self.words:
                break
            picked.append(info)
            count += len(str(info.sentence).split())
        return picked


class _PysbdTokenizer:
    """The two methods sumy calls on a tokenizer, without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def _sumy_document(articles: Sequence[Article]):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _PysbdTokenizer()
    ordered = sorted(articles, key=lambda a: (a.date is None, a.date or ""))
    paragraphs = [
        Paragraph([Sentence(s, tokenizer) for s in _sentences(a.text)]) for a in ordered
    ]
    return ObjectDocumentModel(tuple(p for p in paragraphs if p.sentences))


@lru_cache(maxsize=None)
def _sumy_summarizer(name: str):
    import importlib

    module_name, class_name = SUMY_SUMMARIZERS[name]
    try:
        module = importlib.import_module(module_name)
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words
    except ImportError as error:
        raise MissingExtraError("eval", "sumy") from error
    summarizer = getattr(module, class_name)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _segmenter().segment(text) if s.strip()]


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)
