"""Whether two sentences report the same event, told in different words.

"The United States has confirmed that its envoy met the Taliban in Qatar" and
"Zalmay Khalilzad ... met Taliban representatives in the Qatari capital Doha" share
few words (the content-word overlap of ``support`` misses them) but the same actor,
action and place. A sentence is reduced to its event terms: names (one form per
name: "U.S." = "US" = "United States", "Qatari" = "Qatar"), the action (one term per
family of news verbs and nouns: met, talks, negotiations), numbers, and days. Two
sentences report the same event when they share an action, a name, and most of the
shorter one's terms, and name no different day (``same_event``); the story's own names
and words, which most of its articles hold, are set aside there, or every sentence of a
story on US-Taliban talks would report one event. A later article's sentence replaces
an earlier one that told the same event as ahead, or gave a smaller toll for it
(``supersedes``).

No parser runs (the summary must stay a few milliseconds per story), so this is a
word-level approximation: it misses paraphrases that share no name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .text import STOP_WORDS, CaselessPattern, stem

# Families of words for one kind of news event; each word counts as its family.
_ACTIONS = {
    "meet": "meet met meets meeting talks talk negotiation negotiations negotiate negotiated round session",
    "agree": "agree agreed agreement deal accord pact treaty settlement resolve resolved reconcile reconciled",
    "kill": "kill killed killing dead death deaths die died toll slain",
    "injure": "injure injured injuring wound wounded hurt",
    "attack": "attack attacked bomb bombing bombed blast blasts explosion exploded explode",
    "arrest": "arrest arrested detain detained detention custody apprehended",
    "vote": "vote voted voting election elected ballot poll polls",
    "win": "win won wins victory",
    "resign": "resign resigned resignation quit",
    "launch": "launch launched liftoff",
    "crash": "crash crashed",
    "withdraw": "withdraw withdrawal withdrew pullout",
    "charge": "charge charged indict indicted indictment accuse accused",
    "flee": "flee fled evacuate evacuated evacuation",
    "storm": "storm typhoon hurricane cyclone",
    "sanction": "sanction sanctions embargo",
    "strike": "strike strikes striking struck walkout",
    "land": "land landed landing touchdown",
    "arrive": "arrive arrived arrival",
    "convict": "convict convicted conviction verdict guilty",
    "sentence": "sentence sentenced",
    "sign": "sign signed signing",
    "approve": "approve approved approval ratify ratified",
    "rescue": "rescue rescued",
    "flood": "flood floods flooded flooding",
    "quake": "earthquake quake tremor",
    "fall": "fall fell fallen plunge plunged plummet plummeted collapse collapsed topple toppled",
    "foil": "foil foiled thwart thwarted repel repelled repulse repulsed",
    "seize": "seize seized confiscate confiscated",
    "dismiss": "dismiss dismissed sack sacked oust ousted",
    "visit": "visit visited visiting tour toured touring",
    "beatify": "beatify beatified beatification canonize canonized canonization",
}
# Steps that follow an event and are news of their own: told in a sentence with the event,
# they are what it reports.
_LATER_STEPS = frozenset("@charge @arrest @convict @sentence @resign @dismiss".split())
ACTION_OF = {stem(word): f"@{family}" for family, words in _ACTIONS.items() for word in words.split()}
# Reporting and filler words: every news sentence has them, they tell no event apart.
_FILLER = frozenset(
    "said say says told tell according reported report added official officials spokesman spokeswoman "
    "statement news agency year years day days week weeks month time people".split()
)
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# The one country every wire names three ways.
_US = frozenset("us usa america american americans washington".split())
_CAPITAL_BEFORE = re.compile(r"\b([A-Z][a-z]+) capital,? (?:city of )?([A-Z][a-z]+)")
_CAPITAL_AFTER = re.compile(r"\b([A-Z][a-z]+), (?:the )?([A-Z][a-z]+) capital\b")
# A capitalized word that does not open a sentence (after "... end. " or a line break). The
# capital comes first and what may not stand before it is looked behind from there: ``re``
# then jumps from capital to capital instead of trying every position (the same matches).
_CAPITALIZED = re.compile(
    r"[A-Z](?<!\w[A-Z])(?<![.!?] [A-Z])(?<![.!?]\" [A-Z])(?<![.!?]” [A-Z])(?<![.!?]' [A-Z])(?<![.!?]'' [A-Z])(?<!\n[A-Z])"
    r"(?:[A-Za-z.'’-]*[A-Za-z])?"
)
_UNITED_STATES = re.compile(r"\bUnited States(?: of America)?\b")

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*")

# Share of the shorter sentence's event terms the other must hold; or, when the names of
# the sentence naming fewer are (nearly) all in the other, this smaller share.
SAME_EVENT_SHARE = 0.5
SAME_NAMES_SHARE = 0.75
NAMED_EVENT_SHARE = 0.3
# Names and words in this share of the articles (of a story of at least TOPIC_MIN_ARTICLES)
# are the story's own and not compared (EventReader.topic). With fewer articles, one event
# may be all the story is about.
TOPIC_SHARE = 0.6
TOPIC_MIN_ARTICLES = 4
_NEGATIONS = frozenset("no not without never failed fail nor neither denied".split())
# Words telling that what follows them (within AHEAD_WINDOW words) is ahead: a modal, an
# expectation or a plan, "on the verge of", "close to a deal", "closing in on".
_AHEAD = frozenset(
    "will would could may might shall expect expects expected plan plans planned scheduled likely set poised "
    "about verge close closing perhaps hope hopes aim aims intend intends forecast predicted due".split()
)
# "Obama is to tour ...": a plan told with "is to" right before the action.
_TO_BE = frozenset("is are".split())
AHEAD_WINDOW = 4
# Share of what was told as ahead that the sentence telling the outcome retells.
OUTCOME_SHARE = 0.4
# A number this many words from an action word is a count of it ("killed at least 74").
FIGURE_WINDOW = 4
# Two sentences giving one count of one action ("killing 11 people", "11 workers were killed")
# report one fact, whatever else they name: from this count on, or below it when they also
# share a name (a story may tell of two attacks that each killed 3).
SAME_COUNT_MIN = 10
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december".split()
)
# (searched in every sentence read: a ``CaselessPattern``, not an IGNORECASE one)
_NEGATION = CaselessPattern(
    r"\b(?:no|not|without|never|failed|fail|nor|neither|denied)\b|n't\b",
    needed=("no", "without", "never", "fail", "neither", "denied", "n't"),
)
_CLAUSE = re.compile(r"[,;:()]|\s[-–—_]+\s|\b(?:but|while|although|though)\b")
# Endings that make a people, a plural or an adjective of a name ("Qatari", "Israelis",
# "Afghanistan" of "Afghan"); the name without it, of MIN_NAME letters at least, must be
# in the story too.
MIN_NAME = 4
_NAME_ENDINGS = ("istan", "ians", "ian", "ans", "ese", "ish", "an", "is", "es", "i", "s", "n")


@dataclass(frozen=True, slots=True)
class Event:
    """The event terms of one sentence."""

    terms: frozenset[str]
    actions: frozenset[str]
    names: frozenset[str]
    days: frozenset[str]
    own: frozenset[str]  # the terms without the story's own names and words (EventReader.topic)
    ahead: frozenset[str] = frozenset()  # actions told as ahead: "will vote", "could be close to a deal"
    figures: frozenset[tuple[str, str]] = frozenset()  # (action, number) told together: ("@kill", "129")
    # an effort or a count told as under way ("the operation ... is going to plan", "exit polls"), and
    # told as over ("the latest attempt ... has failed", "official tallies")
    ongoing: bool = False
    ended: bool = False
    plan: frozenset[str] = frozenset()  # what a plan told with any verb is about: "is set to extend a moratorium"
    main: str = ""  # the first action told ("@kill"), undenied: what the sentence reports (see ``retells``)
    subject: frozenset[str] = frozenset()  # the names before it: who does it, or to whom it happens
    around: frozenset[str] = frozenset()  # the terms within MAIN_WINDOW words of it: its who, where and when


class EventReader:
    """Reads sentences of one story into ``Event``s, with the story's name aliases."""

    def __init__(self, texts: Iterable[str], common: Collection[str] = ()) -> None:
        """``texts``: the story's articles; ``common``: the stems most of them hold (the
        story's own words, "talks" and "peace" in a story on peace talks), set aside with
        its names when two sentences are compared."""
        texts = list(texts)
        named = [_names(text) for text in texts]
        self._canonical = _aliases(set().union(*named))
        self._names = {self._canonical.get(n, n) for names in named for n in names}
        for text in texts:  # "the Qatari capital Doha": Doha stands for Qatar
            for country, city in _capitals(text):
                self._canonical[city] = self._canonical.get(country, country)
        common_actions = {ACTION_OF[w] for w in common if w in ACTION_OF}
        self.topic = _topic([{self._canonical.get(n, n) for n in names} for names in named])
        self.topic |= frozenset(common) | common_actions
        self._read: dict[str, Event] = {}

    def read(self, text: str) -> Event:
        """The event terms of ``text`` (read once per text)."""
        event = self._read.get(text)
        if event is None:
            event = self._read[text] = self._terms(text)
        return event

    def _terms(self, text: str) -> Event:
        terms, actions, names, days, ahead = set(), set(), set(), set(), set()
        words, denied = _words_and_denials(_us(text))
        lowered = [w.lower() for w in words]
        read: list[tuple[int, str]] = []  # (kind, term) of each word, for the main action's surroundings
        for k, word in enumerate(words):
            kind, term = _word(word)
            if kind == _NAME:
                name = self._canonical.get(term, term)
                if k > 0 or name in self._names:  # "Suicide bombers ..." is no name
                    names.add(name)
                    terms.add(name)
                    read.append((_NAME, name))
                    continue
                read.append((_OPENING, name))  # a subject still: "Pakistan has won ..."
                kind, term = _word(term)  # a sentence's first word, not a name: read it lower-cased
            read.append((kind, "!" + term if kind == _ACTION and denied[k] else term))
            if kind == _DAY:
                days.add(term)
            elif kind == _ACTION:
                if not _AHEAD.isdisjoint(lowered[max(0, k - AHEAD_WINDOW) : k]) or (
                    k >= 2 and lowered[k - 1] == "to" and lowered[k - 2] in _TO_BE
                ):
                    ahead.add(term)
                term = "!" + term if denied[k] else term  # "ended without an agreement" is no deal
                actions.add(term)
                terms.add(term)
            elif kind == _TERM:
                terms.add(term)
        return Event(
            frozenset(terms), frozenset(actions), frozenset(names), frozenset(days),
            frozenset(terms - self.topic), frozenset(ahead), _figures(words, lowered),
            *_state(text, lowered),
            self._plan(text),
            *_main_action(read),
        )

    def _plan(self, text: str) -> frozenset[str]:
        """The terms of what ``text`` tells as planned ("Obama is set to extend a moratorium on
        deepwater drilling" -> extend, moratorium, deepwater, drilling), if it tells a plan."""
        match = _PLAN.search(text)
        if match is None:
            return frozenset()
        found = set()
        for word in _TOKEN.findall(match.group("what"))[:PLAN_WORDS]:
            kind, term = _word(word)
            if kind == _TERM and not term[0].isdigit():
                found.add(term)
        return frozenset(found)


