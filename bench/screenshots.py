"""Screenshots of the web app for docs/web.md and the README, taken in Debian's headless Chromium.

    .venv/bin/python bench/screenshots.py [--out docs/img]

Starts the app on a free loopback port over a temporary store, adds the bundled example story
through the add page and the made-up stories of the tests (tests/store_stories.py: an eruption,
a cup final, a merger, a vaccine trial; dated this week, several outlets each) through the API,
and saves, at 1366 px (desktop) and 390 px (phone, ``-phone``):
    stories.png    the stories list: latest news first, lead, dates, counts, coverage
    search.png     a full-text search with the matched words marked
    story.png      the example's story page, full length (sources folded)
    citation.png   the view after clicking a summary citation: the source opened, the sentence highlighted
    add.png        the add page after the upload: each file stored, the story it joined (desktop only)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zlib
from datetime import date, timedelta
from pathlib import Path

import httpx

import newsbrief
from newsbrief.web.server import BackgroundServer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = Path(newsbrief.__file__).parent / "examples" / "doha-talks"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/img"), help="folder for the PNG files")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, BackgroundServer(Path(folder) / "stories.db") as server:
        add_made_up_stories(server.url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(base_url=server.url, viewport=DESKTOP)
            page.set_default_timeout(180_000)
            story = add_example(page, args.out)
            for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
                page.set_viewport_size(viewport)
                shoot(page, story, args.out, suffix)
            browser.close()


def add_made_up_stories(url: str) -> None:
    """The tests' made-up stories, dated from three days ago to today, from several outlets."""
    sys.path.insert(0, str(ROOT / "tests"))
    from store_stories import make_stream

    today = date.today()
    articles = [{"title": a.title, "text": a.text, "source": a.source.replace(".example", " Post").title(),
                 "date": (today - timedelta(days=zlib.crc32(a.id.encode()) % 4)).isoformat(), "url": a.url}
                for a in make_stream(per_story=4)]
    httpx.post(f"{url}/api/add", json={"articles": articles}, timeout=300).raise_for_status()


def add_example(page, out: Path) -> str:
    page.goto("/add")
    page.set_input_files("input[name=files]", [str(p) for p in sorted(EXAMPLE.glob("*.txt"))])
    page.click("button[type=submit]")
    page.wait_for_selector("#job[data-done='true']")
    save(page, out / "add.png")
    return page.locator("#job-results a").first.get_attribute("href")


def shoot(page, story: str, out: Path, suffix: str) -> None:
    page.goto("/")
    save(page, out / f"stories{suffix}.png")
    page.goto("/?q=Khalilzad")
    save(page, out / f"search{suffix}.png")
    page.goto(story)
    page.wait_for_selector("#summary")
    save(page, out / f"story{suffix}.png", full_page=True)
    page.locator("#summary sup.cite a[href^='#src-']").nth(1).click()
    page.wait_for_timeout(300)  # let the scroll settle
    save(page, out / f"citation{suffix}.png")


def save(page, path: Path, full_page: bool = False) -> None:
    page.screenshot(path=str(path), full_page=full_page)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
