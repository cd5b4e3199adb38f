"""Near-duplicate copies (an edited wire story run by two outlets): MinHash + LSH bands.

The text becomes a set of word 3-shingles; ``PERMUTATIONS`` universal hashes give
its MinHash signature; the signature is cut into ``BANDS`` bands whose hashes are
keys in the store (``SELECT ... WHERE band IN (...)``), so candidates are found
without loading every signature. A candidate is a copy when the signatures
agree on at least ``NEAR_DUP_JACCARD`` of their positions (estimated Jaccard).

Edited wire copies score 0.88-0.98 Jaccard and different articles on one story
~0 (measured in ../shared/reference/dependencies.md), so 0.8 sits well between.
With 16 bands of 4 rows a pair at Jaccard 0.8 becomes a candidate with
probability 1 - (1 - 0.8**4)**16 > 0.999.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
NEAR_DUP_JACCARD = 0.8
SHINGLE_WORDS = 3
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
# Fixed seed: signatures stored today must compare with signatures computed tomorrow.
_RNG = np.random.RandomState(20140310)
_A = _RNG.randint(1, (1 << 31) - 1, size=PERMUTATIONS).astype(np.uint64)
_B = _RNG.randint(0, (1 << 31) - 1, size=PERMUTATIONS).astype(np.uint64)
_WORD = re.compile(r"\w+")


def normalized_text(text: str) -> str:
    """Lower-cased words joined by single spaces: the form the exact hash is taken of."""
    return " ".join(_WORD.findall(text.lower()))


def content_hash(title: str | None, text: str) -> str:
    """SHA-256 of the normalised title and text: equal for byte-different but identical copies."""
    key = normalized_text(title or "") + "\n" + normalized_text(text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def signature(text: str) -> np.ndarray | None:
    """MinHash signature (uint32 per permutation) of the text's word 3-shingles; None if too short."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS + 2:
        return None
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    # (a*x + b) mod p, truncated to 32 bits: universal hashing as in datasketch.
    permuted = ((hashes[:, None] * _A[None, :] + _B[None, :]) % _MERSENNE) & _MAX_HASH
    return permuted.min(axis=0).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band (band number mixed in), fit for an SQLite INTEGER."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of positions where two signatures agree."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
