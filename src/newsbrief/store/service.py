"""The store's service: adding articles (clean, find copies, assign each to a story) and
regrouping stories, on top of the storage (database.py). See the package docstring."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..cluster.online import ClusterConfig, StoryIndex, StoryState, add_vector
from ..cluster.text import term_counts, tfidf_vector
from ..errors import StoreError
from ..model import Article
from .database import StoryDatabase
from .failures import store_error, translating
from .files import check_room, connect_when_free, create_file, default_path
from .regroup import LocalRegroup
from .rows import AddResult, better_title
from .transactions import begin, rollback

DF_FLUSH_EVERY = 500
# A regrouping that finds the store changed by another writer since it read it starts again,
# at most this many times in all.
REGROUP_ATTEMPTS = 3
# Embeddings a store keeps for its local regroups (1.5 KB each), then starts again.
EMBEDDED_KEPT = 20_000


class Store(StoryDatabase):
    """An open story store: the storage's reads, and adding and regrouping. Use ``Store.open``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, config: ClusterConfig,
                 local_regroup: LocalRegroup | None = LocalRegroup()) -> None:
        super().__init__(conn, path)
        self.config = config
        self.local_regroup = local_regroup
        self._embedded: dict[str, Any] = {}  # article id -> sentence embedding, for local regroups
        self._index: StoryIndex | None = None
        self._seen_seq = 0
        self._df: Counter[str] | None = None
        self._df_delta: Counter[str] = Counter()
        self._n_docs = 0
        self._n_delta = 0
        self._stored_since_regroup = 0
        # work units the local regroup may still spend (regroup.WORK_PER_ARTICLE)
        self._regroup_credit = float(local_regroup.allowance) if local_regroup else 0.0

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, config: ClusterConfig = ClusterConfig(),
             max_pages: int | None = None, local_regroup: LocalRegroup | None = LocalRegroup()) -> Store:
        """Open (creating and upgrading as needed) the store at ``path`` or the default location.

        ``local_regroup`` is how ``add`` repairs the stories it touched as it goes (regroup.py;
        None: never, each article stays where the online pass put it).
        ``max_pages`` caps the file's size in SQLite pages (4 KB; never below its size now):
        a write past it fails as on a full disk, and tests simulate a full disk with it."""
        target = Path(path).expanduser() if path else default_path()
        # A failed first opening may leave an empty file (and SQLite's side files): SQLite
        # takes them as an empty store next time, so there is nothing to clean up (and
        # removing them could pull a file from under another process that opened it).
        create_file(target)
        check_room(target)
        try:
            conn = connect_when_free(target, max_pages)
        except sqlite3.Error as error:
            raise store_error(target, error) from error
        except StoreError as error:
            raise StoreError(f"{target}: {error}") from None
        return cls(conn, target, config, local_regroup)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
            return
        try:
            self.close()
        except StoreError:
            pass  # the error on its way out says what went wrong; a second one would hide it

    @translating
    def close(self) -> None:
        """Write the pending document frequencies and close the file (closing even when that write fails)."""
        with self._lock:
            if self._conn is None:
                return
            try:
                self._flush_df()
            finally:
                super().close()

    def brief_of_story(self, story_id: str | int, config: Any = None) -> Any:
        """The brief of a stored story, recomputed from its articles (same pipeline as for a folder)."""
        from ..config import BriefConfig
        from ..pipeline import build_brief

        articles = self.articles_of_story(story_id)
        if not articles:
            raise StoreError(f"story {story_id}: no such story in {self.path} (list them with `newsbrief stories`)")
        return build_brief(articles, config or BriefConfig())

    # ------------------------------------------------------------------ adding

    def add_articles(self, articles: Iterable[Article]) -> list[AddResult]:
        """Store each article (see the package docstring); one result per article, in order."""
        return list(self.add_each(articles))

    def add_each(self, articles: Iterable[Article]) -> Iterator[AddResult]:
        """``add_articles`` one article at a time: each result comes once its article is committed,
        so a long add can show progress, and an error leaves the results before it standing.

        With ``local_regroup``, after every ``every`` articles stored and once the articles run out,
        the stories they went into are regrouped with their neighbours (``regroup_near``): a result's
        story is where the online pass put the article, which a local regroup after it may move
        (``Store.story`` follows a story it merged)."""
        touched: set[str] = set()
        for article in articles:
            result = self._add_checked(article)
            if result.status == "stored" and result.story:
                touched.add(result.story)
            yield result
            if self.local_regroup and self._regroup_due(touched) and self._stored_since_regroup >= self.local_regroup.every:
                self.regroup_near(touched)
                touched = set()
        if self._regroup_due(touched):
            self.regroup_near(touched)

    def _regroup_due(self, touched: set[str]) -> bool:
        """Whether ``add`` may regroup the touched stories now: there are some, and the store is not in
        debt of regroup work (regroup.WORK_PER_ARTICLE: a bulk add regroups less often)."""
        return bool(self.local_regroup and touched and self._regroup_credit >= 0)

    @translating
    def _add_checked(self, article: Article) -> AddResult:
        from ..clean import clean_article

        name = article.path or article.url or article.id or "(article)"
        cleaned = clean_article(article)
        if not cleaned.text.strip():
            return AddResult(name, "skipped", reason="no text left after cleaning")
        with self._lock:
            return self._add_one(name, cleaned)

    def _add_one(self, name: str, article: Article) -> AddResult:
        from .. import dedup

        content_hash = dedup.content_hash(article.title, article.text)
        key = _input_key(content_hash, article)
        shingles = dedup.stable_shingle_hashes(article.text)
        bands = dedup.band_keys(shingles)
        counts = term_counts(article.title, article.text)
        self._load_state()
        check_room(self.path)
        conn = self._conn
        begin(conn)
        try:
            found = self._stored_input(key)
            if found:
                conn.execute("ROLLBACK")
                return AddResult(name, "duplicate", article=found[0], story=found[1],
                                 story_title=self._title_of(found[1]), duplicate_of=found[0],
                                 reason="same input already stored")
            self._refresh_changed_stories()
            original = self._find_original(content_hash, shingles, bands)
            article_id = key[:16]
            if original:
                story = self._story_state(original[1])
                _extend_dates(story, article.date)
                result = AddResult(name, "duplicate", article=article_id, story=original[1],
                                   duplicate_of=original[0], reason="copy of a stored article")
            else:
                story, result = self._cluster(name, article, article_id, counts)
            if not story.id:
                story.id = self._new_story()
            self._insert_article(article, article_id, key, content_hash, story.id,
                                 original[0] if original else None, bands)
            seq = self._next_seq()
            self._count_in_story(story, article, original is not None, seq)
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            self._index = None  # the in-memory state may have run ahead of the file: reload
            self._df = None
            raise
        self._after_commit(story, seq, counts if original is None else None)
        self._stored_since_regroup += original is None
        if self.local_regroup and original is None:
            self._regroup_credit = min(self._regroup_credit + self.local_regroup.work_per_article,
                                       self.local_regroup.allowance)
        return replace(result, story=story.id, story_title=self._title_of(story.id))

    def _cluster(self, name: str, article: Article, article_id: str, counts: Counter[str]) -> tuple[StoryState, AddResult]:
        """The story an original article joins (a copy of a live story's state, its vector added),
        or a new one (no id yet), as the online clusterer picks it."""
        assert self._index is not None and self._df is not None
        # weights as if this article were already counted (the counts change only after commit)
        vector = tfidf_vector(counts, _PlusOne(self._df, counts), self._n_docs + 1)
        day = article.date
        if day:
            self._index.retire_before(day)
        best, sim = self._index.best(vector, day)
        if best is not None and sim >= self.config.threshold:
            story = _copy_state(best)
            new = False
        else:
            story = StoryState(id="")
            new = True
        add_vector(story, vector, day, self.config.centroid_terms)
        return story, AddResult(name, "stored", article=article_id, new_story=new)

    def _find_original(self, content_hash: str, shingles: set[int], bands: Sequence[int]) -> tuple[str, str] | None:
        """(article id, story id) of the stored original this text copies: the same text, else the
        closest of the originals sharing an LSH band that the batch's rule (``dedup.is_duplicate``)
        confirms, so the store and ``newsbrief brief`` see the same copies."""
        from .. import dedup

        same = self._original_with_hash(content_hash)
        if same or not bands:
            return same
        confirmed = []
        for article, story, text in self._originals_in_bands(bands):
            theirs = dedup.stable_shingle_hashes(text)
            if dedup.is_duplicate(shingles, theirs):
                confirmed.append((dedup.jaccard(shingles, theirs), article, story))
        best = max(confirmed, default=None)
        return (best[1], best[2]) if best else None

    def _after_commit(self, story: StoryState, seq: int, counts: Counter[str] | None) -> None:
        assert self._index is not None and self._df is not None
        # every change before ours was re-read inside our transaction, so ours is the newest seen
        self._seen_seq = seq
        self._index.put(story)
        if counts is not None:
            self._df.update(counts.keys())
            self._df_delta.update(counts.keys())
            self._n_docs += 1
            self._n_delta += 1
            if self._n_delta >= DF_FLUSH_EVERY:
                self._flush_df()

    # ------------------------------------------------------------------ regrouping

    @translating
    def regroup(self, since: str | None = None, embed: bool = True, learned: bool | None = None) -> Any:
        """Re-cluster the stored stories (all, or those with news on or after ``since``) with the
        batch method (``cluster_docs``; sentence embeddings unless ``embed`` is False, the learned
        similarity unless ``learned`` is False; None: the store's ``ClusterConfig.learned``) and
        move their articles: a ``regroup.RegroupResult``. See regroup.py."""
        from .regroup import cluster_stored

        for _ in range(REGROUP_ATTEMPTS):
            seq, rows = self._regroup_snapshot(since)
            found, used = cluster_stored([(r[0], r[2], r[3], r[4]) for r in rows], self.config.quiet_days, embed,
                                         self.config.learned if learned is None else learned)
            with self._lock:
                result = self._apply_regroup(seq, [(r[0], str(r[1])) for r in rows], found, used)
            if result is not None:
                return result
        raise StoreError(f"{self.path}: the store kept changing while it was regrouped (another writer is adding): "
                         "run `newsbrief regroup` again when it ends")

    @translating
    def regroup_near(self, story_ids: Iterable[str]) -> Any:
        """The local regroup ``add`` runs (regroup.py): the stories ``story_ids`` and their nearest
        live neighbours, bounded by ``local_regroup``, clustered again and their articles moved in
        one transaction; a ``RegroupResult``, or None when there was nothing to regroup or another
        writer changed the store meanwhile (the stories then stay as they are)."""
        from .regroup import cluster_stored, neighbourhood

        setting = self.local_regroup or LocalRegroup()
        with self._lock:
            self._stored_since_regroup = 0
            self._load_state()
            assert self._index is not None
            index = self._index
            touched = [self._story_state(story) for story in sorted(set(story_ids), key=int)]
            scope = neighbourhood([s for s in touched if s.size], index.live_on(self._latest_date()),
                                  lambda story: index.nearby(story.centroid, story.last_date), setting,
                                  reachable=index.stories)
            seq, rows = self._stories_snapshot(scope)
            if len(rows) < 2:
                return None
            if len(self._embedded) > EMBEDDED_KEPT:
                self._embedded.clear()  # recomputed as needed: a long add keeps memory flat
            embedded = sum(row[0] not in self._embedded for row in rows) if setting.embed else 0
            self._regroup_credit -= setting.work(len(rows), embedded)
        # clustered outside the lock, as ``regroup``: other threads read meanwhile; a write of theirs
        # changes the store's counter, and this regroup is then dropped
        found, used = cluster_stored([(r[0], r[2], r[3], r[4]) for r in rows], self.config.quiet_days,
                                     setting.embed, self.config.learned, cache=self._embedded)
        with self._lock:
            return self._apply_regroup(seq, [(r[0], str(r[1])) for r in rows], found, used, reload_index=False)

    def _apply_regroup(self, seq: int, stored: Sequence[tuple[str, str]], found: dict[str, str],
                       used_embeddings: bool, reload_index: bool = True) -> Any:
        """Move the articles to the stories found, in one transaction; None when another writer
        changed the store after the snapshot ``seq`` (nothing written then). The live index is
        read again whole on the next add, or, without ``reload_index``, only its changed stories now."""
        from .regroup import RegroupResult, continued_stories, merged_into

        current = dict(stored)
        self._load_state()
        check_room(self.path)
        conn = self._conn
        begin(conn)
        try:
            if self._seq() != seq:
                conn.execute("ROLLBACK")
                return None
            target, created = self._story_of_each(stored, continued_stories(current, found), found)
            moved = [article for article, _ in stored if target[article] != current[article]]
            emptied = set(current.values()) - set(target.values())
            merges = merged_into(current, target, emptied)
            if moved:
                new_seq = self._next_seq()
                self._move_articles([(article, target[article]) for article in moved])
                for story in sorted({current[a] for a in moved} | {target[a] for a in moved} - emptied, key=int):
                    self._rebuild_story(story, new_seq)
                self._mark_merged([(story, merges[story]) for story in sorted(emptied, key=int)], new_seq)
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            self._index = None  # the live index may be ahead of the file: reload it on the next add
            raise
        if reload_index:
            self._index = None  # stories changed under the live index: reload it on the next add
        elif self._index is not None:
            self._refresh_changed_stories()
        return RegroupResult(len(stored), len(set(current.values())), len(set(target.values())), len(moved),
                             tuple(sorted(merges.items(), key=lambda kv: int(kv[0]))), tuple(created), used_embeddings)

    def _story_of_each(self, stored: Sequence[tuple[str, str]], continues: dict[str, str | None],
                       found: dict[str, str]) -> tuple[dict[str, str], list[str]]:
        """(article id -> stored story id, new story ids): new stories are numbered in the order
        their first article was stored."""
        story_of_label: dict[str, str] = {}
        created: list[str] = []
        for article, _ in stored:
            label = found[article]
            if label in story_of_label:
                continue
            story = continues[label]
            if story is None:
                story = self._new_story()
                created.append(story)
            story_of_label[label] = story
        return {article: story_of_label[found[article]] for article, _ in stored}, created

    def _rebuild_story(self, story_id: str, seq: int) -> None:
        """Recompute a story's row from its articles, in the order they were stored."""
        assert self._df is not None
        state = StoryState(id=story_id)
        title = title_date = None
        sources: list[str] = []
        copies = 0
        for headline, text, day, source, copy_of in self._articles_in_order(story_id):
            title, title_date = better_title(title, title_date, Article(id="", text=text, title=headline, date=day))
            if source and source not in sources:
                sources.append(source)
            if copy_of:
                copies += 1
                _extend_dates(state, day)
            else:
                vector = tfidf_vector(term_counts(headline, text), self._df, max(self._n_docs, 1))
                add_vector(state, vector, day, self.config.centroid_terms)
        self._rewrite_story(state, title, title_date, sources, copies, seq)

    # ------------------------------------------------------------------ clustering state

    def _load_state(self) -> None:
        """Load document frequencies and the live stories once per open store."""
        if self._index is not None and self._df is not None:
            return
        self._df, n_docs = self._terms()
        self._df.update(self._df_delta)
        self._n_docs = n_docs + self._n_delta
        self._index = StoryIndex(self.config)
        for story in self._live_states(_days_before(self._latest_date(), self.config.kept_days)):
            self._index.put(story)
        self._seen_seq = self._seq()

    def _refresh_changed_stories(self) -> None:
        """Re-read stories another writer changed since this store last looked (inside the write lock)."""
        assert self._index is not None
        for story, seq in self._states_changed_after(self._seen_seq):
            if story.size:
                self._index.put(story)
            else:  # emptied by a regroup: nothing left to join
                self._index.drop(story.id)
            self._seen_seq = max(self._seen_seq, seq)

    def _story_state(self, story_id: str) -> StoryState:
        assert self._index is not None
        if story_id in self._index.stories:
            return _copy_state(self._index.stories[story_id])
        return self._state_of(story_id)

    def _flush_df(self) -> None:
        """Add this process's new document frequencies to the file (summed, so writers do not clash)."""
        if not self._n_delta or self._conn is None:
            return
        conn = self._conn
        begin(conn)
        try:
            self._add_terms(self._df_delta, self._n_delta)
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        self._df_delta = Counter()
        self._n_delta = 0


class _PlusOne(dict):
    """Document frequencies as they will be once this article is counted (read-only view)."""

    def __init__(self, df: Counter[str], counts: Counter[str]) -> None:
        super().__init__()
        self._df = df
        self._counts = counts

    def get(self, term: str, default: int = 0) -> int:  # type: ignore[override]
        return self._df.get(term, default) + (1 if term in self._counts else 0)


def _copy_state(story: StoryState) -> StoryState:
    return StoryState(story.id, dict(story.centroid), story.size, story.first_date, story.last_date)


def _extend_dates(story: StoryState, day: str | None) -> None:
    if day:
        story.first_date = min(story.first_date or day, day)
        story.last_date = max(story.last_date or day, day)


def _input_key(content_hash: str, article: Article) -> str:
    """What makes two inputs the same: the content, the source, the URL and the path."""
    parts = [content_hash, article.source or "", article.url or "", article.path or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _days_before(day: str | None, days: int | None) -> str:
    if not day or days is None:
        return ""
    try:
        return (date.fromisoformat(day[:10]) - timedelta(days=days)).isoformat()
    except ValueError:
        return ""
