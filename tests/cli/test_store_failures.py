"""The store commands on a broken store: one line on stderr, exit 2, no traceback, nothing
half-written; story ids no story can have; article text that would drive the terminal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_faults import big_article, dump, read_only
from store_stories import make_article, make_stream, write_article_files

from newsbrief.cli import main
from newsbrief.cluster import ClusterConfig
from newsbrief.store import Store

SRC = str(Path(__file__).resolve().parents[2] / "src")
STORE_COMMANDS = (["stories"], ["add", "IN"], ["regroup", "--no-embed"], ["brief", "--story", "1"])


@pytest.fixture
def filled(tmp_path) -> Path:
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        store.add_articles(make_stream(per_story=2))
    return db


@pytest.fixture
def new_articles(tmp_path) -> Path:
    folder = tmp_path / "in"
    write_article_files(folder, [big_article(n) for n in range(3)])
    return folder


def run(capsys, command: list[str], db: Path, folder: Path) -> tuple[int, str, str]:
    code = main([folder.as_posix() if part == "IN" else part for part in command] + ["--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line(code: int, err: str, db: Path, *words: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith(f"newsbrief: error: {db}: "), err
    for word in words:
        assert word in err, err


def truncate_half(db: Path) -> None:
    os.truncate(db, db.stat().st_size // 2)


def random_bytes(db: Path) -> None:
    db.write_bytes(os.urandom(60_000))


def newer_schema(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.close()


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("damage, words", [(truncate_half, ("damaged",)), (random_bytes, ("not a newsbrief store",)),
                                           (newer_schema, ("newer newsbrief", "upgrade"))],
                         ids=["truncated", "random", "newer"])
def test_a_broken_store_is_one_line_and_exit_2(capsys, filled, new_articles, command, damage, words):
    damage(filled)
    code, out, err = run(capsys, command, filled, new_articles)
    assert_one_line(code, err, filled, *words)


def test_add_on_a_full_disk_is_one_line_and_keeps_what_was_stored(capsys, monkeypatch, filled, new_articles):
    before = dump(filled)
    opened = Store.open.__func__

    def capped(cls, path=None, config=ClusterConfig(), **options):
        return opened(cls, path, config, max_pages=1, **options)  # no page more than the file has: a full disk

    monkeypatch.setattr(Store, "open", classmethod(capped))
    code, out, err = run(capsys, ["add", "IN"], filled, new_articles)
    assert_one_line(code, err, filled, "disk is full", "free some space")
    assert out == "" and dump(filled) == before
    monkeypatch.undo()
    code, out, err = run(capsys, ["add", "IN"], filled, new_articles)
    assert code == 0 and out.count("stored ") == 3


def test_add_to_a_read_only_store_is_one_line_and_reading_still_works(capsys, filled, new_articles):
    before = dump(filled)
    with read_only(filled):
        code, out, err = run(capsys, ["add", "IN"], filled, new_articles)
        assert_one_line(code, err, filled, "read-only", "writable")
        code, out, _ = run(capsys, ["stories"], filled, new_articles)
        assert code == 0 and len(out.splitlines()) == 1 + 4
    assert dump(filled) == before


def test_a_new_store_in_a_read_only_folder_is_one_line(capsys, tmp_path, new_articles):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        code, _, err = run(capsys, ["add", "IN"], folder / "news.db", new_articles)
    assert_one_line(code, err, folder / "news.db", "cannot create", "read-only")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("story_id", ["99999999999999999999", "-3", "abc", "0"])
def test_a_story_id_no_story_can_have_is_no_such_story(capsys, filled, story_id):
    code = main(["brief", "--story", story_id, "--db", str(filled)])
    err = capsys.readouterr().err
    assert code == 2 and "no such story" in err and "Traceback" not in err


def test_a_broken_store_in_a_real_process_prints_no_traceback(tmp_path):
    db = tmp_path / "junk.db"
    random_bytes(db)
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-m", "newsbrief", "stories", "--db", str(db)], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "junk.db" in done.stderr and "Traceback" not in done.stderr


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"


def test_escape_sequences_in_articles_never_reach_the_terminal(capsys, tmp_path):
    article = make_article("volcano", 0)
    record = {"title": f"{ESCAPES}{article.title}", "source": f"Evil{ESCAPES} Times", "text": article.text,
              "date": "2024-03-10"}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"bad{ESCAPES[:5]}.json").write_text(json.dumps(record))
    db = tmp_path / "news.db"
    assert main(["add", str(tmp_path / "in"), "--db", str(db)]) == 0
    added = capsys.readouterr().out
    assert main(["stories", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    for shown in (added, table):
        assert not any(ch in shown for ch in "\x1b\x07\x9b\u202e"), shown
        assert "\\x1b]0;pwned\\x07" in shown
    assert "Evil\\x1b]0;pwned" in table and len(table.splitlines()) == 2
    assert main(["stories", "--format", "json", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "\x1b" not in listed and json.loads(listed)[0]["title"] == record["title"]
