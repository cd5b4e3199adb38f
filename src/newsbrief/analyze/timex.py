"""Time expressions tagged and normalized as TimeML TIMEX3 (TempEval-3 Task A).

``find_timexes(text, dct) -> list[Timex]``: every time expression of a news text, in text
order, with its TimeML ``type`` and ``value`` resolved against the document creation
time ``dct`` (the article's date):

    DATE      "2019-01-22" "2019-01" "2019-W04" "1998-Q1" "1998-SU" "199" (decade) "19" (century)
              "PRESENT_REF" "PAST_REF" "FUTURE_REF"
    TIME      "1998-01-08T18:30" "1998-01-08TMO" (morning; TAF TEV TNI)
    DURATION  "P3M" "PT2H" "P1W" "PXY" (some years)
    SET       "XXXX-WXX-1" (every Monday) "P1D" (daily: value and ``freq``)

Pure regular expressions and rules, like ``dates.py``, whose month/weekday tables, year
placement and tense test it reuses; ``dates.find_dates`` stays the timeline's finder of
date *points* (no durations, sets or vague references). Spans follow TimeML: the
expression with its own modifiers ("early", "nearly", "the past") but not the preposition
before it ("in", "on", "since").

Resolution (the rules of issue 14, shared with ``dates.py``; see docs/timeline.md):
    - tense comes from the verb forms of the clause around the expression
      (``dates.clause_tense``), not from cue words nearby;
    - a weekday is the most recent such day on or before the article date (the article's
      own day when it falls on it), the next one after it when the verb is future or after a
      forward word ("until Tuesday");
    - a month or day without a year takes the year nearest the article date in the tense's
      direction (``dates.place_nearest``): "Delaying the Nov. 20 flight" in a December 1998
      story is 1998-11-20, "As the Jan. 1 date approaches" 1999-01-01, "by Jan. 14" ahead
      unless just passed;
    - an explicit date beside a weekday wins ("Sunday, Dec. 20"), its weekday picks the year.
Candidates of all patterns are collected and the longest non-overlapping ones kept; a
candidate whose resolution declines leaves its place to shorter ones.
Financial news: once a text names a quarter ("third-quarter profit"), "a year earlier",
"the year-ago quarter", "the latest period" are that quarter (a year before), as TimeBank
annotates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import (
    MONTHS,
    WEEKDAYS,
    attributive,
    choose_around,
    clause_tense,
    forward_word_before,
    place_nearest,
    weekday_near,
    year_of_weekday,
)

__all__ = ["Timex", "find_timexes", "parse_number"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3: ``text[start:end] == surface``; ``type`` DATE, TIME, DURATION or SET."""

    start: int
    end: int
    surface: str
    type: str
    value: str
    mod: str | None = None
    freq: str | None = None


# ------------------------------------------------------------------ numbers

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}
_VAGUE = ("few", "several", "many", "some", "a number of", "numerous", "a couple of", "couple of")

_SMALL_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_UNIT_DIGIT = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUMBER = (
    rf"(?:(?:{_TENS_RE})(?:[\s-](?:{_UNIT_DIGIT}))?|{_SMALL_RE})"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:(?:{_TENS_RE})(?:[\s-](?:{_UNIT_DIGIT}))?|{_SMALL_RE}))?)?"
)
# "three", "twenty four", "a hundred", "2 1/2", "1.5", "a couple of", "several", "a few"
_NUM = (
    rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|\d+\s*-\s*(?=\w)|(?:a|one)\s+(?:hundred|thousand)|{_WORD_NUMBER}|"
    r"a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|dozens\s+of|a\s+few|few|several|many|some|a\s+number\s+of|"
    r"a|an)"
)
_ORDINAL_RE = rf"(?:{'|'.join(sorted(_ORDINALS, key=len, reverse=True))}|(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"


