"""Refinement of story seeds on RDDs: ``cluster.batch.reassign`` and ``merge_similar``, distributed.

``cluster.batch`` loops over all articles against an in-memory ``StoryIndex``.
Here the same rules are joins: a story's centroid is indexed by its
``INDEX_TERMS`` heaviest terms, an article looks stories up by its
``QUERY_TERMS`` heaviest terms, and every (article, candidate story) pair is
scored where the centroid lives. The scoring and window rules are the library's:

* reassign: an article moves to the candidate story with the highest cosine
  reaching ``threshold``; its own story is scored leave-one-out and wins ties,
  then the smaller story id; an article with no story reaching the threshold
  stays alone (or starts a fresh story if its story had others);
* merge: two stories whose unit centroids have a dot product of at least
  ``merge_threshold`` and whose date spans are within the quiet window are one
  story; the merged story keeps the smallest story id (as batch's union-find).

Rows are ``(id, date, vector, story)``; no pyspark import is needed here
(RDD methods are called on the objects passed in).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

Doc = tuple[str, "str | None", dict, str]  # (id, date, vector, story)


@dataclass(slots=True)
class Centroid:
    """A story's summed article vectors and date span (``cluster.online.StoryState`` fields)."""

    story: str
    vector: dict[str, float]
    size: int
    first: str | None
    last: str | None

    def state(self):
        from newsbrief.cluster.online import StoryState

        return StoryState(id=self.story, centroid=self.vector, size=self.size, first_date=self.first, last_date=self.last)


def centroids(docs: Any) -> Any:
    """RDD of (story, Centroid) from an RDD of docs."""

    def start(doc: Doc) -> Centroid:
        _, day, vector, story = doc
        return Centroid(story, dict(vector), 1, day, day)

    def add(c: Centroid, other: Centroid) -> Centroid:
        for term, weight in other.vector.items():
            c.vector[term] = c.vector.get(term, 0.0) + weight
        days = [d for d in (c.first, c.last, other.first, other.last) if d]
        return Centroid(c.story, c.vector, c.size + other.size, min(days, default=None), max(days, default=None))

    return docs.map(lambda d: (d[3], start(d))).reduceByKey(add)


def reassign(docs: Any, config: Any) -> Any:
    """RDD of docs with ``story`` re-assigned (``cluster.batch.reassign``)."""
    from newsbrief.cluster.online import INDEX_TERMS, QUERY_TERMS

    from .parts import heavy_terms

    stories = centroids(docs).persist()
    postings = stories.flatMap(lambda kv: ((t, kv[0]) for t in heavy_terms(kv[1].vector, INDEX_TERMS)))
    queries = docs.flatMap(lambda d: ((t, d[0]) for t in heavy_terms(d[2], QUERY_TERMS)))
    looked_up = queries.join(postings).map(lambda kv: kv[1])  # (id, story)
    by_id = docs.map(lambda d: (d[0], d))
    own = by_id.mapValues(lambda d: d[3])
    candidates = looked_up.union(own).distinct().join(by_id).map(lambda kv: (kv[1][0], kv[1][1]))  # (story, doc)
    scored = candidates.join(stories).map(lambda kv: _score(kv[1][0], kv[1][1], config))
    best = scored.filter(lambda s: s is not None).reduceByKey(_better)  # id -> (sim, is_own, story)
    sizes = docs.map(lambda d: (d[3], 1)).reduceByKey(lambda a, b: a + b)
    own_size = docs.map(lambda d: (d[3], d)).join(sizes).map(lambda kv: (kv[1][0][0], (kv[1][0], kv[1][1])))
    result = own_size.leftOuterJoin(best).map(lambda kv: _choose(kv[1][0][0], kv[1][0][1], kv[1][1], config.threshold))
    stories.unpersist()
    return result


def _score(doc: Doc, centroid: Centroid, config: Any) -> tuple[str, tuple[float, bool, str]] | None:
    from newsbrief.cluster.online import StoryIndex

    from .parts import dot, leave_one_out, norm

    doc_id, day, vector, own_story = doc
    if centroid.story == own_story:
        return doc_id, (leave_one_out(vector, centroid.vector, centroid.size), True, centroid.story)
    # The library's window rule (an undated article or story is always in the window).
    if not StoryIndex(config)._in_window(centroid.state(), day):
        return None
    n = norm(centroid.vector)
    return doc_id, ((dot(vector, centroid.vector) / n) if n else 0.0, False, centroid.story)


def _better(a: tuple[float, bool, str], b: tuple[float, bool, str]) -> tuple[float, bool, str]:
    """Higher cosine; on a tie the article's own story, then the smaller story id."""
    if a[0] != b[0]:
        return a if a[0] > b[0] else b
    if a[1] != b[1]:
        return a if a[1] else b
    return a if a[2] <= b[2] else b


def _choose(doc: Doc, own_size: int, best: tuple[float, bool, str] | None, threshold: float) -> Doc:
    doc_id, day, vector, own_story = doc
    if best is not None and best[0] >= threshold:
        return (doc_id, day, vector, best[2])
    # No story is close enough: a lone article keeps its story, one from a larger story starts anew.
    return (doc_id, day, vector, own_story if own_size == 1 else "~" + doc_id)


def merge_edges(docs: Any, config: Any, merge_threshold: float) -> Any:
    """RDD of (story, story) pairs to merge (``cluster.batch.merge_similar``)."""
    from newsbrief.cluster.online import INDEX_TERMS, QUERY_TERMS

    from .parts import heavy_terms

    units = centroids(docs).mapValues(_unit).persist()
    postings = units.flatMap(lambda kv: ((t, kv[0]) for t in heavy_terms(kv[1].vector, INDEX_TERMS)))
    queries = units.flatMap(lambda kv: ((t, kv[0]) for t in heavy_terms(kv[1].vector, QUERY_TERMS)))
    pairs = queries.join(postings).map(lambda kv: kv[1]).filter(lambda p: p[0] < p[1]).distinct()
    with_a = pairs.join(units).map(lambda kv: (kv[1][0], kv[1][1]))  # (b, centroid a)
    both = with_a.join(units).map(lambda kv: (kv[1][0], kv[1][1]))  # (centroid a, centroid b)
    alike = both.filter(lambda ab: _mergeable(ab[0], ab[1], config.quiet_days, merge_threshold))
    edges = alike.map(lambda ab: (ab[0].story, ab[1].story))
    return edges, units


def _unit(c: Centroid) -> Centroid:
    from .parts import norm

    n = norm(c.vector)
    vector = {t: w / n for t, w in c.vector.items()} if n else {}
    return Centroid(c.story, vector, c.size, c.first, c.last)


def _mergeable(a: Centroid, b: Centroid, quiet_days: int | None, merge_threshold: float) -> bool:
    from newsbrief.cluster.batch import _close_in_time

    from .parts import dot

    return _close_in_time(a.state(), b.state(), quiet_days) and dot(a.vector, b.vector) >= merge_threshold



