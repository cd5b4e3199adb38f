"""The names of a story as written: the entity recognizer's mentions cleaned of its
mistakes, their types by vote, and the appearances of the same names it missed (step 1
of the entity stage; ``names.py`` says who is who, ``entities.py`` ranks them).

    1. collect   spaCy entity mentions of every article, tagger mistakes filtered
                 (``tagged_mentions``: no title, article or possessive inside a name,
                 no sentence-opening verb, no dangling joiner; headlines in Title Case
                 count only for names the prose has too), then the mentions it missed
                 (``recover_mentions``)

A NORP mention ("Taliban", "Afghans", "American") is a nationality or a group: it counts
as an organisation only when the tagger also tags that name ORG somewhere in the story
(``label_votes``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import DATE_WORDS, FUNCTION_WORDS, LOWERCASE_WORD, TITLES, name_key
from .parsed import is_parsed, text_of

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
# Names the small English model tags as people although they never are (platforms,
# agencies): seen on the example story and DUC clusters.
NOT_PEOPLE = frozenset(
    "twitter facebook instagram youtube whatsapp telegram tiktok linkedin reuters afp ap "
    "xinhua bbc cnn google "
    "gen older younger".split()  # "Gen X", "Older workers ..." opening a sentence (session 15's readings)
)
# Page furniture that scraping leaves in the text and the tagger picks up.
NOISE_WORDS = frozenset(
    "read more watch photo video update updated breaking exclusive live advertisement "
    "comments comment post share click here".split()
)
GENERIC_ORG_WORDS = frozenset(
    "state government ministry department office cabinet defense defence treasury interior "
    # the head word of many bodies' names, alone ("The Journal of Ethnopharmacology", "The Wall Street
    # Journal" -> "Journal"; "Handel & Haydn Society" -> "Society"): no one body (session 15's readings)
    "journal society health co. co".split()
)


@dataclass(frozen=True, slots=True)
class Mention:
    article_id: str
    text: str  # as written, titles stripped
    label: str  # spaCy label
    start: int
    end: int
    place_like: bool = False  # written where only a place can stand: "in Badin", "the village of Jati"
    modifier: bool = False  # a name before a common noun, as a thing's: "the Zarya module"
    thing: bool = False  # a place tag on a thing had or counted: "his Piper Saratoga", "a Piper Saratoga"
    use: str = ""  # what the words around a one-word name say it is (``kind_of_use``)
    body: bool = False  # the words call it a body: "the political party X", "X, the political wing of ..."
    place_noun: bool = False  # a place noun names it a place: "the city of X", "X province"
    names_after: bool = False  # names an agreement after it: "the X accords", "the X peace accords"


def strip_titles(text: str) -> str:
    """A person's name without a leading "the", titles ("Rep.", "Coroner") and a trailing
    possessive: "Mr. Bush's" -> "Bush"."""
    words = text.replace("\n", " ").split()
    while words and (words[0].lower() == "the" or words[0].lower().rstrip(".") in NAME_TITLES):
        if len(words) == 1 and words[0][:1].isupper() and words[0].lower() in SURNAMES_TOO:
            break  # "Boxer" alone is Barbara Boxer, not the title of "boxer Mike Tyson" (D30050T, session 19)
        words = words[1:]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return " ".join(words).strip(" ,;:-–—'\"“”‘’()")


def tagged_mentions(docs: Mapping[str, Doc]) -> list[Mention]:
    """The tagger's names, cleaned (``clean_span``) and filtered (``is_noise``)."""
    mentions = []
    in_headlines = []
    lowercase = lowercase_words(docs)
    nouns = determined_words(docs)
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
            if label != "PERSON" and piece_of_longer_name(doc, start, end):
                continue  # "Basque [Homeland] and Freedom": a word of an organisation's name
            titled = start > 0 and _title_word(doc[start - 1]) in NAME_TITLES  # "in Biloxi, Coroner Gary Hargrove"
            mention = Mention(
                article_id, text, label, start_char, end_char,
                not titled and stands_as_place(ent.root),
                modifier=label == "PERSON" and modifies_a_thing(doc, start, end),
                thing=label in ("GPE", "LOC", "FAC") and had_or_counted(doc, start, end),
                use=kind_of_use(doc, start, end, nouns) if end - start == 1 else person_use(doc, start, end),
                body=called_a_body(doc, start, end),
                place_noun=label != "NORP" and named_a_place(doc, start, end),
                names_after=names_a_thing_after_it(whole, end_char),
            )
            inside = any(s <= start_char < e for s, e in headlines)
            (in_headlines if inside else mentions).append(mention)
    # Title Case headlines fool the tagger ("Slowly But Steadily Choking Iran" holds a
    # PERSON): a name seen only in headlines is dropped, one also seen in prose is kept
    # (and a known name inside a headline's junk is found again by ``recover_mentions``).
    in_prose = {name_key(m.text) for m in mentions}
    found = join_possessive_names(docs, mentions + [m for m in in_headlines if name_key(m.text) in in_prose])
    return rejoin_split_names(docs, found)


