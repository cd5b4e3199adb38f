"""Which sentences of a story each analysis stage reads from spaCy, decided from the
surface of the text before anything is parsed.

Parsing every sentence of a 10-article story costs ~1.2 s of CPU; the stages read
the dependency parse of few of them:

    quotes     sentences holding a quotation (``marks.is_quotation``; the attribution
               "…," X said / X said: "…" is read from the parse), and, when the
               attribution is "he"/"she", the sentences before it up to the one
               naming people (who "he" is)
    figures    sentences with a number that can count something: digits or number
               words followed by a word that a number of another article is also
               followed by (a conflict needs two articles measuring one thing), or
               a number after "to"/"at" ("cut to 9,000", "stands at 65")
    entities   sentences giving a person a role ("US special envoy Zalmay Khalilzad",
               "Khalilzad, the US envoy"), and sentences naming a role held by one
               person ("the US special envoy said")

Names (NER) are needed everywhere, but a story repeats its names: a capitalized run
("Zalmay Khalilzad", "Bank of America") is tagged by the entity recognizer in a
window around its first appearance, and later appearances of the same run copy
those labels (``propagate``). The recognizer reads a few tokens either side (the
small model's token vectors see four tokens each way), so a window of ``ner_window``
tokens (``settings.py``) gives it the context it would have in the whole article.

The units are the segmenter's sentences (``Sentence``), as token ranges of the
tokenized article.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Sentence
from .lexicon import (
    CLASS_OF, DATE_WORDS, FUNCTION_WORDS, HUMAN_NOUNS, MONTHS, PRONOUNS, ROLE_NOUNS, SCALES, SPEECH_VERBS,
    TIME_UNITS, TITLES, WORD_NUMBERS, noun_class, parse_number, role_key,
)
from .marks import QUOTE_TOKENS, find_quotes, is_boundary, is_quotation, quoted_chars
from .parsed import text_of
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Lowercase words that join a multi-word name ("Bank of America", "Osama bin Laden").
# ("Kenya and Tanzania" is two names: "and" does not join.)
NAME_JOINERS = frozenset("of the de du la le al el bin ibn von van der den for".split())
# Words that do not say what a number counts ("14,000 of the", "two and a half").
NOT_COUNTED = frozenset("of the a an and or to in on at by for from with than percent".split())


@dataclass(frozen=True, slots=True)
class Unit:
    """One segmenter sentence as a token range of the tokenized article."""

    article_id: str
    index: int
    start: int  # token index
    end: int


def units_of(article_id: str, doc: Doc, sentences: Sequence[Sentence]) -> list[Unit]:
    """The article's tokens cut at the first token of each sentence; tokens between
    sentences (line breaks) go with the sentence before them."""
    starts = set()
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None and len(span):
            starts.add(span.start)
    starts.discard(0)
    bounds = [0, *sorted(starts), len(doc)]
    return [
        Unit(article_id, n, a, b) for n, (a, b) in enumerate(zip(bounds, bounds[1:])) if a < b
    ]


# ---------------------------------------------------------------- quotes


@dataclass(frozen=True, slots=True)
class QuoteWindows:
    """Where the attribution of one quote is read: ``after`` first (`"…," X said`);
    ``before`` (`X said: "…"`) only when the parse finds none after, or the speaker
    after is "he"/"she" (the sentence before the quote says who); and, for a quote
    opening its sentence, ``previous``: the sentence before when it has a speech
    verb before its first quotation mark, whose speaker the quote may go on with
    (`Trump shot back, saying he's "made a lot of money." "Frankly, ..."`,
    ``quotes.previous_speaker``); read only when the parse finds no attribution
    after the quote. (Reading every sentence before whole would also parse again
    sentences already read in part, and change their parse.)"""

    start: int  # the quote's tokens, marks included
    end: int
    after: tuple[tuple[int, tuple[int, int]], ...]  # (unit index, token range)
    before: tuple[int, tuple[int, int]]
    previous: tuple[int, tuple[int, int]] | None = None


def quote_windows(doc: Doc, units: Sequence[Unit], settings: AnalysisSettings = DEFAULT) -> list[QuoteWindows]:
    """The token ranges each quotation (``marks.is_quotation``) is attributed from
    (``attribution.attribute``): from a few tokens inside the quote's end to
    ``max_tokens_after`` beyond it, and from ``max_tokens_before`` plus a subject's
    length before its start to a few tokens inside. The quoted words between are not
    parsed."""
    text = text_of(doc)
    unit_of = unit_index(units, len(doc))
    found = []
    reach_before = settings.max_tokens_before + settings.subject_tokens
    for marks in find_quotes(text):
        if not is_quotation(text, marks, settings):
            continue
        span = doc.char_span(marks.outer_start, marks.outer_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        first, last = units[unit_of[span.start]], units[unit_of[span.end - 1]]
        before = (first.index, (max(first.start, span.start - reach_before),
                                min(first.end, span.start + settings.inside_tokens)))
        previous = None
        if span.start == first.start and first.index > 0:
            unit = units[first.index - 1]
            if ends_with_colon(doc, unit):
                # `Cruz continued:¶"…"`: the attribution is the sentence before (attribution.colon_attribution)
                before = (unit.index, (max(unit.start, unit.end - reach_before), unit.end))
            elif speaks_before_quoting(doc, unit):
                previous = (unit.index, (unit.start, unit.end))
        end_unit = last
        if last.index + 1 < len(units) and (not text[marks.start : marks.end].rstrip().endswith(".")
                                            or bare_attribution(doc, units[last.index + 1])):
            # `"Why?" Khalilzad asked.` may be cut after "?"; `...homophobia." Labinski
            # said.` (the comma left out) is a sentence of its own
            end_unit = units[last.index + 1]
        limit = min(end_unit.end, span.end + settings.max_tokens_after + 2)
        end = attribution_end(doc, span.end, limit, lambda i: units[unit_of[i]].end)
        after = [(last.index, (max(last.start, span.end - settings.inside_tokens), min(last.end, end)))]
        if end_unit is not last and end > end_unit.start:
            after.append((end_unit.index, (end_unit.start, end)))
        found.append(QuoteWindows(span.start, span.end, tuple(after), before, previous))
    return found


def bare_attribution(doc: Doc, unit: Unit) -> bool:
    """Whether a unit is only a capitalized name and a speech verb (`Labinski said.`,
    `Mayor Ann Lee said.`), read from the surface: at most six tokens, the last a stop."""
    words = [t for t in doc[unit.start : unit.end] if not t.is_space]
    if not 2 <= len(words) <= 6 or words[-1].text != "." or words[-2].lower_ not in SPEECH_VERBS:
        return False
    return all(t.is_title for t in words[:-2])


def speaks_before_quoting(doc: Doc, unit: Unit) -> bool:
    """Whether a unit has a speech verb before its first quotation mark (`Trump shot
    back in a statement, saying he's "made a lot of money."`): the speaker a quote
    opening the next sentence may go on with (``quotes.previous_speaker``)."""
    for token in doc[unit.start : unit.end]:
        if token.text in QUOTE_TOKENS:
            return any(t.lower_ in SPEECH_VERBS for t in doc[unit.start : token.i])
    return False


def ends_with_colon(doc: Doc, unit: Unit) -> bool:
    """Whether a unit's last token, line breaks aside, is a colon."""
    for i in range(unit.end - 1, unit.start - 1, -1):
        if not doc[i].is_space:
            return doc[i].text == ":"
    return False


