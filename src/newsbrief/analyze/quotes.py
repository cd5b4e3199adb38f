"""Who said what: direct quotes with their speakers resolved to full names.

    1. find     quoted passages in the raw text (``marks.find_quotes``)
    2. select   quotations, not labels (``marks.is_quotation``)
    3. attach   the speech verb and the speaker phrase, from the parse
                (``attribution.attribute``)
    4. resolve  the verb's subject: a name -> the fullest name of the story ("Mr
                Stoltenberg" -> "Jens Stoltenberg"); "he"/"she" -> the nearest person of
                that gender (first names, Mr/Mrs/Ms, "widow"/"husband" beside the name)
                the preceding sentences are about (the subject of the main clause first;
                sentences about the same pronoun are skipped, unless they name a subject
                before it: "while Clinton hosted an event, during which she ..."; a
                sentence naming people only as objects gives way to the speaker quoted
                just before; a sentence with words the parser did not read that may name
                someone is parsed whole when the walk reaches it, ``UnreadPeople``); a
                role held by one named person ("the US special envoy") -> that person;
                any other description of someone stays as written; phrases that are no one ("The first incident", "but at the same
                time", places and groups like "Latinos") give no speaker; a bare surname two
                people of the story share is the one its article names, or names last
                as a subject, else as written or marked unclear ("Bailey (unclear which
                Bailey)", ``shared_surname``)
    5. go on    a quote without an attribution of its own continues the speaker of the
                quote just before it, with only that attribution between them, in the
                same paragraph (`"A," said X. "B."`) or opening the next one; or, when
                it opens its sentence, the speaker the sentence before quotes in part
                (`X shot back, saying he's "A." "B."`, ``previous_speaker``)
    6. merge    the same quote in several articles -> one entry citing all

A wrong speaker is worse than none: a quote whose speaker cannot be settled (two
candidate people, "they", an unknown name as the subject, a verb too far away) keeps
the speaker "" and is shown as unattributed (``extract_quotes``), when it is a
sentence of speech worth reading on its own (``is_speech``: not a headline, a title, a
set phrase or a fragment of someone's sentence), at most ``max_unattributed_quotes``
of them, after the attributed ones. ``article_attributions`` keeps every quote (for
``newsbrief eval --task quotes``, ``evaluate/quotes.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, Quote, Sentence, Span
from .attribution import NOT_SPEAKER_START, Attribution, attribute, is_speech_verb, subject_of
from .lexicon import (
    FUNCTION_WORDS, HUMAN_NOUNS, INDEFINITE_DETERMINERS, PARTICLE_VERBS, PRONOUNS, SPEECH_VERBS, role_key,
)
from .marks import QUOTE_TOKENS, TITLE_JOINERS, QuoteMarks, find_quotes, is_quotation
from .mentions import CORPORATE_SUFFIXES, NAME_TITLES, NOT_PERSON_NOUNS
from .names import (
    KIN, NAME_SUFFIXES, NICKNAMES, TITLE_GENDERS, NameIndex, build_name_index, given_name_genders, is_given_name,
    name_gender, person_parts, surname_holders,
)
from .nlp import parse_articles, parse_range
from .parsed import entity_at, is_parsed, text_of
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token


@dataclass(frozen=True, slots=True)
class Attributed:
    """A quote of one article with its speaker; a split quote has several spans."""

    speaker: str  # "" = unattributed (kept only when asked: ``article_attributions``)
    text: str
    spans: tuple[Span, ...]
    mention: tuple[int, int] | None = None  # the speaker phrase as written (characters)

    @property
    def article_id(self) -> str:
        return self.spans[0].article


# ---------------------------------------------------------------- 4. resolve


def resolve_speaker(phrase: list[Token], index: NameIndex, recent_people: Sequence[Sequence[Person]],
                    genders: Mapping[str, str] | None = None, settings: AnalysisSettings = DEFAULT,
                    spoken_of: frozenset[str] = frozenset()) -> str | None:
    """A speaker phrase as the name a reader wants, or None when unsure. ``spoken_of``:
    the people the quote itself names (``named_in_quote``), whom "he"/"she" is not."""
    words = [t for t in phrase if not t.is_punct]
    if not words:
        return None
    if len(words) == 1 and (words[0].lower_ in PRONOUNS or words[0].lower_ in OBJECT_PRONOUNS):
        # ("him" of `NTV quoted him as saying`: ``attribution.quoted_as_saying_by``)
        gender = PRONOUNS.get(words[0].lower_) or OBJECT_PRONOUNS[words[0].lower_]
        return person_in_focus(recent_people, gender, genders or {}, settings,
                               not_them=objects_named(words[0], index) | spoken_of)
    if words[0].pos_ == "PRON" and len(words) == 1:
        return None  # "they", "we", "it": a group or unclear
    doc = words[0].doc
    lo, hi = words[0].i, words[-1].i + 1
    if all(t.is_title for t in words) and index.person(doc[lo:hi].text):
        return index.person(doc[lo:hi].text)  # a known name, whatever the tagger made of it
    if words[0].is_lower and (words[0].pos_ in NOT_SPEAKER_START or words[0].lower_ in NOT_SPEAKER_WORDS):
        return None  # "but at the same time", "about the decision": no noun phrase
    head = phrase_head(words)
    # The speaker is the phrase's head ("spokesman Robert Palladino") or a name in
    # apposition to it ("Abouhalima's lawyer, Hassen Ibn Abdellah"); a name modifying
    # it ("Abouhalima's lawyer", "Zughayar's father") is someone else.
    candidates = [head, *(c for c in head.children if c.dep_ == "appos")]
    for token in candidates:
        ent = entity_at(token)
        known = index.person(ent.text) if ent is not None else None
        if ent is not None and (known or ent.label_ == "PERSON"):
            if known and words[0].lower_.rstrip(".") in TITLE_GENDERS \
                    and index.person(f"{words[0].text} {ent.text}") is None:
                return doc[lo:hi].text  # "Mrs. Shepard": not the man of that surname the story names in full
            return known or ent.text
    text = doc[lo:hi].text
    if head.pos_ == "PROPN" and head.is_title and all(t.pos_ == "PROPN" for t in words):
        if head.ent_type_ in ("NORP", "GPE", "LOC"):
            return index.person(text)  # "Latinos", "White America": not someone speaking
        return index.person(text) or text  # a name the tagger missed
    if head.pos_ not in ("NOUN", "PROPN") and "year-old" not in text:  # "the 46-year-old" is someone
        return None  # a speaker is a noun phrase
    if head.pos_ == "PROPN" and not any(t.pos_ == "NOUN" for t in words):
        return index.person(text)  # a name not a person's ("White America", "OH")
    role = role_holder(index, text, doc, words[0].idx)
    if head.lower_ in NOT_SPEAKER_NOUNS:
        return role  # "The first incident", "the city": no one speaking
    return role or named_before(text, recent_people, genders or {}) or introduced_as(text, doc, words[0].idx) \
        or description(text)


def role_holder(index: NameIndex, text: str, doc: Doc, start: int) -> str | None:
    """The one person of the story holding the role a description names ("The US special
    envoy" -> Zalmay Khalilzad), unless the article has introduced someone else by the
    same noun before (`A pilot who flies from the same airfield said ... "...," said the
    pilot`): "the pilot" then refers back to that someone, unnamed, not to the pilot the
    story names elsewhere. An indefinite description is someone new ("[the network] also
    included an acupuncturist, a massage therapist and ...": no massage therapist named in
    another article), never the holder."""
    name = index.role(text)
    if name is None or text.split(None, 1)[0].lower() in INDEFINITE_DETERMINERS:
        return None
    noun = text.split()[-1]
    introduced = re.compile(rf"\b(?:an?|another|one|other)\s+(?:[\w-]+\s+){{0,2}}{re.escape(noun)}\b", re.IGNORECASE)
    return None if introduced.search(text_of(doc), 0, start) else name


def introduced_as(text: str, doc: Doc, start: int) -> str | None:
    """A bare "the senator" as the description that introduced that someone a few sentences
    before ("One senior Democratic senator, now in his fourth term, summed up ...": shown as
    "one senior Democratic senator", not "the senator" of a story on Sen. Boxer, D30050T,
    unseen reading, session 19)."""
    words = text.split()
    if len(words) != 2 or words[0].lower() != "the" or not is_person_noun(words[1].lower()):
        return None
    before = text_of(doc)[max(0, start - INTRODUCTION_REACH) : start]
    found = list(re.finditer(rf"\b(?:[Aa]n?|[Aa]nother|[Oo]ne)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(words[1])}\b", before))
    if not found:
        return None
    phrase = found[-1].group()
    return phrase[0].lower() + phrase[1:]


OBJECT_PRONOUNS = {"him": "m", "her": "f"}
# Characters before a bare description searched for the phrase that introduced its someone.
INTRODUCTION_REACH = 400


def named_before(text: str, recent_people: Sequence[Sequence[Person]], genders: Mapping[str, str]) -> str | None:
    """A bare definite description ("the sheriff", "the ATF agent") refers back, as "he" would,
    to the one person the sentence before is about: its only named subject ("..., Macon County
    Sheriff Homer Holbrooks said. 'There are unlimited places ...,' the sheriff said"), of a
    gender the noun allows, when the noun is one for a person. Anyone else there, unnamed or not a
    subject: the description stays
    (a description where the text names the speaker is a weaker answer, a wrong name worse)."""
    words = text.split()
    if not 2 <= len(words) <= 3 or words[0] != "the" or introduces_someone(text):
        return None
    noun = words[-1].lower()
    if not is_person_noun(noun):
        return None  # "the union", "the IMF report", "the book": no one the sentence before is
    for _, people in walk_back(recent_people, 1):
        named = {p.name for p in people if p.name and p.name not in PRONOUNS and p.rank >= 2}
        if len(named) != 1 or any(not p.name or p.name in PRONOUNS for p in people):
            return None
        name = named.pop()
        gender = NOUN_GENDER.get(words[-1].lower())
        return name if gender is None or genders.get(name) in (None, gender) else None
    return None


def pronoun_gender(phrase: Sequence[Token]) -> str | None:
    """The gender of a speaker phrase that is "he" or "she" alone, else None."""
    words = [t for t in phrase if not t.is_punct]
    return PRONOUNS.get(words[0].lower_) if len(words) == 1 else None


def shared_surname(speaker: str, doc: Doc, before: int, index: NameIndex, gender: str | None = None,
                   genders: Mapping[str, str] | None = None) -> str:
    """A bare surname two or more full names of the story share ("Bailey": Kyle Bailey and
    Mark Bailey) as the one person the article means, when its text settles it before the
    quote (character ``before``); else as written, or marked unclear (``unclear_which``).

    Settled (a) when the article names exactly one of them before the quote, in full
    ("Kyle Bailey") or by a title ("President Kennedy": the one Kennedy the story gives that
    title, else a person of its own), or (b) when the sentence naming them last names only
    one of them, as the subject of a clause (``last_named_subject``: `Kyle Bailey, 25, said
    he watched ...` after "her fiance, Mark Bailey"). Not by the nearest name in passing
    (`a quote from President Kennedy`, "a photo of Heidi Cruz" right before `Cruz said`: the
    quote may be that person's or the one the article has called by the surname), nor by the
    only one of them the article makes an actor (the same guess). Unsettled, the surname is
    marked unclear when the article names two or more of them as subjects (`Sen. Edward M.
    Kennedy ...`, `John F. Kennedy Jr. ...`: "Kennedy" alone would read as whichever the reader
    knows best), and stays as written when the others are only named in passing. A surname
    the story gives to one person by itself (``names.dominant``) is already that person's full
    name here. A speaker found for "she" (``gender``) is none of them of the other gender (`Her
    husband, Vice President Al Gore, "will fight for your dreams," she added` after "Mrs. Gore
    said": D0726F, unseen reading, session 19, gave it to him)."""
    if not speaker or " " in speaker or not speaker[:1].isupper() or len(surname_holders(index.people, speaker)) < 2:
        return speaker
    genders = genders or {}
    named = [(span, who) for span, who in people_by_surname(doc, speaker, before, index)
             if gender is None or (genders.get(who) or name_gender(who)) in (None, gender)]
    if len({who for _, who in named}) == 1:
        return named[0][1]
    settled = last_named_subject(named)
    if settled:
        return settled
    return unclear_which(speaker) if len(actors(named)) >= 2 else speaker


def unclear_which(surname: str) -> str:
    """The speaker shown for a surname the text leaves to several people: "Bailey (unclear
    which Bailey)", the surname first and the doubt said."""
    return f"{surname} (unclear which {surname})"


def unclear_surname(speaker: str) -> str | None:
    """The surname of a speaker marked unclear (``unclear_which``), else None."""
    found = UNCLEAR_WHICH.fullmatch(speaker)
    return found.group(1) if found and found.group(1) == found.group(2) else None


UNCLEAR_WHICH = re.compile(r"(\S+) \(unclear which (\S+)\)")


def people_by_surname(doc: Doc, surname: str, before: int, index: NameIndex) -> list[tuple[SpacySpan, str]]:
    """Who each mention of ``surname`` before character ``before`` names: (the name, the
    person) for a full name ("John F. Kennedy Jr.'s", the story's fullest form of it) or a
    titled surname ("Sen. Kennedy": the one Kennedy the story calls senator, else "Sen.
    Kennedy" as its own person); the surname alone or after "Mr."/"Mrs." names no one, and
    a thing named after someone ("the John F. Kennedy Hyannis Museum") no person."""
    key = surname.lower()
    found = []
    for token in doc:
        if token.idx >= before:
            break
        if token.lower_ != key or not token.is_title:
            continue
        couple = couple_named(token, surname, index) or kin_named(token, surname, index)
        if couple:
            found.extend(couple)
            continue
        person = person_named_at(token, index)
        if person is not None:
            found.append(person)
    return found


def kin_named(token: Token, surname: str, index: NameIndex) -> list[tuple[SpacySpan, str]]:
    """A relative named by the surname's possessive ("Shepard's father Dennis": Dennis Shepard;
    "Shepard's mother": "Shepard's mother"), another holder of the surname: the "Shepard added"
    after `said Shepard's father Dennis` is his (D0721E, session 19's check of session 17's
    reading, gave it to the son)."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in ("'s", "’s") or doc[token.i + 2].lower_ not in KIN:
        return []
    kin = doc[token.i + 2]
    given = doc[kin.i + 1] if kin.i + 1 < len(doc) else None
    if given is not None and given.is_title and (is_given_name(given.text) or index.person(f"{given.text} {surname}")):
        return [(doc[token.i : given.i + 1], index.person(f"{given.text} {surname}") or f"{given.text} {surname}")]
    return [(doc[token.i : kin.i + 1], f"{token.text}'s {kin.lower_}")]


def couple_named(token: Token, surname: str, index: NameIndex) -> list[tuple[SpacySpan, str]]:
    """Both people of a couple named by two given names before ``token``, their surname ("Judy
    and Dennis Shepard": Judy Shepard and Dennis Shepard), each given name one the name lists or
    the story know. The "Shepard said" after it is either parent's: D0721E (unseen reading,
    session 17) gave it to the son, D0736H (session 19) a cyclist's words to her mother of
    "Marvin and Corey Freedman"."""
    doc = token.doc
    if token.i < 3 or doc[token.i - 2].lower_ not in ("and", "&"):
        return []
    given = (doc[token.i - 3], doc[token.i - 1])
    if not all(g.is_title and (is_given_name(g.text) or index.person(f"{g.text} {surname}")) for g in given):
        return []
    span = doc[token.i - 3 : token.i + 1]
    return [(span, index.person(f"{g.text} {surname}") or f"{g.text} {surname}") for g in given]


def person_named_at(token: Token, index: NameIndex) -> tuple[SpacySpan, str] | None:
    """The person a mention of a surname names, with the words naming them (``people_by_surname``)."""
    doc, key = token.doc, token.lower_
    end = token.i + 1
    while end < len(doc) and doc[end].lower_.rstrip(".") in NAME_SUFFIXES:
        end += 1  # "John F. Kennedy Jr." is not his father
    after = doc[end] if end < len(doc) else None
    if after is not None and after.is_title and not after.is_sent_start and after.text[:1].isalpha():
        return None  # "the John F. Kennedy Hyannis Museum", "Caroline Kennedy Schlossberg": not by this surname
    start = token.i
    while start > 0 and token.i - start < 4 and doc[start - 1].is_title and doc[start - 1].text[:1].isalpha():
        start -= 1
    for first in range(start, token.i):  # the longest run of capitals before it that is a full name
        full = index.person(doc[first:end].text)
        if full and " " in full and person_parts(full).first and person_parts(full).last == key:
            return doc[first:end], full
    title = doc[token.i - 1] if token.i > 0 else None
    word = title.lower_.rstrip(".") if title is not None else ""
    if word in NAME_TITLES and word not in HONORIFICS:
        holders = {h for h in index.roles.get(role_key(title.text), ()) if person_parts(h).last == key}
        return doc[token.i - 1 : end], holders.pop() if len(holders) == 1 else f"{title.text} {token.text}"
    return None


def last_named_subject(named: Sequence[tuple[SpacySpan, str]]) -> str | None:
    """The last of them named before the quote, when the sentence naming them last names no
    other of them and names it as the subject of a clause (`Kyle Bailey, 25, said he watched
    ...` after "her fiance, Mark Bailey"). A sentence naming two of them settles nothing: the
    parser reads "The White House said President Clinton and Hillary Rodham Clinton will
    attend" with only her as the subject."""
    if not named:
        return None
    last = named[-1][0].sent.start
    return only_subject([(span, person) for span, person in named if span.sent.start == last])


def only_subject(named: Sequence[tuple[SpacySpan, str]]) -> str | None:
    """The one person named, when named as the subject of a clause (or joined or in
    apposition to one) outside quotes; None for two people."""
    if len({person for _, person in named}) != 1:
        return None
    return named[0][1] if any(subject_rank(parsed_root(span)) > 0 and not in_own_quote(span) for span, _ in named) else None


def actors(named: Sequence[tuple[SpacySpan, str]]) -> set[str]:
    """The people of ``named`` named as the subject of a clause, outside quotes."""
    return {person for span, person in named if not in_own_quote(span) and subject_rank(parsed_root(span)) > 0}


def in_own_quote(span: SpacySpan) -> bool:
    """Whether a name stands between quotation marks opened before it in its sentence."""
    before = span.sent.text[: span.start_char - span.sent.start_char]
    return len(QUOTE_MARK.findall(before)) % 2 == 1


def parsed_root(span: SpacySpan) -> Token:
    """The head of a name, from its sentence's parse, parsed now if no round did."""
    if is_parsed(span[0]):
        return span.root
    sent = span.sent
    parsed = parse_range(span.doc, sent.start, sent.end)
    return parsed[span.start - sent.start : span.end - sent.start].root


# Titles that tell no one of a surname from another ("Mr. Bailey").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})


NOT_SPEAKER_WORDS = frozenset({"but", "and", "or", "so", "about", "as", "then", "also", "when", "while"})


def phrase_head(words: Sequence[Token]) -> Token:
    """The token of the phrase whose head lies outside it."""
    inside = {t.i for t in words}
    return next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[-1])


def description(text: str) -> str | None:
    """A speaker given by description ("a State Department spokeswoman") as written;
    None for a bare lowercase word ("officials" would be fine, "it" is not)."""
    words = text.split()
    if not words or len(words) > 8:
        return None
    if len(words) == 1 and words[0].islower() and words[0] in {"it", "this", "that", "there"}:
        return None
    return text


@dataclass(frozen=True, slots=True)
class Person:
    """Someone a sentence mentions (outside quotes): a full name, "" for someone
    unnamed ("a spokesman"), or "he"/"she" for a pronoun; ``rank`` 2 = the subject of
    the sentence's main clause, 1 = another subject, 0 = not a subject."""

    name: str
    rank: int
    gender: str | None = None  # "m", "f" or unknown
    # For a name: its first token when a later "he"/"she" of the sentence can be it
    # (``antecedent_at``), else -1. For "he"/"she": the sentence's first pronoun of
    # that gender, whatever its case ("Asked about her vote ..., she replied").
    position: int = -1


def objects_named(pronoun: Token, index: NameIndex) -> frozenset[str]:
    """The people named as objects of the verb whose subject is ``pronoun``: in `He
    ultimately told Budd, "..."` the "he" is anyone but Budd (a pronoun and a name
    in one clause, subject and object, are two people)."""
    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.i == pronoun.i:
        return frozenset()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    names = {index.person(ent.text) for ent in map(entity_at, objects) if ent is not None}
    return frozenset(n for n in names if n)


def person_in_focus(recent_people: Sequence[Sequence[Person]], gender: str, genders: Mapping[str, str],
                    settings: AnalysisSettings = DEFAULT, not_them: frozenset[str] = frozenset()) -> str | None:
    """Who "he"/"she" is: going back sentence by sentence (``pronoun_lookback``), the
    first that mentions someone the pronoun can be decides:
      - a sentence whose subject is the same pronoun ("She said she would...") is
        about the same person: look further back, unless people it can be are named
        before the sentence first refers to that person by a pronoun, as a subject or
        a topic ("As for Trump, he said he's not worried", "while Clinton hosted an
        event, during which she gave a shout out to Joe Biden"): then the pronoun is
        one of them. A name only an object or a modifier before the pronoun is not
        ("After meeting Obama, he said", "Simmons, an Obama supporter, said he"), nor
        one after a pronoun of that gender ("Asked about her vote if Clinton runs,
        she replied");
      - its one person of that gender, or of several, the one subject of its main
        clause, or the one subject;
      - a sentence naming people only as objects ("Don't Republicans risk more liberal
        nominees than Obama?") gives way to the speaker of a quote just before it;
      - someone unnamed as a subject ("a Foreign Office spokesman said"), or several
        candidates: unsure (None);
      - a person named as the object of the pronoun's own verb (``not_them``: `He told
        Budd, "..."`) is not the pronoun.
    A person's gender comes from ``genders`` (first names, Mr/Mrs/Ms, roles); unknown
    goes with either pronoun."""
    for back, (k, people) in enumerate(walk_back(recent_people, settings.pronoun_lookback)):
        fits = [p for p in people if p.name not in PRONOUNS and p.name not in not_them
                and (genders.get(p.name) or p.gender) in (None, gender)]
        same = [p.position for p in people if p.name in PRONOUNS and p.rank and PRONOUNS[p.name] == gender]
        if any(p.name in PRONOUNS and p.rank >= 2 and PRONOUNS[p.name] == gender for p in people):
            # a sentence about the pronoun's person from its start ("He notes that the
            # Commission announced ..."): a subject after it is someone else
            fits = [p for p in fits if p.position < min(same)]
        if not fits:
            continue
        main = {p.name for p in fits if p.rank >= 2}
        if same and not main:
            fits = [p for p in fits if 0 <= p.position < min(same)]
            if not fits:
                continue  # "she considered supporting Donald Trump": the pronoun's person again
            main = {p.name for p in fits if p.rank >= 2}
        elif not any(p.rank for p in fits):
            earlier = [p for p in earlier_speakers(recent_people[:k], settings.pronoun_lookback - 1 - back)
                       if (genders.get(p.name) or p.gender) in (None, gender) and p.name not in not_them]
            if earlier:
                return earlier[-1].name
        for chosen in (main, {p.name for p in fits if p.rank}, {p.name for p in fits}):
            if len(chosen) == 1:
                return chosen.pop() or None  # "" = someone unnamed: unsure
            if chosen:
                return None
    return None


def walk_back(recent_people: Sequence[Sequence[Person]], lookback: int):
    """The last ``lookback`` sentences that mention someone, latest first, with their
    places in ``recent_people``: a sentence the parser did not read in full
    (``UnreadPeople``) is parsed only when the walk reaches it, and counts only if it
    mentions someone."""
    walked = 0
    for k in range(len(recent_people) - 1, -1, -1):
        if walked == lookback:
            return
        if recent_people[k]:
            walked += 1
            yield k, recent_people[k]


def earlier_speakers(recent_people: Sequence[Sequence[Person]], count: int) -> list[Person]:
    """The speakers quoted in the last ``count`` sentences that mention someone, oldest
    first; a sentence not read in full counts as one that does (it is not parsed for
    this: its words that may name someone made it one)."""
    found: list[Sequence[Person]] = []
    for people in reversed(recent_people):
        if len(found) == count:
            break
        if isinstance(people, UnreadPeople) or people:
            found.append(speakers_in(people))
    return [p for speakers in reversed(found) for p in speakers]


# Rank of the speaker of a quote in the sentence that attributes it.
SPEAKER_RANK = 3


def people_of(sentence_tokens: Sequence[Token], index: NameIndex, quoted: Sequence[QuoteMarks]) -> list[Person]:
    """People mentioned in a sentence outside quotes, with how much each is its subject."""
    found = []
    maybe: list[Person] = []  # subjects that may be someone the tagger did not read as a person
    seen: set[int] = set()
    for token in sentence_tokens:
        if token.ent_iob_ != "B" and token.dep_ not in ("nsubj", "nsubjpass"):
            continue  # (cheap tests first: most tokens are neither)
        if in_quotes(token.idx, quoted):
            continue
        if token.ent_iob_ == "B":
            ent = entity_at(token)
            name = index.person(ent.text) if ent is not None else None
            if name and another_name_for(ent):
                seen.update(range(ent.start, ent.end))  # `Ahmed Quria (Abu Ala)`: one person, named twice
            elif name and modifies_a_thing(ent):
                seen.update(range(ent.start, ent.end))  # "a genuine Clinton joke": no Clinton there for "he"
            elif name and not name.split()[0].endswith("ing"):  # not "Telling Jeb Bush"
                rank = subject_rank(ent.root)
                found.append(Person(name, rank, position=antecedent_at(ent.root, ent.start, rank)))
                seen.update(range(ent.start, ent.end))
            elif (ent is not None and ent.label_ == "ORG" and subject_rank(ent.root) and may_be_a_name(ent)
                  and not is_speech_verb(ent.root.head)):
                # a subject the tagger typed ORG that reads like a person's name ("Yildiz
                # refuses to move", "Ilkay Yildiz" tagged ORG): unsure, not a sentence without
                # anyone that the walk back to an earlier speaker passes over (the subject of a
                # speech verb is there as its quote's speaker; a name beside it, "McConnell
                # spokesman Don Stewart", is the subject)
                maybe.append(Person("", subject_rank(ent.root), position=ent.start))
                seen.update(range(ent.start, ent.end))
        elif ((token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title and index.person(token.text)))
              and token.dep_ in ("nsubj", "nsubjpass") and token.i not in seen and token.is_title
              and len(token.text.rstrip(".")) > 1  # "His hepatitis C had not yet caused ...": no one
              and token.ent_type_ not in ("GPE", "NORP", "LOC", "DATE")
              and (token.i + 1 >= len(token.doc) or token.nbor(1).pos_ != "PROPN")
              and (token.i == 0 or token.nbor(-1).pos_ != "PROPN")
              and (token.i + 1 >= len(token.doc) or token.nbor(1).text not in {"-", "’s", "'s"})):
            # a surname the recognizer missed here ("Rubio disagreed"), or the tagger took
            # for a noun opening its sentence ("Richards captured")
            name = index.person(token.text)
            rank = subject_rank(token)
            if name:
                found.append(Person(name, rank, position=antecedent_at(token, token.i, rank)))
            elif rank == 2 and token.dep_ in ("nsubj", "nsubjpass") and token.ent_type_ in ("", "PERSON", "ORG"):
                found.append(Person("", rank, position=token.i))  # a main subject unknown as a person: unsure
        elif token.dep_ in ("nsubj", "nsubjpass") and token.i not in seen and (described := described_name(token)):
            # "Kaiser spokeswoman Lila Petersen said ...", the name untagged and cut off its
            # role by the parse: the "she" of the next quote is her
            name, gender, start = described
            rank = subject_rank(token)
            found.append(Person(index.person(name) or name, rank, gender, antecedent_at(token, start, rank)))
            seen.update(range(start, token.i + 1))
        elif token.dep_ == "nsubj" and token.i not in seen and (untagged := untagged_speaker(token)):
            # "Fundi Twawilou said he still felt like a father to Fazil", the name untagged: the
            # "he said" after it is his (D31038T, unseen reading, session 19: it went to an
            # adviser quoted two paragraphs up, the walk back passing a sentence without anyone)
            name, start = untagged
            rank = subject_rank(token)
            found.append(Person(index.person(name) or name, rank, position=antecedent_at(token, start, rank)))
            seen.update(range(start, token.i + 1))
        elif token.lower_ in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            gender = PRONOUNS[token.lower_]
            first = next(t.i for t in sentence_tokens if PRONOUN_GENDER.get(t.lower_) == gender and t.i <= token.i
                         and not in_quotes(t.idx, quoted))
            found.append(Person(token.lower_, subject_rank(token), gender, first))
    found += [p for p in maybe if not any(f.name and f.rank >= p.rank for f in found)]
    found = asked_first(found, sentence_tokens, index)
    held = set()  # roles of one person of the story: "The pope mentioned this" names John Paul II
    for chunk_root in {t.head for t in sentence_tokens if t.dep_ == "det"}:
        name = role_holder(index, chunk_root.doc[chunk_root.left_edge.i : chunk_root.i + 1].text,
                           chunk_root.doc, chunk_root.left_edge.idx)
        if name and not in_quotes(chunk_root.idx, quoted):
            rank = subject_rank(chunk_root)
            found.append(Person(name, rank, position=antecedent_at(chunk_root, chunk_root.left_edge.i, rank)))
            held.add(chunk_root.left_edge.i)
    return found + [p for p in unnamed_people(sentence_tokens, quoted) if p.position not in held]


def untagged_speaker(token: Token) -> tuple[str, int] | None:
    """(name, first token) of two or three capitalized proper nouns, typed as nothing by the
    tagger, that are the subject of a verb of speech ("Fundi Twawilou said"); None otherwise."""
    if token.pos_ != "PROPN" or not token.is_title or token.ent_type_ or not is_speech_verb(token.head):
        return None
    start = token.i
    while start > 0 and token.i - start < 2 and token.doc[start - 1].dep_ == "compound" \
            and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].is_title and not token.doc[start - 1].ent_type_:
        start -= 1
    if start == token.i:
        return None  # one word: the branch for a surname the tagger missed reads it
    return token.doc[start : token.i + 1].text, start


def described_name(token: Token) -> tuple[str, str | None, int] | None:
    """(name, gender, first token) of two or more capitalized proper nouns ending at ``token``
    that a noun for a person introduces ("spokeswoman Lila Petersen", "Dr. Hyman Friedman"),
    when the recognizer typed them as nothing; None for anything else (a company's name,
    "Kaiser Permanente", stands after no such noun)."""
    if token.pos_ != "PROPN" or not token.is_title or token.ent_type_ or token.i == 0:
        return None
    start = token.i
    doc = token.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not doc[start - 1].ent_type_:
        start -= 1
    if start == token.i or start == 0 or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
        return None
    role = doc[start - 1].lower_.rstrip(".")
    if not is_person_noun(role):
        return None
    return doc[start : token.i + 1].text, NOUN_GENDER.get(role), start


def is_person_noun(word: str) -> bool:
    """Whether a lowercase noun names a person ("spokeswoman", "dean", "wife")."""
    return word in HUMAN_NOUNS or word in NAME_TITLES or word in NOUN_GENDER


def modifies_a_thing(ent) -> bool:
    """Whether a person's name only modifies a noun for a thing ("it wasn't a genuine Clinton
    joke", "typical Seinfeld territory"): the person is not someone the sentence mentions as
    a later "he" could mean ("Clinton aide Paul Begala" is the aide, named)."""
    root = ent.root
    return (root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= ent.end
            and not is_person_noun(root.head.lower_))


def another_name_for(ent) -> bool:
    """Whether a name stands in parentheses right after a person's name (`Speaker Ahmed Quria
    (Abu Ala) sent a letter`): the same person by another name, not a second candidate for
    the "he" of the next quote."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != "(" or ent.end >= len(doc) or doc[ent.end].text != ")":
        return False
    return doc[ent.start - 2].ent_type_ == "PERSON"


def introduces_someone(description: str) -> bool:
    """Whether a described speaker is someone new ("a rescue worker", "the aid team's Turkish
    translator"), not a bare definite description of someone named before ("the businessman")."""
    words = description.split()
    return bool(words) and (words[0].lower() in ("a", "an", "one", "another") or any(
        w.endswith(("'s", "’s")) for w in words))


def may_be_a_name(ent) -> bool:
    """Whether an entity's words could be a person's name: one to three capitalized words
    (not an acronym), none a word of organisations ("Party", "Inc", "Telecom")."""
    words = [t for t in ent if not t.is_punct]
    return 0 < len(words) <= 3 and all(t.is_title and t.pos_ == "PROPN" for t in words) and not any(
        t.lower_ in NOT_PERSON_NOUNS or t.lower_.rstrip(".") in CORPORATE_SUFFIXES for t in words)


def unread_mention(sentence_tokens: Sequence[Token], quoted: Sequence[QuoteMarks]) -> bool:
    """Whether a token outside quotes that the parser never read (``nlp``: only the
    windows the stages ask for are parsed) may mention a person: a name or a capitalized
    word that is not a place, a date or a group, "he"/"she" in any case, or a noun for
    people ("spokesman"). Its role there is unknown without the parse: the subject a
    later "he"/"she" refers to, or not."""
    for token in sentence_tokens:
        if is_parsed(token) or token.is_space or token.is_punct:
            continue
        word = token.lower_
        if not (word in PRONOUN_GENDER or word in HUMAN_NOUNS or token.ent_type_ == "PERSON"
                or (token.is_title and word not in FUNCTION_WORDS and token.ent_type_ in ("", "ORG"))):
            continue
        if not in_quotes(token.idx, quoted):
            return True
    return False


class UnreadPeople:
    """The people of a sentence, or of its words before its first quote (``before``, a
    character offset), when some words there that may mention a person were never
    parsed (``unread_mention``). Reading only its parsed parts would lose who its
    subject is (`[Richards captured this side of Bush] when she complained: "..."`: the
    "she" is Richards, not a name further back), and the walk back would go on past it
    to someone else. So the sentence is parsed whole (``nlp.parse_range``) when
    ``person_in_focus`` first reaches it, which few do; a sentence it never reaches
    costs nothing. ``speakers``: the speakers of its quotes, known without the parse."""

    def __init__(self, sent, index: NameIndex, quoted: Sequence[QuoteMarks], before: int | None = None,
                 speakers: Sequence[Person] = ()):
        self.sent, self.index, self.quoted, self.before = sent, index, quoted, before
        self.speakers = list(speakers)
        self._people: list[Person] | None = None

    def __bool__(self) -> bool:
        return bool(self.people)

    def __iter__(self):
        return iter(self.people)

    @property
    def people(self) -> list[Person]:
        if self._people is None:
            sent = self.sent
            piece = parse_range(sent.doc, sent.start, sent.end)
            offset = sent.doc[sent.start].idx  # the piece's characters start there
            quoted = QuotedText([QuoteMarks(m.start - offset, m.end - offset, m.outer_start - offset, m.outer_end - offset)
                                 for m in self.quoted if m.outer_end > offset and m.outer_start < sent.end_char])
            tokens = list(piece) if self.before is None else [t for t in piece if t.idx + offset < self.before]
            self._people = people_of(tokens, self.index, quoted) + self.speakers
        return self._people


def sentence_people(sent, index: NameIndex, quoted: Sequence[QuoteMarks], before: int | None = None,
                    speakers: Sequence[Person] = ()) -> list[Person] | UnreadPeople:
    """The people a sentence mentions outside quotes (before character ``before`` if
    given), with the speakers of its quotes; parsed whole first, when the walk back
    reaches it, if the parser did not read all its words that may name someone.

    Asked for every sentence of every article, it reads the article's token columns
    (``TokenColumns``) and makes Token objects only of the few tokens ``people_of`` and
    ``unread_mention`` can use."""
    columns = token_columns(sent.doc)
    lo, hi = sent.start, sent.end
    if before is not None:
        hi = bisect_left(columns.idx, before, lo, hi)  # offsets grow token by token
    if columns.unread_mention(lo, hi, quoted):
        return UnreadPeople(sent, index, quoted, before, speakers)
    return people_of(columns.candidates(lo, hi), index, quoted) + list(speakers)


class TokenColumns:
    """The token attributes of an article's ``Doc`` that the stage tests on every
    sentence, read in one ``doc.to_array``, so that only the tokens a test can use become
    Token objects (``doc[i]`` builds one each time): which tokens ``people_of`` can use
    (``candidates``: a name's first token, a subject, a form of "he"/"she", a determiner
    whose head may be a role, a root that may be "asked"), which ``unread_mention`` would
    count, which words were not parsed (``main_clause_unread``) and where a person's name
    starts (``named_in_quote``)."""

    def __init__(self, doc: Doc):
        import numpy as np
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, IDX, IS_PUNCT, IS_SPACE, IS_TITLE, LOWER, TAG

        self.doc = doc
        strings = doc.vocab.strings
        cols = doc.to_array([IDX, ENT_IOB, DEP, LOWER, TAG, ENT_TYPE, IS_TITLE, IS_SPACE, IS_PUNCT]).reshape(len(doc), 9)
        idx, iob, dep, lower, tag, ent_type, title, space, punct = cols.T
        self.idx = idx.tolist()  # plain ints: read one at a time
        keys, values = word_bits(strings)
        found = np.minimum(np.searchsorted(keys, lower), len(keys) - 1)
        word = np.where(keys[found] == lower, values[found], 0)
        pronoun = (word & PRONOUN_BIT) != 0
        begins = iob == 3  # "B"
        used = begins | pronoun
        for label in ("nsubj", "nsubjpass", "det", "ROOT"):
            used |= dep == strings[label]
        self.used = np.flatnonzero(used).tolist()
        person, org = ent_type == strings["PERSON"], ent_type == strings["ORG"]
        may_name = ((word & (PRONOUN_BIT | HUMAN_BIT)) != 0) | person | (
            (title != 0) & ((word & FUNCTION_BIT) == 0) & ((ent_type == 0) | org))
        unread_word = (tag == 0) & (space == 0) & (punct == 0)
        self.unread = np.flatnonzero(unread_word & may_name).tolist()
        self.unread_words = np.flatnonzero(unread_word).tolist()
        self.words = np.flatnonzero((space == 0) & (punct == 0)).tolist()
        self.person_starts = np.flatnonzero(begins & person).tolist()

    def candidates(self, lo: int, hi: int) -> list[Token]:
        """The tokens of ``[lo, hi)`` ``people_of`` can use, in order."""
        doc, used = self.doc, self.used
        return [doc[i] for i in used[bisect_left(used, lo) : bisect_left(used, hi)]]

    def unread_mention(self, lo: int, hi: int, quoted: Sequence[QuoteMarks]) -> bool:
        """``unread_mention`` of the tokens ``[lo, hi)``."""
        unread, idx = self.unread, self.idx
        return any(not in_quotes(idx[i], quoted) for i in unread[bisect_left(unread, lo) : bisect_left(unread, hi)])


# What a lowercase word is, for ``TokenColumns``: a form of "he"/"she", a noun for people, a function word.
PRONOUN_BIT, HUMAN_BIT, FUNCTION_BIT = 1, 2, 4
_WORD_BITS: list = []


def word_bits(strings) -> tuple:
    """The hashes of the words of ``PRONOUN_GENDER``, ``HUMAN_NOUNS`` and ``FUNCTION_WORDS``
    in order, and the bits of each (the same in every vocabulary: a word's hash, or spaCy's
    fixed id of a symbol), as numpy arrays."""
    if not _WORD_BITS:
        import numpy as np

        bits: dict[int, int] = {}
        for words, bit in ((PRONOUN_GENDER, PRONOUN_BIT), (HUMAN_NOUNS, HUMAN_BIT), (FUNCTION_WORDS, FUNCTION_BIT)):
            for word in words:
                key = strings[word]
                bits[key] = bits.get(key, 0) | bit
        keys = sorted(bits)
        _WORD_BITS.extend([np.array(keys, dtype=np.uint64), np.array([bits[k] for k in keys], dtype=np.uint8)])
    return _WORD_BITS[0], _WORD_BITS[1]


def token_columns(doc: Doc) -> TokenColumns:
    """The ``TokenColumns`` of an article's ``Doc``, read once (the Doc is not changed after
    the parse: ``nlp.parse_range`` keeps its late parses apart)."""
    columns = doc.user_data.get(TOKEN_COLUMNS)
    if columns is None:
        columns = doc.user_data[TOKEN_COLUMNS] = TokenColumns(doc)
    return columns


TOKEN_COLUMNS = "newsbrief.quote_token_columns"


def speakers_in(people: Sequence[Person] | UnreadPeople) -> Sequence[Person]:
    """The speakers of a sentence's quotes (``SPEAKER_RANK``), without parsing it."""
    if isinstance(people, UnreadPeople):
        return people.speakers
    return [p for p in people if p.rank == SPEAKER_RANK]


def antecedent_at(root: Token, start: int, rank: int) -> int:
    """``start`` when a later "he"/"she" of the sentence can refer to the mention whose
    head is ``root``: a subject ("while Clinton hosted an event, during which she ..."),
    the topic of "as for" ("As for Trump, he said") or the owner of the subject ("Richard
    Smith's company is trying ..., and he plans"); else -1: an object or a modifier is not
    ("After meeting Obama, he said", "an Obama supporter")."""
    if rank > 0:
        # `Napster, he said, had ...`: as if named after the pronoun, which is someone else
        speaker = reported_by_pronoun(root)
        return start if speaker is None else speaker
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "for" and head.i > 0 and head.nbor(-1).lower_ == "as":
        return start
    if root.dep_ == "poss" and head.dep_ in ("nsubj", "nsubjpass"):
        return start  # "Richard Smith's company is trying ..., and he plans": the subject's owner is the topic
    if _subject_of_a_relative_clause(root):
        return start  # "a call for Bush, the nominee, who ran commercials ... if he is elected": Bush "ran"
    return -1


def _subject_of_a_relative_clause(root: Token) -> bool:
    """Whether the mention headed by ``root``, or a noun in apposition to it, is what a "who" of
    a relative clause stands for: the subject of that clause, which a later "he" may be."""
    for noun in (root, *(c for c in root.children if c.dep_ == "appos")):
        for clause in noun.children:
            if clause.dep_ == "relcl" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "who" for c in clause.children
            ):
                return True
    return False


def reported_by_pronoun(root: Token) -> int | None:
    """The "he"/"she" of a set-off speech verb between a subject and its verb (`Napster, he
    said, had "hijacked" his music`), whose words the subject's clause is: he speaks of
    Napster, so Napster is not him (were he Napster, the text would say "he had"). None
    when there is none."""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = next((t for t in root.doc[root.i + 1 : root.head.i] if set_off_speech(t)), None)
    return None if verb is None else verb.i - 1


def set_off_speech(verb: Token) -> bool:
    """`, he said,`: a speech verb whose subject is "he"/"she", between commas (not `when
    she complained that ...`, a clause of its own)."""
    doc = verb.doc
    if not is_speech_verb(verb) or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return False
    return any(g.dep_ == "nsubj" and g.lower_ in PRONOUNS and g.i == verb.i - 1 and g.i > 0 and doc[g.i - 1].text == ","
               for g in verb.children)


# Every form of "he" and "she": the first says where a sentence starts to be about its pronoun's person.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}


def asked_first(found: list[Person], sentence_tokens: Sequence[Token], index: NameIndex) -> list[Person]:
    """In `Earhardt then asked Rubio which states he could win`, the one asked is who
    answers next: the person asked takes the subject's place."""
    for token in sentence_tokens:
        if token.lower_ in ("asked", "asks", "pressed", "questioned") and token.dep_ == "ROOT":
            asked = [c for c in token.children if c.dep_ in ("dobj", "dative")]
            names = [index.person(entity_at(c).text) for c in asked if entity_at(c) is not None]
            names = [n for n in names if n]
            if len(names) == 1:
                asker = [Person(p.name, 0, p.gender, -1) if p.rank == 2 else p for p in found]
                return asker + [Person(names[0], 2, position=token.i)]
    return found


class QuotedText(list):
    """The quotes of an article (``QuoteMarks``, in text order) with a fast test of
    whether a character lies inside one (``in_quotes``)."""

    def __init__(self, marks: Sequence[QuoteMarks]):
        super().__init__(sorted(marks, key=lambda m: m.start))
        self.starts = [m.start for m in self]
        self.longest = max((m.end - m.start for m in self), default=0)


def in_quotes(position: int, quoted: Sequence[QuoteMarks]) -> bool:
    """Whether a character offset lies inside one of the quotes (their content)."""
    if isinstance(quoted, QuotedText):
        n = bisect_right(quoted.starts, position)
        low = bisect_left(quoted.starts, position - quoted.longest)
        return any(quoted[k].start <= position < quoted[k].end for k in range(low, n))
    return any(q.start <= position < q.end for q in quoted)


def unnamed_people(sentence_tokens: Sequence[Token], quoted: Sequence[QuoteMarks]) -> list[Person]:
    """People a sentence names only by description ("a Foreign Office spokesman said"):
    they can be the "he" of the next quote too, so they make "he" ambiguous (""). One of a
    group of people ("its fans, one of whom went on the site to write that ...") is someone
    unnamed too. Someone unnamed who speaks in the sentence (`went on the site to write`)
    holds the floor as a main subject does: the "He added:" after it may be them."""
    return [
        Person("", max(subject_rank(t), 2 if speaks(t.head) else 0), NOUN_GENDER.get(t.lower_), t.left_edge.i)
        for t in sentence_tokens
        if t.dep_ in ("nsubj", "nsubjpass") and (t.pos_ == "NOUN" and t.lower_ in HUMAN_NOUNS or one_of_them(t))
        and t.ent_type_ != "PERSON" and not in_quotes(t.idx, quoted)
        and not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in t.children)  # "His wife, Susan Miller,"
        # `Now the highest-ranking prosecutor in the country, Lynch rose`: two subjects
        # of one verb, a description and the name it describes
        and not any(c.dep_ == t.dep_ and c.pos_ == "PROPN" for c in t.head.children if c.i != t.i)
    ] + [
        # the unnamed source of the sentence's claim ("..., according to another person close
        # to the case. ``By the end of January,'' he said."): the "he" after it may be them,
        # not the judge quoted the paragraph before (D0711C, unseen reading)
        Person("", 2, NOUN_GENDER.get(t.lower_), t.left_edge.i)
        for t in {d.head for d in sentence_tokens if d.dep_ == "det"}
        if according_to(t) and t.lower_ in HUMAN_NOUNS | {"person"} and t.ent_type_ != "PERSON"
        and not in_quotes(t.idx, quoted)
    ]


