"""Timeline: dated events from the articles of a story.

    1. date every sentence: the dates it mentions (``dates.find_dates``, resolved
       against its article's date: metadata first, else ``dates.infer_reference``);
       the article's date itself dates the lead sentences of the article
    2. either keep every dated event (``config.timeline_dates is None``): each
       sentence that mentions a date, the same event told by several articles
       merged into one entry citing them all;
    3. or summarize (``config.timeline_dates = N``), as DATEWISE does (Gholipour
       Ghalandari & Ifrim 2020, news-tls): rank days by how many articles mention
       them or were published on them, then pick
       ``config.timeline_sentences_per_date`` sentences per day by closeness to
       the centroid (TF-IDF) of the sentences that mention that day or lead the
       articles published that day or the day after.

Each sentence appears once, under the date of its main event (``dates.clause_role``):
dates of side events (in a relative or adverbial clause, a participle parenthesis,
"since"/"until" states: "The Kursk, launched in 1995, carries...") do not count, a
date naming another event ("Tuesday's crash") only when nothing else dates the
sentence; of the rest the most precise (a day before a month before a year:
"resumed talks on Tuesday after an earlier round in January" is Tuesday's), the
first of equals. A sentence with only side events' dates is in no entry. Events
dated well before the story's own window (``BACKGROUND_DAYS`` before its first
article, or before its latest dated news when no article is dated) are marked
``background``: a reader sees them apart, not on the story's axis.

Undated events (a relative date in an article whose date is unknown and cannot
be inferred) are left out of the timeline: the JSON schema requires a date.
"week" precision ("last week") becomes month precision when the week lies
inside one month, else it is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import islice

from ..config import BriefConfig
from ..model import Article, Sentence, Span, TimelineEvent
from .dates import (DateMention, Reference, clause_role, clause_tense, dateline_day, find_dates, infer_reference,
                    inside_quotation, parse_iso)
from .settings import DEFAULT, AnalysisSettings

# DATEWISE's sentence collector (news-tls ``PM_Mean_SentenceCollector``): the
# first 5 sentences of an article report the day it was published or the day before.
LEAD_SENTENCES = 5
PUBLICATION_LAG_DAYS = 2
# news-tls keeps only sentences with one of the topic's keywords; T17 gives them by
# hand, here they are the words most articles use (10, about as many as T17 lists).
STORY_KEYWORDS = 10
# Sentences shorter than this are headlines, bylines, captions; longer ones are page debris.
MIN_WORDS, MAX_WORDS = 6, 60
# ... and an event sentence has this many lowercase words besides its date.
MIN_EVENT_WORDS = 4
# Two sentences of different articles on the same date tell the same event when they are
# near copies: this cosine of their content words, the date, the verbs of saying and the
# story's topic words left out (a round value, not tuned: half the words in common) ...
SAME_EVENT_SIMILARITY = 0.5
# ... or when they tell it in other words: they share at least this many event words (common
# nouns, verbs, adjectives; names alone are the setting, not the event), and their shared
# distinctive words (content words, names, numbers: not the story's topic words) are at least
# this share of the shorter sentence's distinctive words.
SAME_EVENT_SHARED_WORDS, SAME_EVENT_SHARED_SHARE = 2, 0.35
# The story's topic words ("Kennedy", "plane" in a plane crash) are used by more than this share
# of its articles; they say what the story is about, not which of its events a sentence tells.
# (Counted from this many articles: in fewer, every shared word would look like the topic.)
TOPIC_SHARE, TOPIC_MIN_ARTICLES = 0.5, 4
# A second sentence for the same date must add something: at most this similar to one already chosen.
REDUNDANT_SIMILARITY = 0.5
# A dateline or byline date is not an event: it stands in the first characters of the article.
DATELINE_CHARS = 300
# What happened this long before a story's first article is its background (the 2001 invasion
# in a 2019 story), not its news: three months holds the run-up of a developing story.
BACKGROUND_DAYS = 90

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_LOWERCASE_WORD = re.compile(r"[^\s]*[a-zß-öø-ÿ][^\s]*")
_STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with as is are was were be been being has have had
    do does did will would could should may might must can this that these those it its he she they them his her
    their we our you your i me my not no said says say told also after before over about into than then there
    which who whom whose what when where while up out more most some any all one two new""".split()
)
# Words that tell when or who said, not what happened: two tellings sharing only these
# ("declined to comment Saturday") report different events.
_DATE_AND_SAYING_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec morning
    afternoon evening night tonight today yesterday tomorrow early earlier late later last next ago year years
    week weeks day days month months midnight noon dawn time edt est gmt a.m p.m am pm
    say saying tell tells comment comments commented declined decline according report reports reported
    announced announce statement spokesman spokeswoman asked added""".split()
)
# (a hyphenated compound is one word: "single-engine" describes a plane, it tells no event)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.:]*\d|\d")


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence with one date it speaks of; ``published``: dated by its article's date, not a mention.
    ``role``: how the date stands in the sentence (``dates.clause_role``): "main", "attributive"
    ("Tuesday's crash") or "subordinate" (a side event: "the sub, which was launched in 1995");
    after the parse's look (``clauses``), also "reported" (in what the main verb says) and
    "adverbial" (in an adverbial clause: "as the plane crashed early Sunday") and "side" (in a
    relative clause, dating the sentence only when nothing else does)."""

    sentence: Sentence
    date: date
    precision: str
    published: bool = False
    mention: DateMention | None = None
    role: str = "main"


