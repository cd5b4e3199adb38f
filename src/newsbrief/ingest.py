"""Read articles from files, folders and stdin.

    read_inputs(["story/", "extra.json", "-"]) -> Ingested(articles, skipped)

Formats, chosen by file suffix (stdin and unknown suffixes are sniffed):

    .txt          a first short line without a final full stop is the headline;
                  Multi-News style text (articles separated by ``|||||``) gives one
                  article per part
    .html/.htm    main text and metadata through trafilatura, offline
    .json         an article object, a list of them, a story ``{"id", "documents"}``
                  or a news API dump ``{"articles": [...]}``
    .jsonl        one article or story object per line

A path that does not exist raises ``InputError``: the user mistyped something.
A file that cannot be read as articles (empty, binary, undecodable, malformed,
oversized) is listed in ``Ingested.skipped`` with its reason, and the rest is read,
so one bad file in a folder does not stop a brief.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO
from urllib.parse import urlsplit

from .errors import InputError
from .model import Article, Skipped

# Largest file read whole. A news article is 2-50 KB and a story file of a few
# hundred articles stays under a few MB; 20 MB leaves room for big JSON dumps
# while keeping memory bounded (the size is checked with stat() before reading).
MAX_FILE_BYTES = 20 * 1024 * 1024

SPLIT_HINT = (
    "split it into smaller files, e.g. one article per file or "
    "`split -l 1000 FILE.jsonl part-` for JSONL"
)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Only these are read from folders, so notes such as SOURCE.md or README files
# next to the articles are not briefed. A file named explicitly is sniffed instead.
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

STDIN_NAME = "<stdin>"
MULTI_NEWS_SEPARATOR = "|||||"

# A headline is short: news headlines run 5-15 words, rarely over 25.
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250
# How many leading lines may be captions before the headline.
HEADLINE_SEARCH_LINES = 3

# Share of control characters above which bytes are binary, not text (text
# has almost none besides tab/newline; images and archives have ~10-20 %).
BINARY_CONTROL_RATIO = 0.05
# Western text in cp1252/latin-1 has a few per cent of non-ASCII bytes; random
# or foreign-encoded bytes have far more.
LEGACY_MAX_HIGH_RATIO = 0.3
SNIFF_BYTES = 8192
READ_CHUNK = 1 << 20

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Share of characters with a NUL high byte above which BOM-less bytes are UTF-16.
UTF16_MIN_ZERO_SHARE = 0.7

TEXT_KEYS = ("text", "body", "content", "maintext")
DATE_KEYS = ("date", "published", "publish_date", "date_publish", "published_at", "publishedAt", "pubDate")
# Objects holding a list of articles: the story schema, and news API dumps.
LIST_KEYS = ("documents", "articles")

log = logging.getLogger("newsbrief")


@dataclass(frozen=True, slots=True)
class Ingested:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


class Unreadable(Exception):
    """A file or record that is skipped (not an error of the run): carries the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- inputs


def read_inputs(inputs: Sequence[str], stdin: TextIO | None = None) -> Ingested:
    """Read every input (file, folder, or "-" for stdin) in order; see the module doc."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for name in inputs:
        for item in _read_one_input(str(name), stdin):
            (skipped if isinstance(item, Skipped) else articles).append(item)
    return Ingested(assign_ids(articles), tuple(skipped))


def _read_one_input(name: str, stdin: TextIO | None) -> Iterator[Article | Skipped]:
    if name == "-":
        yield from _read_stdin(stdin if stdin is not None else sys.stdin)
        return
    path = Path(name)
    if not path.exists():
        raise InputError(name, "does not exist", "check the path, or give - to read stdin")
    if path.is_dir():
        for file in folder_files(path):
            yield from read_file(file)
    else:
        yield from read_file(path, sniff_unknown=True)


def folder_files(folder: Path) -> list[Path]:
    """Article files under a folder, recursively, sorted; hidden files and folders ignored."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                found.append(Path(root) / name)
    return sorted(found)


