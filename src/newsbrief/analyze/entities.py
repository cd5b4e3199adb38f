"""People, organisations and places of a story, aliases merged, ranked by centrality.

    1. collect   spaCy entity mentions of every article, tagger mistakes filtered
                 (``mentions.py``)
    2. merge     one cluster per real-world name: titles stripped, "Khalilzad" joins
                 "Zalmay Khalilzad" (``names.py``), "U.S." joins "United States", "ISAF"
                 joins "International Security Assistance Force (ISAF)"
    3. roles     "US special envoy Zalmay Khalilzad" / "Zalmay Khalilzad, the US special
                 envoy" make "the US special envoy" an alias (and a mention) of him,
                 when exactly one person of the story holds that role (``names.py``)
    4. rank      by articles mentioning the entity, then by mentions

Decisions (documented in docs/analysis.md):
- NORP mentions ("Taliban", "Afghans", "American") are nationalities or groups. A NORP
  name counts as an organisation only when the tagger also tags that name ORG somewhere
  in the story; nationality adjectives are never tagged ORG, groups like the Taliban are.
- "Washington" is not merged into "United States": it is also a city and a person.
- Every person name of one or two words is resolved to the one fuller name of the story
  that ends with it; when two people share a surname the short form stays apart.

``NameIndex`` (``names.py``) is shared with the quote stage, which resolves speakers
("Mr Stoltenberg", "the US special envoy") through it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Article, Entity, Sentence, Span
from .lexicon import DEFINITE_DETERMINERS, INDEFINITE_DETERMINERS, name_key, role_key
from .mentions import (
    CORPORATE_SUFFIXES, GEOGRAPHIC_WORDS, PLACE_EQUIVALENTS, TYPE_OF_LABEL, Mention, facility_base, strip_titles,
)
from .names import NameIndex, person_parts, shared_name_words, story_names
from .nlp import parse_articles
from .parsed import text_of
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

ORG_EQUIVALENTS = {
    "un": "United Nations",
    "united nations": "United Nations",
    "eu": "European Union",
    "european union": "European Union",
}


# ---------------------------------------------------------------- 3. roles as mentions


def role_mentions(doc: Doc, index: NameIndex) -> list[tuple[str, SpacySpan]]:
    """Noun phrases naming a person by role alone: ("Zalmay Khalilzad", "The US special envoy")."""
    found = []
    for chunk in doc.noun_chunks:  # (Span.noun_chunks walks the whole Doc on each call)
        if any(t.ent_type_ == "PERSON" for t in chunk) or next_to_name(chunk.root) or not definite(chunk):
            continue
        person = index.role(chunk.text)
        if person:
            found.append((person, chunk))
    return found


def indefinite(chunk: SpacySpan) -> bool:
    """ "a pilot", "any pilot", "a former president": a noun phrase that brings in someone
    new or anyone, never the one person already named ("the pilot" may be him)."""
    return chunk[0].lower_ in INDEFINITE_DETERMINERS


def definite(chunk: SpacySpan) -> bool:
    """ "the vice president", "his lawyer", "NATO's Secretary General": a noun phrase that
    points at someone known. A bare title ("was appointed vice president of the company")
    names a post, and "a pilot" someone new (``indefinite``): neither is the role holder.
    A bare title opening a sentence is a headline's, which drops its articles ("US special
    envoy to peace talks described ...")."""
    if indefinite(chunk):
        return False
    first = chunk[0].lower_
    if chunk.start == 0 or chunk[0].is_sent_start or "\n" in chunk.doc[chunk.start - 1].text_with_ws:
        return True
    return first in DEFINITE_DETERMINERS or any(t.lower_ in ("'s", "’s") or t.tag_ == "PRP$" for t in chunk)



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


