"""Who is who in a story: every person by each short form the articles write ("Mr
Stoltenberg", "Khalilzad" -> "Jens Stoltenberg", "Zalmay Khalilzad"), and the roles
the text gives them (steps 2 and 3 of the entity stage; the quote stage resolves
speakers through the same ``NameIndex``, and ``nlp`` reads its roles to choose the
sentences naming a role held by one person).

    2. merge     every person name of one or two words is resolved to the one fuller
                 name of the story it can be short for (surname, nickname, middle
                 initials); when two people share a surname the short form stays apart
                 unless one is written in full far more often (``dominant``)
    3. roles     "US special envoy Zalmay Khalilzad" / "Zalmay Khalilzad, the US special
                 envoy" make "the US special envoy" a name of him, when exactly one
                 person of the story holds that role

Built once per set of parsed Docs (``story_names``), from the mentions of
``mentions.py``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import (
    DATE_WORDS, DEFINITE_DETERMINERS, FUNCTION_WORDS, HUMAN_NOUNS, ROLE_NOUNS, comparison_text, name_key, role_key,
)
from .mentions import (
    NAME_TITLES, NOT_GIVEN_NAMES, PLACE_EQUIVALENTS, Mention, NOT_PERSON_NOUNS, joins_two_names, label_votes,
    lowercase_words, names_of_things_after_places, recover_mentions, settled_place_mentions, strip_titles,
    tagged_mentions,
)
from .parsed import text_of
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

@dataclass(slots=True)
class NameIndex:
    """Who is who in one story: full person names, their short forms and roles."""

    # normalized key ("khalilzad", "zalmay khalilzad") -> full name ("Zalmay Khalilzad")
    people: dict[str, str] = field(default_factory=dict)
    # normalized role ("us special envoy") -> full names holding it
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # normalized role -> role as first written ("US special envoy")
    role_text: dict[str, str] = field(default_factory=dict)
    # one-word names the text never uses of the person whose surname they are ("in Washington")
    not_surnames: set[str] = field(default_factory=set)
    # in one article's view (``in_article``): the role holders the article names; None: the story's index
    named_holders: frozenset[str] | None = None
    # full name -> "m"/"f" as its given name tells (``given_name_genders``), once the index is built
    genders: Mapping[str, str] | None = None

    def person(self, text: str) -> str | None:
        """The full name for a person name as written ("Mr Stoltenberg"), if known."""
        key = name_key(strip_titles(text))
        found = self.people.get(key)
        if found is None and key and " " not in key and key not in self.not_surnames:
            # a surname the tagger never marked on its own ("Buffone said")
            fuller = {n for k, n in self.people.items() if k.endswith(" " + key)}
            found = fuller.pop() if len(fuller) == 1 else None
        if found and self.genders and self.genders.get(found):
            title = _GENDERED_TITLE.match(text.strip())
            if title and TITLE_GENDERS[title.group(1).lower()] != self.genders[found]:
                return None  # "Mrs. Shepard said" is not Matthew Shepard (D0721E, unseen reading: his mother)
        return found

    def in_article(self, text: str) -> NameIndex:
        """The index as one article reads it, for a lone surname the story gives to one person
        whom the article does not name in full:
        - the other person of that surname when the article names the other in full ("Jim
          Anderson, a fisheries professor" ... "Anderson of the University of Washington says",
          where the story's "Anderson" is David Anderson, the minister of five articles), and
          no one's when it names two others ("Judy and Dennis Shepard", ``_couple_named``);
        - no one's when the article writes it of the other gender (``genders``: the full names'
          genders by their given names, once the index is built): "President Clinton ... his radio address ... He added"
          is not Hillary Rodham Clinton, the one Clinton the story names in full;
        - no one's when the article names in full another person of that surname beside the
          story's ("Shepard" where Matthew Shepard's parents Judy and Dennis Shepard speak: D0721E,
          unseen reading, gave sixteen of the parents' quotes to their dead son).
        A role without a name in it ("the judge", "the department spokesman") means its holder
        only in an article that names the holder (``role``)."""
        holders = {full for fulls in self.roles.values() for full in fulls}
        named = frozenset(full for full in holders if _named_in(text, full))
        genders = self.genders
        moved = {}
        fulls = {full for full in set(self.people.values()) if " " in full}
        in_full = {full for full in fulls if _given_name_first(full)}
        for key, full in self.people.items():
            surname = full.split()[-1]
            if " " in key or " " not in full or name_key(surname) != key:
                continue
            named_here = {other for other in in_full
                          if other != full and name_key(other.split()[-1]) == key and other in text}
            named_here |= self._couple_named(text, surname, full)
            # a name opening with the word ("Xiong Guoming", his family name first) beside the story's
            # "Zhang Xiong": D30020T, unseen reading, session 19, gave the swimmer's doping to the coach
            named_here |= {other for other in fulls
                           if other != full and name_key(other.split()[0]) == key and other in text}
            if full in text:
                if named_here:  # "Matthew Shepard", "Judy Shepard", "Dennis Shepard": "Shepard" is any of them
                    moved[key] = surname
                continue
            if len(named_here) == 1:
                moved[key] = named_here.pop()
            elif named_here:  # "Judy and Dennis Shepard" of an article not naming Matthew Shepard
                moved[key] = surname
            elif genders and genders.get(full) and _written_of_the_other_gender(text, surname, genders[full]):
                moved[key] = surname
        moved.update(self._shared_surnames_named_once(text))
        if not moved and named == holders:
            return self
        return NameIndex({**self.people, **moved}, self.roles, self.role_text, self.not_surnames, named, self.genders)

    def _shared_surnames_named_once(self, text: str) -> dict[str, str]:
        """A surname the story gives to two or more people (Bill Clinton, Hillary Rodham Clinton),
        as the one of them the article names in full, unless it writes the surname of the other
        gender too ("Clinton ... she"): D30050T (unseen reading, session 19) had "Clinton", written
        some 60 times of the president, in no row."""
        found = {}
        for key, value in self.people.items():
            if " " in key or " " in value or name_key(value) != key:
                continue
            holders = surname_holders(self.people, value)
            if len(holders) < 2:
                continue  # kept apart for another reason ("Nuri Tekin", untagged, beside "Recet Tekin")
            here = {full for full in holders if full in text} | self._couple_named(text, value, "")
            if len(here) != 1:
                continue
            full = here.pop()
            gender = (self.genders or {}).get(full)
            if full in self.people.values() and not (gender and _written_of_the_other_gender(text, value, gender)) \
                    and not self._titled_as_another(text, value, full, gender):
                found[key] = full
        return found

    def _titled_as_another(self, text: str, surname: str, full: str, gender: str | None) -> bool:
        """Whether the article writes the surname after a title that may be another holder's:
        "President Clinton" beside "Hillary Rodham Clinton" (the bare "Clinton" is his there),
        "Mrs. Shepard" beside "Dennis Shepard". A title the person holds ("Sen. Boxer" of the
        senator) or of the person's gender is theirs."""
        for title in re.findall(rf"\b([A-Z][a-z]+)\.?\s+{re.escape(surname)}\b", text):
            word = title.lower()
            if word not in NAME_TITLES:
                continue
            if word in TITLE_GENDERS:
                if gender and TITLE_GENDERS[word] == gender:
                    continue
                return True
            if full not in self.roles.get(role_key(title), ()):
                return True
        return False

    def _couple_named(self, text: str, surname: str, full: str) -> set[str]:
        """The people a couple of given names before ``surname`` names in ``text`` ("Judy and Dennis
        Shepard": Judy Shepard, Dennis Shepard), and a relative by the surname's possessive and
        a given name ("Shepard's father Dennis"), other than ``full``. The tagger reads the couple as
        one name of its last given name, so the index never holds the first: D0721E (unseen reading,
        session 17) gave the parents' "Shepard said" to their son, the one Shepard named in full."""
        couples = re.finditer(rf"\b([A-Z][a-z]+) (?:and|&) ([A-Z][a-z]+) {re.escape(surname)}\b", text)
        named = {f"{given} {surname}" for couple in couples for given in couple.groups()}
        named = {name for name in named if is_given_name(name.split()[0]) or self.people.get(name_key(name))}
        # a relative by the surname's possessive and a given name: "said Shepard's father Dennis"
        for kin in re.finditer(rf"\b{re.escape(surname)}['’]s (?:{'|'.join(KIN)}) ([A-Z][a-z]+)\b", text):
            if is_given_name(kin.group(1)):
                named.add(f"{kin.group(1)} {surname}")
        return named - {full}

    def role(self, text: str) -> str | None:
        """The one person holding a role ("the US special envoy"), else None. In an article's view
        (``in_article``) a role without a name in it ("the judge", "the department spokesman") is
        only a holder the article names: the story's one judge named in full is not the judge of
        another article's trial (D0646A, unseen reading: a Brooklyn judge's words went to a Florida
        one); "the US special envoy" names an office, whoever of the story holds it."""
        holders = self.roles.get(role_key(text))
        if holders and self.named_holders is not None and not _names_an_office(text):
            holders = holders & self.named_holders
        if holders and len(holders) == 1:
            return next(iter(holders))
        return None


