"""The clustering options the commands share, defined once: the time window, the embeddings and
the learned same-story similarity.

``newsbrief cluster`` and ``newsbrief spark run`` cluster a file of articles as one batch and
take the same flags (``add_cluster_arguments``) with the same defaults (``ClusterOptions``), so the
same file gives the same stories on both. ``newsbrief regroup`` takes ``--no-embed`` and
``--no-learned`` from here too;
its window is the store's (``STREAM_QUIET_DAYS``): the store clusters a stream online, where a story
without news for that long leaves the index (online.py). The thresholds are ``ClusterConfig``'s, the
same for every command.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from .online import LEARNED, QUIET_DAYS, ClusterConfig

# A file is clustered with no time window unless asked: the evaluation sets' stories (DUC topics)
# span up to four years, and a 21-day window cut them (docs/store.md, "Quiet gaps").
BATCH_QUIET_DAYS: int | None = None
# The store's window: stories quiet this long leave its online index.
STREAM_QUIET_DAYS: int = QUIET_DAYS
EMBED_HELP = "words only: skip the MiniLM sentence embeddings of title and lead (faster, worse on bare headlines)"
LEARNED_HELP = ("link articles on the topic space alone, without the learned same-story similarity "
                "(it needs the embeddings and 100 articles or more)")


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """How a batch of articles is clustered: ``quiet_days`` (None: no window), ``embed`` and
    ``learned`` (the learned same-story similarity, ``ClusterConfig.learned``)."""

    quiet_days: int | None = BATCH_QUIET_DAYS
    embed: bool = True
    learned: bool = LEARNED

    def __post_init__(self) -> None:
        self.config()  # validates quiet_days as ClusterConfig does

    def config(self) -> ClusterConfig:
        return ClusterConfig(quiet_days=self.quiet_days, learned=self.learned)


def add_cluster_arguments(parser: argparse.ArgumentParser, window: bool = True) -> None:
    """``--quiet-days N`` (unless ``window`` is False), ``--no-embed`` and ``--no-learned``, read back by
    ``options_from_args``."""
    if window:
        parser.add_argument("--quiet-days", type=_days, default=BATCH_QUIET_DAYS, metavar="N",
                            help="a story quiet for N days is split there, unless what follows the gap is as close to it as its "
                                 "own articles are (within a year) (default: no time window)")
    parser.add_argument("--no-embed", dest="embed", action="store_false", help=EMBED_HELP)
    parser.add_argument("--no-learned", dest="learned", action="store_false", help=LEARNED_HELP)


def options_from_args(args: argparse.Namespace) -> ClusterOptions:
    return ClusterOptions(quiet_days=getattr(args, "quiet_days", BATCH_QUIET_DAYS), embed=getattr(args, "embed", True),
                          learned=getattr(args, "learned", LEARNED))


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, got {value!r}") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 day, got {days}")
    return days
