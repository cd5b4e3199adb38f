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

GENERIC_ORG_WORDS = frozenset("state government ministry department office cabinet".split())

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
    """Drop leading "the", titles and a trailing possessive: "Mr. Bush's" -> "Bush"."""
    words = text.replace("\n", " ").split()
    while words and words[0].lower() in TITLES | {"the"}:
        words = words[1:]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return " ".join(words).strip(" ,;:-–—'\"“”‘’()")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Comparison key: case, dots of abbreviations and hyphen spacing ignored.
    Cached: the merging compares every name with every fuller name of the story."""
    text = text.lower().replace(".", "").replace("’", "'")
    return SPACES.sub(" ", text).strip()


SPACES = re.compile(r"\s+")


def role_key(text: str) -> str:
    words = [w for w in name_key(text).replace("'s", "").split() if w not in {"the", "a", "an"}]
    return " ".join(words)


# ---------------------------------------------------------------- 1. collect


def collect_mentions(docs: Mapping[str, Doc]) -> list[Mention]:
    mentions = []
    in_headlines = []
    for article_id, doc in docs.items():
        headlines = title_case_lines(text_of(doc))
        for ent in doc.ents:
            if ent.label_ not in TYPE_OF_LABEL:
                continue
            text = strip_titles(ent.text)
            if not text or is_noise(text, ent.label_):
                continue
            mention = Mention(article_id, text, ent.label_, ent.start_char, ent.end_char, stands_as_place(ent.root))
            inside = any(start <= ent.start_char < end for start, end in headlines)
            (in_headlines if inside else mentions).append(mention)
    # Title Case headlines fool the tagger ("Slowly But Steadily Choking Iran" holds a
    # PERSON): a name seen only in headlines is dropped, one also seen in prose is kept.
    in_prose = {name_key(m.text) for m in mentions}
    return mentions + [m for m in in_headlines if name_key(m.text) in in_prose]


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


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Offsets of lines of four or more words, nearly all capitalized (headlines)."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][\w'’-]*", match.group())
        if len(words) >= 4:
            capitalized = sum(w[0].isupper() or w.lower() in SMALL_WORDS for w in words)
            if capitalized >= 0.8 * len(words) and not match.group().rstrip().endswith("."):
                found.append((match.start(), match.end()))
    return found


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
    if label == "ORG" and lowered in GENERIC_ORG_WORDS:  # "Secretary of State" -> ORG "State"
        return True
    # Shouted multi-word strings ("READ MORE NEWS") are headlines, not names; short
    # all-caps words (NATO, ISAF) are acronyms.
    return len(words) > 1 and text.isupper() and len(text) > 12


# ---------------------------------------------------------------- 2. merge


def build_name_index(docs: Mapping[str, Doc]) -> NameIndex:
    """The story's people by every short form, and the roles the text gives them.
    Built once per set of parsed docs (the quote and entity stages both ask)."""
    key = tuple(id(doc) for doc in docs.values())
    first = next(iter(docs.values()), None)
    cached = first.user_data.get(NAME_INDEX) if first is not None else None
    if cached is not None and cached[0] == key:
        return cached[1]
    index = _build_name_index(docs)
    if first is not None:
        first.user_data[NAME_INDEX] = (key, index)
    return index


NAME_INDEX = "newsbrief.name_index"


def _build_name_index(docs: Mapping[str, Doc]) -> NameIndex:
    mentions = collect_mentions(docs)
    index = NameIndex()
    labels = label_votes(mentions)
    person_names = {m.text for m in mentions if labels[name_key(m.text)] == "PERSON"}
    index.people.update(resolve_person_names(person_names))
    # "Trump" tagged ORG once is still Donald Trump, when he is the one Trump of the story.
    # The same for a surname tagged as a place ("Qureshi told reporters"), unless the
    # name also stands where only places stand.
    places = {name_key(m.text) for m in mentions if m.place_like}
    others = {
        m.text for m in mentions
        if m.label != "PERSON" and len(m.text.split()) <= 2 and name_key(m.text) not in places
        and name_key(m.text) not in PLACE_EQUIVALENTS
    }
    full_names = [(k, n) for k, n in index.people.items() if k == name_key(n) and " " in k]
    for other in others:
        ending = " " + name_key(other)
        matches = {n for k, n in full_names if k.endswith(ending)}
        if len(matches) == 1:
            index.people.setdefault(name_key(other), matches.pop())
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
    """Majority spaCy type per name; a NORP-only name gets "" (not an entity)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        # the small model tags unknown place names as people ("in Badin"): the syntax
        # outvotes the tagger
        # ("shares in Halvorsen" is a company: only PERSON tags are outvoted)
        label = "GPE" if m.place_like and m.label in ("PERSON", "GPE") else m.label
        votes[name_key(m.text)][label] += 2 if label == "GPE" and m.place_like else 1
    result: dict[str, str] = defaultdict(str)
    for key, counter in votes.items():
        typed = Counter()
        for label, count in counter.items():
            if label != "NORP":
                typed[TYPE_OF_LABEL[label]] += count
        if typed:
            result[key] = typed.most_common(1)[0][0]
    return result


