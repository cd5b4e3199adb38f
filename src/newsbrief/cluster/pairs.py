"""Pair features of a batch: what the learned same-story similarity (similarity.py) reads.

    1. views       per article: TF-IDF of its words (whole text), of its stems (title + lead,
                   ``text.term_counts``: the vectors the clusterer links on), of its names, of its
                   title and of its lead apart; its names by kind; its day; its centred MiniLM
                   embedding
    2. base        the similarity the clusterer links on without the model (the topic space of
                   topics.py: stems TF-IDF, LSA and embedding, each article's kind scaled to its cut)
    3. candidates  each article's ``NEIGHBOURS`` nearest articles by the base similarity (a story's
                   articles are each other's neighbours; the rest of the batch is far)
    4. features    per candidate pair: the views' cosines, names shared by kind, the day gap, the
                   base similarity, and where the pair stands in its batch: its rank among each
                   article's neighbours and its similarity over each article's best neighbour's

A value that cannot be measured is NaN, never 0 with a flag: an undated article has no day gap,
a headline no body, a lowercased text (Multi-News) no names. A flag would let the model learn
which data set a pair comes from (a prototype's per-view features gave nothing that way);
gradient-boosted trees send NaN down a branch learnt for it.

Names are found without a tagger (spaCy would cost minutes on thousands of articles): runs of
capitalised words, a sentence's first word only when the article never writes it in lowercase;
kinds are runs of two or more words (people, organisations, places of several words), single
words, acronyms, and numbers (counts, years, scores).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .text import STOP_WORDS, stem, term_counts, tfidf_vector
from .topics import centred_units, sparse_rows

# Nearest neighbours per article that the model scores (candidate pairs). The articles of a
# story of up to ~NEIGHBOURS articles are all each other's candidates; larger stories (the UCI
# headline stories run to 300) hold together through chains of candidates.
NEIGHBOURS = 20
# Neighbours kept per article to rank a pair from the other article's side; a pair further down
# than this counts as rank RANK_CAP.
RANK_CAP = 50
# Words of the text read for the words view (all of a news article's words: the stems view
# reads the lead, text.LEAD_WORDS).
WORDS_READ = 2000

FEATURES = (
    "base",  # base similarity (the clusterer's, cut at 1)
    "stems",  # TF-IDF cosine of title + lead stems
    "words",  # TF-IDF cosine of the whole texts' words, unstemmed
    "names",  # TF-IDF cosine of names (NaN when either has none)
    "meaning",  # cosine of centred MiniLM embeddings (NaN without embeddings)
    "title_title",  # TF-IDF cosine of the titles (NaN unless both have one)
    "title_body",  # the higher cosine of one's title with the other's lead (NaN when no such pair)
    "body_body",  # TF-IDF cosine of the leads without titles (NaN unless both have a body)
    "shared_phrases",  # names of 2+ words shared / the fewer of the two (NaN when either has none)
    "shared_singles",  # one-word names shared / the fewer
    "shared_acronyms",  # acronyms shared / the fewer
    "shared_numbers",  # numbers shared / the fewer
    "day_gap",  # days between the two dates (NaN when either is undated)
    "rank_low",  # the better of the pair's two ranks (1 = each other's nearest)
    "rank_high",  # the worse of the two ranks
    "relative_low",  # base similarity over the best neighbour's, the lower of the two sides
    "relative_high",  # ... the higher of the two sides
    "meaning_relative_low",  # the same for the embedding cosine
    "meaning_relative_high",
)

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*")
# Words (with inner periods: "U.S.", "Mr."), numbers, and the marks after which a sentence starts.
_PIECE = re.compile(r"[A-Za-z][A-Za-z0-9'’.&-]*|\d[\d,.]*|[.!?;:\n\"“”(]")
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_MARKS = frozenset('.!?;:\n"“”(')
# Lower-case words that may sit inside a name ("Bank of England", "Osama bin Laden").
_CONNECTORS = frozenset({"of", "de", "del", "da", "al", "bin", "van", "von", "la", "le", "du"})
# A text with fewer capitalised words inside sentences than this share of its words is written
# in lowercase (Multi-News): its names cannot be told from words.
MIN_CAPITALISED_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class Names:
    """An article's names by kind (lower-cased), or all None when it is written in lowercase."""

    phrases: frozenset[str] | None
    singles: frozenset[str] | None
    acronyms: frozenset[str] | None
    numbers: frozenset[str]


