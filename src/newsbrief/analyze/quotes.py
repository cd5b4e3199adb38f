"""Who said what: direct quotes with their speakers resolved to full names.

    1. find     quoted passages in the raw text: straight, curly and ``PTB'' double
                quotes, single quotes, spanning sentences within a paragraph; a quote
                left open at a paragraph's end that the next paragraph opens again runs
                on (the convention for a quotation of several paragraphs)
    2. select   quotations, not labels: one word never; two to four words only with an
                attribution right beside them (`"Not even one," he said`, `He said: "..."`,
                a sentence of its own), never a title in capitals ("Sunday Morning
                Futures," Rep. Issa said) nor a phrase inside a sentence (`called it "a
                total stiff"`, `said on "Meet the Press"`)
    3. attach   a speech verb right after the quote (`"...," X said`, `"..." said X`,
                `"..." he added`) or right before it (`X said: "..."`, `X tweeted "..."`,
                `Clinton seemed ready to riff, telling the crowd, "..."`), a colon
                (`Cruz continued:¶"..."`, `Trump leaned in and boomed: "..."`, `- Carl
                Bialik: "..."`), `according to X`, `was asked by X`; a participle
                (`, adding`) takes the subject of the sentence's main clause; a passive
                speech verb (`Trump was asked, "..."`) gives no speaker
    4. resolve  the verb's subject: a name -> the fullest name of the story ("Mr
                Stoltenberg" -> "Jens Stoltenberg"); "he"/"she" -> the nearest person of
                that gender (first names, Mr/Mrs/Ms) the preceding sentences are about
                (the subject of the main clause first; sentences about the same pronoun
                are skipped; a sentence naming people only as objects gives way to the
                speaker quoted just before); a role held by one named person ("the US
                special envoy") -> that person; any other description of someone stays as
                written; phrases that are no one ("The first incident", "but at the same
                time", places and groups like "Latinos") give no speaker
    5. go on    a quote without an attribution of its own continues the speaker of the
                quote just before it, with only that attribution between them, in the
                same paragraph (`"A," said X. "B."`) or opening the next one
    6. merge    the same quote in several articles -> one entry citing all

A wrong speaker is worse than none: a quote whose speaker cannot be settled (two
candidate people, "they", an unknown name as the subject, a verb too far away) is
left out of the brief (``extract_quotes``); ``article_attributions`` keeps it with the
speaker "" for evaluation (``newsbrief eval --task quotes``, ``evaluate/quotes.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, Quote, Sentence, Span
from .entities import NameIndex, build_name_index
from .nlp import entity_at, parse_articles, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs that attribute speech, by surface form (the lemmatizer is not loaded).
SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added adding tweet tweets tweeted
    tweeting write writes wrote written writing note notes noted noting announce announces
    announced announcing stress stresses stressed stressing state states stated stating
    explain explains explained explaining elaborate elaborates elaborated insist insists
    insisted insisting warn warns warned warning claim claims claimed claiming declare
    declares declared declaring reply replies replied replying respond responds responded
    responding continue continues continued argue argues argued arguing ask asks asked
    asking recall recalls recalled recalling admit admits admitted admitting acknowledge
    acknowledged acknowledges acknowledging emphasise emphasised emphasize emphasized
    emphasizing underline underlined conclude concludes concluded concluding remark remarked
    comment commented observe observed predict predicted suggest suggested suggesting urge
    urged urging vow vowed vowing promise promised confirm confirmed report reported posted
    post posts shout shouted cry cried whisper whispered testify testified quip quips quipped
    joke jokes joked charge charges charged demand demands demanded boast boasts boasted
    complain complains complained conceded concedes counter counters countered retort
    retorted mock mocks mocked lament laments lamented muse mused yell yelled scream
    screamed exclaim exclaimed chant chanted chanting proclaim proclaimed assert asserts
    asserted reiterate reiterated reiterates recount recounted wonder wondered wonders plead
    pleaded texted emailed interject interjected opine opined caution cautioned laugh
    laughed sigh sighed begin began read reads answer answers answered yelling shouting
    screaming echo echoes echoed bark barked snap snapped fume fumed gush gushed rage raged
    thunder thundered scoff scoffed beam beamed""".split()
)
# Verbs that attribute speech with their particle: "shot back", "went on", "pointed out".
PARTICLE_VERBS = {
    "shot": "back", "shoots": "back", "fired": "back", "fires": "back", "hit": "back",
    "went": "on", "goes": "on", "pointed": "out", "points": "out", "chimed": "in", "summed": "up",
}
# Speech verbs that attribute only right beside a quote ("...," he began), not before it
# ("began to ...") or with a noun ("the sign read").
WEAK_VERBS = frozenset({"begin", "began", "read", "reads", "continue", "continues", "continued", "laughed", "sighed"})
# A single quoted word is a scare quote or a label, not a statement; quotes of up to
# four words are statements only with an attribution right beside them.
MIN_QUOTE_WORDS = 2
SHORT_QUOTE_WORDS = 5
NAME_JOINERS = frozenset("of the and a an in on for to at by".split())
# How far from the quote the attribution may stand (tokens), from the example story
# ("..., Imtiyaz Gul, from the Centre for Research and Security Studies in Islamabad told")
# and DUC articles; further away the verb usually belongs to another clause.
MAX_TOKENS_AFTER = 16
MAX_TOKENS_BEFORE = 12
PRONOUNS = {"he": "m", "she": "f"}  # pronouns resolved to a person, with their gender
# Sentences looked back to find who "he"/"she" is.
PRONOUN_LOOKBACK = 5

