"""Find the dates a news text mentions and normalize them against the article's date.

Pure functions, no model: a small set of patterns compiled once finds candidate
spans, and the resolution is done here (not by ``dateparser``, whose
``search_dates`` takes "we" for Wednesday and "17-year" for a year, and which is
slow to import). Only date *points* are dates: durations ("the 17-year war",
"16 days of negotiations", "18 months to complete", "for two days", "five-year
rule") never match a pattern, because every pattern needs a month name, a
weekday, a four-digit year after a preposition, an ISO date, or a deictic word
("yesterday", "last month", "two days ago").

Kinds of mention:
    absolute  the text gives the year: "July 28, 2019", "28 July 2019", "2019-07-28",
              "August 2003", "in 2001"
    partial   a month or day without the year: "in January", "since July",
              "by September 1", "before 13 August"; the year comes from the reference
    relative  deictic: "on Tuesday", "yesterday", "two days ago", "last week/month/year",
              "last December", "next March", "this June", "May 4 this year"

Resolution against the reference date (the article's date), news convention:
    - a weekday is the most recent such day on or before the reference ("said on
      Tuesday"), unless the sentence speaks of the future ("will meet on Tuesday"),
      then the next such day after the reference;
    - a month or day without a year is the most recent one on or before the
      reference, or the next one on or after it when the sentence speaks of the
      future or the preposition points forward ("by September 1", "until July").
Precision is "day", "week", "month" or "year"; ``date`` is the first day of the
period ("week" = its Monday). Without a reference, partial and relative mentions
keep ``date=None``: they are undated. A reference known only to the year (see
``infer_reference``) dates partial mentions but not weekdays or "last week".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

__all__ = [
    "DateMention",
    "Reference",
    "attributive",
    "choose_around",
    "clause_role",
    "clause_tense",
    "dateline_day",
    "find_dates",
    "forward_word_before",
    "infer_article_date",
    "infer_reference",
    "parse_iso",
    "place_nearest",
    "weekday_near",
    "year_of_weekday",
]

PRECISIONS = ("day", "week", "month", "year")

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "several": None, "few": None, "couple": None,
}

# Month names are matched capitalized only: "may" and "march" are common words.
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>{_FULL_MONTH}|{_ABBR_MONTH})"
_BARE_MONTH = (
    r"(?P<bare>January|February|March|April|June|July|August|September|October|November|December)"
)
_WEEKDAY_ABBR = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_WEEKDAY_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
# PTB-tokenized text puts spaces around commas: "July 28 , 2019".
_COMMA = r"\s*,?\s*"
# (first letters in both cases spelled out: a case-insensitive group doubles the scanning time)
_NUMBER = (r"(?P<n>\d{1,3}|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|"
           r"[Ee]leven|[Tt]welve|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety|"
           r"[Ss]everal|[Ff]ew|[Cc]ouple(?: of)?)")
_NOT_A_DATE = "named_event"
# Words right before a date that make it a deadline or a start ahead: "by September 1",
# "payable Dec. 15", "extended to Nov. 20". Part of the expression, not cue words nearby.
# A present participle of a start or a publication ("beginning Tuesday", "a study appearing
# Friday", "a report being published Friday") tells what is still to come from the writer's
# day, whatever the tense of the verb it hangs on ("concluded in a report being published
# Friday"); with a past verb the nearer of the two days is taken (``choose_around``).
_FORWARD_BEFORE = re.compile(
    # ("for": the day a plan or a forecast is for, "The weather is perfect for Friday", "set for Monday")
    r"\b(?:by|until|till|through|for|ahead\s+of|payable|effective|due|as\s+(?:soon|early)\s+as|no\s+later\s+than|"
    r"(?:beginning|starting|appearing|being\s+(?:published|released))(?:\s+(?:on|from))?|"
    r"(?:extended|postponed|delayed|moved|pushed\s+back|put\s+off|adjourned|rescheduled)\s+(?:[\w'-]+\s+){0,3}(?:to|until|from)|"
    # what waits on an event ("custody pending sentencing Sept. 13"), a step before one ("the final
    # word before a hearing on Wednesday"): the event lies ahead, unless the verb says it is past
    r"pending(?:\s+(?:[\w'-]+)){1,3}(?:\s+(?:on|in))?)\s+$",
    re.IGNORECASE,
)

# What "today's" names when it is a day's: "today's vote" (else nowadays: "today's workplace").
_EVENT_OF_THE_DAY = (
    r"(?:meeting|meetings|vote|game|session|talks|announcement|decision|ruling|hearing|election|summit|deadline|"
    r"agreement|attack|edition|issue|paper|speech|news|launch|report|statement|visit|trial|match|race|event|ceremony)"
)

_PATTERN_TEXTS: tuple[tuple[str, str], ...] = tuple(
    (name, pattern)
    for name, pattern in (
        # "the September 11 attacks" names an event of its own year, not a day near the
        # article: the span is taken so that no other pattern reads "September" in it
        (_NOT_A_DATE, rf"\b{_MONTH}\s+{_DAY}\s+(?:attacks?|anniversary|bombings?|massacre)\b"),
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b(?!-\d)"),
        # "Mon Mar 2 , 2009", "Tuesday, July 28, 2019", "July 28th 2019", "Oct. 12-13, 1992" (its first day)
        (
            "month_day_year",
            # "August 20 of 1993": "of" joins the year as a comma does
            rf"(?:\b(?:{_WEEKDAY_FULL}|{_WEEKDAY_ABBR}){_COMMA})?\b{_MONTH}\s+{_DAY}\b(?:-[0-3]?\d\b)?(?:{_COMMA}|\s+of\s+){_YEAR}\b",
        ),
        # "Saturday , 25 April 2009", "28th of July, 2019"
        (
            "day_month_year",
            rf"(?:\b(?:{_WEEKDAY_FULL}|{_WEEKDAY_ABBR}){_COMMA})?\b{_DAY}\s+(?:of\s+)?{_MONTH}\b{_COMMA}{_YEAR}\b",
        ),
        # "by September last year", "on May 4 this year": the month (and day) of the year the words
        # name, counted from the article's; before "month_day"/"month" read the month alone
        (
            "month_rel_year",
            rf"(?:\b(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|"
            rf"[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?\b{_MONTH}(?:\s+{_DAY}\b)?(?:\s*,)?\s+(?P<rel>last|this|next)\s+year\b",
        ),
        # ("November '96": a year of two digits after an apostrophe)
        ("month_year", rf"\b(?:(?P<part>early|mid|late|the end of|the start of)[\s-]+)?{_MONTH}"
                       rf"(?:(?:\s*,\s*|\s+of\s+|\s+){_YEAR}|\s+['\u2019](?P<yy>\d\d))\b"),
        # a bare year only after a preposition, so that "2000 protesters" is not a year
        (
            "year",
            rf"\b(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough|"
            rf"early|late|mid|[Tt]he end of|[Ss]ummer of|[Ww]inter of|[Ss]pring of|[Aa]utumn of)[\s-]+{_YEAR}\b"
            # "in 2000 people", "by 2020-style" are counts, not years
            r"(?!\s*(?:-|%|percent|people|troops|soldiers|men|women|children|cases|dead|deaths|workers|times)\b)",
        ),
        # "Friday night (May 21)": the date in parentheses wins, as beside the weekday
        ("weekday_paren", rf"\b(?P<weekday>{_WEEKDAY_FULL})(?:\s+(?:morning|afternoon|evening|night))?\s+\(\s*{_MONTH}\s+{_DAY}\s*\)"),
        # "Sunday, Dec. 20": the weekday is read with the date, which wins
        ("month_day", rf"(?:\b(?P<weekday>{_WEEKDAY_FULL}){_COMMA})?\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)(?!:\d)"),
        ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"),
        # "in January", "since July", "the January talks"; bare "May" needs a cue
        (
            "month",
            rf"(?:\b(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|"
            # "Last December, polls showed..." opening a sentence: the cue capitalized, still a cue
            rf"[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his|[Ee]nd of|[Ss]tart of|[Bb]eginning of)[\s-]+{_MONTH}|\b{_BARE_MONTH})\b",
        ),
        # "a week ago Friday", "two weeks ago Sunday": that weekday of the week so many weeks back
        ("weekday_ago", rf"\b{_NUMBER}\s+weeks?\s+ago\s+(?:(?:last|this|on)\s+)?(?P<weekday>{_WEEKDAY_FULL})\b"),
        ("ago", rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        # "reconvene in two days" is a date only in a future clause ("finished in two days" is a duration)
        ("in_days", rf"\b[Ii]n\s+{_NUMBER}\s+(?P<unit>day|week)s?(?!\s+(?:of|to|after|before|later)\b)\b"),
        (
            "deictic",
            # capitalized too: "This year, ...", "Last week, the paper reported"
            # "today's workplace", "today's seniors": nowadays, no day ("today's vote" is one)
            rf"\b(?P<word>[Tt]oday(?!['’]s\s+(?!{_EVENT_OF_THE_DAY}\b)[a-z])|[Yy]esterday|[Tt]omorrow|[Tt]onight|"
            r"[Ll]ast night|[Tt]his (?:morning|afternoon|evening)|"
            r"(?:[Ee]arlier|[Ll]ater) in the (?:week|month|year)|"
            r"(?:(?:[Ee]arlier|[Ll]ater) this|[Tt]his|[Ll]ast|[Nn]ext) (?:week|month|year))\b",
        ),
        ("weekday", rf"(?<![-–])(?<!Super )(?<!Black )(?<!Good )(?<!Ash )(?<!Holy )(?<!Cyber )(?<![Ee]very )\b(?P<cue>(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<weekday>{_WEEKDAY_FULL})\b(?![-–][A-Z])"
         # a title or a newspaper, not a day: "Saturday Night Live", "Monday Night Football", "the
         # Sunday Times"; "Thursday nights" is every Thursday, no day
         r"(?!\s+(?:Night|Morning|Evening|Afternoon)\s+[A-Z])(?!\s+(?:nights|mornings|afternoons|evenings)\b)"
         r"(?!\s+(?:school|schools|services|best)\b)"  # "relegated to Sunday school", "his Sunday best"
         r"(?!\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Tribune|Independent|Observer|Mail|Star|Age)\b)"),
    )
)

# The characters each pattern can start with. Put first as a lookahead, they let
# the regex engine skip ahead fast (2x on news text): a pattern that starts with
# \b or an optional group makes it try every position. Kept complete by
# tests/analyze/test_dates.py::test_fast_patterns_find_what_plain_ones_find.
_FIRST_CHARACTERS = {
    _NOT_A_DATE: "ADFJMNOS",
    "iso": "12",
    "month_day_year": "ADFJMNOSTW",
    "day_month_year": "0-9MTWFS",
    "month_year": "ADFJMNOSemlt",
    "month_rel_year": "ADFJMNOSIiSsBbUuTtDdFfAaEeLlMm",
    "year": "IiSsBbUuDdFfAaTtemlWw",
    "month_day": "ADFJMNOSTW",
    "weekday_paren": "MTWFS",
    "day_month": "0-9",
    "month": "ADFJMNOSIiSsBbUuTtDdFfAaemlnEeL",
    "weekday_ago": "0-9aotfsencAOTFSENC",
    "ago": "0-9aotfsencAOTFSENC",
    "in_days": "Ii",
    "deictic": "tylneTYLNE",
    "weekday": "LlNnTtMWFS",
}
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(f"(?=[{_FIRST_CHARACTERS[name]}])" + pattern)) for name, pattern in _PATTERN_TEXTS
)

_STARTS_WITH_WEEKDAY = re.compile(rf"(?:{_WEEKDAY_FULL}|{_WEEKDAY_ABBR})\b")
# Days-of-month bounds per month (February allows 29; real validity is checked by date()).
_MAX_DAY = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date mentioned in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    date: date | None  # None: relative or partial with no reference to resolve it against
    precision: str  # "day" | "week" | "month" | "year"
    kind: str  # "absolute" | "relative" | "partial"

    @property
    def iso(self) -> str | None:
        return self.date.isoformat() if self.date else None


@dataclass(frozen=True, slots=True)
class Reference:
    """The date a text is written from; ``precision="year"`` when only the year is known."""

    date: date
    precision: str = "day"


def parse_iso(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) as a date; None when missing or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_dates(text: str, reference: date | Reference | None = None) -> list[DateMention]:
    """Every date mentioned in ``text``, in text order, resolved against ``reference``."""
    ref = Reference(reference) if isinstance(reference, date) else reference
    candidates: list[DateMention] = []
    taken = bytearray(len(text) + 1)  # characters an earlier pattern's mention holds
    anchors: dict[str, list[int]] = {}
    for name, pattern in _PATTERNS:
        for match in _matches(name, pattern, text, anchors):
            start, end = match.span()
            if taken.find(1, start, end) >= 0:
                continue
            if name != _NOT_A_DATE:
                mention = _resolve_in_calendar(name, match, text, ref)
                if mention is None:
                    continue
                candidates.append(mention)
            taken[start:end] = b"\x01" * (end - start)
    candidates.sort(key=lambda m: m.start)
    return _weekdays_as_told(text, _weekdays_in_a_row(text, _years_shared(text, candidates)))


def _weekdays_as_told(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A bare weekday whose clause does not settle its tense ("But Tuesday's listings, which ...")
    is the day the text's other mentions of that weekday are, when those settled by their verbs
    all name one day ("the government plans to announce Tuesday" written on a Sunday): a text
    tells of one Tuesday unless it says which other. Left as found when none or several."""
    bare = [k for k, m in enumerate(mentions)
            if m.kind == "relative" and m.precision == "day" and m.date and _WEEKDAY_WORD.fullmatch(m.surface)]
    if len(bare) < 2:
        return mentions
    settled = {k for k in bare if clause_tense(text, mentions[k].start, mentions[k].end) is not None}
    out = list(mentions)
    for k in set(bare) - settled:
        told = {mentions[j].date for j in settled if mentions[j].surface == mentions[k].surface}
        if len(told) == 1:
            out[k] = replace(mentions[k], date=told.pop())
    return out



