"""Pick the sentences that cover the most concept weight within the word budget.

The objective is the one of Gillick & Favre's concept ILP (2009):

    maximize   sum_j w_j [concept j covered]
    subject to sum_i len_i s_i <= budget      (the word budget, strictly)
               s_i + s_k <= 1                 (no two sentences saying the same thing)

Each concept is paid once however many sentences repeat it, which is what keeps
redundancy out. Solving it exactly (``scipy.optimize.milp``) takes HiGHS up to
seconds on 25-article stories at 250 words, and a time limit would make the
summary depend on the machine's load. So it is solved approximately and
deterministically: the cost-scaled greedy of Lin & Bilmes (2010), which is
within a constant factor of the optimum for this monotone submodular
objective, followed by a local search that drops one or two sentences and refills the
room greedily while the covered weight grows. On the development sets it matches
the exact ILP's ROUGE within noise at a few milliseconds per story.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Lin & Bilmes' cost scaling: gain / length**r. r < 1 stops the greedy from
# favouring very short sentences whose gain per word is high only by accident;
# 0.3 is the value their DUC experiments settled on.
COST_EXPONENT = 0.3
# Local search passes; each pass tries every (chosen, other) swap once. It
# converges in 1-3 passes on the development sets.
MAX_PASSES = 5
# Refill the freed room with these cost exponents: by weight per word (1), the
# greedy's own scaling, and by raw weight (0), which favours one long rich sentence.
REFILL_EXPONENTS = (1.0, COST_EXPONENT, 0.0)


def select(
    concepts: Sequence[Sequence[int]],
    lengths: Sequence[int],
    weights: np.ndarray,
    budget: int,
    redundant: Sequence[tuple[int, int]] = (),
    fixed: Sequence[int] = (),
) -> list[int]:
    """Indices (ascending) of the chosen sentences.

    ``concepts[i]`` lists the concept indices sentence ``i`` covers and
    ``weights[j]`` the value of concept ``j``; the sentences in ``fixed`` are
    chosen first and never dropped.
    """
    n = len(concepts)
    if n == 0:
        return []
    problem = _Problem(concepts, lengths, weights, budget, redundant)
    chosen = problem.greedy(list(fixed))
    chosen = problem.improve(chosen, len(fixed))
    return sorted(chosen)


class _Problem:
    """Incidence matrix and constraints of one selection problem."""

    def __init__(self, concepts, lengths, weights, budget, redundant) -> None:
        n, m = len(concepts), len(weights)
        self.incidence = np.zeros((n, m), dtype=float)
        for i, covered in enumerate(concepts):
            self.incidence[i, list(covered)] = 1.0
        self.lengths = np.asarray(lengths, dtype=float)
        self.weights = np.asarray(weights, dtype=float)
        self.budget = float(budget)
        self.conflicts = np.zeros((n, n), dtype=bool)
        for a, b in redundant:
            self.conflicts[a, b] = self.conflicts[b, a] = True
        self.covers = self.incidence > 0  # (the greedy's masks, computed once)
        self.compatible = ~self.conflicts
        self._scales: dict[float, np.ndarray] = {}

    def value(self, chosen: Sequence[int]) -> float:
        if not chosen:
            return 0.0
        covered = self.incidence[list(chosen)].sum(axis=0) > 0
        return float(self.weights[covered].sum())

    def gains(self, chosen: Sequence[int]) -> np.ndarray:
        """Weight each sentence would add to ``chosen``."""
        if chosen:
            uncovered = self.incidence[list(chosen)].sum(axis=0) == 0
        else:
            uncovered = np.ones(len(self.weights), dtype=bool)
        return self.incidence @ (self.weights * uncovered)

    def allowed(self, chosen: Sequence[int], room: float) -> np.ndarray:
        """Sentences that fit in ``room`` words and clash with none of ``chosen``."""
        ok = self.lengths <= room
        if chosen:
            ok &= ~self.conflicts[list(chosen)].any(axis=0)
            ok[list(chosen)] = False
        return ok

    def greedy(self, chosen: Sequence[int] = (), exponent: float = COST_EXPONENT) -> list[int]:
        """Add sentences by gain / length**exponent until none fits or adds weight.

        What is covered and what clashes are kept up to date as sentences are added
        (the same masks ``gains`` and ``allowed`` compute from scratch); the weight left
        uncovered is the concept weights with the covered ones set to 0 (``weights * ~covered``
        holds the same values), so each step is one product and a few masks."""
        chosen = list(chosen)
        used = float(self.lengths[chosen].sum()) if chosen else 0.0
        left = self.weights.copy()  # the weight of each concept not yet covered
        if chosen:
            left[self.covers[chosen].any(axis=0)] = 0.0
        open_ = ~self.conflicts[chosen].any(axis=0) if chosen else np.ones(len(self.lengths), dtype=bool)
        open_[chosen] = False
        scale = self._scale(exponent)
        while True:
            gain = self.incidence @ left
            ok = open_ & (self.lengths <= self.budget - used) & (gain > 1e-12)
            if not ok.any():
                return chosen
            best = int(np.argmax(np.where(ok, gain / scale, -np.inf)))
            chosen.append(best)
            used += self.lengths[best]
            left[self.covers[best]] = 0.0
            open_ &= self.compatible[best]
            open_[best] = False

    def _scale(self, exponent: float) -> np.ndarray:
        """length**exponent of each sentence (at least 1 word), computed once per exponent."""
        scale = self._scales.get(exponent)
        if scale is None:
            scale = self._scales[exponent] = np.maximum(self.lengths, 1.0) ** exponent
        return scale

    def improve(self, chosen: list[int], fixed: int = 0) -> list[int]:
        """Drop one or two sentences (past the first ``fixed``) and refill greedily, while the covered weight grows.

        A pass may drop down to a set an earlier pass refilled already: the refill and its
        value are looked up, not computed again (the greedy is deterministic)."""
        current = self.value(chosen)
        refills: dict[tuple[tuple[int, ...], float], tuple[list[int], float]] = {}
        for _ in range(MAX_PASSES):
            best = None
            for rest in _without_one_or_two(chosen, fixed):
                for exponent in REFILL_EXPONENTS:
                    key = (tuple(rest), exponent)
                    if key not in refills:
                        refilled = self.greedy(rest, exponent)
                        refills[key] = (refilled, self.value(refilled))
                    refilled, value = refills[key]
                    if value > current + 1e-9 and (best is None or value > best[1]):
                        best = (refilled, value)
            if best is None:
                return chosen
            chosen, current = best
        return chosen


def _without_one_or_two(chosen: list[int], fixed: int = 0):
    for a in range(fixed, len(chosen)):
        yield chosen[:a] + chosen[a + 1 :]
        for b in range(a + 1, len(chosen)):
            yield [c for k, c in enumerate(chosen) if k not in (a, b)]
