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
                scored by the part of their cosine those shared terms carry
    edges       pairs scoring at least ``BLOCK_BAR``, and every near-duplicate with its
                original (the library clusters copies too)
    components  connected components of the edges (label propagation, ``job.connected_components``)
    split       a component over the cap is cut on one executor by ``parts.capped_blocks``
                (size-capped Kruskal: only the weakest links are cut)

The loose bar is the point: a story's articles must all fall in one block, so
the graph links far more than stories (a connected component spans many
stories), and only the size cap cuts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

# Score (shared heavy terms' part of the cosine) two articles need to share a block: far
# below any link the library makes. On 1,520 real articles (bench/spark_bench.py --n 1500,
# replayed in one process with the stream-and-refine rules), bars of 0.0 and 0.01 gave the
# same agreement with cluster_docs over the whole set, 0.03 lost stories (adjusted Rand
# 0.94 without a cap) because the heavy terms carry only part of a pair's cosine;
# 0.01 drops the pairs that share one common word and nothing else.
BLOCK_BAR = 0.01
# A (term, time bucket) posting list longer than this gives no candidate pairs: a
# heavy term shared by thousands of articles in three weeks is a beat ("trump",
# "covid"), not a story; those articles still meet through their other heavy terms.
MAX_POSTINGS = 5000


def max_block_articles() -> int:
    """Articles per block, at most: the largest batch ``cluster_docs`` clusters in its topic
    space (``cluster.topics.MAX_ARTICLES``, bounded by its n x n matrix: 1.4 GB peak at 8,000).
    A larger block would be clustered by another method than the single process uses on
    the same articles, and would not fit a Python worker's memory."""
    from newsbrief.cluster import topics

    return topics.MAX_ARTICLES


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


def similar_pairs(top: DataFrame, quiet_days: int | None, bar: float) -> DataFrame:
    """(src, dst, cosine), src < dst: article pairs whose heaviest terms overlap enough.

    ``top`` is ``postings``. The score is the part of the pair's cosine carried by
    the terms both have among their ``INDEX_TERMS`` heaviest (a lower bound of the
    cosine; the online index too finds stories through heavy terms only). It is a
    join on shared terms and a sum, all inside Spark's JVM: no vector is shipped
    per pair and no Python runs (a per-pair cosine of the whole vectors shuffled
    ~6 KB per pair). Pairs further apart than ``quiet_days`` never meet.
    """
    from pyspark.sql import functions as F

    small = top.groupBy("term", "bucket").count().where(F.col("count") <= MAX_POSTINGS).drop("count")
    top = top.join(small, ["term", "bucket"])
    a, b = top.alias("a"), top.alias("b")
    # Dated pairs meet in the later home bucket of the two (both sit in it), counted once.
    dated = a.join(b, ["term", "bucket"]).where(
        (F.col("a.id") < F.col("b.id")) & (F.col("bucket") >= 0) & (F.col("bucket") == F.greatest("a.home", "b.home"))
    )
    if quiet_days is not None:
        dated = dated.where(F.abs(F.datediff(F.to_date("a.date"), F.to_date("b.date"))) <= quiet_days)
    # Undated articles: the library lets them join any story, so they meet every article.
    once = top.where(F.col("bucket") == F.col("home"))
    a, b = once.alias("a"), once.alias("b")
    undated = a.join(b, "term").where((F.col("a.id") < F.col("b.id")) & ((F.col("a.home") < 0) | (F.col("b.home") < 0)))
    shared = dated.select(F.col("a.id").alias("src"), F.col("b.id").alias("dst"), (F.col("a.w") * F.col("b.w")).alias("part"))
    shared = shared.union(
        undated.select(F.col("a.id").alias("src"), F.col("b.id").alias("dst"), (F.col("a.w") * F.col("b.w")).alias("part"))
    )
    scores = shared.groupBy("src", "dst").agg(F.sum("part").alias("cosine"))
    return scores.where(F.col("cosine") >= bar)


def split_oversize(components: DataFrame, edges: DataFrame, cap: int) -> DataFrame:
    """(id, block): components of at most ``cap`` articles are blocks (named after the
    component's earliest article); larger ones are cut by ``parts.capped_blocks``, one
    executor per oversize component, into blocks named ``component~smallest id``."""
    from pyspark.sql import functions as F

    sizes = components.groupBy("component_id").count()
    labelled = components.join(sizes, "component_id")
    small = labelled.where(F.col("count") <= cap).select("id", F.col("component_id").alias("block"))
    big = labelled.where(F.col("count") > cap).select("id", "component_id")
    big_edges = edges.join(big.withColumnRenamed("id", "src"), "src").select("component_id", "src", "dst", "cosine")

    def split(frame):
        import pandas as pd

        from newsbrief.spark.parts import capped_blocks

        blocks = capped_blocks(zip(frame["src"], frame["dst"], frame["cosine"]), cap)
        component = frame["component_id"].iloc[0]
        return pd.DataFrame({"id": list(blocks), "block": [f"{component}~{b}" for b in blocks.values()]})

    cut = big_edges.groupBy("component_id").applyInPandas(split, schema="id string, block string")
    return small.union(cut)
