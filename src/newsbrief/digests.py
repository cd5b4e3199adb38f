"""Wire digests in a story: the items that tell other stories are left out.

A digest (an AP "Top News" bundle, a Xinhua news summary, a newspaper's budget of slugs) runs
several stories in one text, each item opening a paragraph with its own dateline ("BAGHDAD --
Iraq and Tunisia started trade talks ...", "CUBA-ELIAN _ MIAMI _ Demonstrators sang ...");
clean.py keeps those datelines as the items' starts. A story holds a digest because one of its
items belongs to it, and must not cite the others: a Guatemalan lynching in a story on Hugo
Chavez (DUC 2006 D0642F, where 19 of 93 timeline entries came from such items).

Each item of a digest is weighed against the story: a term counts for how much more the story's
other articles use it than the digest's items do (its share of those articles, at least
``STORY_TERM_SHARE``, less its share of the items), so a name the story is about ("chavez") counts
fully and a word of all news ("government", "president") hardly; an item's weight is the sum
over its terms. The items of at least ``KEPT_SHARE`` of the heaviest item's weight tell the story
(several may: a roundup of one story from several places), the others another story: their
sentences are left out of the summary and the analysis. The text stays whole, so citations and
highlights still point into it. Where the terms say too little nothing is left out: fewer than
``MIN_OTHER_ARTICLES`` other articles that are no digests, or no item sharing a story term.
A roundup of one story by place ("ANTIGUA AND BARBUDA _ Most of the destruction ...", section
after section of a hurricane's toll) looks like a digest, but its items share the story's core
words (used by half of its other articles): when the middle item shares ``ROUNDUP_CORE_TERMS``
of them, every item stays.
Read by hand on 24 of the 33 DUC 2003/2006/2007 articles with items (session 11, tuned on): the
on-story item kept in each (the balloon item of three AP "Top News" bundles in DUC 2007 D0740I,
the Elian items of five NYT budgets in DUC 2006 D0647B, the Cyprus spy item of a Xinhua summary in
D0710C, a hurricane's toll by island in DUC 2003 D31028T whole); one off-story item kept (a
teenager and AIDS beside the ADHD item of a features budget) and one related column left out.

An almanac (AP's "Today in History") is left out whole: it opens with "Today is Monday, Oct. 18,
the 291st day of 1999." and runs under fixed headings ("Today's Highlight in History", "On this
date", "Ten years ago", "Today's Birthdays") to "Thought for Today". Its entries are history of
every kind, dated centuries back (Edison's death, the Mason-Dixon Line, birthdays), not the
story's events; the rare entry on the story (a probe's launch "Ten years ago") shares its
paragraph with others and is told by the story's own articles, so none is kept (DUC 2006 D0638B,
unseen reading: 15 timeline entries from one almanac in a story of the Galileo probe).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence

from .model import Article, Sentence

# A story term is used by at least this share of the story's other articles.
STORY_TERM_SHARE = 0.3
# Items weighing at least this share of the heaviest item tell the story.
KEPT_SHARE = 0.6
# A story's core terms are used by at least this share of its other articles; a digest whose
# middle item shares this many of them is a roundup of the story (DUC 2003 D31028T's hurricane
# toll by island: 5 to 10 in six of its seven sections; items of unrelated news share 0 to 3).
CORE_TERM_SHARE, ROUNDUP_CORE_TERMS = 0.5, 5
# Fewer other articles than this (digests apart): their common terms are not the story's.
MIN_OTHER_ARTICLES = 3

# An almanac's first line, at the start of a paragraph: "Today is Monday, Oct. 18, the 291st day of 1999".
ALMANAC_OPENING = re.compile(
    r"^Today is (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]{2,8}\.? \d{1,2}, "
    r"the \d{1,3}(?:st|nd|rd|th) day of \d{4}\b", re.MULTILINE)
# Its last heading; the paragraph it opens ends the almanac (else the text's end does).
ALMANAC_CLOSING = re.compile(r"^Thought for Today\b", re.MULTILINE)


def item_starts(text: str) -> list[int]:
    """Offsets where the items of a text begin: 0, and each later paragraph that opens with a
    wire dateline. One item (``[0]``) for an article that is no digest."""
    from .clean import dateline_length

    starts = [0]
    offset = 0
    for paragraph in text.split("\n"):
        if offset and paragraph and dateline_length(paragraph):
            starts.append(offset)
        offset += len(paragraph) + 1
    return starts


def on_story_sentences(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
                       ) -> dict[str, tuple[Sentence, ...]]:
    """``sentences`` without those of digest items that tell another story (module docstring)."""
    kept = {article_id: tuple(found) for article_id, found in sentences.items()}
    for article in articles:
        if article.id in kept:
            kept[article.id] = _outside_almanacs(article.text, kept[article.id])
    starts = {a.id: item_starts(a.text) for a in articles}
    digests = [a for a in articles if len(starts[a.id]) > 1 and a.id in kept]
    if not digests or len(articles) - len(digests) < MIN_OTHER_ARTICLES:
        return kept
    story = _term_shares([_terms(a.text) for a in articles if len(starts[a.id]) == 1])
    for digest in digests:
        wanted = _items_on_story(digest.text, starts[digest.id], story)
        kept[digest.id] = tuple(s for s in kept[digest.id] if _item_of(s.start, starts[digest.id]) in wanted)
    return kept


def almanac_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the almanacs in ``text`` (see the module docstring)."""
    spans = []
    for opening in ALMANAC_OPENING.finditer(text):
        if spans and opening.start() < spans[-1][1]:
            continue
        closing = ALMANAC_CLOSING.search(text, opening.end())
        end = len(text) if closing is None else _paragraph_end(text, closing.start())
        spans.append((opening.start(), end))
    return spans


