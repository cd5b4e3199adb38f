"""Screenshots of the web app for the README and docs/web.md, taken in Debian's headless Chromium.

    .venv/bin/python bench/screenshots.py                       # into docs/screenshots/
    .venv/bin/python bench/screenshots.py --data ../shared/data --out /tmp/shots

Starts the app on a free loopback port over a temporary store holding only what may be shipped:
the bundled example story (real articles, undated), added through the upload form, and the
made-up stories of the tests (tests/store_stories.py: an eruption, a cup final, a merger, a
vaccine trial; invented text, dated over the last four days, from invented "Example ..." outlets),
added through the API. Saves, at 1366 px (desktop) and 390 px (phone, ``-phone``):
    stories.png    the stories list: latest news first, lead, news date, counts, coverage
    search.png     a full-text search with the matched words marked, its filters open
    story.png      the example's story page, its top (at a glance, the summary)
    citation.png   the view after clicking a summary citation: the source opened, the sentence highlighted
    add.png        the add page after the upload: each file stored, the story it joined (desktop only)
Each is cut to a fixed height and, where pngquant is installed (Debian's ``pngquant``), reduced to
a 256-colour palette, which keeps the set well under 1.5 MB.

``--data DIR`` also adds the first ``--clusters`` clusters of DIR/duc2003_task2 (research-only data):
such screenshots are for looking at, never for the repository, so --out must then be outside it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
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
# How much of a page each shot keeps, in CSS px: the list whole on a desktop (5 stories), the top
# of a story page (header, at a glance, the start of the summary).
LIST_HEIGHT = {"": 1100, "-phone": 1300}
STORY_HEIGHT = {"": 1300, "-phone": 1500}
# The made-up articles' outlets (tests/store_stories.py names them paper0.example ... paper4.example).
OUTLETS = {f"paper{n}.example": name for n, name in enumerate(
    ("Example Herald", "Example Times", "Example Post", "Example Courier", "Example Ledger"))}
SEARCH = "Khalilzad"  # a name only the example's article text holds (no title does)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="folder for the PNG files (default docs/screenshots)")
    parser.add_argument("--data", type=Path, help="the shared data folder: also add DUC 2003 clusters (research-only)")
    parser.add_argument("--clusters", type=int, default=3, help="how many DUC clusters --data adds (default 3)")
    args = parser.parse_args()
    out = args.out or (None if args.data else ROOT / "docs" / "screenshots")
    if out is None or (args.data and out.resolve().is_relative_to(ROOT)):
        parser.error("with --data, give an --out folder outside the repository: the DUC data is research-only")
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, BackgroundServer(Path(folder) / "stories.db") as server:
        add_articles(server.url, made_up_articles())
        if args.data:
            add_articles(server.url, duc_articles(args.data, args.clusters))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(base_url=server.url, viewport=DESKTOP)
            page.set_default_timeout(180_000)
            story, written = add_example(page, out)
            for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
                page.set_viewport_size(viewport)
                written += shoot(page, story, out, suffix)
            browser.close()
    shrink(written)


def made_up_articles() -> list[dict]:
    """The tests' made-up stories, dated from three days ago to today, from the invented outlets."""
    sys.path.insert(0, str(ROOT / "tests"))
    from store_stories import make_stream

    today = date.today()
    return [{"title": a.title, "text": a.text, "source": OUTLETS[a.source],
             "date": (today - timedelta(days=zlib.crc32(a.id.encode()) % 4)).isoformat(), "url": a.url}
            for a in make_stream(per_story=4)]


def duc_articles(data: Path, clusters: int) -> list[dict]:
    from newsbrief.ingest import articles_from_story

    articles = []
    with open(data / "duc2003_task2" / "clusters.jsonl", encoding="utf-8") as lines:
        for _, line in zip(range(clusters), lines):
            articles += [{"title": a.title, "text": a.text, "source": a.source, "date": a.date}
                         for a in articles_from_story(json.loads(line))]
    return articles


def add_articles(url: str, articles: list[dict]) -> None:
    httpx.post(f"{url}/api/add", json={"articles": articles}, timeout=600).raise_for_status()


def add_example(page, out: Path) -> tuple[str, list[Path]]:
    """(the example story's page, the add page's shot)."""
    page.goto("/add")
    page.set_input_files("input[name=files]", [str(p) for p in sorted(EXAMPLE.glob("*.txt"))])
    page.click("button[type=submit]")
    page.wait_for_selector("#job[data-done='true']")
    return page.locator("#job-results a").first.get_attribute("href"), [save(page, out / "add.png")]


def shoot(page, story: str, out: Path, suffix: str) -> list[Path]:
    page.goto("/")
    shots = [save(page, out / f"stories{suffix}.png", LIST_HEIGHT[suffix])]
    page.goto(f"/?q={SEARCH}")
    page.click("details.filters summary")  # the date, outlet and name filters shown open
    shots.append(save(page, out / f"search{suffix}.png"))
    page.goto(story)
    page.wait_for_selector("#summary")
    shots.append(save(page, out / f"story{suffix}.png", STORY_HEIGHT[suffix]))
    page.locator("#summary sup.cite a[href^='#src-']").nth(1).click()
    page.wait_for_timeout(300)  # let the scroll settle
    return [*shots, save(page, out / f"citation{suffix}.png")]


def save(page, path: Path, height: int | None = None) -> Path:
    """The viewport, or the page's top ``height`` px (less where the page is shorter)."""
    if height is None:
        page.screenshot(path=str(path))
    else:
        height = min(height, page.evaluate("document.documentElement.scrollHeight"))
        clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
        page.screenshot(path=str(path), full_page=True, clip=clip)
    return path


def shrink(paths: list[Path]) -> None:
    """Each PNG reduced to a palette by pngquant where it is installed; the sizes printed."""
    pngquant = shutil.which("pngquant")
    if pngquant is None:
        print("pngquant not found (apt-get install pngquant): the PNGs are as Chromium wrote them")
    for path in paths:
        if pngquant:
            # exit 98/99: the result would be larger or worse than --quality allows; the original stays
            subprocess.run([pngquant, "--force", "--skip-if-larger", "--strip", "--speed", "1",
                            "--quality", "70-95", "--output", str(path), str(path)], check=False)
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    print(f"total {sum(p.stat().st_size for p in paths) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
