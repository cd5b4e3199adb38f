"""Story-level second stages: small fragments join the story they fit; a story of headlines busy
on several days is linked again with time; with a time window, a story is cut where its news
stopped for longer than the window (``split_quiet_gaps``); a story covered in two bursts with a
lull between is two events.

Fragments (``absorb_fragments``, topic-space batches). Average link cuts every pair of groups at
one similarity, but stories differ in how alike their own articles are: a tight event's articles
are far more alike than a broad topic's ("perceptions of Generation X": mean TF-IDF cosine
0.06-0.08 within the story). So a broad topic ends as one large story and a trail of pieces of
1-3 articles that were no closer to it than the cut. A story-level test sees what the pair cut
cannot: a fragment of at most ``FRAGMENT`` articles joins the story of at least ``STORY_MIN``
articles to which its mean similarity, divided by that story's own mean similarity between its
articles, is highest, if that fit reaches ``FIT``. A fragment as close to a broad topic as the
topic's own articles are to each other joins it; near a tight event it would need to be far
closer, and average link would have joined it already.

Bursts (``split_bursts``, every batch). The article-level clustering compares words and
meanings, and one subject at two moments
reads the same: on the UCI headlines the largest merge was the Titanfall review roundup of
10 March 2014 with the Titanfall launch of 12 March (454 headlines, nothing on the 11th). No
textual signal separates such halves: their mean similarity in the topic space is 0.87-1.0
of the mean within each half, as high as between halves of one day's story (docs/store.md). What differs is the time profile: an event is a burst (tens to
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
over four years, or a TDT event of ten articles over days or weeks, has at most one burst day (at most
10 articles of one DUC story fall on one day). Story pairs of adjacent days (GM's recall data
demanded on 11 March, the Congress probe widened on the 12th) have no lull between them.

Headline days (``relink_headline_days``, every batch, before the bursts). Among bare headlines
such adjacent-day pairs were the largest merges left on UCI (GM, Mt. Gox, the markets on China's
trade data; Google News files each day's development as its own story, and none of UCI's 87
stories spans two days). A headline has too few words to tell one day's development from the
next day's; the day it ran is the evidence left, as in TDT event detection, which weighs
similarity down with the time between two reports. So a story made only of headlines, with at
least ``MIN_BURST`` of them on each of two or more days, is linked again by average link at the
same cut, headlines of different days keeping ``HEADLINE_OTHER_DAY`` of their similarity: its
days come apart unless their headlines are alike enough across them (a wire headline repeated
day after day). Only busy stories of headlines: damping every pair of headlines of different
days instead (UCI 0.874 with embeddings) cut multi-day events told in a few headlines a day
(the DUC 2003 TDT events with each article's first sentence as its headline: 0.740 -> 0.489);
this stage leaves them at 0.740 (docs/store.md). Articles with a body are never relinked: their
text tells events apart, and a DUC topic runs over years.

The stages read only the clustering, the dates and the similarity of the batch (fragments: the
topic-space rows; headline days: the similarity matrix of one story's headlines at a time): they
do not depend on input order, build nothing n x n, and cost 0.05-0.2 CPU s at 8,000 articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date as Date
from typing import Any

# Fragments: stories of at most this many articles may join a larger story. The pieces that
# broad DUC topics leave behind are of 1-3 articles (docs/store.md, error analysis); on the DUC
# mix fragments of at most 1 / 2 / 3 / 5 articles gave B-cubed F1 0.887 / 0.889 / 0.891 / 0.892
# without embeddings (0.886 before), 0.894 / 0.896 / 0.898 / 0.899 with them (0.890), and
# Multi-News 300 (stories of ~3 articles) 0.850-0.853 for all (0.850): 3 is the largest piece seen.
FRAGMENT = 3
# Stories a fragment may join have at least this many articles: the mean similarity within a
# story is then a mean over at least 10 pairs. DUC mix, fragments of 3: 3 / 5 / 10 gave 0.891 /
# 0.891 / 0.889 (0.898 / 0.898 / 0.899 with embeddings).
STORY_MIN = 5
# The fit a fragment needs: its mean similarity to the story over the story's own. DUC mix 0.3 /
# 0.4 / 0.5 / 0.6 / 0.7 / 0.8: 0.892 / 0.892 / 0.893 / 0.891 / 0.887 / 0.886 (with embeddings
# 0.901 / 0.903 / 0.902 / 0.898 / 0.894 / 0.890); Multi-News 300, whose stories are mostly
# fragment-sized, 0.841 / 0.846 / 0.850 / 0.852 / 0.850 / 0.850 (with embeddings 0.838 / 0.844 /
# 0.849 / 0.851 / 0.850 / 0.850): below 0.5 whole small stories are swallowed. UCI (headlines)
# 0.825 -> 0.825 at 0.6 with embeddings. 0.6 keeps a margin above that.
FIT = 0.6

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
# Headlines of different days keep this share of their similarity when a busy story of headlines
# is linked again (``relink_headline_days``): across days they must be 1 / 0.3 = 3.3 times as alike
# as the cut. UCI B-cubed F1 with embeddings at 0.2 / 0.3 / 0.4 / 0.5 / 0.6: 0.862 / 0.862 / 0.861
# / 0.850 / 0.841 (0.842 without the stage; without embeddings 0.723 -> 0.743 at 0.3). UCI is the
# only headline set, so nothing else checks the value; 0.3 is the middle of the plateau.
HEADLINE_OTHER_DAY = 0.3


def absorb_fragments(docs: Sequence[Any], assignment: Mapping[str, str], features,
                     quiet_days: int | None = None) -> dict[str, str]:
    """Move every fragment of ``assignment`` to the larger story it fits best, if it fits.

    ``features`` are ``topics.topic_features`` of ``docs`` (same order): the similarity of two
    articles is the dot product of their rows, so the summed similarities between two stories
    are the dot product of their row sums and nothing n x n is built. With ``quiet_days``, a
    fragment only joins a story whose dated articles all lie within that many days of its own
    (average link counted pairs further apart as -1). Decided on the given stories at once:
    a fragment joins a story as it was, not one that other fragments joined.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    words, dense = features
    labels = sorted({assignment[d.id] for d in docs})
    index = {label: k for k, label in enumerate(labels)}
    story_of = np.array([index[assignment[d.id]] for d in docs])
    members = csr_matrix((np.ones(len(docs)), (story_of, np.arange(len(docs)))), shape=(len(labels), len(docs)))
    sizes = np.bincount(story_of, minlength=len(labels)).astype(float)
    word_sums, dense_sums = (members @ words).tocsr(), members @ dense
    own = np.asarray(words.multiply(words).sum(axis=1)).ravel() + (dense * dense).sum(axis=1)
    self_sums = np.asarray(word_sums.multiply(word_sums).sum(axis=1)).ravel() + (dense_sums * dense_sums).sum(axis=1)
    pairs = np.maximum(sizes * (sizes - 1), 1.0)
    within = (self_sums - members @ own) / pairs  # mean similarity between a story's articles
    hosts = (sizes >= STORY_MIN) & (within > 0)
    fragments = np.flatnonzero(sizes <= FRAGMENT)
    if not hosts.any() or not fragments.size:
        return dict(assignment)
    cross = (word_sums[fragments] @ word_sums.T).toarray() + dense_sums[fragments] @ dense_sums.T
    fit = cross / np.outer(sizes[fragments], sizes) / np.where(hosts, within, 1.0)
    fit[:, ~hosts] = -np.inf
    if quiet_days is not None:
        fit[~_within_window(docs, story_of, len(labels), fragments, quiet_days)] = -np.inf
    best = np.argmax(fit, axis=1)
    moved = {labels[f]: labels[b] for f, b, ok in zip(fragments, best, fit[np.arange(len(fragments)), best] >= FIT) if ok}
    return {doc_id: moved.get(story, story) for doc_id, story in assignment.items()}


