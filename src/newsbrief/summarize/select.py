"""Pick the sentences that cover the most concept weight within the word budget.

The integer linear program of Gillick & Favre (2009):

    maximize   sum_j w_j c_j  +  sum_i p_i s_i
    subject to c_j <= sum_{i covers j} s_i     (a concept counts once it is covered)
               sum_i len_i s_i <= budget       (the word budget, strictly)
               s_i + s_k <= 1                  (no two sentences saying the same thing)
               s_i in {0, 1}, 0 <= c_j <= 1

Each concept is paid once however many sentences repeat it, which is what keeps
redundancy out. Solved by HiGHS through ``scipy.optimize.milp`` with a time
limit; if the solver gives no solution a greedy weight-per-word pick is used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Seconds HiGHS may spend on one story; stories here solve in milliseconds, the
# cap only guards the 0.5 s per story target against a pathological input.
TIME_LIMIT = 0.25


def select(
    concepts: Sequence[Sequence[int]],
    lengths: Sequence[int],
    weights: np.ndarray,
    budget: int,
    redundant: Sequence[tuple[int, int]] = (),
    prior: np.ndarray | None = None,
) -> list[int]:
    """Indices of the chosen sentences.

    ``concepts[i]`` lists the concept indices sentence ``i`` covers, ``weights[j]``
    the value of concept ``j``, ``prior[i]`` an optional bonus for sentence ``i``.
    """
    n = len(concepts)
    if n == 0:
        return []
    prior = np.zeros(n) if prior is None else np.asarray(prior, dtype=float)
    fits = [i for i in range(n) if lengths[i] <= budget]
    if not fits:
        return []
    chosen = _solve(concepts, lengths, weights, budget, redundant, prior, fits)
    if chosen is None:
        chosen = greedy(concepts, lengths, weights, budget, redundant, prior)
    return sorted(chosen)


def _solve(concepts, lengths, weights, budget, redundant, prior, fits) -> list[int] | None:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix, vstack

    n, m = len(concepts), len(weights)
    rows, cols = [], []
    for i, covered in enumerate(concepts):
        rows.extend(covered)
        cols.extend([i] * len(covered))
    occurrence = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(m, n))
    identity = coo_matrix((np.ones(m), (np.arange(m), np.arange(m))), shape=(m, m))
    # c_j - sum_i s_i <= 0
    cover = _hstack(-occurrence, identity)
    length = _hstack(coo_matrix(np.asarray(lengths, dtype=float)[None, :]), coo_matrix((1, m)))
    blocks = [cover, length]
    upper = [np.zeros(m), np.array([float(budget)])]
    if redundant:
        pr = np.repeat(np.arange(len(redundant)), 2)
        pc = np.asarray(redundant, dtype=int).ravel()
        pairs = coo_matrix((np.ones(len(pc)), (pr, pc)), shape=(len(redundant), n))
        blocks.append(_hstack(pairs, coo_matrix((len(redundant), m))))
        upper.append(np.ones(len(redundant)))
    matrix = vstack(blocks).tocsr()
    constraint = LinearConstraint(matrix, -np.inf, np.concatenate(upper))
    objective = -np.concatenate([prior, np.asarray(weights, dtype=float)])
    high = np.zeros(n + m)
    high[fits] = 1.0
    high[n:] = 1.0
    integrality = np.concatenate([np.ones(n), np.zeros(m)])
    result = milp(
        objective,
        constraints=constraint,
        integrality=integrality,
        bounds=Bounds(np.zeros(n + m), high),
        options={"time_limit": TIME_LIMIT, "disp": False},
    )
    if result.x is None:
        return None
    return [i for i in range(n) if result.x[i] > 0.5]


def _hstack(left, right):
    from scipy.sparse import hstack

    return hstack([left, right])


def greedy(concepts, lengths, weights, budget, redundant, prior) -> list[int]:
    """Repeatedly add the sentence with the most new weight per word that still fits."""
    blocked: dict[int, set[int]] = {}
    for a, b in redundant:
        blocked.setdefault(a, set()).add(b)
        blocked.setdefault(b, set()).add(a)
    covered: set[int] = set()
    chosen: list[int] = []
    used = 0
    while True:
        best, best_gain = None, 0.0
        for i, sentence_concepts in enumerate(concepts):
            if i in chosen or used + lengths[i] > budget or blocked.get(i, set()) & set(chosen):
                continue
            gain = sum(weights[j] for j in set(sentence_concepts) - covered) + prior[i]
            if gain / max(lengths[i], 1) > best_gain:
                best, best_gain = i, gain / max(lengths[i], 1)
        if best is None:
            return chosen
        chosen.append(best)
        covered.update(concepts[best])
        used += lengths[best]
