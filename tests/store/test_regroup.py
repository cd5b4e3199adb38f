"""Regrouping stored stories with the batch method (newsbrief/store/regroup.py, ``Store.regroup``), on real SQLite files."""

import sqlite3
from dataclasses import replace

import pytest
from store_stories import gold_story, make_article, make_stream, stories_by_gold

import newsbrief.store.regroup as regroup_module
from newsbrief.cluster import ClusterConfig
from newsbrief.errors import StoreError
from newsbrief.store.regroup import continued_stories, merged_into
from newsbrief.store import MIGRATIONS, SCHEMA_VERSION, Store



def online_only(path, config=ClusterConfig()):
    """A store whose ``add`` leaves every article where the online pass put it (no local regroup):
    the stories these tests regroup."""
    return Store.open(path, config, local_regroup=None)


# An online threshold no two articles reach: the store puts every article in a story of its own.
SPLIT_EVERYTHING = ClusterConfig(threshold=0.95)
# One so low that the store puts every article of the same days in one story.
MERGE_EVERYTHING = ClusterConfig(threshold=0.001)


def _dump(path):
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in ("articles", "stories")}
    finally:
        conn.close()


def test_regroup_joins_the_stories_the_online_pass_split(tmp_path):
    articles = make_stream(per_story=5)
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        results = store.add_articles(articles)
        assert len(store.stories()) == len(articles)  # one story per article before
        outcome = store.regroup(embed=False)
        by_gold = stories_by_gold(store, results, articles)
        assert all(len(ids) == 1 for ids in by_gold.values()) and len(by_gold) == 4
        assert sorted(r.article_count for r in store.stories()) == [5, 5, 5, 5]
        assert outcome.articles == 20 and outcome.stories_before == 20 and outcome.stories_after == 4
        assert outcome.moved == 16 and len(outcome.merged) == 16 and not outcome.created
        assert not outcome.embeddings
        # each gold story continues the story of its first article stored (the older id on a tie)
        for gold, ids in by_gold.items():
            first = next(r.story for a, r in zip(articles, results) if gold_story(a.id) == gold)
            assert ids == {first}


def test_an_old_story_id_leads_to_the_story_it_was_merged_into(tmp_path):
    articles = make_stream(per_story=3, stories=("volcano", "merger"))
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        results = store.add_articles(articles)
        store.regroup(embed=False)
        last = results[-1].story
        row = store.story(last)
        assert row.id != last and row.article_count == 3
        assert {a.id for a in store.articles_of_story(last)} == {a.id for a in store.articles_of_story(row.id)}
        assert store.brief_of_story(last).summary  # the brief of the story it is part of now
        assert last not in {r.id for r in store.stories()}  # empty stories are not listed


def test_regroup_splits_what_the_online_pass_merged_and_keeps_the_id_for_the_largest_part(tmp_path):
    # A first article that reads like both stories, and a threshold any overlap reaches: the
    # store puts everything into the first story.
    pieces = [make_article(story, 0) for story in ("volcano", "football")]
    bridge = replace(pieces[0], id="volcano-bridge", text="\n\n".join(p.text for p in pieces))
    articles = [bridge] + make_stream(per_story=4, stories=("volcano", "football"))
    articles += [make_article("volcano", n) for n in range(4, 8)]  # volcano is the larger story
    with online_only(tmp_path / "news.db", MERGE_EVERYTHING) as store:
        results = store.add_articles(articles)
        assert len(store.stories()) == 1
        outcome = store.regroup(embed=False)
        by_gold = stories_by_gold(store, results[1:], articles[1:])  # the bridge may go either way
        assert all(len(ids) == 1 for ids in by_gold.values())
        assert by_gold["volcano"] == {results[0].story} and by_gold["football"] == set(outcome.created)
        assert len(outcome.created) == 1 and not outcome.merged and outcome.moved in (4, 5)


def test_regrouping_twice_changes_nothing_the_second_time(tmp_path):
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        store.add_articles(make_stream(per_story=3))
        store.regroup(embed=False)
        before = _dump(tmp_path / "news.db")
        again = store.regroup(embed=False)
    assert again.moved == 0 and not again.merged and not again.created
    assert _dump(tmp_path / "news.db") == before


def test_copies_follow_their_original_and_rebuilt_stories_keep_every_source(tmp_path):
    original = make_article("vaccine", 1, source="first.example")
    copy = replace(original, id="copy", source="second.example", url="https://second.example/x")
    others = [make_article("vaccine", n, source=f"paper{n}.example") for n in (2, 3)]
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        first, second, *_ = store.add_articles([original, copy, *others])
        store.regroup(embed=False)
        (row,) = store.stories()
        assert row.article_count == 3 and row.copy_count == 1
        assert set(row.sources) == {"first.example", "second.example", "paper2.example", "paper3.example"}
        assert {a.id for a in store.articles_of_story(row.id)} >= {first.article, second.article}
        assert row.title == original.title  # all on one day: the first headline stored


def test_since_leaves_older_stories_alone(tmp_path):
    old = [make_article("football", n, "2024-01-0" + str(n + 1)) for n in range(3)]
    new = [make_article("volcano", n, "2024-05-01") for n in range(3)]
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        store.add_articles(old + new)
        outcome = store.regroup(since="2024-04-01", embed=False)
        assert outcome.articles == 3 and outcome.stories_after == 1
        assert sorted(r.article_count for r in store.stories()) == [1, 1, 1, 3]