# Titles that tell a person's gender, and the gender they tell.
TITLE_GENDERS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_GENDERED_TITLE = re.compile(r"(Mr|Mrs|Ms|Miss)\.?\s")


# Relatives named by a surname's possessive ("Shepard's father"): other holders of the surname.
KIN = frozenset("father mother wife husband son daughter brother sister widow".split())


def is_given_name(word: str) -> bool:
    """Whether a capitalized word is a given name of the name lists ("Judy", "Dennis")."""
    lowered = word.lower()
    return lowered in FEMALE_NAMES or lowered in MALE_NAMES or lowered in NICKNAMES


def _named_in(text: str, full: str) -> bool:
    """Whether ``text`` names the person, in full or by surname."""
    return full in text or re.search(rf"\b{re.escape(full.split()[-1])}\b", text) is not None


def _names_an_office(role: str) -> bool:
    """Whether a role as written carries a name before its head noun ("The US special envoy",
    "NATO's Secretary General", "State Department spokesman"): one office, not a kind of
    person ("the judge", "the department spokesman", "the author")."""
    words = [w for w in role.split() if w.lower() not in DEFINITE_DETERMINERS and w.lower() not in ("a", "an")]
    return any(w[:1].isupper() for w in words[:-1])


def _given_name_first(name: str) -> bool:
    """Whether a name of two words or more opens with a given name as written ("Jim Anderson"), not
    an abbreviation or a word in capitals ("WR Jackson", "Charger Vincent Jackson" aside)."""
    first = name.split()[0]
    return len(first) > 1 and first[0].isupper() and first[1:].islower()


def _written_of_the_other_gender(text: str, surname: str, gender: str) -> bool:
    """Whether ``text`` writes ``surname`` of someone of the other gender than ``gender``: the first
    "he"/"his"/"she"/"her" after it in its sentence, a "He"/"She" opening the next, and "Mr."/"Mrs."
    before it are of the other gender at least ``OTHER_GENDER_SIGNS`` times and never of this one."""
    signs = {"m": 0, "f": 0}
    for match in re.finditer(rf"(?:\b(?P<title>Mr|Mrs|Ms|Miss)\.?\s+)?\b{re.escape(surname)}\b", text):
        if match.group("title"):
            signs[TITLE_GENDERS[match.group("title").lower()]] += 1
            continue
        rest = _SENTENCE_END.split(text[match.end() : match.end() + 400], maxsplit=1)
        pronoun = _GENDERED.search(rest[0]) or (_GENDERED.search(_before_a_name(rest[1])) if len(rest) > 1 else None)
        if pronoun:
            signs["m" if pronoun.group().lower() in ("he", "his", "him") else "f"] += 1
    other = "f" if gender == "m" else "m"
    return signs[other] >= OTHER_GENDER_SIGNS and not signs[gender]