def according_to(token: Token) -> bool:
    """Whether ``token`` is the object of "according to"."""
    return (token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i > 0
            and token.doc[token.head.i - 1].lower_ == "according")


def one_of_them(token: Token) -> bool:
    """ "one of whom", "one of them", "another of the fans": one person of a group."""
    if token.lower_ not in ("one", "another"):
        return False
    return any(g.dep_ == "pobj" and (g.lower_ in ("whom", "them", "those") or g.lower_.rstrip("s") in HUMAN_NOUNS)
               for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def speaks(verb: Token) -> bool:
    """A speech verb, or a verb whose purpose is one (`went on the site to write that`)."""
    return is_speech_verb(verb) or any(c.dep_ in ("advcl", "xcomp") and is_speech_verb(c) for c in verb.children)


# Nouns heading a phrase that is no one speaking (`The first incident came ...,
# shouting "..."`, `"New York values," the city ...`).
NOT_SPEAKER_NOUNS = frozenset(
    """incident city town clip time day week month year proposal decision plan way thing fact
    case event moment issue problem question idea area country state world place part
    result results number numbers percent share rate price cost
    body line stop text screen page""".split()  # "The body of the message says", "the subject line", "added a stop"
)
NOUN_GENDER = {
    "spokesman": "m", "chairman": "m", "man": "m", "husband": "m", "father": "m", "son": "m",
    "brother": "m", "spokeswoman": "f", "chairwoman": "f", "woman": "f", "wife": "f",
    "mother": "f", "daughter": "f", "sister": "f", "congresswoman": "f", "congressman": "m",
    "widow": "f", "widower": "m", "grandmother": "f", "grandfather": "m", "granddaughter": "f",
    "grandson": "m", "aunt": "f", "uncle": "m", "niece": "f", "nephew": "m", "mom": "f", "dad": "m",
    "girlfriend": "f", "boyfriend": "m", "businesswoman": "f", "businessman": "m", "actress": "f",
    "queen": "f", "king": "m", "princess": "f", "prince": "m", "stepmother": "f", "stepfather": "m",
}


def subject_rank(token: Token) -> int:
    """2 for the subject of the sentence's main clause (or of a clause joined to it),
    1 for another subject, 0 otherwise; a name joined to a subject ("Becker and
    Lindqvist met") or in apposition to it counts as it, and so does a passive's agent."""
    if token.dep_ == "appos" and subject_before_root(token):
        return 2
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        # "One benefit ... was described by Patrick Sherwood, president of ...": the one who
        # does what a passive tells is its subject in all but the grammar
        # ("a document submitted by his father, Bernard Spitzer": a participle's agent is no subject)
        return 2 if token.head.head.dep_ == "ROOT" else 0
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return 0
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        if inside_other_quote(verb.head, verb):
            # `Barry countered, "Sales are up, Senator," but Feinstein was undeterred`: the
            # parse joined the narration to the quoted words; it goes on the sentence's own clause
            return 2
        verb = verb.head
    return 2 if verb.dep_ == "ROOT" or is_speech_verb(verb) else 1


def subject_before_root(name: Token) -> bool:
    """Whether a name the parse hung on a noun before it ("a red dirt floor, Lorraine Nelson, 60,
    a teacher from Window Rock, recalled ...") stands between commas right before the main verb,
    its own appositives in between: the main verb's subject (DUC 2006 D0601A, unseen reading:
    her "she said" went to the officer quoted before her)."""
    doc = name.doc
    start, end = name.left_edge.i, name.right_edge.i
    if start == 0 or doc[start - 1].text != "," or end + 2 >= len(doc) or doc[end + 1].text != ",":
        return False
    verb = doc[end + 2]
    return verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP")


def inside_other_quote(head: Token, verb: Token) -> bool:
    """Whether ``head`` stands inside a quote that closes before ``verb`` (an odd number of
    quotation marks between them)."""
    between = text_of(head.doc)[head.idx : verb.idx]
    return len(QUOTE_MARK.findall(between)) % 2 == 1


def is_subject(token: Token) -> bool:
    """Subject of its clause, or joined to one ("Becker and Lindqvist met")."""
    return subject_rank(token) > 0


# ---------------------------------------------------------------- gender


def story_genders(docs: Mapping[str, Doc], index: NameIndex) -> dict[str, str]:
    """The gender of each person of the story the text makes plain: a first name
    (``FEMALE_NAMES``, ``MALE_NAMES``; a nickname as the name it is short for: "Don" is
    Donald), "Mr."/"Mrs."/"Ms." before the name, or a noun of one gender right before
    it or in apposition to it ("his wife Susan Miller", "Xu's wife, He Xintong",
    "spokesman John Kirby"); a name with both is left unknown."""
    found: dict[str, set[str]] = {full: {gender} for full, gender in given_name_genders(index).items()}
    for doc in docs.values():
        for match in HONORIFIC.finditer(text_of(doc)):
            name = index.person(match.group(2))
            if name:
                found.setdefault(name, set()).add("m" if match.group(1) == "Mr" else "f")
        for ent in doc.ents:
            gender = ent.label_ == "PERSON" and noun_gender(ent)
            name = index.person(ent.text) if gender else None
            if name:
                found.setdefault(name, set()).add(gender)
    return {name: genders.pop() for name, genders in found.items() if len(genders) == 1}


def noun_gender(ent) -> str | None:
    """The gender a noun beside a name gives it: "wife" right before it ("his wife
    Susan"), or in apposition either way ("Xu's wife, He Xintong", "Susan, his wife")."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in NOUN_GENDER:
        return NOUN_GENDER[doc[ent.start - 1].lower_]
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in NOUN_GENDER and root.head.i < ent.start:
        return NOUN_GENDER[root.head.lower_]
    nouns = [c.lower_ for c in root.children if c.dep_ == "appos" and c.lower_ in NOUN_GENDER]
    return NOUN_GENDER[nouns[0]] if len(nouns) == 1 else None


HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+\s+)?[A-Z][\w'’-]+)")
# ---------------------------------------------------------------- the stage


class CachedNames:
    """A story's ``NameIndex`` with its lookups remembered: the quote stage asks for
    the same names sentence after sentence (``NameIndex.person`` scans every person
    for a surname)."""

    def __init__(self, index: NameIndex):
        self.index = index
        self.people = index.people
        self.roles = index.roles
        self._person: dict[str, str | None] = {}
        self._role: dict[str, str | None] = {}

    def person(self, text: str) -> str | None:
        if text not in self._person:
            self._person[text] = self.index.person(text)
        return self._person[text]

    def in_article(self, text: str) -> CachedNames:
        """The index as one article reads it (``NameIndex.in_article``), its lookups remembered."""
        index = self.index.in_article(text)
        return self if index is self.index else CachedNames(index)

    def role(self, text: str) -> str | None:
        if text not in self._role:
            self._role[text] = self.index.role(text)
        return self._role[text]


def extract_quotes(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], settings: AnalysisSettings = DEFAULT
) -> tuple[Quote, ...]:
    """Direct quotes of the story: those with a speaker, in order of first appearance,
    then the unattributed sentences of speech (speaker ""), the most cited first."""
    if not articles:
        return ()
    docs = parse_articles(articles, sentences, settings)
    index = CachedNames(build_name_index(docs, settings))
    genders = story_genders(docs, index)
    found: list[Attributed] = []
    for article in articles:
        quotes = article_quotes(article, docs[article.id], index.in_article(article.text), True, genders, settings)
        found.extend(q for q in quotes if q.speaker or is_speech(article.text, q, settings))
    merged = merge_across_articles(found)
    unattributed = sorted((q for q in merged if not q.speaker), key=lambda q: -len(q.citations))
    return tuple(q for q in merged if q.speaker) + tuple(unattributed[: settings.max_unattributed_quotes])


def is_speech(text: str, quote: Attributed, settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether a quote without a speaker is worth showing as unattributed: a sentence of
    speech (`"I did not email any classified material to anyone," ...`) of
    ``min_unattributed_words`` or more, starting with a capital, standing as a
    statement of its own (opening its paragraph, or after a comma, colon or full stop)
    and ending as a sentence does (a stop, or a comma or dash before its attribution),
    with a pronoun, an auxiliary or a negation in it; not a headline or a title in
    capitals ("Clinton Does Best Where Voting Machines Flunk Hacking Tests"), a set
    phrase ("For only the second time in American history") or the end of someone's
    sentence (`saying he "has consistently demonstrated ..."`)."""
    words = QUOTE_WORD.findall(quote.text)
    if len(words) < settings.min_unattributed_words:
        return False
    first = next((c for c in quote.text if c.isalpha()), "")
    if not first.isupper() or not any(w.lower() in CLAUSE_WORDS for w in words):
        return False
    content = [w for w in words if w.lower() not in TITLE_JOINERS]
    if sum(w[:1].isupper() for w in content) > TITLE_SHARE * len(content):
        return False
    start, end = quote.spans[0].start, quote.spans[-1].end
    before = text[:start].rstrip(" \t\"“‘'`").rstrip(" \t")
    after = text[end : end + 3].lstrip(" \t")
    ends = quote.text.rstrip()[-1:] in ".?!…" or after[:1] in (",", "—", "–", "-", "\n", "")
    return (not before or before[-1] in "\n,:.?!") and ends


QUOTE_WORD = re.compile(r"[\w’'-]+")
# Words of a clause, one of which a sentence of speech holds and a set phrase does not.
CLAUSE_WORDS = frozenset(
    form
    for word in """i me my we us our you your he him his she her it its they them their this that
    is are was were be been being am have has had do does did will would shall should can
    could may might must not no never don't won't can't isn't it's i'm we're they're you're
    i've we've i'll we'll didn't doesn't wasn't aren't couldn't wouldn't""".split()
    for form in (word, word.replace("'", "’"))
)
# A quote whose words (joiners aside) are mostly capitalized is a title or a headline.
TITLE_SHARE = 0.6


def article_attributions(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], settings: AnalysisSettings = DEFAULT
) -> list[Attributed]:
    """Every quote of every article before merging, with the speaker phrase's place
    (``mention``), unattributed quotes included with speaker "" (for evaluation)."""
    if not articles:
        return []
    docs = parse_articles(articles, sentences, settings)
    index = CachedNames(build_name_index(docs, settings))
    genders = story_genders(docs, index)
    found: list[Attributed] = []
    for article in articles:
        found.extend(article_quotes(article, docs[article.id], index.in_article(article.text), True, genders, settings))
    return found


