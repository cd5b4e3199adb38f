"""People, organisations and places of a story, aliases merged, ranked by centrality.

    1. collect   spaCy entity mentions of every article, tagger mistakes filtered
    2. merge     one cluster per real-world name: titles stripped, "Khalilzad" joins
                 "Zalmay Khalilzad", "U.S." joins "United States", "ISAF" joins
                 "International Security Assistance Force (ISAF)"
    3. roles     "US special envoy Zalmay Khalilzad" / "Zalmay Khalilzad, the US special
                 envoy" make "the US special envoy" an alias (and a mention) of him,
                 when exactly one person of the story holds that role
    4. rank      by articles mentioning the entity, then by mentions

Decisions (documented in docs/analysis.md):
- NORP mentions ("Taliban", "Afghans", "American") are nationalities or groups. A NORP
  name counts as an organisation only when the tagger also tags that name ORG somewhere
  in the story; nationality adjectives are never tagged ORG, groups like the Taliban are.
- "Washington" is not merged into "United States": it is also a city and a person.
- Every person name of one or two words is resolved to the one fuller name of the story
  that ends with it; when two people share a surname the short form stays apart.

``NameIndex`` (built by ``build_name_index``) is shared with the quote stage, which
resolves speakers ("Mr Stoltenberg", "the US special envoy") through it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Article, Entity, Sentence, Span
from .nlp import is_parsed, parse_articles, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

TYPE_OF_LABEL = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "ORG",  # only when voted ORG elsewhere, see module docstring
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}

# Titles and honorifics the tagger sometimes keeps inside a PERSON span.
TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president vice prime minister "
    "secretary general gen gen. sen sen. senator rep rep. gov gov. governor king queen prince "
    "princess pope chancellor ambassador envoy special representative spokesman spokeswoman "
    "judge justice col col. lt lt. capt capt. sgt sgt. sheikh imam rev rev. father".split()
)

# Safe equivalences between place names (all refer to one country in any news story).
PLACE_EQUIVALENTS = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "united kingdom": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
}
ORG_EQUIVALENTS = {
    "un": "United Nations",
    "united nations": "United Nations",
    "eu": "European Union",
    "european union": "European Union",
}

# Names the small English model tags as people although they never are (platforms,
# agencies): seen on the example story and DUC clusters.
NOT_PEOPLE = frozenset(
    "twitter facebook instagram youtube whatsapp telegram tiktok linkedin reuters afp ap "
    "xinhua bbc cnn google".split()
)
# Page furniture that scraping leaves in the text and the tagger picks up.
NOISE_WORDS = frozenset(
    "read more watch photo video update updated breaking exclusive live advertisement "
    "comments comment post share click here".split()
)

GENERIC_ORG_WORDS = frozenset("state government ministry department office cabinet defense defence treasury interior".split())

# A reader scans a few dozen entities; further ones are one-off mentions.
MAX_ENTITIES = 40


@dataclass(frozen=True, slots=True)
class Mention:
    article_id: str
    text: str  # as written, titles stripped
    label: str  # spaCy label
    start: int
    end: int
    place_like: bool = False  # written where only a place can stand: "in Badin", "the village of Jati"
    modifier: bool = False  # a name before a common noun, as a thing's: "the Zarya module"


@dataclass(slots=True)
class NameIndex:
    """Who is who in one story: full person names, their short forms and roles."""

    # normalized key ("khalilzad", "zalmay khalilzad") -> full name ("Zalmay Khalilzad")
    people: dict[str, str] = field(default_factory=dict)
    # normalized role ("us special envoy") -> full names holding it
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # normalized role -> role as first written ("US special envoy")
    role_text: dict[str, str] = field(default_factory=dict)

    def person(self, text: str) -> str | None:
        """The full name for a person name as written ("Mr Stoltenberg"), if known."""
        key = name_key(strip_titles(text))
        found = self.people.get(key)
        if found is None and key and " " not in key:
            # a surname the tagger never marked on its own ("Buffone said")
            fuller = {n for k, n in self.people.items() if k.endswith(" " + key)}
            found = fuller.pop() if len(fuller) == 1 else None
        return found

    def role(self, text: str) -> str | None:
        """The one person holding a role ("the US special envoy"), else None."""
        holders = self.roles.get(role_key(text))
        if holders and len(holders) == 1:
            return next(iter(holders))
        return None


# ---------------------------------------------------------------- normalizing names


def strip_titles(text: str) -> str:
    """A person's name without a leading "the", titles ("Rep.", "Coroner") and a trailing
    possessive: "Mr. Bush's" -> "Bush"."""
    words = text.replace("\n", " ").split()
    while words and (words[0].lower() == "the" or words[0].lower().rstrip(".") in NAME_TITLES):
        words = words[1:]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return " ".join(words).strip(" ,;:-–—'\"“”‘’()")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Comparison key: case, dots of abbreviations and hyphen spacing ignored.
    Cached: the merging compares every name with every fuller name of the story."""
    text = text.lower().replace(".", "").replace("’", "'").replace("-", " ")
    return SPACES.sub(" ", text).strip()


SPACES = re.compile(r"\s+")


def role_key(text: str) -> str:
    words = [w for w in name_key(text).replace("'s", "").split() if w not in {"the", "a", "an"}]
    return " ".join(words)


# ---------------------------------------------------------------- 1. collect


