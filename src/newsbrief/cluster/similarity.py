"""A learned same-story similarity: gradient-boosted trees over pair features (pairs.py).

    0. size      only batches of the model's ``min_articles`` articles and more (``applies``)
    1. pairs     each article's nearest neighbours in the batch's topic space (pairs.py)
    2. score     the shipped model gives each candidate pair a probability of one story
    3. link      the pair's link score becomes 1 + (logit p - logit cut) / logit_scale: the
                 probability ``cut`` sits at the topic space's own cut (1), so pairs the model is
                 sure of rise above it and look-alike pairs (same subject, other event) fall
                 below; every other pair keeps its topic-space similarity (far apart anyway)

Why not a fixed cosine: one threshold on a cosine cannot keep a broad topic whole and two
events on one subject apart (docs/store.md); a model sees the views apart (names, dates,
titles, meaning) and where a pair stands among each article's neighbours.

The model is ``models/same_story.json``: scikit-learn's HistGradientBoostingClassifier, its trees
exported as arrays and scored here with numpy (a pickle would break across scikit-learn
versions). ``bench/train_same_story.py`` rebuilds it and names its training data; the file
keeps a few feature rows with scikit-learn's own probabilities, and a test checks that this
scorer agrees with them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import NewsbriefError
from . import pairs

MODEL_PATH = Path(__file__).with_name("models") / "same_story.json"
FORMAT = "newsbrief.same-story.v1"


@dataclass(frozen=True, slots=True)
class SameStoryModel:
    """Exported trees: node arrays of all trees end to end, ``roots`` where each tree starts."""

    features: tuple[str, ...]
    baseline: float
    roots: Any  # int array, one per tree
    feature: Any  # per node: feature index (leaves: 0)
    threshold: Any  # per node: go left when value <= threshold
    missing_left: Any  # per node: NaN goes left
    left: Any  # per node: child index (absolute); a leaf points to itself
    right: Any
    value: Any  # per node: leaf value (raw score)
    depth: int  # deepest path, in edges
    cut: float  # probability at which a pair sits at the clusterer's cut
    logit_scale: float  # logit units per unit of topic-space similarity
    min_articles: int  # smaller batches are clustered without the model (see ``applies``)
    meta: dict

    def probability(self, rows, block_rows: int = 1024):
        """P(same story) of each row of a pairs x features matrix (NaN = missing): every tree walked
        at once, ``depth`` steps (a leaf points to itself), by blocks of rows."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.float64)
        raw = np.empty(len(rows))
        for start in range(0, len(rows), block_rows):
            block = rows[start:start + block_rows]
            node = np.broadcast_to(self.roots, (len(block), len(self.roots)))  # rows x trees
            index = np.arange(len(block))[:, None]
            for _ in range(self.depth):
                values = block[index, self.feature[node]]
                go_left = np.where(np.isnan(values), self.missing_left[node], values <= self.threshold[node])
                node = np.where(go_left, self.left[node], self.right[node])
            raw[start:start + block_rows] = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))

    def link_scores(self, probabilities):
        """Probabilities on the topic space's scale: ``cut`` -> 1 (see the module docstring)."""
        return link_scores(probabilities, self.cut, self.logit_scale)


def link_scores(probabilities, cut: float, logit_scale: float):
    """1 + (logit p - logit cut) / logit_scale: the probability ``cut`` at the clusterer's cut."""
    import numpy as np

    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    return 1.0 + (np.log(p / (1 - p)) - math.log(cut / (1 - cut))) / logit_scale


