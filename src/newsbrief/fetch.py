"""Articles from URLs and RSS/Atom feeds, fetched with guard rails.

    fetch_articles(["https://example.com/story", "https://example.com/feed.xml"])
        -> FetchedArticles(articles, skipped)        # a bad URL is skipped, the rest goes on

Every request:
  * only ``http``/``https``; ``file://`` and other schemes are refused;
  * the host is resolved and every address checked: loopback, private, link-local,
    multicast, reserved and unspecified addresses are refused unless ``allow_private``;
  * redirects are followed by hand (at most ``max_redirects``), each hop checked again;
  * connect and read timeouts, and a total deadline for the whole download;
  * the body is streamed and the download aborted past ``max_bytes``;
  * only HTML or a feed is accepted (checked on the Content-Type before reading the body).

HTML goes through the same extractor as local files (``ingest.articles_from_html``);
a feed through feedparser, then each entry's link is fetched the same way.
Known gap: the address check and httpx resolve the host separately, so a DNS
answer that changes between the two (rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from .errors import FetchError, NewsbriefError
from .model import Article, Skipped

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"})
# Generic XML may be a feed: decided by sniffing the body.
XML_TYPES = frozenset({"application/xml", "text/xml"})
USER_AGENT = "newsbrief/0.1 (+https://pypi.org/project/newsbrief)"
ALLOW_PRIVATE_HINT = "pass --allow-private to fetch from this machine or the local network"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Guard rails of one download. Defaults: a news page is 50-500 KB and loads in seconds."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0  # longest wait for the next bytes
    deadline: float = 30.0  # whole download, redirects included
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    max_feed_entries: int = 50  # a feed lists the latest 10-50 items


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    content_type: str
    body: bytes
    charset: str | None

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
    page = fetch_page(url, allow_private, limits)
    if is_feed(page):
        return articles_of_feed(page, allow_private, limits)
    return [article_of_page(page, url)], []


def article_of_page(page: Page, given_url: str) -> Article:
    from .errors import InputError
    from .ingest import articles_from_html

    try:
        article = articles_from_html(page.text(), page.url)
    except InputError as error:
        raise FetchError(given_url, error.reason, "the page holds no article text") from None
    return replace(article, url=article.url or page.url)


def articles_of_feed(feed: Page, allow_private: bool, limits: FetchLimits) -> tuple[list[Article], list[Skipped]]:
    import feedparser

    parsed = feedparser.parse(feed.body)
    entries = list(parsed.entries)[: limits.max_feed_entries]
    if not entries:
        problem = getattr(parsed, "bozo_exception", None)
        reason = f"broken feed ({problem})" if parsed.get("bozo") else "feed has no entries"
        raise FetchError(feed.url, reason, "check that the URL is an RSS or Atom feed")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for entry in entries:
        link = entry.get("link")
        if not link:
            skipped.append(Skipped(feed.url, f"feed entry {entry.get('title')!r} has no link"))
            continue
        link = urljoin(feed.url, link)
        try:
            page = fetch_page(link, allow_private, limits)
            if is_feed(page):
                raise FetchError(link, "a feed entry links to another feed", "feeds of feeds are not followed")
            articles.append(_with_entry_metadata(article_of_page(page, link), entry))
        except NewsbriefError as error:
            skipped.append(Skipped(link, _reason(error)))
    return articles, skipped


def _with_entry_metadata(article: Article, entry: dict) -> Article:
    """Fill what the page lacked from the feed entry (title, date)."""
    date = article.date
    if not date and entry.get("published_parsed"):
        date = time.strftime("%Y-%m-%d", entry["published_parsed"])
    return replace(article, title=article.title or entry.get("title"), date=date)


# --------------------------------------------------------------------------- one download


def fetch_page(url: str, allow_private: bool = False, limits: FetchLimits = FetchLimits()) -> Page:
    """Download one HTML page or feed within ``limits``; raises ``FetchError``."""
    import httpx

    started = time.monotonic()
    timeout = httpx.Timeout(connect=limits.connect_timeout, read=limits.read_timeout, write=limits.read_timeout,
                            pool=limits.connect_timeout)
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                      headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.1"}) as client:
        for _hop in range(limits.max_redirects + 1):
            check_url(current, allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = _redirect_target(url, current, response)
                        continue
                    return _read_page(url, current, response, limits, started)
            except httpx.TimeoutException:
                raise FetchError(url, "timed out", "the server did not answer in time; try again later") from None
            except httpx.HTTPError as error:
                raise FetchError(url, f"download failed ({type(error).__name__}: {error})", "check the URL") from None
    raise FetchError(url, f"more than {limits.max_redirects} redirects", "give the final URL of the article")


def _redirect_target(url: str, current: str, response) -> str:
    location = response.headers.get("location")
    if not location:
        raise FetchError(url, f"redirect ({response.status_code}) without a Location header")
    return urljoin(current, location)


def _read_page(url: str, current: str, response, limits: FetchLimits, started: float) -> Page:
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code}", "check the URL; the server refused or has no such page")
    content_type, charset = _content_type(response.headers.get("content-type", ""))
    if content_type not in HTML_TYPES | FEED_TYPES | XML_TYPES:
        raise FetchError(url, f"not an HTML page or a feed (Content-Type {content_type or 'missing'})",
                         "give the URL of an article page or an RSS/Atom feed")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(url, f"too large ({int(declared):,} bytes, limit {limits.max_bytes:,})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(url, f"too large (over {limits.max_bytes:,} bytes)", "give the URL of one article")
        if time.monotonic() - started > limits.deadline:
            raise FetchError(url, f"took longer than {limits.deadline:g} s", "the server is too slow; try again later")
        chunks.append(chunk)
    return Page(current, content_type, b"".join(chunks), charset)


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


# --------------------------------------------------------------------------- address checks


def check_url(url: str, allow_private: bool = False) -> None:
    """Refuse what is not http(s), and hosts on this machine or a private network unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"'{parts.scheme or 'no'}' scheme refused: only http and https URLs are fetched",
                         "give local files as paths, not file:// URLs")
    host = parts.hostname
    if not host:
        raise FetchError(url, "no host in the URL", "give a full URL such as https://example.com/story")
    if allow_private:
        return
    for address in resolve(url, host, parts.port or (443 if parts.scheme == "https" else 80)):
        if not is_public(address):
            raise FetchError(url, f"refused: {host} is a local or private address ({address})", ALLOW_PRIVATE_HINT)


def resolve(url: str, host: str, port: int) -> Sequence[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(url, f"cannot resolve {host} ({error})", "check the host name and the network") from None
    return sorted({info[4][0] for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified)


def _reason(error: NewsbriefError) -> str:
    """The message without the leading "URL: " (the Skipped entry names the URL already)."""
    message = str(error)
    prefix = f"{error.url}: " if isinstance(error, FetchError) else ""
    return message[len(prefix):] if prefix and message.startswith(prefix) else message