_NAME, _DAY, _ACTION, _TERM, _NONE = range(5)
_OPENING = 5  # a capitalized first word read as no name: only ever a subject (``_main_action``)


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[int, str]:
    """What one word is to an event, and its term: a name (lower-cased), a day, an action
    (its family), another term (its stem or number), or nothing (stop and filler words)."""
    lowered = word.lower().replace(".", "").replace("’", "'").removesuffix("'s")
    if lowered in _DAYS:
        return _DAY, lowered
    if lowered in STOP_WORDS or lowered in _FILLER:
        return _NONE, lowered
    if word[0].isupper():
        return _NAME, lowered
    if word[0].isdigit():
        return _TERM, word.rstrip(".,")
    stemmed = stem(lowered)
    action = ACTION_OF.get(stemmed)
    return (_ACTION, action) if action else (_TERM, stemmed)


def same_event(a: Event, b: Event) -> bool:
    """Whether ``a`` and ``b`` report one event (see the module doc): one action (not
    denied in one of them), a shared name, no different day, and most of the shorter
    one's terms shared, or two names and a good part of the terms, with the names of one
    within the other's ("met the Taliban in Qatar" and "met Taliban representatives in
    the Qatari capital Doha"). The story's own names (``EventReader.topic``: the US and
    the Taliban in a story on their talks) are left out of both counts, as every sentence
    of the story shares them, unless the two tell the very same actions and nothing else."""
    if not (a.actions & b.actions):
        return False
    if a.days and b.days and not (a.days & b.days):
        return False
    if not (a.names & b.names):
        return False
    if _mostly_own_shared(a, b):
        return True
    a_names, b_names = a.names & a.own, b.names & b.own
    terms = len(a.terms & b.terms)
    if a.actions == b.actions and terms >= NAMED_EVENT_SHARE * max(len(a.terms), len(b.terms)):
        # the same actions and a good part of each other's terms: the story's names count too
        a_names, b_names = a.names, b.names
    elif terms < NAMED_EVENT_SHARE * min(len(a.terms), len(b.terms)):
        return False
    names = len(a_names & b_names)
    return names >= 2 and names >= SAME_NAMES_SHARE * min(len(a_names), len(b_names))


