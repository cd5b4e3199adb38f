"""Articles from URLs and RSS/Atom feeds, fetched with guard rails.

    fetch_articles(["https://example.com/story", "https://example.com/feed.xml"])
        -> FetchedArticles(articles, skipped)        # a bad URL is skipped, the rest goes on

Every request:
  * only ``http``/``https``; ``file://`` and other schemes are refused, and a string that is no URL
    at all gives a ``FetchError`` (never a ``ValueError``);
  * only globally routable addresses are contacted unless ``allow_private``: loopback, private,
    carrier-grade NAT (100.64.0.0/10), link-local, multicast, reserved and unspecified addresses are
    refused, and so are IPv6 addresses that wrap such an IPv4 one (IPv4-mapped or -compatible,
    NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo);
  * the address check is made twice: on the host before the request, and again in the
    connection itself (``_GuardedBackend``), which resolves the host, checks every address and
    connects to the checked IP. A DNS answer that changes in between (rebinding) is refused;
  * ONE wall-clock deadline (``deadline``) covers DNS, connect, TLS, request, response headers and
    body, over every redirect: each socket wait is cut to the time left, so a server that drips
    its headers a byte at a time cannot hold a download longer than the deadline;
  * a feed has its own deadline for all its entries (``feed_deadline``); entries not reached in
    time are listed as skipped;
  * redirects are followed by hand (at most ``max_redirects``), each hop checked again;
  * the body is read raw and decoded here step by step (identity, gzip, x-gzip, deflate, and br when
    a ``brotli`` with bounded output is installed; other encodings are refused), so ``max_bytes``
    caps the DECODED size whatever encodings are stacked, and memory stays a few steps large;
  * only HTML or a feed is accepted (checked on the Content-Type before reading the body).

HTML goes through the same extractor as local files (``ingest.articles_from_html``);
a feed through feedparser, then each entry's link is fetched the same way.
"""

from __future__ import annotations

import ipaddress
import itertools
import select
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from dataclasses import dataclass, replace
from urllib.parse import SplitResult, urljoin, urlsplit

from .errors import FetchError, NewsbriefError
from .model import Article, Skipped

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"})
# Generic XML may be a feed: decided by sniffing the body.
XML_TYPES = frozenset({"application/xml", "text/xml"})
USER_AGENT = "newsbrief/0.1 (+https://pypi.org/project/newsbrief)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.1"
ALLOW_PRIVATE_HINT = "pass --allow-private to fetch from this machine or the local network"
URL_HINT = "give a full URL such as https://example.com/story"
# Most bytes one decoding step may produce: the memory of decoding is a few of these, whatever the ratio.
DECODE_STEP = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Guard rails of one download. Defaults: a news page is 50-500 KB and loads in seconds."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0  # longest wait for the next bytes
    deadline: float = 30.0  # whole download of one URL: DNS, connect, headers, body, redirects included
    max_bytes: int = 5 * 1024 * 1024  # decoded size of the body
    max_redirects: int = 5
    max_feed_entries: int = 50  # a feed lists the latest 10-50 items
    feed_deadline: float = 120.0  # a feed and all its entries; entries not reached in time are skipped


@dataclass(frozen=True, slots=True)
class Deadline:
    """A point on the monotonic clock, and the error to give once it has passed."""

    at: float
    reason: str
    hint: str

    @classmethod
    def after(cls, seconds: float, reason: str, hint: str) -> Deadline:
        return cls(time.monotonic() + seconds, reason, hint)

    def left(self) -> float:
        return self.at - time.monotonic()

    def error(self, url: str) -> FetchError:
        return FetchError(url, self.reason, self.hint)

    def check(self, url: str) -> None:
        if self.left() <= 0:
            raise self.error(url)

    def earlier(self, other: Deadline | None) -> Deadline:
        return other if other is not None and other.at < self.at else self


def url_deadline(limits: FetchLimits) -> Deadline:
    return Deadline.after(limits.deadline, f"took longer than {limits.deadline:g} s",
                          "the server is too slow; try again later")


def feed_deadline(limits: FetchLimits) -> Deadline:
    return Deadline.after(limits.feed_deadline, f"the feed took longer than {limits.feed_deadline:g} s in all",
                          "add this entry's URL on its own, or try the feed again later")


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    content_type: str
    body: bytes
    charset: str | None
    # the validators of the answer, for a conditional request next time (followed feeds)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304: unchanged since the validators sent (no body)

    def text(self) -> str:
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class FetchedArticles:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


