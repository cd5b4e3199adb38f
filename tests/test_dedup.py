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


# --------------------------------------------------------------------------- identical and repeated inputs


def _all_pairs_groups(sets, use_lsh: bool) -> list[list[int]]:
    """The former rule as the reference: list every candidate pair, keep the duplicates,
    connected components (5,000 copies of one article took 8 minutes and 1.9 GB)."""
    from itertools import combinations

    if use_lsh:
        distinct = [i for i, s in enumerate(sets) if s]
        pairs = {(distinct[a], distinct[b]) for bucket in dedup._lsh_buckets([sets[i] for i in distinct])
                 for a, b in combinations(bucket, 2)}
    else:
        pairs = set(combinations(range(len(sets)), 2))
    forest = dedup._Forest(len(sets))
    for i, j in pairs:
        if is_duplicate(sets[i], sets[j]):
            forest.union(i, j)
    return forest.components()


@pytest.mark.parametrize("count", [40, 160])
def test_groups_equal_those_of_all_candidate_pairs(count):
    """Joining identical sets first and linking each bucket per component gives the
    components that every candidate pair gives, with copies, edits, cuts and empties."""
    rng = random.Random(count)
    stories = [_vocabulary_text(rng, rng.choice([3, 40, 150])) for _ in range(6)]
    texts = []
    for _ in range(count):
        story, r = rng.choice(stories), rng.random()
        texts.append(story if r < 0.3 else _edited(rng, story, rng.randint(1, 40)) if r < 0.8
                     else story[: rng.randrange(len(story))] if r < 0.9 else "")
    sets = [dedup.shingle_hashes(t) for t in texts]
    assert dedup.duplicate_groups(sets) == _all_pairs_groups(sets, use_lsh=count >= dedup.LSH_MIN_ARTICLES)


def test_a_bridge_joins_two_articles_that_are_not_copies_of_each_other():
    words = [f"w{n}" for n in range(150)]
    a, b, c = (" ".join(words[start : start + 100]) for start in (0, 25, 50))
    assert not is_duplicate(shingles(a), shingles(c))
    for order in ([a, b, c], [a, c, b], [c, a, b]):
        (survivor,) = collapse_duplicates([article(f"x{i}", t) for i, t in enumerate(order)])
        assert len(survivor.copies) == 2


def test_thousands_of_identical_articles_collapse_into_one():
    """5,000 copies: one survivor naming the others in order (was quadratic in pairs)."""
    copies = [article(f"a{i}", WIRE) for i in range(5000)]
    (survivor,) = collapse_duplicates(copies)
    assert survivor.id == "a0"
    assert survivor.copies == tuple(f"a{i}" for i in range(1, 5000))


def test_repeated_edited_copies_collapse_per_story():
    rng = random.Random(5)
    stories = [_vocabulary_text(rng) for _ in range(3)]
    articles = [article(f"a{i}", _edited(rng, stories[i % 3], 2)) for i in range(600)]
    survivors = collapse_duplicates(articles)
    assert len(survivors) == 3
    assert sorted(len(a.copies) for a in survivors) == [199, 199, 199]


# --------------------------------------------------------------------------- one rule for the store and Spark


def test_the_banding_is_the_one_datasketch_chooses_for_the_lsh_threshold():
    from datasketch import MinHashLSH

    chosen = MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.LSH_PERMUTATIONS)
    assert (chosen.b, chosen.r) == (dedup.LSH_BANDS, dedup.LSH_ROWS)


def test_band_keys_are_stable_and_shared_by_copies_only():
    keys = dedup.band_keys(dedup.stable_shingle_hashes(WIRE))
    assert len(keys) == dedup.LSH_BANDS and all(-(2**63) <= k < 2**63 for k in keys)
    # the same in another process: Python's salted hash() must not reach a stored key
    import subprocess
    import sys

    code = f"from newsbrief import dedup; print(dedup.band_keys(dedup.stable_shingle_hashes({WIRE!r})))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONHASHSEED": "12345"}).stdout.strip() == str(keys)
    assert set(keys) & set(dedup.band_keys(dedup.stable_shingle_hashes(REPOST)))
    assert not set(keys) & set(dedup.band_keys(dedup.stable_shingle_hashes(OTHER)))
    assert dedup.band_keys(set()) == []


def test_content_hash_ignores_case_punctuation_and_spacing():
    assert dedup.content_hash("Talks", "Talks resume, in Doha.") == dedup.content_hash("TALKS", "talks  resume in doha")
    assert dedup.content_hash(None, WIRE) != dedup.content_hash(None, REPOST)