@dataclass(slots=True)
class StoryNames:
    """What the entity and quote stages know about a story's names, built once."""

    index: NameIndex  # (from the tagged mentions: the quote stage needs no more)
    tagged: list[Mention]  # the tagger's, cleaned
    labels: dict[str, str]  # name key -> type by vote of the tagged mentions
    docs: Mapping[str, Doc]
    _mentions: list[Mention] | None = None

    @property
    def mentions(self) -> list[Mention]:
        """The tagged mentions and the appearances of the same names the tagger missed
        (``recover_mentions``), found when first asked for (by the entity stage)."""
        if self._mentions is None:
            self._mentions = self.tagged + recover_mentions(self.docs, self.tagged, self.labels, self.index)
        return self._mentions


def collect_mentions(docs: Mapping[str, Doc]) -> list[Mention]:
    """Every mention of a name in the story: the tagger's, cleaned of fragments, and the
    appearances of the same names it missed."""
    return story_names(docs).mentions


def tagged_mentions(docs: Mapping[str, Doc]) -> list[Mention]:
    """The tagger's names, cleaned (``clean_span``) and filtered (``is_noise``)."""
    mentions = []
    in_headlines = []
    lowercase = lowercase_words(docs)
    for article_id, doc in docs.items():
        whole = text_of(doc)
        headlines = title_case_lines(whole)
        for ent in doc.ents:
            if ent.label_ not in TYPE_OF_LABEL:
                continue
            cleaned = clean_span(ent, lowercase)
            if cleaned is None:
                continue
            start, end, label = cleaned
            last = doc[end - 1]
            start_char, end_char = doc[start].idx, last.idx + len(last.text)
            text = whole[start_char:end_char]
            if not text or is_noise(text, label):
                continue
            titled = start > 0 and _title_word(doc[start - 1]) in NAME_TITLES  # "in Biloxi, Coroner Gary Hargrove"
            mention = Mention(
                article_id, text, label, start_char, end_char,
                not titled and stands_as_place(ent.root),
                modifier=label == "PERSON" and modifies_a_thing(doc, start, end),
            )
            inside = any(s <= start_char < e for s, e in headlines)
            (in_headlines if inside else mentions).append(mention)
    # Title Case headlines fool the tagger ("Slowly But Steadily Choking Iran" holds a
    # PERSON): a name seen only in headlines is dropped, one also seen in prose is kept
    # (and a known name inside a headline's junk is found again by ``recover_mentions``).
    in_prose = {name_key(m.text) for m in mentions}
    return mentions + [m for m in in_headlines if name_key(m.text) in in_prose]


def clean_span(ent: SpacySpan, lowercase: set[str]) -> tuple[int, int, str] | None:
    """The tokens of an entity that are the name, and its label: no article, title or
    possessive ("the", "Prime Minister", "'s"), no sentence-opening verb ("Releasing Liu
    Nianchun"), no dangling joiner ("Democratic Party of"), a person's name run on over
    the rest of it ("Prime Minister Romano [Prodi]"), and PERSON for a name after a
    personal title ("President Scalfaro", tagged GPE)."""
    doc = ent.doc
    start, end, label = ent.start, ent.end, ent.label_
    first = max(0, start - 1)
    tokens = list(doc[first : min(len(doc), end + 1)])  # (Doc[i] builds a new Token each time)
    lowered = [t.lower_ for t in tokens]
    while start < end and (lowered[start - first] in ARTICLES or not _wordlike(lowered[start - first])):
        start += 1
    while end > start and (lowered[end - 1 - first] in DANGLING or not _wordlike(lowered[end - 1 - first])):
        end -= 1
    quotes = [k for k in range(start, end) if lowered[k - first] in QUOTE_MARKS]
    if len(quotes) % 2:  # 'Vincent "Chin': cut before a quote mark left open
        end = quotes[-1]
        while end > start and not _wordlike(lowered[end - 1 - first]):
            end -= 1
    if start >= end:
        return None
    titled = start > 0 and lowered[start - 1 - first].rstrip(".") in PERSONAL_TITLES
    titled = titled or (end - start > 1 and lowered[start - first].rstrip(".") in PERSONAL_TITLES)
    if titled and label != "PERSON" and end - start <= 4 and all(t.text[:1].isupper() for t in tokens[start - first : end - first]):
        label = "PERSON"
    titles = NAME_TITLES if label == "PERSON" else TITLES
    while end - start > 1 and lowered[start - first].rstrip(".") in titles:
        start += 1
    if label == "PERSON":
        cut = next((k for k in range(start + 2, end) if lowered[k - first] in ("of", "from")), None)
        if cut is not None:  # "Richard Arcara of Buffalo": the name ends before "of"
            end = cut
        if lowered[end - 1 - first] in CORPORATE_SUFFIXES or lowered[end - 1 - first] in NOT_PERSON_NOUNS:
            label = "ORG"  # "Chechen Telecom", "Virtue Party" tagged PERSON
    if label == "PERSON":
        start = _after_role_abbreviation(doc, start, end)
        if end - start > 1 and _opens_with_verb(doc, start, lowercase):
            start += 1
        end = _run_on(doc, start, end, lowercase)
    return start, end, label


# Words that never start or end a name.
ARTICLES = frozenset("the a an".split())
DANGLING = frozenset("of and & the for in on at to with de da du del der den van von al el bin ibn le la".split())
# Titles that only a person's name follows ("President Scalfaro" is a person, whatever
# the tagger says); kept apart from TITLES, which the role rules read.
PERSONAL_TITLES = frozenset(
    "mr mrs ms miss dr president premier chancellor sen senator rep representative congressman "
    "congresswoman gov governor gen lt col maj capt sgt adm prof pope".split()
)
# Stripped from person names (not from organisations: "General Motors").
NAME_TITLES = TITLES | PERSONAL_TITLES | frozenset(
    "attorney coach coroner deputy officer detective sheriff inspector sergeant corporal "
    "admiral commander chief speaker mayor chairman chairwoman actress actor singer rapper "
    "boxer champion striker quarterback defender goalkeeper suspect inmate bishop archbishop "
    "cardinal rabbi reverend msgr sheik first lady gunman teen teenager".split()
)


