"""Train a "same news story" metric on MiniLM embeddings: within-class covariance normalisation.

    python bench/train_metric.py ../shared/data [--out metric.npy] [--shrink 0.6] [--power 0.25]
        [--within story|article] [--cache emb.npz] [--evaluate STORIES.jsonl...]

An experiment, not part of the method: no map made here ships with newsbrief, because none helped
on all three development sets (docs/store.md, "What was tried": the learned metric). ``--evaluate``
clusters the given story files (one stream, as ``python -m newsbrief.evaluate.clustering``; seed 13)
with the plain embeddings and with the map applied to them before ``cluster_docs``, and prints
B-cubed F1 and the tree ceiling (``evaluate.clustering.tree_ceiling``) of both.

Data (only sets the clustering evaluation does not score):
  - timeline17_dev: its 4 topics (bpoil, EgyptianProtest, H1N1, MJ; rows of one topic from several
    outlets are one story): long-running stories, the within-story spread of months of coverage;
  - duc2007_update: the topics whose id does not appear in duc2007_main (D0703, D0706, D0726, D0736;
    the other six are the same topics as evaluated DUC 2007 stories, so they are left out).
Multi-News has no stories beyond the 1,000 of multinews_mnplus_dev, all used elsewhere: none is used.

What it learns (WCCN, as in speaker verification): the within-story covariance Sw of the articles'
embeddings (each article minus its story's mean), shrunk towards a multiple of the identity,
Sw' = (1 - shrink) Sw + shrink tr(Sw)/D I; the map is A = Sw'^(-1/2), scaled so that its mean
eigenvalue is 1 (``--power`` 0.5 is full whitening, 0.25 half of it). Directions in which articles
of one story differ (outlet, genre, which day of the story) are damped; directions in which they
agree keep their weight. Closed form: no labels of pairs between stories are needed, which suits
the 6 stories there are. ``--within article``: Sw from the two halves of each training article
instead (its title + first 80 words against its words 80-160, each of 40+ words): thousands of
"stories" of one article each. The map is saved as float16 (384 x 384, 295 KB).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

EVALUATED_DUC_PREFIXES_FILE = "duc2007_main/clusters.jsonl"
BOILERPLATE = re.compile(r"e-mail|password|sign up|edition|share your|cookies|subscribe|advertis|\|", re.I)
PTB = [(" n't", "n't"), (" 's", "'s"), (" ,", ","), (" .", "."), (" ;", ";"), (" :", ":"), (" ?", "?"),
       ("-LRB- ", "("), (" -RRB-", ")"), ("`` ", '"'), (" ''", '"')]


def clean_ptb(text: str) -> str:
    """Timeline17 text is PTB-tokenised with page boilerplate: keep sentence lines of 8+ tokens, detokenise."""
    lines = [ln for ln in text.splitlines() if len(ln.split()) >= 8 and not BOILERPLATE.search(ln)]
    joined = " ".join(lines)
    for old, new in PTB:
        joined = joined.replace(old, new)
    return joined


def training_stories(data: Path) -> list[tuple[str, str | None, str]]:
    """(story label, title, text) of every training article."""
    rows = []
    for line in (data / "timeline17_dev" / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        topic = story.get("topic") or story["id"].split("_")[0]
        for doc in story["documents"]:
            text = clean_ptb(doc.get("text") or "")
            if text:
                rows.append((f"t17:{topic}", None, text))
    evaluated = {json.loads(line)["id"][:5]
                 for line in (data / EVALUATED_DUC_PREFIXES_FILE).read_text(encoding="utf-8").splitlines() if line.strip()}
    for line in (data / "duc2007_update" / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        topic = story["id"][:5]
        if topic in evaluated:
            continue
        for doc in story["documents"]:
            rows.append((f"duc:{topic}", doc.get("title"), doc.get("text") or ""))
    return rows


def embeddings(rows, cache: Path | None):
    """(leads, second halves, which articles have a second half of 40+ words) of the training rows."""
    if cache is not None and cache.exists():
        saved = np.load(cache)
        return saved["x"], saved["x2"], saved["keep"]
    from newsbrief.cluster import embed

    x = np.asarray(embed.embed_texts([embed.lead_text(title, text) for _, title, text in rows]), dtype=np.float64)
    second = [" ".join(text.split()[embed.LEAD_WORDS:2 * embed.LEAD_WORDS]) for _, _, text in rows]
    keep = np.array([len(part.split()) >= 40 for part in second])
    x2 = np.zeros_like(x)
    x2[keep] = embed.embed_texts([part for part, kept in zip(second, keep) if kept])
    if cache is not None:
        np.savez(cache, x=x, x2=x2, keep=keep)
    return x, x2, keep


def article_scatter(x, x2, keep):
    """Within-article covariance: half the difference of an article's two halves."""
    half = (x[keep] - x2[keep]) / 2
    return half.T @ half / len(half)


