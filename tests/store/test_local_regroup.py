"""The local regroup ``add`` runs as it goes (regroup.LocalRegroup, regroup.neighbourhood,
``Store.add_each`` and ``Store.regroup_near``), on real SQLite files. Words only (``embed=False``):
the made-up stories need no embeddings, and the tests stay fast."""

import sqlite3

import pytest
from store_stories import gold_story, make_stream, stories_by_gold

from newsbrief.cluster import ClusterConfig
from newsbrief.cluster.online import StoryState
from newsbrief.model import Article
from newsbrief.store.regroup import LocalRegroup, neighbourhood
from newsbrief.store import Store

# An online threshold no two articles reach: the online pass puts every article in a story of its own.
SPLIT_EVERYTHING = ClusterConfig(threshold=0.95)
# One so low that the online pass puts the articles of the same days in one story.
MERGE_EVERYTHING = ClusterConfig(threshold=0.001)
# Words only: the made-up stories need no embeddings, and the tests stay fast.
WORDS_ONLY = LocalRegroup(embed=False, min_articles=2)


def _story_now(store):
    return {stored.id: row.id for row in store.stories() for stored in store.articles_of_story(row.id)}


def _grouping(path):
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall(),
                conn.execute("SELECT id, article_count, copy_count, merged_into, centroid FROM stories ORDER BY id")
                .fetchall())
    finally:
        conn.close()


def test_add_repairs_the_stories_the_online_pass_split(tmp_path):
    articles = make_stream(per_story=5)
    with Store.open(tmp_path / "plain.db", SPLIT_EVERYTHING, local_regroup=None) as plain:
        assert len({r.story for r in plain.add_articles(articles)}) == 20  # the online pass alone
    with Store.open(tmp_path / "news.db", SPLIT_EVERYTHING, local_regroup=WORDS_ONLY) as store:
        results = store.add_articles(articles)
        by_gold = stories_by_gold(store, results, articles)
        assert len(by_gold) == 4 and all(len(ids) == 1 for ids in by_gold.values())
        assert sorted(r.article_count for r in store.stories()) == [5, 5, 5, 5]
        # the story each result named still leads to its article: kept, or merged into it
        story_now = _story_now(store)
        assert all(store.story(r.story).id == story_now[r.article] for r in results)
        # and the live index moved with the stories: the next article joins its gold story
        more = make_stream(per_story=6)[-1]
        again = store.add_articles([more])[0]
        assert again.story in by_gold[gold_story(more.id)]


def test_a_local_regroup_every_few_articles_gives_the_same_stories(tmp_path):
    articles = make_stream(per_story=5)
    with Store.open(tmp_path / "news.db", SPLIT_EVERYTHING, local_regroup=LocalRegroup(every=3, embed=False, min_articles=2)) as store:
        results = store.add_articles(articles)
        by_gold = stories_by_gold(store, results, articles)
    assert len(by_gold) == 4 and all(len(ids) == 1 for ids in by_gold.values())


def test_a_local_regroup_keeps_to_its_bound_and_leaves_the_rest_alone(tmp_path):
    db = tmp_path / "news.db"
    with Store.open(db, SPLIT_EVERYTHING, local_regroup=None) as store:
        results = store.add_articles(make_stream(per_story=5))
    before = dict(_grouping(db)[0])
    with Store.open(db, SPLIT_EVERYTHING, local_regroup=LocalRegroup(max_articles=6, min_articles=2, embed=False)) as store:
        outcome = store.regroup_near([results[0].story])
        assert outcome is not None and 2 <= outcome.articles <= 6
    after = dict(_grouping(db)[0])
    changed = {article for article in before if after[article] != before[article]}
    assert 1 <= len(changed) <= 6


