from statistics import mean

import pytest

from newsbrief.evaluate import rouge

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
pysbd = pytest.importorskip("pysbd")

# Two tiny hand-made "stories": references and a system summary each.
STORIES = [
    {
        "summaries": ["Talks between the Taliban and US envoys resumed in Doha on Tuesday .",
                      "US and Taliban negotiators met again in Qatar to discuss troop withdrawal ."],
        "summary": "The Taliban and US envoys resumed talks in Doha. They discussed a withdrawal of troops and a ceasefire. "
                   "Officials said progress was slow.",
    },
    {
        "summaries": ["Heavy rains flooded villages in the south . Rescue teams arrived Thursday .",
                      "Floods hit southern provinces after heavy rain ; rescuers reached villages ."],
        "summary": "Heavy rain caused flooding across the southern provinces. Rescue teams reached the villages on Thursday.",
    },
]


def test_recall_by_hand():
    variant = rouge.Variant(rouge.RECALL, 100)
    scores = rouge.score("the cat sat", ["the cat sat on the mat"], variant)
    assert scores["rouge1"] == pytest.approx(50.0)  # 3 of 6 reference words
    assert scores["rouge2"] == pytest.approx(40.0)  # 2 of 5 reference bigrams


def test_porter_stemming_and_word_cut():
    variant = rouge.Variant(rouge.RECALL, 2)
    # only "cats running" is read; stemmed it matches "cat run"
    assert rouge.score("cats running away fast", ["cat run"], variant)["rouge1"] == pytest.approx(100.0)
    assert rouge.first_words(" a  b c ", 2) == "a b"


def test_recall_equals_the_reference_scorer_formula():
    """score.py: mean over stories of mean over references of 100 * recall of the first N words."""
    words = 12
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    cut = lambda t: " ".join(t.split()[:words])
    expected = {
        k: mean(mean(100 * scorer.score(r, cut(s["summary"]))[k].recall for r in s["summaries"]) for s in STORIES)
        for k in ("rouge1", "rouge2")
    }
    variant = rouge.Variant(rouge.RECALL, words)
    rows = [rouge.score(s["summary"], s["summaries"], variant) for s in STORIES]
    assert rouge.average(rows, variant.keys) == pytest.approx(expected)


def test_f1_equals_the_reference_scorer_formula():
    """score.py --f1: F1 of R-1/R-2/R-Lsum, both sides one pysbd sentence per line."""
    words = 15
    seg = pysbd.Segmenter(language="en", clean=False)
    lines = lambda t: "\n".join(x.strip() for x in seg.segment(t) if x.strip())
    cut = lambda t: " ".join(t.split()[:words])
    keys = ("rouge1", "rouge2", "rougeLsum")
    scorer = rouge_scorer.RougeScorer(list(keys), use_stemmer=True)
    expected = {
        k: mean(mean(100 * scorer.score(lines(r), lines(cut(s["summary"])))[k].fmeasure for r in s["summaries"])
                for s in STORIES)
        for k in keys
    }
    variant = rouge.Variant(rouge.F1, words)
    rows = [rouge.score(s["summary"], s["summaries"], variant) for s in STORIES]
    assert rouge.average(rows, variant.keys) == pytest.approx(expected)
    assert "R-Lsum" in [rouge.COLUMNS[k] for k in variant.keys]


def test_variant_is_described_with_the_numbers():
    assert "recall" in rouge.Variant(rouge.RECALL, 100).describe()
    assert "F1" in rouge.Variant(rouge.F1, 250).describe()
    assert rouge.score("anything", [], rouge.Variant(rouge.RECALL, 100)) == {"rouge1": 0.0, "rouge2": 0.0}
