"""newsbrief on Apache Spark: articles in, one brief per story out.

    python -m newsbrief.spark run INPUT OUTPUT [--master URL] [--format jsonl|parquet]
    spark-submit src/newsbrief/spark/job.py run INPUT OUTPUT
    newsbrief spark run INPUT OUTPUT

Stages (each a Spark job group, so progress shows in Spark's UI and logs):

    1. read      JSONL or Parquet rows -> articles (article rows, or stories with ``documents``)
    2. prepare   per partition: clean, clustering terms, dedup shingles       (library: clean, cluster.text, dedup)
    3. dedup     Spark's MinHashLSH over shingle sets at the library's Jaccard threshold;
                 copies follow their original (earliest article) into its story
    4. weigh     document frequencies by a Spark aggregation -> the library's TF-IDF vectors
    5. pair      candidate pairs share a heavy term within the quiet window; cosine >= THRESHOLD
    6. group     connected components of those pairs, by iterated DataFrame joins
    7. refine    re-assign articles to story centroids and merge alike stories (as cluster.batch)
    8. brief     groupBy(story).applyInPandas -> the library's build_brief per story
    9. write     OUTPUT/briefs, OUTPUT/assignments, OUTPUT/skipped (JSONL or Parquet)

Nothing is collected on the driver but counts. Segmenting, entities and dates
run inside stage 8 (on the executors, in the pipeline itself): they need the
whole story, and running them twice would double the spaCy time. spaCy loads
once per Python worker (``analyze.nlp.load_pipeline`` is cached per process and
Spark reuses its Python workers).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as a script by spark-submit: make ``newsbrief`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from newsbrief.config import DEFAULT_WORDS, BriefConfig
from newsbrief.errors import InputError, MissingExtraError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

LOG = logging.getLogger("newsbrief.spark")

FORMATS = ("jsonl", "parquet")
# Spark's MinHashLSH has one hash per table (OR of tables): 10 tables find a pair
# at the library's duplicate Jaccard 0.5 with probability 1 - 0.5^10 = 0.999 and
# at its LSH threshold 0.4 with 0.994, while two articles of one story (Jaccard
# ~0.02) meet in some table with probability ~0.18 and are then rejected.
MINHASH_TABLES = 10
MINHASH_SEED = 20190728
# A (term, time bucket) block larger than this is left out of candidate pairs: a
# heavy term shared by thousands of articles in three weeks is a beat ("trump",
# "covid"), not a story; those articles still pair through their other terms.
MAX_BLOCK = 5000
# Label propagation stops after this many rounds even if labels still move
# (a chain of 50 articles each only like its neighbour is not one story).
MAX_ROUNDS = 50
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

    def __post_init__(self) -> None:
        if self.output_format not in FORMATS:
            raise ValueError(f"output format must be one of {FORMATS}, got {self.output_format!r}")


@dataclass(frozen=True, slots=True)
class JobResult:
    articles: int
    skipped: int
    duplicates: int
    stories: int
    seconds: dict[str, float]
    prepared_bytes: int = 0  # memory + disk of the cached prepared articles (sizing executors)


# --------------------------------------------------------------------------- session


def require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise MissingExtraError("spark", "pyspark") from None


def make_session(master: str | None = None, app_name: str = "newsbrief", conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession; a local master gets a small shuffle and this Python for its workers."""
    require_pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    # Workers run this interpreter (its environment has newsbrief and its models) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    settings: dict[str, str] = {}
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


def run(spark: SparkSession, input_path: str, output_path: str, options: JobOptions = JobOptions()) -> JobResult:
    """Brief every story in ``input_path``; write briefs, assignments and skipped inputs under ``output_path``."""
    from newsbrief.spark.parts import ARTICLE_FIELDS

    check_output(spark, output_path, options.overwrite)
    clock = Clock(spark)
    with clock.stage("read+prepare", "read articles, clean them, compute terms and shingles"):
        prepared = prepare(spark, input_path, options.input_format).persist()
        articles = prepared.where("kind = 'article'").drop("kind", "reason")
        skipped = prepared.where("kind = 'skipped'").select("input", "reason")
        n_articles = articles.count()
        cached = cached_bytes(spark)
    if n_articles == 0:
        raise InputError(input_path, "no readable article", "give JSONL or Parquet rows with a \"text\" field")
    with clock.stage("dedup", "near-duplicates with MinHashLSH"):
        copies = near_duplicates(spark, articles, options.dedup_threshold).persist()
        n_copies = copies.count()
    with clock.stage("cluster", "story clustering: TF-IDF, candidate pairs, components, refinement"):
        originals = articles.join(copies.select("id"), "id", "left_anti")
        stories = cluster(spark, originals.select("id", "date", "terms"))
        assignments = name_stories(articles, stories, copies).persist()
        n_stories = assignments.select("story_id").distinct().count()
    with clock.stage("brief", "one brief per story (newsbrief.pipeline.build_brief)"):
        story_articles = articles.select(*ARTICLE_FIELDS).join(assignments.select("id", "story_id"), "id")
        briefs = brief_stories(story_articles, options.brief)
        write(briefs, f"{output_path}/briefs", options)
    with clock.stage("write", "assignments and skipped inputs"):
        write(assignments.withColumnRenamed("id", "article_id"), f"{output_path}/assignments", options)
        write(skipped, f"{output_path}/skipped", options)
        n_skipped = skipped.count()
    prepared.unpersist()
    result = JobResult(n_articles, n_skipped, n_copies, n_stories, clock.seconds, cached)
    log(spark, f"done: {result}")
    return result


