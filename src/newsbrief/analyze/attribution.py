"""Where a quote's attribution stands and who its subject is, read from the parse
(step 3 of the quote stage, ``quotes.py``; ``nlp`` reads it too, to decide whether the
words before a quote must be parsed as well).

    3. attach   a speech verb right after the quote (`"...," X said`, `"..." said X`,
                `"..." he added`) or right before it (`X said: "..."`, `X tweeted "..."`,
                `Clinton seemed ready to riff, telling the crowd, "..."`), a colon
                (`Cruz continued:¶"..."`, `Trump leaned in and boomed: "..."`, `- Carl
                Bialik: "..."`), `according to X`, `was asked by X`; a participle
                (`, adding`) takes the subject of the sentence's main clause; a passive
                speech verb (`Trump was asked, "..."`) gives no speaker, nor does one
                an indirect question asks about (`asked X what he would say to "..."`)

The speaker phrase is returned as written; ``quotes.resolve_speaker`` says who it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import PARTICLE_VERBS, PRONOUNS, ROLE_NOUNS, SPEECH_VERBS, TITLES
from .marks import QUOTE_TOKENS, QuoteMarks, is_boundary
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Speech verbs that attribute only right beside a quote ("...," he began), not before it
# ("began to ...") or with a noun ("the sign read").
WEAK_VERBS = frozenset({"begin", "began", "read", "reads", "continue", "continues", "continued", "laughed", "sighed"})


@dataclass(frozen=True, slots=True)
class Attribution:
    verb: Token
    subject: list[Token]  # the speaker phrase, as written


def attribute(doc: Doc, marks: QuoteMarks, settings: AnalysisSettings = DEFAULT) -> Attribution | None:
    """The speech verb and speaker phrase of a quote, after it or else before it."""
    inner = doc.char_span(marks.outer_start, marks.outer_end, alignment_mode="expand")
    if inner is None or len(inner) == 0:
        return None
    found = after_quote(doc, inner.start, inner.end, settings)
    if found is not None:
        return reported_within(doc, inner.start, inner.end, found) or found
    return before_quote(doc, inner.start, inner.end, settings) or handed_on(doc, inner.end)


def handed_on(doc: Doc, quote_end: int) -> Attribution | None:
    """`"The resurrection ... has begun, and nothing can stop it," he bellowed over
    loudspeakers`: a quote closed by a comma hands itself to the words after it, so "he"/
    "she" or a name and a verb in the past tense there attribute it, though no list knows
    the verb as one of speaking. Not a verb with an object after it (`," he threw the
    ball`: an action)."""
    if quote_end < 2 or quote_end >= len(doc) or doc[quote_end - 2].text != ",":
        return None
    k = quote_end
    while k < len(doc) and doc[k].ent_type_ == "PERSON" and doc[k].pos_ == "PROPN":
        k += 1
    if k == quote_end and doc[k].lower_ in ("he", "she"):
        k += 1
    if k == quote_end or k + 1 >= len(doc):
        return None
    verb, after = doc[k], doc[k + 1]
    if verb.tag_ != "VBD" or verb.pos_ != "VERB" or not (after.text in {".", ",", ";"} or after.pos_ in ("ADP", "ADV")):
        return None
    return Attribution(verb, list(doc[quote_end:k]))


def reported_within(doc: Doc, quote_start: int, quote_end: int, after: Attribution) -> Attribution | None:
    """The speech verb before a quote whose clause the quote finishes, when an attribution
    after it names someone else (`But Kennedy responded that he "wanted to do it alone," the
    instructor told the board`): the words are the first verb's subject's, the one after
    only reports them. Its subject speaks (none: an empty phrase, unattributed). The verb
    is the nearest outside the quote that governs it (`three priests praying "for ..."` in
    a sentence on a Mass that "was said" is praying, no speech verb)."""
    if quote_start == 0 or doc[quote_start].is_sent_start:
        return None
    if doc[quote_start - 1].text in {",", ":"} and not only_reports(after):
        return None  # `X said, "..."`: a statement of its own
    first = next((t for t in doc[quote_start:] if not (t.is_space or t.text in QUOTE_TOKENS)), None)
    if first is None:
        return None
    verb = next((t for t in first.ancestors if t.pos_ in ("VERB", "AUX") and not quote_start <= t.i < quote_end), None)
    if verb is None or verb.i > quote_start or verb.i == after.verb.i or not is_speech_verb(verb):
        return None
    return Attribution(verb, clause_subject(verb, hi=verb.i) or [])


def only_reports(attribution: Attribution) -> bool:
    """Whether an attribution after a quote only says who reported it (`..., the national news
    agency EFE reported`, `according to EFE`): an outlet passing on a statement whose own
    speaker the sentence names before the quote (`Party leader Jon Ibarra told the marchers
    that the crackdown, "only makes ...," EFE reported`) is not its speaker."""
    return attribution.verb.lower_ in REPORTING_VERBS


REPORTING_VERBS = frozenset("reported reports report according".split())


def after_quote(doc: Doc, quote_start: int, quote_end: int,
                settings: AnalysisSettings = DEFAULT) -> Attribution | None:
    """`"...," X said`, `"...," said X`, `"..." X added`, `"...", according to X`."""
    i = quote_end
    while i < len(doc) and doc[i].text in {",", "-", "—", "–"}:
        i += 1
    if i < len(doc) and not starts_attribution(doc[quote_end - 2], doc[i]) and not bare_attribution(doc, i):
        return None
    window_end = min(len(doc), i + settings.max_tokens_after)
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
                # `"... as well as for Rory" and her fiance, Mark Bailey, said a family
                # spokesman, Brian O'Connor`: a subject after the verb is its subject, the
                # words before it go on with the quote
                subject = (subject_of(token, lo=j + 1, hi=window_end) or subject_of(token, lo=i, hi=j)
                           or one_quoted(token, lo=i, hi=j)
                           or apposition_after(token, lo=i, hi=j) or plain_phrase(doc, i, j) or leading_name(doc, i, j))
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


def bare_attribution(doc: Doc, i: int) -> bool:
    """Whether the words at token ``i`` are only a name and a speech verb closing the
    sentence (`...for the same purpose." Labinski said.`: the comma before them left
    out), which attribute the quote before them whatever its last mark."""
    j = i
    while j < len(doc) and j - i < 4 and doc[j].is_title and doc[j].pos_ == "PROPN":
        j += 1
    return i < j and j + 1 < len(doc) and is_speech_verb(doc[j]) and doc[j + 1].text in {".", ","}


def before_quote(doc: Doc, quote_start: int, quote_end: int,
                 settings: AnalysisSettings = DEFAULT) -> Attribution | None:
    """`X said: "..."`, `X wrote in a Twitter message on Saturday: "..."`, `X also said "..."`,
    `X said:¶"..."`, `Clinton seemed ready to riff on it, telling the crowd, "..."`,
    `According to the newspaper, "..."`, `Trump called the plan "..."`."""
    k = quote_start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k >= 0 and doc[k].text == ":":
        if names_a_topic(doc, k, settings):
            return None  # `- On why men don't like to write checks: "..."`: the topic, not the speaker
        found = colon_attribution(doc, k, settings)
        if found is not None or k < quote_start - 1:
            return found
    elif k < quote_start - 1:
        return None  # a new paragraph without a colon before it
    lo = max(0, quote_start - settings.max_tokens_before)
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
            if asked_about(token):
                return None  # the quote is part of a question, not what the verb's subject said
            if attributes_quote_before(doc, j):
                return None  # `"A," said X, R-Ind. "B"`: the verb is A's; B goes on (``continues``)
            token = reporting_verb(token)
            subject = (quoted_as_saying_by(token) or clause_subject(token, hi=token.i) or agent_of(token, hi=quote_start)
                       or name_before(doc, token.i))
            return Attribution(token, subject) if subject else None
        if token.pos_ in ("VERB", "AUX"):  # `said the talks were "going well"`: a fragment
            return None
    return None


def reporting_verb(verb: Token) -> Token:
    """The verb whose subject speaks: the speech verb itself, or the one that reports it
    ("He said Stepinac's figure summed up ``the whole tragedy ...''": the pope said it,
    D31002T, unseen reading, session 19, gave it to "Stepinac's figure")."""
    head = verb.head
    if verb.dep_ == "ccomp" and head.i < verb.i and is_speech_verb(head) and head.lower_ not in WEAK_VERBS:
        return head
    return verb


def attributes_quote_before(doc: Doc, i: int) -> bool:
    """Whether the verb at ``i`` comes right after a closing quote (`"...spending,'' said
    Sen. Dan Coats`): it attributes that quote, and its parse subject, if any, lies inside
    those words ("barrel spending")."""
    k = i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text == ","):
        k -= 1
    return k >= 0 and doc[k].text in QUOTE_TOKENS


def asked_about(verb: Token) -> bool:
    """Whether a speech verb is what an indirect question asks about (`a reporter asked
    Bush what he would say to Canadians "who seem to think ..."`, `she wondered whether
    he had told them "..."`): the quote after it is the asker's wording of the question,
    and neither the one asked (the verb's subject) nor, reliably, the asker said it."""
    head = verb.head
    if head.i == verb.i or head.lower_ not in QUESTION_VERBS:
        return False
    return any(c.lower_ in QUESTION_WORDS and c.i < verb.i for c in verb.children)


QUESTION_VERBS = frozenset(
    "ask asks asked asking wonder wonders wondered wondering inquire inquires inquired question questioned".split()
)
QUESTION_WORDS = frozenset("what whether if how why when where who which".split())


# Speech verbs whose object after them is what was said, not who said it
# (`"Guardians of the Galaxy," posted the clip`).
NOT_INVERTED = frozenset("post posts posted report reports reported read reads tell tells told call called".split())
# Verbs that give a quote as what someone called something (`Trump called the plan "a
# disgrace"`), read only before the quote.
NAMING_VERBS = frozenset("call calls called calling label labels labeled labelled labeling dubbed dubbing".split())


def apposition_after(verb: Token, lo: int, hi: int) -> list[Token] | None:
    """The speaker when the parse took the quote's last words for the verb's subject
    and the speaker for their apposition (`"... from calling the Canadian Embassy,"
    former District Attorney Odis Hill told`: "Embassy" the subject, "Hill" in
    apposition to it): words inside a quote are never its attribution's subject, the
    apposition within ``[lo, hi)`` is."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < lo:
            for appos in child.children:
                if appos.dep_ == "appos" and lo <= appos.i < hi:
                    return list(verb.doc[max(appos.left_edge.i, lo) : appos.i + 1])
    return None


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
    own = one_quoted(verb, lo=0, hi=hi) or subject_of(verb, lo=0, hi=hi)
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


def colon_attribution(doc: Doc, colon: int, settings: AnalysisSettings = DEFAULT) -> Attribution | None:
    """A quote introduced by a colon: `- Carl Bialik: "..."`, `Cruz continued:¶"..."`,
    `Trump then leaned in and boomed: "..."`, `Stated Stone: "..."`: the subject of the
    nearest verb before the colon in its sentence, or a name standing alone before it."""
    lo = max(0, colon - settings.max_tokens_before - 8)
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
    if speech and colon - speech[0] > settings.colon_verb_distance:
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
            if not is_speech_verb(token) and not (colon - j <= settings.colon_verb_distance and names_someone(subject)):
                return None  # `The timing doesn't surprise pollster Daron Shaw:`, `NBC News has proof:`
            return Attribution(token, subject)
    return None


def names_a_topic(doc: Doc, colon: int, settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether the clause before a colon names a topic ("On fame:", "On Monica Lewinsky and
    President Clinton:", "On why men don't like to write checks:"): a word of topics, then
    no speech verb or a question word; it says what the quote after it is about, and who
    is in it did not say it ("On Friday, he remarked:" has a speaker)."""
    lo = max(0, colon - settings.max_tokens_before - 8)
    start = next((j + 1 for j in range(colon - 1, lo - 1, -1) if is_boundary(doc[j])), lo)
    words = [t for t in doc[start:colon] if not t.is_punct and not t.is_space]
    if len(words) < 2 or words[0].lower_ not in TOPIC_OPENERS:
        return False
    return words[1].lower_ in QUESTION_WORDS or not any(is_speech_verb(t) for t in words)


# Words opening a line that names the topic of the quote after its colon (a list of a
# comedian's lines: "On fame: ``...''", "On Monica Lewinsky and President Clinton: ``...''").
TOPIC_OPENERS = frozenset({"on", "about", "regarding", "concerning"})
QUESTION_WORDS = frozenset({"why", "how", "what", "whether", "who", "when", "where"})


def names_someone(phrase: Sequence[Token]) -> bool:
    """Whether a subject phrase is a person: a PERSON name, "he" or "she"."""
    words = [t for t in phrase if not t.is_punct]
    if len(words) == 1 and words[0].lower_ in PRONOUNS:
        return True
    if any(t.ent_type_ == "PERSON" for t in words) and words[-1].ent_type_ == "PERSON":
        return True
    return all(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in words)  # "Trump went even further:"


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
        if child.dep_ == "nsubjpass" and verb.lower_ in SPEECH_VERBS and not quoted_as_saying(verb):
            return None  # `Trump was asked, "..."`, `he was told`: the subject is not the speaker
        if child.dep_ in ("nsubj", "nsubjpass") and lo <= child.i < hi:
            if verbless_aside(verb, child) or in_parentheses(child, verb):
                continue
            if child.lower_ == "who" and verb.dep_ == "relcl" and lo <= verb.head.i < hi and child.i > 0 \
                    and doc[child.i - 1].text == ",":
                # `Founder Shawn Fanning, who started Napster ..., said`: who is the one the
                # clause set off describes (the parse hung the speech verb inside the clause);
                # not `an architect who said he was stiffed ..., saying` (a walk up from another
                # clause into a clause defining someone)
                return list(doc[max(verb.head.left_edge.i, lo) : verb.head.i + 1])
            start = max(child.left_edge.i, lo)
            opening = next((k for k in range(child.i, start - 1, -1) if doc[k].text == "("), None)
            if opening is not None and opening > lo and ")" not in {t.text for t in doc[opening : child.i + 1]}:
                # `Gov. John Kasich (R-OH), said`: the name before the parenthesis
                named = doc[opening - 1]
                return list(doc[max(named.left_edge.i, lo) : opening])
            return apposed_name(verb, child, lo) or name_closing_description(verb, child) or list(doc[start : child.i + 1])
    return None


def name_closing_description(verb: Token, subject: Token) -> list[Token] | None:
    """The name that closes a description "X of Y" right before the verb (`Director of the
    European Movement Stephen Woodard said`): the parse makes the title word the subject, but
    the name says who speaks (D0703A, unseen reading: the speaker shown was "Director")."""
    doc = verb.doc
    end = verb.i - 1 if verb.i > 0 and doc[verb.i - 1].text == "," else verb.i
    if subject.ent_type_ == "PERSON" or subject.i + 1 >= end or doc[subject.i + 1].lower_ != "of":
        return None
    start = end
    while start > subject.i + 2 and doc[start - 1].ent_type_ == "PERSON" and doc[start - 1].ent_iob_ != "B":
        start -= 1
    start -= 1  # the name's first word
    if end - start < 2 or doc[start].ent_iob_ != "B" or doc[start].ent_type_ != "PERSON":
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";", "(") for t in doc[subject.i + 1 : start]):
        return None
    return list(doc[start:end])