def read_file(path: Path, sniff_unknown: bool = False) -> list[Article | Skipped]:
    """The articles of one file, or one ``Skipped`` saying why it cannot be read."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in KNOWN_SUFFIXES and not sniff_unknown:
        return [Skipped(name, f"unsupported file type {suffix or '(none)'}")]
    try:
        if suffix in JSONL_SUFFIXES and _check_jsonl(path):
            return _single_without_number(list(_articles_from_jsonl(path)), name)
        data = _read_bytes(path)
        text = decode_html_bytes(data) if suffix in HTML_SUFFIXES else decode_bytes(data)
        return _single_without_number(list(parse_text(text, name, _format_of(suffix, text))), name)
    except Unreadable as bad:
        return [Skipped(name, bad.reason)]
    except OSError as error:
        return [Skipped(name, f"cannot be read: {error.strerror or error}")]


def _read_stdin(stream: TextIO) -> list[Article | Skipped]:
    try:
        text = _read_stream(stream)
        return _single_without_number(list(parse_text(text, STDIN_NAME, sniff_format(text))), STDIN_NAME)
    except Unreadable as bad:
        return [Skipped(STDIN_NAME, bad.reason)]


def _single_without_number(items: list[Article | Skipped], name: str) -> list[Article | Skipped]:
    """'file.json#1' is just 'file.json' when the file holds one article and nothing else."""
    if len(items) == 1 and isinstance(items[0], Article) and items[0].path == f"{name}#1":
        return [replace(items[0], path=name)]
    return items


def _read_stream(stream: TextIO) -> str:
    """At most MAX_FILE_BYTES of a stream: bytes when it has a buffer, else text."""
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    data: bytes | str = _read_capped(buffer if buffer is not None else stream)
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(f"input is over the {_limit_mb()} limit; {SPLIT_HINT}")
    if not data.strip():
        raise Unreadable("empty input")
    return decode_bytes(data) if isinstance(data, bytes) else data


def _check_size(path: Path) -> int:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Unreadable(
            f"file is {size / 2**20:.0f} MB, over the {_limit_mb()} limit per file; {SPLIT_HINT}"
        )
    if size == 0:
        raise Unreadable("empty file")
    return size


def _check_jsonl(path: Path) -> bool:
    """Size and a look at the first bytes: True when the lines can be streamed as
    UTF-8, False for UTF-16 (read whole instead, within the same size cap)."""
    _check_size(path)
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(UTF16_BOMS) or utf16_without_bom(head):
        return False
    if not head.strip():
        raise Unreadable("empty file")
    if looks_binary(head):
        raise Unreadable("binary file, not text (give .txt, .html, .json or .jsonl articles)")
    return True


def _read_bytes(path: Path) -> bytes:
    if path.is_file():  # a pipe (/dev/fd/N, <(...)) has no size: the capped read decides
        _check_size(path)
    with path.open("rb") as handle:
        data = _read_capped(handle)
    if len(data) > MAX_FILE_BYTES:  # the file grew after stat()
        raise Unreadable(f"file is over the {_limit_mb()} limit per file; {SPLIT_HINT}")
    return data


def _read_capped(stream: Any) -> Any:
    """At most MAX_FILE_BYTES + 1 bytes (or characters) of a stream, read in chunks:
    read(n) allocates n up front, so one read of the cap would cost 20 MB per file."""
    chunks = []
    total = 0
    while total <= MAX_FILE_BYTES:
        chunk = stream.read(min(READ_CHUNK, MAX_FILE_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return chunks[0][:0].join(chunks) if chunks else b""


def _limit_mb() -> str:
    return f"{MAX_FILE_BYTES // 2**20} MB"


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> str:
    """Bytes as text: UTF-8 (BOM allowed), UTF-16 with BOM, else cp1252/latin-1 when
    the bytes look like text. Raises ``Unreadable`` for binary or undecodable bytes."""
    if not data.strip():
        raise Unreadable("empty file")
    if data.startswith(UTF16_BOMS):
        return _decode_utf16(data, "utf-16")
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    encoding = utf16_without_bom(data)
    if encoding:
        return _decode_utf16(data, encoding)
    if looks_binary(data):
        raise Unreadable("binary file, not text (give .txt, .html, .json or .jsonl articles)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_not_utf8(data)


def decode_html_bytes(data: bytes) -> str:
    """A page in the encoding its <meta charset> declares, else as ``decode_bytes``."""
    declared = _DECLARED_CHARSET.search(data[:SNIFF_BYTES])
    if declared and not looks_binary(data):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]{2,40})", re.IGNORECASE)


def _decode_utf16(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise Unreadable(f"undecodable UTF-16 ({error.reason}); re-save it as UTF-8") from None


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for UTF-16 saved without a BOM, else None.

    Text in a Latin script has a NUL as every other byte (the high byte of each
    character) and none in between; binary files have NULs anywhere."""
    head = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if others == 0 and zeros >= UTF16_MIN_ZERO_SHARE * pairs:
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first bytes mean binary."""
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) + head.count(127)
    return controls > BINARY_CONTROL_RATIO * max(len(head), 1)


def _decode_not_utf8(data: bytes) -> str:
    mostly_utf8 = data.decode("utf-8", errors="replace")
    bad = mostly_utf8.count("\ufffd")
    good = sum(1 for ch in mostly_utf8 if ord(ch) > 127) - bad
    # UTF-8 with a few broken bytes (a truncated or spliced file): keep it as UTF-8.
    if good > 4 * bad:
        return mostly_utf8
    high = sum(1 for b in data if b > 127)
    if high > LEGACY_MAX_HIGH_RATIO * len(data):
        raise Unreadable("undecodable: not UTF-8 and not Western text; re-save it as UTF-8")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # the five bytes cp1252 leaves undefined are control characters in latin-1
        return data.decode("latin-1")


# --------------------------------------------------------------------------- formats


def _format_of(suffix: str, text: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "multinews" if MULTI_NEWS_SEPARATOR in text else "text"
    return sniff_format(text)


def sniff_format(text: str) -> str:
    """"json", "jsonl", "html", "multinews" or "text", from the content alone."""
    head = text.lstrip()[:2000]
    if head.startswith(("{", "[")):
        return "jsonl" if _is_jsonl(text) else "json"
    lowered = head.lower()
    if head.startswith("<") and re.search(r"<(!doctype html|html|body|article|p|div)\b", lowered):
        return "html"
    if MULTI_NEWS_SEPARATOR in text:
        return "multinews"
    return "text"


def _is_jsonl(text: str) -> bool:
    """Several lines that each start an object: JSON Lines, not one pretty-printed object."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) < 2 or not all(line.startswith("{") and line.endswith("}") for line in lines[:5]):
        return False
    try:
        _load_json(text)
    except Unreadable:
        return True
    return False