def _weekdays_in_a_row(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A weekday joined to the weekday before it ("this Friday and Saturday", "Thursday or Friday")
    is the first such day from that one on: the pair goes the same way in time."""
    out = list(mentions)
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        if first.date is None or second.date is None or first.precision != "day" or second.precision != "day":
            continue
        if not (_STARTS_WITH_WEEKDAY.match(second.surface) and _WEEKDAY_WORD.search(first.surface)
                and _WEEKDAY_JOINT.fullmatch(text[first.end : second.start])):
            continue
        ahead = (second.date.weekday() - first.date.weekday()) % 7
        out[i] = replace(second, date=first.date + timedelta(days=ahead))
    return out


_WEEKDAY_JOINT = re.compile(r"\s*(?:,|and|or|,\s*and|-|–|through|to)\s*")
_WEEKDAY_WORD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$")


# A year written once for two dates in a row serves both: "May 3 and June 5, 2000", "from May 3
# to June 5, 2000", "by February 15 and a final accord by September 13, 2000" (the same word
# before each, no verb between). Within this many characters, in one clause.
_SHARED_YEAR_REACH = 80
_PAIR_JOINT = re.compile(r"\s*(?:-|–|and|or|to|through|until|till)\s*")
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")
_PAIR_WORDS = frozenset({"by", "on", "until", "till", "before", "after", "from", "in"})


def _years_shared(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """The mentions, a year-less date before a full date it is paired with read in that date's
    year, when that keeps the pair in order (else left as it was: "on Dec. 20 and Jan. 5, 2000")."""
    out = list(mentions)
    for i in range(len(out) - 1):
        first, full = out[i], out[i + 1]
        if first.kind != "partial" or first.date is None or first.precision not in ("day", "month") \
                or full.kind != "absolute" or full.precision != "day" or full.date is None:
            continue
        if not _paired(text, first, full):
            continue
        moved = _safe_date(full.date.year, first.date.month, first.date.day)
        if moved is not None and moved <= full.date:
            out[i] = replace(first, date=moved)
    return out


def _paired(text: str, first: DateMention, full: DateMention) -> bool:
    between = text[first.end : full.start]
    if _PAIR_JOINT.fullmatch(between):
        return True
    if len(between) > _SHARED_YEAR_REACH or any(c in between for c in ".;:()\n") or not re.search(r"\band\b", between):
        return False
    if _has_verb_form(between):
        return False  # "arrived on June 4 and recalled his birth on July 3, 1950": two events, two years
    word = _lead_word(text, first)
    return word in _PAIR_WORDS and word == _lead_word(text, full)


def _has_verb_form(span: str) -> bool:
    return any(lower in _PAST_WORDS or lower in _PRESENT_WORDS or lower in _FUTURE_WORDS
               or (len(lower) > 4 and lower.endswith("ed") and lower not in _NOT_VERBS_ED)
               for lower in (token.lower() for token in _CLAUSE_TOKEN.findall(span)))


def _lead_word(text: str, mention: DateMention) -> str:
    """The preposition a date stands after: its own cue ("by February") or the word before it."""
    own = mention.surface.split(maxsplit=1)[0].lower()
    if own in _PAIR_WORDS:
        return own
    found = _WORD_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    return found.group(1).lower() if found else ""


# Most patterns hold a month name, a year or a key word: they are looked for only around where
# the text has one (the anchor), in a window as wide as the pattern can reach on either side,
# instead of over the whole text (a third of ``find_dates``' time).
_ANCHORS = {
    "month": re.compile(r"(?=[ADFJMNOS])(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "year": re.compile(r"(?=[12])(?<!\d)(?:1[5-9]|20)\d\d(?!\d)"),
    "ago": re.compile(r"(?=a)ago\b"),
    "unit": re.compile(r"(?=[dw])(?:day|week)"),
}
_WINDOWS: dict[str, tuple[str, int, int]] = {  # pattern: (anchor, characters before it, after its start)
    **{name: ("month", 40, 60) for name in (_NOT_A_DATE, "month_day_year", "day_month_year", "month_year", "month_rel_year",
                                            "weekday_paren", "month_day", "day_month", "month")},
    "iso": ("year", 0, 20), "year": ("year", 30, 40), "ago": ("ago", 40, 4), "in_days": ("unit", 30, 30),
}


def _matches(name: str, pattern: re.Pattern[str], text: str, anchors: dict[str, list[int]]):
    """``pattern.finditer(text)``, looked for only in the windows around its anchors (``_WINDOWS``)."""
    window = _WINDOWS.get(name)
    if window is None:
        yield from pattern.finditer(text)
        return
    kind, before, after = window
    if kind not in anchors:
        anchors[kind] = [m.start() for m in _ANCHORS[kind].finditer(text)]
    last_end = 0
    for index in anchors[kind]:
        if index < last_end:
            continue  # inside the last match
        for match in pattern.finditer(text, max(last_end, index - before), index + after):
            if match.start() <= index < match.end():  # its own match: a window's edge cuts no other
                last_end = match.end()
                yield match
                break


def infer_reference(text: str) -> Reference | None:
    """The date an undated article was written from, as far as its text tells.

    Rule, in order (accuracy measured on timeline17 articles, whose publication
    dates are known, in docs/timeline.md):
      1. the dateline or byline: a full date (day, month, year) in the first 300
         characters, preferring one written with its weekday ("Thu Apr 30 , 2009",
         "18:00 UK time, Saturday, 25 April 2009"), else the latest there (photo
         captions before the dateline give older dates) -> day precision;
      2. else explicit arithmetic in one sentence: "in 2001 but 18 years on" ->
         2019, year precision. Only "years on", which news uses for "now";
         "two years later" / "after" tell a story's past (on timeline17 both
         of the 2 articles this matched got the wrong year).
    The latest full date mentioned anywhere is NOT used: on timeline17 it gave
    the wrong day for 2 of 3 articles and even the wrong year for 2 of 5 (a 2011
    article on Michael Jackson's death names 25 June 2009 as its latest date).
    A year-precision reference dates "in January" or "by September 1" but not
    "on Tuesday" or "last week". None when the text allows none of these.
    """
    full = [m for m in find_dates(text) if m.kind == "absolute" and m.precision == "day" and m.date]
    head = [m for m in full if m.start < 300]
    if head:
        with_weekday = [m for m in head if _STARTS_WITH_WEEKDAY.match(m.surface)]
        chosen = with_weekday[-1] if with_weekday else max(head, key=lambda m: m.date or date.min)
        return Reference(chosen.date)  # type: ignore[arg-type]
    year = _year_from_arithmetic(text)
    return Reference(date(year, 1, 1), "year") if year else None


# "MOSCOW, August 17 (Xinhua) --", "CAIRO , Jan 27 ( Reuters ) -": a wire dateline, its day without a year.
_DATELINE = re.compile(
    rf"\s*[A-Z][A-Za-z.'-]*(?:[ ,/-]+[A-Z][A-Za-z.'-]*){{0,4}}\s*,\s*{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)")
# A wire's date is often the day after its dateline (Xinhua files at midnight): a dateline at most
# this many days before the article's date is the day its "today" and "Tuesday" are counted from.
DATELINE_LAG_DAYS = 3


def dateline_day(text: str, published: date) -> date | None:
    """The day of a wire dateline that precedes the article's date by 1-3 days, else None."""
    match = _DATELINE.match(text, 0, 80)
    if not match:
        return None
    month, day = _month_number(match.group("month")), int(match.group("day"))
    for year in (published.year, published.year - 1):
        value = _safe_date(year, month, day)
        if value and 0 < (published - value).days <= DATELINE_LAG_DAYS:
            return value
    return None


def infer_article_date(text: str) -> date | None:
    """The day an undated article was written, when its text gives one (see ``infer_reference``)."""
    ref = infer_reference(text)
    return ref.date if ref and ref.precision == "day" else None


_YEARS_ON = re.compile(
    r"\b(?:in|since|of)\s+(?P<year>(?:19|20)\d\d)\b[^.!?\n]{0,80}?\b(?P<n>\d{1,2}|"
    + "|".join(w for w, v in NUMBER_WORDS.items() if v)
    + r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+years\s+on\b",
    re.IGNORECASE,
)
_TEENS = {
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}


def _year_from_arithmetic(text: str) -> int | None:
    match = _YEARS_ON.search(text)
    if not match:
        return None
    n_text = match.group("n").lower()
    n = int(n_text) if n_text.isdigit() else (NUMBER_WORDS.get(n_text) or _TEENS.get(n_text))
    return int(match.group("year")) + n if n else None


# ---------------------------------------------------------------- resolution


# ---------------------------------------------------------------- tense of a clause

# The verb forms that tell a clause's tense without a parse. Future: modal and "going to"
# forms; past: auxiliaries, irregular past forms and participles, and -ed words used as
# verbs (not after an article: "the planned sale" is no verb). Present: forms of "be",
# "have" and "do" in the present (simple present verbs are not told from plural nouns).
_FUTURE_WORDS = frozenset({"will", "'ll", "ll", "shall", "wo", "won't", "would", "should", "may", "might",
                           "must", "can", "could"})
# Verbs that put what they govern ahead of them, whatever their own tense: "had planned
# concerts from July 13", "is expected on Tuesday", "the scheduled vote".
_FUTURE_VERBS = frozenset({
    "planned", "planning", "expect", "expects", "expected", "expecting", "scheduled", "intend", "intends", "intended",
    "intending", "slated", "upcoming", "due", "promised", "promises", "pledged", "pledges",
})
_PAST_AUXILIARIES = frozenset({"was", "were", "had", "been"})
_FUTURE_BEFORE_TO = frozenset({
    "going", "set", "aims", "aim", "aimed", "hopes", "hope", "hoped", "hoping", "wants", "want", "wanted",
    "promised", "promises", "vowed", "vows", "threatened", "threatens", "agreed", "agrees", "decided", "decides",
    "likely", "poised", "ready", "prepared", "preparing", "seeks", "seeking", "sought", "trying", "tries", "tried",
    "about", "needs", "need", "ought", "is", "are", "am", "asked", "urged", "called", "told", "plan", "plans",
})
# Of those, the ones whose "to" is always an infinitive's: "hoped to land", "is expected to land".
_WANTING_BEFORE_TO = frozenset({
    "hopes", "hope", "hoped", "hoping", "wants", "want", "wanted", "aims", "aim", "aimed", "plan", "plans", "planned",
    "planning", "expected", "expects", "expect", "scheduled", "intend", "intends", "intended", "going", "trying",
    "tries", "tried", "seeks", "seeking", "sought", "poised", "preparing", "due",
})
_PAST_WORDS = frozenset({
    "was", "were", "did", "didn't", "had", "hadn't", "wasn't", "weren't", "been", "said", "told", "met", "began",
    "went", "came", "took", "gave", "made", "held", "sent", "found", "left", "brought", "fought", "won", "lost",
    "saw", "spoke", "fell", "rose", "led", "struck", "shot", "ran", "sold", "bought", "paid", "thought", "knew",
    "became", "got", "kept", "stood", "broke", "chose", "drove", "flew", "wrote", "ate", "grew", "threw", "wore",
    "hung", "sat", "slept", "swore", "tore", "drew", "fled", "sought", "taught", "caught", "felt", "heard",
    "meant", "built", "spent", "lent", "dealt", "hid", "rode", "woke", "forgot", "arose", "bore", "blew", "dug",
    "froze", "laid", "leapt", "lit", "overtook", "rang", "sang", "sank", "shook", "shone", "slid", "sprang",
    "stole", "stuck", "swam", "swung", "underwent", "undertook", "upheld", "withdrew", "given", "taken", "done",
    "seen", "gone", "known", "shown", "spoken", "written", "chosen", "driven", "broken", "stolen", "fallen",
    "risen", "thrown", "drawn", "grown", "flown", "sworn", "torn", "worn", "beaten", "begun", "eaten",
    "forgotten", "hidden", "ridden", "shaken", "woken", "withdrawn", "overthrown", "undertaken",
    "agreed", "disagreed", "freed", "guaranteed", "decreed",  # -eed past forms ("need", "proceed" are not)
})
_PRESENT_WORDS = frozenset({"is", "are", "am", "isn't", "aren't", "has", "have", "hasn't", "haven't", "does", "do",
                            "doesn't", "don't", "says", "say"})
_NOT_VERBS_ED = frozenset({
    "hundred", "kindred", "sacred", "naked", "wicked", "beloved", "united", "limited", "related", "based", "armed",
    "detailed", "advanced", "so-called", "used", "supposed", "interested", "concerned", "involved", "qualified",
    "experienced", "talented", "dedicated", "sophisticated", "complicated", "unprecedented", "unexpected",
    "unidentified", "unnamed", "alleged", "reported", "proposed", "named", "continued", "red", "fixed",
    "combined", "diluted", "adjusted", "owned", "listed", "rated", "estimated", "required", "needed",
})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
                          "your", "my", "'s", "no", "any", "some", "each", "every", "such", "more", "most", "very"})
