"""Word lists and patterns that more than one analysis stage reads.

The stages read the same words: ``focus`` picks the sentences to parse from the
words the quote, figure and entity rules look for, and those rules read them again
in the parse. The lists live here, below every stage, so that each stage imports
downward only (``tests/analyze/test_imports.py`` keeps the ``analyze`` imports
acyclic). A list only one module reads stays in that module.

Plain Python: nothing here imports spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# ---------------------------------------------------------------- common words

LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")

FUNCTION_WORDS = frozenset(
    """the a an in on at by for from with of to and but or so as if when while after before
    since until during despite although though because however meanwhile moreover also
    he she it they we i you his her its their our my this that these those there here
    some many most several few all both each every no not one two three yes
    what who which where why how""".split()
)


# ---------------------------------------------------------------- dates and numbers

WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}

SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}

TIME_UNITS = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
    "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
}

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
DATE_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split()) | MONTHS

# One quantity under several names. Keys are what a reader sees in the subject.
SYNONYMS = {
    "troops": {"troop", "troops", "force", "forces", "soldier", "soldiers", "servicemen",
               "personnel", "service members", "strength", "boots"},
    "people": {"people", "persons", "person", "individuals"},
    "war": {"war", "conflict", "fighting", "insurgency"},
}

CLASS_OF = {word: cls for cls, words in SYNONYMS.items() for word in words}


def parse_number(words: Sequence[str]) -> float | None:
    """ "14,000" -> 14000, "1.5 million" -> 1.5e6, "two" -> 2, "a dozen" -> 12."""
    total: float | None = None
    for word in words:
        w = word.lower().replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", w):
            total = (total or 0) + float(w)
        elif w in SCALES and total is not None:
            total *= SCALES[w]
        elif w in WORD_NUMBERS:
            total = (total or 0) + WORD_NUMBERS[w]
        elif w in ("a", "an") and total is None:
            continue
        else:
            return None
    return total


def noun_class(noun: Token) -> str:
    word = noun.lower_
    if word in CLASS_OF:
        return CLASS_OF[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# ---------------------------------------------------------------- names and roles

# Titles and honorifics the tagger sometimes keeps inside a PERSON span.
TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president vice prime minister "
    "secretary general gen gen. sen sen. senator rep rep. gov gov. governor king queen prince "
    "princess pope chancellor ambassador envoy special representative spokesman spokeswoman "
    "judge justice col col. lt lt. capt capt. sgt sgt. sheikh imam rev rev. father".split()
)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Comparison key: case, dots of abbreviations and hyphen spacing ignored.
    Cached: the merging compares every name with every fuller name of the story."""
    return comparison_text(text)


def comparison_text(text: str) -> str:
    """``name_key`` uncached, for whole texts a name key is looked for in."""
    text = text.lower().replace(".", "").replace("’", "'").replace("-", " ")
    text = PLURAL_APOSTROPHE.sub("", text)  # "All Burma Students' Democratic Front" is the Students one
    return SPACES.sub(" ", text).strip()

SPACES = re.compile(r"\s+")
PLURAL_APOSTROPHE = re.compile(r"(?<=s)'(?=\s|$)")


# "a pilot", "any pilot", "another nurse": a noun phrase that brings in someone new or
# anyone, never the one person the story names in that role.
INDEFINITE_DETERMINERS = frozenset("a an any another some every each no".split())
# "the vice president", "his lawyer": a noun phrase pointing at someone known.
DEFINITE_DETERMINERS = frozenset("the this that his her its their our my your".split())


def role_key(text: str) -> str:
    words = [w for w in name_key(text).replace("'s", "").split() if w not in {"the", "a", "an"}]
    return " ".join(words)

# Role nouns written capitalized in titles ("Special Representative").
ROLE_NOUNS = frozenset(
    "representative envoy spokesman spokeswoman spokesperson minister secretary general president "
    "chairman chairwoman chair director commander chief leader adviser advisor official "
    "ambassador negotiator mayor governor senator pope pontiff king queen premier chancellor".split()
)


# ---------------------------------------------------------------- speech

# Verbs that attribute speech, by surface form (the lemmatizer is not loaded).
SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added adding tweet tweets tweeted
    tweeting write writes wrote written writing note notes noted noting announce announces
    announced announcing stress stresses stressed stressing state states stated stating
    explain explains explained explaining elaborate elaborates elaborated insist insists
    insisted insisting warn warns warned warning claim claims claimed claiming declare
    declares declared declaring reply replies replied replying respond responds responded
    responding continue continues continued argue argues argued arguing ask asks asked
    asking recall recalls recalled recalling admit admits admitted admitting acknowledge
    acknowledged acknowledges acknowledging emphasise emphasised emphasize emphasized
    emphasizing underline underlined conclude concludes concluded concluding remark remarked
    comment commented observe observed predict predicted suggest suggested suggesting urge
    urged urging vow vowed vowing promise promised confirm confirmed report reported posted
    post posts shout shouted cry cried whisper whispered testify testified quip quips quipped
    joke jokes joked charge charges charged demand demands demanded boast boasts boasted
    complain complains complained conceded concedes counter counters countered retort
    retorted mock mocks mocked lament laments lamented muse mused yell yelled scream
    screamed exclaim exclaimed chant chanted chanting proclaim proclaimed assert asserts
    asserted reiterate reiterated reiterates recount recounted wonder wondered wonders plead
    pleaded texted emailed interject interjected opine opined caution cautioned laugh
    laughed sigh sighed begin began read reads answer answers answered yelling shouting
    screaming echo echoes echoed bark barked snap snapped fume fumed gush gushed rage raged
    thunder thundered scoff scoffed beam beamed sob sobs sobbed murmur murmurs murmured mutter
    mutters muttered mumble mumbled moan moaned groan groaned sneer sneered growl growled
    hiss hissed gasp gasped stammer stammered beg begged implore implored grumble grumbled
    allege alleges alleged contend contends contended maintain maintains maintained""".split()
)

# Verbs that attribute speech with their particle: "shot back", "went on", "pointed out".
PARTICLE_VERBS = {
    "shot": "back", "shoots": "back", "fired": "back", "fires": "back", "hit": "back",
    "went": "on", "goes": "on", "pointed": "out", "points": "out", "chimed": "in", "summed": "up",
}

PRONOUNS = {"he": "m", "she": "f"}  # pronouns resolved to a person, with their gender

# Nouns for people who speak in news; seen as unnamed subjects in DUC stories.
HUMAN_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official officials minister president chairman
    chairwoman director commander chief leader adviser advisor ambassador negotiator mayor
    governor senator lawyer attorney prosecutor judge officer diplomat source sources analyst
    expert professor witness resident man woman doctor aide secretary envoy representative
    executive wife husband mother father son daughter brother sister pope pontiff cardinal bishop
    priest king queen prince princess premier chancellor sheriff coach historian""".split()
)
