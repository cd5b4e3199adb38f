"""Collapse wire copies and near-duplicate articles into one, keeping every source.

Two articles are duplicates when their word 5-shingles overlap strongly:
Jaccard similarity at least ``DUPLICATE_JACCARD``, or one article (of some
length) almost wholly contained in the other (a shortened re-post). Different
articles on the same story share almost no 5-word sequences (Jaccard ~0.0-0.05),
edited wire copies share most (0.88-0.98 measured on re-posted agency copy), so
the threshold sits far from both.

Small sets are compared pairwise and exactly; from ``LSH_MIN_ARTICLES`` on,
datasketch MinHash LSH proposes candidate pairs and the exact measures confirm them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import combinations
from typing import Any

from .model import Article

SHINGLE_WORDS = 5
# Measured on the DUC 2003/2006/2007 development stories (2,123 documents,
# 23,235 same-story pairs): 99 % of the pairs score under 0.05; re-sent wire
# copies 0.8-1.0; "write-through" versions of one agency story (new lead,
# paragraphs added) 0.4-0.6. At 0.5 copies and
# close versions collapse, while versions with much new text stay apart (the
# summarizer still merges the sentences they share).
DUPLICATE_JACCARD = 0.5
# A shorter article whose shingles lie at least this much inside a longer one is
# a cut-down copy of it...
DUPLICATE_CONTAINMENT = 0.9
# ...if it is long enough for that to mean something (a one-sentence item quoting
# another article is not a copy of it).
CONTAINMENT_MIN_SHINGLES = 40
# Pairwise comparison is O(n^2): 100 articles of 600 words take ~0.15 s, about
# what LSH costs there (plus ~2 s to import datasketch), so LSH from 100 on.
LSH_MIN_ARTICLES = 100
# LSH proposes pairs at a lower Jaccard so that none above DUPLICATE_JACCARD is missed.
LSH_THRESHOLD = 0.4
LSH_PERMUTATIONS = 128

_WORD = re.compile(r"\w+")

Shingle = tuple[str, ...]


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[Shingle]:
    """The set of k-word sequences of a text (lower-cased words); a short text is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> set[int]:
    """The shingles as integers: intersecting int sets is several times faster than
    tuple sets (a tuple's hash is recomputed on every lookup). Python's hash is stable
    within a process, which is all a comparison needs; 64-bit collisions are negligible."""
    return {hash(shingle) for shingle in shingles(text, k)}


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def containment(small: set, large: set) -> float:
    """Share of ``small`` found in ``large``."""
    return len(small & large) / len(small) if small else 0.0


def is_duplicate(a: set, b: set) -> bool:
    if not a or not b:
        return False
    common = len(a & b)
    if common / (len(a) + len(b) - common) >= DUPLICATE_JACCARD:
        return True
    smaller = min(len(a), len(b))
    return smaller >= CONTAINMENT_MIN_SHINGLES and common / smaller >= DUPLICATE_CONTAINMENT


def collapse_duplicates(articles: Sequence[Article]) -> tuple[Article, ...]:
    """One survivor per group of duplicates, in input order; its ``copies`` name the others.

    The survivor is the longest text (most content), ties going to the earliest
    date, then to the first in input order."""
    sets = [shingle_hashes(a.text) for a in articles]
    groups = _groups(len(articles), _duplicate_pairs(sets))
    survivors: dict[int, list[int]] = {}
    for members in groups:
        best = min(members, key=lambda i: _survivor_rank(articles[i], i))
        survivors[best] = sorted(m for m in members if m != best)
    return tuple(
        _with_copies(articles[i], [articles[m] for m in survivors[i]])
        for i in range(len(articles))
        if i in survivors
    )


def _survivor_rank(article: Article, position: int) -> tuple[int, str, int]:
    return (-len(article.text), article.date or "9999-99-99", position)


def _with_copies(survivor: Article, others: Sequence[Article]) -> Article:
    if not others:
        return survivor
    copies = list(survivor.copies)
    for other in others:
        for copy_id in (other.id, *other.copies):
            if copy_id not in copies and copy_id != survivor.id:
                copies.append(copy_id)
    return replace(survivor, copies=tuple(copies))


def _duplicate_pairs(sets: Sequence[set[int]]) -> Iterable[tuple[int, int]]:
    candidates = (
        _lsh_candidates(sets) if len(sets) >= LSH_MIN_ARTICLES else combinations(range(len(sets)), 2)
    )
    return [(i, j) for i, j in candidates if is_duplicate(sets[i], sets[j])]


def _lsh_candidates(sets: Sequence[set[int]]) -> list[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=LSH_PERMUTATIONS)
    permutations = _permutations()
    minhashes = [
        MinHash(
            num_perm=LSH_PERMUTATIONS,
            hashvalues=_signature(s, permutations),
            permutations=permutations,
            scheme="legacy",  # datasketch only needs a scheme name; the values are ours
        )
        if s
        else None
        for s in sets
    ]
    for index, minhash in enumerate(minhashes):
        if minhash is not None:
            lsh.insert(index, minhash)
    pairs = set()
    for index, minhash in enumerate(minhashes):
        if minhash is not None:
            pairs.update((min(index, j), max(index, j)) for j in lsh.query(minhash) if j != index)
    return sorted(pairs)


_SIGNATURE_CHUNK = 4096


def _permutations() -> tuple[Any, Any]:
    """Random odd multipliers and offsets of a multiply-shift hash family, fixed seed."""
    import numpy as np

    generator = np.random.default_rng(1)
    bound = np.iinfo(np.uint64).max
    multipliers = generator.integers(1, bound, size=LSH_PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    offsets = generator.integers(0, bound, size=LSH_PERMUTATIONS, dtype=np.uint64)
    return multipliers, offsets


def _signature(hashes: set[int], permutations: tuple[Any, Any]) -> Any:
    """MinHash values of integer shingle hashes, vectorized with numpy.

    Multiply-shift hashing ((a*x + b) mod 2^64) >> 32 is a universal family without
    the slow modulo of datasketch's own scheme, whose ``update`` also calls a Python
    hash per shingle; only the banded values matter to the LSH index."""
    import numpy as np

    a, b = permutations
    values = np.fromiter((h & 0xFFFFFFFFFFFFFFFF for h in hashes), dtype=np.uint64, count=len(hashes))
    signature = np.full(LSH_PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(values), _SIGNATURE_CHUNK):
        chunk = values[start : start + _SIGNATURE_CHUNK, None]
        signature = np.minimum(signature, ((chunk * a + b) >> np.uint64(32)).min(axis=0))
    return signature


def _groups(count: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (union-find) over duplicate pairs; singletons included."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    components: dict[int, list[int]] = {}
    for i in range(count):
        components.setdefault(root(i), []).append(i)
    return list(components.values())
