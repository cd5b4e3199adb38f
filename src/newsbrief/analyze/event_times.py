"""When one event happened, as different articles tell it: clock times and calendar days
of the same event given different values ("took off at 8:38 p.m." / "took off at 8:45").

    1. find     sentences with a clock time ("8:38 p.m.", "9:40:29", "10 p.m.") or a day
                of a month ("July 16", "16 July") and a word of an event that happens
                once to its subject (take off, land, crash, vanish...); only those are
                parsed (syntax only, ``nlp.parse_syntax``)
    2. event    the time must hang on the event word itself: "took off ... at 8:38",
                "was scheduled to land about 10 p.m.", "the July 19 crash"; a time on
                anything else ("after a rapid descent at 9:38") says nothing of the event
    3. subject  who or what the event happened to: the verb's subject ("the plane took
                off"), the noun a participle hangs on ("the plane, ... left at 8:38"),
                "of" after an event noun ("the crash of the aircraft"). Pronouns are
                not read (who "it" is is not settled). A name in the subject's modifiers
                or an ordinal tells subjects apart ("the first plane" / "the second
                plane"). An event with no subject joins the one subject the story gives
                that event, and is left out when it gives several.
                A planned event ("was due to land", "expected to arrive") is not the
                event itself.
    4. tell     values given by different articles, at the precision the less precise
                one has (9:40:29 and 9:40 agree; July 16 and July 16, 1999 agree):
                  approximation  every difference is within what a rough value allows:
                                 "about T"/"around T" covers 5 minutes either side (15
                                 when T is a whole hour: "about 10 p.m."), "shortly
                                 after T" the 15 minutes after T, "shortly before T"
                                 the 15 before. An unqualified time is precise: "8:40"
                                 and "8:38" disagree, as do "about 8:40" and "8:45"
                  change         every difference is a later article that says it
                                 revises the figure ("revised", "corrected", "than first
                                 reported", "the final report said"): new data
                  conflict       otherwise
                Bounds ("after 10 p.m.", "by 10 p.m.", "before dawn") are not values.

The value shown is the text's ("about 10 p.m.", "July 16, 1999").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import Article, Conflict, FigureValue, Sentence, Span
from .lexicon import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Events that happen once to their subject: a second value for the same subject is a
# disagreement, not a second event. Keys are shown in the subject of the conflict.
EVENT_WORDS = {
    "took off": re.compile(r"take|takes|took|taken|taking"),  # with the particle "off"
    "took off or left": re.compile(r"takeoff|take-off|depart\w*|left|leaves?|leaving"),
    "landed": re.compile(r"land|lands|landed|landing|arriv\w*"),
    "crashed": re.compile(r"crash|crashes|crashed"),
    "vanished": re.compile(r"vanish\w*|disappear\w*"),
    "exploded": re.compile(r"explod\w*|explosion"),
    "died": re.compile(r"die|died|dies|death"),
    "was born": re.compile(r"born|birth"),
}
# "took off" and "left"/"departed" are one event (a departure); shown as the first.
SAME_EVENT = {"took off or left": "took off"}
# A verb above the event that makes it a plan, not what happened: "was due to land".
PLANNED = frozenset("due expected scheduled supposed planned set slated meant intended".split())
# One thing under several names, as a subject.
SUBJECT_CLASSES = {"plane": frozenset("plane aircraft airplane airliner jet flight".split())}
CLASS_OF_SUBJECT = {word: key for key, words in SUBJECT_CLASSES.items() for word in words}

CLOCK = re.compile(r"(\d{1,2})(?::(\d\d))?(?::(\d\d))?")
HALF_DAY = {"a.m.": "am", "am": "am", "a.m": "am", "p.m.": "pm", "pm": "pm", "p.m": "pm"}
ZONE = re.compile(r"[ECMP][DS]T|GMT|UTC")
ROUGH = frozenset("about around approximately roughly nearly almost some".split())
NEAR = {"shortly": 15, "just": 15, "soon": 15}  # "shortly after 9 p.m."
BOUNDS = frozenset("after before by until till since between from to through".split())
# A later article says it revises what was told before: new data, not a disagreement.
REVISION = re.compile(
    r"\brevis\w*|\bcorrect(?:ed|ion)\b|\bthan (?:first|initially|previously|earlier) "
    r"(?:believed|thought|reported|said|estimated)|\b(?:final|official) report (?:said|says|showed|shows|found|finds)"
    r"|\baccording to the (?:final|official) report|\blater (?:said|put|placed|corrected)|\bnow (?:say|says|put|puts)\b"
)


@dataclass(frozen=True, slots=True)
class Told:
    """One article's value for when one event happened."""

    article_id: str
    event: str  # "took off", "crashed"
    subject: str  # "plane", "kennedy", "" when the sentence gives none
    subject_shown: str  # as written: "plane", "Kennedy"
    names: frozenset[str]  # names and ordinals in the subject: "kennedy", "second"
    kind: str  # "time" | "day"
    value: tuple[int, ...]  # minutes (12-hour clock) and seconds; (month, day, year or 0)
    half: str  # "am" / "pm" / "" for times
    precision: int  # 1 = minutes, 2 = seconds for times; 2 = no year, 3 = with year for days
    low: int  # minutes a rough time may lie from its value, before and after
    high: int
    shown: str
    zone: str  # "EDT", "GMT", "local"; "" when the text names none
    sentence: Sentence
    date: str | None
    revises: bool  # the sentence says it revises an earlier figure