def attribution_end(doc: Doc, start: int, limit: int, sentence_end) -> int:
    """Where ``attribution.after_quote`` stops reading: after the first sentence end, line
    break or quote mark after the quote (the full stop itself is parsed), unless a
    speech verb comes first: its subject may run on past an abbreviation's full stop
    ("said military spokesman Maj. Gen. Syamsul Ma'arif"), to the end of its sentence
    (``sentence_end(token index)``)."""
    for i in range(start, limit):
        if doc[i].lower_ in SPEECH_VERBS or doc[i].lower_ == "according":
            return min(limit, sentence_end(i))
        if is_boundary(doc[i]):
            return i + 1
    return limit


def pronoun_context(
    doc: Doc, units: Sequence[Unit], quoted: set[int], has_people: Mapping[int, bool],
    settings: AnalysisSettings = DEFAULT,
) -> set[int]:
    """For a quote unit with "he"/"she" outside the quote, the units before it back to
    the first that names people (who the pronoun is), at most ``pronoun_lookback``."""
    inside = quoted_chars(text_of(doc))
    chosen: set[int] = set()
    for n in sorted(quoted):
        unit = units[n]
        if not any(t.lower_ in PRONOUNS and t.idx not in inside for t in doc[unit.start : unit.end]):
            continue
        for back in range(n - 1, max(-1, n - 1 - settings.pronoun_lookback), -1):
            chosen.add(back)
            if has_people.get(back):
                break
    return chosen - quoted


