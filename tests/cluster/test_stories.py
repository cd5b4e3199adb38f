"""The story-level stages (cluster/stories.py) and their place in ``cluster_docs``."""

from __future__ import annotations

import random

from newsbrief.cluster import ClusterConfig, Doc, cluster_docs
from newsbrief.cluster.stories import (
    HEADLINE_OTHER_DAY,
    MIN_BURST,
    QUIET_ARTICLES,
    STORY_MIN,
    absorb_fragments,
    burst_events,
    day_number,
    relink_headline_days,
    split_bursts,
    split_quiet_gaps,
)


def _docs(story: str, day: str | None, count: int, start: int = 0) -> list[Doc]:
    return [Doc(f"{story}-{day}-{start + i:03d}", None, None, day) for i in range(count)]


def test_two_burst_days_of_one_story_become_two_stories():
    docs = _docs("s", "2014-03-10", MIN_BURST) + _docs("s", "2014-03-12", MIN_BURST + 5)
    result = split_bursts(docs, {d.id: "s" for d in docs})
    first = {result[d.id] for d in docs if d.date == "2014-03-10"}
    second = {result[d.id] for d in docs if d.date == "2014-03-12"}
    assert first == {"s"} and len(second) == 1 and second != first


def test_stragglers_join_the_nearest_burst_and_undated_ones_the_largest():
    bursts = _docs("s", "2014-03-10", MIN_BURST) + _docs("s", "2014-03-14", MIN_BURST + 3)
    near_first = _docs("s", "2014-03-11", 2)
    tie = _docs("s", "2014-03-12", 1)  # two days from both bursts: the earlier one
    near_second = _docs("s", "2014-03-13", 1)
    undated = [Doc("s-undated", None, None, None), Doc("s-bad-date", None, None, "not a date")]
    docs = bursts + near_first + tie + near_second + undated
    result = split_bursts(docs, {d.id: "s" for d in docs})
    assert {result[d.id] for d in near_first + tie} == {"s"}
    later = result[bursts[-1].id]
    assert later != "s"
    assert {result[d.id] for d in near_second + undated} == {later}


def test_long_stories_and_single_bursts_are_left_alone():
    # A topic over years with a few articles a day, and an event with one dense day.
    topic = [Doc(f"t{i}", None, None, f"{1996 + i % 4}-0{1 + i % 9}-1{i % 10}") for i in range(60)]
    event = _docs("e", "1998-10-17", MIN_BURST + 10) + _docs("e", "1998-10-18", MIN_BURST - 1)
    docs = topic + event
    assignment = {d.id: d.id[0] for d in docs}
    assert split_bursts(docs, assignment) == assignment


def test_bursts_on_consecutive_days_or_without_a_lull_are_one_event():
    # Three busy days running (a story followed day after day), then a burst after a busy day.
    running = [d for day in ("2024-03-10", "2024-03-11", "2024-03-12") for d in _docs("r", day, MIN_BURST + 3)]
    no_lull = _docs("n", "2024-03-10", MIN_BURST) + _docs("n", "2024-03-11", QUIET_ARTICLES + 1)
    no_lull += _docs("n", "2024-03-12", MIN_BURST)
    docs = running + no_lull
    assignment = {d.id: d.id[0] for d in docs}
    assert split_bursts(docs, assignment) == assignment


def test_burst_events_group_runs_of_busy_days():
    counts = {1: MIN_BURST, 2: MIN_BURST, 3: QUIET_ARTICLES, 4: MIN_BURST, 9: MIN_BURST - 1, 20: MIN_BURST}
    assert burst_events(counts) == [(1, 2), (4, 4), (20, 20)]
    assert burst_events({}) == [] and burst_events({5: MIN_BURST - 1}) == []


def test_labels_never_collide_with_other_stories():
    docs = _docs("s", "2014-03-10", MIN_BURST) + _docs("s", "2014-03-12", MIN_BURST)
    other = Doc("o", None, None, "2014-03-12")
    assignment = {d.id: "s" for d in docs} | {"o": "s@2014-03-12"}
    result = split_bursts(docs + [other], assignment)
    assert result["o"] == "s@2014-03-12"
    assert result[docs[-1].id] not in ("s", "s@2014-03-12")


def test_day_number_reads_iso_dates_and_refuses_the_rest():
    assert day_number("2014-03-12T10:00:00") == day_number("2014-03-12") == day_number("2014-03-11") + 1
    assert day_number(None) is None and day_number("") is None and day_number("March") is None


