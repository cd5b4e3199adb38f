"""Who said what: direct quotes with their speakers resolved to full names.

    1. find     quoted passages in the raw text: straight, curly and ``PTB'' double
                quotes, single quotes, spanning sentences within a paragraph
    2. attach   a speech verb right after the quote (`"...," X said`, `"..." said X`,
                `"..." he added`) or right before it (`X said: "..."`, `X tweeted "..."`)
    3. resolve  the verb's subject: a name -> the fullest name of the story ("Mr
                Stoltenberg" -> "Jens Stoltenberg"); "he"/"she" -> the one person the
                preceding sentence is about; a role held by one named person ("the US
                special envoy") -> that person; any other description stays as written
    4. merge    the same quote in several articles -> one entry citing all

A wrong speaker is worse than none: a quote whose speaker cannot be settled (two
candidate people, "they", a verb too far away) is left out. Scare quotes (one or two
words: 'peace talks', "resolved differences") are not quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, Quote, Sentence, Span
from .entities import NameIndex, build_name_index
from .nlp import entity_at, parse_articles

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs that attribute speech, by surface form (the lemmatizer is not loaded).
SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added adding tweet tweets tweeted
    write writes wrote written note notes noted announce announces announced stress stresses
    stressed state states stated explain explains explained elaborate elaborates elaborated
    insist insists insisted warn warns warned claim claims claimed declare declares declared
    reply replies replied respond responds responded continue continues continued argue argues
    argued ask asks asked recall recalls recalled admit admits admitted acknowledge
    acknowledged acknowledges emphasise emphasised emphasize emphasized underline underlined
    conclude concluded remark remarked comment commented observe observed predict predicted
    suggest suggested urge urged vow vowed promise promised confirm confirmed report reported
    posted post posts shout shouted cry cried whisper whispered testify testified""".split()
)
# Quotes of one or two words are scare quotes or labels, not statements.
MIN_QUOTE_WORDS = 3
# How far from the quote the attribution may stand (tokens), from the example story
# ("..., Imtiyaz Gul, from the Centre for Research and Security Studies in Islamabad told")
# and DUC articles; further away the verb usually belongs to another clause.
MAX_TOKENS_AFTER = 16
MAX_TOKENS_BEFORE = 12
PRONOUNS = frozenset({"he", "she"})
# Sentences looked back to find who "he"/"she" is.
PRONOUN_LOOKBACK = 3

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


SINGLE_QUOTE = re.compile(r"(?<![\w'’‘])(['‘])((?:[^'’‘\n]|['’](?=\w))+?)['’](?![\w'’])")


def single_quotes(text: str) -> Iterator[QuoteMarks]:
    """'...' and ‘...’ passages; an apostrophe inside a word (It’s, Taliban's) does not close."""
    for match in SINGLE_QUOTE.finditer(text):
        yield QuoteMarks(match.start(2), match.end(2), match.start(), match.end())


def is_statement(content: str) -> bool:
    return len(re.findall(r"[\w’'-]+", content)) >= MIN_QUOTE_WORDS


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
                subject = subject_of(token, lo=j + 1, hi=window_end) or object_phrase(doc, j + 1)
            else:
                subject = subject_of(token, lo=i, hi=j) or plain_phrase(doc, i, j)
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
    """`X said: "..."`, `X wrote in a Twitter message on Saturday: "..."`, `X also said "..."`."""
    lo = max(0, quote_start - MAX_TOKENS_BEFORE)
    for j in range(quote_start - 1, lo - 1, -1):
        token = doc[j]
        if is_boundary(token):
            return None
        if is_speech_verb(token):
            subject = subject_of(token, lo=0, hi=j) or subject_of(token.head, lo=0, hi=j)
            return Attribution(token, subject) if subject else None
        if token.pos_ in ("VERB", "AUX"):  # `said the talks were "going well"`: a fragment
            return None
    return None