def article_quotes(article: Article, doc: Doc, index: NameIndex, unattributed: bool = False,
                   genders: Mapping[str, str] | None = None, settings: AnalysisSettings = DEFAULT) -> list[Attributed]:
    text = article.text  # the Doc's text (doc.text joins every token on each call)
    found = find_quotes(text)
    marks = [m for m in found if is_quotation(text, m, settings) and not is_title(text, m)]
    # words between quote marks are nobody mentioned, quotations or not: in `"Hi, I'm Napster."
    # "Nah, ya think?" he asked`, the "he" is not Napster
    quoted = QuotedText(found)
    by_sentence: dict[int, list[QuoteMarks]] = {}
    for m in marks:
        token = doc.char_span(m.outer_start, m.outer_end, alignment_mode="expand")
        if token is not None and len(token):
            by_sentence.setdefault(token[0].sent.start, []).append(m)
    results: list[Attributed] = []
    left: list[tuple[QuoteMarks, Attributed]] = []  # quotes without a speaker
    said: dict[QuoteMarks, int] = {}  # quote -> its entry in results
    attributed_here: list[QuoteMarks] = []  # quotes with an attribution of their own
    recent: list[list[Person] | UnreadPeople] = []
    last_verb: Token | None = None
    last_marks: QuoteMarks | None = None  # the last quote given a speaker
    before: tuple = (None, [])  # the sentence before, and the people it could read
    for sent in doc.sents:
        speakers_here: list[Person] = []
        context = recent + [people_before(sent, index, quoted, by_sentence.get(sent.start, []))]
        for m in by_sentence.get(sent.start, []):
            attribution = attribute(doc, m, settings)
            spoken_of = named_in_quote(doc, text, marks, m, index, settings) if attribution else frozenset()
            speaker = resolve_speaker(attribution.subject, index, context, genders, settings, spoken_of) if attribution else None
            if speaker is None and main_clause_unread(doc, sent, m):
                reread = whole_sentence_attribution(doc, sent, m, index, context, genders, settings, spoken_of)
                if reread is not None:
                    speaker, attribution = reread
            if speaker is None:
                if (attribution is None and results and last_marks is not None
                        and continues(text, last_marks, m, settings, last_verb.idx if last_verb is not None else -1)
                        and not speech_verb_near(doc, m, settings)):
                    # `"A," said X. "B."`: B is X's too
                    quoted_text, span = quote_text(text, m, article.id)
                    results.append(Attributed(results[-1].speaker, quoted_text, (span,), results[-1].mention))
                    said[m] = len(results) - 1
                    last_marks = m
                    continue
                found = previous_speaker(doc, sent, m, *before, index, genders, settings) if attribution is None else None
                if found is None:
                    left.append((m, Attributed("", *_text_and_spans(text, m, article.id))))
                    last_marks = None  # another quote between: no longer a continuation
                    continue
                speaker, attribution = found
            # the name shown; the walk back for "he"/"she" goes on with the surname as the sentences
            # name it, each later quote settling it again at its own place
            shown = shared_surname(speaker, doc, min(m.outer_start, attribution.subject[0].idx), index,
                                   pronoun_gender(attribution.subject), genders or {})
            mention = (attribution.subject[0].idx, attribution.subject[-1].idx + len(attribution.subject[-1]))
            last_marks = m
            quoted_text, span = quote_text(text, m, article.id)
            if results and attribution.verb == last_verb and results[-1].speaker == shown:
                # `"A," he said, "B."`: one quote in two parts
                previous = results[-1]
                results[-1] = Attributed(shown, f"{previous.text} {quoted_text}", previous.spans + (span,), previous.mention)
            else:
                results.append(Attributed(shown, quoted_text, (span,), mention))
            said[m] = len(results) - 1
            attributed_here.append(m)
            last_verb = attribution.verb
            if index.person(speaker) or speaker in index.people.values():
                speakers_here.append(Person(speaker, SPEAKER_RANK))
            elif introduces_someone(speaker) and not text[sent.start_char : m.outer_start].strip():
                # someone new, described, whose words open the sentence (`"Make a sound!" shouted
                # the aid team's Turkish translator`) holds the floor: the "she" of the next quote
                # may be them, so unsure, as for ``unnamed_people``; without them the walk back
                # went past to a woman named further up. A bare "the businessman" is someone
                # named before, and words quoted in passing (`one questioner claimed that the
                # "forces of ..."`) are no turn.
                speakers_here.append(Person("", SPEAKER_RANK, NOUN_GENDER.get(speaker.split()[-1].lower())))
        before = (sent, context)
        mentioned = sentence_people(sent, index, quoted, speakers=speakers_here)
        if isinstance(mentioned, UnreadPeople) or mentioned or not within_quote(sent, marks):
            recent.append(mentioned)  # a sentence inside a long quote does not count as one back
    results, left = run_on_speakers(text, marks, results, left, said, attributed_here)
    if unattributed:
        return sorted(results + [a for _, a in left], key=lambda a: a.spans[0].start)
    return results