def _title_word(token: Token) -> str:
    return token.lower_.rstrip(".")


def _wordlike(word: str) -> bool:
    return WORD_CHARACTER.search(word) is not None and word not in ("'s", "’s")


WORD_CHARACTER = re.compile(r"[^\W_]")


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper()


def _after_role_abbreviation(doc: Doc, start: int, end: int) -> int:
    """ "Colts QB Andrew Luck" -> "Andrew Luck": words up to an all-caps role
    abbreviation before two or more name words are a description."""
    for k in range(end - 3, start - 1, -1):
        word = doc[k].text.rstrip(".")
        if word.isupper() and word.isalpha() and 2 <= len(word) <= 3 and all(_capitalized(t) for t in doc[k + 1 : end]):
            return k + 1
    return start


def _opens_with_verb(doc: Doc, start: int, lowercase: set[str]) -> bool:
    """ "Releasing Liu Nianchun": a verb opening the sentence, taken into a name."""
    token = doc[start]
    if not (token.is_sent_start or start == 0 or doc[start - 1].text in QUOTE_OPENERS):
        return False
    if is_parsed(token):
        return token.tag_.startswith("VB")
    word = token.lower_
    return word in lowercase or (word.endswith("ing") and len(word) >= 6)


QUOTE_OPENERS = frozenset({'"', "“", "``", "‘", "'", "(", ":"})
QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})
# Capitalized words after a person's name that are not more of it ("Obama Administration").
NOT_NAME_PARTS = frozenset(
    "administration government cabinet campaign foundation center centre institute university "
    "college school hospital clinic family camp team party regime era doctrine law act "
    "house senate congress avenue street road jr sr".split()
)


def _run_on(doc: Doc, start: int, end: int, lowercase: set[str]) -> int:
    """A one-word person name the tagger cut short ("Prime Minister [Romano] Prodi") runs
    on over the one capitalized word after it that no other name holds and the story
    never writes in lowercase ("Leonid Meteor": "meteor")."""
    if end - start != 1 or end + 1 >= len(doc) or _capitalized(doc[end + 1]):
        return end  # only one word followed by one more: "Romano [Prodi]", not "Leonid [Meteor Shower]"
    while end - start < 2:
        token = doc[end]
        word = token.lower_.rstrip(".")
        if (
            not token.is_alpha or not _capitalized(token) or token.is_sent_start or token.ent_type_
            or word in FUNCTION_WORDS or word in NOT_NAME_PARTS or word in DATE_WORDS
            or token.is_upper or token.lower_ in lowercase
        ):
            break
        end += 1
    return end


def modifies_a_thing(doc: Doc, start: int, end: int) -> bool:
    """ "the Zarya module", "the Unity node": a name between an article and a common noun
    names a thing, not a person."""
    if start == 0 or doc[start - 1].lower_ not in ARTICLES or end >= len(doc):
        return False
    following = doc[end]
    if not following.is_alpha or not following.is_lower or following.is_stop or following.lower_ in PERSON_NOUNS:
        return False
    if is_parsed(following):
        return following.tag_ in ("NN", "NNS") and doc[end - 1].dep_ == "compound"
    return not following.lower_.endswith(("ed", "ly", "ing"))


# Nouns a person's name may modify as a person ("the Clinton spokesman" is about Clinton).
PERSON_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson aide aides adviser advisers family wife husband son "
    "daughter brother sister mother father lawyer lawyers attorney campaign supporters".split()
)


def lowercase_words(docs: Mapping[str, Doc]) -> set[str]:
    """Words written in lowercase somewhere in the story (a capitalized "Officials" opening
    a sentence is a common word when "officials" is written elsewhere)."""
    first = next(iter(docs.values()), None)
    key = tuple(id(doc) for doc in docs.values())
    cached = first.user_data.get(LOWERCASE) if first is not None else None
    if cached is not None and cached[0] == key:
        return cached[1]
    words = {w for doc in docs.values() for w in LOWERCASE_WORD.findall(text_of(doc))}
    if first is not None:
        first.user_data[LOWERCASE] = (key, words)
    return words