_BE = frozenset({"be", "been", "being", "is", "are", "am", "was", "were", "get", "gets", "got", "become", "became"})
# Abbreviations ("U.S.", "Gen.", "p.m.") are words: their full stops end no clause.
_ABBREVIATION = (
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St|Jr|Sr|Co|Corp|Inc|Ltd|"
    r"No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Mt|Ft|vs)\."
)
_MEASURE = (r"(?:\d+(?:\.\d+)?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]welve|"
            r"[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Hh]undred|[Hh]alf|[Mm]ulti)-[A-Za-z]+(?:-[A-Za-z]+)*")
_CLAUSE_TOKEN = re.compile(
    # a number with its decimal point or thousands commas is one token ("9.5 million"): no stop
    # a measure joined to its unit ("two-year", "10-day") is one token, read by ``_MEASURE_ADJECTIVE``
    rf"{_ABBREVIATION}|[A-Za-z]\.(?:\s?[A-Za-z]\.)+|{_MEASURE}|\d+(?:[.,]\d+)*|[A-Za-z]+?(?=n't)|[A-Za-z]+|n't|'(?:ll|s|d|re|ve|m)\b|[.!?;:(),\"]|--|``|''|\n"
)
# An aside between dashes, left out of the clause around it: "is expected to cross the finish
# line -- somewhere along longitude 9 degrees west -- Saturday afternoon" (D0740I, unseen reading,
# session 17: the dashes stopped the clause, no verb was left and the Saturday went a week back).
_ASIDE = re.compile(r"\s(?:--|\u2014)\s[^-\u2014.;:!?()\"\n]{1,120}?\s(?:--|\u2014)(?=\s)")
_CLAUSE_STOPS = frozenset({".", "!", "?", ";", ":", "(", ")", '"', "--", "``", "''", "\n"})
# Words that open another clause: a verb beyond them governs something else.
_SUBORDINATORS = frozenset({"that", "which", "who", "whom", "whose", "when", "where", "because", "if", "whether",
                            "while", "although", "though", "unless", "whereas", "but"})
_COORDINATORS = frozenset({"and", "but", "or", "yet"})
# Nouns that follow "to" after a verb of motion: "returned to work on Jan. 5" is no infinitive.
_NOUNS_AFTER_TO = frozenset({"work", "school", "power", "office", "court", "prison", "jail", "bed", "town", "sea",
                             "war", "church", "hospital", "normal", "death", "life", "market", "trial",
                             "home", "land", "port", "shore"})
# Endings of nouns, not of a verb after "to" ("pledged to education workers Friday" is no
# infinitive: read as one, its plan pointed Friday a week ahead); the verbs among them stay verbs.
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ism", "ship")
_VERBS_WITH_NOUN_ENDINGS = frozenset({
    "question", "mention", "position", "function", "sanction", "petition", "commission", "auction", "caution",
    "condition", "envision", "station", "ration", "pension", "partition", "fashion", "cushion", "implement",
    "comment", "document", "supplement", "complement", "experiment", "torment", "cement", "augment", "lament",
    "segment", "ferment", "transition", "reposition", "motion", "section", "portion", "vision", "audition",
})
_TENSE_WINDOW = 15  # tokens left of the date
# ... and right of it: a date opening its clause ("On Wednesday, the first anniversary of the
# shootings, Rep. McCarthy plans to ...") may stand far from its verb
_TENSE_WINDOW_RIGHT = 25
_COMMA_PENALTY = 6  # extra tokens of distance for each comma between a verb and the date
_STOP_CHARACTERS = '!?;:()"\n'
_TITLES = frozenset({"Gen", "Sen", "Rep", "Gov", "Col", "Sgt", "Inc", "Ltd", "Corp", "Capt", "Prof", "Sept"})


def _full_stop(window: str, index: int) -> bool:
    """Whether the "." at ``window[index]`` (before a space) ends a sentence: after a word of two
    lowercase letters or more, not a title ("Gen.", "Inc."); "U.S." and "p.m." do not."""
    if index < 2 or not (window[index - 1].islower() and window[index - 2].islower()):
        return False
    word_start = window.rfind(" ", 0, index) + 1
    return window[word_start:index] not in _TITLES


def _cut_left(window: str) -> int:
    """Where the clause holding the end of ``window`` starts, as far as stops tell."""
    cut = max(window.rfind(c) for c in _STOP_CHARACTERS)
    index = len(window)
    while True:
        index = window.rfind(". ", 0, index)
        if index <= cut:
            return cut + 1
        if _full_stop(window, index):
            return index + 1


def _cut_right(window: str) -> int:
    """Where the clause holding the start of ``window`` ends."""
    found = [i for i in (window.find(c) for c in _STOP_CHARACTERS) if i >= 0]
    cut = min(found) if found else len(window)
    index = -1
    while True:
        index = window.find(". ", index + 1, cut)
        if index < 0:
            return cut
        if _full_stop(window, index):
            return index


