"""Which clause a date sits in, read from the dependency parse (the timeline's second look).

``dates.clause_role`` reads a date's clause from the words around it; it cannot see how
deep a date hangs: "a spy ring that the government said it uncovered on July 8" (a
relative clause closed by two verbs, as "Talks that could lead to a deal began" is not),
"statements made Monday by Arab ambassadors" (a participle), "errors in the investigation
into the stabbing ... on April 22 1993" (four nouns down). Here the date's syntactic head
is followed up to the sentence's root:

- "main": through the root's own clause only (a coordinated verb, an ``xcomp`` or a
  ``parataxis`` is still that clause, as is any dependency but those below): the date of the sentence's main event;
- "reported": inside what a verb of the root's clause says (``ccomp``: "police said the two
  would be brought before a hearing Nov. 16"), or an infinitive plan ("called for people to
  drive Friday"), through at most ``max_nouns_in_reported_date`` nouns: the news told, worth
  less than a date of the root's own verb ("said last week the boy should be sent back by
  Jan. 14" is last week's);
- "adverbial": the verb of an adverbial clause (``advcl``: "are feared dead as the plane
  crashed early Sunday", "before he leaves Nairobi at noon Friday"): the time of the main
  event when nothing better dates it, after a date of the main or reported clause;
- "side": the verb of one relative or participle clause (``relcl``, ``acl``, ``csubj``,
  ``pcomp``): "Putin, the man Yeltsin nominated Monday, is a former spy", "is charged with
  bombing a clinic Jan. 29"; a sentence's date only when nothing else dates it (a timeless
  main clause takes the date of its dated event);
- "subordinate": an act someone is asked or warned to do ("warned the leader not to declare a
  state on May 4"), two side clauses deep ("statements made Monday" in "Commenting on ..."),
  a side clause holding what someone said ("a spy ring that the government said it uncovered
  on July 8"), a noun of a side clause ("as the Jan. 14 deadline loomed", "compared with 74
  percent 10 years ago"), or further down nouns than the limits allow: a side event's date,
  never the sentence's.

The parse is the story's (``nlp.parse_articles``, shared with the quote, entity and figure
stages); the sentences it left unparsed, or parsed in pieces, are parsed whole, tagger and
parser only, in one batch (``nlp.parse_syntax``). Only sentences a timeline entry can come
from are read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Article, Sentence
from .parsed import is_parsed
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Dependencies that open a clause hanging on another word: a date below one dates a side event.
SIDE_CLAUSES = frozenset({"relcl", "acl", "advcl", "csubj", "csubjpass", "pcomp"})
NOUNS = frozenset({"NOUN", "PROPN", "NUM"})
# Nouns that are part of the date's own phrase ("Sunday night", "at noon on Monday"), not another event.
TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midnight", "dawn", "dusk", "midday"})


def parsed_roles(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    wanted: Mapping[Sentence, Sequence[tuple[int, int]]],
    settings: AnalysisSettings = DEFAULT,
) -> dict[tuple[Sentence, int], str]:
    """``{(sentence, date start): role}`` for the dates ``wanted`` asks about (character spans
    into their article), from the parse of their sentence."""
    from .nlp import parse_articles, parse_syntax

    if not wanted:
        return {}
    docs = parse_articles(articles, sentences, settings)
    parses: dict[Sentence, tuple[Sequence[Token], int]] = {}
    unparsed: list[tuple[Sentence, Doc, int, int]] = []
    for sentence in wanted:
        doc = docs.get(sentence.article_id)
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if doc is not None else None
        if span is None or len(span) == 0:
            continue
        if all(is_parsed(t) for t in span) and sum(t.head.i == t.i for t in span) == 1:
            parses[sentence] = (list(span), 0)  # parsed whole by the story's rounds
        else:
            unparsed.append((sentence, doc, span.start, span.end))
    for (sentence, doc, start, _), parsed in zip(unparsed, parse_syntax([u[1:] for u in unparsed]), strict=True):
        parses[sentence] = (list(parsed), doc[start].idx)  # the piece's characters count from its first token
    roles: dict[tuple[Sentence, int], str] = {}
    for sentence, (tokens, offset) in parses.items():
        for start, end in wanted[sentence]:
            head = _date_head(tokens, start - offset, end - offset)
            if head is not None:
                roles[(sentence, start)] = role_of(head, settings)
    return roles


def role_of(date_head: Token, settings: AnalysisSettings = DEFAULT) -> str:
    """"main", "reported", "adverbial", "side" or "subordinate" (module docstring) for the
    head token of a date, from the clauses crossed on the way up to the root."""
    steps: list[str] = []  # the clauses crossed, from the date up: "said", "adverbial", "side"
    nouns = local = 0  # nouns the date hangs below: all of them, and those inside its own clause
    token = date_head
    below = ""  # the dependency of the step before, from the date up
    while token.head.i != token.i:
        dep, head = token.dep_, token.head
        if _directed_act(token, dep):
            return "subordinate"
        if dep == "amod" and below == "xcomp":
            steps.append("side")  # "a summit due to be held in November": the noun's event, not the verb's
        elif dep == "ccomp" or _infinitive(token, dep):
            steps.append("said")
        elif dep == "advcl":
            steps.append("adverbial" if not steps and local == 0 else "side")
        elif dep == "relcl" and head.pos_ == "PROPN" and head.ent_type_ in ("PERSON", ""):
            # "Kitzhaber, who was elected in 1994 and re-elected in 1998, also criticized ...": the
            # person's past, never the date of what the sentence tells of him (D0634G, unseen reading)
            return "subordinate"
        elif token.lower_ == "due" and dep in ("amod", "acl", "appos"):
            # something expected, told of a noun ("a widow with four young children and another due
            # in December, said ..."): not the day of what the sentence tells (D31038T, session 19)
            return "subordinate"
        elif dep == "acl" and _release_of_the_source(token):
            pass  # "A study released Tuesday ... showed that ...": the report's day is the news's
        elif dep in SIDE_CLAUSES or (dep == "prep" and token.tag_ in ("VBN", "VBG")):
            steps.append("side")  # (a participle as preposition: "compared with 74 percent 10 years ago")
        if head.pos_ in NOUNS and head.lower_ not in TIMES_OF_DAY:
            nouns += 1
            local += not steps
        below = dep
        token = head
    if not steps:
        return "main" if nouns <= settings.max_nouns_in_main_date else "subordinate"
    if nouns > settings.max_nouns_in_reported_date and steps[0] != "side":
        return "subordinate"
    if all(step == "said" for step in steps):
        return "reported"
    if steps[0] == "adverbial" and "side" not in steps:
        return "adverbial"
    if steps[0] == "side" and local == 0 and steps.count("side") == 1:
        if _future_under_past(date_head):
            return "subordinate"
        return "side"  # "the man Yeltsin nominated Monday", not "a ring the government said it uncovered on July 8"
    return "subordinate"


# Participles that put a source out: its day is the day of what the sentence says it showed.
RELEASE_WORDS = frozenset("released published issued unveiled announced presented made".split())


def _release_of_the_source(participle: Token) -> bool:
    """Whether a participle clause tells when the sentence's subject came out ("A study released
    Tuesday by the CDC showed that ...", "a report published today found"): the subject of the
    main verb, put out on that day."""
    noun = participle.head
    return (participle.lower_ in RELEASE_WORDS and participle.tag_ == "VBN"
            and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.dep_ == "ROOT")


FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})


def _future_under_past(date_head: Token) -> bool:
    """Whether the date's side clause is future ("will be sworn in on Feb. 2") while the
    sentence's main verb is past ("Chavez, who will be sworn in on Feb. 2, appealed for
    reconciliation"): the main event happened before that day, on a day the words leave open,
    so the side clause's day is not the sentence's."""
    token = date_head
    while token.head.i != token.i and token.dep_ not in SIDE_CLAUSES:
        token = token.head
    root = token
    while root.head.i != root.i:
        root = root.head
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in token.children)
    return future and root.tag_ == "VBD"


# Verbs that ask or warn someone (their object) to act: the act is not told to happen. Stems, as
# the syntax-only parse has no lemmas ("urg" for urge/urged/urging).
DIRECTIVE_STEMS = ("urg", "warn", "ask", "press", "persuad", "advis", "implor", "request", "encourag", "caution",
                   "appeal", "call")


def _directed_act(token: Token, dep: str) -> bool:
    """Whether ``token`` is an infinitive someone is asked or warned to do ("warned the leader not to
    declare a state on May 4", "urging the council not to postpone the declaration on May 4"): its
    day is the act's, which may never come, not the warning's; the sentence's day is not told by it."""
    if dep != "xcomp" or token.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    return token.head.lower_.startswith(DIRECTIVE_STEMS) and any(c.dep_ in ("dobj", "dative") for c in token.head.children)


def _infinitive(token: Token, dep: str) -> bool:
    """An infinitive clause of purpose or plan ("called for people to drive at 15 mph Friday"),
    which the parser often attaches as ``advcl``: the date of the thing planned."""
    return dep == "advcl" and token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _date_head(tokens: Sequence[Token], start: int, end: int) -> Token | None:
    """The token of the date span whose head lies outside it (the phrase's head)."""
    inside = [t for t in tokens if start <= t.idx < end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    outside = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    return outside[0] if outside else inside[0]
