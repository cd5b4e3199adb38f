"""Story-level second stage: a story covered in two bursts with a lull between is two events.

Why: the article-level clustering compares words and meanings, and one subject at two moments
reads the same: on the UCI headlines the largest merge was the Titanfall review roundup of
10 March 2014 with the Titanfall launch of 12 March (454 headlines, nothing on the 11th). No
textual signal separates such halves: their similarity, relative to the similarity within
each half (centroid cosine in the topic space), is 0.87-1.0, as high as within one day's
story (docs/store.md). What differs is the time profile: an event is a burst (tens to
hundreds of articles on one subject in a day or a run of days, the way wires and aggregators
cover a development); coverage that stops and comes back is a new event.

    1. bursts   the days on which a story has at least ``MIN_BURST`` articles
    2. events   consecutive burst days form one event, unless a quiet day (at most
                ``QUIET_ARTICLES`` articles) lies between them: a story covered for three
                days running stays one story
    3. split    a story with two or more events becomes one story per event; each article
                joins the event nearest in time (the earlier on a tie), an undated one the
                event with the most articles in its span

A story with fewer than two events is left alone, however long it runs: a DUC topic spread
over four years, or a TDT event of ten articles over days or weeks, has no two bursts (at most
10 articles of one DUC story fall on one day). Story pairs of adjacent days (GM's internal
recall probe of 11 March and the criminal probe of 12 March) stay merged: without a lull
nothing tells one development from the next day's coverage of the same one.

The stage reads only dates and the clustering it is given: it does not depend on input order
and costs O(n).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date as Date
from typing import Any

# Articles of one story on one day that make the day a burst. On the UCI headlines (the only
# set whose stories have tens of articles a day) 5 / 10 / 20 all give the same B-cubed F1
# (0.825 -> 0.842 with embeddings, 0.714 -> 0.723 without); no DUC story has more than 10
# articles on a day (most have 1), and none has two bursts at any of these values. 10 is
# the size of a whole DUC 2003 TDT event: a day with that much coverage is a burst.
MIN_BURST = 10
# A day with at most this many articles of the story between two bursts is a lull (the
# coverage stopped): the odd late copy or column does not join two events. UCI: at most 0 /
# 2 / 4 gave 0.717 / 0.723 / 0.723 without embeddings (0.842 each with them).
QUIET_ARTICLES = 2


def split_bursts(docs: Sequence[Any], assignment: Mapping[str, str]) -> dict[str, str]:
    """Cut every story of ``assignment`` (article id -> story) that was covered as two events.

    ``docs`` need ``id`` and ``date`` ("YYYY-MM-DD...", or None). The earliest event keeps the
    story's label; the others get "label@YYYY-MM-DD" of their first burst day (callers rename
    stories afterwards, e.g. ``batch.name_stories``).
    """
    by_story: dict[str, list[Any]] = defaultdict(list)
    for doc in docs:
        by_story[assignment[doc.id]].append(doc)
    result = dict(assignment)
    taken = set(assignment.values())
    for story, members in by_story.items():
        days = {doc.id: day_number(doc.date) for doc in members}
        counts = Counter(day for day in days.values() if day is not None)
        events = burst_events(counts)
        if len(events) < 2:
            continue
        labels = [story] + [_fresh_label(f"{story}@{Date.fromordinal(first).isoformat()}", taken)
                            for first, _ in events[1:]]
        largest = max(range(len(events)), key=lambda k: sum(counts.get(d, 0) for d in range(events[k][0], events[k][1] + 1)))
        for doc in members:
            day = days[doc.id]
            result[doc.id] = labels[largest if day is None else _nearest(events, day)]
    return result


def burst_events(counts: Mapping[int, int]) -> list[tuple[int, int]]:
    """(first, last) burst day of each event of a story, given its articles per day number."""
    bursts = sorted(day for day, count in counts.items() if count >= MIN_BURST)
    events: list[tuple[int, int]] = []
    for day in bursts:
        if events and not _lull_between(counts, events[-1][1], day):
            events[-1] = (events[-1][0], day)
        else:
            events.append((day, day))
    return events


def _lull_between(counts: Mapping[int, int], earlier: int, later: int) -> bool:
    return any(counts.get(day, 0) <= QUIET_ARTICLES for day in range(earlier + 1, later))


def _nearest(events: Sequence[tuple[int, int]], day: int) -> int:
    """Index of the event whose span is nearest to ``day`` (the earlier one on a tie)."""
    return min(range(len(events)), key=lambda k: (max(events[k][0] - day, 0, day - events[k][1]), k))


def _fresh_label(label: str, taken: set[str]) -> str:
    # A label no other story has (article ids are the caller's: one could look like ours).
    while label in taken:
        label = "~" + label
    taken.add(label)
    return label


def day_number(day: str | None) -> int | None:
    """Proleptic ordinal of an ISO date ("YYYY-MM-DD", longer strings read to the day), or None."""
    if not day:
        return None
    try:
        return Date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None