def main_clause_unread(doc: Doc, sent, marks: QuoteMarks) -> bool:
    """Whether a quote is introduced by a participle of speech (`..., saying, "..."`), which
    takes the subject of its sentence's main clause, in a sentence whose words before it were
    not all parsed: the parse of the window before the quote may start after the main clause's
    subject (`Moussa threatened that Egypt would cancel the summit ..., saying, "..."`: the
    window began at "Egypt")."""
    columns = token_columns(doc)
    words, unread = columns.words, columns.unread_words  # (neither a space nor punctuation)
    before = bisect_left(words, bisect_left(columns.idx, marks.outer_start, sent.start, sent.end))
    if before == 0 or words[before - 1] < sent.start:
        return False  # no word before the quote in its sentence
    last = words[before - 1]
    word = doc[last].lower_
    if not (word.endswith("ing") and word in SPEECH_VERBS):
        return False
    return bisect_left(unread, last) > bisect_left(unread, sent.start)  # a word before it not parsed


def whole_sentence_attribution(doc: Doc, sent, marks: QuoteMarks, index: NameIndex, context, genders,
                               settings: AnalysisSettings, spoken_of: frozenset[str]) -> tuple[str, Attribution] | None:
    """The speaker and attribution of a quote read again on its sentence parsed whole
    (``nlp.parse_range``; token ``i`` of the piece is token ``sent.start + i`` of the article)."""
    piece = parse_range(doc, sent.start, sent.end)
    offset = doc[sent.start].idx
    shifted = QuoteMarks(marks.start - offset, marks.end - offset, marks.outer_start - offset, marks.outer_end - offset)
    found = attribute(piece, shifted, settings)
    if found is None or not found.subject:
        return None
    speaker = resolve_speaker(found.subject, index, context, genders, settings, spoken_of)
    if not speaker:
        return None
    return speaker, Attribution(doc[sent.start + found.verb.i], [doc[sent.start + t.i] for t in found.subject])