def clause_tense(text: str, start: int, end: int) -> str | None:
    """The tense of the verb governing ``text[start:end]``, read from verb forms, without a parse.

    The nearest verb form (token distance, left first on ties) within the clause decides:
    "future" (will, 'll, would, shall, modals; plan/expect/schedule/intend forms; going/set/
    hopes/agreed... to + verb), "past" (was, were, did, had, irregular past forms and
    participles, -ed verbs not after a determiner), "present" (is, are, has, have, does, says).
    An auxiliary chain takes its first word's tense ("will be paid" future, "would have met"
    past, "has signed" past). The clause ends at the sentence's end, a semicolon, colon,
    parenthesis, quotation mark or a word opening another clause ("that", "which", "when",
    "but"); at most 15 tokens left and 25 right; a verb across a comma counts as six tokens farther
    ("declared a dividend, payable Dec. 15"). Plan verbs left of the date point ahead ("had
    planned concerts from July 13"), after it they are its own past ("On Friday, the government
    planned..."); an infinitive ("subpoenaed Elian to testify on Feb. 10") leaves the tense open.
    "prospective": a future seen from the past ("was still trying to retrieve it Friday", "were
    planning to drive on Monday"), the nearest such day either way. A report after a comma ("...
    in early March, an official said") does not decide when the date's clause has a verb of its
    own; an infinitive's future ends at a comma before a participle (", saying on Friday"); a
    bare -ed word away from the date yields to a modal left of it ("will redeem Series H
    preferred shares on Oct. 31"); ", and" ends the clause. A date right after an event a call
    asks for ("called for a day-long slowdown Monday") is "prospective": the event's, not the
    call's. None when no verb form decides. Cue words ("next", "upcoming") are not tense: the
    patterns read them as part of the expression.
    """
    left_text = text[max(0, start - 200) : start]
    if _SCHEDULED_PRESENT.search(left_text, max(0, len(left_text) - 40)):
        return "future"  # "The committee meets Monday in Salina": a schedule, told in the present
    if _AGENT_OF_PARTICIPLE.search(left_text, max(0, len(left_text) - 100)):
        return "past"  # "standards presented by board member Steve Abrams on Wednesday would ...": the presenting's day
    if _CALLED_FOR_EVENT.search(left_text, max(0, len(left_text) - 80)):
        return "prospective"  # the date is the event called for's, which may lie either side of the call
    if _ISSUE_OF_THE_DAY.match(text, end):
        return "prospective"  # "published in Thursday's New England Journal of Medicine": the next issue, or the last
    left_text = _ASIDE.sub(" ", left_text)
    left_tokens = _CLAUSE_TOKEN.findall(left_text, _cut_left(left_text))
    right_text = _ASIDE.sub(" ", text[end : end + 240])
    right_tokens = _CLAUSE_TOKEN.findall(right_text, 0, _cut_right(right_text))
    left: list[str] = []
    for token in reversed(left_tokens):
        if token in _CLAUSE_STOPS or len(left) >= _TENSE_WINDOW:
            break
        if token == "," and left and left[-1].lower() in _COORDINATORS:
            left.pop()  # ", and": the clause the date is in begins after it
            break
        left.append(token)
        if token.lower() in _SUBORDINATORS:
            break
    left.reverse()
    right: list[str] = []
    for index, token in enumerate(right_tokens):
        if token in _CLAUSE_STOPS or len(right) >= _TENSE_WINDOW_RIGHT or token.lower() in _SUBORDINATORS:
            break
        if token == "," and index + 1 < len(right_tokens) and right_tokens[index + 1].lower() in _COORDINATORS:
            break  # "met Wednesday night, and will resume talks Thursday": another clause
        right.append(token)
    tokens = left + ["\0"] + right
    anchor = len(left)
    # Tokens by distance from the date (a comma between counts as _COMMA_PENALTY more tokens:
    # "declared a dividend, payable Dec. 15"), left first on ties; the first verb form decides.
    order: list[tuple[int, int, int]] = []
    commas = 0
    for index in range(anchor - 1, -1, -1):
        if tokens[index] == ",":
            commas += 1
        else:
            order.append((anchor - index + _COMMA_PENALTY * commas, 0, index))
    commas = 0
    for index in range(anchor + 1, len(tokens)):
        if tokens[index] == ",":
            commas += 1
        else:
            order.append((index - anchor + _COMMA_PENALTY * commas, 1, index))
    order.sort()
    purpose_at = len(tokens)  # an infinitive right of the date: what follows it is the purpose's
    for _, _, index in order:
        if index > purpose_at:
            continue  # (right tokens come in text order: the infinitive is met before what follows it)
        if index > anchor and tokens[index].lower() in _REPORTING and "," in tokens[anchor:index] \
                and any(_token_tense(tokens, i, anchor) for i in range(anchor)):
            # "admit them in early March, an official said": the report is another clause (but
            # "In March, it announced", "At a briefing Wednesday, they said": the date's own
            # clause has no verb, the report's is its)
            continue
        tense = _token_tense(tokens, index, anchor)
        if tense is None:
            continue
        if tense == "past" and index < anchor - 2 and _weak_past(tokens, index):
            # "will redeem Series H preferred shares on Oct. 31": a bare -ed word away from the
            # date is as often an adjective or a participle; a modal left of it governs the clause
            tense = _modal_left(tokens, index) or tense
        elif tense == "past" and index > anchor and _weak_past(tokens, index):
            # "would start an official visit to Kuwait Saturday mainly aimed at ...": a bare -ed
            # word after the date with no subject of its own describes; the modal before governs
            tense = _modal_left(tokens, anchor) or tense
        if tense == "infinitive" and index > anchor:
            # "a hearing scheduled for Wednesday to examine ...": what follows the date is the
            # purpose ("will close in on the moon Thursday to gather the most detailed data ever
            # obtained": "obtained" is not the date's verb)
            purpose_at = index
            continue
        return None if tense == "infinitive" else tense
    return None


# A scheduled event told in the present, right before its day: "The committee meets Monday", "the
# show airs Sunday at 9", "Congress reconvenes on Tuesday" (session 15's unseen reading D0615F: put
# last week), with a short object between ("The military gets a chance Monday", D31009T, unseen
# reading, session 19) and in the plural ("The February sweeps end Wednesday night", D0736H).
# Verbs of saying are not among them: "Clinton says Tuesday" is the day he said it. A plural form
# after an auxiliary, "to" or a determiner is no present ("did not meet Monday", "refused to
# meet Monday", "the end Wednesday").
_SCHEDULED_VERBS = (
    "meet air open close begin start end resume reconvene convene return play host face visit arrive depart debut "
    "premiere launch vote decide rule testify appear perform compete race get hold head travel expire"
).split()


def _third_person(verb: str) -> str:
    """The verb's present after "he" or "it": "meets", "launches", "testifies"."""
    if verb.endswith(("ch", "sh", "s", "x")):
        return verb + "es"
    return verb[:-1] + "ies" if verb.endswith("y") and verb[-2] not in "aeiou" else verb + "s"


