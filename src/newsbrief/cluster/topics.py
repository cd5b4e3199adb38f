"""Stories of a large batch by average link in a topic space: TF-IDF + LSA (+ embeddings).

Why: the error analysis of the DUC mix (docs/store.md) showed two failures of bag-of-words
alone. Broad stories ("perceptions of Generation X", "obsessive-compulsive disorder") share
few exact words between their articles (mean TF-IDF cosine 0.06-0.08), so a cut low enough
to keep them whole also joins neighbouring stories that share a vocabulary (EgyptAir 990
with the crash of JFK Jr.'s plane, the Euro with Turkey and the EU). Latent semantic
analysis (a truncated SVD of the batch's TF-IDF matrix) learns from the batch which words
go together, so two articles of one story that use different words of its vocabulary come
closer, and the cut can be stricter: articles' nearest neighbours in the same gold story
rose from 92 % to 94 % (10 nearest: 86 % to 90 %) on the DUC mix.

    1. parts     per article: its TF-IDF vector, its LSA vector (as many components of the
                 batch as a first TF-IDF clustering finds stories, at most ``MAX_LSA_DIMS``;
                 centred), and when given its centred sentence embedding
    2. weigh     each part by the share its article's kind gives it (``KIND_WEIGHTS``: an
                 article with a body, or a bare headline), and scale the article by its kind's
                 cut, so that a pair's similarity is sum_k w_k cos_k / cut of the kind
                 (geometric means across kinds) and every pair is cut at 1
    3. link      scipy average link, cut at similarity 1; pairs further apart in time than
                 the quiet window count as similarity -1

LSA needs enough articles to learn co-occurrence: below ``MIN_ARTICLES`` the batch
clusters as before (batch.py); above ``MAX_ARTICLES`` the quadratic matrix is too big.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .stories import day_ordinals

# Components of the truncated SVD: as many as the batch seems to hold stories (``link_topics``
# is given the number of stories the TF-IDF method finds), at most ``MAX_LSA_DIMS``. With one
# fixed number the right cut moved with the number of stories: on the DUC mix (103 stories)
# 50 / 100 / 150 / 200 dimensions gave B-cubed F1 0.795 / 0.888 / 0.841 / 0.807 at cut 0.3, on
# Multi-News 300 (300 stories) 100 / 150 / 200 / 300 gave 0.819 / 0.844 / 0.850 / 0.834: fewer
# dimensions than stories fold stories together and lift every cosine.
LSA_DIMS = 100
# The cap: the SVD's cost grows with it, and past ~200 the components model single articles
# (Multi-News 300: 0.850 at 200, 0.834 at 300).
MAX_LSA_DIMS = 200
# Fewer articles than this cluster without LSA (batch.py's paths). Below it the topic space is
# unsteady: better on 20 DUC 2003 stories (199 articles, B-cubed F1 0.855 -> 0.956) and 60
# Multi-News stories (158: 0.846 -> 0.867), worse on 8 broad DUC 2006 topics (200: 0.866 -> 0.699)
# and 3 UCI stories (77 headlines: 0.733 -> 0.572); at 298-575 articles it was never worse.
MIN_ARTICLES = 500
# Up to this many articles LSA comes from the rows' Gram matrix (n x n, 8 MB at 1,000), above from
# ARPACK: exact either way, the Gram path much faster on the small batches of add's local regroup.
GRAM_ROWS = 1000
# Average link keeps an n x n float64 matrix and its condensed copy: 1.4 GB peak RSS at 8,000.
MAX_ARTICLES = 8000

# Shares (TF-IDF, LSA, embedding) of an article's similarity, and the similarity at which
# average link stops, for each kind of article. Compared on the DUC mix (bodies) and the UCI
# headlines (the only headline set), checked on Multi-News 300 (bodies); docs/store.md has
# the table. With bodies, LSA carries as much as the words; a bare headline has too few words
# for LSA to place it (UCI 0.816 with LSA, 0.825 without) and leans on its meaning.
BODY_CUT = 0.3
KIND_WEIGHTS = {
    # (has a body, embeddings given): ((tfidf, lsa, embedding), cut)
    (True, True): ((0.4, 0.4, 0.2), BODY_CUT),
    (False, True): ((0.5, 0.0, 0.5), 0.15),
    (True, False): ((0.5, 0.5, 0.0), BODY_CUT),
    (False, False): ((0.5, 0.5, 0.0), 0.15),
}


def lsa_dims(stories_found: int) -> int:
    """SVD components for a batch in which a first clustering found ``stories_found`` stories."""
    return max(1, min(MAX_LSA_DIMS, stories_found))


def applies(n_articles: int) -> bool:
    """Whether a batch of this size is clustered in the topic space."""
    return MIN_ARTICLES <= n_articles <= MAX_ARTICLES


def link_topics(
    docs: Sequence[Any],
    vectors: Mapping[str, Mapping[str, float]],
    embeddings: Mapping[str, Any] | None,
    quiet_days: int | None,
    body_cut: float = BODY_CUT,
    dims: int = LSA_DIMS,
) -> dict[str, str]:
    """Average-link stories of ``docs`` (in their given order): article id -> "~label".

    ``vectors`` are the articles' unit TF-IDF vectors; ``embeddings`` (id -> vector, all or
    none) add meaning; ``body_cut`` replaces ``BODY_CUT`` (the other cuts move with it);
    ``dims`` is the number of LSA components (``lsa_dims``).
    """
    return link_features(docs, topic_features(docs, vectors, embeddings, body_cut, dims), quiet_days)


def topic_features(
    docs: Sequence[Any],
    vectors: Mapping[str, Mapping[str, float]],
    embeddings: Mapping[str, Any] | None,
    body_cut: float = BODY_CUT,
    dims: int = LSA_DIMS,
):
    """(weighted TF-IDF rows as CSR, weighted dense rows: LSA and embedding) of ``docs``.

    Each part is scaled by sqrt(share / cut) of its article's kind, so the dot product of two
    articles' rows (sparse plus dense) is their similarity divided by their cut: 1 is the cut.
    """
    import numpy as np

    words = _sparse(docs, vectors)
    parts = _kind_scales(docs, embeddings is not None, body_cut)  # n x 3 square roots of w / cut
    weighted_words = words.multiply(parts[:, :1]).tocsr()
    dense = [latent_topics(words, dims) * parts[:, 1:2]]
    if embeddings is not None:
        meaning = centred_units(np.array([np.asarray(embeddings[d.id], dtype=np.float64) for d in docs]))
        dense.append(meaning * parts[:, 2:3])
    return weighted_words, np.hstack(dense)


def link_features(docs: Sequence[Any], features, quiet_days: int | None, overrides=None) -> dict[str, str]:
    """Average link over ``topic_features`` rows, cut at similarity 1: article id -> "~label".
    ``overrides`` (similarity.LinkOverrides) replace the similarity of some pairs."""
    from scipy.cluster.hierarchy import fcluster

    tree, shift = average_link_tree(docs, features, quiet_days, overrides)
    labels = fcluster(tree, t=shift - 1.0, criterion="distance")
    return {d.id: f"~{label}" for d, label in zip(docs, labels)}


def average_link_tree(docs: Sequence[Any], features, quiet_days: int | None, overrides=None):
    """(scipy linkage matrix, shift) of average link over ``topic_features`` rows.

    The tree's heights are distances shift - similarity: cutting it at height shift - s keeps
    the groups whose average similarity reaches s (``link_features`` cuts at s = 1). The
    evaluation reads the whole tree to bound what any cut of it could score.
    """
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    weighted_words, dense_parts = features
    days = day_ordinals(docs)
    similarity = np.empty((len(docs), len(docs)))
    for start in range(0, len(docs), _ROWS):  # by blocks of rows: no second n x n temporary
        block = similarity[start:start + _ROWS]
        block[:] = (weighted_words[start:start + _ROWS] @ weighted_words.T).toarray()
        block += dense_parts[start:start + _ROWS] @ dense_parts.T
        if overrides is not None:  # learned link scores of candidate pairs (similarity.py)
            overrides.apply(block, np.arange(start, start + len(block)))
        if quiet_days is not None:  # further apart than the quiet window: similarity -1, never linked
            gap = np.abs(days[start:start + _ROWS, None] - days[None, :])
            block[np.nan_to_num(gap, nan=0.0) > quiet_days] = -1.0
    # Average link on distance c - similarity is average link on similarity, for any c: c is
    # the largest similarity (distances >= 0); the cut is similarity 1 (a pair at its kind's cut).
    shift = float(similarity.max()) if similarity.size else 1.0
    np.subtract(shift, similarity, out=similarity)
    np.fill_diagonal(similarity, 0.0)
    condensed = squareform(similarity, checks=False)
    del similarity
    return linkage(condensed, method="average"), shift


_ROWS = 512  # rows of the similarity matrix computed at once


def feature_similarity(features, rows):
    """Similarity matrix (cut at 1) of the ``rows`` (integer positions) of ``topic_features``."""
    weighted_words, dense_parts = features
    words = weighted_words[rows]
    dense = dense_parts[rows]
    return (words @ words.T).toarray() + dense @ dense.T


def _sparse(docs: Sequence[Any], vectors: Mapping[str, Mapping[str, float]]):
    """Articles x terms CSR matrix of the articles' vectors."""
    return sparse_rows([vectors[d.id] for d in docs])