def fetch_articles(
    urls: Iterable[str], allow_private: bool = False, limits: FetchLimits = FetchLimits()
) -> FetchedArticles:
    """Articles of each URL (a page or a feed); a URL that fails is listed in ``skipped``."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for url in urls:
        try:
            found, missed = articles_of_url(url, allow_private, limits)
        except NewsbriefError as error:
            skipped.append(Skipped(url, _reason(error)))
            continue
        articles.extend(found)
        skipped.extend(missed)
    return FetchedArticles(tuple(articles), tuple(skipped))


def articles_of_url(url: str, allow_private: bool, limits: FetchLimits) -> tuple[list[Article], list[Skipped]]:
    """The article of a page, or the articles of a feed's entries (entries that fail are skipped)."""
    until = feed_deadline(limits)  # started now: the feed's own download counts against it
    page = fetch_page(url, allow_private, limits)
    if is_feed(page):
        return articles_of_feed(page, allow_private, limits, until)
    return [article_of_page(page, url)], []


def article_of_page(page: Page, given_url: str) -> Article:
    from .errors import InputError
    from .ingest import articles_from_html

    try:
        article = articles_from_html(page.text(), page.url)
    except InputError as error:
        raise FetchError(given_url, error.reason, "the page holds no article text") from None
    return replace(article, url=article.url or page.url)


def articles_of_feed(feed: Page, allow_private: bool, limits: FetchLimits, until: Deadline | None = None,
                     known: Callable[[list[str]], set[str]] = lambda links: set()) -> tuple[list[Article], list[Skipped]]:
    """Fetch the feed's entries one by one until ``until`` (default: ``feed_deadline`` from now);
    entries whose link is among ``known(links)`` (already stored) are not fetched again."""
    import feedparser

    until = until or feed_deadline(limits)
    parsed = feedparser.parse(feed.body)
    entries = list(parsed.entries)[: limits.max_feed_entries]
    if not entries:
        problem = getattr(parsed, "bozo_exception", None)
        reason = f"broken feed ({problem})" if parsed.get("bozo") else "feed has no entries"
        raise FetchError(feed.url, reason, "check that the URL is an RSS or Atom feed")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen = known([urljoin(feed.url, e.get("link")) for e in entries if e.get("link")])
    entries = [e for e in entries if not e.get("link") or urljoin(feed.url, e.get("link")) not in seen]
    for index, entry in enumerate(entries):
        if until.left() <= 0:  # the feed's time is spent: list what was not reached, do not fetch it
            skipped.extend(_not_reached(feed.url, entries[index:], until))
            break
        link = entry.get("link")
        if not link:
            skipped.append(Skipped(feed.url, f"feed entry {entry.get('title')!r} has no link"))
            continue
        link = urljoin(feed.url, link)
        try:
            page = fetch_page(link, allow_private, limits, deadline=until)
            if is_feed(page):
                raise FetchError(link, "a feed entry links to another feed", "feeds of feeds are not followed")
            articles.append(_with_entry_metadata(article_of_page(page, link), entry))
        except NewsbriefError as error:
            skipped.append(Skipped(link, _reason(error)))
    return articles, skipped


def _not_reached(feed_url: str, entries: list, until: Deadline) -> list[Skipped]:
    reason = f"not fetched: {until.reason} ({until.hint})"
    return [Skipped(urljoin(feed_url, entry.get("link") or "") or feed_url, reason) for entry in entries]


def _with_entry_metadata(article: Article, entry: dict) -> Article:
    """Fill what the page lacked from the feed entry (title, date)."""
    date = article.date
    if not date and entry.get("published_parsed"):
        date = time.strftime("%Y-%m-%d", entry["published_parsed"])
    return replace(article, title=article.title or entry.get("title"), date=date)


# --------------------------------------------------------------------------- one download


