"""Hostile servers against fetch.py: dripping headers and bodies, slow feeds, stacked-gzip bombs,
DNS rebinding, addresses that wrap private ones, and strings that are no URL.

Every server is a real one on 127.0.0.1 in this process. No test resolves a real name: the
``offline_dns`` fixture answers names itself, so nothing leaves the machine.
"""

import ipaddress
import socket
import threading
import time
import tracemalloc
import zlib
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from store_stories import STORIES

from newsbrief.errors import FetchError
from newsbrief.fetch import FetchLimits, check_url, fetch_articles, fetch_page

REAL_GETADDRINFO = socket.getaddrinfo
FEED_ENTRIES = 5


def article_html() -> bytes:
    story = STORIES["volcano"]
    title = story["titles"][0]
    paragraphs = "".join(f"<p>{s}</p>" for s in story["sentences"])
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>").encode()


def gzipped(chunks, wbits=31) -> bytes:
    """Compressed chunk by chunk, so a 50 MB input never sits in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join([packer.compress(chunk) for chunk in chunks] + [packer.flush()])


@cache
def bomb() -> bytes:
    """50 MB of zeros, gzipped twice: a few KB on the wire."""
    return gzipped([gzipped(bytes(1 << 20) for _ in range(50))])


def brotli_packed(chunks) -> bytes:
    import brotli

    packer = brotli.Compressor()
    return b"".join([packer.process(chunk) for chunk in chunks] + [packer.finish()])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, body: bytes, encoding: str | None = None, content_type: str = "text/html"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        page = article_html()
        routes = {
            "/article": lambda: self.send(page),
            "/gzip-gzip": lambda: self.send(gzipped([gzipped([page])]), "gzip, gzip"),
            "/x-gzip": lambda: self.send(gzipped([page]), "x-gzip"),
            "/deflate": lambda: self.send(gzipped([page], zlib.MAX_WBITS), "deflate"),
            "/raw-deflate": lambda: self.send(gzipped([page], -zlib.MAX_WBITS), "deflate"),
            "/identity": lambda: self.send(page, "identity"),
            "/bomb": lambda: self.send(bomb(), "gzip, gzip"),
            "/zstd": lambda: self.send(page, "zstd"),
            "/damaged": lambda: self.send(b"\x1f\x8b\x08\x00garbage" * 10, "gzip"),
            "/br-gzip": lambda: self.send(gzipped([brotli_packed([page])]), "br, gzip"),
            "/br-unread": lambda: self.send(page, "br"),  # refused on the header: the body is never decoded
            "/br-bomb": lambda: self.send(brotli_packed(bytes(1 << 20) for _ in range(50)), "br"),
            "/drip-headers": self.drip_headers,
            "/drip-body": self.drip_body,
            "/feed": self.feed,
        }
        route = routes.get(self.path.split("?")[0].rstrip("0123456789"))
        route() if route else self.send(b"not found", content_type="text/plain")

    def drip(self, data: bytes, every: float):
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(every)
        except OSError:  # the client hung up, as it should
            pass
        self.close_connection = True

    def drip_headers(self):
        """The status line and headers one byte per 0.5 s: each read is quick, the whole takes ~40 s."""
        self.drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello", 0.5)

    def drip_body(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200\r\n\r\n")
        self.drip(b" " * 200, 0.2)

    def feed(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        items = "".join(f"<item><title>Item {n}</title><link>{base}/drip-body{n}</link></item>"
                        for n in range(FEED_ENTRIES))
        self.send(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Slow</title>{items}"
                  "</channel></rss>".encode(), content_type="application/rss+xml")


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True
    connections = 0

    def process_request(self, request, client_address):
        self.connections += 1  # every accepted connection, before any byte is read
        super().process_request(request, client_address)

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = CountingServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(httpd, path: str) -> str:
    return f"http://127.0.0.1:{httpd.server_port}{path}"


@pytest.fixture(autouse=True)
def offline_dns(monkeypatch):
    """Literal addresses and localhost resolve as usual; any other name is unknown (no DNS query leaves)."""
    def getaddrinfo(host, *args, **kwargs):
        if host in ("localhost", None) or _literal(host):
            return REAL_GETADDRINFO(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (offline test)")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def _literal(host) -> bool:
    try:
        ipaddress.ip_address(str(host))
    except ValueError:
        return False
    return True


def limits(**kwargs) -> FetchLimits:
    return FetchLimits(**{"connect_timeout": 2.0, "read_timeout": 10.0, "deadline": 2.0, **kwargs})


# --------------------------------------------------------------------------- one deadline per URL


def test_dripping_headers_end_at_the_deadline(server):
    # read_timeout (10 s) is never reached: only the one deadline can stop this server.
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 2 s"):
        fetch_page(url(server, "/drip-headers"), allow_private=True, limits=limits())
    assert time.monotonic() - started < 6


def test_dripping_body_ends_at_the_deadline(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 2 s"):
        fetch_page(url(server, "/drip-body"), allow_private=True, limits=limits())
    assert time.monotonic() - started < 6


def test_a_stuck_resolver_ends_at_the_deadline(monkeypatch):
    def slow_dns(host, *args, **kwargs):
        time.sleep(5)  # a resolver that answers after the deadline
        raise socket.gaierror(socket.EAI_NONAME, "too late")

    monkeypatch.setattr(socket, "getaddrinfo", slow_dns)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1 s"):
        fetch_page("http://slow-dns.test/story", limits=limits(deadline=1.0))
    assert time.monotonic() - started < 4


def test_a_dripping_feed_ends_at_the_feed_deadline(server):
    started = time.monotonic()
    fetched = fetch_articles([url(server, "/feed")], allow_private=True, limits=limits(deadline=30, feed_deadline=3))
    assert time.monotonic() - started < 10  # each entry alone would take 40 s, all five 200 s
    assert fetched.articles == ()
    assert len(fetched.skipped) == FEED_ENTRIES
    assert all("the feed took longer than 3 s" in s.reason for s in fetched.skipped)
    assert sum(s.reason.startswith("not fetched") for s in fetched.skipped) >= FEED_ENTRIES - 1


# --------------------------------------------------------------------------- decoded bytes


@pytest.mark.parametrize("path", ["/gzip-gzip", "/x-gzip", "/deflate", "/raw-deflate", "/identity"])
def test_content_encodings_are_decoded(server, path):
    page = fetch_page(url(server, path), allow_private=True, limits=limits())
    assert page.body == article_html()


def test_stacked_gzip_bomb_is_refused_with_bounded_memory(server):
    bomb()  # built before measuring: only the fetch counts
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        with pytest.raises(FetchError, match="too large"):
            fetch_page(url(server, "/bomb"), allow_private=True, limits=limits(deadline=20))
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(bomb()) < 10_000
    assert peak < 30 * 1024 * 1024  # max_bytes (5 MB) and a few decoding steps, never the 50 MB


def bounded_brotli_or_skip():
    brotli = pytest.importorskip("brotli")
    if not hasattr(brotli.Decompressor(), "can_accept_more_data"):
        pytest.skip("brotli < 1.2 cannot cap its output, so fetch refuses br")


def test_br_is_decoded_and_capped_when_a_bounded_brotli_is_installed(server):
    bounded_brotli_or_skip()
    assert fetch_page(url(server, "/br-gzip"), allow_private=True, limits=limits()).body == article_html()
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="too large"):
            fetch_page(url(server, "/br-bomb"), allow_private=True, limits=limits(deadline=20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024


def test_br_is_refused_without_a_bounded_brotli(server, monkeypatch):
    monkeypatch.setattr("newsbrief.fetch._bounded_brotli", lambda: None)
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        fetch_page(url(server, "/br-unread"), allow_private=True, limits=limits())


@pytest.mark.parametrize("path, reason", [("/zstd", "unsupported Content-Encoding 'zstd'"),
                                          ("/damaged", "damaged gzip")])
def test_unknown_or_damaged_encodings_are_refused(server, path, reason):
    with pytest.raises(FetchError, match=reason):
        fetch_page(url(server, path), allow_private=True, limits=limits())


# --------------------------------------------------------------------------- addresses


@pytest.mark.parametrize("host", ["100.64.1.1", "[2002:c0a8:101::1]", "[::ffff:10.0.0.1]", "[64:ff9b::a00:1]",
                                  "[::10.0.0.1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "224.0.0.1",
                                  "[ff0e::1]", "[fec0::1]"])
def test_addresses_wrapping_private_ones_are_refused(host):
    with pytest.raises(FetchError, match="local or private address"):
        check_url(f"http://{host}/story")


def test_dns_rebinding_is_refused_before_any_request(server, monkeypatch):
    """The first answer says a public address, every later one 127.0.0.1: the check made at
    connect time must see the second answer and refuse, so the server gets no connection."""
    answers = []

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.test":
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        answers.append(host)
        address = "93.184.216.34" if len(answers) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    real_connect = socket.socket.connect

    def loopback_only(sock, address):  # a broken guard must not reach the public address either
        assert ipaddress.ip_address(address[0]).is_loopback, f"test tried to leave the machine: {address}"
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    before = server.connections
    with pytest.raises(FetchError, match="rebind.test is a local or private address"):
        fetch_page(f"http://rebind.test:{server.server_port}/article", limits=limits())
    assert len(answers) >= 2  # the early check and the connection each asked
    assert server.connections == before


def test_allow_private_still_connects_to_the_resolved_address(server, monkeypatch):
    def local_name(host, port, *args, **kwargs):
        if host == "news.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return REAL_GETADDRINFO(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_name)
    page = fetch_page(f"http://news.test:{server.server_port}/article", allow_private=True, limits=limits())
    assert page.body == article_html()


# --------------------------------------------------------------------------- bad URLs


@pytest.mark.parametrize("bad", ["http://[::1", "not a url", "example.com/story", "http://example.com:99999/",
                                 "http://exa mple.com/", "", "http://", "https://[fe80::1%zz/"])
def test_bad_urls_give_a_clear_fetch_error(bad):
    with pytest.raises(FetchError) as raised:
        fetch_page(bad, limits=limits())
    assert "URL" in raised.value.reason or "host" in raised.value.reason
    (skipped,) = fetch_articles([bad], limits=limits()).skipped
    assert "\n" not in skipped.reason and "https://example.com/story" in skipped.reason


# --------------------------------------------------------------------------- TLS through the guarded stream


@pytest.fixture
def silent_listener():
    """Accepts TCP connections and never says a word (a stalled TLS handshake, a dead server)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for sock in held:
        sock.close()
    listener.close()


def test_a_stalled_tls_handshake_ends_at_the_deadline(silent_listener):
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 2 s"):
        fetch_page(f"https://127.0.0.1:{silent_listener}/story", allow_private=True,
                   limits=limits(connect_timeout=10.0))
    assert time.monotonic() - started < 6


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """The same handler over TLS, with a self-signed certificate for 127.0.0.1 that fetch trusts."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    monkeypatch.setattr("newsbrief.fetch._SSL_CONTEXT", ssl.create_default_context(cafile=str(cert)))
    httpd = CountingServer(("127.0.0.1", 0), Handler)
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_https_is_fetched_through_the_guarded_stream(tls_server):
    page = fetch_page(f"https://127.0.0.1:{tls_server.server_port}/gzip-gzip", allow_private=True, limits=limits())
    assert page.body == article_html()