def _before_a_name(sentence: str) -> str:
    """The start of the next sentence up to the first capitalized word after its first ("In his
    weekly radio address, Clinton said": "In his weekly radio address, "): a pronoun there
    still means the person just named."""
    found = _CAPITALIZED_LATER.search(sentence)
    return sentence[: found.start()] if found else sentence


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]*\s+")
_GENDERED = re.compile(r"\b(?:he|his|him|she|her|hers)\b", re.IGNORECASE)
_CAPITALIZED_LATER = re.compile(r"(?<=\s)[A-Z][a-z]")
# Signs of the other gender an article gives a lone surname before it is no one's of the story.
OTHER_GENDER_SIGNS = 2


@dataclass(slots=True)
class StoryNames:
    """What the entity and quote stages know about a story's names, built once."""

    index: NameIndex  # (from the tagged mentions: the quote stage needs no more)
    tagged: list[Mention]  # the tagger's, cleaned
    labels: dict[str, str]  # name key -> type by vote of the tagged mentions
    docs: Mapping[str, Doc]
    things: set[str] = field(default_factory=set)  # place names the story mostly gives a thing (``settled_place_mentions``)
    _mentions: list[Mention] | None = None

    @property
    def mentions(self) -> list[Mention]:
        """The tagged mentions and the appearances of the same names the tagger missed
        (``recover_mentions``), found when first asked for (by the entity stage)."""
        if self._mentions is None:
            found = recover_mentions(self.docs, self.tagged, self.labels, self.index.people)
            self._mentions = self.tagged + settled_place_mentions(found, self.things)
        return self._mentions


def build_name_index(docs: Mapping[str, Doc], settings: AnalysisSettings = DEFAULT) -> NameIndex:
    """The story's people by every short form, and the roles the text gives them.
    Built once per set of parsed docs (the quote and entity stages both ask)."""
    return story_names(docs, settings).index


def story_names(docs: Mapping[str, Doc], settings: AnalysisSettings = DEFAULT) -> StoryNames:
    """The story's mentions, their types and its people, built once per set of parsed
    docs and settings."""
    key = (tuple(id(doc) for doc in docs.values()), settings)
    first = next(iter(docs.values()), None)
    cached = first.user_data.get(NAME_INDEX) if first is not None else None
    if cached is not None and cached[0] == key:
        return cached[1]
    names = _story_names(docs, settings)
    if first is not None:
        first.user_data[NAME_INDEX] = (key, names)
    return names


NAME_INDEX = "newsbrief.name_index"


def _story_names(docs: Mapping[str, Doc], settings: AnalysisSettings = DEFAULT) -> StoryNames:
    tagged = tagged_mentions(docs)
    # "the Oslo accords" beside "held in Oslo": the bare name is the city only where it stands as one
    things = names_of_things_after_places(docs, tagged)
    tagged = settled_place_mentions(tagged, things)
    labels = label_votes(tagged)
    tagged = [m for m in tagged if not joins_two_names(m, tagged, labels)]
    return StoryNames(_build_name_index(docs, tagged, labels, settings), tagged, labels, docs, things)


def _build_name_index(docs: Mapping[str, Doc], mentions: Sequence[Mention], labels: Mapping[str, str],
                      settings: AnalysisSettings = DEFAULT) -> NameIndex:
    index = NameIndex()
    person_names = Counter(m.text for m in mentions if labels.get(name_key(m.text)) == "PERSON")
    nationalities = {name_key(m.text) for m in mentions if m.label == "NORP"}  # "Chechen" is no first name
    # the surnames too, written alone or not: the stage finds them again (``recover_mentions``)
    surnames = {n.split()[-1] for n in person_names if " " in n and n.split()[-1][:1].isupper()}
    index.people.update(resolve_person_names([*person_names, *surnames], person_names, nationalities, settings))
    keep_shared_surnames_apart(index.people, docs, nationalities, settings)
    keep_surname_first_names_apart(index.people, docs)
    keep_surnames_of_unnamed_people_apart(index.people, docs, settings)
    index.not_surnames = unlink_surnames_not_used_as_people(index.people, mentions)
    # "Trump" tagged ORG once is still Donald Trump, when he is the one Trump of the story.
    # The same for a surname tagged as a place ("Qureshi told reporters"), unless the
    # name also stands where only places stand, or is tagged a place again and again
    # ("Egypt" is no surname of "Etisalat Egypt").
    written = Counter(name_key(m.text) for m in mentions)
    placed = Counter(name_key(m.text) for m in mentions if m.place_like)  # "interest in Teixeira" once
    places = {key for key, count in placed.items() if 3 * count >= written[key]}
    others = {
        m.text for m in mentions
        if m.label != "PERSON" and len(m.text.split()) <= 2 and name_key(m.text) not in places
        and name_key(m.text) not in PLACE_EQUIVALENTS and name_key(m.text) not in index.not_surnames
    }
    # a full name the tagger calls a person at least twice, and two times in three
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        full = index.people.get(name_key(m.text))
        if full and " " in m.text:
            tags[full]["PERSON" if m.label == "PERSON" else "other"] += 1
    solid = {full: c["PERSON"] >= 2 and 3 * c["PERSON"] >= 2 * sum(c.values()) for full, c in tags.items()}
    full_names = [(n, person_parts(n)) for k, n in index.people.items() if k == name_key(n) and " " in k]
    surnames = {parts.last for _, parts in full_names}
    for m in mentions:  # "American Hasim Rahman" tagged ORG: the boxer Hasim Rahman
        words = m.text.split()
        if m.label != "PERSON" and 3 <= len(words) <= 4 and name_key(words[0]) in nationalities:
            full = index.people.get(name_key(" ".join(words[1:])))
            if full:
                index.people.setdefault(name_key(m.text), full)
    for other in others:
        parts = person_parts(other)
        matches = {  # a surname or a shorter full name; a lone first name tagged otherwise is not enough
            n for n, full in full_names
            if short_for(parts, full, surnames) and (parts.first or parts.last == full.last)
        }
        if len(matches) == 1:
            full = matches.pop()
            if not solid.get(full):
                continue  # "Egypt" is no surname of "Etisalat Egypt", tagged a person once
            index.people.setdefault(name_key(other), full)
    for doc in docs.values():
        for ent in doc.ents:
            full = index.person(ent.text) if ent.label_ in ("PERSON", "ORG") else None
            # a role goes to a person the story names in full: a lone word ("Kennedy" when
            # five Kennedys are in the story, "George" of the magazine) may be anyone
            if full and " " in full:
                for role in roles_of(ent):
                    key = role_key(role)
                    index.roles[key].add(full)
                    index.role_text.setdefault(key, role)
    index.genders = given_name_genders(index)
    return index