def same_count(a: Event, b: Event) -> bool:
    """Whether ``a`` and ``b`` give one count of one action ("killing 11 people", "11
    workers were killed"), a large one or one of a shared name (SAME_COUNT_MIN): one fact
    told twice even when they share no name, of no other day."""
    if a.days and b.days and not (a.days & b.days):
        return False
    return any(_value(number) >= SAME_COUNT_MIN or a.names & b.names for _, number in a.figures & b.figures)


def supersedes(later: Event, earlier: Event) -> bool:
    """Whether ``later`` (from a later article) replaces ``earlier``: it tells as done (or
    as failed) what ``earlier`` told as ahead (a vote expected "perhaps by Friday", then
    the vote; "could be close to a deal", then talks "ended without an agreement"), tells
    as over an effort ``earlier`` told as under way ("is going to plan", then "has
    failed"), or gives other figures for the same event (a death toll of 74, then of 129)."""
    if earlier.ongoing and later.ended and earlier.names & later.names:
        return True  # the effort under way has failed or succeeded since
    if earlier.plan and not later.plan and not later.ahead and _told_as_done(earlier, later):
        return True  # what was planned, told since in other words
    told = _undenied(later.actions) - later.ahead
    if earlier.ahead & told:  # its day and whether it happened may differ: not same_event
        # the later sentence retells most of what the earlier one expected
        shared = len(earlier.terms & later.terms)
        return bool(earlier.names & later.names) and shared >= OUTCOME_SHARE * len(earlier.terms)
    counted = {action for action, _ in earlier.figures} & {action for action, _ in later.figures}
    if not counted or earlier.figures & later.figures:
        return False  # no count of one action in both, or one value they share
    # a toll grows as it is updated: a smaller later count is another event ("two weeks ago")
    grown = all(_value(n) <= max(_value(m) for a, m in later.figures if a == action)
                for action, n in earlier.figures if action in counted)
    # one count of the story's own event ("at least 129 died" in the Philippines, then 156):
    # the names of one within the other's, the story's own included, and no other day
    named = earlier.names and later.names and (earlier.names <= later.names or later.names <= earlier.names)
    other_day = earlier.days and later.days and not (earlier.days & later.days)
    return grown and bool(named) and not other_day


