"""The attribute ruler as a lookup table gives the ruler's POS, tags and labels."""

from __future__ import annotations

from newsbrief.analyze import nlp, pos

TEXTS = [
    "There is no deal yet, but there are talks in Doha, and I don't think it's over.",
    "Khalilzad said: \"We have made progress.\"  He did not say when the troops would leave.",
    "The two sides, which met on Monday, had agreed to 14,000 troops \n\n leaving.",
    "What does it mean? Ain't nothing y'all can do, said the envoy, who had said so.",
]


def test_table_gives_the_rulers_attributes() -> None:
    pipeline = nlp.load_pipeline()
    table = pos.rule_table(pipeline)
    assert table is not None
    for text in TEXTS:
        ruled = pipeline(text, disable=["ner"])
        looked_up = table.apply(pipeline(text, disable=["ner", "attribute_ruler"]))
        assert [(t.pos_, t.tag_, t.dep_) for t in looked_up] == [(t.pos_, t.tag_, t.dep_) for t in ruled]


def test_pair_rule_sets_the_second_token() -> None:
    """"there is": the ruler makes the form of "be" after an expletive a VERB."""
    table = pos.rule_table(nlp.load_pipeline())
    doc = table.apply(nlp.load_pipeline()("There is a deal.", disable=["ner", "attribute_ruler"]))
    assert doc[0].dep_ == "expl" and doc[1].pos_ == "VERB"


def test_rule_matching() -> None:
    token = {"TAG": "DT", "LOWER": "that", "DEP": "nsubj", "IS_SPACE": False}
    assert pos.matches({"DEP": {"NOT_IN": ["det", "quantmod", ""]}, "TAG": {"IN": ["DT", "WDT"]}}, token)
    assert not pos.matches({"DEP": {"NOT_IN": ["nsubj"]}}, token)
    assert not pos.matches({"LOWER": "this"}, token)