OPENERS = {"“": "double", "``": "double", "‘": "single", "„": "double"}
CLOSERS = {"”": "double", "''": "double", "’": "single"}


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """A quoted passage: ``text[start:end]`` is the content, ``outer`` includes the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


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


# ---------------------------------------------------------------- 1. find


def find_quotes(text: str) -> list[QuoteMarks]:
    """Quoted passages of ``text``, paragraph by paragraph, in text order."""
    found: list[QuoteMarks] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        found.extend(double_quotes(text, paragraph.start(), paragraph.end()))
    taken = [(q.outer_start, q.outer_end) for q in found]
    for single in single_quotes(text):
        if not any(s <= single.outer_start < e for s, e in taken):
            found.append(single)
    return sorted(found, key=lambda q: q.start)


DOUBLE_MARK = re.compile(r"``|''|[\"“”„]")


def double_quotes(text: str, start: int, end: int) -> Iterator[QuoteMarks]:
    """Pair double quote marks in one paragraph. A straight quote opens when it
    follows a space or starts the paragraph, else it closes; an unmatched opener
    at the paragraph's end is dropped."""
    opened: int | None = None
    opened_len = 0
    for mark in DOUBLE_MARK.finditer(text, start, end):
        kind = mark.group()
        if kind == '"':
            before = text[mark.start() - 1] if mark.start() > start else " "
            is_open = before.isspace() or before in "([{:-—–" if opened is None else False
            if opened is None and not is_open and mark.end() < end and not text[mark.end()].isspace():
                is_open = True  # `said:"We...` glued to the text after it
        else:
            is_open = kind in OPENERS
        if is_open:
            opened, opened_len = mark.start(), len(kind)
        elif opened is not None:
            yield QuoteMarks(opened + opened_len, mark.start(), opened, mark.end())
            opened = None
    if opened is not None and NEXT_OPENS.match(text, end):
        # a quote running on into the next paragraph, which opens with a mark again
        # (the convention for a quotation of several paragraphs): it ends here
        yield QuoteMarks(opened + opened_len, end, opened, end)


NEXT_OPENS = re.compile(r"\s*(?:``|[\"“„])")


SINGLE_QUOTE = re.compile(r"(?<![\w'’‘])(['‘])((?:[^'’‘\n]|['’](?=\w))+?)['’](?![\w'’])")


def single_quotes(text: str) -> Iterator[QuoteMarks]:
    """'...' and ‘...’ passages; an apostrophe inside a word (It’s, Taliban's) does not close."""
    for match in SINGLE_QUOTE.finditer(text):
        yield QuoteMarks(match.start(2), match.end(2), match.start(), match.end())


def is_statement(content: str) -> bool:
    return len(re.findall(r"[\w’'-]+", content)) >= MIN_QUOTE_WORDS


def is_quotation(text: str, marks: QuoteMarks) -> bool:
    """A quotation rather than a label or scare quotes: three words or more, and a quote
    of fewer than ``SHORT_QUOTE_WORDS`` words only where an attribution stands right
    beside it (`"Not even one," he said`, `He said: "Not even one."`), not inside a
    sentence (`called it "a total stiff"`, `said on "Meet the Press."`)."""
    content = text[marks.start : marks.end]
    words = len(re.findall(r"[\w’'-]+", content))
    if words < MIN_QUOTE_WORDS:
        return False
    if words >= SHORT_QUOTE_WORDS:
        return True
    if all(w[:1].isupper() or w.lower() in NAME_JOINERS for w in re.findall(r"[\w’'-]+", content)):
        return False  # a title or a name: "Sunday Morning Futures," Rep. Issa said
    before = text[max(0, marks.outer_start - 3) : marks.outer_start].rstrip(" \t")
    after = text[marks.outer_end : marks.outer_end + 2]
    if content.rstrip()[-1:] in ".?!" and (not before or before[-1:] in ".?!\n"):
        return True  # a sentence of its own (`... said Abdul Rahim. "My house is gone."`)
    if content.rstrip()[-1:] in "?!":
        # `"Why?" he asked`, `"This is fantastic!" beamed X`; not `yelled "You lie!" at`
        following = re.match(r"\s*([a-z]+)", text[marks.outer_end : marks.outer_end + 30])
        if following is None or following.group(1) in PRONOUNS or following.group(1) in SPEECH_VERBS:
            return True
    return content.rstrip()[-1:] in ",—-" or after.startswith(",") or before[-1:] in (":", ",")


# ---------------------------------------------------------------- 2. attach


@dataclass(frozen=True, slots=True)
class Attribution:
    verb: Token
    subject: list[Token]  # the speaker phrase, as written


def attribute(doc: Doc, marks: QuoteMarks) -> Attribution | None:
    """The speech verb and speaker phrase of a quote, after it or else before it."""
    inner = doc.char_span(marks.outer_start, marks.outer_end, alignment_mode="expand")
    if inner is None or len(inner) == 0:
        return None
    return after_quote(doc, inner.start, inner.end) or before_quote(doc, inner.start, inner.end)


