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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any


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
                   use_embeddings: bool, learned: bool | None = None) -> tuple[dict[str, str], bool]:
    """(article id -> story label found, whether embeddings were used) of (id, title, text, date)
    rows, clustered as ``newsbrief cluster --quiet-days`` would: the batch method's own
    thresholds, the store's quiet window, the learned similarity unless ``learned`` is False (None: ``ClusterConfig``'s default)."""
    from .cluster import ClusterConfig, Doc, cluster_docs, embed, reads_embeddings

    docs = [Doc(article_id, title, text, date) for article_id, title, text, date in rows]
    embeddings = embed.embed_docs(docs) if use_embeddings and reads_embeddings(len(docs)) else None
    config = ClusterConfig(quiet_days=quiet_days)
    config = config if learned is None else replace(config, learned=learned)
    return cluster_docs(docs, config, embeddings=embeddings), embeddings is not None


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


__all__ = ["RegroupResult", "cluster_stored", "continued_stories", "merged_into"]