def _paragraph_end(text: str, offset: int) -> int:
    end = text.find("\n\n", offset)
    return len(text) if end < 0 else end


def _outside_almanacs(text: str, sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    spans = almanac_spans(text) if "Today is " in text else []  # the opening's words, looked for cheaply first
    if not spans:
        return tuple(sentences)
    return tuple(s for s in sentences if not any(start <= s.start < end for start, end in spans))


def _items_on_story(text: str, starts: list[int], story: Mapping[str, float]) -> set[int]:
    """The indices of the items that tell the story (see the module docstring)."""
    ends = [*starts[1:], len(text)]
    items = [_terms(text[start:end]) for start, end in zip(starts, ends)]
    if _is_roundup(items, story):
        return set(range(len(items)))
    common = _term_shares(items)
    weights = [sum(max(0.0, story[t] - common[t]) for t in item if story.get(t, 0.0) >= STORY_TERM_SHARE)
               for item in items]
    heaviest = max(weights)
    if heaviest <= 0:
        return set(range(len(items)))
    return {k for k, weight in enumerate(weights) if weight >= KEPT_SHARE * heaviest}


def _is_roundup(items: Sequence[frozenset[str]], story: Mapping[str, float]) -> bool:
    core = sorted(sum(story.get(term, 0.0) >= CORE_TERM_SHARE for term in item) for item in items)
    return core[(len(core) - 1) // 2] >= ROUNDUP_CORE_TERMS  # (of an even count, the lower middle)


def _term_shares(texts: Sequence[frozenset[str]]) -> dict[str, float]:
    """Each term's share of ``texts`` (the sets of their terms)."""
    counts = Counter(term for terms in texts for term in terms)
    return {term: n / len(texts) for term, n in counts.items()}


def _terms(text: str) -> frozenset[str]:
    from .cluster.text import tokens

    return frozenset(term for term in tokens(text) if not term[0].isdigit())


def _item_of(offset: int, starts: list[int]) -> int:
    """The index of the item holding ``offset`` (``starts`` ascending, the first 0)."""
    return max(bisect_right(starts, offset) - 1, 0)