# ---------------------------------------------------------------- 1. find


def could_hold(words: Sequence[str]) -> bool:
    """A sentence worth parsing: a clock time or a day of a month, and an event word."""
    lower = [w.lower() for w in words]
    timed = any(
        (CLOCK.fullmatch(w) and ":" in w) or (CLOCK.fullmatch(w) and nxt in HALF_DAY) or (w in MONTHS and nxt.isdigit())
        or (w.isdigit() and nxt in MONTHS)
        for w, nxt in zip(lower, [*lower[1:], ""], strict=True)
    )
    return timed and any(w in CONTACT_NOUNS or any(p.fullmatch(w) for p in EVENT_WORDS.values()) for w in lower)


# ---------------------------------------------------------------- 2.-3. read


def read_told(doc: Doc, sentence: Sentence, date: str | None) -> list[Told]:
    """Every clock time and day of a month in a parsed sentence that dates an event."""
    found = []
    revises = bool(REVISION.search(sentence.text.lower()))
    for token in doc:
        value = time_at(token) or day_at(token)
        if value is None:
            continue
        kind, numbers, half, precision, phrase = value
        anchor = phrase[-1] if kind == "time" else next(t for t in phrase if t.lower_.rstrip(".") in MONTHS)
        low, high, bounded = qualified(doc, phrase[0].i)
        if bounded:
            continue
        event = event_of(anchor)
        if event is None:
            continue
        name, verb = event
        who = subject_of(verb)
        if who is None:
            continue  # a pronoun: who it is is not settled
        subject, names, subject_shown = who
        shown = doc[phrase[0].i - qualifier_length(doc, phrase[0].i) : phrase[-1].i + 1].text
        zone = zone_of(phrase[-1])
        found.append(Told(sentence.article_id, name, subject, subject_shown, names, kind, numbers, half, precision, low, high,
                          shown.strip(" ,"), zone, sentence, date, revises))
    return found


def time_at(token: Token):
    """ "8:38 p.m.", "9:40:29", "10 p.m." starting at ``token``."""
    match = CLOCK.fullmatch(token.text)
    if match is None:
        return None
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    half = HALF_DAY.get(after.lower_, "") if after is not None else ""
    if not match.group(2) and not half:
        return None  # "10" alone is no time
    hours, minutes, seconds = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if hours > 12 and half or hours > 23 or minutes > 59:
        return None
    total = (hours % 12) * 60 + minutes
    phrase = [token, after] if half else [token]
    zone = token.doc[phrase[-1].i + 1] if phrase[-1].i + 1 < len(token.doc) else None
    if zone is not None and ZONE.fullmatch(zone.text):
        phrase.append(zone)  # "8:30 p.m. EDT": the zone is what the parse hangs the time by
    return ("time", (total, int(seconds or 0)), half if hours <= 12 else ("pm" if hours >= 12 else "am"),
            2 if seconds else 1, phrase)