def within_scatter(x, labels):
    """Within-story covariance: each article minus its story's mean."""
    labels = np.asarray(labels)
    centred = np.empty_like(x)
    for label in np.unique(labels):
        rows = labels == label
        centred[rows] = x[rows] - x[rows].mean(axis=0)
    return centred.T @ centred / len(x)


def wccn(sw, shrink: float, power: float = 0.5):
    """Sw shrunk towards the identity, to the power -``power``, mean eigenvalue 1."""
    dim = sw.shape[0]
    shrunk = (1 - shrink) * sw + shrink * np.trace(sw) / dim * np.eye(dim)
    values, vectors = np.linalg.eigh(shrunk)
    scales = values ** -power
    scales /= scales.mean()
    return (vectors * scales) @ vectors.T


def evaluate(paths, matrix) -> None:
    """B-cubed F1 and tree ceiling of ``cluster_docs`` on the story files, without and with the map."""
    from newsbrief.cluster import ClusterConfig
    from newsbrief.evaluate.clustering import embed_stream, load_stream, ours_clusters, score, shuffled, tree_ceiling

    stream = load_stream(paths)
    meanings = embed_stream(stream)
    keys = list(meanings)
    mapped = np.array([np.asarray(meanings[k], dtype=np.float64) for k in keys]) @ matrix.T
    gold, docs = shuffled(stream, 13)
    config = ClusterConfig(quiet_days=None)
    for name, vectors in (("embeddings", meanings), ("embeddings x map", dict(zip(keys, mapped)))):
        scores = score(gold, ours_clusters(docs, config, vectors))
        ceiling = tree_ceiling(gold, docs, config, vectors)
        best = "-" if ceiling is None else f"{ceiling['f1']:.3f}"
        print(f"{name:<18} B3-P {scores.precision:.3f}  B3-R {scores.recall:.3f}  B3-F1 {scores.f1:.3f}  tree ceiling {best}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--out", type=Path, default=Path("metric.npy"))
    parser.add_argument("--shrink", type=float, default=0.6)
    parser.add_argument("--power", type=float, default=0.25)
    parser.add_argument("--within", choices=("story", "article"), default="story")
    parser.add_argument("--cache", type=Path, help="npz of the training embeddings (made on first use)")
    parser.add_argument("--evaluate", nargs="+", metavar="STORIES", help="story files to cluster with and without the map")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    rows = training_stories(args.data)
    x, x2, keep = embeddings(rows, args.cache)
    labels = [label for label, _, _ in rows]
    scatter = within_scatter(x, labels) if args.within == "story" else article_scatter(x, x2, keep)
    matrix = wccn(scatter, args.shrink, args.power)
    np.save(args.out, matrix.astype(np.float16))
    counts = {label: labels.count(label) for label in sorted(set(labels))}
    print(f"{len(rows)} articles, {len(counts)} stories {counts}; within {args.within}, "
          f"shrink {args.shrink}, power {args.power} -> {args.out}")
    if args.evaluate:
        evaluate(args.evaluate, matrix.astype(np.float16).astype(np.float64))
    return 0


if __name__ == "__main__":
    sys.exit(main())
