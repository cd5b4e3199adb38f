"""Full-text search, story cards, kept briefs and followed feeds of the store (schema 3), and the
upgrade of a schema-2 file: its articles become searchable and nothing stored is lost."""

import sqlite3

import pytest
from store_faults import dump
from store_stories import make_article, make_stream

from newsbrief.store import MARK_END, MARK_START, SCHEMA_VERSION, Store, fts_query


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "news.db") as opened:
        opened.add_articles(make_stream(per_story=3))
        yield opened


def story_of(store, word):
    return next(r.id for r in store.stories() if word in (r.title or "").lower())


def test_search_finds_words_of_the_text_not_only_titles(store):
    hits = store.search("magma chamber")  # only in the volcano articles' text
    assert hits and hits[0].story.id == story_of(store, "hekla")
    assert MARK_START + "magma" + MARK_END in hits[0].passage.lower()
    assert store.search("erupts")[0].story.id == story_of(store, "hekla")  # stem: erupting, eruption
    assert store.search("kilometre volcano nordbank") == []  # every word must match in one article


def test_search_takes_phrases_prefixes_and_stray_syntax(store):
    assert store.search('"cup final"')[0].story.id == story_of(store, "porto")
    assert store.search("Nordb*")[0].story.id == story_of(store, "nordbank")
    for text in ("", "   ", "AND OR (", '"', "NEAR(a b)", "*"):
        assert isinstance(store.search(text), list)
    assert fts_query('say "hi there" x*') == '"say" "hi there" "x"*'


def test_story_cards_give_a_lead_and_the_outlets(store):
    story = story_of(store, "hekla")
    card = store.story_cards([story, "nonsense"])[story]
    assert card.lead and card.lead in "".join(a.text for a in store.articles_of_story(story))
    assert sum(n for _, n in card.outlets) == 3 and len(card.outlets) == 3


def test_a_brief_is_kept_with_its_version(store):
    story = story_of(store, "hekla")
    assert store.saved_brief(story) is None
    store.save_brief(story, "v1", '{"title": "a"}')
    store.save_brief(story, "v2", '{"title": "b"}')
    assert store.saved_brief(story) == ("v2", '{"title": "b"}')


def test_feeds_are_followed_once_and_remember_their_last_check(store):
    assert store.follow(["https://a.example/feed", "https://a.example/feed", "https://b.example/rss"]) == [
        True, False, True]
    store.record_feed_check("https://a.example/feed", "2 new articles", etag='"e1"', last_modified=None)
    store.record_feed_check("https://a.example/feed", "not modified")  # no validators: the old ones stay
    feed = store.feeds()[0]
    assert (feed.url, feed.etag, feed.status) == ("https://a.example/feed", '"e1"', "not modified")
    urls = [a.url for a in store.articles_of_story(story_of(store, "hekla"))]
    assert store.stored_urls([urls[0], "https://nowhere.example/x"]) == {urls[0]}


def test_a_schema_2_store_is_upgraded_and_its_articles_become_searchable(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        store.add_articles([make_article("volcano", n) for n in range(3)])
    conn = sqlite3.connect(path, isolation_level=None)  # back to schema 2: as an older newsbrief left it
    for name in ("articles_fts", "briefs", "feeds"):  # the triggers go with the index
        conn.execute(f"DROP TABLE {name}")
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER IF EXISTS articles_fts_{trigger}")
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    before = dump(path)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.search("hekla")[0].story.article_count == 3
        store.add_articles([make_article("football", 0)])  # new articles are indexed as they come
        assert store.search("benfica")
    after = dump(path)
    for table in ("articles", "stories", "lsh_bands"):
        assert set(before[table]) <= set(after[table]), table
