import numpy as np

from newsbrief.summarize.select import select


def test_budget_is_never_exceeded_and_best_cover_is_found():
    # sentence 0 alone is the greedy's best ratio, but 1 + 2 together cover more.
    concepts = [[0, 1], [0, 2, 3], [1, 4, 5]]
    lengths = [5, 6, 6]
    weights = np.array([3.0, 3.0, 2.0, 2.0, 2.0, 2.0])
    chosen = select(concepts, lengths, weights, budget=12)
    assert chosen == [1, 2]
    assert sum(lengths[i] for i in chosen) <= 12


def test_a_concept_is_paid_once():
    concepts = [[0], [0], [1]]
    chosen = select(concepts, [3, 3, 3], np.array([5.0, 1.0]), budget=6)
    assert chosen in ([0, 2], [1, 2])


def test_redundant_pairs_are_never_both_chosen():
    concepts = [[0, 1], [2, 3], [4]]
    chosen = select(concepts, [4, 4, 4], np.array([1.0, 1.0, 1.0, 1.0, 0.5]), budget=12, redundant=[(0, 1)])
    assert not {0, 1} <= set(chosen)
    assert 2 in chosen


def test_nothing_fits():
    assert select([[0]], [30], np.array([1.0]), budget=10) == []
    assert select([], [], np.array([]), budget=10) == []