_NOT_A_PRESENT_BEFORE = "the a to not n't did would could will can may must should might".split()
_SCHEDULED_PRESENT = re.compile(
    r"\b(?:(?:" + "|".join(map(_third_person, _SCHEDULED_VERBS))
    + r"|kicks\s+off|goes\s+on\s+trial|goes\s+on\s+sale|takes\s+office)|"
    + "".join(rf"(?<!{re.escape(word)}\s)" if "'" in word else rf"(?<!\b{word}\s)" for word in _NOT_A_PRESENT_BEFORE)
    + "(?:" + "|".join(_SCHEDULED_VERBS) + "))"
    r"\s+(?:again\s+)?(?:(?:a|an|the|its|his|her|their)\s+[a-z]+\s+|[a-z]+s\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


# A past participle with its agent right before the date: "standards presented by conservative board
# member Steve Abrams on Wednesday would remove ...": the date is the participle's (D0615F: put ahead).
# Not after "be" ("is scheduled to be reviewed by the committee on Wednesday": the plan's day, ahead).
_AGENT_OF_PARTICIPLE = re.compile(r"\b(?<!be\s)[a-z]{3,}ed\s+by\s+(?:[\w.'’-]+\s+){1,7}?(?:on\s+)?$")


# "called for a day-long slowdown Monday": a date right after the event a call asks for is that
# event's, not the call's ("Undaunted, activists called for a slowdown Monday", written on a
# Friday after Friday's slowdown, is the next Monday); the nearest such day either way, as for
# a plan seen from the past. Only event nouns: "called for calm Monday" keeps the call's past.
_CALLED_FOR_EVENT = re.compile(
    r"\bcall(?:ed|s|ing)?\s+for\s+(?:(?:a|an|the|another|their|its|his|her)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:slowdowns?|strikes?|protests?|boycotts?|rally|rallies|march|marches|demonstrations?|walkouts?|"
    r"shutdowns?|vigils?|sit-ins?|stoppages?|votes?|referendums?|elections?|meetings?|summits?|talks|hearings?|"
    r"sessions?|ceasefires?|cease-fires?|truces?)\s+(?:on\s+)?$"
)
# A publication's issue of a day ("Thursday's New England Journal of Medicine", "Wednesday's
# edition"): news reports studies before the issue is out as often as after.
_ISSUE_OF_THE_DAY = re.compile(
    r"['’]s\s+(?:(?:early|late|online|print|weekend)\s+)?(?:issues?\b|editions?\b|"
    r"(?:[A-Z][\w.&-]*\s+){0,4}(?:Journal|Times|Post|Magazine|Review|Science|Nature|Lancet|Medicine|Gazette|Tribune)\b)")
# Verbs that report: after a comma right of the date they open a clause of their own.
_REPORTING = frozenset({"said", "says", "say", "told", "added", "according", "reported", "announced"})


def _recipient_between(tokens: list[str], index: int, anchor: int) -> bool:
    """Whether only a recipient stands between a plan verb and the date ("pledged to
    education workers Friday that ..."): the date is then the pledge's, as right after the
    verb; the plan's content ("promised an increase in February") would stand there."""
    between = tokens[index + 1 : anchor]
    return (len(between) >= 2 and between[0].lower() == "to" and _noun_form(between[-1].lower())
            and all(t.isalpha() and t.islower() for t in between[1:]))


def _noun_form(word: str) -> bool:
    """A lowercase word that is a noun by its form: a plural ("workers", not "discuss" or
    "focus") or an abstract noun ("education"), unless a verb of that form."""
    if word.endswith("s") and not word.endswith(("ss", "us")) and len(word) > 3:
        return True
    return word.endswith(_NOUN_ENDINGS) and word not in _VERBS_WITH_NOUN_ENDINGS


def _past_verb_before(tokens: list[str], index: int) -> bool:
    """Whether a past verb form (lowercase: "saw", "watched") stands before ``tokens[index]``
    in its clause, with no auxiliary in between to make it a chain of its own."""
    for position in range(index - 1, -1, -1):
        token = tokens[position]
        lower = token.lower()
        if token == "\0" or lower in _BE or lower in ("will", "would", "to"):
            return False
        if token == lower and (lower in _PAST_WORDS or (lower.endswith("ed") and len(lower) > 4)):
            return True
    return False


def _auxiliary_before(tokens: list[str], index: int) -> str:
    """The word before ``tokens[index]``, adverbs skipped ("was still trying": "was")."""
    for position in range(index - 1, -1, -1):
        lower = tokens[position].lower()
        if lower not in ("still", "also", "just", "already", "not", "n't", "reportedly", "only"):
            return lower
    return ""


def _participle_clause(tokens: list[str], index: int, anchor: int) -> bool:
    """Whether the date, right of ``tokens[index]``, sits in a clause opened by a comma and an
    -ing participle (", saying on Friday")."""
    comma = max((i for i in range(index, anchor) if tokens[i] == ","), default=-1)
    return comma >= 0 and comma + 1 < anchor and tokens[comma + 1].lower().endswith("ing")


# Verbs that put what their object is to do ahead of them: "expects Dr. Dre to notify Napster on
# Wednesday", "urged the board to vote Friday". Not "ordered", "subpoenaed", "forced": what was ordered
# may be done already, and in news often is.
_PLAN_FOR_OTHERS = frozenset({
    "expect", "expects", "expected", "want", "wants", "wanted", "asks", "asked", "urges", "urged", "invites",
    "invited", "needs", "needed",
})
_OBJECT_REACH = 8  # tokens between such a verb and the "to" of its object's infinitive
_ORDINALS = frozenset({"first", "second", "third", "last", "only", "next", "latest"})


def _controlling_plan_verb(tokens: list[str], index: int) -> str | None:
    """The tense of a verb of wanting or expecting whose object the infinitive at ``tokens[index]``
    ("to") tells ("expects another client, rap artist Dr. Dre, to notify Napster on Wednesday"):
    "future" from a present verb, "prospective" (the nearest day either way) from a past one."""
    for position in range(index - 2, max(-1, index - 2 - _OBJECT_REACH), -1):
        token = tokens[position]
        lower = token.lower()
        if token == "\0" or lower in _CLAUSE_STOPS or lower in _SUBORDINATORS or lower in _COORDINATORS:
            return None
        if lower in _PLAN_FOR_OTHERS and token == lower:
            return "prospective" if lower.endswith("ed") else "future"
        if _token_tense(tokens, position) is not None:
            return None  # another verb between: "asked why he had come to testify"
    return None


def _verb_tense_before(tokens: list[str], index: int) -> str | None:
    """The tense of the nearest verb form before ``tokens[index]`` in its clause."""
    for position in range(index - 1, -1, -1):
        if tokens[position] == "\0" or tokens[position].lower() in _SUBORDINATORS:
            return None
        tense = _token_tense(tokens, position)
        if tense is not None:
            return tense
    return None


def _planned_thing(tokens: list[str], index: int) -> bool:
    """Whether the "to" at ``tokens[index]`` follows a noun ("a report to be released"), not a
    verb, and no ordinal or superlative ("the first woman to be elected" names what happened)."""
    noun = tokens[index - 1] if index > 0 else ""
    if not (noun.isalpha() and noun.islower()) or noun in _PAST_WORDS or noun.endswith(("ed", "ing")) \
            or noun in _FUTURE_BEFORE_TO or noun in _FUTURE_VERBS or noun in _BE:
        return False
    before = [t.lower() for t in tokens[max(0, index - 4) : index - 1]]
    return not any(t in _ORDINALS or t.endswith("est") for t in before)


def _weak_past(tokens: list[str], index: int) -> bool:
    """A regular -ed form with no auxiliary before it: past verb, participle or adjective alike."""
    lower = tokens[index].lower()
    return lower.endswith("ed") and lower not in _PAST_WORDS and tokens[index - 1].lower() not in _BE


def _modal_left(tokens: list[str], index: int) -> str | None:
    """The tense of a modal left of ``tokens[index]`` in the same stretch (no comma between)."""
    for position in range(index - 1, -1, -1):
        lower = tokens[position].lower()
        if lower == ",":
            return None
        if lower in _FUTURE_WORDS and tokens[position] == lower:
            return _token_tense(tokens, position)
    return None


# Nouns of an aim whose infinitive is an aside's, not the clause's verb: "in an attempt to", "in order to".
_PURPOSE_NOUNS = frozenset({"attempt", "effort", "bid", "order", "move", "push", "drive"})
# Words before "to" that are verbs of a plan or nouns of one: "plans to announce", "a plan to restore".
_NOUN_OR_VERB = frozenset({"plan", "plans", "aim", "aims", "hope", "hopes", "need", "needs", "promise", "promises",
                           "set", "bid", "vow", "vows", "threat", "threats"})


def _modifier_of_a_noun(word: str) -> bool:
    """Whether ``word`` before a plan word makes it a noun: a determiner, a possessive or an
    adjective of a common ending ("a plan", "its plans", "the government's plan", "regional plan")."""
    lower = word.lower()
    return lower in _DETERMINERS or lower.endswith(("'s", "’s", "al", "ic", "ive", "ous", "new", "ful"))


def _token_tense(tokens: list[str], index: int, anchor: int = -1) -> str | None:
    """The tense a verb form at ``tokens[index]`` gives; "infinitive" for "ordered to leave"
    (the infinitive governs what follows, its time unknown); None when no verb form."""
    token = tokens[index]
    lower = token.lower()
    previous = tokens[index - 1].lower() if index > 0 else ""
    following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
    chain = [t.lower() for t in tokens[max(0, index - 3) : index]]
    in_future_chain = any(c in _FUTURE_WORDS or c in _FUTURE_VERBS for c in chain)
    if lower in _FUTURE_WORDS or (lower == "n't" and previous == "wo"):
        if token != lower and lower == "can":
            return None
        if following == "have" or (following in ("not", "n't") and index + 2 < len(tokens)
                                   and tokens[index + 2].lower() == "have"):
            return "past"  # "would have met"
        if lower == "could" and (following in ("not", "n't", "never") or any(
                t.lower() in ("nor", "neither") for t in tokens[max(0, index - 8) : index])):
            return "past"  # "could not be reached Tuesday", "neither he nor they could be located Wednesday"
        return "future"
    if lower == "known" and following == "as":
        return None  # "to visit Myanmar, also known as Burma, from Sept. 15-18": a name, no verb of the clause
    if lower == "set" and previous in _BE and following == "for":
        # "a memorial service is set for 7 p.m. Saturday": a schedule, like "is scheduled for"
        # ("was set for Friday": its day may be past, as for "was scheduled")
        return None if previous in _PAST_AUXILIARIES else "future"
    if lower == "due" and following == "to" and index + 2 < len(tokens) and (
            tokens[index + 2].lower() in _DETERMINERS or tokens[index + 2] == "\0" or tokens[index + 2][:1].isupper()):
        return None  # "postponed due to the May 29 elections": a cause ("because of"), no plan
    if lower in _FUTURE_VERBS:
        if index > anchor >= 0 or (lower.endswith("ed") and previous not in _BE and (
                index == anchor - 1 or _recipient_between(tokens, index, anchor))):
            # after the date, or right before it, the plan is the clause's own verb: "On Friday, the
            # government planned...", "Putin promised Tuesday to raise pensions"
            return "past" if lower.endswith("ed") and previous not in _BE else None
        if previous in _PAST_AUXILIARIES or (previous == "to" and index > 1 and tokens[index - 2].lower() in _PAST_AUXILIARIES):
            # "were planning to drive on Monday", "was scheduled to visit Shiprock on Monday" (in a
            # Sunday paper: the next day), "was scheduled to expire Friday": a plan seen from the
            # past, its day on either side: the nearest such day
            return "prospective"
        return "future"
    # ("to land" after "hoped" is a verb: D0740I, unseen reading; "went to land" a noun)
    if lower == "to" and following.isalpha() and following not in _DETERMINERS and following != "date" \
            and (following not in _NOUNS_AFTER_TO or previous in _WANTING_BEFORE_TO) \
            and not _noun_form(following) and token == lower and following == tokens[index + 1]:
        if previous in _PURPOSE_NOUNS and index > 1 and tokens[index - 2].lower() in ("an", "a", "the", "in"):
            return None  # "Tuesday, in an attempt to reverse ..., the government plans to": an aside's aim
        if previous in _NOUN_OR_VERB and index > 1 and _modifier_of_a_noun(tokens[index - 2]):
            return None  # "set in motion a regional plan to restore salmon runs": the plan is a thing
        if previous in _FUTURE_BEFORE_TO or previous in _FUTURE_VERBS:
            if previous.endswith("ing") and _auxiliary_before(tokens, index - 1) in _PAST_AUXILIARIES:
                return "prospective"  # "was still trying to retrieve it Friday", "were planning to ride it Wednesday"
            if previous.endswith("ing") and _past_verb_before(tokens, index - 1):
                # "saw the party preparing to depart Friday night": the plan as someone saw it, a
                # future seen from the past like "were preparing to"
                return "prospective"
            if previous in _FUTURE_VERBS and index > 1 and tokens[index - 2].lower() in _PAST_AUXILIARIES:
                return None
            if 0 <= index < anchor and _participle_clause(tokens, index, anchor):
                # "sought to soften his words, saying on Friday": the infinitive's reach ends at
                # the comma; the participle clause takes the time of "sought"
                return "past" if previous in _PAST_WORDS or previous.endswith("ed") else None
            return "future"
        if previous in ("was", "were") and following == "be":
            return "prospective"  # "a report that was to be issued Wednesday": planned, seen from the past
        controlled = _controlling_plan_verb(tokens, index)
        if controlled:
            return controlled  # "expects another client, Dr. Dre, to notify Napster on Wednesday"
        if following == "be" and _planned_thing(tokens, index):
            # "a report to be released on Monday": the thing is yet to come, seen from the clause's verb
            return "prospective" if _verb_tense_before(tokens, index - 1) == "past" else "future"
        return "infinitive"  # "subpoenaed Elian to testify on Feb. 10", "ordered to leave Friday"
    if lower == "gon" and following == "na":
        return "future"
    if in_future_chain and (lower in _BE or lower in ("have", "has") or lower in _PAST_WORDS
                            or (lower.endswith("ed") and any(c in _BE for c in chain))):
        return None  # "will be paid", "is expected to have": the chain's first word decided
    if token != lower and index > 0 and tokens[index - 1] not in (",", "\0"):
        return None  # capitalized mid-clause: a name, not a verb
    if lower in _PRESENT_WORDS:
        if lower in ("has", "have") and following and (following.endswith("ed") or following in _PAST_WORDS):
            return "past"  # "has signed": done before now
        if lower in ("is", "are", "am") and following in _FUTURE_VERBS:
            # "Wednesday the dispute is expected to take a turn", "the list is due Monday": the
            # auxiliary's chain is a plan seen from now, whichever of its words is nearer the date
            return "future"
        return "present"
    if lower in _PAST_WORDS:
        if previous in _DETERMINERS:
            return None
        if lower in _PAST_AUXILIARIES and (following in _FUTURE_VERBS or (
                following == "been" and index + 2 < len(tokens) and tokens[index + 2].lower() in _FUTURE_VERBS)):
            return None  # "had planned concerts from July 13": a plan, its day may lie ahead
        if previous in ("has", "have", "is", "are", "am"):
            return None  # the auxiliary decided ("has been", "is given")
        return "past"
    if len(lower) > 4 and lower.endswith("ed") and lower not in _NOT_VERBS_ED and not lower.endswith("eed"):
        if previous in _DETERMINERS or previous in ("has", "have", "is", "are", "am", "being", "be") \
                or _MEASURE_ADJECTIVE.fullmatch(previous) or previous in _DEGREE_WORDS:
            return None
        return "past"
    return None


# A measure joined to its unit ("two-year", "10-day", "$30-million") modifies a noun: an -ed
# word after it is an adjective too ("a two-year extended mission"), not a past verb.
_MEASURE_ADJECTIVE = re.compile(_MEASURE.lower())
# A degree word grades an adjective: "the most detailed information" holds no past verb.
_DEGREE_WORDS = frozenset({"most", "more", "less", "least", "very", "highly"})


DATE_SLACK_DAYS = 2


def place_nearest(reference: date, month: int, day: int, tense: str | None, forward_cue: bool = False,
                  whole_month: bool = False) -> date:
    """A year-less month/day in the year nearest ``reference`` in the tense's direction
    (``choose_around``): "Delaying the Nov. 20 flight" in a December 1998 story is 1998-11-20,
    "As the Jan. 1 date approaches" 1999-01-01. ``whole_month``: a month counts as "on" the
    reference whenever the reference lies in it."""
    year = reference.year

    def candidate(y: int) -> date:
        return _safe_date(y, month, day) or date(y, month, 28)

    this_year = candidate(year)
    if whole_month:
        before = this_year if (month, 1) <= (reference.month, 1) else candidate(year - 1)
        after = this_year if (month, 1) >= (reference.month, 1) else candidate(year + 1)
        if (before.year, before.month) == (reference.year, reference.month) and tense != "future":
            return before  # "in March" written in March
        # a past month is as far back as its last day ("this year through August" in October)
        last_day = _add_months(before, 1) - timedelta(days=1)
        chosen = choose_around(reference, last_day, after, tense, forward_cue)
        return before if chosen == last_day else after
    else:
        before = this_year if this_year <= reference else candidate(year - 1)
        after = this_year if this_year >= reference else candidate(year + 1)
        if tense == "past" and (after - reference).days <= DATE_SLACK_DAYS:
            # "said on Oct. 26" in an article dated Oct. 25: the article's date is a day off (a
            # time zone, a wire's filing time), not the day a year back
            return after
    return choose_around(reference, before, after, tense, forward_cue)


def choose_around(reference: date, before: date, after: date, tense: str | None, forward_cue: bool = False) -> date:
    """Of the last occurrence on or before ``reference`` and the next on or after it, the one
    the tense points to.

    Future: the one after; a forward word right before the date ("by", "until", "payable",
    "effective", "as soon as"), whatever the verb ("asked it to respond by Oct. 31"): the one
    after unless the one before is four times nearer ("by Jan. 14" written on Jan. 15; "had
    taken the town by March 3" in May); past: the one before; prospective ("were planning to
    meet on Jan. 4"): the nearer; otherwise the nearer, the later one only when it is clearly nearer (under half the distance back, within 120 days): news
    mostly reports the past. (On TimeBank and half of AQUAINT, 7 of 9 year-less dates after a
    forward word and a past verb lie ahead, none behind.)
    """
    ahead, back = (after - reference).days, (reference - before).days
    if tense == "future":
        return after
    if tense == "prospective":
        return after if ahead < back else before
    if forward_cue:
        return before if back * 4 < ahead else after
    if tense == "past":
        return before
    return after if ahead * 2 < back and ahead <= 120 else before


def weekday_near(reference: date, weekday: int, tense: str | None, forward_cue: bool = False) -> date:
    """A weekday without a cue: the latest such day on or before ``reference`` (the article's
    own day when it falls on it), the next one after it when the governing verb is future, the
    nearest (today included) when it is a future seen from the past. After a forward word
    ("until Tuesday", "as early as Tuesday"): the next one (the day itself when it is the
    article's), or with a past verb the nearer of the last and the next."""
    ahead = (weekday - reference.weekday()) % 7
    back = (reference.weekday() - weekday) % 7
    if tense == "future":
        return reference + timedelta(days=ahead or 7)
    if tense == "prospective":  # seen from the past ("was planning to ride it Wednesday"): the nearest, today included
        return reference + timedelta(days=ahead) if ahead <= back else reference - timedelta(days=back)
    if forward_cue:
        if tense == "past" and back <= ahead:
            return reference - timedelta(days=back)
        return reference + timedelta(days=ahead)
    return reference - timedelta(days=back)



def _resolve_in_calendar(name: str, match: re.Match[str], text: str, ref: Reference | None) -> DateMention | None:
    """``_resolve``, guarded in this one place for all of its date arithmetic: near the
    calendar's ends ("tomorrow" of 9999-12-31, "last year" of 0001-01-01) the result
    lies outside years 1-9999, and ``date`` raises OverflowError or ValueError. Such a
    mention is kept but undated, as it would be without a reference."""
    try:
        return _resolve(name, match, text, ref)
    except (OverflowError, ValueError):
        if ref is None:
            raise  # nothing to do with the reference: a real bug, not the calendar's end
        return _resolve(name, match, text, None)


def _resolve(name: str, match: re.Match[str], text: str, ref: Reference | None) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.span()

    def mention(value: date | None, precision: str, kind: str) -> DateMention:
        return DateMention(start, end, match.group(0), value, precision, kind)

    if name in ("iso", "month_day_year", "day_month_year"):
        month = int(groups["mnum"]) if name == "iso" else _month_number(groups["month"])
        value = _safe_date(int(groups["year"]), month, int(groups["day"]))
        return mention(value, "day", "absolute") if value else None
    if name == "month_rel_year":
        return _resolve_month_rel_year(groups, ref, mention)
    if name == "month_year":
        year = int(groups["year"]) if groups["year"] else _century_of(int(groups["yy"]), ref)
        return mention(date(year, _month_number(groups["month"]), 1), "month", "absolute")
    if name == "year":
        return mention(date(int(groups["year"]), 1, 1), "year", "absolute")
    if name in ("month_day", "day_month", "weekday_paren"):
        month, day = _month_number(groups["month"]), int(groups["day"])
        if not 1 <= day <= _MAX_DAY[month]:
            return None
        tense = None if attributive(text, start, end) else _past_when_after(text, end) or clause_tense(text, start, end)
        # "delete the virus before December 13" written on December 7: a deadline days ahead, not
        # the day a year back ("before Dec. 1" written on Dec. 7 stays behind: ``choose_around``)
        forward = forward_word_before(text, start, tense) or bool(_BEFORE_WORD.search(text, max(0, start - 8), start))
        if _overdue(text, start):
            tense, forward = "past", False
        value = _place_in_year(ref, month, day, tense, forward)
        if value is not None and groups.get("weekday") and ref is not None and ref.precision == "day":
            value = year_of_weekday(value, WEEKDAYS[groups["weekday"].lower()], ref.date)
        return mention(value, "day", "partial")
    if name == "month":
        if groups["bare"] and (_NAME_BEFORE.search(text, max(0, start - 24), start) or _NAME_AFTER.match(text, end)):
            return None  # "said Navy Capt. Burt March", "said June Arnette": a name
        month = _month_number(groups["month"] or groups["bare"])
        cue = (groups.get("cue") or "").lower()
        # "last December", "next March", "this June" are counted from the article's own date, as
        # "last year" is: relative, so that no year carried from a nearby sentence moves them
        anchored = "relative" if cue in ("last", "next", "this") else "partial"
        if cue in ("next", "last"):
            return mention(_place_in_year(ref, month, 1, None, strict=cue), "month", anchored)
        if cue == "this":  # "elect House Republicans this November", written in July: this year's
            return mention(date(ref.date.year, month, 1) if ref else None, "month", anchored)
        # (the cue is part of the match: "postponed from June" is looked up before "June")
        forward = cue in ("by", "until", "till", "through") or forward_word_before(text, start) or (
            cue == "from" and forward_word_before(text, match.start("month")))
        tense = clause_tense(text, start, end)
        if _overdue(text, start):
            tense, forward = "past", False
        return mention(_place_in_year(ref, month, 1, tense, forward, whole_month=True), "month", anchored)
    if name == "weekday_ago":
        return _resolve_weekday_ago(groups, ref, mention)
    if name == "ago":
        return _resolve_ago(groups, ref, mention)
    if name == "in_days":
        if clause_tense(text, start, end) != "future":
            return None
        n = _count(groups)
        day_ref = _day(ref)
        if not n:
            return None
        if groups["unit"] == "day":
            return mention(day_ref + timedelta(days=n) if day_ref else None, "day", "relative")
        return mention(_monday(day_ref + timedelta(weeks=n)) if day_ref else None, "week", "relative")
    if name == "deictic":
        word = groups["word"].lower()
        if word.startswith(("last ", "next ")) and _THE_BEFORE.search(text, max(0, start - 5), start):
            # "over the next year", "in the last week": a span counted from now (or from the
            # narrative's day), not the calendar's next year or last week: no date to place
            return None
        return _resolve_deictic(word, ref, mention)
    if name == "weekday":
        return _resolve_weekday(groups, text, start, end, ref, mention)
    raise AssertionError(f"pattern without a resolver: {name}")


def _resolve_month_rel_year(groups: dict, ref: Reference | None, mention) -> DateMention | None:
    """ "September last year", "May 4 this year": the year is told, counted from the article's."""
    month = _month_number(groups["month"])
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= _MAX_DAY[month]:
        return None
    precision = "day" if day else "month"
    if ref is None:
        return mention(None, precision, "relative")
    year = ref.date.year + {"last": -1, "this": 0, "next": 1}[groups["rel"]]
    return mention(_safe_date(year, month, day or 1), precision, "relative")


# A deadline the clause says has passed: "should have completed the pullout by late March", "was
# supposed to pull back by March 28" (in a September article: that March, not the next; a forward
# word alone points ahead). Not "would have": in reported speech it is a plan seen from the past.
_OVERDUE = re.compile(
    r"\b(?:should|ought\s+to)\s+(?:not\s+|never\s+)?have\s+(?:been\s+)?[a-z]+\b|\b(?:was|were)\s+(?:not\s+)?supposed\s+to\b",
    re.IGNORECASE,
)


def _overdue(text: str, start: int) -> bool:
    """Whether the date's clause, left of it, says its deadline has passed (``_OVERDUE``)."""
    window = text[max(0, start - 200) : start]
    clause = window[_cut_left(window):]
    found = list(_OVERDUE.finditer(clause))
    return bool(found) and not _COORDINATION.search(clause, found[-1].end())


# "the night of July 16, when the plane crashed": the when-clause tells what happened on the
# date, and its past tense places it, whatever the tense of the clause naming the date
# ("the NTSB is likely to point to factors the night of July 16, when ... crashed").
_WHEN_AFTER = re.compile(r",\s+when\s+((?:[\w'-]+\s+){0,9}[\w'-]+)")


def _past_when_after(text: str, end: int) -> str | None:
    found = _WHEN_AFTER.match(text, end)
    if not found:
        return None
    words = found.group(1).split()
    for position, word in enumerate(words):
        if word in ("will", "would", "shall", "is", "are", "has", "have"):
            return None
        if word in ("was", "were") and words[position + 1 : position + 2] in (["to"], ["due"], ["scheduled"], ["set"]):
            return None  # "when its mission was to end": a future seen from the past, not a past event
        if word in _PAST_WORDS or (len(word) > 4 and word.endswith("ed") and word.islower()):
            return "past"
    return None


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _count(groups: dict) -> int | None:
    """The number of a mention's ``n`` group ("two", "12", "a couple of"); None for "several"."""
    n_text = groups["n"].lower().removesuffix(" of")
    return int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)


