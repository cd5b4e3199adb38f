"""The story store: articles and the stories they form, in one embedded SQLite file.

    with Store.open(path) as store:                  # None: $NEWSBRIEF_DB, else the XDG data dir
        results = store.add_articles(articles)      # -> [AddResult]: stored / duplicate / skipped
        for result in store.add_each(articles): ... # the same, one result as each is committed
        for row in store.stories(since="2024-05-01"):   # -> [StoryRow], newest news first
            print(row.id, row.title, row.article_count)
        story = store.story("12")                   # -> StoryRow | None
        articles = store.articles_of_story("12")    # -> [Article] (cleaned text, copies included)
        brief = store.brief_of_story("12")          # recomputed on demand through the pipeline

Adding an article (``add_articles``), one SQLite transaction per article:

    1. clean      ``clean.clean_article``; nothing left -> skipped
    2. same input (content + source + url + path) already stored -> duplicate, nothing written
    3. copy       same text, or a near-duplicate by the library's rule (dedup.py: LSH bands
                  stored per article, confirmed on the two texts) -> a copy row that
                  points at its original and joins the original's story: its source is kept
    4. cluster    otherwise the online clusterer (cluster/online.py) picks a live story or
                  starts one; stories quiet for ``QUIET_DAYS`` are not joined
    5. commit     the article row, its LSH bands, the story's centroid, title, count, sources
                  and dates, in one transaction (``BEGIN IMMEDIATE``, retried when busy)

Regrouping (``regroup``, regroup.py) re-clusters stored stories with the batch method and moves
their articles in one transaction; a story left empty is marked merged into the story that took
most of its articles, and ``story``, ``articles_of_story`` and ``brief_of_story`` follow it.
``add_each`` does it locally as it goes (``regroup_near``, ``LocalRegroup``): after every 100
articles stored and at the end of each batch, the stories they went into and their neighbours,
bounded, in the same one transaction.

Safety: WAL journal, ``busy_timeout``; a killed process leaves every committed
article whole and none half-stored; ``input_key`` is unique, so adding the same
input twice changes nothing; two writers serialise on ``BEGIN IMMEDIATE`` and each
re-reads the stories the other changed (``stories.seq``) before clustering.
The schema version is ``PRAGMA user_version``; ``MIGRATIONS`` (schema.py) upgrade older files in order.

Failures: every SQLite error of a public method becomes one ``StoreError`` line (exit code 2)
naming the file, what happened and what to do (``store_error``): a damaged file or value, a file
of another program, a newer schema, a read-only file or folder, a full disk. A failed write is
rolled back whole (``rollback`` keeps the first error when SQLite already rolled back itself);
the articles committed before it stay, and adding the same inputs again completes the add.
A read-only store can still be read. ``Store.open(max_pages=N)`` caps the file, which is how
the tests make SQLite meet a full disk.

Document frequencies (``terms``) are statistics for TF-IDF weights, flushed every
``DF_FLUSH_EVERY`` articles and on close: a killed process loses at most that many
articles' counts, which only nudges weights.

Threads: one connection per ``Store``, every method under one lock, so a web
server may share a ``Store`` between threads (or open one per thread).

The package, storage apart from the service:

    files.py         where the file lives, creating and opening it (WAL, busy timeout, upgrade)
    schema.py        the tables and their migrations (``PRAGMA user_version``)
    transactions.py  BEGIN IMMEDIATE with retries, a rollback that keeps the first error
    failures.py      SQLite errors as one-line ``StoreError``s
    rows.py          the frozen rows handed out, and stored columns read back
    database.py      ``StoryDatabase``: the connection, its lock, the queries and the row writes
    service.py       ``Store(StoryDatabase)``: adding (copies, online assignment), regrouping
    regroup.py       what a regroup clusters and how its stories continue the stored ones
"""

from .database import CHUNK, LEAD_CHARS, MARK_END, MARK_START, SEARCH_ROWS, StoryDatabase, fts_query
from .failures import store_error
from .files import default_path
from .rows import AddResult, FeedRow, SearchHit, StoryCard, StoryRow
from .schema import MIGRATIONS, SCHEMA_VERSION, migrate
from .service import Store
from .transactions import rollback

__all__ = [
    "AddResult", "CHUNK", "FeedRow", "LEAD_CHARS", "MARK_END", "MARK_START", "MIGRATIONS", "SCHEMA_VERSION",
    "SEARCH_ROWS", "SearchHit", "Store", "StoryCard", "StoryDatabase", "StoryRow", "default_path", "fts_query",
    "migrate", "rollback", "store_error",
]
