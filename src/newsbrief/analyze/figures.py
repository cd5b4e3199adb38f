"""Figures the sources disagree on: the same quantity given different values.

    1. read     every number of the parse ("14,000", "two", "1.5 million", "17-year")
                with its qualifier ("around", "at least"); years and dates are not figures
    2. measure  what the number counts, from the dependency parse:
                  "14,000 US troops"            -> count of troops
                  "troop strength ... cut to 9,000" -> count of troops (subject of the verb)
                  "65 people were killed"        -> count of people killed
                  "17-year war", "18-year-old conflict", "16 days of negotiations"
                                                 -> length of the war / of negotiations
                and where (the place the noun or its verb is "in", else the one place
                the sentence names outside modifiers like "US-led")
    3. group    by what is measured (synonyms merged: troops = forces = soldiers;
                war = conflict) and whose it is ("US troops", "US-led foreign troops"
                and "troops from 39 allies" are three measures), split by place when
                sources name different places
    4. tell     why the values differ (``kind``):
                  approximation  one value told roughly ("around 17,000" / "17,400")
                  change         the values follow one another in time: a later article,
                                 a value said to have "risen to" / been "cut to", a
                                 length or an age (which grow), a running tally
                  conflict       sources disagree and nothing in the text explains it
    5. report   a group whose articles give different values; each value once, with
                its sentence, its date and every article that gives it

Different things are never one group: casualties are keyed by their verb (killed /
injured), movements by theirs (troops withdrawn / sent are not troops present),
and nouns not on a synonym list only group with themselves.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, Conflict, FigureValue, Sentence, Span
from .dates import infer_article_date
from .event_times import event_time_conflicts
from .lexicon import CLASS_OF, MONTHS, SCALES, SYNONYMS, TIME_UNITS, WORD_NUMBERS, noun_class, parse_number
from .nlp import parse_articles, sentence_for_span
from .parsed import entity_at, is_parsed
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words that qualify a number; kept in the value shown ("around 17,000", "at least 65").
QUALIFIERS = (
    "at least", "at most", "more than", "fewer than", "less than", "up to", "as many as",
    "around", "about", "approximately", "roughly", "nearly", "almost", "some", "over", "under",
)
# Nouns that name an amount of something else: "troop strength", "the number of troops".
AMOUNT_NOUNS = frozenset("number total strength level count figure tally toll size".split())
# A number of these is not a quantity of the story ("two sides", "four times", "three quarters").
NOT_MEASURES = frozenset(
    "time times side sides quarter quarters half halves third thirds point points percent "
    "round rounds step steps way ways part parts one ones other others page pages".split()
) | frozenset(
    # units measure many different things: "25,000 feet" (altitude), "69 kilometers" (a speed)
    "foot feet meter meters metre metres kilometer kilometers kilometre kilometres km mile "
    "miles inch inches yard yards pound pounds kilogram kilograms kg ton tons tonne tonnes "
    "degree degrees acre acres hectare hectares gallon gallons liter liters litre litres "
    # specifications and short spans: "204 horsepower" (of one engine or another), "a 50
    # milligram pill", "30 minutes later" are never a quantity sources report on
    "horsepower hp milligram milligrams mg gram grams calorie calories volt volts watt watts "
    "minute minutes second seconds".split()
)

# Counts of these only mean something with what happened to them (killed, injured...):
# on DUC clusters "1,102 people remain unaccounted for" and "78 other people" grouped
# as one "people" quantity.
NEEDS_EVENT = frozenset(
    "people person victim civilian resident man men woman women child children member name case".split()
)
RELATIVE = frozenset("additional other more further extra new remaining another".split())

# Verbs whose object counts an event rather than a standing quantity (stems).
EVENT_VERBS = {
    "killed": re.compile(r"kill\w*|die[sd]?|dying|dead|deaths?"),
    "injured": re.compile(r"injur\w*|wound\w*|hurt"),
    "arrested": re.compile(r"arrest\w*|detain\w*|captur\w*"),
    "displaced": re.compile(r"displac\w*|evacuat\w*|flee\w*|fled"),
    "withdrawn": re.compile(r"withdr\w*|pull\w*|remov\w*|reduc\w*|bring\w*|brought"),
    "sent": re.compile(r"send\w*|sent|deploy\w*|dispatch\w*|add|added|adding|adds"),
    "cut": re.compile(r"cut\w*|eliminat\w*|los[est]\w*|lost|slash\w*|shed\w*|axe[sd]?|axing"),
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One number of one article with what it measures."""

    article_id: str
    value: float
    shown: str  # as a reader should see it: "around 17,000", "17 years"
    kind: str  # "count" | "duration"
    what: str  # "troops", "war", "people"
    event: str  # "killed", "withdrawn", "" for a standing quantity
    unit: str  # "year" for durations, "" for counts
    places: frozenset[str]  # where: "Pakistan's Sindh province" -> {Sindh, Pakistan}
    noun: str  # the counted noun as written, for the subject ("jobs")
    sentence: Sentence
    owner: frozenset[str] = frozenset()  # whose: {"us"} for "US troops", {"allies"} for "troops from allies"
    date: str | None = None  # the article's date (given, else read from its text)
    updated: bool = False  # said to be a new value: "risen to 45", "cut to 9,000", "now 45"
    context: frozenset[str] = frozenset()  # words around the noun: its modifiers and its verb
    to_date: bool = False  # a toll in the present perfect ("has killed"): the total up to the article's day


# ---------------------------------------------------------------- 1. read numbers