def unlink_surnames_not_used_as_people(people: dict[str, str], mentions: Sequence[Mention]) -> set[str]:
    """A one-word name is the surname of a person of the story only where the text uses it
    of a person: "Washington" is no alias of George Washington in a story that writes "in
    Washington", nor "Brady" of Nicholas F. Brady where it writes "its Brady bonds". The lone
    word stays itself when at least half of its tagged appearances stand where a place does
    (``Mention.place_like``) or name a thing (``kind_of_use``: "THING", "PRODUCT") and none
    uses it of a person (a title before it, "he" after it), or when it is mostly no one's
    (``_mostly_not_a_person``). Returns the keys unlinked."""
    person: Counter[str] = Counter()
    tagged: Counter[str] = Counter()
    other: Counter[str] = Counter()
    written: Counter[str] = Counter()
    for m in mentions:
        key = name_key(m.text)
        if " " in key:
            continue
        written[key] += 1
        tagged[key] += m.label == "PERSON"
        person[key] += m.use == "PERSON"
        other[key] += m.place_like or m.use in ("THING", "PRODUCT")
    unlinked = set()
    for key, count in written.items():
        if " " not in people.get(key, ""):
            continue
        if (not person[key] and 2 * other[key] >= count) or (
            3 * tagged[key] < count and 10 * person[key] < count and _told_apart(key, people, mentions)
        ):
            del people[key]
            unlinked.add(key)
    return unlinked


def _told_apart(key: str, people: Mapping[str, str], mentions: Sequence[Mention]) -> bool:
    """Whether the lone word ``key`` is written alone in ``APART_ARTICLES`` times as many articles
    as its full name: with the tagger calling the word a person in under a third
    of its writings and the text using it of a person in under a tenth, it is mostly no one's
    ("giving Kyle Ritalin", tagged one person, beside "Ritalin" the drug in 17 articles; "John
    Ingram" once beside his company "Ingram" in 8). A person the small model tags a company or
    a place ("Trump" tagged ORG) is named in full in most articles that tell of him."""
    full = people[key]
    named = {m.article_id for m in mentions if " " in m.text and people.get(name_key(m.text)) == full}
    alone = {m.article_id for m in mentions if name_key(m.text) == key} - named
    return len(alone) >= APART_ARTICLES * len(named)


# Articles writing a word alone for each article naming its full name before the tags of the
# word may outvote the full name.
APART_ARTICLES = 3


def keep_shared_surnames_apart(people: dict[str, str], docs: Mapping[str, Doc], not_first_names: Iterable[str],
                               settings: AnalysisSettings = DEFAULT) -> None:
    """A lone surname stays as written when the story also writes it after a given name other
    than its full name's that the tagger did not read as a person ("_ Nuri Tekin", untagged,
    beside the PERSON "Recet Tekin"): "Tekin managed to say" may be either man, and a wrong
    speaker is worse than none. Not when the full name is the one the story writes most
    (``dominant``, as for names the tagger did read), nor for a word that may be no given
    name: one opening a sentence or after a capitalized word ("Meanwhile Trump", "Washington
    Post Trump", a headline's "Exploits Trump"), a title, party, nationality or word the story
    writes in lowercase ("Mr. Tekin", "Democrat Tekin"), an adjective ("Afghan-born Khalilzad"), a
    short form ("Mo", "Mt"), a word or pair tagged as a place or a work ("Richmond Hill", "Emmy
    Award"), nor for a surname the story also writes as a common word ("hill", "award")."""
    lone: dict[str, str] = {}  # surname as written -> its full name
    for key, full in people.items():
        if " " not in key and " " in full:
            written = next((w for w in full.split() if name_key(w) == key), None)
            if written and written[:1].isupper():
                lone[written] = full
    if not lone:
        return
    # a given name is a capitalized word of three letters or more, hyphenated only between capitals
    # ("Jean-Claude"), after a word in lowercase, a dash or at the top of the article (its dateline
    # cut off), one space before the surname
    pattern = re.compile(r"(?:\A\s*|\b[a-z]+,?\s+|\s[_\u2014-]\s+)([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?) ("
                         + "|".join(map(re.escape, sorted(lone, key=len, reverse=True))) + r")\b")
    lowercase = lowercase_words(docs)
    others = set(not_first_names)
    # names the tagger gave a kind other than a person or an organisation ("Richmond Hill", "Emmy Award")
    for doc in docs.values():
        others.update(name_key(e.text) for e in doc.ents if e.label_ not in ("PERSON", "ORG"))
    written_full: Counter[str] = Counter()
    written_other: Counter[str] = Counter()
    for doc in docs.values():
        text = text_of(doc)
        for surname, full in lone.items():
            written_full[surname] += text.count(full)
        for match in pattern.finditer(text):
            given, surname = match.groups()
            full = lone[surname]
            word = name_key(given)
            parts = person_parts(full)
            if (word in parts.words or NICKNAMES.get(word, word) == parts.first or given.lower() in lowercase
                    or surname.lower() in lowercase or word in others or name_key(f"{given} {surname}") in others
                    or name_key(f"{given} {surname}") in people or word in NAME_TITLES
                    or word in NOT_GIVEN_NAMES or word in FUNCTION_WORDS or word in DATE_WORDS):
                continue
            written_other[surname] += 1
    for surname, count in written_other.items():
        if not dominant({"full", "other"}, {"full": written_full[surname], "other": count}, settings):
            people[name_key(surname)] = surname


