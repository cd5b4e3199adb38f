import pytest

from newsbrief.evaluate import baselines
from builders import article

pytest.importorskip("sumy")

ARTICLES = [
    article("late", "Rescue teams reached the flooded villages on Thursday. Aid began to arrive by truck. "
                    "The government promised more help for the farmers.", date="2020-05-02"),
    article("early", "Heavy rain caused severe flooding across the southern provinces. Thousands of people left "
                     "their homes. Roads and bridges were washed away by the water.", date="2020-05-01"),
]


def test_lead_takes_the_first_sentences_of_the_earliest_article():
    assert baselines.lead(ARTICLES, 10) == (
        "Heavy rain caused severe flooding across the southern provinces. Thousands of people left their homes."
    )
    assert baselines.lead([], 10) == ""


@pytest.mark.parametrize("name", ["lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl"])
def test_sumy_baselines_run_without_nltk_data_and_extract_sentences(name):
    text = baselines.get(name)(ARTICLES, 12)
    assert text
    assert len(text.split()) >= 12  # the budget is reached (the scorer cuts the rest)
    sources = " ".join(a.text for a in ARTICLES)
    assert text.split(". ")[0].rstrip(".") in sources


def test_unknown_baseline_names_the_known_ones():
    with pytest.raises(ValueError, match="lexrank"):
        baselines.get("pagerank")
    assert "lead" in baselines.names()
