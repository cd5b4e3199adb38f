"""Train the learned same-story similarity (cluster/similarity.py) and write the shipped model.

    nice .venv/bin/python bench/train_same_story.py --data ../shared/data [--cache /tmp/embeddings]
        [--out src/newsbrief/cluster/models/same_story.json] [--grid]

Training data (development sets only, never the kept-aside ones), one story = one gold cluster:

    duc2006 + duc2007_main       the stories whose crc32(id) is even (the other half and all of
                                 duc2003_task2 are the report split)
    uci_headlines_stories        the same half by crc32 (the other half: report split)
    multinews_mnplus_dev         stories 0-300 and 600-1000 (300-600: report split)
    ecbplus_dev/ecbplus_train    the 25 train topics, a story = a sub-topic (one seminal event; the
                                 two sub-topics of a topic are look-alike events: hard negatives);
                                 the dev topics are the report split

    1. folds     each set's training stories fall in two folds (the next bit of crc32(id)); each
                 fold of each set is one shuffled batch, ordered as ``cluster_docs`` orders it
    2. pairs     every batch's candidate pairs and features, exactly as ``cluster_docs`` computes
                 them (``similarity.batch_pairs`` over the batch's topic space); label: one gold story
    3. weights   within each set, positives and negatives weigh half each, and every set weighs alike
                 (otherwise the model would learn which set a pair comes from and its base rate)
    4. tune      a model trained on one fold scores the other; each fold's batches are clustered
                 as ``cluster_docs`` clusters them with it, over a grid of the link cut and scale; the
                 setting with the best mean B-cubed F1 over the sets among those whose precision on
                 no set is lower than without the model is kept (precision first; ``--grid`` prints
                 the grid)
    5. smallest  the smallest batch the model is used on: its features are measured inside the
                 batch (each article's nearest neighbours, embeddings centred on the batch), and in
                 a batch of a handful of articles every pair is a near neighbour. Out of fold, as
                 step 4: each fold's batches give ``SUB_BATCH_DRAWS`` sub-batches of each size in
                 ``SUB_BATCH_SIZES`` (whole stories drawn at random, then articles down to the
                 size), clustered with the other fold's model and without; the smallest size from
                 which on no set loses more than ``PRECISION_SLACK`` of precision at any size
                 (``--grid`` prints them). Smaller batches are clustered without the model
    6. export    the shipped model is the two fold models together (the mean of their raw scores):
                 the cut was tuned on each one's out-of-fold scores, and a model fitted on both folds
                 at once is more confident than either (on Multi-News 300-600 its mean probability of
                 a different-story pair was 0.088 against 0.073-0.075), so the tuned cut would not
                 fit it. Their trees go to JSON with a few fixed feature rows and scikit-learn's
                 probabilities for them (sigmoid of the mean decision function; the test checks
                 the numpy scorer against them)

Embeddings are computed with the shipped MiniLM (``--cache`` keeps them as .npy by text hash).
``--report-split DIR`` only writes the report split's stories of DUC and UCI as clusters.jsonl files
into DIR (outside the repository) for ``newsbrief eval --task clustering``, and exits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
import zlib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.cluster import ClusterConfig, Doc, batch, cluster_docs, embed, pairs, similarity
from newsbrief.evaluate.clustering import bcubed

CONFIG = ClusterConfig(quiet_days=None)  # as `newsbrief eval --task clustering` and `cluster` by default
WITHOUT = replace(CONFIG, learned=False)  # the same, without the model
OUT = Path(__file__).resolve().parent.parent / "src/newsbrief/cluster/models/same_story.json"
# HistGradientBoostingClassifier: small trees, enough of them to fit ~100k pairs; no early
# stopping (its validation split would cut across batches).
PARAMS = dict(max_iter=200, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0,
              early_stopping=False, random_state=0)
CUTS = (0.4, 0.5, 0.6, 0.7, 0.8)
LOGIT_SCALES = (1.0, 2.0, 4.0)
# A setting may lose at most this much B-cubed precision on any set against clustering without the
# model (precision first: a merge hides a story, a split only repeats it). Not 0: without the model
# the DUC folds (400-500 articles, below topics.MIN_ARTICLES) are linked by the mixed path at
# precision 0.979 and recall 0.786: no setting keeps all of that precision, and 0.01 is within
# the noise of folds of 16-20 stories.
PRECISION_SLACK = 0.015
SEED = 13
# Step 5: sub-batch sizes tried (articles) and sub-batches drawn per fold, set and size.
SUB_BATCH_SIZES = (10, 25, 50, 100, 200)
SUB_BATCH_DRAWS = 10


# --------------------------------------------------------------------------- data


def story_sets(data: Path) -> dict[str, list[tuple[str, list[dict]]]]:
    """Training stories of every set: name -> [(story id, documents)]."""
    def clusters(name: str) -> list[dict]:
        return [json.loads(line) for line in open(data / name / "clusters.jsonl", encoding="utf-8") if line.strip()]

    duc = [(f"duc2006/{s['id']}", s["documents"]) for s in clusters("duc2006")]
    duc += [(f"duc2007/{s['id']}", s["documents"]) for s in clusters("duc2007_main")]
    uci = [(f"uci/{s['id']}", s["documents"]) for s in clusters("uci_headlines_stories")]
    news = clusters("multinews_mnplus_dev")
    return {
        "duc2006+2007": [s for s in duc if _bit(s[0], 0) == 0],
        "uci": [s for s in uci if _bit(s[0], 0) == 0],
        "multinews": [(f"mn/{s['id']}", s["documents"]) for s in news[:300] + news[600:1000]],
        "ecb+ train": ecb_stories(data / "ecbplus_dev" / "ecbplus_train.jsonl"),
    }


def write_report_split(data: Path, folder: Path) -> None:
    """The report split's DUC (duc2003_task2 + the odd half of duc2006/2007) and UCI stories."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = {"duc_report.jsonl": ["duc2003_task2", "duc2006", "duc2007_main"], "uci_report.jsonl": ["uci_headlines_stories"]}
    prefixes = {"duc2006": "duc2006", "duc2007_main": "duc2007", "uci_headlines_stories": "uci"}
    for name, sets in parts.items():
        with open(folder / name, "w", encoding="utf-8") as out:
            for set_name in sets:
                for line in open(data / set_name / "clusters.jsonl", encoding="utf-8"):
                    story = json.loads(line)
                    if set_name not in prefixes or _bit(f"{prefixes[set_name]}/{story['id']}", 0) == 1:
                        out.write(json.dumps(story) + "\n")
        print(f"wrote {folder / name}")


