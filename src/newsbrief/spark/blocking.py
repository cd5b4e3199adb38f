"""Distributed blocking: which articles may end up in one story.

Spark cannot run the library's clustering over millions of articles at once
(``cluster.batch.cluster_docs`` works on one batch in one memory: an online pass
and refinement, or average link in a topic space learnt from the batch), but it
can find groups of articles that have nothing to do with each other. Each such
group, a *block*, is then clustered by ``cluster_docs`` itself, on one executor,
with the TF-IDF weights of the whole input. When the input is one block, the
stories are exactly the single process's; otherwise they differ where a story
spans two blocks or where a block, clustered as a batch of its own, comes out
otherwise (docs/scaling.md measures both).

    weigh       document frequencies by ``groupBy(term)`` -> the library's TF-IDF vector
                per article, and the frequencies of its own terms (shipped with it to its block)
    pairs       articles sharing one of their ``INDEX_TERMS`` heaviest terms within the quiet
                window (undated articles meet every article, as the library lets them),
                scored by the part of their cosine those shared terms carry; in a posting
                list over ``MAX_POSTINGS`` every article meets the list's heaviest only
    edges       pairs scoring at least ``BLOCK_BAR``, and every near-duplicate with its
                original (the library clusters copies too)
    components  connected components of the edges (label propagation, ``graph.connected_components``)
    cut         a component over the cap loses its weakest edges (a rising bar, ``CUT_LADDER``)
                and is labelled again, until every block is under the cap; what is still
                over it after the last bar is cut in time (``cut_oversize``, DataFrames only)

The loose bar is the point: a story's articles must all fall in one block, so
the graph links far more than stories (a connected component spans many
stories), and only the size cap cuts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Score (shared heavy terms' part of the cosine) two articles need to share a block: far
# below any link the library makes. On 1,520 real articles (bench/spark_bench.py --n 1500,
# replayed in one process with the stream-and-refine rules), bars of 0.0 and 0.01 gave the
# same agreement with cluster_docs over the whole set, 0.03 lost stories (adjusted Rand
# 0.94 without a cap) because the heavy terms carry only part of a pair's cosine;
# 0.01 drops the pairs that share one common word and nothing else.
BLOCK_BAR = 0.01
# A (term, time bucket) posting list longer than this is not joined with itself (its pairs
# grow with the square of its length: 12.5 M at 5,000): a heavy term shared by thousands of
# articles in a window is a beat ("trump", "covid") or a very large story. Each of its articles
# meets the list's ``LONG_LIST_HEADS`` heaviest instead, so the cost grows with its length and
# its articles keep links through the term (until session 7 such a list gave no pair at all,
# and the largest stories were the ones that lost their links; docs/scaling.md).
MAX_POSTINGS = 5000
# Articles of a long posting list that every other article of it meets: its heaviest on the
# term, which are each article's nearest on that term (the term's part of a pair's cosine,
# w_a * w_b, is largest with the heaviest w_b for every a). 50 pairs an article instead of
# up to 5,000; enough that the first rungs of the cut, which drop the weakest edges, leave
# an article linked through the term's strongest ones.
LONG_LIST_HEADS = 50
# Bars a component over the block cap is cut at, one after the other: each round keeps
# the edges scoring at least the bar and labels the component's articles again. Doubling
# from BLOCK_BAR: the library links articles at cosines of ~0.1-0.3, so the first rungs
# drop only links no story rests on; below 1.0, so copy edges (1.0) are never dropped.
CUT_LADDER = (0.02, 0.04, 0.08, 0.16, 0.32, 0.64)


# Articles per block at most when the input is over ``topics.MAX_ARTICLES``: its blocks are then
# clustered by the TF-IDF method (``batch.cluster_by_tfidf``, as the command clusters such an
# input), whose memory grows about linearly (~12 MB per 1,000 articles, measured to 200,003), not
# by the topic space's n x n matrix. Measured on the blocking graph of 50,001 resampled articles
# (docs/scaling.md): cut at 8,000 the blocks kept 0.715 of the command's same-story pairs together
# and 3 of the 10 largest gold stories only 53-59 %; at 16,000, 0.820; at 25,000, 0.941, each of
# the 10 largest at least 99 % in one block. A block of 25,000 is ~60 CPU s and ~0.4 GB of one worker.
TFIDF_BLOCK_ARTICLES = 25_000


def max_block_articles(n_articles: int = 0) -> int:
    """Articles per block, at most, for an input of ``n_articles``: up to ``topics.MAX_ARTICLES``
    the whole input is clustered in its topic space (bounded by its n x n matrix: 1.4 GB peak at
    8,000), and so is a block of it; above, every block is clustered by the TF-IDF method
    (``parts.cluster_block``), and blocks may be as large as ``TFIDF_BLOCK_ARTICLES``."""
    from newsbrief.cluster import topics

    return topics.MAX_ARTICLES if n_articles <= topics.MAX_ARTICLES else max(TFIDF_BLOCK_ARTICLES, topics.MAX_ARTICLES)


def weigh(docs: DataFrame) -> tuple[DataFrame, int]:
    """((id, date, vector, dfs), n_docs): TF-IDF vectors with document frequencies summed by Spark.

    ``dfs`` is the document frequency of each of the article's terms: a block's
    articles carry every frequency ``cluster_docs`` needs for the block.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from newsbrief.spark.parts import article_vector

    n_docs = docs.count()
    postings = docs.select("id", F.explode("terms").alias("term", "count"))
    df = postings.groupBy("term").agg(F.count("*").alias("df"))
    per_article = postings.join(df, "term").groupBy("id").agg(
        F.map_from_entries(F.collect_list(F.struct("term", "count"))).alias("counts"),
        F.map_from_entries(F.collect_list(F.struct("term", F.col("df").cast("int")))).alias("dfs"),
    )
    vector = F.udf(lambda counts, dfs: article_vector(counts, dfs, n_docs), T.MapType(T.StringType(), T.DoubleType()))
    weighted = per_article.select("id", vector("counts", "dfs").alias("vector"), "dfs")
    empty_vector = F.create_map().cast("map<string,double>")
    empty_dfs = F.create_map().cast("map<string,int>")
    frame = docs.select("id", "date").join(weighted, "id", "left").select(
        "id", "date", F.coalesce("vector", empty_vector).alias("vector"), F.coalesce("dfs", empty_dfs).alias("dfs")
    )
    return frame, n_docs


