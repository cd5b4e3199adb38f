"""newsbrief: a brief a reader can trust from many articles on one story.

    >>> import newsbrief
    >>> brief = newsbrief.brief(["articles/"], words=150)
    >>> print(newsbrief.render(brief, "md"))

Heavy dependencies (spaCy, scikit-learn, trafilatura) load only when a stage
needs them, so ``import newsbrief`` stays fast.
"""

from __future__ import annotations

# The ``render`` package is imported before the ``render`` function so that the
# function, not the package, is what ``newsbrief.render`` names: importing a
# submodule later (``newsbrief.render.html``) does not re-bind the attribute.
from . import render as _render_package  # noqa: F401
from .api import brief, render
from .config import BriefConfig
from .errors import InputError, NewsbriefError, NoArticlesError
from .model import (
    SCHEMA_VERSION,
    Article,
    Brief,
    Conflict,
    Entity,
    FigureValue,
    Quote,
    Sentence,
    Skipped,
    Span,
    SummarySentence,
    TimelineEvent,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Brief",
    "BriefConfig",
    "Conflict",
    "Entity",
    "FigureValue",
    "InputError",
    "NewsbriefError",
    "NoArticlesError",
    "Quote",
    "Sentence",
    "Skipped",
    "Span",
    "SummarySentence",
    "TimelineEvent",
    "brief",
    "render",
]
