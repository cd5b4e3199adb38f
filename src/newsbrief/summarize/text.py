"""Words as the summarizer compares them: lowercased, lightly stemmed, stop words known.

The stemmer is a small suffix stripper, not Porter: it only has to make the
forms of one word meet (``talks``/``talk``, ``agreed``/``agree``) so that two
sentences, or a sentence and a reference, count the same concept once. It is
deterministic and needs no data, so the weights trained with it stay valid.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Tokens as ROUGE sees them: runs of letters and digits (rouge-score replaces every
# other character by a space).
_TOKEN = re.compile(r"[A-Za-z0-9]+")

# A compact English stop list (function words, auxiliaries, reporting fillers) in the
# spirit of the SMART list; content words of news (said, year, people) are kept because
# references use them too.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t mr mrs ms dr st would shall may might must
    upon via per yet ever also
    """.split()
)

# Longest suffix first; each entry: (suffix, replacement, minimum stem length left).
_SUFFIXES = (
    ("ational", "ate", 3),
    ("ization", "ize", 3),
    ("iveness", "ive", 3),
    ("fulness", "ful", 3),
    ("ousness", "ous", 3),
    ("nesses", "", 3),
    ("ations", "ate", 3),
    ("ation", "ate", 3),
    ("ities", "ity", 3),
    ("ments", "ment", 3),
    ("iness", "y", 3),
    ("ingly", "", 3),
    ("ies", "y", 2),
    ("ied", "y", 2),
    ("ing", "", 3),
    ("edly", "", 3),
    ("ness", "", 3),
    ("sses", "ss", 2),
    ("ed", "", 3),
    ("es", "e", 3),
    ("ly", "", 4),
    ("s", "", 3),
)
_KEEP_S = ("ss", "us", "is", "ous")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A lowercase word reduced to a shared stem (``negotiations`` -> ``negotiate``)."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == "s" and word.endswith(_KEEP_S):
                return word
            base = word[: len(word) - len(suffix)] + replacement
            # "stopped" -> "stopp" -> "stop": undo a doubled final consonant
            if suffix in ("ed", "ing") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    return word


def raw_tokens(text: str) -> list[str]:
    """Word tokens as written (case kept: capitals mark names)."""
    return _TOKEN.findall(text)


def tokens(text: str) -> list[str]:
    """Lowercased word tokens as ROUGE sees them."""
    return [t.lower() for t in _TOKEN.findall(text)]


def stems(text: str) -> list[str]:
    return [stem(t) for t in tokens(text)]


@lru_cache(maxsize=16384)
def content_stems(text: str) -> frozenset[str]:
    """The stems of the non-stop words: what a sentence is about (kept for the texts read
    last: the citations, the selection and the update summary read the same sentences)."""
    return frozenset(stem(t) for t in tokens(text) if t not in STOP_WORDS)


class CaselessPattern:
    """A case-insensitive pattern, searched fast. Python's ``re`` scans a pattern compiled
    with IGNORECASE position by position, several times slower than the same pattern,
    case-sensitive, over the lower-cased text; and a substring test skips the search when
    none of ``needed`` (lower-case literals, one of which every match holds) is in the text.
    Both agree with IGNORECASE on ASCII text only (its Unicode folding also matches "ſ" to
    "s" and the Kelvin sign to "k"), so other text is searched by the caseless pattern. The
    ``source`` is written in lower case; a match in ASCII text is over the lower-cased text
    (same offsets: read ``.group()`` lower-cased).
    """

    def __init__(self, source: str, needed: tuple[str, ...] = ()) -> None:
        self._lower = re.compile(source)
        self._caseless = re.compile(source, re.IGNORECASE)
        self._needed = needed

    def search(self, text: str) -> re.Match | None:
        if not text.isascii():
            return self._caseless.search(text)
        lowered = text.lower()
        if self._needed and not any(literal in lowered for literal in self._needed):
            return None
        return self._lower.search(lowered)


def is_stop(token: str) -> bool:
    return token in STOP_WORDS


def word_count(text: str) -> int:
    """Words as the scorer counts them: whitespace-separated."""
    return len(text.split())