def named_in_quote(doc: Doc, text: str, marks: Sequence[QuoteMarks], quote: QuoteMarks, index: NameIndex,
                   settings: AnalysisSettings = DEFAULT) -> frozenset[str]:
    """The people a quote names, and the quote going on right after its attribution
    (`"I had to flee in 1952," he says. "It was 17 years before I came home, after Franco
    was dead."`): the speaker speaks of them, so "he" is none of them (the words name
    Franco as someone else; a speaker naming himself so is rare)."""
    parts = [quote]
    later = [m for m in marks if m.outer_start >= quote.outer_end]
    if later and continues(text, quote, later[0], settings) and attribute(doc, later[0], settings) is None:
        parts.append(later[0])
    names = set()
    starts = token_columns(doc).person_starts  # the first tokens of people's names
    for part in parts:
        span = doc.char_span(part.start, part.end, alignment_mode="expand")
        if span is None:
            continue
        for i in starts[bisect_left(starts, span.start) : bisect_left(starts, span.end)]:
            ent = entity_at(doc[i])
            name = index.person(ent.text) if ent is not None else None
            if name:
                names.add(name)
    return frozenset(names)


def is_title(text: str, marks: QuoteMarks) -> bool:
    """Whether quoted words are the title a word before them announces (`a press release
    titled "Heavy Metal Heavyweights K.O. Fans"`, `an essay entitled "..."`): a name for a
    text, not someone's words, though an attribution may follow it. So are the words a
    banner, sign or sticker reads (``WRITTEN_ON``)."""
    if TITLED.search(text, max(0, marks.outer_start - 20), marks.outer_start) is not None:
        return True
    return WRITTEN_ON.search(text, max(0, marks.outer_start - 200), marks.outer_start) is not None


