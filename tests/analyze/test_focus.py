"""The selective analysis: which tokens go through spaCy, and what the stages then read."""

from __future__ import annotations

from builders import article

from newsbrief.analyze import focus, nlp, parsed
from newsbrief.segment import split_sentences


def tokenized(text: str, article_id: str = "f1"):
    a = article(article_id, text)
    doc = nlp.load_pipeline().make_doc(text)
    return doc, focus.units_of(a.id, doc, split_sentences(a))


def test_units_cover_every_token_once() -> None:
    doc, units = tokenized("Talks resumed in Doha.\n\nKhalilzad said progress was made. NATO agreed.")
    covered = [i for u in units for i in range(u.start, u.end)]
    assert covered == list(range(len(doc)))
    assert len(units) == 3


def test_quote_is_attributed_from_its_end_not_its_words() -> None:
    text = '"We have made real progress on every one of the four issues today," Khalilzad said. Talks went on.'
    doc, units = tokenized(text)
    (quote,) = focus.quote_windows(doc, units)
    (_, (start, end)), = quote.after
    assert doc[start:end].text.endswith("Khalilzad said.")
    assert start > 1  # the quoted words before the last few are not parsed


def test_scare_quotes_are_not_attributed() -> None:
    doc, units = tokenized('The two sides "resolved differences" in Doha.')
    assert focus.quote_windows(doc, units) == []


def test_numbers_are_parsed_only_when_two_articles_can_disagree() -> None:
    pipe = nlp.load_pipeline()
    texts = {
        "n1": "NATO has 17,000 troops in Afghanistan. The talks lasted 16 days.",
        "n2": "Some 14,000 US troops remain in Afghanistan. In 2001, the war began.",
        "n3": "He spoke for 12 percent of the time.",
    }
    words = {i: pipe.make_doc(t) for i, t in texts.items()}
    units = {i: focus.units_of(i, words[i], split_sentences(article(i, t))) for i, t in texts.items()}
    chosen = focus.figure_windows(words, units)
    assert set(chosen["n1"]) == {0} and set(chosen["n2"]) == {0}  # troops: 17,000 vs 14,000
    assert "n3" not in chosen  # a percentage is no count


def test_a_number_counts_the_noun_its_words_end_on() -> None:
    doc = nlp.load_pipeline().make_doc(
        "Some 20,000 US-led foreign troops, most of them American, and 14,000 US and NATO troops in Kabul"
    )
    first = [t.i for t in doc if t.text == "20,000"][0]
    second = [t.i for t in doc if t.text == "14,000"][0]
    assert [w.text for w in focus.counted_words(doc, first + 1)] == ["led", "troops"]
    assert [w.text for w in focus.counted_words(doc, second + 1)] == ["troops", "troops"]


def test_words_of_an_unrelated_phrase_do_not_make_a_number_a_figure() -> None:
    pipe = nlp.load_pipeline()
    texts = {  # "square" follows both numbers, past "in": not what they count
        "n1": "Police said 40 protesters in the main square were arrested.",
        "n2": "Officials said 12 soldiers in the main square were hurt.",
    }
    words = {i: pipe.make_doc(t) for i, t in texts.items()}
    units = {i: focus.units_of(i, words[i], split_sentences(article(i, t))) for i, t in texts.items()}
    assert focus.figure_windows(words, units) == {}


def test_a_year_before_a_noun_is_no_figure_unless_it_counts_a_compared_thing() -> None:
    pipe = nlp.load_pipeline()
    texts = {
        "n1": "The 1998 bombings of two embassies killed many. Some 2000 troops arrived.",
        "n2": "The two bombings of the embassies were planned. About 1500 troops left.",
    }
    words = {i: pipe.make_doc(t) for i, t in texts.items()}
    units = {i: focus.units_of(i, words[i], split_sentences(article(i, t))) for i, t in texts.items()}
    chosen = focus.figure_windows(words, units)
    assert set(chosen["n1"]) == {1} and set(chosen["n2"]) == {1}  # troops, not bombings


def test_capitalized_runs_are_name_candidates() -> None:
    doc, units = tokenized("The US envoy Zalmay Khalilzad met the Bank of America chief and Kenya and Tanzania.")
    keys = [r.key for u in units for r in focus.capitalized_runs(doc, u)]
    assert keys == ["US", "Zalmay Khalilzad", "Bank of America", "Kenya", "Tanzania"]


def test_sentence_initial_common_words_and_dates_are_not_names() -> None:
    doc, units = tokenized("Officials met on Wednesday. Other officials stayed.")
    runs = [r for u in units for r in focus.capitalized_runs(doc, u)]
    lowercase = {"officials"}
    assert not any(focus.could_be_name(doc, units[0], r, lowercase) for r in runs if r.key in ("Officials", "Wednesday"))


def test_selective_parse_keeps_attribution_and_names() -> None:
    nlp.clear_cache()
    a1 = article("s1", 'Zalmay Khalilzad arrived in Doha on Monday. "We are making real progress here," Khalilzad said.')
    a2 = article("s2", "Khalilzad met Taliban negotiators in Doha. The talks went on for hours.")
    docs = nlp.parse_articles([a1, a2])
    doc = docs["s1"]
    said = next(t for t in doc if t.text == "said")
    assert parsed.is_parsed(said) and said.tag_ == "VBD"
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Khalilzad"]
    labels = {(e.text, e.label_) for d in docs.values() for e in d.ents}
    assert ("Doha", "GPE") in labels and ("Zalmay Khalilzad", "PERSON") in labels
    # sentences nobody reads are not parsed: one tree per sentence, no tags
    talks = next(t for t in docs["s2"] if t.text == "hours")
    assert not parsed.is_parsed(talks)
    assert [s.text for s in docs["s2"].sents] == [
        "Khalilzad met Taliban negotiators in Doha.",
        "The talks went on for hours.",
    ]
    stats = doc.user_data[nlp.PARSE_STATS]
    assert 0 < stats["parsed"] < 1
