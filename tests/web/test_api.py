"""The JSON API: the same JSON as the CLI, adding with results per article, OpenAPI."""

import json

import pytest
from webtools import example_story_id

from newsbrief.cli import main


@pytest.mark.slow
def test_story_brief_is_the_json_of_the_cli(filled_client, filled_db, capsys):
    story = example_story_id(filled_db)
    response = filled_client.get(f"/api/stories/{story}")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    capsys.readouterr()
    assert main(["brief", "--story", story, "--db", str(filled_db), "--format", "json"]) == 0
    assert response.text == capsys.readouterr().out
    brief = json.loads(response.text)
    assert brief["schema_version"] and brief["summary"] and len(brief["articles"]) == 5


def test_stories_lists_the_store_rows(filled_client, filled_db):
    from newsbrief.store import Store

    with Store.open(filled_db) as store:
        expected = {s.id: s.to_dict() for s in store.stories()}
    listed = filled_client.get("/api/stories").json()
    assert {s["id"]: s for s in listed} == expected
    assert [s["title"] for s in filled_client.get("/api/stories", params={"q": "hostile"}).json()] == [
        expected[s]["title"] for s in expected if "Hostile" in expected[s]["title"]
    ]


def test_unknown_story_is_a_json_404(filled_client):
    response = filled_client.get("/api/stories/424242")
    assert response.status_code == 404 and "no story" in response.json()["detail"]


def test_add_articles_reports_stored_then_duplicate_with_their_story(client):
    article = {
        "title": "Volcano erupts near Reykjavik",
        "text": "A volcano erupted near Reykjavik on Saturday, sending lava towards the town of Grindavik. "
        "Authorities evacuated residents overnight, officials said.",
        "date": "2024-01-14",
        "source": "Nordic Wire",
    }
    first = client.post("/api/add", json={"articles": [article]})
    assert first.status_code == 200
    [result] = first.json()["results"]
    assert result["status"] == "stored" and result["story"] and result["story_title"] == article["title"]
    [again] = client.post("/api/add", json={"articles": [article]}).json()["results"]
    assert again["status"] == "duplicate" and again["story"] == result["story"]
    stories = client.get("/api/stories").json()
    assert [s["id"] for s in stories] == [result["story"]] and stories[0]["sources"] == ["Nordic Wire"]


def test_add_needs_something_to_add(client):
    assert client.post("/api/add", json={}).status_code == 422
    assert client.post("/api/add", json={"articles": [{"title": "no text"}]}).status_code == 422


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/add", "/api/jobs/{job_id}"} <= set(spec["paths"])
    assert "/add" not in spec["paths"]  # HTML pages are not part of the API
    assert "requestBody" in spec["paths"]["/api/add"]["post"]


def test_an_unreadable_store_is_reported_with_what_to_do(tmp_path):
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 100)
    with TestClient(create_app(not_a_db)) as broken:
        response = broken.get("/api/stories")
        assert response.status_code == 503 and "--db" in response.json()["detail"]
        page = broken.get("/")
        assert page.status_code == 503 and "not a newsbrief store" in page.text


def test_an_article_needs_only_its_text(client):
    text = "Heavy snow closed the main pass through the Alps on Thursday, and trains were cancelled until Saturday."
    [result] = client.post("/api/add", json={"articles": [{"text": text}]}).json()["results"]
    assert result["status"] == "stored" and result["input"] == "article 1"


def test_regroup_moves_articles_and_old_ids_follow(tmp_path):
    from fastapi.testclient import TestClient
    from store_stories import make_stream

    from newsbrief.cluster import ClusterConfig
    from newsbrief.store import Store
    from newsbrief.web import create_app

    db = tmp_path / "split.db"
    with Store.open(db, ClusterConfig(threshold=0.95), local_regroup=None) as store:  # one story per article
        store.add_articles(make_stream(per_story=2, stories=("volcano", "merger")))
    with TestClient(create_app(db)) as client:
        assert client.post("/api/regroup", content="since=2024-01-01").status_code == 415  # JSON only
        assert client.post("/api/regroup", json={"since": "last week"}).status_code == 422
        report = client.post("/api/regroup", json={"embed": False}).json()
        assert report["moved"] == 2 and report["stories_after"] == 2 and len(report["merged"]) == 2
        assert {s["article_count"] for s in client.get("/api/stories").json()} == {2}
        old = report["merged"][0]["story"]
        assert client.get(f"/api/stories/{old}").status_code == 200  # an old id still gives a brief
        again = client.post("/api/regroup", json={"embed": False, "since": "2024-03-01"}).json()
        assert again["moved"] == 0 and again["merged"] == []