def cached_bytes(spark: SparkSession) -> int:
    """Bytes Spark holds for cached data now (memory and disk), from its storage status."""
    infos = spark.sparkContext._jsc.sc().getRDDStorageInfo()
    return int(sum(info.memSize() + info.diskSize() for info in infos))


def check_output(spark: SparkSession, output_path: str, overwrite: bool) -> None:
    hadoop_path = spark._jvm.org.apache.hadoop.fs.Path(output_path)
    fs = hadoop_path.getFileSystem(spark._jsc.hadoopConfiguration())
    if fs.exists(hadoop_path) and not overwrite:
        raise InputError(output_path, "output already exists", "choose a new OUTPUT or pass --overwrite")


# --------------------------------------------------------------------------- 1-2. read, prepare


def prepare(spark: SparkSession, input_path: str, input_format: str | None) -> DataFrame:
    """Rows of (kind, article fields, terms, shingles) or (kind='skipped', input, reason)."""
    from pyspark.sql import functions as F

    fmt = input_format or ("parquet" if input_path.rstrip("/").endswith(".parquet") else "jsonl")
    if fmt == "parquet":
        frame, to_records = spark.read.parquet(input_path), _parquet_records
    elif fmt == "jsonl":
        frame, to_records = spark.read.text(input_path), _json_records
    else:
        raise InputError(input_path, f"unknown input format {fmt!r}", "use jsonl or parquet")
    frame = frame.withColumn("_where", F.input_file_name())  # before any shuffle, which loses it
    # Spark splits files at 128 MB (~30,000 articles): a smaller input would be
    # cleaned by one task on one core. Spread it over every core first.
    parallelism = spark.sparkContext.defaultParallelism
    if frame.rdd.getNumPartitions() < parallelism:
        frame = frame.repartition(parallelism)
    records = frame.rdd.mapPartitions(to_records)
    return spark.createDataFrame(records.mapPartitions(_prepare_partition), PREPARED_SCHEMA())


def PREPARED_SCHEMA():  # noqa: N802 - a schema constant, built lazily (pyspark is optional)
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import types as T

    text = [T.StructField(name, T.StringType()) for name in ("kind", "id", "title", "text", "source", "date", "url", "path", "author")]
    return T.StructType(
        text
        + [
            T.StructField("terms", T.MapType(T.StringType(), T.DoubleType())),
            T.StructField("shingles", VectorUDT()),
            T.StructField("input", T.StringType()),
            T.StructField("reason", T.StringType()),
        ]
    )


def _json_records(rows: Iterable[Any]) -> Iterator[Any]:
    from newsbrief.spark.parts import parse_json_line

    for row in rows:
        if row.value.strip():
            yield from parse_json_line(row.value, row._where)


def _parquet_records(rows: Iterable[Any]) -> Iterator[Any]:
    from newsbrief.spark.parts import records_to_articles

    for row in rows:
        record = row.asDict(recursive=True)
        yield from records_to_articles(record, str(record.pop("_where", "parquet")))


def _prepare_partition(items: Iterable[Any]) -> Iterator[tuple]:
    from pyspark.ml.linalg import Vectors

    from newsbrief.model import Skipped

    from newsbrief.spark.parts import SHINGLE_SPACE, prepare_article

    for item in items:
        result = item if isinstance(item, Skipped) else prepare_article(item)
        if isinstance(result, Skipped):
            yield ("skipped",) + (None,) * 8 + (None, None, result.input, result.reason)
            continue
        a = result.article
        shingles = (
            Vectors.sparse(SHINGLE_SPACE, list(result.shingles), [1.0] * len(result.shingles)) if result.shingles else None
        )
        yield ("article", a.id, a.title, a.text, a.source, a.date, a.url, a.path, a.author, result.terms, shingles, None, None)


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


