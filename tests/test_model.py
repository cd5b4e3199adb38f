import json

from builders import sample_brief

from newsbrief.model import SCHEMA_VERSION, Brief


def test_brief_round_trips_through_json():
    brief = sample_brief()
    data = json.loads(json.dumps(brief.to_dict(include_text=True)))
    assert Brief.from_dict(data) == brief


def test_json_brief_has_the_documented_keys():
    data = sample_brief().to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    assert set(data) >= {"schema_version", "summary", "articles", "skipped", "timeline", "quotes", "entities", "conflicts"}
    assert data["summary"][0]["citations"] == ["a1", "a2"]
    assert set(data["articles"][0]) >= {"id", "title", "source", "date", "path"}
    assert "text" not in data["articles"][0]


def test_spans_point_at_the_cited_text():
    brief = sample_brief()
    for sentence in brief.summary:
        for span in sentence.spans:
            assert brief.article(span.article).text[span.start : span.end] == sentence.text


def test_summary_text_joins_sentences():
    assert sample_brief().summary_text == "Talks resumed in Doha on Tuesday."
