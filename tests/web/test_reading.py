"""What a reader sees: the story list (latest news first, lead, dates, counts), full-text search and
its filters, the Atom feeds, a story page that never waits for its brief (articles at once, the
brief kept in the store across restarts, a stale brief shown while the new one is built), and no
file paths or article ids on the page."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
from webtools import EXAMPLE, example_story_id, fill_store, hostile_story_id, ready_page

from newsbrief.web.views import count, headline, news_day

ATOM = "{http://www.w3.org/2005/Atom}"


class Text(HTMLParser):
    """The text a reader sees (no tags, attributes, styles or scripts)."""

    def __init__(self, html: str):
        super().__init__()
        self.parts, self.skip = [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def test_wordings():
    now = datetime(2024, 12, 20, 15, 0, tzinfo=timezone.utc)
    days = ["2024-12-20", "2024-12-19", "2024-12-17", "2024-11-02", "1998-10-04", None, "someday"]
    assert [news_day(d, now) for d in days] == ["today", "yesterday", "3 days ago", "Nov 2", "Oct 4, 1998",
                                                 "date unknown", "someday"]
    assert [count(1, "article"), count(2, "outlet"), count(1, "story", "stories"), count(0, "story", "stories")] == [
        "1 article", "2 outlets", "1 story", "0 stories"]
    assert headline(None, "LONDON (AP) _ Gen. Augusto Pinochet was arrested. He is 82.") == (
        "LONDON (AP) _ Gen. Augusto Pinochet was arrested.", "He is 82.")
    assert headline("A title", "Its lead.") == ("A title", "Its lead.")


def test_news_reads_in_hours_only_when_its_time_and_zone_are_known():
    now = datetime(2024, 12, 20, 15, 0, tzinfo=timezone.utc)
    times = {"2024-12-20T14:59:30+00:00": "just now", "2024-12-20T14:20:00Z": "40 minutes ago",
             "2024-12-20T12:00:00Z": "3 hours ago", "2024-12-20T01:00:00+05:00": "19 hours ago",
             "2024-12-19T15:00:00+00:00": "yesterday", "2024-12-20T12:00:00": "today",  # no zone: the day only
             "2024-12-21T09:00:00Z": "Dec 21", "2023-12-20T12:00:00Z": "Dec 20, 2023"}
    assert {t: news_day(t, now) for t in times} == times
    # older than a day: the day it was where the reader is (here 22:00 on Dec 18, five hours behind UTC)
    assert news_day("2024-12-19T03:00:00Z", now) == "yesterday"
    assert news_day("2024-12-19T03:00:00Z", now.astimezone(timezone(timedelta(hours=-5)))) == "2 days ago"


def test_the_list_puts_the_latest_news_first_with_lead_dates_and_counts(filled_client):
    page = filled_client.get("/").text
    items = page.split('<li class="story-item">')[1:]
    assert "Hostile" in items[0] and "Differences Resolved" in items[1]  # dated news before undated
    assert '<time datetime="2021-05-03" title="latest news: May 3, 2021">May 3, 2021</time>' in items[0]
    assert "1 article from 1 outlet" in items[0]
    assert "5 articles" in items[1] and "date unknown" in items[1]
    assert '<p class="lead">The US and the Taliban have' in items[1]
    assert 'class="coverage"' in items[0]
    assert "Regroup" not in page and "/openapi.json\">API<" not in page


def test_search_reads_the_articles_text_and_marks_the_match(filled_client):
    page = filled_client.get("/", params={"q": "khalilzad"}).text  # in the articles, not in any title
    assert "Differences Resolved" in page and "Hostile" not in page
    assert "<mark>Khalilzad</mark>" in page and "1 story found" in page
    assert filled_client.get("/", params={"q": "Khalil*"}).text.count('<li class="story-item">') == 1
    assert [s["title"] for s in filled_client.get("/api/stories", params={"q": "ceasefire geneva"}).json()] == [
        next(t for t in [s["title"] for s in filled_client.get("/api/stories").json()] if "Hostile" in t)]


def test_filters_by_date_outlet_and_name(filled_client):
    def listed(**params):
        return filled_client.get("/", params=params).text.count('<li class="story-item">')

    assert listed(since="2021-05-01") == 1 and listed(since="2021-05-04") == 0
    assert listed(until="2021-05-03") == 1 and listed(since="2021-01-01", until="2021-12-31") == 1
    outlet = filled_client.get("/api/stories").json()[0]["sources"][0]
    assert listed(outlet=outlet) == 1 and listed(outlet="Nobody") == 0
    assert listed(entity="Maria Lopez") == 1 and listed(entity="Zalmay Khalilzad") == 1
    assert listed(entity="Lopez Khalilzad") == 0
    wrong = filled_client.get("/", params={"since": "last week"})
    assert wrong.status_code == 200 and "From must be a date YYYY-MM-DD, not &#39;last week&#39;" in wrong.text
    assert filled_client.get("/api/stories", params={"since": "last week"}).status_code == 422
    assert filled_client.get("/api/stories", params={"sort": "size"}).status_code == 200


def test_the_atom_feeds_parse_and_list_stories_and_articles(filled_client, filled_db):
    feed = ET.fromstring(filled_client.get("/feed.xml").content)
    assert len(feed.findall(f"{ATOM}entry")) == 2
    assert all(e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry"))
    story = ET.fromstring(filled_client.get(f"/stories/{example_story_id(filled_db)}/feed.xml").content)
    links = [e.find(f"{ATOM}link").get("href") for e in story.findall(f"{ATOM}entry")]
    assert len(links) >= 5 and all(link.startswith("http") for link in links)
    assert filled_client.get("/stories/424242/feed.xml").status_code == 404


def test_a_story_page_shows_no_paths_or_ids_and_cites_in_order(filled_client, filled_db):
    html = ready_page(filled_client, example_story_id(filled_db)).text
    text = Text(html).text
    assert str(EXAMPLE) not in text and ".txt" not in text
    assert not re.search(r"\b[0-9a-f]{16}\b", text), "an article id is shown to readers"
    for cite in re.findall(r'<sup class="cite">(.*?)</sup>', html):
        labels = [int(n) for n in re.findall(r">(\d+)</a>", cite)]
        assert labels == sorted(labels)
    assert "News" in text and "Coverage" in text and "5 articles" in text
    assert '<meta property="og:title" content="Taliban Says' in html
    assert f'href="/stories/{example_story_id(filled_db)}/feed.xml"' in html
    hostile = ready_page(filled_client, hostile_story_id(filled_db)).text
    assert "— Maria Lopez, in Evil Times &lt;script&gt;" in hostile  # the quote names its outlet


def test_a_story_page_never_waits_and_its_brief_outlives_the_server(tmp_path):
    from fastapi.testclient import TestClient

    from newsbrief.store import Store
    from newsbrief.web import create_app

    db = tmp_path / "kept.db"
    fill_store(db)
    with Store.open(db) as store:
        story = store.stories()[0].id
    with TestClient(create_app(db)) as client:
        first = client.get(f"/stories/{story}").text  # answered at once: the articles, a notice
        assert "The brief of this story is being prepared" in first and 'id="summary"' not in first
        assert first.count('<details class="source"') == 5
        assert 'id="summary"' in ready_page(client, story).text
    with TestClient(create_app(db)) as client:  # a new server: the brief comes from the store
        assert 'id="summary"' in client.get(f"/stories/{story}").text
        assert client.app.state.web.briefs.computed == 0
        copy = client.post("/api/add", json={"articles": [{  # a copy of an article, from another outlet
            "title": "Taliban Says 'Differences Resolved' On US Troop Withdrawal", "source": "Another Wire",
            "text": (EXAMPLE / "000_14ec6d92feea2ccb.txt").read_text(encoding="utf-8").split("\n", 3)[3]}]})
        assert copy.json()["results"][0]["story"] == story
        stale = client.get(f"/stories/{story}").text
        if 'id="brief-status"' in stale:  # the new brief may already be done on a fast machine
            assert "New articles joined this story since this brief was made" in stale and 'id="summary"' in stale
        assert "Another Wire" in ready_page(client, story).text


@pytest.mark.parametrize("path", ["/maintenance", "/following", "/add"])
def test_reader_pages_answer_without_a_brief_claim(filled_client, path):
    page = filled_client.get(path)
    assert page.status_code == 200 and "every sentence above is quoted" not in page.text
    assert 'class="skip" href="#main"' in page.text and 'id="main"' in page.text
