"""Ingest: every format, every bad input, ids, dates, sources, the size cap."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest

import newsbrief
from newsbrief import ingest
from newsbrief.errors import InputError
from newsbrief.ingest import (
    MAX_FILE_BYTES,
    Ingested,
    articles_from_html,
    articles_from_story,
    iter_jsonl,
    normalize_date,
    read_inputs,
    source_from_url,
)
from newsbrief.model import Skipped

EXAMPLE = Path(newsbrief.__file__).parent / "examples" / "doha-talks"

FIXTURES = Path(__file__).parent / "fixtures"
BODY = "The council approved the budget on Monday. It takes effect in May."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def reasons(result: Ingested) -> dict[str, str]:
    return {s.input: s.reason for s in result.skipped}


# --------------------------------------------------------------------------- the example


def test_example_folder_reads_five_articles_in_order():
    result = read_inputs([str(EXAMPLE)])
    assert [a.id for a in result.articles] == ["a1", "a2", "a3", "a4", "a5"]
    assert [Path(a.path).name[:3] for a in result.articles] == ["000", "001", "002", "003", "004"]
    assert result.skipped == ()  # SOURCE.md is not an article and is not listed


def test_example_headlines():
    titles = [a.title for a in read_inputs([str(EXAMPLE)]).articles]
    # the repeated photo caption "Taliban Training Camp" is not the headline
    assert titles[0] == "Taliban Says 'Differences Resolved' On US Troop Withdrawal"
    assert titles[1] is None  # first line is a sentence
    assert titles[2] == "US Troops Ready To Leave Afghanistan After Striking A Deal With Taliban: Officials"
    assert titles[3] is None
    # the photo credit after the headline is not part of it
    assert titles[4] == "US envoy Zalmay Khalilzad lauds latest peace talks with Taliban"


def test_example_text_keeps_the_body_without_the_headline():
    first = read_inputs([str(EXAMPLE)]).articles[0]
    assert "Taliban Says 'Differences Resolved'" not in first.text
    assert first.text.rstrip().endswith("39 allies and partner countries.")
    assert "Zalmay Khalilzad said excellent progress had been made in talks in Doha." in first.text


# --------------------------------------------------------------------------- .txt


def test_txt_headline_rule(tmp_path):
    with_title = write(tmp_path / "a.txt", f"Budget Approved\n\n{BODY}\n")
    sentence_first = write(tmp_path / "b.txt", f"{BODY}\nA second paragraph follows here.\n")
    result = read_inputs([str(with_title), str(sentence_first)])
    assert result.articles[0].title == "Budget Approved"
    assert result.articles[0].text == BODY
    assert result.articles[1].title is None
    assert result.articles[1].text.startswith(BODY)


def test_txt_single_line_is_text_not_title(tmp_path):
    only = write(tmp_path / "only.txt", "Council approves budget")
    article = read_inputs([str(only)]).articles[0]
    assert article.text == "Council approves budget"
    assert article.title is None


def test_byline_and_update_lines_are_not_the_title(tmp_path):
    path = write(tmp_path / "by.txt", f"By Jane Doe\nUpdated: 12 March 2019\nBudget Approved\n{BODY}")
    article = read_inputs([str(path)]).articles[0]
    assert article.title == "Budget Approved"
    assert article.text == f"By Jane Doe\nUpdated: 12 March 2019\n{BODY}"


def test_question_headline_is_a_title(tmp_path):
    path = write(tmp_path / "q.txt", f"Will The Budget Pass?\n{BODY}")
    assert read_inputs([str(path)]).articles[0].title == "Will The Budget Pass?"


def test_txt_crlf_and_bom(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfBudget Approved\r\n\r\n" + BODY.encode())
    article = read_inputs([str(path)]).articles[0]
    assert article.title == "Budget Approved"
    assert article.text == BODY


def test_cp1252_text_is_decoded(tmp_path):
    text = "Caf\u00e9 owners \u201cwelcome\u201d the decision, the mayor said. Prices rise by 5\u20ac."
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    article = read_inputs([str(path)]).articles[0]
    assert article.text == text


def test_utf16_with_bom_is_decoded(tmp_path):
    path = write(tmp_path / "wide.txt", BODY.encode("utf-16"))
    assert read_inputs([str(path)]).articles[0].text == BODY


def test_utf8_with_one_broken_byte_stays_utf8(tmp_path):
    good = "Zürich and Malmö signed the accord, the ministers said. " * 5
    path = write(tmp_path / "broken.txt", good.encode() + b"\xff" + b" The end.")
    text = read_inputs([str(path)]).articles[0].text
    assert text.startswith("Zürich and Malmö")


# --------------------------------------------------------------------------- Multi-News


def test_multi_news_text_gives_one_article_per_part(tmp_path):
    parts = ["First story text about the storm. It hit on Monday.",
             "Second report on the storm, from another outlet. Damage was wide.",
             "Third piece. Officials said roads reopened."]
    path = write(tmp_path / "mn.txt", " ||||| ".join(parts) + " |||||")
    result = read_inputs([str(path)])
    assert [a.text for a in result.articles] == parts
    assert [a.path for a in result.articles] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [a.id for a in result.articles] == ["a1", "a2", "a3"]


def test_multi_news_newline_char_marker(tmp_path):
    text = "Storm Hits Coast NEWLINE_CHAR NEWLINE_CHAR The storm hit on Monday. ||||| Other text here."
    path = write(tmp_path / "mn.txt", text)
    first = read_inputs([str(path)]).articles[0]
    assert first.title == "Storm Hits Coast"
    assert first.text == "The storm hit on Monday."


def test_stdin_multi_news():
    stdin = io.StringIO("One report on the vote. ||||| Another report on the vote.")
    result = read_inputs(["-"], stdin=stdin)
    assert [a.text for a in result.articles] == ["One report on the vote.", "Another report on the vote."]
    assert result.articles[0].path == "<stdin>#1"


# --------------------------------------------------------------------------- stdin


def test_stdin_plain_text():
    result = read_inputs(["-"], stdin=io.StringIO(f"Budget Approved\n{BODY}"))
    assert result.articles[0].title == "Budget Approved"
    assert result.articles[0].path == "<stdin>"


def test_stdin_bytes_buffer():
    stream = io.TextIOWrapper(io.BytesIO(BODY.encode("cp1252")), encoding="utf-8")
    assert read_inputs(["-"], stdin=stream).articles[0].text == BODY


def test_stdin_json_and_jsonl():
    one = json.dumps({"title": "T", "text": BODY, "source": "Daily"})
    result = read_inputs(["-"], stdin=io.StringIO(one))
    assert result.articles[0].source == "Daily"
    lines = "\n".join(json.dumps({"text": f"{BODY} Item {n}."}) for n in range(3))
    result = read_inputs(["-"], stdin=io.StringIO(lines))
    assert len(result.articles) == 3


def test_stdin_html():
    html = (FIXTURES / "article.html").read_text()
    result = read_inputs(["-"], stdin=io.StringIO(html))
    assert result.articles[0].title == "Harbour bridge reopens after repairs"


@pytest.mark.parametrize("stream", [io.StringIO("  \n"), io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")])
def test_empty_stdin_is_skipped(stream):
    result = read_inputs(["-"], stdin=stream)
    assert result.articles == ()
    assert result.skipped == (Skipped("<stdin>", "empty input"),)


def test_binary_stdin_is_skipped():
    stream = io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02PK\x03\x04" * 50), encoding="utf-8")
    assert read_inputs(["-"], stdin=stream).skipped[0].reason.startswith("binary")


# --------------------------------------------------------------------------- HTML


def test_html_fixture_through_trafilatura():
    article = read_inputs([str(FIXTURES / "article.html")]).articles[0]
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.author == "Maria Lindqvist"
    assert article.date == "2021-06-14"
    assert article.source == "The Coastal Courier"
    assert article.url == "https://www.coastal-courier.example/news/harbour-bridge-reopens"
    assert article.text.startswith("The harbour bridge reopened to traffic on Monday morning")
    assert "Buses will return" in article.text
    for furniture in ("Most read", "Storm warning", "All rights reserved", "Sport"):
        assert furniture not in article.text


def test_articles_from_html_source_from_url_host():
    html = (
        "<html><head><title>Vote delayed</title></head><body><article><p>"
        "The parliament delayed the vote on the new energy law until next week, the speaker said on Friday."
        "</p><p>Members asked for more time to read the amendments tabled by the committee.</p>"
        "</article></body></html>"
    )
    article = articles_from_html(html, "https://www.example.org/politics/vote")
    assert article.source == "example.org"
    assert article.date is None  # no date in the metadata: none is guessed
    assert "delayed the vote" in article.text


def test_articles_from_html_without_text_raises_input_error():
    with pytest.raises(InputError) as error:
        articles_from_html("<html><head><title>x</title></head><body></body></html>", "https://e.com/x")
    assert "https://e.com/x" in str(error.value)


def test_html_in_its_declared_charset(tmp_path):
    body = ("Парламент одобрил бюджет в понедельник после долгих дебатов, сообщили в пресс-службе. "
            "Новый бюджет вступит в силу в мае, а расходы на образование вырастут на десять процентов.")
    page = (f'<html><head><meta charset="windows-1251"><title>Бюджет одобрен</title></head>'
            f"<body><article><p>{body}</p></article></body></html>")
    path = write(tmp_path / "ru.html", page.encode("cp1251"))
    article = read_inputs([str(path)]).articles[0]
    assert article.title == "Бюджет одобрен"
    assert body in article.text


def test_malformed_html_is_skipped(tmp_path):
    bad = write(tmp_path / "bad.html", "<<<<>>>> </ <p")
    no_markup = write(tmp_path / "plain.htm", "Just words, no markup at all.")
    result = read_inputs([str(bad), str(no_markup)])
    assert result.articles == ()
    found = reasons(result)
    assert "HTML" in found[str(bad)]
    assert "no markup" in found[str(no_markup)]


# --------------------------------------------------------------------------- JSON / JSONL


def test_json_single_list_and_story(tmp_path):
    single = write(tmp_path / "one.json", json.dumps({
        "title": "Budget", "text": BODY, "date": "2020-05-01T10:00:00Z",
        "url": "https://www.news.example/b", "author": "Ann"}))
    many = write(tmp_path / "many.json", json.dumps([{"text": BODY, "id": "x7"}, {"text": BODY + " More."}]))
    story = write(tmp_path / "story.json", json.dumps({
        "id": "s1", "documents": [{"title": None, "text": BODY, "date": None, "url": None}],
        "summaries": ["ref"]}))
    result = read_inputs([str(single), str(many), str(story)])
    a, b, c, d = result.articles
    assert (a.id, a.title, a.date, a.source, a.author) == ("a1", "Budget", "2020-05-01", "news.example", "Ann")
    assert a.path == str(single)  # one article in the file: no number
    assert b.id == "x7"  # an id given by the input is kept
    assert c.id == "a3" and c.path == f"{many}#2"
    assert d.text == BODY and d.path == str(story)
    assert result.skipped == ()


def test_news_api_style_dump(tmp_path):
    dump = {"status": "ok", "articles": [{
        "source": {"id": None, "name": "Example Wire"}, "title": "Budget",
        "publishedAt": "2020-05-01T10:00:00Z", "url": "https://x.example/b", "content": BODY}]}
    article = read_inputs([str(write(tmp_path / "dump.json", json.dumps(dump)))]).articles[0]
    assert (article.source, article.date, article.text) == ("Example Wire", "2020-05-01", BODY)


def test_json_records_without_text_are_skipped_the_rest_read(tmp_path):
    path = write(tmp_path / "mixed.json", json.dumps([{"title": "no text"}, {"text": BODY}, 3]))
    result = read_inputs([str(path)])
    assert [a.text for a in result.articles] == [BODY]
    found = reasons(result)
    assert found[f"{path}#1"] == "article has no text"
    assert "expected an article object" in found[f"{path}#3"]


def test_malformed_json_is_skipped(tmp_path):
    bad = write(tmp_path / "bad.json", '{"title": "x", "text": ')
    good = write(tmp_path / "good.txt", BODY)
    result = read_inputs([str(bad), str(good)])
    assert [a.text for a in result.articles] == [BODY]
    assert reasons(result)[str(bad)].startswith("malformed JSON")


def test_json_without_articles_is_skipped(tmp_path):
    path = write(tmp_path / "empty-list.json", "[]")
    assert "no article objects" in reasons(read_inputs([str(path)]))[str(path)]


def test_jsonl_malformed_line_is_skipped_with_its_number(tmp_path):
    lines = [json.dumps({"text": "First article text here."}), "{not json", "",
             json.dumps({"text": "Third article text here."}), "[1, 2]"]
    path = write(tmp_path / "arts.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([str(path)])
    assert [a.text for a in result.articles] == ["First article text here.", "Third article text here."]
    assert [a.path for a in result.articles] == [f"{path}#1", f"{path}#2"]
    found = reasons(result)
    assert found[f"{path}:2"].startswith("malformed JSON line")
    assert "expected a JSON object" in found[f"{path}:5"]


def test_jsonl_of_stories_yields_their_documents(tmp_path):
    stories = [{"id": "s1", "documents": [{"text": "Doc one."}, {"text": "Doc two."}]},
               {"id": "s2", "documents": [{"text": "Doc three."}]}]
    path = write(tmp_path / "stories.jsonl", "\n".join(json.dumps(s) for s in stories))
    result = read_inputs([str(path)])
    assert [a.text for a in result.articles] == ["Doc one.", "Doc two.", "Doc three."]


def test_iter_jsonl_streams_objects_and_skips(tmp_path):
    path = write(tmp_path / "s.jsonl", '{"id": "s1", "documents": []}\n{"id": \n\n{"id": "s3"}\n')
    items = list(iter_jsonl(path))
    assert items[0] == {"id": "s1", "documents": []}
    assert isinstance(items[1], Skipped) and items[1].input == f"{path}:2"
    assert items[2] == {"id": "s3"}
    assert len(items) == 3


def test_articles_from_story_ids_follow_document_positions():
    story = {"id": "D1", "documents": [
        {"title": "A", "text": "Alpha text.", "date": "1998-10-17", "url": "http://www.apnews.com/x"},
        {"title": None, "text": "", "date": None, "url": None},
        {"title": None, "text": "Gamma text.", "date": None, "url": None, "id": "g"},
        {"title": None, "text": "Delta text.", "date": None, "url": None},
    ]}
    articles = articles_from_story(story)
    assert [a.id for a in articles] == ["a1", "g", "a4"]
    assert articles[0].source == "apnews.com" and articles[0].date == "1998-10-17"


def test_articles_from_story_without_documents_raises():
    with pytest.raises(InputError, match="documents"):
        articles_from_story({"id": "bad"})


def test_duplicate_given_ids_are_made_unique(tmp_path):
    one = write(tmp_path / "1.json", json.dumps({"id": "x", "text": "One."}))
    two = write(tmp_path / "2.json", json.dumps({"id": "x", "text": "Two."}))
    assert [a.id for a in read_inputs([str(one), str(two)]).articles] == ["x", "x-2"]


# --------------------------------------------------------------------------- bad inputs


def test_missing_path_raises_input_error_naming_it(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError) as error:
        read_inputs([str(missing)])
    assert error.value.input == str(missing)
    assert error.value.reason == "does not exist"
    assert "check the path" in str(error.value)


def test_bad_files_in_a_folder_are_skipped_and_the_rest_read(tmp_path):
    folder = tmp_path / "story"
    write(folder / "01_good.txt", BODY)
    write(folder / "02_empty.txt", "")
    write(folder / "03_blank.txt", "   \n\n  ")
    write(folder / "04_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(folder / "05_undecodable.txt", bytes(range(128, 256)) * 40)
    write(folder / "06_bad.json", "{oops")
    write(folder / "07_bad.html", "<<<<>>>>")
    write(folder / "sub" / "08_good.json", json.dumps({"text": "Nested article."}))
    write(folder / ".hidden.txt", "Hidden text.")
    write(folder / ".git" / "x.txt", "In a hidden folder.")
    write(folder / "notes.md", "Not an article.")
    result = read_inputs([str(folder)])
    assert [a.text for a in result.articles] == [BODY, "Nested article."]
    found = reasons(result)
    assert found[str(folder / "02_empty.txt")] == "empty file"
    assert found[str(folder / "03_blank.txt")] == "empty file"
    assert found[str(folder / "04_binary.txt")].startswith("binary file")
    assert found[str(folder / "05_undecodable.txt")].startswith("undecodable")
    assert found[str(folder / "06_bad.json")].startswith("malformed JSON")
    assert "HTML" in found[str(folder / "07_bad.html")]
    assert len(found) == 6  # hidden files and notes.md are ignored, not listed


def test_explicit_file_with_unknown_suffix_is_sniffed(tmp_path):
    plain = write(tmp_path / "article", BODY)
    image = write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    result = read_inputs([str(plain), str(image)])
    assert [a.text for a in result.articles] == [BODY]
    assert reasons(result)[str(image)].startswith("binary file")


def test_a_pipe_path_is_read(tmp_path):
    read_end, write_end = os.pipe()
    os.write(write_end, f"Budget Approved\n{BODY}".encode())
    os.close(write_end)
    try:
        result = read_inputs([f"/dev/fd/{read_end}"])
    finally:
        os.close(read_end)
    assert result.articles[0].title == "Budget Approved"
    assert result.articles[0].text == BODY


def sparse_file(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.seek(size - 1)
        handle.write(b"\n")
    return path


@pytest.mark.parametrize("name", ["huge.txt", "huge.jsonl", "huge.json", "huge.html"])
def test_oversized_file_is_skipped_without_reading_it(tmp_path, name):
    huge = sparse_file(tmp_path / name, 50 * 1024 * 1024)
    good = write(tmp_path / "good.txt", BODY)
    tracemalloc.start()
    try:
        result = read_inputs([str(huge), str(good)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
    assert [a.text for a in result.articles] == [BODY]
    reason = reasons(result)[str(huge)]
    assert "20 MB" in reason and "split" in reason


def test_oversized_stdin_is_skipped(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    result = read_inputs(["-"], stdin=io.StringIO("word " * 100))
    assert result.articles == ()
    assert "limit" in result.skipped[0].reason


def test_iter_jsonl_caps_a_huge_line(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    path = write(tmp_path / "big.jsonl", '{"id": "s1"}\n' + '{"x": "' + "y" * 5000 + '"}\n{"id": "s3"}\n')
    items = list(iter_jsonl(path))
    assert items[0] == {"id": "s1"}
    assert isinstance(items[1], Skipped) and items[1].input == f"{path}:2"
    assert items[2] == {"id": "s3"}


def test_max_file_bytes_is_20_mb():
    assert MAX_FILE_BYTES == 20 * 1024 * 1024


# --------------------------------------------------------------------------- metadata helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-08-03", "2019-08-03"),
        ("2019-8-3", "2019-08-03"),
        ("2019-08-03T10:00:00+02:00", "2019-08-03"),
        ("2019/08/03", "2019-08-03"),
        ("Sat, 03 Aug 2019 10:00:00 GMT", "2019-08-03"),
        ("August 3, 2019", "2019-08-03"),
        ("3 August 2019", "2019-08-03"),
        ("2019-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.aljazeera.com/news/2019/1/22/x", "aljazeera.com"),
        ("http://presstv.ir/Detail/1", "presstv.ir"),
        ("eurasiantimes.com/page", "eurasiantimes.com"),
        (None, None),
        ("", None),
    ],
)
def test_source_from_url(url, expected):
    assert source_from_url(url) == expected


# --------------------------------------------------------------------------- hostile inputs


def test_malformed_url_keeps_the_article_without_a_source(tmp_path):
    path = write(tmp_path / "a.json", json.dumps({"text": BODY, "url": "http://[::1"}))
    (article,) = read_inputs([str(path)]).articles
    assert (article.text, article.url, article.source) == (BODY, "http://[::1", None)
    assert source_from_url("http://[::1") is None
    assert source_from_url("https://www.example.com/x") == "example.com"


def test_deeply_nested_json_skips_that_file_only(tmp_path):
    """100,000 levels hit Python's recursion limit: the file is skipped, the folder read."""
    for n in range(5):
        write(tmp_path / f"{n}.json", json.dumps({"text": f"{BODY} Article {n}."}))
    deep = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    result = read_inputs([str(tmp_path)])
    assert len(result.articles) == 5
    assert "nested too deeply" in reasons(result)[str(deep)]