# An effort (an operation, an attempt, a procedure) told as under way, and told as over. A
# status line ("BP says its operation to pump mud into the well is going to plan") is out of
# date once a later article says the effort failed or succeeded ("The latest attempt to stop
# the leak has failed"): the two rarely share more than the story's names, so the effort's
# state, not its wording, tells them apart.
_EFFORT_WORDS = frozenset("operation operations attempt attempts effort efforts procedure bid mission plan".split())
_EFFORT = CaselessPattern(
    rf"\b(?:{'|'.join(_EFFORT_WORDS)})\b", needed=("operation", "attempt", "effort", "procedure", "bid", "mission", "plan")
)
_ONGOING = re.compile(
    r"\bgoing\s+(?:(?:according\s+)?to\s+plan|as\s+planned)\b"  # a headline drops the "is"
    r"|\b(?:is|are)\s+(?:still\s+)?(?:going\s+well|continuing|under\s?way|in\s+progress|progressing|proceeding|attempting|trying)\b"
)
_ENDED = re.compile(
    r"\b(?:has|have|had)\s+(?:failed|succeeded|ended|worked)\b|\b(?:failed|fails|succeeded)\b"
    r"|\b(?:was|were|has\s+been|have\s+been)\s+(?:abandoned|called\s+off|halted|completed|successful)\b"
)


