"""The average table computed a row at a time holds the same numbers as the dense matrices that
``merge_average_link`` kept before (issue 18), through blocks and merges."""

import random

import numpy as np

from newsbrief.cluster.averages import AverageTable
from newsbrief.cluster.batch import _centroid_dots


def _centroids(n: int, seed: int = 0) -> list[dict[str, float]]:
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(30)]  # few words: most pairs of stories share some
    return [{t: rng.uniform(0.1, 2.0) for t in rng.sample(vocabulary, rng.randint(1, 8))} for _ in range(n)]


class _Dense:
    """The dense matrices and updates merge_average_link used to hold."""

    def __init__(self, centroids, sizes):
        self.dots = _centroid_dots(centroids)
        self.sizes = np.array(sizes, dtype=float)
        self.average = self.dots / np.outer(self.sizes, self.sizes)
        np.fill_diagonal(self.average, -np.inf)

    def block(self, i, j):
        self.average[i, j] = self.average[j, i] = -np.inf

    def merge(self, i, j):
        self.dots[i] += self.dots[j]
        self.dots[:, i] = self.dots[i]
        self.sizes[i] += self.sizes[j]
        blocked = np.isneginf(self.average[i]) | np.isneginf(self.average[j])
        self.average[i] = np.where(blocked, -np.inf, self.dots[i] / (self.sizes[i] * self.sizes))
        self.average[j] = -np.inf
        self.average[:, j] = -np.inf
        self.average[i, i] = -np.inf
        self.average[:, i] = self.average[i]


def test_rows_and_maxima_match_the_dense_matrix_bit_for_bit():
    centroids = _centroids(14)
    sizes = [1 + k % 4 for k in range(14)]
    table, dense = AverageTable(centroids, sizes), _Dense(centroids, sizes)
    steps = [("block", 2, 5), ("merge", 1, 3), ("merge", 0, 7), ("block", 0, 4), ("merge", 4, 9),
             ("merge", 2, 4), ("merge", 0, 1), ("block", 6, 12), ("merge", 11, 13), ("merge", 0, 2)]
    for step, i, j in [(None, 0, 0)] + steps:
        if step == "block":
            table.block(i, j)
            dense.block(i, j)
        elif step == "merge":
            column = table.merge(i, j)
            dense.merge(i, j)
            assert np.array_equal(column, dense.average[:, i])
        assert np.array_equal(table.rows(np.arange(14)), dense.average), step
        assert np.array_equal(table.best, dense.average.max(axis=1))
        assert np.array_equal(table.best_at, np.argmax(dense.average, axis=1))