def day_at(token: Token):
    """ "July 16", "July 16, 1999", "16 July" starting at ``token``."""
    doc = token.doc
    if token.lower_.rstrip(".") not in MONTHS:
        return None
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i > 0 else None
    if following is not None and following.text.isdigit() and 1 <= int(following.text) <= 31:
        day, phrase = int(following.text), [token, following]
    elif before is not None and before.text.isdigit() and 1 <= int(before.text) <= 31:
        day, phrase = int(before.text), [before, token]
    else:
        return None
    year = 0
    rest = doc[phrase[-1].i + 1 : phrase[-1].i + 3]
    if len(rest) == 2 and rest[0].text == "," and re.fullmatch(r"1[89]\d\d|20\d\d", rest[1].text):
        year = int(rest[1].text)
        phrase.append(rest[1])
    month = MONTH_NUMBER[token.lower_.rstrip(".")[:3]]
    return ("day", (month, day, year), "", 3 if year else 2, phrase)


def zone_of(last: Token) -> str:
    """The time zone a time is told in: "EDT", "local" ("1:19 a.m. local time")."""
    if ZONE.fullmatch(last.text):
        return last.text
    following = [t.lower_ for t in last.doc[last.i + 1 : last.i + 3]]
    return "local" if following == ["local", "time"] else ""


MONTH_NUMBER = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def qualified(doc: Doc, start: int) -> tuple[int, int, bool]:
    """(minutes before, minutes after, is a bound) allowed by the words before a time."""
    words = [t.lower_ for t in doc[max(0, start - 3) : start]]
    last = words[-1] if words else ""
    if last in ("after", "before") and len(words) >= 2 and words[-2] in NEAR:
        span = NEAR[words[-2]]
        return (0, span, False) if last == "after" else (span, 0, False)
    if last in ROUGH or (len(words) >= 2 and last == "to" and words[-2] == "close"):
        return (-1, -1, False)  # rough: the span depends on the value (see tolerance)
    return (0, 0, last in BOUNDS)


def qualifier_length(doc: Doc, start: int) -> int:
    words = [t.lower_ for t in doc[max(0, start - 2) : start]]
    if len(words) == 2 and words[0] in NEAR and words[1] in ("after", "before"):
        return 2
    return 1 if words and words[-1] in ROUGH else 0


def event_of(anchor: Token) -> tuple[str, Token] | None:
    """The once-only event the time hangs on, and its word: "took off ... at 8:38" (the
    time's preposition hangs on the verb), "land about 10 p.m." (the time is the verb's
    object or modifier), "the July 19 crash" (the day modifies the noun), "the last
    radar contact came at 9:39" (the event is the light verb's subject)."""
    head = anchor.head
    opening = None
    if head.lower_ in ("at", "on") and head.i < anchor.i and (head.dep_ == "prep" or head.dep_ == "ROOT" and head.i == 0):
        opening = head if opens_sentence(head, anchor) else None
        head = head.head  # a fragment's root "At" is its own head: only the opening rule reads it
    elif anchor.dep_ in ("pobj",):
        return None  # "after 10 p.m.", "between 9:30 and 10": a bound or a range
    main = main_verb(anchor.doc) if opening is not None else None
    heads = [head] if main is None or main == head else [head, main]
    for word in heads:
        for candidate in (word, *[c for c in anchor.children if c.dep_ == "appos"]):
            name = event_name(candidate)
            if name is not None:
                return name, candidate
        contact = contact_event(word)
        if contact is not None:
            return contact
        for planned_word in planned_verb(word):
            name = event_name(planned_word)
            if name is not None:
                return name, word  # the subject is the one of "was"
    return None


def opens_sentence(preposition: Token, anchor: Token) -> bool:
    """ "At 9:39 p.m., ... the plane vanished": a time phrase opening the sentence and
    closed by a comma dates its main clause, wherever the parse hung it (a dash or an
    aside between them misleads the parser)."""
    doc = anchor.doc
    if any(t.pos_ not in ("CCONJ", "PUNCT") for t in doc[: preposition.i]):
        return False
    after = anchor.i + 1
    while after < len(doc) and (doc[after].lower_ in HALF_DAY or ZONE.fullmatch(doc[after].text)):
        after += 1
    return after < len(doc) and doc[after].text == ","


