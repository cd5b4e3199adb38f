"""Settings of one brief. Defaults are what the CLI uses."""

from __future__ import annotations

from dataclasses import dataclass

# 150 words reads in under a minute and holds 6-8 news sentences; the DUC
# benchmarks use 100 (short) and 250 (long) words.
DEFAULT_WORDS = 150


@dataclass(frozen=True, slots=True)
class BriefConfig:
    words: int = DEFAULT_WORDS
    # Let the last summary sentence cross the budget, for benchmarks that cut every
    # system's summary at N words (DUC, Multi-News); briefs for readers stay within it.
    summary_overflow: bool = False
    # Story analysis stages (issue 4); each can be switched off for speed.
    timeline: bool = True
    quotes: bool = True
    entities: bool = True
    conflicts: bool = True
    # Timeline summarization: keep only the N most important dates (None = all),
    # with at most this many sentences per date.
    timeline_dates: int | None = None
    timeline_sentences_per_date: int = 1

    def __post_init__(self) -> None:
        if self.words < 1:
            raise ValueError(f"words must be at least 1, got {self.words}")
        if self.timeline_dates is not None and self.timeline_dates < 1:
            raise ValueError(f"timeline_dates must be at least 1, got {self.timeline_dates}")
        if self.timeline_sentences_per_date < 1:
            raise ValueError("timeline_sentences_per_date must be at least 1")
