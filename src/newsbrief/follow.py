"""Followed feeds: the store remembers RSS/Atom feeds (``newsbrief follow``) and an update
(``newsbrief update``, ``newsbrief serve --refresh``) fetches each once and adds what is new.

    with Store.open(path) as store:
        store.follow(["https://example.com/feed.xml"])
        for update in update_feeds(store):      # one FeedUpdate per followed feed
            print(update.line())

Each feed is asked conditionally (If-None-Match / If-Modified-Since with the validators of its last
answer): an unchanged feed costs one small request. Entries whose link is already stored are not
downloaded again. The fetch rules are those of ``newsbrief add`` (http(s) only, no private
addresses unless allowed, size caps, one deadline per page and one per feed); a feed that fails
is reported and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import InputError, NewsbriefError
from .fetch import FetchLimits, articles_of_feed, feed_deadline, fetch_page, is_feed


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """What one update of one feed did."""

    url: str
    status: str  # "new" | "unchanged" | "failed"
    stored: tuple[str, ...] = ()  # ids of the stories that new articles joined (one per article)
    duplicates: int = 0
    skipped: tuple[str, ...] = ()  # "link: reason" of entries that could not be read
    reason: str | None = None  # why the feed failed
    touched: tuple[str, ...] = ()  # stories changed, each once
    etag: str | None = None  # the validators of the feed's answer, for the next update
    last_modified: str | None = None

    def line(self) -> str:
        """One line for a terminal or a page."""
        return f"{self.url}: {self.summary()}"

    def summary(self) -> str:
        """What the update found, without the feed's URL (kept with the feed)."""
        if self.status == "failed":
            return f"failed: {self.reason}"
        if self.status == "unchanged":
            return "not changed since the last update"
        found = f"{_count(len(self.stored), 'new article')} in {_count(len(self.touched), 'story', 'stories')}"
        extra = [f"{self.duplicates} already stored"] if self.duplicates else []
        extra += [f"{_count(len(self.skipped), 'entry', 'entries')} skipped"] if self.skipped else []
        return found + (f" ({', '.join(extra)})" if extra else "")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def checked_feed_url(url: str) -> str:
    """A feed URL to follow: http(s) with a host; InputError otherwise."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(url, "not a feed URL", "give the http:// or https:// address of an RSS or Atom feed")
    return url


def update_feeds(store: Any, allow_private: bool = False, limits: FetchLimits = FetchLimits(),
                 on_update: Callable[[FeedUpdate], None] = lambda update: None,
                 urls: Iterable[str] | None = None) -> list[FeedUpdate]:
    """Fetch every followed feed (or those of ``urls``) once and store its new articles."""
    followed = store.feeds()
    wanted = set(urls) if urls is not None else None
    updates = []
    for feed in followed:
        if wanted is None or feed.url in wanted:
            update = update_feed(store, feed, allow_private, limits)
            store.record_feed_check(feed.url, update.summary(), update.etag, update.last_modified)
            on_update(update)
            updates.append(update)
    return updates


def update_feed(store: Any, feed: Any, allow_private: bool, limits: FetchLimits) -> FeedUpdate:
    """Fetch one followed feed (conditionally) and add the entries not stored yet."""
    until = feed_deadline(limits)
    validators = {k: v for k, v in (("If-None-Match", feed.etag), ("If-Modified-Since", feed.last_modified)) if v}
    try:
        page = fetch_page(feed.url, allow_private, limits, deadline=until, validators=validators or None)
        if page.not_modified:
            return FeedUpdate(feed.url, "unchanged")
        if not is_feed(page):
            raise InputError(feed.url, "not an RSS or Atom feed", "follow the feed's URL, not a page's")
        articles, skipped = articles_of_feed(page, allow_private, limits, until, known=store.stored_urls)
    except NewsbriefError as error:
        return FeedUpdate(feed.url, "failed", reason=str(error))
    results = store.add_articles(articles)
    stored = tuple(r.story for r in results if r.status == "stored" and r.story)
    copies = tuple(r.story for r in results if r.status == "duplicate" and r.reason != "same input already stored")
    return FeedUpdate(feed.url, "new", stored + copies, sum(r.status == "duplicate" for r in results) - len(copies),
                      tuple(f"{s.input}: {s.reason}" for s in skipped), touched=tuple(dict.fromkeys(stored + copies)),
                      etag=page.etag, last_modified=page.last_modified)
