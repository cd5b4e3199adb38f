"""Generators of hostile inputs: folders of files a user (or an attacker) might feed
newsbrief. Shared by the property tests (tests/test_fuzz.py) and the 1,000-input run
(bench/fuzz.py). Each example is a list of (file name, bytes).

What they cover, because each has crashed a real run once: text in any encoding or
none, binary, empty; JSON of any shape, nested deeper than Python's recursion limit;
article fields of the wrong type; dates at the calendar's edges with relative dates
that step past them; malformed URLs; malformed and deeply nested HTML; escape
sequences and markup in names; the same article many times; long articles.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

NEWS_WORDS = (
    "the talks Taliban US envoy Zalmay Khalilzad said Doha Qatar on Tuesday tomorrow yesterday last year "
    "next week in January Jan. 1 Monday, Dec. 20 1998 2019 14,000 troops 9,000 about nearly 17 years "
    "officials Mr. Gen. U.N. R-Ill. according to told reporters ceasefire withdrawal agreement deal "
    "\u201cWe made progress,\u201d \u201d \" ' ( ) ; : - \u2014 % $ 3.5 million billion percent"
).split()
EDGE_DATES = (
    "9999-12-31", "0001-01-01", "0000-00-00", "2019-02-30", "9999-99-99", "-1", "1e308", "", "today",
    "2019-13-01", "Tue, 31 Dec 9999 23:59:59 GMT", "1900-01-01", "2038-01-19T03:14:08Z", "2019-03-12",
)
BAD_URLS = (
    "http://[::1", "not a url", "javascript:alert(1)", "file:///etc/passwd", "http://", "https://example.com/a",
    "http://exa mple.com", "http://169.254.169.254/latest", "//example.com", "http://[fe80::1%eth0]/",
)
HOSTILE_NAMES = ("\x1b]0;pwned\x07Times", "<script>alert(1)</script>", "\x1b[2J", "Daily\u202eTsop", "\x00", "A" * 500)


def sentences() -> st.SearchStrategy[str]:
    sentence = st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=25).map(lambda w: " ".join(w) + ".")
    return st.lists(sentence, min_size=0, max_size=12).map(" ".join)


def texts() -> st.SearchStrategy[str]:
    return st.one_of(
        sentences(),
        st.text(max_size=400),
        st.tuples(sentences(), st.text(max_size=80), sentences()).map("".join),
        st.sampled_from(HOSTILE_NAMES),
    )


def field_values() -> st.SearchStrategy:
    """What a JSON field may hold in the wild: mostly strings, sometimes anything."""
    return st.one_of(
        texts(), st.none(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
        st.booleans(), st.lists(st.text(max_size=20), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    )


def records() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"text": st.one_of(sentences(), sentences(), field_values())},
        optional={
            "title": st.one_of(texts(), field_values()),
            "date": st.one_of(st.sampled_from(EDGE_DATES), st.dates().map(str), field_values()),
            "url": st.one_of(st.sampled_from(BAD_URLS), field_values()),
            "source": st.one_of(st.sampled_from(HOSTILE_NAMES), field_values()),
            "id": st.one_of(st.sampled_from(["a", "a", "1", ""]), field_values()),
        },
    )


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def encodings(text: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from(["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-8-sig"]).map(
        lambda enc: text.encode(enc, errors="replace")
    )


def html_of(text: str, depth: int) -> bytes:
    title = text[:40]
    body = "<div>" * depth + f"<p>{text}</p>" + "</div>" * (depth // 2)  # half left unclosed
    return f"<html><head><title>{title}</title><meta name='date' content='9999-12-31'></head><body>{body}".encode()


@st.composite
def hostile_file(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["txt", "txt", "json", "jsonl", "html", "binary", "empty", "deep", "copies"]))
    if kind == "txt":
        text = draw(texts())
        headline = draw(st.sampled_from(["", "Talks resume in Doha\n\n", "\x1b[31mRed\x1b[0m\n\n"]))
        return "a.txt", draw(encodings(headline + text))
    if kind == "json":
        data = draw(st.one_of(records(), st.lists(records(), max_size=4), field_values(),
                              st.fixed_dictionaries({"id": field_values(), "documents": st.lists(records(), max_size=3)})))
        return "a.json", json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if kind == "jsonl":
        lines = draw(st.lists(st.one_of(records().map(json.dumps), st.text(max_size=30),
                                        st.just(nested(5000).decode())), max_size=5))
        return "a.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass")
    if kind == "html":
        return "a.html", html_of(draw(texts()), draw(st.sampled_from([0, 3, 200, 5000])))
    if kind == "binary":
        return "a.txt", draw(st.binary(min_size=1, max_size=300))
    if kind == "empty":
        return draw(st.sampled_from(["a.txt", "a.json", "a.jsonl", "a.html"])), b""
    if kind == "deep":
        return draw(st.sampled_from(["a.json", "a.jsonl"])), nested(draw(st.sampled_from([1000, 100_000])))
    # many copies of one article, with or without ids: the collapse must stay linear
    record = {"text": draw(sentences()) or "One sentence.", "title": "Copy"}
    if draw(st.booleans()):
        record["id"] = "same"
    return "a.jsonl", "\n".join([json.dumps(record)] * draw(st.sampled_from([2, 50, 400]))).encode()


@st.composite
def hostile_folders(draw) -> list[tuple[str, bytes]]:
    """One to four hostile files, named apart; sometimes beside a plain good article."""
    files = draw(st.lists(hostile_file(), min_size=1, max_size=4))
    named = [(f"{i}_{name}", data) for i, (name, data) in enumerate(files)]
    if draw(st.booleans()):
        named.append(("good.txt", GOOD_ARTICLE.encode()))
    return named


GOOD_ARTICLE = (
    "Talks resume in Doha\n\n"
    "US and Taliban negotiators resumed talks in Doha on Tuesday. "
    '"We made real progress," Zalmay Khalilzad, the US special envoy, told reporters. '
    "Some 14,000 US troops remain in Afghanistan after 17 years of war."
)
