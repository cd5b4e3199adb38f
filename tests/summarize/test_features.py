import numpy as np

from newsbrief.segment import split_sentences
from newsbrief.summarize.features import FEATURES, sentence_bigrams, sentence_grams, story_concepts
from newsbrief.summarize.text import raw_tokens, stem
from builders import article


def test_bigrams_skip_pairs_of_stop_words():
    assert sentence_bigrams(["talks", "in", "the", "city"]) == [
        (stem("talks"), "in"),
        ("the", "city"),
    ]


def test_grams_add_content_words():
    grams = sentence_grams(["Talks", "in", "Doha"])
    assert (stem("talks"),) in grams and ("doha",) in grams and ("in",) not in grams


def test_story_statistics():
    arts = [
        article("a1", "Peace talks opened in Doha. The weather was warm."),
        article("a2", "Rain fell in Kabul. Peace talks opened in Doha on Monday."),
    ]
    sentences = {a.id: split_sentences(a) for a in arts}
    concepts = story_concepts(arts, sentences, raw_tokens)
    assert concepts.features.shape == (len(concepts.grams), len(FEATURES))
    row = dict(zip(FEATURES, concepts.features[concepts.grams.index(("peace", stem("talks")))]))
    assert row["df_frac"] == 1.0
    assert row["log_tf"] == np.log1p(2)
    assert row["first_frac"] == 0.5  # first sentence of a1 only
    assert row["min_pos"] == 0.0
    assert row["single_doc"] == 0.0
    kabul = dict(zip(FEATURES, concepts.features[concepts.grams.index(("kabul",))]))
    assert kabul["df_frac"] == 0.5 and kabul["single_doc"] == 1.0


def test_keep_limits_the_rows():
    arts = [article("a1", "Peace talks opened in Doha on Monday.")]
    sentences = {"a1": split_sentences(arts[0])}
    concepts = story_concepts(arts, sentences, raw_tokens, keep={("doha",)})
    assert concepts.grams == (("doha",),)


def test_counted_concepts_are_the_sentence_concepts_and_names_are_capitalized_past_the_first_word():
    from newsbrief.summarize.features import _grams

    raw = ["The", "Red", "Cross", "said", "the", "New", "York", "office", "of", "the", "UN", "closed"]
    lowered = [w.lower() for w in raw]
    grams, names = _grams(raw, lowered, [stem(w) for w in lowered])
    assert sorted(grams) == sorted(sentence_grams(raw))
    # unigrams first, then bigrams, in sentence order (the counters keep this order)
    assert grams[:3] == [("red",), ("cross",), (stem("said"),)]
    assert names == [("red",), ("cross",), ("new",), ("york",), ("un",), ("red", "cross"), ("new", "york")]


def _counts(*texts):
    from newsbrief.summarize.features import count_concepts

    arts = [article(f"a{k}", text) for k, text in enumerate(texts, 1)]
    return count_concepts(arts, {a.id: split_sentences(a) for a in arts}, raw_tokens)


def test_positions_lead_and_names_are_counted_per_occurrence_and_article():
    counts = _counts(
        "Rain fell. Talks on Doha opened. More talks on Doha opened. Talks on Doha ended.",
        "Talks on Doha opened. Aid to Doha came.",
    )
    concepts = counts.concepts()
    row = dict(zip(FEATURES, concepts.features[concepts.grams.index(("doha",))]))
    # a1: sentences 1, 2, 3 of 4; a2: sentences 0, 1 of 2
    assert row["mean_pos"] == (0.25 + 0.5 + 0.75 + 0.0 + 0.5) / 5
    assert row["min_pos"] == 0.0
    assert row["lead_frac"] == 1.0  # in the first three sentences of both articles
    assert row["first_frac"] == 0.5  # the first sentence of a2 only
    assert row["proper"] == 1.0  # capitalized past the first word every time
    assert row["log_tf"] == np.log1p(5)


def test_concepts_by_number_are_the_concepts_kept():
    counts = _counts("Peace talks opened in Doha on Monday.", "The talks in Doha ended.")
    tokens = [t.lower() for t in raw_tokens("The talks in Doha ended.")]
    ids = sorted(counts.ids_of(tokens))
    by_number = counts.concepts_of(ids)
    kept = counts.concepts(set(sentence_grams(tokens)))
    assert by_number.grams == kept.grams
    assert set(kept.grams) == set(sentence_grams(tokens))
    assert by_number.features.tobytes() == kept.features.tobytes()
    # a sentence never counted: only the concepts the story holds have a number
    assert counts.concepts_of(sorted(counts.ids_of(["doha", "talks", "resumed"]))).grams == ((stem("talks"),), ("doha",))
