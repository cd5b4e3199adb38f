"""Entities: name normalization, alias merging, roles, tagger-mistake filters, and
precision/recall against hand-checked annotations (printed with ``pytest -s``)."""

from __future__ import annotations

import pytest
from analysis_annotations import STORIES, Score, load_story, score_entities
from builders import article

from newsbrief.analyze.entities import (
    extract_entities,
    is_noise,
    name_key,
    resolve_person_names,
    strip_titles,
)
from newsbrief.segment import split_sentences

# Floors a little under what the method measured when written (docs/analysis.md).
PRECISION_FLOOR = 0.85
RECALL_FLOOR = 0.85


def entities_of(*texts: str):
    articles = [article(f"a{n}", text) for n, text in enumerate(texts, start=1)]
    return extract_entities(articles, {a.id: split_sentences(a) for a in articles})


def by_name(entities, name: str):
    return next((e for e in entities if e.name == name), None)


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("written", "name"),
    [("Mr Stoltenberg", "Stoltenberg"), ("Mr. Bush's", "Bush"), ("the Taliban", "Taliban"), ("President Donald Trump", "Donald Trump")],
)
def test_strip_titles(written: str, name: str) -> None:
    assert strip_titles(written) == name


def test_name_key_ignores_case_and_dots() -> None:
    assert name_key("George W. Bush") == name_key("george w bush")
    assert name_key("U.S.") == "us"


def test_short_names_resolve_to_the_one_full_name() -> None:
    resolved = resolve_person_names(["Zalmay Khalilzad", "Khalilzad", "George W. Bush", "George Bush", "Bush"])
    assert resolved["khalilzad"] == "Zalmay Khalilzad"
    assert resolved["george bush"] == "George W. Bush"
    assert resolved["bush"] == "George W. Bush"


def test_shared_surname_stays_apart() -> None:
    resolved = resolve_person_names(["George W. Bush", "Jeb Bush", "Bush"])
    assert resolved["bush"] == "Bush"


@pytest.mark.parametrize(
    ("text", "label"),
    [("Twitter", "PERSON"), ("Read More", "ORG"), ("2019", "GPE"), ("intra-Afghan", "NORP"), ("BREAKING NEWS TODAY", "ORG")],
)
def test_tagger_mistakes_are_noise(text: str, label: str) -> None:
    assert is_noise(text, label)


@pytest.mark.parametrize(("text", "label"), [("NATO", "ORG"), ("Zalmay Khalilzad", "PERSON"), ("Doha", "GPE")])
def test_real_names_are_not_noise(text: str, label: str) -> None:
    assert not is_noise(text, label)


# ---------------------------------------------------------------- merging


def test_aliases_merge_across_articles_with_roles() -> None:
    entities = entities_of(
        "US special envoy Zalmay Khalilzad arrived in Doha on Monday. Khalilzad met the Taliban.",
        "Mr Khalilzad said talks went well. The US special envoy will return to Washington.",
    )
    khalilzad = by_name(entities, "Zalmay Khalilzad")
    assert khalilzad is not None and khalilzad.type == "PERSON"
    assert khalilzad.articles == ("a1", "a2")
    assert {"Khalilzad", "US special envoy"} <= set(khalilzad.aliases)
    assert khalilzad.mentions >= 4  # two names, "Mr Khalilzad", the role
    assert by_name(entities, "Khalilzad") is None


def test_country_spellings_are_one_place_but_washington_stays_apart() -> None:
    entities = entities_of(
        "The U.S. and Qatar hosted talks. The United States wants a deal.",
        "The US said Washington would decide.",
    )
    us = by_name(entities, "United States")
    assert us is not None and us.type == "PLACE" and us.mentions == 3
    assert by_name(entities, "Washington") is not None


def test_acronym_in_parentheses_is_an_alias() -> None:
    entities = entities_of(
        "NATO led the International Security Assistance Force (ISAF) in Afghanistan until 2014. ISAF then ended."
    )
    isaf = by_name(entities, "International Security Assistance Force")
    assert isaf is not None and "ISAF" in isaf.aliases


def test_ranked_by_articles_then_mentions() -> None:
    entities = entities_of(
        "The Taliban met US officials in Doha. The Taliban said talks went well.",
        "The Taliban and Qatar spoke.",
    )
    assert entities[0].name == "Taliban"


def test_no_articles_no_entities() -> None:
    assert extract_entities([], {}) == ()


# ---------------------------------------------------------------- annotated stories


@pytest.mark.parametrize("name", STORIES)
def test_entities_against_annotations(name: str) -> None:
    story = load_story(name)
    score, problems = score_entities(story, extract_entities(story.articles, story.sentences))
    print("\n" + score.line(f"entities {name}"), *problems, sep="\n  ")
    assert score.precision >= PRECISION_FLOOR
    assert score.recall >= RECALL_FLOOR


def test_entities_summary() -> None:
    total = Score(0, 0, 0, 0)
    for name in STORIES:
        story = load_story(name)
        total = total + score_entities(story, extract_entities(story.articles, story.sentences))[0]
    print("\n" + total.line("entities, all annotated stories"))
    assert total.precision >= PRECISION_FLOOR
    assert total.recall >= RECALL_FLOOR


def test_khalilzad_is_one_entity_near_the_top() -> None:
    story = load_story("doha-talks")
    entities = extract_entities(story.articles, story.sentences)
    ranks = [n for n, e in enumerate(entities) if "Khalilzad" in e.name or "Khalilzad" in e.aliases]
    assert len(ranks) == 1
    assert ranks[0] < story.gold["top_entities"]["Zalmay Khalilzad"]
    khalilzad = entities[ranks[0]]
    assert len(khalilzad.articles) == len(story.articles)


def test_a_chain_of_place_prefixed_organisations_merges_in_any_hash_order():
    """ "Libyan National Transitional Council" -> "National Transitional Council" ->
    "Transitional Council": a KeyError once struck when the shorter merge ran first."""
    from newsbrief.analyze.entities import _Cluster, merge_place_prefixed_orgs

    keys = ["libyan national transitional council", "national transitional council", "transitional council"]
    for order in (keys, keys[::-1], [keys[1], keys[0], keys[2]]):
        clusters = {("ORG", k): _Cluster("ORG", "", first_seen=i) for i, k in enumerate(order)}
        for (_, key), cluster in clusters.items():
            cluster.forms[key.title()] += 1
            cluster.mentions = 1
        merge_place_prefixed_orgs(clusters)
        assert list(clusters) == [("ORG", "transitional council")]
        assert sum(clusters[("ORG", "transitional council")].forms.values()) == 3