# A plan told with any verb ("BP is to decide whether ...", "Obama is set to extend a
# moratorium on deepwater drilling"): a later article telling what came of it often uses
# another verb ("unveiled ... a continued moratorium on deepwater drilling"), so no action
# family links the two. What the plan is about (the PLAN_WORDS words after its verb, content
# words only) links them: a later sentence, itself no plan nor forecast, that retells
# PLAN_SHARED of them (and PLAN_SHARE of the plan's terms) and a name of the plan's sentence
# tells what came of it, and the plan is out of date beside it.
_PLAN = re.compile(
    r"\b(?:is|are)\s+(?:(?:set|due|scheduled|poised|expected|planning|preparing|about)\s+to|to)\s+"
    r"(?!be\b|have\b)(?P<what>[a-z][\w'’-]*(?:\s+[\w'’,-]+){0,8})"
)
PLAN_WORDS = 8
PLAN_SHARED = 2
PLAN_SHARE = 0.5


def _told_as_done(plan: Event, later: Event) -> bool:
    """Whether ``later`` retells what ``plan`` told as planned (see ``_PLAN``)."""
    shared = len(plan.plan & later.terms)
    return shared >= PLAN_SHARED and shared >= PLAN_SHARE * len(plan.plan) and bool(plan.names & later.names)


# One event told twice in other words, the story's own words included: "A woman died Wednesday
# night after being struck by a hit-and-run driver ..." and "Police say 66-year-old LuAnn Marie
# Johnson ... was killed Wednesday night when she was struck ...". ``same_event`` sets the story's
# own names and words aside (every sentence of a story on one death shares them), so it misses
# the story's core event retold; ``retells`` reads instead what each sentence reports first (its
# main action) and the content words around it (who, where, when): two sentences whose main action is
# one, told around with the same terms, a name among them, by the same actor, of no other day
# and no other count, and sharing a good part of all their terms, tell one event. A shared
# action that is not what both report first (the crash "that killed all 229" in a sentence
# about the inquiry's report) links nothing: that is a mention, and the sentence says more.
MAIN_WINDOW = 5
# Terms around the main action the two share: at least this many (a name among them) and this
# share of the fewer; and this share of all the terms of the sentence with fewer.
RETOLD_AROUND = 3
RETOLD_AROUND_SHARE = 0.5
RETOLD_SHARE = 0.45
# Words near an action that make it another occasion of it: told by one sentence alone, no retelling.
_OTHER_OCCASION = frozenset("previous prior another earlier former past last".split())


def _main_action(read: list[tuple[int, str]]) -> tuple[str, frozenset[str], frozenset[str]]:
    """(the first action, the names before it, the terms within MAIN_WINDOW content words of
    each of its mentions and the names before it) of a sentence read as (kind, term) per word;
    ("", ...) when it tells none."""
    first = next((k for k, (kind, _) in enumerate(read) if kind == _ACTION), None)
    if first is None:
        return "", frozenset(), frozenset()
    main = read[first][1]
    subject = frozenset(term for kind, term in read[:first] if kind in (_NAME, _OPENING))
    content = [(kind, term) for kind, term in read if kind in (_NAME, _TERM, _ACTION)]  # "of the" is no distance
    # who does it is part of it however far it stands ("Hugh Jackman, the Australian actor ..., will host")
    around = {term for kind, term in read[:first] if kind == _NAME}
    for k, (kind, term) in enumerate(content):
        if kind == _ACTION and term == main:
            around.update(other for _, other in content[max(0, k - MAIN_WINDOW) : k + MAIN_WINDOW + 1])
    return main, subject, frozenset(around - {main})


