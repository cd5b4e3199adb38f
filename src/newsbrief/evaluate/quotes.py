"""``newsbrief eval --task quotes FILE.jsonl``: direct quotes and their speakers against
PolNeAR-style attribution annotations (``../shared/data/polnear_dev/README.md``).

Each article is briefed alone, as a one-article story, from its text exactly as given
(no cleaning, so that offsets are the annotation's), segmented by
``newsbrief.segment.split_sentences``.

Gold: the **direct quotes** are the attributions whose content, leading space aside,
begins with a double quotation mark (``"``, ``“``, ``”``, ``„``, ``````); the rest
(indirect speech, beliefs, mixed quotes whose content begins with other words) is not
scored, and single quotation marks are not counted as direct quotes.

Systems:
    newsbrief       ``analyze.quotes.article_attributions``: every quote newsbrief finds,
                    with its speaker, or unattributed (speaker "")
    nearest-person  for each quotation-marked span (``analyze.quotes.find_quotes``, any
                    length): the speech verb (``SPEECH_VERBS``, surface forms) in the
                    sentences the quote stands in, outside the quote, nearest to it; the
                    speaker is the nearest PERSON entity (spaCy's recognizer, whole article,
                    outside quotation marks) before that verb, else before the quote

Matching:
    quote    a system quote matches a gold direct quote when their characters overlap
             (any span of the system quote, any fragment of the gold content); it is
             judged against the gold direct quote it overlaps most
    speaker  right when
             (a) the gold source is not a pronoun, and the system's speaker phrase as
                 written (its characters) overlaps the gold source span, or the system's
                 speaker names the gold source's person: same surname, and the same first
                 name when both give one. The gold source's person is the last PERSON name
                 in the source before its first comma or parenthesis, not followed by
                 "'s" ("Clinton campaign spokesman Brian Fallon" -> Brian Fallon; "Trump's
                 campaign manager" names nobody, only the phrase overlap counts there); or
                 the source itself when it is all capitalized words;
             (b) the gold source is "he"/"she"/"him"/"her"/"his": PolNeAR has no
                 coreference, so the evaluator resolves the pronoun itself, as a reader
                 skimming back would: the nearest person named before the pronoun
                 (spaCy PERSON entities of the whole article and the gold sources that are
                 names, outside quotation marks) whose gender does not contradict the
                 pronoun (a first name in ``FEMALE``/``MALE``, Mr./Mrs./Ms., or a fuller
                 mention of the surname in the article; unknown is compatible). The system
                 speaker is right when it names that person (same test as in (a));
             (c) any other pronoun ("it", "they", "I"): only the phrase overlap of (a);
             (d) in every case, a speaker phrase written inside the gold content but outside
                 its quotation marks is right: a nested attribution, which PolNeAR (one role
                 per token) folds into the outer content (`"...," Sanders said, according to
                 CNN`: source CNN, content with "Sanders said" inside).
             The pronoun subset is also reported alone (``pronoun_*``).

Scores (pairs of quote and speaker):
    precision  right / (right + wrong) over the system quotes given a speaker: wrong = a
               matched quote with a wrong speaker, a speaker given to a gold quote the
               annotators found no source for, or a speaker given to quoted words that are
               no attribution at all (a set phrase, a title, a scare quote: ``spurious``).
               A system quote overlapping only a gold *non-direct* content (a mixed quote
               inside indirect speech) is not counted (``mixed``). Unattributed system
               quotes count neither right nor wrong.
    recall     gold direct quotes with a source for which some overlapping system quote has
               the right speaker / gold direct quotes with a source. An unattributed quote
               is a miss.

``run(args)`` reads ``args.stories`` (paths), ``args.limit`` (first N articles of each file),
``args.format`` ("text" or "json"), and ``args.output`` (per-article details as JSON).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article

DIRECT_MARKS = ('"', "“", "”", "„", "``")
GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
OTHER_PRONOUNS = frozenset("i me we us they them it you one this that who".split())
SYSTEMS = ("newsbrief", "nearest-person")
# Paragraphs before a "he"/"she" source in which an annotated speaker is its antecedent.
ANTECEDENT_PARAGRAPHS = 2
# Words between titles and names that are not first names.
TITLE_WORDS = frozenset(
    """mr mrs ms miss dr sen senator rep gov governor president vice pres gen general
    secretary sec rev reverend judge justice mayor speaker former state attorney lt col
    capt sgt adm prof professor chairman chairwoman host candidate nominee archbishop bishop
    cardinal pope father rabbi imam pastor the a an""".split()
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Common US first names by gender (evaluator's pronoun check only; unknown = compatible).
FEMALE = frozenset(
    """hillary melania ivanka michelle sarah nancy elizabeth kellyanne huma carly debbie
    donna hope jill tulsi nikki condoleezza laura barbara mary patricia jennifer linda
    susan margaret dorothy lisa karen betty helen sandra ashley kimberly emily amanda
    melissa deborah stephanie rebecca sharon cynthia kathleen amy shirley angela anna
    ruth brenda pamela nicole katherine samantha christine catherine virginia rachel
    janet maria heather diane julie joyce victoria kelly christina joan evelyn lauren
    judith megyn olivia martha cheryl andrea hannah jacqueline gloria teresa ann sara
    madeline janice jean alice kathryn julia grace judy theresa beverly denise marilyn
    amber danielle rose brittany diana abigail jane natalie lori tiffany alexis kayla
    kathy marsha dana loretta valerie claire chelsea jeanne erin kirsten tammy kamala
    maxine dianne jeanine katie gretchen greta mika rachel kate hilary janet
    carla zoe irene paula monica wendy yvonne lynn joanne connie sheila""".split()
)
MALE = frozenset(
    """donald bernie ted marco jeb ben john chris rand mike mitt barack joe tim paul
    bill george ronald jimmy richard lindsey rick scott jim martin reince corey paul
    newt rudy james robert michael william david charles joseph thomas daniel matthew
    anthony mark steven andrew kenneth kevin brian edward ronald timothy jason jeffrey
    ryan jacob gary nicholas eric stephen jonathan larry justin frank brandon raymond
    gregory samuel benjamin patrick jack dennis jerry tyler aaron jose henry adam
    douglas nathan peter zachary kyle walter harold jeremy ethan carl keith roger gerald
    christian terry sean arthur austin noah lawrence jesse joe bryan billy jordan albert
    dylan bruce willie gabriel alan juan logan wayne ralph roy eugene randy vincent
    russell louis philip bobby johnny bradley steve harry mitch chuck jared roger
    sean eric elijah tom tony dick al jay rob bob greg jeff jon dan matt nick sam
    ken ron hugh ivan rex orrin harry ted""".split()
)


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class GoldQuote:
    fragments: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None  # None: the annotators found no source
    source_text: str


@dataclass(frozen=True, slots=True)
class SystemQuote:
    spans: tuple[tuple[int, int], ...]
    speaker: str  # "" = unattributed
    mention: tuple[int, int] | None = None  # where the speaker phrase is written


@dataclass
class Counts:
    gold: int = 0  # gold direct quotes
    gold_with_source: int = 0
    found: int = 0  # gold quotes (with a source) overlapped by a system quote
    right: int = 0  # gold quotes (with a source) given the right speaker
    system: int = 0  # system quotes
    attributed: int = 0  # system quotes with a speaker, judged (not mixed)
    correct: int = 0  # of those, right
    wrong: int = 0
    spurious: int = 0  # of the wrong ones: quoted words no attribution annotates
    unattributed: int = 0  # system quotes on a gold direct quote, without a speaker
    mixed: int = 0  # system quotes on non-direct gold content only (not counted)
    pronoun_gold: int = 0  # gold quotes with a he/she source
    pronoun_right: int = 0
    pronoun_attributed: int = 0
    pronoun_correct: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, Any]:
        precision = ratio(self.correct, self.attributed)
        recall = ratio(self.right, self.gold_with_source)
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "pronoun_precision": ratio(self.pronoun_correct, self.pronoun_attributed),
            "pronoun_recall": ratio(self.pronoun_right, self.pronoun_gold),
            **asdict(self),
        }


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- command


def run(args) -> int:
    paths = [Path(p) for p in (getattr(args, "stories", None) or [])]
    if not paths:
        raise InputError("eval --task quotes", "no file given", "pass a PolNeAR-style JSONL file")
    limit = getattr(args, "limit", None)
    as_json = getattr(args, "format", "text") == "json"
    rows = [row for path in paths for row in read_rows(path, limit)]
    started = time.process_time()
    totals, details = evaluate(rows, progress=sys.stderr)
    seconds = time.process_time() - started
    if as_json:
        systems = {name: {**c.scores(), "articles": len(rows)} for name, c in totals.items()}
        print(json.dumps({"task": "quotes", "systems": systems}))
    else:
        print(format_report(totals, len(rows), seconds, paths))
    output = getattr(args, "output", None)
    if output:
        Path(output).write_text(json.dumps(details, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def read_rows(path: Path, limit: int | None) -> list[dict[str, Any]]:
    from .rows import read_benchmark_rows

    return read_benchmark_rows(path, limit, "quotes", {"text": str}, "article")


def evaluate(rows: Sequence[Mapping[str, Any]], progress=None) -> tuple[dict[str, Counts], list[dict]]:
    """Both systems on every article: totals per system and per-article details."""
    from ..analyze.nlp import load_pipeline

    nlp = load_pipeline()
    totals = {name: Counts() for name in SYSTEMS}
    details = []
    for n, row in enumerate(rows, start=1):
        text = row["text"]
        golds = gold_direct_quotes(row)
        with nlp.select_pipes(enable=["ner"]):
            people = [(e.start_char, e.end_char, e.text) for e in nlp(text).ents if e.label_ == "PERSON"]
        quoted = quoted_ranges(text)
        people = [p for p in people if not inside(p[0], quoted)]
        article_id = str(row.get("id") or f"article{n}")
        outputs = {
            "newsbrief": newsbrief_quotes(article_id, text),
            "nearest-person": nearest_person_quotes(text, people),
        }
        sources = [(a["source"]["start"], a["source"]["end"]) for a in row.get("attributions") or () if a.get("source")]
        judge = Judge(text, golds, people, non_direct_contents(row), quoted, sources)
        entry = {"id": article_id, "systems": {}}
        for name, quotes in outputs.items():
            counts, judged = judge.score(quotes)
            totals[name].add(counts)
            entry["systems"][name] = judged
        entry["gold"] = [
            {"quote": text[g.fragments[0][0] : g.fragments[-1][1]][:200], "source": g.source_text,
             "resolved": judge.gold_person(g)} for g in golds
        ]
        details.append(entry)
        if progress is not None and n % 50 == 0:
            print(f"quotes: {n}/{len(rows)} articles", file=progress, flush=True)
    return totals, details


def format_report(totals: Mapping[str, Counts], articles: int, seconds: float, paths: Sequence[Path]) -> str:
    first = next(iter(totals.values()))
    lines = [
        f"quotes: {articles} articles from {', '.join(str(p) for p in paths)}; "
        f"{first.gold} gold direct quotes ({first.gold_with_source} with a source, "
        f"{first.pronoun_gold} of them he/she)",
        f"{'system':<16}{'P':>7}{'R':>7}{'F1':>7}   {'found':>6}{'right':>6}{'given':>7}{'wrong':>6}"
        f"{'spur.':>6}{'unattr.':>8}{'mixed':>6}   pronoun P/R",
    ]
    for name, counts in totals.items():
        s = counts.scores()
        lines.append(
            f"{name:<16}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}   {counts.found:6d}{counts.right:6d}"
            f"{counts.attributed:7d}{counts.wrong:6d}{counts.spurious:6d}{counts.unattributed:8d}{counts.mixed:6d}"
            f"   {s['pronoun_precision']:.3f}/{s['pronoun_recall']:.3f}"
        )
    lines.append(
        "found = gold quotes overlapped; right = with the right speaker; given = system quotes with a speaker "
        "(judged); spur. = given to quoted words no attribution annotates; unattr. = found without a speaker; "
        f"mixed = on indirect content only (not counted). {seconds:.1f} s CPU"
    )
    return "\n".join(lines)


# ---------------------------------------------------------------- gold


def gold_direct_quotes(row: Mapping[str, Any]) -> list[GoldQuote]:
    """The attributions whose content begins with a double quotation mark."""
    found = []
    for item in row.get("attributions") or ():
        content = item.get("content")
        if not content or not is_direct(content.get("text", "")):
            continue
        source = item.get("source")
        found.append(GoldQuote(
            fragments=fragments_of(content),
            source=(source["start"], source["end"]) if source else None,
            source_text=source.get("text", "") if source else "",
        ))
    return found


def is_direct(content: str) -> bool:
    return content.lstrip().startswith(DIRECT_MARKS)


def fragments_of(span: Mapping[str, Any]) -> tuple[tuple[int, int], ...]:
    pieces = span.get("fragments") or [[span["start"], span["end"]]]
    return tuple((int(a), int(b)) for a, b in pieces)


def non_direct_contents(row: Mapping[str, Any]) -> list[tuple[int, int]]:
    return [
        piece
        for item in row.get("attributions") or ()
        if item.get("content") and not is_direct(item["content"].get("text", ""))
        for piece in fragments_of(item["content"])
    ]


# ---------------------------------------------------------------- systems


def newsbrief_quotes(article_id: str, text: str) -> list[SystemQuote]:
    from ..analyze.quotes import article_attributions
    from ..segment import split_sentences

    article = Article(id=article_id, text=text)
    found = article_attributions([article], {article.id: split_sentences(article)})
    return [
        SystemQuote(tuple((s.start, s.end) for s in q.spans), q.speaker or "", getattr(q, "mention", None))
        for q in found
    ]


def nearest_person_quotes(text: str, people: Sequence[tuple[int, int, str]]) -> list[SystemQuote]:
    """The baseline: the nearest PERSON before the quote's speech verb, else before the quote."""
    from ..analyze.quotes import SPEECH_VERBS, find_quotes
    from ..model import Article
    from ..segment import split_sentences

    sentences = split_sentences(Article(id="x", text=text))
    marks = find_quotes(text)
    quoted = [(m.outer_start, m.outer_end) for m in marks]
    found = []
    for m in marks:
        around = [s for s in sentences if s.start < m.outer_end and s.end > m.outer_start]
        lo = min((s.start for s in around), default=m.outer_start)
        hi = max((s.end for s in around), default=m.outer_end)
        verbs = [
            lo + v.start() for v in re.finditer(r"[A-Za-z]+", text[lo:hi])
            if v.group().lower() in SPEECH_VERBS and not inside(lo + v.start(), quoted)
        ]
        anchor = min(verbs, key=lambda v: distance(v, m.outer_start, m.outer_end)) if verbs else m.outer_start
        before = [p for p in people if p[1] <= anchor]
        if not before and verbs:
            before = [p for p in people if p[1] <= m.outer_start]
        person = before[-1] if before else None
        found.append(SystemQuote(((m.start, m.end),), person[2] if person else "",
                                 (person[0], person[1]) if person else None))
    return found