def resolve_person_names(
    names: Iterable[str], counts: Mapping[str, int] | None = None, not_first_names: Iterable[str] = (),
    settings: AnalysisSettings = DEFAULT,
) -> dict[str, str]:
    """``{key of every form: fullest name}``: "Khalilzad" -> "Zalmay Khalilzad".

    A form joins the one fuller name it can be short for (``short_for``): its surname
    ("Khalilzad"), the same first and last name with middle names or initials left out
    or a nickname for the first ("Bob Livingston", "Robert L. Livingston"), its last
    words ("Diane Crawford Smith" of "Sharron Diane Crawford Smith"), or a lone first
    name no one of the story has as a surname ("Jermayne"). Of two fuller names it
    could be short for, it joins neither ("Bush" with George W. Bush and Jeb Bush).
    Names that only share a word ("Romano Prodi", "Sergio Romano") never join.
    """
    counts = counts or {}
    # fullest first; of names as full, the one written most ("Jermayne" over "Jerymayne")
    names = sorted(set(names), key=lambda n: (-len(person_parts(n).words), -counts.get(n, 0), -len(n), n))
    resolved: dict[str, str] = {}
    # full names by last and by first name (a short form shares one of them)
    by_last: dict[str, list[tuple[str, PersonName]]] = defaultdict(list)
    by_first: dict[str, list[tuple[str, PersonName]]] = defaultdict(list)
    suffixes: dict[str, set[str]] = defaultdict(set)  # full name -> "jr"/"sr" of its forms
    written: Counter[str] = Counter()  # full name -> mentions of its fuller forms
    surnames = {p.last for p in map(person_parts, names) if p.first} | {name_key(w) for w in not_first_names}
    for name in names:
        key = name_key(name)
        if key in resolved:
            continue
        parts = person_parts(name)
        if not parts.words:
            resolved[key] = name
            continue
        candidates = by_last[parts.last] + ([] if parts.first else by_first[NICKNAMES.get(parts.last, parts.last)])
        matches = {
            full for full, full_parts in candidates
            if short_for(parts, full_parts, surnames) and (not parts.suffix or suffixes[full] <= {parts.suffix})
            and not _other_generation(parts, full_parts)
        }
        if len(matches) > 1 and not parts.first:  # a surname: people it is the surname of
            matches = {full for full, full_parts in by_last[parts.last]} or matches
            matches = dominant(matches, written, settings) or matches
        if len(matches) == 1:
            resolved[key] = full = matches.pop()
            written[full] += counts.get(name, 0)
            if parts.suffix:
                suffixes[full].add(parts.suffix)
        else:
            resolved[key] = name
            if parts.first and not matches:
                by_last[parts.last].append((name, parts))
                by_first[parts.first].append((name, parts))
                written[name] += counts.get(name, 0)
                if parts.suffix:
                    suffixes[name].add(parts.suffix)
    for key, full in resolved.items():
        if " " not in key and _given_name_last(full) and not name_key(full).startswith(key + " "):
            resolved[key] = key.capitalize()  # "Chen" is no surname of Lee Chee-chen: unsettled
    return resolved