def rejoin_split_names(docs: Mapping[str, Doc], mentions: list[Mention]) -> list[Mention]:
    """ "House Ways" + "Means Committee" tagged apart where the story also tags "House
    Ways and Means Committee" whole: one name cut at its "and", joined again. Otherwise
    the pieces vouch for each other and ``joins_two_names`` cuts every whole mention too."""
    wholes = {name_key(m.text): m.label for m in mentions if AND_IN_NAME.search(m.text)}
    if not wholes:
        return mentions
    joined: dict[int, Mention] = {}  # id of the first piece -> the whole
    dropped: set[int] = set()  # ids of the second pieces
    for article_id, found in _by_article(mentions).items():
        text = text_of(docs[article_id])
        for first, second in zip(found, found[1:]):
            words = text[first.start:second.end]
            label = wholes.get(name_key(words))
            if label and id(first) not in dropped and AND_IN_NAME.fullmatch(text[first.end:second.start]):
                joined[id(first)] = replace(first, text=words, label=label, end=second.end)
                dropped.add(id(second))
    return [joined.get(id(m), m) for m in mentions if id(m) not in dropped]


def _by_article(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Each article's mentions in text order."""
    found: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        found[m.article_id].append(m)
    for article_mentions in found.values():
        article_mentions.sort(key=lambda m: m.start)
    return found


AND_IN_NAME = re.compile(r"\s+(?:and|&)\s+")


def join_possessive_names(docs: Mapping[str, Doc], mentions: list[Mention]) -> list[Mention]:
    """ "Martha's Vineyard" is one name, though the tagger mostly reads a person "Martha" and
    a place "Vineyard": a name "A's B" the tagger tagged whole somewhere, whose first word the
    story never writes but before "'s B", is one name wherever it is written. Its pieces give
    way to one mention of the whole, typed as the story's tagger types its last word (the
    thing named is a vineyard, not Martha), else as the whole was tagged; a piece running on
    ("[Martha's] [Vineyard Airport]") takes the whole into its own name and type."""
    names = possessive_names(docs, mentions)
    if not names:
        return mentions
    written = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n).replace("'", "['’]") for n in written) + r")\b")
    occurrences = {
        article_id: [match.span() for match in pattern.finditer(text_of(doc))] for article_id, doc in docs.items()
    }
    pieces: dict[tuple[str, int, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        span = next(((s, e) for s, e in occurrences.get(m.article_id, ()) if s < m.end and m.start < e), None)
        if span is not None and not (m.start <= span[0] and m.end >= span[1]):
            pieces[(m.article_id, *span)].append(m)
    tails: dict[str, Counter[str]] = defaultdict(Counter)  # the name -> its last word's tags
    for (article_id, start, end), found in pieces.items():
        for m in found:
            if m.start > start and m.end == end:
                tails[_straight(text_of(docs[article_id])[start:end])][m.label] += 1
    piece_of = {id(m): key for key, found in pieces.items() for m in found}
    joined = []
    done = set()
    for m in mentions:
        key = piece_of.get(id(m))
        if key is None:
            joined.append(m)
        elif key not in done:
            done.add(key)
            joined.append(_whole(docs, key, pieces[key], tails, names))
    return joined


def _whole(docs: Mapping[str, Doc], key: tuple[str, int, int], found: list[Mention],
           tails: Mapping[str, Counter[str]], names: Mapping[str, Counter[str]]) -> Mention:
    """One mention for the pieces of a possessive name (see ``join_possessive_names``)."""
    article_id, start, end = key
    name = _straight(text_of(docs[article_id])[start:end])
    last = max(found, key=lambda m: m.end)
    if last.end > end:  # "Vineyard Airport": an airport
        end, label = last.end, last.label
    else:
        label = (tails.get(name) or names[name]).most_common(1)[0][0]
    start = min(start, *(m.start for m in found))
    return Mention(article_id, text_of(docs[article_id])[start:end], label, start, end, any(m.place_like for m in found))


def possessive_names(docs: Mapping[str, Doc], mentions: Iterable[Mention]) -> dict[str, Counter[str]]:
    """``{"Martha's Vineyard": tags of the whole}``: the names "A's B" tagged whole, whose
    first word the story writes nowhere else ("Kennedy's Piper Saratoga" is no name: the
    story writes "Kennedy" alone)."""
    tagged: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        match = POSSESSIVE_NAME.match(m.text)
        if match:
            tagged[_straight(match.group())][m.label] += 1
    if not tagged:
        return {}
    texts = [text_of(doc) for doc in docs.values()]
    fixed = {}
    for name, tags in tagged.items():
        first = name.split("'")[0]
        alone = sum(len(re.findall(rf"\b{re.escape(first)}\b", t)) for t in texts)
        whole = sum(len(re.findall(r"\b" + re.escape(name).replace("'", "['’]") + r"\b", t)) for t in texts)
        if alone == whole:
            fixed[name] = tags
    return fixed


POSSESSIVE_NAME = re.compile(r"[A-Z][\w-]*['’]s(?: [A-Z][\w-]*)+")


def _straight(text: str) -> str:
    return text.replace("’", "'")


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
    if label == "PERSON" and end - start == 1 and start > 0 and doc[start - 1].ent_type_ == "NORP" and _plural(doc[start]):
        return None  # "German Shepherds" (the search dogs): a nationality and a plural are a kind, no one
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
        start = _given_name_before(doc, start, end, lowercase)
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


# Title words that are surnames too: alone and capitalized, a name ("Boxer" of Barbara Boxer).
SURNAMES_TOO = frozenset("boxer bishop singer".split())


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


# Capitalized words before a two-word name that are a party or a group, not a given name.
NOT_GIVEN_NAMES = frozenset("democrat republican independent socialist communist liberal conservative".split())


def _plural(token: Token) -> bool:
    """A plural noun by its tag, or unparsed by its ending ("Shepherds", not "Jones's" or "Ross")."""
    if is_parsed(token):
        return token.tag_ == "NNPS"
    word = token.lower_
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _given_name_before(doc: Doc, start: int, end: int, lowercase: set[str]) -> int:
    """A two-word person name the tagger began one word late ("said Ahmet [Mete Isikara]")
    takes the given name before it: one capitalized word the parse joins to the name, after a
    lowercase word, that is no title ("Sheriff Homer Holbrooks" stays "Homer Holbrooks"), no
    party, date or function word, no other entity's, and never written in lowercase in the story.
    Without it "Mete Isikara" was the speaker's name and the entity, Ahmet left out."""
    if end - start != 2 or start < 2:
        return start
    token, before = doc[start - 1], doc[start - 2]
    word = token.lower_.rstrip(".")
    if (
        not token.is_alpha or not _capitalized(token) or token.is_upper or token.is_sent_start or token.ent_type_
        or not before.is_lower or word in NAME_TITLES or word in NOT_GIVEN_NAMES or word in FUNCTION_WORDS
        or word in NOT_NAME_PARTS or word in DATE_WORDS or token.lower_ in lowercase
    ):
        return start
    if is_parsed(token) and not (token.pos_ == "PROPN" and token.dep_ == "compound" and start <= token.head.i < end):
        return start
    # only a name the article never writes without that word ("Crooked Hillary Clinton" once,
    # "Hillary Clinton" twenty times: a nickname, not her given name)
    text = text_of(doc)
    name = text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
    if text.count(name) != text.count(f"{token.text} {name}"):
        return start
    return start - 1


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


def had_or_counted(doc: Doc, start: int, end: int) -> bool:
    """ "Kennedy's Piper Saratoga", "his Piper Saratoga II", "a single-engine Piper Saratoga":
    a name after a possessive or an indefinite article (past a number or a hyphened
    word: "six-seat") is a thing someone has, or one of a kind (a model, a make), not a
    place. Not when a noun follows ("his Manhattan apartment": the name says where)."""
    i = start - 1
    while i >= 0 and (doc[i].like_num or _hyphened(doc, i)):
        i -= 1
    if i < 0 or doc[i].lower_ not in OWNERS_AND_ARTICLES:
        return False
    if end >= len(doc):
        return True
    following = doc[end]
    if not following.is_alpha or not following.is_lower or following.is_stop or _hyphened(doc, end):
        return True  # no noun after it ("single-engine" is none)
    if is_parsed(following):
        return following.tag_ not in ("NN", "NNS")
    return following.lower_.endswith(("ed", "ly", "ing"))


def _hyphened(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a piece of a hyphened lowercase word ("single", "-", "engine")."""
    token = doc[i]
    if token.text == "-":
        return True
    if not (token.is_lower or token.like_num):
        return False
    joined_after = i + 1 < len(doc) and doc[i + 1].text == "-" and not token.whitespace_
    joined_before = i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
    return joined_after or joined_before


OWNERS_AND_ARTICLES = frozenset("'s ’s his her its their our my your a an".split())


def kind_of_use(doc: Doc, start: int, end: int, nouns: set[str]) -> str:
    """What the words around a one-word name say it is, where they say it: "ORG" after a kind
    of body ("the band Metallica", "California-based Napster", "services like Napster"),
    "PRODUCT" after a kind of product ("programs like Gnutella"), "THING" inside a noun
    phrase before the common noun it names ("the Napster software", "its current Brady
    bonds": a word the story writes after a determiner), "PERSON" after a personal title or
    before an age ("Dre, 35,"); else what the first pronoun after it says (``pronoun_after``)."""
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    if before in NAME_TITLES:
        return "PERSON"
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text == ",":
        return "PERSON"
    if before in BODY_KINDS or (before == "based" and start > 1 and doc[start - 2].text == "-"):
        return "ORG"
    if before == "like" and start > 1:
        kind = doc[start - 2].lower_
        if kind in BODY_KINDS:
            return "ORG"
        if kind in PRODUCT_KINDS:
            return "PRODUCT"
    if before in PRODUCT_KINDS:
        return "PRODUCT"
    determined = before in DETERMINERS or (start > 1 and doc[start - 1].is_lower and doc[start - 2].lower_ in DETERMINERS)
    if determined and end < len(doc):  # "its Brady bonds", "its current Brady bonds"
        following = doc[end]
        word = following.lower_
        known = word in nouns or f"{word}s" in nouns  # "a Brady bond default" beside "the bonds"
        if (following.is_lower and following.is_alpha and known and word not in PERSON_NOUNS
                and word not in OWN_NOUNS and word not in FUNCTION_WORDS and word not in NOT_NOUNS):
            return "THING"
    return pronoun_after(doc, end)


def pronoun_after(doc: Doc, end: int) -> str:
    """ "PERSON" when the first pronoun after a name in its sentence is "he"/"she" ("Ulrich
    said he"), "ORG" when it is "it"/"its" ("Napster said it would"); else ""."""
    for token in doc[end : min(len(doc), end + PRONOUN_WINDOW)]:
        if token.is_sent_start:
            break
        word = token.lower_
        if word in ("he", "she", "him", "his", "her", "himself", "herself"):
            return "PERSON"
        if word in ("it", "its", "itself"):
            return "ORG"
    return ""


PRONOUN_WINDOW = 12
# Nouns a person's name stands before as that person's: "the Cardoso government" is his.
OWN_NOUNS = frozenset("administration government regime presidency cabinet era policy policies".split())
DETERMINERS = frozenset("the a an its their his her our this these those".split())


# Kinds of bodies a name of one stands after: "the band Metallica", "companies like Napster".
BODY_KINDS = frozenset(
    "band bands group groups company companies firm firms label labels startup startups service services "
    "party parties coalition coalitions network networks club clubs team teams".split()
)
# Kinds of products: "programs like Gnutella", "the software Gnutella".
PRODUCT_KINDS = frozenset("program programs software application applications app apps".split())
# Lowercase words a determiner may stand before that are no nouns a name modifies.
NOT_NOUNS = frozenset("said says told is was has had will would could can may might did does".split())


def determined_words(docs: Mapping[str, Doc]) -> set[str]:
    """Lowercase words the story writes right after a determiner ("the users", "its
    software"): nouns, as far as the words tell (no verb follows "the")."""
    words = set()
    for doc in docs.values():
        words.update(m.lower() for m in DETERMINED.findall(text_of(doc)))
    return words


DETERMINED = re.compile(r"\b(?:[Tt]he|its|their|his|her|our|this|these|those)\s+([a-z]+)\b")


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


def recover_mentions(
    docs: Mapping[str, Doc], mentions: Sequence[Mention], labels: Mapping[str, str], people: Mapping[str, str]
) -> list[Mention]:
    """Appearances of the story's names the tagger left out ("Hansbrough scored 20 points"
    opening a sentence; "Lindsay Lohan" inside a Title Case headline it read as one
    name): every name it tagged, and the surname of each person when only one person of
    the story has it. A lone word opening a sentence or in a Title Case line counts only
    when the story never writes it in lowercase ("Page", "Will"). ``people``: the full
    name of each person name's key (``NameIndex.people``)."""
    forms: dict[str, str] = {}
    person_forms = {m.text for m in mentions if labels.get(name_key(m.text)) == "PERSON"}
    surnames = {name.split()[-1] for name in person_forms if " " in name and name.split()[-1][:1].isupper()}
    for surname in surnames:
        if surname.isalpha() and " " in people.get(name_key(surname), ""):
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
            span = doc.char_span(start, end) if forms[form] != "PERSON" else None
            if span is not None and piece_of_longer_name(doc, span.start, span.end):
                continue  # "Basque [Homeland] and Freedom", as for the tagged names
            found.append(Mention(article_id, form, forms[form], start, end, names_after=names_a_thing_after_it(text, end)))
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
    if root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS:
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
    if before in PLACE_PREPOSITIONS:
        return True
    if before == "of" and i > 1 and doc[i - 2].lower_ in PLACE_NOUNS:
        return True
    j = token.i + 1
    while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in ("and", ",")):
        j += 1  # on over the names joined to this one
    return j < len(doc) and doc[j].lower_ in PLACE_NOUNS


PLACE_NOUNS = frozenset(
    "village villages town towns city cities district districts province provinces region "
    "regions county counties state states capital valley island islands coast shore beach "
    "beaches cliffs".split()
)
# Prepositions only a place follows: "in Badin"; "off Gay Head", "along Gay Head" (a coast).
PLACE_PREPOSITIONS = frozenset("in at near inside outside off along".split())


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
    if label == "PERSON" and text.isupper() and any(len(w) >= 3 and w.isalpha() for w in words):
        return True  # a byline ("By CRAGG HINES and JOHN GONZALEZ": "JOHN" joined Elton John, D0736H)
    if len(words) == 1 and lowered.endswith(("ism", "isms")):  # "McCarthyism": an idea
        return True
    if label == "ORG" and lowered in GENERIC_ORG_WORDS:  # "Secretary of State" -> ORG "State"
        return True
    # Shouted multi-word strings ("READ MORE NEWS") are headlines, not names; short
    # all-caps words (NATO, ISAF) are acronyms.
    return len(words) > 1 and text.isupper() and len(text) > 12


def joins_two_names(mention: Mention, mentions: Sequence[Mention], labels: Mapping[str, str]) -> bool:
    """ "Lopez and Carrasquillo" tagged as one name: two people (found apart again)."""
    parts = re.split(r"\s+(?:and|&)\s+", mention.text)
    if len(parts) != 2:
        return False
    known = {name_key(m.text) for m in mentions if labels.get(name_key(m.text))}
    surnames = {k.split()[-1] for k in known if " " in k and labels.get(k) == "PERSON"}
    return all(name_key(p) in known or name_key(p) in surnames for p in parts)


def label_votes(mentions: Iterable[Mention]) -> dict[str, str]:
    """Majority spaCy type per name; a NORP-only name gets "" (not an entity), and so
    does a name mostly written as a thing's ("the Zarya module")."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        # the small model tags unknown place names as people ("in Badin"): the syntax
        # outvotes the tagger
        # ("shares in Halvorsen" is a company: only PERSON tags are outvoted)
        # ("the city of Lizarra" is a town, tagged ORG or not)
        label = "GPE" if (m.place_like and m.label in ("PERSON", "GPE")) or m.place_noun else m.label
        if ((m.modifier or m.use == "THING") and label == "PERSON") or m.thing:
            label = "THING"  # "the Zarya module", "its Brady bonds"
        votes[name_key(m.text)][label] += 2 if label == "GPE" and (m.place_like or m.place_noun) else 1
    result: dict[str, str] = defaultdict(str)
    for key, counter in votes.items():
        result[key] = ""
        typed = Counter()
        for label, count in counter.items():
            if label != "NORP":
                typed[TYPE_OF_LABEL.get(label, "")] += count
        if typed:
            result[key] = typed.most_common(1)[0][0]
    retype_bodies_tagged_as_people(result, mentions)
    return result


def retype_bodies_tagged_as_people(result: dict[str, str], mentions: Iterable[Mention]) -> None:
    """The small model tags one-word names of bands, companies and programs as people
    (Metallica, Napster, Gnutella), and does so hundreds of times: the tags cannot outvote
    it, the words around the name can. A one-word name voted a person, that is no one's
    surname in the story, is an organisation when the words call it one (``kind_of_use``:
    "the band Metallica", "the Napster software", "Napster said it") at least
    ``BODY_USES`` times and three times as often as they call it a person ("Mr. Dre", "he");
    a product ("programs like Gnutella") more often than a body: no entity."""
    surnames = {  # (not of "Napster and Gnutella", tagged as one name)
        key.split()[-1] for key, kind in result.items()
        if kind == "PERSON" and " " in key and not {"and", "&"} & set(key.split())
    }
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.use:
            uses[name_key(m.text)][m.use] += 1
    for key, found in uses.items():
        if result.get(key) != "PERSON" or " " in key or key in surnames:
            continue
        other = found["ORG"] + found["THING"] + found["PRODUCT"]
        if other >= BODY_USES and other >= 3 * found["PERSON"]:
            result[key] = "" if found["PRODUCT"] > found["ORG"] else "ORG"
    retype_names_called_bodies(result, mentions, surnames)


BODY_USES = 3


def retype_names_called_bodies(result: dict[str, str], mentions: Iterable[Mention], surnames: set[str]) -> None:
    """A name voted a person (of any length: foreign party and paper names, "Herri Batasuna",
    "Egin") is an organisation when the words call it a body (``Mention.body``: "the political
    party X", "the daily X", "X, the political wing of ETA") ``BODY_USES`` times or at half its
    appearances, and never use it of a person (a title, an age; "he" after a one-word name). A
    surname of a person of the story is left alone."""
    written: Counter[str] = Counter()
    bodies: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for m in mentions:
        key = name_key(m.text)
        written[key] += 1
        bodies[key] += m.body
        people[key] += m.use == "PERSON"
    for key, count in bodies.items():
        if result.get(key) != "PERSON" or key in surnames or people[key] or not count:
            continue
        if count >= BODY_USES or 2 * count >= written[key]:
            result[key] = "ORG"


# Nouns of things a mistagged name may be put beside ("Virtue, the Islamic party"): no role.
NOT_PERSON_NOUNS = frozenset(
    "party company firm group organization organisation movement agency country nation city "
    "town state government newspaper network station team club typhoon storm hurricane "
    "ship satellite module spacecraft plane airplane aircraft helicopter boat vessel magazine".split()
)
# Words that end a company's full name: "Halvorsen" is short for "Halvorsen Motors".
CORPORATE_SUFFIXES = frozenset(
    "motors inc corp corporation group company co ltd plc holdings airlines airways bank "
    "industries llc ag sa gmbh telecom telecommunications communications".split()
)
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




# ---------------------------------------------------------------- what a name is, from the words around it


def piece_of_longer_name(doc: Doc, start: int, end: int) -> bool:
    """ "Basque [Homeland] and Freedom", "Basque Freedom and [Homeland]": a name joined by "and" to
    a capitalized word the tagger read as no name, inside a run of capitalized words, is a piece
    of a longer name written in full ("Basque Homeland and Freedom", an organisation's), not a
    name of its own. Two names joined by "and" ("France and Spain", "Thatta and Badin") are both
    tagged, and a pair with no capitalized word before it ("Bosnia and Herzegovina") is left alone."""
    if end + 1 < len(doc) and doc[end].lower_ in ("and", "&") and _untagged_capital(doc[end + 1]):
        return end - start >= 2 or (start > 0 and _capital_of_run(doc[start - 1]))
    if start >= 3 and doc[start - 1].lower_ in ("and", "&") and _untagged_capital(doc[start - 2]):
        return _capital_of_run(doc[start - 3])
    return False


def _untagged_capital(token: Token) -> bool:
    """A capitalized word the tagger left outside every name, mid-sentence, that is no title."""
    return _capital_of_run(token) and not token.ent_type_ and _title_word(token) not in NAME_TITLES


def _capital_of_run(token: Token) -> bool:
    """A capitalized word, not opening a sentence: part of a run of capitalized words."""
    return token.is_alpha and _capitalized(token) and not token.is_upper and not token.is_sent_start


def called_a_body(doc: Doc, start: int, end: int) -> bool:
    """Whether the words call a name a body: a kind of body right before it ("the political party
    X", "the daily X", "the Basque coalition X"; not a hyphened word: "right-wing X"), or a noun
    phrase after it, only a comma between, whose head is one ("X, the political wing of ETA, ...",
    "X, the political party linked to ...")."""
    if start > 0 and doc[start - 1].lower_ in BODY_NOUNS and not _hyphened_word(doc, start - 1):
        return True
    i = end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return False
    i += 1
    if doc[i].lower_ not in ("the", "a", "an", "its", "their"):
        return False  # "X, party leaders said": no apposition
    i += 1
    while i < len(doc) and i - end <= 6 and doc[i].lower_ not in APPOSED_BODY_NOUNS:
        if not (doc[i].is_lower or doc[i].text == "-" or doc[i].lower_ in ("'s", "’s") or _capitalized(doc[i])):
            return False
        i += 1
    if i >= len(doc) or i - end > 6 or doc[i].lower_ not in APPOSED_BODY_NOUNS:
        return False
    # the noun heads the phrase: "the party chairman" is a person's post, not a body
    following = doc[i + 1] if i + 1 < len(doc) else None
    return following is None or not (following.is_alpha and following.is_lower) or following.lower_ in FUNCTION_WORDS \
        or following.lower_.endswith("ed")


def _hyphened_word(doc: Doc, i: int) -> bool:
    """Whether token ``i`` ends a hyphened word ("right-wing")."""
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_


# Kinds of bodies: "the band X", "the newspaper X", "X, the political party ...".
BODY_NOUNS = BODY_KINDS | frozenset(
    "newspaper newspapers daily paper weekly agency coalition alliance movement organization organisation "
    "faction union".split()
)
# Also heads of an apposition only: "X, the political wing of ETA" ("right-wing X" is no body).
APPOSED_BODY_NOUNS = BODY_NOUNS | frozenset("wing arm".split())


def person_use(doc: Doc, start: int, end: int) -> str:
    """ "PERSON" for a name of several words after a personal title or before an age ("Dr. Ana
    Ruiz", "Ana Ruiz, 35,"), else "" (a pronoun after a long name may be anyone's)."""
    if start > 0 and doc[start - 1].lower_.rstrip(".") in NAME_TITLES:
        return "PERSON"
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text == ",":
        return "PERSON"
    return ""


def named_a_place(doc: Doc, start: int, end: int) -> bool:
    """ "the city of X", "the town of X", "X province": a place noun in lowercase says the name is
    a place, whatever the tagger says (the town Lizarra tagged ORG; "shares in X" says less)."""
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].text in SETTLEMENT_NOUNS:
        return True
    return end < len(doc) and doc[end].text in SETTLEMENT_NOUNS


SETTLEMENT_NOUNS = frozenset(
    "village villages town towns city cities district districts province provinces region regions county "
    "counties".split()
)


def names_a_thing_after_it(text: str, end: int) -> bool:
    """ "the Oslo accords", "the Oslo Accords", "the Oslo 2 accord", "the 1993 Oslo peace accords": a name (ending
    at ``end`` of ``text``) before an agreement, a number or up to two lowercase words between,
    names the agreement, which took the name of the place it was made in."""
    match = THING_AFTER.match(text, end)
    return match is not None and not any(w in FUNCTION_WORDS for w in match.group().split()[:-1])


# Agreements, named after the place they were made in ("the Oslo accords", "the Kyoto protocol").
# Not processes, meetings or principles: "the Mideast peace process", "the Mideast summit" are
# about the place.
AGREEMENT_NOUNS = frozenset(
    "accord accords agreement agreements treaty treaties pact protocol declaration charter convention "
    "conventions deal memorandum".split()
)
# (the noun also capitalized: "the Oslo Accords")
THING_AFTER = re.compile(r"(?:[ \t]+(?:\d+|[a-z]+)){0,2}?[ \t]+(?i:" + "|".join(sorted(AGREEMENT_NOUNS)) + r")\b")


def names_of_things_after_places(docs: Mapping[str, Doc], mentions: Iterable[Mention]) -> set[str]:
    """Keys of place names (tagged a place somewhere) the story writes at least as often as the
    name of an agreement (``names_a_thing_after_it``: "the Oslo accords",
    often not tagged at all) as alone ("talks held in Oslo"). There, the bare name ("Oslo will
    not die", "under Oslo") may be the place or the thing: only where it stands as a place is it
    the place."""
    places = {m.text for m in mentions if m.label in ("GPE", "LOC", "FAC") and m.text[:1].isupper()}
    if not places:
        return set()
    pattern = re.compile(r"(?<![\w'’.-])(?:" + "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)) + r")(?![\w-])")
    written: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for doc in docs.values():
        text = text_of(doc)
        for match in pattern.finditer(text):
            key = name_key(match.group())
            written[key] += 1
            named[key] += names_a_thing_after_it(text, match.end())
    return {key for key, count in named.items() if count and 2 * count >= written[key]}


def settled_place_mentions(mentions: Sequence[Mention], things: set[str]) -> list[Mention]:
    """The mentions, those of a name in ``things`` (``names_of_things_after_places``) kept only
    where they stand as a place ("in Oslo")."""
    if not things:
        return list(mentions)
    return [m for m in mentions if name_key(m.text) not in things or (m.place_like and not m.names_after)]
