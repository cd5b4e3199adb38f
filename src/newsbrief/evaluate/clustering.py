"""``newsbrief eval --task clustering STORIES.jsonl...``: story clustering against gold stories.

    1. flatten   the stories of every given set into one article stream; gold story = story id
                 (prefixed by the set's file, so equal ids in two sets stay apart); gold stories
                 that share a document count as one (``shared_as_one``), as the issue's kept-aside
                 stream is scored, unless ``gold_as_given``
    2. shuffle   with ``seed``; article ids are opaque ("a00042", the position after shuffling),
                 so neither order nor ids leak the gold story
    3. cluster   newsbrief's batch clustering, and the baseline: TF-IDF (sublinear, English stop
                 words) + average-link agglomerative clustering at a fixed cosine distance
    4. score     B-cubed precision/recall/F1 and adjusted Rand index (scikit-learn)
    5. reshuffle with ``seed + 1`` and report how much newsbrief's F1 moves
    6. online    with ``--online``: the same articles through a fresh store's ``add``, in date
                 order, and the store's stories scored (``online_clusters``)

``run(args)`` reads ``args.stories`` (paths), and if present ``output`` (JSON report),
``limit`` (stories per file), ``skip`` (stories per file left out before them: a second slice of a
set, e.g. Multi-News stories 300-600 with skip 300, limit 300; a path ``FILE#300:600`` slices that
file alone), ``baselines`` (False, '' or 'none' skip the baseline), ``seed``,
``gold_as_given`` (True: gold stories that share a document stay apart),
``quiet_days`` (the time window; default none, because DUC topics span years), ``embed``
(False: TF-IDF only even when the embedding packages are installed), ``learned`` (False: without
the learned same-story similarity, cluster/similarity.py), ``tree_ceiling`` (True: also
report the best any cut of newsbrief's average-link tree could score, ``tree_ceiling``), ``online``
(True: also stream the articles through a fresh store, ``add`` in date order with the store's
window unless ``quiet_days``, and score its stories as "newsbrief-online": the articles the store
keeps; it skips those with no body, so bare headlines are not scored; ``add``'s local regroup on,
with embeddings unless ``embed`` is False, unless ``local_regroup`` is False), ``format``
("json": one object ``{"task": "clustering", "systems": {"newsbrief": {"bcubed_precision",
"bcubed_recall", "bcubed_f1", "ari"}, "tfidf-avg-link": {...}}}`` on stdout, the text lines on stderr).

Story files are ``clusters.jsonl`` (one story per line) or ECB+ documents (``ecbplus_*.jsonl``, one
document per line): the gold story of an ECB+ document is its sub-topic (one seminal event; the
two sub-topics of a topic are look-alike events).
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..cluster import ClusterConfig, Doc, cluster_docs, embed, similarity
from ..cluster.options import STREAM_QUIET_DAYS
from ..errors import InputError
from ..store.regroup import LocalRegroup

# Weights w of w x B-cubed precision + (1 - w) x recall at which ``best_tree_cut`` finds the best
# cut of a tree; every such cut is on the precision-recall frontier of the tree's cuts, and the
# weights together bound the F1 of any cut from above (on the development sets within 0.001).
CEILING_WEIGHTS = tuple(k / 50 for k in range(1, 50))
# Cosine distance at which the baseline stops merging. 0.9 (similarity 0.1) is near
# its best on both the DUC mix and the UCI headlines (see docs/store.md); fixed, not tuned per set.
BASELINE_DISTANCE = 0.9
BASELINE_NAME = "tfidf-avg-link"
ONLINE_NAME = "newsbrief-online"
# The window of ``--online`` when none is given: the store's (cluster/options.py).
ONLINE_QUIET_DAYS = STREAM_QUIET_DAYS
DEFAULT_SEED = 13


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    ari: float
    clusters: int
    seconds: float

    def metrics(self) -> dict[str, float]:
        """The scores of ``eval --format json`` (0-1)."""
        return {"bcubed_precision": self.precision, "bcubed_recall": self.recall, "bcubed_f1": self.f1,
                "ari": self.ari}

    def line(self, name: str) -> str:
        return (f"{name:<28} B3-P {self.precision:.3f}  B3-R {self.recall:.3f}  B3-F1 {self.f1:.3f}  "
                f"ARI {self.ari:.3f}  clusters {self.clusters:>5}  {self.seconds:6.1f}s")


def run(args: Any) -> int:
    paths = list(getattr(args, "stories", None) or [])
    seed = getattr(args, "seed", None)
    seed = DEFAULT_SEED if seed is None else int(seed)
    limit = getattr(args, "limit", None)
    quiet_days = getattr(args, "quiet_days", None)
    as_json = getattr(args, "format", "text") == "json"
    say = (lambda line: print(line, file=sys.stderr)) if as_json else print
    given = load_stream(paths, limit, getattr(args, "skip", 0) or 0)  # 1. flatten
    articles = given if getattr(args, "gold_as_given", False) else shared_as_one(given)
    config = ClusterConfig(quiet_days=quiet_days)
    config = replace(config, learned=False) if getattr(args, "learned", None) is False else config
    gold, docs = shuffled(articles, seed)  # 2. shuffle
    stories, stories_given = len({story for story, _ in articles}), len({story for story, _ in given})
    say(f"clustering: {len(docs)} articles, {stories} gold stories from {', '.join(paths)}"
        + (f" ({stories_given} as given; stories that share a document count as one)" if stories != stories_given
           else ""))
    use_embeddings = getattr(args, "embed", True) is not False and embed.available()
    learned = config.learned and use_embeddings and similarity.applies(len(docs))
    say(f"embeddings: {'all-MiniLM-L6-v2 (title + lead)' if use_embeddings else 'off (TF-IDF only)'}; learned "
        f"same-story similarity: {'on' if learned else 'off'}")
    meanings, embed_seconds = timed(lambda: embed_stream(articles) if use_embeddings else None)
    if meanings is not None:
        say(f"embedded {len(articles)} articles in {embed_seconds:.1f}s (once; both shuffles reuse them)")
    ours = score(gold, *timed(lambda: ours_clusters(docs, config, meanings)))  # 3.-4.
    say(ours.line("newsbrief"))
    report: dict[str, Any] = {"articles": len(docs), "stories": stories, "stories_as_given": stories_given,
                              "seed": seed,
                              "quiet_days": quiet_days, "embeddings": use_embeddings, "learned": learned,
                              "embed_seconds": embed_seconds if use_embeddings else 0.0, "newsbrief": _as_dict(ours)}
    systems = {"newsbrief": ours}
    if _wants_baseline(getattr(args, "baselines", True)):
        systems[BASELINE_NAME] = base = score(gold, *timed(lambda: baseline_clusters(docs)))
        say(base.line(f"baseline tfidf+avg-link@{BASELINE_DISTANCE}"))
        report["baseline"] = _as_dict(base)
    if getattr(args, "tree_ceiling", False):
        report["tree_ceiling"] = _print_ceiling(gold, docs, config, meanings, say)
    if getattr(args, "online", False):  # 6. the store's stories
        regrouping = _local_regroup(args, use_embeddings)
        (found, counts), seconds = timed(lambda: online_clusters(docs, quiet_days, regrouping, config.learned))
        kept = {doc_id: gold[doc_id] for doc_id in found}
        window = ONLINE_QUIET_DAYS if quiet_days is None else quiet_days
        how = "no local regroup" if regrouping is None else (
            f"local regroup every {regrouping.every} articles, up to {regrouping.max_articles}, "
            f"{'with' if regrouping.embed else 'without'} embeddings")
        say(f"online: a fresh store, `add` in date order ({window}-day window, {how}): {counts['stored']} stored, "
            f"{counts['duplicate']} copies, {counts['skipped']} skipped (no body left after cleaning: not scored)")
        if kept:
            systems[ONLINE_NAME] = online = score(kept, found, seconds)
            say(online.line("newsbrief online (store)"))
            report["online"] = {**_as_dict(online), **counts, "quiet_days": window,
                                "local_regroup": None if regrouping is None else {
                                    "every": regrouping.every, "max_articles": regrouping.max_articles,
                                    "neighbours": regrouping.neighbours, "embed": regrouping.embed}}
    gold2, docs2 = shuffled(articles, seed + 1)  # 5. reshuffle
    again = score(gold2, *timed(lambda: ours_clusters(docs2, config, meanings)))
    delta = abs(again.f1 - ours.f1)
    say(f"second shuffle (seed {seed + 1}): newsbrief B3-F1 {again.f1:.3f} (change {delta:.4f})")
    report["reshuffled"] = _as_dict(again)
    report["shuffle_f1_change"] = delta
    if as_json:
        print(json.dumps({"task": "clustering", "systems": {name: s.metrics() for name, s in systems.items()},
                          "articles": len(docs), "stories": stories, "stories_as_given": stories_given,
                          "seed": seed, "learned": learned,
                          "shuffle_f1_change": delta}))
    output = getattr(args, "output", None)
    if output:
        Path(output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def _local_regroup(args: Any, use_embeddings: bool) -> LocalRegroup | None:
    """The online store's local regroup: the store's default, with embeddings when the run has them."""
    if getattr(args, "local_regroup", True) is False:
        return None
    return LocalRegroup(embed=use_embeddings)


def online_clusters(docs: Sequence[Doc], quiet_days: int | None, local_regroup: LocalRegroup | None = LocalRegroup(),
                    learned: bool = True) -> tuple[dict[str, str], dict[str, int]]:
    """The stories a fresh store forms when ``docs`` arrive through ``add`` one by one in date
    order (``Store.add_articles``, the store's own window unless ``quiet_days``, its local regroup
    as given, the learned similarity in it unless ``learned`` is False): article id ->
    stored story for the articles it kept (a copy: its original's story), and how many it stored,
    found to be copies and skipped. The store lives in a temporary folder."""
    import tempfile

    from ..model import Article
    from ..store import Store

    ordered = sorted(docs, key=lambda d: (d.date or "", d.id))
    config = ClusterConfig(quiet_days=ONLINE_QUIET_DAYS if quiet_days is None else quiet_days, learned=learned)
    counts = {"stored": 0, "duplicate": 0, "skipped": 0}
    with tempfile.TemporaryDirectory(prefix="newsbrief-online-") as folder:
        with Store.open(Path(folder) / "online.db", config, local_regroup=local_regroup) as store:
            results = store.add_articles(Article(id=d.id, text=d.text or "", title=d.title, date=d.date)
                                         for d in ordered)
            story_of = {a.id: row.id for row in store.stories() for a in store.articles_of_story(row.id)}
    found = {}
    for doc, result in zip(ordered, results):
        counts[result.status] += 1
        if result.status != "skipped" and result.article in story_of:
            found[doc.id] = story_of[result.article]
    return found, counts


def embed_stream(stream: Sequence[tuple[str, Doc]]) -> dict[tuple[str, str], Any]:
    """Embedding of every distinct (title, text) of the stream, keyed by them (ids change per shuffle)."""
    keys = sorted({(doc.title or "", doc.text or "") for _, doc in stream})
    vectors = embed.embed_texts([embed.lead_text(title, text) for title, text in keys])
    return dict(zip(keys, vectors))


def ours_clusters(docs: Sequence[Doc], config: ClusterConfig, meanings: Mapping | None) -> dict[str, str]:
    """newsbrief's batch clustering, with the stream's embeddings when there are any."""
    return cluster_docs(docs, config, embeddings=_embeddings_of(docs, meanings))


def _embeddings_of(docs: Sequence[Doc], meanings: Mapping | None) -> dict[str, Any] | None:
    """Article id -> embedding, looked up by (title, text) in ``embed_stream``'s table."""
    return None if meanings is None else {d.id: meanings[(d.title or "", d.text or "")] for d in docs}


def _print_ceiling(gold: Mapping[str, str], docs: Sequence[Doc], config: ClusterConfig,
                   meanings: Mapping | None, say=print) -> dict[str, float] | None:
    ceiling = tree_ceiling(gold, docs, config, meanings)
    if ceiling is None:
        say("tree ceiling: none (the batch is outside the topic space's sizes: no average-link tree)")
        return None
    say(f"tree ceiling (best cut of the average-link tree, gold known): B3-P {ceiling['precision']:.3f}  "
          f"B3-R {ceiling['recall']:.3f}  B3-F1 {ceiling['f1']:.3f}  (no cut above {ceiling['f1_bound']:.3f})")
    return ceiling


def tree_ceiling(gold: Mapping[str, str], docs: Sequence[Doc], config: ClusterConfig,
                 meanings: Mapping | None) -> dict[str, float] | None:
    """How far any cut of newsbrief's average-link tree could go: B-cubed of its best cut.

    Builds the tree ``cluster_docs`` cuts at similarity 1 (topic space, before the story-level
    stages) and picks, knowing the gold, the cut (each branch kept whole or split) with the
    highest F1 (``best_tree_cut``). A method that only chooses where to cut that tree (a cut that
    adapts to each branch) can score no more than ``f1_bound``. None when the batch is not
    clustered in the topic space (``topics.applies``). The tree is that of the topic-space
    similarity, without the learned link scores (cluster/similarity.py).
    """
    from ..cluster import batch, topics

    ordered = sorted(docs, key=lambda d: (d.date or "", d.id))
    if not topics.applies(len(ordered)):
        return None
    vectors = batch.batch_vectors(ordered)
    features = batch.topic_space(ordered, vectors, config, embeddings=_embeddings_of(ordered, meanings))
    tree, _ = topics.average_link_tree(ordered, features, None)  # as cluster_docs: the window comes after
    precision, recall, f1, bound = best_tree_cut(tree, [gold[d.id] for d in ordered])
    return {"precision": precision, "recall": recall, "f1": f1, "f1_bound": bound}


def best_tree_cut(tree, labels: Sequence[str], weights: Sequence[float] = CEILING_WEIGHTS
                  ) -> tuple[float, float, float, float]:
    """(B-cubed precision, recall, F1, upper bound of F1) of the best cut of a scipy linkage tree.

    ``labels`` are the gold stories of the tree's leaves. B-cubed precision and recall are sums
    over the predicted clusters, so for each weight w the cut maximising w P + (1 - w) R is found
    exactly by one pass up the tree (keep a branch whole when that beats the best of its two
    children); the best F1 of those cuts is returned. The F1-best cut itself may lie inside that
    frontier, where no weight picks it; but every cut's (P, R) satisfies w P + (1 - w) R <= the
    best value at every w, so the highest F1 inside those lines bounds the F1 of every cut. On the
    development sets the two agree to 0.001.
    """
    sizes = Counter(labels)
    counts = [Counter({label: 1}) for label in labels]
    for left, right, *_ in tree:
        counts.append(counts[int(left)] + counts[int(right)])
    n = len(labels)
    # (precision sum, recall sum) of a branch's articles if the branch were one cluster
    whole = [(sum(c * c for c in cnt.values()) / sum(cnt.values()), sum(c * c / sizes[g] for g, c in cnt.items()))
             for cnt in counts]
    best, frontier = (0.0, 0.0, 0.0), []
    for w in weights:
        precision, recall = (total / n for total in _best_cut_sums(tree, whole, n, w))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        best = max(best, (f1, precision, recall))
        frontier.append((w, w * precision + (1 - w) * recall))
    return best[1], best[2], best[0], max(best[0], _f1_bound(frontier))  # the grid may pass the best by a hair


def _best_cut_sums(tree, whole: Sequence[tuple[float, float]], n: int, w: float) -> tuple[float, float]:
    """(precision sum, recall sum) of the cut maximising w P + (1 - w) R (branches bottom up)."""
    best = list(whole[:n])
    for k, (left, right, *_) in enumerate(tree):
        split = tuple(a + b for a, b in zip(best[int(left)], best[int(right)]))
        kept = whole[n + k]
        better = w * kept[0] + (1 - w) * kept[1] >= w * split[0] + (1 - w) * split[1]
        best.append(kept if better else split)
    return best[-1]


def _f1_bound(frontier: Sequence[tuple[float, float]], steps: int = 5000) -> float:
    """Highest F1 of a (P, R) in [0, 1]^2 with w P + (1 - w) R <= v for every (w, v)."""
    bound = 0.0
    for k in range(1, steps + 1):
        recall = k / steps
        precision = min(1.0, *((v - (1 - w) * recall) / w for w, v in frontier))
        if precision > 0:
            bound = max(bound, 2 * precision * recall / (precision + recall))
    return bound


def _wants_baseline(value: Any) -> bool:
    """``--baselines`` of ``newsbrief eval`` names summary baselines; '' / 'none' / False skip ours."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "none")
    return value is not False


def _as_dict(scores: Scores) -> dict[str, float]:
    return {k: getattr(scores, k) for k in Scores.__slots__}


# --------------------------------------------------------------------------- data


def load_stream(paths: Sequence[str], limit: int | None = None, skip: int = 0) -> list[tuple[str, Doc]]:
    """(gold story, article) for every article of every story in the files (ids assigned later).

    Per file: the stories after the first ``skip``, at most ``limit`` of them; a path written
    ``FILE#START:END`` takes stories START to END of that file instead (either may be left out),
    so one stream can mix whole sets with a slice of another (the DUC mix + Multi-News 300-600)."""
    if not paths:
        raise InputError("eval --task clustering", "no story files given", "give one or more STORIES.jsonl files")
    stream: list[tuple[str, Doc]] = []
    for given in paths:
        path, window = _story_slice(given, limit, skip)
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise InputError(path, f"cannot read ({error.strerror})", "give a clusters.jsonl file") from None
        stories = _by_subtopic(rows) if (rows := [json.loads(line) for line in lines if line.strip()]) and \
            "subtopic" in rows[0] else rows
        for story in stories[window]:
            gold = f"{path}#{story.get('id')}"
            for document in story.get("documents") or ():
                stream.append((gold, Doc("", document.get("title"), document.get("text"), document.get("date"))))
    return stream


# A document shorter than this many words is no evidence that two gold stories are one: a bare
# headline ("Stocks fall") can stand in two stories of a headline set without them being the same.
SHARED_DOCUMENT_WORDS = 50


def shared_as_one(stream: Sequence[tuple[str, Doc]]) -> list[tuple[str, Doc]]:
    """``stream`` with gold stories that share a document joined into one (issue 16 scores its kept-aside
    stream so: DUC's editors put some articles, word for word, into two topics, and no clustering can
    put one article in two stories). A shared document is one whose text, spaces aside, stands in both,
    with at least SHARED_DOCUMENT_WORDS words. The joined story takes the first of its ids in sort order."""
    parent: dict[str, str] = {}

    def root(story: str) -> str:
        while parent.setdefault(story, story) != story:
            parent[story] = parent[parent[story]]
            story = parent[story]
        return story

    first_story_of: dict[str, str] = {}
    for story, doc in stream:
        words = (doc.text or "").split()
        if len(words) < SHARED_DOCUMENT_WORDS:
            root(story)
            continue
        other = first_story_of.setdefault(" ".join(words), story)
        low, high = sorted((root(story), root(other)))
        parent[high] = low
    return [(root(story), doc) for story, doc in stream]


def _by_subtopic(documents: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """ECB+ documents (one per line) as stories: one per sub-topic, in sub-topic order."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for document in documents:
        groups[str(document["subtopic"])].append({"title": None, "text": document.get("text"), "date": None})
    return [{"id": key, "documents": groups[key]} for key in sorted(groups)]


def _story_slice(given: str, limit: int | None, skip: int) -> tuple[str, slice]:
    """(file, stories to take) of a path argument: ``FILE#START:END`` or a plain file."""
    default = slice(skip, skip + limit if limit else None)
    path, mark, window = given.rpartition("#")
    if not mark or Path(given).exists():
        return given, default
    try:
        start, end = (int(part) if part.strip() else None for part in window.split(":"))
    except ValueError:
        raise InputError(given, f"cannot read the story slice {window!r}",
                         "write FILE#START:END with whole numbers, e.g. clusters.jsonl#300:600") from None
    return path, slice(start, end)


def shuffled(stream: Sequence[tuple[str, Doc]], seed: int) -> tuple[dict[str, str], list[Doc]]:
    order = list(stream)
    random.Random(seed).shuffle(order)
    gold: dict[str, str] = {}
    docs: list[Doc] = []
    for position, (story, doc) in enumerate(order):
        doc_id = f"a{position:06d}"
        gold[doc_id] = story
        docs.append(Doc(doc_id, doc.title, doc.text, doc.date))
    return gold, docs


# --------------------------------------------------------------------------- baseline and scores


def baseline_clusters(docs: Sequence[Doc], distance: float = BASELINE_DISTANCE) -> dict[str, str]:
    """TF-IDF (sublinear tf, English stop words) + average-link agglomerative clustering (cosine).

    Cosine distances are precomputed from the L2-normalised rows, so an article with no
    words left (distance 1 to everything) is its own cluster instead of an error."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{d.title or ''}\n{d.text or ''}" for d in docs]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=distance)
    labels = model.fit_predict(distances)
    return {d.id: str(label) for d, label in zip(docs, labels)}


def timed(fn) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def score(gold: Mapping[str, str], predicted: Mapping[str, str], seconds: float = 0.0) -> Scores:
    from sklearn.metrics import adjusted_rand_score

    precision, recall, f1 = bcubed(gold, predicted)
    ids = sorted(gold)
    ari = adjusted_rand_score([gold[i] for i in ids], [predicted[i] for i in ids])
    return Scores(precision, recall, f1, float(ari), len(set(predicted.values())), seconds)


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
        by_pred[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        gold_set, pred_set = by_gold[gold[item]], by_pred[predicted[item]]
        shared = len(gold_set & pred_set)
        precision += shared / len(pred_set)
        recall += shared / len(gold_set)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


if __name__ == "__main__":  # python -m newsbrief.evaluate.clustering STORIES.jsonl...
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="+", help="clusters.jsonl files; FILE#START:END takes a slice of one")
    parser.add_argument("--output")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N stories of each file")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quiet-days", type=int)
    parser.add_argument("--no-baseline", dest="baselines", action="store_false")
    parser.add_argument("--no-embed", dest="embed", action="store_false", help="TF-IDF only")
    parser.add_argument("--no-learned", dest="learned", action="store_false",
                        help="without the learned same-story similarity")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--online", action="store_true",
                        help="also stream the articles through a fresh store (add, date order) and score its stories")
    parser.add_argument("--no-local-regroup", dest="local_regroup", action="store_false",
                        help="with --online: the store's add without its local regroup")
    parser.add_argument("--tree-ceiling", action="store_true",
                        help="also report the best cut of the average-link tree (gold known)")
    parser.add_argument("--gold-as-given", action="store_true",
                        help="keep gold stories that share a document apart (default: counted as one)")
    sys.exit(run(parser.parse_args()))
