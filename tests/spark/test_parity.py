"""Parity: `newsbrief spark run` and `newsbrief cluster` give the same stories, and the job
the same briefs as the local pipeline.

Input: the bundled doha-talks example (5 real scraped articles, undated) plus five dated
articles on a different story (``marathon.jsonl``) and one edited re-post of a marathon article
(a near-duplicate under another outlet's name), as one JSONL file. Both commands run through
the CLI's entry point (``newsbrief.cli.main``) on that file with the same flags; the job on
the tests' local[2] session (``--conf`` keeps its small shuffle). Local briefs: ``build_brief``
per story of `newsbrief cluster`'s assignment, the articles in (date, id) order; they must
equal the job's byte for byte. ``test_quiet_days_...`` repeats the comparison with
``--quiet-days 21`` on articles where the window and the embeddings change the stories.

The job clusters each block of articles (``spark/blocking.py``) with the library's
``cluster_docs``; a block cap smaller than a story is the one way its stories
differ from the single process, and ``test_small_block_cap_...`` pins down how.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import OSAKA, OSAKA_DATES
from spark_inputs import CONFIG, SESSION, SMALL_CAP, input_records, read_lines, write_jsonl

from newsbrief.cli import main
from newsbrief.cluster import Doc, cluster_docs, embed
from newsbrief.cluster.options import ClusterOptions
from newsbrief.ingest import article_from_record
from newsbrief.pipeline import build_brief
from newsbrief.spark.parts import story_order

pytestmark = [pytest.mark.spark, pytest.mark.slow]



def local_docs(records: list[dict]) -> list[Doc]:
    """What clustering reads of the articles: the text as given, as `newsbrief cluster` reads it."""
    articles = [article_from_record(r) for r in records]
    return [Doc(a.id, a.title, a.text, a.date) for a in articles]


def cluster_command(source: Path, out: Path, *flags: str) -> dict[str, str]:
    """`newsbrief cluster SOURCE -o OUT [flags]`: article id -> story."""
    assert main(["cluster", str(source), "-o", str(out), *flags]) == 0
    return {row["id"]: row["story"] for row in map(json.loads, out.read_text().splitlines())}


def spark_command(source: Path, out: Path, *flags: str) -> dict[str, dict]:
    """`newsbrief spark run SOURCE OUT [flags]` on the tests' session: article id -> assignment row."""
    assert main(["spark", "run", str(source), str(out), *SESSION, *flags]) == 0
    return {row["article_id"]: row for row in read_lines(out / "assignments")}


def local_briefs(records: list[dict], stories: dict[str, str]) -> dict[str, dict]:
    articles = [article_from_record(r) for r in records]
    briefs = {}
    for story_id in set(stories.values()):
        members = sorted((a for a in articles if stories[a.id] == story_id), key=story_order)
        briefs[story_id] = build_brief(members, CONFIG).to_dict()
    return briefs


@pytest.fixture(scope="module")
def spark_run(spark, tmp_path_factory):
    """Both commands with their defaults on the real articles: (job output folder, `cluster`'s stories)."""
    base = tmp_path_factory.mktemp("parity")
    source = write_jsonl(base / "articles.jsonl", input_records())
    spark_command(source, base / "out", "--words", str(CONFIG.words))
    return base / "out", cluster_command(source, base / "cluster.jsonl")


def test_same_stories_as_newsbrief_cluster(spark_run):
    out, cluster_stories = spark_run
    rows = {row["article_id"]: row for row in read_lines(out / "assignments")}
    assert {i: row["story_id"] for i, row in rows.items()} == cluster_stories
    assert len({row["block"] for row in rows.values()}) == 1  # undated doha articles may join any story
    assert set(cluster_stories.values()) == {"doha-a1", "marathon-1"}  # named after the earliest article


def test_same_briefs_as_local_pipeline(spark_run):
    out, cluster_stories = spark_run
    local = local_briefs(input_records(), cluster_stories)
    rows = {row["story_id"]: row for row in read_lines(out / "briefs")}
    assert set(rows) == set(local)
    for story_id, row in rows.items():
        assert json.loads(row["brief"]) == local[story_id]
        assert row["summary"] and row["articles"] == len(local[story_id]["articles"])