def distance(position: int, start: int, end: int) -> int:
    return start - position if position < start else position - end


# ---------------------------------------------------------------- judging


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    from ..analyze.quotes import find_quotes

    return [(m.outer_start, m.outer_end) for m in find_quotes(text)]


def inside(position: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in ranges)


def overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


@dataclass
class Judge:
    """Judges one article's system quotes against its gold direct quotes."""

    text: str
    golds: Sequence[GoldQuote]
    people: Sequence[tuple[int, int, str]]  # PERSON entities outside quotes
    others: Sequence[tuple[int, int]]  # non-direct gold contents
    quoted: Sequence[tuple[int, int]]
    sources: Sequence[tuple[int, int]] = ()  # every gold attribution's source
    _resolved: dict = field(default_factory=dict)

    def score(self, quotes: Sequence[SystemQuote]) -> tuple[Counts, list[dict]]:
        counts = Counts(gold=len(self.golds))
        right_gold: set[int] = set()
        found_gold: set[int] = set()
        judged = []
        for quote in quotes:
            counts.system += 1
            overlaps = [(overlap(quote.spans, g.fragments), n) for n, g in enumerate(self.golds)]
            best, n = max(overlaps, default=(0, -1))
            verdict: str
            if best == 0:
                if overlap(quote.spans, self.others):
                    counts.mixed += 1
                    verdict = "mixed"
                elif quote.speaker:
                    counts.attributed += 1
                    counts.wrong += 1
                    counts.spurious += 1
                    verdict = "spurious"
                else:
                    verdict = "no gold, unattributed"
            else:
                gold = self.golds[n]
                pronoun = gold.source_text.strip().lower() in GENDERED
                if gold.source is not None:
                    found_gold.add(n)
                if not quote.speaker:
                    counts.unattributed += gold.source is not None
                    verdict = "unattributed"
                else:
                    counts.attributed += 1
                    counts.pronoun_attributed += pronoun
                    if gold.source is not None and self.right_speaker(quote, gold):
                        counts.correct += 1
                        counts.pronoun_correct += pronoun
                        right_gold.add(n)
                        verdict = "right"
                    else:
                        counts.wrong += 1
                        verdict = "wrong" if gold.source is not None else "wrong (no gold source)"
            judged.append({
                "quote": self.text[quote.spans[0][0] : quote.spans[-1][1]][:200], "speaker": quote.speaker,
                "verdict": verdict,
                "gold_source": self.golds[n].source_text if best else None,
                "gold_person": self.gold_person(self.golds[n]) if best else None,
            })
        with_source = [n for n, g in enumerate(self.golds) if g.source is not None]
        counts.gold_with_source = len(with_source)
        counts.found = len(found_gold)
        counts.right = len(right_gold)
        pronoun_gold = {n for n in with_source if self.golds[n].source_text.strip().lower() in GENDERED}
        counts.pronoun_gold = len(pronoun_gold)
        counts.pronoun_right = len(right_gold & pronoun_gold)
        return counts, judged

    def right_speaker(self, quote: SystemQuote, gold: GoldQuote) -> bool:
        source = gold.source_text.strip().lower()
        if source in GENDERED:
            person = self.gold_person(gold)
            return bool(person) and same_person(quote.speaker, person)
        if quote.mention is not None and overlap([quote.mention], [gold.source]):
            return True
        if quote.mention is not None and overlap([quote.mention], gold.fragments) and not inside(quote.mention[0], self.quoted):
            return True  # a nested attribution inside the content: `"...," Sanders said, according to CNN`
        if source in OTHER_PRONOUNS:
            return False
        person = self.gold_person(gold)
        return bool(person) and same_person(quote.speaker, person)

    def gold_person(self, gold: GoldQuote) -> str | None:
        """The person a gold source names, or the one its he/she stands for."""
        if gold.source is None:
            return None
        if gold.source not in self._resolved:
            source = gold.source_text.strip().lower()
            if source in GENDERED:
                self._resolved[gold.source] = self.antecedent(gold.source[0], GENDERED[source])
            else:
                self._resolved[gold.source] = self.named_in(gold.source)
        return self._resolved[gold.source]

    def named_in(self, source: tuple[int, int]) -> str | None:
        """The person a source span names: its last PERSON before a comma or parenthesis,
        not a possessive; or the span itself when it is all capitalized words."""
        start, end = source
        head = re.split(r"[,(]|\s+who\s", self.text[start:end])[0]
        cut = start + len(head.rstrip())
        names = [
            p for p in self.people
            if start <= p[0] and p[1] <= cut and not possessive(self.text, p[1])
        ]
        if names:
            return names[-1][2]
        words = head.split()
        if words and all(w[:1].isupper() for w in words) and len(words) <= 4:
            return head.strip()
        return None

    def antecedent(self, position: int, gender: str) -> str | None:
        """Who "he"/"she" at ``position`` is, looked for in this order, each time the
        first person whose gender does not contradict the pronoun:
            1. the nearest annotated speaker (a gold source naming a person) of the
               pronoun's paragraph, before it;
            2. the first PERSON named in that paragraph (its topic: "Raynard Jackson, a
               consultant who voted for Obama, ... he said");
            3. the nearest annotated speaker of the ``ANTECEDENT_PARAGRAPHS`` before;
            4. the nearest PERSON named before it anywhere in the article."""
        here = paragraph_start(self.text, position, 0)
        window = paragraph_start(self.text, position, ANTECEDENT_PARAGRAPHS)
        surnames = {name_words(p[2])[-1] for p in self.people if name_words(p[2])}  # a person's, not "Twitter"
        speakers = []
        for source in self.named_sources():
            name = self.named_in(source)
            words = name_words(name or "")
            if (words and window <= source[0] and source[1] <= position and not inside(source[0], self.quoted)
                    and (words[-1] in surnames or first_name_gender(words[0]))):
                speakers.append((source[0], name))
        people = [(p[0], p[2]) for p in self.people if p[1] <= position and not possessive(self.text, p[1])]
        steps = (
            sorted(((at, name) for at, name in speakers if at >= here), reverse=True),
            sorted((at, name) for at, name in people if at >= here),
            sorted(speakers, reverse=True),
            sorted(people, reverse=True),
        )
        for candidates in steps:
            for _, name in candidates:
                if self.gender_of(name, position) in (None, gender):
                    return name
        return None

    def named_sources(self) -> Iterator[tuple[int, int]]:
        """The sources of every gold attribution that are not pronouns."""
        for start, end in self.sources:
            words = self.text[start:end].strip().lower()
            if words not in GENDERED and words not in OTHER_PRONOUNS:
                yield (start, end)

    def gender_of(self, name: str, before: int) -> str | None:
        words = name_words(name)
        if not words:
            return None
        guesses = set()
        if len(words) >= 2:
            guesses.add(first_name_gender(words[0]))
        else:  # a surname alone: the fuller mentions of it before, and honorifics
            for p in self.people:
                full = name_words(p[2])
                if p[0] < before and len(full) >= 2 and full[-1] == words[-1]:
                    guesses.add(first_name_gender(full[0]))
        for match in re.finditer(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z]\w*\s+)*{re.escape(words[-1].title())}\b", self.text[:before]):
            guesses.add("m" if match.group(1) == "Mr" else "f")
        guesses.discard(None)
        return guesses.pop() if len(guesses) == 1 else None


def possessive(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is a possessive ("Trump's campaign")."""
    return text[end : end + 1] in ("'", "’") or text[end - 2 : end] in ("'s", "’s")


def paragraph_start(text: str, position: int, paragraphs: int) -> int:
    """Where the paragraph ``paragraphs`` before the one at ``position`` starts."""
    start = position
    for _ in range(paragraphs + 1):
        start = text.rfind("\n", 0, max(0, start - 1))
        if start < 0:
            return 0
        while start > 0 and text[start - 1] == "\n":
            start -= 1
    return start


def name_words(name: str) -> list[str]:
    """A name's words, lowercase, without titles, initials or suffixes."""
    words = [w.strip(".,'’").lower() for w in name.replace("’s", "").split()]
    words = [w for w in words if w and w not in TITLE_WORDS and w not in SUFFIXES]
    return [w for w in words if len(w) > 1]


def first_name_gender(word: str) -> str | None:
    if word in FEMALE:
        return "f"
    if word in MALE:
        return "m"
    return None


def same_person(speaker: str, person: str) -> bool:
    """Same surname, and the same first name when both give one."""
    a, b = name_words(speaker), name_words(person)
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) < 2 or len(b) < 2 or a[0] == b[0]