def ecb_stories(path: Path) -> list[tuple[str, list[dict]]]:
    """ECB+ documents grouped by sub-topic (no titles, no dates in ECB+)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        groups[row["subtopic"]].append({"title": None, "text": row["text"], "date": None})
    return [(f"ecb/{key}", docs) for key, docs in sorted(groups.items())]


def _bit(story_id: str, k: int) -> int:
    return (zlib.crc32(story_id.encode()) >> k) & 1


def shuffled_batch(stories: list[tuple[str, list[dict]]]) -> tuple[dict[str, str], list[Doc]]:
    """Gold story per opaque article id, and the articles in ``cluster_docs``'s order."""
    flat = [(sid, d) for sid, docs in stories for d in docs]
    random.Random(SEED).shuffle(flat)
    gold, docs = {}, []
    for position, (sid, d) in enumerate(flat):
        doc_id = f"a{position:06d}"
        gold[doc_id] = sid
        docs.append(Doc(doc_id, d.get("title"), d.get("text"), d.get("date")))
    return gold, sorted(docs, key=lambda d: (d.date or "", d.id))


class Embedder:
    """MiniLM embeddings of title + lead, optionally cached on disk by text hash."""

    def __init__(self, cache: Path | None):
        self.cache = cache
        if cache:
            cache.mkdir(parents=True, exist_ok=True)

    def __call__(self, docs: list[Doc]) -> dict[str, np.ndarray]:
        texts = {d.id: embed.lead_text(d.title, d.text) for d in docs}
        keys = {i: hashlib.sha1(t.encode()).hexdigest() for i, t in texts.items()}
        found = {}
        for doc_id, key in keys.items():
            path = self.cache / f"{key}.npy" if self.cache else None
            if path and path.exists():
                found[doc_id] = np.load(path)
        missing = [i for i in texts if i not in found]
        for doc_id, row in zip(missing, embed.embed_texts([texts[i] for i in missing])):
            found[doc_id] = row
            if self.cache:
                np.save(self.cache / f"{keys[doc_id]}.npy", row)
        return found


