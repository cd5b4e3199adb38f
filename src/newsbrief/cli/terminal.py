"""Text for a terminal: what came from articles (titles, sources, file names) is shown,
never obeyed."""

from __future__ import annotations

import re

# What a terminal would act on rather than show: C0 and C1 controls (ESC starts a sequence that
# can retitle the window, clear the screen or move the cursor; newlines and tabs would break a
# table row) and the bidirectional overrides that reorder what is shown (U+202A-202E, 2066-2069).
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with what a terminal would obey instead of print written out as escapes
    (``\\x1b``, ``\\n``, ``\\u202e``): titles and sources come from the articles, i.e. from anyone."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