def test_repost_is_found_by_minhash_and_cited_with_its_original(spark_run):
    out, _ = spark_run
    rows = {row["article_id"]: row for row in read_lines(out / "assignments")}
    assert sum(row["duplicate_of"] is not None for row in rows.values()) == 1
    assert rows["marathon-2-repost"]["duplicate_of"] == "marathon-2"
    assert rows["marathon-2"]["duplicate_of"] is None
    brief = json.loads(next(r for r in read_lines(out / "briefs") if r["story_id"] == "marathon-1")["brief"])
    survivors = {a["id"]: a["copies"] for a in brief["articles"]}
    assert "marathon-2-repost" in survivors  # every outlet stays listed in the brief


def test_small_block_cap_cuts_stories_only_between_blocks(small_cap_run):
    """Under a cap smaller than a story, every block is still clustered by cluster_docs
    with the whole input's frequencies (words alone, as the run was); stories split at block
    edges, never merge."""
    from collections import Counter

    from newsbrief.cluster.text import term_counts
    from newsbrief.spark.parts import cluster_block

    records = input_records()
    result, rows, _ = small_cap_run
    members: dict[str, list[str]] = {}
    for article_id, row in rows.items():
        members.setdefault(row["block"], []).append(article_id)
    assert set(rows) == {r["id"] for r in records}
    assert result.blocks == len(members) >= 4 and max(len(m) for m in members.values()) <= SMALL_CAP
    assert rows["marathon-2-repost"]["block"] == rows["marathon-2"]["block"]  # a copy stays with its original

    docs = {d.id: d for d in local_docs(records)}
    df: Counter[str] = Counter()
    for doc in docs.values():
        df.update(term_counts(doc.title, doc.text).keys())
    for ids in members.values():
        found = cluster_block([docs[i] for i in ids], (df, len(docs)))
        assert found == {i: rows[i]["story_id"] for i in ids}
    local_stories = cluster_docs(list(docs.values()), ClusterOptions().config())
    for story in {row["story_id"] for row in rows.values()}:
        assert len({local_stories[i] for i, row in rows.items() if row["story_id"] == story}) == 1




@pytest.mark.skipif(not embed.available(), reason="the embedding packages are not installed")
def test_quiet_days_and_embeddings_give_the_same_stories_as_newsbrief_cluster(tmp_path, spark):
    """With --quiet-days 21 (the defaults are the run above): o4, two months after o0 and as close
    to it, is joined again across the quiet gap (the bridge: its pair must meet in the job's
    blocking too), with the embeddings the job computed on its executors. (o1, an earthquake in
    the marathon's city told in one line, is joined to it in so small a batch: the small path's
    embeddings lean on the news centre, docs/store.md "A young store".)"""
    records = [{"id": f"o{i}", "title": t, "text": x, "date": d} for i, ((t, x), d) in enumerate(zip(OSAKA, OSAKA_DATES))]
    source = write_jsonl(tmp_path / "osaka.jsonl", records)
    rows = spark_command(source, tmp_path / "out", "--summary-only", "--quiet-days", "21")
    stories = cluster_command(source, tmp_path / "cluster.jsonl", "--quiet-days", "21")
    assert {i: row["story_id"] for i, row in rows.items()} == stories
    assert stories["o4"] == "o0" and stories["o2"] == "o2" and stories["o3"] == "o3"
    words_alone = cluster_docs(local_docs(records), ClusterOptions(quiet_days=21, embed=False).config())
    assert words_alone["o4"] == "o4"  # the words alone do not bridge the gap


@pytest.mark.skipif(not embed.available(), reason="the embedding packages are not installed")
def test_executor_embeddings_are_the_library_s(spark):
    """embed_articles (mapInPandas, one onnxruntime thread per task) gives what embed_docs gives."""
    import numpy as np
    import pandas as pd

    from newsbrief.spark.job import embed_articles

    docs = local_docs(input_records())
    frame = pd.DataFrame({"id": [d.id for d in docs], "title": [d.title for d in docs], "text": [d.text for d in docs]})
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