def _within_window(docs: Sequence[Any], story_of, n_stories: int, fragments, quiet_days: int):
    """fragments x stories: True where every dated pair of their articles is within ``quiet_days``."""
    import numpy as np

    days = day_ordinals(docs)
    first = np.full(n_stories, np.inf)
    last = np.full(n_stories, -np.inf)
    dated = ~np.isnan(days)
    np.minimum.at(first, story_of[dated], days[dated])
    np.maximum.at(last, story_of[dated], days[dated])
    spread = np.maximum(last[fragments][:, None] - first[None, :], last[None, :] - first[fragments][:, None])
    return spread <= quiet_days  # a story or fragment with no dated article gives -inf: never too far


def split_bursts(docs: Sequence[Any], assignment: Mapping[str, str]) -> dict[str, str]:
    """Cut every story of ``assignment`` (article id -> story) that was covered as two events.

    ``docs`` need ``id`` and ``date`` ("YYYY-MM-DD...", or None). The earliest event keeps the
    story's label; the others get "label@YYYY-MM-DD" of their first burst day (callers rename
    stories afterwards, e.g. ``batch.name_stories``).
    """
    result = dict(assignment)
    taken = set(assignment.values())
    for story, members in _members(docs, assignment).items():
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


def split_quiet_gaps(docs: Sequence[Any], assignment: Mapping[str, str], quiet_days: int | None,
                     similarity_of: Callable[[Any], Any] | None = None, bridge_days: int | None = None) -> dict[str, str]:
    """Cut every story where its news stopped for more than ``quiet_days`` days.

    The store's rule ("a story goes quiet after ``quiet_days`` without news", online.py) applied
    to a batch: the story's dated articles in day order, a new story after every gap longer
    than the window. Average link would otherwise need a window on pairs, which cuts a story
    running longer than the window even when its news never stopped (DUC 2003 TDT events with
    the 21-day window: B-cubed F1 0.781 with the pair window, 0.827 with this, 0.834 online;
    docs/store.md). Undated articles stay with the part that has the most articles; the earliest
    part keeps the label, the others get "label+YYYY-MM-DD" of their first day. With
    ``similarity_of`` (rows of ``docs`` -> the clusterer's similarity matrix) and ``bridge_days``,
    a part after a gap of at most ``bridge_days`` stays when it is as close to the parts before it
    as ``BRIDGE_SIMILARITY``: a topic told in bursts months apart, as the store's bridge (online.py).
    """
    if quiet_days is None:
        return dict(assignment)
    result = dict(assignment)
    taken = set(assignment.values())
    for story, members in _members(docs, assignment).items():
        days = sorted({day for doc in members if (day := day_number(doc.date)) is not None})
        starts = [days[0]] + [day for before, day in zip(days, days[1:]) if day - before > quiet_days] if days else []
        if len(starts) > 1 and similarity_of is not None and bridge_days is not None:
            starts = _bridged(docs, members, starts, similarity_of, bridge_days)
        if len(starts) < 2:
            continue
        labels = [story] + [_fresh_label(f"{story}+{Date.fromordinal(first).isoformat()}", taken) for first in starts[1:]]
        part_of = {doc.id: _part(starts, day) for doc in members if (day := day_number(doc.date)) is not None}
        largest = Counter(part_of.values()).most_common(1)[0][0]
        for doc in members:
            result[doc.id] = labels[part_of.get(doc.id, largest)]
    return result