def test_the_store_grows_more_stories_after_regrouping(tmp_path):
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        store.add_articles(make_stream(per_story=2, stories=("volcano", "merger")))
        store.regroup(embed=False)
    with online_only(tmp_path / "news.db") as store:  # the default threshold again
        (later,) = store.add_articles([make_article("volcano", 5)])
        assert not later.new_story and store.story(later.story).article_count == 3


def test_a_failure_while_writing_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        store.add_articles(make_stream(per_story=2))
        before = _dump(tmp_path / "news.db")

        def broken(self, story_id, seq):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(Store, "_rebuild_story", broken)
        with pytest.raises(RuntimeError):
            store.regroup(embed=False)
    assert _dump(tmp_path / "news.db") == before


def test_regroup_starts_again_when_another_writer_added_meanwhile(tmp_path, monkeypatch):
    path = tmp_path / "news.db"
    real = regroup_module.cluster_stored
    late = [make_article("volcano", 4), make_article("merger", 4)]

    def another_writer_adds_first(rows, quiet_days, use_embeddings, learned):
        if late:
            with online_only(path) as other:  # a second connection, as a second process would have
                other.add_articles([late.pop()])
        return real(rows, quiet_days, use_embeddings, learned)

    monkeypatch.setattr(regroup_module, "cluster_stored", another_writer_adds_first)
    with online_only(path, SPLIT_EVERYTHING) as store:
        store.add_articles(make_stream(per_story=2, stories=("volcano", "merger")))
        outcome = store.regroup(embed=False)
        assert outcome.articles == 6  # both late articles were seen: two snapshots were thrown away
        assert sorted(r.article_count for r in store.stories()) == [3, 3]


def test_regroup_gives_up_with_a_clear_error_when_the_store_keeps_changing(tmp_path, monkeypatch):
    path = tmp_path / "news.db"
    real = regroup_module.cluster_stored
    counter = iter(range(100))

    def always_changed(rows, quiet_days, use_embeddings, learned):
        with online_only(path) as other:
            other.add_articles([make_article("vaccine", next(counter) % 9, f"2024-03-{10 + next(counter) % 9}")])
        return real(rows, quiet_days, use_embeddings, learned)

    monkeypatch.setattr(regroup_module, "cluster_stored", always_changed)
    with online_only(path, SPLIT_EVERYTHING) as store:
        store.add_articles(make_stream(per_story=2, stories=("volcano",)))
        with pytest.raises(StoreError, match="kept changing"):
            store.regroup(embed=False)


def test_a_version_1_store_is_upgraded_and_regroups(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with online_only(path, SPLIT_EVERYTHING) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)  # every migration ran
        store.add_articles(make_stream(per_story=2, stories=("merger",)))
        assert store.regroup(embed=False).stories_after == 1
        assert store.search("merger"), "the upgraded store's search index is filled"


def test_regroup_with_embeddings(tmp_path):
    pytest.importorskip("onnxruntime")
    with online_only(tmp_path / "news.db", SPLIT_EVERYTHING) as store:
        store.add_articles(make_stream(per_story=3, stories=("volcano", "vaccine")))
        outcome = store.regroup()
        assert outcome.embeddings and outcome.stories_after == 2


def test_an_empty_store_has_nothing_to_regroup(tmp_path):
    with online_only(tmp_path / "news.db") as store:
        outcome = store.regroup()
    assert outcome.articles == 0 and outcome.moved == 0 and not outcome.embeddings


def test_continued_stories_keep_ids_by_largest_overlap():
    current = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}
    found = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    # x holds two of story 1; y one each of 1 and 2 (1 is taken: it continues 2); z continues 3
    assert continued_stories(current, found) == {"x": "1", "y": "2", "z": "3"}
    assert continued_stories({"a": "1", "b": "1"}, {"a": "x", "b": "y"}) == {"x": "1", "y": None}


def test_an_emptied_story_is_merged_into_the_story_that_took_most_of_it():
    current = {"a": "5", "b": "5", "c": "5", "d": "2"}
    target = {"a": "2", "b": "2", "c": "9", "d": "2"}
    assert merged_into(current, target, {"5"}) == {"5": "2"}


def test_regroup_clusters_with_the_learned_similarity_unless_told_not_to(tmp_path, monkeypatch):
    """`newsbrief regroup` reads --no-learned as `cluster` and `spark run` do; by default the
    store's ClusterConfig.learned (on, as theirs)."""
    from newsbrief.cli import main

    real, seen = regroup_module.cluster_stored, []

    def recording(rows, quiet_days, use_embeddings, learned):
        seen.append(learned)
        return real(rows, quiet_days, use_embeddings, learned)

    monkeypatch.setattr(regroup_module, "cluster_stored", recording)
    db = tmp_path / "news.db"
    with online_only(db, SPLIT_EVERYTHING) as store:
        store.add_articles(make_stream(per_story=2, stories=("volcano", "merger")))
        store.regroup(embed=False)
    assert main(["regroup", "--db", str(db), "--no-embed"]) == 0
    assert main(["regroup", "--db", str(db), "--no-embed", "--no-learned"]) == 0
    assert seen == [ClusterConfig().learned, True, False] and ClusterConfig().learned is True