def parse_text(text: str, name: str, fmt: str) -> Iterator[Article | Skipped]:
    if fmt == "html":
        yield _with_path(_extract_html(text, None), name)
    elif fmt == "json":
        yield from _articles_from_json(text, name)
    elif fmt == "jsonl":
        yield from _records_to_articles(_iter_json_lines(text.splitlines(), name), name)
    elif fmt == "multinews":
        yield from multi_news_articles(text, name)
    else:
        yield _with_path(article_from_plain_text(text), name)


def _with_path(article: Article, path: str) -> Article:
    return replace(article, path=path)


# --------------------------------------------------------------------------- plain text


def article_from_plain_text(text: str) -> Article:
    """A .txt article: the headline (if any) becomes the title, the rest the text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = find_headline(lines)
    if index is None:
        body, title = "\n".join(lines).strip(), None
    else:
        title = _strip_photo_credit(lines[index].strip())
        body = "\n".join(lines[:index] + lines[index + 1 :]).strip()
    if not body:
        if not title:
            raise Unreadable("empty file")
        body, title = title, None
    return Article(id="", text=body, title=title or None)


def find_headline(lines: list[str]) -> int | None:
    """Index of the headline line, or None.

    The headline is a first short line without a final full stop. A leading line
    that reappears later in the text is a photo caption (scraped pages repeat the
    caption under the picture), so the next line is tried instead.
    """
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for index in nonblank[:HEADLINE_SEARCH_LINES]:
        line = lines[index].strip()
        if any(other.strip() == line for other in lines[index + 1 :]):
            continue  # a caption, repeated under its picture
        if _BYLINE.match(line):
            continue  # "By Jane Doe", "Updated: 12 March 2019": above the text, not its title
        # the first line that is not a caption decides; the text must go on after it
        return index if is_headline_like(line) and index != nonblank[-1] else None
    return None


def is_headline_like(line: str) -> bool:
    """Short, and not ending with a full stop (a '?' or '!' headline is fine)."""
    words = line.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or len(line) > HEADLINE_MAX_CHARS:
        return False
    stripped = _strip_photo_credit(line).rstrip("\"'”’)] ")
    return not stripped.endswith((".", ":", ";", ",")) or stripped.endswith("...")


_BYLINE = re.compile(
    r"^(?:(?:By|BY|by)\s+[A-Z]\S*(?:\s+\S+){0,6}$"  # a short "By Jane Doe and John Roe"
    r"|(?i:posted|published|updated|last updated)\b"
    r"|\d{1,2}[:.]\d{2}\s*(?i:am|pm)\b)"
)
_PHOTO_CREDIT_TAIL = re.compile(
    r"(?:[.!?]\s+|\s+[-–—|]\s+)(?:photo|picture|image|pic)(?:\s+by|\s*:)\s+[^.]*$", re.IGNORECASE
)


def _strip_photo_credit(line: str) -> str:
    """'Envoy lauds talks. Photo by One America News Network' -> 'Envoy lauds talks'."""
    match = _PHOTO_CREDIT_TAIL.search(line)
    if not match:
        return line
    end = match.start() + (1 if match.group(0)[0] in "!?" else 0)
    return line[:end].rstrip()


def multi_news_articles(text: str, name: str) -> Iterator[Article | Skipped]:
    """Multi-News source text: documents separated by '|||||' (newlines as NEWLINE_CHAR)."""
    text = text.replace("NEWLINE_CHAR", "\n").replace("story_separator_special_tag", MULTI_NEWS_SEPARATOR)
    parts = [part.strip() for part in text.split(MULTI_NEWS_SEPARATOR)]
    for number, part in enumerate(parts, start=1):
        if not part:
            continue
        try:
            yield _with_path(article_from_plain_text(part), f"{name}#{number}")
        except Unreadable as bad:
            yield Skipped(f"{name}#{number}", bad.reason)


# --------------------------------------------------------------------------- HTML


def articles_from_html(html: str, url: str | None) -> Article:
    """Main text and metadata of one HTML page, through trafilatura (offline).

    Raises ``InputError`` when no article text can be extracted."""
    try:
        return _extract_html(html, url)
    except Unreadable as bad:
        raise InputError(url or "HTML page", bad.reason, "give the page of one article") from None


def _extract_html(html: str, url: str | None) -> Article:
    if "<" not in html[:SNIFF_BYTES] or not re.search(r"<[a-zA-Z!]", html):
        raise Unreadable("malformed HTML: no markup found")
    document = _trafilatura_extract(html, url)
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        raise Unreadable("malformed or empty HTML: no article text could be extracted")
    title = _clean_field(document.title)
    text = _drop_leading_title(text, title)
    page_url = _clean_field(document.url) or url
    return Article(
        id="",
        text=text,
        title=title,
        source=_clean_field(document.sitename) or source_from_url(page_url),
        date=normalize_date(document.date),
        url=page_url,
        author=_clean_field(document.author),
    )


def _trafilatura_extract(html: str, url: str | None) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # dates from the page's metadata and URL only, never guessed from the text
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except ImportError:
        raise  # a broken install, not a bad page: the user must repair it
    except Exception as error:  # the parser failing on one hostile page skips that page only
        raise Unreadable(f"malformed HTML: the parser failed ({type(error).__name__}); "
                         "save the page again or give its text as .txt") from None


def _drop_leading_title(text: str, title: str | None) -> str:
    """trafilatura keeps the <h1> headline as the first line of the text."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        return rest.strip()
    return text