def _resolve_ago(groups: dict, ref: Reference | None, mention) -> DateMention | None:
    n = _count(groups)
    unit = groups["unit"]
    if not n:  # "several days ago" is a date we cannot place
        return None
    day_ref = _day(ref)
    if unit == "day":
        return mention(day_ref - timedelta(days=n) if day_ref else None, "day", "relative")
    if unit == "week":
        value = _monday(day_ref - timedelta(weeks=n)) if day_ref else None
        return mention(value, "week", "relative")
    if unit == "month":
        return mention(_add_months(day_ref, -n) if day_ref else None, "month", "relative")
    year = ref.date.year - n if ref else None
    return mention(date(year, 1, 1) if year else None, "year", "relative")


def _resolve_weekday_ago(groups: dict, ref: Reference | None, mention) -> DateMention | None:
    """ "a week ago Friday" written on a Friday is the Friday seven days back: the weekday on or
    before the reference, so many weeks earlier."""
    weeks = _count(groups)
    if not weeks:
        return None
    day_ref = _day(ref)
    if day_ref is None:
        return mention(None, "day", "relative")
    back = (day_ref.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
    return mention(day_ref - timedelta(days=back + 7 * weeks), "day", "relative")


def _resolve_deictic(word: str, ref: Reference | None, mention) -> DateMention:
    day_ref = _day(ref)
    offsets = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
               "yesterday": -1, "last night": -1, "tomorrow": 1}
    if word in offsets:
        return mention(day_ref + timedelta(days=offsets[word]) if day_ref else None, "day", "relative")
    unit = word.rsplit(" ", 1)[-1]
    shift = -1 if word.startswith("last") else 1 if word.startswith("next") else 0
    if unit == "week":
        value = _monday(day_ref + timedelta(weeks=shift)) if day_ref else None
        return mention(value, "week", "relative")
    if unit == "month":
        return mention(_add_months(day_ref, shift) if day_ref else None, "month", "relative")
    return mention(date(ref.date.year + shift, 1, 1) if ref else None, "year", "relative")