def parse_number(text: str) -> float | None:
    """The number a phrase spells ("twenty four" 24, "2 1/2" 2.5, "a" 1); None when vague ("several")."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    phrase = " ".join(words)
    if phrase in ("a couple of", "a couple", "couple of"):
        return 2
    if phrase == "a dozen":
        return 12
    if _is_vague(phrase):
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
            seen = True
        elif re.fullmatch(r"\d/\d", word):
            num, den = word.split("/")
            current += int(num) / int(den)
            seen = True
        elif word in ("a", "an"):
            current += 1 if not seen else 0
            seen = True
        elif word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word == "and":
            continue
        else:
            return None
    return total + current if seen else None


def _is_vague(phrase: str) -> bool:
    phrase = re.sub(r"^an?\s+", "", phrase.lower().strip())
    return any(phrase == v or phrase.startswith(v + " ") for v in _VAGUE) or phrase.startswith(("dozens", "number of", "few", "couple"))


def _year_words(text: str) -> int | None:
    """ "nineteen ninety-six" 1996, "two thousand" 2000, "two thousand and one" 2001."""
    words = text.lower().replace("-", " ").split()
    if len(words) >= 2 and words[0] in _SMALL and words[0] != "zero" and 10 <= _SMALL[words[0]] <= 20:
        rest = parse_number(" ".join(words[1:]))
        if rest is not None and rest < 100:
            return _SMALL[words[0]] * 100 + int(rest)
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


# ------------------------------------------------------------------ patterns

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_FULL_MONTH}|{_ABBR_MONTH})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
_TENS_WORDS = "(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_YEAR_WORDS = (
    rf"(?:(?:nineteen|eighteen|twenty)[\s-]+(?:{_TENS_WORDS}(?:[\s-](?:{_UNIT_DIGIT}))?|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine)))"
)
_YEAR2000_WORDS = rf"(?:two\s+thousand(?:\s+(?:and\s+)?(?:{_SMALL_RE}|{_TENS_WORDS}(?:[\s-](?:{_UNIT_DIGIT}))?))?)"
_DECADE_WORDS = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centuries|century|millennium|millennia)"
_UNIT_SG = r"(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century)"
_APPROX = (
    r"(?:(?:about|around|approximately|roughly|some|nearly|almost|close\s+to|more\s+than|less\s+than|fewer\s+than|"
    r"over|under|up\s+to|at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|barely|"
    r"well\s+over|just\s+over|just\s+under|the\s+better\s+part\s+of)\s+)"
)
_CLOCK = (
    r"\b(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|AM\b|PM\b)|(?:[01]?\d|2[0-3]):[0-5]\d\b|"
    r"noon|midnight|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o'clock)"
)
_ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\s+time))?"
_MODIFIER = r"(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"

_COUNT_NOUNS = (
    r"people|persons|troops|soldiers|men|women|children|cases|dead|deaths|workers|times|votes|members|students|"
    r"employees|jobs|shares|cars|homes|houses|units|miles|feet|pounds|tons|acres|points|seats|copies|barrels|"
    r"refugees|prisoners|patients|officers|police|protesters|passengers|residents|delegates|killed|injured|"
    r"kilometers|meters|dollars|yen|francs|marks|planes|aircraft|vehicles|tanks|guns|rounds|words|pages"
)

# (name, pattern). The timex is the group "t" when present, else the whole match. All
# candidates are collected, then the longest non-overlapping ones win (earlier names on ties).
_PATTERN_TEXTS: tuple[tuple[str, str], ...] = (
    # ---- clock times, with their day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "noon Thursday"
    ("clock", rf"(?P<t>(?:{_APPROX})?(?P<clock>{_CLOCK}){_ZONE}"
              rf"(?:,?\s+(?:on\s+)?(?P<day>{_WEEKDAY}|(?i:today|yesterday|tomorrow)|"
              rf"{_MONTH}\s+{_DAYNUM}\b(?:,?\s*{_YEAR4})?))?"
              rf"(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?)"),
    ("day_clock", rf"(?P<t>(?P<day>{_WEEKDAY}|(?i:today|yesterday|tomorrow))(?:\s+(?P<pod>(?i:morning|"
                  rf"afternoon|evening|night)))?,?\s+at\s+(?P<clock>{_CLOCK}){_ZONE})"),
    # ---- full dates
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b(?!-\d)"),
    ("numeric", r"\b(?P<mnum>1[0-2]|0?[1-9])/(?P<dnum>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d|\d\d)\b(?!/)"),
    ("month_day_year",
     rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?\b(?P<month>{_MONTH})\s+(?P<day>{_DAYNUM})\b,?\s*(?:of\s+)?(?P<year>{_YEAR4})\b"),
    ("day_month_year",
     rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?\b(?:the\s+)?(?P<day>{_DAYNUM})\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR4})\b"),
    ("month_day",
     rf"(?:(?P<cue>(?i:this\s+coming|this|next|last|early|late|earlier|later))\s+)?(?:(?P<weekday>{_WEEKDAY}),?\s+)?"
     rf"\b(?P<month>{_MONTH})\s+(?:(?P<day>{_DAYNUM})|the\s+(?P<ordinal>{_ORDINAL_RE})|(?P<ordword>{_ORDINAL_RE}))\b"
     rf"(?!\s*(?:-|\d|%|(?i:percent)))(?!:\d)"),
    ("day_month", rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?\b(?:the\s+)?(?P<day>{_DAYNUM})\s+(?:of\s+)?(?P<month>{_MONTH})\b"),
    # ---- months and years
    ("month_year",
     rf"(?:(?P<mod>{_MODIFIER})[\s-]+)?\b(?P<month>{_MONTH})(?:\s*,\s*|\s+of\s+|\s+)(?:(?P<year>{_YEAR4})\b|(?P<yearw>(?i:{_YEAR_WORDS}))\b)"),
    ("month_rel",
     rf"(?:(?P<mod>{_MODIFIER})[\s-]+)?\b(?P<month>{_MONTH})\s+(?P<rel>(?i:this|last|next))\s+year\b"),
    ("month",
     rf"(?:(?P<mod>(?i:{_MODIFIER}))[\s-]+|(?P<cue>(?i:last|next|this|this\s+past|"
     rf"this\s+coming|(?:the\s+)?(?:previous|following)))\s+)?"
     rf"\b(?P<month>{_FULL_MONTH}|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)(?![\w-])"),
    ("fiscal_year", rf"(?P<t>(?i:fiscal(?:\s+year)?)[\s-]+(?P<year>{_YEAR4}|'\d\d)\b)"),
    ("year_words", rf"(?P<t>(?:(?i:the\s+year)\s+)?(?P<yearw>(?i:{_YEAR_WORDS}|{_YEAR2000_WORDS})))\b"),
    ("year",
     rf"(?<![\$#\d.,/-])(?P<t>(?:(?P<mod>(?i:{_MODIFIER}))[\s-]+)?(?:(?i:the\s+year)\s+)?(?P<year>{_YEAR4}))\b"
     rf"(?!\s*(?:%|(?i:percent)|,\d|\.\d|-\d|/\d|:\d))(?!\s+(?i:{_COUNT_NOUNS})\b)(?!-(?:year|month|day|week)\b)(?!\w)"),
    ("decade",
     rf"(?<![\w$#])(?P<t>(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?:(?P<dnum>(?:1[5-9]|20)\d0)'?s|'(?P<dshort>\d0)s|(?P<dword>(?i:{_DECADE_WORDS}))))\b"),
    ("century",
     rf"\b(?P<t>(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_RE}|twenty-first)[\s-]+(?i:century))(?!-)\b"),
    ("century_rel", r"\b(?P<t>(?i:(?:the\s+)?(?P<rel>this|last|next|previous|past|"
                    r"coming|new)\s+(?:century|millennium)))\b"),
    # ---- quarters, halves, seasons
    ("quarter",
     rf"\b(?P<t>(?:(?P<det>(?i:the|this|that|last|next|its|(?P<yearpos>{_YEAR4}|(?i:this|last|next)\s+year)'s))\s+)?"
     rf"(?:(?P<year0>{_YEAR4})\s+)?"
     rf"(?:(?P<fiscal>(?i:fiscal|current|comparable|same|latest|corresponding|year-ago|year-earlier))[\s-]+)*"
     rf"(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))[\s-]+(?i:(?:fiscal\s+)?quarter)"
     rf"(?:\s+(?:(?i:of)\s+)?(?:(?P<year>{_YEAR4})\b|(?i:(?P<of>this|last|next|the)\s+(?:fiscal\s+)?year))|(?i:\s+a\s+year\s+(?:ago|earlier)))?)(?!s)\b"),
    ("year_period", rf"\b(?P<t>(?i:the)\s+(?P<year>{_YEAR4})\s+(?i:(?P<unit>period|quarter)))\b"),
    ("half",
     rf"\b(?P<t>(?i:the\s+)?(?:(?P<det>(?i:this|last|next|(?P<yearpos>{_YEAR4})'s))\s+)?(?P<h>(?i:first|"
     rf"second|last|latter))[\s-]+(?i:half)"
     rf"(?:\s+(?i:of)\s+(?:(?P<year>{_YEAR4})\b|(?i:(?P<of>this|last|next|the)\s+(?:fiscal\s+)?year))))"),
    ("half_adj", r"\b(?P<t>(?P<h>(?i:first|second))-half)\b"),
    ("the_quarter",
     r"\b(?P<t>(?i:(?:the|this|last|next|that)\s+(?:(?P<kind>latest|current|"
     r"previous|recent|just-ended|comparable|same|year-ago|year-earlier|"
     r""
     r"corresponding|fiscal|prior)[\s-]+)*(?P<unit>quarter|period)(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year|a\s+year\s+before))?))\b(?!s)"),
    ("season",
     rf"\b(?P<t>(?i:(?:(?P<cue>this|last|next|this\s+past|this\s+coming|the|"
     rf"early|late|mid)[\s-]+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>{_SEASON}))"
     rf"(?:\s+(?:(?i:of)\s+)?(?:(?P<year>{_YEAR4})|(?P<yearw>(?i:{_YEAR_WORDS}))))?)\b(?!-)"),
    # ---- relative days, weeks, months, years
    ("deictic_time",
     r"\b(?P<t>(?i:(?:(?P<mod>early|late|earlier|later)\s+)?(?P<day>today|yesterday|tomorrow|this|last|tonight)(?:\s+(?P<pod>morning|afternoon|evening|night))?))\b"),
    ("rel_unit",
     r"\b(?P<t>(?i:(?:(?P<mod>early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|"
     r"the\s+start\s+of|the\s+middle\s+of|"
     r"the\s+rest\s+of|the\s+remainder\s+of|sometime|some\s+time)\s+)?"
     r"(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+past|the\s+coming|"
     r"the\s+current|the\s+previous|the\s+following|that|the\s+same)\s+"
     r"(?P<unit>week|weekend|month|year|decade)))\b(?!-)"),
    ("in_the_unit",
     r"\b(?P<t>(?i:(?P<mod>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)))\b"),
    ("the_unit",
     r"(?<![\w-])(?P<t>(?i:(?:(?P<mod>the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)\s+)?the\s+(?P<unit>day|week|weekend|month|year)))\b(?!-)"),
    ("ago",
     rf"\b(?P<t>(?i:(?:{_APPROX})?(?P<n>{_NUM})\s*(?P<unit>{_UNIT})(?:\s+or\s+(?:so|two|more))?\s+(?P<dir>ago|earlier|before|from\s+now|hence)))\b"),
    ("year_end", r"\b(?P<t>(?i:(?:around\s+)?(?:(?P<rel>this|last|next)\s+)?year(?:'s)?[\s-]+end))\b"),
    ("full_year", r"\b(?P<t>(?i:the\s+(?:(?P<kind>full|current|latest|previous|"
                  r"prior|last|next|new|coming)\s+)?(?P<fiscal>fiscal\s+)?year))\b(?!-)"),
    ("term", r"\b(?P<t>(?i:the\s+(?P<kind>near|short|long|medium)\s+term))\b"),
    ("vague_ago", r"\b(?P<t>(?i:(?:just\s+|only\s+)?(?P<unit>days|weeks|months|years|decades)\s+ago))\b"),
    ("year_earlier", r"\b(?P<t>(?i:year-(?:earlier|ago)|year\s+earlier|year\s+ago))\b"),
    # ---- holidays: "Thanksgiving Day", "Christmas Eve", "Easter 1999"
    ("holiday",
     rf"\b(?P<t>(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|"
     r"Election\s+Day|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Valentine's\s+Day|Halloween|"
     r"Easter(?:\s+Sunday|\s+Monday)?|Good\s+Friday|Boxing\s+Day|Columbus\s+Day|Mother's\s+Day|Father's\s+Day|"
     r"Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Presidents'?\s+Day|Bastille\s+Day)"
     rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR4}))?)(?![\w'-])"),
    # ---- weekdays
    ("weekday",
     rf"\b(?P<t>(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?:(?P<cue>(?i:last|"
     rf"next|this|this\s+coming|this\s+past|the\s+previous|the\s+following|"
     rf"that))\s+)?"
     rf"(?P<weekday>{_WEEKDAY})(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?)\b"),
    ("weekdays", rf"\b(?P<t>(?P<weekday>{_WEEKDAY})s(?:\s+and\s+(?P<weekday2>{_WEEKDAY})s?)?(?:\s+(?P<pod>(?i:mornings|"
                 rf"afternoons|evenings|nights)))?)\b"),
    ("part_of_day", rf"\b(?P<t>(?i:(?:(?P<mod>early|late|mid)[\s-]+)(?P<pod>morning|afternoon|evening|night)|overnight|midday)"
                    rf"(?:\s+(?P<day>(?i:today|yesterday|tomorrow)|{_WEEKDAY}))?)\b"),
    # ---- sets
    ("set_each",
     rf"\b(?P<t>(?i:(?:each|every|per)\s+(?:(?P<other>other|single)\s+)?(?:(?P<n>{_NUM})\s+)?)(?:(?P<unit>(?i:{_UNIT}))|(?P<weekday>{_WEEKDAY})|(?P<month>{_FULL_MONTH})|(?P<season>(?i:{_SEASON}))))\b"),
    ("set_adverb", r"\b(?P<t>(?i:(?P<word>daily|weekly|monthly|yearly|annually|"
                   r"hourly|nightly|biweekly|bimonthly|semiannually|semi-annually)))\b"),
    ("set_times",
     rf"\b(?P<t>(?i:(?P<k>once|twice|thrice|(?:{_WORD_NUMBER}|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{_UNIT_SG})))\b"),
    # ---- days anchored to the last day named: "the next day", "the day before", "that day"
    ("anchored_day",
     r"\b(?P<t>(?i:(?:(?P<mod>earlier|later)\s+)?(?:(?:the\s+)?(?P<rel>next|following|previous|preceding|same)\s+day|"
     # "the day before" alone, not "the day before his death" / "the day before police came"
     r"the\s+day\s+(?P<rel2>before|after)(?=\s*[,.;:!?)\"']|\s*$)|"
     r"that(?:\s+same)?\s+day)))\b(?![\w-])"),
    # ---- durations
    ("duration_past",
     rf"\b(?P<t>(?i:(?:at\s+least\s+|each\s+of\s+|(?P<all>all)\s+)?(?:the\s+)?(?P<rel>past|"
     rf"last|next|coming|first|previous|following|final|latest|remaining|"
     rf"preceding|ensuing|succeeding|initial|same)\s+(?:(?P<n>{_NUM})\s+)?(?:(?P<n2>\d+|"
     rf"{_WORD_NUMBER})\s+to\s+(?P<n3>\d+|{_WORD_NUMBER})\s+)?"
     rf"(?P<unit>{_UNIT})(?:\s+or\s+so)?))\b(?!-)"),
    ("duration_range",
     rf"\b(?P<t>(?i:(?:{_APPROX})?(?P<n>\d+|{_WORD_NUMBER})\s*(?:to|-|or)\s*(?P<n2>\d+|{_WORD_NUMBER})\s+(?P<unit>{_UNIT})))\b(?!-)"),
    ("duration_or",
     rf"\b(?P<t>(?i:(?:{_APPROX})?(?:a|an|one)\s+(?P<unit>{_UNIT_SG})\s+or\s+(?:two|so)))\b"),
    ("duration_half",
     rf"\b(?P<t>(?i:(?:{_APPROX})?(?P<n>{_NUM})\s+(?P<unit>{_UNIT_SG})s?\s+and\s+a\s+half|"
     rf"(?:{_APPROX})?(?:a|one)\s+and\s+a\s+half\s+(?P<unit2>{_UNIT})|"
     rf"(?:{_APPROX})?half\s+(?:an?\s+)?(?P<unit3>{_UNIT_SG})))\b"),
    ("duration",
     rf"\b(?P<t>(?i:(?:(?P<the>the|a)\s+(?=(?:{_NUM})[\s-]+{_UNIT}\s+(?:period|"
     rf"span|stretch|term)\b))?(?:the\s+(?=(?:{_NUM})\s+{_UNIT}\b))?"
     rf"(?:{_APPROX})?(?P<n>{_NUM})(?:\s+(?P<more>more|additional|long|full|"
     rf"straight|consecutive|successive|trading|business|working|calendar))?[\s-]+(?P<unit>{_UNIT})(?P<old>-old)?"
     rf"(?:\s+(?P<noun>period|span|stretch|term)\b)?))\b"),
    ("duration_vague",
     r"\b(?P<t>(?i:(?:(?P<adj>recent|coming|past|future)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?:\s+or\s+(?:seconds|minutes|hours|days|weeks|months|years|decades))?))\b"),
    ("while", r"\b(?P<t>(?i:a\s+(?:long\s+|short\s+|little\s+)?while))\b"),
    # ---- references
    ("ref",
     r"\b(?P<t>(?i:now|currently|at\s+present|presently|nowadays|these\s+days|the\s+present|current|"
     r"(?:more\s+)?recently|lately|previously|(?:the\s+)?(?:near\s+|distant\s+|"
     r"foreseeable\s+|recent\s+|immediate\s+)?(?:future|past)|soon|"
     r"one\s+day|some\s+day|someday|a\s+later\s+date|for\s+the\s+time\s+being))\b"),
)

_PATTERNS = tuple((name, re.compile(pattern)) for name, pattern in _PATTERN_TEXTS)
_PRIORITY = {name: n for n, (name, _) in enumerate(_PATTERN_TEXTS)}
# Words without which a pattern cannot match (lowercase): a text without any of them skips it.
_NEEDS: dict[str, tuple[str, ...]] = {
    "clock": ("a.m", "p.m", "am", "pm", ":", "noon", "midnight", "o'clock"),
    "day_clock": (" at ",),
    "numeric": ("/",),
    "fiscal_year": ("fiscal",),
    "year_words": ("nineteen", "eighteen", "twenty", "thousand"),
    "decade": ("0s", "0's", "ties"),
    "century": ("century",),
    "century_rel": ("century", "millennium"),
    "quarter": ("quarter",),
    "year_period": ("period", "quarter"),
    "half": ("half",),
    "half_adj": ("half",),
    "the_quarter": ("quarter", "period"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "year_end": ("end",),
    "term": ("term",),
    "year_earlier": ("year",),
    "part_of_day": ("morning", "afternoon", "evening", "night", "overnight", "midday"),
    "set_each": ("each", "every", "per"),
    "set_times": ("once", "twice", "thrice", "times"),
    "duration_half": ("half",),
    "anchored_day": (" day",),
    "duration_or": (" or ",),
    "while": ("while",),
}

# Words after which a bare month name is a verb or a name, not a month.
_NOT_MONTH_BEFORE = re.compile(r"(?:\b(?:may|might|will|would|can|could|should|must|to)\s+$)", re.IGNORECASE)
_MONTH_CUE_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|during|from|through|before|after|of|early|late|mid|last|next|this|to|and|or|between|"
    r"around|about|for|throughout|on|as\s+of|end\s+of)\s+$",
    re.IGNORECASE,
)


# ------------------------------------------------------------------ the tagger


def find_timexes(text: str, dct: date | None = None) -> list[Timex]:
    """Every time expression of ``text``, in text order, resolved against ``dct``."""
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    lower = text.lower()
    for name, pattern in _PATTERNS:
        needs = _NEEDS.get(name)
        if needs and not any(word in lower for word in needs):
            continue
        for match in pattern.finditer(text):
            start, end = match.span("t") if "t" in pattern.groupindex else match.span()
            if end <= start or not _acceptable(name, match, text, start, end):
                continue
            candidates.append((start, end, _PRIORITY[name], name, match))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    # Longest first; a candidate whose resolution declines ("the 17-year war" read with its
    # "the") is dropped and the choice made again, so that a shorter reading can take its place.
    declined: set[int] = set()
    while True:
        chosen: list[tuple[int, int, int, str, re.Match[str]]] = []
        occupied = bytearray(len(text) + 1)
        for index, (start, end, _, name, match) in enumerate(candidates):
            if index in declined or any(occupied[start:end]):
                continue
            occupied[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, index, name, match))
        chosen.sort()
        resolver = _Resolver(text, dct)
        found = []
        failed = False
        for start, end, index, name, match in chosen:
            timex = resolver.resolve(name, match, start, end)
            if timex is None:
                declined.add(index)
                failed = True
            else:
                found.append(timex)
        if not failed:
            return found


def _acceptable(name: str, match: re.Match[str], text: str, start: int, end: int) -> bool:
    """Cheap filters on a candidate before the longest-match choice (``_FILTERS``)."""
    return all(check(match, text, start, end) for check in _FILTERS.get(name, ()))


def _month_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    """A bare month name only where it cannot be a verb or a name ("may", "March on", "August Busch")."""
    if match.group("mod") or match.group("cue"):
        return True
    month = match.group("month")
    before = text[max(0, start - 24) : start]
    if _NOT_MONTH_BEFORE.search(before):
        return False
    if month == "May" and not _MONTH_CUE_BEFORE.search(before):
        return False
    if month == "March" and not _MONTH_CUE_BEFORE.search(before) and re.match(
            r"\s+(?:on|to|through|in|against|toward|for)\b", text[end : end + 12]):
        return False
    # "August" as a first name ("August Busch"): a capitalized word after
    return not (re.match(r"\s+[A-Z][a-z]+\b", text[end : end + 20]) and not re.match(
        rf"\s+(?:{_WEEKDAY}|I\b|The\b|It\b|He\b|She\b|They\b|We\b|In\b|A\b)", text[end : end + 20]))


def _month_day_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    day_text = match.groupdict().get("day") or ""
    if day_text and not 1 <= int(re.sub(r"\D", "", day_text)) <= 31:
        return False
    return not (match.group("month") == "May" and not day_text and "ordinal" in match.groupdict())


def _year_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    """A four-digit number as a year: not money, numbers or counts ("about 1990 cars")."""
    if not 1600 <= int(match.group("year")) <= 2100:
        return False
    before = text[max(0, start - 12) : start]
    if re.search(r"(?:\$|#|No\.\s*|[Nn]umber\s+|[Rr]oom\s+|[Rr]oute\s+|[Ff]light\s+|[Aa]rticle\s+|[Ss]ection\s+)$", before):
        return False
    return not (re.search(r"\b(?:about|some|nearly|almost|over|than|of|at|to|from)\s+$", before, re.IGNORECASE)
                and re.match(r"\s+[a-z]", text[end : end + 3])
                and not re.match(r"\s+(?:and|to|or|when|as|after|before|in|on|at|but|for|with|through|until|the)\b",
                                 text[end : end + 10]))


def _unit_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    """Number-and-unit patterns: not names, ages, fractions or ordinals."""
    surface = text[start:end]
    unit_text = match.group("unit") or ""
    unit = unit_text.lower()
    if unit_text[:1].isupper() and start > 0 and not surface[:1].isupper():
        return False  # "Sandra Day"
    after = text[end : end + 12]
    if match.groupdict().get("old") or re.match(r"\s+old\b", after):
        return False  # ages: "52 years old", "a 136-year-old institution"
    if unit.startswith("quarter") and re.match(r"\s+of\b", after):
        return False  # "a quarter of the market"
    if unit in ("second", "seconds") and re.match(r"(?i)(?:a|per|one)\s", surface):
        return False  # "a second group", "per second"
    return True


def _duration_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    unit = match.group("unit").lower()
    n_text = match.group("n").lower()
    if unit.startswith("quarter") and re.search(r"\b(?:a|three|one)[\s-]+quarters?$", text[start:end].lower()):
        return False  # "three-quarters of its food"
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", n_text.strip(" -")):
        return False  # "the 1988 quarter"
    if n_text in ("a", "an") and unit.endswith("s"):
        return False
    return not (n_text in ("some", "many") and not unit.endswith("s"))


def _duration_vague_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    """A bare plural unit ("for weeks") only after a word of length."""
    if match.group("adj"):
        return True
    return bool(re.search(r"\b(?:for|within|in|over|after|took|take|takes|lasted|last)\s+$", text[max(0, start - 16) : start].lower()))


def _ref_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    word = re.sub(r"\s+", " ", text[start:end].lower())
    after = text[end : end + 20]
    before = text[max(0, start - 20) : start]
    if word == "one day":
        return clause_tense(text, start, end) == "future"
    if word == "current":
        # "current" as "present": before a noun, not "the current account"/"electric current"
        return bool(re.match(r"\s+[a-z]", after)) and not re.match(
            r"\s+(?:account|affairs|events|issue|edition|law|rules|system)\b", after)
    if word == "previously":
        # clause-initial only: "Previously, the company..."; not "a previously announced plan"
        return bool(re.search(r"(?:^|[.!?;]\s*|\n\s*)$", before)) and not re.match(r"\s+[a-z]+ed\b", after)
    if word == "soon":
        return not re.search(r"\bas\s+$", before, re.IGNORECASE) and not re.match(
            r"\s+(?:after|afterward|thereafter)", after)
    if word == "future":
        return bool(re.search(r"\b(?:the|in|near)\s+$", before))  # not the adjective: "future losses"
    if word == "the past":
        return not re.match(
            r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|centuries|century|quarters?|two|three|four|few|several)\b",
            after)
    # "recent" (TimeBank tags it 5 times in 13), "once", "former", "formerly", "earlier", "later",
    # "past" ("continue past the deadline") are too often no time expression
    return word not in ("recent", "once", "former", "formerly", "earlier", "later", "past")


def _set_adverb_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    # "the average daily volume": an adjective TimeBank leaves untagged
    return not (text[start:end].lower() == "daily" and re.match(r"\s+[A-Za-z]", text[end : end + 3])
                and not re.match(r"\s+basis\b", text[end : end + 7]))


def _not_a_title(match: re.Match[str], text: str, start: int, end: int) -> bool:
    """ABC's "This Week", "VOA Today": a capitalized name, not a date."""
    if not (start > 0 and re.fullmatch(r"This\s+Week|Today", text[start:end])):
        return True
    opener = r"(?:^|[.!?]\s*|\n\s*|``|\"|\()$" if text[start:end] == "Today" else r"(?:^|[.!?]\s*|\n\s*)$"
    sentence_start = re.search(opener, text[max(0, start - 4) : start])
    return bool(sentence_start) and not re.search(r"[A-Z][a-z]*\s$", text[max(0, start - 3) : start])