def test_deeply_nested_jsonl_line_is_skipped_by_number(tmp_path):
    lines = [json.dumps({"text": BODY}), '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", json.dumps({"text": BODY})]
    path = write(tmp_path / "s.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([str(path)])
    assert len(result.articles) == 2
    assert "JSON line nested too deeply" in reasons(result)[f"{path}:2"]


def test_deep_values_in_fields_are_no_metadata(tmp_path):
    """Nested lists just under the parser's limit: str() of one could recurse too deeply."""
    nested = "[" * 900 + "]" * 900
    record = f'{{"text": "{BODY}", "id": {nested}, "date": {nested}, "title": {nested}, "author": {nested}}}'
    (article,) = read_inputs([str(write(tmp_path / "a.json", record))]).articles
    assert (article.id, article.date, article.title, article.author) == ("a1", None, None, None)


def test_odd_field_shapes(tmp_path):
    records = [
        {"text": ["First paragraph here.", "Second paragraph here."], "title": None, "author": ["A B", "C D"]},
        {"text": 12345},
        {"text": [["nested"]]},
        {"text": BODY, "title": 3.5, "date": 1e308, "id": 7},
    ]
    path = write(tmp_path / "odd.json", json.dumps(records))
    result = read_inputs([str(path)])
    first, last = result.articles
    assert first.text == "First paragraph here.\n\nSecond paragraph here."
    assert (first.title, first.author) == (None, "A B, C D")
    assert (last.title, last.date, last.id) == ("3.5", None, "7")
    assert "its text is a number" in reasons(result)[f"{path}#2"]
    assert "its text is a list" in reasons(result)[f"{path}#3"]


@pytest.mark.parametrize(("content", "kind"), [("42", "a number"), ('"hi"', "a string"), ("null", "null"),
                                               ("[1, 2]", "a number"), ("[[1]]", "a list")])
def test_json_that_is_not_articles_is_skipped_by_kind(tmp_path, content, kind):
    result = read_inputs([str(write(tmp_path / "x.json", content))])
    assert result.articles == ()
    assert all(f"expected an article object, found {kind}" == s.reason for s in result.skipped)


def test_integers_past_pythons_digit_limit_keep_the_article(tmp_path):
    record = '{"text": "%s", "id": %s, "date": %s}' % (BODY, "9" * 5000, "9" * 5000)
    (article,) = read_inputs([str(write(tmp_path / "a.json", record))]).articles
    assert article.id == "9" * 5000 and article.date is None


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_bom(tmp_path, encoding):
    text_file = write(tmp_path / "a.txt", ("Budget passes\n\n" + BODY).encode(encoding))
    lines = write(tmp_path / "b.jsonl", (json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY}) + "\n").encode(encoding))
    result = read_inputs([str(text_file), str(lines)])
    assert result.skipped == ()
    assert [a.text for a in result.articles] == [BODY] * 3