# --------------------------------------------------------------------------- JSON

# Skipped records listed per file. A 20 MB file of 7 million "{}" lines listed each one:
# 1 GB of entries, and as many lines printed.
MAX_SKIPPED_LISTED = 100


def _articles_from_json(text: str, name: str) -> Iterator[Article | Skipped]:
    data = _load_json(text)
    records = data if isinstance(data, list) else [data]
    yield from _records_to_articles(records, name)


def _records_to_articles(records: Iterable[Any], name: str) -> Iterator[Article | Skipped]:
    """Articles of article/story objects; at most ``MAX_SKIPPED_LISTED`` skipped records
    listed, the others counted in one entry."""
    skipped = 0
    for item in _each_record_read(records, name):
        if isinstance(item, Skipped):
            skipped += 1
            if skipped > MAX_SKIPPED_LISTED:
                continue
        yield item
    if skipped > MAX_SKIPPED_LISTED:
        yield Skipped(name, f"{skipped - MAX_SKIPPED_LISTED:,} more records skipped (the first "
                            f"{MAX_SKIPPED_LISTED} are listed); check that this is a file of articles")


def _each_record_read(records: Iterable[Any], name: str) -> Iterator[Article | Skipped]:
    """Each record as an article or a ``Skipped``; ``#N`` numbers the articles in the file."""
    number = 0
    found = False
    for record in records:
        found = True
        if isinstance(record, Skipped):
            yield record
            continue
        for item in _documents_of(record):
            number += 1
            try:
                yield _with_path(article_from_record(item, f"{name}#{number}"), f"{name}#{number}")
            except Unreadable as bad:
                yield Skipped(f"{name}#{number}", bad.reason)
    if not found:
        yield Skipped(name, "no article objects found (expected objects with a \"text\" field, "
                            "a list of them, or a story with \"documents\")")