# Mean similarity (the clusterer's own, scaled so that its linking cut is 1) across a quiet gap
# at which the part after it stays with the story: chosen on the training half of DUC 2006/2007
# with the store's 21-day window (0.75, 1.0, 1.5, 2.5 tried; docs/store.md).
BRIDGE_SIMILARITY = 1.0


def _bridged(docs: Sequence[Any], members: Sequence[Any], starts: list[int], similarity_of: Callable[[Any], Any],
             bridge_days: int) -> list[int]:
    """The first days of the parts that stay apart once each part whose articles are, on average,
    as similar to the story's parts before it as ``BRIDGE_SIMILARITY`` and whose gap is at most
    ``bridge_days`` is joined to them."""
    import numpy as np

    row_of = {doc.id: k for k, doc in enumerate(docs)}
    dated = sorted((day, row_of[doc.id]) for doc in members if (day := day_number(doc.date)) is not None)
    parts = [[row for day, row in dated if _part(starts, day) == k] for k in range(len(starts))]
    last = [max(day for day, _ in dated if _part(starts, day) == k) for k in range(len(starts))]
    kept = [starts[0]]
    before = parts[0]
    for k in range(1, len(starts)):
        rows = before + parts[k]
        across = np.asarray(similarity_of(rows))[: len(before), len(before):]
        if starts[k] - last[k - 1] <= bridge_days and float(across.mean()) >= BRIDGE_SIMILARITY:
            before = rows
        else:
            kept.append(starts[k])
            before = parts[k]
    return kept