def _lone_surnames(people: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(key, full name, surname as written) of each lone surname resolved to a fuller name."""
    found = []
    for key, full in people.items():
        word = full.split()[-1]
        if " " not in key and " " in full and name_key(word) == key and word.isalpha():
            found.append((key, full, word))
    return found


def keep_surname_first_names_apart(people: dict[str, str], docs: Mapping[str, Doc]) -> None:
    """A lone "Shi" resolved to Qiao Shi stays as written when an article that never names
    Qiao Shi writes it alone ("Shi said") and also first of another name of two words
    ("Shi Guangsheng", tagged a person or not, its second word no common word, date or
    suffix): there it is the trade minister, written surname first (DUC 2006 D0632E),
    and a wrong speaker is worse than none."""
    lowercase = lowercase_words(docs)
    for key, full, word in _lone_surnames(people):
        for doc in docs.values():
            text = text_of(doc)
            if f"{word} " not in text or full in text:
                continue  # (a substring test first: the patterns below are slow on every text)
            if _alone_and_first_of_a_name(word, text, lowercase):
                people[key] = word
                break


def keep_surnames_of_unnamed_people_apart(people: dict[str, str], docs: Mapping[str, Doc],
                                          settings: AnalysisSettings = DEFAULT) -> None:
    """A lone surname stays as written when it stands, with an office ("President Clinton"), in
    many more articles that never name the person in full than in articles that do, and the
    full name comes with another office ("then Gov. George Clinton", an 18th-century governor
    of one DUC 2006 D0601A article; "President Clinton" in eight others). "President Bush" beside
    "President George W. Bush" is him: the same office."""
    forms: dict[str, list[str]] = defaultdict(list)  # full name -> its forms of two words or more
    for key, full in people.items():
        if " " in key:
            forms[full].append(key)
    texts = [text_of(doc) for doc in docs.values()]
    keys = [comparison_text(text) for text in texts]
    for key, full, word in _lone_surnames(people):
        named = [any(form in text_key for form in forms[full]) for text_key in keys]
        alone = re.compile(rf"(?<![\w'’.-]){word}(?![\w-])")
        unnamed = [text for text, has in zip(texts, named) if not has and word in text and alone.search(text)]
        if (len(unnamed) < settings.unnamed_surname_articles
                or len(unnamed) <= settings.unnamed_surname_ratio * sum(named)):
            continue
        offices_alone = _offices_before(word, unnamed)
        offices_in_full = _offices_before(full.split()[0], [t for t, has in zip(texts, named) if has])
        if offices_alone and offices_in_full and not offices_alone & offices_in_full:
            people[key] = word


def _offices_before(word: str, texts: Sequence[str]) -> set[str]:
    """The offices written right before ``word`` ("President Clinton", "then Gov. George")."""
    found = set()
    for text in texts:
        for match in re.finditer(rf"\b([A-Za-z]+)\.?\s+{re.escape(word)}\b", text):
            office = OFFICES.get(match.group(1).lower())
            if office:
                found.add(office)
    return found


# Offices a title names, its abbreviations read as the office.
OFFICES = {
    "president": "president", "pres": "president", "gov": "governor", "governor": "governor",
    "sen": "senator", "senator": "senator", "rep": "representative", "representative": "representative",
    "mayor": "mayor", "king": "king", "queen": "queen", "pope": "pope", "judge": "judge", "justice": "justice",
    "gen": "general", "general": "general", "chancellor": "chancellor", "premier": "premier", "prime": "prime minister",
}


def _alone_and_first_of_a_name(word: str, text: str, lowercase: set[str]) -> bool:
    written = re.finditer(r"(?<![\w.-])" + re.escape(word) + r"(?: ([A-Z][a-z]+)\b(?! [A-Z]))?", text)
    after = [m.group(1) for m in written]  # the capitalized word after each, or None
    alone = any(not a for a in after) and not re.search(r"[A-Z][\w.]* " + re.escape(word) + r"\b", text)
    return alone and any(
        a and name_key(a) not in lowercase and name_key(a) not in DATE_WORDS and name_key(a) not in NOT_SECOND_WORDS
        for a in after
    )


NOT_SECOND_WORDS = frozenset("jr sr inc corp co ltd".split())


def surname_holders(people: Mapping[str, str], surname: str) -> set[str]:
    """The full names of the story (a given name and a surname) whose surname is ``surname``
    as written ("Bailey": Kyle Bailey and Mark Bailey); a bare surname shared by two or more
    of them names none of them by itself."""
    key = name_key(surname)
    return {full for full in set(people.values()) if " " in full and person_parts(full).first
            and person_parts(full).last == key}


def _given_name_last(full: str) -> bool:
    """Whether a name ends in a romanized given name written with a hyphen ("Lee Chee-chen",
    "Chen Ing-hau"): its surname stands first, and the word after the hyphen ("chen") is no
    surname of it (a lone "Chen" is Chen Ing-hau, not Lee Chee-chen)."""
    return bool(_HYPHENED_GIVEN_NAME.search(full))


_HYPHENED_GIVEN_NAME = re.compile(r"\s[A-Z][a-z]+-[a-z]+$")


def shared_name_words(people: Mapping[str, str]) -> set[str]:
    """The keys of the words that open or end the full names of two or more people of the
    story ("li": Li Boyong and Li Hongzhi, the surname first; "bailey": Kyle Bailey and Mark
    Bailey). Written alone, such a word names none of them by itself, and its mentions in
    different articles may be different people."""
    holders: dict[str, set[str]] = defaultdict(set)
    for full in set(people.values()):
        words = person_parts(full).words
        if " " in full and len(words) >= 2:
            holders[words[0]].add(full)
            holders[words[-1]].add(full)
    return {word for word, fulls in holders.items() if len(fulls) >= 2}


def _other_generation(name: PersonName, full: PersonName) -> bool:
    """Whether ``name`` and ``full`` are the same full name with different suffixes: the
    writer gave the whole name and left out (or put in) "Jr.", so it names the other
    generation ("President John F. Kennedy" beside "John F. Kennedy Jr."). A shorter form
    ("Kennedy", "John Kennedy") is not told apart by this."""
    return name.words == full.words and name.suffix != full.suffix


def dominant(candidates: set[str], written: Mapping[str, int], settings: AnalysisSettings = DEFAULT) -> set[str]:
    """The one person a lone surname or first name means when several have it: the one
    the story writes in full ``dominance`` times as often as all the others together
    (and ``min_dominant`` times at least: "Hansbrough" is Tyler Hansbrough, 19 full
    mentions, not his father Gene, 2); none when ``dominance`` is 0."""
    if not settings.dominance or not candidates:
        return set()
    ranked = sorted(candidates, key=lambda c: (-written.get(c, 0), c))
    top = written.get(ranked[0], 0)
    rest = sum(written.get(c, 0) for c in ranked[1:])
    return {ranked[0]} if top >= settings.min_dominant and top >= settings.dominance * rest else set()


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in parts, for comparison: "W. Mark Felt Sr." -> first "mark",
    middle ("w",), last "felt"; nicknames read as the full first name ("bob" -> "robert")."""

    words: tuple[str, ...]  # the name's words, titles, quoted nicknames and suffixes left out
    first: str  # "" for a one-word name
    middle: tuple[str, ...]  # initials of the middle names
    last: str
    suffix: str = ""  # "jr", "sr", "iii": father and son are two people


@lru_cache(maxsize=1 << 14)
def person_parts(name: str) -> PersonName:
    text = QUOTED.sub(" ", strip_titles(name))
    words = [w.strip("\"“”,") for w in name_key(text).replace("'", "").split()]
    words = [w for w in words if w]
    suffix = ""
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        suffix = words.pop()
    if len(words) < 2:
        return PersonName(tuple(words), "", (), words[0] if words else "", suffix)
    initials = []
    while len(words) > 2 and len(words[0]) == 1:  # "W. Mark Felt": the first name is Mark
        initials.append(words.pop(0))
    middle = tuple(initials + [w[0] for w in words[1:-1]])
    first = NICKNAMES.get(words[0], words[0])
    return PersonName(tuple(words), first, middle, words[-1], suffix)


QUOTED = re.compile(r"[\"“”]+[^\"“”]*[\"“”]+|\([^)]*\)")
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())


