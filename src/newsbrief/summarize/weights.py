"""The shipped concept-weight model: a logistic regression stored as JSON.

``src/newsbrief/data/summarizer_weights.json`` is written by
``bench/train_summarizer.py``; it names its features, so a change of
``features.FEATURES`` without retraining fails loudly instead of silently
scoring with shifted columns.
"""

from __future__ import annotations

import json
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


@lru_cache(maxsize=1)
def shipped_model() -> ConceptModel:
    """The model packaged with newsbrief (loaded once per process)."""
    path = resources.files("newsbrief") / "data" / WEIGHTS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NewsbriefError(
            f"{path}: cannot read the summarizer weights ({error}); reinstall newsbrief "
            "or retrain with bench/train_summarizer.py"
        ) from error
    return ConceptModel.from_dict(data, str(path))
