"""ROUGE as this project reports it: Google's ``rouge-score`` with Porter stemming.

Two variants, always named beside the numbers (see ``/work/shared/data/README.md``):

    recall  DUC style: ROUGE-1/2 recall x100 of the first N words of the summary,
            averaged over the references (close to ROUGE-1.5.5 ``-n 2 -m -l N -f A``).
    f1      Multi-News style: ROUGE-1/2/Lsum F1 x100 of the first N words, averaged
            over the references, both sides split one sentence per line with pysbd
            (``rouge-score``'s own splitter needs NLTK punkt, which cannot be downloaded).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import mean

from ..errors import MissingExtraError

RECALL = "recall"
F1 = "f1"

# rouge-score's key -> the column name printed in tables
COLUMNS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}


@dataclass(frozen=True, slots=True)
class Variant:
    """Which ROUGE numbers: ``kind`` is ``recall`` or ``f1``; ``words`` the cut-off."""

    kind: str
    words: int

    @property
    def keys(self) -> tuple[str, ...]:
        return ("rouge1", "rouge2", "rougeLsum") if self.kind == F1 else ("rouge1", "rouge2")

    def describe(self) -> str:
        if self.kind == F1:
            return (
                f"ROUGE F1 x100 of the first {self.words} words, Porter stemming, "
                "sentences one per line (Multi-News style)"
            )
        return (
            f"ROUGE recall x100 of the first {self.words} words, Porter stemming, "
            "averaged over the references (DUC style)"
        )


def first_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words: what the scorer sees."""
    return " ".join(text.split()[:words])


def sentence_lines(text: str) -> str:
    """One sentence per line (pysbd), the input ``rougeLsum`` expects."""
    segmenter = _segmenter()
    return "\n".join(s.strip() for s in segmenter.segment(text) if s.strip())


def score(summary: str, references: Sequence[str], variant: Variant) -> dict[str, float]:
    """ROUGE of one summary against its references, x100, averaged over the references.

    With no reference the story cannot be scored: every number is 0.0 and the caller
    should have skipped it (``summary.run`` does).
    """
    if not references:
        return {key: 0.0 for key in variant.keys}
    scorer = _scorer(variant.keys)
    cut = first_words(summary, variant.words)
    if variant.kind == F1:
        cut = sentence_lines(cut)
        results = [scorer.score(sentence_lines(ref), cut) for ref in references]
        return {k: mean(100 * r[k].fmeasure for r in results) for k in variant.keys}
    results = [scorer.score(ref, cut) for ref in references]
    return {k: mean(100 * r[k].recall for r in results) for k in variant.keys}


def average(rows: Sequence[dict[str, float]], keys: Sequence[str]) -> dict[str, float]:
    """Macro average over stories (each story weighs the same, as in score.py)."""
    if not rows:
        return {k: 0.0 for k in keys}
    return {k: mean(row[k] for row in rows) for k in keys}


@lru_cache(maxsize=4)
def _scorer(keys: tuple[str, ...]):
    try:
        from rouge_score import rouge_scorer
    except ImportError as error:
        raise MissingExtraError("eval", "rouge-score") from error
    return rouge_scorer.RougeScorer(list(keys), use_stemmer=True)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)