def is_boundary(token: Token) -> bool:
    return token.text in {".", "!", "?", ";"} or "\n" in token.text or token.text in QUOTE_TOKENS


QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''", "„"})


def is_speech_verb(token: Token) -> bool:
    return token.lower_ in SPEECH_VERBS and token.tag_.startswith("VB")


def subject_of(verb: Token, lo: int, hi: int) -> list[Token] | None:
    """The verb's subject phrase within ``[lo, hi)``: the head noun and its left modifiers."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and lo <= child.i < hi:
            start = max(child.left_edge.i, lo)
            return list(verb.doc[start : child.i + 1])
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
    if 0 < len(tokens) <= 6 and not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in tokens):  # not a bare "but"
            return tokens
    return None


# ---------------------------------------------------------------- 3. resolve


def resolve_speaker(
    phrase: list[Token], index: NameIndex, recent_people: list[list[tuple[str, bool]]]
) -> str | None:
    """A speaker phrase as the name a reader wants, or None when unsure."""
    words = [t for t in phrase if not t.is_punct]
    if not words:
        return None
    if len(words) == 1 and words[0].lower_ in PRONOUNS:
        return person_in_focus(recent_people)
    if words[0].pos_ == "PRON" and len(words) == 1:
        return None  # "they", "we", "it": a group or unclear
    doc = words[0].doc
    lo, hi = words[0].i, words[-1].i + 1
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
        return index.person(text) or text  # a name the tagger missed
    return index.role(text) or description(text)


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


def person_in_focus(recent_people: list[list[tuple[str, bool]]]) -> str | None:
    """Who "he"/"she" is: the one person of the nearest preceding sentence naming
    people; of several, the one that is the subject; else nobody (unsure)."""
    for people in reversed(recent_people[-PRONOUN_LOOKBACK:]):
        if not people:
            continue
        names = {name for name, _ in people}
        if len(names) == 1:
            return names.pop() or None  # "" = someone unnamed: unsure
        subjects = {name for name, is_subject in people if is_subject}
        return (subjects.pop() or None) if len(subjects) == 1 else None
    return None


def people_of(sentence_tokens: Sequence[Token], index: NameIndex, quoted: Sequence[QuoteMarks]) -> list[tuple[str, bool]]:
    """People named in a sentence outside quotes, with whether each is a subject."""
    found = []
    for token in sentence_tokens:
        if token.ent_iob_ != "B" or any(q.start <= token.idx < q.end for q in quoted):
            continue
        ent = entity_at(token)
        name = index.person(ent.text) if ent is not None else None
        if name:
            found.append((name, is_subject(ent.root)))
    for chunk_root in {t.head for t in sentence_tokens if t.dep_ == "det"}:
        name = index.role(sentence_tokens[0].doc[chunk_root.left_edge.i : chunk_root.i + 1].text)
        if name and not any(q.start <= chunk_root.idx < q.end for q in quoted):
            found.append((name, is_subject(chunk_root)))
    return found + unnamed_people(sentence_tokens, quoted)


def unnamed_people(sentence_tokens: Sequence[Token], quoted: Sequence[QuoteMarks]) -> list[tuple[str, bool]]:
    """People a sentence names only by description ("a Foreign Office spokesman said"):
    they can be the "he" of the next quote too, so they make "he" ambiguous ("")."""
    return [
        ("", True)
        for t in sentence_tokens
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and t.lower_ in HUMAN_NOUNS
        and t.ent_type_ != "PERSON" and not any(q.start <= t.idx < q.end for q in quoted)
    ]


# Nouns for people who speak in news; seen as unnamed subjects in DUC stories.
HUMAN_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official officials minister president chairman
    chairwoman director commander chief leader adviser advisor ambassador negotiator mayor
    governor senator lawyer attorney prosecutor judge officer diplomat source sources analyst
    expert professor witness resident man woman doctor aide secretary envoy representative
    executive""".split()
)


