"""Sentences with character offsets into their article.

    split_sentences(article) -> (Sentence(article_id, index, start, end, text), ...)

with ``article.text[start:end] == text`` for every sentence, so each citation
can be traced back to its exact characters. pysbd finds the boundaries (it
handles "U.S.", "Mr.", "No. 10", decimals and quotes); it runs one paragraph
(line) at a time, so a sentence never crosses a paragraph break, and its
sentences are located in the paragraph by search from the previous end rather
than trusted for offsets. Two repairs follow, so every sentence reads alone:
pysbd's cuts that leave a fragment are undone (a closing quote mark left at the head
of the next sentence, "R-Ill." or "Inc." followed by ", said" or a lower-case word),
and the sentences of one quotation stay one unit, DUC's ``...'' quotes included.

Speed: pysbd's own ``segment`` spends half its time building a regex per
sentence for offsets we compute anyway, and most of the rest trying
abbreviations that never stand before a period; both are skipped (same
boundaries), one-sentence paragraphs skip pysbd, and paragraphs are cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .clean import dateline_length
from .model import Article, Sentence

# pysbd's regex rules slow down on very long runs without a line break (tables,
# lists flattened by an extractor): a 100,000-character paragraph took 7.7 s in one
# piece against ~1.1 s in 10,000-character pieces, so long paragraphs are cut first.
MAX_PARAGRAPH_CHARS = 10_000

# Paragraphs whose sentence spans are kept (a few MB of text at most).
PARAGRAPH_CACHE = 8192
# A quotation runs over at most this many sentences; beyond, a quote mark is stray.
MAX_QUOTE_SENTENCES = 5

# Punctuation that may end a sentence, followed by more text: without one, a
# paragraph is a single sentence (headings, one-sentence paragraphs).
_INNER_BOUNDARY = re.compile(r"[.!?…;:][\"'”’)\]]*\s")
_PARAGRAPH = re.compile(r"[^\n]+")
_FALLBACK_SENTENCE = re.compile(r".+?(?:[.!?…]+[\"'”’)\]]*(?=\s)|$)", re.DOTALL)


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """The sentences of ``article.text`` in order, stripped, with exact offsets."""
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(article.text):
        # a digest item's dateline ("SANTIAGO -- ", kept by clean as the item's start) is no
        # part of its first sentence
        skip = dateline_length(paragraph.group())
        for chunk_start, chunk in _chunks(paragraph.start() + skip, paragraph.group()[skip:]):
            spans.extend(_sentence_spans(chunk, chunk_start))
    return tuple(
        Sentence(article.id, index, start, end, article.text[start:end])
        for index, (start, end) in enumerate(spans)
    )


def _chunks(offset: int, paragraph: str) -> list[tuple[int, str]]:
    """The paragraph in pieces of at most MAX_PARAGRAPH_CHARS, cut after the last
    sentence-ending mark in the window, else at the last space."""
    chunks = []
    while len(paragraph) > MAX_PARAGRAPH_CHARS:
        window = paragraph[:MAX_PARAGRAPH_CHARS]
        ends = [m.end() for m in _INNER_BOUNDARY.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ")
        cut = cut if cut > 0 else MAX_PARAGRAPH_CHARS
        chunks.append((offset, paragraph[:cut]))
        offset, paragraph = offset + cut, paragraph[cut:]
    chunks.append((offset, paragraph))
    return chunks


def _sentence_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each stripped sentence of one paragraph, as offsets in the article."""
    return [(offset + start, offset + end) for start, end in paragraph_spans(paragraph)]