def heaviest(vectors: DataFrame, n: int) -> DataFrame:
    """(id, term, w) for the ``n`` heaviest terms of each vector (ties: smaller term first),
    as ``online.top_terms`` picks them."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    rows = vectors.select("id", F.explode("vector").alias("term", "w"))
    order = Window.partitionBy("id").orderBy(F.desc("w"), F.asc("term"))
    return rows.withColumn("_rank", F.row_number().over(order)).where(F.col("_rank") <= n).drop("_rank")


def postings(vectors: DataFrame, quiet_days: int | None) -> DataFrame:
    """(id, term, w, date, home, bucket): each article's ``INDEX_TERMS`` heaviest terms in
    each of its time buckets.

    Time: a dated article's home bucket is day // quiet_days; it sits in its home and
    the next bucket, so two articles at most ``quiet_days`` apart share a bucket.
    Undated articles sit in bucket -1 (they meet every article, see ``similar_pairs``).
    """
    from pyspark.sql import functions as F

    from newsbrief.cluster.online import INDEX_TERMS

    top = heaviest(vectors, INDEX_TERMS).join(vectors.select("id", "date"), "id")
    if quiet_days is None:
        home = F.lit(0)
    else:
        day = F.datediff(F.to_date(F.col("date")), F.lit("1970-01-01"))
        home = F.when(day.isNull(), F.lit(-1)).otherwise(F.floor(day / quiet_days))
    top = top.withColumn("home", home)
    buckets = F.when(F.col("home") < 0, F.array(F.lit(-1))).otherwise(F.array("home", F.col("home") + 1))
    return top.withColumn("bucket", F.explode(buckets if quiet_days is not None else F.array("home")))


def similar_pairs(
    top: DataFrame, quiet_days: int | None, bar: float, max_postings: int = MAX_POSTINGS, heads: int = LONG_LIST_HEADS
) -> DataFrame:
    """(src, dst, cosine), src < dst: article pairs whose heaviest terms overlap enough.

    ``top`` is ``postings``. The score is the part of the pair's cosine carried by
    the terms both have among their ``INDEX_TERMS`` heaviest (a lower bound of the
    cosine; the online index too finds stories through heavy terms only). It is a
    join on shared terms and a sum, all inside Spark's JVM: no vector is shipped
    per pair and no Python runs (a per-pair cosine of the whole vectors shuffled
    ~6 KB per pair). Pairs further apart than ``quiet_days`` never meet. A posting
    list of more than ``max_postings`` articles gives the pairs of its ``heads``
    heaviest with every article of it (``split_long_lists``), not all its pairs.
    """
    from pyspark.sql import functions as F

    meet, tails, heavy = split_long_lists(top, max_postings, heads)
    a, b = meet.alias("a"), meet.alias("b")
    pairs = [_dated(a.join(b, ["term", "bucket"]).where(F.col("a.id") < F.col("b.id")), quiet_days)]
    a, b = tails.alias("a"), heavy.alias("b")
    pairs.append(_dated(a.join(b, ["term", "bucket"]), quiet_days))
    # Undated articles: the library lets them join any story, so they meet every article.
    once = meet.where(F.col("bucket") == F.col("home"))
    a, b = once.alias("a"), once.alias("b")
    pairs.append(a.join(b, "term").where((F.col("a.id") < F.col("b.id")) & ((F.col("a.home") < 0) | (F.col("b.home") < 0))))
    shared = _union([
        pair.select(F.least("a.id", "b.id").alias("src"), F.greatest("a.id", "b.id").alias("dst"),
                    (F.col("a.w") * F.col("b.w")).alias("part"))
        for pair in pairs
    ])
    scores = shared.groupBy("src", "dst").agg(F.sum("part").alias("cosine"))
    return scores.where(F.col("cosine") >= bar)


def split_long_lists(top: DataFrame, max_postings: int, heads: int) -> tuple[DataFrame, DataFrame, DataFrame]:
    """(meet, tails, heavy) rows of ``top``: ``meet`` are the rows of posting lists of at most
    ``max_postings`` and the ``heads`` heaviest of each longer list (ties: smaller id), which
    meet each other; ``tails`` the rest of the long lists, each meeting its list's ``heavy``."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    sized = top.join(top.groupBy("term", "bucket").agg(F.count("*").alias("_postings")), ["term", "bucket"])
    short = sized.where(F.col("_postings") <= max_postings).drop("_postings")
    order = Window.partitionBy("term", "bucket").orderBy(F.desc("w"), F.asc("id"))
    ranked = sized.where(F.col("_postings") > max_postings).drop("_postings").withColumn("_rank", F.row_number().over(order))
    heavy = ranked.where(F.col("_rank") <= heads).drop("_rank")
    return short.unionByName(heavy), ranked.where(F.col("_rank") > heads).drop("_rank"), heavy


