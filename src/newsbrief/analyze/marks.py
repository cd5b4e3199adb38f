"""Quoted passages in raw text, and which of them are quotations (steps 1 and 2 of
the quote stage, ``quotes.py``); ``focus`` reads them too, before anything is parsed,
to choose the sentences whose attribution the parser must read.

    1. find     quoted passages in the raw text: straight, curly and ``PTB'' double
                quotes, single quotes, spanning sentences within a paragraph; a quote
                left open at a paragraph's end that the next paragraph opens again runs
                on (the convention for a quotation of several paragraphs)
    2. select   quotations, not labels: one word never; two to four words only with an
                attribution right beside them (`"Not even one," he said`, `He said: "..."`,
                a sentence of its own), never a title in capitals ("Sunday Morning
                Futures," Rep. Issa said) nor a phrase inside a sentence (`called it "a
                total stiff"`, `said on "Meet the Press"`)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import PRONOUNS, SPEECH_VERBS
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Token

# Lowercase words of a title or a name in quotes ("Meet the Press").
TITLE_JOINERS = frozenset("of the and a an in on for to at by".split())
OPENERS = {"“": "double", "``": "double", "‘": "single", "„": "double"}


CLOSERS = {"”": "double", "''": "double", "’": "single"}


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """A quoted passage: ``text[start:end]`` is the content, ``outer`` includes the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


def find_quotes(text: str) -> list[QuoteMarks]:
    """Quoted passages of ``text``, paragraph by paragraph, in text order."""
    found: list[QuoteMarks] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        found.extend(double_quotes(text, paragraph.start(), paragraph.end()))
    taken = [(q.outer_start, q.outer_end) for q in found]
    for single in single_quotes(text):
        if not any(s <= single.outer_start < e for s, e in taken):
            found.append(single)
    return sorted(found, key=lambda q: q.start)


DOUBLE_MARK = re.compile(r"``|''|[\"“”„]")


def double_quotes(text: str, start: int, end: int) -> Iterator[QuoteMarks]:
    """Pair double quote marks in one paragraph. A straight quote opens when it
    follows a space or starts the paragraph, else it closes; an unmatched opener
    at the paragraph's end is dropped."""
    opened: int | None = None
    opened_len = 0
    for mark in DOUBLE_MARK.finditer(text, start, end):
        kind = mark.group()
        mark_start, mark_end = mark.span()
        if kind == "''" and text[mark_end : mark_end + 1] == "'":
            # three marks: a single quote closing inside the double one (`with the
            # judgment, 'Not ready for prime time,` + `'`), then the double's close;
            # pairing the first two would leave the last one between the quote and
            # its attribution
            mark_start, mark_end = mark_start + 1, mark_end + 1
        if kind == '"':
            before = text[mark.start() - 1] if mark.start() > start else " "
            is_open = before.isspace() or before in "([{:-—–" if opened is None else False
            if opened is None and not is_open and mark.end() < end and not text[mark.end()].isspace():
                is_open = True  # `said:"We...` glued to the text after it
        elif kind == "''" and opened is None:
            is_open = opens_like_straight_quote(text, mark_start, mark_end, start, end)
        else:
            is_open = kind in OPENERS
        if is_open:
            opened, opened_len = mark_start, len(kind)
        elif opened is not None:
            yield QuoteMarks(opened + opened_len, mark_start, opened, mark_end)
            opened = None
    if opened is not None and NEXT_OPENS.match(text, end):
        # a quote running on into the next paragraph, which opens with a mark again
        # (the convention for a quotation of several paragraphs): it ends here
        yield QuoteMarks(opened + opened_len, end, opened, end)


def opens_like_straight_quote(text: str, mark_start: int, mark_end: int, start: int, end: int) -> bool:
    """Whether '' opens a quote: some wire copy writes ''...'' (two apostrophes on both
    sides) for ``...''. With no quote open, '' opens where a straight quote would (after a
    space, the paragraph's start or an opening bracket) when a word follows it; else it
    closes as usual, so ``...'' pairs and an apostrophe inside a word are unchanged."""
    before = text[mark_start - 1] if mark_start > start else " "
    after = text[mark_end] if mark_end < end else " "
    return (before.isspace() or before in "([{:-—–") and not after.isspace()


NEXT_OPENS = re.compile(r"\s*(?:``|''(?=\S)|[\"“„])")
SINGLE_QUOTE = re.compile(r"(?<![\w'’‘])(['‘])((?:[^'’‘\n]|['’](?=\w))+?)['’](?![\w'’])")


def single_quotes(text: str) -> Iterator[QuoteMarks]:
    """'...' and ‘...’ passages; an apostrophe inside a word (It’s, Taliban's) does not close."""
    for match in SINGLE_QUOTE.finditer(text):
        yield QuoteMarks(match.start(2), match.end(2), match.start(), match.end())


def is_quotation(text: str, marks: QuoteMarks, settings: AnalysisSettings = DEFAULT) -> bool:
    """A quotation rather than a label or scare quotes: ``min_quote_words`` or more, and a
    quote of fewer than ``short_quote_words`` words only where an attribution stands right
    beside it (`"Not even one," he said`, `He said: "Not even one."`), not inside a
    sentence (`called it "a total stiff"`, `said on "Meet the Press."`)."""
    content = text[marks.start : marks.end]
    words = len(re.findall(r"[\w’'-]+", content))
    if words < settings.min_quote_words:
        return False
    if words >= settings.short_quote_words:
        return True
    if all(w[:1].isupper() or w.lower() in TITLE_JOINERS for w in re.findall(r"[\w’'-]+", content)):
        return False  # a title or a name: "Sunday Morning Futures," Rep. Issa said
    before = text[max(0, marks.outer_start - 3) : marks.outer_start].rstrip(" \t")
    after = text[marks.outer_end : marks.outer_end + 2]
    if LABEL_BEFORE.search(text, max(0, marks.outer_start - 8), marks.outer_start) or (
            content.rstrip()[-1:] == "," and LABEL_AFTER.match(text, marks.outer_end)):
        return False  # a label a noun phrase holds or lists: `calling him a "KGB spy," "KGB agent," and ...`
    if content.rstrip()[-1:] in ".?!" and (not before or before[-1:] in ".?!\n"):
        return True  # a sentence of its own (`... said Abdul Rahim. "My house is gone."`)
    if content.rstrip()[-1:] in "?!":
        # `"Why?" he asked`, `"This is fantastic!" beamed X`; not `yelled "You lie!" at`
        following = re.match(r"\s*([a-z]+)", text[marks.outer_end : marks.outer_end + 30])
        if following is None or following.group(1) in PRONOUNS or following.group(1) in SPEECH_VERBS:
            return True
    return content.rstrip()[-1:] in ",—-" or after.startswith(",") or before[-1:] in (":", ",")


# A short quote after a determiner is part of a noun phrase (`a "KGB spy,"`); one ending in a
# comma right before another opening mark on its line is an item of a list of labels
# (`"KGB spy," "KGB agent,"`), not a paragraph's last words before the next one's quote.
LABEL_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their|our|this|that)\s*$", re.IGNORECASE)
LABEL_AFTER = re.compile(r"[ \t]*(?:(?:and|or)[ \t]+)?(?:``|\"|“)")


def is_boundary(token: Token) -> bool:
    return token.text in {".", "!", "?", ";"} or "\n" in token.text or token.text in QUOTE_TOKENS


QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''", "„"})


def quoted_chars(text: str) -> set[int]:
    """Character offsets inside quote marks."""
    return {i for m in find_quotes(text) for i in range(m.start, m.end)}