@lru_cache(maxsize=PARAGRAPH_CACHE)
def paragraph_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans within one paragraph (cached: the store and the web app brief
    the same articles again, and versions of one wire story share paragraphs)."""
    if not paragraph.strip():
        return ()
    if not _INNER_BOUNDARY.search(paragraph.strip()):  # one sentence at most: no need for pysbd
        return tuple(rejoin_fragments(paragraph, [_strip_span(paragraph, 0, len(paragraph))]))
    # Segmenter.processor(...).process() is segment() without its char-span step,
    # which compiles one regex per sentence (half the time); _locate finds them instead.
    pieces = _segmenter().processor(paragraph).process()
    located = _locate(paragraph, pieces)
    if located is None:  # pysbd altered the text: fall back to a plain punctuation split
        located = _locate(paragraph, _FALLBACK_SENTENCE.findall(paragraph)) or [
            _strip_span(paragraph, 0, len(paragraph))
        ]
    located = rejoin_fragments(paragraph, [span for span in located if span[1] > span[0]])
    return tuple(merge_open_quotes(paragraph, located))


# Abbreviations after which pysbd may cut although the sentence goes on: a state after a
# party ("R-Ill."), a company suffix, a title, a month; compared without the final period.
_STATES = (
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont "
    "Neb Nev Okla Ore Pa Penn Tenn Tex Vt Va Wash Wis Wyo"
)
_CONTINUING_ABBREVIATIONS = frozenset(
    (
        _STATES + " Co Corp Inc Ltd Bros Cos Gen Sen Rep Gov Lt Col Sgt Capt Adm Cmdr Maj Dr Mr Mrs Ms "
        "Const Cst Det Insp Supt Cpl Pte Pvt Spc Brig Cdr Atty Hon Amb Msgr "
        "Prof Rev St Sr Jr Jan Feb Aug Sept Sep Oct Nov Dec No Nos vs U.S U.N U.K D.C N.Y N.J N.H "
        "a.m p.m Ph.D"
    ).split()
)
# Titles that always stand before a name: a cut after one is never a sentence end
# (police ranks too: "Police Const. | Tim Fanning said ..." lost who Fanning is).
_TITLES = frozenset(
    "Gen Sen Rep Gov Lt Col Sgt Capt Adm Cmdr Maj Dr Mr Mrs Ms Prof Rev "
    "Const Cst Det Insp Supt Cpl Pte Pvt Spc Brig Cdr Atty Hon Amb Msgr".split()
)
_MONTHS = frozenset("Jan Feb Aug Sept Sep Oct Nov Dec".split())
# What follows a clock time inside its sentence: "at 9:40 p.m. Friday", "8:38 p.m. EDT",
# "10 p.m. July 16". A new sentence after "p.m." starts otherwise ("... at 9 p.m. The plane").
_AFTER_CLOCK = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|(?:[ECMP][SD]T|GMT|BST|UTC|ET|PT)\b)"
)
_COMPANY_SUFFIX = re.compile(r"^(?:Inc|Ltd|Co|Corp|Cos|L\.P|PLC|plc|LLC)\.?(?=[\s,;.]|$)")
# "Paul Wellstone, D-Minn." or "Gen." as the last word of a piece (the final period excluded).
_LAST_WORD = re.compile(r"(?:^|[\s(])(?:[A-Z]-)?([A-Za-z][A-Za-z.]*?)\.$")
_INITIAL = re.compile(r"(?:^|\s)[A-Z][a-z]+ [A-Z]\.$")  # "John F." before "Kennedy"


def rejoin_fragments(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo pysbd's cuts that leave a fragment.

    A quotation that pysbd ends at its inner full stop leaves the closing marks at
    the head of the next piece ("...accords." + "'' he said."): they go back to the
    quotation, and a rest that goes on the sentence ("he said.", "at Speaker-elect
    Robert Livingston when ...") joins it too. A piece that cannot start a sentence
    (", said ...", a lower-case word after "Inc.", a name after "Sen.") joins the
    one before it.
    """
    cased = any(char.isupper() for char in paragraph[1:])
    out: list[tuple[int, int]] = []
    quoting = False  # a quotation is open after the pieces before out[-1]
    for start, end in spans:
        if not out:  # closing marks of a quotation opened in an earlier paragraph belong to no sentence
            rest = _skip_spaces(paragraph, start + _closing_marks(False, paragraph[start:end]), end)
            start = rest if rest < end else start
        else:
            previous = paragraph[out[-1][0] : out[-1][1]]
            closer = _closing_marks(_quote_open_after(previous, quoting), paragraph[start:end])
            if closer:
                out[-1] = (out[-1][0], start + closer)
                start = _skip_spaces(paragraph, start + closer, end)
                if start >= end or _goes_on(previous, paragraph[start:end], cased, after_quote=True):
                    out[-1] = (out[-1][0], end)
                    continue
            elif _goes_on(previous, paragraph[start:end], cased):
                out[-1] = (out[-1][0], end)
                continue
            quoting = _quote_open_after(paragraph[out[-1][0] : out[-1][1]], quoting)
        out.append((start, end))
    return out


def _closing_marks(is_open: bool, text: str) -> int:
    """Length of the quote marks at the head of ``text`` that close a quotation: the
    open one, or (a quotation that ran over paragraphs) '' or ” followed by a space."""
    marks = len(text) - len(text.lstrip("'\"”’"))
    if marks == 0 or (marks < len(text) and not text[marks].isspace()):
        return 0  # '"We ...' opens a new quotation
    head = text[:marks]
    if not is_open and "''" not in head and "”" not in head:
        return 0  # a straight quote opens as well as closes (Multi-News writes '" the ...')
    return marks if not _quote_open_after(head, True) else 0


