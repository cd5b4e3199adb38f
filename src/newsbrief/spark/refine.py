"""Story clustering steps as DataFrame joins: similarity without moving vectors around.

``cluster.batch`` scores an article against a story with a dot product of two
dicts in memory. Done naively in Spark (ship the article's and the story's
vectors to one place per candidate), every candidate pair copies a whole
centroid: on 10,000 articles that was 500 MB of shuffle and most of the job.
Here vectors stay exploded as (id, term, weight) rows and a dot product is a
join on the shared terms followed by a sum, so the cost of a candidate is the
number of terms of the article, not the size of the story.

The rules are ``cluster.batch``'s:

* seeds      (Spark's own start, in place of the sequential online pass) each
             article links to its most similar candidate if their cosine reaches
             ``THRESHOLD``; the links' connected components are the first stories
* reassign   an article moves to the candidate story with the highest cosine
             reaching ``REASSIGN_THRESHOLD``; its own story is scored leave-one-out
             and wins ties, then the smaller story id; with no story close enough,
             a lone article keeps its story and one from a larger story starts anew
* merge      average-link agglomeration of stories down to ``MERGE_THRESHOLD``
             (mean cosine between their articles), never across the quiet window

Candidates come from the online index's lookup: a story is indexed by its
``INDEX_TERMS`` heaviest centroid terms, an article (or story) looks up by its
``QUERY_TERMS`` heaviest terms; "heaviest" orders by weight, then term, as
``cluster.online.top_terms``. The time-window rules call the library itself.

Leave-one-out without materializing ``C - v``: with d = v.C and |v|^2 = vv,
v.(C - v) = d - vv and |C - v|^2 = |C|^2 - 2d + vv.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame


def exploded(vectors: DataFrame) -> DataFrame:
    """(id, term, w): one row per term of each article's unit TF-IDF vector."""
    from pyspark.sql import functions as F

    return vectors.select("id", F.explode("vector").alias("term", "w"))


def heaviest(rows: DataFrame, key: str, weight: str, n: int) -> DataFrame:
    """(key, term) for the ``n`` heaviest terms of each key (ties: smaller term first)."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    order = Window.partitionBy(key).orderBy(F.desc(weight), F.asc("term"))
    return rows.withColumn("_rank", F.row_number().over(order)).where(F.col("_rank") <= n).select(key, "term")


def pair_cosines(terms: DataFrame, pairs: DataFrame) -> DataFrame:
    """(src, dst, cosine) of article pairs, from their shared terms (unit vectors)."""
    from pyspark.sql import functions as F

    a = terms.select(F.col("id").alias("src"), "term", F.col("w").alias("wa"))
    b = terms.select(F.col("id").alias("dst"), "term", F.col("w").alias("wb"))
    shared = pairs.join(a, "src").join(b, ["dst", "term"])
    return shared.groupBy("src", "dst").agg(F.sum(F.col("wa") * F.col("wb")).alias("cosine"))


def story_terms(terms: DataFrame, assignment: DataFrame) -> DataFrame:
    """(story, term, c): centroids as the sum of their articles' vectors (full, as batch)."""
    from pyspark.sql import functions as F

    return terms.join(assignment, "id").groupBy("story", "term").agg(F.sum("w").alias("c"))


def story_stats(centroids: DataFrame, assignment: DataFrame, dates: DataFrame) -> DataFrame:
    """(story, size, first, last, norm2)."""
    from pyspark.sql import functions as F

    spans = assignment.join(dates, "id").groupBy("story").agg(
        F.count("*").alias("size"), F.min("date").alias("first"), F.max("date").alias("last")
    )
    norms = centroids.groupBy("story").agg(F.sum(F.col("c") * F.col("c")).alias("norm2"))
    return spans.join(norms, "story", "left").fillna({"norm2": 0.0})


def in_window_udf(quiet_days: int | None):
    """The online index's time window, evaluated by the library itself."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    def in_window(day: str | None, first: str | None, last: str | None) -> bool:
        from newsbrief.cluster.online import ClusterConfig, StoryIndex, StoryState

        index = StoryIndex(ClusterConfig(quiet_days=quiet_days))
        return index._in_window(StoryState(id="", first_date=first, last_date=last), day)

    return F.udf(in_window, T.BooleanType())


def close_in_time_udf(quiet_days: int | None):
    """``cluster.batch``'s rule for merging two stories' date spans."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    def close(a_first: str | None, a_last: str | None, b_first: str | None, b_last: str | None) -> bool:
        from newsbrief.cluster.batch import _close_in_time
        from newsbrief.cluster.online import StoryState

        a = StoryState(id="a", first_date=a_first, last_date=a_last)
        b = StoryState(id="b", first_date=b_first, last_date=b_last)
        return _close_in_time(a, b, quiet_days)

    return F.udf(close, T.BooleanType())