def sparse_rows(rows: Sequence[Mapping[str, float]]):
    """Rows x terms CSR matrix of sparse vectors; columns in sorted term order, so the
    matrix (and an SVD of it) does not depend on the order the terms were met in."""
    from scipy.sparse import csr_matrix

    terms = sorted({t for row in rows for t in row})
    column = {t: i for i, t in enumerate(terms)}
    row_index, cols, values = [], [], []
    for i, row in enumerate(rows):
        for term, weight in row.items():
            row_index.append(i)
            cols.append(column[term])
            values.append(weight)
    return csr_matrix((values, (row_index, cols)), shape=(len(rows), max(1, len(terms))))


def latent_topics(words, dims: int = LSA_DIMS):
    """Unit LSA vectors of the rows of ``words``, centred on their mean (zero rows stay zero).

    Centring removes the first component shared by every news text (as for embeddings,
    it lifts all cosines alike). The SVD is seeded, so a batch always gets the same space.
    """
    import numpy as np
    from sklearn.decomposition import TruncatedSVD

    dims = min(dims, words.shape[0] - 1, words.shape[1] - 1)
    if dims < 1:
        return np.zeros((words.shape[0], 1))
    if words.shape[0] <= GRAM_ROWS:
        topics = _gram_topics(words, dims)
    else:
        topics = TruncatedSVD(n_components=dims, algorithm="arpack", random_state=0).fit_transform(words)
    empty = np.asarray(words.getnnz(axis=1) == 0)
    topics = centred_units(topics)
    topics[empty] = 0.0
    return topics


