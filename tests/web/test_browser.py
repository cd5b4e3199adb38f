"""End to end in a real headless Chromium (Debian's, driven by Playwright; never a browser download):
open the app, add the example story, read its brief, follow a citation to the highlighted
source sentence, and check that a hostile article cannot run script."""

from pathlib import Path

import pytest
from webtools import HOSTILE, example_files

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# axe-core from the npm registry (scripts/setup.sh all installs it here); without it the accessibility
# check is left out of the phone test, which runs all the same.
AXE = Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# The first story page builds its brief (spaCy load + pipeline): allow for a slow, shared machine.
SLOW_MS = 120_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(SLOW_MS)
    problems: list[str] = []
    page.on("dialog", lambda dialog: problems.append(f"dialog opened: {dialog.message}") or dialog.dismiss())
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.problems = problems
    yield page
    context.close()


def add_files(page, files):
    page.goto("/add")
    page.set_input_files("input[name=files]", [str(f) for f in files])
    page.click("button[type=submit]")
    page.wait_for_selector("#job[data-done='true']")


def test_add_read_and_follow_a_citation(page):
    page.goto("/")
    assert "No stories yet" in page.inner_text("main")
    page.click("nav >> text=Add articles")

    add_files(page, example_files())
    statuses = page.locator("#job-results tr td:nth-child(2)").all_inner_texts()
    assert statuses == ["stored"] * 5
    assert page.inner_text("#job-status").startswith("5 of 5 inputs done")

    page.locator("#job-results a").first.click()
    page.wait_for_selector("#summary")
    assert "Taliban" in page.inner_text("h1")
    assert page.locator("#summary p").count() >= 3
    assert page.locator("#timeline .axis .tick").count() >= 1

    citation = page.locator("#summary sup.cite a[href^='#src-']").first
    target_id = citation.get_attribute("href")[1:]
    citation.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=target_id)
    target = page.locator(":target")
    assert target.get_attribute("id") == target_id
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 229, 138)"  # --mark
    box = target.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }")
    assert 0 <= box[0] < box[2], f"highlighted sentence not in view: {box}"
    assert target.inner_text().strip() and target.inner_text().strip()[:20] in page.inner_text("main")
    assert page.problems == []


def test_a_hostile_article_cannot_run_script(page, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        f"Hostile headline {HOSTILE}\n\n"
        f"Officials met in Geneva on Monday to discuss the ceasefire. {HOSTILE} "
        "The delegates said the talks were productive and would continue next week.\n",
        encoding="utf-8",
    )
    add_files(page, [hostile])
    assert page.evaluate("window.__pwned") is None
    page.locator("#job-results a").first.click()  # the job page showed the title; now the story page
    page.wait_for_selector("#summary")
    assert "<script>window.__pwned=1</script>" in page.inner_text("main")
    assert page.locator("main img").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.goto("/")
    assert "Hostile headline <script>" in page.inner_text("main")
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_the_policy_blocks_inline_script_even_if_some_got_through(page, live_server):
    # Belt and braces: were a template ever to emit article text unescaped, the
    # Content-Security-Policy would still refuse to run it.
    page.goto("/")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__pwned = 1';
        document.body.appendChild(s);
    }""")
    assert page.evaluate("window.__pwned") is None
    assert any("Content Security Policy" in p for p in page.problems)


@pytest.fixture(scope="module")
def filled_server(filled_db):
    """The app over the example story and the hostile article (briefs kept in the store are reused)."""
    from newsbrief.web.server import BackgroundServer

    with BackgroundServer(filled_db) as server:
        yield server


def test_pages_fit_a_phone_in_the_dark_and_citations_are_big_enough_to_tap(browser, filled_server, filled_db):
    from webtools import example_story_id

    story = example_story_id(filled_db)
    context = browser.new_context(base_url=filled_server.url, viewport={"width": 390, "height": 844},
                                  color_scheme="dark")
    if AXE.exists():  # injected by the browser's debugging protocol, which the page's CSP does not govern
        context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(SLOW_MS)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ("/", "/?q=taliban", f"/stories/{story}", "/add", "/maintenance", "/following", "/stories/0"):
        page.goto(path)
        if path.startswith("/stories/") and path != "/stories/0":
            page.wait_for_selector("#summary")  # the page reloads itself once the brief is ready
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px phone"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(22, 25, 28)", path
        if AXE.exists():
            found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
            serious = [(v["id"], v["nodes"][0]["target"]) for v in found if v["impact"] in ("serious", "critical")]
            assert serious == [], f"axe-core on {path}: {serious}"
    page.goto(f"/stories/{story}")
    sizes = page.eval_on_selector_all("sup.cite a", "links => links.map(a => [a.offsetWidth, a.offsetHeight])")
    assert sizes and min(min(w, h) for w, h in sizes) >= 24
    citation = page.locator("#summary sup.cite a[href^='#src-']").first
    target = citation.get_attribute("href")[1:]
    citation.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    assert page.locator(f"[id='{target}']").is_visible()  # its source, folded, opened by itself
    assert page.locator(f"[id='{target}'] + a.back").count() == 1  # and the sentence links back
    context.close()
    desktop = browser.new_page(base_url=filled_server.url, viewport={"width": 1366, "height": 900})
    desktop.goto(f"/stories/{story}")
    assert desktop.evaluate("document.documentElement.scrollHeight") < 4000
    desktop.close()
    assert errors == []
