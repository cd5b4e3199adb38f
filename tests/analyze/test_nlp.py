"""The shared parse: one spaCy Doc per article per text, offsets into Article.text."""

from __future__ import annotations

from builders import article

from newsbrief.analyze import nlp, parsed
from newsbrief.model import Sentence


def test_parse_once_per_article_text() -> None:
    a1 = article("n1", "Zalmay Khalilzad met the Taliban in Doha.")
    a2 = article("n2", "NATO has 17,000 troops in Afghanistan.")
    first = nlp.parse_articles([a1, a2])
    again = nlp.parse_articles([a2, a1])
    assert first["n1"] is again["n1"] and first["n2"] is again["n2"]
    assert list(again) == ["n2", "n1"]  # in the order asked


def test_changed_text_is_parsed_again() -> None:
    before = nlp.parse_articles([article("n3", "Talks resumed on Tuesday.")])["n3"]
    after = nlp.parse_articles([article("n3", "Talks ended on Wednesday.")])["n3"]
    assert before is not after
    assert after.text == "Talks ended on Wednesday."


def test_doc_offsets_are_article_offsets() -> None:
    text = "Taliban Training Camp\n\nThe US and the Taliban have “resolved differences”.\u00a0Khalilzad said so."
    doc = nlp.parse_articles([article("n4", text)])["n4"]
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_cache_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(nlp, "CACHE_SIZE", 2)
    nlp.clear_cache()
    docs = [nlp.parse_articles([article(f"b{n}", f"Sentence number {n}.")])[f"b{n}"] for n in range(3)]
    assert len(nlp._cache) == 2
    assert nlp.parse_articles([article("b0", "Sentence number 0.")])["b0"] is not docs[0]


def test_pipeline_loads_once() -> None:
    assert nlp.load_pipeline() is nlp.load_pipeline()
    assert "lemmatizer" not in nlp.load_pipeline().pipe_names


def test_sentence_at_finds_the_segmenter_sentence() -> None:
    sentences = {"s": (Sentence("s", 0, 0, 10, "First one."), Sentence("s", 1, 11, 22, "Second one."))}
    assert nlp.sentence_at(sentences, "s", 12).index == 1
    assert nlp.sentence_at(sentences, "s", 0).index == 0
    assert nlp.sentence_at(sentences, "s", 10) is None  # the space between
    assert nlp.sentence_at(sentences, "other", 0) is None


def test_fallback_sentence_stays_on_its_line() -> None:
    text = "Presence of foreign forces\n\nSome 20,000 troops remain in Afghanistan."
    a = article("n5", text)
    doc = nlp.parse_articles([a])["n5"]
    number = next(t for t in doc if t.text == "20,000")
    sentence = nlp.sentence_for_span({}, a, doc[number.i : number.i + 1])
    assert sentence.text == "Some 20,000 troops remain in Afghanistan."
    assert text[sentence.start : sentence.end] == sentence.text


def test_a_short_quote_sentence_is_analysed_once(monkeypatch) -> None:
    # the attribution after the quote is "he": the words before it are read too, and
    # the sentence, mostly the quote and those words, is parsed whole in one go
    text = 'Talks went on in Doha. The envoy Zalmay Khalilzad told reporters: "We made real progress," he said.'
    read: list[tuple[int, int]] = []
    piece_doc = nlp._piece_doc

    def counting(tokenized, start, end, unit):
        read.append((start, end))
        return piece_doc(tokenized, start, end, unit)

    monkeypatch.setattr(nlp, "_piece_doc", counting)
    nlp.clear_cache()
    doc = nlp.parse_articles([article("q1", text)])["q1"]
    sentence = [t.i for t in doc if t.idx >= text.index("The envoy")]
    assert all(parsed.is_parsed(doc[i]) for i in sentence)
    assert sum(1 for s, e in read if s <= sentence[0] < e) == 1
    nlp.clear_cache()


def test_numpy_products_give_the_models_output() -> None:
    """The models' products in numpy's BLAS (``multiply_with_numpy``) tag, parse and
    recognize as with BLIS."""
    import spacy

    text = (
        "US special envoy Zalmay Khalilzad said on Tuesday that 14,000 US troops remain in "
        "Afghanistan. \"We made progress,\" he told reporters in Doha, Qatar's capital."
    )
    with_blis = spacy.load(nlp.MODEL_NAME, disable=list(nlp.DISABLED_COMPONENTS))
    with_numpy = spacy.load(nlp.MODEL_NAME, disable=list(nlp.DISABLED_COMPONENTS))
    nlp.multiply_with_numpy(with_numpy)
    assert with_numpy.get_pipe("ner").model.ops.use_blis is False
    assert with_blis.get_pipe("ner").model.ops.use_blis is True

    def annotation(doc):
        return [(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    expected = annotation(with_blis(text))
    assert annotation(with_numpy(text)) == expected
    assert any(label == "PERSON" for *_, label in expected)


def test_words_of_reads_texts_spaces_and_the_tokenizers_norms() -> None:
    doc = nlp.load_pipeline().make_doc("They didn't sign it in Nov. 2019.")
    texts, spaces, norms = nlp.words_of(doc)
    assert texts == [t.text for t in doc]
    assert spaces == [bool(t.whitespace_) for t in doc]
    assert norms == [(t.i, t.norm_) for t in doc if t.norm != t.lex.norm]
    assert (texts.index("n't"), "not") in norms  # the exception's norm, not the word's
    assert nlp.words_of(nlp.load_pipeline().make_doc("")) == ([], [], [])


def test_an_articles_doc_holds_the_words_its_tokens_gave() -> None:
    text = "Khalilzad didn't say when talks resume. The Taliban met him in Doha on Nov. 3."
    doc = nlp.parse_articles([article("n9", text)])["n9"]
    texts, spaces, norms = nlp.words_of(doc)  # shared with the tokenized article's, when read there
    assert texts == [t.text for t in doc] and spaces == [bool(t.whitespace_) for t in doc]
    assert norms == [(t.i, t.norm_) for t in doc if t.norm != t.lex.norm]
