"""Sentences that lean on the one before them, and whether that one can stand in.

A summary sentence is read without its article around it. "He will also seek the
general's extradition to Spain.", "The other issues are counter-terrorism
assurances ..." or "The latest round of their negotiations took place in Qatar."
then point at nothing: who is he, which other issues, whose negotiations? Such a
sentence enters a summary only right after the sentence that names what it points
at (``candidates`` joins the two into one unit), or not at all.

The text is never rewritten ("He" -> "Garzon"): every summary sentence is an exact
span of its article, so a reader can check it.
"""

from __future__ import annotations

import re

from .text import STOP_WORDS

# Openers that point back: a pronoun or determiner standing for something said
# before, a word that continues an argument ("Then", "Instead"), "the other ...".
_POINTING_OPENER = re.compile(
    r"^[\"'`‘“]*(?:He|She|They|It|This|That|These|Those|His|Her|Their|Its|Them|Such|Another|"
    r"Then|Thus|Therefore|Hence|Instead|Otherwise|Similarly|Likewise|Also|However|But|Yet|"
    r"The (?:other|latter|former|same|two|three|four|pair|couple)|Other|Others|"
    r"(?:Both|Neither|Either)(?! [A-Z]))\b"  # "Both men", not "Both President Frei and ..."
    r"(?! (?:morning|afternoon|evening|week|weekend|month|year|spring|summer|fall|autumn|winter)\b)"
)  # "This summer, ..." is a date
# "It is not known how ...", "It was not immediately clear which ...": an "it" that stands for nothing.
_EMPTY_IT = re.compile(
    r"^It (?:is|was|has been|had been|seems|seemed|appears|appeared|remains|remained) (?:not )?(?:yet )?"
    r"(?:\w+ly )?\w+ (?:that|how|whether|to|if|what|who|when|why|which)\b"
)
# A contrast with what came before, in the sentence's first clause ("The Taliban, however,
# ..."). "also" after a named subject is left alone: "Spokesman Robert Palladino also said
# ..." reads well by itself; after a pronoun the pronoun decides.
_CONTRAST = re.compile(r"(?:^|,\s*)however\b", re.IGNORECASE)
# Third-person pronouns of people and groups: with no name before them in the sentence,
# they point at someone named earlier ("Then, he said, the shooting started.").
_PERSONS = frozenset("he she him his her hers".split())
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|they|them|their|theirs)\b", re.IGNORECASE)
# One capitalized word past a sentence's start per this many words at least: a cased text.
CASED_WORDS = 100
_MID_CAPITAL = re.compile(r"(?<![.!?\"'”’\n] )(?<!^)(?<=\s)[A-Z][a-z]")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
# Capitalized words that name no one (beside the stop words).
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yet meanwhile earlier later last next".split()
)
# A noun in the plural ("officials", "rebels"): a group the sentence names itself.
_PLURAL = re.compile(r"^[a-z]{3,}(?<![su])s$")
_NOT_PLURAL = frozenset("this its has was is us as his hers does yes thus less unless across perhaps whereas".split())
# Plurals without an -s and nouns for groups, which "they" and "their" may stand for.
_GROUPS = frozenset(
    "people police men women children staff military crowd public government team family families "
    "couple pair company party army navy".split()
)


def needs_antecedent(text: str, cased: bool = True) -> bool:
    """Whether ``text`` points at something it does not say itself (see the module doc).
    In a lower-cased article (``cased`` False: Multi-News) no capital tells a name, so
    only the openers count."""
    if (_POINTING_OPENER.match(text) and not _EMPTY_IT.match(text)) or _CONTRAST.search(_first_clause(text)):
        return True
    if not cased:
        return False
    outside = _outside_quotes(text) if ("``" in text or "“" in text or '"' in text) else text
    pronoun = _PRONOUN.search(outside)
    if pronoun is None:
        return False
    before = _WORD.findall(outside[: pronoun.start()])
    if pronoun.group().lower() in _PERSONS:  # "Polls project that he ...": a plural names no "he"
        return not any(_is_name(w) and not (k == 0 and _is_plural(w.lower())) for k, w in enumerate(before))
    return not any(_is_name(w) or _is_plural(w) for w in before)


def can_lead(text: str, cased: bool = True) -> bool:
    """Whether ``text``, standing right before a sentence that needs it, can give the
    reader what that sentence points at: it must stand alone itself and name someone
    or something (a capitalized name past its first word, or a group in the plural)."""
    if needs_antecedent(text, cased):
        return False
    if not cased:
        return True  # no capital tells a name: any statement may name what the next points at
    words = _WORD.findall(text)
    return any(_is_name(w) or _is_plural(w) for w in words)


def _first_clause(text: str) -> str:
    return text.split(";")[0][:120]


def _outside_quotes(text: str) -> str:
    """The text without what stands inside quotation marks (a quote's "he" is the speaker's business)."""
    return re.sub(r"``.*?''|“.*?”|\".*?\"", " ", text)


def _is_name(word: str) -> bool:
    """A capitalized word that is not a function word ("The", "When"): a name, or a
    sentence's first noun ("Police said he ..."), which may be what the pronoun means."""
    lowered = word.lower()
    return word[:1].isupper() and lowered not in STOP_WORDS and lowered not in _NOT_NAMES


def _is_plural(word: str) -> bool:
    return (bool(_PLURAL.match(word)) and word not in _NOT_PLURAL) or word in _GROUPS


def is_cased(text: str) -> bool:
    """Whether names in ``text`` are capitalized: at least one capitalized word past a
    sentence's start per CASED_WORDS words (Multi-News articles are lower-cased but for
    their sentences' first letters)."""
    words = len(text.split())
    return words == 0 or len(_MID_CAPITAL.findall(text)) * CASED_WORDS >= words
