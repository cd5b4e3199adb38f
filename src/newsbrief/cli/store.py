"""``newsbrief add``, ``stories``, ``follow``, ``update``, ``regroup`` and ``cluster``: the story store on the
command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from .terminal import terminal_safe

DB_HELP = "story database (default: $NEWSBRIEF_DB, else $XDG_DATA_HOME/newsbrief/newsbrief.db)"



def register(sub: argparse._SubParsersAction) -> None:
    from ..cluster.options import add_cluster_arguments

    add = sub.add_parser("add", help="store articles from files, folders, URLs or feeds and group them into stories")
    add.add_argument("inputs", nargs="+", metavar="PATH|URL|FEED_URL")
    add.add_argument("--db", metavar="FILE", help=DB_HELP)
    add.add_argument("--allow-private", action="store_true",
                     help="allow URLs on this machine or the local network (refused by default)")
    add.add_argument("--regroup", action="store_true",
                     help="then cluster the stories with news since the earliest new article again (as `newsbrief regroup`)")
    add.add_argument("--no-local-regroup", dest="local_regroup", action="store_false",
                     help="leave each article where the online pass puts it: no regroup of the stories it touched "
                          "every 100 articles (faster, for loading many articles; `newsbrief regroup` after)")
    add.add_argument("--no-embed", dest="embed", action="store_false",
                     help="regroup the stories it touched on words only, without the MiniLM sentence embeddings "
                          "and the learned same-story similarity (faster, less precise)")
    add.set_defaults(handler=run_add)

    stories = sub.add_parser("stories", help="list the stories in the store")
    stories.add_argument("--since", metavar="DATE", help="only stories with news on or after DATE (YYYY-MM-DD)")
    stories.add_argument("--search", metavar="TEXT",
                         help='only stories whose articles hold every word of TEXT ("a phrase" in quotes); best match first')
    stories.add_argument("--format", choices=("table", "json"), default="table")
    stories.add_argument("--db", metavar="FILE", help=DB_HELP)
    stories.set_defaults(handler=run_stories)

    follow = sub.add_parser("follow", help="remember RSS/Atom feeds whose new articles each `newsbrief update` adds")
    follow.add_argument("feeds", nargs="+", metavar="FEED_URL")
    follow.add_argument("--db", metavar="FILE", help=DB_HELP)
    follow.set_defaults(handler=run_follow)

    update = sub.add_parser("update", help="fetch every followed feed once and add its new articles")
    update.add_argument("--db", metavar="FILE", help=DB_HELP)
    update.add_argument("--allow-private", action="store_true",
                        help="allow feeds on this machine or the local network (refused by default)")
    update.set_defaults(handler=run_update)

    regroup = sub.add_parser("regroup", help="cluster the stored stories again with the batch method and move their articles")
    regroup.add_argument("--since", metavar="DATE", help="only stories with news on or after DATE (YYYY-MM-DD); default: all")
    add_cluster_arguments(regroup, window=False)  # the store's own window
    regroup.add_argument("--format", choices=("text", "json"), default="text")
    regroup.add_argument("--db", metavar="FILE", help=DB_HELP)
    regroup.set_defaults(handler=run_regroup)

    cluster = sub.add_parser("cluster", help="group articles of a JSONL file into stories (batch, for evaluation)")
    cluster.add_argument("articles", metavar="ARTICLES.jsonl", help="one article per line: id, title, text, date")
    cluster.add_argument("-o", "--output", required=True, metavar="ASSIGNMENTS.jsonl",
                         help='output: one {"id", "story"} per line ("-" for stdout)')
    add_cluster_arguments(cluster)  # the same flags and defaults as `newsbrief spark run`
    cluster.set_defaults(handler=run_cluster)


# --------------------------------------------------------------------------- add


def run_add(args: argparse.Namespace) -> int:
    from ..store import Store

    from ..store.regroup import LocalRegroup

    kept = failed = 0
    days: list[str | None] = []
    with Store.open(args.db, local_regroup=LocalRegroup(embed=args.embed) if args.local_regroup else None) as store:
        for name in args.inputs:
            articles, skipped = read_input(name, args.allow_private)
            for item in skipped:
                failed += 1
                print(terminal_safe(f"skipped  {item.input}: {item.reason}"))
            # each line once its article is committed: a later error leaves them true. add_each comes
            # first in zip: its last step (the local regroup of the batch) runs when it is asked for more
            for result, article in zip(store.add_each(articles), articles):
                print(terminal_safe(describe(result)), flush=True)
                kept += result.status != "skipped"
                failed += result.status == "skipped"
                if result.status == "stored":
                    days.append(article.date)
        if args.regroup and days:
            _regroup_after_add(store, days)
    # exit 2 (bad input, as `brief` says it) only when nothing at all could be stored:
    # a partly bad batch is still a success
    return 2 if failed and not kept else 0


def _regroup_after_add(store: Any, days: Sequence[str | None]) -> None:
    """Regroup the stories with news since the earliest new article (all of them when one is undated)."""
    since = None if any(day is None for day in days) else min(days)
    print(terminal_safe(describe_regroup(*timed_regroup(store, since[:10] if since else None, embed=True))))


def read_input(name: str, allow_private: bool) -> tuple[list, list]:
    """Articles and skipped inputs of one PATH, URL or FEED_URL; errors become skips."""
    from ..errors import NewsbriefError
    from ..model import Skipped

    try:
        if "://" in name:
            from ..fetch import fetch_articles

            fetched = fetch_articles([name], allow_private=allow_private)
            return list(fetched.articles), list(fetched.skipped)
        from ..ingest import read_inputs

        ingested = read_inputs([name])
        return list(ingested.articles), list(ingested.skipped)
    except NewsbriefError as error:
        return [], [Skipped(name, str(error))]


def describe(result: Any) -> str:
    story = f"story {result.story}" + (f" ({result.story_title})" if result.story_title else "")
    if result.status == "stored":
        joined = "new " + story if result.new_story else "joined " + story
        return f"stored   {result.input} -> {result.article}, {joined}"
    if result.status == "duplicate":
        what = "already stored as" if result.reason == "same input already stored" else "copy of"
        return f"duplicate {result.input}: {what} {result.duplicate_of}, {story}"
    return f"skipped  {result.input}: {result.reason}"


# --------------------------------------------------------------------------- stories


def run_stories(args: argparse.Namespace) -> int:
    from ..store import Store

    since = _check_date(args.since)
    with Store.open(args.db) as store:
        rows = store.stories(since=since)
        if args.search is not None:
            kept = {r.id for r in rows}
            rows = [hit.story for hit in store.search(args.search) if hit.story.id in kept]
    if args.format == "json":
        json.dump([r.to_dict() for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(format_table(rows))
    return 0


def _check_date(value: str | None) -> str | None:
    from datetime import date

    from ..errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(value, "not a date", "give --since as YYYY-MM-DD") from None


def format_table(rows: Sequence[Any]) -> str:
    if not rows:
        return "no stories yet: add articles with `newsbrief add PATH|URL...`"
    lines = [f"{'ID':>5}  {'ARTICLES':>8}  {'DATES':<23}  {'UPDATED':<20}  {'SOURCES':<30}  TITLE"]
    for r in rows:
        dates = f"{r.first_date or '?'}..{r.last_date or '?'}"
        sources = ", ".join(r.sources[:3]) + (f" +{len(r.sources) - 3}" if len(r.sources) > 3 else "")
        line = f"{r.id:>5}  {r.article_count:>8}  {dates:<23}  {r.updated_at[:19]:<20}  {sources[:30]:<30}  {r.title or ''}"
        lines.append(terminal_safe(line))
    return "\n".join(lines)


# --------------------------------------------------------------------------- follow, update


def run_follow(args: argparse.Namespace) -> int:
    from ..follow import checked_feed_url
    from ..store import Store

    urls = [checked_feed_url(url) for url in args.feeds]  # a bad one stops all, before anything is stored
    with Store.open(args.db) as store:
        for url, new in zip(urls, store.follow(urls)):
            print(terminal_safe(f"{'following' if new else 'already following'} {url}"))
    print("fetch them with `newsbrief update` (or `newsbrief serve --refresh 15m`)")
    return 0


def run_update(args: argparse.Namespace) -> int:
    from ..follow import update_feeds
    from ..store import Store

    with Store.open(args.db) as store:
        if not store.feeds():
            print("no feeds followed yet: follow one with `newsbrief follow FEED_URL`")
            return 0
        updates = update_feeds(store, args.allow_private,
                               on_update=lambda u: print(terminal_safe(u.line()), flush=True))
    # like `add`: exit 2 only when every feed failed
    return 2 if all(u.status == "failed" for u in updates) else 0


# --------------------------------------------------------------------------- regroup


def run_regroup(args: argparse.Namespace) -> int:
    from ..store import Store

    with Store.open(args.db) as store:
        result, seconds = timed_regroup(store, _check_date(args.since), embed=args.embed, learned=args.learned)
    if args.format == "json":
        print(json.dumps(result.to_dict() | {"seconds": round(seconds, 2)}, indent=2))
        return 0
    print(terminal_safe(describe_regroup(result, seconds)))
    return 0


def timed_regroup(store: Any, since: str | None, embed: bool, learned: bool | None = None) -> tuple[Any, float]:
    """(``Store.regroup``'s result, wall seconds it took)."""
    import time

    started = time.perf_counter()
    result = store.regroup(since=since, embed=embed, learned=learned)
    return result, time.perf_counter() - started


def describe_regroup(result: Any, seconds: float) -> str:
    if not result.articles:
        return "no stories to regroup: add articles with `newsbrief add PATH|URL...`"
    how = "words and embeddings" if result.embeddings else "words only"
    lines = [f"regrouped {result.articles} articles of {result.stories_before} stories into "
             f"{result.stories_after} stories ({how}, {seconds:.1f}s): {result.moved} articles moved"]
    if result.merged:
        shown = ", ".join(f"{old} -> {new}" for old, new in result.merged[:10])
        more = f" and {len(result.merged) - 10} more" if len(result.merged) > 10 else ""
        lines.append(f"merged into another story (their ids still work): {shown}{more}")
    if result.created:
        shown = ", ".join(result.created[:10]) + (f" and {len(result.created) - 10} more" if len(result.created) > 10 else "")
        lines.append(f"new stories: {shown}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- cluster


def run_cluster(args: argparse.Namespace) -> int:
    from ..cluster import cluster_docs, embed, reads_embeddings
    from ..cluster.options import options_from_args
    from ..errors import InputError

    docs = read_docs(args.articles)
    if not docs:
        raise InputError(args.articles, "no articles found", 'give one JSON object per line with "id", "title", "text", "date"')
    options = options_from_args(args)
    # Embeddings of title + lead join stories told in different words (headlines above all);
    # embed_docs gives None when its packages are missing (a broken install): words alone then.
    embeddings = embed.embed_docs(docs) if options.embed and reads_embeddings(len(docs)) else None
    assignment = cluster_docs(docs, options.config(), embeddings=embeddings)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for doc in docs:
            out.write(json.dumps({"id": doc.id, "story": assignment[doc.id]}, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{len(docs)} articles in {len(set(assignment.values()))} stories -> {args.output}", file=sys.stderr)
    return 0


def read_docs(path: str) -> list:
    from ..cluster import Doc
    from ..errors import InputError

    docs = []
    seen: set[str] = set()
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror})", "give a JSONL file of articles") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc_id = str(record["id"])
            except (ValueError, KeyError, TypeError):
                raise InputError(f"{path}:{number}", 'not a JSON object with an "id"',
                                 'each line must be {"id", "title", "text", "date"}') from None
            if doc_id in seen:
                raise InputError(f"{path}:{number}", f"duplicate id {doc_id!r}", "give every article its own id")
            seen.add(doc_id)
            docs.append(Doc(doc_id, record.get("title"), record.get("text"), record.get("date")))
    return docs
