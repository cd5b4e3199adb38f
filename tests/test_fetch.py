"""Fetching against a real HTTP server on 127.0.0.1, started by the tests."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from store_stories import STORIES

from newsbrief.errors import FetchError
from newsbrief.fetch import FetchLimits, check_url, fetch_articles, fetch_page, is_public

FAST = FetchLimits(connect_timeout=2.0, read_timeout=0.5, deadline=5.0, max_bytes=1024 * 1024, max_redirects=3)


def article_html(story: str, n: int) -> str:
    title = STORIES[story]["titles"][n % len(STORIES[story]["titles"])]
    paragraphs = "".join(f"<p>{s}</p>" for s in STORIES[story]["sentences"])
    return (f"<html><head><title>{title}</title><meta property='og:title' content='{title}'>"
            f"<meta name='date' content='2024-03-1{n}'></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>")


def feed_xml(base: str) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}/article/{story}/{n}</link>"
        f"<pubDate>Mon, 1{n} Mar 2024 10:00:00 GMT</pubDate></item>"
        for n, story in enumerate(("volcano", "football"))
    )
    missing = f"<item><title>Gone</title><link>{base}/missing</link></item>"
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test feed</title>{items}{missing}</channel></rss>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, body: bytes, content_type: str, status: int = 200, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        base = f"http://127.0.0.1:{self.server.server_port}"
        path = self.path
        if path.startswith("/article/"):
            _, _, story, n = path.split("/")
            self.send(article_html(story, int(n)).encode(), "text/html; charset=utf-8")
        elif path == "/feed.xml":
            self.send(feed_xml(base).encode(), "application/rss+xml")
        elif path == "/broken-feed.xml":
            self.send(b"<?xml version='1.0'?><rss><channel><item><title>oops", "application/rss+xml")
        elif path == "/hang":
            time.sleep(3)  # longer than the client's read timeout
            self.send(b"<html>late</html>", "text/html")
        elif path == "/drip":
            self.drip()
        elif path == "/huge":
            self.stream_huge()
        elif path == "/data.bin":
            self.send(b"\x00\x01" * 1000, "application/octet-stream")
        elif path == "/redirect":
            self.send(b"", "text/html", 302, [("Location", "/article/merger/1")])
        elif path.startswith("/loop"):
            self.send(b"", "text/html", 302, [("Location", f"/loop{len(path)}")])
        elif path == "/to-other-host":
            port = self.server.server_port
            self.send(b"", "text/html", 302, [("Location", f"http://127.0.0.2:{port}/article/merger/1")])
        else:
            self.send(b"not found", "text/plain", 404)

    def drip(self):
        """A byte every 0.1 s for 10 s: each read is quick, the whole is too slow."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def stream_huge(self):
        """50 MB without Content-Length, in chunks: the client must stop at its cap."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        try:
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up on /hang and /huge are expected


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page_becomes_an_article(server):
    fetched = fetch_articles([f"{server}/article/volcano/1"], allow_private=True, limits=FAST)
    (article,) = fetched.articles
    assert "Hekla" in article.text and article.title
    assert article.url.startswith(server)
    assert fetched.skipped == ()


def test_feed_entries_are_fetched_and_bad_entries_skipped(server):
    fetched = fetch_articles([f"{server}/feed.xml"], allow_private=True, limits=FAST)
    assert len(fetched.articles) == 2
    assert {"Hekla" in a.text for a in fetched.articles} == {True, False}
    (missing,) = fetched.skipped
    assert missing.input.endswith("/missing") and "404" in missing.reason


def test_redirect_is_followed_and_checked(server):
    page = fetch_page(f"{server}/redirect", allow_private=True, limits=FAST)
    assert page.url.endswith("/article/merger/1")
    with pytest.raises(FetchError, match="redirects"):
        fetch_page(f"{server}/loop", allow_private=True, limits=FAST)


def test_every_redirect_hop_is_checked(server, monkeypatch):
    # Offline there is no public host, so let 127.0.0.1 pass as "public" for this test:
    # the redirect to 127.0.0.2 must then be refused before any connection is made.
    monkeypatch.setattr("newsbrief.fetch.is_public", lambda address: address == "127.0.0.1")
    assert fetch_page(f"{server}/article/volcano/1", limits=FAST).body
    with pytest.raises(FetchError, match="127.0.0.2 is a local or private address"):
        fetch_page(f"{server}/to-other-host", limits=FAST)


def test_url_that_hangs_times_out(server):
    started = time.monotonic()
    fetched = fetch_articles([f"{server}/hang", f"{server}/article/football/2"], allow_private=True, limits=FAST)
    assert time.monotonic() - started < 3
    (skipped,) = fetched.skipped
    assert "timed out" in skipped.reason
    assert len(fetched.articles) == 1  # the rest of the batch goes on


def test_huge_response_is_aborted_at_the_cap(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too large"):
        fetch_page(f"{server}/huge", allow_private=True, limits=FAST)
    assert time.monotonic() - started < 5


def test_slow_drip_hits_the_total_deadline(server):
    limits = FetchLimits(connect_timeout=2.0, read_timeout=1.0, deadline=1.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1 s"):
        fetch_page(f"{server}/drip", allow_private=True, limits=limits)
    assert time.monotonic() - started < 3


def test_non_html_response_is_refused(server):
    with pytest.raises(FetchError, match="not an HTML page or a feed"):
        fetch_page(f"{server}/data.bin", allow_private=True, limits=FAST)


def test_broken_feed_is_reported(server):
    fetched = fetch_articles([f"{server}/broken-feed.xml"], allow_private=True, limits=FAST)
    assert fetched.articles == ()
    (skipped,) = fetched.skipped
    assert "feed" in skipped.reason


def test_loopback_is_refused_by_default(server):
    fetched = fetch_articles([f"{server}/article/volcano/1"], limits=FAST)
    (skipped,) = fetched.skipped
    assert "local or private" in skipped.reason and "--allow-private" in skipped.reason
    with pytest.raises(FetchError):
        fetch_page("http://localhost:1/", limits=FAST)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x", "http:///nohost"])
def test_other_schemes_and_bad_urls_are_refused(url):
    with pytest.raises(FetchError):
        check_url(url, allow_private=True)


@pytest.mark.parametrize(
    "address, public",
    [("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.5.4", False),
     ("169.254.169.254", False), ("::1", False), ("fe80::1", False), ("::ffff:127.0.0.1", False),
     ("0.0.0.0", False), ("8.8.8.8", True), ("2606:4700::1111", True),
     # carrier-grade NAT, and IPv6 spellings or tunnels of private IPv4 (issue 13)
     ("100.64.1.1", False), ("100.100.100.200", False), ("2002:c0a8:101::1", False), ("::ffff:10.0.0.1", False),
     ("64:ff9b::a00:1", False), ("::10.0.0.1", False), ("::", False), ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),
     ("224.0.0.1", False), ("ff0e::1", False), ("fec0::1", False), ("fe80::1%eth0", False),
     # the same wrappers around a public IPv4 address stay public
     ("::ffff:8.8.8.8", True), ("64:ff9b::808:808", True), ("2002:808:808::1", True)],
)
def test_address_classes(address, public):
    assert is_public(address) is public
