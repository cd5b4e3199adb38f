"""Sentences with character offsets into their article.

    split_sentences(article) -> (Sentence(article_id, index, start, end, text), ...)

with ``article.text[start:end] == text`` for every sentence, so each citation
can be traced back to its exact characters. pysbd finds the boundaries (it
handles "U.S.", "Mr.", "No. 10", decimals and quotes); it runs one paragraph
(line) at a time, so a sentence never crosses a paragraph break, and its
sentences are located in the paragraph by search from the previous end rather
than trusted for offsets. The sentences of one quotation stay one unit.

Speed: pysbd's own ``segment`` spends half its time building a regex per
sentence for offsets we compute anyway, and most of the rest trying
abbreviations that never stand before a period; both are skipped (same
boundaries), one-sentence paragraphs skip pysbd, and paragraphs are cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

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
        for chunk_start, chunk in _chunks(paragraph.start(), paragraph.group()):
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
        return (_strip_span(paragraph, 0, len(paragraph)),)
    # Segmenter.processor(...).process() is segment() without its char-span step,
    # which compiles one regex per sentence (half the time); _locate finds them instead.
    pieces = _segmenter().processor(paragraph).process()
    located = _locate(paragraph, pieces)
    if located is None:  # pysbd altered the text: fall back to a plain punctuation split
        located = _locate(paragraph, _FALLBACK_SENTENCE.findall(paragraph)) or [
            _strip_span(paragraph, 0, len(paragraph))
        ]
    return tuple(merge_open_quotes(paragraph, [span for span in located if span[1] > span[0]]))


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
    """Whether a double quotation is open after ``text``: “ opens, ” closes, a
    straight " toggles (sources mix them: “... strides," he said)."""
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