def after_quote(doc: Doc, quote_start: int, quote_end: int) -> Attribution | None:
    """`"...," X said`, `"...," said X`, `"..." X added`, `"...", according to X`."""
    i = quote_end
    while i < len(doc) and doc[i].text in {",", "-", "—", "–"}:
        i += 1
    if i < len(doc) and not starts_attribution(doc[quote_end - 2], doc[i]):
        return None
    window_end = min(len(doc), i + MAX_TOKENS_AFTER)
    for j in range(i, window_end):
        token = doc[j]
        if is_boundary(token):
            return None
        if token.lower_ == "according" and j + 1 < len(doc) and doc[j + 1].lower_ == "to":
            phrase = object_phrase(doc, j + 2)
            return Attribution(token, phrase) if phrase else None
        if is_speech_verb(token):
            if j == i:  # inverted: `"...," said NATO Secretary General Jens Stoltenberg`
                subject = subject_of(token, lo=j + 1, hi=window_end)
                if subject is None and token.lower_ not in NOT_INVERTED:
                    subject = object_phrase(doc, j + 1)
            else:
                subject = subject_of(token, lo=i, hi=j) or plain_phrase(doc, i, j) or leading_name(doc, i, j)
            if subject is None and token.dep_ == "conj" and token.head.i < quote_start:
                # `X called the move "an unprecedented step," but said ...`: X's clause
                subject = subject_of(token.head, lo=0, hi=token.head.i)
            return Attribution(token, subject) if subject else None
    return None


def starts_attribution(last_inside: Token, first_after: Token) -> bool:
    """Whether text after a quote can attribute it. A quote closing its sentence with
    a full stop ends the matter: `..."courts." But Mario Artaza said ...` starts a new
    sentence about someone else. After "?" or "!" a name may follow (`"Why?" Khalilzad
    asked`), but not a new clause (`"Why?" But ...`)."""
    if last_inside.text.endswith(".") and not first_after.is_lower:
        return False
    return not (last_inside.text in {"?", "!"} and first_after.pos_ in ("CCONJ", "ADV", "SCONJ"))


def before_quote(doc: Doc, quote_start: int, quote_end: int) -> Attribution | None:
    """`X said: "..."`, `X wrote in a Twitter message on Saturday: "..."`, `X also said "..."`,
    `X said:¶"..."`, `Clinton seemed ready to riff on it, telling the crowd, "..."`,
    `According to the newspaper, "..."`, `Trump called the plan "..."`."""
    k = quote_start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k >= 0 and doc[k].text == ":":
        found = colon_attribution(doc, k)
        if found is not None or k < quote_start - 1:
            return found
    elif k < quote_start - 1:
        return None  # a new paragraph without a colon before it
    lo = max(0, quote_start - MAX_TOKENS_BEFORE)
    for j in range(quote_start - 1, lo - 1, -1):
        token = doc[j]
        if is_boundary(token):
            return None
        if token.lower_ == "according" and j + 1 < quote_start and doc[j + 1].lower_ == "to":
            phrase = object_phrase(doc, j + 2)
            return Attribution(token, phrase) if phrase else None
        if is_speech_verb(token) or (token.lower_ in NAMING_VERBS and token.tag_.startswith("VB")):
            if token.lower_ in WEAK_VERBS and j + 1 < quote_start and doc[j + 1].text not in {":", ","}:
                return None  # "began to", "continued to": not speech here
            subject = clause_subject(token, hi=j) or agent_of(token, hi=quote_start) or name_before(doc, j)
            return Attribution(token, subject) if subject else None
        if token.pos_ in ("VERB", "AUX"):  # `said the talks were "going well"`: a fragment
            return None
    return None


# Speech verbs whose object after them is what was said, not who said it
# (`"Guardians of the Galaxy," posted the clip`).
NOT_INVERTED = frozenset("post posts posted report reports reported read reads tell tells told call called".split())
# Verbs that give a quote as what someone called something (`Trump called the plan "a
# disgrace"`), read only before the quote.
NAMING_VERBS = frozenset("call calls called calling label labels labeled labelled labeling dubbed dubbing".split())


def leading_name(doc: Doc, i: int, j: int) -> list[Token] | None:
    """A PERSON name opening the words between a quote and its verb, when the parse
    gives the verb no subject (`"...," Brent Bozell III, founder of ..., tells`)."""
    if doc[i].ent_iob_ != "B" or doc[i].ent_type_ != "PERSON":
        return None
    end = i + 1
    while end < j and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[i:end]) if end < j and doc[end].text == "," else None


def name_before(doc: Doc, j: int) -> list[Token] | None:
    """A PERSON name standing right before a verb, set off by commas, when the parse
    gives the verb no subject (`her senior policy adviser, Jake Sullivan, said:`)."""
    k = j - 1
    while k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0 or doc[k].ent_type_ != "PERSON":
        return None
    start = k
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return list(doc[start : k + 1])


