"""The blocking graph cut on the driver (``spark.partition``): the rules of the DataFrame cut
(tests/spark/test_cut.py, same cases and answers), on arrays, without Spark."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from newsbrief.spark import blocking
from newsbrief.spark.partition import BlockGraph, components, cut


def graph(dated: dict[str, str | None], edges: list[tuple[str, str, float]], copies: list[tuple[str, str]]) -> BlockGraph:
    """Articles numbered in (date, id) order, as ``partition.collect`` numbers them; a copy edge
    (score 1.0) between each copy and its original, as the job adds them."""
    ids = sorted(dated, key=lambda i: (dated[i] or "", i))
    number = {i: n for n, i in enumerate(ids)}
    edges = edges + [(o, c, 1.0) for c, o in copies]
    original = np.arange(len(ids), dtype=np.int32)
    for copy, of in copies:
        original[number[copy]] = number[of]
    return BlockGraph(np.array(ids, dtype=object), np.array([number[a] for a, _, _ in edges], dtype=np.int32),
                      np.array([number[b] for _, b, _ in edges], dtype=np.int32),
                      np.array([s for _, _, s in edges], dtype=np.float32), original)


def blocks(dated, edges, copies, cap, ladder=blocking.CUT_LADDER) -> dict[str, str]:
    g = graph(dated, edges, copies)
    found = cut(g, cap, ladder)
    return dict(zip(g.ids.tolist(), g.ids[found].tolist()))


def test_components_are_named_after_their_earliest_article():
    assert components(5, np.array([3, 1], dtype=np.int32), np.array([4, 2], dtype=np.int32)).tolist() == [0, 1, 1, 3, 3]
    assert components(0, np.array([], dtype=np.int32), np.array([], dtype=np.int32)).tolist() == []


def test_weak_links_are_cut_first():
    dated = {i: f"2024-03-0{n}" for n, i in enumerate("abcdef", start=1)}
    edges = [("a", "b", 0.3), ("b", "c", 0.25), ("a", "c", 0.2), ("c", "d", 0.015), ("d", "e", 0.3), ("e", "f", 0.05)]
    assert blocks(dated, edges, [], cap=3) == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d", "f": "d"}
    assert set(blocks(dated, edges, [], cap=6).values()) == {"a"}


def test_small_pieces_are_packed_back_under_the_cap():
    dated = {f"x{i}": f"2024-03-0{i + 1}" for i in range(8)}
    edges = [("x0", f"x{i}", 0.015) for i in range(1, 8)] + [("x3", "x4", 0.5)]
    found = blocks(dated, edges, [], cap=4)
    assert found == {"x0": "x0", "x1": "x0", "x2": "x0", "x3": "x3", "x4": "x3", "x5": "x5", "x6": "x5", "x7": "x5"}


def test_what_no_bar_cuts_is_cut_in_time_keeping_copies_whole():
    ids = [f"n{i}" for i in range(9)]
    dated = {i: f"2024-03-0{n + 1}" for n, i in enumerate(ids)} | {"n2-copy": "2024-03-09"}
    edges = [("n0", b, 0.9) for b in ids[1:]]
    ladder = (blocking.CUT_LADDER[0], blocking.CUT_LADDER[-1])
    first = blocks(dated, edges, [("n2-copy", "n2")], cap=3, ladder=ladder)
    runs = {"n0": ["n0", "n1"], "n2": ["n2", "n2-copy"], "n3": ["n3", "n4"], "n5": ["n5", "n6"], "n7": ["n7", "n8"]}
    assert first == {i: block for block, members in runs.items() for i in members}
    assert blocks(dated, list(reversed(edges)), [("n2-copy", "n2")], cap=3, ladder=ladder) == first


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_keep_every_block_under_the_cap(seed):
    """Chains of stories sharing weak links, like the blocking graph of a year of news:
    every block under the cap, and the strong links (a story's) are never cut when the
    stories fit."""
    rng = np.random.default_rng(seed)
    story_of = rng.integers(0, 40, size=600)
    dated = {f"a{n:03d}": f"2024-{1 + n // 60:02d}-{1 + n % 28:02d}" for n in range(600)}
    ids = list(dated)
    edges = []
    for n in range(600):
        mates = np.flatnonzero(story_of == story_of[n])
        edges += [(ids[n], ids[int(m)], 0.5) for m in rng.choice(mates, size=2)]  # the story's own links
        edges += [(ids[n], ids[int(m)], 0.012) for m in rng.integers(0, 600, size=3)]  # everyone's words
    found = blocks(dated, edges, [], cap=60)
    sizes = Counter(found.values())
    assert max(sizes.values()) <= 60 and sum(sizes.values()) == 600
    story_blocks = Counter((int(story_of[n]), found[ids[n]]) for n in range(600))
    whole = sum(1 for s in set(story_of.tolist()) if sum(1 for (t, _) in story_blocks if t == s) == 1)
    assert whole >= 0.8 * len(set(story_of.tolist()))