def _gram_topics(words, dims: int):
    """The first ``dims`` columns of U S of the SVD of ``words`` (what TruncatedSVD's fit_transform
    returns) from the eigenvectors of the rows' Gram matrix: the same space up to each component's
    sign (no cosine changes), in milliseconds where ARPACK took ~1.7 s on 300 articles (the local
    regroup on add runs it every 100 articles)."""
    import numpy as np

    gram = (words @ words.T).toarray()
    values, vectors = np.linalg.eigh(gram)  # ascending
    top = np.argsort(-values, kind="stable")[:dims]
    return vectors[:, top] * np.sqrt(np.clip(values[top], 0.0, None))


def centred_units(matrix, prior=None, prior_rows: float = 0.0):
    """Rows minus their mean, scaled to unit length (zero rows stay zero). With ``prior``, the
    mean is taken as if ``prior_rows`` more rows stood at ``prior``: a small matrix leans on it."""
    import numpy as np

    centre = matrix.mean(axis=0)
    if prior is not None and prior_rows > 0:
        centre = (prior_rows * prior + len(matrix) * centre) / (prior_rows + len(matrix))
    matrix = matrix - centre
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _kind_scales(docs: Sequence[Any], with_embeddings: bool, body_cut: float):
    """Per article, sqrt(share / cut) of each part (TF-IDF, LSA, embedding)."""
    import numpy as np

    scale = body_cut / BODY_CUT
    rows = []
    for doc in docs:
        shares, cut = KIND_WEIGHTS[(bool((doc.text or "").strip()), with_embeddings)]
        rows.append([math.sqrt(w / (cut * scale)) for w in shares])
    return np.array(rows)