def _deictic_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    return match.group("day").lower() not in ("this", "last") or bool(match.group("pod"))


def _the_unit_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    """ "the year", "the week" alone only where they can mean the current one."""
    if match.group("mod"):
        return True
    unit = match.group("unit").lower()
    after = text[end : end + 16]
    before = text[max(0, start - 20) : start].lower()
    if unit == "year" and re.match(r"\s+(?:\d|two\s+thousand|nineteen)", after, re.IGNORECASE):
        return False  # "the year 2000" is a year pattern's
    if unit != "year" and re.match(r"\s*(?:'s\s+)?(?:of|when|that|in which|before|after|'s\b)", after):
        return False
    if re.search(r"\b(?:of|per|a|each|every)\s+$", before):
        return False
    return unit not in ("day", "month") or bool(re.search(r"\b(?:in|during|for|on|of|later|earlier|through)\s+$", before))


def _rel_unit_ok(match: re.Match[str], text: str, start: int, end: int) -> bool:
    return not (match.group("rel").lower() in ("that", "the same") and match.group("unit").lower() == "decade")


_FILTERS = {
    "month": (_month_ok,),
    "month_day": (_month_day_ok,),
    "day_month": (_month_day_ok,),
    "year": (_year_ok,),
    "duration": (_unit_ok, _duration_ok),
    "duration_past": (_unit_ok,),
    "duration_range": (_unit_ok,),
    "duration_half": (_unit_ok,),
    "set_each": (_unit_ok,),
    "ago": (_unit_ok,),
    "duration_vague": (_duration_vague_ok,),
    "ref": (_ref_ok,),
    "set_adverb": (_set_adverb_ok,),
    "rel_unit": (_not_a_title, _rel_unit_ok),
    "deictic_time": (_not_a_title, _deictic_ok),
    "the_unit": (_the_unit_ok,),
}