@dataclass(frozen=True, slots=True)
class StoryDates:
    """Every dated sentence of a story, and the day each article was published (when known)."""

    dated: tuple[DatedSentence, ...]
    published: Mapping[str, date] = field(default_factory=dict)
    # sentences whose most precise date cannot be resolved ("on Tuesday" in an undated
    # article): their main event has no date, so they are filed under none of the others
    unsettled: frozenset[Sentence] = frozenset()

    def within(self, start: date, end: date) -> StoryDates:
        """Only the articles published in ``[start, end]`` (as news-tls restricts the input to the reference span)."""
        keep = {a for a, d in self.published.items() if start <= d <= end}
        return StoryDates(
            tuple(d for d in self.dated if d.sentence.article_id in keep),
            {a: d for a, d in self.published.items() if a in keep},
            frozenset(s for s in self.unsettled if s.article_id in keep),
        )


def build_timeline(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    config: BriefConfig = BriefConfig(),
    *,
    date_range: tuple[date, date] | None = None,
    settings: AnalysisSettings = DEFAULT,
) -> tuple[TimelineEvent, ...]:
    """Dated events of the story in date order; the N most important dates if ``config.timeline_dates``.
    The clauses of the dates an entry can come from are read from the story's parse (``clauses``)."""
    story = with_parsed_roles(date_story(articles, sentences), articles, sentences, settings)
    if config.timeline_dates is None:
        return all_events(story, articles, date_range=date_range)
    return summarize_dates(
        story,
        n_dates=config.timeline_dates,
        per_date=config.timeline_sentences_per_date,
        date_range=date_range,
    )


# ------------------------------------------------------------------ 1. dating


def article_reference(article: Article) -> Reference | None:
    """The date an article is written from: its metadata date first (or its wire dateline's day
    when that is 1-3 days earlier: "MOSCOW, August 17 (Xinhua)" filed on the 18th counts "today"
    from the 17th), else what its text tells."""
    published = parse_iso(article.date)
    if published:
        return Reference(dateline_day(article.text, published) or published)
    return infer_reference(article.text)


def date_story(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]) -> StoryDates:
    """Date every sentence of every article (one pass of the date patterns per article)."""
    dated: list[DatedSentence] = []
    published: dict[str, date] = {}
    unsettled: set[Sentence] = set()
    for article in articles:
        reference = article_reference(article)
        if reference and reference.precision == "day":
            published[article.id] = reference.date
        dated.extend(date_sentences(article, sentences.get(article.id, ()), reference, unsettled))
    return StoryDates(tuple(dated), published, frozenset(unsettled))


def date_sentences(
    article: Article, sentences: Sequence[Sentence], reference: Reference | None, unsettled: set[Sentence] | None = None
) -> list[DatedSentence]:
    """The dated sentences of one article: by the dates they mention, else (leads) by publication.
    Sentences whose most precise mention has no date are added to ``unsettled``."""
    by_sentence: dict[int, list[tuple[DateMention, str]]] = defaultdict(list)
    starts = [s.start for s in sentences]
    for mention in in_narrative_years(article.text, find_dates(article.text, reference), sentences, starts):
        index = _sentence_at(starts, sentences, mention.start)
        if index is not None:
            sentence = sentences[index]
            # (a sentence no timeline entry can hold needs no roles: only counts are read of it)
            role = clause_role(article.text, mention.start, mention.end, sentence.start) if _readable(sentence.text) else "main"
            if _recalled_in_quote(article.text, mention, sentence, reference):
                role = "subordinate"
            by_sentence[index].append((mention, role))
    if unsettled is not None:
        unsettled.update(sentences[i] for i, found in by_sentence.items()
                         if _main_mention_undated(found) or _saying_in_unshown_week(sentences[i], found))
    out: list[DatedSentence] = []
    for position, sentence in enumerate(sentences):
        mentioned = _mentioned(sentence, by_sentence[position], reference) if position in by_sentence else []
        if mentioned:
            out.extend(mentioned)
        elif position < LEAD_SENTENCES and reference and reference.precision == "day":
            out.append(DatedSentence(sentence, reference.date, "day", published=True))
    return out