def fetch_page(url: str, allow_private: bool = False, limits: FetchLimits = FetchLimits(),
               deadline: Deadline | None = None, validators: dict[str, str] | None = None) -> Page:
    """Download one HTML page or feed within ``limits`` (and ``deadline`` if that comes first).
    ``validators`` (If-None-Match / If-Modified-Since headers) make it conditional: an unchanged
    page answers a ``Page`` with ``not_modified`` and no body.

    Raises ``FetchError`` only: a bad URL, a refused address, a timeout or any network error.
    """
    import httpx

    until = url_deadline(limits).earlier(deadline)
    current = url
    with _client(url, allow_private, limits, until) as client:
        for _hop in range(limits.max_redirects + 1):
            check_url(current, allow_private, until)
            try:
                with client.stream("GET", current, headers=validators) as response:
                    if response.status_code == 304 and validators:
                        return Page(current, "", b"", None, not_modified=True)
                    if response.is_redirect:
                        current = _redirect_target(url, current, response)
                        continue
                    return _read_page(url, current, response, limits, until)
            except httpx.TimeoutException:
                until.check(url)  # a wait cut short by the deadline is reported as the deadline
                raise FetchError(url, "timed out", "the server did not answer in time; try again later") from None
            except httpx.InvalidURL as error:
                raise FetchError(url, f"not a URL ({error})", URL_HINT) from None
            except httpx.HTTPError as error:
                raise FetchError(url, f"download failed ({type(error).__name__}: {error})", "check the URL") from None
    raise FetchError(url, f"more than {limits.max_redirects} redirects", "give the final URL of the article")


def _client(url: str, allow_private: bool, limits: FetchLimits, until: Deadline):
    """An httpx client whose every connection goes through ``_GuardedBackend`` (deadline, address guard)."""
    import httpcore
    import httpx

    transport = httpx.HTTPTransport(verify=_ssl_context(), trust_env=False)
    # httpx takes no network backend, so its pool (not yet connected) is replaced by one that uses ours.
    transport._pool = httpcore.ConnectionPool(ssl_context=_ssl_context(),
                                              network_backend=_GuardedBackend(url, allow_private, until))
    timeout = httpx.Timeout(connect=limits.connect_timeout, read=limits.read_timeout, write=limits.read_timeout,
                            pool=limits.connect_timeout)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": _accept_encoding()}
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                        headers=headers)


_SSL_CONTEXT = None


def _ssl_context():
    """One verifying TLS context for every fetch (loading the CA bundle takes a few ms)."""
    global _SSL_CONTEXT
    if _SSL_CONTEXT is None:
        import httpx

        _SSL_CONTEXT = httpx.create_ssl_context(trust_env=False)
    return _SSL_CONTEXT


def _redirect_target(url: str, current: str, response) -> str:
    location = response.headers.get("location")
    if not location:
        raise FetchError(url, f"redirect ({response.status_code}) without a Location header")
    try:
        return urljoin(current, location)
    except ValueError:
        raise FetchError(url, f"redirect to a bad URL ({location[:200]!r})", "the server's redirect is broken") from None


def _read_page(url: str, current: str, response, limits: FetchLimits, until: Deadline) -> Page:
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code}", "check the URL; the server refused or has no such page")
    content_type, charset = _content_type(response.headers.get("content-type", ""))
    if content_type not in HTML_TYPES | FEED_TYPES | XML_TYPES:
        raise FetchError(url, f"not an HTML page or a feed (Content-Type {content_type or 'missing'})",
                         "give the URL of an article page or an RSS/Atom feed")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(url, f"too large ({int(declared):,} bytes, limit {limits.max_bytes:,})")
    return Page(current, content_type, _read_body(url, response, limits, until), charset,
                response.headers.get("etag"), response.headers.get("last-modified"))


def _read_body(url: str, response, limits: FetchLimits, until: Deadline) -> bytes:
    """The decoded body; refused as soon as it passes ``max_bytes``, raw or decoded."""
    too_large = FetchError(url, f"too large (over {limits.max_bytes:,} bytes)", "give the URL of one article")
    body = bytearray()
    try:
        for chunk in _decoded(_capped(response.iter_raw(), limits.max_bytes, too_large), _encodings(url, response)):
            if len(body) + len(chunk) > limits.max_bytes:
                raise too_large
            until.check(url)  # decoding is time too: the deadline covers it
            body += chunk
    except _BrokenEncoding as error:
        raise FetchError(url, f"damaged {error} body", "the server sent data that does not decode") from None
    return bytes(body)