def test_a_story_larger_than_the_bound_is_left_to_regroup(tmp_path):
    db = tmp_path / "news.db"
    with Store.open(db, MERGE_EVERYTHING, local_regroup=None) as store:
        results = store.add_articles(make_stream(per_story=5))
    before = _grouping(db)
    biggest = max(store_row for store_row in {r.story for r in results})
    with Store.open(db, MERGE_EVERYTHING, local_regroup=LocalRegroup(max_articles=3, min_articles=2, embed=False)) as store:
        sizes = {row.id: row.article_count for row in store.stories()}
        large = [story for story, size in sizes.items() if size > 3]
        assert large and biggest
        assert store.regroup_near(large) is None
    assert _grouping(db) == before


def test_a_young_store_is_regrouped_by_default(tmp_path):
    """A store of 20 articles (the web app's first stories) is repaired at the end of the add: the
    default smallest local regroup is two articles (regroup.MIN_ARTICLES)."""
    articles = make_stream(per_story=5)
    with Store.open(tmp_path / "news.db", SPLIT_EVERYTHING, local_regroup=LocalRegroup(embed=False)) as store:
        results = store.add_articles(articles)
        assert sorted(row.article_count for row in store.stories()) == [5, 5, 5, 5]
        assert all(len(stories) == 1 for stories in stories_by_gold(store, results, articles).values())


def test_a_store_below_the_smallest_local_regroup_keeps_what_the_online_pass_made(tmp_path):
    with Store.open(tmp_path / "news.db", SPLIT_EVERYTHING,
                    local_regroup=LocalRegroup(embed=False, min_articles=21)) as store:
        results = store.add_articles(make_stream(per_story=5))  # 20 articles, fewer than 21
        assert len(store.stories()) == 20
        assert store.regroup_near([results[0].story]) is None


def test_neighbourhood_takes_the_touched_stories_the_nearest_then_the_latest_news():
    def story(story_id, size, centroid, day):
        return StoryState(id=story_id, centroid=centroid, size=size, first_date=day, last_date=day)

    touched = story("1", 3, {"hekla": 1.0, "ash": 0.5}, "2024-03-10")
    near = story("2", 2, {"hekla": 1.0, "lava": 0.4}, "2024-03-01")
    far = story("3", 2, {"porto": 1.0, "benfica": 1.0}, "2024-03-09")
    big = story("4", 9, {"hekla": 1.0, "ash": 0.5}, "2024-03-02")
    old = story("5", 2, {"vaccine": 1.0}, "2024-02-20")
    live = {s.id: s for s in (touched, near, far, big, old)}

    def candidates(_story):
        return [near, far, big]  # what the index finds: stories sharing top terms

    def chosen(**setting):
        return neighbourhood([touched], live, candidates, LocalRegroup(min_articles=2, **setting))

    assert chosen(max_articles=6) == ["1", "2"]  # the nearest that fits, then nothing else fits
    assert chosen(max_articles=20) == ["1", "4", "2", "3", "5"]  # nearest first, then the latest news
    assert chosen(max_articles=20, neighbours=0) == ["1", "3", "4", "2", "5"]
    assert chosen(max_articles=7, neighbours=0) == ["1", "3", "2"]  # whole stories only
    assert neighbourhood([touched], live, candidates, LocalRegroup(max_articles=20, min_articles=19)) == []


def test_neighbourhood_takes_a_near_quiet_story_within_reach_but_no_quiet_filler():
    def story(story_id, size, centroid, day):
        return StoryState(id=story_id, centroid=centroid, size=size, first_date=day, last_date=day)

    touched = story("1", 3, {"hekla": 1.0, "ash": 0.5}, "2024-06-10")
    quiet_near = story("2", 4, {"hekla": 1.0, "ash": 0.4}, "2024-01-15")  # the same topic, months before
    quiet_other = story("3", 4, {"vaccine": 1.0}, "2024-02-01")
    live = {"1": touched}
    reachable = {s.id: s for s in (touched, quiet_near, quiet_other)}
    chosen = neighbourhood([touched], live, lambda _story: [quiet_near], LocalRegroup(min_articles=2, max_articles=50),
                           reachable=reachable)
    assert chosen == ["1", "2"]