def _goes_on(previous: str, text: str, cased: bool, after_quote: bool = False) -> bool:
    """Whether ``text`` continues the sentence ``previous`` instead of starting one."""
    first = text[:1]
    if first in ",;:)]":
        return True
    if after_quote:  # "'' he said.", "'' at Speaker-elect ..."; lower-cased text proves nothing
        return cased and first.islower()
    if _COMPANY_SUFFIX.match(text):
        return True
    last = _LAST_WORD.search(previous)
    word = last.group(1) if last else ""
    if word in _TITLES or (word in _MONTHS and first.isdigit()) or _INITIAL.search(previous):
        return True
    if word in ("a.m", "p.m") and _AFTER_CLOCK.match(text):
        return True
    return cased and first.islower() and word in _CONTINUING_ABBREVIATIONS


def _skip_spaces(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def merge_open_quotes(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the sentences of one quotation: '“Peace is near. It’s clear all sides
    want to end the war,” he said.' stays one unit, so a sentence of a quote never
    stands alone as if it were the outlet's own statement. A quotation that does not
    close within MAX_QUOTE_SENTENCES sentences is left split (a stray quote mark)."""
    merged: list[tuple[int, int]] = []
    index = 0
    while index < len(spans):
        last = _quote_closes_at(paragraph, spans, index)
        merged.append((spans[index][0], spans[last][1]))
        index = last + 1
    return merged


def _quote_closes_at(paragraph: str, spans: list[tuple[int, int]], first: int) -> int:
    """Index of the sentence that closes a quotation left open by sentence ``first``."""
    is_open = False
    for index in range(first, min(len(spans), first + MAX_QUOTE_SENTENCES)):
        start, end = spans[index]
        is_open = _quote_open_after(paragraph[start:end], is_open)
        if not is_open:
            return index
    return first


def _quote_open_after(text: str, is_open: bool) -> bool:
    """Whether a double quotation is open after ``text``: “ and `` open, ” and ''
    close, a straight " toggles (sources mix them: “... strides," he said)."""
    if "``" in text or "''" in text:  # DUC's wire text: `` and '' pairs
        text = text.replace("``", "“").replace("''", "”")
    for char in text:
        if char == "“":
            is_open = True
        elif char == "”":
            is_open = False
        elif char == '"':
            is_open = not is_open
    return is_open


def _locate(paragraph: str, pieces: list[str]) -> list[tuple[int, int]] | None:
    """Find each piece in order; None if one is not found verbatim."""
    spans = []
    cursor = 0
    for piece in pieces:
        text = piece.strip()
        if not text:
            continue
        start = paragraph.find(text, cursor)
        if start < 0:
            return None
        cursor = start + len(text)
        spans.append((start, cursor))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    """One pysbd Segmenter per process: building it compiles many regexes."""
    import pysbd

    # clean=False keeps the text as given, so sentences can be found in it verbatim
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = _english_with_abbreviation_filter()
    return segmenter


def _english_with_abbreviation_filter() -> type:
    """pysbd's English rules, with its abbreviation pass limited to the abbreviations
    that stand before a period in the paragraph.

    pysbd tries each of its ~190 abbreviations whose letters occur anywhere in the
    paragraph ("al", "is", "p", ...: almost all of them) and runs several regexes per
    occurrence; every rule it applies rewrites "abbr." only, so an abbreviation never
    followed by a period changes nothing. Skipping those gives the same sentences
    (checked on 16,000 DUC paragraphs) in a fraction of the time.
    """
    from pysbd.lang.english import English

    class Replacer(English.AbbreviationReplacer):  # type: ignore[name-defined,misc]
        def search_for_abbreviations_in_string(self, text: str) -> str:
            lowered = text.lower()
            present = [a for a in English.Abbreviation.ABBREVIATIONS if f"{a}." in lowered]
            if not present:
                return text
            language = self.lang
            self.lang = _LanguageView(language, present)
            try:
                return super().search_for_abbreviations_in_string(text)
            finally:
                self.lang = language

    class FilteredEnglish(English):  # type: ignore[misc]
        AbbreviationReplacer = Replacer

    return FilteredEnglish


class _LanguageView:
    """A pysbd language whose abbreviation list is narrowed to ``present``."""

    def __init__(self, language: Any, present: list[str]) -> None:
        self._language = language
        self.Abbreviation = type("Abbreviation", (language.Abbreviation,), {"ABBREVIATIONS": present})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._language, name)
