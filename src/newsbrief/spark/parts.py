"""The library-facing half of the Spark job: plain functions Spark calls on rows.

Nothing here imports pyspark, so each function can be tested (and reasoned
about) on plain dicts and lists. Each one is a thin call into the library:

    records_to_articles   an input row (article or story with ``documents``) -> Articles  (ingest)
    prepare_article       Article -> clustering terms of its text, dedup shingles of its cleaned text (cluster.text, clean, dedup)
    article_vector        term counts + document frequencies -> unit TF-IDF vector          (cluster.text)
    embed_rows            titles and texts -> their sentence embeddings                    (cluster.embed)
    cluster_block         the articles of one block -> story ids                           (cluster.batch.cluster_docs)
    brief_row             the articles of one story -> one output row: the brief JSON, or the error (pipeline.build_brief)

Story clustering is the library's own ``cluster_docs``, run on each block of
articles that Spark's blocking (``blocking.py``) found; Spark only decides which
articles can end up together.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..cluster.online import ClusterConfig
from ..config import BriefConfig
from ..model import Article

# Article fields the job carries between stages (``copies`` is rebuilt per story by
# the pipeline's own near-duplicate collapse).
ARTICLE_FIELDS = ("id", "title", "text", "source", "date", "url", "path", "author")

# Size of the hashed shingle space fed to Spark's MinHashLSH. 2^24 keeps hash
# collisions between two different 5-word shingles of a pair of articles
# (~1,000 shingles each) under one in ten thousand.
SHINGLE_SPACE = 1 << 24


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the distributed stages read of an article after cleaning."""

    article: Article
    terms: dict[str, float]  # weighted term counts of the text as given (cluster.text.term_counts)
    shingles: tuple[int, ...]  # sorted hashed word shingles of the cleaned text (dedup)


@dataclass(frozen=True, slots=True)
class Unread:
    """An input row the job skips: where it is ("file:line"), why, and the id it gave, if any."""

    input: str
    reason: str
    id: str | None = None


# --------------------------------------------------------------------------- input


def records_to_articles(record: Mapping[str, Any], where: str) -> Iterator[Article | Unread]:
    """Articles of one input row: an article object, or a story with ``documents``.

    Story documents get ids ``<story id>/<document id or aN>`` so that ids stay
    unique across stories; an article without an id gets a content hash.
    """
    from ..errors import InputError
    from ..ingest import Unreadable, article_from_record, articles_from_story

    record = dict(record)
    given = _given_id(record.get("id"))
    if isinstance(record.get("documents"), list):
        story_id = given or where
        try:
            articles = articles_from_story(record)
        except InputError as error:
            yield Unread(where, str(error), given)
            return
        if not articles:
            yield Unread(where, "story has no document with text", given)
        for article in articles:
            yield replace(article, id=f"{story_id}/{article.id}")
        return
    try:
        article = article_from_record(record)
    except Unreadable as bad:
        yield Unread(where, bad.reason, given)
        return
    yield article if article.id else replace(article, id=content_id(article))


def _given_id(value: Any) -> str | None:
    return str(value).strip() or None if isinstance(value, (str, int, float)) else None


def content_id(article: Article) -> str:
    """A stable id for an article that came without one: the same row gives the same id (a copy
    of a row is then kept once, ``checks.distinct_ids``), a row that differs in any field another."""
    key = "\n".join(getattr(article, name) or "" for name in ("url", "title", "text", "date", "source", "author"))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def parse_json_line(line: str, where: str) -> Iterator[Article | Unread]:
    try:
        value = json.loads(line)
    except ValueError as error:
        yield Unread(where, f"malformed JSON line: {error}")
        return
    if not isinstance(value, dict):
        yield Unread(where, f"expected a JSON object, found {type(value).__name__}")
        return
    yield from records_to_articles(value, where)


# --------------------------------------------------------------------------- per article


def prepare_article(article: Article) -> Prepared:
    """An article's clustering terms and dedup shingles.

    Clustering reads the title and text as given, as `newsbrief cluster` does (the same file
    gives the same stories; on 1,523 real articles, cleaned text first moved 3 % of the pairs:
    adjusted Rand 0.970 against the text as given). Near-duplicates are the pipeline's rule on
    cleaned text; an article that cleaning empties has no shingle, and its story's brief lists it
    as skipped, as `newsbrief batch` would.
    """
    from ..clean import clean_article
    from ..cluster.text import term_counts

    return Prepared(
        article=article,
        terms={term: float(count) for term, count in term_counts(article.title, article.text).items()},
        shingles=hashed_shingles(clean_article(article).text),
    )


def hashed_shingles(text: str) -> tuple[int, ...]:
    """The article's word shingles as the dedup stage defines them, hashed into ``SHINGLE_SPACE``
    with the stable hash (Python salts ``hash`` per process, and Spark runs every partition in a
    different process)."""
    from ..dedup import stable_shingle_hashes

    return tuple(sorted({value % SHINGLE_SPACE for value in stable_shingle_hashes(text)}))


