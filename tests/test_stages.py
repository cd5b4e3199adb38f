"""A stage that fails on one story costs only its own part of the brief."""

from __future__ import annotations

import pytest
from builders import article

from newsbrief.config import BriefConfig
from newsbrief.model import Brief, BriefWarning
from newsbrief.pipeline import build_brief
from newsbrief.render import render

TEXT = (
    "Talks resumed in Doha on Tuesday after a pause of two weeks. "
    '"We made real strides," Zalmay Khalilzad said after the meeting. '
    "Some 14,000 US troops remain in Afghanistan, officials said. "
    "The Taliban want every foreign soldier to leave the country."
)
OTHER = (
    "Zalmay Khalilzad met the Taliban in Qatar on Tuesday. "
    "About 9,000 US troops remain in Afghanistan, a senior official said. "
    "The talks are expected to go on for several days."
)


def _story():
    return [
        article("a1", TEXT, source="Example Times", date="2019-03-12", title="Talks resume"),
        article("a2", OTHER, source="Daily Post", date="2019-03-13", title="Envoy meets Taliban"),
    ]


@pytest.mark.parametrize(
    "stage, module, function",
    [
        ("timeline", "newsbrief.analyze.timeline", "build_timeline"),
        ("quotes", "newsbrief.analyze.quotes", "extract_quotes"),
        ("entities", "newsbrief.analyze.entities", "extract_entities"),
        ("conflicts", "newsbrief.analyze.figures", "find_conflicts"),
        ("summary", "newsbrief.summarize", "summarize"),
    ],
)
def test_a_failing_stage_leaves_the_rest_of_the_brief(monkeypatch, stage, module, function):
    import importlib

    healthy = build_brief(_story())

    def broken(*args, **kwargs):
        raise KeyError(("ORG", "national transitional council"))

    target = importlib.import_module(module)
    monkeypatch.setattr(target, function, broken)
    brief = build_brief(_story())
    assert brief.warnings == (BriefWarning(stage, "KeyError: ('ORG', 'national transitional council')"),)
    parts = {"summary": "summary", "timeline": "timeline", "quotes": "quotes", "entities": "entities",
             "conflicts": "conflicts"}
    for part, field in parts.items():
        if part == stage:
            assert getattr(brief, field) == ()
        else:
            assert getattr(brief, field) == getattr(healthy, field), part
    # every rendering names the missing part
    data = brief.to_dict()
    assert data["warnings"] == [{"stage": stage, "message": "KeyError: ('ORG', 'national transitional council')"}]
    assert Brief.from_dict(data).warnings == brief.warnings
    for fmt in ("md", "html"):
        assert "national transitional council" in render(brief, fmt)


def test_an_article_over_the_parser_limit_is_analysed_in_its_first_part(monkeypatch):
    import newsbrief.analyze as analyze

    monkeypatch.setattr(analyze, "MAX_ANALYSED_CHARS", 200)
    long_text = TEXT + " " + " ".join(f"Officials met again on day {i} of the talks." for i in range(30))
    story = [article("a1", long_text, source="Example Times", date="2019-03-12"), _story()[1]]
    brief = build_brief(story, BriefConfig(words=60))
    assert [w.stage for w in brief.warnings] == ["analysis"]
    assert "only the first" in brief.warnings[0].message
    for item in (*brief.timeline, *brief.quotes):
        for span in item.spans:
            if span.article == "a1":
                assert span.end <= 200


def test_a_healthy_brief_has_no_warnings():
    assert build_brief(_story()).warnings == ()


def test_one_path_as_a_string_is_one_input(tmp_path):
    import newsbrief

    (tmp_path / "a.txt").write_text("Talks resume\n\n" + TEXT, encoding="utf-8")
    brief = newsbrief.brief(str(tmp_path))
    assert [a.title for a in brief.articles] == ["Talks resume"]
    assert newsbrief.brief(tmp_path).summary == brief.summary


def test_a_file_of_noise_alone_is_no_article(tmp_path):
    import newsbrief

    noise = tmp_path / "noise.txt"
    noise.write_text("No comments:\n\nPost a Comment\n\nRead More:\n", encoding="utf-8")
    with pytest.raises(newsbrief.NoArticlesError, match="noise.txt"):
        newsbrief.brief([str(noise)])


def test_lowercased_stories_get_no_entities_and_say_why():
    text = " ".join([
        "the talks resumed in doha on tuesday after a pause of two weeks.",
        "zalmay khalilzad, the us special envoy, met taliban leaders in qatar for a second day.",
        "officials said some 14,000 us troops remain in afghanistan after years of war.",
        "the taliban want every foreign soldier to leave before any ceasefire is agreed.",
        "kabul was not at the table, and afghan officials said they were worried.",
    ] * 3)
    brief = build_brief([article("a1", text), article("a2", text.replace("tuesday", "monday") + " more talks are planned.")])
    assert brief.entities == ()
    assert [w.stage for w in brief.warnings] == ["entities"]
    assert "lowercase" in brief.warnings[0].message.lower()
