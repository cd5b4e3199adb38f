"""Sentences that point at the one before them enter a summary only with it, or not at all."""

import pytest
from builders import article

from newsbrief.evaluate.summary import prepare
from newsbrief.summarize import summarize
from newsbrief.summarize.antecedents import can_lead, is_cased, needs_antecedent
from newsbrief.summarize.candidates import find_candidates


@pytest.mark.parametrize(
    "text",
    [  # real-style openers from the example story and DUC clusters
        "He will also seek the general's extradition to Spain.",
        "The other issues are counter-terrorism assurances, intra-Afghan dialogue, and a ceasefire.",
        "They are striking examples of how the talks have changed.",
        "The latest round of their negotiations took place in the Persian Gulf state of Qatar.",
        "Then, he said, the shooting started.",
        "``Our people want peace,'' he said.",
        "This is nothing new for D'Amato.",
        "The Taliban, however, rejected the offer.",
        "The plane left with the passenger aboard, but without his luggage.",
        "Both extraterritorial investigations have drawn scorn from the governments.",
    ],
)
def test_sentences_pointing_back(text):
    assert needs_antecedent(text)


@pytest.mark.parametrize(
    "text",
    [
        "Garzon said he will seek the general's extradition to Spain.",
        "More than 100,000 people in the area were forced to flee their homes, Red Cross officials said.",
        "Sports officials said their team would win more than 100 golds.",
        "The Taliban also said they want agreement on four issues for any deal to be signed.",
        "It was not immediately clear which clinic was treating Pinochet.",
        "This summer, the sport of bicycle racing has been scandalized by EPO.",
        "Both President Eduardo Frei of Chile and President Carlos Menem of Argentina resisted.",
        "Neither Blair nor Foreign Secretary Robin Cook made public statements about the arrest.",
    ],
)
def test_sentences_standing_alone(text):
    assert not needs_antecedent(text)


def test_a_lead_must_stand_alone_and_name_something():
    assert can_lead("Baltasar Garzon, a Spanish magistrate, filed a request to question Pinochet on Wednesday.")
    assert not can_lead("He filed a request to question Pinochet on Wednesday.")


STORY = (
    "Baltasar Garzon, a Spanish magistrate, filed a request to question Pinochet on Wednesday. "
    "He will also seek the general's extradition to Spain. "
    "The weather in London stayed mild for the whole week of the arrest.\n\n"
    "They said nothing more about the case before the hearing in the court."
)


def test_a_sentence_pointing_back_is_a_candidate_only_after_its_lead():
    articles, sentences = prepare([article("a1", STORY, date="1998-10-17")])
    candidates = find_candidates(articles, sentences, 100)
    texts = [c.text for c in candidates]
    joined = next(c for c in candidates if c.parts)
    assert joined.text == (
        "Baltasar Garzon, a Spanish magistrate, filed a request to question Pinochet on Wednesday. "
        "He will also seek the general's extradition to Spain."
    )
    assert [p.sentence.index for p in joined.parts] == [0, 1]
    assert "He will also seek the general's extradition to Spain." not in texts
    # its lead does not name a group "they" could stand for: left out
    assert not any(t.startswith("They said") for t in texts)


def test_a_joined_unit_is_shown_as_its_two_sentences_each_with_its_exact_span():
    text = STORY.replace("The weather in London stayed mild for the whole week of the arrest.", "")
    articles, sentences = prepare([article("a1", text, date="1998-10-17")])
    summary = summarize(articles, sentences, words=100)
    texts = [s.text for s in summary]
    assert "He will also seek the general's extradition to Spain." in texts
    at = texts.index("He will also seek the general's extradition to Spain.")
    assert at > 0 and texts[at - 1].startswith("Baltasar Garzon")
    for item in summary:
        span = item.spans[0]
        assert articles[0].text[span.start : span.end] == item.text


def test_lower_cased_text_is_judged_by_its_openers_only():
    # Multi-News articles are lower-cased but for sentence starts: no capital tells a name
    text = "Former rep. corrine brown was convicted on thursday. She faces up to 20 years. the jury said her charity was a sham."
    assert not is_cased(text)
    assert is_cased("Sen. Paul Wellstone said the Senate would vote on Friday with Rep. Henry Hyde.")
    assert not needs_antecedent("a jury found that her charity was a sham.", cased=False)
    assert needs_antecedent("She faces up to 20 years in prison.", cased=False)
