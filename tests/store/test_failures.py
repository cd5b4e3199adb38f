"""The store's failures, each one line (StoreError, exit code 2) naming the file, what happened and
what to do, and none of them leaving a half-written file: damaged files, read-only files and
folders, a full disk, another program's database, a newer schema.

A full disk is SQLite's own: ``Store.open(max_pages=...)`` caps the file (PRAGMA max_page_count)
and SQLite answers a write past it with SQLITE_FULL, "database or disk is full", as it does when
the disk fills. Read-only is real even as root (for whom chmod stops nothing): ``chattr +i`` makes
the file or folder immutable, else (not root) chmod; and a connection opened with ``mode=ro``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from store_faults import big_article, dump, read_only
from store_stories import make_article

from newsbrief.cluster import ClusterConfig
from newsbrief.errors import StoreError
from newsbrief.store import Store


@pytest.fixture
def filled(tmp_path) -> Path:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.add_articles([make_article("volcano", n) for n in range(3)])
    return path


def page_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA page_count").fetchone()[0]
    finally:
        conn.close()


def check_one_line(error: StoreError, path: Path, *words: str) -> None:
    message = str(error)
    assert error.exit_code == 2
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert "--db" in message or "again" in message  # what to do
    for word in words:
        assert word in message


# --------------------------------------------------------------------------- damaged files


def test_random_bytes_are_not_a_store(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(os.urandom(50_000))
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    check_one_line(caught.value, path, "not a newsbrief store")


@pytest.mark.parametrize("keep", [100, 4096, 0.5, -4096])
def test_a_truncated_store_is_damaged(filled, keep):
    size = filled.stat().st_size
    os.truncate(filled, int(size * keep) if isinstance(keep, float) else keep % size)
    with pytest.raises(StoreError) as caught:
        with Store.open(filled) as store:
            store.stories()
            store.add_articles([big_article(1)])
    check_one_line(caught.value, filled, "damaged")


def test_damaged_values_are_the_files_fault_not_a_crash(filled):
    conn = sqlite3.connect(filled)
    conn.execute("UPDATE stories SET sources = '[\"unfinished'")
    conn.execute("UPDATE articles SET text = CAST(x'ff00fe' || randomblob(20000) AS TEXT)")
    conn.commit()
    conn.close()
    with Store.open(filled) as store:
        with pytest.raises(StoreError) as listing:
            store.stories()
        with pytest.raises(StoreError) as reading:
            store.articles_of_story("1")
    check_one_line(listing.value, filled, "damaged", "not valid JSON")
    check_one_line(reading.value, filled, "damaged")
    assert len(str(reading.value)) < 400  # SQLite quotes the whole bad row: cut


def test_another_programs_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = dump(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    check_one_line(caught.value, path, "another program")
    assert dump(path) == before


def test_a_newer_schema_names_the_file_and_the_upgrade(filled):
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError) as caught:
        Store.open(filled)
    check_one_line(caught.value, filled, "newer newsbrief", "schema 99", "upgrade")


# --------------------------------------------------------------------------- full disk


def test_a_full_disk_fails_the_add_in_one_line_and_leaves_the_file_as_it_was(filled):
    before = dump(filled)
    with pytest.raises(StoreError) as caught:
        with Store.open(filled, max_pages=1) as store:  # no page more than it has now
            store.add_articles([big_article(1)])
    check_one_line(caught.value, filled, "disk is full", "database or disk is full")
    assert str(caught.value.__cause__) == "database or disk is full"  # not buried under "cannot rollback"
    assert dump(filled) == before
    with Store.open(filled) as store:  # space again: the same add goes through
        assert [r.status for r in store.add_articles([big_article(1)])] == ["stored"]


def test_a_disk_filling_midway_keeps_every_article_before_it_whole(filled):
    done = []
    with pytest.raises(StoreError, match="disk is full"):
        with Store.open(filled, max_pages=page_count(filled) + 150) as store:
            for result in store.add_each(big_article(n) for n in range(60)):
                done.append(result)
    assert 0 < len(done) < 60 and all(r.status == "stored" for r in done)
    assert len(dump(filled)["articles"]) == 3 + len(done)
    with Store.open(filled) as store:
        assert sum(s.article_count for s in store.stories()) == 3 + len(done)
        again = store.add_articles([big_article(n) for n in range(len(done) + 1)])
    assert [r.status for r in again] == ["duplicate"] * len(done) + ["stored"]


def test_a_full_disk_while_creating_a_store(tmp_path):
    path = tmp_path / "new.db"
    with pytest.raises(StoreError) as caught:
        Store.open(path, max_pages=1)
    check_one_line(caught.value, path, "disk is full")
    with Store.open(path) as store:  # what is left is taken as an empty store
        assert store.stories() == []


# --------------------------------------------------------------------------- read-only


def test_a_read_only_store_reads_but_refuses_to_add(filled):
    before = dump(filled)
    with read_only(filled):
        with Store.open(filled) as store:
            assert [s.article_count for s in store.stories()] == [3]
            with pytest.raises(StoreError) as caught:
                store.add_articles([big_article(1)])
    check_one_line(caught.value, filled, "the file is read-only", "writable")
    assert dump(filled) == before


def test_a_read_only_connection_is_told_apart(filled):
    # SQLite's own read-only mode: what any process gets on a file it may not write
    conn = sqlite3.connect(f"file:{filled}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    store = Store(conn, filled, ClusterConfig())
    with pytest.raises(StoreError) as caught:
        store.add_articles([big_article(1)])
    store.close()
    check_one_line(caught.value, filled, "cannot be written", "writable")


def test_a_read_only_folder_gets_no_new_store(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(StoreError) as caught:
            Store.open(folder / "news.db")
        assert list(folder.iterdir()) == []
    check_one_line(caught.value, folder / "news.db", "read-only", "writable")


def test_a_store_in_a_read_only_folder_says_so(filled):
    with read_only(filled.parent):
        with pytest.raises(StoreError) as caught:
            with Store.open(filled) as store:
                store.add_articles([big_article(1)])
    check_one_line(caught.value, filled, "folder is read-only")


def test_a_nearly_full_disk_of_small_blocks_is_refused_before_sqlite_maps_its_index(filled, monkeypatch):
    # On 1 KB blocks SQLite's mapped -shm file has holes, and filling one on a full disk is a
    # SIGBUS (seen on a 2 MB ext4 loop mount): stop before that, in one line.
    before = dump(filled)
    free = {"blocks": 1000}

    def disk(path):
        return os.statvfs_result((1024, 1024, 2048, free["blocks"], free["blocks"], 100, 50, 50, 0, 255))

    monkeypatch.setattr("newsbrief.store.files.os.statvfs", disk)
    with Store.open(filled) as store:
        free["blocks"] = 10
        with pytest.raises(StoreError) as adding:
            store.add_articles([big_article(1)])
    with pytest.raises(StoreError) as opening:
        Store.open(filled)
    for caught in (adding, opening):
        check_one_line(caught.value, filled, "disk is full", "10 KB free")
    assert dump(filled) == before
