"""Screenshots of the web app for docs/web.md and the README, taken in Debian's headless Chromium.

    .venv/bin/python bench/screenshots.py [--out docs/img]

Starts the app on a free loopback port over a temporary store, adds the bundled
example story through the add page, and saves:
    stories.png    the stories list
    add.png        the add page after the upload: each file stored, the story it joined
    story.png      the story page, full length (summary, timeline, quotes, conflicts, entities, sources)
    citation.png   the view after clicking a summary citation: the source sentence highlighted
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import newsbrief
from newsbrief.web.server import BackgroundServer

EXAMPLE = Path(newsbrief.__file__).parent / "examples" / "doha-talks"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1100, "height": 800}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/img"), help="folder for the PNG files")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, BackgroundServer(Path(folder) / "stories.db") as server:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(base_url=server.url, viewport=VIEWPORT)
            page.set_default_timeout(180_000)
            shoot(page, args.out)
            browser.close()


def shoot(page, out: Path) -> None:
    page.goto("/add")
    page.set_input_files("input[name=files]", [str(p) for p in sorted(EXAMPLE.glob("*.txt"))])
    page.click("button[type=submit]")
    page.wait_for_selector("#job[data-done='true']")
    save(page, out / "add.png")

    page.locator("#job-results a").first.click()
    page.wait_for_selector("#summary")
    save(page, out / "story.png", full_page=True)

    page.locator("#summary sup.cite a[href^='#src-']").nth(1).click()
    page.wait_for_timeout(300)  # let the scroll settle
    save(page, out / "citation.png")

    page.goto("/")
    save(page, out / "stories.png")


def save(page, path: Path, full_page: bool = False) -> None:
    page.screenshot(path=str(path), full_page=full_page)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