TITLED = re.compile(r"\b(?:(?:en|sub)?titled|headlined)\s*$", re.IGNORECASE)
# Words a banner, sign or sticker reads (`Bearing banners reading "Back to peace" and "Save the
# peace," the demonstrators demanded`, `stickers that read, "What have you done today?"`): a
# text written on a thing, nobody's speech, though a speech verb may follow it. Earlier items
# of a list of such texts may stand between.
WRITTEN_ON = re.compile(
    r"\b(?:banners?|signs?|placards?|stickers?|posters?|t-shirts?|billboards?|graffiti|inscriptions?)"
    r"(?:\s+(?:that|which))?\s+(?:read|reads|reading|said|saying|proclaiming|declaring)\s*[,:]?\s*"
    r"(?:(?:``|\"|“)[^\"”\n]{1,100}?(?:''|\"|”)\s*(?:,|\band\b|\bor\b)\s*(?:and\s+|or\s+)?)*$",
    re.IGNORECASE,
)


def previous_speaker(doc: Doc, sent, marks: QuoteMarks, previous, context, index: NameIndex,
                     genders: Mapping[str, str] | None, settings: AnalysisSettings) -> tuple[str, Attribution] | None:
    """The speaker of a quote with no attribution of its own that opens its sentence,
    when the sentence right before it has a speaker quoted in part: the subject of a
    speech verb before its first quotation mark (`Trump shot back in a statement,
    saying he's "made a lot of money in down markets." "Frankly, this is the kind of
    thinking our country needs."`): the speaker's words go on. The speaker must be a
    person of the story (a name, or "he"/"she" resolved to one). Returns the speaker
    and the speech verb with its subject.

    A sentence before that quotes no one is not enough (`Obama also announced the
    Peace Corps would begin operating in Vietnam. "EVENTUALLY VOTERS MAKE GOOD
    DECISIONS"`; `Matthews, Seitz-Wald and Lopez argued that ... "Chris Matthews:
    ..."`): on PolNeAR that gave as many wrong speakers as right ones."""
    if previous is None or not is_parsed(previous.root) or speech_verb_near(doc, marks, settings):
        return None
    if any(not (t.is_space or t.text in QUOTE_TOKENS) for t in sent if t.idx < marks.outer_start):
        return None  # words before the quote in its sentence
    opened = QUOTE_MARK.search(previous.text)
    if opened is None:
        return None  # the sentence before quotes no one
    for verb in previous:
        if not is_speech_verb(verb) or verb.idx - previous.start_char > opened.start():
            continue
        subject = subject_of(verb, lo=previous.start, hi=verb.i)
        speaker = resolve_speaker(subject, index, context, genders, settings) if subject else None
        if speaker and (index.person(speaker) or speaker in index.people.values()):
            return speaker, Attribution(verb, subject)
    return None


