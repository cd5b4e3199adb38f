"""Escaping, CSP, size limits, cross-site request checks and the fetch rules of added URLs."""

import http.server
import threading
from html.parser import HTMLParser

import pytest
from webtools import csrf, hostile_story_id, ready_page, wait_for_job


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags, self.attrs = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.attrs += [name for name, _ in attrs]


@pytest.mark.slow
def test_hostile_article_renders_as_text(filled_client, filled_db):
    html = ready_page(filled_client, hostile_story_id(filled_db)).text
    page = Tags(html)
    assert [a.get("src") for t, a in page.tags if t == "script"] == ["/static/app.js"]
    assert not any(t == "img" for t, _ in page.tags)
    assert "onerror" not in page.attrs
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert not any(a.get("href", "").startswith("javascript:") for _, a in page.tags)


def test_every_response_carries_a_policy_without_inline_scripts(client):
    for response in (client.get("/"), client.get("/add"), client.get("/api/stories"), client.get("/nowhere")):
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert response.headers["x-content-type-options"] == "nosniff"


def test_interactive_docs_that_need_cdn_scripts_are_off(client):
    assert client.get("/docs").status_code == 404


def test_bodies_over_the_limit_get_413(client):
    big = b"x" * (300 * 1024)  # the client fixture allows 256 KB
    response = client.post("/api/add", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "limit" in response.text
    token = csrf(client)
    upload = client.post("/add", data={"csrf_token": token}, files={"files": ("big.txt", big, "text/plain")})
    assert upload.status_code == 413


def test_streamed_bodies_without_length_are_cut_at_the_limit(client):
    def chunks():
        for _ in range(40):
            yield b"y" * 16 * 1024

    response = client.post("/api/add", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_form_post_without_the_cookie_token_is_refused(client):
    csrf(client)
    response = client.post("/add", data={"csrf_token": "guessed", "text": "Some article text."})
    assert response.status_code == 403 and "another site" in response.text


def test_form_post_from_another_site_is_refused_even_with_a_token(client):
    token = csrf(client)
    response = client.post(
        "/add", data={"csrf_token": token, "text": "Some article text."}, headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_csrf_cookie_is_strict_and_hidden_from_scripts(client):
    cookie = client.get("/add").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_api_takes_only_json_from_this_origin(client):
    body = '{"articles": [{"text": "Some text."}]}'
    as_form = client.post("/api/add", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    assert as_form.status_code == 415
    as_text = client.post("/api/add", content=body, headers={"content-type": "text/plain"})
    assert as_text.status_code == 415
    cross = client.post("/api/add", content=body, headers={"content-type": "application/json", "origin": "https://evil.example"})
    assert cross.status_code == 403
    assert client.get("/api/stories").json() == []


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "http"),
        ("http://127.0.0.1:9/", "private"),
        ("http://10.0.0.1/article", "private"),
        ("http://[::1]/", "private"),
    ],
)
def test_added_urls_obey_the_fetch_rules(client, url, reason):
    [result] = client.post("/api/add", json={"urls": [url]}).json()["results"]
    assert result["status"] == "skipped" and reason in result["reason"].lower(), result


PAGE = b"""<html><head><title>Dam opens in Laos</title></head><body><article>
<h1>Dam opens in Laos</h1><p>A new hydropower dam opened on the Mekong River in Laos on Monday, officials said,
promising electricity for half a million homes.</p><p>Environmental groups warned that the dam would harm fish
stocks that millions of people depend on for food, and called for an independent review.</p></article></body></html>"""


@pytest.fixture
def local_site():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/dam.html"
    server.shutdown()
    server.server_close()


def test_private_addresses_need_allow_private(tmp_path, local_site):
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    with TestClient(create_app(tmp_path / "a.db")) as strict:
        [refused] = strict.post("/api/add", json={"urls": [local_site]}).json()["results"]
        assert refused["status"] == "skipped"
    with TestClient(create_app(tmp_path / "b.db", allow_private=True)) as allowed:
        [fetched] = allowed.post("/api/add", json={"urls": [local_site]}).json()["results"]
        assert fetched["status"] == "stored" and fetched["title"] == "Dam opens in Laos"


def test_form_urls_go_through_the_same_rules(client):
    token = csrf(client)
    refused = client.post("/add", data={"csrf_token": token, "urls": "file:///etc/passwd\n"}, follow_redirects=False)
    assert refused.status_code == 400 and "“file:///etc/passwd” is not a link" in refused.text  # never read
    response = client.post("/add", data={"csrf_token": token, "urls": "http://127.0.0.1:9/\n"}, follow_redirects=False)
    job = wait_for_job(client, response.headers["location"])
    assert [r["status"] for r in job["results"]] == ["skipped"]
    page = client.get(response.headers["location"]).text
    assert "http://127.0.0.1:9/" in page and "skipped" in page and "allow-private" in page


def test_a_loopback_server_answers_only_to_loopback_names(tmp_path):
    # DNS rebinding: a hostile page whose name re-resolves to 127.0.0.1 sends that name in Host.
    from fastapi.testclient import TestClient

    from newsbrief.web import LOOPBACK_NAMES, create_app

    with TestClient(create_app(tmp_path / "h.db", allowed_hosts=LOOPBACK_NAMES)) as local:
        assert local.get("/api/stories", headers={"host": "127.0.0.1:8000"}).status_code == 200
        assert local.get("/api/stories", headers={"host": "localhost:8000"}).status_code == 200
        assert local.get("/api/stories", headers={"host": "[::1]:8000"}).status_code == 200
        refused = local.get("/api/stories", headers={"host": "rebind.evil.example:8000"})
        assert refused.status_code == 421 and "script-src 'self'" in refused.headers["content-security-policy"]


def test_malformed_tokens_and_origins_are_refused_not_errors(client):
    token = csrf(client)
    odd_token = client.post("/add", data={"csrf_token": "jeton-é-" + token, "text": "Some article text."})
    assert odd_token.status_code == 403
    odd_origin = client.post("/add", data={"csrf_token": token, "text": "Some text."}, headers={"origin": "http://["})
    assert odd_origin.status_code == 403