def is_lowercased(articles: Sequence[Article], settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether the story is written without capitals inside sentences (Multi-News copies
    are lowercased but for each sentence's first letter): names cannot be told from words
    then, and the entities are left out. News prose capitalizes 7-19% of its words
    mid-sentence (DUC, Timeline17); Multi-News texts 0% (``lowercase_share``)."""
    words = capitals = 0
    for article in articles:
        text = article.text[:5_000]
        for match in WORD.finditer(text):
            words += 1
            start = match.start()
            if text[start].isupper() and match.group() != "I" and not SENTENCE_BEFORE.search(text, max(0, start - 6), start):
                capitals += 1
    return words >= 100 and capitals < settings.lowercase_share * words


WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;]['\"”’)]*\s+|\n\s*|[\"“‘(]\s*)\Z")
CASE_NOTE = "entities left out: the articles are written in lowercase, so names cannot be told from words"


def case_note(articles: Sequence[Article], settings: AnalysisSettings = DEFAULT) -> str | None:
    """Why the entities of a story are left out, when they are (for a ``BriefWarning``)."""
    return CASE_NOTE if articles and is_lowercased(articles, settings) else None


def extract_entities(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], settings: AnalysisSettings = DEFAULT
) -> tuple[Entity, ...]:
    """The story's people, organisations and places, most central first (``max_entities``)."""
    return tuple(entity for entity, _ in entity_mentions(articles, sentences, settings)[: settings.max_entities])


def entity_mentions(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], settings: AnalysisSettings = DEFAULT
) -> list[tuple[Entity, tuple[Span, ...]]]:
    """Every entity of the story, ranked as ``extract_entities`` ranks them but not
    capped, each with the spans of its mentions in the articles (names as the tagger
    found them, titles included; roles; acronyms). ``eval --task entities`` maps
    annotated mentions to entities through these spans."""
    if not articles:
        return []
    if is_lowercased(articles, settings):
        return []  # names cannot be told from words: ``case_note`` says so
    docs = parse_articles(articles, sentences, settings)
    names = story_names(docs, settings)
    index, mentions, labels = names.index, names.mentions, names.labels
    acronyms = {**initials_map(mentions, labels), **acronym_map(docs)}
    clusters: dict[tuple[str, str], _Cluster] = {}
    shared = {(word,) for word in shared_name_words(index.people)}  # as ``person_parts`` gives a bare name
    texts = {article_id: _ArticleText(text_of(doc)) for article_id, doc in docs.items()}
    views = _article_views(index, texts)
    for order, m in enumerate(mentions):
        here = views[m.article_id]  # the index as this article reads it
        # a name tagged otherwise is a person when the index resolved that very name
        # ("Trump" tagged ORG once), not by the surname fallback ("Egypt" of "Etisalat Egypt")
        person = here.person(m.text) if m.label == "PERSON" else here.people.get(name_key(m.text))
        key = name_key(m.text)
        # ("King" is a title to ``person_parts``, which then gives no words: the key's words stand in)
        words = person_parts(m.text).words or tuple(key.split())
        if words in shared and " " not in (person or ""):
            # a bare surname of two or more people named in full ("Li": Li Boyong, Li Hongzhi)
            # that the story does not give to one of them: a row of its own would join
            # different people across articles, so it gets none (trust first: say less)
            continue
        lone = person and " " in person and " " not in m.text.strip()
        if lone and m.modifier and person not in texts[m.article_id].text:
            continue  # "the Clinton administration" where the article names no Hillary Rodham Clinton
        if lone and not texts[m.article_id].person_there(m.text, person):
            # a lone surname in an article that neither names the person in full nor writes the
            # word as someone's ("Franklin and Hamilton are mostly Republican", of two counties;
            # "UMass, Tufts, Smith, Williams, BU"): no mention of the person of another article
            continue
        # the type of the name by vote; a name found again (never tagged) has the type it was found as
        kind = labels[key] if key in labels else TYPE_OF_LABEL[m.label]
        kind = kind or ("PERSON" if person and m.label == "PERSON" else "")
        if m.label == "ORG" and here.role(m.text):
            continue  # "The US Special Representative" tagged ORG: a role, counted below
        if not kind:
            continue  # a nationality, or a thing's name ("the Zarya module")
        # a PERSON tag outvoted counts for the type of the vote ("Betty Ford Center")
        if person:
            kind = "PERSON"  # "Trump" tagged ORG once is still the president
        name, fixed = canonical_name(m.text, kind, here, acronyms)
        key = (kind, name_key(name))
        cluster = clusters.setdefault(key, _Cluster(kind, name if fixed else "", first_seen=order))
        cluster.forms[m.text] += 1
        cluster.articles.add(m.article_id)
        cluster.mentions += 1
        cluster.spans.append(Span(m.article_id, m.start, m.end))
        cluster.tags[m.label] += 1
    add_role_mentions(clusters, docs, index, views)
    add_acronym_mentions(clusters, docs, acronyms)
    merge_place_prefixed_orgs(clusters, place_words(mentions))
    merge_short_company_names(clusters)
    merge_facility_names(clusters, {article_id: text_of(doc) for article_id, doc in docs.items()})
    merge_names_told_alike(clusters, [text.text for text in texts.values()])
    merge_short_forms_of_bodies(clusters)
    merge_titles_into_holders(clusters, index)
    merge_regnal_names(clusters, index)
    drop_nationalities_and_junk(clusters)
    return rank(clusters, settings)


def _article_views(index: NameIndex, texts: Mapping[str, _ArticleText]) -> dict[str, NameIndex]:
    """The name index as each article reads it (``NameIndex.in_article``): "Anderson" is Jim
    Anderson where only he is named in full; "Clinton" written of a man is not Hillary Rodham Clinton."""
    return {article_id: index.in_article(text.text) for article_id, text in texts.items()}


class _ArticleText:
    """One article's text, asked whether it writes a lone surname as a person's (memoized)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._answers: dict[tuple[str, str], bool] = {}

    def person_there(self, surname: str, full: str) -> bool:
        """Whether the article names ``full`` in full, writes ``surname`` more than once (someone it
        tells of), or writes it as a person's: after a title ("Mr. Hamilton", "Sen. Hamilton"), as
        a speaker ("Hamilton said", "said Hamilton"), with an age ("Hamilton, 43,") or as a clause's
        subject ("Lohan arrived at Betty Ford")."""
        key = (surname, full)
        if key not in self._answers:
            word = re.escape(surname)
            self._answers[key] = full in self.text or len(re.findall(rf"\b{word}\b", self.text)) > 1 or bool(re.search(
                rf"\b(?:{_TITLES})\.?\s+{word}\b|\b{word}(?:['’]s)?,?\s+(?:\d{{1,3}},\s+)?(?:{_SPEECH})\b"
                rf"|\b(?:{_SPEECH})\s+{word}\b"
                # the subject of a clause, not a member of a list ("Lohan arrived at Betty Ford";
                # not "Franklin and Hamilton are", "Smith, Williams and BU") nor of a match-up ("a
                # David vs. Goliath situation" is no David of the story: D0711C, unseen reading)
                rf"|(?<!,\s)(?<!\band\s)(?<!\bor\s)\b{word}\s+(?!and\b|or\b|vs?\.|versus\b)[a-z]", self.text))
        return self._answers[key]


_TITLES = "|".join(
    "Mr Mrs Ms Miss Dr Prof Sen Senator Rep Gov Governor Gen Col Capt Lt Sgt President Judge Justice Rev Father "
    "Mayor Minister Secretary Chairman".split()
)
_SPEECH = "said|says|told|tells|added|adds|wrote|writes|asked|explained|recalled|argued|noted|insisted|declared|" \
    "announced|according to"


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


def initials_map(mentions: Iterable[Mention], labels: Mapping[str, str]) -> dict[str, str]:
    """``{"ntsb": "National Transportation Safety Board"}`` for an acronym the story writes
    apart from its long name (no "Long Name (ACRONYM)"): an organisation's acronym of
    three letters or more that are the initials of the one organisation of the story whose
    capitalized words give them ("of", "and" skipped). Two such organisations: neither."""
    written = Counter(m.text for m in mentions if labels.get(name_key(m.text)) == "ORG")
    orgs = set(written)
    long_names: dict[str, set[str]] = defaultdict(set)
    for name in orgs:
        if _run_on(name):
            continue  # "African National Congress of human" beside "African National Congress": not two
        words = [w for w in name.split() if w[:1].isupper()]
        if len(words) >= 3 and all(w.isalpha() for w in words):
            long_names["".join(w[0] for w in words)].add(name_key(name))
    found = {}
    for acronym in orgs:
        if acronym.isalpha() and acronym.isupper() and len(acronym) >= 3:
            candidates = long_names.get(acronym, set())
            if len(candidates) == 1:
                key = candidates.pop()
                # the spelling written most, then the first in order: the same in every process
                # (a set's order follows Python's salted string hashes)
                spellings = sorted((n for n in orgs if name_key(n) == key), key=lambda n: (-written[n], n))
                found[acronym.lower()] = found[key] = spellings[0]
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


def add_role_mentions(clusters: dict[tuple[str, str], _Cluster], docs: Mapping[str, Doc], index: NameIndex,
                      views: Mapping[str, NameIndex]) -> None:
    """Each role phrase as a mention of its holder, where the article names the holder (``views``)."""
    for article_id, doc in docs.items():
        for person, chunk in role_mentions(doc, views[article_id]):
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


def merge_short_company_names(clusters: dict[tuple[str, str], _Cluster]) -> None:
    orgs = [key for kind, key in clusters if kind == "ORG"]
    for key in orgs:
        longer = [
            other for other in orgs
            if other.startswith(key + " ") and all(w in CORPORATE_SUFFIXES for w in other[len(key) + 1 :].split())
        ]
        if len(longer) == 1 and ("ORG", key) in clusters:
            _merge_into(clusters, ("ORG", key), ("ORG", longer[0]))


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


def merge_names_told_alike(clusters: dict[tuple[str, str], _Cluster], texts: Iterable[str]) -> None:
    """Two names the text says are one ("Myanmar, also known as Burma", "Yangon, once known as
    Rangoon"): one entity, under the name more written, when both are of one type (D0706B,
    unseen reading: Burma and Myanmar, Rangoon and Yangon were two rows each)."""
    for text in texts:
        for match in KNOWN_AS.finditer(text):
            words = match.group("first").split()
            # the name may end a longer capitalized run ("Military-ruled Myanmar, also known as Burma")
            firsts = [name_key(" ".join(words[i:])) for i in range(len(words))]
            second = name_key(match.group("second"))
            for kind in ("PLACE", "ORG", "PERSON"):
                first = next(((kind, key) for key in firsts if (kind, key) in clusters), None)
                if first is not None and (kind, second) in clusters and first != (kind, second):
                    target = max((first, (kind, second)), key=lambda k: (clusters[k].mentions, k[1]))
                    _merge_into(clusters, first if target != first else (kind, second), target)


_CAPITALIZED_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,4}"
KNOWN_AS = re.compile(
    rf"(?P<first>{_CAPITALIZED_NAME}),?\s+(?:\(\s*)?(?:also|once|formerly|previously|now|better)\s+"
    rf"(?:known|called)\s+(?:as\s+)?(?P<second>{_CAPITALIZED_NAME})")


def merge_short_forms_of_bodies(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """A body's short form joins the one longer name of the story it shortens (``_shortens``):
    "Truth Commission" and "Reconciliation Commission" of the "Truth and Reconciliation
    Commission", and the bare head word ("the Commission") where one body of the story ends with
    it (D31001T, unseen reading, session 19: three rows of one commission). Two bodies it may
    shorten: neither. A place ("Goteborg") and a run-on name are left out of it."""
    places = {k[1] for k in clusters if k[0] == "PLACE"}
    for key in sorted((k for k in clusters if k[0] == "ORG"), key=lambda k: -len(k[1])):
        words = key[1].split()
        if key[1] in places:
            continue  # "Goteborg" typed ORG here and there is the city, not the "Goteborg city council"
        longer = [k for k in clusters if k[0] == "ORG" and k != key and _shortens(words, k[1].split())
                  and not all(_run_on(form) for form in clusters[k].forms)]
        if len(longer) == 1 and key in clusters:
            _merge_into(clusters, key, longer[0])
            target = clusters[longer[0]]
            # shown by its full name, not the short form written most ("the Commission")
            target.name = target.name or max(target.forms, key=lambda f: (len(f.split()), target.forms[f]))


def _shortens(short: Sequence[str], full: Sequence[str]) -> bool:
    """Whether ``short`` is ``full`` without the second of a pair ("Truth Commission"), or, for
    the name of a body ("commission", "council", "party" ...), its tail ("Reconciliation
    Commission"), its head word or its first word alone."""
    if len(short) >= len(full):
        return False
    if len(short) == 1:  # "the Commission"; "Inkatha" of the "Inkatha Freedom Party"
        if full[-1] not in _BODY_HEADS:
            return False
        # (not "Senate" of the "Senate Judiciary Committee": a body of its own)
        return short[0] == full[-1] or (short[0] == full[0] and short[0] not in _BODY_HEADS | _WHOLE_BODIES)
    if list(short) == list(full[-len(short):]) and full[-1] in _BODY_HEADS and full[-len(short) - 1] in ("and", "&"):
        return True  # "Reconciliation Commission", the tagger having cut "Truth and" off (not "Transportation
        # Safety Board", Canada's, of the "National Transportation Safety Board": D30016T)
    # the first words, the second of a pair left out ("Truth and Reconciliation Commission" ->
    # "Truth Commission"); not a more specific body ("Palestinian Authority" is not the
    # "Palestinian Civil Aviation Authority")
    k = next((k for k in range(1, len(short)) if short[:k] == list(full[:k]) and full[k] in ("and", "&")), None)
    return k is not None and list(short[k:]) == list(full[len(full) - len(short) + k :])


_WHOLE_BODIES = frozenset("senate house cabinet government army police state white supreme national".split())
_BODY_HEADS = frozenset(
    "commission committee council party congress assembly parliament court tribunal agency ministry board "
    "union federation front movement league".split()
)


def merge_titles_into_holders(clusters: dict[tuple[str, str], _Cluster], index: NameIndex) -> None:
    """A person row named only by a title goes: a title alone is nobody's name (D31002T, unseen
    reading, session 19: "Pope" stood as a person beside John Paul II). A regnal one ("Pope",
    "King") joins the one person of the story holding it; "President" may be any of a story's
    presidents named with it (D30048T's Cardoso, Clinton, Yeltsin, Chirac), so it joins no one."""
    for key in [k for k, c in clusters.items() if k[0] == "PERSON" and all(not strip_titles(f) for f in c.forms)]:
        forms = clusters[key].forms
        holders = {h for f in forms if role_key(f) in REGNAL_ROLES for h in index.roles.get(role_key(f), ())}
        target = ("PERSON", name_key(holders.pop())) if len(holders) == 1 else None
        if target in clusters and target != key:
            _merge_into(clusters, key, target)
        else:
            clusters.pop(key)


# Offices whose holders are numbered by reign: "John Paul" is John Paul II where the story names
# him so, while "John F. Kennedy" and "John F. Kennedy Jr." stay two people.
REGNAL_ROLES = frozenset("pope pontiff king queen emperor empress tsar czar shah sultan".split())
_ROMAN = re.compile(r"^[IVX]+$")


def merge_regnal_names(clusters: dict[tuple[str, str], _Cluster], index: NameIndex) -> None:
    """"John Paul" joins "John Paul II" when he holds a regnal office in the story (pope, king)
    and no one else of the story is numbered with that name."""
    numbered: dict[str, list[str]] = defaultdict(list)
    for full in {n for fulls in (index.roles.get(r, ()) for r in REGNAL_ROLES) for n in fulls}:
        words = full.split()
        if len(words) >= 2 and _ROMAN.match(words[-1]):
            numbered[name_key(" ".join(words[:-1]))].append(full)
    for bare, fulls in numbered.items():
        source, target = ("PERSON", bare), ("PERSON", name_key(fulls[0]))
        if len(fulls) == 1 and source in clusters and target in clusters:
            _merge_into(clusters, source, target)


# Time zones and faiths the tagger takes for organisations ("2 p.m. GMT", "Islam").
_TIME_ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt bst cet".split())
_FAITHS = frozenset("islam christianity judaism catholicism protestantism buddhism hinduism sikhism".split())


def drop_nationalities_and_junk(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """Rows that name no person, body or place: a nationality or a language typed as people or a
    body ("Croats", "Orthodox Serbs", "Serbo-Croatian" beside the place rows Croatia and Serbia:
    D31002T, unseen reading, session 19), a time zone ("GMT"), a faith ("Islam"), a name cut at a
    bracket ("Islamic) revolution", D31027T)."""
    places = [name_key(c.name or max(c.forms, key=c.forms.get)) for k, c in clusters.items() if k[0] == "PLACE"]
    for key in list(clusters):
        forms = clusters[key].forms
        if all(_nationality(f, places, key[0] == "PLACE") or _junk(f) for f in forms):
            clusters.pop(key)


def _nationality(name: str, places: Sequence[str], a_place: bool = False) -> bool:
    """Whether the last word of ``name`` is the people or the language of one of ``places``:
    "Croats", "Croat" of Croatia, "Serbs" of Serbia, "Iranians" of Iran, "Serbo-Croatian". A row
    typed as a place is one only by an ending of peoples ("Serbo-Croatian", "Iranian"): a place
    named like another ("Kurdistan" beside "Kurdistan Region") stays."""
    word = name_key(name).split()[-1].split("-")[-1] if name.strip() else ""
    stem = word[:-1] if word.endswith("s") else word
    if " " not in name.strip() and stem in PEOPLES:
        return True  # "Chechen", "Britons", "Turks": named unlike their places (D30056T, session 19)
    if len(stem) < 4:
        return False
    for place in places:
        if place == word or " " in place:
            continue
        if not a_place and place.startswith(stem) and len(place) - len(stem) <= 3:
            return True  # "croat" of "croatia", "serb" of "serbia", "kurd" of "kurdistan"
        if stem.startswith(place) and stem[len(place):] in ("ian", "i", "ese", "n", "an"):
            return True  # "iranian" of "iran", "iraqi" of "iraq"
    return False


# Peoples named unlike their places, a row of their own only by the tagger's mistake.
PEOPLES = frozenset(
    "chechen briton british dane danish swede swedish finn pole polish turk turkish scot scottish welsh dutch "
    "swiss french greek thai filipino afghan kurd arab english irish spaniard spanish portuguese".split()
)


def _junk(name: str) -> bool:
    return name_key(name) in _TIME_ZONES or name_key(name) in _FAITHS or name.count("(") != name.count(")") \
        or _run_on(name)


def _run_on(name: str) -> bool:
    """A name the tagger ran on into the words after it: "African National Congress of human"
    (rights), a lowercase word last (D31001T, unseen reading, session 19: its initials kept "ANC"
    from joining the African National Congress)."""
    words = name.split()
    return len(words) >= 2 and words[-1].isalpha() and words[-1].islower()


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


def rank(clusters: Mapping[tuple[str, str], _Cluster],
         settings: AnalysisSettings = DEFAULT) -> list[tuple[Entity, tuple[Span, ...]]]:
    """Every entity with its mention spans, by articles naming it and mentions (``settings.
    mentions_per_article`` mentions count as one more article), then first appearance."""
    def weight(c: _Cluster) -> float:
        return len(c.articles) + c.mentions / settings.mentions_per_article

    ranked = sorted(clusters.values(), key=lambda c: (-weight(c), -len(c.articles), c.first_seen))
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

