"""Paired bootstrap intervals: is newsbrief's lead over a baseline more than the luck of the stories?

Both systems are scored on the same stories, so the unit resampled is the story: each of
``RESAMPLES`` resamples draws as many stories as there are, with replacement, and takes the mean
of newsbrief's score minus the baseline's on them. The 2.5th and 97.5th percentiles of those
means bound the difference (95 %); an interval that excludes 0 says the ordering would hold on
another draw of stories like these, not that it holds on other kinds of news.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

RESAMPLES = 1000
SEED = 20190902  # fixed: the printed interval is the same on every run


@dataclass(frozen=True, slots=True)
class Difference:
    """Mean of paired differences (ours - theirs) and its 95 % bootstrap interval."""

    mean: float
    low: float
    high: float

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0

    def as_dict(self) -> dict[str, float]:
        return {"mean": round(self.mean, 2), "low": round(self.low, 2), "high": round(self.high, 2)}


def paired_difference(ours: Sequence[float], theirs: Sequence[float], resamples: int = RESAMPLES,
                      seed: int = SEED) -> Difference:
    """``Difference`` of two systems' per-story scores (same stories, same order)."""
    if len(ours) != len(theirs):
        raise ValueError("paired scores need the same stories on both sides")
    deltas = [a - b for a, b in zip(ours, theirs)]
    if not deltas:
        return Difference(0.0, 0.0, 0.0)
    draw = random.Random(seed).choices
    n = len(deltas)
    means = sorted(sum(draw(deltas, k=n)) / n for _ in range(resamples))
    return Difference(sum(deltas) / n, means[int(0.025 * (resamples - 1))], means[int(0.975 * (resamples - 1))])
