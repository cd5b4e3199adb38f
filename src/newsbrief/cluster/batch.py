"""Batch story clustering, independent of input order.

    1. order    articles by (date, id), whatever order they came in
    2. weigh    TF-IDF with document frequencies of the batch (or of a whole collection)
    3. stream   the online centroid pass (online.py), as the store would see them
    4. refine   re-assign every article to its best centroid (leave-one-out, as in
                spherical k-means), then merge stories by average link (their articles'
                mean cosine); repeat ``REFINE_PASSES`` times
    5. days     a story of bare headlines busy on two or more days is linked again with
                headlines of different days counting for less (stories.py: a headline cannot
                tell one day's development from the next day's on the same subject)
    6. quiet    with a time window, a story whose news stopped for longer than the window
                becomes two (stories.py; the store's rule: the window is on the story's own
                timeline, not on pairs of articles, which would cut a story that never stopped)
    7. bursts   a story covered in two bursts of articles with a quiet day between becomes
                two stories (stories.py: one subject at two moments, e.g. a game's review
                roundup and its launch, reads the same but is two events)
    8. name     stories after their earliest article

Steps 1-2 remove the input order; step 4 repairs what the date order itself
did (an early article that started a story before its topic was clear).

A batch of ``topics.MIN_ARTICLES``-``topics.MAX_ARTICLES`` articles is then clustered
again in the topic space (topics.py: average link over TF-IDF + LSA + embeddings
when given), steps 3-4 only counting its stories for the number of LSA dimensions; then
fragments of 1-3 articles join the larger story they fit as well as its own articles fit
each other (stories.py).
A smaller batch with sentence embeddings (embed.py) skips 3-4 for average link over
TF-IDF cosine mixed with embedding cosine (``mixed_space``, ``link_articles``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import similarity, stories, topics
from .averages import AverageTable
from .online import ClusterConfig, StoryIndex, StoryState, add_vector, days_between
from .text import term_counts, tfidf_vector

# Passes of re-assignment and merging; later passes move few articles.
REFINE_PASSES = 3
# Two stories whose articles are on average this alike (mean pairwise cosine)
# are one story told twice. 0.1 is the cosine-distance 0.9 at which sklearn's
# average-link baseline peaks on both development sets.
MERGE_THRESHOLD = 0.1
# Re-assignment keeps an article with its best centroid down to this cosine (below it the
# article stands alone); lower than THRESHOLD because a centroid is known better after the
# first pass. 0.0 and 0.08 scored alike on the development sets.
REASSIGN_THRESHOLD = 0.08
# With embeddings: the share of TF-IDF cosine in the mixed similarity of articles with a
# body and of bare headlines. Compared on the DUC mix and UCI (0.5 / 0.7 / 0.8 with bodies), and
# on Multi-News; no setting is best on all three (docs/store.md lists them).
TEXT_WEIGHT = 0.8
HEADLINE_TEXT_WEIGHT = 0.5
# The mixed similarity at which average link stops merging, and the articles' worth of weight the
# shipped news centre has in the centre the embeddings are taken from (``mixed_space``). This path
# links the batches below the learned similarity's smallest (100 articles: a web app's store, one
# story's folder). Chosen on batches of 1-8 stories of up to 10 articles drawn from the training
# split of bench/train_same_story.py (cuts 0.15 / 0.12 / 0.10 / 0.08, centre weights 0 / 20 / 50 /
# all): 0.15 on the batch's own mean (the setting of before, chosen on batches of 400-500) split one
# story's 10 articles into 5-7 stories (B-cubed recall 0.19-0.47), and 8 stories of 80 articles
# into 20; 0.10 with 50 raised recall to 0.81-1.00 and 0.84-1.00, at a precision loss of up to 0.05
# (ECB+ look-alike events, 40 articles) and 0.00-0.04 elsewhere (docs/store.md, "A young store").
EMBED_MERGE_THRESHOLD = 0.10
CENTRE_PRIOR_ARTICLES = 50


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
    merge_threshold: float | None = None,
    embeddings: Mapping[str, Any] | None = None,
    *,
    collection: tuple[Mapping[str, int], int] | None = None,
    model: similarity.SameStoryModel | None = None,
) -> dict[str, str]:
    """Map every article id to a story id (the id of the story's earliest article).

    ``collection`` = (document frequency per term, number of documents) of a larger
    collection the batch is part of (the Spark job clusters blocks of articles with the
    statistics of all of them); IDF then comes from it instead of from the batch alone.

    ``embeddings`` (article id -> sentence embedding, see embed.py; all articles or
    none) mix meaning into the similarity. A batch of ``topics.MIN_ARTICLES`` to
    ``topics.MAX_ARTICLES`` articles is clustered in the topic space (topics.py), with
    ``merge_threshold`` as its cut for articles with a body; smaller batches with
    embeddings by average link over the articles (``mixed_space``, ``link_articles``),
    the rest by the TF-IDF method (steps 3-4, ``refine_passes`` passes).

    With ``config.learned`` (on by default, ``online.LEARNED``) and embeddings, a batch of the
    model's ``min_articles`` to ``topics.MAX_ARTICLES`` articles (``similarity.applies``) is linked
    in the topic space on the learned same-story similarity (similarity.py) instead; ``model``
    replaces the shipped model there.
    """
    ordered = sorted(docs, key=lambda d: (d.date or "", d.id))  # 1. order
    vectors = batch_vectors(ordered, collection)  # 2. weigh
    assignment, similarity_of = _linked_stories(ordered, vectors, config, refine_passes, merge_threshold, embeddings,
                                                model)  # 3.-4.
    return story_stages(ordered, assignment, similarity_of, config)  # 5.-8.


def story_stages(ordered: Sequence[Doc], assignment: Mapping[str, str], similarity_of: Callable[[Any], Any],
                 config: ClusterConfig) -> dict[str, str]:
    """Steps 5-8 of ``cluster_docs`` on the linked stories of ``ordered`` (sorted by date, id)."""
    assignment = stories.relink_headline_days(ordered, assignment, similarity_of)  # 5. headline days
    assignment = stories.split_quiet_gaps(ordered, assignment, config.quiet_days, similarity_of,  # 6. quiet gaps
                                          config.bridge_days)
    return name_stories(ordered, stories.split_bursts(ordered, assignment))  # 7. bursts, 8. name


def _linked_stories(
    ordered: Sequence[Doc],
    vectors: Mapping[str, dict[str, float]],
    config: ClusterConfig,
    refine_passes: int,
    merge_threshold: float | None,
    embeddings: Mapping[str, Any] | None,
    model: similarity.SameStoryModel | None = None,
) -> tuple[dict[str, str], Callable[[Any], Any]]:
    """Steps 3-4 by batch size (the topic space, average link with embeddings, or the TF-IDF
    method): (stories, a function giving the similarity matrix of some articles, at the scale on
    which the path cuts at 1)."""
    learned = (config.learned and embeddings is not None and reads_embeddings(len(ordered))
               and similarity.applies(len(ordered), model))
    if learned or topics.applies(len(ordered)):  # 3''. average link in the topic space (topics.py)
        if embeddings is not None:
            _check_embedded(ordered, embeddings)
        features = topic_space(ordered, vectors, config, refine_passes, merge_threshold, embeddings)
        links = similarity.learned_links(ordered, vectors, embeddings, features, model) if learned else None
        return topic_stories(ordered, features, config, links)
    ids = [d.id for d in ordered]
    if embeddings is not None and reads_embeddings(len(ordered)):  # 3'. average link on the mixed similarity
        vectors, dense = mixed_space(ordered, vectors, embeddings)
        threshold = EMBED_MERGE_THRESHOLD if merge_threshold is None else merge_threshold
        linked = link_articles(ordered, vectors, dense, threshold)  # the window comes after (step 6)
        return linked, lambda rows: mixed_similarity([ids[k] for k in rows], vectors, dense) / threshold
    return _tfidf_linked(ordered, vectors, config, refine_passes, merge_threshold)


def cluster_by_tfidf(docs: Sequence[Doc], config: ClusterConfig = ClusterConfig(), *,
                     collection: tuple[Mapping[str, int], int] | None = None) -> dict[str, str]:
    """``cluster_docs`` by the path it takes for a batch over ``topics.MAX_ARTICLES`` (the TF-IDF
    method, no embeddings), whatever the size of ``docs``: for a part of such a batch clustered
    on its own (a Spark block of an input over that size, ``spark.parts.cluster_block``)."""
    ordered = sorted(docs, key=lambda d: (d.date or "", d.id))
    vectors = batch_vectors(ordered, collection)
    return story_stages(ordered, *_tfidf_linked(ordered, vectors, config, REFINE_PASSES, None), config)


def _tfidf_linked(ordered: Sequence[Doc], vectors: Mapping[str, dict[str, float]], config: ClusterConfig,
                  refine_passes: int, merge_threshold: float | None) -> tuple[dict[str, str], Callable[[Any], Any]]:
    """Steps 3-4 by the TF-IDF method, with the similarity function of ``_linked_stories``."""
    ids = [d.id for d in ordered]
    threshold = MERGE_THRESHOLD if merge_threshold is None else merge_threshold
    found = tfidf_stories(ordered, vectors, config, refine_passes, merge_threshold)
    return found, lambda rows: _centroid_dots([vectors[ids[k]] for k in rows]) / threshold


def topic_stories(ordered: Sequence[Doc], features, config: ClusterConfig,
                  links: similarity.LinkOverrides | None = None) -> tuple[dict[str, str], Callable[[Any], Any]]:
    """Average link in the topic space (learned link scores in place), then fragments join the story
    they fit: (stories, the similarity function of ``_linked_stories``)."""
    linked = topics.link_features(ordered, features, None, links)  # the window comes after (step 6)
    absorbed = stories.absorb_fragments(ordered, linked, features, config.quiet_days)  # story-level fit
    return absorbed, lambda rows: _topic_similarity(features, rows, links)


def _topic_similarity(features, rows, links: similarity.LinkOverrides | None):
    """Topic-space similarity matrix of the articles at ``rows``, learned link scores in place."""
    matrix = topics.feature_similarity(features, rows)
    if links is not None:
        links.apply(matrix, rows, rows)
    return matrix


def reads_embeddings(n_articles: int) -> bool:
    """Whether ``cluster_docs`` uses embeddings for a batch of this size: up to
    ``topics.MAX_ARTICLES`` (the topic space, or average link over the articles below it);
    above, average link's n x n matrix would not fit (8 GB at 32,000 articles), so the TF-IDF
    method clusters without them, and embedding the batch would be time lost."""
    return 1 < n_articles <= topics.MAX_ARTICLES


def topic_space(
    ordered: Sequence[Doc],
    vectors: Mapping[str, dict[str, float]],
    config: ClusterConfig = ClusterConfig(),
    refine_passes: int = REFINE_PASSES,
    merge_threshold: float | None = None,
    embeddings: Mapping[str, Any] | None = None,
):
    """``topics.topic_features`` of ``ordered`` (sorted by date, id; ``batch_vectors``) as
    ``cluster_docs`` builds them: LSA with as many dimensions as the TF-IDF method finds stories."""
    body_cut = topics.BODY_CUT if merge_threshold is None else merge_threshold
    found = len(set(tfidf_stories(ordered, vectors, config, refine_passes, None).values()))
    dims = topics.lsa_dims(found)  # as many latent topics as the batch seems to hold stories
    return topics.topic_features(ordered, vectors, embeddings, body_cut, dims)


def tfidf_stories(
    ordered: Sequence[Doc],
    vectors: Mapping[str, dict[str, float]],
    config: ClusterConfig,
    refine_passes: int,
    merge_threshold: float | None,
) -> dict[str, str]:
    """Steps 3-4 on TF-IDF alone: the online pass over (date, id) order, then refinement."""
    threshold = MERGE_THRESHOLD if merge_threshold is None else merge_threshold
    assignment = stream_pass(ordered, vectors, config)  # 3. stream
    for _ in range(refine_passes):  # 4. refine
        assignment = reassign(ordered, vectors, assignment, config)
        assignment = merge_average_link(ordered, vectors, assignment, config, threshold)
    return assignment


def batch_vectors(
    docs: Sequence[Doc], collection: tuple[Mapping[str, int], int] | None = None
) -> dict[str, dict[str, float]]:
    """TF-IDF vectors; IDF from ``collection`` (df, n) when given, else from the batch."""
    counts = {d.id: term_counts(d.title, d.text) for d in docs}
    if collection is not None:
        df, n_docs = collection
        return {doc_id: tfidf_vector(c, df, n_docs) for doc_id, c in counts.items()}
    batch_df: Counter[str] = Counter()
    for c in counts.values():
        batch_df.update(c.keys())
    return {doc_id: tfidf_vector(c, batch_df, len(docs)) for doc_id, c in counts.items()}


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
        if best_sim >= REASSIGN_THRESHOLD:
            best_id = own.id
        for story in index.candidates(vector, doc.date):
            if story.id == own.id:
                continue
            sim = _cosine(vector, story.centroid, index._norms[story.id])
            if sim > best_sim and sim >= REASSIGN_THRESHOLD:
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


def merge_average_link(
    docs: Sequence[Doc],
    vectors: Mapping[str, dict[str, float]],
    assignment: Mapping[str, str],
    config: ClusterConfig,
    min_similarity: float,
) -> dict[str, str]:
    """Agglomerate stories by average link until no pair reaches ``min_similarity``.

    The average cosine between the articles of two stories is the dot product of
    their centroid sums divided by both sizes (articles are unit vectors), so
    average-link clustering runs on stories rather than articles: the greedy best
    pair is merged and its row updated (Lance-Williams), pairs whose dates are
    further apart than the quiet window are never merged. The stories x stories
    table is computed a row at a time, never held (averages.py).
    """
    import numpy as np

    stories = build_stories(docs, vectors, assignment)
    ids = sorted(stories)
    if len(ids) < 2:
        return dict(assignment)
    table = AverageTable([stories[i].centroid for i in ids], [stories[i].size for i in ids])
    spans = [StoryState(i, {}, 0, stories[i].first_date, stories[i].last_date) for i in ids]
    # The loop picks its row by these cached maxima, refreshed only for the rows a merge touches
    # (the merged row, rows whose best is now it, rows it now beats): a row whose best partner
    # was merged into a weaker story keeps its old maximum until refreshed. Not the exact
    # greedy order (the loop can stop while a pair above the cut is left), but the stories
    # depend on it, so it is kept as the dense matrix loop had it.
    row_best = table.best.copy()
    parent = list(range(len(ids)))
    while True:
        i = int(np.argmax(row_best))
        j = int(table.best_at[i])
        if table.best[i] < min_similarity:
            break
        if not _close_in_time(spans[i], spans[j], config.quiet_days):
            table.block(i, j)
            row_best[i], row_best[j] = table.best[i], table.best[j]
            continue
        i, j = min(i, j), max(i, j)  # keep the lower index (the earlier story id)
        parent[j] = i
        spans[i] = _joined_span(spans[i], spans[j])
        column = table.merge(i, j)
        row_best[j] = -np.inf
        stale = (table.best_at == i) | (row_best < column)
        row_best[stale] = table.best[stale]
        row_best[i] = table.best[i]
    root = {}
    for k, story_id in enumerate(ids):
        r = k
        while parent[r] != r:
            r = parent[r]
        root[story_id] = ids[r]
    return {doc_id: root[story_id] for doc_id, story_id in assignment.items()}


def _centroid_dots(centroids: Sequence[Mapping[str, float]]):
    """Dense matrix of dot products between sparse centroid sums."""
    matrix = topics.sparse_rows(centroids)
    return (matrix @ matrix.T).toarray()


def mixed_space(
    docs: Sequence[Doc], vectors: Mapping[str, dict[str, float]], embeddings: Mapping[str, Any]
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Scale each article's TF-IDF vector by sqrt(w) and its centred embedding by sqrt(1 - w).

    The dot product of two articles is then w x TF-IDF cosine + (1 - w) x embedding cosine
    (exactly, when both have the same w), and stays a sum over parts, so centroid sums and
    average link work as before. ``w`` is ``TEXT_WEIGHT`` for an article with a body and
    ``HEADLINE_TEXT_WEIGHT`` for a bare headline, whose few words say less than its meaning.
    Embeddings are centred: every news text shares a direction that lifts all cosines alike
    (~0.1-0.2 between unrelated stories); without it the mixed similarity would not be on the
    TF-IDF scale the thresholds are set for. The centre is the batch mean as if
    ``CENTRE_PRIOR_ARTICLES`` more articles stood at the shipped news centre (embed.news_centre):
    a batch of one story centred on its own mean alone loses the very direction its articles
    share (the bundled example's five articles came out as two stories).
    """
    import numpy as np

    _check_embedded(docs, embeddings)
    from .embed import DIMENSION, news_centre

    matrix = np.array([np.asarray(embeddings[d.id], dtype=np.float64) for d in docs])
    # the centre belongs to the shipped model's space (made-up embeddings of tests have others)
    shipped_space = matrix.ndim == 2 and matrix.shape[1] == DIMENSION
    matrix = topics.centred_units(matrix, news_centre() if shipped_space else None, CENTRE_PRIOR_ARTICLES)
    scaled_vectors: dict[str, dict[str, float]] = {}
    dense: dict[str, Any] = {}
    for doc, row in zip(docs, matrix):
        weight = TEXT_WEIGHT if (doc.text or "").strip() else HEADLINE_TEXT_WEIGHT
        scale = math.sqrt(weight)
        scaled_vectors[doc.id] = {t: w * scale for t, w in vectors[doc.id].items()}
        dense[doc.id] = row * math.sqrt(1.0 - weight)
    return scaled_vectors, dense


def _check_embedded(docs: Sequence[Doc], embeddings: Mapping[str, Any]) -> None:
    missing = [d.id for d in docs if d.id not in embeddings]
    if missing:
        raise ValueError(f"no embedding for articles {missing[:5]}: embed every article or none")


def link_articles(
    docs: Sequence[Doc],
    vectors: Mapping[str, dict[str, float]],
    dense: Mapping[str, Any],
    min_similarity: float,
) -> dict[str, str]:
    """Average-link agglomeration of the articles themselves on the mixed similarity.

    Makes the stories when embeddings are given: the online pass decides on one article
    at a time against centroids of bag-of-words, where average link weighs every pair.
    No time window here: ``cluster_docs`` cuts stories at their quiet gaps afterwards.
    Memory is quadratic (a condensed float64 matrix: 160 MB for 6,400 articles); larger
    batches should be clustered without embeddings (or online, as the store does).
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    ids = [d.id for d in docs]
    similarity = mixed_similarity(ids, vectors, dense)
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - min_similarity, criterion="distance")
    return {doc_id: f"~{label}" for doc_id, label in zip(ids, labels)}


def mixed_similarity(ids: Sequence[str], vectors: Mapping[str, dict[str, float]], dense: Mapping[str, Any]):
    """Matrix of the mixed similarities (``mixed_space``) between the articles ``ids``."""
    import numpy as np

    similarity = _centroid_dots([vectors[i] for i in ids])
    stacked = np.array([dense[i] for i in ids])
    similarity += stacked @ stacked.T
    return similarity


def _joined_span(a: StoryState, b: StoryState) -> StoryState:
    firsts = [d for d in (a.first_date, b.first_date) if d]
    lasts = [d for d in (a.last_date, b.last_date) if d]
    return StoryState(a.id, {}, 0, min(firsts) if firsts else None, max(lasts) if lasts else None)


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