# A past year-less date follows the narrative of an explicit date this many sentences before it.
NARRATIVE_SENTENCES = 1
# A chronicle: a paragraph opened by a full date and a dash ("February 26, 1989 -- ...", the
# comma's space often lost). Its later year-less dates are told in the chronicle's years, not
# the article's: the last full date before them sets the year, however far back, whatever the tense.
_CHRONICLE_ITEM = re.compile(
    r"(?:^|\n)\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}\s*,\s*\d{4}\s*--")


def in_narrative_years(text: str, mentions: list[DateMention], sentences: Sequence[Sentence],
                       starts: list[int]) -> list[DateMention]:
    """The mentions, with a year-less date of a past clause read in the year of the narrative it
    continues: after "On March 12, 1999, he passed the test." (in a 2000 article), "And in April,
    he returned to the school" is April 1999, the narrative going forward; a year-less date before
    the explicit one in its year ("In February, he ...") could be either year's: undated. Only an
    explicit day or month in the sentence before (``NARRATIVE_SENTENCES``) sets the narrative."""
    out: list[DateMention] = []
    explicit: list[tuple[int, DateMention]] = []  # (sentence index, mention) of dates with their year
    headed = years_of_headed_items(text)
    labelled = years_of_labelled_paragraphs(text)
    chronicle = bool(_CHRONICLE_ITEM.search(text))
    reach = len(sentences) if chronicle else NARRATIVE_SENTENCES
    for mention in mentions:
        index = _sentence_at(starts, sentences, mention.start)
        if mention.kind == "absolute" and mention.precision in ("day", "month") and mention.date and index is not None:
            explicit.append((index, mention))
        narrative = _narrative_date(explicit, index, mention, reach)
        heading_year = headed.get(mention.start) or _year_labelling(labelled, mention.start)
        if heading_year and mention.kind == "partial" and mention.date:
            mention = replace(mention, date=_same_day_in(mention.date, heading_year))
        elif narrative is not None and (chronicle or clause_tense(text, mention.start, mention.end) == "past"):
            mention = replace(mention, date=_narrative_year(mention, narrative))
        out.append(mention)
    return out


# A chronology by years: a paragraph of a year alone ("1995:") heads the items after it, each a
# paragraph opened by a year-less date and a dash or colon ("Feb. 14 _ Judge Sporkin rejects ...").
_YEAR_HEADING = re.compile(r"^[ \t]*(?:In\s+)?((?:1[89]|20)\d\d)[ \t]*:?[ \t]*$", re.MULTILINE)
_HEADED_ITEM = re.compile(
    r"^[ \t]*(?=(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:\s*-\s*\d{1,2})?"
    r"\s*(?:_|-|--|\u2013|\u2014|:)\s)", re.MULTILINE)


def years_of_headed_items(text: str) -> dict[int, int]:
    """Where each item of a chronology headed by years opens -> the year of its heading: in a
    1999 article listing "1993:" then "Aug. 20 _ The FTC decides to drop its Microsoft probe",
    the item is 1993-08-20, not the August nearest the article (D0711C, unseen reading: 21 of
    27 such items a year or six off). Items before the first heading have no year here."""
    headings = [(m.start(), int(m.group(1))) for m in _YEAR_HEADING.finditer(text)]
    if not headings:
        return {}
    years: dict[int, int] = {}
    for item in _HEADED_ITEM.finditer(text):
        before = [year for start, year in headings if start < item.start()]
        if before:
            years[item.end()] = before[-1]
    return years


# A chronology by paragraphs each opened by its year ("1939: In April, regularly scheduled network
# TV is born ...", "1980: On Nov. 21, more than 80 million viewers tune in ..."): the year-less
# dates of the paragraph are in that year (D0736H, unseen reading, session 19: put in 1999, the
# article's year).
_YEAR_LABEL = re.compile(r"^[ \t]*((?:1[89]|20)\d\d)[ \t]*:[ \t]+(?=[A-Z])", re.MULTILINE)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\Z")


