"""Regroup stored stories with the batch method: ``newsbrief regroup``, ``Store.regroup``.

The store assigns each article once, as it arrives, to the live story whose TF-IDF centroid it
matches best (cluster/online.py): cheap, but a story split by an early article stays split, and
it never sees embeddings or the topic space. Regrouping reads the stored articles back, clusters
them as ``newsbrief cluster`` would (``cluster_docs``: topic space, embeddings, story-level
stages), and moves articles to the stories found, in one transaction:

    1. snapshot   the original articles (copies follow their original) of the stories in scope
                  (all, or those with news on or after ``since``), and the store's change counter
    2. cluster    ``cluster_docs`` with the store's quiet window (the batch method's own
                  thresholds), with embeddings unless told not to
    3. match      each story found continues the stored story it shares most articles with (each
                  stored story continued once; ties: the older story), so story ids stay put
                  where the stories did; the others become new stories
    4. write      move articles, rebuild the changed stories (title, counts, sources, dates,
                  centroid), mark a story left empty as merged into the one that took most of
                  its articles (``Store.story`` follows it), all in one transaction, and only if
                  no other writer changed the store since the snapshot (else start again)

Regrouping twice changes nothing the second time: the stories found are the stored ones.

The local regroup on ``add`` (``LocalRegroup``, ``Store.add_each``) runs the same steps on a
bounded part of the store: after every ``every`` articles stored and at the end of each batch
added, the stories the new articles went into, their nearest live neighbours, then other live
stories with the latest news (``neighbourhood``: live stories are inside the store's quiet window;
whole stories only, at most ``max_articles`` articles) are clustered again with ``cluster_docs``
and their articles moved in the same one transaction. The online pass alone assigns each article
once, on TF-IDF centroids, and a story it split or merged stays so; the batch method sees the
neighbourhood at once, with embeddings and the learned similarity (from 100 articles; a smaller
neighbourhood, as in a young store, is linked by average link on words and embeddings centred with
the shipped news centre, batch.mixed_space). The stories filled in beyond the neighbours give the
batch context, as the random batches of whole stories the model's smallest batch was chosen on.
The work is bounded per open store (``LocalRegroup.allowance``, ``work_per_article``): an add of
~1,200 articles is repaired as described, a bulk add past that regroups far less often
(``newsbrief regroup`` after it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

# A local regroup after this many articles stored by one ``add`` (and at the end of its batch).
# Chosen on the training halves of issue 16's sets (bench/train_same_story.py names them; docs/store.md):
# 100 against 50 gave mean B-cubed precision 0.902 against 0.897 and F1 0.898 against 0.895 over
# DUC 2006/2007, Multi-News 0-300 and ECB+ train, at half the regroups.
REGROUP_EVERY = 100
# Articles clustered again by one local regroup at most: the batch method's cost grows with it
# (average link over the articles is quadratic), and the learned similarity needs 100 (``applies``).
MAX_ARTICLES = 300
# Nearest live stories taken in per story touched, and the centroid cosine they need.
NEIGHBOURS = 10
NEIGHBOUR_COSINE = 0.05
# No local regroup of fewer articles. 2: a young store is regrouped too. It was 100 (the learned
# similarity's smallest batch) while the small-batch path split one story's articles (its centre
# was the batch's own mean); with the news centre, 8 ten-article DUC 2003 clusters streamed into a
# fresh store came out as 8.8 stories on average instead of 12.3 (7.7 gold stories once those
# sharing a document are one), B-cubed F1 0.898 -> 0.946, precision 0.959 -> 0.943
# (bench/young_store_bench.py, 10 draws; docs/store.md).
MIN_ARTICLES = 2
# The work a local regroup may do, counted in articles clustered again plus ``EMBED_WORK`` per
# article embedded for it (MiniLM, ~16 CPU ms, against ~3 ms an article of a 300-article
# cluster_docs): an open store starts with ``ALLOWANCE`` units and earns ``WORK_PER_ARTICLE`` per
# article stored (never above ``ALLOWANCE``); a regroup due while the store is in debt waits for
# it (its touched stories wait with it). At the full rate a regroup every 100 articles costs about
# 8 units per article (300 clustered, 100 embedded), so the allowance (10,000) repairs the first
# ~1,200 articles of an add as before (every eval set of docs/store.md), and a bulk add does about
# a thirtieth of that work per article after it (one regroup of 300 new articles per ~7,000 stored),
# which keeps bench/stream_bench.py's 100,000 articles inside issue 16's 10 minutes on the shared
# 2-core machine (docs/store.md). `newsbrief regroup` after a bulk add does the rest.
EMBED_WORK = 5
ALLOWANCE = 10_000
WORK_PER_ARTICLE = 0.25


@dataclass(frozen=True, slots=True)
class LocalRegroup:
    """The bounded regroup ``add`` runs as it goes (see the module docstring); ``Store.open``'s
    ``local_regroup=None`` turns it off."""

    every: int = REGROUP_EVERY
    max_articles: int = MAX_ARTICLES
    neighbours: int = NEIGHBOURS
    min_articles: int = MIN_ARTICLES
    embed: bool = True  # sentence embeddings (each article's computed once per open store)
    allowance: float = ALLOWANCE  # work units an open store starts with (see WORK_PER_ARTICLE)
    work_per_article: float = WORK_PER_ARTICLE  # work units earned per article stored

    def __post_init__(self) -> None:
        if self.every < 1 or not 2 <= self.min_articles <= self.max_articles or self.neighbours < 0:
            raise ValueError("a local regroup needs every >= 1, 2 <= min_articles <= max_articles, neighbours >= 0: "
                             f"{self}")
        if self.allowance < 0 or self.work_per_article < 0:
            raise ValueError(f"a local regroup needs allowance >= 0 and work_per_article >= 0: {self}")

    def work(self, clustered: int, embedded: int) -> float:
        """Work units of a regroup that clusters ``clustered`` articles and embeds ``embedded`` of them."""
        return clustered + EMBED_WORK * embedded


@dataclass(frozen=True, slots=True)
class RegroupResult:
    """What one regrouping did."""

    articles: int  # original articles regrouped (copies follow them)
    stories_before: int  # stories in scope before
    stories_after: int  # stories they form now
    moved: int  # original articles now in another story
    merged: tuple[tuple[str, str], ...]  # (story left empty, story that took most of its articles)
    created: tuple[str, ...]  # ids of new stories
    embeddings: bool  # whether sentence embeddings were used

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "stories_before": self.stories_before,
            "stories_after": self.stories_after,
            "moved": self.moved,
            "merged": [{"story": old, "into": new} for old, new in self.merged],
            "created": list(self.created),
            "embeddings": self.embeddings,
        }


def cluster_stored(rows: Sequence[tuple[str, str | None, str, str | None]], quiet_days: int | None,
                   use_embeddings: bool, learned: bool | None = None,
                   cache: dict[str, Any] | None = None) -> tuple[dict[str, str], bool]:
    """(article id -> story label found, whether embeddings were used) of (id, title, text, date)
    rows, clustered as ``newsbrief cluster --quiet-days`` would: the batch method's own
    thresholds, the store's quiet window, the learned similarity unless ``learned`` is False (None: ``ClusterConfig``'s default).
    ``cache`` (article id -> embedding) keeps the embeddings computed, for the next call."""
    from ..cluster import ClusterConfig, Doc, cluster_docs, reads_embeddings

    from threadpoolctl import threadpool_limits

    docs = [Doc(article_id, title, text, date) for article_id, title, text, date in rows]
    embeddings = _embeddings(docs, cache) if use_embeddings and reads_embeddings(len(docs)) else None
    config = ClusterConfig(quiet_days=quiet_days)
    config = config if learned is None else replace(config, learned=learned)
    # One BLAS thread: on the shared 2-core machine OpenBLAS's second thread made a 300 x 300
    # eigendecomposition take 1.5 s instead of 0.012 (profiled during stream_bench at load ~6)
    with threadpool_limits(limits=1, user_api="blas"):
        return cluster_docs(docs, config, embeddings=embeddings), embeddings is not None


def _embeddings(docs: Sequence[Any], cache: dict[str, Any] | None) -> dict[str, Any] | None:
    """Article id -> embedding of ``docs``, computing only those ``cache`` lacks (None: no embedding packages)."""
    from ..cluster import embed

    cache = {} if cache is None else cache
    missing = embed.embed_docs([doc for doc in docs if doc.id not in cache])
    if missing is None and any(doc.id not in cache for doc in docs):
        return None
    cache.update(missing or {})
    return {doc.id: cache[doc.id] for doc in docs}


def neighbourhood(touched: Sequence[Any], live: Mapping[str, Any], candidates: Any, setting: LocalRegroup,
                  reachable: Mapping[str, Any] | None = None) -> list[str]:
    """The stories a local regroup clusters again: the touched ones (``StoryState``s, largest
    first); nearest first, up to ``setting.neighbours`` stories each whose centroid cosine to it
    reaches ``NEIGHBOUR_COSINE`` (``candidates(story)``: the stories the index finds for a story's
    centroid; ``reachable``, default ``live``: those that may be taken, quiet ones within the
    bridge's reach too, so that a topic back after a quiet gap can join its story again); then the
    other ``live`` stories, latest news first; whole stories only, up
    to ``setting.max_articles`` articles. A story larger than that is left out: it is not
    regrouped on ``add`` (``newsbrief regroup`` does). Empty when the stories come to fewer than
    ``setting.min_articles`` articles."""
    chosen: list[str] = []
    size = 0

    def take(story: Any) -> None:
        nonlocal size
        if story.id not in chosen and size + story.size <= setting.max_articles:
            chosen.append(story.id)
            size += story.size

    near_ones = live if reachable is None else reachable
    ordered = sorted(touched, key=lambda story: (-story.size, story.id))
    for story in ordered:
        take(story)
    for story in ordered:
        near = sorted(((_cosine(story, other), other.id) for other in candidates(story) if other.id != story.id),
                      key=lambda pair: (-pair[0], pair[1]))
        for cosine, other in near[: setting.neighbours]:
            if cosine >= NEIGHBOUR_COSINE and other in near_ones:
                take(near_ones[other])
    for story in sorted(live.values(), key=lambda story: (story.last_date or "", int(story.id) if story.id.isdigit() else 0),
                        reverse=True):
        if size >= setting.max_articles:
            break
        if story.size:
            take(story)
    return chosen if size >= setting.min_articles else []


def _cosine(a: Any, b: Any) -> float:
    """Cosine of two stories' centroids (``online.cosine_to`` over the smaller one's terms)."""
    from ..cluster.online import cosine_to

    small, large = (a, b) if len(a.centroid) <= len(b.centroid) else (b, a)
    norm = small.norm()
    return cosine_to(small.centroid, large) / norm if norm else 0.0


def continued_stories(current: Mapping[str, str], found: Mapping[str, str]) -> dict[str, str | None]:
    """For every story label in ``found`` (article id -> label), the stored story (``current``:
    article id -> stored story id) it continues, or None for a new story.

    Greedy on shared articles, largest overlap first (ties: the older story, then the label), so
    a story that did not change keeps its id and one that was split keeps it for its larger part.
    """
    overlap = Counter((found[article], current[article]) for article in found)
    ranked = sorted(overlap.items(), key=lambda item: (-item[1], _story_number(item[0][1]), item[0][0]))
    continues: dict[str, str | None] = {label: None for label in found.values()}
    taken: set[str] = set()
    for (label, story), _ in ranked:
        if continues[label] is None and story not in taken:
            continues[label] = story
            taken.add(story)
    return continues


def merged_into(current: Mapping[str, str], target: Mapping[str, str], emptied: set[str]) -> dict[str, str]:
    """For every stored story left with no article, the story that took most of its articles."""
    took = Counter((current[article], target[article]) for article in current if current[article] in emptied)
    ranked = sorted(took.items(), key=lambda item: (-item[1], _story_number(item[0][1])))
    result: dict[str, str] = {}
    for (old, new), _ in ranked:
        result.setdefault(old, new)
    return result


def _story_number(story_id: str) -> int:
    return int(story_id) if story_id.isdigit() else 1 << 62


__all__ = ["ALLOWANCE", "EMBED_WORK", "WORK_PER_ARTICLE", "LocalRegroup", "RegroupResult", "cluster_stored", "continued_stories", "merged_into", "neighbourhood"]
