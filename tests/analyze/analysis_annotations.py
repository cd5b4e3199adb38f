"""Hand-checked annotations of whole stories, and precision/recall against them.

Each ``tests/fixtures/annotations/<story>.json`` names a folder of articles and lists
the quotes (text, true speaker), entities and conflicting figures a careful reader
finds in it. Articles go through the real ingest, clean and segment stages, so the
scores measure what the brief would show. Gold items whose text the cleaner removed
(a video caption, say) are not counted: that is the cleaner's decision, not the
analysis stage's miss.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsbrief.clean import clean_article
from newsbrief.ingest import read_inputs
from newsbrief.model import Article, Conflict, Entity, Quote, Sentence
from newsbrief.segment import split_sentences

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = ROOT / "tests" / "fixtures" / "annotations"
STORIES = ("doha-talks", "sindh-floods", "plant-closure")


@dataclass(frozen=True)
class Story:
    name: str
    gold: dict[str, Any]
    articles: tuple[Article, ...]
    sentences: dict[str, tuple[Sentence, ...]]
    id_of: dict[str, str]  # file name -> article id

    def article(self, file: str) -> Article:
        return self.article_by_id(self.id_of[file])

    def article_by_id(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)


@lru_cache(maxsize=None)
def load_story(name: str) -> Story:
    gold = json.loads((ANNOTATIONS / f"{name}.json").read_text(encoding="utf-8"))
    ingested = read_inputs([str(ROOT / gold["articles"])])
    articles = tuple(clean_article(a) for a in ingested.articles)
    sentences = {a.id: split_sentences(a) for a in articles}
    id_of = {Path(a.path).name: a.id for a in articles if a.path}
    return Story(name, gold, articles, sentences, id_of)


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    gold: int
    found: int  # gold items found

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.found + other.found,
        )

    def line(self, label: str) -> str:
        return (
            f"{label}: precision {self.precision:.2f} ({self.true_positives}/{self.predicted}) "
            f"recall {self.recall:.2f} ({self.found}/{self.gold})"
        )


def words(text: str) -> str:
    """Comparison key of a quote: lowercase words, punctuation and spacing ignored."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def same_text(a: str, b: str) -> bool:
    a, b = words(a), words(b)
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


# ---------------------------------------------------------------- quotes


def score_quotes(story: Story, quotes: tuple[Quote, ...]) -> tuple[Score, list[str]]:
    """Per (quote, citing article). A prediction is right when it matches a gold quote
    of that article and its speaker is the gold speaker or an accepted form; one that
    matches only an optional quote with a right speaker is not counted either way, nor is
    a quote shown as unattributed (speaker "": no speaker guessed)."""
    gold = [g for g in story.gold["quotes"] if same_text(g["text"], story.article(g["file"]).text)]
    problems = []
    predicted = tp = 0
    found: set[int] = set()
    for quote in (q for q in quotes if q.speaker):
        for article_id in quote.citations:
            matches = [
                (n, g) for n, g in enumerate(gold)
                if story.id_of[g["file"]] == article_id and same_text(g["text"], quote.text)
            ]
            right = [(n, g) for n, g in matches if quote.speaker in (g["speaker"], *g.get("accept", ()))]
            if right and all(g.get("optional") for _, g in right):
                continue
            predicted += 1
            if right:
                tp += 1
                found.update(n for n, g in right if not g.get("optional"))
            else:
                expected = matches[0][1]["speaker"] if matches else "not a quote"
                problems.append(f"wrong: {quote.speaker!r} for {quote.text[:60]!r} ({article_id}; expected {expected})")
    required = [n for n, g in enumerate(gold) if not g.get("optional")]
    for n in required:
        if n not in found:
            problems.append(f"missed: {gold[n]['speaker']!r}: {gold[n]['text'][:60]!r}")
    return Score(tp, predicted, len(required), len(found)), problems


# ---------------------------------------------------------------- entities


def score_entities(story: Story, entities: tuple[Entity, ...]) -> tuple[Score, list[str]]:
    """Entity level. A predicted entity is right when its name is a gold (or acceptable)
    entity's name or alias with the same type; a gold entity is found when a predicted
    entity carries its name (a split alias counts as a wrong extra entity)."""
    required = story.gold["entities"]
    known = required + story.gold.get("acceptable", [])
    names = {}
    for g in known:
        for form in (g["name"], *g.get("aliases", ())):
            names[form.lower()] = g
    problems = []
    tp = 0
    for e in entities:
        g = names.get(e.name.lower())
        if g is not None and g["type"] == e.type:
            tp += 1
        else:
            problems.append(f"wrong: {e.type} {e.name!r} ({e.mentions} mentions)")
    found = 0
    for g in required:
        hit = next((e for e in entities if e.name == g["name"] and e.type == g["type"]), None)
        if hit is None:
            problems.append(f"missed: {g['type']} {g['name']!r}")
        else:
            found += 1
    return Score(tp, len(entities), len(required), found), problems


# ---------------------------------------------------------------- conflicts


def numeric(value: str) -> float | None:
    match = re.search(r"\d[\d,]*(\.\d+)?", value)
    if match:
        return float(match.group().replace(",", ""))
    from newsbrief.analyze.figures import WORD_NUMBERS

    for word in value.lower().split():
        if word in WORD_NUMBERS:
            return float(WORD_NUMBERS[word])
    return None


def subject_matches(subject: str, words_needed: list[str]) -> bool:
    return all(w.lower() in subject.lower() for w in words_needed)


def score_conflicts(story: Story, conflicts: tuple[Conflict, ...]) -> tuple[Score, list[str]]:
    """Value level: a predicted value is right when its conflict matches a gold
    conflict (subject words) and the value, with every article giving it, is gold.
    Only ``kind == "conflict"`` counts: changes and approximations are not disagreements."""
    gold = story.gold["conflicts"]
    conflicts = tuple(c for c in conflicts if c.kind == "conflict")
    problems = []
    predicted = tp = 0
    found: set[tuple[int, float]] = set()
    for conflict in conflicts:
        match = next((n for n, g in enumerate(gold) if subject_matches(conflict.subject, g["subject_words"])), None)
        for value in conflict.values:
            predicted += 1
            number = numeric(value.value)
            gold_value = None
            if match is not None:
                gold_value = next((v for v in gold[match]["values"] if v["value"] == number), None)
            cited_ok = gold_value is not None and {story.id_of[f] for f in gold_value["files"]} <= set(value.citations)
            if cited_ok:
                tp += 1
                found.add((match, number))
            else:
                problems.append(f"wrong: {conflict.subject!r} = {value.value!r} cited {value.citations}")
    total = sum(len(g["values"]) for g in gold)
    for n, g in enumerate(gold):
        for v in g["values"]:
            if (n, v["value"]) not in found:
                problems.append(f"missed: {' '.join(g['subject_words'])} = {v['value']}")
    return Score(tp, predicted, total, len(found)), problems