# --------------------------------------------------------------------------- pairs and models


def batch_pairs(gold: dict[str, str], docs: list[Doc], embeddings: dict) -> dict:
    """A batch's topic space, candidate pairs, feature rows and labels, as ``cluster_docs`` computes them."""
    vectors = batch.batch_vectors(docs)
    features = batch.topic_space(docs, vectors, CONFIG, embeddings=embeddings)
    candidates, rows = similarity.batch_pairs(docs, vectors, embeddings, features)
    labels = np.array([gold[d.id] for d in docs])
    return {"features": features, "candidates": candidates, "rows": rows,
            "labels": (labels[candidates.left] == labels[candidates.right]).astype(int)}


def fit(batches: list[dict]):
    """Gradient-boosted trees on the batches' pairs, each set's classes weighing half of it."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows = np.vstack([b["rows"] for b in batches])
    labels = np.concatenate([b["labels"] for b in batches])
    sets = np.concatenate([[b["set"]] * len(b["labels"]) for b in batches])
    weights = np.zeros(len(labels))
    for name in set(sets.tolist()):
        mine = sets == name
        positives = labels[mine].sum()
        weights[mine] = np.where(labels[mine] == 1, 0.5 / positives, 0.5 / (mine.sum() - positives))
    weights *= len(labels) / weights.sum()
    return HistGradientBoostingClassifier(**PARAMS).fit(rows, labels, sample_weight=weights)


def export(models: list, cut: float, logit_scale: float, min_articles: int, check_rows: np.ndarray,
           trained_on: dict) -> dict:
    """The JSON of ``similarity.model_from_dict`` for the mean raw score of ``models``: every tree's
    nodes as arrays, leaf values divided by the number of models."""
    import sklearn

    trees, depth, share = [], 0, 1.0 / len(models)
    for model in models:
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise SystemExit("categorical splits cannot be exported")
            trees.append({
                "feature": nodes["feature_idx"].tolist(), "threshold": nodes["num_threshold"].tolist(),
                "missing_left": nodes["missing_go_to_left"].astype(bool).tolist(), "left": nodes["left"].tolist(),
                "right": nodes["right"].tolist(), "value": (nodes["value"] * share).tolist(),
                "leaf": nodes["is_leaf"].astype(bool).tolist(),
            })
            depth = max(depth, int(nodes["depth"].max()))
    raw = np.mean([model.decision_function(check_rows) for model in models], axis=0)
    probabilities = 1.0 / (1.0 + np.exp(-raw))
    return {
        "format": similarity.FORMAT, "features": list(pairs.FEATURES),
        "baseline": float(np.mean([np.ravel(model._baseline_prediction)[0] for model in models])), "depth": depth,
        "link": {"cut": cut, "logit_scale": logit_scale, "min_articles": min_articles}, "trees": trees, "trained_on": trained_on,
        "sklearn": sklearn.__version__, "params": {k: v for k, v in PARAMS.items()},
        "check": {"rows": [[None if np.isnan(v) else float(v) for v in row] for row in check_rows],
                  "probabilities": probabilities.tolist()},
    }


def check_rows(batches: list[dict]) -> np.ndarray:
    """A few fixed rows to check the exported trees: the first positive and negative of each batch,
    and one row of NaN (every missing branch)."""
    chosen = []
    for b in batches:
        for label in (1, 0):
            hits = np.flatnonzero(b["labels"] == label)
            if hits.size:
                chosen.append(b["rows"][hits[0]])
    return np.array(chosen + [np.full(len(pairs.FEATURES), np.nan)])


# --------------------------------------------------------------------------- tuning


def tune(folds: dict[int, list[dict]], models: dict[int, Any], show_grid: bool) -> tuple[float, float]:
    """(cut, logit scale) chosen on out-of-fold clusterings (step 4); ``models[k]`` was fitted on fold k."""
    scores: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for fold in (0, 1):
        model = models[1 - fold]
        for b in folds[fold]:
            off = cluster_docs(b["docs"], WITHOUT, embeddings=b["embeddings"])
            scores["off"][b["set"]].append(bcubed(b["gold"], off))
            probabilities = model.predict_proba(b["rows"])[:, 1]
            for cut in CUTS:
                for scale in LOGIT_SCALES:
                    found = cluster_with(b, similarity.link_scores(probabilities, cut, scale))
                    scores[(cut, scale)][b["set"]].append(bcubed(b["gold"], found))
    means = {key: {name: np.mean(values, axis=0) for name, values in by_set.items()} for key, by_set in scores.items()}
    off = means.pop("off")
    if show_grid:
        for key, by_set in [("off", off), *means.items()]:
            print(f"  {key}: " + "  ".join(f"{name} {p:.3f}/{r:.3f}/{f:.3f}" for name, (p, r, f) in by_set.items())
                  + f"  mean F1 {_mean_f1(by_set):.3f}")
    lost = {key: max(off[name][0] - by_set[name][0] for name in off) for key, by_set in means.items()}
    fair = [key for key in means if lost[key] <= PRECISION_SLACK] or [min(lost, key=lost.get)]
    cut, scale = max(fair, key=lambda key: _mean_f1(means[key]))
    print(f"out of fold (B3-P/R/F1 per set, mean over its two folds): without the model "
          + "  ".join(f"{name} {p:.3f}/{r:.3f}/{f:.3f}" for name, (p, r, f) in off.items())
          + f"; chosen cut {cut}, logit scale {scale}: "
          + "  ".join(f"{name} {p:.3f}/{r:.3f}/{f:.3f}" for name, (p, r, f) in means[(cut, scale)].items()))
    return cut, scale


def smallest_batch(folds: dict[int, list[dict]], models: dict[int, Any], cut: float, scale: float,
                   show_grid: bool) -> int:
    """Step 5: the smallest batch (articles) the model is used on; ``models[k]`` was fitted on fold k."""
    draw = random.Random(SEED)
    lost: dict[int, float] = {}
    for size in SUB_BATCH_SIZES:
        scores: dict[str, list] = defaultdict(list)
        for fold in (0, 1):
            for b in folds[fold]:
                for _ in range(SUB_BATCH_DRAWS):
                    sub = sub_batch(b, size, draw)
                    off = cluster_docs(sub["docs"], WITHOUT, embeddings=sub["embeddings"])
                    probabilities = models[1 - fold].predict_proba(sub["rows"])[:, 1]
                    on = cluster_with(sub, similarity.link_scores(probabilities, cut, scale))
                    scores[b["set"]].append((bcubed(sub["gold"], off), bcubed(sub["gold"], on)))
        means = {name: np.mean(pairs_of, axis=0) for name, pairs_of in scores.items()}  # set -> (off, on) x (P, R, F1)
        lost[size] = max(off[0] - on[0] for off, on in means.values())
        if show_grid:
            print(f"  {size} articles (without / with the model): " + "  ".join(
                f"{name} {off[0]:.3f}/{off[1]:.3f}/{off[2]:.3f} {on[0]:.3f}/{on[1]:.3f}/{on[2]:.3f}"
                for name, (off, on) in means.items()))
    fine = [size for size in SUB_BATCH_SIZES if all(lost[s] <= PRECISION_SLACK for s in SUB_BATCH_SIZES if s >= size)]
    smallest = min(fine) if fine else min(len(b["docs"]) for fold in folds.values() for b in fold)
    print("sub-batches out of fold, most precision lost on a set: "
          + "  ".join(f"{size} articles {lost[size]:+.3f}" for size in SUB_BATCH_SIZES)
          + f"; the model is used from {smallest} articles")
    return smallest


def sub_batch(b: dict, size: int, draw: random.Random) -> dict:
    """``size`` articles of batch ``b``: whole stories at random until there are enough, then
    articles at random down to ``size``; its pairs as ``cluster_docs`` computes them."""
    members: dict[str, list[Doc]] = defaultdict(list)
    for d in b["docs"]:
        members[b["gold"][d.id]].append(d)
    stories, chosen = sorted(members), []
    draw.shuffle(stories)
    for story in stories:
        chosen += members[story]
        if len(chosen) >= size:
            break
    keep = {d.id for d in draw.sample(chosen, min(size, len(chosen)))}
    docs = [d for d in b["docs"] if d.id in keep]  # still in cluster_docs's order
    gold = {d.id: b["gold"][d.id] for d in docs}
    embeddings = {d.id: b["embeddings"][d.id] for d in docs}
    return {"gold": gold, "docs": docs, "embeddings": embeddings, **batch_pairs(gold, docs, embeddings)}


def cluster_with(b: dict, scores: np.ndarray) -> dict[str, str]:
    """``cluster_docs``'s learned path on a batch whose pairs were scored already (steps 3-8)."""
    candidates = b["candidates"]
    links = similarity.overrides(candidates.left, candidates.right, scores, len(b["docs"]))
    linked, similarity_of = batch.topic_stories(b["docs"], b["features"], CONFIG, links)
    return batch.story_stages(b["docs"], linked, similarity_of, CONFIG)