def order_keys(articles: DataFrame) -> DataFrame:
    """(id, key): a string whose order is the library's (date or "", id) story order."""
    from pyspark.sql import functions as F

    return articles.select("id", F.concat(F.coalesce("date", F.lit("")), F.lit("\u0000"), "id").alias("key"))


# --------------------------------------------------------------------------- 4-7. cluster


def cluster(spark: SparkSession, docs: DataFrame) -> DataFrame:
    """(id, story) for every document of ``docs`` (id, date, terms); story ids are article ids."""
    from pyspark.sql import functions as F

    from newsbrief.cluster import ClusterConfig
    from newsbrief.cluster.batch import MERGE_THRESHOLD, REFINE_PASSES
    from newsbrief.spark import refine as steps

    config = ClusterConfig()
    # Checkpoints, not persist: each refinement round joins these again, and a plan that
    # carries their whole lineage makes Catalyst's size estimates (products over every
    # join) take minutes per query after a few rounds.
    vectors = tfidf_vectors(spark, docs).localCheckpoint()
    terms = steps.exploded(vectors).localCheckpoint()
    dates = vectors.select("id", "date").localCheckpoint()
    norms = dates.join(terms.groupBy("id").agg(F.sum(F.col("w") * F.col("w")).alias("vv")), "id", "left")
    norms = norms.select("id", F.coalesce("vv", F.lit(0.0)).alias("vv")).localCheckpoint()
    pairs = candidate_pairs(terms, dates, config)
    edges = nearest_links(steps.pair_cosines(terms, pairs), config.threshold)
    seeds = connected_components(spark, order_keys(vectors), edges, "story seeds")
    assignment = seeds.select("id", seeds.component_id.alias("story")).localCheckpoint()
    for round_number in range(REFINE_PASSES):
        assignment = refine(spark, terms, norms, dates, assignment, config, MERGE_THRESHOLD, round_number)
    return assignment


def tfidf_vectors(spark: SparkSession, docs: DataFrame) -> DataFrame:
    """(id, date, vector): the library's TF-IDF with document frequencies summed by Spark."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from newsbrief.spark.parts import article_vector

    n_docs = docs.count()
    postings = docs.select("id", F.explode("terms").alias("term", "count"))
    df = postings.groupBy("term").agg(F.count("*").alias("df"))
    weighted = postings.join(df, "term").rdd.map(lambda r: (r.id, (r.term, r["count"], r.df)))

    def vector(item: tuple[str, Iterable[tuple[str, float, int]]]) -> tuple[str, dict[str, float]]:
        doc_id, entries = item
        entries = list(entries)
        counts = {t: c for t, c, _ in entries}
        freqs = {t: d for t, _, d in entries}
        return doc_id, article_vector(counts, freqs, n_docs)

    schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("vector", T.MapType(T.StringType(), T.DoubleType()))])
    vectors = spark.createDataFrame(weighted.groupByKey().map(vector), schema)
    return docs.select("id", "date").join(vectors, "id", "left").withColumn(
        "vector", F.coalesce("vector", F.create_map().cast("map<string,double>"))
    )


def time_buckets(date_column: str, quiet_days: int | None):
    """Blocking keys for time: a dated article sits in bucket day // quiet_days and the
    next one, so two articles at most ``quiet_days`` apart always share a bucket.
    Undated articles share bucket -1 with each other only (see docs/scaling.md)."""
    from pyspark.sql import functions as F

    if quiet_days is None:
        return F.array(F.lit(0))
    day = F.datediff(F.to_date(F.col(date_column)), F.lit("1970-01-01"))
    bucket = F.floor(day / quiet_days)
    return F.when(day.isNull(), F.array(F.lit(-1))).otherwise(F.array(bucket, bucket + 1))


def candidate_pairs(terms: DataFrame, dates: DataFrame, config) -> DataFrame:
    """(src, dst) article pairs sharing one of their heavy terms in a time bucket."""
    from pyspark.sql import functions as F

    from newsbrief.cluster.online import QUERY_TERMS
    from newsbrief.spark.refine import heaviest

    postings = heaviest(terms, "id", "w", QUERY_TERMS).join(dates, "id")
    postings = postings.withColumn("bucket", F.explode(time_buckets("date", config.quiet_days)))
    sizes = postings.groupBy("term", "bucket").count().where(F.col("count") <= MAX_BLOCK).drop("count")
    blocks = postings.join(sizes, ["term", "bucket"])
    a, b = blocks.alias("a"), blocks.alias("b")
    same_block = (F.col("a.term") == F.col("b.term")) & (F.col("a.bucket") == F.col("b.bucket"))
    pairs = a.join(b, same_block & (F.col("a.id") < F.col("b.id")))
    if config.quiet_days is not None:
        gap = F.abs(F.datediff(F.to_date("a.date"), F.to_date("b.date")))
        pairs = pairs.where(gap.isNull() | (gap <= config.quiet_days))
    return pairs.select(F.col("a.id").alias("src"), F.col("b.id").alias("dst")).distinct()


def nearest_links(cosines: DataFrame, threshold: float) -> DataFrame:
    """(src, dst): each article and its most similar candidate, if they reach ``threshold``
    (ties: the smaller id). Linking every pair above the threshold would chain
    neighbouring stories into one; a nearest-neighbour graph chains far less."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    close = cosines.where(F.col("cosine") >= threshold)
    both = close.union(close.select(F.col("dst").alias("src"), F.col("src").alias("dst"), "cosine"))
    order = Window.partitionBy("src").orderBy(F.desc("cosine"), F.asc("dst"))
    return both.withColumn("_rank", F.row_number().over(order)).where("_rank = 1").select("src", "dst")