def _capped(chunks: Iterable[bytes], max_bytes: int, too_large: FetchError) -> Iterator[bytes]:
    """The raw bytes, cut off past ``max_bytes`` (compressed data larger than the cap is no article)."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        yield chunk


def _content_type(header: str) -> tuple[str, str | None]:
    main, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    return main.strip().lower(), charset


def is_feed(page: Page) -> bool:
    if page.content_type in FEED_TYPES:
        return True
    if page.content_type in XML_TYPES or page.content_type in HTML_TYPES:
        head = page.body[:1024].lstrip().lower()
        return head.startswith(b"<rss") or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
    return False


# --------------------------------------------------------------------------- content decoding
# httpx would decode a whole network chunk at once, so a few KB of stacked gzip become gigabytes
# before any cap is checked. Here each stage is a lazy generator that yields at most DECODE_STEP
# bytes at a time and pulls input only when asked: memory stays a few steps per stage.


class _BrokenEncoding(Exception):
    """A compressed body that does not decode; the message names the encoding."""


def _encodings(url: str, response) -> list[str]:
    """The Content-Encodings in the order the server applied them; one this module cannot undo is refused."""
    names = [name.strip().lower() for name in response.headers.get_list("content-encoding", split_commas=True)]
    names = [name for name in names if name and name != "identity"]
    for name in names:
        if name not in _decoders():
            raise FetchError(url, f"unsupported Content-Encoding {name!r}",
                             f"newsbrief decodes {', '.join(_decoders())}; try another URL for the article")
    return names


def _decoded(raw: Iterator[bytes], encodings: Sequence[str]) -> Iterator[bytes]:
    stream = raw
    for name in reversed(encodings):  # the encoding applied last is undone first
        stream = _decoders()[name](stream)
    return stream


def _accept_encoding() -> str:
    return ", ".join(name for name in _decoders() if name != "x-gzip")  # x-gzip is only an old alias


def _decoders() -> dict:
    decoders = {"gzip": _gzip_stage, "x-gzip": _gzip_stage, "deflate": _deflate_stage}
    if _bounded_brotli() is not None:
        decoders["br"] = _brotli_stage
    return decoders


def _gzip_stage(chunks: Iterable[bytes]) -> Iterator[bytes]:
    return _zlib_stage(chunks, 16 + zlib.MAX_WBITS, "gzip")


def _deflate_stage(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """deflate is zlib-wrapped by the standard and raw from some servers: told apart by the zlib header."""
    chunks = iter(chunks)
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= 2:
            break
    wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and int.from_bytes(head[:2], "big") % 31 == 0
    yield from _zlib_stage(itertools.chain([head], chunks), zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS, "deflate")


def _zlib_stage(chunks: Iterable[bytes], wbits: int, name: str) -> Iterator[bytes]:
    decoder = zlib.decompressobj(wbits)
    for chunk in chunks:
        data = chunk
        while True:
            try:
                out = decoder.decompress(data, DECODE_STEP)  # max_length: the rest waits in unconsumed_tail
            except zlib.error as error:
                raise _BrokenEncoding(f"{name} ({error})") from None
            data = decoder.unconsumed_tail
            if out:
                yield out
            if not data and len(out) < DECODE_STEP:  # input used up and no output held back
                break
        if decoder.eof:
            return  # bytes after the end of the stream are ignored, as browsers do


@cache  # a failed import is not cached by Python: probe once
def _bounded_brotli():
    """The brotli module if it can cap its output (Brotli >= 1.2: ``output_buffer_limit``), else None."""
    for module_name in ("brotli", "brotlicffi"):
        try:
            module = __import__(module_name)
        except ImportError:
            continue
        if hasattr(module.Decompressor(), "can_accept_more_data"):
            return module
    return None


def _brotli_stage(chunks: Iterable[bytes]) -> Iterator[bytes]:
    brotli = _bounded_brotli()
    decoder = brotli.Decompressor()
    for chunk in chunks:
        data = chunk
        while True:
            try:
                out = decoder.process(data, output_buffer_limit=DECODE_STEP)
            except brotli.error as error:
                raise _BrokenEncoding(f"br ({error})") from None
            if out:
                yield out
            data = b""  # held-back output is drained with empty input, as the API asks
            if decoder.can_accept_more_data():
                break
        if decoder.is_finished():
            return


# --------------------------------------------------------------------------- connections
# httpx's own sockets honour per-read timeouts only, so a server that drips a byte at a time never
# trips them, and httpx resolves the host again after our check. Our backend owns both steps.


class _GuardedBackend:
    """An httpcore network backend: resolve, check and connect, every wait cut to the deadline.

    Duck-typed to ``httpcore.NetworkBackend`` (the pool only calls these methods).
    """

    def __init__(self, url: str, allow_private: bool, until: Deadline) -> None:
        self._url = url
        self._allow_private = allow_private
        self._until = until

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> _DeadlineStream:
        import httpcore

        # The addresses checked are the addresses connected to: a rebinding DNS gets no second chance.
        infos = _lookup(self._url, host, port, self._until)
        if not self._allow_private:
            for info in infos:
                _refuse_private(self._url, host, info[4][0])
        error: OSError = OSError(f"no address for {host}")
        for family, _type, _proto, _name, sockaddr in infos:
            try:
                sock = _connect(family, sockaddr, _wait(timeout, self._until), socket_options or ())
                return _DeadlineStream(sock, self._until)
            except OSError as exc:
                error = exc
        raise (httpcore.ConnectTimeout if isinstance(error, TimeoutError) else httpcore.ConnectError)(str(error))

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        import httpcore

        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _wait(timeout: float | None, until: Deadline) -> float:
    """The socket timeout for the next wait: httpx's timeout, cut to the time left before the deadline."""
    left = until.left()
    if left <= 0:
        raise TimeoutError("deadline passed")
    return left if timeout is None else min(timeout, left)