def _dated(pairs: DataFrame, quiet_days: int | None) -> DataFrame:
    """Pairs of dated rows ("a", "b" sharing a term and bucket) counted once: in the later home
    bucket of the two (both sit in it), no further apart than ``quiet_days``."""
    from pyspark.sql import functions as F

    pairs = pairs.where((F.col("bucket") >= 0) & (F.col("bucket") == F.greatest("a.home", "b.home")))
    if quiet_days is not None:
        pairs = pairs.where(F.abs(F.datediff(F.to_date("a.date"), F.to_date("b.date"))) <= quiet_days)
    return pairs


def cut_oversize(
    spark: SparkSession, keys: DataFrame, components: DataFrame, edges: DataFrame, copies: DataFrame, cap: int
) -> DataFrame:
    """(id, block): every article in a block of at most ``cap`` articles, by DataFrame operations only.

    A component of at most ``cap`` articles is a block. The articles of larger ones
    keep only their edges of at least the next bar of ``CUT_LADDER`` and are labelled
    again by ``graph.connected_components`` (on those articles and edges only); this
    repeats up the ladder. Whatever is still over the cap after the last bar is cut
    into consecutive runs of its articles in time (``time_chunks``). Copy edges
    (score 1.0, above every bar) are never dropped, so a copy stays with its original.
    The pieces are then packed back into blocks of up to ``cap`` (``pack``). A block is
    named after its earliest article (date, id), which no other block holds.
    """
    from pyspark.sql import functions as F

    from newsbrief.spark.graph import connected_components, materialize

    label_keys = keys.select(F.col("id").alias("component_id"), F.col("key").alias("label_key"))
    pieces = []
    # path: the keys of the components an article was in, round after round (its place in
    # the cut's tree); its first key names the original component, its length says it was cut
    pending = components.join(label_keys, "component_id").select("id", "component_id", F.col("label_key").alias("path"))
    for bar in (*CUT_LADDER, None):
        sized = materialize(pending.join(pending.groupBy("component_id").count(), "component_id"))
        pieces.append(sized.where(F.col("count") <= cap).select("id", F.col("component_id").alias("block"), "path"))
        big = sized.where(F.col("count") > cap).select("id", "component_id", "path")
        if bar is None or big.limit(1).count() == 0:
            break
        strong = edges.where(F.col("cosine") >= bar).join(big.select(F.col("id").alias("src")), "src")
        labels = connected_components(spark, keys.join(big.select("id"), "id"), strong, f"blocks over the cap, bar {bar}")
        pending = labels.join(big.select("id", "path"), "id").join(label_keys, "component_id")
        pending = pending.select("id", "component_id", F.concat_ws(PATH_SEP, "path", "label_key").alias("path"))
    if bar is None:
        chunks = time_chunks(keys, big.select("id", "component_id"), copies, cap)
        chunks = chunks.join(big.select("id", "path"), "id").join(label_keys.withColumnRenamed("component_id", "block"), "block")
        pieces.append(chunks.select("id", "block", F.concat_ws(PATH_SEP, "path", "label_key").alias("path")))
    return pack(keys, _union(pieces), cap)


