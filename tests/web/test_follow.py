"""Following feeds: a feed served on loopback gains an article on one of its stories between two
updates; the article lands in its story, that story's brief and Atom feed change, and nothing else
does; an unchanged feed is answered 304 to the validators of its last answer. Through the web app
(the Following page and its Update button) and the command line (follow, update, stories --search)."""

from __future__ import annotations

import http.server
import json
import threading
from html import escape
from xml.etree import ElementTree as ET

import pytest
from store_stories import make_article
from webtools import csrf, ready_page, wait_for_task

from newsbrief.cli import main

pytestmark = pytest.mark.slow  # briefs of two stories are built, twice


class FeedSite:
    """A news site on loopback: article pages and an RSS feed listing ``self.live`` of them,
    with an ETag that changes with the list (and a 304 for a request that sends the current one)."""

    def __init__(self, articles):
        self.articles = {f"/{a.id}.html": a for a in articles}
        self.live: list[str] = []
        self.requests: list[tuple[str, str | None]] = []  # (path, If-None-Match)
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server hook
                site.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/feed.xml":
                    etag = f'"{len(site.live)}"'
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.end_headers()
                        return
                    self._send(site.feed(), "application/rss+xml", etag)
                elif self.path in site.articles:
                    self._send(site.page(site.articles[self.path]), "text/html")
                else:
                    self.send_error(404)

            def _send(self, body: str, kind: str, etag: str | None = None):
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self) -> str:
        items = "".join(f"<item><title>{escape(self.articles[p].title)}</title><link>{self.url}{p}</link>"
                        f"<pubDate>Sun, 10 Mar 2024 08:00:00 GMT</pubDate></item>" for p in self.live)
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'

    @staticmethod
    def page(article) -> str:
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n\n"))
        return (f"<!doctype html><html><head><title>{escape(article.title)}</title>"
                f'<meta property="article:published_time" content="{article.date}"></head><body>'
                f"<article><h1>{escape(article.title)}</h1>{paragraphs}</article></body></html>")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    articles = [make_article(story, n, f"2024-03-1{n}") for story in ("volcano", "football") for n in range(3)]
    served = FeedSite(articles)
    served.live = ["/volcano-0.html", "/volcano-1.html", "/football-0.html", "/football-1.html"]
    yield served
    served.close()


def feed_entries(client, path: str) -> list[str]:
    """The entry ids of the Atom feed at ``path`` (a brief's end in ``#brief-``, an article's in ``#article-``)."""
    xml = ET.fromstring(client.get(path).content)
    return [e.findtext("{http://www.w3.org/2005/Atom}id") for e in xml.iter("{http://www.w3.org/2005/Atom}entry")]


def story_state(client, story_id: str) -> tuple:
    """What a reader of one story sees: its page's status, its brief (JSON), the ids of its feed's entries."""
    return (ready_page(client, story_id).status_code, client.get(f"/api/stories/{story_id}").text,
            feed_entries(client, f"/stories/{story_id}/feed.xml"))


def stories_by_id(client) -> dict[str, dict]:
    return {s["id"]: s for s in client.get("/api/stories").json()}