@dataclass(frozen=True, slots=True)
class Views:
    """Per-article views of a batch, rows in the batch's order (step 1)."""

    stems: Any  # CSR, unit rows
    words: Any
    names: Any
    titles: Any
    bodies: Any
    has_names: Any  # bool arrays
    has_title: Any
    has_body: Any
    name_sets: tuple[Names, ...]
    days: Any  # float day ordinals, NaN undated
    meaning: Any  # n x d centred unit embeddings, or None


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate pairs (i < j) of a batch with where each stands in it (step 3)."""

    left: Any  # int arrays
    right: Any
    base: Any  # base similarity of each pair
    rank_left: Any  # rank of right among left's neighbours (1 = nearest), capped at RANK_CAP
    rank_right: Any
    best: Any  # per article: base similarity of its best neighbour
    meaning_best: Any  # per article: embedding cosine of its best neighbour by that cosine


def build_views(docs: Sequence[Any], vectors: Mapping[str, Mapping[str, float]],
                embeddings: Mapping[str, Any] | None) -> Views:
    """Step 1 for ``docs`` (with ``id``, ``title``, ``text``, ``date``); ``vectors`` are the
    batch's stem vectors (batch.batch_vectors), ``embeddings`` id -> vector or None."""
    import numpy as np

    from .stories import day_ordinals

    words = _tfidf_rows([Counter(_words(f"{d.title or ''}\n{d.text or ''}")) for d in docs])
    # titles and leads in one term space (one document frequency), so a title meets a lead
    parts = _tfidf_rows([term_counts(d.title, None) for d in docs] + [term_counts(None, d.text) for d in docs])
    titles, bodies = parts[:len(docs)], parts[len(docs):]
    name_sets = tuple(find_names(d.title, d.text) for d in docs)
    names = _tfidf_rows([_name_terms(n) for n in name_sets])
    meaning = None
    if embeddings is not None:
        meaning = centred_units(np.array([np.asarray(embeddings[d.id], dtype=np.float64) for d in docs]))
    return Views(
        stems=sparse_rows([vectors[d.id] for d in docs]), words=words, names=names, titles=titles, bodies=bodies,
        has_names=np.array([n.phrases is not None and bool(n.phrases or n.singles) for n in name_sets]),
        has_title=_nonzero_rows(titles), has_body=_nonzero_rows(bodies), name_sets=name_sets,
        days=day_ordinals(docs), meaning=meaning,
    )