LOWERCASE = "newsbrief.lowercase_words"
LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
FUNCTION_WORDS = frozenset(
    """the a an in on at by for from with of to and but or so as if when while after before
    since until during despite although though because however meanwhile moreover also
    he she it they we i you his her its their our my this that these those there here
    some many most several few all both each every no not one two three yes
    what who which where why how""".split()
)
DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec""".split()
)


def recover_mentions(
    docs: Mapping[str, Doc], mentions: Sequence[Mention], labels: Mapping[str, str], index: NameIndex
) -> list[Mention]:
    """Appearances of the story's names the tagger left out ("Hansbrough scored 20 points"
    opening a sentence; "Lindsay Lohan" inside a Title Case headline it read as one
    name): every name it tagged, and the surname of each person when only one person of
    the story has it. A lone word opening a sentence or in a Title Case line counts only
    when the story never writes it in lowercase ("Page", "Will")."""
    forms: dict[str, str] = {}
    person_forms = {m.text for m in mentions if labels.get(name_key(m.text)) == "PERSON"}
    surnames = {name.split()[-1] for name in person_forms if " " in name and name.split()[-1][:1].isupper()}
    for surname in surnames:
        if surname.isalpha() and " " in index.people.get(name_key(surname), ""):
            forms.setdefault(surname, "PERSON")  # the surname of one person of the story
    for m in mentions:
        kind = labels.get(name_key(m.text))
        if kind and len(m.text) > 2 and m.text.lower() not in FUNCTION_WORDS and "\n" not in m.text:
            forms.setdefault(m.text, LABEL_OF_TYPE[kind])
    for m in mentions:  # "Promises" of "Promises Treatment Center"
        if labels.get(name_key(m.text)) in ("ORG", "PLACE") and " " in m.text:
            base, tail = facility_base(name_key(m.text))
            words = m.text.split()[: len(base.split())]
            if tail and words and all(w[:1].isupper() for w in words) and words[0].lower() not in FUNCTION_WORDS:
                forms.setdefault(" ".join(words), "ORG" if tail not in GEOGRAPHIC_WORDS else "LOC")
    for form, label in list(forms.items()):  # "MILLOM" in a shouted headline
        if len(form) >= 4 and not form.isupper():
            forms.setdefault(form.upper(), label)
    if not forms:
        return []
    # (the lookahead lets the alternation be tried at capitals only: 5x faster)
    pattern = re.compile(
        r"(?<![\w'’.-])(?=[A-ZÀ-ÖØ-Þ])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-]|\.\w)"
    )
    lowercase = lowercase_words(docs)
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        covered[m.article_id].append((m.start, m.end))
    found = []
    for article_id, doc in docs.items():
        text = text_of(doc)
        headlines = None
        for match in pattern.finditer(masked(text, covered[article_id])):  # the tagger's names blanked
            start, end = match.span()
            form = match.group()
            if " " not in form and form.lower() in lowercase:
                headlines = title_case_lines(text) if headlines is None else headlines
                if opens_sentence(text, start) or any(s <= start < e for s, e in headlines):
                    continue
            found.append(Mention(article_id, form, forms[form], start, end))
    return found


def masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the given spans blanked out (same length, same offsets)."""
    pieces, at = [], 0
    for start, end in sorted(spans):
        if end <= at:
            continue
        start = max(start, at)
        pieces.append(text[at:start])
        pieces.append(" " * (end - start))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


LABEL_OF_TYPE = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "GPE"}


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a quotation: what comes
    before it, quote marks and spaces aside, is the text's start or ends a sentence."""
    i = start
    while i > 0 and text[i - 1] in " \t\"“‘'(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n:;"


def stands_as_place(root: Token) -> bool:
    """ "in Badin", "Thatta and Badin districts", "the village of Jati": a place."""
    if not is_parsed(root):
        return stands_as_place_by_words(root)
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("in", "at", "near", "inside", "outside"):
        return True
    if root.dep_ == "compound" and head.lower_ in PLACE_NOUNS:
        return True
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS


def stands_as_place_by_words(token: Token) -> bool:
    """``stands_as_place`` from the words around a name in a sentence not parsed:
    "in X" (also "in Thatta and X"), "X district" (also "X and Badin districts"),
    "the village of X"."""
    doc = token.doc
    i = token.i
    while i > 0 and (doc[i - 1].text[:1].isupper() or doc[i - 1].lower_ in ("and", ",")):
        i -= 1  # back over the names joined to this one
    before = doc[i - 1].lower_ if i > 0 else ""
    if before in ("in", "at", "near", "inside", "outside"):
        return True
    if before == "of" and i > 1 and doc[i - 2].lower_ in PLACE_NOUNS:
        return True
    j = token.i + 1
    while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in ("and", ",")):
        j += 1  # on over the names joined to this one
    return j < len(doc) and doc[j].lower_ in PLACE_NOUNS


PLACE_NOUNS = frozenset(
    "village villages town towns city cities district districts province provinces region "
    "regions county counties state states capital valley island islands".split()
)


@lru_cache(maxsize=512)
def title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    """Offsets of lines of four or more words, nearly all capitalized (headlines)."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][\w'’-]*", match.group())
        if len(words) >= 4:
            capitalized = sum(w[0].isupper() or w.lower() in SMALL_WORDS for w in words)
            if capitalized >= 0.8 * len(words) and not match.group().rstrip().endswith("."):
                found.append((match.start(), match.end()))
    return tuple(found)


# Words that stay lowercase in Title Case headlines.
SMALL_WORDS = frozenset("a an and as at but by for in of on or the to with from".split())


def is_noise(text: str, label: str) -> bool:
    """Obvious tagger mistakes: numbers, page furniture, lowercase words, shouting."""
    words = text.split()
    lowered = text.lower()
    if any(ch.isdigit() for ch in text) or len(text) < 2 or "\n" in text:
        return True
    if lowered in NOISE_WORDS or all(w.lower().strip(":") in NOISE_WORDS for w in words):
        return True
    if not text[0].isupper():  # "intra-Afghan", "al" as a lone token, lowercase nouns
        return True
    if label == "PERSON" and (lowered in NOT_PEOPLE or len(words) > 4):
        return True
    if len(words) == 1 and lowered.endswith(("ism", "isms")):  # "McCarthyism": an idea
        return True
    if label == "ORG" and lowered in GENERIC_ORG_WORDS:  # "Secretary of State" -> ORG "State"
        return True
    # Shouted multi-word strings ("READ MORE NEWS") are headlines, not names; short
    # all-caps words (NATO, ISAF) are acronyms.
    return len(words) > 1 and text.isupper() and len(text) > 12


# ---------------------------------------------------------------- 2. merge


def build_name_index(docs: Mapping[str, Doc]) -> NameIndex:
    """The story's people by every short form, and the roles the text gives them.
    Built once per set of parsed docs (the quote and entity stages both ask)."""
    return story_names(docs).index


def story_names(docs: Mapping[str, Doc]) -> StoryNames:
    """The story's mentions, their types and its people, built once per set of parsed docs."""
    key = tuple(id(doc) for doc in docs.values())
    first = next(iter(docs.values()), None)
    cached = first.user_data.get(NAME_INDEX) if first is not None else None
    if cached is not None and cached[0] == key:
        return cached[1]
    names = _story_names(docs)
    if first is not None:
        first.user_data[NAME_INDEX] = (key, names)
    return names