def agent_of(verb: Token, hi: int) -> list[Token] | None:
    """Who asked in `Sanders was asked by host Bill Maher, "..."`."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i < hi:
                    return list(verb.doc[pobj.left_edge.i : pobj.i + 1])
    return None


def clause_subject(verb: Token, hi: int) -> list[Token] | None:
    """The subject of a verb, or of the clause it hangs from (`telling`, `adding`:
    the subject of the verb they modify), up to four levels, before token ``hi``."""
    own = subject_of(verb, lo=0, hi=hi)
    if own:
        return own  # `with Trump reportedly yelling: "..."`
    if verb.tag_ == "VBG" and verb.dep_ != "ROOT" and verb.i > 0 and verb.nbor(-1).text in {",", *QUOTE_TOKENS}:
        # `Trump told Newsmax that Romney "had ...," adding, "..."`: the participle goes
        # with the sentence's main clause, whatever it hangs from in the parse
        root = verb.sent.root
        subject = subject_of(root, lo=0, hi=hi) if root.i < verb.i else None
        if subject:
            return subject
    token = verb
    for _ in range(4):
        subject = subject_of(token, lo=0, hi=hi)
        if subject:
            return subject
        if token.head.i == token.i or token.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "acomp", "dep", "pcomp", "prep"):
            return None
        token = token.head
    return None


def colon_attribution(doc: Doc, colon: int) -> Attribution | None:
    """A quote introduced by a colon: `- Carl Bialik: "..."`, `Cruz continued:¶"..."`,
    `Trump then leaned in and boomed: "..."`, `Stated Stone: "..."`: the subject of the
    nearest verb before the colon in its sentence, or a name standing alone before it."""
    lo = max(0, colon - MAX_TOKENS_BEFORE - 8)
    before = doc[colon - 1] if colon > 0 else None
    if before is not None and before.ent_type_ == "PERSON":
        start = colon - 1
        while start > lo and doc[start - 1].ent_type_ == "PERSON" and doc[start].ent_iob_ != "B":
            start -= 1
        first = doc[start - 1] if start > 0 else None
        if first is None or first.is_space or first.text in {"-", "—", "–", ".", "(", "|"}:
            return Attribution(before, list(doc[start:colon]))  # `- Carl Bialik:`
    dash = next((j for j in range(colon - 1, max(lo, colon - 6) - 1, -1) if doc[j].text in {"-", "—", "–"}), None)
    if dash is not None and dash + 1 < colon and all(t.pos_ == "PROPN" or t.lower_ == "and" for t in doc[dash + 1 : colon]):
        return Attribution(doc[colon - 1], list(doc[dash + 1 : colon]))  # `... - HuffPollster:`
    start = lo
    for j in range(colon - 1, lo - 1, -1):
        if is_boundary(doc[j]):
            start = j + 1
            break
    speech = [j for j in range(colon - 1, start - 1, -1) if is_speech_verb(doc[j])]
    if speech and colon - speech[0] > COLON_VERB_DISTANCE:
        # `Sanders responded with a phrase that could have come from Trump himself:`
        subject = clause_subject(doc[speech[0]], hi=speech[0])
        return Attribution(doc[speech[0]], subject) if subject else None
    for j in range(colon - 1, start - 1, -1):
        token = doc[j]
        if token.lower_ == "according" and doc[j + 1].lower_ == "to":
            phrase = object_phrase(doc, j + 2)
            return Attribution(token, phrase) if phrase else None
        if token.pos_ == "VERB" or is_speech_verb(token):
            subject = clause_subject(token, hi=j)
            if subject is None and is_speech_verb(token) and (j == 0 or is_boundary(doc[j - 1]) or doc[j - 1].is_space):
                subject = object_phrase(doc, j + 1)  # `Stated Stone:`
            if subject is None:
                return None
            if not is_speech_verb(token) and not (colon - j <= COLON_VERB_DISTANCE and names_someone(subject)):
                return None  # `The timing doesn't surprise pollster Daron Shaw:`, `NBC News has proof:`
            return Attribution(token, subject)
    return None


# Tokens between a verb that is not a speech verb and the colon introducing a quote
# (`She then addressed the supporters again:`, `Trump leaned in and boomed:`).
COLON_VERB_DISTANCE = 5


def names_someone(phrase: Sequence[Token]) -> bool:
    """Whether a subject phrase is a person: a PERSON name, "he" or "she"."""
    words = [t for t in phrase if not t.is_punct]
    if len(words) == 1 and words[0].lower_ in PRONOUNS:
        return True
    if any(t.ent_type_ == "PERSON" for t in words) and words[-1].ent_type_ == "PERSON":
        return True
    return all(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in words)  # "Trump went even further:"


def is_boundary(token: Token) -> bool:
    return token.text in {".", "!", "?", ";"} or "\n" in token.text or token.text in QUOTE_TOKENS


QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''", "„"})


def is_speech_verb(token: Token) -> bool:
    word = token.lower_
    if word in PARTICLE_VERBS:
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return following is not None and following.lower_ == PARTICLE_VERBS[word]
    return word in SPEECH_VERBS and token.tag_.startswith("VB")


def subject_of(verb: Token, lo: int, hi: int) -> list[Token] | None:
    """The verb's subject phrase within ``[lo, hi)``: the head noun and its left modifiers."""
    doc = verb.doc
    # of two subjects the parse gives (`Berea, OH, ..., Gov. John Kasich (R-OH), said`),
    # the one nearest the verb
    for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
        if child.dep_ == "nsubjpass" and verb.lower_ in SPEECH_VERBS:
            return None  # `Trump was asked, "..."`, `he was told`: the subject is not the speaker
        if child.dep_ in ("nsubj", "nsubjpass") and lo <= child.i < hi:
            start = max(child.left_edge.i, lo)
            opening = next((k for k in range(child.i, start - 1, -1) if doc[k].text == "("), None)
            if opening is not None and opening > lo and ")" not in {t.text for t in doc[opening : child.i + 1]}:
                # `Gov. John Kasich (R-OH), said`: the name before the parenthesis
                named = doc[opening - 1]
                return list(doc[max(named.left_edge.i, lo) : opening])
            return list(doc[start : child.i + 1])
    return None