def candidate_pairs(views: Views, similarity_rows: Callable[[Any], Any], neighbours: int = NEIGHBOURS,
                    block_rows: int = 512) -> Candidates:
    """Step 3: each article's ``neighbours`` nearest by the base similarity, as pairs i < j.

    ``similarity_rows(rows)`` gives the base similarity of the articles at positions ``rows``
    to the whole batch (a dense block). Built by blocks of rows, so nothing n x n is held here;
    each row keeps its ``RANK_CAP`` best similarities to rank a pair from either side."""
    import numpy as np

    n = views.stems.shape[0]
    keep, take = min(RANK_CAP, n - 1), min(neighbours, n - 1)
    top_values = np.full((n, max(keep, 1)), -np.inf)
    pairs_left, pairs_right, base_of = [], [], []
    meaning_best = np.full(n, np.nan)
    for start in range(0, n, block_rows) if keep >= 1 else ():
        rows = np.arange(start, min(n, start + block_rows))
        block = similarity_rows(rows)
        block[np.arange(len(rows)), rows] = -np.inf
        order = np.argpartition(-block, keep - 1, axis=1)[:, :keep]
        values = np.take_along_axis(block, order, axis=1)
        ranked = np.argsort(-values, axis=1, kind="stable")
        order, values = np.take_along_axis(order, ranked, axis=1), np.take_along_axis(values, ranked, axis=1)
        top_values[rows] = values
        pairs_left.append(np.repeat(rows, take))
        pairs_right.append(order[:, :take].ravel())
        base_of.append(values[:, :take].ravel())
        if views.meaning is not None:
            cosines = views.meaning[rows] @ views.meaning.T
            cosines[np.arange(len(rows)), rows] = -np.inf
            meaning_best[rows] = cosines.max(axis=1)
    if not pairs_left:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, np.zeros(0), np.zeros(0), np.zeros(0), np.full(n, np.nan), meaning_best)
    left, right, base = np.concatenate(pairs_left), np.concatenate(pairs_right), np.concatenate(base_of)
    keys, first = np.unique(np.minimum(left, right) * n + np.maximum(left, right), return_index=True)
    left, right, base = keys // n, keys % n, base[first]
    return Candidates(left, right, base, _rank(top_values, left, base), _rank(top_values, right, base),
                      top_values[:, 0], meaning_best)


def _rank(top_values, rows, values):
    """Rank (1 = best) of each pair's value among its row's kept best values; RANK_CAP beyond."""
    import numpy as np

    above = (top_values[rows] > values[:, None] + 1e-12).sum(axis=1)
    return np.minimum(above + 1, RANK_CAP).astype(float)


def pair_features(views: Views, candidates: Candidates):
    """Step 4: a pairs x ``FEATURES`` float matrix (NaN where a value cannot be measured)."""
    import numpy as np

    left, right = candidates.left, candidates.right
    both = _both(views.has_title, left, right)
    columns = {
        "base": candidates.base,
        "stems": _row_dots(views.stems, left, right),
        "words": _row_dots(views.words, left, right),
        "names": _masked(_row_dots(views.names, left, right), _both(views.has_names, left, right)),
        "meaning": np.full(len(left), np.nan) if views.meaning is None
        else (views.meaning[left] * views.meaning[right]).sum(axis=1),
        "title_title": _masked(_row_dots(views.titles, left, right), both),
        "title_body": _title_body(views, left, right),
        "body_body": _masked(_row_dots(views.bodies, left, right), _both(views.has_body, left, right)),
        "day_gap": np.abs(views.days[left] - views.days[right]),
        "rank_low": np.minimum(candidates.rank_left, candidates.rank_right),
        "rank_high": np.maximum(candidates.rank_left, candidates.rank_right),
    }
    for kind in ("phrases", "singles", "acronyms", "numbers"):
        columns[f"shared_{kind}"] = np.array([_shared(getattr(views.name_sets[i], kind), getattr(views.name_sets[j], kind))
                                              for i, j in zip(left.tolist(), right.tolist())])
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = (candidates.base[:, None] / candidates.best[np.stack([left, right], axis=1)])
        meaning_relative = columns["meaning"][:, None] / candidates.meaning_best[np.stack([left, right], axis=1)]
    columns["relative_low"], columns["relative_high"] = relative.min(axis=1), relative.max(axis=1)
    columns["meaning_relative_low"] = meaning_relative.min(axis=1)
    columns["meaning_relative_high"] = meaning_relative.max(axis=1)
    return np.column_stack([np.asarray(columns[name], dtype=np.float64) for name in FEATURES])


def _title_body(views: Views, left, right):
    import numpy as np

    forward = _masked(_row_dots(views.titles, left, right, views.bodies),
                      views.has_title[left] & views.has_body[right])
    backward = _masked(_row_dots(views.titles, right, left, views.bodies),
                       views.has_title[right] & views.has_body[left])
    with np.errstate(invalid="ignore"):
        return np.fmax(forward, backward)  # NaN only when neither is measured


