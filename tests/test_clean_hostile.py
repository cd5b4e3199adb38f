"""Cleaning hostile text: long runs that a backtracking regex would take minutes over."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.clean import clean_text, strip_markup

# The former rule pattern, as the reference for what is removed.
FORMER_RULE = re.compile(r"[^\S\n]*[-=_*~]{4,}[^\S\n]*(?=\n|$)")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \t-=_*~ax\n\xa0\x85\u2003.", max_size=40))
def test_rules_are_removed_as_the_former_pattern_removed_them(text: str) -> None:
    assert strip_markup(text) == FORMER_RULE.sub("", text)


def test_rule_lines_and_trailing_rules():
    assert strip_markup("Story ends here.  ------\n=====\nNext -- line") == "Story ends here.\n\nNext -- line"


def test_a_long_run_of_rule_characters_inside_a_line():
    """200,000 dashes and then a letter: the regex tried every start in the run (quadratic,
    minutes); the line is kept, as it does not end with a rule."""
    text = "The council met on Monday. " + "-" * 200_000 + "x"
    assert strip_markup(text) == text
    assert strip_markup(" " * 100_000 + "----x") == " " * 100_000 + "----x"
    assert clean_text(text + "\n\nThe vote was close.") == "The vote was close."