QUOTE_MARK = re.compile(r"``|''|[\"“”„]")


def within_quote(sent, marks: Sequence[QuoteMarks]) -> bool:
    """Whether a sentence lies inside one quote's marks."""
    start, end = sent[0].idx, sent[-1].idx
    return any(m.outer_start <= start and end < m.outer_end + 2 for m in marks)


def run_on_speakers(text: str, marks: Sequence[QuoteMarks], results: list[Attributed],
                    left: list[tuple[QuoteMarks, Attributed]], said: Mapping[QuoteMarks, int],
                    own_attribution: Iterable[QuoteMarks] = ()) -> tuple[list[Attributed], list[tuple[QuoteMarks, Attributed]]]:
    """A quote running on into the next paragraph without a speaker of its own is the
    speaker's of the quote opening that paragraph, when that one has its own
    attribution (`"A¶"B," she said.`): one paragraph back, no further.

    A quote given the speaker of the quote before it (``continues``) that also runs on
    into a paragraph closed by someone else's attribution (`"A," Rep. Moore said. "B¶"C,"
    added Rep. Clyburn.`: a closing mark left out, or B is Clyburn's) has two speakers
    by two rules: it is left unattributed."""
    own = set(own_attribution)
    following = {a: b for a, b in zip(marks, marks[1:])}
    conflicted = {
        m: n for m, n in said.items()
        if m not in own and m.outer_end == m.end and following.get(m) in own and len(results[n].spans) == 1
        and not text[m.end : following[m].outer_start].strip()
        and results[said[following[m]]].speaker != results[n].speaker
    }
    unsure = [(m, Attributed("", results[n].text, results[n].spans)) for m, n in conflicted.items()]
    if conflicted:
        kept = [n for n in range(len(results)) if n not in set(conflicted.values())]
        renumber = {old: new for new, old in enumerate(kept)}
        results = [results[n] for n in kept]
        said = {m: renumber[n] for m, n in said.items() if n in renumber}
    speaker_of = {m: results[n] for m, n in said.items()}
    still_left = []
    for m, item in reversed(left):
        after = following.get(m)
        if (m.outer_end == m.end and after is not None and after in own and opens_statement(text, m)
                and not text[m.end : after.outer_start].strip()):
            source = speaker_of[after]
            speaker_of[m] = Attributed(source.speaker, item.text, item.spans, source.mention)
        else:
            still_left.append((m, item))
    added = [speaker_of[m] for m, _ in left if m in speaker_of]
    still_left = sorted(still_left + unsure, key=lambda item: item[0].start)
    return sorted(results + added, key=lambda a: a.spans[0].start), still_left


