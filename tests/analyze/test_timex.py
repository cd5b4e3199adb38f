"""The TimeML tagger: hand cases of each kind of time expression, spans, and property tests."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.analyze.timex import Timex, find_timexes, parse_number

DCT = date(1998, 3, 4)  # a Wednesday
news_days = st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31))

# A TimeML value of each type (TimeML 1.2.1 / TIDES as TempEval-3 uses them).
VALUE = {
    "DATE": re.compile(
        r"(?:\d{4}|XXXX)(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W(?:\d\d|XX)(?:-WE)?|-Q[1-4X]|-H[12]|-(?:SP|SU|FA|WI))?"
        r"|\d{2,3}|PRESENT_REF|PAST_REF|FUTURE_REF"
    ),
    "TIME": re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)T(?:\d\d:\d\d|MO|AF|EV|NI)"),
    "DURATION": re.compile(r"P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|DE|CE|ML|WE|Q))+(?:T\d+[HMS])?"),
    "SET": re.compile(r"P(?:T?(?:\d+|X)(?:Y|M|W|D|H|S|Q))+|XXXX(?:-(?:WXX-\d(?:T(?:MO|AF|EV|NI))?|\d\d|SP|SU|FA|WI|XX-XX))?"),
}


def only(text: str, dct: date | None = DCT) -> Timex:
    found = find_timexes(text, dct)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        # dates: days, months, years
        ("The accord was signed on March 26, 1996 in Paris.", "March 26, 1996", "DATE", "1996-03-26"),
        ("The deal was signed on 28 July 2019.", "28 July 2019", "DATE", "2019-07-28"),
        ("It was filed 1998-01-08 in court.", "1998-01-08", "DATE", "1998-01-08"),
        ("Inspections resumed on Jan. 13 after a pause.", "Jan. 13", "DATE", "1998-01-13"),
        ("The treaty was signed in August 1988.", "August 1988", "DATE", "1988-08"),
        ("The prices fell in October, traders said.", "October", "DATE", "1997-10"),
        ("The mission will fly in December.", "December", "DATE", "1998-12"),
        ("The court ruled in 1988.", "1988", "DATE", "1988"),
        ("The group fell apart in mid-1996.", "mid-1996", "DATE", "1996"),
        ("Keating was convicted in nineteen ninety-one.", "nineteen ninety-one", "DATE", "1991"),
        ("The promise to halve it by the year two thousand was dropped.", "the year two thousand", "DATE", "2000"),
        ("International Women's Day is this coming Sunday, March eighth.", "this coming Sunday, March eighth", "DATE",
         "1998-03-08"),
        # relative to the document date
        ("The minister spoke today.", "today", "DATE", "1998-03-04"),
        ("The minister spoke yesterday.", "yesterday", "DATE", "1998-03-03"),
        ("The board will vote tomorrow.", "tomorrow", "DATE", "1998-03-05"),
        ("Officials met on Monday.", "Monday", "DATE", "1998-03-02"),
        ("Officials will meet on Monday.", "Monday", "DATE", "1998-03-09"),
        ("Officials met on Wednesday.", "Wednesday", "DATE", "1998-03-04"),
        ("The talks collapsed last week.", "last week", "DATE", "1998-W09"),
        ("The talks resume next week.", "next week", "DATE", "1998-W11"),
        ("The plant opened this month.", "this month", "DATE", "1998-03"),
        ("Prices rose last month.", "last month", "DATE", "1998-02"),
        ("Sales grew last year.", "last year", "DATE", "1997"),
        ("A vote is due next year.", "next year", "DATE", "1999"),
        ("Earlier this year, the firm cut jobs.", "Earlier this year", "DATE", "1998"),
        ("The law took effect two years ago.", "two years ago", "DATE", "1996"),
        ("The law took effect five months ago.", "five months ago", "DATE", "1997-10"),
        ("He left three days ago.", "three days ago", "DATE", "1998-03-01"),
        ("The talks ended in June last year.", "June last year", "DATE", "1997-06"),
        # weeks, quarters, seasons, decades, centuries, fiscal years
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "1997-Q3"),
        ("Its third-quarter loss widened.", "third-quarter", "DATE", "1997-Q3"),
        ("The plant will close this summer.", "this summer", "DATE", "1998-SU"),
        ("Hiring surged last fall.", "last fall", "DATE", "1997-FA"),
        ("Prices peaked in the winter of 1994.", "the winter of 1994", "DATE", "1994-WI"),
        ("Hate groups declined through the nineties.", "the nineties", "DATE", "199"),
        ("The Khmer Rouge ruled in the late 1970s.", "the late 1970s", "DATE", "197"),
        ("A 50% share by the mid-1990s is the goal.", "the mid-1990s", "DATE", "199"),
        ("She is a 20th century democrat.", "20th century", "DATE", "19"),
        ("Sales in fiscal 1989 rose.", "fiscal 1989", "DATE", "1989"),
        ("He returned over the weekend.", "the weekend", "DATE", "1998-W09-WE"),
        # references
        ("Prices are now at a record.", "now", "DATE", "PRESENT_REF"),
        ("The firm currently holds 15%.", "currently", "DATE", "PRESENT_REF"),
        ("The stock slumped recently.", "recently", "DATE", "PAST_REF"),
        ("In the past, Russia made such claims.", "the past", "DATE", "PAST_REF"),
        ("People worry about the future.", "the future", "DATE", "FUTURE_REF"),
        ("Islam will one day be the second largest religion there.", "one day", "DATE", "FUTURE_REF"),
        # durations
        ("Stocks plunged in the past three months.", "the past three months", "DURATION", "P3M"),
        ("Hate groups grew over the past year.", "the past year", "DATE", "1997"),  # as TimeBank: the year before
        ("The talks went on for two days.", "two days", "DURATION", "P2D"),
        ("After a two-hour meeting he left.", "two-hour", "DURATION", "PT2H"),
        ("The country was at war for twenty years.", "twenty years", "DURATION", "P20Y"),
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("But a minute and a half later, a pilot called.", "a minute and a half", "DURATION", "PT1M30S"),
        ("It will not change for a couple of years.", "a couple of years", "DURATION", "P2Y"),
        ("Ships could sail within a few days.", "a few days", "DURATION", "PXD"),
        ("For nearly forty years, the policy held.", "nearly forty years", "DURATION", "P40Y"),
        ("For the nine months, net rose 4%.", "the nine months", "DURATION", "P9M"),
        # times
        ("Her lawyers said this morning that she knew nothing.", "this morning", "TIME", "1998-03-04TMO"),
        ("CBS first reported last night that the tomb held him.", "last night", "TIME", "1998-03-03TNI"),
        ("The store was robbed at 10 p.m. Monday, police said.", "10 p.m. Monday", "TIME", "1998-03-02T22:00"),
        ("Talks broke off at noon Tuesday.", "noon Tuesday", "TIME", "1998-03-03T12:00"),
        ("A woman was killed Tuesday evening.", "Tuesday evening", "TIME", "1998-03-03TEV"),
        ("Two men came in around 7:15 p.m. and fled.", "around 7:15 p.m.", "TIME", "1998-03-04T19:15"),
        # sets
        ("The third flight departs each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
        ("Ten thousand patients wait each year.", "each year", "SET", "P1Y"),
        ("Orangemen march each July.", "each July", "SET", "XXXX-07"),
        ("Average hourly earnings rose.", "hourly", "SET", "PT1H"),
        ("The fund pays out every month.", "every month", "SET", "P1M"),
        ("It saves $33 million a year.", "a year", "SET", "P1Y"),
    ],
)
def test_hand_cases(text: str, surface: str, type_: str, value: str) -> None:
    timex = only(text)
    assert (timex.surface, timex.type, timex.value) == (surface, type_, value)
    assert text[timex.start : timex.end] == timex.surface


def test_days_anchored_to_the_last_day_named() -> None:
    found = find_timexes("The plane crashed on Feb. 12. The next day, rescuers came; the day before, a storm hit. "
                         "Earlier that day, radar lost it. He died the day after his arrest.", DCT)
    assert [(t.surface, t.type, t.value) for t in found] == [
        ("Feb. 12", "DATE", "1998-02-12"), ("The next day", "DATE", "1998-02-13"),
        ("the day before", "DATE", "1998-02-12"), ("Earlier that day", "DATE", "1998-02-12")]


def test_possessives_and_adjectives_are_tagged_without_the_suffix() -> None:
    found = find_timexes("Friday's trading and last month's blast hit this year's vote and its third-quarter profit.", DCT)
    assert [(t.surface, t.value) for t in found] == [
        ("Friday", "1998-02-27"), ("last month", "1998-02"), ("this year", "1998"), ("third-quarter", "1997-Q3"),
    ]
    assert [t.surface for t in find_timexes("Sales for this year's third quarter fell.", DCT)] == [
        "this year's third quarter"
    ]


def test_financial_story_dates_year_earlier_as_its_quarter() -> None:
    text = ("Third-quarter profit rose 19% to $3 million from $2.5 million a year earlier. "
            "In the year-ago quarter, the company had a charge. The latest quarter included a gain.")
    found = find_timexes(text, date(1989, 10, 26))
    assert [(t.surface, t.value) for t in found] == [
        ("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3"), ("the year-ago quarter", "1988-Q3"),
        ("The latest quarter", "1989-Q3"),
    ]


def test_a_fiscal_year_ended_is_a_length() -> None:
    found = find_timexes("Net income for the year ended March 31 fell.", DCT)
    assert [(t.surface, t.type, t.value) for t in found] == [("the year", "DURATION", "P1Y"), ("March 31", "DATE", "1997-03-31")]


def test_anchors_follow_the_story() -> None:
    found = find_timexes("The rifle entered production in 1995. The following year it was sold abroad.", DCT)
    assert [(t.surface, t.value) for t in found] == [("1995", "1995"), ("The following year", "1996")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Schwarz, 52 years old, will succeed him.",
        "U.S. Trust, a 136-year-old institution, agreed.",
        "The fund holds more than a quarter of the market.",
        "A second group of companies bid.",
        "The chip runs 15 million instructions per second.",
        "The offer was extended as soon as possible.",
        "Justices Sandra Day O'Connor and Anthony Kennedy dissented.",
        "Some 2000 protesters marched.",
        "You may ask, and she may answer.",
        "Prices rose 1,988 points to $1990 a share.",
        "The bank would continue past the deadline.",
        "The report cited a previously announced plan.",
        "He watched ABC's \"This Week\" program.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert find_timexes(text, DCT) == []


def test_without_a_document_date_relative_expressions_stay_unanchored() -> None:
    found = find_timexes("He met them on Friday, in March and in 1998, and will return next week.")
    assert [(t.surface, t.value) for t in found] == [
        ("Friday", "XXXX-WXX-5"), ("March", "XXXX-03"), ("1998", "1998"), ("next week", "XXXX-WXX"),
    ]


def test_parse_number() -> None:
    assert parse_number("twenty four") == 24
    assert parse_number("twenty-four") == 24
    assert parse_number("a hundred") == 100
    assert parse_number("two thousand") == 2000
    assert parse_number("2 1/2") == 2.5
    assert parse_number("a couple of") == 2
    assert parse_number("several") is None
    assert parse_number("a few") is None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), dct=st.none() | news_days)
def test_any_text_gives_well_formed_timexes(text: str, dct) -> None:
    found = find_timexes(text, dct)
    for timex in found:
        assert text[timex.start : timex.end] == timex.surface
        assert timex.type in VALUE
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


SENTENCES = [
    "The talks resumed on Tuesday after a round in January, and will go on next week.",
    "For the past three months, prices fell; each year they rise in the summer of 1998.",
    "Profit for the third quarter rose from a year earlier, the company said yesterday at 5 p.m.",
    "Now, two days ago, the 1990s and the 20th century were recalled every Thursday night.",
]


@settings(max_examples=200, deadline=None)
@given(sentence=st.sampled_from(SENTENCES), dct=news_days)
def test_values_are_timeml(sentence: str, dct: date) -> None:
    found = find_timexes(sentence, dct)
    assert found
    for timex in found:
        assert VALUE[timex.type].fullmatch(timex.value), timex


@settings(max_examples=200, deadline=None)
@given(dct=news_days, weekday=st.integers(min_value=0, max_value=6))
def test_past_weekday_lands_within_the_week_before(dct: date, weekday: int) -> None:
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    timex = only(f"The envoy met the delegation on {name}.", dct)
    value = date.fromisoformat(timex.value)
    assert value.weekday() == weekday and 0 <= (dct - value).days <= 6


@pytest.mark.parametrize("dct", [date.max, date.min, date(9999, 12, 27)], ids=str)
def test_the_calendar_ends_do_not_crash(dct: date) -> None:
    text = ("Tomorrow and next year, next month, next week, in two days; last year, yesterday, 999 years ago, "
            "on Friday, by September 1, the third quarter, a year earlier, this summer, the 1990s, tonight.")
    found = find_timexes(text, dct)
    assert len(found) > 10