# ------------------------------------------------------------------ resolution

_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_UNIT_CODES = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "night": ("", "D"),
    "week": ("", "W"), "weekend": ("", "WE"), "fortnight": ("", "W"), "month": ("", "M"), "quarter": ("", "Q"),
    "year": ("", "Y"), "decade": ("", "DE"), "century": ("", "CE"), "centurie": ("", "CE"), "millennium": ("", "ML"),
    "millennia": ("", "ML"),
}
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI", "midday": "MI"}
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}
_MODS = {
    "early": "START", "late": "END", "mid": "MID", "the end of": "END", "the beginning of": "START",
    "the start of": "START", "the middle of": "MID", "earlier": "START", "later": "END",
}


def _unit_name(unit: str) -> str:
    unit = unit.lower()
    if unit in ("centuries", "century"):
        return "century"
    if unit in ("millennium", "millennia"):
        return "millennium"
    return unit[:-1] if unit.endswith("s") else unit


def _duration(n: float | None, unit: str) -> str:
    unit = _unit_name(unit)
    prefix, code = _UNIT_CODES[unit]
    if unit == "fortnight":
        n = None if n is None else n * 2
    if unit == "night":
        code = "D"
    if n is None:
        return f"P{prefix}X{code}"
    if unit == "decade":
        return f"P{_fmt(n * 10)}Y"
    if n != int(n):
        # "2 1/2 years" P2Y6M, "a minute and a half" PT1M30S, "a day and a half" P1DT12H
        whole, part = int(n), n - int(n)
        smaller = {"Y": ("", "M", 12), "M": ("", "D", 30), "W": ("", "D", 7), "D": ("T", "H", 24),
                   "H": ("", "M", 60), "S": None}.get(code)
        if code == "M" and prefix == "T":
            smaller = ("", "S", 60)
        if smaller and part * smaller[2] == int(part * smaller[2]):
            small_prefix, small_code, factor = smaller
            head = f"{whole}{code}" if whole else ""
            tail = f"{int(part * factor)}{small_code}"
            if prefix == "T":
                return f"PT{head}{tail}"
            return f"P{head}{small_prefix}{tail}"
    return f"P{prefix}{_fmt(n)}{code}"


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _week(value: date) -> str:
    year, week, _ = value.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(value: date, months: int) -> tuple[int, int]:
    index = value.year * 12 + value.month - 1 + months
    return index // 12, index % 12 + 1


def _approx_mod(surface: str) -> str | None:
    lower = surface.lower()
    for words, mod in (
        (("about", "around", "approximately", "roughly", "some", "close to"), "APPROX"),
        (("nearly", "almost", "up to", "at most", "no more than", "just under"), "EQUAL_OR_LESS"),
        (("more than", "over", "well over", "just over"), "MORE_THAN"),
        (("less than", "fewer than", "under", "barely"), "LESS_THAN"),
        (("at least", "no less than"), "EQUAL_OR_MORE"),
    ):
        if any(lower.startswith(w + " ") for w in words):
            return mod
    return None


