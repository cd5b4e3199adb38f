"""Parity: the Spark job and the local pipeline give the same stories and briefs.

Input: the bundled doha-talks example (5 real scraped articles, undated) plus
five dated articles on a different story (``marathon.jsonl``) and one edited
re-post of a marathon article (a near-duplicate under another outlet's name).
Local side: the library's cleaning and batch clustering (``cluster_docs`` on
cleaned text, as the store clusters, with the MiniLM embeddings of title and lead
as ``newsbrief cluster`` passes them), then ``build_brief`` per story with the
articles in (date, id) order. The two must agree exactly; with ``--no-embed``
(``JobOptions(embed=False)``) the job must agree with words-only clustering.

The job clusters each block of articles (``spark/blocking.py``) with the library's
``cluster_docs``; a block cap smaller than a story is the one way its stories
differ from the single process, and ``test_small_block_cap_...`` pins down how.
"""

from __future__ import annotations

import functools
import json

import pytest
from spark_inputs import CONFIG, HERE, LIGHT, SMALL_CAP, input_records, read_lines, write_jsonl

from newsbrief.clean import clean_article
from newsbrief.cluster import Doc, cluster_docs, embed
from newsbrief.ingest import article_from_record
from newsbrief.pipeline import build_brief
from newsbrief.spark.parts import story_order

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def local_docs(records: list[dict]) -> list[Doc]:
    cleaned = [clean_article(article_from_record(r)) for r in records]
    return [Doc(a.id, a.title, a.text, a.date) for a in cleaned]


def local_stories(records: list[dict], embedded: bool = True) -> dict[str, str]:
    """What `newsbrief cluster` (or `--no-embed`) gives the cleaned articles."""
    docs = local_docs(records)
    return cluster_docs(docs, embeddings=embed.embed_docs(docs) if embedded else None)


def local_run(records: list[dict]) -> tuple[dict[str, str], dict[str, dict]]:
    articles = [article_from_record(r) for r in records]
    stories = local_stories(records)
    briefs = {}
    for story_id in set(stories.values()):
        members = sorted((a for a in articles if stories[a.id] == story_id), key=story_order)
        briefs[story_id] = build_brief(members, CONFIG).to_dict()
    return stories, briefs


@functools.cache
def local_result() -> tuple[dict[str, str], dict[str, dict]]:
    """``local_run`` of the real articles, once per test session (the tests only read it)."""
    return local_run(input_records())


@pytest.fixture(scope="module")
def spark_run(spark, tmp_path_factory):
    from newsbrief.spark.job import JobOptions, run

    base = tmp_path_factory.mktemp("parity")
    source = write_jsonl(base / "articles.jsonl", input_records(), "not json\n")
    result = run(spark, str(source), str(base / "out"), JobOptions(brief=CONFIG))
    return result, base / "out"


def test_same_stories_as_local_clustering(spark_run):
    result, out = spark_run
    local_stories, _ = local_result()
    assignments = {row["article_id"]: row["story_id"] for row in read_lines(out / "assignments")}
    assert assignments == local_stories
    assert result.embedded == embed.available()
    assert result.blocks == 1  # undated doha articles may join any story, so they share a block with all
    assert result.stories == 2 == len(set(local_stories.values()))
    assert set(assignments.values()) == {"doha-a1", "marathon-1"}  # named after the earliest article


def test_same_briefs_as_local_pipeline(spark_run):
    _, out = spark_run
    _, local_briefs = local_result()
    rows = {row["story_id"]: row for row in read_lines(out / "briefs")}
    assert set(rows) == set(local_briefs)
    for story_id, row in rows.items():
        assert json.loads(row["brief"]) == local_briefs[story_id]
        assert row["summary"] and row["articles"] == len(local_briefs[story_id]["articles"])


def test_repost_is_found_by_minhash_and_cited_with_its_original(spark_run):
    result, out = spark_run
    rows = {row["article_id"]: row for row in read_lines(out / "assignments")}
    assert result.duplicates == 1
    assert rows["marathon-2-repost"]["duplicate_of"] == "marathon-2"
    assert rows["marathon-2"]["duplicate_of"] is None
    brief = json.loads(next(r for r in read_lines(out / "briefs") if r["story_id"] == "marathon-1")["brief"])
    survivors = {a["id"]: a["copies"] for a in brief["articles"]}
    assert "marathon-2-repost" in survivors  # every outlet stays listed in the brief


def test_bad_lines_are_reported_not_fatal(spark_run):
    result, out = spark_run
    skipped = read_lines(out / "skipped")
    assert result.skipped == 1 and len(skipped) == 1
    assert skipped[0]["reason"].startswith("malformed JSON line")


def test_stories_schema_in_parquet_out(spark, tmp_path):
    """Rows with ``documents`` (the evaluation sets' schema) are exploded; output as Parquet."""
    import pandas as pd

    from newsbrief.spark.job import JobOptions, run

    records = input_records()
    stories = pd.DataFrame(
        [
            {"id": "s1", "documents": [{k: r[k] for k in ("title", "text", "date", "url")} for r in records[:5]]},
            {"id": "s2", "documents": [{k: r[k] for k in ("title", "text", "date", "url")} for r in records[5:10]]},
        ]
    )
    source = tmp_path / "stories.parquet"
    stories.to_parquet(source)
    options = JobOptions(output_format="parquet", brief=LIGHT)
    result = run(spark, str(source), str(tmp_path / "out"), options)
    assignments = pd.read_parquet(tmp_path / "out" / "assignments")
    assert result.articles == 10 and result.stories == 2
    grouped = assignments.groupby("story_id")["article_id"].apply(lambda ids: sorted(i.split("/")[0] for i in ids))
    assert sorted(grouped.tolist()) == [["s1"] * 5, ["s2"] * 5]
    briefs = pd.read_parquet(tmp_path / "out" / "briefs")
    assert len(briefs) == 2 and all(json.loads(b)["summary"] for b in briefs["brief"])


