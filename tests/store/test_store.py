import sqlite3
import threading
from dataclasses import replace

import pytest
from store_stories import gold_story, make_article, make_stream

from newsbrief.errors import StoreError
from newsbrief.model import Article
from newsbrief.store import SCHEMA_VERSION, Store, default_path, migrate


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "news.db") as opened:
        yield opened


def test_add_groups_articles_into_stories(store):
    articles = make_stream(per_story=5)
    results = store.add_articles(articles)
    assert [r.status for r in results] == ["stored"] * len(articles)
    story_of = {a.id: r.story for a, r in zip(articles, results)}
    by_gold = {}
    for article_id, story in story_of.items():
        by_gold.setdefault(gold_story(article_id), set()).add(story)
    assert all(len(stories) == 1 for stories in by_gold.values())
    assert len({next(iter(s)) for s in by_gold.values()}) == 4
    rows = store.stories()
    assert len(rows) == 4 and all(r.article_count == 5 for r in rows)
    assert sum(r.new_story for r in results) == 4


def test_story_rows_carry_title_sources_and_dates(store):
    store.add_articles([make_article("volcano", n, f"2024-03-1{n}") for n in range(3)])
    (row,) = store.stories()
    first = make_article("volcano", 0, "2024-03-10")
    assert row.title == first.title  # the headline of the earliest article
    assert row.first_date == "2024-03-10" and row.last_date == "2024-03-12"
    assert set(row.sources) == {"paper0.example", "paper1.example", "paper2.example"}
    assert row.updated_at.endswith("+00:00")
    assert store.story(row.id) == row
    assert store.story("999") is None


def test_stories_since_filters_on_last_news(store):
    store.add_articles([make_article("volcano", 0, "2024-01-05"), make_article("football", 0, "2024-03-05")])
    assert [r.title for r in store.stories(since="2024-02-01")] == [make_article("football", 0).title]
    assert len(store.stories(since="2023-01-01")) == 2


def test_articles_of_story_give_cleaned_text(store):
    messy = replace(make_article("merger", 1), text=make_article("merger", 1).text + "\n\nAdvertisement\n\n")
    (result,) = store.add_articles([messy])
    (article,) = store.articles_of_story(result.story)
    assert isinstance(article, Article)
    assert article.id == result.article
    assert "Advertisement" not in article.text and "Nordbank" in article.text
    assert article.source == "paper1.example"


def test_adding_the_same_input_twice_changes_nothing(store, tmp_path):
    articles = make_stream(per_story=2)
    store.add_articles(articles)
    before = _dump(tmp_path / "news.db")
    again = store.add_articles(articles)
    assert all(r.status == "duplicate" and r.reason == "same input already stored" for r in again)
    assert _dump(tmp_path / "news.db") == before


def test_exact_copy_from_another_outlet_keeps_its_source(store):
    original = make_article("vaccine", 1, source="first.example")
    copy = replace(original, id="copy", source="second.example", url="https://second.example/x")
    first, second = store.add_articles([original, copy])
    assert second.status == "duplicate" and second.duplicate_of == first.article
    assert second.story == first.story
    row = store.story(first.story)
    assert row.article_count == 1 and row.copy_count == 1
    assert set(row.sources) == {"first.example", "second.example"}
    stored = store.articles_of_story(first.story)
    assert {a.source for a in stored} == {"first.example", "second.example"}
    (only,) = store.articles_of_story(first.story, include_copies=False)
    assert only.copies == (second.article,)


def test_near_duplicate_copy_is_recognised(store):
    original = make_article("merger", 2)
    edited = replace(original, id="edited", source="wire.example", url="https://wire.example/m",
                     text=original.text.replace("4.2 billion", "4.25 billion") + "\n\nReporting by Anna Berg.")
    first, second = store.add_articles([original, edited])
    assert second.status == "duplicate" and second.duplicate_of == first.article


def test_article_with_no_text_after_cleaning_is_skipped(store):
    (result,) = store.add_articles([Article(id="x", text="   ", title="Empty", path="empty.txt")])
    assert result.status == "skipped" and result.input == "empty.txt"
    assert store.article_count() == 0


def test_story_goes_quiet_after_the_window(store):
    early = store.add_articles([make_article("volcano", n, f"2024-01-0{n + 1}") for n in range(3)])
    late = store.add_articles([make_article("volcano", n + 3, "2024-05-01") for n in range(2)])
    assert len({r.story for r in early}) == 1
    assert late[0].new_story and late[0].story != early[0].story
    assert late[1].story == late[0].story


def test_state_survives_reopening(tmp_path):
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        first = store.add_articles([make_article("football", n) for n in range(3)])
    with Store.open(path) as store:
        later = store.add_articles([make_article("football", 5), make_article("vaccine", 0)])
        assert later[0].story == first[0].story and not later[0].new_story
        assert later[1].new_story
        assert store.schema_version == SCHEMA_VERSION


def test_store_is_safe_to_share_between_threads(store):
    batches = [[make_article(s, n) for n in range(4)] for s in ("volcano", "football", "merger")]
    errors = []

    def add(batch):
        try:
            store.add_articles(batch)
            store.stories()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=add, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.article_count() == 12
    assert sorted(r.article_count for r in store.stories()) == [4, 4, 4]