def years_of_labelled_paragraphs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of each paragraph opened by a year and a colon, when the text has two
    or more such paragraphs (one alone may be a headline or a score)."""
    found = []
    for label in _YEAR_LABEL.finditer(text):
        end = _PARAGRAPH_END.search(text, label.end())
        found.append((label.end(), end.start() if end else len(text), int(label.group(1))))
    return found if len(found) >= 2 else []


def _year_labelling(labelled: Sequence[tuple[int, int, int]], position: int) -> int | None:
    """The year of the labelled paragraph holding ``position``, if any."""
    return next((year for start, end, year in labelled if start <= position < end), None)


def _narrative_date(explicit: list[tuple[int, DateMention]], index: int | None, mention: DateMention,
                    reach: int = NARRATIVE_SENTENCES) -> DateMention | None:
    """The explicit date of another year in the ``reach`` sentences just before a year-less one, if any."""
    if mention.kind != "partial" or mention.date is None or mention.precision not in ("day", "month") or index is None:
        return None
    before = [m for i, m in explicit if index - reach <= i < index]
    if not before or before[-1].date.year == mention.date.year:  # type: ignore[union-attr]
        return None
    return before[-1]


def _narrative_year(mention: DateMention, narrative: DateMention) -> date | None:
    """The year-less date in the narrative's year when it comes on or after the narrative's date, else None."""
    assert mention.date is not None and narrative.date is not None
    moved = _same_day_in(mention.date, narrative.date.year)
    if moved is None or moved < narrative.date.replace(day=1) or \
            (mention.precision == "day" and narrative.precision == "day" and moved < narrative.date):
        return None
    return moved


def _same_day_in(value: date, year: int) -> date | None:
    try:
        return value.replace(year=year)
    except ValueError:  # 29 February
        return None


def with_parsed_roles(
    story: StoryDates, articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
    settings: AnalysisSettings = DEFAULT,
) -> StoryDates:
    """The story with the roles of the dates an entry can come from checked against the parse:
    a date the words took for the main clause's is "subordinate" when the parse puts it in a
    side clause or far down nouns, "reported" inside what the main verb says, "adverbial" on
    the verb of an adverbial clause (``clauses``).
    The parse only demotes: what the words read as a side event stays one."""
    from .clauses import parsed_roles

    wanted: dict[Sentence, list[tuple[int, int]]] = defaultdict(list)
    for item in story.dated:
        if _candidate(item, story):
            wanted[item.sentence].append((item.mention.start, item.mention.end))  # type: ignore[union-attr]
    roles = parsed_roles(articles, sentences, wanted, settings)
    if not roles:
        return story
    dated = tuple(_demoted(item, roles.get((item.sentence, item.mention.start))) if _candidate(item, story) else item
                  for item in story.dated)
    return replace(story, dated=dated)


def _candidate(item: DatedSentence, story: StoryDates) -> bool:
    return (item.mention is not None and item.role != "subordinate" and item.sentence not in story.unsettled
            and _readable(item.sentence.text))


def _demoted(item: DatedSentence, parsed: str | None) -> DatedSentence:
    if parsed == "subordinate" or (parsed in ("reported", "adverbial", "side") and item.role == "main"):
        return replace(item, role=parsed)
    return item


def _recalled_in_quote(text: str, mention: DateMention, sentence: Sentence, reference: Reference | None) -> bool:
    """Whether a date is one a speaker recalls inside a direct quotation, well before the article
    ("What we're living through is the continuation of February 4, 1992," Chavez told crowds): the
    sentence's event is the speech, not the day it names."""
    if mention.date is None or reference is None or reference.precision != "day":
        return False
    recalled = mention.date < reference.date - timedelta(days=BACKGROUND_DAYS)
    return recalled and inside_quotation(text, mention.start, sentence.start)


def _main_mention_undated(found: Sequence[tuple[DateMention, str]]) -> bool:
    """Whether a sentence's main event (``main_events``' choice) has a date that cannot be
    resolved ("on Tuesday" in an undated article), or is only a side event's."""
    candidates = [(m, role) for m, role in found if role != "subordinate"]
    if not candidates:
        return True
    best = max(candidates, key=lambda pair: (pair[1] == "main", _MENTION_RANK[pair[0].precision], pair[0].date is None))
    if best[1] == "attributive" and all(role == "attributive" for _, role in candidates) \
            and any(role == "subordinate" and m.date is not None for m, role in found):
        # "... revealed in the report on the July 16, 1999, accident, which was released Thursday":
        # the named event (the accident) is not the sentence's, and its side clause tells another
        # day; which of them the main verb's is the words do not settle
        return True
    return best[0].date is None


_MENTION_RANK = {"year": 0, "month": 1, "week": 2, "day": 3}