def test_existing_output_is_refused(spark, tmp_path):
    from newsbrief.errors import InputError
    from newsbrief.spark.job import run

    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="already exists"):
        run(spark, str(HERE / "marathon.jsonl"), str(tmp_path / "out"))


def test_small_block_cap_cuts_stories_only_between_blocks(small_cap_run):
    """Under a cap smaller than a story, every block is still clustered by cluster_docs
    with the whole input's frequencies; stories split at block edges, never merge."""
    from collections import Counter

    from newsbrief.cluster.text import term_counts
    from newsbrief.spark.parts import cluster_block

    records = input_records()
    result, rows = small_cap_run
    members: dict[str, list[str]] = {}
    for article_id, row in rows.items():
        members.setdefault(row["block"], []).append(article_id)
    assert set(rows) == {r["id"] for r in records}
    assert result.blocks == len(members) >= 4 and max(len(m) for m in members.values()) <= SMALL_CAP
    assert rows["marathon-2-repost"]["block"] == rows["marathon-2"]["block"]  # a copy stays with its original

    cleaned = {r["id"]: clean_article(article_from_record(r)) for r in records}
    vectors = embed.embed_docs(local_docs(records))
    df: Counter[str] = Counter()
    for article in cleaned.values():
        df.update(term_counts(article.title, article.text).keys())
    for ids in members.values():
        docs = [Doc(i, cleaned[i].title, cleaned[i].text, cleaned[i].date) for i in ids]
        block_vectors = {i: vectors[i] for i in ids} if vectors else None
        assert cluster_block(docs, (df, len(cleaned)), block_vectors) == {i: rows[i]["story_id"] for i in ids}
    local_stories, _ = local_result()
    for story in {row["story_id"] for row in rows.values()}:
        assert len({local_stories[i] for i, row in rows.items() if row["story_id"] == story}) == 1


# Four short articles (written for this test): two share the rare word "Osaka" but tell
# different stories. Words alone merge them (TF-IDF cosine 0.18 over the 0.1 cut); with the
# embeddings their mixed similarity is 0.12, under the 0.15 cut, and they stay apart.
OSAKA = [
    ("Osaka marathon route announced", "Organisers in Osaka published the new marathon route through the Osaka harbour district."),
    ("Osaka earthquake damages homes", "A shallow earthquake damaged dozens of homes in Osaka prefecture, firefighters in Osaka said."),
    ("Fed raises interest rates", "The Federal Reserve raised its benchmark interest rate by a quarter point."),
    ("Wheat prices climb on drought", "Wheat futures rose sharply as drought hit farms across the plains."),
]


@pytest.mark.skipif(not embed.available(), reason="the embedding packages are not installed")
def test_no_embed_reproduces_words_only_clustering(spark, tmp_path):
    from newsbrief.spark.job import JobOptions, run

    records = [{"id": f"o{i}", "title": t, "text": x, "date": "2024-03-01"} for i, (t, x) in enumerate(OSAKA)]
    source = write_jsonl(tmp_path / "osaka.jsonl", records)
    brief = LIGHT
    spark_stories = {}
    for embedded in (True, False):
        out = tmp_path / f"out-{embedded}"
        result = run(spark, str(source), str(out), JobOptions(brief=brief, embed=embedded))
        assert result.embedded is embedded
        spark_stories[embedded] = {row["article_id"]: row["story_id"] for row in read_lines(out / "assignments")}
        assert spark_stories[embedded] == local_stories(records, embedded)
    assert spark_stories[False]["o1"] == "o0" and spark_stories[True]["o1"] == "o1"  # the inputs tell them apart


@pytest.mark.skipif(not embed.available(), reason="the embedding packages are not installed")
def test_executor_embeddings_are_the_library_s(spark):
    """embed_articles (mapInPandas, one onnxruntime thread per task) gives what embed_docs gives."""
    import numpy as np
    import pandas as pd

    from newsbrief.spark.job import embed_articles

    docs = local_docs(input_records())
    frame = pd.DataFrame({"id": [d.id for d in docs], "clean_title": [d.title for d in docs], "clean_text": [d.text for d in docs]})
    rows = embed_articles(spark.createDataFrame(frame).repartition(3)).collect()
    expected = embed.embed_docs(docs)
    assert {r.id for r in rows} == set(expected)
    for row in rows:
        assert np.allclose(np.asarray(row.embedding, dtype=np.float32), expected[row.id], atol=1e-5)


def test_without_the_embedding_packages_the_job_falls_back_to_words(spark, monkeypatch, caplog):
    from newsbrief.spark.job import use_embeddings

    monkeypatch.setattr(embed, "available", lambda: False)
    with caplog.at_level("WARNING", logger="newsbrief.spark"):
        assert use_embeddings(spark, True) is False
    assert "words alone" in caplog.text
    assert use_embeddings(spark, False) is False