def object_phrase(doc: Doc, i: int) -> list[Token] | None:
    """The noun phrase starting at token ``i`` (after "said" or "according to")."""
    j = i
    while j < len(doc) and (doc[j].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or doc[j].text in {"-", "'s", "’s"}):
        j += 1
    return list(doc[i:j]) if j > i else None


def plain_phrase(doc: Doc, lo: int, hi: int) -> list[Token] | None:
    """Fallback when the parse gives the verb no subject: a short verbless phrase."""
    tokens = list(doc[lo:hi])
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if len(tokens) >= 3 and tokens[-1].like_num and tokens[-2].text == ",":
        tokens = tokens[:-2]  # `Ramos, 58, told AFP`
    if 0 < len(tokens) <= 6 and not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        # a noun phrase: not a bare "but", nor "line by", "about the decision"
        if tokens[-1].pos_ in ("NOUN", "PROPN", "PRON") and tokens[0].pos_ not in NOT_SPEAKER_START:
            return tokens
    return None


# ---------------------------------------------------------------- 3. resolve


def resolve_speaker(phrase: list[Token], index: NameIndex, recent_people: Sequence[Sequence[Person]],
                    genders: Mapping[str, str] | None = None) -> str | None:
    """A speaker phrase as the name a reader wants, or None when unsure."""
    words = [t for t in phrase if not t.is_punct]
    if not words:
        return None
    if len(words) == 1 and words[0].lower_ in PRONOUNS:
        return person_in_focus(recent_people, PRONOUNS[words[0].lower_], genders or {})
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
        if ent is not None and (index.person(ent.text) or ent.label_ == "PERSON"):
            return index.person(ent.text) or ent.text
    text = doc[lo:hi].text
    if head.pos_ == "PROPN" and head.is_title and all(t.pos_ == "PROPN" for t in words):
        if head.ent_type_ in ("NORP", "GPE", "LOC"):
            return index.person(text)  # "Latinos", "White America": not someone speaking
        return index.person(text) or text  # a name the tagger missed
    if head.pos_ not in ("NOUN", "PROPN") and "year-old" not in text:  # "the 46-year-old" is someone
        return None  # a speaker is a noun phrase
    if head.pos_ == "PROPN" and not any(t.pos_ == "NOUN" for t in words):
        return index.person(text)  # a name not a person's ("White America", "OH")
    if head.lower_ in NOT_SPEAKER_NOUNS:
        return index.role(text)  # "The first incident", "the city": no one speaking
    return index.role(text) or description(text)


# Parts of speech and words a speaker phrase does not start with.
NOT_SPEAKER_START = frozenset({"ADP", "CCONJ", "SCONJ", "ADV", "VERB", "AUX", "PART", "INTJ"})
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


def person_in_focus(recent_people: Sequence[Sequence[Person]], gender: str, genders: Mapping[str, str]) -> str | None:
    """Who "he"/"she" is: going back sentence by sentence (``PRONOUN_LOOKBACK``), the
    first that mentions someone the pronoun can be decides:
      - a sentence whose subject is the same pronoun ("She said she would...") is
        about the same person: look further back;
      - its one person of that gender, or of several, the one subject of its main
        clause, or the one subject;
      - a sentence naming people only as objects ("Don't Republicans risk more liberal
        nominees than Obama?") gives way to the speaker of a quote just before it;
      - someone unnamed as a subject ("a Foreign Office spokesman said"), or several
        candidates: unsure (None).
    A person's gender comes from ``genders`` (first names, Mr/Mrs/Ms, roles); unknown
    goes with either pronoun."""
    window = [people for people in recent_people if people][-PRONOUN_LOOKBACK:]
    for back, people in enumerate(reversed(window)):
        fits = [p for p in people if p.name not in PRONOUNS and (genders.get(p.name) or p.gender) in (None, gender)]
        same_pronoun = any(p.name in PRONOUNS and p.rank and PRONOUNS[p.name] == gender for p in people)
        if not fits:
            continue
        main = {p.name for p in fits if p.rank >= 2}
        if same_pronoun and not main:
            continue  # "she considered supporting Donald Trump": the pronoun's person again
        if not any(p.rank for p in fits):
            earlier = [p for sentence in window[: len(window) - 1 - back] for p in sentence
                       if p.rank == SPEAKER_RANK and (genders.get(p.name) or p.gender) in (None, gender)]
            if earlier:
                return earlier[-1].name
        for chosen in (main, {p.name for p in fits if p.rank}, {p.name for p in fits}):
            if len(chosen) == 1:
                return chosen.pop() or None  # "" = someone unnamed: unsure
            if chosen:
                return None
    return None


