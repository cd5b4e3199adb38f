"""Batch story clustering: the online pass, made independent of input order.

    1. order    articles by (date, id), whatever order they came in
    2. weigh    TF-IDF with document frequencies of the whole batch
    3. stream   the online centroid pass (online.py), as the store would see them
    4. refine   re-assign every article to its best centroid (leave-one-out), then
                merge stories whose centroids are alike; repeat ``REFINE_PASSES`` times
    5. name     stories after their earliest article

Steps 1-2 remove the input order; step 4 repairs what the date order itself
did (an early article that started a story before its topic was clear).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .online import ClusterConfig, StoryIndex, StoryState, add_vector, days_between
from .text import term_counts, tfidf_vector

# Two passes of re-assignment and merging: the second changes a few articles,
# a third changed none on the development sets.
REFINE_PASSES = 2
# Two stories whose centroids are this alike are one story told twice (an
# article that arrived before its story's vocabulary settled started a twin).
MERGE_THRESHOLD = 0.35


@dataclass(frozen=True, slots=True)
class Doc:
    """What clustering reads of an article."""

    id: str
    title: str | None
    text: str | None
    date: str | None


def cluster_docs(
    docs: Sequence[Doc],
    config: ClusterConfig = ClusterConfig(),
    refine_passes: int = REFINE_PASSES,
    merge_threshold: float = MERGE_THRESHOLD,
) -> dict[str, str]:
    """Map every article id to a story id (the id of the story's earliest article)."""
    ordered = sorted(docs, key=lambda d: (d.date or "", d.id))  # 1. order
    vectors = batch_vectors(ordered)  # 2. weigh
    assignment = stream_pass(ordered, vectors, config)  # 3. stream
    for _ in range(refine_passes):  # 4. refine
        assignment = reassign(ordered, vectors, assignment, config)
        assignment = merge_similar(ordered, vectors, assignment, config, merge_threshold)
    return name_stories(ordered, assignment)  # 5. name


def batch_vectors(docs: Sequence[Doc]) -> dict[str, dict[str, float]]:
    counts = {d.id: term_counts(d.title, d.text) for d in docs}
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    return {doc_id: tfidf_vector(c, df, len(docs)) for doc_id, c in counts.items()}


def stream_pass(
    docs: Sequence[Doc], vectors: Mapping[str, dict[str, float]], config: ClusterConfig
) -> dict[str, str]:
    index = StoryIndex(config)
    assignment: dict[str, str] = {}
    for doc in docs:
        vector = vectors[doc.id]
        if doc.date:
            index.retire_before(doc.date)
        story, sim = index.best(vector, doc.date)
        if story is None or sim < config.threshold:
            story = StoryState(id=doc.id)
        add_vector(story, vector, doc.date, config.centroid_terms)
        index.put(story)
        assignment[doc.id] = story.id
    return assignment


def build_stories(
    docs: Sequence[Doc], vectors: Mapping[str, dict[str, float]], assignment: Mapping[str, str]
) -> dict[str, StoryState]:
    stories: dict[str, StoryState] = {}
    for doc in docs:
        story_id = assignment[doc.id]
        story = stories.setdefault(story_id, StoryState(id=story_id))
        add_vector(story, vectors[doc.id], doc.date, keep=1 << 30)
    return stories


def reassign(
    docs: Sequence[Doc],
    vectors: Mapping[str, dict[str, float]],
    assignment: Mapping[str, str],
    config: ClusterConfig,
) -> dict[str, str]:
    """Move each article to its most similar centroid, its own counted without it."""
    stories = build_stories(docs, vectors, assignment)
    index = StoryIndex(ClusterConfig(config.threshold, config.quiet_days, 1 << 30))
    for story in stories.values():
        index.put(story)
    result: dict[str, str] = {}
    for doc in docs:
        vector = vectors[doc.id]
        own = stories[assignment[doc.id]]
        best_id, best_sim = None, _leave_one_out(vector, own)
        if best_sim >= config.threshold:
            best_id = own.id
        for story in index.candidates(vector, doc.date):
            if story.id == own.id:
                continue
            sim = _cosine(vector, story.centroid, index._norms[story.id])
            if sim > best_sim and sim >= config.threshold:
                best_id, best_sim = story.id, sim
        if best_id is None:
            best_id = own.id if own.size == 1 else _fresh_id(doc.id, stories)
        result[doc.id] = best_id
    return result


def _fresh_id(doc_id: str, taken: Mapping[str, object]) -> str:
    # A story id no live story has: the article's id, prefixed until unique.
    story_id = doc_id
    while story_id in taken:
        story_id = "~" + story_id
    return story_id


def _cosine(vector: Mapping[str, float], centroid: Mapping[str, float], norm: float) -> float:
    if norm == 0.0:
        return 0.0
    return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm


def _leave_one_out(vector: Mapping[str, float], story: StoryState) -> float:
    """Cosine between an article and its story's centroid without the article."""
    if story.size <= 1:
        return 0.0
    rest = {t: w - vector.get(t, 0.0) for t, w in story.centroid.items()}
    norm = math.sqrt(sum(w * w for w in rest.values()))
    return _cosine(vector, rest, norm)


def merge_similar(
    docs: Sequence[Doc],
    vectors: Mapping[str, dict[str, float]],
    assignment: Mapping[str, str],
    config: ClusterConfig,
    merge_threshold: float,
) -> dict[str, str]:
    """Join stories whose centroids reach ``merge_threshold`` and whose dates overlap the quiet window."""
    stories = build_stories(docs, vectors, assignment)
    index = StoryIndex(ClusterConfig(config.threshold, None, 1 << 30))
    for story in stories.values():
        index.put(story)
    parent = {story_id: story_id for story_id in stories}

    def root(story_id: str) -> str:
        while parent[story_id] != story_id:
            parent[story_id] = parent[parent[story_id]]
            story_id = parent[story_id]
        return story_id

    units = {sid: _unit(s.centroid) for sid, s in stories.items()}
    for story_id in sorted(stories):
        story = stories[story_id]
        for other in index.candidates(units[story_id], None):
            if other.id <= story_id or not _close_in_time(story, other, config.quiet_days):
                continue
            if _dot(units[story_id], units[other.id]) >= merge_threshold:
                a, b = root(story_id), root(other.id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {doc_id: root(story_id) for doc_id, story_id in assignment.items()}


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _close_in_time(a: StoryState, b: StoryState, quiet_days: int | None) -> bool:
    if quiet_days is None or not (a.first_date and a.last_date and b.first_date and b.last_date):
        return True
    if a.first_date <= b.last_date and b.first_date <= a.last_date:
        return True
    gap = days_between(a.last_date, b.first_date) if a.last_date < b.first_date else days_between(b.last_date, a.first_date)
    return gap is None or gap <= quiet_days


def name_stories(docs: Sequence[Doc], assignment: Mapping[str, str]) -> dict[str, str]:
    """Name each story after its earliest article (in date, id order)."""
    names: dict[str, str] = {}
    result: dict[str, str] = {}
    for doc in docs:
        story = assignment[doc.id]
        result[doc.id] = names.setdefault(story, doc.id)
    return result
