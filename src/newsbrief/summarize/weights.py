"""The shipped concept-weight models: logistic regressions stored as JSON.

One model for bigrams, one for content words; a content word's probability is
multiplied by ``unigram_weight`` (tuned on the development sets, see
``bench/train_summarizer.py``) because a bigram match is rarer and worth more.

Two such pairs ship, one per kind of story (``model_for``):

- **long**: the input is many times the budget (DUC: 10-25 articles, 5,000+ words
  for 100-250 summary words). Trained on duc2006 + duc2007_update.
- **short**: the budget holds a large share of the input (Multi-News: 2-4 articles,
  ~450 words for 250 summary words). There the summary keeps most of what the
  articles lead with, a bigram in 2 of 3 articles means something else than in 2
  of 25, and the long-story weights miss (R-2 F1 on Multi-News stories 700-1000:
  13.72 with the long model, 13.89 with a model trained on stories 300-700).
  Trained on Multi-News dev stories 300-1000; the first 300 are kept for testing.

``src/newsbrief/data/summarizer_weights.json`` is written by
``bench/train_summarizer.py``; it names its features, so a change of
``features.FEATURES`` without retraining fails loudly instead of silently
scoring with shifted columns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import NewsbriefError
from .features import FEATURES

WEIGHTS_FILE = "summarizer_weights.json"


@dataclass(frozen=True, slots=True)
class ConceptModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(a human summary contains the bigram) for each feature row."""
        if rows.size == 0:
            return np.zeros(0)
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self) -> dict:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: dict, source: str = "weights") -> ConceptModel:
        names = tuple(data.get("features", ()))
        if names != FEATURES:
            raise NewsbriefError(
                f"{source}: trained on features {names}, the code computes {FEATURES} "
                "(retrain with bench/train_summarizer.py)"
            )
        return cls(
            features=names,
            mean=np.asarray(data["mean"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
        )


@dataclass(frozen=True, slots=True)
class SummarizerModel:
    bigram: ConceptModel
    unigram: ConceptModel
    unigram_weight: float

    def weights(self, grams: Sequence[tuple[str, ...]], rows: np.ndarray) -> np.ndarray:
        """The value of covering each concept."""
        out = np.zeros(len(grams))
        if not len(grams):
            return out
        is_unigram = np.fromiter((len(g) == 1 for g in grams), dtype=bool, count=len(grams))
        out[~is_unigram] = self.bigram.probability(rows[~is_unigram])
        out[is_unigram] = self.unigram_weight * self.unigram.probability(rows[is_unigram])
        return out

    def to_dict(self) -> dict:
        return {
            "bigram": self.bigram.to_dict(),
            "unigram": self.unigram.to_dict(),
            "unigram_weight": self.unigram_weight,
        }

    @classmethod
    def from_dict(cls, data: dict, source: str = "weights") -> SummarizerModel:
        try:
            return cls(
                bigram=ConceptModel.from_dict(data["bigram"], source),
                unigram=ConceptModel.from_dict(data["unigram"], source),
                unigram_weight=float(data["unigram_weight"]),
            )
        except (KeyError, TypeError) as error:
            raise NewsbriefError(
                f"{source}: not a summarizer weights file (missing {error}); "
                "retrain with bench/train_summarizer.py"
            ) from error


# A story is "short" when its input is under this many times the word budget.
# The two kinds of development sets lie far on either side: Multi-News inputs are
# 0.2-1.9 budgets, DUC's 12.7-87 (duc2003_task2, duc2007_update at 100 words; more
# at 250): 5 sits between them, and a reader's 3-article story with a 150-word
# brief (~10 budgets) counts as long, as a DUC cluster does.
SHORT_STORY_BUDGETS = 5.0


def is_short(input_words: int, budget: int) -> bool:
    """Whether a story of ``input_words`` words is "short" for a ``budget``-word summary."""
    return input_words < SHORT_STORY_BUDGETS * max(budget, 1)


@dataclass(frozen=True, slots=True)
class ShippedModels:
    """The long-story model and, when trained, the short-story one (see the module doc)."""

    long: SummarizerModel
    short: SummarizerModel | None = None

    def for_story(self, input_words: int, budget: int) -> SummarizerModel:
        """The model for a story of ``input_words`` words summarized in ``budget`` words."""
        if self.short is not None and is_short(input_words, budget):
            return self.short
        return self.long

    @classmethod
    def from_dict(cls, data: dict, source: str = "weights") -> ShippedModels:
        short = data.get("short")
        return cls(
            long=SummarizerModel.from_dict(data, source),
            short=SummarizerModel.from_dict(short, f"{source} (short)") if short is not None else None,
        )


def model_for(input_words: int, budget: int) -> SummarizerModel:
    """The shipped concept model for a story of ``input_words`` words and a ``budget``-word summary."""
    return shipped_models().for_story(input_words, budget)


def shipped_model() -> SummarizerModel:
    """The shipped long-story model (DUC-like stories)."""
    return shipped_models().long


@lru_cache(maxsize=1)
def shipped_models() -> ShippedModels:
    """The models packaged with newsbrief (loaded once per process)."""
    path = resources.files("newsbrief") / "data" / WEIGHTS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NewsbriefError(
            f"{path}: cannot read the summarizer weights ({error}); reinstall newsbrief "
            "or retrain with bench/train_summarizer.py"
        ) from error
    return ShippedModels.from_dict(data, str(path))