def article_vector(counts: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """The library's TF-IDF vector, with document frequencies computed by Spark."""
    from ..cluster.text import tfidf_vector

    return tfidf_vector(counts, df, n_docs)


# --------------------------------------------------------------------------- per block


def cluster_block(
    docs: Sequence[Any],
    collection: tuple[Mapping[str, int], int] | None = None,
    embeddings: Mapping[str, Any] | None = None,
    config: ClusterConfig | None = None,
) -> dict[str, str]:
    """Story ids of one block's articles: the library's clustering as `newsbrief cluster` runs it.

    ``docs`` are ``cluster.Doc``; ``collection`` is (document frequency of each
    term, number of documents) over the whole input, so that TF-IDF weights are
    the ones a single process would compute over everything; ``embeddings``
    (article id -> vector, every article of the block or None) and ``config`` (the time
    window: ``ClusterOptions.config()``) as ``newsbrief cluster`` passes them.

    ``cluster_docs`` picks its method by the size of the batch it is given; ``newsbrief
    cluster`` gives it the whole input. So when the whole input is over
    ``topics.MAX_ARTICLES``, a block is clustered as the command clusters such an input: by the
    TF-IDF method, without the embeddings (``batch.cluster_by_tfidf``). Clustering a block of 8,000 cut from
    10,023 articles in the topic space instead put the job at adjusted Rand 0.51 against the
    command (docs/scaling.md, "Measured at scale").
    """
    from ..cluster import cluster_docs
    from ..cluster.batch import cluster_by_tfidf
    from ..cluster.options import ClusterOptions
    from ..cluster.topics import MAX_ARTICLES

    config = config or ClusterOptions().config()
    if collection is not None and collection[1] > MAX_ARTICLES:
        return cluster_by_tfidf(docs, config, collection=collection)
    return cluster_docs(docs, config, collection=collection, embeddings=embeddings)


def embed_rows(titles: Sequence[str | None], texts: Sequence[str | None]):
    """Embeddings (float32 rows) of titles and texts: ``embed.lead_text`` through
    ``embed.embed_texts``, as ``embed.embed_docs`` embeds a Doc. One onnxruntime thread:
    Spark already runs one task per core."""
    from ..cluster import embed

    leads = [embed.lead_text(_none_if_nan(title), _none_if_nan(text)) for title, text in zip(titles, texts)]
    return embed.embed_texts(leads, threads=1)


def embeddings_from_rows(records: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Article id -> float32 vector from a block's rows; None when the rows carry no
    embedding (the job ran with ``embed=False``): ``cluster_docs`` then uses words alone."""
    import numpy as np

    vectors = {r["id"]: _none_if_nan(r.get("embedding")) for r in records}
    if any(v is None for v in vectors.values()):
        return None
    return {article_id: np.asarray(v, dtype=np.float32) for article_id, v in vectors.items()}


# --------------------------------------------------------------------------- per story


def story_order(article: Article) -> tuple[str, str]:
    """Articles of a story are briefed in (date, id) order, as ``cluster.batch`` reads them."""
    return (article.date or "", article.id)


def brief_row(story_id: str, articles: Sequence[Article], config: BriefConfig, build=None) -> dict[str, Any]:
    """One output row for one story: the library's brief and its summary text.

    A story that cannot be briefed, whatever the reason, is a row with its ``error`` (the
    message ``newsbrief batch`` writes for such a story), an empty summary and no brief: the
    job goes on. ``build`` is ``pipeline.build_brief`` unless given.
    """
    from ..pipeline import build_brief, story_title
    from ..stages import describe

    ordered = sorted(articles, key=story_order)
    row = {"story_id": story_id, "title": None, "articles": len(ordered), "summary": "", "brief": None, "error": None}
    try:
        brief = (build or build_brief)(ordered, config)
        text = json.dumps(brief.to_dict(), ensure_ascii=False, sort_keys=True)
    except Exception as error:  # noqa: BLE001 - a bug on one story must not lose the job
        logging.getLogger("newsbrief.spark").warning("story %s could not be briefed", story_id, exc_info=True)
        return row | {"title": story_title(ordered), "error": f"could not be briefed ({describe(error)})"}
    return row | {"title": brief.title, "summary": brief.summary_text, "brief": text}


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(**{name: _none_if_nan(row.get(name)) for name in ARTICLE_FIELDS})


def doc_from_row(row: Mapping[str, Any]):
    """What ``cluster_docs`` reads of an article, from a pandas row of a block."""
    from ..cluster import Doc

    return Doc(row["id"], _none_if_nan(row.get("title")), _none_if_nan(row.get("text")), _none_if_nan(row.get("date")))


def _none_if_nan(value: Any) -> Any:
    # pandas turns missing strings into NaN (a float) in some paths; Article wants None.
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