def test_a_followed_feed_that_gains_an_article_changes_its_story_and_nothing_else(tmp_path, site):
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    with TestClient(create_app(tmp_path / "follow.db", allow_private=True)) as client:
        token = csrf(client)
        assert client.post("/following", data={"csrf_token": token, "url": "not a feed"}).status_code == 400
        response = client.post("/following", data={"csrf_token": token, "url": f"{site.url}/feed.xml"},
                               follow_redirects=False)
        first = wait_for_task(client, response.headers["location"])
        assert first["summary"] == [f"{site.url}/feed.xml: 4 new articles in 2 stories"]
        stories = {s["title"]: s for s in client.get("/api/stories").json()}
        volcano = next(s["id"] for t, s in stories.items() if "Hekla" in t or "Iceland" in t)
        football = next(s["id"] for t, s in stories.items() if "Porto" in t or "Benfica" in t)
        before = {s: story_state(client, s) for s in (volcano, football)}
        rows_before = stories_by_id(client)

        site.live.append("/volcano-2.html")
        update = client.post("/following/update", data={"csrf_token": token}, follow_redirects=False)
        second = wait_for_task(client, update.headers["location"])
        assert second["summary"] == [f"{site.url}/feed.xml: 1 new article in 1 story"]
        assert [p for p, _ in site.requests].count("/volcano-0.html") == 1  # stored entries are not fetched again
        after = {s: story_state(client, s) for s in (volcano, football)}
        rows_after = stories_by_id(client)
        # the new article lands in its story ...
        assert rows_after.keys() == rows_before.keys()  # no story made, none merged
        assert rows_after[volcano]["article_count"] == rows_before[volcano]["article_count"] + 1 == 3
        assert client.get(f"/stories/{volcano}").text.count("<details class=\"source\"") == 3
        # ... its brief and its Atom feed change: a new brief entry and one more article entry ...
        assert after[volcano][1] != before[volcano][1]
        new_entries = set(after[volcano][2]) - set(before[volcano][2])
        assert sorted(e.split("#")[1].split("-")[0] for e in new_entries) == ["article", "brief"]
        old_brief = [e for e in before[volcano][2] if "#brief-" in e]
        assert len(old_brief) == 1 and set(before[volcano][2]) - set(after[volcano][2]) == set(old_brief)
        # ... and nothing else does: the other story's row, brief and feed are as they were
        assert rows_after[football] == rows_before[football]
        assert after[football] == before[football]

        again = wait_for_task(client, client.post("/following/update", data={"csrf_token": token},
                                                  follow_redirects=False).headers["location"])
        assert again["summary"] == [f"{site.url}/feed.xml: not changed since the last update"]
        assert site.requests[-1] == ("/feed.xml", '"5"')  # asked with the validator it was given
        assert "not changed since the last update" in client.get("/following").text


def test_follow_update_and_search_on_the_command_line(tmp_path, site, capsys):
    db = str(tmp_path / "cli.db")
    assert main(["follow", f"{site.url}/feed.xml", "--db", db]) == 0
    assert main(["follow", f"{site.url}/feed.xml", "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"following {site.url}/feed.xml" in out and f"already following {site.url}/feed.xml" in out
    assert main(["follow", "feed.xml", "--db", db]) == 2
    assert "not a feed URL" in capsys.readouterr().err
    assert main(["update", "--db", db]) == 2  # loopback is refused without --allow-private
    assert "allow-private" in capsys.readouterr().out
    assert main(["update", "--db", db, "--allow-private"]) == 0
    assert capsys.readouterr().out == f"{site.url}/feed.xml: 4 new articles in 2 stories\n"
    assert main(["stories", "--db", db, "--search", "magma chamber", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert len(found) == 1 and found[0]["article_count"] == 2
    before = cli_stories(db, capsys)

    site.live.append("/volcano-2.html")  # between two updates the feed gains an article on the volcano
    assert main(["update", "--db", db, "--allow-private"]) == 0
    assert capsys.readouterr().out == f"{site.url}/feed.xml: 1 new article in 1 story\n"
    after = cli_stories(db, capsys)
    assert after.keys() == before.keys()  # it joined its story: none made, none merged
    changed = {i for i in after if after[i] != before[i]}
    assert [after[i]["article_count"] for i in changed] == [3] and found[0]["id"] in changed  # the volcano's, only

    assert main(["update", "--db", db, "--allow-private"]) == 0
    assert capsys.readouterr().out == f"{site.url}/feed.xml: not changed since the last update\n"


def cli_stories(db: str, capsys) -> dict[str, dict]:
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    return {s["id"]: s for s in json.loads(capsys.readouterr().out)}


def test_serve_refresh_updates_the_followed_feeds_in_the_background(tmp_path, site):
    import time

    from fastapi.testclient import TestClient

    from newsbrief.store import Store
    from newsbrief.web import create_app

    db = tmp_path / "refresh.db"
    with Store.open(db) as store:
        store.follow([f"{site.url}/feed.xml"])
    with TestClient(create_app(db, allow_private=True, refresh_seconds=3600)) as client:
        before = client.get("/api/changes").json()
        deadline = time.monotonic() + 60
        while client.get("/api/changes").json()["stories"] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # the first round runs as the server starts
        after = client.get("/api/changes").json()
        assert after["stories"] == 2 and after["latest"] and before != after