NAME_INDEX = "newsbrief.name_index"


def _story_names(docs: Mapping[str, Doc]) -> StoryNames:
    tagged = tagged_mentions(docs)
    labels = label_votes(tagged)
    tagged = [m for m in tagged if not joins_two_names(m, tagged, labels)]
    return StoryNames(_build_name_index(docs, tagged, labels), tagged, labels, docs)


def joins_two_names(mention: Mention, mentions: Sequence[Mention], labels: Mapping[str, str]) -> bool:
    """ "Lopez and Carrasquillo" tagged as one name: two people (found apart again)."""
    parts = re.split(r"\s+(?:and|&)\s+", mention.text)
    if len(parts) != 2:
        return False
    known = {name_key(m.text) for m in mentions if labels.get(name_key(m.text))}
    surnames = {k.split()[-1] for k in known if " " in k and labels.get(k) == "PERSON"}
    return all(name_key(p) in known or name_key(p) in surnames for p in parts)


def _build_name_index(docs: Mapping[str, Doc], mentions: Sequence[Mention], labels: Mapping[str, str]) -> NameIndex:
    index = NameIndex()
    person_names = Counter(m.text for m in mentions if labels.get(name_key(m.text)) == "PERSON")
    nationalities = {name_key(m.text) for m in mentions if m.label == "NORP"}  # "Chechen" is no first name
    # the surnames too, written alone or not: the stage finds them again (``recover_mentions``)
    surnames = {n.split()[-1] for n in person_names if " " in n and n.split()[-1][:1].isupper()}
    index.people.update(resolve_person_names([*person_names, *surnames], person_names, nationalities))
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
        and name_key(m.text) not in PLACE_EQUIVALENTS
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
            if full:
                for role in roles_of(ent):
                    key = role_key(role)
                    index.roles[key].add(full)
                    index.role_text.setdefault(key, role)
    return index


def label_votes(mentions: Iterable[Mention]) -> dict[str, str]:
    """Majority spaCy type per name; a NORP-only name gets "" (not an entity), and so
    does a name mostly written as a thing's ("the Zarya module")."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        # the small model tags unknown place names as people ("in Badin"): the syntax
        # outvotes the tagger
        # ("shares in Halvorsen" is a company: only PERSON tags are outvoted)
        label = "GPE" if m.place_like and m.label in ("PERSON", "GPE") else m.label
        if m.modifier and label == "PERSON":
            label = "THING"
        votes[name_key(m.text)][label] += 2 if label == "GPE" and m.place_like else 1
    result: dict[str, str] = defaultdict(str)
    for key, counter in votes.items():
        result[key] = ""
        typed = Counter()
        for label, count in counter.items():
            if label != "NORP":
                typed[TYPE_OF_LABEL.get(label, "")] += count
        if typed:
            result[key] = typed.most_common(1)[0][0]
    return result


def resolve_person_names(
    names: Iterable[str], counts: Mapping[str, int] | None = None, not_first_names: Iterable[str] = ()
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
        }
        if len(matches) > 1 and not parts.first:  # a surname: people it is the surname of
            matches = {full for full, full_parts in by_last[parts.last]} or matches
            matches = dominant(matches, written) or matches
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
    return resolved


def dominant(candidates: set[str], written: Mapping[str, int]) -> set[str]:
    """The one person a lone surname or first name means when several have it: the one
    the story writes in full ``DOMINANCE`` times as often as all the others together
    ("Hansbrough" is Tyler Hansbrough, 19 full mentions, not his father Gene, 2)."""
    if not DOMINANCE or not candidates:
        return set()
    ranked = sorted(candidates, key=lambda c: (-written.get(c, 0), c))
    top = written.get(ranked[0], 0)
    rest = sum(written.get(c, 0) for c in ranked[1:])
    return {ranked[0]} if top >= MIN_DOMINANT and top >= DOMINANCE * rest else set()


# A lone surname shared by several people goes to the one written in full this many
# times as often as the others together (and at least MIN_DOMINANT times); 0 turns it off.
DOMINANCE = 4
MIN_DOMINANT = 4


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
        return word not in surnames and NICKNAMES.get(word, word) == full.first and len(word) > 2
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


# ---------------------------------------------------------------- 3. roles


def roles_of(ent: SpacySpan) -> list[str]:
    """Roles the text gives a person: "US special envoy [Zalmay Khalilzad]",
    "[Zalmay Khalilzad], the US special envoy", "NATO's Secretary General, [Jens Stoltenberg]"."""
    roles = []
    before = title_before(ent)
    if before is not None:
        roles.append(before)
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            roles.append(noun_phrase(child))
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON":
        roles.append(noun_phrase(root.head))
    return [role_as_written(r) for r in roles if looks_like_role(r)]


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
    if role_key(span.text) in HONORIFICS or last.lower_ in GENERIC_PEOPLE or last.lower_ in NOT_PERSON_NOUNS:
        return False  # "Mr"; "the man" is anyone; "the Islamic party" is no person's role
    return last.is_lower or last.lower_ in ROLE_NOUNS


def role_as_written(span: SpacySpan) -> str:
    """ "the US peace envoy" -> "US peace envoy"."""
    words = span.text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


HONORIFICS = frozenset("mr mrs ms dr prof sir dame lord lady".split())
# Nouns of things a mistagged name may be put beside ("Virtue, the Islamic party"): no role.
NOT_PERSON_NOUNS = frozenset(
    "party company firm group organization organisation movement agency country nation city "
    "town state government newspaper network station team club typhoon storm hurricane "
    "ship satellite module spacecraft".split()
)
# Nouns for anyone: never a role ("man" is no alias of Clinton).
GENERIC_PEOPLE = frozenset(
    "man men woman women person people boy boys girl girls guy guys child children kid kids "
    "one someone somebody anyone everyone individual individuals friend friends".split()
)


# Role nouns written capitalized in titles ("Special Representative").
ROLE_NOUNS = frozenset(
    "representative envoy spokesman spokeswoman spokesperson minister secretary general president "
    "chairman chairwoman chair director commander chief leader adviser advisor official "
    "ambassador negotiator mayor governor senator".split()
)


def role_mentions(doc: Doc, index: NameIndex) -> list[tuple[str, SpacySpan]]:
    """Noun phrases naming a person by role alone: ("Zalmay Khalilzad", "The US special envoy")."""
    found = []
    for chunk in doc.noun_chunks:  # (Span.noun_chunks walks the whole Doc on each call)
        if any(t.ent_type_ == "PERSON" for t in chunk) or next_to_name(chunk.root):
            continue
        person = index.role(chunk.text)
        if person:
            found.append((person, chunk))
    return found


def next_to_name(root: Token) -> bool:
    """A role in apposition to a name ("Zalmay Khalilzad, the US peace envoy") is part
    of that name's mention, not a mention of its own."""
    if root.dep_ == "appos" and root.head.ent_type_ == "PERSON":
        return True
    return any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in root.children)


