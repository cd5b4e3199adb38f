"""The HTML pages against the real app and a real SQLite store holding the example story."""

from html.parser import HTMLParser

import pytest
from webtools import example_story_id, hostile_story_id, ready_page

from newsbrief.render.html import environment

pytestmark = pytest.mark.slow  # the first story page builds a brief (spaCy, summarizer)


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids, self.hrefs, self.tags, self.scripts = set(), [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "script":
            self.scripts.append(attrs.get("src"))


def test_stories_list_shows_the_stored_stories(filled_client, filled_db):
    page = filled_client.get("/")
    assert page.status_code == 200
    assert "Taliban Says &#39;Differences Resolved&#39; On US Troop Withdrawal" in page.text
    assert f'href="/stories/{example_story_id(filled_db)}"' in page.text


def test_search_keeps_only_matching_titles(filled_client):
    found = filled_client.get("/", params={"q": "taliban withdrawal"}).text
    assert "Differences Resolved" in found and "Hostile" not in found
    none = filled_client.get("/", params={"q": "volcano"}).text
    assert "No story matches" in none and "Differences Resolved" not in none


def test_sort_by_size_puts_the_biggest_story_first(filled_client):
    page = filled_client.get("/", params={"sort": "size"}).text
    assert page.index("Differences Resolved") < page.index("Hostile")
    assert '<option value="size" selected>' in page


def test_story_page_shows_the_brief_with_citations_into_the_articles(filled_client, filled_db):
    response = ready_page(filled_client, example_story_id(filled_db))
    assert response.status_code == 200
    page = Page(response.text)
    for section in ("summary", "timeline", "sources"):
        assert section in page.ids
    citations = [h[1:] for h in page.hrefs if h.startswith("#src-")]
    assert citations, "summary sentences must cite source spans"
    assert all(target in page.ids for target in citations), "every citation lands on a sentence of the page"


def test_story_page_shares_the_reports_style_and_keeps_the_claim_to_briefs(filled_client, filled_db):
    html = ready_page(filled_client, example_story_id(filled_db)).text
    css = environment().loader.get_source(environment(), "style.css")[0]
    assert css.strip() in html  # the report's stylesheet, unchanged
    assert '<section class="summary" id="summary">' in html
    assert "every sentence above is quoted from the sources it cites" in html
    for page in ("/", "/add", "/maintenance", "/nowhere"):
        assert "every sentence above is quoted" not in filled_client.get(page).text, page


def test_a_story_page_is_built_once_per_story_version(filled_client, filled_db):
    story = example_story_id(filled_db)
    first = ready_page(filled_client, story).text
    computed = filled_client.app.state.web.briefs.computed
    assert filled_client.get(f"/stories/{story}").text == first
    assert filled_client.get(f"/api/stories/{story}").status_code == 200
    assert filled_client.app.state.web.briefs.computed == computed


def test_pages_run_only_the_apps_own_script(filled_client, filled_db):
    for path in ("/", "/add", f"/stories/{example_story_id(filled_db)}", f"/stories/{hostile_story_id(filled_db)}"):
        assert Page(filled_client.get(path).text).scripts == ["/static/app.js"], path


@pytest.mark.parametrize("story", ["999999", "not-a-number", "1%3Cscript%3E"])
def test_unknown_story_is_a_404_page(filled_client, story):
    response = filled_client.get(f"/stories/{story}")
    assert response.status_code == 404
    assert "pick one from the stories list" in response.text
    assert "<script>" not in response.text


def test_a_long_list_is_cut_to_one_page(filled_client, monkeypatch):
    from newsbrief.web import pages

    monkeypatch.setattr(pages, "PAGE_STORIES", 1)
    page = filled_client.get("/").text
    assert page.count('<li class="story-item">') == 1 and "The first 1 of 2 stories" in page


def test_a_story_merged_by_regroup_redirects_to_the_story_it_is_part_of(tmp_path):
    from fastapi.testclient import TestClient
    from store_stories import make_stream

    from newsbrief.cluster import ClusterConfig
    from newsbrief.store import Store
    from newsbrief.web import create_app

    db = tmp_path / "regrouped.db"
    with Store.open(db, ClusterConfig(threshold=0.95), local_regroup=None) as store:  # one story per article
        store.add_articles(make_stream(per_story=2, stories=("volcano",)))
        (merge,) = store.regroup(embed=False).merged
    old, new = merge
    with TestClient(create_app(db)) as client:
        response = client.get(f"/stories/{old}", follow_redirects=False)
        assert response.status_code == 301 and response.headers["location"] == f"/stories/{new}"