def _saying_in_unshown_week(sentence: Sentence, found: Sequence[tuple[DateMention, str]]) -> bool:
    """Whether the sentence's saying is dated by a week the timeline cannot show (across two
    months: "said last week" on a Saturday 8 January is 27 December - 2 January). The saying
    is the sentence's event (``_dates_the_saying``), so the sentence stays undated rather than
    falling to a date of what was said ("... the boy should be sent back by Jan. 14")."""
    for mention, role in found:
        if mention.precision == "week" and mention.date is not None and role == "main" \
                and _timeline_point(mention) is None and _beside_saying(sentence, mention):
            return True
    return False


def _mentioned(sentence: Sentence, mentions: list[tuple[DateMention, str]], reference: Reference | None) -> list[DatedSentence]:
    seen: set[tuple[date, str, str]] = set()
    out = []
    for mention, role in mentions:
        if mention.date is None or _is_dateline(mention, reference) or not _says_more_than_the_date(sentence, mention):
            continue
        point = _timeline_point(mention)
        if point is None or (*point, role) in seen:
            continue
        seen.add((*point, role))
        out.append(DatedSentence(sentence, point[0], point[1], mention=mention, role=role))
    return out


def _is_dateline(mention: DateMention, reference: Reference | None) -> bool:
    """The article's own date printed at its top is not an event."""
    return (
        mention.kind == "absolute"
        and mention.start < DATELINE_CHARS
        and reference is not None
        and mention.date == reference.date
    )


def _says_more_than_the_date(sentence: Sentence, mention: DateMention) -> bool:
    """A line that is little but a date ("KABUL | Wed Mar 13 , 2019 9:00 am") is no event."""
    offset = mention.start - sentence.start
    rest = sentence.text[:offset] + " " + sentence.text[offset + len(mention.surface) :]
    return len(list(islice(_LOWERCASE_WORD.finditer(rest), MIN_EVENT_WORDS))) >= MIN_EVENT_WORDS


def _timeline_point(mention: DateMention) -> tuple[date, str] | None:
    assert mention.date is not None
    if mention.precision != "week":
        return mention.date, mention.precision
    sunday = mention.date + timedelta(days=6)
    if sunday.month == mention.date.month:
        return mention.date.replace(day=1), "month"
    return None


def _sentence_at(starts: list[int], sentences: Sequence[Sentence], offset: int) -> int | None:
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return index
    return None


# --------------------------------------------------------- 2. every dated event


def all_events(
    story: StoryDates,
    articles: Sequence[Article] = (),
    *,
    date_range: tuple[date, date] | None = None,
) -> tuple[TimelineEvent, ...]:
    """Every sentence that mentions a date, retellings of one event merged, in date order."""
    groups: dict[tuple[date, str], list[_Event]] = defaultdict(list)
    topic = topic_words(story)
    for item in main_events(story.dated):
        if item.published or item.sentence in story.unsettled or not _readable(item.sentence.text):
            continue
        if date_range and not date_range[0] <= item.date <= date_range[1]:
            continue
        _add_to_event(groups[(item.date, item.precision)], item, topic)
    order = {a.id: i for i, a in enumerate(articles)}
    start = story_start(story)
    events = [_event(point, cluster.members, start) for point, clusters in groups.items() for cluster in clusters]
    events.sort(key=lambda e: (e.date, _PRECISION_ORDER[e.precision], order.get(e.citations[0], 0), e.spans[0].start))
    return tuple(events)


_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True, slots=True)
class _Telling:
    """What a sentence says of its event, to compare with another telling: its content words
    (near copies), its distinctive words and of these its event words (lowercase)."""

    words: frozenset[str]
    distinctive: frozenset[str]
    event_words: frozenset[str]


@dataclass(slots=True)
class _Event:
    """An event being gathered: its first telling (the entry's sentence), and every telling."""

    telling: _Telling
    members: list[DatedSentence]
    articles: set[str]
    sentences: set[Sentence]


def _add_to_event(clusters: list[_Event], item: DatedSentence, topic: frozenset[str] = frozenset()) -> None:
    """Join the event of the same date whose first telling this sentence tells again, else start one.

    The entry shows its first telling and cites every article of the event, so a sentence
    joins only when it reports that sentence's event (``same_event``), never for sharing its
    date alone; of several such events, the closest. Two sentences of one article are two events.
    """
    sentence = item.sentence
    telling = _telling(item, topic)
    best, best_score = None, 0.0
    for cluster in clusters:
        if sentence in cluster.sentences:
            return
        if sentence.article_id in cluster.articles:
            continue
        score = same_event(telling, cluster.telling)
        if score > best_score:
            best, best_score = cluster, score
    if best is None:
        clusters.append(_Event(telling, [item], {sentence.article_id}, {sentence}))
        return
    best.members.append(item)
    best.articles.add(sentence.article_id)
    best.sentences.add(sentence)


