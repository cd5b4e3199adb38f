"""The distributed cut of oversize blocking components (``blocking.cut_oversize``) on a real local[2] session."""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = [pytest.mark.spark]


def graph(spark, dated: dict[str, str | None], edges: list[tuple[str, str, float]], copies: list[tuple[str, str]],
          component_of: dict[str, str] | None = None):
    """(keys, components, edges, copies) frames: the starting components ``component_of`` gives
    (article -> component), else one holding every article, named after its earliest (as
    ``graph.connected_components`` names components)."""
    from newsbrief.spark.graph import order_keys

    articles = spark.createDataFrame(list(dated.items()), "id string, date string")
    keys = order_keys(articles)
    earliest = min(dated, key=lambda i: (dated[i] or "", i))
    component_of = component_of or {i: earliest for i in dated}
    components = spark.createDataFrame(list(component_of.items()), "id string, component_id string")
    edge_frame = spark.createDataFrame(edges + [(o, c, 1.0) for c, o in copies], "src string, dst string, cosine double")
    copy_frame = spark.createDataFrame(copies or [("-", "-")], "id string, original string").where("id != '-'")
    return keys, components, edge_frame, copy_frame


def cut(spark, dated, edges, copies, cap, component_of=None) -> dict[str, str]:
    from newsbrief.spark.blocking import cut_oversize

    keys, components, edge_frame, copy_frame = graph(spark, dated, edges, copies, component_of)
    rows = cut_oversize(spark, keys, components, edge_frame, copy_frame, cap).collect()
    blocks = {row["id"]: row["block"] for row in rows}
    assert len(blocks) == len(rows) == len(dated)  # every article in exactly one block
    return blocks


def test_weak_links_are_cut_first_and_small_pieces_packed_back_under_the_cap(spark):
    # Two starting components, cut in one run (each Spark run of the ladder costs tens of seconds):
    # - two tight triangles joined by one weak link (0.015, under the first rung 0.02): the cut
    #   takes that link only, and the two triangles (3 + 3 over the cap of 4) pack as two blocks;
    # - a hub weakly linked (0.015) to 7 leaves, one leaf pair strongly linked: the first rung
    #   leaves 7 pieces, packed end to end into blocks of at most 4 (x0-x2, x3+x4 alone across
    #   the boundary at 4, x5-x7): pieces in time order, a piece packed whole.
    triangles = {i: f"2024-03-0{n}" for n, i in enumerate("abcdef", start=1)}
    hub = {f"x{i}": f"2024-04-0{i + 1}" for i in range(8)}
    edges = [("a", "b", 0.3), ("b", "c", 0.25), ("a", "c", 0.2), ("c", "d", 0.015), ("d", "e", 0.3), ("e", "f", 0.05)]
    edges += [("x0", f"x{i}", 0.015) for i in range(1, 8)] + [("x3", "x4", 0.5)]
    component_of = {i: "a" for i in triangles} | {i: "x0" for i in hub}
    blocks = cut(spark, triangles | hub, edges, [], cap=4, component_of=component_of)
    assert {i: blocks[i] for i in triangles} == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d", "f": "d"}
    sizes = Counter(blocks[i] for i in hub)
    assert max(sizes.values()) <= 4 and len(sizes) < 7
    assert {i: blocks[i] for i in hub} == {"x0": "x0", "x1": "x0", "x2": "x0", "x3": "x3", "x4": "x3", "x5": "x5",
                                           "x6": "x5", "x7": "x5"}
    assert all(block == min(i for i in blocks if blocks[i] == block) for block in sizes)  # named after the earliest


def test_what_no_bar_cuts_is_cut_in_time_keeping_copies_whole(spark, monkeypatch):
    # 9 articles over 9 days, every one strongly linked (above every rung) to the first, and
    # a copy of the 3rd article published on the last day: only the time cut can bring it
    # under 3. A star, not a chain: label propagation settles in two rounds a rung, where a
    # chain of 9 takes nine; the time cut does not look at the edges. Two rungs, the ladder's
    # first and last: every rung costs a labelling of its own (~50 Spark jobs), and what is
    # tested is what happens after the last one (the real-text test below climbs the ladder).
    from newsbrief.spark import blocking

    monkeypatch.setattr(blocking, "CUT_LADDER", (blocking.CUT_LADDER[0], blocking.CUT_LADDER[-1]))
    ids = [f"n{i}" for i in range(9)]
    dated = {i: f"2024-03-0{n + 1}" for n, i in enumerate(ids)} | {"n2-copy": "2024-03-09"}
    edges = [("n0", b, 0.9) for b in ids[1:]]
    assert min(cosine for _, _, cosine in edges) > max(blocking.CUT_LADDER)
    first = cut(spark, dated, edges, [("n2-copy", "n2")], cap=3)
    sizes = Counter(first.values())
    assert max(sizes.values()) <= 3 and sum(sizes.values()) == 10
    assert first["n2-copy"] == first["n2"]
    assert first["n0"] == "n0" and first["n1"] == "n0"  # consecutive runs in time, named after their earliest
    runs = {"n0": ["n0", "n1"], "n2": ["n2", "n2-copy"], "n3": ["n3", "n4"], "n5": ["n5", "n6"], "n7": ["n7", "n8"]}
    assert first == {i: block for block, members in runs.items() for i in members}


@pytest.mark.slow
def test_small_cap_on_real_text_is_deterministic(spark, small_cap_run, tmp_path):
    """The whole job twice with a cap that forces cutting, the first time cut on the driver
    (partition.py), the second with DataFrames (as a graph over ``--driver-edges`` is) from
    Parquet rows to Parquet: same blocks, each under the cap, copies with originals."""
    from spark_inputs import SMALL_CAP, run_small_cap

    again = run_small_cap(spark, tmp_path, parquet=True, driver_edges=0)
    assert again[0].skipped == 0 and again[0].failed == 1  # the same story fails, whatever the format
    runs = [{i: (row["block"], row["story_id"]) for i, row in rows.items()} for _, rows, _ in (small_cap_run, again)]
    assert runs[0] == runs[1]
    sizes = Counter(block for block, _ in runs[0].values())
    assert max(sizes.values()) <= SMALL_CAP and len(sizes) >= 3
    assert runs[0]["marathon-2-repost"][0] == runs[0]["marathon-2"][0]


def test_a_long_posting_list_links_every_article_to_its_heaviest(spark):
    """Past ``max_postings`` a term is not dropped (the largest stories would lose their links):
    every article of its list meets the list's ``heads`` heaviest, and no other article of it."""
    from newsbrief.spark.blocking import similar_pairs

    storm = [(f"s{i}", "storm", round(0.6 - 0.1 * i, 1)) for i in range(6)]  # 6 postings: over a cap of 3
    quake = [("q0", "quake", 0.5), ("q1", "quake", 0.4)]  # 2 postings: every pair
    rows = [(i, term, w, "2024-03-01", 0, 0) for i, term, w in storm + quake]
    top = spark.createDataFrame(rows, "id string, term string, w double, date string, home int, bucket int")
    pairs = {(r.src, r.dst): round(r.cosine, 3) for r in similar_pairs(top, None, 0.01, max_postings=3, heads=2).collect()}
    weight = {i: w for i, _, w in storm}
    tails = [f"s{i}" for i in range(2, 6)]
    expected = {("s0", "s1"): 0.3, ("q0", "q1"): 0.2}
    expected |= {(h, t): round(weight[h] * weight[t], 3) for t in tails for h in ("s0", "s1")}
    assert pairs == expected  # 9 storm pairs of the 15: none between two of the lighter four
