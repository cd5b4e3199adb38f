"""Story clustering: which articles tell the same story.

    text.py     article -> weighted terms (title and names count more) -> TF-IDF vector
    online.py   online centroid clustering with a quiet window (the store's path)
    batch.py    order-independent batch clustering: date-ordered online pass + refinement,
                or average link over TF-IDF mixed with embeddings
    topics.py   average link of a large batch in a topic space: TF-IDF + LSA (+ embeddings)
    stories.py  story-level second stages: fragments join the story they fit (topic space);
                busy headline stories are linked again with time; a story is cut where its news
                stopped for longer than the window; a story covered in two bursts with a lull
                between becomes two (every batch)
    embed.py    sentence embeddings (all-MiniLM-L6-v2 on onnxruntime) of title + lead

``cluster_docs`` is the batch entry point (``newsbrief cluster``, evaluation);
the store drives ``StoryIndex`` one article at a time.
"""

from __future__ import annotations

from . import embed
from .batch import Doc, cluster_docs, reads_embeddings
from .online import QUIET_DAYS, THRESHOLD, ClusterConfig, StoryIndex, StoryState

__all__ = ["embed", "QUIET_DAYS", "THRESHOLD", "ClusterConfig", "Doc", "StoryIndex", "StoryState", "cluster_docs",
           "reads_embeddings"]