def same_event(a: _Telling, b: _Telling) -> float:
    """How closely two tellings of one date report one event (0: not the same event): near
    copies (``SAME_EVENT_SIMILARITY``), or the same event in other words (two event words in
    common and a good share of the distinctive words: "a second set of divers recovered the
    bodies" and "the bodies of Kennedy ... were recovered Wednesday afternoon ... Navy divers").
    Names and topic words alone ("Kennedy", "Essex County Airport") are the setting of many events."""
    if {_direction(a.words), _direction(b.words)} == {"up", "down"}:
        return 0.0  # "bought 30 million fewer books in 1998" and "posted gains of more than 4 percent" (D0630C)
    cosine = _cosine(a.words, b.words)
    if cosine >= SAME_EVENT_SIMILARITY:
        return cosine
    shared = a.distinctive & b.distinctive
    if len(a.event_words & b.event_words) < SAME_EVENT_SHARED_WORDS:
        return 0.0
    share = len(shared) / min(len(a.distinctive), len(b.distinctive))
    return share if share >= SAME_EVENT_SHARED_SHARE else 0.0


# Words of a change up or down: two tellings that go opposite ways report two findings, not one.
_UP_WORDS = frozenset(
    "rose rise rises risen rising increase increased increases increasing gain gains gained grew grow grows grown "
    "growth higher climbed climb jumped soared surged".split())
_DOWN_WORDS = frozenset(
    "fell fall falls fallen falling decline declined declines declining drop dropped drops decrease decreased "
    "decreases fewer lower shrank shrunk plunged slumped loss losses".split())


def _direction(words: frozenset[str]) -> str | None:
    """"up" or "down" when most of a telling's words of change go one way ("posted gains ... and
    is poised for more modest increases" after "when readers bought fewer copies"), else None."""
    up, down = len(words & _UP_WORDS), len(words & _DOWN_WORDS)
    return "up" if up > down else "down" if down > up else None


def _telling(item: DatedSentence, topic: frozenset[str]) -> _Telling:
    """The words of a sentence without its date, cut to 5 letters as a crude stem
    (recovered/recovery, bodies/bodies'), the story's topic words apart."""
    text = item.sentence.text
    before, after = text, ""
    if item.mention is not None:
        offset = item.mention.start - item.sentence.start
        before, after = text[:offset], text[offset + len(item.mention.surface):]
    words, distinctive, event_words = set(), set(), set()
    for token, word in _kept_words(before) + _kept_words(after):
        stem = word[:5]
        if stem in topic:
            continue
        words.add(word)
        distinctive.add(stem)
        if token[0].islower():
            event_words.add(stem)
    return _Telling(frozenset(words), frozenset(distinctive), frozenset(event_words))


def _kept_words(text: str) -> list[tuple[str, str]]:
    """(token, lowercase word) of the words that can tell an event: no stop, date or saying words."""
    out = []
    for token in _TOKEN.findall(text):
        word = token.lower().removesuffix("'s").strip("'-")
        if (len(word) >= 2 or word.isdigit()) and word not in _STOPWORDS and word not in _DATE_AND_SAYING_WORDS:
            out.append((token, word))
    return out


def topic_words(story: StoryDates) -> frozenset[str]:
    """The stems (5 letters) used by more than ``TOPIC_SHARE`` of the story's articles (their dated
    sentences); none in a story of fewer than ``TOPIC_MIN_ARTICLES`` articles."""
    stems_of: dict[str, set[str]] = defaultdict(set)
    for item in story.dated:
        stems_of[item.sentence.article_id].update(
            token.lower().removesuffix("'s")[:5] for token in _TOKEN.findall(item.sentence.text))
    if len(stems_of) < TOPIC_MIN_ARTICLES:
        return frozenset()
    counts = Counter(stem for stems in stems_of.values() for stem in stems)
    return frozenset(stem for stem, n in counts.items() if n > TOPIC_SHARE * len(stems_of))


def _event(point: tuple[date, str], members: list[DatedSentence], start: date | None = None) -> TimelineEvent:
    first = members[0].sentence
    citations = tuple(dict.fromkeys(m.sentence.article_id for m in members))
    spans = tuple(dict.fromkeys(Span.of(m.sentence) for m in members))
    background = start is not None and period_end(*point) < start
    return TimelineEvent(point[0].isoformat(), point[1], first.text, citations, spans, background=background)