def names_people(doc: Doc, unit: Unit, ents: Iterable[tuple[int, int, str]]) -> bool:
    """Whether a unit names a person (a PERSON entity) or an unnamed one ("a spokesman")."""
    if any(label == "PERSON" and unit.start <= s < unit.end for s, _, label in ents):
        return True
    return any(t.lower_ in HUMAN_NOUNS for t in doc[unit.start : unit.end])


# ---------------------------------------------------------------- figures


def number_keys(doc: Doc, unit: Unit,
                settings: AnalysisSettings = DEFAULT) -> list[tuple[int, set[tuple[str, float]], bool]]:
    """For each number of a unit that could count something: its token index, what it
    could count as (word after the number, value), and whether it stands after
    "to"/"at" (then its subject is what it counts)."""
    found = []
    tokens = doc[unit.start : unit.end]
    for k, token in enumerate(tokens):
        if not could_count(tokens, k, settings):
            continue
        always = k > 0 and tokens[k - 1].lower_ in ("to", "at")
        end = k + 1
        while end < len(tokens) and tokens[end].lower_ in SCALES:
            end += 1
        value = parse_number([t.text for t in tokens[k:end]])
        if value is None or value < 2:
            continue
        if not could_measure(tokens, end):
            continue
        keys = {(noun_class(word), value) for word in counted_words(tokens, end, settings)}
        if keys or always:
            found.append((unit.start + k, keys, always))
    return found


def counted_words(tokens, end: int, settings: AnalysisSettings = DEFAULT) -> list:
    """The words after a number that may say what it counts: the last word of the
    words that follow it up to a function word or punctuation ("20,000 US-led foreign
    troops, most", "17,000 troops from"; "and" joins names: "14,000 US and NATO
    troops"), and the first lowercase word among them; "were", "more", "other" say
    nothing."""
    run = []
    for j in range(end, min(len(tokens), end + settings.number_lookahead)):
        word = tokens[j]
        if word.text == "-":
            continue
        if word.is_punct:
            break
        if word.is_stop:
            joins = word.lower_ in ("and", "or") and run and not any(w.is_lower for w in run)
            if joins or not run:
                continue  # "were", "more" before the noun say nothing; names joined
            break
        if word.is_alpha:
            run.append(word)
    lowercase = [w for w in run if w.is_lower]
    return [*lowercase[:1], *run[-1:]]


