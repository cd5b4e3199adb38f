"""Distributed blocking: which articles may end up in one story.

Spark cannot run the library's clustering over millions of articles at once
(``cluster.batch.cluster_docs`` streams articles through one in-memory index),
but it can find groups of articles that have nothing to do with each other.
Each such group, a *block*, is then clustered by ``cluster_docs`` itself, on
one executor, with the TF-IDF weights of the whole input. Whenever no story of
the single-process result spans two blocks, the stories are the same.

    weigh       document frequencies by ``groupBy(term)`` -> the library's TF-IDF vector
                per article, and the frequencies of its own terms (shipped with it to its block)
    candidates  the online index's lookup between articles: an article's ``QUERY_TERMS``
                heaviest terms against another's ``INDEX_TERMS`` heaviest, within the quiet
                window (undated articles meet every article, as the library lets them)
    edges       candidate pairs whose cosine reaches ``BLOCK_BAR``, and every near-duplicate
                with its original (the library clusters copies too)
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

# Cosine two candidate articles need to share a block. The library's own links are
# far stronger (it joins a story at THRESHOLD 0.15, keeps at 0.08, merges stories at
# an average 0.1); on 1,520 real articles bars of 0.0, 0.01 and 0.03 gave the same
# agreement with cluster_docs over the whole set (adjusted Rand 0.95-0.96 at cap 600),
# and 0.03 drops the many pairs that share one common word and nothing else.
BLOCK_BAR = 0.03
# Articles per block, at most. cluster_docs on 7,889 real articles took 33 CPU seconds
# and ~0.2 GB on one core (bench/spark_bench.py, single-process side), so one Python
# worker clusters 10,000 articles in under a minute; its average-link merge holds a
# dense matrix of stories (float64, ~0.3 GB at 6,000 stories), the bound on the cap.
MAX_BLOCK_ARTICLES = 10_000
# A (term, time bucket) posting list longer than this gives no candidate pairs: a
# heavy term shared by thousands of articles in three weeks is a beat ("trump",
# "covid"), not a story; those articles still meet through their other heavy terms.
MAX_POSTINGS = 5000


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
    """(id, term, rank) for the ``n`` heaviest terms of each vector (rank 1 heaviest;
    ties: smaller term first), as ``online.top_terms`` orders them."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    rows = vectors.select("id", F.explode("vector").alias("term", "w"))
    order = Window.partitionBy("id").orderBy(F.desc("w"), F.asc("term"))
    return rows.withColumn("rank", F.row_number().over(order)).where(F.col("rank") <= n).select("id", "term", "rank")


def time_buckets(date_column: str, quiet_days: int | None):
    """Blocking keys for time: a dated article sits in bucket day // quiet_days and the
    next one, so two articles at most ``quiet_days`` apart always share a bucket.
    Undated articles get bucket -1 (they are paired with every article apart)."""
    from pyspark.sql import functions as F

    if quiet_days is None:
        return F.array(F.lit(0))
    day = F.datediff(F.to_date(F.col(date_column)), F.lit("1970-01-01"))
    bucket = F.floor(day / quiet_days)
    return F.when(day.isNull(), F.array(F.lit(-1))).otherwise(F.array(bucket, bucket + 1))


def postings(vectors: DataFrame, quiet_days: int | None) -> DataFrame:
    """(id, term, rank, date, bucket): each article's heaviest terms in each of its time buckets."""
    from pyspark.sql import functions as F

    from newsbrief.cluster.online import INDEX_TERMS, QUERY_TERMS

    top = heaviest(vectors, max(INDEX_TERMS, QUERY_TERMS)).join(vectors.select("id", "date"), "id")
    return top.withColumn("bucket", F.explode(time_buckets("date", quiet_days)))


def candidate_pairs(top: DataFrame, quiet_days: int | None) -> DataFrame:
    """(src, dst), src < dst: an article's query terms meet another's index terms in time.

    ``top`` is ``postings``. The online index finds a story through its
    ``INDEX_TERMS`` heaviest centroid terms and an article's ``QUERY_TERMS``
    heaviest; here both sides are articles.
    """
    from pyspark.sql import functions as F

    from newsbrief.cluster.online import INDEX_TERMS, QUERY_TERMS

    index = top.where(F.col("rank") <= INDEX_TERMS).drop("rank")
    query = top.where(F.col("rank") <= QUERY_TERMS).drop("rank")
    small = index.groupBy("term", "bucket").count().where(F.col("count") <= MAX_POSTINGS).drop("count")
    index = index.join(small, ["term", "bucket"])
    q, i = query.alias("q"), index.alias("i")
    dated = q.join(i, ["term", "bucket"]).where(F.col("q.bucket") >= 0)
    if quiet_days is not None:
        gap = F.abs(F.datediff(F.to_date("q.date"), F.to_date("i.date")))
        dated = dated.where(gap <= quiet_days)
    # Undated articles: the library lets them join any story, so they meet every article
    # sharing a term (one posting per article and term, whatever its buckets).
    index_once = index.select("id", "term", "bucket").where("bucket < 0").union(
        index.where("bucket >= 0").groupBy("id", "term").agg(F.min("bucket").alias("bucket"))
    ).alias("i")
    query_once = query.select("id", "term", "bucket").where("bucket < 0").union(
        query.where("bucket >= 0").groupBy("id", "term").agg(F.min("bucket").alias("bucket"))
    ).alias("q")
    undated = query_once.join(index_once, "term").where((F.col("q.bucket") < 0) | (F.col("i.bucket") < 0))
    pairs = dated.select(F.col("q.id").alias("a"), F.col("i.id").alias("b")).union(
        undated.select(F.col("q.id").alias("a"), F.col("i.id").alias("b"))
    )
    pairs = pairs.where(F.col("a") != F.col("b"))
    return pairs.select(F.least("a", "b").alias("src"), F.greatest("a", "b").alias("dst")).distinct()


def similar_pairs(vectors: DataFrame, pairs: DataFrame, bar: float) -> DataFrame:
    """(src, dst, cosine) of the candidate pairs at or above ``bar``."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from newsbrief.spark.parts import vector_cosine

    cosine = F.udf(vector_cosine, T.DoubleType())
    a = vectors.select(F.col("id").alias("src"), F.col("vector").alias("va"))
    b = vectors.select(F.col("id").alias("dst"), F.col("vector").alias("vb"))
    scored = pairs.join(a, "src").join(b, "dst").select("src", "dst", cosine("va", "vb").alias("cosine"))
    return scored.where(F.col("cosine") >= bar)


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