def _headlines(subject: str, day: str, count: int) -> list[Doc]:
    words = {"titan": "Titanfall mech shooter Respawn Xbox", "gm": "GM ignition switch recall probe"}[subject]
    return [Doc(f"{subject}-{day}-{i}", f"{words} headline {i}", None, day) for i in range(count)]


def test_cluster_docs_cuts_one_subject_covered_on_two_days_whatever_the_order():
    docs = _headlines("titan", "2014-03-10", MIN_BURST) + _headlines("titan", "2014-03-12", MIN_BURST)
    docs += _headlines("gm", "2014-03-11", 8)
    result = cluster_docs(docs)
    titan = {d.date: result[d.id] for d in docs if d.id.startswith("titan")}
    assert len({result[d.id] for d in docs if d.id.startswith("titan") and d.date == "2014-03-10"}) == 1
    assert titan["2014-03-10"] != titan["2014-03-12"]
    assert len({result[d.id] for d in docs if d.id.startswith("gm")}) == 1
    shuffled = list(docs)
    random.Random(3).shuffle(shuffled)
    assert cluster_docs(shuffled) == result


# --------------------------------------------------------------------------- fragments


def _fragment_batch():
    """A broad story (articles 0.3 alike), a tight one (0.9 alike), a fragment near each.

    Rows are unit vectors: a shared story direction plus a direction of the article's own,
    so every similarity is set exactly. The fragment near the broad story is less alike to it
    (0.24) than the broad story's articles are to each other, but fits it; the one near the
    tight story is as alike to it (0.25) and does not fit it.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, labels, dates = [], [], []
    for story, share, count, day in (("broad", 0.3, 5, "2000-01-01"), ("tight", 0.9, 5, "2000-01-01"),
                                     ("near-broad", 0.2, 1, "2000-01-02"), ("near-tight", 0.07, 1, "2000-01-02")):
        axis = 0 if "broad" in story else 1
        for _ in range(count):
            row = np.zeros(16)
            row[axis] = share ** 0.5
            row[2 + len(rows)] = (1 - share) ** 0.5
            rows.append(row)
            labels.append(story)
            dates.append(day)
    docs = [Doc(f"{label}-{i}", None, None, day) for i, (label, day) in enumerate(zip(labels, dates))]
    features = (csr_matrix((len(rows), 1)), np.array(rows))
    return docs, {d.id: label for d, label in zip(docs, labels)}, features


def test_a_fragment_joins_the_story_it_fits_as_well_as_its_own_articles_do():
    docs, assignment, features = _fragment_batch()
    result = absorb_fragments(docs, assignment, features)
    assert result[next(d.id for d in docs if d.id.startswith("near-broad"))] == "broad"
    assert result[next(d.id for d in docs if d.id.startswith("near-tight"))] == "near-tight"
    assert {result[d.id] for d in docs if d.id.startswith(("broad", "tight"))} == {"broad", "tight"}


def test_a_fragment_does_not_join_a_story_outside_the_quiet_window():
    docs, assignment, features = _fragment_batch()
    late = [Doc(d.id, None, None, "2000-03-01" if d.id.startswith("near-broad") else d.date) for d in docs]
    assert absorb_fragments(late, assignment, features, quiet_days=21) == assignment
    assert absorb_fragments(late, assignment, features, quiet_days=None) != assignment


def test_fragments_need_a_story_large_enough_to_know_its_cohesion():
    docs, assignment, features = _fragment_batch()
    small = {doc_id: (story if not story.startswith(("broad", "tight")) or int(doc_id.rsplit("-", 1)[1]) % 5 < STORY_MIN - 1
                      else story + "-rest") for doc_id, story in assignment.items()}
    assert absorb_fragments(docs, small, features) == small


# --------------------------------------------------------------------------- headline days


def _two_day_story(within: float, across: float, body: str | None = None):
    """One story of headlines busy on two consecutive days (no lull): similarity ``within`` a
    day and ``across`` the days, on the scale where the cut is 1."""
    import numpy as np

    docs = [Doc(f"h-{day}-{i:02d}", "headline", body, day)
            for day in ("2014-03-11", "2014-03-12") for i in range(MIN_BURST)]
    same_day = np.array([[d.date == e.date for e in docs] for d in docs])
    similarity = np.where(same_day, within, across)
    return docs, {d.id: "s" for d in docs}, lambda rows: similarity[np.ix_(rows, rows)].copy()


def test_a_busy_headline_story_comes_apart_at_its_days_unless_they_are_alike_enough():
    # Across the days as alike as the cut (and each day far closer): one subject, two days' news.
    docs, assignment, similarity_of = _two_day_story(within=3.0, across=1.2)
    result = relink_headline_days(docs, assignment, similarity_of)
    first = {result[d.id] for d in docs if d.date == "2014-03-11"}
    second = {result[d.id] for d in docs if d.date == "2014-03-12"}
    assert first == {"s"} and len(second) == 1 and second != first
    # Headlines repeated across the days (a wire story followed day after day) stay one story.
    tight = 1.2 / HEADLINE_OTHER_DAY
    docs, assignment, similarity_of = _two_day_story(within=3.0, across=tight)
    assert relink_headline_days(docs, assignment, similarity_of) == assignment


def test_stories_with_bodies_or_one_busy_day_are_not_relinked():
    docs, assignment, similarity_of = _two_day_story(within=3.0, across=1.2, body="A body tells the events apart.")
    assert relink_headline_days(docs, assignment, similarity_of) == assignment
    docs, assignment, similarity_of = _two_day_story(within=3.0, across=1.2)
    quiet_second_day = [d for d in docs if d.date == "2014-03-11" or d.id.endswith(("00", "01"))]
    alone = {d.id: "s" for d in quiet_second_day}
    assert relink_headline_days(quiet_second_day, alone, similarity_of) == alone


# --------------------------------------------------------------------------- quiet gaps


def test_a_story_is_cut_where_its_news_stopped_for_longer_than_the_window():
    days = ["2024-01-01", "2024-01-15", "2024-02-01", "2024-03-20", "2024-03-25"]  # gaps 14, 17, 48, 5
    docs = [Doc(f"s{i}", None, None, day) for i, day in enumerate(days)] + [Doc("undated", None, None, None)]
    result = split_quiet_gaps(docs, {d.id: "s" for d in docs}, quiet_days=21)
    assert {result[f"s{i}"] for i in range(3)} == {"s"}
    assert result["s3"] == result["s4"] == "s+2024-03-20"
    assert result["undated"] == "s"  # with the larger part
    assert split_quiet_gaps(docs, {d.id: "s" for d in docs}, quiet_days=None) == {d.id: "s" for d in docs}
    assert split_quiet_gaps(docs, {d.id: "s" for d in docs}, quiet_days=60) == {d.id: "s" for d in docs}


def test_a_part_after_a_gap_stays_when_it_is_as_close_as_the_bridge_asks_within_its_reach():
    import numpy as np

    days = ["2024-01-01", "2024-01-05", "2024-03-01", "2024-03-03", "2025-06-01"]  # gaps 55, 455
    docs = [Doc(f"s{i}", None, None, day) for i, day in enumerate(days)]
    close = np.full((5, 5), 1.2)

    def similarity_of(rows):
        return close[np.ix_(rows, rows)]

    def far(rows):
        return np.full((len(rows), len(rows)), 0.5)

    result = split_quiet_gaps(docs, {d.id: "s" for d in docs}, 21, similarity_of, bridge_days=365)
    assert [result[d.id] for d in docs] == ["s", "s", "s", "s", "s+2025-06-01"]  # the last gap is beyond reach
    result = split_quiet_gaps(docs, {d.id: "s" for d in docs}, 21, far, bridge_days=365)
    assert [result[d.id] for d in docs] == ["s", "s", "s+2024-03-01", "s+2024-03-01", "s+2025-06-01"]


def test_cluster_docs_keeps_a_story_longer_than_the_window_whose_news_never_stopped():
    import numpy as np
    from store_stories import make_article

    # Articles every 10 days over 60 days, all alike: one story under a 21-day window, though its
    # first and last articles are 60 days apart; a late article after 40 quiet days starts another
    # without the bridge.
    running = [make_article("volcano", n, f"2024-{1 + n // 3:02d}-{1 + 10 * (n % 3):02d}") for n in range(7)]
    late = make_article("volcano", 7, "2024-05-15")
    docs = [Doc(a.id, a.title, a.text, a.date) for a in running + [late]]
    meaning = {d.id: np.ones(8) / np.sqrt(8) + 0.01 * np.eye(8)[k % 8] for k, d in enumerate(docs)}
    result = cluster_docs(docs, ClusterConfig(quiet_days=21, bridge_days=None), embeddings=meaning)
    assert len({result[d.id] for d in docs[:-1]}) == 1
    assert result[docs[-1].id] != result[docs[0].id]
    bridged = cluster_docs(docs, ClusterConfig(quiet_days=21), embeddings=meaning)  # the same news, back
    assert len(set(bridged.values())) == 1