def counts_a_class(tokens, end: int, settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether a lowercase word of a class ``figures`` compares (troops, people, ...)
    follows a number within ``number_lookahead`` words."""
    if end >= len(tokens) or not tokens[end].is_lower:
        return False
    for j in range(end, min(len(tokens), end + settings.number_lookahead)):
        if tokens[j].is_punct and tokens[j].text != "-":
            return False
        if tokens[j].lower_ in CLASS_OF:
            return True
    return False


def could_measure(tokens, end: int) -> bool:
    """Whether what follows a number can make it a figure (``figures.measure``): not a
    percentage, and a time unit only as a length ("17-year war", "16 days of talks",
    "18 years on"), not as a date ("two years ago", "for three days")."""
    following = tokens[end] if end < len(tokens) else None
    if following is None:
        return True
    if following.lower_ in ("percent", "%", "per"):
        return False
    if following.lower_ not in TIME_UNITS:
        return True
    after_unit = tokens[end + 1].lower_ if end + 1 < len(tokens) else ""
    return after_unit in ("of", "on", "later", "-", "old")


def could_count(tokens, k: int, settings: AnalysisSettings = DEFAULT) -> bool:
    """A number token that is not a year, a day of a month, money or "one"."""
    token = tokens[k]
    text = token.lower_.replace(",", "")
    if not (re.fullmatch(r"\d+(\.\d+)?", text) or text in WORD_NUMBERS):
        return False
    if k > 0 and (tokens[k - 1].like_num or tokens[k - 1].lower_ in WORD_NUMBERS):
        return False  # inside a number read from its first word ("twenty five")
    if re.fullmatch(r"1[89]\d\d|20\d\d", token.text) and not counts_a_class(tokens, k + 1, settings):
        # a year ("in 2001,", "the 1998 bombings"), unless it counts a thing figures
        # compares ("2000 troops": figures.is_date_number reads it so)
        return False
    neighbours = [tokens[j].lower_ for j in (k - 1, k + 1) if 0 <= j < len(tokens)]
    if any(n in MONTHS for n in neighbours):
        return False
    return not (k > 0 and tokens[k - 1].text in ("$", "£", "€", "¥"))


def figure_windows(
    docs: Mapping[str, Doc], units: Mapping[str, Sequence[Unit]], settings: AnalysisSettings = DEFAULT
) -> dict[str, dict[int, list[tuple[int, int]]]]:
    """Per article, ``{unit index: [its token range]}`` for the sentences with a number
    that may conflict with another article's: a conflict needs one thing given two
    different values by two articles, so a word after a number counts only when two
    articles follow a number with it, with two different values in all."""
    found: dict[str, list[tuple[Unit, int, set[tuple[str, float]], bool]]] = defaultdict(list)
    seen: dict[str, set[tuple[str, float]]] = defaultdict(set)  # word -> (article, value)
    for article_id, article_units in units.items():
        for unit in article_units:
            for i, keys, always in number_keys(docs[article_id], unit, settings):
                found[article_id].append((unit, i, keys, always))
                for word, value in keys:
                    seen[word].add((article_id, value))
    # every value of such a word counts, not only the close ones: the value most
    # articles give is the anchor figures.close_values compares the others with
    shared = {
        word for word, given in seen.items()
        if len({a for a, _ in given}) >= 2 and len({v for _, v in given}) >= 2
    }

    windows: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for article_id, entries in found.items():
        for unit, i, keys, always in entries:
            if always or any(w in shared for w, _ in keys):
                # the whole sentence: figures.places_of reads every place it puts anything in
                windows[article_id][unit.index] = [(unit.start, unit.end)]
    return windows


# ---------------------------------------------------------------- entities: roles


def role_windows(doc: Doc, units: Sequence[Unit], ents: Iterable[tuple[int, int, str]],
                 settings: AnalysisSettings = DEFAULT) -> dict[int, list[tuple[int, int]]]:
    """Token ranges around PERSON and ORG names that may come with a role
    (``names.roles_of``): a noun right before the name ("envoy Zalmay Khalilzad",
    "President Bush"), a noun phrase after a comma ("Khalilzad, the US envoy",
    "Khalilzad, US special representative"), a noun before a comma ("Secretary
    General, Jens Stoltenberg")."""
    windows: dict[int, list[tuple[int, int]]] = defaultdict(list)
    unit_of = unit_index(units, len(doc))
    for start, end, label in ents:
        if label != "PERSON":  # (an ORG-tagged surname with a role is rare)
            continue
        before = doc[start - 1] if start > 0 else None
        after = doc[end : end + 2]
        titled = before is not None and could_be_role_noun(before)
        appositive_after = len(after) == 2 and after[0].text == "," and starts_noun_phrase(after[1])
        appositive_before = (
            start > 1 and before.text == "," and could_be_role_noun(doc[start - 2])
        )
        unit = units[unit_of[start]]
        if titled:  # the compound chain before the name: "US special envoy"
            windows[unit.index].append((max(unit.start, start - settings.role_before), min(unit.end, end + 1)))
        if appositive_after:  # ", the US special envoy"
            windows[unit.index].append((max(unit.start, start - 1), min(unit.end, end + settings.role_after)))
        if appositive_before:  # "NATO's Secretary General, "
            windows[unit.index].append((max(unit.start, start - settings.role_before), min(unit.end, end + 1)))
    return windows


def merge_windows(units: Sequence[Unit], wanted: Mapping[int, Sequence[tuple[int, int]]],
                  settings: AnalysisSettings = DEFAULT) -> dict[int, list[tuple[int, int]]]:
    """Overlapping windows of a unit merged; a unit mostly covered is taken whole."""
    merged: dict[int, list[tuple[int, int]]] = {}
    for n, windows in wanted.items():
        unit = units[n]
        spans: list[tuple[int, int]] = []
        for start, end in sorted(windows):
            if start >= end:
                continue
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        if sum(e - s for s, e in spans) >= settings.whole_unit_share * (unit.end - unit.start):
            spans = [(unit.start, unit.end)]
        if spans:
            merged[n] = spans
    return merged


def could_be_role_noun(token: Token) -> bool:
    """A word that can end a role: a lowercase word that is not a function word, a
    verb of speech or an -ed/-ing/-ly form, or a capitalized title ("President")."""
    word = token.lower_
    if not token.is_alpha:
        return False
    if word in ROLE_NOUNS or word in TITLES:
        return True
    return (
        token.is_lower and not token.is_stop and word not in FUNCTION_WORDS
        and word not in SPEECH_VERBS and not word.endswith(("ed", "ing", "ly"))
    )


def starts_noun_phrase(token: Token) -> bool:
    """The first word of an appositive role: "the", "a", a capitalized word ("US"),
    or a possible role noun ("spokesman for ...")."""
    if token.lower_ in ("the", "a", "an"):
        return True
    if token.is_alpha and token.text[:1].isupper():
        return token.lower_ not in FUNCTION_WORDS
    return could_be_role_noun(token)


def role_mention_windows(doc: Doc, units: Sequence[Unit], roles: Iterable[str],
                         settings: AnalysisSettings = DEFAULT) -> dict[int, list[tuple[int, int]]]:
    """Token ranges naming a role held by one person ("The US Special Envoy has
    indicated"): the role's last word with the words of its noun phrase before it."""
    roles = [f" {r} " for r in roles if r]
    last_words = {r.split()[-1] for r in roles}
    windows: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for unit in units:
        words = NOT_WORD.sub(" ", doc[unit.start : unit.end].text)
        text = f" {role_key(words)} "
        if not any(r in text for r in roles):
            continue
        for token in doc[unit.start : unit.end]:
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is not None and is_capitalized(following):
                continue  # a title before a name ("envoy Zalmay Khalilzad"): a name's mention
            if token.lower_.replace(".", "") in last_words:
                start = max(unit.start, token.i - settings.role_before)
                windows[unit.index].append((start, min(unit.end, token.i + 3)))
    return windows


# Punctuation between words; apostrophes and dots stay for role_key ("NATO's", "U.S.").
NOT_WORD = re.compile(r"[^\w\s.'’]")


def unit_index(units: Sequence[Unit], n_tokens: int) -> list[int]:
    """Token index -> unit index."""
    owner = [0] * n_tokens
    for unit in units:
        for i in range(unit.start, unit.end):
            owner[i] = unit.index
    return owner


# ---------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class Run:
    """A capitalized run of tokens: a candidate name."""

    start: int
    end: int
    key: str


def capitalized_runs(doc: Doc, unit: Unit) -> list[Run]:
    """Runs of capitalized tokens ("Zalmay Khalilzad", "Bank of America", "U.S.");
    a capitalized function word starting the sentence ("The", "But") is not a name."""
    runs = []
    i = unit.start
    while i < unit.end:
        if not is_capitalized(doc[i]) or (i == unit.start and doc[i].lower_ in FUNCTION_WORDS):
            i += 1
            continue
        j = i + 1
        while j < unit.end:
            if is_capitalized(doc[j]):
                j += 1
            elif doc[j].lower_ in NAME_JOINERS and j + 1 < unit.end and is_capitalized(doc[j + 1]):
                j += 2
            else:
                break
        runs.append(Run(i, j, doc[i:j].text))
        i = j
    return runs


def could_be_name(doc: Doc, unit: Unit, run: Run, lowercase: set[str]) -> bool:
    """Whether the recognizer needs to see a new run: not a day or month ("Wednesday",
    "Aug.": dates are not read outside figures), not one word capitalized only because
    it starts a sentence or a quote ("Officials", "Later", "We") and written lowercase
    elsewhere in the story."""
    words = [t.lower_.rstrip(".") for t in doc[run.start : run.end]]
    if all(w in DATE_WORDS for w in words):
        return False
    if len(words) == 1:
        starts = run.start == unit.start or doc[run.start - 1].text in STARTERS
        if words[0] in FUNCTION_WORDS or (starts and words[0] in lowercase):
            return False
    return True


# Tokens after which a capital starts a sentence or a quotation.
STARTERS = frozenset({'"', "“", "``", "‘", "'", ":", "(", "-", "—", "–"})


def is_capitalized(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def ner_windows(doc: Doc, unit: Unit, runs: Sequence[Run], novel: Sequence[Run],
                settings: AnalysisSettings = DEFAULT) -> list[tuple[int, int]]:
    """Token ranges to tag around new names, merged, within the unit; a window never
    cuts a capitalized run in two."""
    windows: list[tuple[int, int]] = []
    for run in novel:
        start = max(unit.start, run.start - settings.ner_window)
        end = min(unit.end, run.end + settings.ner_window)
        for other in runs:  # widen to whole runs at the edges
            if other.start < start < other.end:
                start = other.start
            if other.start < end < other.end:
                end = other.end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def run_pattern(run: Run, ents: Iterable[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """The entities over a run, as (start, end, label) relative to the run."""
    return tuple(
        (max(s, run.start) - run.start, min(e, run.end) - run.start, label)
        for s, e, label in ents
        if s < run.end and e > run.start
    )


def label_patterns(
    occurrences: Iterable[tuple[Run, Sequence[tuple[int, int, str]]]]
) -> dict[str, tuple[tuple[int, int, str], ...]]:
    """For each run tagged somewhere, the labels the recognizer gave it most often."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for run, ents in occurrences:
        votes[run.key][run_pattern(run, ents)] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def unsure_runs(occurrences: Iterable[tuple[Run, Sequence[tuple[int, int, str]]]]) -> set[str]:
    """Runs the recognizer labelled differently in different places."""
    patterns: dict[str, set] = defaultdict(set)
    for run, ents in occurrences:
        patterns[run.key].add(run_pattern(run, ents))
    return {key for key, found in patterns.items() if len(found) > 1}


def propagate(runs: Iterable[Run], patterns: Mapping[str, tuple[tuple[int, int, str], ...]]) -> list[tuple[int, int, str]]:
    """Entities for runs not tagged here, copied from where the same run was tagged."""
    return [
        (run.start + s, run.start + e, label)
        for run in runs
        for s, e, label in patterns.get(run.key, ())
    ]