# A weekday written as a name: "a dog named Friday", "the couple's dog, Friday, who was often
# seen with them" (a day is never "who"). Not "called": "he called Friday" is a telephone call.
_NAMED_BEFORE = re.compile(r"\b(?:named|nicknamed|dubbed)\s+$")
_WHO_AFTER = re.compile(r",?\s+who\b")


def _resolve_weekday(groups: dict, text: str, start: int, end: int, ref: Reference | None, mention):
    if not groups.get("cue") and (_NAMED_BEFORE.search(text, max(0, start - 12), start) or _WHO_AFTER.match(text, end)):
        return None
    day_ref = _day(ref)
    if day_ref is None:
        return mention(None, "day", "relative")
    weekday = WEEKDAYS[groups["weekday"].lower()]
    cue = (groups.get("cue") or "").strip().lower()
    back = (day_ref.weekday() - weekday) % 7
    if cue == "last":
        value = day_ref - timedelta(days=back or 7)
    elif cue == "next":
        value = day_ref + timedelta(days=(weekday - day_ref.weekday()) % 7 or 7)
    elif cue == "this":
        # "this Friday": the one in the reference's week
        value = day_ref + timedelta(days=weekday - day_ref.weekday())
    else:
        tense = clause_tense(text, start, end)
        if tense == "future" and weekday == day_ref.weekday():
            # "plans to visit Napster on Wednesday" in a Wednesday paper: written the day before for
            # that day, or a week ahead; the words do not settle which
            return mention(None, "day", "relative")
        value = weekday_near(day_ref, weekday, tense, forward_word_before(text, start, tense))
    return mention(value, "day", "relative")


def _place_in_year(ref: Reference | None, month: int, day: int, tense: str | None, forward: bool = False,
                   strict: str = "", whole_month: bool = False) -> date | None:
    """The year of a year-less month/day (``place_nearest``); ``strict`` "next"/"last": the next
    such month after the reference's, the last one before it."""
    if ref is None:
        return None
    year = ref.date.year
    if ref.precision == "year":
        return _safe_date(year, month, day)
    if strict == "next":
        return date(year if month > ref.date.month else year + 1, month, 1)
    if strict == "last":
        return date(year if month < ref.date.month else year - 1, month, 1)
    return place_nearest(ref.date, month, day, tense, forward, whole_month)


# A capitalized word right before a bare month name that is no function word: the month is a
# surname ("Capt. Burt March").
_NAME_BEFORE = re.compile(
    r"\b(?!(?:The|In|On|At|By|Of|And|But|Or|For|From|To|Since|Until|During|Through|"
    r"Before|After|Last|Next|This|Early|Late|Mid|Each|Every|Since)\b)[A-Z][a-z]+\s+$")
# (a surname may start "O'" or "Mc": "said June O'Neill, completing her term as director of the CBO";
# a middle initial may stand between: "August B. Kreis")
_NAME_AFTER = re.compile(
    rf"\s+(?:(?!(?:{_WEEKDAY_FULL}|I|The|It|He|She|They|We|In|A|An|This|That|On|At|By)\b)(?:[A-Z]['\u2019]|Ma?c)?[A-Z][a-z]+\b"
    r"|[A-Z]\.\s*[A-Z])")  # or an initial: "wrote August B. Kreis III"
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|last|next)\s+$|'s\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|on|at|by|for|from|with|as|when|that|which|was|were|is|are|will|would)\b)[a-z]")


# Quotation marks as the cleaned articles write them: ``...'' (wire copy), "..." and curly quotes.
_OPENING_QUOTES = re.compile(r"``|\u201c")
_CLOSING_QUOTES = re.compile(r"''|\u201d")


def inside_quotation(text: str, start: int, sentence_start: int = 0) -> bool:
    """Whether ``text[start]`` lies inside a direct quotation opened in its sentence (from
    ``sentence_start``): more quotes opened than closed before it, or an odd number of '"'."""
    before = text[sentence_start:start]
    opened = len(_OPENING_QUOTES.findall(before)) - len(_CLOSING_QUOTES.findall(before))
    return opened > 0 or before.count('"') % 2 == 1


def attributive(text: str, start: int, end: int) -> bool:
    """Whether a date modifies a noun ("the Nov. 20 flight", "the Jan. 14 deadline"): the
    clause's verb then does not place it in time (``clause_tense`` is not read)."""
    if not _ATTRIBUTIVE_BEFORE.search(text, max(0, start - 8), start):
        return False
    # a full date is closed by a comma before its noun: "the July 16, 1999, accident"
    after = end + 1 if text.startswith(",", end) and text[start:end][-4:].isdigit() else end
    return bool(_NOUN_AFTER.match(text, after))


# ---------------------------------------------------------------- the clause a date sits in

# Words opening a clause that hangs on the sentence's main one: a date inside it dates a side
# event ("the Kursk, which was launched in 1995, carries", "hopes are fading after signals
# stopped on Tuesday"). "as" only before a pronoun ("as it took off on Tuesday").
# (first letters spelled out and a first-character lookahead: 3x faster than IGNORECASE)
_SUBORDINATE_OPENER = re.compile(
    r"(?=[wbatsuidWBATSUID])\b(?:[Ww]h(?:om?|ose|ich|ere|en|ether|y|ile|ereas)|[Bb]ecause|[Aa]l?though|[Tt]hough|"
    r"[Uu]nless|[Ii]f|[Ss]ince|[Uu]ntil|[Tt]ill|[Aa]fter|[Bb]efore|[Tt]hat|"
    r"[Aa]s(?=\s+(?:it|he|she|they|we|I|you)\b)|(?:[Aa]ftermath|[Ww]ake)\s+of|[Tt]han|"
    # a concession ("Despite skepticism about a currency as scheduled on January 1, 1999,
    # preparations have begun"); "as" opening a clause of its own ("to study it as the currency is
    # set to go into circulation on January 1") or a participle ("as scheduled on ...")
    r"[Dd]espite|[Ii]n\s+spite\s+of|"
    r"[Aa]s(?=\s+(?:(?:the|a|an|its|their|his|her)\s+(?:[\w'-]+\s+){0,4}(?:is|are|was|were|will|would|has|have|had)"
    r"|scheduled|planned|expected|agreed)\b))\b"
)
_RELATIVE_OPENERS = frozenset({"who", "whom", "whose", "which", "where", "that"})
# A date right after "since" or "until" bounds a state ("stranded since last Saturday", "Until
# Tuesday's crash, passengers could feel..."): no event happened on it.
_STATE_BEFORE = re.compile(r"\b(?P<word>since|until|till|from|through)\s+(?:(?:the|last|early|late|mid)\s+)?$", re.IGNORECASE)
_LEADING_CUE = re.compile(r"(?:[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom|[Tt]hrough)\s+")
# A participle after a comma that tells an earlier event again ("accused German police of racism
# today, repeating a similar charge in 1995"): its date is that event's.
_RETOLD_PHRASE = re.compile(
    r",\s+(?:\w+ly\s+)?(?:repeating|echoing|recalling|reviving|renewing|reprising|mirroring)\b[^,]*$")
# A figure compared with one made before ("surpluses far exceeding those projected by Congress
# 15 months ago"): the date is the earlier figure's.
_EARLIER_ONES = re.compile(r"\b(?:those|the ones)\s+(?:\w+ly\s+)?(?:[a-z]+ed|made|given|set)\b[^,;]*$", re.IGNORECASE)
# What "than" compares with when a clause ("than expected a year ago", "than it was in May").
_COMPARED_CLAUSE = re.compile(
    r"\s+(?:(?:previously|initially|originally|first|earlier)\s+)?(?:[a-z]{3,}ed|it|he|she|they|we|I|you)\b"
    # "heavier than on Thursday and Friday": the days compared with
    r"|\s+(?:on|in|during)\s+(?:[A-Z]\w+\s+(?:and|or)\s+)?$")
# The figures of a change named by their years ("rose from 12 percent in 1991 to 17.9 percent last
# year", "from about one in eight in 1991 to nearly one in five"): the years of the measures, not an
# event's day (DUC 2007 D0724F, unseen reading: such sentences went to 1991, the background).
_FIGURE = (r"(?:(?:about|around|nearly|roughly|almost|some|just|over|under)\s+)?(?:\$?\d[\d.,]*(?:\s*(?:percent|per\s+cent"
           r"|%|million|billion))?|(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+\w+)")
_FROM_FIGURE_IN = re.compile(r"\bfrom\s+" + _FIGURE + r"\s+(?:in\s+)?$")
_TO_FIGURE = re.compile(r"\bfrom\s+" + _FIGURE + r"\s+in\s+[^,;]{2,30}?\s+to\s+" + _FIGURE + r"\s+(?:in\s+)?$")


