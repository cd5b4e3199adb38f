"""Compute the news centre of the MiniLM embeddings (cluster/models/news_centre.json).

    nice .venv/bin/python bench/news_centre.py --data ../shared/data [--out src/newsbrief/cluster/models/news_centre.json]

Every news text shares a direction in the embedding space that lifts all cosines alike (~0.1-0.2
between unrelated stories). Small batches are linked on embeddings centred on a mix of their own
mean and this centre (``batch.mixed_space``): centred on its own mean alone, a batch of one story
loses exactly the direction its articles share, and the story falls apart (the bundled example's
five articles came out as two stories).

The centre is the mean embedding (the shipped int8 MiniLM, ``embed.embed_docs``: title and lead) of
``SAMPLE`` articles drawn with seed 13 from the training split of bench/train_same_story.py
(duc2006 + duc2007_main stories whose crc32(id) is even, uci_headlines_stories the same half,
multinews_mnplus_dev stories 0-300 and 600-1000); the report split and the kept-aside sets are not
read. The data is read from ``--data`` and never copied into the repository: only the mean of 384
numbers is written.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsbrief.cluster import Doc, embed  # noqa: E402
from train_same_story import SEED, story_sets  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src/newsbrief/cluster/models/news_centre.json"
SAMPLE = 1500
NEWS_SETS = ("duc2006+2007", "uci", "multinews")  # ECB+ train: no titles, one sentence-level corpus


def training_articles(data: Path) -> list[Doc]:
    """``SAMPLE`` articles with text or a title, drawn from the training split's news sets."""
    sets = story_sets(data)
    documents = [d for name in NEWS_SETS for _, docs in sets[name] for d in docs]
    random.Random(SEED).shuffle(documents)
    kept = [d for d in documents if (d.get("text") or d.get("title") or "").strip()][:SAMPLE]
    return [Doc(str(n), d.get("title"), d.get("text"), d.get("date")) for n, d in enumerate(kept)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import numpy as np

    docs = training_articles(args.data)
    embedded = embed.embed_docs(docs)
    if embedded is None:
        raise SystemExit("the embedding packages are not installed (bash scripts/setup.sh)")
    mean = np.mean([embedded[d.id] for d in docs], axis=0)
    args.out.write_text(json.dumps({
        "format": 1,
        "what": "mean MiniLM embedding (embed.embed_docs) of news articles: the centre small batches lean on",
        "trained_on": f"{len(docs)} articles drawn with seed {SEED} from the training split of "
                      "bench/train_same_story.py: " + ", ".join(NEWS_SETS),
        "embedding_sha256": embed.MODEL_SHA256,
        "mean": [round(float(x), 6) for x in mean],
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(docs)} articles, |mean| {np.linalg.norm(mean):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