# Separates the component keys of a cut path (no id holds it).
PATH_SEP = "\u0001"


def pack(keys: DataFrame, pieces: DataFrame, cap: int) -> DataFrame:
    """(id, block): the pieces of a cut component packed into blocks of at most ``cap``.

    Raising the bar leaves many small pieces (1,520 real articles cut at cap 500: 562
    blocks, most of one article; each clustered alone, a piece cannot join its story).
    So the pieces of one original component are laid end to end in time (by their
    earliest article; measured on 1,520 articles at caps 500 and 1,000, time order beat
    the order of the cut's tree: adjusted Rand 0.621 and 0.905 against 0.544 and 0.898)
    and cut every ``cap`` articles: a piece lying wholly in one stretch of ``cap``
    joins that stretch's block; a piece across a boundary stays a block of its own.
    No block exceeds ``cap``. The running sum is a window over one original component's
    pieces (one row per piece, not per article or edge). Uncut components stay as they are.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    sized = pieces.groupBy("block").agg(F.count("*").alias("size"), F.min("path").alias("path"))
    cut = sized.where(F.col("path").contains(PATH_SEP)).withColumn("root", F.substring_index("path", PATH_SEP, 1))
    cut = cut.join(keys.withColumnRenamed("id", "block"), "block")
    before = Window.partitionBy("root").orderBy("key").rowsBetween(Window.unboundedPreceding, -1)
    start = F.coalesce(F.sum("size").over(before), F.lit(0))
    placed = cut.withColumn("first", F.floor(start / cap)).withColumn("last", F.floor((start + F.col("size") - 1) / cap))
    inside = placed.where(F.col("first") == F.col("last"))
    earliest = F.min("key").over(Window.partitionBy("root", "first"))
    packed = inside.select("block", F.substring_index(earliest, "\u0000", -1).alias("packed"))
    named = pieces.join(packed, "block", "left")
    return named.select("id", F.coalesce("packed", "block").alias("block"))


def time_chunks(keys: DataFrame, big: DataFrame, copies: DataFrame, cap: int) -> DataFrame:
    """(id, block): the last resort, each component of ``big`` (id, component_id) cut into
    consecutive runs in time of at most ``cap`` articles, a copy group never split.

    Copy groups (``copies``: id, original) are the units: a unit starting
    at cumulative size ``start`` in (date, id) order goes to chunk ``start // room``, with
    ``room = cap - (largest unit - 1)``, so no chunk exceeds ``cap`` (a unit larger than the
    cap stays whole, over it). The running sum is a window per component over its units
    only: one sort of ids on one task, no edges.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    # A copy's original is the earliest of its group (job.near_duplicates): units are named after it.
    heads = copies.select("id", F.col("original").alias("head"))
    units = big.join(heads, "id", "left").select("id", "component_id", F.coalesce("head", "id").alias("head"))
    unit_sizes = units.groupBy("component_id", "head").agg(F.count("*").alias("size"))
    unit_sizes = unit_sizes.join(keys.withColumnRenamed("id", "head"), "head")
    widest = unit_sizes.groupBy("component_id").agg(F.max("size").alias("widest"))
    room = F.greatest(F.lit(cap) - F.col("widest") + 1, F.lit(1))
    order = Window.partitionBy("component_id").orderBy("key").rowsBetween(Window.unboundedPreceding, -1)
    chunked = (
        unit_sizes.join(widest, "component_id")
        .withColumn("start", F.coalesce(F.sum("size").over(order), F.lit(0)))
        .withColumn("chunk", F.floor(F.col("start") / room))
    )
    first = Window.partitionBy("component_id", "chunk").orderBy("key")
    named = chunked.withColumn("block", F.first(F.substring_index("key", "\u0000", -1)).over(first))
    return units.join(named.select("component_id", "head", "block"), ["component_id", "head"]).select("id", "block")


def _union(frames: list[DataFrame]) -> DataFrame:
    result = frames[0]
    for frame in frames[1:]:
        result = result.union(frame)
    return result
