from builders import sample_brief

from newsbrief.render import render


def test_markdown_has_every_section_with_numbered_citations():
    text = render(sample_brief(), "md")
    assert text.startswith("# Talks resume\n")
    for heading in ("## Summary", "## Timeline", "## Who said what", "## Figures the sources disagree on",
                    "## People, organisations and places", "## Sources"):
        assert heading in text
    assert "Talks resumed in Doha on Tuesday. [1][2]" in text
    assert "**2019-03-12**" in text
    assert "**Zalmay Khalilzad**: “We made real strides,” [1]" in text
    assert "- 14,000 [1]" in text and "- 20,000 [2]" in text
    assert "[2] Troops — Other Post, 2019-03-13 (stories/a2.txt)" in text


def test_markdown_escapes_markup_in_article_text():
    text = render(sample_brief(hostile=" <b>*x*</b> [link](http://evil)"), "md")
    assert "<b>" not in text
    assert "\\*x\\*" in text and "\\[link\\]" in text


def test_an_unattributed_quote_says_so_instead_of_an_empty_speaker():
    from dataclasses import replace

    brief = sample_brief()
    quote = replace(brief.quotes[0], speaker="")
    text = render(replace(brief, quotes=(quote,)), "md")
    assert "*Unattributed*: “We made real strides,” [1]" in text
    assert "****" not in text
