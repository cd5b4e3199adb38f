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