def retells(a: Event, b: Event) -> bool:
    """Whether ``a`` and ``b`` report one event as what each tells first (see above)."""
    if not a.main or a.main != b.main or a.main.startswith("!"):
        return False
    if a.days and b.days and not (a.days & b.days):
        return False
    counted = {action for action, _ in a.figures} & {action for action, _ in b.figures}
    if counted and not (a.figures & b.figures):  # 20 killed and 5 killed: two attacks
        return False
    if a.subject and b.subject and not (a.subject & b.names) and not (b.subject & a.names):
        return False  # "Pakistan has won ..." and "Chinese swimmers won ...": two actors
    if (a.around & _OTHER_OCCASION) != (b.around & _OTHER_OCCASION):
        return False  # "on probation for a previous DUI arrest" beside the arrest
    around = a.around & b.around
    if len(around) < RETOLD_AROUND or not (around & a.names):
        return False
    if len(around) < RETOLD_AROUND_SHARE * min(len(a.around), len(b.around)):
        return False
    return len(a.terms & b.terms) >= RETOLD_SHARE * min(len(a.terms), len(b.terms))


def tells_event(text: str, stems: frozenset[str]) -> bool:
    """Whether ``text`` (its content ``stems``) may tell an event: an action word, or an
    effort told as under way or as over. Only these are read and compared as events (the
    pairs of them are the cost)."""
    if not ACTION_OF.keys().isdisjoint(stems) or _PLAN.search(text):
        return True
    return _EFFORT.search(text) is not None and (_ONGOING.search(text) or _ENDED.search(text)) is not None


def _state(text: str, lowered: Collection[str]) -> tuple[bool, bool]:
    """(told as under way, told as over): an effort (``_effort_state``) or a count of votes
    (``_count_state``)."""
    effort = _effort_state(text) if not _EFFORT_WORDS.isdisjoint(lowered) else (False, False)
    count = _count_state(text) if not _RESULT_WORDS.isdisjoint(lowered) else (False, False)
    return effort[0] or count[0], effort[1] or count[1]


# A count told as early ("In preliminary returns, Cardoso appeared to have defeated Lula ... with 56
# percent") and told as final ("official tallies Monday afternoon gave him 51 percent"): the early
# figure is out of date beside the final one (D30048T, unseen reading, session 19: the summary gave
# the exit poll's 56 percent as the result).
_RESULT_WORDS = frozenset("returns results tallies tally count counts poll polls projections".split())
_EARLY_COUNT = re.compile(
    r"\b(?:preliminary|early|partial|unofficial|incomplete)\s+(?:returns|results|tallies|tally|counts?)\b"
    r"|\bexit\s+polls?\b|\bprojections\b", re.IGNORECASE)
_FINAL_COUNT = re.compile(r"\b(?:official|final|complete)\s+(?:returns|results|tallies|tally|counts?)\b", re.IGNORECASE)


def _count_state(text: str) -> tuple[bool, bool]:
    final = _FINAL_COUNT.search(text) is not None
    return _EARLY_COUNT.search(text) is not None and not final, final


def _effort_state(text: str) -> tuple[bool, bool]:
    """(an effort told as under way, an effort told as over) in ``text``."""
    over = _ENDED.search(text)
    ended = over is not None and not _NEGATION.search(text[max(0, over.start() - 12) : over.start()])  # "has not failed"
    return bool(_ONGOING.search(text)) and not ended, ended


def _value(number: str) -> float:
    try:
        return float(number.replace(",", ""))
    except ValueError:
        return 0.0


def _figures(words: list[str], lowered: list[str]) -> frozenset[tuple[str, str]]:
    """(action, number) for each number within FIGURE_WINDOW words of an action word ("killed
    at least 74", "the death toll has risen to 151"); dates and years are no figures."""
    numbers = [
        k for k, w in enumerate(words)
        if w[0].isdigit() and not _YEAR.fullmatch(w) and (k == 0 or lowered[k - 1].rstrip(".") not in _MONTHS)
    ]
    found = set()
    for k in numbers:
        for j in range(max(0, k - FIGURE_WINDOW), min(len(words), k + FIGURE_WINDOW + 1)):
            kind, term = _word(words[j])
            if kind == _ACTION:
                found.add((term, words[k].rstrip(".,")))
    return frozenset(found)