def resolve_person_names(names: Iterable[str]) -> dict[str, str]:
    """``{key of every form: fullest name}``: "Khalilzad" -> "Zalmay Khalilzad".

    A short form joins the longest name ending with it (or sharing first and last
    word: "George Bush" / "George W. Bush") only when that fuller name is unique.
    """
    names = sorted(set(names), key=lambda n: (-len(n.split()), -len(n), n))
    resolved: dict[str, str] = {}
    full_names: list[str] = []
    for name in names:
        key = name_key(name)
        if key in resolved:
            continue
        words = key.split()
        matches = {
            full for full in full_names
            if name_key(full).endswith(" " + key)
            or (len(words) > 1 and _same_ends(words, name_key(full).split()))
        }
        if len(matches) == 1:
            resolved[key] = matches.pop()
        elif matches:  # two people share the surname: "Bush" stays "Bush"
            resolved[key] = name
        else:
            resolved[key] = name
            if len(words) > 1:
                full_names.append(name)
    return resolved


def _same_ends(short: list[str], full: list[str]) -> bool:
    return len(full) > len(short) and short[0] == full[0] and short[-1] == full[-1]


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
    if role_key(span.text) in HONORIFICS:
        return False
    return last.is_lower or last.lower_ in ROLE_NOUNS


def role_as_written(span: SpacySpan) -> str:
    """ "the US peace envoy" -> "US peace envoy"."""
    words = span.text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


HONORIFICS = frozenset("mr mrs ms dr prof sir dame lord lady".split())


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
    docs = parse_articles(articles, sentences)
    index = build_name_index(docs)
    mentions = collect_mentions(docs)
    labels = label_votes(mentions)
    acronyms = acronym_map(docs)
    clusters: dict[tuple[str, str], _Cluster] = {}
    for order, m in enumerate(mentions):
        kind = labels[name_key(m.text)]
        if m.label == "ORG" and index.role(m.text):
            continue  # "The US Special Representative" tagged ORG: a role, counted below
        if not kind or (m.label == "PERSON" and kind != "PERSON" and not index.person(m.text) and not m.place_like):
            continue  # a PERSON tag outvoted; one standing where a place stands is the place
        if index.person(m.text):
            kind = "PERSON"  # "Trump" tagged ORG once is still the president
        name, fixed = canonical_name(m.text, kind, index, acronyms)
        key = (kind, name_key(name))
        cluster = clusters.setdefault(key, _Cluster(kind, name if fixed else "", first_seen=order))
        cluster.forms[m.text] += 1
        cluster.articles.add(m.article_id)
        cluster.mentions += 1
        cluster.spans.append(Span(m.article_id, m.start, m.end))
    add_role_mentions(clusters, docs, index)
    add_acronym_mentions(clusters, docs, acronyms)
    merge_place_prefixed_orgs(clusters)
    merge_short_company_names(clusters)
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


def merge_place_prefixed_orgs(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """ "Afghan Taliban" joins "Taliban", "US State Department" joins "State Department",
    unless two different prefixes exist ("Afghan Taliban", "Pakistani Taliban")."""
    orgs = {key for kind, key in clusters if kind == "ORG"}
    prefixed: dict[str, list[str]] = defaultdict(list)
    for key in orgs:
        words = key.split()
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
    "industries llc ag sa gmbh".split()
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


def _merge_into(clusters: dict[tuple[str, str], _Cluster], source_key: tuple[str, str], target_key: tuple[str, str]) -> None:
    source = clusters.pop(source_key)
    target = clusters[target_key]
    target.forms.update(source.forms)
    target.articles |= source.articles
    target.mentions += source.mentions
    target.first_seen = min(target.first_seen, source.first_seen)
    target.name = target.name or source.name
    target.spans.extend(source.spans)


def rank(clusters: Mapping[tuple[str, str], _Cluster]) -> list[tuple[Entity, tuple[Span, ...]]]:
    """Every entity with its mention spans, by articles naming it, mentions, first appearance."""
    ranked = sorted(clusters.values(), key=lambda c: (-len(c.articles), -c.mentions, c.first_seen))
    return [(to_entity(c), tuple(sorted(set(c.spans), key=lambda s: (s.article, s.start, s.end)))) for c in ranked]


def to_entity(cluster: _Cluster) -> Entity:
    forms = cluster.forms
    name = cluster.name or max(forms, key=lambda f: (forms[f], len(f)))
    aliases = sorted(forms, key=lambda f: (f != name, -forms[f], f))
    return Entity(
        name=name,
        type=cluster.type,
        aliases=tuple(dict.fromkeys(aliases)),
        mentions=cluster.mentions,
        articles=tuple(sorted(cluster.articles)),
    )

