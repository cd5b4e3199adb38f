"""``newsbrief add / stories / regroup / cluster`` end to end, including a killed writer and two writers at once."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from store_stories import gold_story, make_article, make_stream, write_article_files

from newsbrief.cli import main

SRC = str(Path(__file__).resolve().parents[2] / "src")


def many_articles(count: int, tag: str = "") -> list:
    """``count`` distinct articles over the four made-up stories (a unique closing line each)."""
    stories = ("volcano", "football", "merger", "vaccine")
    articles = []
    for n in range(count):
        base = make_article(stories[n % 4], n // 4, f"2024-03-{10 + n % 5:02d}")
        unique = f"Dispatch {tag}{n} was filed by desk {n * 7919 % 10007} at hour {n % 24} with code {n * 31337}."
        articles.append(replace(base, id=f"{tag}{n}", text=base.text + "\n\n" + unique,
                                url=f"https://paper.example/{tag}{n}"))
    return articles


def newsbrief_process(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "newsbrief", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # not created yet


def check_consistent(db: Path) -> int:
    """integrity_check ok, every article in an existing story, story counts match their rows."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE s.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        mismatched = conn.execute(
            "SELECT s.id FROM stories s WHERE s.article_count != "
            "(SELECT count(*) FROM articles a WHERE a.story_id = s.id AND a.copy_of IS NULL) "
            "OR s.copy_count != (SELECT count(*) FROM articles a WHERE a.story_id = s.id AND a.copy_of IS NOT NULL)"
        ).fetchall()
        assert mismatched == []
        unbanded = conn.execute(
            "SELECT count(*) FROM lsh_bands b LEFT JOIN articles a ON a.id = b.article_id WHERE a.id IS NULL"
        ).fetchone()[0]
        assert unbanded == 0
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def test_add_then_stories_table_and_json(tmp_path, capsys):
    files = write_article_files(tmp_path / "in", make_stream(per_story=3))
    db = tmp_path / "news.db"
    assert main(["add", str(tmp_path / "in"), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(files)
    assert sum("new story" in line for line in out) == 4
    assert all(line.startswith("stored") for line in out)

    assert main(["add", str(files[0]), "--db", str(db)]) == 0
    assert "already stored as" in capsys.readouterr().out

    assert main(["stories", "--db", str(db)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["ID", "ARTICLES", "DATES"] and len(table) == 5

    assert main(["stories", "--db", str(db), "--format", "json", "--since", "2024-03-01"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["article_count"] for r in rows) == [3, 3, 3, 3]
    assert main(["stories", "--db", str(db), "--format", "json", "--since", "2030-01-01"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_regroup_reports_what_it_moved_and_old_story_ids_still_brief(tmp_path, capsys):
    from newsbrief.cluster import ClusterConfig
    from newsbrief.store import Store

    db = tmp_path / "news.db"
    with Store.open(db, ClusterConfig(threshold=0.95), local_regroup=None) as store:  # one story per article
        store.add_articles(make_stream(per_story=3, stories=("volcano", "merger")))
    assert main(["regroup", "--db", str(db), "--no-embed"]) == 0
    out = capsys.readouterr().out
    assert "regrouped 6 articles of 6 stories into 2 stories (words only" in out and "4 articles moved" in out
    assert "merged into another story (their ids still work): 3 -> 2, 4 -> 1, 5 -> 1, 6 -> 2" in out
    assert main(["brief", "--story", "3", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]
    assert main(["regroup", "--db", str(db), "--no-embed", "--format", "json", "--since", "2024-01-01"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["moved"] == 0 and report["stories_after"] == 2 and report["merged"] == [] and "seconds" in report
    assert main(["regroup", "--db", str(tmp_path / "empty.db")]) == 0
    assert "no stories to regroup" in capsys.readouterr().out
    assert main(["regroup", "--db", str(db), "--since", "yesterday"]) == 2


def test_add_then_regroup_in_one_command(tmp_path, capsys):
    write_article_files(tmp_path / "in", make_stream(per_story=3, stories=("volcano", "vaccine")))
    assert main(["add", str(tmp_path / "in"), "--db", str(tmp_path / "news.db"), "--regroup"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("stored") for line in out) == 6
    assert out[-1].startswith("regrouped 6 articles of 2 stories into 2 stories") and out[-1].endswith("0 articles moved")


def test_add_uses_the_environment_variable(tmp_path, monkeypatch, capsys):
    write_article_files(tmp_path / "in", make_stream(per_story=1))
    monkeypatch.setenv("NEWSBRIEF_DB", str(tmp_path / "env.db"))
    assert main(["add", str(tmp_path / "in")]) == 0
    assert count_articles(tmp_path / "env.db") == 4


def test_add_reports_bad_inputs_and_goes_on(tmp_path, capsys):
    good = write_article_files(tmp_path / "in", make_stream(per_story=1, stories=("volcano",)))
    code = main(["add", "file:///etc/passwd", "http://127.0.0.1:9/x", str(good[0]), "--db", str(tmp_path / "n.db")])
    out = capsys.readouterr().out
    assert code == 0
    assert "'file' scheme refused" in out and "local or private" in out and "stored" in out


def test_stories_rejects_a_bad_date(tmp_path, capsys):
    assert main(["stories", "--since", "last week", "--db", str(tmp_path / "n.db")]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_cluster_command_writes_assignments(tmp_path, capsys):
    articles = make_stream(per_story=5)
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps({"id": a.id, "title": a.title, "text": a.text, "date": a.date}) + "\n"
                              for a in articles))
    out = tmp_path / "assign.jsonl"
    assert main(["cluster", str(source), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == [a.id for a in articles]
    stories = {}
    for line in lines:
        stories.setdefault(gold_story(line["id"]), set()).add(line["story"])
    assert all(len(s) == 1 for s in stories.values()) and len({min(s) for s in stories.values()}) == 4


def test_cluster_command_rejects_duplicate_ids(tmp_path, capsys):
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "x", "text": "a"}\n{"id": "x", "text": "b"}\n')
    assert main(["cluster", str(source), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "duplicate id" in capsys.readouterr().err


@pytest.mark.slow
def test_killed_add_leaves_a_consistent_store_and_rerun_completes(tmp_path):
    total = 1500
    write_article_files(tmp_path / "in", many_articles(total))
    db = tmp_path / "news.db"
    # words only: add's local regroups run (and may be killed) without embedding 1,500 articles
    process = newsbrief_process("add", str(tmp_path / "in"), "--db", str(db), "--no-embed")
    deadline = time.monotonic() + 120
    while count_articles(db) < 50 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "add finished before it could be killed: give it more files"
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = check_consistent(db)
    assert 50 <= stored < total

    rerun = newsbrief_process("add", str(tmp_path / "in"), "--db", str(db), "--no-embed")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert out.count("already stored as") == stored
    assert check_consistent(db) == total


def _grouping(db: Path) -> tuple:
    """Which story each article is in, and each story's counts (no timestamps)."""
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall(),
                conn.execute("SELECT id, article_count, copy_count, merged_into, title FROM stories ORDER BY id").fetchall())
    finally:
        conn.close()


@pytest.mark.slow
def test_regroup_killed_while_writing_leaves_the_store_before_or_after_never_between(tmp_path):
    import shutil

    from newsbrief.cluster import ClusterConfig
    from newsbrief.store import Store

    db = tmp_path / "news.db"
    # one story per article (no local regroup on add): regroup rewrites most
    with Store.open(db, ClusterConfig(threshold=0.95), local_regroup=None) as store:
        store.add_articles(many_articles(600))
    before = _grouping(db)
    shutil.copy(db, tmp_path / "twin.db")
    with Store.open(tmp_path / "twin.db") as twin:
        twin.regroup(embed=False)
    after = _grouping(tmp_path / "twin.db")  # what a completed regrouping leaves (it is deterministic)
    assert after != before

    wal = Path(f"{db}-wal")
    process = newsbrief_process("regroup", "--db", str(db), "--no-embed")
    start_size = None
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        size = wal.stat().st_size if wal.exists() else 0
        start_size = size if start_size is None else start_size
        if size > start_size:  # the regrouping transaction is writing its pages
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "regroup finished before it could be killed"
    check_consistent(db)
    assert _grouping(db) in (before, after)  # all of the transaction or none of it
    rerun = newsbrief_process("regroup", "--db", str(db), "--no-embed")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert _grouping(db) == after
    check_consistent(db)


@pytest.mark.slow
def test_two_writers_at_once(tmp_path):
    shared = many_articles(100, "s")
    first = write_article_files(tmp_path / "a", many_articles(300, "a") + shared)
    second = write_article_files(tmp_path / "b", many_articles(300, "b") + shared)
    assert first and second
    db = tmp_path / "news.db"
    # words only: each writer's local regroups run (and meet the other's writes) without embeddings
    processes = [newsbrief_process("add", str(tmp_path / name), "--db", str(db), "--no-embed") for name in ("a", "b")]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outputs]
    # every input once: the shared 100 (same content, another file path) become copy rows
    assert check_consistent(db) == 800
    conn = sqlite3.connect(db)
    try:
        shared_rows = conn.execute("SELECT count(*) FROM articles WHERE url LIKE 'https://paper.example/s%'")
        assert shared_rows.fetchone()[0] == 200  # one row per input file, each written once
        stories = conn.execute("SELECT count(*) FROM stories WHERE article_count > 0").fetchone()[0]
    finally:
        conn.close()
    assert stories <= 8  # four made-up stories; a race may split one at most once per writer


def test_add_fails_when_nothing_could_be_read(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["add", str(empty), "http://127.0.0.1:9/", "--db", str(tmp_path / "n.db")]) == 2
    out = capsys.readouterr().out
    assert out.count("skipped") == 2


def test_add_without_the_local_regroup(tmp_path, capsys):
    write_article_files(tmp_path / "in", make_stream(per_story=3, stories=("volcano", "vaccine")))
    assert main(["add", str(tmp_path / "in"), "--db", str(tmp_path / "news.db"), "--no-local-regroup"]) == 0
    assert sum(line.startswith("stored") for line in capsys.readouterr().out.splitlines()) == 6
