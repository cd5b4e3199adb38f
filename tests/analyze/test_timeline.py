"""The timeline stage on the bundled example story and on small hand-made stories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsbrief.analyze.timeline import build_timeline, date_story, rank_dates
from newsbrief.config import BriefConfig
from newsbrief.model import Article
from newsbrief.segment import split_sentences

# the bundled example, found from this file (importing conftest can pick another folder's)
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "newsbrief" / "examples" / "doha-talks"

# Publication dates a feed could have given the example articles (the files carry
# none); chosen to agree with what each text says (001: talks ended on a Tuesday,
# 12 March 2019; 004: talks paused "on Saturday", 3 August 2019).
HAND_DATES = {
    "000": "2019-08-05",
    "001": "2019-03-13",
    "002": "2019-08-06",
    "003": "2019-01-23",
    "004": "2019-08-04",
}


@pytest.fixture(scope="module")
def example() -> tuple[list[Article], dict]:
    articles = [
        Article(id=path.stem, text=path.read_text(encoding="utf-8"), path=str(path))
        for path in sorted(EXAMPLE.glob("*.txt"))
    ]
    return articles, {a.id: split_sentences(a) for a in articles}


def _check_spans(events, articles) -> None:
    texts = {a.id: a.text for a in articles}
    for event in events:
        assert event.spans, event
        for span in event.spans:
            assert span.article in event.citations
        first = event.spans[0]
        assert texts[first.article][first.start : first.end] == event.text


def test_undated_example_keeps_what_its_text_dates(example) -> None:
    articles, sentences = example
    events = build_timeline(articles, sentences, BriefConfig())
    _check_spans(events, articles)
    assert [e.date for e in events] == sorted(e.date for e in events)
    by_date = {(e.date, e.precision): e for e in events}
    # the 2001 invasion is told by 001 (in passing: "the Taliban's five-year rule ... came to an
    # end following the US invasion in 2001") and 002 ("in 2001, that the US invaded"): too few
    # words in common to cite one for the other, so two entries; 003's "the war, launched in 2001
    # after the September 11 attacks" dates a side event of Trump's order
    invasion = [e for e in events if e.date == "2001-01-01"]
    assert len(invasion) == 2 and all(len(e.citations) == 1 for e in invasion)
    assert not any("halving" in e.text for e in events)
    # ISAF "from August 2003 to December 2014": one sentence, one entry, under its first date
    assert ("2003-08-01", "month") in by_date and ("2014-12-01", "month") not in by_date
    # 001 says "in 2001 but 18 years on": its year is 2019, so "in January" is January 2019
    january = [e for e in events if e.date == "2019-01-01" and e.precision == "month"]
    assert january and all("January" in e.text for e in january)
    # "resumed talks on Tuesday after ... an earlier round in January": Tuesday is the event,
    # and with no article date it has none; it is not filed under January
    assert not any("resumed talks on Tuesday" in e.text for e in events)
    # the story's window is 2019: the invasion and ISAF are background, the January talks news
    assert {e.date for e in events if not e.background} == {"2019-01-01"}
    assert all(e.background for e in events if e.date < "2019")
    # every sentence once
    assert len({e.spans for e in events}) == len(events)
    # relative dates of articles whose date is unknown are left out, never guessed
    # ("on Tuesday", "before 13 August", "by September 1": no article date to place them)
    assert all(e.precision in ("month", "year") for e in events)
    assert not any("17-year" in e.text and "2001" not in e.text for e in events)


def test_dated_example_holds_the_rounds_of_talks_in_order(example) -> None:
    articles, sentences = example
    dated = [replace(a, date=HAND_DATES[a.id[:3]]) for a in articles]
    events = build_timeline(dated, sentences, BriefConfig())
    _check_spans(events, dated)

    def date_of(fragment: str, precision: str = "day") -> str:
        found = [e.date for e in events if fragment in e.text and e.precision == precision]
        assert found, fragment
        return found[0]

    # "resumed talks on Tuesday after ... an earlier round in January": the Tuesday, not January
    assert date_of("in an earlier round of discussions") == "2019-03-12"  # 001 is of Wednesday 13 March
    rounds = [
        date_of("on Tuesday, met Taliban representatives"),  # Khalilzad meets the Taliban in Doha
        date_of("has ended with \"real strides\""),  # the 16-day round ends
        date_of("decided on Saturday to put the 'peace talks' on hold"),  # the seventh round pauses
        date_of("potentially before 13 August"),  # the deal expected
    ]
    assert rounds == ["2019-01-22", "2019-03-12", "2019-08-03", "2019-08-13"]
    # "The development came after Pompeo said ... last month ..., expressing hopes that a peace
    # deal could be reached by September 1": the deadline is in a clause two levels down (the
    # parse), "last month" after "after"; the development itself has no date in the sentence
    assert not any("reached by September 1" in e.text for e in events)
    for line in events:
        print(line.date, line.precision, line.citations, line.text[:80])


def test_top_dates_mode_returns_n_dates_with_central_sentences(example) -> None:
    articles, sentences = example
    dated = [replace(a, date=HAND_DATES[a.id[:3]]) for a in articles]
    events = build_timeline(dated, sentences, BriefConfig(timeline_dates=3, timeline_sentences_per_date=2))
    _check_spans(events, dated)
    days = [e.date for e in events]
    assert days == sorted(days)
    assert len(set(days)) == 3
    assert all(days.count(d) <= 2 for d in days)
    assert all(e.precision == "day" for e in events)
    # the most mentioned and published-on days come first in the ranking
    story = date_story(dated, sentences)
    assert set(days) <= {d.isoformat() for d in rank_dates(story)[:6]}


def test_same_event_from_two_articles_is_one_entry() -> None:
    a = Article("a", "Doha, 12 March 2019\nKhalilzad said the talks in Doha ended on Tuesday with real strides made.", date="2019-03-13")
    b = Article("b", "The talks in Doha ended on Tuesday, Khalilzad said, with real strides made on troops.", date="2019-03-14")
    c = Article("c", "A bomb killed 12 people in Kabul on Tuesday, police in the capital said.", date="2019-03-13")
    articles = [a, b, c]
    events = build_timeline(articles, {x.id: split_sentences(x) for x in articles}, BriefConfig())
    assert [(e.date, e.citations) for e in events] == [("2019-03-12", ("a", "b")), ("2019-03-12", ("c",))]
    # the dateline "Doha, 12 March 2019" of article a is not an event
    assert not any(e.text.startswith("Doha, 12 March") for e in events)


def test_an_entry_cites_only_the_articles_that_tell_its_event() -> None:
    # the same day, other events: a citation would say the article reports this one
    a = Article("a", "Rescue divers recovered the bodies of the two climbers from the lake on Wednesday afternoon.",
                date="2021-03-18")
    b = Article("b", "On Wednesday, navy divers recovered the bodies of both climbers near the northern shore.",
                date="2021-03-18")
    c = Article("c", "The climbers' families gathered at the lake on Wednesday to await word of the search.",
                date="2021-03-18")
    d = Article("d", "Park officials declined to comment on Wednesday about the lake and the climbers.",
                date="2021-03-18")
    e = Article("e", "A ranger at the lake declined to comment on Wednesday when reached by telephone.",
                date="2021-03-18")
    articles = [a, b, c, d, e]
    events = build_timeline(articles, {x.id: split_sentences(x) for x in articles}, BriefConfig())
    assert sorted(ev.citations for ev in events) == [("a", "b"), ("c",), ("d",), ("e",)]


def test_names_and_topic_words_alone_do_not_make_one_event() -> None:
    # every article names the pilot, the plane and the airfield: what each says happened differs
    texts = {
        "a": "Pilot Dana Reyes flew the Cessna from Linden Airport on Friday night with two passengers aboard.",
        "b": "Dana Reyes and the Cessna vanished from radar over the bay on Friday night near Linden Airport.",
        "c": "A mechanic at Linden Airport inspected the Cessna for Dana Reyes on Friday afternoon.",
        "d": "A broker at Linden Airport insured the Cessna of Dana Reyes on Friday morning, his office said.",
    }
    articles = [Article(k, v, date="2021-06-19") for k, v in texts.items()]
    events = build_timeline(articles, {x.id: split_sentences(x) for x in articles}, BriefConfig())
    assert all(len(ev.citations) == 1 for ev in events) and len(events) == 4


def test_article_without_a_date_leaves_its_relative_events_out() -> None:
    undated = Article("u", "The envoy met the Taliban on Tuesday in Doha, officials said.")
    assert build_timeline([undated], {"u": split_sentences(undated)}, BriefConfig()) == ()
    with_dateline = Article("d", "KABUL | Wed Mar 13 , 2019 9:00 am\nThe envoy met the Taliban on Tuesday in Doha, officials said.")
    events = build_timeline([with_dateline], {"d": split_sentences(with_dateline)}, BriefConfig())
    assert [(e.date, e.precision) for e in events] == [("2019-03-12", "day")]


def test_metadata_date_comes_before_the_text() -> None:
    text = "KABUL | Wed Mar 13 , 2019 9:00 am\nThe envoy met the Taliban on Tuesday in Doha, officials said."
    article = Article("m", text, date="2019-03-20")
    events = build_timeline([article], {"m": split_sentences(article)}, BriefConfig())
    assert [e.date for e in events] == ["2019-03-19"]


def test_date_range_limits_the_timeline() -> None:
    article = Article("r", "Talks began on 1 March 2019 in Doha, officials said. They ended on March 12, 2019 without a deal.", date="2019-03-13")
    events = build_timeline([article], {"r": split_sentences(article)}, BriefConfig(), date_range=(date(2019, 3, 10), date(2019, 3, 31)))
    assert [e.date for e in events] == ["2019-03-12"]


# Issue 14: a sentence goes under the date of its main event, or under none when only side
# events are dated. Sentences written for this test in the style of wire stories.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # relative clauses and participle parentheses date side events
        ("The frigate, launched in 1995, carries a crew of 107 sailors.", []),
        ("The ship is an old destroyer that was completed in 1994 in Murmansk.", []),
        ("Hopes of finding survivors are fading after the signals stopped on Tuesday.", []),
        ("Relatives who flew in on Monday gathered at the port to wait for news.", []),
        # states bounded by a date are no point events
        ("Clinics have faced seven shootings and dozens of threats since 1993.", []),
        ("Until Tuesday's crash, passengers could feel safe on the supersonic plane.", []),
        # the main clause's date wins over a side event's, however precise
        ("The navy said on Thursday that the ship, which sank on Aug. 12, would be raised.", [("2000-08-17", "day")]),
        ("Talks that could lead to a deal began on Tuesday in Doha.", [("2000-08-15", "day")]),
        ("In the aftermath of Tuesday's crash, pilots pondered the plane's safety record on Wednesday.",
         [("2000-08-16", "day")]),
        ("Klebanov, who leads the inquiry, said Thursday night that a collision sank the ship.", [("2000-08-17", "day")]),
        # "not until": when it happens
        ("The rescue divers are not expected to reach the wreck until Saturday, officials said.", [("2000-08-19", "day")]),
        # the article's own day: past, or a future seen from the past, stays that day
        ("At a late-night briefing Thursday, investigators said they need more data from the wreck.",
         [("2000-08-17", "day")]),
        ("A robot submarine was still trying to retrieve the recorder Thursday, the navy said.", [("2000-08-17", "day")]),
        # a plan verb with only its recipient before the date: the pledge's day, not a week ahead
        ("Putin also pledged to education workers Thursday that the government will pour money into schools.",
         [("2000-08-17", "day")]),
        # the day of the saying, not the reported plan's ("X said Thursday that ...")
        ("The government will raise pensions as of Sept. 1, the president said Thursday in a televised address.",
         [("2000-08-17", "day")]),
        # an explicit date in a noun modifier names another event: beside a side clause with a day
        # of its own, the main verb's day is not told (the report was released Wednesday, not in 1999)
        ("The details were revealed in the board's final report on the Aug. 12, 1999, sinking which was "
         "released Wednesday.", []),
        ("Only the Aug. 12, 1999, ceremony on the pier was open to the public.", [("1999-08-12", "day")]),
        # a participle parenthesis after an adverb is a side event
        ("He has announced that he would run in the next election, now moved to March after the resignation.", []),
    ],
)
def test_sentence_goes_under_its_main_event(text: str, expected: list[tuple[str, str]]) -> None:
    article = Article("k", text, date="2000-08-17")  # a Thursday
    events = build_timeline([article], {"k": split_sentences(article)}, BriefConfig())
    assert [(e.date, e.precision) for e in events] == expected


def test_wire_dateline_a_day_before_the_article_date_is_its_today() -> None:
    # filed on the 25th under a dateline of the 24th: "today" and "Wednesday" count from the 24th
    text = "LONDON, February 24 (Xinhua) -- The minister unveiled new rules today after a damning report was released."
    article = Article("x", text, date="1999-02-25")
    events = build_timeline([article], {"x": split_sentences(article)}, BriefConfig())
    assert [e.date for e in events] == ["1999-02-24"]


def test_saying_in_a_week_across_two_months_leaves_the_sentence_undated() -> None:
    # Saturday 8 January 2000: "last week" is 27 December - 2 January, which the timeline cannot
    # show; the sentence's event is the saying, so it does not fall to the date of what was said
    text = "The agency said last week the boy should be sent back to his father by Jan. 14, officials recalled."
    article = Article("w", text, date="2000-01-08")
    assert build_timeline([article], {"w": split_sentences(article)}, BriefConfig()) == ()
    # the same saying in a week inside one month is that month's
    article = Article("v", text, date="2000-01-15")
    events = build_timeline([article], {"v": split_sentences(article)}, BriefConfig())
    assert [(e.date, e.precision) for e in events] == [("2000-01-01", "month")]


def _timeline_of(text: str, day: str) -> list[tuple[str, str, str]]:
    article = Article("n", text, date=day)
    events = build_timeline([article], {"n": split_sentences(article)}, BriefConfig())
    return [(e.date, e.precision, e.text.split()[0]) for e in events]


def test_a_past_yearless_date_continues_the_narrative_of_the_sentence_before() -> None:
    # a July 2000 article telling 1999: "in April" after "On March 12, 1999" is April 1999
    text = ("On March 12, 1999, the young pilot passed the written test with a good score. "
            "And in April, he returned to the flight school to begin an instrument course.")
    assert _timeline_of(text, "2000-07-06") == [("1999-03-12", "day", "On"), ("1999-04-01", "month", "And")]
    # a month before the narrative's date could be either year's: undated
    text = ("On March 12, 1999, the young pilot passed the written test with a good score. "
            "In February, he had enrolled at the flight school for an instrument course.")
    assert _timeline_of(text, "2000-07-06") == [("1999-03-12", "day", "On")]
    # a future clause is not the narrative's
    text = ("On March 12, 1999, the young pilot passed the written test with a good score. "
            "The flight school will open a new course in September for such pilots.")
    assert _timeline_of(text, "2000-07-06") == [("1999-03-12", "day", "On"), ("2000-09-01", "month", "The")]


def test_a_month_counted_from_the_articles_date_keeps_its_year_after_another_years_narrative() -> None:
    # "last December" in a March 2000 article is December 1999, whatever year the sentence before tells
    text = ("The court rejected the first appeal in December 1997 after a long hearing. "
            "The ministers decided last December in Rome to open the talks.")
    assert _timeline_of(text, "2000-03-01") == [("1997-12-01", "month", "The"), ("1999-12-01", "month", "The")]
    # "last March" before the narrative's month is not left undated: it is the article's last March
    text = ("The plant closed in June 1996 after a fire in its boiler room. "
            "The board agreed last March to sell the site to a developer.")
    assert _timeline_of(text, "1998-11-05") == [("1996-06-01", "month", "The"), ("1998-03-01", "month", "The")]
    # a chronicle's years do not move it either
    text = ("March 2,1995 -- The town council met for the first time in the new hall.\n\n"
            "The council voted last May to repair the bridge over the river.")
    assert [when for when, _, _ in _timeline_of(text, "2008-12-14")] == ["1995-03-02", "2008-05-01"]


def timeline_of(text: str, day: str) -> list[tuple[str, str]]:
    return [(when, precision) for when, precision, _ in _timeline_of(text, day)]


def test_a_date_a_speaker_recalls_in_a_quote_is_not_the_speechs() -> None:
    # the victory speech is the sentence's event, not the 1992 day the quote names
    text = "``What we live now is the sequel of February 4, 1992,'' the winner told cheering crowds."
    assert timeline_of(text, "1998-12-07") == []
    # the same date outside a quote is the sentence's
    assert timeline_of("The colonel led a failed coup on February 4, 1992, in the capital.", "1998-12-07") == \
        [("1992-02-04", "day")]
    # a plan told in a quote keeps its date
    assert timeline_of("``We will meet the ministers on Dec. 10,'' the winner told reporters.", "1998-12-07") == \
        [("1998-12-10", "day")]


def test_a_future_side_clause_does_not_date_a_past_main_verb() -> None:
    # the appeal was made on the day of the victory, not on the day of the swearing-in
    text = "The colonel, who will be sworn in on Feb. 2, appealed for national reconciliation."
    assert timeline_of(text, "1998-12-07") == []
    # a timeless main clause still takes its side clause's date
    assert timeline_of("Vladimir Putin, the man Boris Yeltsin nominated Monday as prime minister, is a former spy.",
                       "1999-08-09") == [("1999-08-09", "day")]


def test_an_act_someone_is_warned_or_urged_to_do_does_not_date_the_warning() -> None:
    # the warning was given before the day it names (the act it warns against may never come)
    text = "The prime minister has warned the rebel leader not to declare an independent state on May 4 this year."
    assert timeline_of(text, "1999-04-28") == []
    text = ("Hundreds of students are demonstrating in front of the office, urging the council not to postpone "
            "the declaration on May 4.")
    assert timeline_of(text, "1999-04-27") == []
    # the speaker's own plan keeps its day
    assert timeline_of("The rebel leader plans to declare an independent state on May 4.", "1999-04-28") == \
        [("1999-05-04", "day")]


def test_a_date_in_a_clause_of_the_object_does_not_date_the_main_verb() -> None:
    # the ultimatum is today's; November is the summit's
    text = ("The country today gave its neighbour three weeks to honour the deal, otherwise it will cancel a "
            "trade summit due to be held in the capital in November.")
    assert timeline_of(text, "1996-09-02") == [("1996-09-02", "day")]


def test_a_chronicle_tells_its_later_yearless_dates_in_its_own_years() -> None:
    # a 2008 chronicle of 1995 (its first item "March 2,1995 --", no space after the comma):
    # "On May 13" four sentences on is May 1995, not the article's year or the one before
    text = ("March 2,1995 -- The town council met for the first time in the new hall.\n\n"
            "The mayor spoke at length about the roads. Many residents came to listen. "
            "The council voted to repair the bridge.\n\n"
            "On May 13, workers began to rebuild the old bridge over the river.")
    assert [when for when, _, _ in _timeline_of(text, "2008-12-14")] == ["1995-03-02", "1995-05-13"]
    # without the chronicle's dated item, the narrative reaches one sentence only
    text = ("On March 2, 1995, the town council met for the first time in the new hall. "
            "The mayor spoke at length about the roads. Many residents came to listen. "
            "The council voted to repair the bridge. On May 13, workers began to rebuild the old bridge.")
    assert [when for when, _, _ in _timeline_of(text, "2008-12-14")] == ["1995-03-02", "2008-05-13"]


def test_a_study_released_on_a_day_dates_what_it_showed() -> None:
    # DUC 2007 D0724F (unseen reading): the years of the figures the study showed (1991) dated
    # the sentence, and the story's central event went to the background
    text = ("A study released Tuesday by the Centers for Disease Control and Prevention showed that the number of "
            "Americans considered obese soared from about one in eight in 1991 to nearly one in five last year.")
    articles = [Article("a", text, date="1999-10-26")]
    events = build_timeline(articles, {x.id: split_sentences(x) for x in articles}, BriefConfig())
    assert [(e.date, e.background) for e in events] == [("1999-10-26", False)]


def test_a_digest_s_list_line_and_item_dash_make_no_entry_text() -> None:
    # DUC 2007 D0734H (unseen reading): "The following are major news items ... today:" was an
    # entry of its own, and the item after it opened with the digest's "-- "
    text = (
        "The following are major news items in leading U.S. newspapers today:\n\n"
        "-- The U.S. National Institutes of Health yesterday concluded that acupuncture is effective for pain.\n\n"
        "The New York Times said in an editorial on Thursday, Nov. 6:"
    )
    articles = [Article(id="a1", text=text, date="1997-11-06")]
    events = build_timeline(articles, {"a1": split_sentences(articles[0])})
    texts = [event.text for event in events]
    assert "The U.S. National Institutes of Health yesterday concluded that acupuncture is effective for pain." in texts
    assert not any("The following are" in t for t in texts)
    assert "The New York Times said in an editorial on Thursday, Nov. 6:" in texts


def test_a_person_s_past_in_a_relative_clause_does_not_date_what_he_does() -> None:
    # DUC 2006 D0634G (unseen reading, session 16): the governor's speech went to 1998, the year
    # of his re-election in the clause about him
    text = ("Oregon Gov. John Kitzhaber on Friday called for breaching four dams on the Snake River.\n\n"
            "Kitzhaber, who was elected in 1994 and re-elected in 1998, also criticized, by implication, a range "
            "of state and federal officials who have called for more study of the issue.")
    articles = [Article("a", text, date="2000-02-18")]
    events = build_timeline(articles, {x.id: split_sentences(x) for x in articles}, BriefConfig())
    assert [e.date for e in events] == ["2000-02-18"]


def test_two_findings_that_go_opposite_ways_are_two_entries() -> None:
    # DUC 2006 D0630C (unseen reading, session 16): a survey of falling 1998 book sales cited the
    # article reporting that sales grew
    first = Article("a", "A new consumer survey said that adults in the U.S. bought 30 million fewer books in 1998 "
                         "than the year before.", date="1999-05-02")
    second = Article("b", "After struggling through a drought in the mid-1990s, when readers bought fewer copies of "
                          "consumer books, the publishing industry posted gains of more than 4 percent in 1998 and is "
                          "poised for more modest increases.", date="1999-08-10")
    articles = [first, second]
    events = build_timeline(articles, {x.id: split_sentences(x) for x in articles}, BriefConfig())
    assert all(len(e.citations) == 1 for e in events)


def test_a_chronology_headed_by_years_dates_its_items_in_their_heading_s_year() -> None:
    # DUC 2007 D0711C (unseen reading, session 17): a 1999 list of "milestones" under year headings
    # had its items dated in 1999 and 2000 ("Aug. 20 _ The FTC decides to drop its probe" is 1993)
    text = ("WASHINGTON _ Here are the milestones in Microsoft's antitrust dealings with the government:\n\n"
            "1993:\n\nFeb. 5 _ On a 2-2 vote, the FTC deadlocks on taking action against Microsoft.\n\n"
            "Aug. 20 _ The FTC decides to drop its Microsoft probe.\n\n"
            "1998:\n\nMay 18 - The Justice Department and 20 states file a broad antitrust suit against Microsoft.\n\n"
            "Oct. 19 - The federal antitrust trial opens in Washington.")
    assert [when for when, _, _ in _timeline_of(text, "1999-11-05")] == [
        "1993-02-05", "1993-08-20", "1998-05-18", "1998-10-19"]


def test_a_chronology_of_paragraphs_opened_by_their_year_dates_them_in_it() -> None:
    # DUC 2007 D0736H (unseen reading, session 19): "1939: In April, ..." was put in April 1999
    text = ("1939: In April, regularly scheduled network TV is born when NBC airs President Roosevelt's speech.\n\n"
            "1947: NBC's first broadcast of the World Series draws a large audience.\n\n"
            "1980: On Nov. 21, more than 80 million viewers tune in to see who shot J.R. Ewing.")
    whens = [when for when, _, _ in _timeline_of(text, "1999-12-27")]
    assert "1939-04-01" in whens and "1980-11-21" in whens and not any(w.startswith("1999") for w in whens)


def test_the_news_a_closing_report_tells_is_dated_not_the_report() -> None:
    # DUC 2003 D30028T (unseen reading, session 19): dated Saturday, the report's day
    text = "In a show of force, Turkish jets buzzed along the Syrian border on Friday, daily Radikal reported Saturday."
    assert [when for when, _, _ in _timeline_of(text, "1998-10-04")] == ["1998-10-02"]
    # a later day told before the report stays the report's news
    text = "The government will boost pensions as of Feb. 1, President Putin said Tuesday in Moscow."
    assert [when for when, _, _ in _timeline_of(text, "2000-01-12")] == ["2000-01-11"]


def test_a_date_in_a_description_of_a_person_does_not_date_the_sentence() -> None:
    # DUC 2003 D31038T (unseen reading, session 19): dated December, the baby's month
    text = ("Beatrice Akoth Yongo, a widow with four young children and another due in December, said she had "
            "received the money.")
    assert not any(when.startswith("1998-12") for when, _, _ in _timeline_of(text, "1998-10-03"))
