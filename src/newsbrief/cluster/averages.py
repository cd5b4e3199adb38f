"""The stories x stories table of average cosines that ``batch.merge_average_link`` agglomerates
on, without holding it.

The table was a dense matrix (with a second one of centroid dot products): after the online pass
a batch has about one story per six articles, and the dot products of centroid sums are mostly
non-zero (83% of the pairs at 10,023 resampled articles), so at 200,003 articles each matrix took
~7 GB and the process was killed at 24 GB (issue 18). The merge loop only ever reads each row's
maximum and where it is, and the row of a merged story. So a row is computed when needed from
the sparse centroid sums, and only the rows of stories made by a merge are kept:

    row      one row of the sparse product ``words @ words.T`` sums the same products in the same
             order as that row of the whole product, so a row computed alone holds the numbers
             the dense matrix held; a merged story's dot products are the sum of its two parts'
             rows, kept as the dense loop kept them (and written into the other kept rows as
             its column)
    average  dot product / (size x size), as the dense loop divided
    masked   -inf on the story itself, stories merged away and pairs found too far apart in time
             (a merged story inherits both parts' blocked pairs)
    maxima   every row's maximum and its first column, updated after a merge from the merged
             story's column; a row whose maximum was in the merged pair is computed again

Memory: the sparse centroids, a block of rows, the blocked pairs and one row per merged story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from . import topics

# Dense cells computed at once when rows are refreshed (8 MB of float64 per million).
BLOCK_CELLS = 1 << 23


class AverageTable:
    """Average cosines between stories (centroid sums of unit article vectors, and sizes):
    ``best[k]`` is row k's maximum and ``best_at[k]`` its first column (-inf and 0 when the row
    has nothing left, as ``numpy.argmax`` gives for a row of -inf)."""

    def __init__(self, centroids: Sequence[Mapping[str, float]], sizes: Sequence[float]) -> None:
        import numpy as np

        self._words = topics.sparse_rows(centroids)
        self._words_t = self._words.T.tocsr()  # what ``csr @ csr.T`` converts the right side to
        self.sizes = np.array(sizes, dtype=float)
        self._alive = np.ones(len(self.sizes), dtype=bool)
        self._blocked: dict[int, set[int]] = defaultdict(set)
        self._merged: dict[int, np.ndarray] = {}  # story -> its dot-product row, once it took in another
        self.best = np.full(len(self.sizes), -np.inf)
        self.best_at = np.zeros(len(self.sizes), dtype=np.intp)
        self._refresh(np.arange(len(self.sizes)))

    def rows(self, rows):
        """The averages of the stories at ``rows`` with every story (len(rows) x stories), masked."""
        import numpy as np

        averages = self._dots(rows) / (self.sizes[rows][:, None] * self.sizes[None, :])
        averages[np.arange(len(rows)), rows] = -np.inf
        averages[:, ~self._alive] = -np.inf
        averages[~self._alive[rows]] = -np.inf  # a story merged away has no row left
        for position, story in enumerate(rows):
            if self._blocked.get(story):
                averages[position, list(self._blocked[story])] = -np.inf
        return averages

    def block(self, i: int, j: int) -> None:
        """Never merge stories i and j (too far apart in time)."""
        self._blocked[i].add(j)
        self._blocked[j].add(i)
        for row, other in ((i, j), (j, i)):
            if self.best_at[row] == other:  # elsewhere the row's maximum did not move
                self._refresh([row])

    def merge(self, i: int, j: int):
        """Story j joins story i; returns i's new averages (its row, and its column: the table is
        symmetric)."""

        dots = self._dots([i, j])
        joined = dots[0] + dots[1]
        self.sizes[i] += self.sizes[j]
        self._alive[j] = False
        self._merged.pop(j, None)
        for story, row in self._merged.items():
            row[i] = joined[story]
        self._merged[i] = joined
        for other in self._blocked.pop(j, set()):
            self._blocked[other].discard(j)
            self._blocked[other].add(i)
            self._blocked[i].add(other)
        column = self.rows([i])[0]
        self._update_maxima(i, j, column)
        return column

    def _update_maxima(self, i: int, j: int, column) -> None:
        """Only column i (new averages) and column j (gone) changed in the other rows."""
        import numpy as np

        lost = np.flatnonzero(((self.best_at == i) | (self.best_at == j)) & self._alive)
        gains = (column > self.best) | ((column == self.best) & (i < self.best_at))
        self.best[gains] = column[gains]
        self.best_at[gains] = i
        self.best[i], self.best_at[i] = column.max(), int(np.argmax(column))
        self.best[j], self.best_at[j] = -np.inf, 0
        self._refresh(lost[lost != i])

    def _refresh(self, rows) -> None:
        import numpy as np

        rows = np.asarray(rows, dtype=np.intp)
        step = max(1, BLOCK_CELLS // max(1, len(self.sizes)))
        for start in range(0, len(rows), step):
            part = rows[start:start + step]
            averages = self.rows(part)
            self.best[part] = averages.max(axis=1)
            self.best_at[part] = np.argmax(averages, axis=1)

    def _dots(self, rows):
        """Dot products of the stories at ``rows`` with every story: the centroids' product, the
        kept rows of merged stories in place (as their rows and as their columns)."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.intp)
        dots = (self._words[rows] @ self._words_t).toarray()
        if self._merged:
            merged = np.fromiter(self._merged, dtype=np.intp, count=len(self._merged))
            dots[:, merged] = np.stack([self._merged[story][rows] for story in merged], axis=1)
            for position, story in enumerate(rows.tolist()):
                if story in self._merged:
                    dots[position] = self._merged[story]
        return dots