def test_a_failed_local_regroup_leaves_the_store_as_it_was_and_add_goes_on(tmp_path, monkeypatch):
    db = tmp_path / "news.db"
    articles = make_stream(per_story=3)
    with Store.open(db, SPLIT_EVERYTHING, local_regroup=None) as store:
        results = store.add_articles(articles)
    before = _grouping(db)
    with Store.open(db, SPLIT_EVERYTHING, local_regroup=WORDS_ONLY) as store:

        def broken(self, story_id, seq):
            raise RuntimeError("disk on fire")

        with monkeypatch.context() as patch:
            patch.setattr(Store, "_rebuild_story", broken)
            with pytest.raises(RuntimeError):
                store.regroup_near([results[0].story])
        assert _grouping(db) == before
        # the store reads its stories again and regroups on the next add
        new = Article(id="volcano-new", title="Hekla ash reaches the Westman Islands", date="2024-03-11",
                      text="Ash from the Hekla eruption fell on the Westman Islands overnight, geologists said. "
                           "Farmers near the volcano kept their sheep indoors as the lava flows went on.")
        assert store.add_articles([new])[0].status == "stored"
        assert len(store.stories()) < len(articles) + 1


def test_a_local_regroup_is_dropped_when_another_writer_wrote_meanwhile(tmp_path, monkeypatch):
    import newsbrief.store.regroup as regroup_module

    db = tmp_path / "news.db"
    with Store.open(db, SPLIT_EVERYTHING, local_regroup=None) as store:
        results = store.add_articles(make_stream(per_story=3))
    before = dict(_grouping(db)[0])
    clustered = regroup_module.cluster_stored

    def another_writer_adds_first(*args, **kwargs):
        with Store.open(db, local_regroup=None) as other:  # a second connection, as a second process
            other.add_articles([Article(id="other", title="Porto sign a new goalkeeper", date="2024-03-12",
                                        text="Porto signed the goalkeeper Rui Costa from Braga on a three year deal.")])
        return clustered(*args, **kwargs)

    monkeypatch.setattr(regroup_module, "cluster_stored", another_writer_adds_first)
    with Store.open(db, SPLIT_EVERYTHING, local_regroup=WORDS_ONLY) as store:
        assert store.regroup_near([results[0].story]) is None
    after = dict(_grouping(db)[0])
    assert len(after) == len(before) + 1 and all(after[article] == story for article, story in before.items())


def test_a_store_in_debt_of_regroup_work_waits_until_its_articles_have_earned_it(tmp_path):
    articles = make_stream(per_story=5)
    # no allowance and nothing earned: the first regroup (after 3 articles) spends what the store never gets back
    stingy = LocalRegroup(every=3, embed=False, min_articles=2, allowance=0, work_per_article=0)
    with Store.open(tmp_path / "stingy.db", SPLIT_EVERYTHING, local_regroup=stingy) as store:
        results = store.add_articles(articles)
        assert sum(len(ids) for ids in stories_by_gold(store, results, articles).values()) > 10
    # each article stored earns a regroup's work back: every regroup due runs, as without a bound
    earning = LocalRegroup(every=3, embed=False, min_articles=2, allowance=0, work_per_article=1000)
    with Store.open(tmp_path / "earning.db", SPLIT_EVERYTHING, local_regroup=earning) as store:
        results = store.add_articles(articles)
        by_gold = stories_by_gold(store, results, articles)
    assert len(by_gold) == 4 and all(len(ids) == 1 for ids in by_gold.values())


def test_a_local_regroup_needs_a_work_bound_of_zero_or_more():
    with pytest.raises(ValueError):
        LocalRegroup(allowance=-1)
    with pytest.raises(ValueError):
        LocalRegroup(work_per_article=-0.5)
