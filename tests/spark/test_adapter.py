"""The adapter without a Spark session: optional extra, entry points, row functions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.spark import parts

ROOT = Path(__file__).parent.parent.parent


def test_cli_without_pyspark_names_the_extra(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    code = main(["spark", "run", str(tmp_path / "in.jsonl"), str(tmp_path / "out")])
    assert code == 2
    assert "pip install 'newsbrief[spark]'" in capsys.readouterr().err


def test_import_and_help_do_not_load_pyspark():
    code = "import sys, newsbrief.cli as c; c.build_parser(); import newsbrief.spark.job; print('pyspark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("entry", [["-m", "newsbrief.spark"], [str(ROOT / "src/newsbrief/spark/job.py")]])
def test_module_and_script_entry_points(entry):
    out = subprocess.run([sys.executable, *entry, "run", "--help"], capture_output=True, text=True, cwd="/")
    assert out.returncode == 0, out.stderr
    assert "--master URL" in out.stdout and "--format {jsonl,parquet}" in out.stdout


def test_story_rows_become_prefixed_articles():
    story = {"id": "s9", "documents": [{"text": "One."}, {"text": ""}, {"id": "x", "text": "Two.", "date": "2020-01-02"}]}
    articles = list(parts.records_to_articles(story, "file"))
    assert [a.id for a in articles] == ["s9/a1", "s9/x"]
    assert articles[1].date == "2020-01-02"


def test_article_rows_without_id_get_a_stable_content_id():
    first = list(parts.records_to_articles({"title": "T", "text": "Body text."}, "f"))[0]
    again = list(parts.records_to_articles({"title": "T", "text": "Body text."}, "g"))[0]
    assert first.id == again.id and len(first.id) == 16
    assert list(parts.records_to_articles({"id": 7, "title": "no text"}, "f:3")) == [
        parts.Unread("f:3", "article has no text", "7")]
    assert list(parts.parse_json_line("[1, 2]", "f:4")) == [parts.Unread("f:4", "expected a JSON object, found list")]
    copy = list(parts.records_to_articles({"title": "T", "text": "Body text.", "date": "2024-01-02"}, "f"))[0]
    assert copy.id != first.id  # another row: another id


def test_shingle_hashes_do_not_depend_on_the_process():
    text = "The quick brown fox jumps over the lazy dog near the river bank today."
    code = f"from newsbrief.spark.parts import hashed_shingles; print(list(hashed_shingles({text!r})))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(runs) == 1
    assert str(list(parts.hashed_shingles(text))) == runs.pop().strip()


def test_cluster_block_is_cluster_docs():
    from newsbrief.cluster import Doc, cluster_docs
    from newsbrief.cluster.options import ClusterOptions

    docs = [
        Doc("p1", "Port strike halts container traffic", "Dock workers stopped work at the port on Monday.", "2024-03-01"),
        Doc("p2", "Port strike enters second day", "Container ships wait as the dock workers' strike goes on.", "2024-03-02"),
        Doc("q1", "Chess final goes to tie-break", "The chess world final will be decided by rapid games.", "2024-03-01"),
    ]
    assert parts.cluster_block(docs) == cluster_docs(docs, ClusterOptions().config())


def test_a_block_of_an_input_over_the_topic_space_cap_is_clustered_as_the_command_clusters_it():
    # `newsbrief cluster` clusters an input over topics.MAX_ARTICLES by the TF-IDF method, without
    # embeddings: a block of such an input is too, whatever its own size and embeddings.
    import numpy as np

    from newsbrief.cluster import Doc, cluster_docs
    from newsbrief.cluster.options import ClusterOptions
    from newsbrief.cluster.text import term_counts
    from newsbrief.cluster.topics import MAX_ARTICLES

    docs = [
        Doc("p1", "Port strike halts container traffic", "Dock workers stopped work at the port on Monday.", "2024-03-01"),
        Doc("p2", "Port strike enters second day", "Container ships wait as the dock workers' strike goes on.", "2024-03-02"),
        Doc("q1", "Chess final goes to tie-break", "The chess world final will be decided by rapid games.", "2024-03-01"),
    ]
    df: dict[str, int] = {}
    for doc in docs:
        for term in term_counts(doc.title, doc.text):
            df[term] = df.get(term, 0) + 1
    # Meaning against the words: the two port articles opposite, the chess one apart. (On three
    # articles both methods agree; the 10,023-article run of docs/scaling.md measures the change.)
    embeddings = {"p1": np.array([1, 0], np.float32), "p2": np.array([-1, 0], np.float32), "q1": np.array([0, 1], np.float32)}
    config = ClusterOptions(quiet_days=21).config()
    large = (df, MAX_ARTICLES + 1)
    expected = cluster_docs(docs, config, collection=large)  # three articles, no embeddings: the TF-IDF method
    assert parts.cluster_block(docs, large, embeddings, config) == expected == {"p1": "p1", "p2": "p1", "q1": "q1"}


@pytest.mark.parametrize("flags", [[], ["--no-embed"], ["--quiet-days", "21"], ["--quiet-days", "7", "--no-embed"],
                                   ["--no-learned"], ["--quiet-days", "21", "--no-learned"]])
def test_spark_run_and_cluster_read_the_same_cluster_options(flags):
    from newsbrief.cli import build_parser
    from newsbrief.cluster.options import ClusterOptions, options_from_args
    from newsbrief.spark.job import job_options

    parser = build_parser()
    spark_args = parser.parse_args(["spark", "run", "in.jsonl", "out", *flags])
    cluster_args = parser.parse_args(["cluster", "in.jsonl", "-o", "out.jsonl", *flags])
    assert job_options(spark_args).cluster == options_from_args(cluster_args)
    expected = ClusterOptions(quiet_days=int(flags[flags.index("--quiet-days") + 1]) if "--quiet-days" in flags else None,
                              embed="--no-embed" not in flags, learned="--no-learned" not in flags)
    assert options_from_args(cluster_args) == expected
    assert expected.config().learned is expected.learned  # what cluster_docs reads, in both commands


def test_driver_edges_reach_the_job_options_and_refuse_a_negative_number(capsys):
    from newsbrief.cli import build_parser
    from newsbrief.spark.job import JobOptions, job_options

    parser = build_parser()
    assert job_options(parser.parse_args(["spark", "run", "in.jsonl", "out"])).driver_edges is None
    assert job_options(parser.parse_args(["spark", "run", "in.jsonl", "out", "--driver-edges", "0"])).driver_edges == 0
    with pytest.raises(SystemExit):
        parser.parse_args(["spark", "run", "in.jsonl", "out", "--driver-edges", "-1"])
    assert "at least 0" in capsys.readouterr().err
    with pytest.raises(ValueError, match="driver edges"):
        JobOptions(driver_edges=-5)


def test_quiet_days_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["spark", "run", "in.jsonl", "out", "--quiet-days", "0"])
    assert stop.value.code == 2 and "at least 1 day" in capsys.readouterr().err


def test_block_rows_give_embeddings_only_when_every_row_has_one():
    import numpy as np

    rows = [{"id": "a", "embedding": [0.6, 0.8]}, {"id": "b", "embedding": np.array([1.0, 0.0], dtype=np.float32)}]
    vectors = parts.embeddings_from_rows(rows)
    assert set(vectors) == {"a", "b"} and vectors["a"].dtype == np.float32
    assert np.allclose(vectors["a"], [0.6, 0.8])
    assert parts.embeddings_from_rows([{"id": "a"}, {"id": "b"}]) is None  # the job ran with --no-embed
    assert parts.embeddings_from_rows([rows[0], {"id": "c", "embedding": None}]) is None


def test_the_job_fails_only_when_no_story_could_be_briefed():
    from newsbrief.spark.job import JobResult

    def result(stories, failed):
        return JobResult(articles=9, skipped=0, duplicates=0, stories=stories, seconds={}, failed=failed)

    assert [result(3, 0).exit_code, result(3, 2).exit_code, result(3, 3).exit_code] == [0, 0, 1]
    assert result(3, 1).summary()["failed_stories"] == 1


def test_a_story_whose_brief_raises_is_a_row_with_its_error():
    from newsbrief.ingest import article_from_record

    articles = [article_from_record({"id": "b", "title": "Second", "text": "Two.", "date": "2024-03-02"}),
                article_from_record({"id": "a", "title": "First", "text": "One.", "date": "2024-03-01"})]

    def build(ordered, config):
        assert [a.id for a in ordered] == ["a", "b"]  # briefed in (date, id) order
        raise ValueError("a bug")

    row = parts.brief_row("s1", articles, None, build)
    assert row == {"story_id": "s1", "title": "First", "articles": 2, "summary": "", "brief": None,
                   "error": "could not be briefed (ValueError: a bug)"}


def test_a_missing_input_fails_in_one_line_before_spark_starts(tmp_path):
    code = ("import sys; from newsbrief.cli import main; "
            f"code = main(['spark', 'run', {str(tmp_path / 'nothing*.jsonl')!r}, {str(tmp_path / 'out')!r}]); "
            "print(code, 'pyspark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == ["2", "False"]  # exit 2, and pyspark was never imported
    assert out.stderr == (f"newsbrief: error: {tmp_path / 'nothing*.jsonl'}: no such file or folder (check the path; "
                          "give JSONL or Parquet of articles)\n")


def test_an_existing_output_is_refused_before_spark_starts(tmp_path, capsys):
    (tmp_path / "in.jsonl").write_text("{}\n")
    (tmp_path / "out").mkdir()
    assert main(["spark", "run", str(tmp_path / "in.jsonl"), str(tmp_path / "out")]) == 2
    assert "output already exists (choose a new OUTPUT or pass --overwrite)" in capsys.readouterr().err


def test_conf_and_archives_become_session_settings():
    from newsbrief.cli import build_parser
    from newsbrief.spark.job import session_settings

    args = build_parser().parse_args(["spark", "run", "in.jsonl", "out", "--conf", "spark.executor.memory=4g",
                                      "--conf", "spark.pyspark.python=./environment/bin/python",
                                      "--archives", "env.tar.gz#environment", "--archives", "models.zip"])
    assert session_settings(args) == {"spark.executor.memory": "4g", "spark.pyspark.python": "./environment/bin/python",
                                      "spark.archives": "env.tar.gz#environment,models.zip"}
    with pytest.raises(SystemExit):
        build_parser().parse_args(["spark", "run", "in.jsonl", "out", "--conf", "no-equals-sign"])


@pytest.mark.parametrize(("text", "line"), [
    ('py4j.protocol.Py4JJavaError: An error occurred while calling o1.collect.\n: org.apache.spark.SparkException: '
     'Job aborted\n\tat x\nCaused by: java.io.IOException: Cannot run program "./environment/bin/python": error=2, '
     'No such file or directory\n\tat y', 'Cannot run program "./environment/bin/python": error=2, No such file or directory'),
    ('org.apache.spark.api.python.PythonException: Traceback (most recent call last):\n  File "worker.py", line 3\n'
     "ModuleNotFoundError: No module named 'numpy'\n\tat z", "ModuleNotFoundError: No module named 'numpy'"),
])
def test_a_spark_error_is_told_in_its_one_telling_line(text, line):
    from newsbrief.spark.checks import cause_line

    assert cause_line(RuntimeError(text)) == line


def test_parquet_story_rows_are_exploded_into_prefixed_articles():
    """Rows with ``documents`` (the evaluation sets' schema), as Spark hands Parquet rows to Python."""
    Row = pytest.importorskip("pyspark.sql").Row
    from newsbrief.spark.job import _parquet_records

    documents = [Row(title="One", text="First text.", date="2024-03-01", url=None), Row(title="Two", text="", date=None, url=None),
                 Row(title="Three", text="Third text.", date=None, url="https://example.com/3")]
    rows = [Row(id="s1", documents=documents, _where="stories.parquet: row 1"),
            Row(id="s2", documents=[], _where="stories.parquet: row 2")]
    found = list(_parquet_records(rows))
    assert [(where, getattr(item, "id", None)) for where, item in found] == [
        ("stories.parquet: row 1", "s1/a1"), ("stories.parquet: row 1", "s1/a3"), ("stories.parquet: row 2", "s2")]
    assert found[1][1].url == "https://example.com/3" and found[2][1].reason == "story has no document with text"