def main_events(dated: Iterable[DatedSentence]) -> list[DatedSentence]:
    """One date per sentence, its main event's (see the module docstring): of the dates not in a
    side clause, those dating the main clause's verb before those naming another event
    ("Tuesday's crash"), the most precise, the first of equals. A sentence whose dates all
    date side events has none."""
    best: dict[Sentence, DatedSentence] = {}
    told: dict[Sentence, list[DatedSentence]] = defaultdict(list)
    for item in dated:
        if item.role == "subordinate":
            continue
        told[item.sentence].append(item)
        kept = best.get(item.sentence)
        if kept is None or _main_rank(item) > _main_rank(kept):
            best[item.sentence] = item
    return [_news_before_its_report(item, told[sentence]) for sentence, item in best.items()]


def _news_before_its_report(chosen: DatedSentence, items: Sequence[DatedSentence]) -> DatedSentence:
    """The day of what a closing report tells, not of the report: "Turkish jets buzzed along the
    Syrian border on Friday, daily Radikal reported Saturday" is Friday's news (D30028T, unseen
    reading, session 19: dated Saturday, and a second time Friday from another article). Only a
    day before the report's, told before the comma that opens the report ("the government will
    boost pensions as of Feb. 1, Putin said Tuesday" stays Tuesday's news)."""
    if chosen.mention is None or chosen.precision != "day" or not _dates_the_saying(chosen):
        return chosen
    text, at = chosen.sentence.text, chosen.mention.start - chosen.sentence.start
    comma = text.rfind(",", 0, at)
    earlier = [item for item in items if item is not chosen and item.mention is not None and item.precision == "day"
               and item.role in ("main", "reported") and item.date < chosen.date
               and item.mention.end - item.sentence.start <= comma]
    return earlier[-1] if comma > 0 and earlier else chosen


_ROLE_RANK = {"main": 4, "reported": 3, "adverbial": 2, "attributive": 1, "side": 0}


def _main_rank(item: DatedSentence) -> tuple[int, int, bool]:
    return _ROLE_RANK[item.role], _PRECISION_ORDER[item.precision], _dates_the_saying(item)


# A date beside a verb of saying dates the saying: "X said Tuesday that ..." is Tuesday's news
# (the convention of bench/handcheck/), "the government will boost pensions as of Feb. 1, Putin
# said Tuesday" is no event of Feb. 1. Of two main dates equally precise, that one.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|announced|announces|reported|added|stated|declared|confirmed|insisted|warned)"
    r"(?:\s+(?:reporters|journalists|lawmakers|parliament|the\s+[a-z]+))?\s+(?:on\s+|late\s+|early\s+)?$"
)
_SAID_AFTER = re.compile(r"\s+(?:said|says|told|announced|reported)\b")


def _dates_the_saying(item: DatedSentence) -> bool:
    return item.mention is not None and _beside_saying(item.sentence, item.mention)


def _beside_saying(sentence: Sentence, mention: DateMention) -> bool:
    """Whether the date stands right before or after a verb of saying ("said Tuesday")."""
    text, begin = sentence.text, mention.start - sentence.start
    return bool(_SAID_BEFORE.search(text, max(0, begin - 40), begin)) or bool(
        _SAID_AFTER.match(text, mention.end - sentence.start))


def story_start(story: StoryDates) -> date | None:
    """Where the story's own window begins: ``BACKGROUND_DAYS`` before its first dated article,
    else before the latest date its news mentions (a day if any, else a month, else a year)."""
    if story.published:
        first = min(story.published.values())
    else:  # the latest news the story dates, of the finest precision it has
        for precision in ("day", "month", "year"):
            days = [item.date for item in story.dated if item.precision == precision]
            if days:
                first = max(days)
                break
        else:
            return None
    return first - timedelta(days=BACKGROUND_DAYS)