class _Resolver:
    """Resolves matches in text order; remembers the last year and quarter named (anchors)."""

    def __init__(self, text: str, dct: date | None) -> None:
        self.text = text
        self.dct = dct
        self.anchor_year: int | None = None
        self.anchor_day: date | None = None
        self.anchor_month: tuple[int, int] | None = None  # the last month named, for "the following month"
        self.quarter: tuple[int, int] | None = None  # (year, quarter) the text reports on
        self.financial = bool(re.search(r"\b(?:quarter|fiscal|a share|per share)\b", text, re.IGNORECASE))

    # -- helpers

    def tense(self, start: int, end: int) -> str | None:
        return clause_tense(self.text, start, end)

    def make(self, start: int, end: int, type_: str, value: str, mod: str | None = None, freq: str | None = None) -> Timex:
        if type_ == "DATE" and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
            self.anchor_month = (int(value[:4]), int(value[5:7]))
        return Timex(start, end, self.text[start:end], type_, value, mod, freq)

    def place_month_day(self, month: int, day: int, start: int, end: int) -> date | None:
        """The year of a year-less date: nearest the DCT in the tense's direction."""
        if self.dct is None:
            return None
        tense = None if attributive(self.text, start, end) else self.tense(start, end)
        return place_nearest(self.dct, month, day, tense, forward_word_before(self.text, start))

    def place_month(self, month: int, start: int, end: int, cue: str = "") -> tuple[int, int] | None:
        if self.dct is None:
            return None
        year = self.dct.year
        if cue in ("last", "the previous", "this past"):
            return (year if month < self.dct.month else year - 1, month)
        if cue in ("next", "the following", "this coming"):
            return (year if month > self.dct.month else year + 1, month)
        if cue == "this":
            return (year, month)
        tense = self.tense(start, end)
        placed = place_nearest(self.dct, month, 1, tense, forward_word_before(self.text, start), whole_month=True)
        return (placed.year, placed.month) if placed else None

    def weekday(self, weekday: int, start: int, end: int, cue: str = "") -> date | None:
        if self.dct is None:
            return None
        ref = self.dct
        back = (ref.weekday() - weekday) % 7
        forward = (weekday - ref.weekday()) % 7
        if cue in ("the previous", "the following") and self.anchor_day:
            ref = self.anchor_day
            back = (ref.weekday() - weekday) % 7
            forward = (weekday - ref.weekday()) % 7
        if cue in ("last", "this past", "the previous"):
            return ref - timedelta(days=back or 7)
        if cue in ("next", "this coming", "the following"):
            return ref + timedelta(days=forward or 7)
        if cue == "this":
            return ref + timedelta(days=weekday - ref.weekday()) if forward and back else ref
        return weekday_near(ref, weekday, self.tense(start, end), forward_word_before(self.text, start))

    # -- the patterns

    def resolve(self, name: str, match: re.Match[str], start: int, end: int) -> Timex | None:
        method = getattr(self, "_" + name)
        try:
            return method(match, start, end)
        except (OverflowError, ValueError):
            # near the calendar's ends ("tomorrow" of 9999-12-31) the arithmetic leaves years
            # 1-9999: the expression is kept, resolved as without a document date
            if self.dct is None:
                raise
            dct, self.dct = self.dct, None
            try:
                return method(match, start, end)
            finally:
                self.dct = dct

    def _clock(self, m, start, end):
        clock = m.group("clock").lower()
        hour, minute = _clock_value(clock)
        if hour is None:
            return None
        day = self._day_of(m.group("day"), start, end)
        pod = (m.group("pod") or "").lower()
        if pod in ("evening", "night", "afternoon") and hour < 12 and "m" not in clock:
            hour += 12
        stamp = f"T{hour:02d}:{minute:02d}"
        return self.make(start, end, "TIME", (day.isoformat() if day else "XXXX-XX-XX") + stamp, _approx_mod(m.group(0)))

    _day_clock = _clock

    def _day_of(self, word: str | None, start: int, end: int) -> date | None:
        if self.dct is None:
            return None
        if not word:
            return self.anchor_day if self.anchor_day and abs((self.anchor_day - self.dct).days) <= 7 else self.dct
        lower = word.lower()
        if lower == "today":
            return self.dct
        if lower == "yesterday":
            return self.dct - timedelta(days=1)
        if lower == "tomorrow":
            return self.dct + timedelta(days=1)
        if lower in WEEKDAYS and word[0].isupper() and lower in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            return self.weekday(WEEKDAYS[lower], start, end)
        dm = re.match(rf"({_MONTH})\s+(\d+)\D*(?:,?\s*(\d{{4}}))?", word)
        if dm:
            month = MONTHS[dm.group(1).rstrip(".").lower()]
            day = int(dm.group(2))
            if dm.group(3):
                return _safe(int(dm.group(3)), month, day)
            return self.place_month_day(month, day, start, end)
        return None

    def _iso(self, m, start, end):
        value = _safe(int(m.group("year")), int(m.group("mnum")), int(m.group("dnum")))
        if value is None:
            return None
        self.anchor_day, self.anchor_year = value, value.year
        return self.make(start, end, "DATE", value.isoformat())

    def _numeric(self, m, start, end):
        year = int(m.group("year"))
        if year < 100:
            year += 1900 if year > 30 else 2000
        value = _safe(year, int(m.group("mnum")), int(m.group("dnum")))
        if value is None:
            return None
        self.anchor_day, self.anchor_year = value, value.year
        return self.make(start, end, "DATE", value.isoformat())

    def _month_day_year(self, m, start, end):
        value = _safe(int(m.group("year")), _month_number(m.group("month")), int(re.sub(r"\D", "", m.group("day"))))
        if value is None:
            return None
        self.anchor_day, self.anchor_year = value, value.year
        return self.make(start, end, "DATE", value.isoformat())

    _day_month_year = _month_day_year

    def _month_day(self, m, start, end):
        groups = m.groupdict()
        month = _month_number(groups["month"])
        if groups.get("day"):
            day = int(re.sub(r"\D", "", groups["day"]))
        else:
            day = _ORDINALS.get((groups.get("ordinal") or groups.get("ordword") or "").lower().replace("twenty-", ""), 0)
            word = (groups.get("ordinal") or groups.get("ordword") or "").lower()
            if word.startswith(("twenty-", "thirty-")):
                day = _TENS[word.split("-")[0]] + _ORDINALS[word.split("-")[1]]
        if not 1 <= day <= 31:
            return None
        cue = (groups.get("cue") or "").lower()
        if cue and not groups.get("weekday") and cue not in ("early", "late", "earlier", "later"):
            start = m.start("month")
        if self.dct is None:
            return self.make(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}")
        value = self.place_month_day(month, day, start, end)
        if value is None:
            return None
        if groups.get("weekday"):
            # "Saturday, April 25": the year, of the nearest ones, where that day is a Saturday
            value = year_of_weekday(value, WEEKDAYS[groups["weekday"].lower()], self.dct)
        self.anchor_day = value
        return self.make(start, end, "DATE", value.isoformat(), _MODS.get(cue))

    _day_month = _month_day

    def _month_year(self, m, start, end):
        month = _month_number(m.group("month"))
        year = int(m.group("year")) if m.group("year") else _year_words(m.group("yearw"))
        if year is None:
            return None
        self.anchor_year = year
        mod = m.group("mod")
        return self.make(start, end, "DATE", _month(year, month), _MODS.get(re.sub(r"[\s-]+", " ", mod.lower()).strip()) if mod else None)

    def _month_rel(self, m, start, end):
        month = _month_number(m.group("month"))
        rel = m.group("rel").lower()
        if self.dct is None:
            return self.make(start, end, "DATE", f"XXXX-{month:02d}")
        year = self.dct.year + {"this": 0, "last": -1, "next": 1}[rel]
        return self.make(start, end, "DATE", _month(year, month))

    def _month(self, m, start, end):
        month = _month_number(m.group("month"))
        mod = (m.group("mod") or "").lower()
        mod = re.sub(r"[\s-]+", " ", mod).strip()
        cue = re.sub(r"\s+", " ", (m.group("cue") or "").lower())
        if self.dct is None:
            return self.make(start, end, "DATE", f"XXXX-{month:02d}", _MODS.get(mod))
        placed = self.place_month(month, start, end, cue)
        if placed is None:
            return None
        return self.make(start, end, "DATE", _month(*placed), _MODS.get(mod))

    def _fiscal_year(self, m, start, end):
        text = m.group("year")
        year = int(text) if not text.startswith("'") else 1900 + int(text[1:]) if int(text[1:]) > 30 else 2000 + int(text[1:])
        self.anchor_year = year
        return self.make(start, end, "DATE", f"{year:04d}")

    def _year_words(self, m, start, end):
        year = _year_words(m.group("yearw"))
        if year is None or not 1000 <= year <= 2100:
            return None
        # "two thousand" alone is a count unless "the year" or a preposition says it is a year
        words = m.group("yearw").lower()
        if words.startswith("two thousand") and not m.group(0).lower().startswith("the year"):
            if not re.search(r"\b(?:in|by|since|until|of|before|after|from)\s+$", self.text[max(0, start - 10) : start], re.IGNORECASE):
                return None
        if words.startswith(("nineteen", "eighteen")) and len(words.split()) < 2:
            return None
        self.anchor_year = year
        return self.make(start, end, "DATE", f"{year:04d}")

    def _year(self, m, start, end):
        year = int(m.group("year"))
        mod = m.group("mod")
        self.anchor_year = year
        return self.make(start, end, "DATE", f"{year:04d}", _MODS.get(re.sub(r"[\s-]+", " ", mod.lower()).strip()) if mod else None)

    def _decade(self, m, start, end):
        if m.group("dnum"):
            value = m.group("dnum")[:3]
        elif m.group("dshort"):
            value = ("19" if int(m.group("dshort")) > 20 or self.dct is None or self.dct.year < 2000 else "20") + m.group("dshort")[0]
            if self.dct is not None and self.dct.year >= 2000 and int(m.group("dshort")) > 20:
                value = "19" + m.group("dshort")[0]
        else:
            value = "19" + str(_DECADES[m.group("dword").lower()])
        mod = m.group("mod")
        return self.make(start, end, "DATE", value, _MODS.get(mod.lower()) if mod else None)

    def _century(self, m, start, end):
        word = m.group("ord").lower()
        if word[0].isdigit():
            n = int(re.sub(r"\D", "", word))
        elif word == "twenty-first":
            n = 21
        else:
            n = _ORDINALS.get(word, 0)
        if not 1 <= n <= 22:
            return None
        mod = m.group("mod")
        return self.make(start, end, "DATE", f"{n - 1:02d}", _MODS.get(mod.lower()) if mod else None)

    def _century_rel(self, m, start, end):
        if self.dct is None:
            return None
        rel = m.group("rel").lower()
        unit = "millennium" if "millennium" in m.group(0).lower() else "century"
        size = 1000 if unit == "millennium" else 100
        base = self.dct.year // size
        shift = {"this": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "new": 1}[rel]
        if rel == "past" and "the past" in m.group(0).lower():
            return self.make(start, end, "DURATION", "P100Y" if size == 100 else "P1000Y")
        value = base + shift
        return self.make(start, end, "DATE", f"{value:02d}" if size == 100 else f"{value}")

    def _quarter(self, m, start, end):
        if re.search(r"(?i)\w-quarter$", m.group(0)) and m.group("det") and not m.group("yearpos"):
            start = m.start("q") if not m.group("fiscal") else m.start("fiscal")  # "its third-quarter loss"
        q_word = m.group("q").lower()
        if q_word in ("final", "last"):
            q = 4
        else:
            q = _QUARTER_WORDS[q_word]
        det = (m.group("det") or "").lower()
        kinds = (m.group("fiscal") or "").lower()
        surface = m.group(0).lower()
        year: int | None = None
        if m.group("year") or m.group("year0"):
            year = int(m.group("year") or m.group("year0"))
        elif m.group("yearpos"):
            pos = m.group("yearpos").lower()
            if pos[:4].isdigit():
                year = int(pos[:4])
            elif self.dct:
                year = self.dct.year + {"this": 0, "last": -1, "next": 1}[pos.split()[0]]
        elif m.group("of") and self.dct:
            year = self.dct.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m.group("of").lower()]
        elif self.dct:
            year = self.dct.year
            start_month = 3 * (q - 1) + 1
            tense = self.tense(start, end)
            if det == "last" or "year-ago" in kinds or "year-earlier" in kinds or "a year ago" in surface or "a year earlier" in surface:
                year -= 1
            elif det == "next":
                year += 1 if start_month <= self.dct.month else 0
            elif (self.dct.month < start_month) and tense != "future":
                year -= 1
        if year is None:
            return self.make(start, end, "DATE", f"XXXX-Q{q}")
        if self.quarter is None and self.dct and abs(year - self.dct.year) <= 1 and not (
                "year-ago" in kinds or "year-earlier" in kinds or "a year ago" in surface or "a year earlier" in surface):
            self.quarter = (year, q)  # the quarter the story reports on: the first one named
        return self.make(start, end, "DATE", f"{year:04d}-Q{q}")

    def _year_period(self, m, start, end):
        year = int(m.group("year"))
        if self.quarter:
            return self.make(start, end, "DATE", f"{year:04d}-Q{self.quarter[1]}")
        if m.group("unit").lower() == "quarter":
            return self.make(start, end, "DATE", f"{year:04d}-QX")
        return self.make(start, end, "DATE", f"{year:04d}")

    def _half(self, m, start, end):
        h = 1 if m.group("h").lower() == "first" else 2
        if m.groupdict().get("year"):
            year = int(m.group("year"))
        elif m.groupdict().get("yearpos"):
            year = int(m.group("yearpos"))
        elif self.dct:
            of = (m.groupdict().get("of") or "").lower()
            det = (m.groupdict().get("det") or "").lower()
            year = self.dct.year + {"last": -1, "next": 1}.get(of or det, 0)
        else:
            return self.make(start, end, "DATE", f"XXXX-H{h}")
        return self.make(start, end, "DATE", f"{year:04d}-H{h}")

    _half_adj = _half

    def _the_quarter(self, m, start, end):
        unit = m.group("unit").lower()
        kind = (m.group("kind") or "").lower()
        surface = m.group(0).lower()
        ago = (m.group("ago") or "").lower()
        back = any(w in kind for w in ("year-ago", "year-earlier", "corresponding", "comparable", "same")) or bool(ago)
        if unit == "period" and not (self.financial and (self.quarter or kind)):
            return None
        if unit == "period" and not kind and not ago and not surface.startswith(("the latest", "this")):
            if not self.quarter:
                return None
        if self.dct is None:
            return self.make(start, end, "DATE", "XXXX-QX")
        if surface.startswith("next"):
            year, q = self._current_quarter()
            q += 1
            if q == 5:
                year, q = year + 1, 1
            return self.make(start, end, "DATE", f"{year:04d}-Q{q}")
        if surface.startswith("last") or "previous" in kind or "prior" in kind:
            year, q = self.quarter or self._last_completed_quarter()
            if not self.quarter:
                return self.make(start, end, "DATE", f"{year:04d}-Q{q}")
            q -= 1
            if q == 0:
                year, q = year - 1, 4
            return self.make(start, end, "DATE", f"{year:04d}-Q{q}")
        year, q = self.quarter or self._last_completed_quarter()
        if "current" in kind:
            year, q = self._current_quarter()
        elif surface.startswith("this"):
            year, q = self.quarter or self._current_quarter()
        if back or "same" in kind:
            if "same" in kind and not ago and not self.quarter:
                return None
            if back:
                year -= 1
        return self.make(start, end, "DATE", f"{year:04d}-Q{q}")

    def _current_quarter(self) -> tuple[int, int]:
        assert self.dct is not None
        return self.dct.year, (self.dct.month - 1) // 3 + 1

    def _last_completed_quarter(self) -> tuple[int, int]:
        year, q = self._current_quarter()
        q -= 1
        return (year - 1, 4) if q == 0 else (year, q)

    def _season(self, m, start, end):
        season = _SEASONS[m.group("season").lower()]
        cue = re.sub(r"\s+", " ", (m.group("cue") or "").lower())
        mod = (m.group("mod") or "").lower() or (cue if cue in ("early", "late", "mid") else "")
        if m.group("year") or m.group("yearw"):
            year = int(m.group("year")) if m.group("year") else _year_words(m.group("yearw"))
            if year is None:
                return None
            return self.make(start, end, "DATE", f"{year:04d}-{season}", _MODS.get(mod))
        before = self.text[max(0, start - 12) : start].lower()
        if not cue and not mod and not re.search(r"\b(?:in|this|last|next|during|by|until|over|since|through)\s+$", before):
            return None
        if cue == "the" and not re.search(r"\b(?:in|during|by|until|over|since|through|into)\s+$", before):
            return None
        if self.dct is None:
            return self.make(start, end, "DATE", f"XXXX-{season}")
        year = self.dct.year
        current = _season_of(self.dct)
        order = ["WI", "SP", "SU", "FA"]
        if cue in ("last", "this past"):
            year = year if order.index(season) < order.index(current) else year - 1
        elif cue in ("next", "this coming"):
            year = year if order.index(season) > order.index(current) else year + 1
        elif cue != "this":
            tense = self.tense(start, end)
            if tense == "past" and order.index(season) > order.index(current):
                year -= 1
            elif tense == "future" and order.index(season) < order.index(current):
                year += 1
        return self.make(start, end, "DATE", f"{year:04d}-{season}", _MODS.get(mod))

    def _deictic_time(self, m, start, end):
        day = m.group("day").lower()
        pod = (m.group("pod") or "").lower()
        mod = (m.group("mod") or "").lower()
        if day == "tonight":
            pod = "night"
        if self.dct is None:
            value = "XXXX-XX-XX"
        else:
            offset = {"today": 0, "this": 0, "tonight": 0, "yesterday": -1, "last": -1, "tomorrow": 1}[day]
            if day == "last" and pod != "night":
                offset = -1
            value = (self.dct + timedelta(days=offset)).isoformat()
            self.anchor_day = self.dct + timedelta(days=offset)
        if pod:
            return self.make(start, end, "TIME", value + "T" + _POD[pod], _MODS.get(mod))
        return self.make(start, end, "DATE", value, _MODS.get(mod))

    def _rel_unit(self, m, start, end):
        rel = re.sub(r"\s+", " ", m.group("rel").lower())
        unit = m.group("unit").lower()
        mod_text = re.sub(r"\s+", " ", (m.group("mod") or "").lower())
        mod = _MODS.get(mod_text)
        t_start = start
        if rel in ("the past", "the coming"):
            if unit == "year" and rel == "the past" and self.dct is not None:
                # TimeBank dates "over the past year" as the year before (2 of 2), like "last year"
                return self.make(start, end, "DATE", f"{self.dct.year - 1:04d}")
            n_unit = {"week": "P1W", "weekend": "P1WE", "month": "P1M", "year": "P1Y", "decade": "P10Y"}[unit]
            return self.make(start, end, "DURATION", n_unit)
        if mod_text in ("sometime", "some time"):
            mod = None
        if self.dct is None:
            return self.make(t_start, end, "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX", "decade": "XXX"}[unit], mod)
        if rel in ("that", "the same"):
            if unit == "year" and self.anchor_year:
                return self.make(t_start, end, "DATE", f"{self.anchor_year:04d}", mod)
            if unit == "week" and self.anchor_day:
                return self.make(t_start, end, "DATE", _week(self.anchor_day), mod)
            if unit == "month" and self.anchor_month:
                return self.make(t_start, end, "DATE", _month(*self.anchor_month), mod)
            return None
        if rel == "the following" or rel == "the previous":
            shift = 1 if rel == "the following" else -1
            if unit == "year" and self.anchor_year:
                return self.make(t_start, end, "DATE", f"{self.anchor_year + shift:04d}", mod)
            if unit == "month" and self.anchor_month:
                y, mth = _add_months(date(*self.anchor_month, 1), shift)
                return self.make(t_start, end, "DATE", _month(y, mth), mod)
            if unit == "week" and self.anchor_day:
                return self.make(t_start, end, "DATE", _week(self.anchor_day + timedelta(weeks=shift)), mod)
            return None
        shift = {"this": 0, "the current": 0, "last": -1, "this past": -1, "next": 1, "this coming": 1}[rel]
        if rel == "this past" and unit in ("week", "weekend"):
            shift = 0 if unit == "weekend" else -1
        dct = self.dct
        if unit == "week":
            if rel == "last" and dct.weekday() == 6:
                shift = 0  # a Sunday paper's "last week" is the week ending that day
            return self.make(t_start, end, "DATE", _week(dct + timedelta(weeks=shift)), mod)
        if unit == "weekend":
            base = dct + timedelta(weeks=shift)
            if rel in ("this past",) or (rel == "this" and dct.weekday() < 4 and self.tense(start, end) == "past"):
                base = dct - timedelta(days=dct.weekday() + 1)
            return self.make(t_start, end, "DATE", _week(base) + "-WE", mod)
        if unit == "month":
            return self.make(t_start, end, "DATE", _month(*_add_months(dct, shift)), mod)
        if unit == "decade":
            return self.make(t_start, end, "DATE", f"{dct.year // 10 + shift:03d}", mod)
        return self.make(t_start, end, "DATE", f"{dct.year + shift:04d}", mod)

    def _in_the_unit(self, m, start, end):
        unit = m.group("unit").lower()
        mod = _MODS.get(m.group("mod").lower())
        if self.dct is None:
            return None
        day = self.anchor_day if self.anchor_day and abs((self.anchor_day - self.dct).days) <= 7 else self.dct
        value = {"day": day.isoformat(), "week": _week(self.dct), "month": _month(self.dct.year, self.dct.month), "year": f"{self.dct.year:04d}"}[unit]
        return self.make(start, end, "DATE", value, mod)

    def _the_unit(self, m, start, end):
        unit = m.group("unit").lower()
        mod = _MODS.get(re.sub(r"\s+", " ", (m.group("mod") or "").lower()))
        after = self.text[end : end + 16].lower()
        if unit == "year" and re.match(r"\s+(?:ended|ending|ends|to\s+date|through)\b", after):
            return self.make(start, end, "DURATION", "P1Y")
        if self.dct is None:
            return None
        if unit == "day":
            day = self.anchor_day if self.anchor_day and abs((self.anchor_day - self.dct).days) <= 7 else self.dct
            return self.make(start, end, "DATE", day.isoformat(), mod)
        if unit == "week":
            return self.make(start, end, "DATE", _week(self.dct), mod)
        if unit == "weekend":
            tense = self.tense(start, end)
            base = self.dct if tense == "future" or self.dct.weekday() >= 5 else self.dct - timedelta(weeks=1)
            return self.make(start, end, "DATE", _week(base) + "-WE", mod)
        if unit == "month":
            return self.make(start, end, "DATE", _month(self.dct.year, self.dct.month), mod)
        return self.make(start, end, "DATE", f"{self.dct.year:04d}", mod)

    def _ago(self, m, start, end):
        n_text = m.group("n")
        unit = _unit_name(m.group("unit"))
        direction = m.group("dir").lower()
        n = parse_number(n_text)
        surface = m.group(0)
        mod = _approx_mod(surface)
        if re.search(r"\bor\s+(?:so|two|more)\b", surface, re.IGNORECASE):
            mod = "APPROX"
        if direction in ("earlier", "before"):
            if unit == "year" and n == 1 and re.fullmatch(r"(?i)a|one", n_text.strip()):
                return self._year_earlier_value(start, end, mod)
            # "two days earlier": the length, TimeBank style; the anchor is unknown here
            t_end = m.start("dir")
            while t_end > start and self.text[t_end - 1].isspace():
                t_end -= 1
            return self.make(start, t_end, "DURATION", _duration(n, unit), mod)
        sign = 1 if direction in ("from now", "hence") else -1
        if n is None:
            return self.make(start, end, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        if self.dct is None:
            return self.make(start, end, "DATE", "XXXX-XX-XX", mod)
        if unit == "year" and n == 1 and sign < 0 and re.fullmatch(r"(?i)a|one", n_text.strip()):
            return self._year_earlier_value(start, end, mod)
        return self.make(start, end, "DATE", _shift(self.dct, unit, sign * n), mod)

    def _year_end(self, m, start, end):
        if self.dct is None:
            return self.make(start, end, "DATE", "XXXX", "END")
        rel = (m.group("rel") or "").lower()
        year = self.dct.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and self.tense(start, end) == "past" and self.dct.month < 6:
            year -= 1
        return self.make(start, end, "DATE", f"{year:04d}", "END")

    def _full_year(self, m, start, end):
        kind = (m.group("kind") or "").lower()
        after = self.text[end : end + 16].lower()
        if re.match(r"\s+(?:ended|ending|ends|to\s+date|through)\b", after):
            return self.make(start, end, "DURATION", "P1Y")
        if not kind and not m.group("fiscal"):
            return None  # "the year": the_unit decides
        if self.dct is None:
            return self.make(start, end, "DATE", "XXXX")
        shift = {"latest": -1 if m.group("fiscal") else 0, "previous": -1, "prior": -1, "last": -1, "next": 1,
                 "new": 1, "coming": 1}.get(kind, 0)
        return self.make(start, end, "DATE", f"{self.dct.year + shift:04d}")

    def _term(self, m, start, end):
        return self.make(start, end, "DATE", "FUTURE_REF")  # "the near term", "the long term"

    def _vague_ago(self, m, start, end):
        return self.make(start, end, "DATE", "PAST_REF")

    def _year_earlier_value(self, start: int, end: int, mod: str | None) -> Timex | None:
        if self.dct is None:
            return self.make(start, end, "DATE", "XXXX", mod)
        if self.financial and self.quarter:
            year, q = self.quarter
            return self.make(start, end, "DATE", f"{year - 1:04d}-Q{q}", mod)
        return self.make(start, end, "DATE", f"{self.dct.year - 1:04d}", mod)

    def _year_earlier(self, m, start, end):
        return self._year_earlier_value(start, end, None)

    def _holiday(self, m, start, end):
        name = re.sub(r"\s+", " ", m.group("name"))
        rule = _HOLIDAYS[name.replace(" Jr.", "").replace(" Jr", "").replace("Presidents Day", "Presidents' Day")]
        if m.group("year"):
            value = rule(int(m.group("year")))
            self.anchor_day = value
            return self.make(start, end, "DATE", value.isoformat())
        if self.dct is None:
            return self.make(start, end, "DATE", "XXXX-XX-XX")
        days = [rule(y) for y in range(self.dct.year - 1, self.dct.year + 2)]
        before = max(d for d in days if d <= self.dct)
        after = min(d for d in days if d >= self.dct)
        value = choose_around(self.dct, before, after, self.tense(start, end), forward_word_before(self.text, start))
        self.anchor_day = value
        return self.make(start, end, "DATE", value.isoformat())

    def _weekday(self, m, start, end):
        weekday = WEEKDAYS[m.group("weekday").lower()]
        cue = re.sub(r"\s+", " ", (m.group("cue") or "").lower())
        mod = (m.group("mod") or "").lower()
        pod = (m.group("pod") or "").lower()
        if cue == "that":
            return None
        value = self.weekday(weekday, start, end, cue)
        if value is None:
            text = f"XXXX-WXX-{weekday + 1}"
        else:
            text = value.isoformat()
            self.anchor_day = value
        if pod:
            return self.make(start, end, "TIME", text + "T" + _POD[pod], _MODS.get(mod))
        return self.make(start, end, "DATE", text, _MODS.get(mod))

    def _weekdays(self, m, start, end):
        weekday = WEEKDAYS[m.group("weekday").lower()]
        pod = (m.group("pod") or "").lower().rstrip("s")
        value = f"XXXX-WXX-{weekday + 1}" + ("T" + _POD[pod] if pod else "")
        return self.make(start, end, "SET", value, freq="1W")

    def _part_of_day(self, m, start, end):
        surface = m.group(0).lower()
        pod = (m.group("pod") or "").lower() or surface.split()[0]
        mod = _MODS.get((m.group("mod") or "").lower())
        day = self._day_of(m.group("day"), start, end) if m.group("day") else self.dct
        prefix = day.isoformat() if day else "XXXX-XX-XX"
        if pod == "midday":
            return self.make(start, end, "TIME", prefix + "T12:00")
        return self.make(start, end, "TIME", prefix + "T" + _POD[pod], mod)

    def _set_each(self, m, start, end):
        other = (m.group("other") or "").lower()
        n = parse_number(m.group("n")) if m.group("n") else 1
        if m.group("weekday"):
            return self.make(start, end, "SET", f"XXXX-WXX-{WEEKDAYS[m.group('weekday').lower()] + 1}", freq="1W")
        if m.group("month"):
            return self.make(start, end, "SET", f"XXXX-{MONTHS[m.group('month').lower()]:02d}", freq="1Y")
        if m.group("season"):
            return self.make(start, end, "SET", f"XXXX-{_SEASONS[m.group('season').lower()]}", freq="1Y")
        unit = _unit_name(m.group("unit"))
        if other == "other":
            n = (n or 1) * 2
        return self.make(start, end, "SET", _duration(n, unit))

    def _set_adverb(self, m, start, end):
        word = m.group("word").lower().replace("-", "")
        value = {
            "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
            "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M", "semiannually": "P6M",
        }[word]
        return self.make(start, end, "SET", value)

    def _set_times(self, m, start, end):
        k = m.group("k").lower()
        count = {"once": 1, "twice": 2, "thrice": 3}.get(k)
        if count is None:
            count = parse_number(k.replace(" times", ""))
        unit = _unit_name(m.group("unit"))
        freq = f"{_fmt(count)}X" if count else None
        return self.make(start, end, "SET", _duration(1, unit), freq=freq)

    def _anchored_day(self, m, start, end):
        """ "the next day", "the day before", "that day": a day from the last day the text named
        (TimeML anchors them to it), the document date when none; "that day" needs one."""
        rel = (m.group("rel") or m.group("rel2") or "that").lower()
        base = self.anchor_day
        if base is None:
            if rel in ("that", "same") or self.dct is None:
                return None
            base = self.dct
        shift = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(rel, 0)
        value = base + timedelta(days=shift)
        self.anchor_day = value  # "The next day, ... The following day, ...": a chain
        return self.make(start, end, "DATE", value.isoformat(), _MODS.get((m.group("mod") or "").lower()))

    def _duration_past(self, m, start, end):
        unit = _unit_name(m.group("unit"))
        n_text = m.group("n")
        rel = m.group("rel").lower()
        plural = m.group("unit").lower().endswith("s") or m.group("unit").lower() == "centuries"
        mod = _approx_mod(m.group(0))
        if m.group("n2"):
            return self.make(start, end, "DURATION", _duration(None, unit), mod)
        if n_text is None:
            if plural:
                if rel in ("past", "last", "previous", "preceding"):
                    return self.make(start, end, "DATE", "PAST_REF")
                if rel in ("coming", "next", "following", "ensuing", "succeeding") and unit != "day":
                    return self.make(start, end, "DATE", "FUTURE_REF")
                return self.make(start, end, "DURATION", _duration(None, unit), mod)
            if rel in ("first", "final", "same", "latest", "remaining", "initial", "succeeding", "ensuing", "preceding", "following"):
                return None  # "the first day", "the same week": handled elsewhere or not a length
            if rel in ("next", "coming") and unit in ("week", "month", "year", "weekend", "decade"):
                return None  # "next week" is a date (rel_unit)
            if rel == "last" and unit in ("week", "month", "year", "weekend"):
                return None
            if rel == "last" and unit == "decade" and self.dct:
                return self.make(start, end, "DATE", f"{self.dct.year // 10 - 1:03d}")
            if rel in ("past", "last") and unit == "decade":
                return self.make(start, end, "DURATION", "P10Y")
            if unit in ("day", "night") and rel in ("past", "last", "previous"):
                return self.make(start, end, "DURATION", "P1D")
            return self.make(start, end, "DURATION", _duration(1, unit), mod)
        n = parse_number(n_text)
        if n_text.strip().lower() in ("a", "an") and plural:
            return None
        if n is None and rel in ("last", "previous", "preceding") or (n is None and rel == "past" and unit != "week"):
            return self.make(start, end, "DATE", "PAST_REF")  # "the last few months"
        return self.make(start, end, "DURATION", _duration(n, unit), mod)

    def _duration_range(self, m, start, end):
        unit = _unit_name(m.group("unit"))
        return self.make(start, end, "DURATION", _duration(None, unit), _approx_mod(m.group(0)))

    def _duration_or(self, m, start, end):
        unit = _unit_name(m.group("unit"))
        return self.make(start, end, "DURATION", _duration(1, unit), "APPROX")

    def _duration_half(self, m, start, end):
        surface = m.group(0).lower()
        if m.group("unit3"):
            return self.make(start, end, "DURATION", _duration(0.5, m.group("unit3")), _approx_mod(surface))
        if m.group("unit2"):
            return self.make(start, end, "DURATION", _duration(1.5, m.group("unit2")), _approx_mod(surface))
        n = parse_number(m.group("n"))
        unit = _unit_name(m.group("unit"))
        if n is None:
            return self.make(start, end, "DURATION", _duration(None, unit))
        value = _duration(n + 0.5, unit)
        return self.make(start, end, "DURATION", value, _approx_mod(surface))

    def _duration(self, m, start, end):
        surface = m.group(0)
        if re.match(r"(?i)the\s", surface) and not m.group("noun") and re.search(r"\w-\w", surface):
            return None  # "the 17-year war": the shorter match without "the" is kept
        if re.match(r"(?i)over\s", surface) and not re.search(
                r"\b(?:for|in|within|after|last|lasted|lasting|of|took|take|than)\s+$", self.text[max(0, start - 12) : start], re.IGNORECASE):
            start = start + len(re.match(r"(?i)over\s+", surface).group(0))  # "used over three years": during
        unit_text = m.group("unit")
        unit = _unit_name(unit_text)
        n_text = m.group("n").strip().rstrip("-").strip()
        n = parse_number(n_text)
        lower_n = n_text.lower()
        plural = unit_text.lower().endswith("s") or unit_text.lower() == "centuries"
        surface = self.text[start:end]
        mod = _approx_mod(surface)
        if lower_n in ("a", "an", "one") and not plural:
            # "a year" after an amount is a rate ("$33 million a year"), a set
            before = self.text[max(0, start - 40) : start]
            if lower_n in ("a", "an") and re.search(r"(?:\d|hundreds?|thousands?|millions?|billions?|dozens|percent|%|dollars|cents|times|once|twice)"
                                                   r"(?:\s+[A-Za-z]+){0,2}\s+$", before) \
                    and not re.search(r"\b(?:for|in|within|than|about|over|after|under|nearly|almost|of|take|took|last|lasted|only|just)\s+$", before, re.IGNORECASE):
                return self.make(start, end, "SET", _duration(1, unit))
        if n is None and not _is_vague(lower_n):
            return None
        if lower_n in ("one", "some") and unit == "day" and not plural and self.tense(start, end) == "future" \
                and not re.search(r"\b(?:for|in|within|over|than|about|after)\s+$", self.text[max(0, start - 10) : start], re.IGNORECASE):
            return self.make(start, end, "DATE", "FUTURE_REF")
        if unit == "weekend" and n is not None:
            return self.make(start, end, "DURATION", f"P{_fmt(n)}WE", mod)
        return self.make(start, end, "DURATION", _duration(n, unit), mod)

    def _duration_vague(self, m, start, end):
        adj = (m.group("adj") or "").lower()
        unit = _unit_name(m.group("unit"))
        if adj == "coming" or adj == "future":
            return self.make(start, end, "DATE", "FUTURE_REF")
        if adj in ("recent", "past") and unit in ("day", "year"):
            return self.make(start, end, "DATE", "PAST_REF")
        if adj == "past" and unit in ("year", "decade", "centurie", "century"):
            return self.make(start, end, "DATE", "PAST_REF")
        return self.make(start, end, "DURATION", _duration(None, unit))

    def _while(self, m, start, end):
        return self.make(start, end, "DURATION", "PXX")

    def _ref(self, m, start, end):
        word = re.sub(r"\s+", " ", m.group(0).lower())
        if word in ("now", "right now", "currently", "at present", "presently", "nowadays", "these days", "the present", "current", "for the time being"):
            return self.make(start, end, "DATE", "PRESENT_REF")
        if word in ("recently", "more recently", "lately", "previously", "formerly", "the past", "the distant past", "the recent past", "recent", "once", "former", "earlier"):
            return self.make(start, end, "DATE", "PAST_REF")
        return self.make(start, end, "DATE", "FUTURE_REF")


# ------------------------------------------------------------------ shared date arithmetic


def _shift(dct: date, unit: str, n: float) -> str:
    whole = int(round(n))
    if unit in ("day", "night"):
        return (dct + timedelta(days=whole)).isoformat()
    if unit in ("week", "fortnight"):
        return _week(dct + timedelta(weeks=whole * (2 if unit == "fortnight" else 1)))
    if unit == "weekend":
        return _week(dct + timedelta(weeks=whole)) + "-WE"
    if unit == "month":
        return _month(*_add_months(dct, whole))
    if unit == "quarter":
        year, month = _add_months(dct, 3 * whole)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "year":
        return f"{dct.year + whole:04d}"
    if unit == "decade":
        return f"{(dct.year + 10 * whole) // 10:03d}"
    if unit == "century":
        return f"{(dct.year + 100 * whole) // 100:02d}"
    if unit in ("hour", "minute", "second"):
        return dct.isoformat()
    return f"{dct.year + whole:04d}"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` of a month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    return date(year, month, (h + l - 7 * m + 114) % 31 + 1)


_HOLIDAYS = {
    "Christmas": lambda y: date(y, 12, 25), "Christmas Day": lambda y: date(y, 12, 25),
    "Christmas Eve": lambda y: date(y, 12, 24), "New Year's": lambda y: date(y, 1, 1),
    "New Year's Day": lambda y: date(y, 1, 1), "New Year's Eve": lambda y: date(y, 12, 31),
    "Thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "Thanksgiving Day": lambda y: _nth_weekday(y, 11, 3, 4),
    "Election Day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "Independence Day": lambda y: date(y, 7, 4), "Labor Day": lambda y: _nth_weekday(y, 9, 0, 1),
    "Memorial Day": lambda y: _nth_weekday(y, 5, 0, -1), "Veterans Day": lambda y: date(y, 11, 11),
    "Valentine's Day": lambda y: date(y, 2, 14), "Halloween": lambda y: date(y, 10, 31),
    "Easter": _easter, "Easter Sunday": _easter, "Easter Monday": lambda y: _easter(y) + timedelta(days=1),
    "Good Friday": lambda y: _easter(y) - timedelta(days=2), "Boxing Day": lambda y: date(y, 12, 26),
    "Columbus Day": lambda y: _nth_weekday(y, 10, 0, 2), "Mother's Day": lambda y: _nth_weekday(y, 5, 6, 2),
    "Father's Day": lambda y: _nth_weekday(y, 6, 6, 3), "Martin Luther King Day": lambda y: _nth_weekday(y, 1, 0, 3),
    "Presidents' Day": lambda y: _nth_weekday(y, 2, 0, 3), "Bastille Day": lambda y: date(y, 7, 14),
}


def _season_of(value: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(value.month, "FA")


def _clock_value(clock: str) -> tuple[int | None, int]:
    clock = clock.strip().lower()
    if clock == "noon":
        return 12, 0
    if clock == "midnight":
        return 24, 0
    m = re.match(r"(\w+)\s+o'clock", clock)
    if m:
        value = parse_number(m.group(1))
        return (int(value), 0) if value else (None, 0)
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?)?", clock)
    if not m:
        return None, 0
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    half = (m.group(3) or "").replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 24:
        return None, 0
    return hour, minute


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