# The base a figure is compared with: "about 400, slightly up from 306 in 1998", "down from 23
# prosecutions in 1998" (D0634G, unseen reading: the 1999 count dated 1998).
_BASE_FIGURE = re.compile(
    r"\b(?:up|down|higher|lower|rising|falling|compared\s+(?:with|to))\s+(?:sharply\s+|slightly\s+)?from\s+"
    + _FIGURE + r"(?:\s+[a-z]+){0,2}\s+(?:in\s+)?$")


def _figure_range_end(left: str, after: str) -> bool:
    """Whether the date ends a figure of a change ("from 12 percent in [1991] to" or "... to
    17.9 percent [last year]") or dates the base a figure is compared with ("up from 306 in [1998]")."""
    return bool((_FROM_FIGURE_IN.search(left) and after.lstrip().startswith("to ")) or _TO_FIGURE.search(left)
                or _BASE_FIGURE.search(left))


# A period named by its bounds ("the fiscal year beginning Oct. 1"): the date is the period's.
_PERIOD_BOUND = re.compile(
    r"\b(?:year|period|quarter|term|season|session|month|week)\s+(?:beginning|starting|ending|that\s+"
    r"(?:begins|starts|ends|began|started|ended|will\s+begin|will\s+end))\s+(?:on\s+|in\s+)?$", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:has|have|had)\b", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s*(?:-|to\b|until\b|through\b|till\b)")
# "that" after these opens what was said or thought: the reported event is the news, no side event.
_COMPLEMENT_TAKERS = frozenset({
    "said", "says", "say", "saying", "told", "tell", "tells", "announced", "announce", "announces", "reported",
    "reports", "report", "reporting", "believe", "believes", "believed", "stressed", "added", "noted", "warned",
    "indicated", "indicates", "show", "shows", "showed", "shown", "insisted", "claimed", "claims", "confirmed",
    "denied", "learned", "knew", "know", "knows", "think", "thinks", "thought", "hope", "hopes", "hoped", "fear",
    "fears", "feared", "estimate", "estimates", "estimated", "suggested", "suggests", "agreed", "clear", "and",
    "word", "news", "statement", "evidence", "fact", "ruled", "concluded", "found", "revealed", "predicted",
})
# A clause opened by a past participle after a comma is a parenthesis ("The Kursk, launched in 1995, carries"),
# an adverb before it too ("the race, now moved to March": not the announcement's date).
_PARTICIPLE_PHRASE = re.compile(r",\s+(?:(?:\w+ly|now|since|later|then|already|also|still|first|once|just)\s+)?(?P<verb>[a-z]+ed|born|built|made|held|sold|given|taken|known|seen|found)\b[^,]*$")
# An equal comparison's second term: "as high as last year's record" (D0643G: the snowpack of now dated 1998).
# ("as early as Wednesday", "as recently as 1995" are the date itself, no comparison)
_AS_AS = re.compile(r"\bas\s+(?!(?:early|soon|late|recently|long|far|of)\b)(?:\w+\s+){1,2}as\s+(?:in\s+|on\s+)?$")
_PREPOSITIONS_TOO = frozenset({"after", "before", "since", "until", "till"})
_ADJECTIVES_ED = frozenset({"hundred", "kindred", "sacred", "naked", "wicked", "beloved", "red", "unprecedented"})
_COORDINATION = re.compile(r",\s+(?:and|but)\s|;")
_NEGATION = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)


def clause_role(text: str, start: int, end: int, sentence_start: int = 0) -> str:
    """How a date stands in its sentence (``text[sentence_start:]``): "main" when it dates the
    main clause's event, "attributive" when it names another event by its date ("Tuesday's
    crash", "the Aug. 7 bombing"), "subordinate" when it dates a side event: inside a relative
    or adverbial clause ("which was completed in 1994", "after signals stopped on Tuesday",
    "as it took off on Tuesday", up to the comma that closes it), a parenthesis opened by a
    participle ("the Kursk, launched in 1995, carries"), or bounding a state ("since last
    Saturday", "until Tuesday"). A clause
    opener followed by two verbs has closed before the date ("Talks that could lead to a deal
    began on Tuesday"); "that" after a verb of saying opens the news itself ("said Tuesday that
    the sub sank on Saturday"). Read from the words, like ``clause_tense``: no parse."""
    left = text[max(sentence_start, start - 300) : start]
    cue = _LEADING_CUE.match(text, start, end)  # the patterns take "since 1993", "until July" whole
    if _bounds_a_state(text, left + (cue.group(0) if cue else ""), end):
        return "subordinate"
    if (_participle_phrase(left) or _RETOLD_PHRASE.search(left) or _PERIOD_BOUND.search(left) or _AS_AS.search(left)
            or _EARLIER_ONES.search(left) or _figure_range_end(left, text[end : end + 4])):
        return "subordinate"
    for opener in reversed(list(_SUBORDINATE_OPENER.finditer(left))):
        word = opener.group(0).lower()
        if word == "when" or (word == "that" and _complement_that(left, opener.start())):
            continue  # "when" gives the time of what it hangs on; "said that ..." is the news
        inside = left[opener.end():]
        if word == "than" and not _COMPARED_CLAUSE.match(inside):
            continue  # "more than a year ago", "more than 190 were injured Thursday": no clause compared
        if word in _PREPOSITIONS_TOO and not _verb_groups(inside):
            if word in ("after", "before") or _NEGATION.search(left):
                continue  # a preposition: "potentially before 13 August", "soon after takeoff in 1996"
            return "subordinate"  # "until the recovery of the recorder on Tuesday, nothing had been known"
        if _closed(inside, relative=word in _RELATIVE_OPENERS):
            break  # the date's verb is the main one
        return "subordinate"
    if text.startswith("'s", end) or text.startswith("’s", end) or attributive(text, start, end):
        return "attributive"
    return "main"


def _bounds_a_state(text: str, left: str, end: int) -> bool:
    """ "stranded since last Saturday", "Until Tuesday's crash, ...", "no signals from Wednesday"
    (after a perfect, not a range "from Monday to Friday"); but "not expected until Saturday"
    says when it happens."""
    state = _STATE_BEFORE.search(left[-24:])
    if not state:
        return False
    word = state.group("word").lower()
    if word == "from":
        return bool(_PERFECT.search(left)) and not _RANGE_AFTER.match(text, end)
    return not (word in ("until", "till") and _NEGATION.search(left))


def _closed(inside: str, relative: bool) -> bool:
    """Whether the clause an opener began has ended before the date: a coordinated clause
    (", but", ", and", ";"), a comma or dash and a verb after it ("Klebanov, who leads the
    commission, said Thursday"), or for a relative clause two verbs ("Talks that could lead to a
    deal began on Tuesday")."""
    if _COORDINATION.search(inside):
        return True
    stop = max(inside.rfind(","), inside.rfind("--"), inside.rfind(")"))
    if stop >= 0 and _verb_groups(inside[stop:]):
        return True
    return relative and _verb_groups(inside) >= 2


def _participle_phrase(left: str) -> bool:
    """Whether the date sits in a parenthesis opened by a past participle: "The Kursk, launched
    in 1995, carries" (the comma before "launched" opens it: an even number of commas precede
    it in its clause), not "Jim Hall, chairman of the board, stressed at Wednesday's briefing"."""
    comma = left.rfind(",")
    if comma < 0:
        return False
    phrase = _PARTICIPLE_PHRASE.match(left, comma)
    if not phrase or phrase.group("verb").lower() in _ADJECTIVES_ED:
        return False
    boundary = max((m.end() for m in _COORDINATION.finditer(left, 0, comma)), default=0)
    return left.count(",", boundary, comma) % 2 == 0


def _complement_that(left: str, index: int) -> bool:
    """Whether "that" at ``left[index]`` opens what someone said or thought, not a relative clause."""
    before = left[max(0, index - 40) : index].split()
    if not before:
        return True
    word = before[-1].strip(",").lower()
    return word in _COMPLEMENT_TAKERS or word.endswith("ed") or before[-1][:1].isupper() or before[-1][:1].isdigit()


def _verb_groups(span: str) -> int:
    """How many runs of verb forms ``span`` holds ("could lead ... began": 2; "was completed": 1)."""
    groups, in_group, previous = 0, False, ""
    for token in _CLAUSE_TOKEN.findall(span):
        lower = token.lower()
        verb = (lower in _PAST_WORDS or lower in _PRESENT_WORDS or lower in _FUTURE_WORDS or (
            len(lower) > 4 and lower.endswith("ed") and lower not in _NOT_VERBS_ED and previous not in _DETERMINERS))
        if verb and not in_group and previous not in ("and", "or"):
            groups += 1  # ("which made him president and moved the vote": one clause)
        in_group = verb or (in_group and lower in ("not", "n't", "also", "still", "just", "already", "never"))
        previous = lower
    return groups


def forward_word_before(text: str, start: int, tense: str | None = None) -> bool:
    """Whether a word right before ``text[start:]`` points forward: "by", "until", "payable",
    "effective". "By" opening a sentence told in the past (``tense``) frames what had happened
    by then ("By Saturday, major corporations were shutting down"): no deadline ahead."""
    if not _FORWARD_BEFORE.search(text, max(0, start - 48), start):
        return tense != "past" and _BEFORE_AN_EVENT.search(text, max(0, start - 48), start) is not None
    return not (tense == "past" and _OPENING_BY.search(text, max(0, start - 8), start))


_BEFORE_WORD = re.compile(r"\b[Bb]efore\s+$")
# A step before an event, told in the present or future ("gives Microsoft the final word before a
# hearing on Wednesday"): the event lies ahead; told in the past ("spoke before a hearing on
# Wednesday") it may lie either side, and the verb decides.
_BEFORE_AN_EVENT = re.compile(r"\bbefore\s+(?:a|an|the|its|their|his|her)(?:\s+[\w'-]+){1,3}\s+(?:on|in)\s+$",
                              re.IGNORECASE)
# "By" opening a sentence (or a paragraph) right before the date.
_OPENING_BY = re.compile(r"(?:^|(?<=[.!?\n])|(?<=[.!?][\"'”’])|(?<=^[\"'“‘`]))\s*By\s+$")


def year_of_weekday(value: date, weekday: int, reference: date) -> date:
    """Of the date and its neighbours a year apart, the one on ``weekday`` (within a year of the reference)."""
    for year in (value.year, value.year + 1, value.year - 1):
        other = _safe_date(year, value.month, value.day)
        if other and other.weekday() == weekday and abs((other - reference).days) < 366:
            return other
    return value


def _century_of(two_digits: int, ref: Reference | None) -> int:
    """The year "'96" names: the one of its last two digits nearest the reference (else 1950-2049)."""
    pivot = ref.date.year if ref else 2000
    return min((century + two_digits for century in (1900, 2000)), key=lambda year: abs(year - pivot))


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(ref: Reference | None) -> date | None:
    return ref.date if ref and ref.precision == "day" else None


def _monday(value: date) -> date:
    return value - timedelta(days=value.weekday())


def _add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