def connected_components(spark: SparkSession, nodes: DataFrame, edges: DataFrame, what: str) -> DataFrame:
    """(id, component_id): each node labelled with the smallest ``key`` of its component,
    by min-label propagation over DataFrame joins (GraphFrames is not needed)."""
    from pyspark.sql import functions as F

    edges = edges.select("src", "dst").localCheckpoint()  # computed once, read twice below
    both = edges.union(edges.select(F.col("dst").alias("src"), F.col("src").alias("dst"))).persist()
    labels = materialize(nodes.select("id", F.col("key").alias("label")))
    for round_number in range(1, MAX_ROUNDS + 1):
        spread = both.join(labels.withColumnRenamed("id", "src"), "src").select(F.col("dst").alias("id"), "label")
        updated = materialize(labels.union(spread).groupBy("id").agg(F.min("label").alias("label")))
        moved = updated.join(labels.withColumnRenamed("label", "old"), "id").where("label != old").count()
        labels = updated
        log(spark, f"{what}: label propagation round {round_number}, {moved} labels moved")
        if moved == 0:
            break
    both.unpersist()
    return labels.select("id", F.substring_index("label", "\u0000", -1).alias("component_id"))


def refine(
    spark: SparkSession, terms: DataFrame, norms: DataFrame, dates: DataFrame, assignment: DataFrame,
    config, merge_threshold: float, round_number: int,
) -> DataFrame:
    """One refinement pass of ``cluster.batch``: re-assign articles, then merge stories by average link."""
    from pyspark.sql import functions as F

    from newsbrief.cluster.batch import REASSIGN_THRESHOLD
    from newsbrief.spark import refine as steps

    sc = spark.sparkContext
    sc.setJobDescription(f"newsbrief refine {round_number + 1}: re-assign articles to story centroids")
    assignment = materialize(steps.reassign(terms, norms, dates, assignment, config, REASSIGN_THRESHOLD))
    for merge_round in range(1, MAX_ROUNDS + 1):
        sc.setJobDescription(f"newsbrief refine {round_number + 1}: average-link merge round {merge_round}")
        merges = materialize(steps.reciprocal_merges(terms, dates, assignment, config, merge_threshold))
        merged = merges.count()
        log(spark, f"refine {round_number + 1}: merge round {merge_round}, {merged} story pairs merged")
        if merged == 0:
            break
        assignment = materialize(assignment.join(merges, "story", "left").select("id", F.coalesce("into", "story").alias("story")))
    return assignment


def materialize(frame: DataFrame) -> DataFrame:
    """Compute a table a loop reads again, cutting its lineage and its size estimate.

    ``localCheckpoint`` alone cuts the lineage but keeps the size estimate of the
    plan it came from, and Spark estimates a join as the product of its inputs'
    sizes: carried from round to round, estimates grow to numbers of millions of
    digits (minutes of planning by round 5). Caching instead keeps the whole plan,
    whose text outgrows the heap. So: checkpoint, then rebuild the table over the
    checkpointed rows (JVM-side, no Python round trip), which starts from no estimate.
    """
    from pyspark.sql import DataFrame as SparkFrame

    checkpointed = frame.localCheckpoint()._jdf
    session = frame.sparkSession
    fresh = session._jsparkSession.createDataFrame(checkpointed.rdd(), checkpointed.schema())
    return SparkFrame(fresh, session)