def _undenied(actions: frozenset[str]) -> frozenset[str]:
    return frozenset(a.lstrip("!") for a in actions)


def states_same_event(a: Event, b: Event) -> bool:
    """``same_event`` told closely enough to cite ``b`` for ``a``: most of the shorter
    one's terms shared, the story's own names left aside, and no step that follows an
    event (a charge, an arrest, a verdict, a resignation) told by ``a`` alone. "A former
    employee who opened fire ..., killing one man, has been charged with murder" is not
    stated by an article written before the charge that tells the shooting in the same
    words; "Suicide bombers ... killed two and injured 21" is the bombing another article
    tells without the toll."""
    steps = _undenied(a.actions) & _LATER_STEPS
    return steps <= _undenied(b.actions) and same_event(a, b) and _mostly_own_shared(a, b)


def _mostly_own_shared(a: Event, b: Event) -> bool:
    """Two or more of their own terms shared, and SAME_EVENT_SHARE of the fewer."""
    shared = len(a.own & b.own)
    return shared >= 2 and shared >= SAME_EVENT_SHARE * min(len(a.own), len(b.own))


def _topic(named: list[set[str]]) -> frozenset[str]:
    """The names most articles carry (the US and the Taliban in a story on their talks):
    they tell the story, not one event of it."""
    if len(named) < TOPIC_MIN_ARTICLES:
        return frozenset()
    counts = Counter(name for names in named for name in names)
    return frozenset(n for n, c in counts.items() if c >= TOPIC_SHARE * len(named))


def _capitals(text: str) -> list[tuple[str, str]]:
    """(country, city) named as a capital: "the Qatari capital Doha", "Kabul, the Afghan capital"."""
    if "capital" not in text:
        return []
    found = [(m.group(1), m.group(2)) for m in _CAPITAL_BEFORE.finditer(text)]
    found += [(m.group(2), m.group(1)) for m in _CAPITAL_AFTER.finditer(text)]
    return [(country.lower(), city.lower()) for country, city in found]


def _words_and_denials(text: str) -> tuple[list[str], list[bool]]:
    """The words of ``text``, and for each whether a negation before it in its clause
    denies it ("... but without an agreement on troop withdrawals")."""
    if not _NEGATION.search(text):  # most sentences deny nothing: one pass
        words = _TOKEN.findall(text)
        return words, [False] * len(words)
    words: list[str] = []
    denied: list[bool] = []
    for clause in _CLAUSE.split(text):
        negated = False
        for word in _TOKEN.findall(clause):
            words.append(word)
            denied.append(negated)
            lowered = word.lower()
            negated = negated or lowered in _NEGATIONS or lowered.endswith("n't")
    return words, denied


def _names(text: str) -> set[str]:
    """The capitalized words of ``text`` that do not open a sentence, lower-cased."""
    found = set()
    for word in set(_CAPITALIZED.findall(_us(text))):
        kind, term = _word(word)
        if kind == _NAME:
            found.add(term)
    return found


def _us(text: str) -> str:
    """``text`` with "the United States" written "US", as the other names of the country read."""
    return _UNITED_STATES.sub("US", text) if "United States" in text else text


def _aliases(names: set[str]) -> dict[str, str]:
    """One form per name of the story: the US's many names, and a name whose shorter
    form, at least MIN_NAME letters long, is also there ("qatari" -> "qatar",
    "afghanistan" -> "afghan"; "times" is no form of "tim")."""
    canonical = {n: "us" for n in names if n in _US}
    for name in sorted(names, key=len):  # shorter forms are settled first
        if name in canonical:
            continue
        forms = (name[: -len(end)] for end in _NAME_ENDINGS if name.endswith(end))
        short = next((f for f in forms if len(f) >= MIN_NAME and f in names), None)
        if short is not None:
            canonical[name] = canonical.get(short, short)
    return canonical
