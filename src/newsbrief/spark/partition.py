"""The blocking graph cut into blocks on the driver, in numpy and scipy.

Blocking (blocking.py) links far more than stories, so above ``topics.MAX_ARTICLES``
articles its graph is one giant component that must be cut under the block cap.
Cut with DataFrames, every rung of the cut is a label propagation over all the
edges, one Spark job per round: 159 rounds at 50,000 articles, about 100 s a round
over the 32 M edges of 200,000 (docs/scaling.md, "Measured at scale"). The same cut
over arrays takes seconds: an edge is 12 bytes here (two int32 article numbers and a
float32 score), so 32 M edges are ~400 MB, and scipy labels the components of such a
graph in about a second. Inputs whose graph is larger than ``DRIVER_EDGES`` keep the
DataFrame cut (``blocking.cut_oversize``), whose memory is the cluster's.

    collect      articles numbered in the library's (date, id) order, edges as arrays
    cut          components; a component over the cap keeps its edges of at least the next
                 rung of ``CUT_LADDER`` and is labelled again, rung after rung; what is still
                 over the cap is cut into runs in time, copy groups whole; the pieces of a cut
                 component are packed into blocks of up to the cap (``pack``)

The rules are ``blocking.cut_oversize``'s, so both give the same blocks (tests/spark/test_partition.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Edges up to which the graph is cut on the driver: ~12 bytes each as arrays, a few times
# that while scipy builds its sparse matrices (~5 GB of driver memory at 100 M edges).
DRIVER_EDGES = 100_000_000


@dataclass(frozen=True)
class BlockGraph:
    """The blocking graph as arrays: article ``i`` is ``ids[i]``, numbered in (date, id) order,
    so a smaller number is an earlier article; ``original[i]`` is the number of the article
    ``i`` is a near-duplicate of, or ``i`` itself."""

    ids: np.ndarray  # object array of article ids
    src: np.ndarray  # int32
    dst: np.ndarray  # int32
    score: np.ndarray  # float32
    original: np.ndarray  # int32

    @property
    def size(self) -> int:
        return len(self.ids)


def collect(spark: SparkSession, keys: DataFrame, edges: DataFrame, copies: DataFrame) -> BlockGraph:
    """The graph of ``edges`` (src, dst, cosine) over the articles of ``keys`` (id, key), and the
    ``copies`` (id, original), brought to the driver as numbered arrays."""
    from pyspark.sql import functions as F

    spark.sparkContext.setJobDescription("newsbrief block: the blocking graph to the driver")
    ordered = keys.orderBy("key").select("id").toPandas()["id"].to_numpy(dtype=object)
    numbers = spark.createDataFrame([(str(i), n) for n, i in enumerate(ordered)], "id string, n int")
    numbered = F.broadcast(numbers)
    pairs = (
        edges.join(numbered.withColumnRenamed("id", "src").withColumnRenamed("n", "a"), "src")
        .join(numbered.withColumnRenamed("id", "dst").withColumnRenamed("n", "b"), "dst")
        .select("a", "b", F.col("cosine").cast("float").alias("score"))
    ).toArrow()
    original = np.arange(len(ordered), dtype=np.int32)
    copied = copies.join(numbered, "id").join(numbered.withColumnRenamed("id", "original").withColumnRenamed("n", "o"),
                                               "original").select("n", "o").toArrow()
    original[copied.column("n").to_numpy()] = copied.column("o").to_numpy()
    return BlockGraph(ordered, _int32(pairs.column("a")), _int32(pairs.column("b")),
                      pairs.column("score").to_numpy().astype(np.float32), original)


def _int32(column) -> np.ndarray:
    return column.to_numpy().astype(np.int32, copy=False)


def blocks_frame(spark: SparkSession, graph: BlockGraph, block: np.ndarray) -> DataFrame:
    """(id, block) of every article, a block named after its earliest article."""
    rows = list(zip(graph.ids.tolist(), graph.ids[block].tolist()))
    return spark.createDataFrame(rows, "id string, block string")


# --------------------------------------------------------------------------- the cut


def cut(graph: BlockGraph, cap: int, ladder: tuple[float, ...]) -> np.ndarray:
    """Each article's block (the number of its earliest article), every block at most ``cap``
    articles unless one copy group alone is larger; ``blocking.cut_oversize``'s rules."""
    label = components(graph.size, graph.src, graph.dst)
    root = label.copy()  # the component an article was in before any cut
    was_cut = _over(label, cap)
    for bar in ladder:
        big = _over(label, cap)
        if not big.any():
            break
        keep = big[graph.src] & big[graph.dst] & (graph.score >= bar)
        relabelled = components(graph.size, graph.src[keep], graph.dst[keep])
        label = np.where(big, relabelled, label)
    big = _over(label, cap)
    if big.any():
        label = np.where(big, time_chunks(label, big, graph.original, cap), label)
    return pack(label, root, was_cut, cap)


def components(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Each of ``n`` articles labelled with the smallest number in its connected component."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    matrix = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n)).tocsr()
    _, found = connected_components(matrix, directed=True, connection="weak")
    smallest = np.full(found.max() + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(smallest, found, np.arange(n))
    return smallest[found].astype(np.int32)


def _over(label: np.ndarray, cap: int) -> np.ndarray:
    """Which articles are in a group of more than ``cap`` (groups named by label)."""
    sizes = np.bincount(label, minlength=len(label))
    return sizes[label] > cap


def time_chunks(label: np.ndarray, big: np.ndarray, original: np.ndarray, cap: int) -> np.ndarray:
    """The last resort: each group of ``big`` articles cut into runs in time of at most ``cap``,
    a copy group never split; a run is named after its earliest copy group."""
    chunk = label.copy()
    members = np.flatnonzero(big)
    for group in np.unique(label[members]):
        inside = members[label[members] == group]
        heads = original[inside]  # a copy group is one unit, named after its earliest article
        units, unit_size = np.unique(heads, return_counts=True)  # sorted: in time
        room = max(cap - int(unit_size.max()) + 1, 1)
        start = np.concatenate(([0], np.cumsum(unit_size)[:-1]))
        run = start // room
        first_unit = units[np.searchsorted(run, run)]  # the earliest unit of each unit's run
        chunk[inside] = first_unit[np.searchsorted(units, heads)]
    return chunk


def pack(piece: np.ndarray, root: np.ndarray, was_cut: np.ndarray, cap: int) -> np.ndarray:
    """The pieces of each cut component (``was_cut``: its articles) laid end to end in time (by their earliest article) and
    cut every ``cap`` articles: a piece wholly inside one stretch joins the stretch's block
    (named after its earliest piece), a piece across a boundary stays a block of its own.
    Components that were not cut keep their label."""
    block = piece.copy()
    cut_articles = np.flatnonzero(was_cut)
    pieces_of = {}
    for name in np.unique(piece[cut_articles]):
        pieces_of.setdefault(int(root[name]), []).append(int(name))
    sizes = np.bincount(piece, minlength=len(piece))
    renamed = {}
    for names in pieces_of.values():
        start = 0
        first_in_stretch: dict[int, int] = {}
        for name in sorted(names):
            size = int(sizes[name])
            first, last = start // cap, (start + size - 1) // cap
            if first == last:
                renamed[name] = first_in_stretch.setdefault(first, name)
            start += size
    if renamed:
        lookup = np.arange(len(piece), dtype=np.int32)
        for name, target in renamed.items():
            lookup[name] = target
        block[cut_articles] = lookup[piece[cut_articles]]
    return block
