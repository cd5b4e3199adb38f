from newsbrief.summarize.text import content_stems, stem, tokens, word_count


def test_forms_of_one_word_meet():
    assert stem("talks") == stem("talk")
    assert stem("negotiations") == stem("negotiation")
    assert stem("stopped") == stem("stop")
    assert stem("agreed") == stem("agree") or stem("agreed") == "agre"


def test_short_words_and_numbers_stay():
    assert stem("us") == "us"
    assert stem("1998") == "1998"
    assert stem("this") == "this"  # "-is" is no plural


def test_tokens_are_lowercased_words_as_rouge_sees_them():
    assert tokens("U.S.-brokered deal, 14,000 troops") == ["u", "s", "brokered", "deal", "14", "000", "troops"]


def test_content_stems_leave_out_stop_words():
    assert content_stems("The talks in Doha were long") == {stem("talks"), "doha", "long"}


def test_word_count_is_whitespace_words():
    assert word_count("  Talks resumed in  Doha. ") == 4


def test_caseless_pattern_finds_what_ignorecase_finds():
    import re

    from newsbrief.summarize.text import CaselessPattern

    source = r"\bclick\b|https?://|@\w"
    fast, slow = CaselessPattern(source, needed=("click", "http", "@")), re.compile(source, re.IGNORECASE)
    for text in [
        "CLICK here to read more.",
        "Visit HTTP://example.org now.",
        "The clicking sound stopped.",
        "Write to @desk today.",
        "Nothing to see.",
        "ſubscribe and CLİCK: not ASCII, the caseless pattern reads it.",
    ]:
        found, expected = fast.search(text), slow.search(text)
        assert (found is None) == (expected is None), text
        if found:
            assert found.span() == expected.span()
            assert found.group().lower() == expected.group().lower()