def _mean_f1(by_set: dict) -> float:
    return float(np.mean([f for _, _, f in by_set.values()]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--cache", type=Path, help="folder to keep embeddings in between runs")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--grid", action="store_true", help="print every setting tried in steps 4 and 5")
    parser.add_argument("--report-split", type=Path, metavar="DIR",
                        help="only write the report split of DUC and UCI as clusters.jsonl files into DIR")
    args = parser.parse_args()
    if args.report_split:
        write_report_split(args.data, args.report_split)
        return 0
    started = time.perf_counter()
    embedder = Embedder(args.cache)
    folds: dict[int, list[dict]] = {0: [], 1: []}
    trained_on = {}
    for name, stories in story_sets(args.data).items():  # 1. folds
        trained_on[name] = {"stories": len(stories), "articles": sum(len(d) for _, d in stories)}
        for fold in (0, 1):
            gold, docs = shuffled_batch([s for s in stories if _bit(s[0], 1) == fold])
            embeddings = embedder(docs)
            found = {"set": name, "gold": gold, "docs": docs, "embeddings": embeddings,
                     **batch_pairs(gold, docs, embeddings)}  # 2. pairs
            folds[fold].append(found)
            labels = found["labels"]
            print(f"{name} fold {fold}: {len(docs)} articles, {len(labels)} candidate pairs, {labels.sum()} same-story "
                  f"({time.perf_counter() - started:.0f}s)", flush=True)
    models = {fold: fit(folds[fold]) for fold in (0, 1)}  # 3. weights
    cut, scale = tune(folds, models, args.grid)  # 4. tune
    min_articles = smallest_batch(folds, models, cut, scale, args.grid)  # 5. smallest
    everything = folds[0] + folds[1]  # 6. export
    trained_on["split"] = ("duc2006+2007 and uci: crc32(story id) even; multinews: stories 0-300 and 600-1000; "
                           "ecb+: train topics, stories = sub-topics")
    document = export([models[0], models[1]], cut, scale, min_articles, check_rows(everything), trained_on)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    loaded = similarity.model_from_dict(document)
    agree = np.abs(loaded.probability(check_rows(everything)) - np.array(document["check"]["probabilities"])).max()
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {len(document['trees'])} trees); "
          f"numpy scorer vs scikit-learn: max difference {agree:.2e} ({time.perf_counter() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
