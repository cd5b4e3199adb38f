"""The clause a date sits in, from the real spaCy parse (analyze/clauses.py), and the date checks
around it: a wire dateline's day, an article date that is no date. Sentences from the DUC stories
read for issue 14 (docs/analysis.md), shortened."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from newsbrief.analyze import analyze
from newsbrief.analyze.timeline import build_timeline
from newsbrief.clean import clean_article
from newsbrief.config import BriefConfig
from newsbrief.ingest import articles_from_story
from newsbrief.model import Article
from newsbrief.segment import split_sentences


def timeline_of(text: str, day: str) -> list[tuple[str, str]]:
    article = Article("a", text, date=day)
    events = build_timeline([article], {"a": split_sentences(article)}, BriefConfig())
    return [(e.date, e.precision) for e in events]


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        # a relative clause holding what was said: July 8 is the other ring's, not the arrests'
        ("The latest arrests were believed to be separate from a spy ring that the government said it "
         "uncovered on July 8.", "1998-09-06", []),
        # the saying's own date before the deadline of what was said, however less precise
        ("The immigration service said in December the boy should be sent back to Cuba by Jan. 14.",
         "2000-01-08", [("1999-12-01", "month")]),
        # four nouns down inside what was told: the stabbing's date, not the apology's
        ("Ian Johnston told the parents that he could not justify errors in the investigation into the "
         "stabbing of their son at a London bus stop on April 22 1993.", "1998-06-17", []),
        # a timeless main clause takes the date of its one dated event, in a relative clause
        ("Vladimir Putin, the man Boris Yeltsin nominated Monday as prime minister, is a former spy.",
         "1999-08-09", [("1999-08-09", "day")]),
        # an adverbial clause's verb dates an undated main clause
        ("All 217 people on board are feared dead as the plane crashed early Sunday off Nantucket.",
         "1999-10-31", [("1999-10-31", "day")]),
    ],
)
def test_a_date_dates_its_sentence_only_from_the_main_clause(text: str, day: str, expected: list) -> None:
    assert timeline_of(text, day) == expected


def test_a_wire_dateline_a_day_early_is_the_cleaned_article_date() -> None:
    # filed on the 25th under "LONDON, February 24": the dateline is cut, its day kept as the date
    raw = Article("x", "LONDON, February 24 (Xinhua) -- The minister unveiled new rules today to combat "
                       "racism in the police.", date="1999-02-25")
    cleaned = clean_article(raw)
    assert cleaned.text.startswith("The minister") and cleaned.date == "1999-02-24"
    events = build_timeline([cleaned], {"x": split_sentences(cleaned)}, BriefConfig())
    assert [e.date for e in events] == ["1999-02-24"]
    assert clean_article(replace(raw, date="1999-03-25")).date == "1999-03-25"  # a month off: no dateline of it


def test_a_date_with_day_and_month_swapped_is_reported_naming_the_article(caplog) -> None:
    story = {"id": "D0624F", "documents": [
        {"doc_id": "APW19980617.1094", "date": "1998-17-06", "text": "A senior officer Wednesday apologized."}]}
    with caplog.at_level(logging.WARNING, logger="newsbrief"):
        [article] = articles_from_story(story)
    assert article.date is None  # not guessed
    assert "D0624F document 1 (APW19980617.1094)" in caplog.text and "1998-06-17" in caplog.text
    built = Article("a1", "A senior officer Wednesday apologized.", date="1998-17-06", title="Apology")
    config = BriefConfig(quotes=False, entities=False, conflicts=False)
    warnings = analyze([built], {"a1": split_sentences(built)}, config).warnings
    assert any("Apology" in w.message and "1998-17-06" in w.message for w in warnings)


def test_an_ingested_swapped_date_reaches_the_briefs_warnings_not_only_the_log() -> None:
    story = {"id": "D0624F", "documents": [
        {"doc_id": "APW19980617.1094", "date": "1998-17-06", "text": "A senior officer Wednesday apologized."}]}
    [article] = articles_from_story(story)
    assert article.date is None and article.unread_date == "1998-17-06"
    config = BriefConfig(quotes=False, entities=False, conflicts=False)
    [warning] = analyze([article], {article.id: split_sentences(article)}, config).warnings
    assert warning.stage == "timeline"
    assert "'1998-17-06' is not a calendar date (day and month swapped? 1998-06-17 is a date)" in warning.message
    assert "left off the timeline" in warning.message  # what the reader loses, not only why