def model_from_dict(data: Any, source: str = "model") -> SameStoryModel:
    """The model of a decoded ``same_story.json``; NewsbriefError when it is not one this code reads."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or tuple(data.get("features", ())) != pairs.FEATURES:
        raise NewsbriefError(f"{source}: not a same-story model for these pair features ({FORMAT}); "
                             "rebuild it with bench/train_same_story.py")
    try:
        model = _model_arrays(data)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise NewsbriefError(f"{source}: a malformed same-story model ({type(error).__name__}: {error}); "
                             "rebuild it with bench/train_same_story.py") from None
    if not _consistent(model):
        raise NewsbriefError(f"{source}: a malformed same-story model (a node points outside its trees or features); "
                             "rebuild it with bench/train_same_story.py")
    return model


def _consistent(model: SameStoryModel) -> bool:
    """Every child index inside the node arrays, every split on a known feature, a depth that reaches
    every leaf (the scorer walks exactly ``depth`` steps)."""
    import numpy as np

    n = len(model.feature)
    if n == 0 or not all(len(a) == n for a in (model.threshold, model.missing_left, model.left, model.right, model.value)):
        return False
    inside = ((model.left >= 0) & (model.left < n) & (model.right >= 0) & (model.right < n)).all()
    if not inside or not ((model.feature >= 0) & (model.feature < len(model.features))).all():
        return False
    frontier = model.roots
    for _ in range(model.depth):  # every node ``depth`` steps down; a leaf points to itself
        frontier = np.unique(np.concatenate([model.left[frontier], model.right[frontier]]))
    return bool(np.all(model.left[frontier] == frontier)) and 0.0 < model.cut < 1.0 and model.logit_scale > 0 and model.min_articles >= 2


def _model_arrays(data: dict) -> SameStoryModel:
    import numpy as np

    arrays: dict[str, list] = {k: [] for k in ("feature", "threshold", "missing_left", "left", "right", "value")}
    roots = []
    for tree in data["trees"]:
        offset = len(arrays["feature"])
        roots.append(offset)
        leaf = np.asarray(tree["leaf"], dtype=bool)
        own = np.arange(len(leaf)) + offset
        arrays["feature"].extend(tree["feature"])
        arrays["threshold"].extend(tree["threshold"])
        arrays["missing_left"].extend(tree["missing_left"])
        arrays["left"].extend(np.where(leaf, own, np.asarray(tree["left"]) + offset).tolist())
        arrays["right"].extend(np.where(leaf, own, np.asarray(tree["right"]) + offset).tolist())
        arrays["value"].extend(tree["value"])
    return SameStoryModel(
        features=tuple(data["features"]), baseline=float(data["baseline"]), roots=np.array(roots, dtype=np.int64),
        feature=np.array(arrays["feature"], dtype=np.int64), threshold=np.array(arrays["threshold"], dtype=np.float64),
        missing_left=np.array(arrays["missing_left"], dtype=bool), left=np.array(arrays["left"], dtype=np.int64),
        right=np.array(arrays["right"], dtype=np.int64), value=np.array(arrays["value"], dtype=np.float64),
        depth=int(data["depth"]), cut=float(data["link"]["cut"]), logit_scale=float(data["link"]["logit_scale"]),
        min_articles=int(data["link"]["min_articles"]), meta={k: data[k] for k in ("trained_on", "sklearn", "check") if k in data},
    )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> SameStoryModel:
    """The shipped model (read once per process)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NewsbriefError(f"{path}: cannot read the same-story model ({error}); reinstall newsbrief") from None
    return model_from_dict(data, str(path))


def applies(n_articles: int, model: SameStoryModel | None = None) -> bool:
    """Whether ``cluster_docs`` links a batch of this many articles (with embeddings) on the learned
    similarity: from the model's ``min_articles`` to ``topics.MAX_ARTICLES``. The model reads
    where a pair stands inside its batch (its rank among each article's neighbours, embeddings
    centred on the batch); in a batch of a handful of articles every pair is a near neighbour and
    a story alone in its batch is centred away, so pairs of different stories score as one story.
    The training script chose the size out of fold (bench/train_same_story.py, step 5)."""
    from .topics import MAX_ARTICLES

    return (model or load_model()).min_articles <= n_articles <= MAX_ARTICLES


@dataclass(frozen=True, slots=True)
class LinkOverrides:
    """Learned link scores of the candidate pairs, to put in place of their topic-space
    similarity wherever the clusterer reads one (``apply``)."""

    pairs: Any  # n x n CSR: k + 1 at both entries of candidate pair k
    score: Any  # link score of pair k

    def apply(self, block, rows, columns=None) -> None:
        """Overwrite in place the entries of ``block`` (rows ``rows`` x columns ``columns`` of the
        batch, all columns when None) that are candidate pairs."""
        chosen = self.pairs[rows]
        found = (chosen if columns is None else chosen[:, columns]).tocoo()
        block[found.row, found.col] = self.score[found.data - 1]


def learned_links(docs: Sequence[Any], vectors, embeddings, features, model: SameStoryModel | None = None
                  ) -> LinkOverrides:
    """Steps 1-3 for ``docs`` (in the clusterer's order) whose topic-space rows are ``features``
    (topics.topic_features): the candidate pairs and their link scores."""
    model = model or load_model()
    candidates, rows = batch_pairs(docs, vectors, embeddings, features)
    scores = model.link_scores(model.probability(rows))
    return overrides(candidates.left, candidates.right, scores, len(docs))


def batch_pairs(docs: Sequence[Any], vectors, embeddings, features) -> tuple[pairs.Candidates, Any]:
    """The candidate pairs of a batch and their feature rows (what the model scores; the
    training script reads the same)."""
    views = pairs.build_views(docs, vectors, embeddings)
    candidates = pairs.candidate_pairs(views, topic_rows(features))
    return candidates, pairs.pair_features(views, candidates)


def overrides(left, right, scores, n: int) -> LinkOverrides:
    """``LinkOverrides`` of pairs (left[k], right[k]) scored ``scores[k]`` in a batch of ``n``."""
    import numpy as np
    from scipy.sparse import csr_matrix

    number = np.arange(1, len(scores) + 1)
    matrix = csr_matrix((np.concatenate([number, number]), (np.concatenate([left, right]), np.concatenate([right, left]))),
                        shape=(n, n))
    return LinkOverrides(matrix, np.asarray(scores, dtype=np.float64))


def topic_rows(features):
    """``rows -> similarity block`` of topic-space rows against the whole batch."""
    words, dense = features
    return lambda rows: (words[rows] @ words.T).toarray() + dense[rows] @ dense.T