def _connect(family: int, sockaddr: tuple, timeout: float, socket_options: Iterable) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        for option in socket_options:
            sock.setsockopt(*option)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


@contextmanager
def _mapped(timeout_error: type, other_error: type):
    """Socket errors in httpcore's terms, which httpx turns into its own (a timeout stays a timeout)."""
    try:
        yield
    except TimeoutError as error:
        raise timeout_error(str(error) or "timed out") from error
    except OSError as error:
        raise other_error(str(error)) from error


class _DeadlineStream:
    """An httpcore network stream (duck-typed) whose every socket wait ends by the deadline."""

    def __init__(self, sock: socket.socket, until: Deadline) -> None:
        self._sock = sock
        self._until = until

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore

        with _mapped(httpcore.ReadTimeout, httpcore.ReadError):
            self._sock.settimeout(_wait(timeout, self._until))
            return self._sock.recv(max_bytes)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore

        with _mapped(httpcore.WriteTimeout, httpcore.WriteError):
            while buffer:
                self._sock.settimeout(_wait(timeout, self._until))
                buffer = buffer[self._sock.send(buffer):]

    def close(self) -> None:
        self._sock.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        import httpcore

        with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
            try:
                self._sock.settimeout(_wait(timeout, self._until))
                sock = ssl_context.wrap_socket(self._sock, server_hostname=server_hostname)
            except BaseException:
                self._sock.close()
                raise
        return _DeadlineStream(sock, self._until)

    def get_extra_info(self, info: str):
        if info == "ssl_object":  # httpcore asks it for the ALPN protocol; an SSLSocket answers that
            return self._sock if isinstance(self._sock, ssl.SSLSocket) else None
        if info == "client_addr":
            return self._sock.getsockname()
        if info == "server_addr":
            return self._sock.getpeername()
        if info == "socket":
            return self._sock
        if info == "is_readable":  # a kept-alive connection the server has closed reads as readable
            return _is_readable(self._sock)
        return None


def _is_readable(sock: socket.socket) -> bool:
    if sock.fileno() < 0:
        return True
    if not hasattr(select, "poll"):
        return bool(select.select([sock], [], [], 0)[0])
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


# --------------------------------------------------------------------------- address checks


def check_url(url: str, allow_private: bool = False, deadline: Deadline | None = None) -> None:
    """Refuse what is no http(s) URL, and hosts on this machine or a private network unless allowed.

    This is the early check (before any connection); ``_GuardedBackend`` checks again what it connects to.
    """
    parts = _split(url)
    host = parts.hostname
    if allow_private:
        return
    for address in resolve(url, host, parts.port or (443 if parts.scheme == "https" else 80), deadline):
        _refuse_private(url, host, address)