def _documents_of(record: Any) -> list[Any]:
    """A story's ``documents`` (or a feed dump's ``articles``), else the record itself."""
    if isinstance(record, dict):
        for key in LIST_KEYS:
            if isinstance(record.get(key), list):
                return record[key]
    return [record]


def article_from_record(record: Any, name: str | None = None) -> Article:
    """One article object: ``title``, ``text``, ``date``, ``url``, ``source``, ``id``, ``author``.
    ``name`` says which input it is in the warning about a date that is no date."""
    if not isinstance(record, dict):
        raise Unreadable(f"expected an article object, found {json_kind(record)}")
    text = _first_text(record, TEXT_KEYS)
    if not text:
        raise Unreadable(_no_text_reason(record))
    url = _clean_field(record.get("url"))
    raw_date = _first_value(record, DATE_KEYS)
    date_value = normalize_date(raw_date)
    unread = None
    if date_value is None:
        unread = _warn_impossible_date(raw_date, name or _record_id(record.get("id")) or _clean_field(record.get("title")) or url)
    return Article(
        id=_record_id(record.get("id")),
        text=text,
        title=_clean_field(record.get("title")),
        source=_source_field(record.get("source")) or source_from_url(url),
        date=date_value,
        url=url,
        author=_clean_field(record.get("author")),
        unread_date=unread,
    )


def _record_id(value: Any) -> str:
    """A given id: a string or number; another value (a list, an object) is no id, since
    str() of a deeply nested one recurses past Python's limit."""
    return str(value).strip() if isinstance(value, (str, int, float)) else ""


def _no_text_reason(record: dict[str, Any]) -> str:
    value = _first_value(record, TEXT_KEYS)
    if value is None or isinstance(value, str):
        return "article has no text"
    return f"article has no text: its text is {json_kind(value)}, expected a string or a list of strings"


