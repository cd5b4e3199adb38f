"""Following: Atom feeds of the stories (``/feed.xml``) and of each story's updates
(``/stories/ID/feed.xml``), and the page of the RSS/Atom feeds the store follows
(``newsbrief follow``), with a button that updates them now (``newsbrief update``).

A story's feed has one entry per article and one for its brief (whose id changes with the brief),
so a feed reader shows what joined the story and when the brief was redone.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .maintenance import checked_form, run_task
from .security import CSRF_FIELD, check_form_post, check_same_origin
from .state import WebState, web_state
from .stories import Query, list_stories, story_items
from .story_pages import found_story, known_brief, warm_briefs
from .views import render_form

router = APIRouter(include_in_schema=False)
log = logging.getLogger("newsbrief.web")

ATOM = "http://www.w3.org/2005/Atom"
# Stories in the feed of new stories; articles in a story's feed.
FEED_ENTRIES = 50
# Characters XML 1.0 cannot hold (control characters other than tab and line breaks).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@router.get("/feed.xml")
def stories_feed(request: Request) -> Response:
    store = web_state(request).stores.reader()
    rows, _, _ = list_stories(store, Query(sort="added"))
    base = str(request.base_url).rstrip("/")
    feed = _feed(f"{base}/", "newsbrief: new stories", f"{base}/feed.xml",
                 rows[0].updated_at if rows else "1970-01-01T00:00:00+00:00")
    for item in story_items(store, rows[:FEED_ENTRIES], {}):
        _entry(feed, f"{base}/stories/{item.row.id}", item.headline, item.row.updated_at, item.lead,
               f"{base}/stories/{item.row.id}")
    return _atom(feed)


@router.get("/stories/{story_id}/feed.xml")
async def story_feed(request: Request, story_id: str) -> Response:
    state = web_state(request)
    story = await found_story(request, story_id)
    known = await known_brief(state, story)
    articles = await run_in_threadpool(lambda: state.stores.reader().articles_of_story(story.id))
    base = str(request.base_url).rstrip("/")
    page = f"{base}/stories/{story.id}"
    feed = _feed(page, story.title or "Story", f"{page}/feed.xml", story.updated_at)
    if known is not None and known.brief is not None:
        summary = " ".join(s.text for s in known.brief.summary)
        _entry(feed, f"{page}#brief-{story.updated_at}-{story.article_count}", f"Brief: {story.title or 'the story'}",
               story.updated_at, summary, page)
    for article in sorted(articles, key=lambda a: a.date or "", reverse=True)[:FEED_ENTRIES]:
        link = article.url if (article.url or "").startswith(("http://", "https://")) else page
        when = f"{article.date}T00:00:00+00:00" if article.date else story.updated_at
        title = " · ".join(p for p in (article.source, article.title) if p) or "Article"
        _entry(feed, f"{page}#article-{article.id}", title, when, " ".join(article.text.split()[:60]) + " …", link)
    return _atom(feed)


def _feed(link: str, title: str, self_link: str, updated: str) -> ET.Element:
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "title").text = _xml_text(title)
    ET.SubElement(feed, "id").text = self_link
    ET.SubElement(feed, "updated").text = updated
    ET.SubElement(feed, "link", href=link)
    ET.SubElement(feed, "link", rel="self", href=self_link)
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "newsbrief"
    return feed


def _entry(feed: ET.Element, entry_id: str, title: str, updated: str, summary: str, link: str) -> None:
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = entry_id
    ET.SubElement(entry, "title").text = _xml_text(title)
    ET.SubElement(entry, "updated").text = updated
    ET.SubElement(entry, "link", href=link)
    ET.SubElement(entry, "summary").text = _xml_text(summary)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _atom(feed: ET.Element) -> Response:
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return Response(body, media_type="application/atom+xml")


@router.get("/following", response_class=HTMLResponse)
def following_page(request: Request) -> Response:
    return _following(request)


def _following(request: Request, status: int = 200, problem: str | None = None, url: str = "") -> Response:
    feeds = web_state(request).stores.reader().feeds()
    return render_form(request, "following.html.j2", status, feeds=feeds, problem=problem, url=url)


@router.post("/following")
async def follow_submit(request: Request) -> Response:
    from ..errors import InputError
    from ..follow import checked_feed_url

    state = web_state(request)
    check_same_origin(request)
    async with request.form(max_files=0, max_fields=5) as form:
        check_form_post(request, _text(form.get(CSRF_FIELD)))
        url = _text(form.get("url")).strip()
    if not url:
        return _following(request, 400, "Give the address of a feed to follow (it starts with http:// or https://).")
    try:
        url = checked_feed_url(url)
    except InputError:
        return _following(request, 400, f"“{url[:80]}” is not a feed address: it must start with http:// or https://.",
                          url=url)
    await run_in_threadpool(lambda: state.stores.writer().follow([url]))
    task = state.tasks.new("update")
    state.add_pool.submit(run_task, task, lambda: update_lines(state, [url]))
    return RedirectResponse(f"/maintenance/tasks/{task.id}", status_code=303)


@router.post("/following/update")
async def update_submit(request: Request) -> Response:
    """The "Update now" button: `newsbrief update` as a task, then its page."""
    state = web_state(request)
    await checked_form(request)
    task = state.tasks.new("update")
    state.add_pool.submit(run_task, task, lambda: update_lines(state))
    return RedirectResponse(f"/maintenance/tasks/{task.id}", status_code=303)


def update_lines(state: WebState, urls: list[str] | None = None) -> list[str]:
    """Update the followed feeds (all, or ``urls``) on the writer thread, start the briefs of the
    stories that changed, and say what happened, one line per feed."""
    updates = update_followed(state, urls)
    if not updates:
        return ["No feeds are followed yet: follow one on the Following page."]
    return [u.line() for u in updates]


async def refresh_every(state: WebState, seconds: float) -> None:
    """`serve --refresh`: update the followed feeds now and then every ``seconds``, on the writer
    thread (after the adds queued before); a failed round is logged and the next one comes."""
    import asyncio

    while True:
        try:
            updates = await asyncio.wrap_future(state.add_pool.submit(update_followed, state))
            for update in updates:
                log.info("refresh: %s", update.line())
        except Exception:  # noqa: BLE001 - one bad round must not stop the refreshing
            log.exception("refresh: the followed feeds could not be updated")
        await asyncio.sleep(seconds)


def update_followed(state: WebState, urls: list[str] | None = None) -> list[Any]:
    from ..follow import update_feeds

    updates = update_feeds(state.stores.writer(), state.allow_private, urls=urls)
    warm_briefs(state, list(dict.fromkeys(s for u in updates for s in u.touched)))
    return updates


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