def test_binary_with_scattered_nuls_is_still_binary(tmp_path):
    path = write(tmp_path / "a.txt", bytes(range(256)) * 40)
    assert "binary" in reasons(read_inputs([str(path)]))[str(path)]


@pytest.mark.parametrize("value", ["0000-00-00", "9999-99-99", "-1", 1e308, "2019-02-30", "10000-01-01", [], {}])
def test_impossible_dates_are_no_date(tmp_path, value):
    (article,) = read_inputs([str(write(tmp_path / "a.json", json.dumps({"text": BODY, "date": value})))]).articles
    assert article.date is None


def _quadratic_unique_ids(ids: list[str]) -> list[str]:
    """The former implementation, as the reference for the output."""
    used: set[str] = set()
    out = []
    for given in ids:
        new_id, suffix = given, 1
        while new_id in used:
            suffix += 1
            new_id = f"{given}-{suffix}"
        used.add(new_id)
        out.append(new_id)
    return out


def test_unique_ids_match_the_former_rule_and_scale():
    import random

    from newsbrief.model import Article

    rng = random.Random(3)
    for _ in range(50):
        ids = [rng.choice(["x", "x-2", "x-3", "y", "x-2-2", "a1", "a2"]) for _ in range(rng.randrange(30))]
        articles = [Article(id=i, text=BODY) for i in ids]
        assert [a.id for a in ingest._unique_ids(articles)] == _quadratic_unique_ids(ids)
    # 20,000 repeats of one id took 129 s when each repeat retried every suffix
    many = ingest._unique_ids([Article(id="x", text=BODY)] * 20_000)
    assert [a.id for a in many[:3]] == ["x", "x-2", "x-3"] and many[-1].id == "x-20000"


def test_skipped_records_are_listed_up_to_a_limit_then_counted(tmp_path):
    """7 million "{}" lines listed each one: 1 GB of entries and as many printed lines."""
    rows = ["{}"] * 250 + [json.dumps({"text": BODY})] + ["3"] * 50
    path = write(tmp_path / "junk.jsonl", "\n".join(rows) + "\n")
    result = read_inputs([str(path)])
    assert [a.text for a in result.articles] == [BODY]
    assert len(result.skipped) == ingest.MAX_SKIPPED_LISTED + 1
    assert result.skipped[-1].input == str(path)
    assert result.skipped[-1].reason.startswith(f"{300 - ingest.MAX_SKIPPED_LISTED} more records skipped")