def quoted_as_saying_by(verb: Token) -> list[Token] | None:
    """The one quoted in `Barksdale quotes Rosen as saying, "..."` (Rosen: D31033T, unseen
    reading, session 19, gave Microsoft's words to the Netscape witness who told them)."""
    if verb.lower_ != "saying" or verb.head.lower_ != "as":
        return None
    quoting = verb.head.head
    if quoting.lower_ not in QUOTING_VERBS:
        return None
    quoted = next((c for c in quoting.children if c.dep_ == "dobj"), None)
    return list(quoted.subtree) if quoted is not None else None


QUOTING_VERBS = frozenset("quote quotes quoted quoting cite cites cited citing".split())


def quoted_as_saying(verb: Token) -> bool:
    """`Moussa was quoted by the agency as saying`: the one quoted is the speaker, the agency
    only reports (a passive "quoted" with "as" and a speech verb after it)."""
    if verb.lower_ not in ("quoted", "cited"):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(is_speech_verb(g) for g in c.children)
               for c in verb.children)


def one_quoted(verb: Token, lo: int, hi: int) -> list[Token] | None:
    """Who "saying" is in `"...," Moussa was quoted by the agency as saying` (the subject of
    the passive) or `"...," Interfax quoted Stepashin as saying` (the object of the active:
    Interfax only reports)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or not quoted_as_saying(prep.head):
        return None
    quoted = prep.head
    if any(c.dep_ == "nsubjpass" for c in quoted.children):
        return subject_of(quoted, lo=lo, hi=hi)
    obj = next((c for c in quoted.children if c.dep_ == "dobj" and lo <= c.i < hi), None)
    return None if obj is None else list(quoted.doc[max(obj.left_edge.i, lo) : obj.i + 1])


def verbless_aside(verb: Token, subject: Token) -> bool:
    """Whether the parse took the noun of a verbless aside for the verb's subject: `Shawn
    Fanning, who started Napster last year while a student at Northeastern, said`: "while
    a student" (while he was one) describes the speaker, it does not name him; a real
    clause has no comma before its verb (`while a spokesman said the talks ...`)."""
    doc = verb.doc
    first = subject.left_edge
    return (first.lower_ in ("a", "an") and first.i > 0 and doc[first.i - 1].lower_ in ASIDE_MARKS
            and doc[first.i - 1].head.i == verb.i and verb.i > 0 and doc[verb.i - 1].text == ",")


def in_parentheses(subject: Token, verb: Token) -> bool:
    """Whether a subject stands inside parentheses closed before its verb (`Fanning, who
    started Napster (his nickname, a reference to his "nappy" frizzy hair) ..., said`): an
    aside, which the parse may hang on the verb, names no speaker."""
    doc = subject.doc
    opening = next((k for k in range(subject.i - 1, max(-1, subject.i - 30), -1) if doc[k].text in {"(", ")"}), None)
    if opening is None or doc[opening].text != "(":
        return False
    return any(t.text == ")" for t in doc[subject.i + 1 : verb.i])


ASIDE_MARKS = frozenset("while when though although once if as".split())


TITLE_WORDS = TITLES | ROLE_NOUNS  # "Mayor", "Rep.": before a name, not part of it


def apposed_name(verb: Token, subject: Token, lo: int) -> list[Token] | None:
    """The name set off by commas right before the verb when the subject is a description
    (`Putin's former mentor in St. Petersburg, ex-Mayor Anatoly Sobchak, told`): the parse
    hangs it on the nearest noun ("Petersburg"), but it names the one who speaks, and a
    description where the text names the speaker is a worse answer. Two name words at least
    after the titles; no verb between the description and the name."""
    doc = verb.doc
    end = verb.i - 1
    if subject.pos_ != "NOUN" or subject.ent_type_ or end <= subject.i + 2 or doc[end].text != ",":
        return None
    start = end
    while start > subject.i + 1 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    opener = start - 1
    if doc[opener].text == "-" and opener >= 2 and doc[opener - 1].lower_ == "ex":
        opener -= 2  # "ex-Mayor"
    if opener <= subject.i or opener < lo or doc[opener].text != ",":
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[subject.i + 1 : opener]):
        return None
    while start < end and doc[start].lower_.rstrip(".") in TITLE_WORDS:
        start += 1
    name = doc[start:end]
    if len(name) < 2 or any(t.ent_type_ not in ("", "PERSON") for t in name):
        return None
    return list(name)


def object_phrase(doc: Doc, i: int) -> list[Token] | None:
    """The noun phrase starting at token ``i`` (after "said" or "according to"). A
    determiner after its first word starts another phrase: `according to a report the
    group released Tuesday` is "a report" (a relative clause without "that" follows)."""
    j = i
    while j < len(doc) and (doc[j].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or doc[j].text in {"-", "'s", "’s"}):
        if j > i and doc[j].pos_ == "DET" and doc[j - 1].pos_ in ("NOUN", "PROPN", "NUM"):
            break
        j += 1
    return list(doc[i:j]) if j > i else None


def plain_phrase(doc: Doc, lo: int, hi: int) -> list[Token] | None:
    """Fallback when the parse gives the verb no subject: a short verbless phrase."""
    tokens = list(doc[lo:hi])
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if len(tokens) >= 3 and tokens[-1].like_num and tokens[-2].text == ",":
        tokens = tokens[:-2]  # `Ramos, 58, told AFP`
    if 0 < len(tokens) <= 6 and not any(t.pos_ in ("VERB", "AUX") and not name_as_verb(t) for t in tokens):
        # a noun phrase: not a bare "but", nor "line by", "about the decision"
        if ((tokens[-1].pos_ in ("NOUN", "PROPN", "PRON") or name_as_verb(tokens[-1]))
                and (tokens[0].pos_ not in NOT_SPEAKER_START or name_as_verb(tokens[0]))):
            return tokens
    return None


def name_as_verb(token: Token) -> bool:
    """A capitalized word inside a sentence that the tagger took for a verb: a name
    (`"...," Will wrote`: the columnist George Will, not the modal)."""
    return token.pos_ in ("VERB", "AUX") and token.is_title and not token.is_sent_start


# Parts of speech and words a speaker phrase does not start with.
NOT_SPEAKER_START = frozenset({"ADP", "CCONJ", "SCONJ", "ADV", "VERB", "AUX", "PART", "INTJ"})