def _row_dots(matrix, left, right, other=None):
    """Dot products of rows left[k] of ``matrix`` and right[k] of ``other`` (default the same)."""
    import numpy as np

    other = matrix if other is None else other
    if len(left) == 0:
        return np.zeros(0)
    return np.asarray(matrix[left].multiply(other[right]).sum(axis=1)).ravel()


def _masked(values, mask):
    import numpy as np

    return np.where(mask, values, np.nan)


def _both(flags, left, right):
    return flags[left] & flags[right]


def _nonzero_rows(matrix):
    import numpy as np

    return np.asarray(matrix.getnnz(axis=1) > 0)


def _shared(a: frozenset[str] | None, b: frozenset[str] | None) -> float:
    if not a or not b:
        return math.nan
    return len(a & b) / min(len(a), len(b))


def _tfidf_rows(counts: Sequence[Mapping[str, float]]):
    """Unit TF-IDF rows (CSR) of term counts, document frequencies from these rows."""
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    return sparse_rows([tfidf_vector(c, df, len(counts)) for c in counts])


def _words(text: str) -> list[str]:
    """Lower-cased content words of the first ``WORDS_READ`` words, unstemmed."""
    out = []
    for raw in _WORD.findall(text)[:WORDS_READ]:
        word = raw.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) >= 2 and word not in STOP_WORDS:
            out.append(word)
    return out


def find_names(title: str | None, text: str | None) -> Names:
    """Names of an article by kind (see the module docstring)."""
    pieces = _PIECE.findall(f"{title or ''}\n{text or ''}")
    words = [p for p in pieces if p[0].isalpha()]
    lowered = {w.lower() for w in words if w[0].islower()}
    numbers = frozenset(n.strip(".,").replace(",", "") for n in pieces if n[0].isdigit() and len(n.strip(".,")) >= 2)
    runs: list[list[str]] = []
    run: list[str] = []
    inner_capitals, sentence_start = 0, True
    for piece in pieces:
        word = _POSSESSIVE.sub("", piece.rstrip("."))
        if piece in _SENTENCE_MARKS or not word or not word[0].isalpha():
            _close(run, runs)
            sentence_start = piece in _SENTENCE_MARKS or sentence_start
            continue
        if word[0].isupper():
            inner_capitals += not sentence_start
            if not (sentence_start and not run and (word.lower() in STOP_WORDS or word.lower() in lowered)):
                run.append(word)
        elif run and word in _CONNECTORS:
            run.append(word)
        else:
            _close(run, runs)
        sentence_start = piece.endswith(".") and (len(word) > 3 and "." not in word or word.islower())
        if sentence_start:
            _close(run, runs)
    _close(run, runs)
    if words and inner_capitals < MIN_CAPITALISED_SHARE * len(words):
        return Names(None, None, None, numbers)
    acronyms = {w.replace(".", "") for run in runs for w in run if len(w.replace(".", "")) >= 2 and w.replace(".", "").isupper()}
    phrases = {" ".join(run).lower().replace(".", "") for run in runs if len(run) > 1}
    singles = {stem(w.lower()) for run in runs for w in run if w not in _CONNECTORS and w.replace(".", "") not in acronyms}
    return Names(frozenset(phrases), frozenset(singles - set(STOP_WORDS)), frozenset(acronyms), numbers)


def _close(run: list[str], runs: list[list[str]]) -> None:
    """End a run of capitalised words: keep it (without connectors at its end) and empty it."""
    while run and run[-1] in _CONNECTORS:
        run.pop()
    if run:
        runs.append(list(run))
    run.clear()


def _name_terms(names: Names) -> Counter[str]:
    """Bag of an article's names for the names view: phrases, their words and acronyms."""
    if names.phrases is None:
        return Counter()
    terms: Counter[str] = Counter()
    terms.update(f"p:{p}" for p in names.phrases)
    terms.update(f"w:{w}" for w in names.singles or ())
    terms.update(f"a:{a}" for a in names.acronyms or ())
    return terms