_NOT_IN_HOSTS = frozenset('<>"{}|\\^`[]@/?#')


def _split(url: str) -> SplitResult:
    """The parts of an http(s) URL with a host; anything else is a FetchError, never a ValueError."""
    import httpx

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is no number in 0-65535
    except (ValueError, TypeError) as error:
        raise FetchError(str(url), f"not a URL ({error})", URL_HINT) from None
    if not parts.scheme:
        raise FetchError(url, "not a URL", URL_HINT)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"'{parts.scheme}' scheme refused: only http and https URLs are fetched",
                         "give local files as paths, not file:// URLs")
    if not parts.hostname:
        raise FetchError(url, "no host in the URL", URL_HINT)
    if any(char.isspace() or not char.isprintable() or char in _NOT_IN_HOSTS for char in parts.hostname):
        raise FetchError(url, f"not a URL (bad host {parts.hostname!r})", URL_HINT)  # refused before any DNS
    try:
        httpx.URL(url)  # what httpx would refuse later (spaces, bad characters) is refused here, before DNS
    except (httpx.InvalidURL, ValueError, UnicodeError) as error:
        raise FetchError(url, f"not a URL ({error})", URL_HINT) from None
    return parts


def resolve(url: str, host: str, port: int, deadline: Deadline | None = None) -> Sequence[str]:
    return sorted({info[4][0] for info in _lookup(url, host, port, deadline)})


def _lookup(url: str, host: str, port: int, deadline: Deadline | None) -> list[tuple]:
    """getaddrinfo, given up at the deadline: a stuck resolver cannot hold the fetch."""
    if deadline is None or _is_literal(host):  # a literal address needs no resolver: no thread
        return _getaddrinfo(url, host, port)
    found: list = []
    worker = threading.Thread(target=_lookup_into, args=(found, url, host, port), name="newsbrief-resolve",
                              daemon=True)
    worker.start()
    worker.join(max(deadline.left(), 0))
    if not found:  # the thread goes on alone and ends when the resolver gives up
        raise deadline.error(url)
    if isinstance(found[0], BaseException):
        raise found[0]
    return found[0]


def _lookup_into(found: list, url: str, host: str, port: int) -> None:
    try:
        found.append(_getaddrinfo(url, host, port))
    except BaseException as error:  # handed to the waiting thread, which raises it
        found.append(error)


def _getaddrinfo(url: str, host: str, port: int) -> list[tuple]:
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(url, f"cannot resolve {host} ({error})", "check the host name and the network") from None


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def _refuse_private(url: str, host: str, address: str) -> None:
    if not is_public(address):
        raise FetchError(url, f"refused: {host} is a local or private address ({address})", ALLOW_PRIVATE_HINT)


_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """Globally routable, so fetched without ``allow_private``.

    An IPv6 address that re-spells an IPv4 one (mapped, compatible, NAT64) is judged by that IPv4
    address; a tunnel address (6to4, Teredo) must be routable itself and lead to routable IPv4 ones.
    """
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        spelled = _ipv4_spelled(ip)
        if spelled is not None:
            return _routable(spelled)
        if not all(_routable(v4) for v4 in _ipv4_tunnelled(ip)):
            return False
    return _routable(ip)


def _ipv4_spelled(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in _IPV4_COMPATIBLE or ip in _NAT64:  # ::/96 also holds :: and ::1, read as 0.0.0.0 and 0.0.0.1
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _ipv4_tunnelled(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    if ip.sixtofour:
        return [ip.sixtofour]
    if ip.teredo:
        return list(ip.teredo)  # server and client
    return []


def _routable(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # is_global counts multicast (224.0.0.0/4, ff0e::/16) and the old IPv6 site-local fec0::/10 as global.
    return ip.is_global and not ip.is_multicast and not getattr(ip, "is_site_local", False)


def _reason(error: NewsbriefError) -> str:
    """The message without the leading "URL: " (the Skipped entry names the URL already)."""
    message = str(error)
    prefix = f"{error.url}: " if isinstance(error, FetchError) else ""
    return message[len(prefix):] if prefix and message.startswith(prefix) else message