def period_end(day: date, precision: str) -> date:
    """The last day of the period a timeline point stands for."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        following = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
        return following - timedelta(days=1)
    return day


# ------------------------------------------------- 3. the N most important dates


def rank_dates(story: StoryDates, date_range: tuple[date, date] | None = None) -> list[date]:
    """Days by importance: articles that mention the day + articles published on it (ties: earlier first)."""
    mentioning: dict[date, set[str]] = defaultdict(set)
    for item in story.dated:
        if item.precision == "day" and not item.published:
            mentioning[item.date].add(item.sentence.article_id)
    publishing: dict[date, int] = defaultdict(int)
    for day in story.published.values():
        publishing[day] += 1
    days = set(mentioning) | set(publishing)
    if date_range:
        days = {d for d in days if date_range[0] <= d <= date_range[1]}
    return sorted(days, key=lambda d: (-(len(mentioning[d]) + publishing[d]), d))


def summarize_dates(
    story: StoryDates,
    n_dates: int,
    per_date: int = 1,
    *,
    date_range: tuple[date, date] | None = None,
) -> tuple[TimelineEvent, ...]:
    """The ``n_dates`` most important days, ``per_date`` central sentences each, in date order."""
    keywords = story_keywords(story)
    candidates = _candidates_by_day(story)
    chosen: list[tuple[date, list[DatedSentence]]] = []
    used: set[Sentence] = set()  # a sentence is told under one date, its most important
    for day in rank_dates(story, date_range):
        if len(chosen) >= n_dates:
            break
        on_story = [
            item for item in candidates.get(day, ())
            if item.sentence not in used and keywords & _lower_words(item.sentence.text)
        ]
        # sentences whose main event is the day first; one that names it for a side event only
        # when no other tells of the day
        on_story = [item for item in on_story if item.role != "subordinate"] or on_story
        picked = central_sentences(on_story, per_date)
        if picked:
            chosen.append((day, picked))
            used.update(item.sentence for item in picked)
    chosen.sort(key=lambda pair: pair[0])
    return tuple(
        TimelineEvent(day.isoformat(), "day", item.sentence.text, (item.sentence.article_id,), (Span.of(item.sentence),))
        for day, picked in chosen
        for item in picked
    )


def story_keywords(story: StoryDates, n: int = STORY_KEYWORDS) -> frozenset[str]:
    """The words the most articles use: a sentence without any of them is off the story (or page debris)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words_of: dict[str, set[str]] = defaultdict(set)
    for item in story.dated:
        words_of[item.sentence.article_id] |= _lower_words(item.sentence.text)
    frequency: Counter[str] = Counter()
    for words in words_of.values():
        frequency.update(w for w in words if len(w) > 2 and w not in ENGLISH_STOP_WORDS)
    return frozenset(word for word, _ in frequency.most_common(n))


@lru_cache(maxsize=100_000)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


def _candidates_by_day(story: StoryDates) -> dict[date, list[DatedSentence]]:
    """Sentences that mention a day, and leads of articles published that day or the next."""
    by_day: dict[date, list[DatedSentence]] = defaultdict(list)
    for item in story.dated:
        if item.precision != "day" or not _readable(item.sentence.text):
            continue
        if not item.published:
            by_day[item.date].append(item)
            continue
        for lag in range(PUBLICATION_LAG_DAYS):
            by_day[item.date - timedelta(days=lag)].append(item)
    return by_day


def central_sentences(items: Sequence[DatedSentence], k: int) -> list[DatedSentence]:
    """Up to ``k`` sentences closest to the TF-IDF centroid of ``items``, no two alike."""
    unique = list({item.sentence: item for item in items}.values())
    if len(unique) <= 1:
        return unique[:k]
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [item.sentence.text for item in unique]
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # only stop words: nothing to rank by
        return unique[:k]
    centroid = matrix.mean(axis=0).A1
    scores = matrix @ centroid
    picked: list[int] = []
    for index in sorted(range(len(unique)), key=lambda i: (-scores[i], i)):
        if len(picked) >= k:
            break
        row = matrix[index]
        if all((row @ matrix[j].T).toarray()[0, 0] <= REDUNDANT_SIMILARITY for j in picked):
            picked.append(index)
    return [unique[i] for i in picked]


# ---------------------------------------------------------------- text helpers


def _readable(text: str) -> bool:
    """A sentence a reader can take as an event: a real sentence, not a caption or a date line,
    nor the line that introduces a list ("The following are major news items in leading U.S.
    newspapers today:", DUC 2007 D0734H unseen reading: an entry of its own)."""
    n_words = len(text.split())
    if text.rstrip().endswith(":") and not _SAYS.search(text):
        return False  # (what was said with its date, "The Times said in an editorial on Monday, Oct. 26:", is one)
    return MIN_WORDS <= n_words <= MAX_WORDS and any(c.islower() for c in text)


_SAYS = re.compile(r"\b(?:said|says|wrote|writes|told|announced|declared|stated|added)\b")


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (t.lower() for t in _WORD.findall(text)) if w not in _STOPWORDS)


def _cosine(a: Iterable[str], b: Iterable[str]) -> float:
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    return len(set_a & set_b) / (len(set_a) * len(set_b)) ** 0.5