def is_number(token: Token) -> bool:
    text = token.lower_.replace(",", "")
    return bool(re.fullmatch(r"\d+(\.\d+)?", text)) or text in WORD_NUMBERS or (text in SCALES and token.i > 0 and is_number(token.doc[token.i - 1]))


def number_phrases(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of numbers: "14,000", "1.5 million", "twenty five"."""
    phrases = []
    i = 0
    while i < len(doc):
        if is_number(doc[i]) and doc[i].tag_ != "LS":
            j = i + 1
            while j < len(doc) and (doc[j].lower_ in SCALES or is_units_after_tens(doc[j - 1], doc[j])):
                j += 1
            phrases.append((i, j))
            i = j
        else:
            i += 1
    return phrases


TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
UNITS = frozenset("two three four five six seven eight nine".split())


def is_units_after_tens(previous: Token, token: Token) -> bool:
    """ "twenty five" and "two dozen" are one number; "two six-year terms" is two (two
    terms of six years)."""
    return (previous.lower_ in TENS and token.lower_ in UNITS) or (token.lower_ == "dozen" and is_number(previous))


def number_value(words: Sequence[str]) -> float | None:
    """ "two dozen" -> 24 (a multiple of twelve); else ``lexicon.parse_number``."""
    if len(words) > 1 and words[-1].lower() == "dozen":
        count = parse_number(words[:-1])
        return None if count is None else count * 12
    return parse_number(words)


def qualifier(doc: Doc, start: int) -> str:
    """ "around", "at least", "more than", "up to" right before a number."""
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    for words in QUALIFIERS:
        if before == words or before.endswith(" " + words):
            return doc[start - len(words.split()) : start].text.lower()
    return ""


def is_date_number(doc: Doc, start: int, end: int) -> bool:
    """Years (2001), days of months (13 August, September 1), times of day."""
    token = doc[start]
    text = token.text
    if re.fullmatch(r"1[89]\d\d|20\d\d", text) and token.head.lower_ not in CLASS_OF:
        return True
    neighbours = [doc[k].lower_ for k in (start - 1, end) if 0 <= k < len(doc)]
    if any(n in MONTHS for n in neighbours) or token.head.lower_ in MONTHS:
        return True
    return bool(re.search(r"[/:]", text)) or token.like_url


# ---------------------------------------------------------------- 2. what a number measures


def measure(doc: Doc, start: int, end: int) -> tuple[str, str, str, str, Token] | None:
    """(kind, what, event, unit, anchor token) for the number at ``doc[start:end]``."""
    # the token of the phrase the parse hangs on a word outside it ("two" of "two dozen
    # party members", where "dozen" hangs on "two"); the last one otherwise
    last = next((t for t in reversed(doc[start:end]) if not start <= t.head.i < end), doc[end - 1])
    duration = duration_of(doc, end)
    if duration is not None:
        return duration
    if doc[start].ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "ORDINAL") or not_a_count(doc, start, end):
        return None
    if end < len(doc) and doc[end].text == "-":
        return None  # "a 16-valve engine", "a 100-milligram pill": a specification, not a count
    if start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        return None  # "Windows 98", "Flight 111", "Boeing 747": part of a name
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") else None
    if head is not None and head.pos_ in ("NOUN", "PROPN") and head.i > last.i:
        return counted(head)
    if last.dep_ == "pobj" and last.head.lower_ in ("to", "at") and last.head.head.pos_ in ("VERB", "AUX"):
        # "troop strength had been cut to 9,000", "the toll stands at 65"
        subject = subject_noun(last.head.head)
        return counted(subject) if subject is not None else None
    return None


def not_a_count(doc: Doc, start: int, end: int) -> bool:
    """Money, percentages, times and dates by their words, for numbers the entity
    recognizer did not read (``nlp.py`` runs it around names, not numbers): "$5
    million", "12 percent", "3 p.m.", "two years"."""
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    return before in CURRENCY_SIGNS or after in NOT_COUNT_WORDS or after in TIME_UNITS


CURRENCY_SIGNS = frozenset({"$", "£", "€", "¥", "US$", "C$", "A$", "Rs", "Rs."})
NOT_COUNT_WORDS = frozenset(
    "percent per % pct dollars dollar euros euro yen yuan rupees rupee cents francs pesos "
    "rubles roubles a.m. p.m. am pm o'clock gmt".split()
)


def duration_of(doc: Doc, end: int) -> tuple[str, str, str, str, Token] | None:
    """ "17-year war", "18-year-old conflict", "16 days of negotiations"."""
    i = end
    if i < len(doc) and doc[i].text == "-":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in TIME_UNITS:
        return None
    unit_token = doc[i]
    unit = TIME_UNITS[unit_token.lower_]
    if i > end:  # hyphenated: the unit modifies a noun, maybe through "-old"
        noun = unit_token.head
        if noun.lower_ == "olds" or _year_olds(unit_token):
            return None  # "20- to 24-year-olds": the ages of a group, no figure (D0613D: a false conflict)
        aged = noun.lower_ == "old"
        if aged:
            noun = noun.head
        if aged and noun_class(noun) not in SYNONYMS:
            return age_of(noun, unit)
        if noun.pos_ == "NOUN" and noun.lower_ not in TIME_UNITS:
            return ("duration", noun_class(noun), "", unit, noun)
        return None
    if elapsed(unit_token) and mentions_war(unit_token.sent):
        # "invaded in 2001, but 18 years on, Washington is seeking truce": the war's age
        return ("duration", "war", "", unit, unit_token)
    of = next((c for c in unit_token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
    if objects and objects[0].pos_ == "NOUN":
        return ("duration", noun_class(objects[0]), "", unit, objects[0])
    return None


def _year_olds(unit_token: Token) -> bool:
    """Whether the unit stands in "N-year-olds" (however the tokenizer cut it)."""
    doc = unit_token.doc
    after = doc[unit_token.i + 1 : unit_token.i + 3]
    return any(t.lower_ in ("olds", "-olds") for t in after)


def elapsed(unit_token: Token) -> bool:
    """ "18 years on", "18 years later": time gone by since an event."""
    following = unit_token.doc[unit_token.i + 1] if unit_token.i + 1 < len(unit_token.doc) else None
    return following is not None and following.lower_ in ("on", "later")


def mentions_war(sentence) -> bool:
    """Elapsed time counts as the length of the war only in a sentence about it."""
    return any(CLASS_OF.get(t.lower_) == "war" or t.lower_ in ("invasion", "invaded") for t in sentence)


def age_of(noun: Token, unit: str) -> tuple[str, str, str, str, Token] | None:
    """ "Zaken, a 23-year-old secretary" -> the age of Zaken. Ages of people not named
    ("a 25-year-old man") are left out: two of them are usually two people."""
    named = [noun, noun.head] if noun.dep_ == "appos" else [noun]
    named += [c for c in noun.children if c.dep_ == "appos"]
    for token in named:
        if token.ent_type_ == "PERSON":
            ent = entity_at(token)
            return ("age", ent.text.split()[-1], "", unit, noun)
    return None


def counted(noun: Token) -> tuple[str, str, str, str, Token] | None:
    """What a counted noun stands for: its class and the event it takes part in."""
    if noun.lower_ == "toll" and any(c.lower_ == "death" for c in noun.children):
        return ("count", "people", "killed", "", noun)  # "the death toll has risen to 45"
    if noun.lower_ in AMOUNT_NOUNS:
        inner = amount_of(noun)
        if inner is None:
            return None
        noun = inner
    what = noun_class(noun)
    if what in NOT_MEASURES or noun.lower_ in TIME_UNITS or noun.lower_ in MONTHS:
        return None
    if any(c.dep_ == "amod" and c.lower_ in RELATIVE for c in noun.children):
        return None  # "80 additional victims", "78 other people": a part, not the total
    event = event_of(noun)
    if (what in NEEDS_EVENT or noun.ent_type_ == "NORP") and not event:
        return None  # "1,102 people" alone says nothing of what they are
    return ("count", what, event, "", noun)


def amount_of(noun: Token) -> Token | None:
    """ "troop strength" -> troop; "the number of troops" -> troops."""
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "NOUN":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def subject_noun(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def event_of(noun: Token) -> str:
    """ "65 people were killed" -> killed; "withdraw 5,000 troops" -> withdrawn."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos") or noun.dep_ == "ROOT":
        for event, pattern in EVENT_VERBS.items():
            if pattern.fullmatch(verb.lower_):
                return event
    for child in noun.children:  # "65 people killed", "troops withdrawn"
        if child.dep_ in ("acl", "amod"):
            for event, pattern in EVENT_VERBS.items():
                if pattern.fullmatch(child.lower_):
                    return event
    return ""


def places_of(anchor: Token) -> frozenset[str]:
    """Where the measured thing is: the places the noun or its verb is "in" (with the
    places inside that phrase: "in Pakistan's southern Sindh province"), else the one
    place the sentence puts anything in, to or from."""
    for owner in (anchor, anchor.head, anchor.head.head):
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "across"):
                found = frozenset(
                    entity_text(t)
                    for obj in prep.children if obj.dep_ == "pobj"
                    for t in obj.subtree if t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B"
                )
                if found:
                    return found
    verb = anchor.head
    if verb.dep_ == "xcomp":  # "North Korea plans to send 317 athletes"
        verb = verb.head
    for child in verb.children if verb.pos_ in ("VERB", "AUX") else ():
        if child.dep_ == "nsubj" and child.ent_type_ == "GPE":
            return frozenset({entity_text(child)})  # "North Korea plans to send 317 athletes"
    places = {
        entity_text(t)
        for t in anchor.sent
        if t.ent_type_ in ("GPE", "LOC") and t.dep_ == "pobj" and t.head.lower_ in LOCATIVE
        and t.head.head.ent_type_ not in ("ORG", "FAC")  # "Tufts University in Medford": where the speaker works
    }
    return frozenset(places) if len(places) == 1 else frozenset()


def owner_of(noun: Token) -> frozenset[str]:
    """Whose the counted thing is, from the noun's own modifiers: "US troops" -> {us},
    "US-led foreign troops" -> {us-led, foreign}, "troops from 39 allies" -> {from allies}.
    Two figures of different owners measure different things, whatever their noun."""
    if noun.lower_ in AMOUNT_NOUNS or noun.head.lower_ in AMOUNT_NOUNS:
        noun = noun.head if noun.head.lower_ in AMOUNT_NOUNS else noun  # "troop strength": the whole
    found = set()
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < noun.i:
            word = _owner_word(child)
            if word:
                found.add(word)
        elif child.dep_ == "prep" and child.lower_ == "from":
            found |= _from_owner(child)
    verb = noun.head
    if noun.dep_ == "dobj" and HOLDING_VERBS.fullmatch(verb.lower_):
        # "the NATO mission counts 17,000 troops from 39 allies": the prep may hang on the
        # verb, and the subject that holds the troops is their owner
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "from" and child.i > noun.i:
                found |= _from_owner(child)
            elif child.dep_ in ("nsubj", "nsubjpass"):  # "the US has", "the NATO mission counts"
                found |= {w for w in map(_owner_word, [child, *child.children]) if w}
    return frozenset(found)


def whose(kind: str, what: str, anchor: Token) -> frozenset[str]:
    """The owner of a count (``owner_of``), the holder of a length no synonym list knows
    (``holder_of``: "legislators ... elected to five-year terms" and "Chavez ... will run
    for two six-year terms" are two measures); ages and known lengths (the war) have none."""
    if kind == "count":
        return owner_of(anchor) | named_cause(anchor)
    if kind == "duration" and is_prison_length(anchor):
        return prison_holder(anchor)
    if kind == "duration" and what not in SYNONYMS:
        return holder_of(anchor)
    return frozenset()


# A length told as a punishment: "a ten-year prison term", "an eight-year sentence".
PRISON_NOUNS = frozenset("sentence sentences imprisonment jail prison detention".split())
PRISON_VERBS = re.compile(r"sentenc\w*|jail\w*|imprison\w*|convict\w*")
# A sentence not passed but threatened: "Ruiz faces a 20-year term" (the verb's subject holds it).
POSSIBLE_VERBS = re.compile(r"fac(?:e|es|ed|ing)|risk\w*")
# A sentence asked for by someone else ("prosecutors seek 20 years for Ruiz"): the subject is
# not who would serve it, and the parse seldom says who would.
SOUGHT_VERBS = re.compile(r"seek\w*|sought|demand\w*|ask\w*|request\w*|urg\w*")


def is_prison_length(noun: Token) -> bool:
    """ "a ten-year prison term", "an eight-year sentence", "sentenced to an eight-year term"."""
    if noun.lower_ in PRISON_NOUNS or any(c.lower_ in PRISON_NOUNS for c in noun.children if c.dep_ in ("compound", "amod")):
        return True
    return PRISON_VERBS.fullmatch(_clause_verb(noun).lower_) is not None


def _clause_verb(noun: Token) -> Token:
    """The verb a noun hangs on through prepositions: "sentenced to an eight-year term" -> sentenced."""
    token = noun
    while token.dep_ in ("pobj", "prep", "dobj", "attr", "compound") and token.head.i != token.i:
        token = token.head
    return token


def prison_holder(noun: Token) -> frozenset[str]:
    """Who serves a prison term: the possessor ("Ruiz's eight-year term"), the object of an
    active "sentenced" ("the court sentenced Lopez to ..."), else the subject of the clause
    ("Lopez was sentenced to / got / is serving / faces ..."), through a participle's clause
    ("Usune ... has been in prison since 1994, sentenced to ..."). A sentence belongs to one
    person: a pronoun, a common noun ("two ministers") or no holder at all leaves it unsettled,
    compared with nothing. A threatened term ("faces") is another event than a passed one."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return _person_holder(possessor, noun)
    verb = _clause_verb(noun)
    for _ in range(4):
        if SOUGHT_VERBS.fullmatch(verb.lower_):
            break
        sentenced = [c for c in verb.children if c.dep_ == "dobj" and c.i != noun.i]
        if PRISON_VERBS.fullmatch(verb.lower_) and sentenced:
            return _person_holder(sentenced[0], noun)
        subject = subject_noun(verb)
        if subject is not None:
            possible = POSSIBLE_VERBS.fullmatch(verb.lower_) or any(
                c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "would") for c in verb.children)
            return _person_holder(subject, noun) | ({"possible"} if possible else set())
        if verb.dep_ not in ("advcl", "xcomp", "conj", "acl") or verb.head.i == verb.i:
            break
        # a participle shares its clause's subject; "acl" describes the noun it hangs on
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return _person_holder(verb, noun)
    return _unsettled(noun)


def _person_holder(token: Token, noun: Token) -> frozenset[str]:
    """The people a prison term is of, by surname: the token and its conjuncts
    ("Barrionuevo and his deputy, Rafael Vera"), a common noun through the name set beside
    it ("Gallastegi's daughter Usune"); unsettled when any of them is not named."""
    names = set()
    for person in [token, *token.conjuncts]:
        named = person if person.pos_ == "PROPN" else next(
            (c for c in person.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is None:
            return _unsettled(noun)
        entity = entity_at(named) if named.ent_type_ == "PERSON" else None
        names.add((entity.text if entity is not None else named.text).split()[-1].lower())
    return frozenset(names)


def _unsettled(noun: Token) -> frozenset[str]:
    """A holder of its own: the figure is compared with nothing."""
    return frozenset({f"?{id(noun.doc)}:{noun.i}"})


def named_cause(noun: Token) -> frozenset[str]:
    """The name of the event a toll is of, when its sentence names one: "The Lauda Air crash
    killed all 223 people" (the subject of the event verb), "were killed in the Lauda Air
    crash". A story's own event is seldom named so; another one, recalled, often is. The
    name is an owner that figures naming no event do not join (``owner_groups``)."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB" or not event_of(noun):
        return frozenset()
    causes = [c for c in verb.children if c.dep_ == "nsubj" and noun.dep_ == "dobj"]
    causes += [o for p in verb.children if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "by")
               for o in p.children if o.dep_ == "pobj"]
    for cause in causes:
        names = [c for c in cause.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        names += [g for c in names for g in c.children if g.dep_ == "compound" and g.pos_ == "PROPN"]
        if cause.pos_ == "NOUN" and names:
            return frozenset({"by " + " ".join(t.text for t in sorted(names, key=lambda t: t.i))})
    return frozenset()


def holder_of(noun: Token) -> frozenset[str]:
    """Who holds a length: the subject of the clause the noun is in, through prepositions
    ("elected to five-year terms"), the noun a participle describes ("legislators, all
    elected to ..."), and verbs that share their subject ("will be able to run for ...").
    A pronoun or a clause whose subject the parse does not give leaves the holder
    unsettled: the figure gets a holder of its own and is compared with nothing."""
    token = noun
    for _ in range(8):
        while token.dep_ in ("pobj", "prep", "dobj", "attr", "compound") and token.head.i != token.i:
            token = token.head
        subject = subject_noun(token)
        if subject is not None:
            return _holder_word(subject, noun)
        if token.dep_ in ("acl", "relcl") or token.dep_ == "appos":
            return _holder_word(token.head, noun)
        if token.dep_ in ("xcomp", "acomp") and token.head.i != token.i:
            token = token.head
            continue
        break
    return frozenset()


def _holder_word(token: Token, noun: Token) -> frozenset[str]:
    if token.pos_ == "PRON" and token.dep_ == "appos":  # "legislators, all elected to ...": the legislators
        token = token.head
    if token.pos_ == "PRON":
        return frozenset({f"?{id(noun.doc)}:{noun.i}"})  # "he", "they": whose is not settled here
    if token.ent_type_ == "PERSON":
        return frozenset({entity_at(token).text.split()[-1].lower()})
    return frozenset({noun_class(token)})


def _from_owner(prep: Token) -> set[str]:
    """ "troops from 39 allies", "soldiers from France": where they come from, when that
    is a country or a group of them ("the toll from floods" names a cause, no owner)."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return set()
    source = objects[0]
    if source.ent_type_ in ("GPE", "NORP", "ORG") or noun_class(source) in CONTRIBUTORS:
        return {"from " + noun_class(source)}
    return set()


CONTRIBUTORS = frozenset("ally country nation member partner state government".split())


# Verbs whose subject holds what they count: "the mission counts / has / fields 17,000 troops".
# (The pipeline runs no lemmatizer: the forms are spelled out.)
HOLDING_VERBS = re.compile(r"counts?|counted|numbers?|numbered|has|have|had|comprises?|comprised|fields?|fielded|"
                           r"includes?|included|totals?|totall?ed")


def _owner_word(token: Token) -> str:
    """The owner a modifier names, normalized ("U.S." = "American" = "us"), or "" for a
    modifier that names none ("additional", "combat", "troop")."""
    led = [c for c in token.children if c.dep_ in ("npadvmod", "compound") and c.i < token.i]
    if token.lower_ == "led" and led:  # "US-led": tokens US - led
        return OWNER_ALIASES.get(led[0].lower_, led[0].lower_) + "-led"
    word = token.lower_
    if word in OWNER_ALIASES:
        return OWNER_ALIASES[word]
    if token.ent_type_ in ("NORP", "GPE", "ORG") or word in OWNER_WORDS:
        return word.removesuffix("'s")
    return ""


# Owners under several names, and how a subject shows them.
OWNER_ALIASES = {"u.s.": "us", "us": "us", "american": "us", "america": "us", "america's": "us",
                 "u.s": "us", "uk": "uk", "british": "uk", "britain": "uk"}
OWNER_SHOWN = {"us": "US", "uk": "UK"}
# Adjectives that say whose a quantity is without being a name.
OWNER_WORDS = frozenset("foreign international allied coalition nato government rebel militant "
                        "federal state local national".split())


def is_update(doc: Doc, start: int, end: int) -> bool:
    """The number is given as a new value: "has risen to 45", "cut to 9,000", "now 45",
    "up from 30" (after it) -- the text itself says it changed."""
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    after = " ".join(t.lower_ for t in doc[end : end + 3])
    return bool(UPDATE_BEFORE.search(before) or UPDATE_AFTER.match(after))


UPDATE_BEFORE = re.compile(
    r"\b(?:ris\w*|rose|climb\w*|increas\w*|grew|grow\w*|jump\w*|soar\w*|swell\w*|swollen|fell|fall\w*|"
    r"dropp?\w*|declin\w*|cut|reduc\w*|lower\w*|rais\w*|reach\w*|revis\w*|up|down)\s+(?:to|at)$|\bnow(?:\s+\w+)?$"
)
UPDATE_AFTER = re.compile(r"(?:,\s*)?(?:up|down)\s+from\b")


# Prepositions that put something somewhere ("mission to Afghanistan", "withdrawal
# from Afghanistan"); a place in any other role ("bringing the US and Taliban together",
# "US-led") says nothing about where a quantity is.
LOCATIVE = frozenset({"in", "to", "from", "inside", "across", "at"})


def entity_text(token: Token) -> str:
    return entity_at(token).text


def is_history(number: Token) -> bool:
    """A figure of another time ("in 2010, floods killed nearly 2,000 people", "at its
    peak in the 1970s the plant employed 12,000") is history, not the story's figure:
    its clause is dated by a year (the story's own figures are dated by days)."""
    clause = number
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    dated = list(clause_tokens(clause))
    if clause.head.i != clause.i and clause.dep_ in ("relcl", "advcl"):
        dated.append(clause.head)  # "since 2010, when floods killed ..."
    return any(is_year(t) for t in dated)


def is_year(token: Token) -> bool:
    """A year: tagged DATE, or (where the recognizer did not run) a year-like number
    not followed by what it counts ("in 2010," but not "2000 troops")."""
    if not YEAR.search(token.text):
        return False
    if token.ent_type_:
        return token.ent_type_ == "DATE"
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is None or not following.is_lower


def clause_tokens(verb: Token) -> list[Token]:
    """The tokens of a verb's own clause, not those of clauses inside it."""
    found, todo = [], [verb]
    while todo:
        token = todo.pop()
        found.append(token)
        todo.extend(c for c in token.children if c.pos_ not in ("VERB", "AUX") or c.dep_ in ("aux", "auxpass"))
    return found


YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")


# ---------------------------------------------------------------- the stage


def read_figures(article: Article, doc: Doc, sentences: Mapping[str, Sequence[Sentence]]) -> list[Figure]:
    figures = []
    day = article_day(article)
    for start, end in number_phrases(doc):
        # a sentence is left unparsed when no other article has a number followed by
        # the same words (focus.figure_units): its numbers can conflict with none
        if not is_parsed(doc[start]) or is_date_number(doc, start, end):
            continue
        value = number_value([t.text for t in doc[start:end]])
        found = measure(doc, start, end)
        if value is None or value < 2 or found is None:
            continue  # "one" is a pronoun more often than a count
        kind = found[0]
        if kind == "count" and is_history(doc[start]):
            continue  # a length ("the 17-year dictatorship, 1973-90") holds whatever the year
        kind, what, event, unit, anchor = found
        shown = " ".join(filter(None, [qualifier(doc, start), doc[start:end].text]))
        if kind in ("duration", "age"):
            shown = f"{doc[start:end].text} {unit}s"
        sentence = sentence_for_span(sentences, article, doc[start:end])
        figures.append(
            Figure(article.id, value, shown, kind, what, event, unit, places_of(anchor), anchor.lower_, sentence,
                   whose(kind, what, anchor), day, is_update(doc, start, end),
                   context_of(anchor), event != "" and told_to_date(anchor))
        )
    return figures


def told_to_date(noun: Token) -> bool:
    """ "ETA has killed nearly 800 people", "800 people have been killed": a present perfect
    tells the total up to the day of writing, which a later article's total includes."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)


def context_of(noun: Token) -> frozenset[str]:
    """The noun's own modifiers and its verb, stemmed crudely (no lemmatizer runs):
    what tells "144 Jewish settlements" and "over 190 Jewish settlements" are one thing,
    and "96 countries in the world" and "150 countries meet in Bonn" are not."""
    words = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and c.is_alpha}
    verb = noun.head
    if verb.pos_ in ("VERB", "AUX") and verb.lower_ not in ("is", "are", "was", "were", "be", "been", "has", "have", "had"):
        words.add(verb.lower_[:5])
    return frozenset(words)


def article_day(article: Article) -> str | None:
    """The article's date, else the day its text gives ("said on Tuesday" in a text that
    dates itself); None when nothing tells."""
    if article.date:
        return article.date[:10]
    found = infer_article_date(article.text)
    return found.isoformat() if found else None


def find_conflicts(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], settings: AnalysisSettings = DEFAULT
) -> tuple[Conflict, ...]:
    """Quantities to which different articles give different values."""
    if len(articles) < 2:
        return ()
    docs = parse_articles(articles, sentences, settings)
    figures = [f for a in articles for f in read_figures(a, docs[a.id], sentences)]
    conflicts = [conflict(subject, group, settings) for subject, group in group_figures(figures)]
    conflicts = [c for c in conflicts if c is not None]
    # when one event happened: clock times and days (event_times.py)
    conflicts += event_time_conflicts(articles, docs, sentences, {a.id: article_day(a) for a in articles})
    return tuple(sorted(conflicts, key=lambda c: -sum(len(v.citations) for v in c.values)))


def group_figures(figures: Sequence[Figure]) -> list[tuple[str, list[Figure]]]:
    """Figures measuring one thing of one owner in one place. Figures whose places overlap
    go together ("Sindh", "Pakistan's Sindh province", "Pakistan"); figures without a place
    join the one placed group, and are left out when there are several (ambiguous)."""
    by_thing: dict[tuple[str, str, str, str], list[Figure]] = defaultdict(list)
    for f in figures:
        by_thing[(f.kind, f.what, f.event, f.unit)].append(f)
    order = {id(f): n for n, f in enumerate(figures)}
    groups = []
    for thing, members in by_thing.items():
        for measured in owner_groups(members):
            for told_alike in context_groups(thing, measured):
                groups.extend(_place_split(thing, told_alike, order))
    return groups


def context_groups(thing: tuple[str, str, str, str], figures: list[Figure]) -> list[list[Figure]]:
    """A noun no synonym list knows, counted with no event ("countries", "families") or
    given a length ("two years of junior college"), names too many things to be one
    quantity by itself: its figures go together only when they share a word around the
    noun (linked in chains). Known quantities (troops, people killed, the war) stay whole."""
    kind, what, event, _ = thing
    if kind == "age" or event or what in SYNONYMS:
        return [figures]
    return linked_groups(figures, lambda f: f.context)


def owner_groups(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Figures of one owner each ("US troops", "troops from allies"); figures that name
    none join the one owner named, and stay apart when several are (which one they
    count cannot be told)."""
    by_owner: dict[frozenset[str], list[Figure]] = defaultdict(list)
    for f in figures:
        by_owner[f.owner].append(f)
    unowned = by_owner.pop(frozenset(), [])
    named_event = any(o.startswith("by ") for owner in by_owner for o in owner)
    if len(by_owner) <= 1 and not named_event:
        return [next(iter(by_owner.values()), []) + unowned]
    return [*by_owner.values(), unowned] if unowned else list(by_owner.values())


def _place_split(thing: tuple[str, str, str, str], members: list[Figure], order: dict[int, int]) -> list:
    """(subject, figures) of one measure, split by place when sources name different places."""
    if not members:
        return []
    placed = place_groups([f for f in members if f.places])
    unplaced = [f for f in members if not f.places]
    if len(placed) <= 1:
        placed = [(placed[0] if placed else []) + unplaced]
    groups = []
    for group in placed:
        # sorted: a tie between places goes the same way in every process (a set's
        # order follows string hashing, which changes from one process to the next)
        places = Counter(p for f in group for p in sorted(f.places))
        place = places.most_common(1)[0][0] if places else None
        noun = Counter(f.noun for f in group).most_common(1)[0][0]
        owner = next((f.owner for f in group if f.owner), frozenset())
        groups.append((subject(thing, noun, place, owner), sorted(group, key=lambda f: order[id(f)])))
    return groups


def place_groups(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Connected groups of figures whose place sets overlap."""
    return linked_groups(figures, lambda f: f.places)


def linked_groups(figures: Sequence[Figure], key: Callable[[Figure], frozenset[str]]) -> list[list[Figure]]:
    """Connected groups of figures whose ``key`` sets overlap (chains link: A-B, B-C)."""
    groups: list[tuple[set[str], list[Figure]]] = []
    for f in figures:
        touching = [g for g in groups if g[0] & key(f)]
        merged_keys, merged = set(key(f)), [f]
        for g in touching:
            merged_keys |= g[0]
            merged = g[1] + merged
            groups.remove(g)
        groups.append((merged_keys, merged))
    return [members for _, members in groups]


def subject(thing: tuple[str, str, str, str], noun: str, place: str | None, owner: frozenset[str] = frozenset()) -> str:
    """What a reader sees: "US troops in Afghanistan", "people killed in Sindh",
    "length of the war in Afghanistan (years)"."""
    kind, what, event, unit = thing
    where = f" in {place}" if place else ""
    if kind == "duration":
        return f"length of the {what}{where} ({unit}s)"
    if kind == "age":
        return f"age of {what} ({unit}s)"
    shown = what if what in SYNONYMS else noun
    whose = " ".join(sorted(OWNER_SHOWN.get(o, o) for o in owner if not o.startswith(("from ", "by "))))
    source = " ".join(sorted(o for o in owner if o.startswith("from ")))
    cause = " ".join(sorted(o for o in owner if o.startswith("by ")))
    return " ".join(filter(None, [whose, shown, source, event, cause])) + where


def close_values(by_value: dict[float, list[Figure]],
                 settings: AnalysisSettings = DEFAULT) -> dict[float, list[Figure]]:
    """The values that can be one quantity told differently: within a factor of
    ``max_ratio`` of the value most articles give. On DUC clusters one head noun also
    covers different things ("600 satellites in orbit", "NASA's 22 satellites"); their
    values lie far apart, while sources disagreeing on one figure stay close (troops
    9,000-20,000, deaths 224-250, ages 23/32). Counts of generic things under
    ``min_generic_count`` ("five bronze medals", "three gold medals") are left out."""
    if not by_value:
        return by_value
    first = next(iter(by_value.values()))[0]
    if first.kind == "count" and not first.event and first.what not in SYNONYMS:
        by_value = {v: fs for v, fs in by_value.items() if v >= settings.min_generic_count}
    if not by_value:
        return by_value
    anchor = max(by_value, key=lambda v: len({f.article_id for f in by_value[v]}))
    ratio = settings.max_ratio
    return {v: fs for v, fs in by_value.items() if anchor / ratio <= v <= anchor * ratio}


def conflict(subject_text: str, group: Sequence[Figure], settings: AnalysisSettings = DEFAULT) -> Conflict | None:
    """The values of one quantity given by at least two articles, and why they differ."""
    by_value: dict[float, list[Figure]] = defaultdict(list)
    for f in group:
        by_value[f.value].append(f)
    by_value = close_values(by_value, settings)
    if len(by_value) < 2:
        return None
    articles_per_value = [{f.article_id for f in fs} for fs in by_value.values()]
    if len(set().union(*articles_per_value)) < 2:
        return None  # one article's figures changing over time ("from 14,000 to 9,000")
    kind = kind_of(by_value, settings)
    if kind is None:
        return None  # months apart with nothing saying it changed: no telling which, say nothing
    ordered = list(by_value.values())  # in the order the articles give them
    if kind == "change":
        ordered.sort(key=lambda fs: (min((f.date or "9999") for f in fs), fs[0].value))
    values = []
    for fs in ordered:
        shown = Counter(f.shown for f in fs).most_common(1)[0][0]
        values.append(
            FigureValue(
                value=shown,
                text=fs[0].sentence.text,
                citations=tuple(dict.fromkeys(f.article_id for f in fs)),
                spans=tuple(dict.fromkeys(Span.of(f.sentence) for f in fs)),
                date=min((f.date for f in fs if f.date), default=None),
            )
        )
    return Conflict(subject=subject_text, values=tuple(values), kind=kind)


def kind_of(by_value: Mapping[float, Sequence[Figure]], settings: AnalysisSettings = DEFAULT) -> str | None:
    """ "approximation" when one value is the other told roughly; "change" when every two
    values given by different articles follow one another in time; "conflict" when two
    articles of about the same time (or undated) disagree; None when the only unexplained
    differences are between articles months apart (a change or a disagreement: the text
    does not tell), or when every difference is a rough bound the other value keeps ("more
    than 300,000" / 335,435: no disagreement)."""
    if is_approximation(by_value, settings) and not grown_over_time(by_value, settings):
        return "approximation"
    values = list(by_value)
    undecided = changed = False
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            for fa in by_value[a]:
                for fb in by_value[b]:
                    if fa.article_id == fb.article_id or within_bound(fa, fb) or within_bound(fb, fa):
                        continue
                    if follows(fa, fb) or follows(fb, fa):
                        changed = True
                        continue
                    if not _months_apart(fa, fb, settings) and is_approximation({a: [fa], b: [fb]}, settings):
                        continue  # one value told roughly, at about the same time
                    if fa.kind != "count" or not _months_apart(fa, fb, settings):
                        return "conflict"  # a length or an age cannot shrink with time
                    undecided = True
    return "change" if changed and not undecided else None


def grown_over_time(by_value: Mapping[float, Sequence[Figure]], settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether two values are a running toll at two times, not one value told roughly: an
    article months later gives a higher total "to date" ("ETA has killed more than 750 people"
    in 1996, "has killed nearly 800" in 1998): the later total covers the killings between."""
    values = list(by_value)
    return any(
        _months_apart(fa, fb, settings) and follows(later, earlier) and later.to_date
        for i, a in enumerate(values) for b in values[i + 1 :]
        for fa in by_value[a] for fb in by_value[b]
        for later, earlier in ((fa, fb), (fb, fa))
    )


def _months_apart(a: Figure, b: Figure, settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether two articles are further apart than ``standing_days``."""
    if not (a.date and b.date):
        return False
    return abs(_units_between(min(a.date, b.date), max(a.date, b.date), "day")) > settings.standing_days


def within_bound(bound: Figure, other: Figure) -> bool:
    """Whether ``bound`` is a rough bound that ``other`` keeps. A bound on a round number
    ("more than 300,000", "more than 100", "up to 50") describes a count without giving it:
    335,435 and 116 are "more than" those, so the two say the same. Two such bounds of one
    direction never disagree. A bound on an unrounded number ("at least 42 people killed",
    "at least 38") is a count told as a minimum, the idiom of tallies: compared as a value."""
    direction = _bound_direction(bound)
    if not direction or _trailing_zeros(bound.value) == 0:
        return False
    if _bound_direction(other) == direction and _trailing_zeros(other.value) > 0:
        return True
    return other.value >= bound.value if direction == "lower" else other.value <= bound.value


def _bound_direction(figure: Figure) -> str:
    words = figure.shown.lower()
    return "lower" if words.startswith(LOWER_BOUNDS) else "upper" if words.startswith(UPPER_BOUNDS) else ""


def is_approximation(by_value: Mapping[float, Sequence[Figure]], settings: AnalysisSettings = DEFAULT) -> bool:
    """Values within ``approximation_spread`` (10 %) of each other of which one is said roughly ("around 17,000",
    "nearly 45") or every other one rounds to the roundest ("17,000" and "17,400")."""
    low, high = min(by_value), max(by_value)
    if high > low * (1 + settings.approximation_spread):
        return False
    if any(f.shown.split()[0] in ROUGH for fs in by_value.values() for f in fs):
        return True
    roundest = max(by_value, key=_trailing_zeros)
    step = 10 ** _trailing_zeros(roundest)
    return step > 1 and all(round(v / step) * step == roundest for v in by_value)


def _trailing_zeros(value: float) -> int:
    number, zeros = int(value), 0
    if number != value or number == 0:
        return 0
    while number % 10 == 0:
        number //= 10
        zeros += 1
    return zeros


def follows(later: Figure, earlier: Figure) -> bool:
    """Whether ``later`` can be a later value of what ``earlier`` measured: the text says
    it changed ("risen to"), lengths and ages that grew by the time between the articles,
    running tallies (killed, injured) of a later day."""
    dated = bool(later.date and earlier.date)
    if dated and later.date <= earlier.date:  # type: ignore[operator]
        return False
    if later.kind in ("duration", "age"):
        grown = later.value - earlier.value
        allowed = 1 + (_units_between(earlier.date, later.date, later.unit) if dated else 0)
        return 0 < grown <= allowed
    if later.updated and not earlier.updated:
        return True
    # a toll only grows: a lower count on a later day is another count, or a disagreement
    return dated and later.event in RUNNING_TALLIES and later.value > earlier.value


def _units_between(earlier: str | None, later: str | None, unit: str) -> float:
    from datetime import date

    days = (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days  # type: ignore[index]
    return days / {"year": 365.25, "month": 30.44, "week": 7, "day": 1, "hour": 1 / 24}.get(unit, 1)


# Qualifiers that make a value a bound (step 1 keeps them in ``shown``).
LOWER_BOUNDS = ("at least ", "more than ", "over ")
UPPER_BOUNDS = ("at most ", "fewer than ", "less than ", "up to ", "as many as ", "under ")
# Words that make a value approximate; "at least", "more than" are bounds, not roundings.
ROUGH = frozenset("around about approximately roughly nearly almost some".split())
# Counts that only grow with the days of a story: a later article's higher toll is news.
RUNNING_TALLIES = frozenset({"killed", "injured", "arrested", "displaced"})