def reassign(terms: DataFrame, norms: DataFrame, dates: DataFrame, assignment: DataFrame, config, threshold: float) -> DataFrame:
    """(id, story) after moving each article to its best story (``cluster.batch.reassign``)."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    from newsbrief.cluster.online import INDEX_TERMS, QUERY_TERMS

    centroids = story_terms(terms, assignment).localCheckpoint()
    stats = story_stats(centroids, assignment, dates)
    index = heaviest(centroids, "story", "c", INDEX_TERMS)
    queries = heaviest(terms, "id", "w", QUERY_TERMS)
    own = assignment.select("id", F.col("story").alias("own"))
    looked_up = queries.join(index, "term").select("id", "story")
    candidates = (
        looked_up.union(assignment.select("id", "story"))
        .distinct()
        .join(own, "id")
        .join(dates, "id")
        .join(stats, "story")
    )
    window = in_window_udf(config.quiet_days)
    candidates = candidates.where((F.col("story") == F.col("own")) | window("date", "first", "last"))
    dots = candidates.select("id", "story").join(terms, "id").join(centroids, ["story", "term"]).groupBy("id", "story").agg(
        F.sum(F.col("w") * F.col("c")).alias("dot")
    )
    scored = candidates.join(dots, ["id", "story"], "left").join(norms, "id").fillna({"dot": 0.0})
    scored = scored.withColumn("is_own", F.col("story") == F.col("own")).withColumn("sim", _similarity())
    best = Window.partitionBy("id").orderBy(F.desc("sim"), F.desc("is_own"), F.asc("story"))
    top = scored.withColumn("_rank", F.row_number().over(best)).where("_rank = 1")
    own_size = stats.select(F.col("story").alias("own"), F.col("size").alias("own_size"))
    chosen = top.select("id", "own", "story", "sim").join(own_size, "own")
    story = (
        F.when(F.col("sim") >= threshold, F.col("story"))
        .when(F.col("own_size") == 1, F.col("own"))
        .otherwise(F.concat(F.lit("~"), F.col("id")))
    )
    result = chosen.select("id", story.alias("story"))
    return result


def _similarity() -> Column:
    from pyspark.sql import functions as F

    dot, vv, norm2 = F.col("dot"), F.col("vv"), F.col("norm2")
    rest2 = norm2 - 2 * dot + vv
    leave_one_out = F.when((F.col("size") <= 1) | (rest2 <= 1e-12), F.lit(0.0)).otherwise((dot - vv) / F.sqrt(rest2))
    other = F.when(norm2 > 0, dot / F.sqrt(norm2)).otherwise(F.lit(0.0))
    return F.when(F.col("is_own"), leave_one_out).otherwise(other)


def reciprocal_merges(terms: DataFrame, dates: DataFrame, assignment: DataFrame, config, min_similarity: float) -> DataFrame:
    """(story, into): one round of average-link agglomeration (``cluster.batch.merge_average_link``).

    The average cosine between the articles of two stories is the dot product of
    their centroid sums over both sizes. The library merges the globally best pair
    and repeats; here every pair of reciprocal nearest neighbours at or above
    ``min_similarity`` merges at once, into the smaller story id. Average link is
    reducible, so merging reciprocal nearest neighbours builds the same hierarchy
    as merging the best pair first; pairs further apart in time than the quiet
    window never merge, as in the library. Candidate pairs share one of their
    ``INDEX_TERMS`` heaviest centroid terms (the library compares every pair).
    """
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    from newsbrief.cluster.online import INDEX_TERMS

    centroids = story_terms(terms, assignment).localCheckpoint()
    stats = story_stats(centroids, assignment, dates)
    index = heaviest(centroids, "story", "c", INDEX_TERMS)
    pairs = (
        index.withColumnRenamed("story", "src")
        .join(index.withColumnRenamed("story", "dst"), "term")
        .where(F.col("src") < F.col("dst"))
        .select("src", "dst")
        .distinct()
    )
    a = stats.select(F.col("story").alias("src"), F.col("first").alias("a_first"), F.col("last").alias("a_last"), F.col("size").alias("na"))
    b = stats.select(F.col("story").alias("dst"), F.col("first").alias("b_first"), F.col("last").alias("b_last"), F.col("size").alias("nb"))
    close = close_in_time_udf(config.quiet_days)
    pairs = pairs.join(a, "src").join(b, "dst").where(close("a_first", "a_last", "b_first", "b_last"))
    ca = centroids.select(F.col("story").alias("src"), "term", F.col("c").alias("ca"))
    cb = centroids.select(F.col("story").alias("dst"), "term", F.col("c").alias("cb"))
    dots = pairs.select("src", "dst").join(ca, "src").join(cb, ["dst", "term"]).groupBy("src", "dst").agg(
        F.sum(F.col("ca") * F.col("cb")).alias("dot")
    )
    average = dots.join(pairs.select("src", "dst", "na", "nb"), ["src", "dst"]).select(
        "src", "dst", (F.col("dot") / (F.col("na") * F.col("nb"))).alias("average")
    )
    average = average.where(F.col("average") >= min_similarity)
    both = average.union(average.select(F.col("dst").alias("src"), F.col("src").alias("dst"), "average"))
    order = Window.partitionBy("src").orderBy(F.desc("average"), F.asc("dst"))
    best = both.withColumn("_rank", F.row_number().over(order)).where("_rank = 1").select("src", "dst")
    mutual = best.alias("x").join(best.alias("y"), (F.col("x.src") == F.col("y.dst")) & (F.col("x.dst") == F.col("y.src")))
    merges = mutual.where(F.col("x.src") > F.col("x.dst")).select(F.col("x.src").alias("story"), F.col("x.dst").alias("into"))
    return merges