def short_for(short: PersonName, full: PersonName, surnames: set[str]) -> bool:
    """Whether ``short`` can be written for the person named ``full`` (which has two
    words or more and is the longer name)."""
    if not short.first:  # one word: the surname, or a first name no one has as a surname
        word = short.last
        if word == full.last:
            return True
        # a given name alone: as the full name writes it, or the name it is short for ("Bob" of
        # "Robert Livingston"); not another short form of that name ("Maggie", a film's
        # character, is not Peggy Kriss: D0736H, unseen reading, session 19)
        given = full.words[0]
        return word not in surnames and len(word) > 2 and (
            given in (word, NICKNAMES.get(word)) or NICKNAMES.get(given) == word)
    if short.words == full.words[-len(short.words):] and len(short.words) < len(full.words):
        return True  # "Diane Crawford Smith" of "Sharron Diane Crawford Smith"
    if short.last != full.last or not same_first_name(short.first, full.first):
        return False
    # middle initials agree where both give them: "George W. Bush" is not "George H. W. Bush"
    return not short.middle or not full.middle or short.middle == full.middle


def same_first_name(a: str, b: str) -> bool:
    """Equal (nicknames read as the full name), or one letter more or less in a long
    name: "Jerymayne" is a misspelt "Jermayne"."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:k] + longer[k + 1 :] == shorter for k in range(len(longer)))


# Common English nicknames, read as the full first name (both sides of a comparison).
NICKNAMES = {
    nick: full
    for full, nicks in {
        "robert": "bob bobby rob robbie",
        "william": "bill billy will willie",
        "richard": "dick rick ricky rich",
        "james": "jim jimmy jamie",
        "john": "johnny",
        "michael": "mike mickey",
        "thomas": "tom tommy",
        "joseph": "joe joey",
        "frederick": "fred freddie freddy frederic",
        "edward": "ed eddie ted teddy ned",
        "david": "dave davey",
        "daniel": "dan danny",
        "christopher": "chris",
        "steven": "steve stephen stevie",
        "anthony": "tony",
        "andrew": "andy",
        "kenneth": "ken kenny",
        "lawrence": "larry",
        "samuel": "sam sammy",
        "benjamin": "ben benny",
        "matthew": "matt",
        "peter": "pete",
        "nicholas": "nick nicky",
        "alexander": "alex",
        "gregory": "greg",
        "jeffrey": "jeff geoffrey",
        "ronald": "ron ronnie",
        "donald": "don donnie",
        "douglas": "doug",
        "timothy": "tim timmy",
        "charles": "charlie chuck",
        "gerald": "jerry gerry",
        "patrick": "pat paddy",
        "philip": "phil phillip",
        "raymond": "ray",
        "leonard": "len lenny",
        "vincent": "vince vinny",
        "elizabeth": "liz beth betty bettie betsy eliza lizzie",
        "katherine": "kate katie kathy kathryn catherine katharine cathy",
        "margaret": "maggie peggy meg",
        "susan": "sue susie",
        "jennifer": "jen jenny",
        "deborah": "debbie deb debra",
        "victoria": "vicky tori",
        "rebecca": "becky",
        "patricia": "patty trish",
        "cynthia": "cindy",
        "abigail": "abby",
        "christine": "christina",
        "barbara": "barb",
        "judith": "judy",
        "pamela": "pam",
    }.items()
    for nick in [full, *nicks.split()]
}

# Short names given to men and women alike: "Pat" is Patrick or Patricia.
UNISEX_NICKNAMES = frozenset("alex pat jamie stevie ronnie gerry jerry sam chris terry billie bobbie jackie".split())
# Common first names (US and UK usage) with one clear gender; unknown names take either pronoun.
FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna
    brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn
    janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren
    joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa
    kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn
    beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose
    alexis kayla hillary hilary melania ivanka kellyanne huma carly debbie jill tulsi nikki
    condoleezza kamala elena sonia ruth nancy dianne maxine kirsten claire chelsea megyn
    greta mika gretchen katie kate jane susana valerie loretta janet madeleine sheila
    angela theresa ellen marsha tammy wendy yvonne irene paula monica lynn joanne connie
    michele donna ana rosa carmen lucia fatima aisha benazir indira golda saima""".split()
)
MALE_NAMES = frozenset(
    """james robert john michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold
    keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
    joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip johnny bernie ted marco jeb ben chris rand mike
    mitt barack tim bill jimmy lindsey rick jim martin reince corey newt rudy mitch chuck
    tom tony dick al jay rob bob greg jeff jon dan matt nick sam ken ron hugh ivan orrin harry hank
    vladimir xi boris emmanuel angelo mohammed muhammad ahmed ali omar hassan abdul imran
    nawaz shehbaz zalmay jens ashraf hamid osama recep benjamin ehud yasser""".split()
)