def name_stories(articles: DataFrame, stories: DataFrame, copies: DataFrame) -> DataFrame:
    """(id, story_id, duplicate_of): a story is named after its earliest article, copies included."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    members = (
        articles.select("id", "date")
        .join(copies, "id", "left")
        .withColumn("lead", F.coalesce("original", "id"))
        .join(stories.withColumnRenamed("id", "lead"), "lead")
    )
    keyed = members.withColumn("key", F.concat(F.coalesce("date", F.lit("")), F.lit("\u0000"), "id"))
    first = F.min("key").over(Window.partitionBy("story"))
    return keyed.select(
        "id",
        F.substring_index(first, "\u0000", -1).alias("story_id"),
        F.col("original").alias("duplicate_of"),
    )


# --------------------------------------------------------------------------- 8-9. brief, write


BRIEF_SCHEMA = "story_id string, title string, articles int, summary string, brief string"


def brief_stories(story_articles: DataFrame, config: BriefConfig) -> DataFrame:
    """One row per story: the library's brief, built on the executor that holds the story."""

    def brief_group(frame):
        import pandas as pd

        from newsbrief.spark.parts import article_from_row, brief_rows

        records = frame.to_dict("records")
        articles = [article_from_row(r) for r in records]
        return pd.DataFrame([brief_rows(records[0]["story_id"], articles, config)])

    return story_articles.groupBy("story_id").applyInPandas(brief_group, schema=BRIEF_SCHEMA)


def write(frame: DataFrame, path: str, options: JobOptions) -> None:
    writer = frame.write.mode("overwrite" if options.overwrite else "errorifexists")
    if options.output_format == "parquet":
        writer.parquet(path)
    else:
        # Keep null fields (e.g. duplicate_of) so every line has the same keys.
        writer.option("ignoreNullFields", "false").json(path)


# --------------------------------------------------------------------------- progress


class Clock:
    """Times each stage and names it in Spark's UI (job group + description) and logs."""

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        self.seconds: dict[str, float] = {}

    def stage(self, name: str, description: str):
        return _Stage(self, name, description)


class _Stage:
    def __init__(self, clock: Clock, name: str, description: str) -> None:
        self.clock, self.name, self.description = clock, name, description

    def __enter__(self) -> None:
        sc = self.clock.spark.sparkContext
        sc.setJobGroup(f"newsbrief:{self.name}", self.description)
        sc.setJobDescription(f"newsbrief {self.name}: {self.description}")
        log(self.clock.spark, f"stage {self.name}: {self.description}")
        self.started = time.perf_counter()

    def __exit__(self, *exc: Any) -> None:
        elapsed = time.perf_counter() - self.started
        self.clock.seconds[self.name] = round(elapsed, 3)
        log(self.clock.spark, f"stage {self.name} took {elapsed:.1f} s")


def log(spark: SparkSession, message: str) -> None:
    """Log to Python logging and to Spark's own log4j log (the driver log Spark's UI links)."""
    LOG.info(message)
    try:
        jvm = spark.sparkContext._jvm
        jvm.org.apache.logging.log4j.LogManager.getLogger("newsbrief.spark").info(message)
    except Exception:  # pragma: no cover - a Spark Connect session has no JVM gateway
        pass


# --------------------------------------------------------------------------- entry points


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="JSONL or Parquet of articles or stories (any path Spark reads)")
    parser.add_argument("output", metavar="OUTPUT", help="folder for briefs/, assignments/ and skipped/")
    parser.add_argument("--master", metavar="URL", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("--input-format", choices=FORMATS, help="input format (default: parquet if INPUT ends in .parquet)")
    parser.add_argument("--words", type=_positive, default=DEFAULT_WORDS, help=f"summary length in words (default: {DEFAULT_WORDS})")
    parser.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")


def run_from_args(args: argparse.Namespace) -> int:
    require_pyspark()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    options = JobOptions(
        output_format=args.format,
        brief=BriefConfig(words=args.words),
        input_format=args.input_format,
        overwrite=args.overwrite,
    )
    spark = make_session(args.master or _default_master())
    try:
        result = run(spark, args.input, args.output, options)
    finally:
        spark.stop()
    print(
        f"newsbrief: {result.articles} articles ({result.duplicates} near-duplicates, {result.skipped} skipped) "
        f"-> {result.stories} stories in {args.output}",
        file=sys.stderr,
    )
    return 0


def _default_master() -> str | None:
    # Under spark-submit the master comes from its --master; run directly, use every local core.
    return None if os.environ.get("SPARK_ENV_LOADED") or "spark.master" in os.environ.get("SPARK_CONF", "") else "local[*]"


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {number}")
    return number


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