# ---------------------------------------------------------------- the stage


@dataclass(slots=True)
class _Cluster:
    type: str
    name: str  # "" = the form most written
    forms: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    first_seen: int = 0
    spans: list[Span] = field(default_factory=list)  # where each mention stands
    tags: Counter[str] = field(default_factory=Counter)  # the tagger's labels of its names


def is_lowercased(articles: Sequence[Article]) -> bool:
    """Whether the story is written without capitals inside sentences (Multi-News copies
    are lowercased but for each sentence's first letter): names cannot be told from words
    then, and the entities are left out. News prose capitalizes 7-19% of its words
    mid-sentence (DUC, Timeline17); Multi-News texts 0%."""
    words = capitals = 0
    for article in articles:
        text = article.text[:5_000]
        for match in WORD.finditer(text):
            words += 1
            start = match.start()
            if text[start].isupper() and match.group() != "I" and not SENTENCE_BEFORE.search(text, max(0, start - 6), start):
                capitals += 1
    return words >= 100 and capitals < LOWERCASE_SHARE * words


WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;]['\"”’)]*\s+|\n\s*|[\"“‘(]\s*)\Z")
# Share of words capitalized mid-sentence below which a story counts as lowercased.
LOWERCASE_SHARE = 0.01
CASE_NOTE = "entities left out: the articles are written in lowercase, so names cannot be told from words"


def case_note(articles: Sequence[Article]) -> str | None:
    """Why the entities of a story are left out, when they are (for a ``BriefWarning``)."""
    return CASE_NOTE if articles and is_lowercased(articles) else None


def extract_entities(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> tuple[Entity, ...]:
    """The story's people, organisations and places, most central first."""
    return tuple(entity for entity, _ in entity_mentions(articles, sentences)[:MAX_ENTITIES])


def entity_mentions(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> list[tuple[Entity, tuple[Span, ...]]]:
    """Every entity of the story, ranked as ``extract_entities`` ranks them but not
    capped, each with the spans of its mentions in the articles (names as the tagger
    found them, titles included; roles; acronyms). ``eval --task entities`` maps
    annotated mentions to entities through these spans."""
    if not articles:
        return []
    if is_lowercased(articles):
        return []  # names cannot be told from words: ``case_note`` says so
    docs = parse_articles(articles, sentences)
    names = story_names(docs)
    index, mentions, labels = names.index, names.mentions, names.labels
    acronyms = acronym_map(docs)
    clusters: dict[tuple[str, str], _Cluster] = {}
    for order, m in enumerate(mentions):
        # a name tagged otherwise is a person when the index resolved that very name
        # ("Trump" tagged ORG once), not by the surname fallback ("Egypt" of "Etisalat Egypt")
        person = index.person(m.text) if m.label == "PERSON" else index.people.get(name_key(m.text))
        key = name_key(m.text)
        # the type of the name by vote; a name found again (never tagged) has the type it was found as
        kind = labels[key] if key in labels else TYPE_OF_LABEL[m.label]
        kind = kind or ("PERSON" if person and m.label == "PERSON" else "")
        if m.label == "ORG" and index.role(m.text):
            continue  # "The US Special Representative" tagged ORG: a role, counted below
        if not kind:
            continue  # a nationality, or a thing's name ("the Zarya module")
        # a PERSON tag outvoted counts for the type of the vote ("Betty Ford Center")
        if person:
            kind = "PERSON"  # "Trump" tagged ORG once is still the president
        name, fixed = canonical_name(m.text, kind, index, acronyms)
        key = (kind, name_key(name))
        cluster = clusters.setdefault(key, _Cluster(kind, name if fixed else "", first_seen=order))
        cluster.forms[m.text] += 1
        cluster.articles.add(m.article_id)
        cluster.mentions += 1
        cluster.spans.append(Span(m.article_id, m.start, m.end))
        cluster.tags[m.label] += 1
    add_role_mentions(clusters, docs, index)
    add_acronym_mentions(clusters, docs, acronyms)
    merge_place_prefixed_orgs(clusters, place_words(mentions))
    merge_short_company_names(clusters)
    merge_facility_names(clusters, {article_id: text_of(doc) for article_id, doc in docs.items()})
    return rank(clusters)


def canonical_name(
    text: str, kind: str, index: NameIndex, acronyms: Mapping[str, str]
) -> tuple[str, bool]:
    """The name a mention is filed under, and whether that name is fixed (a full
    person name, a known equivalence, an expanded acronym) or just this spelling."""
    key = name_key(text)
    if kind == "PERSON":
        full = index.person(text)
        return (full, True) if full else (text, False)
    equivalents = PLACE_EQUIVALENTS if kind == "PLACE" else ORG_EQUIVALENTS
    if key in equivalents:
        return equivalents[key], True
    if key in acronyms:
        return acronyms[key], True
    return text, False


def acronym_map(docs: Mapping[str, Doc]) -> dict[str, str]:
    """``{"isaf": "International Security Assistance Force"}`` from "Long Name (ACRONYM)"."""
    found = {}
    for doc in docs.values():
        for match in re.finditer(r"((?:[A-Z][\w'-]*\s+(?:(?:of|for|and|the|on)\s+)*){2,})\(([A-Z]{2,})\)", text_of(doc)):
            words = [w for w in match.group(1).split() if w[0].isupper()]
            acronym = match.group(2)
            initials = "".join(w[0] for w in words[-len(acronym):])
            if initials == acronym:
                long_name = " ".join(match.group(1).split()[-_span_len(match.group(1), len(acronym)):])
                found[acronym.lower()] = long_name
                found[name_key(long_name)] = long_name
    return found


def _span_len(phrase: str, capitals: int) -> int:
    """How many trailing words of ``phrase`` hold its last ``capitals`` capitalized words."""
    words = phrase.split()
    seen = 0
    for back, word in enumerate(reversed(words), start=1):
        if word[0].isupper():
            seen += 1
            if seen == capitals:
                return back
    return len(words)


def add_role_mentions(clusters: dict[tuple[str, str], _Cluster], docs: Mapping[str, Doc], index: NameIndex) -> None:
    for article_id, doc in docs.items():
        for person, chunk in role_mentions(doc, index):
            cluster = clusters.get(("PERSON", name_key(person)))
            if cluster is None:
                continue
            cluster.mentions += 1
            cluster.articles.add(article_id)
            cluster.forms[index.role_text.get(role_key(chunk.text), chunk.text)] += 1
            cluster.spans.append(Span(article_id, chunk.start_char, chunk.end_char))


def add_acronym_mentions(
    clusters: dict[tuple[str, str], _Cluster], docs: Mapping[str, Doc], acronyms: Mapping[str, str]
) -> None:
    """ "ISAF", which the tagger rarely marks, counts for "International Security Assistance Force"."""
    for key, long_name in acronyms.items():
        if " " in key:
            continue
        cluster = clusters.get(("ORG", name_key(long_name)))
        acronym = key.upper()
        if cluster is None or cluster.forms.get(acronym):  # tagged already: counted
            continue
        for article_id, doc in docs.items():
            found = [m.span() for m in re.finditer(rf"\b{re.escape(acronym)}\b", text_of(doc))]
            if found:
                cluster.forms[acronym] += len(found)
                cluster.mentions += len(found)
                cluster.articles.add(article_id)
                cluster.spans.extend(Span(article_id, s, e) for s, e in found)


def place_words(mentions: Iterable[Mention]) -> set[str]:
    """Keys of the story's one-word place and nationality names ("us", "afghan")."""
    found = {k for k in PLACE_EQUIVALENTS if " " not in k}
    found.update(name_key(m.text) for m in mentions if m.label in ("GPE", "NORP", "LOC") and " " not in m.text)
    return found


def merge_place_prefixed_orgs(clusters: dict[tuple[str, str], _Cluster], places: set[str] | None = None) -> None:
    """ "Afghan Taliban" joins "Taliban", "US State Department" joins "State Department",
    unless two different prefixes exist ("Afghan Taliban", "Pakistani Taliban"). The
    prefix must be a place or nationality of the story (``places``; None: any word):
    "White House" does not join "House"."""
    orgs = {key for kind, key in clusters if kind == "ORG"}
    prefixed: dict[str, list[str]] = defaultdict(list)
    for key in orgs:
        words = key.split()
        if places is not None and words[0] not in places:
            continue
        if len(words) > 1 and " ".join(words[1:]) in orgs:
            prefixed[" ".join(words[1:])].append(key)
    # Longest base first: in a chain ("libyan national transitional council" ->
    # "national transitional council" -> "transitional council") a base must take in its
    # longer form before it joins a shorter base itself (else its key is gone: a KeyError
    # that struck in set order, i.e. at random). Sorted, the result no longer depends on it.
    for base in sorted(prefixed, key=lambda b: (-len(b.split()), b)):
        longer = prefixed[base]
        if len(longer) == 1:
            _merge_into(clusters, ("ORG", longer[0]), ("ORG", base))


# Words that end a company's full name: "Halvorsen" is short for "Halvorsen Motors".
CORPORATE_SUFFIXES = frozenset(
    "motors inc corp corporation group company co ltd plc holdings airlines airways bank "
    "industries llc ag sa gmbh telecom telecommunications communications".split()
)


def merge_short_company_names(clusters: dict[tuple[str, str], _Cluster]) -> None:
    orgs = [key for kind, key in clusters if kind == "ORG"]
    for key in orgs:
        longer = [
            other for other in orgs
            if other.startswith(key + " ") and all(w in CORPORATE_SUFFIXES for w in other[len(key) + 1 :].split())
        ]
        if len(longer) == 1 and ("ORG", key) in clusters:
            _merge_into(clusters, ("ORG", key), ("ORG", longer[0]))


# Facility words: "Betty Ford Center" = "Betty Ford Clinic" = "Betty Ford Treatment
# Center"; words of OPTIONAL_FACILITY_WORDS may be left out ("Morningside Recovery").
FACILITY_WORDS = {
    "center": "center", "centre": "center", "clinic": "center", "facility": "center",
    "hospital": "hospital", "arena": "arena", "stadium": "stadium", "unit": "unit",
    "prison": "prison", "jail": "prison", "penitentiary": "prison",
}
OPTIONAL_FACILITY_WORDS = frozenset("treatment recovery rehab rehabilitation medical".split())
# Geographic words a place's name may be written without: "Mediterranean Sea" = "Mediterranean".
GEOGRAPHIC_WORDS = frozenset("sea ocean river desert mountains island islands peninsula strait".split())


def merge_facility_names(clusters: dict[tuple[str, str], _Cluster], texts: Mapping[str, str] | None = None) -> None:
    """One facility or place written with or without its kind: "Promises", "Promises
    Treatment Center", "Promises Treatment Centre"; "Betty Ford Center", "Betty Ford
    Clinic"; "Mediterranean Sea", "Mediterranean". The bare name joins only an
    organisation or place (or a name tagged as a person but written where a place stands:
    "checked into Betty Ford"), and only when one kind of facility has that name."""
    groups: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for kind, key in clusters:
        base, tail = facility_base(key)
        if kind in ("ORG", "PLACE") or (kind == "PERSON" and not tail and gone_to(clusters[(kind, key)], texts)):
            groups[base][tail].append((kind, key))
    for base, by_tail in groups.items():
        tails = [t for t in by_tail if t]
        if len(tails) != 1:
            continue  # no facility, or two ("Cook County Hospital", "Cook County Jail")
        members = by_tail[tails[0]] + [  # a bare place name joins a facility only if never tagged a place
            (kind, key) for kind, key in by_tail.get("", [])
            if kind != "PLACE" or tails[0] in GEOGRAPHIC_WORDS or not (clusters[(kind, key)].tags.keys() & {"GPE", "LOC"})
        ]
        if len(members) < 2:
            continue
        target = max(members, key=lambda k: (k[0] != "PERSON", clusters[k].mentions, k[1]))
        for member in members:
            if member != target and member in clusters:
                _merge_into(clusters, member, target)
                clusters[target].type = target[0]


def gone_to(cluster: _Cluster, texts: Mapping[str, str] | None) -> bool:
    """Whether most mentions of a name stand where a place does: "checked into Betty
    Ford", "left Morningside", "at Promises"."""
    if not texts or not cluster.spans:
        return False
    placed = sum(
        bool(GONE_TO.search(texts.get(span.article, "")[max(0, span.start - 16) : span.start]))
        for span in cluster.spans
    )
    return placed * 2 > len(cluster.spans)


GONE_TO = re.compile(r"\b(?:into|in|at|to|from|inside|outside|entered|left|leaving|leaves|enter|enters|entering)\s+(?:the\s+)?$", re.I)


def facility_base(key: str) -> tuple[str, str]:
    """ "betty ford treatment center" -> ("betty ford", "center"); "mediterranean sea" ->
    ("mediterranean", "sea"); "promises" -> ("promises", "")."""
    words = key.split()
    tail = []
    while len(words) > 1 and (words[-1] in FACILITY_WORDS or words[-1] in OPTIONAL_FACILITY_WORDS or words[-1] in GEOGRAPHIC_WORDS):
        word = words.pop()
        if word in FACILITY_WORDS:
            tail.append(FACILITY_WORDS[word])
        elif word in GEOGRAPHIC_WORDS:
            tail.append(word)
    return " ".join(words), " ".join(sorted(set(tail)))


def _merge_into(clusters: dict[tuple[str, str], _Cluster], source_key: tuple[str, str], target_key: tuple[str, str]) -> None:
    source = clusters.pop(source_key)
    target = clusters[target_key]
    target.forms.update(source.forms)
    target.articles |= source.articles
    target.mentions += source.mentions
    target.first_seen = min(target.first_seen, source.first_seen)
    target.name = target.name or source.name
    target.spans.extend(source.spans)
    target.tags.update(source.tags)


def rank(clusters: Mapping[tuple[str, str], _Cluster]) -> list[tuple[Entity, tuple[Span, ...]]]:
    """Every entity with its mention spans, by articles naming it, mentions, first appearance."""
    ranked = sorted(clusters.values(), key=lambda c: (-len(c.articles), -c.mentions, c.first_seen))
    return [(to_entity(c), tuple(sorted(set(c.spans), key=lambda s: (s.article, s.start, s.end)))) for c in ranked]


def to_entity(cluster: _Cluster) -> Entity:
    forms = cluster.forms
    # the form written most, a shouted one ("JOHANNESBURG" of datelines) last
    shouted = {f for f in forms if f.isupper() and any(g != f and g.upper() == f for g in forms)}
    name = cluster.name or max(forms, key=lambda f: (f not in shouted, forms[f], len(f)))
    aliases = sorted(forms, key=lambda f: (f != name, -forms[f], f))
    return Entity(
        name=name,
        type=cluster.type,
        aliases=tuple(dict.fromkeys(aliases)),
        mentions=cluster.mentions,
        articles=tuple(sorted(cluster.articles)),
    )