def test_new_file_gets_current_schema_and_newer_is_refused(tmp_path):
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer newsbrief"):
        Store.open(path)


def test_migrate_is_idempotent(tmp_path):
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert migrate(conn) == 0
    assert migrate(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_unopenable_path_is_a_store_error(tmp_path):
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store.open(not_a_db)


def test_default_path_follows_env_and_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSBRIEF_DB", str(tmp_path / "env.db"))
    assert default_path() == tmp_path / "env.db"
    monkeypatch.delenv("NEWSBRIEF_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "newsbrief" / "newsbrief.db"


@pytest.mark.parametrize("story_id", ["abc", "0", "-1", "99999999999999999999", str(2**63), "1" * 5000, ""])
def test_what_cannot_be_a_story_id_is_no_such_story(store, story_id):
    # 2^63 and above cannot even be bound to an SQLite query (OverflowError before)
    store.add_articles([make_article("volcano", 0)])
    assert store.story(story_id) is None
    assert store.articles_of_story(story_id) == []
    with pytest.raises(StoreError, match="no such story"):
        store.brief_of_story(story_id)


def _dump(path):
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("articles", "stories", "lsh_bands")
        }
    finally:
        conn.close()


LONG_ITEM = (
    "Flood water reached the centre of Passau on Sunday as the Danube rose to its highest level in 70 years. "
    "The city's mayor said three thousand residents had left their homes overnight. "
    "Soldiers filled sandbags along the river front while firefighters pumped water from cellars. "
    "Rail services between Passau and Regensburg were suspended until further notice. "
    "Forecasters expect the river to crest on Monday evening before slowly falling. "
    "Insurers said the damage could exceed last year's floods in the same region. "
    "The state premier promised emergency aid of 50 million euros for households and shops. "
    "Schools in the old town will stay closed for the rest of the week."
)


def test_the_store_finds_the_copies_the_batch_finds(store):
    """One near-duplicate rule (dedup.py) for `brief` and the store: a write-through version (new lead,
    a sentence added; Jaccard of 5-shingles 0.6, under the 0.8 the store used to ask of 3-shingles)
    and a cut-down copy are copies of the item; another article of the story is not."""
    from newsbrief import dedup

    sentences = LONG_ITEM.split(". ")
    item = Article(id="item", text=LONG_ITEM, title="Passau floods", source="a.example", date="2024-06-02")
    version = replace(item, id="version", source="b.example", text=(
        "Thousands fled Passau as the Danube flooded the city. " + ". ".join(sentences[1:])
        + " Volunteers from Austria crossed the border to help."))
    cut = replace(item, id="cut", source="c.example", text=". ".join(sentences[:6]) + ".")
    other = replace(item, id="other", source="d.example", text=(
        "Residents of Passau began cleaning up on Tuesday as the Danube fell. " + sentences[4]
        + ". Shop owners counted their losses and the mayor asked for patience."))
    articles = [item, version, cut, other]
    hashes = {a.id: dedup.shingles(a.text) for a in articles}
    assert 0.5 <= dedup.jaccard(hashes["item"], hashes["version"]) < 0.8
    assert dedup.jaccard(dedup.shingles(LONG_ITEM, 3), dedup.shingles(cut.text, 3)) < 0.8
    # the same groups (the batch keeps the longest as survivor, the store the one stored first)
    batch = {frozenset({a.id, *a.copies}) for a in dedup.collapse_duplicates(articles) if a.copies}
    results = store.add_articles(articles)
    stored: dict[str, set[str]] = {}
    for article, result in zip(articles, results):
        if result.status == "duplicate":
            stored.setdefault(result.duplicate_of, set()).add(article.id)
    ids = {result.article: article.id for article, result in zip(articles, results)}
    assert {frozenset({ids[k], *v}) for k, v in stored.items()} == batch == {frozenset({"item", "version", "cut"})}
    assert results[3].status == "stored"


def test_a_version_3_store_is_upgraded_to_the_library_copy_bands(tmp_path):
    path = tmp_path / "v3.db"
    original = make_article("merger", 2)
    with Store.open(path) as store:
        store.add_articles([original, make_article("volcano", 1)])
    conn = sqlite3.connect(path, isolation_level=None)  # as newsbrief's schema 3 left it: other band keys
    conn.execute("UPDATE lsh_bands SET band = band + 1")
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        copy = replace(original, id="copy", source="wire.example", url="https://wire.example/m",
                       text=original.text + "\n\nReporting by Anna Berg.")
        (result,) = store.add_articles([copy])
    assert result.status == "duplicate" and result.reason == "copy of a stored article"


def test_a_story_keeps_a_headline_over_an_earlier_fragment_title(store):
    fragment = replace(make_article("volcano", 0, "2024-03-10"), title="have moved separately.")
    headline = make_article("volcano", 1, "2024-03-11")
    store.add_articles([fragment, headline])
    (row,) = store.stories()
    assert row.title == headline.title