def main_verb(doc: Doc) -> Token | None:
    """The verb of the sentence's main clause; None when the parse gives it several (the
    parser may cut a sentence at a dash into fragments: the one verb root is the main
    clause)."""
    roots = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    return roots[0] if len(roots) == 1 else None


# The last radar contact is the moment the plane vanished from radar: "the last radar
# signal from the plane was received at 9:38", "the last contact with the plane came at
# 9:39", "controllers lost radar contact with the plane at 9:40". Radio contact is
# another channel, another moment ("the last radio contact at 9:20").
CONTACT_NOUNS = frozenset("contact signal hit return blip transmission".split())
LIGHT_VERBS = frozenset("came come comes occurred occurs happened was is were received recorded registered logged".split())
LOSE = frozenset("lost lose loses losing".split())
# an unqualified "last contact" may be radar or radio: read as the vanishing only when
# the story tells of no radio contact (see grouped)
CONTACT_UNSETTLED = "vanished?"


def contact_event(word: Token) -> tuple[str, Token] | None:
    """(event, contact noun) when ``word`` is a last contact ("the last radar contact at
    9:40"), a light verb whose subject is one ("came", "was received"), or "lost" with a
    contact as its object or passive subject. The noun carries the subject ("with the
    plane", "from Kennedy's plane")."""
    if word.pos_ == "NOUN":
        return contact_name(word, needs_last=True)
    if word.lower_ in LIGHT_VERBS:
        subject = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return contact_name(subject, needs_last=True) if subject is not None else None
    if word.lower_ in LOSE and not planned(word):
        noun = next((c for c in word.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return contact_name(noun, needs_last=False) if noun is not None else None
    return None


def contact_name(noun: Token, needs_last: bool) -> tuple[str, Token] | None:
    if noun.pos_ != "NOUN" or noun.lower_ not in CONTACT_NOUNS:
        return None
    modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    if needs_last and not modifiers & {"last", "final"}:
        return None
    if "radio" in modifiers:
        return "lost radio contact", noun
    if "radar" in modifiers or noun.lower_ in ("hit", "return", "blip"):
        return "vanished", noun
    return CONTACT_UNSETTLED, noun


def event_name(word: Token) -> str | None:
    for name, pattern in EVENT_WORDS.items():
        if not pattern.fullmatch(word.lower_):
            continue
        if name == "took off" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in word.children):
            return None
        if word.pos_ not in ("VERB", "NOUN", "AUX", "ADJ"):
            return None
        name = SAME_EVENT.get(name, name)
        return ("was due: " + name) if planned(word) else name
    return None


def planned_verb(word: Token) -> list[Token]:
    """ "was due to land ... at 10:30", the time hung on "was": the verb planned."""
    for plan in word.children:
        if plan.dep_ in ("acomp", "xcomp") and plan.lower_ in PLANNED:
            for child in plan.subtree:
                after_to = child.i > 0 and child.doc[child.i - 1].lower_ == "to"
                if (child.pos_ == "VERB" or after_to) and child.i > plan.i and event_name(child):
                    return [child]
    return []


def planned(verb: Token) -> bool:
    """ "was due to land", "expected to arrive", "scheduled to land": a plan."""
    head = verb
    while head.dep_ in ("xcomp", "ccomp", "pobj", "pcomp", "prep") and head.head.i != head.i:
        head = head.head
        if head.lower_ in PLANNED:
            return True
    return False


def subject_of(event: Token) -> tuple[str, frozenset[str], str] | None:
    """(subject, names in it) of an event word; ("", {}) when the sentence gives none,
    None when it is a pronoun."""
    verb = event
    for _ in range(4):  # up through "was due to" and "and was scheduled to"
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject_key(subject)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return subject_key(verb.head)  # "the plane, owned by him, left at 8:38"
        if verb.dep_ == "conj" and not joined(verb):
            return None  # the parse gave this clause's subject to another verb: not settled
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    if event.pos_ == "NOUN":
        owners = ("of", "with", "from") if event.lower_ in CONTACT_NOUNS else ("of",)
        of = next((c for c in event.children if c.dep_ == "prep" and c.lower_ in owners), None)
        objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        if objects:
            return subject_key(objects[0])
        owner = next((c for c in event.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            return subject_key(owner)
        if owner is not None:
            return None  # "its takeoff"
    return ("", frozenset(), "")


def joined(verb: Token) -> bool:
    """ "took off at 8:30 and was due to land": a verb joined to the one before it by
    "and", "or", "but" or a comma shares its subject. One the parse conjoins with no such
    word ("were killed when the plane he was piloting crashed") has a subject of its own
    the parse did not find."""
    head = verb.head
    return any(c.dep_ in ("cc", "punct") and head.i < c.i < verb.i for c in head.children) or any(
        c.dep_ == "cc" and c.i < verb.i for c in verb.children)


def subject_key(noun: Token) -> tuple[str, frozenset[str], str] | None:
    if noun.pos_ == "PRON" or noun.lower_ in ("who", "which", "that"):
        return None
    word = noun.lower_.removesuffix("'s")
    names = frozenset(
        c.lower_.removesuffix("'s")
        for c in noun.subtree
        if c.i < noun.i and c.dep_ in ("compound", "poss", "amod", "nummod")
        and (c.pos_ == "PROPN" or c.ent_type_ == "ORDINAL" or c.lower_ in ORDINALS)
    )
    key = CLASS_OF_SUBJECT.get(word, word)
    return key, names, (noun.text.removesuffix("'s") if noun.pos_ == "PROPN" else key)


ORDINALS = frozenset("first second third fourth fifth last other".split())


# ---------------------------------------------------------------- 4. tell


def same_subject(a: Told, b: Told) -> bool:
    return a.subject == b.subject and (not a.names or not b.names or bool(a.names & b.names))


def tolerance(told: Told) -> tuple[int, int]:
    """Minutes before and after its value a time may lie."""
    if told.low != -1:
        return told.low, told.high
    minutes = told.value[0] % 60
    return (15, 15) if minutes == 0 else (5, 5)


def differ(a: Told, b: Told) -> str:
    """ "" when two values agree, "rough" when they differ within what a rough value
    allows, "differ" when they disagree."""
    if a.kind == "day":
        if a.value[:2] != b.value[:2]:
            return "differ"
        return "differ" if a.value[2] and b.value[2] and a.value[2] != b.value[2] else ""
    if a.half and b.half and a.half != b.half:
        return "differ"
    seconds = a.precision == 2 and b.precision == 2
    gap = (b.value[0] - a.value[0]) * 60 + ((b.value[1] - a.value[1]) if seconds else 0)
    gap = (gap + 360 * 60) % (720 * 60) - 360 * 60  # on a 12-hour clock, the nearer way round
    if gap == 0:
        return ""
    before_a, after_a = tolerance(a)
    before_b, after_b = tolerance(b)
    minutes = gap / 60
    # b lies within a's span, or a within b's (the spans of two rough values overlap)
    return "rough" if -before_a - after_b <= minutes <= after_a + before_b else "differ"


def kind_of(values: Mapping[tuple, Sequence[Told]]) -> str | None:
    """How the values of one event differ, from every two articles giving different ones."""
    keys = list(values)
    found = set()
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            for ta in values[a]:
                for tb in values[b]:
                    if ta.article_id == tb.article_id:
                        continue
                    how = differ(ta, tb)
                    if how == "differ" and (revised(ta, tb) or revised(tb, ta)):
                        how = "change"
                    if how:
                        found.add(how)
    if "differ" in found:
        return "conflict"
    if "change" in found:
        return "change"
    return "approximation" if "rough" in found else None


def revised(later: Told, earlier: Told) -> bool:
    return later.revises and bool(later.date and earlier.date) and later.date > earlier.date  # type: ignore[operator]


def grouped(told: Sequence[Told]) -> list[list[Told]]:
    """Values of one event of one subject. Values with no subject join the one subject
    the story gives the event, and are left out when it gives several."""
    by_event: dict[tuple[str, str], list[Told]] = defaultdict(list)
    radio = any(t.event == "lost radio contact" for t in told)
    for t in told:
        if t.event == CONTACT_UNSETTLED:
            if radio:
                continue  # "the last contact" in a story of radio and radar contact: which is not settled
            t = replace(t, event="vanished")
        by_event[(t.event, t.kind)].append(t)
    groups = []
    for members in by_event.values():
        named = [t for t in members if t.subject]
        subjects: list[list[Told]] = []
        for t in named:
            home = next((g for g in subjects if all(same_subject(t, o) for o in g)), None)
            if home is None:
                subjects.append([t])
            else:
                home.append(t)
        if len(subjects) == 1:
            subjects[0].extend(t for t in members if not t.subject)
        groups.extend(subjects)
    return groups


def told_twice(group: Sequence[Told]) -> bool:
    """An article giving the event two different values ("10:25 a.m. -- Plane leaves
    Newark", "4:30 p.m. -- Plane departs Los Angeles") shows that it happens more than
    once to its subject (the legs of a flight): no value of another article can be said
    to disagree."""
    by_article: dict[str, list[Told]] = defaultdict(list)
    for t in group:
        by_article[t.article_id].append(t)
    return any(differ(a, b) for ts in by_article.values() for i, a in enumerate(ts) for b in ts[i + 1 :])


def value_key(t: Told) -> tuple:
    """Values equal at their own precision are one value."""
    if t.kind == "day":
        return (t.value[0], t.value[1], t.value[2])
    return (t.value[0], t.value[1], t.half, t.low, t.high)


def conflict_of(group: Sequence[Told]) -> Conflict | None:
    by_value: dict[tuple, list[Told]] = defaultdict(list)
    for t in group:
        by_value[value_key(t)].append(t)
    if len(by_value) < 2 or len({t.article_id for t in group}) < 2:
        return None
    if len({t.zone for t in group if t.zone}) > 1:
        return None  # told in different zones: which zone a time without one is in is not settled
    if told_twice(group):
        return None
    kind = kind_of(by_value)
    if kind is None:
        return None
    ordered = list(by_value.values())
    if kind == "change":
        ordered.sort(key=lambda ts: min(t.date or "9999" for t in ts))
    values = tuple(
        FigureValue(
            value=ts[0].shown,
            text=ts[0].sentence.text,
            citations=tuple(dict.fromkeys(t.article_id for t in ts)),
            spans=tuple(dict.fromkeys(Span.of(t.sentence) for t in ts)),
            date=min((t.date for t in ts if t.date), default=None),
        )
        for ts in ordered
    )
    return Conflict(subject=subject_text(group), values=values, kind=kind)


def subject_text(group: Sequence[Told]) -> str:
    """ "time the plane took off", "day the plane crashed", "time the plane was due:
    landed" -> "time the plane was due to land"."""
    first = group[0]
    subject = next((t.subject_shown for t in group if t.subject), "")
    what = "time" if first.kind == "time" else "day"
    event = first.event
    if event.startswith("was due: "):
        event = "was due to " + DUE_FORM.get(event.removeprefix("was due: "), event.removeprefix("was due: "))
    if not subject:
        return f"{what} it {event}"
    article = "the " if subject.islower() else ""
    return f"{what} {article}{subject} {event}"


DUE_FORM = {"took off": "take off", "lost radio contact": "lose radio contact", "landed": "land", "crashed": "crash", "vanished": "vanish",
            "exploded": "explode", "died": "die", "was born": "be born"}


# ---------------------------------------------------------------- the stage


def event_time_conflicts(
    articles: Sequence[Article], docs: Mapping[str, Doc], sentences: Mapping[str, Sequence[Sentence]],
    dates: Mapping[str, str | None],
) -> list[Conflict]:
    """Clock times and days of one event given different values by different articles."""
    from .nlp import parse_syntax

    requests, cited = [], []
    for article in articles:
        doc = docs[article.id]
        for sentence in sentences.get(article.id, ()):
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None or not len(span) or not could_hold([t.text for t in span]):
                continue
            requests.append((doc, span.start, span.end))
            cited.append((article, sentence))
    told = []
    for parsed, (article, sentence) in zip(parse_syntax(requests), cited, strict=True):
        told.extend(read_told(parsed, sentence, dates.get(article.id)))
    found = [conflict_of(group) for group in grouped(told)]
    return [c for c in found if c is not None]