def _text_and_spans(text: str, marks: QuoteMarks, article_id: str) -> tuple[str, tuple[Span, ...]]:
    quoted_text, span = quote_text(text, marks, article_id)
    return quoted_text, (span,)


def continues(text: str, previous: QuoteMarks | None, marks: QuoteMarks, settings: AnalysisSettings = DEFAULT,
              attribution_at: int = -1) -> bool:
    """An unattributed quote right after an attributed one, with only that attribution
    between them, is the same speaker going on: in the same paragraph (`"A," said X,
    as .... "B."`), or opening the next paragraph (`"A," X said.¶"B."`: a new speaker
    would be named)."""
    if previous is None or previous.outer_end > marks.outer_start:
        return False
    gap = text[previous.outer_end : marks.outer_start]
    if "\n" in gap.strip() or len(SENTENCE_END.findall(gap)) > 1:
        return False
    if "\n" not in gap:
        ends = list(SENTENCE_END.finditer(gap))
        # `"A," said X, as .... "B."` or `"A," said X, "B"`; not a sentence about
        # something else before B (`... said X. A Texas voter, X lost his son when "B"`)
        # a sentence between them must be the first one's attribution (its verb, or a speech verb)
        attributes = previous.outer_end <= attribution_at < marks.outer_start or names_speech(gap)
        return len(gap) <= settings.max_continuation_gap and (not ends or (not gap[ends[-1].end() :].strip() and attributes))
    attribution, _, start = gap.rpartition("\n")
    return not start.strip() and len(attribution.strip()) <= settings.max_paragraph_tail and opens_statement(text, previous)


def names_speech(gap: str) -> bool:
    """Whether words between two quotes hold a speech verb: the first quote's attribution
    (`"A," said X, as .... "B."`). A sentence without one, nor the verb that attributed the
    first quote (`"A," he relented at last. "B."`), is about something else (`"..." Hours
    after his victory, Chavez stood on a terrace ... "B," he bellowed`): the next quote is
    not the first speaker's going on. Words that are no sentence (`"A," and then, "B."`) are
    no matter."""
    words = re.findall(r"[a-z]+", gap.lower())
    return any(w in SPEECH_VERBS or w in PARTICLE_VERBS or w == "according" for w in words)


def speech_verb_near(doc: Doc, marks: QuoteMarks, settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether a speech verb stands in the quote's sentence right after it: its own
    attribution, unread (`"Yes," Brent Bozell III, founder of ..., tells Breitbart`)."""
    span = doc.char_span(marks.outer_start, marks.outer_end, alignment_mode="expand")
    if span is None:
        return False
    # token by token: a slice starting at the Doc's end (a quote closing the article) makes
    # spaCy join the whole text again (``Span`` asks for ``len(doc.text)``)
    for k in range(span.end, min(span.end + settings.max_tokens_after + 4, len(doc))):
        token = doc[k]
        if token.text in {".", "!", "?", ";"} or "\n" in token.text or token.text in QUOTE_TOKENS:
            return False
        if token.lower_ in SPEECH_VERBS or token.lower_ in PARTICLE_VERBS:
            if is_parsed(token):
                if is_speech_verb(token):
                    return True
            elif token.i == 0 or token.nbor(-1).lower_ not in DETERMINERS:
                return True  # unparsed: a verb, unless a determiner makes it a noun ("a state senator")
    return False


DETERMINERS = frozenset("a an the this that these those his her its their our my your each every".split())


def opens_statement(text: str, marks: QuoteMarks) -> bool:
    """Whether a quote stands as a statement of its own: it opens its paragraph or
    follows a comma or colon (`X said, "..."`), rather than finishing someone's
    sentence (`saying he "has consistently demonstrated ..."`)."""
    before = text[: marks.outer_start].rstrip(" \t")
    return not before or before[-1] in "\n,:.?!"


# A sentence end: a stop followed by a capital or a quote mark ("Sept. 16" is none),
# not the stop of a title or an initial before a name ("said Rep. Jim Kolbe", "John F.
# Kennedy", "U.S. Senate").
TITLE_STOPS = "Rep Sen Gov Dr Mr Mrs Ms Gen Col Lt Sgt Capt Rev Prof Pres Adm Maj Cmdr Gens Reps Sens".split()
SENTENCE_END = re.compile(  # (the stop looked for first: the lookbehinds at every character were slow)
    r"(?=[.!?])(?<!\b[A-Z])" + "".join(rf"(?<!\b{t})" for t in TITLE_STOPS) + r"[.!?]+[\"”’']?(?=\s+[A-Z“\"‘`]|\s*$)"
)


def people_before(sent, index: NameIndex, quoted: Sequence[QuoteMarks],
                  here: Sequence[QuoteMarks]) -> list[Person] | UnreadPeople:
    """People named in a sentence before its first quote ("In Kabul, Khalilzad said: "...).
    None when the quote goes on with those words as its own clause, without a speech verb
    before it (`Kennedy and his family "would make you feel welcome," she said`): they are
    what the speaker says, not who speaks."""
    if not here:
        return []
    first = min(here, key=lambda m: m.outer_start)
    if not opens_statement(text_of(sent.doc), first) and not any(
            is_speech_verb(t) for t in sent if t.idx < first.outer_start):
        return []
    return sentence_people(sent, index, quoted, before=first.outer_start)


def quote_text(text: str, marks: QuoteMarks, article_id: str) -> tuple[str, Span]:
    """The quote without marks, surrounding space or the comma that leads to the
    attribution, and where exactly that text stands."""
    raw = text[marks.start : marks.end]
    start = marks.start + len(raw) - len(raw.lstrip())
    content = raw.strip().rstrip(",").rstrip()
    return content, Span(article_id, start, start + len(content))


# ---------------------------------------------------------------- 6. merge


def merge_across_articles(found: Sequence[Attributed]) -> tuple[Quote, ...]:
    """One entry per quote: the same words (case, punctuation aside) from several
    articles cite them all; a shorter quote contained in a longer one joins it."""
    groups: list[list[Attributed]] = []
    keys: list[str] = []
    for item in found:
        key = quote_key(item.text)
        for n, existing in enumerate(keys):
            if same_quote(key, existing) and compatible(groups[n][0].speaker, item.speaker):
                groups[n].append(item)
                if len(key) > len(existing):
                    keys[n] = key
                break
        else:
            groups.append([item])
            keys.append(key)
    return tuple(to_quote(group) for group in groups)


def quote_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def same_quote(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    # a shared passage of six words or more is one quote cut differently
    return len(shorter.split()) >= 6 and f" {shorter} " in f" {longer} "


def compatible(a: str, b: str) -> bool:
    """Two attributions of one quote agree unless they name two different people;
    a name and a description ("a US official") are the same speaker told twice, a name
    and its surname ("Bill Clinton", "Clinton") one person. A surname alone is a name too:
    one article's "Clinton said in a statement" and another's "press secretary Joe
    Lockhart said" stay two entries, each citing the article that says so. A surname marked
    unclear ("Bailey (unclear which Bailey)") is that surname: another article giving the
    same words to Kyle Bailey says which."""
    a, b = unclear_surname(a) or a, unclear_surname(b) or b
    if a == b or not (names_someone(a) and names_someone(b)):
        return True
    return a.split()[-1] == b.split()[-1] and (" " not in a or " " not in b)


def names_someone(speaker: str) -> bool:
    """A full name, or a capitalized word that is no noun for people ("Clinton", not
    "Officials")."""
    return is_name(speaker) or (" " not in speaker and speaker[:1].isupper()
                                and speaker.lower() not in HUMAN_NOUNS and speaker.lower().rstrip("s") not in HUMAN_NOUNS)


def to_quote(group: Sequence[Attributed]) -> Quote:
    longest = max(group, key=lambda g: len(g.text))
    speaker = max((g.speaker for g in group), key=lambda s: (is_name(s), len(s)))
    citations = tuple(dict.fromkeys(g.article_id for g in group))
    spans = tuple(span for g in group for span in g.spans)
    return Quote(speaker=speaker, text=longest.text, citations=citations, spans=spans)


def is_name(speaker: str) -> bool:
    """A proper name ("Zalmay Khalilzad") rather than a description ("a spokeswoman")."""
    words = speaker.split()
    return all(w[:1].isupper() for w in words) and len(words) >= 2