# Rank of the speaker of a quote in the sentence that attributes it.
SPEAKER_RANK = 3


def people_of(sentence_tokens: Sequence[Token], index: NameIndex, quoted: Sequence[QuoteMarks]) -> list[Person]:
    """People mentioned in a sentence outside quotes, with how much each is its subject."""
    found = []
    seen: set[int] = set()
    for token in sentence_tokens:
        if token.ent_iob_ != "B" and token.dep_ not in ("nsubj", "nsubjpass"):
            continue  # (cheap tests first: most tokens are neither)
        if in_quotes(token.idx, quoted):
            continue
        if token.ent_iob_ == "B":
            ent = entity_at(token)
            name = index.person(ent.text) if ent is not None else None
            if name and not name.split()[0].endswith("ing"):  # not "Telling Jeb Bush"
                found.append(Person(name, subject_rank(ent.root)))
                seen.update(range(ent.start, ent.end))
        elif (token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass") and token.i not in seen and token.is_title
              and token.ent_type_ not in ("GPE", "NORP", "LOC", "DATE")
              and (token.i + 1 >= len(token.doc) or token.nbor(1).pos_ != "PROPN")
              and (token.i == 0 or token.nbor(-1).pos_ != "PROPN")
              and (token.i + 1 >= len(token.doc) or token.nbor(1).text not in {"-", "’s", "'s"})):
            name = index.person(token.text)  # a surname the recognizer missed here ("Rubio disagreed")
            rank = subject_rank(token)
            if name:
                found.append(Person(name, rank))
            elif rank == 2 and token.dep_ in ("nsubj", "nsubjpass") and token.ent_type_ in ("", "PERSON", "ORG"):
                found.append(Person("", rank))  # a main subject unknown as a person: unsure
        elif token.lower_ in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            found.append(Person(token.lower_, subject_rank(token), PRONOUNS[token.lower_]))
    found = asked_first(found, sentence_tokens, index)
    for chunk_root in {t.head for t in sentence_tokens if t.dep_ == "det"}:
        name = index.role(sentence_tokens[0].doc[chunk_root.left_edge.i : chunk_root.i + 1].text)
        if name and not in_quotes(chunk_root.idx, quoted):
            found.append(Person(name, subject_rank(chunk_root)))
    return found + unnamed_people(sentence_tokens, quoted)


def asked_first(found: list[Person], sentence_tokens: Sequence[Token], index: NameIndex) -> list[Person]:
    """In `Earhardt then asked Rubio which states he could win`, the one asked is who
    answers next: the person asked takes the subject's place."""
    for token in sentence_tokens:
        if token.lower_ in ("asked", "asks", "pressed", "questioned") and token.dep_ == "ROOT":
            asked = [c for c in token.children if c.dep_ in ("dobj", "dative")]
            names = [index.person(entity_at(c).text) for c in asked if entity_at(c) is not None]
            names = [n for n in names if n]
            if len(names) == 1:
                return [Person(p.name, 0, p.gender) if p.rank == 2 else p for p in found] + [Person(names[0], 2)]
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
    they can be the "he" of the next quote too, so they make "he" ambiguous ("")."""
    return [
        Person("", subject_rank(t), NOUN_GENDER.get(t.lower_))
        for t in sentence_tokens
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and t.lower_ in HUMAN_NOUNS
        and t.ent_type_ != "PERSON" and not in_quotes(t.idx, quoted)
        and not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in t.children)  # "His wife, Susan Miller,"
    ]


# Nouns for people who speak in news; seen as unnamed subjects in DUC stories.
HUMAN_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official officials minister president chairman
    chairwoman director commander chief leader adviser advisor ambassador negotiator mayor
    governor senator lawyer attorney prosecutor judge officer diplomat source sources analyst
    expert professor witness resident man woman doctor aide secretary envoy representative
    executive wife husband mother father son daughter brother sister""".split()
)
# Nouns heading a phrase that is no one speaking (`The first incident came ...,
# shouting "..."`, `"New York values," the city ...`).
NOT_SPEAKER_NOUNS = frozenset(
    """incident city town clip time day week month year proposal decision plan way thing fact
    case event moment issue problem question idea area country state world place part
    result results number numbers percent share rate price cost""".split()
)
NOUN_GENDER = {
    "spokesman": "m", "chairman": "m", "man": "m", "husband": "m", "father": "m", "son": "m",
    "brother": "m", "spokeswoman": "f", "chairwoman": "f", "woman": "f", "wife": "f",
    "mother": "f", "daughter": "f", "sister": "f", "congresswoman": "f", "congressman": "m",
}


