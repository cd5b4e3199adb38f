"""A learned same-story similarity: gradient-boosted trees over pair features (pairs.py).

    1. pairs     each article's nearest neighbours in the batch's topic space (pairs.py)
    2. score     the shipped model gives each candidate pair a probability of one story
    3. link      the pair's link score becomes 1 + (logit p - logit cut) / LOGIT_SCALE: the
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
# Whether ``cluster_docs`` links on the learned similarity when it has embeddings (the model was
# trained with them). Off until measured on the development sets' report split (docs/store.md).
LEARNED_DEFAULT = False


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
    meta: dict

    def probability(self, rows):
        """P(same story) of each row of a pairs x features matrix (NaN = missing)."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.float64)
        raw = np.full(len(rows), self.baseline)
        index = np.arange(len(rows))
        for root in self.roots.tolist():
            node = np.full(len(rows), root)
            for _ in range(self.depth):
                values = rows[index, self.feature[node]]
                go_left = np.where(np.isnan(values), self.missing_left[node], values <= self.threshold[node])
                node = np.where(go_left, self.left[node], self.right[node])
            raw += self.value[node]
        return 1.0 / (1.0 + np.exp(-raw))

    def link_scores(self, probabilities):
        """Probabilities on the topic space's scale: ``cut`` -> 1 (see the module docstring)."""
        return link_scores(probabilities, self.cut, self.logit_scale)


def link_scores(probabilities, cut: float, logit_scale: float):
    """1 + (logit p - logit cut) / logit_scale: the probability ``cut`` at the clusterer's cut."""
    import numpy as np

    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    return 1.0 + (np.log(p / (1 - p)) - math.log(cut / (1 - cut))) / logit_scale


def model_from_dict(data: dict, source: str = "model") -> SameStoryModel:
    """The model of a decoded ``same_story.json``; NewsbriefError when it is not one this code reads."""
    import numpy as np

    if data.get("format") != FORMAT or tuple(data.get("features", ())) != pairs.FEATURES:
        raise NewsbriefError(f"{source}: not a same-story model for these pair features ({FORMAT}); "
                             "rebuild it with bench/train_same_story.py")
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
        meta={k: data[k] for k in ("trained_on", "sklearn", "check") if k in data},
    )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> SameStoryModel:
    """The shipped model (read once per process)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NewsbriefError(f"{path}: cannot read the same-story model ({error}); reinstall newsbrief") from None
    return model_from_dict(data, str(path))


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