def is_subject(token: Token) -> bool:
    """Subject of its clause, or joined to one ("Becker and Lindqvist met")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


# ---------------------------------------------------------------- the stage


def extract_quotes(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> tuple[Quote, ...]:
    """Direct quotes of the story with resolved speakers, in order of first appearance."""
    if not articles:
        return ()
    docs = parse_articles(articles, sentences)
    index = build_name_index(docs)
    found: list[Attributed] = []
    for article in articles:
        found.extend(article_quotes(article, docs[article.id], index))
    return merge_across_articles(found)


def article_attributions(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> list[Attributed]:
    """Every quote of every article before merging, with the speaker phrase's place
    (``mention``), unattributed quotes included with speaker "" (for evaluation)."""
    if not articles:
        return []
    docs = parse_articles(articles, sentences)
    index = build_name_index(docs)
    found: list[Attributed] = []
    for article in articles:
        found.extend(article_quotes(article, docs[article.id], index, unattributed=True))
    return found


def article_quotes(article: Article, doc: Doc, index: NameIndex, unattributed: bool = False) -> list[Attributed]:
    text = article.text  # the Doc's text (doc.text joins every token on each call)
    marks = [m for m in find_quotes(text) if is_statement(text[m.start : m.end])]
    quoted = marks
    by_sentence: dict[int, list[QuoteMarks]] = {}
    for m in marks:
        token = doc.char_span(m.outer_start, m.outer_end, alignment_mode="expand")
        if token is not None and len(token):
            by_sentence.setdefault(token[0].sent.start, []).append(m)
    results: list[Attributed] = []
    left: list[Attributed] = []  # quotes without a speaker
    recent: list[list[tuple[str, bool]]] = []
    last_verb: Token | None = None
    last_marks: QuoteMarks | None = None
    for sent in doc.sents:
        speakers_here: list[tuple[str, bool]] = []
        context = recent + [people_before(sent, index, quoted, by_sentence.get(sent.start, []))]
        for m in by_sentence.get(sent.start, []):
            attribution = attribute(doc, m)
            if attribution is None:
                if results and continues(text, last_marks, m):
                    # `"A," said X. "B."`: B is X's too
                    quoted_text, span = quote_text(text, m, article.id)
                    results.append(Attributed(results[-1].speaker, quoted_text, (span,), results[-1].mention))
                    last_marks = m
                elif unattributed:
                    left.append(Attributed("", *_text_and_spans(text, m, article.id)))
                continue
            speaker = resolve_speaker(attribution.subject, index, context)
            if speaker is None:
                if unattributed:
                    left.append(Attributed("", *_text_and_spans(text, m, article.id)))
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
            last_verb = attribution.verb
            if index.person(speaker) or speaker in index.people.values():
                speakers_here.append((speaker, True))
        recent.append(people_of(list(sent), index, quoted) + speakers_here)
    if unattributed:
        return sorted(results + left, key=lambda a: a.spans[0].start)
    return results


def _text_and_spans(text: str, marks: QuoteMarks, article_id: str) -> tuple[str, tuple[Span, ...]]:
    quoted_text, span = quote_text(text, marks, article_id)
    return quoted_text, (span,)


def continues(text: str, previous: QuoteMarks | None, marks: QuoteMarks) -> bool:
    """An unattributed quote right after an attributed one, in the same paragraph,
    with only that attribution between them, is the same speaker going on."""
    if previous is None or previous.outer_end > marks.outer_start:
        return False
    gap = text[previous.outer_end : marks.outer_start]
    return "\n" not in gap and len(gap) <= MAX_CONTINUATION_GAP and len(re.findall(r"[.!?]", gap)) <= 1


# `, said Abdul Rahim, a farmer from the village of Jati. ` is ~60 characters; a longer
# gap holds more than an attribution.
MAX_CONTINUATION_GAP = 120


def people_before(sent, index: NameIndex, quoted: Sequence[QuoteMarks], here: Sequence[QuoteMarks]) -> list[tuple[str, bool]]:
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
