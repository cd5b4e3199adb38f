"""Online centroid clustering of a news stream (the Event Registry scheme).

Each story keeps a centroid: the sum of its articles' TF-IDF vectors, pruned to
its heaviest terms. A new article joins the story whose centroid is most similar
(cosine) if that similarity reaches ``ClusterConfig.threshold``, else it starts a
story. Stories are found through an inverted index over centroid terms, so the
cost of an article does not grow with the number of stories, and a story that
had no news for ``quiet_days`` leaves the index (it "goes quiet").

``StoryState`` is plain data, so the store can persist it and load it back.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as Date


# Cosine similarity an article needs with a story's centroid to join it. Event
# Registry reports ~0.4 on full texts; lower here because titles and leads are short.
# Chosen on the development sets (DUC mix and UCI headlines; 0.15 / 0.2 / 0.3 compared,
# see docs/store.md), then checked on Multi-News stories not used for tuning.
THRESHOLD = 0.15
# A story with no article for this many days goes quiet: new articles start a new story.
# Three weeks: Event Registry retires events after days; DUC 2003 TDT stories run 1-40
# days with gaps up to ~3 weeks.
QUIET_DAYS = 21
# A story quiet for longer than the window stays in the index this many days after its last
# news, for the store's local regroup to consider (store/regroup.py): the batch method joins a
# part told after a quiet gap to the story when its learned similarity says so (stories.py,
# ``BRIDGE_SIMILARITY``), a topic told in bursts months apart being one story to its reader.
# The online pass itself joins live stories only: a centroid-cosine bridge (0.2-0.5 tried) merged
# look-alike stories of the 100,000-article stream (docs/store.md). ``None``: no bridge.
BRIDGE_DAYS = 365
# Terms kept per centroid; the tail of a centroid is noise and costs memory.
CENTROID_TERMS = 300
# Index only the heaviest terms of a centroid and look up only an article's heaviest
# terms: two texts on one story share some of their top terms.
INDEX_TERMS = 40
QUERY_TERMS = 15
# Whether batch clustering (``cluster_docs``: `newsbrief cluster`, `spark run`, `regroup`) links a
# batch on the learned same-story similarity (similarity.py) when it has embeddings and enough
# articles. On: on the development sets' report split it was more precise than the topic space
# alone on four sets of five, at no F1 loss beyond 0.01 (docs/store.md). The online pass of
# ``add`` does not read it.
LEARNED = True


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    threshold: float = THRESHOLD
    quiet_days: int | None = QUIET_DAYS
    centroid_terms: int = CENTROID_TERMS
    learned: bool = LEARNED  # batch clustering only (see LEARNED)
    bridge_days: int | None = BRIDGE_DAYS

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), got {self.threshold}")
        if self.quiet_days is not None and self.quiet_days < 1:
            raise ValueError(f"quiet_days must be at least 1 or None, got {self.quiet_days}")
        if self.bridge_days is not None and self.bridge_days < 1:
            raise ValueError(f"bridge_days must be at least 1 or None, got {self.bridge_days}")

    @property
    def kept_days(self) -> int | None:
        """Days after its last news a story stays in the index (the window, or the bridge's reach)."""
        if self.quiet_days is None:
            return None
        return max(self.quiet_days, self.bridge_days or 0)


@dataclass(slots=True)
class StoryState:
    """A story as the clusterer sees it: centroid (sum of article vectors) and date span."""

    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first_date: str | None = None
    last_date: str | None = None

    def norm(self) -> float:
        return math.sqrt(sum(w * w for w in self.centroid.values()))


def cosine_to(vector: Mapping[str, float], story: StoryState, norm: float | None = None) -> float:
    """Cosine between a unit article vector and a story's centroid."""
    norm = story.norm() if norm is None else norm
    if norm == 0.0:
        return 0.0
    centroid = story.centroid
    return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm


def add_vector(story: StoryState, vector: Mapping[str, float], day: str | None, keep: int) -> None:
    """Fold an article into a story (in place) and prune the centroid to ``keep`` terms."""
    centroid = story.centroid
    for term, weight in vector.items():
        centroid[term] = centroid.get(term, 0.0) + weight
    if len(centroid) > 2 * keep:
        story.centroid = dict(sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
    story.size += 1
    if day:
        story.first_date = min(story.first_date or day, day)
        story.last_date = max(story.last_date or day, day)


def top_terms(vector: Mapping[str, float], n: int) -> list[str]:
    return [t for t, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def days_between(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((Date.fromisoformat(a[:10]) - Date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


class StoryIndex:
    """Live stories and an inverted index from centroid terms to them.

    Not thread-safe: one index per writer (the store guards it with its lock).
    """

    def __init__(self, config: ClusterConfig = ClusterConfig()) -> None:
        self.config = config
        self.stories: dict[str, StoryState] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._indexed: dict[str, list[str]] = {}
        self._norms: dict[str, float] = {}
        self._retired_on: str | None = None

    def put(self, story: StoryState) -> None:
        """Add or refresh a story in the index (after its centroid changed)."""
        self.drop(story.id)
        self.stories[story.id] = story
        terms = top_terms(story.centroid, INDEX_TERMS)
        for term in terms:
            self._postings[term].add(story.id)
        self._indexed[story.id] = terms
        self._norms[story.id] = story.norm()

    def drop(self, story_id: str) -> None:
        for term in self._indexed.pop(story_id, ()):
            posting = self._postings.get(term)
            if posting is not None:
                posting.discard(story_id)
                if not posting:
                    del self._postings[term]
        self.stories.pop(story_id, None)
        self._norms.pop(story_id, None)

    def retire_before(self, day: str) -> list[str]:
        """Drop stories quiet for longer than ``kept_days`` before ``day``; returns their ids."""
        if self.config.quiet_days is None or day == self._retired_on:
            return []  # once per day of news is enough: the window moves by days
        self._retired_on = day
        kept = self.config.kept_days
        quiet = [
            s.id
            for s in self.stories.values()
            if s.last_date and s.last_date < day and (days_between(s.last_date, day) or 0) > kept
        ]
        for story_id in quiet:
            self.drop(story_id)
        return quiet

    def live_on(self, day: str | None) -> dict[str, StoryState]:
        """The stories inside the quiet window on ``day`` (all it holds when no window applies)."""
        return {story.id: story for story in self.stories.values() if self._live(self._gap(story, day))}

    def candidates(self, vector: Mapping[str, float], day: str | None) -> Iterable[StoryState]:
        """Live stories sharing a top term with the article: the ones it may join."""
        return (story for story, gap in self._sharing_terms(vector, day) if self._live(gap))

    def nearby(self, vector: Mapping[str, float], day: str | None) -> Iterable[StoryState]:
        """Stories sharing a top term, the quiet ones within the bridge's reach too: the ones a
        local regroup may join to a story (``kept_days``: the index holds no others)."""
        return (story for story, _ in self._sharing_terms(vector, day))

    def _sharing_terms(self, vector: Mapping[str, float], day: str | None) -> Iterable[tuple[StoryState, int | None]]:
        seen: set[str] = set()
        for term in top_terms(vector, QUERY_TERMS):
            seen.update(self._postings.get(term, ()))
        for story_id in sorted(seen):
            story = self.stories[story_id]
            yield story, self._gap(story, day)

    def _live(self, gap: int | None) -> bool:
        """Whether a story ``gap`` days from an article (``_gap``) is inside the quiet window."""
        return gap is None or gap <= (self.config.quiet_days or 0)

    def _gap(self, story: StoryState, day: str | None) -> int | None:
        """Days between ``day`` and the story's span (0 inside it; None: no window applies)."""
        if self.config.quiet_days is None or not day or not story.last_date or not story.first_date:
            return None
        if story.first_date <= day <= story.last_date:
            return 0
        return days_between(story.last_date if day > story.last_date else story.first_date, day)

    def best(self, vector: Mapping[str, float], day: str | None) -> tuple[StoryState | None, float]:
        """The most similar live story and its cosine (ties: smaller story id)."""
        best: StoryState | None = None
        best_sim = 0.0
        for story in self.candidates(vector, day):
            sim = cosine_to(vector, story, self._norms[story.id])
            if sim > best_sim:
                best, best_sim = story, sim
        return best, best_sim