def given_name_genders(index: NameIndex) -> dict[str, str]:
    """The gender of each full name of the story that its given name tells ("Hillary Rodham
    Clinton": "f"), nicknames read as the names they are short for."""
    found = {}
    for full in set(index.people.values()):
        gender = name_gender(full)
        if gender:
            found[full] = gender
    return found


def name_gender(full: str) -> str | None:
    """"f" or "m" as the given name of a name of two words or more tells, else None."""
    words = [w.strip(".").lower() for w in full.split()]
    if len(words) < 2:
        return None
    first = words[0] if words[0] in FEMALE_NAMES or words[0] in MALE_NAMES or words[0] in UNISEX_NICKNAMES \
        else NICKNAMES.get(words[0], words[0])
    return "f" if first in FEMALE_NAMES else "m" if first in MALE_NAMES else None


def roles_of(ent: SpacySpan) -> list[str]:
    """Roles the text gives a person: "US special envoy [Zalmay Khalilzad]",
    "[Zalmay Khalilzad], the US special envoy", "NATO's Secretary General, [Jens Stoltenberg]"."""
    roles = []
    before = title_before(ent)
    if before is not None:
        roles.append(before)
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end and touches(ent, noun_phrase(child)):
            roles.append(noun_phrase(child))
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON":
        if touches(noun_phrase(root.head), ent):
            roles.append(noun_phrase(root.head))
    return [role_as_written(r) for r in roles if looks_like_role(r)]


def touches(first: SpacySpan, second: SpacySpan) -> bool:
    """Whether two phrases stand side by side, only a comma, dash or bracket between them,
    as an apposition is written ("Zalmay Khalilzad, the US special envoy"). The parser also
    calls "appos" what is none: "a tribute to founder John F. Kennedy Jr." made "tribute"
    his role."""
    between = first.doc[first.end : second.start]
    return first.end <= second.start and all(t.is_punct for t in between)


def title_before(ent: SpacySpan) -> SpacySpan | None:
    """The compound chain right before a name: "US special envoy" in "US special envoy Zalmay Khalilzad"."""
    doc = ent.doc
    inside = set(range(ent.start, ent.end))
    i = ent.start - 1
    while i >= 0:
        token = doc[i]
        if token.is_punct or token.dep_ in ("det", "poss", "case") or token.ent_type_ == "PERSON":
            break
        if token.head.i not in inside or token.dep_ not in ("compound", "amod", "nmod", "npadvmod"):
            break
        inside.add(i)
        i -= 1
    start = i + 1
    return doc[start : ent.start] if start < ent.start else None


def noun_phrase(head: Token) -> SpacySpan:
    """The head noun with its left modifiers, no clauses: "the US peace envoy"."""
    return head.doc[head.left_edge.i : head.i + 1]


def looks_like_role(span: SpacySpan) -> bool:
    """A role ends in a common noun or a title noun ("envoy", "President", "Secretary
    General"); honorifics ("Mr") and adjectives ("Afghan-born") are not roles."""
    last = span[-1]
    if len(span) > 6 or not last.tag_.startswith("NN") or last.ent_type_ in ("GPE", "NORP"):
        return False
    if not last.whitespace_ and last.i + 1 < len(last.doc) and last.nbor(1).text in ("-", "–"):
        return False  # "co" of "co-founder", the parse having cut the word at its hyphen
    if last.tag_ == "NNS" and last.lower_ not in HUMAN_NOUNS:
        return False  # "characters Jerry, Elaine, George and Kramer": a role of many is no one's name
    if role_key(span.text) in HONORIFICS or last.lower_ in GENERIC_PEOPLE or last.lower_ in NOT_PERSON_NOUNS \
            or last.lower_ in PLACES_AND_BODIES:
        return False  # "Mr"; "the man" is anyone; "the Islamic party" is no person's role
    if len(span) == 1 and last.lower_ in PART_OF_SOMETHING:
        return False  # "Tansu Ciller, head of the True Path Party": "head" alone is anyone's (D31009T, session 19)
    if last.lower_ in KINSHIP and not any(t.tag_ == "POS" or t.lower_ in ("'s", "’s") for t in span):
        # "son" of "son of the former president": every son of the story fits it; "his wife" is
        # whoever "his" is in each article (D0627I, unseen reading: four wives in one row)
        return False
    return last.is_lower or last.lower_ in ROLE_NOUNS


def role_as_written(span: SpacySpan) -> str:
    """ "the US peace envoy" -> "US peace envoy"."""
    words = span.text.split()
    # "another Egyptian immigrant" is one more holder of the role (D31038T, unseen reading,
    # session 19: "Egyptian immigrant" of two men was an alias of one)
    while words and words[0].lower() in ("the", "a", "an", "another"):
        words = words[1:]
    return " ".join(words)


# Nouns of bodies, places and things a parse may put in apposition to a person's name
# ("Martin Luther King Jr. ... the law center", "thanks"): no one's role.
PLACES_AND_BODIES = frozenset(
    "center centre institute foundation association council committee school university college hospital "
    "clinic church court department ministry office board union show program series thanks".split()
)
# Nouns of kin: a role only with whose kin ("her sister", "Kennedy's mother").
KINSHIP = frozenset(
    "son sons daughter daughters wife husband widow widower mother father sister sisters brother "
    "brothers cousin cousins uncle aunt nephew niece grandson granddaughter stepfather stepmother "
    "fiance fiancee twin".split()
)
HONORIFICS = frozenset("mr mrs ms dr prof sir dame lord lady".split())
# Nouns that name a person only with what they belong to ("head of the party", "member of the
# board"): alone, no one's role.
PART_OF_SOMETHING = frozenset("head member leader founder part".split())
# Nouns for anyone: never a role ("man" is no alias of Clinton).
GENERIC_PEOPLE = frozenset(
    "man men woman women person people boy boys girl girls guy guys child children kid kids "
    "one someone somebody anyone everyone individual individuals friend friends".split()
)


