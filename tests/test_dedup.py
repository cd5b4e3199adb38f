"""Near-duplicate articles collapse into one survivor that keeps every copy's id."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from builders import article

import newsbrief
from newsbrief import dedup
from newsbrief.clean import clean_article
from newsbrief.dedup import (
    DUPLICATE_JACCARD,
    collapse_duplicates,
    containment,
    is_duplicate,
    jaccard,
    shingles,
)
from newsbrief.ingest import read_inputs

WIRE = (
    "The United States and the Taliban have resolved differences in talks over the withdrawal of "
    "American troops from Afghanistan, an official for the group said on Tuesday. Technical teams "
    "have been conducting discussions in Doha, Qatar, since Saturday, in what officials described "
    "as the most crucial phase of negotiations. The US special envoy Zalmay Khalilzad said excellent "
    "progress had been made, and NATO Secretary General Jens Stoltenberg said the sides were closer "
    "to a negotiated solution than they had been for many years. A peace agreement could be expected "
    "at the end of the present round of talks, potentially before 13 August, according to senior officials."
)
# The same wire copy re-posted with a new lead-in and a light edit.
REPOST = (
    "Alwaght reports: " + WIRE.replace("on Tuesday", "on Tuesday evening").replace("Doha, Qatar", "Doha")
)
# Another article on the same story: same names and topic, different words.
OTHER = (
    "Afghan President Ashraf Ghani has repeatedly stressed that no peace deal between the Taliban and "
    "Washington could be finalized without his government. The Taliban say they will only declare a "
    "ceasefire once foreign forces leave, and they refuse to talk to Kabul directly. Khalilzad met "
    "Taliban negotiators in Doha this week; officials in Kabul are worried about being sidelined."
)

EXAMPLE = Path(newsbrief.__file__).parent / "examples" / "doha-talks"


def test_shingles():
    assert shingles("One two three four five six") == {
        ("one", "two", "three", "four", "five"),
        ("two", "three", "four", "five", "six"),
    }
    assert shingles("Too short") == {("too", "short")}
    assert shingles("") == set()
    assert shingles("A b c", k=2) == {("a", "b"), ("b", "c")}


def test_similarity_measures():
    a, b = shingles(WIRE), shingles(REPOST)
    assert jaccard(a, a) == 1.0
    assert jaccard(a, b) >= DUPLICATE_JACCARD
    assert jaccard(a, shingles(OTHER)) < 0.05
    assert jaccard(set(), a) == 0.0
    assert containment(a, a) == 1.0


def test_wire_copy_collapses_into_the_longest():
    articles = [article("a1", WIRE, source="EurAsian Times"), article("a2", OTHER),
                article("a3", REPOST, source="Alwaght")]
    survivors = collapse_duplicates(articles)
    assert [a.id for a in survivors] == ["a2", "a3"]  # input order of survivors
    assert survivors[1].copies == ("a1",)
    assert survivors[0].copies == ()


def test_exact_duplicates_collapse_to_the_earliest():
    articles = [article("a1", WIRE, date="2019-08-04"), article("a2", WIRE, date="2019-08-03"),
                article("a3", WIRE)]
    (survivor,) = collapse_duplicates(articles)
    assert survivor.id == "a2"
    assert survivor.copies == ("a1", "a3")


def test_ties_without_dates_go_to_the_first():
    (survivor,) = collapse_duplicates([article("x", WIRE), article("y", WIRE)])
    assert (survivor.id, survivor.copies) == ("x", ("y",))


def test_cut_down_copy_is_contained():
    half = WIRE[: len(WIRE) * 2 // 3]
    assert is_duplicate(shingles(half), shingles(WIRE))
    survivors = collapse_duplicates([article("short", half), article("full", WIRE)])
    assert [(a.id, a.copies) for a in survivors] == [("full", ("short",))]


def test_one_quoted_sentence_is_not_a_copy():
    quote = "Zalmay Khalilzad said excellent progress had been made."
    survivors = collapse_duplicates([article("a1", WIRE), article("a2", quote)])
    assert len(survivors) == 2


def test_existing_copies_are_carried_over():
    articles = [article("a1", WIRE, copies=("a0",)), article("a2", REPOST + " Extra words here.")]
    (survivor,) = collapse_duplicates(articles)
    assert survivor.id == "a2"
    assert survivor.copies == ("a1", "a0")


def test_different_articles_on_the_example_story_do_not_merge():
    articles = [clean_article(a) for a in read_inputs([str(EXAMPLE)]).articles]
    assert collapse_duplicates(articles) == tuple(articles)


def test_empty_and_single():
    assert collapse_duplicates([]) == ()
    one = article("a1", "")
    assert collapse_duplicates([one, article("a2", "")]) == (one, article("a2", ""))


def _vocabulary_text(rng: random.Random, words: int = 150) -> str:
    vocabulary = [f"w{n}" for n in range(3000)]
    return " ".join(rng.choice(vocabulary) for _ in range(words)) + "."


def _edited(rng: random.Random, text: str, edits: int = 3) -> str:
    words = text.split()
    for _ in range(edits):
        words[rng.randrange(len(words))] = "edited"
    return " ".join(words)


@pytest.mark.parametrize("count", [12, 150])
def test_many_articles_pairwise_and_lsh_agree(count, monkeypatch):
    """Above LSH_MIN_ARTICLES candidates come from MinHash LSH; the result must be
    the same groups as exact pairwise comparison."""
    rng = random.Random(7)
    originals = [_vocabulary_text(rng) for _ in range(count // 3)]
    texts = originals + [_edited(rng, t) for t in originals] + [_vocabulary_text(rng) for _ in range(count // 3)]
    articles = [article(f"a{i + 1}", t) for i, t in enumerate(texts)]
    result = collapse_duplicates(articles)
    monkeypatch.setattr(dedup, "LSH_MIN_ARTICLES", 10**9)
    assert result == collapse_duplicates(articles)
    assert len(result) == count - count // 3
    assert sorted(len(a.copies) for a in result if a.copies) == [1] * (count // 3)