def subject_rank(token: Token) -> int:
    """2 for the subject of the sentence's main clause (or of a clause joined to it),
    1 for another subject, 0 otherwise; a name joined to a subject ("Becker and
    Lindqvist met") or in apposition to it counts as it."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return 0
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return 2 if verb.dep_ == "ROOT" or is_speech_verb(verb) else 1


def is_subject(token: Token) -> bool:
    """Subject of its clause, or joined to one ("Becker and Lindqvist met")."""
    return subject_rank(token) > 0


# ---------------------------------------------------------------- gender


def story_genders(docs: Mapping[str, Doc], index: NameIndex) -> dict[str, str]:
    """The gender of each person of the story the text makes plain: a first name
    (``FEMALE_NAMES``, ``MALE_NAMES``), or "Mr."/"Mrs."/"Ms." before the name; a name
    with both is left unknown."""
    found: dict[str, set[str]] = {}
    for full in set(index.people.values()):
        words = [w.strip(".").lower() for w in full.split()]
        if len(words) >= 2:
            if words[0] in FEMALE_NAMES:
                found.setdefault(full, set()).add("f")
            elif words[0] in MALE_NAMES:
                found.setdefault(full, set()).add("m")
    for doc in docs.values():
        for match in HONORIFIC.finditer(text_of(doc)):
            name = index.person(match.group(2))
            if name:
                found.setdefault(name, set()).add("m" if match.group(1) == "Mr" else "f")
    return {name: genders.pop() for name, genders in found.items() if len(genders) == 1}


HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+\s+)?[A-Z][\w'’-]+)")
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
    tom tony dick al jay rob bob greg jeff jon dan matt nick sam ken ron hugh ivan orrin harry
    vladimir xi boris emmanuel angelo mohammed muhammad ahmed ali omar hassan abdul imran
    nawaz shehbaz zalmay jens ashraf hamid osama recep benjamin ehud yasser""".split()
)


# ---------------------------------------------------------------- the stage


class CachedNames:
    """A story's ``NameIndex`` with its lookups remembered: the quote stage asks for
    the same names sentence after sentence (``NameIndex.person`` scans every person
    for a surname)."""

    def __init__(self, index: NameIndex):
        self.index = index
        self.people = index.people
        self._person: dict[str, str | None] = {}
        self._role: dict[str, str | None] = {}

    def person(self, text: str) -> str | None:
        if text not in self._person:
            self._person[text] = self.index.person(text)
        return self._person[text]

    def role(self, text: str) -> str | None:
        if text not in self._role:
            self._role[text] = self.index.role(text)
        return self._role[text]