_JSON_KINDS = ((bool, "true/false"), (dict, "an object"), (list, "a list"), (str, "a string"),
               ((int, float), "a number"), (type(None), "null"))


def json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages ("a list", "null")."""
    return next((name for kind, name in _JSON_KINDS if isinstance(value, kind)), type(value).__name__)


def _source_field(value: Any) -> str | None:
    """A source name, also from news APIs' ``{"id": ..., "name": ...}`` objects."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("id")
    return _clean_field(value)


def _first_text(record: dict[str, Any], keys: Sequence[str]) -> str:
    """The text; a list of strings (paragraphs, as some datasets give them) joined by blank lines."""
    value = _first_value(record, keys)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = "\n\n".join(item.strip() for item in value if item.strip())
    return value.strip() if isinstance(value, str) else ""


def _first_value(record: dict[str, Any], keys: Sequence[str]) -> Any:
    return next((record[k] for k in keys if record.get(k) not in (None, "")), None)


def articles_from_story(story: dict[str, Any]) -> list[Article]:
    """The documents of one story line (schema of the evaluation sets).

    Ids are "a1", "a2", ... by document position unless a document gives its own
    ``id``, so ``aN`` always names ``documents[N-1]``; documents without text are left out.
    """
    documents = story.get("documents") if isinstance(story, dict) else None
    if not isinstance(documents, list):
        raise InputError(str(story.get("id", "story") if isinstance(story, dict) else "story"),
                         "has no \"documents\" list", "each line needs {\"id\", \"documents\": [...]}")
    articles = []
    for position, document in enumerate(documents, start=1):
        try:
            label = f"{story.get('id', 'story')} document {position}"
            if isinstance(document, dict) and document.get("doc_id"):
                label += f" ({document['doc_id']})"
            article = article_from_record(document, label)
        except Unreadable:
            continue
        articles.append(article if article.id else replace(article, id=f"a{position}"))
    return _unique_ids(articles)


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any] | Skipped]:
    """Objects of a JSON Lines file, streamed; a bad line yields ``Skipped("path:line", reason)``.

    Lines are read with a length cap, so one huge line cannot exhaust memory."""
    name = str(path)
    with open(path, "rb") as handle:
        number = 0
        while True:
            line = handle.readline(MAX_FILE_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_FILE_BYTES:
                _skip_rest_of_line(handle, line)
                yield Skipped(f"{name}:{number}", f"line is over the {_limit_mb()} limit")
                continue
            if line.strip():
                yield _parse_json_line(line, f"{name}:{number}")


def _skip_rest_of_line(handle: BinaryIO, chunk: bytes) -> None:
    while chunk and not chunk.endswith(b"\n"):
        chunk = handle.readline(1 << 20)


def _parse_json_line(line: bytes | str, where: str) -> dict[str, Any] | Skipped:
    try:
        value = _load_json(_decode_line(line) if isinstance(line, bytes) else line, "JSON line")
    except Unreadable as bad:
        return Skipped(where, bad.reason)
    if not isinstance(value, dict):
        return Skipped(where, f"expected a JSON object, found {json_kind(value)}")
    return value


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _iter_json_lines(lines: Iterable[str], name: str) -> Iterator[dict[str, Any] | Skipped]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _parse_json_line(line, f"{name}:{number}")


def _articles_from_jsonl(path: Path) -> Iterator[Article | Skipped]:
    yield from _records_to_articles(iter_jsonl(path), str(path))


# --------------------------------------------------------------------------- metadata


# An article object is 2-3 levels deep; Python's parser recurses once per level and
# stops near 1,000 with RecursionError, which must not abort the other files.
NESTING_REASON = "{what} nested too deeply (an article needs 2-3 levels); remove or repair it"
# Longest integer kept as a number. Python refuses to convert over 4,300 digits
# (a ValueError for the whole file); longer ones are kept as their digits.
MAX_INT_DIGITS = 4000


def _load_json(text: str, what: str = "JSON") -> Any:
    """``json.loads`` with every failure as ``Unreadable``: malformed, nested too deeply."""
    try:
        return _DECODER.decode(text)
    except RecursionError:
        raise Unreadable(NESTING_REASON.format(what=what)) from None
    except ValueError as error:
        raise Unreadable(f"malformed {what}: {error}") from None


def _parse_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


# one decoder: json.loads with an option builds a new one per call (a third of a JSONL line's cost)
_DECODER = json.JSONDecoder(parse_int=_parse_int)


def _clean_field(value: Any) -> str | None:
    """A one-line metadata value; lists of strings (several authors) joined by commas.
    Other containers are not metadata: str() of one could be huge or nested too deeply."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = ", ".join(item for item in value if item.strip())
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def source_from_url(url: str | None) -> str | None:
    """'https://www.aljazeera.com/news/...' -> 'aljazeera.com'."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # malformed ("http://[::1"): the article stays, without a source
        return None
    host = host.removeprefix("www.")
    return host or None


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_DATE_FORMATS = ("%Y/%m/%d", "%Y%m%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y")


def normalize_date(value: Any) -> str | None:
    """A metadata date as ISO 'YYYY-MM-DD', or None when absent or not a date."""
    if value is None or isinstance(value, (bool, list, dict)):
        return None  # str() of a nested list or object is no date, and may recurse too deeply
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        return _iso_prefix(text)  # ISO-shaped but impossible (2019-02-30): not a date
    return _known_format(text) or _email_date(text) or _dateparser_date(text)


def _warn_impossible_date(value: Any, name: str | None) -> str | None:
    """An ISO-shaped date that is no calendar date ("1998-17-06": day and month swapped) leaves
    the article undated, so its "Wednesday" cannot be placed: say so, naming the article (the
    date is not guessed). Returns the value, which the brief's warnings repeat."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    log.warning("%s: its date %r is not a calendar date%s; the article is read as undated",
                name or "an article", value.strip(), swapped_date_hint(value))
    return value.strip()


def swapped_date_hint(value: str) -> str:
    """' (day and month swapped? 1998-06-17 is a date)' for '1998-17-06', else ''."""
    match = _ISO_DATE.match(value)
    if not match:
        return ""
    year, first, second = match.groups()
    swapped = _iso_prefix(f"{year}-{second}-{first}")
    return f" (day and month swapped? {swapped} is a date)" if swapped else ""


def _iso_prefix(text: str) -> str | None:
    match = _ISO_DATE.match(text)
    try:
        return date(*(int(g) for g in match.groups())).isoformat() if match else None
    except ValueError:
        return None


def _known_format(text: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _email_date(text: str) -> str | None:
    """RFC 2822 dates of feeds and mail: 'Sat, 03 Aug 2019 10:00:00 GMT'."""
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _dateparser_date(text: str) -> str | None:
    if len(text) > 64 or not re.search(r"\d{4}", text):
        return None  # a date with a year, not a sentence or a relative phrase
    import dateparser

    parsed = dateparser.parse(
        text, settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date().isoformat() if parsed else None


# --------------------------------------------------------------------------- ids


def assign_ids(articles: Sequence[Article]) -> tuple[Article, ...]:
    """'a1', 'a2', ... in input order unless an article gives its own id; ids made unique."""
    numbered = [a if a.id else replace(a, id=f"a{n}") for n, a in enumerate(articles, start=1)]
    return tuple(_unique_ids(numbered))


def _unique_ids(articles: Sequence[Article]) -> list[Article]:
    """A repeated id gets the first free suffix: "x", "x-2", "x-3", ...

    The last suffix tried per id is remembered: ``used`` only grows, so the
    suffixes below it stay taken, and n repeats cost O(n), not O(n^2)."""
    used: set[str] = set()
    last_suffix: dict[str, int] = {}
    out = []
    for article in articles:
        new_id, suffix = article.id, last_suffix.get(article.id, 1)
        while new_id in used:
            suffix += 1
            new_id = f"{article.id}-{suffix}"
        last_suffix[article.id] = suffix
        used.add(new_id)
        out.append(article if new_id == article.id else replace(article, id=new_id))
    return out
