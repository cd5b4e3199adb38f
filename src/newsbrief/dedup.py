"""Collapse wire copies and near-duplicate articles into one, keeping every source.

Two articles are duplicates when their word 5-shingles overlap strongly:
Jaccard similarity at least ``DUPLICATE_JACCARD``, or one article (of some
length) almost wholly contained in the other (a shortened re-post). Different
articles on the same story share almost no 5-word sequences (Jaccard ~0.0-0.05),
edited wire copies share most (0.88-0.98 measured on re-posted agency copy), so
the threshold sits far from both.

Small sets are compared pairwise and exactly; from ``LSH_MIN_ARTICLES`` on,
MinHash LSH proposes candidate pairs and the exact measures confirm them.

One rule for every path: the batch (``collapse_duplicates``), the story store (``band_keys``
stored per article, candidates confirmed by ``is_duplicate`` on the two texts) and Spark
(MinHashLSH at ``LSH_THRESHOLD``, confirmed by ``is_duplicate``) find the same copies.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
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
# what LSH costs there, so LSH from 100 on.
LSH_MIN_ARTICLES = 100
# LSH proposes pairs at a lower Jaccard so that none above DUPLICATE_JACCARD is missed.
LSH_THRESHOLD = 0.4
LSH_PERMUTATIONS = 128
# The banding datasketch's MinHashLSH chooses for that threshold and permutations (a test checks
# it): a pair at Jaccard 0.5 shares a band with probability 1 - (1 - 0.5**4)**32 = 0.87, at 0.8
# with probability 1 - 1e-15, at the 0.05 of two articles on one story 2e-4.
LSH_BANDS, LSH_ROWS = 32, 4

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


def stable_shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> set[int]:
    """The shingles as 64-bit integers that every process computes alike (blake2b, not ``hash()``,
    which Python salts per process): for what is stored (the store's LSH bands) or computed on
    Spark's executors."""
    return {int.from_bytes(hashlib.blake2b(" ".join(shingle).encode("utf-8"), digest_size=8).digest(), "big")
            for shingle in shingles(text, k)}


def content_hash(title: str | None, text: str) -> str:
    """SHA-256 of the lower-cased words of the title and the text: equal for byte-different but
    identical copies (the store's exact-copy key)."""
    key = " ".join(_WORD.findall((title or "").lower())) + "\n" + " ".join(_WORD.findall(text.lower()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def band_keys(hashes: set[int]) -> list[int]:
    """One signed 64-bit key per LSH band of the MinHash signature of ``hashes`` (stable shingle
    hashes), the band's number mixed in, fit for an SQLite INTEGER: two texts sharing a key are
    candidate copies, as two sets in one bucket of ``_lsh_buckets``. Empty for no shingle."""
    if not hashes:
        return []
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest(), "big", signed=True)
            for band, rows in _bands(_signature(hashes, _permutations()))]


def _bands(signature: Any) -> Iterator[tuple[int, bytes]]:
    """(band number, the bytes of its ``LSH_ROWS`` values) for each of the signature's ``LSH_BANDS``."""
    for band in range(LSH_BANDS):
        yield band, signature[band * LSH_ROWS : (band + 1) * LSH_ROWS].tobytes()


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
    groups = duplicate_groups(_shingle_sets(articles))
    survivors: dict[int, list[int]] = {}
    for members in groups:
        best = min(members, key=lambda i: _survivor_rank(articles[i], i))
        survivors[best] = sorted(m for m in members if m != best)
    return tuple(
        _with_copies(articles[i], [articles[m] for m in survivors[i]])
        for i in range(len(articles))
        if i in survivors
    )


def _shingle_sets(articles: Sequence[Article]) -> list[set[int]]:
    """Shingle sets, computed once per distinct text (repeated articles share one set)."""
    by_text: dict[str, set[int]] = {}
    for article in articles:
        if article.text not in by_text:
            by_text[article.text] = shingle_hashes(article.text)
    return [by_text[article.text] for article in articles]


def _survivor_rank(article: Article, position: int) -> tuple[int, str, int]:
    return (-len(article.text), article.date or "9999-99-99", position)


def _with_copies(survivor: Article, others: Sequence[Article]) -> Article:
    if not others:
        return survivor
    copies = list(survivor.copies)
    seen = {survivor.id, *copies}  # a set beside the list: thousands of copies stay linear
    for other in others:
        for copy_id in (other.id, *other.copies):
            if copy_id not in seen:
                seen.add(copy_id)
                copies.append(copy_id)
    first = min(filter(None, (a.first_reported or a.date for a in (survivor, *others))), default=None)
    return replace(survivor, copies=tuple(copies), first_reported=first)


def duplicate_groups(sets: Sequence[set[int]]) -> list[list[int]]:
    """Connected components of the duplicate graph: an edge joins two candidates
    (every pair below ``LSH_MIN_ARTICLES`` sets, else pairs sharing an LSH bucket)
    that ``is_duplicate`` confirms.

    Only the components matter, so no pair is listed: identical sets are joined
    first (they are duplicates and share every bucket), then each bucket is linked
    by ``_link_bucket``. n copies of one article cost O(n), not O(n^2) pairs."""
    forest = _Forest(len(sets))
    distinct = _join_identical(sets, forest)
    if len(sets) >= LSH_MIN_ARTICLES:
        buckets = _lsh_buckets([sets[i] for i in distinct])
    else:
        buckets = [list(range(len(distinct)))]
    for bucket in buckets:
        _link_bucket([distinct[k] for k in bucket], sets, forest)
    return forest.components()


def _join_identical(sets: Sequence[set[int]], forest: _Forest) -> list[int]:
    """Join the indices of equal non-empty sets; the first index of each distinct set."""
    # keyed by the set's hash, not by a frozen copy: copies would double the memory
    firsts: dict[int, list[int]] = {}
    for index, hashes in enumerate(sets):
        if not hashes:  # an empty set duplicates nothing, not even another empty one
            continue
        same_hash = firsts.setdefault(hash(frozenset(hashes)), [])
        equal = next((j for j in same_hash if sets[j] == hashes), None)
        if equal is None:
            same_hash.append(index)
        else:
            forest.union(index, equal)
    return sorted(j for same_hash in firsts.values() for j in same_hash)


def _link_bucket(members: Sequence[int], sets: Sequence[set[int]], forest: _Forest) -> None:
    """Join each member to the earlier members of the bucket it duplicates.

    The earlier members are kept per component: a component the member already
    belongs to is skipped, and another one is joined on its first duplicate
    member. Every duplicate pair of the bucket still ends up connected, so the
    components are those of all pairs; a bucket of copies of one article costs
    one comparison per member."""
    components: dict[int, list[int]] = {}  # root -> members of the bucket seen so far
    for member in members:
        own = forest.find(member)
        joined = [
            root
            for root, others in components.items()
            if root == own or any(is_duplicate(sets[member], sets[o]) for o in others)
        ]
        merged = [member]
        for root in joined:
            forest.union(member, root)
            merged.extend(components.pop(root))
        components[forest.find(member)] = merged


def _lsh_buckets(sets: Sequence[set[int]]) -> Iterable[list[int]]:
    """Indices of the sets sharing a band of their MinHash signatures (``LSH_BANDS`` of
    ``LSH_ROWS``), read directly so that a bucket of many members is not expanded into its pairs."""
    permutations = _permutations()
    buckets: dict[tuple[int, bytes], list[int]] = {}
    for index, hashes in enumerate(sets):
        for band in _bands(_signature(hashes, permutations)):
            buckets.setdefault(band, []).append(index)
    return (members for members in buckets.values() if len(members) > 1)


_SIGNATURE_CHUNK = 4096


@functools.lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """Random odd multipliers and offsets of a multiply-shift hash family, fixed seed (signatures
    stored today must compare with signatures computed tomorrow)."""
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


class _Forest:
    """Union-find over 0..n-1, path halving."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def components(self) -> list[list[int]]:
        """Every component (singletons included), members ascending, in order of first member."""
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.find(i), []).append(i)
        return list(found.values())