def extract_quotes(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> tuple[Quote, ...]:
    """Direct quotes of the story with resolved speakers, in order of first appearance."""
    if not articles:
        return ()
    docs = parse_articles(articles, sentences)
    index = CachedNames(build_name_index(docs))
    genders = story_genders(docs, index)
    found: list[Attributed] = []
    for article in articles:
        found.extend(article_quotes(article, docs[article.id], index, genders=genders))
    return merge_across_articles(found)


def article_attributions(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> list[Attributed]:
    """Every quote of every article before merging, with the speaker phrase's place
    (``mention``), unattributed quotes included with speaker "" (for evaluation)."""
    if not articles:
        return []
    docs = parse_articles(articles, sentences)
    index = CachedNames(build_name_index(docs))
    genders = story_genders(docs, index)
    found: list[Attributed] = []
    for article in articles:
        found.extend(article_quotes(article, docs[article.id], index, unattributed=True, genders=genders))
    return found


def article_quotes(article: Article, doc: Doc, index: NameIndex, unattributed: bool = False,
                   genders: Mapping[str, str] | None = None) -> list[Attributed]:
    text = article.text  # the Doc's text (doc.text joins every token on each call)
    marks = [m for m in find_quotes(text) if is_quotation(text, m)]
    quoted = QuotedText(marks)
    by_sentence: dict[int, list[QuoteMarks]] = {}
    for m in marks:
        token = doc.char_span(m.outer_start, m.outer_end, alignment_mode="expand")
        if token is not None and len(token):
            by_sentence.setdefault(token[0].sent.start, []).append(m)
    results: list[Attributed] = []
    left: list[tuple[QuoteMarks, Attributed]] = []  # quotes without a speaker
    said: dict[QuoteMarks, int] = {}  # quote -> its entry in results
    attributed_here: list[QuoteMarks] = []  # quotes with an attribution of their own
    recent: list[list[Person]] = []
    last_verb: Token | None = None
    last_marks: QuoteMarks | None = None  # the last quote given a speaker
    for sent in doc.sents:
        speakers_here: list[Person] = []
        context = recent + [people_before(sent, index, quoted, by_sentence.get(sent.start, []))]
        for m in by_sentence.get(sent.start, []):
            attribution = attribute(doc, m)
            speaker = resolve_speaker(attribution.subject, index, context, genders) if attribution else None
            if speaker is None:
                if (attribution is None and results and last_marks is not None and continues(text, last_marks, m)
                        and not speech_verb_near(doc, m)):
                    # `"A," said X. "B."`: B is X's too
                    quoted_text, span = quote_text(text, m, article.id)
                    results.append(Attributed(results[-1].speaker, quoted_text, (span,), results[-1].mention))
                    said[m] = len(results) - 1
                    last_marks = m
                else:
                    left.append((m, Attributed("", *_text_and_spans(text, m, article.id))))
                    last_marks = None  # another quote between: no longer a continuation
                continue
            mention = (attribution.subject[0].idx, attribution.subject[-1].idx + len(attribution.subject[-1]))
            last_marks = m
            quoted_text, span = quote_text(text, m, article.id)
            if results and attribution.verb == last_verb and results[-1].speaker == speaker:
                # `"A," he said, "B."`: one quote in two parts
                previous = results[-1]
                results[-1] = Attributed(speaker, f"{previous.text} {quoted_text}", previous.spans + (span,), previous.mention)
            else:
                results.append(Attributed(speaker, quoted_text, (span,), mention))
            said[m] = len(results) - 1
            attributed_here.append(m)
            last_verb = attribution.verb
            if index.person(speaker) or speaker in index.people.values():
                speakers_here.append(Person(speaker, SPEAKER_RANK))
        mentioned = people_of(list(sent), index, quoted) + speakers_here
        if mentioned or not within_quote(sent, marks):
            recent.append(mentioned)  # a sentence inside a long quote does not count as one back
    results, left = run_on_speakers(text, marks, results, left, said, attributed_here)
    if unattributed:
        return sorted(results + [a for _, a in left], key=lambda a: a.spans[0].start)
    return results


def within_quote(sent, marks: Sequence[QuoteMarks]) -> bool:
    """Whether a sentence lies inside one quote's marks."""
    start, end = sent[0].idx, sent[-1].idx
    return any(m.outer_start <= start and end < m.outer_end + 2 for m in marks)


def run_on_speakers(text: str, marks: Sequence[QuoteMarks], results: list[Attributed],
                    left: list[tuple[QuoteMarks, Attributed]], said: Mapping[QuoteMarks, int],
                    own_attribution: Iterable[QuoteMarks] = ()) -> tuple[list[Attributed], list[tuple[QuoteMarks, Attributed]]]:
    """A quote running on into the next paragraph without a speaker of its own is the
    speaker's of the quote opening that paragraph, when that one has its own
    attribution (`"A¶"B," she said.`): one paragraph back, no further."""
    speaker_of = {m: results[n] for m, n in said.items()}
    own = set(own_attribution)
    following = {a: b for a, b in zip(marks, marks[1:])}
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
    return sorted(results + added, key=lambda a: a.spans[0].start), still_left[::-1]


def _text_and_spans(text: str, marks: QuoteMarks, article_id: str) -> tuple[str, tuple[Span, ...]]:
    quoted_text, span = quote_text(text, marks, article_id)
    return quoted_text, (span,)


def continues(text: str, previous: QuoteMarks | None, marks: QuoteMarks) -> bool:
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
        return len(gap) <= MAX_CONTINUATION_GAP and (not ends or not gap[ends[-1].end() :].strip())
    attribution, _, start = gap.rpartition("\n")
    return not start.strip() and len(attribution.strip()) <= MAX_PARAGRAPH_TAIL and opens_statement(text, previous)


def speech_verb_near(doc: Doc, marks: QuoteMarks) -> bool:
    """Whether a speech verb stands in the quote's sentence right after it: its own
    attribution, unread (`"Yes," Brent Bozell III, founder of ..., tells Breitbart`)."""
    span = doc.char_span(marks.outer_start, marks.outer_end, alignment_mode="expand")
    if span is None:
        return False
    for token in doc[span.end : span.end + MAX_TOKENS_AFTER + 4]:
        if token.text in {".", "!", "?", ";"} or "\n" in token.text or token.text in QUOTE_TOKENS:
            return False
        if token.lower_ in SPEECH_VERBS or token.lower_ in PARTICLE_VERBS:
            return True
    return False


def opens_statement(text: str, marks: QuoteMarks) -> bool:
    """Whether a quote stands as a statement of its own: it opens its paragraph or
    follows a comma or colon (`X said, "..."`), rather than finishing someone's
    sentence (`saying he "has consistently demonstrated ..."`)."""
    before = text[: marks.outer_start].rstrip(" \t")
    return not before or before[-1] in "\n,:.?!"


# `, said Abdul Rahim, a farmer from the village of Jati. ` is ~60 characters; `,"
# Spencer said, as a few young fighters worked out inside the gym, while ...` ~190; a
# longer gap holds more than an attribution.
MAX_CONTINUATION_GAP = 200
# What may follow an attributed quote at the end of its paragraph for a quote opening
# the next paragraph to go on with the same speaker (`," Trump said, referring to ...`).
MAX_PARAGRAPH_TAIL = 120
# A sentence end: a stop followed by a capital or a quote mark ("Sept. 16" is none).
SENTENCE_END = re.compile(r"[.!?]+[\"”’']?(?=\s+[A-Z“\"‘`]|\s*$)")


def people_before(sent, index: NameIndex, quoted: Sequence[QuoteMarks], here: Sequence[QuoteMarks]) -> list[Person]:
    """People named in a sentence before its first quote ("In Kabul, Khalilzad said: "...)."""
    if not here:
        return []
    first = min(m.outer_start for m in here)
    return people_of([t for t in sent if t.idx < first], index, quoted)


def quote_text(text: str, marks: QuoteMarks, article_id: str) -> tuple[str, Span]:
    """The quote without marks, surrounding space or the comma that leads to the
    attribution, and where exactly that text stands."""
    raw = text[marks.start : marks.end]
    start = marks.start + len(raw) - len(raw.lstrip())
    content = raw.strip().rstrip(",").rstrip()
    return content, Span(article_id, start, start + len(content))


# ---------------------------------------------------------------- 4. merge


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
    a name and a description ("a US official") are the same speaker told twice."""
    return a == b or not (is_name(a) and is_name(b))


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