def _members(docs: Sequence[Any], assignment: Mapping[str, str]) -> dict[str, list[Any]]:
    """Story -> its articles, in the order of ``docs``."""
    by_story: dict[str, list[Any]] = defaultdict(list)
    for doc in docs:
        by_story[assignment[doc.id]].append(doc)
    return by_story


def _part(starts: Sequence[int], day: int) -> int:
    """Index of the part (by its first day, ascending) that ``day`` falls in."""
    return max(k for k, first in enumerate(starts) if first <= day)


def relink_headline_days(docs: Sequence[Any], assignment: Mapping[str, str],
                         similarity_of: Callable[[Any], Any]) -> dict[str, str]:
    """Cluster again, with time, every story of bare headlines with bursts on two or more days.

    ``similarity_of(indices)`` gives the similarity matrix of those articles of ``docs`` (in
    their order), scaled so that the cut is 1. Two headlines of different days keep
    ``HEADLINE_OTHER_DAY`` of their similarity, and average link cuts the story again at 1:
    its days come apart unless their headlines are alike enough across them. The part with
    the earliest article keeps the story's label; the others get "label#k".
    """
    import numpy as np

    days = day_ordinals(docs)
    headlines = headline_mask(docs)
    members: dict[str, list[int]] = defaultdict(list)
    for position, doc in enumerate(docs):
        members[assignment[doc.id]].append(position)
    result = dict(assignment)
    taken = set(assignment.values())
    for story, positions in members.items():
        rows = np.array(positions)
        if not headlines[rows].all() or _busy_days(days[rows]) < 2:
            continue
        similarity = similarity_of(rows)
        damp_other_day_headlines(similarity, days[rows])
        parts = _average_link(similarity)
        labels = {parts[0]: story}
        for position, part in zip(positions, parts):
            if part not in labels:
                labels[part] = _fresh_label(f"{story}#{len(labels)}", taken)
            result[docs[position].id] = labels[part]
    return result


def damp_other_day_headlines(similarity, days) -> None:
    """Scale in place the positive similarities of headlines dated on different days by
    ``HEADLINE_OTHER_DAY`` (``days``: ``day_ordinals``; an undated headline is never damped)."""
    import numpy as np

    with np.errstate(invalid="ignore"):  # NaN days compare False
        other_day = np.abs(days[:, None] - days[None, :]) >= 1
    similarity[other_day & (similarity > 0)] *= HEADLINE_OTHER_DAY


def _busy_days(days) -> int:
    """Days (of an array of day numbers, NaN undated) with at least ``MIN_BURST`` articles."""
    counts = Counter(day for day in days.tolist() if day == day)
    return sum(count >= MIN_BURST for count in counts.values())


def _average_link(similarity):
    """Average-link groups of a similarity matrix cut at 1 (an array of group numbers)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    shift = max(float(similarity.max()), 1.0)
    distance = np.maximum(shift - similarity, 0.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=shift - 1.0, criterion="distance")


def headline_mask(docs: Sequence[Any]):
    """Boolean per article: a bare headline (no body text)."""
    import numpy as np

    return np.array([not (d.text or "").strip() for d in docs], dtype=bool)


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


def day_ordinals(docs: Sequence[Any]):
    """Day numbers of the articles' dates as floats (NaN when undated or unreadable)."""
    import numpy as np

    return np.array([np.nan if (n := day_number(d.date)) is None else float(n) for d in docs])
