"""Reading the ``Doc`` of an article that ``nlp.parse_articles`` builds: helpers every
stage uses, kept below them all (and below ``nlp``, which builds the Docs with the
stages' word windows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

TEXT = "newsbrief.text"


def text_of(doc: Doc) -> str:
    """``doc.text`` without joining every token again (spaCy does on each access)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def is_parsed(token: Token) -> bool:
    """Whether the token's sentence went through the tagger and parser."""
    return token.tag != 0


def entity_at(token: Token) -> SpacySpan | None:
    """The named entity covering ``token``, if any.

    ``doc.ents`` builds new Span objects on every access, and the stages ask per
    token: the token -> entity index is built once per parsed doc and kept in it.
    """
    index = token.doc.user_data.get("newsbrief.entity_index")
    if index is None:
        index = {i: ent for ent in token.doc.ents for i in range(ent.start, ent.end)}
        token.doc.user_data["newsbrief.entity_index"] = index
    return index.get(token.i)


