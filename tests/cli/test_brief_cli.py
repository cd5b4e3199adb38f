"""`newsbrief brief` and `newsbrief batch` end to end, on the bundled example and on bad inputs."""

import json
import os
import subprocess
import sys

import pytest
from builders import EXAMPLE

from newsbrief.cli import main

NOISE = ("No comments", "Post a Comment", "Read More", "203/211/201", "Picture: PA", "Photo by",
         "Is India Sabotaging", "Choking Iran", "Watch:")


@pytest.fixture(scope="module")
def example_json():
    """The example brief, computed once for the module (spaCy loads once)."""
    from newsbrief.api import brief

    return brief([str(EXAMPLE)]).to_dict(include_text=True)


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_example_brief_has_no_noise_anywhere(example_json):
    shown = json.dumps({k: v for k, v in example_json.items() if k != "articles"})
    texts = " ".join(a["text"] for a in example_json["articles"])
    for noise in NOISE:
        assert noise not in shown, noise
        assert noise not in texts, noise


def test_example_summary_covers_the_story(example_json):
    summary = " ".join(s["text"] for s in example_json["summary"]).lower()
    assert "doha" in summary
    # the four issues came from "The other issues are counter-terrorism assurances, ...", which
    # points at a sentence the summary lacks and is left out since issue 15
    assert "withdrawal" in summary and "taliban" in summary
    assert any(word in summary for word in ("progress", "strides", "agreement", "deal")), "state of the negotiations"


def test_every_summary_citation_traces_to_exact_text(example_json):
    texts = {a["id"]: a["text"] for a in example_json["articles"]}
    for sentence in example_json["summary"]:
        assert sentence["citations"], sentence
        assert {s["article"] for s in sentence["spans"]} <= set(sentence["citations"])
        first = sentence["spans"][0]
        assert texts[first["article"]][first["start"] : first["end"]] == sentence["text"]


def test_with_text_gives_the_text_the_offsets_index(capsys):
    """A JSON reader resolves every span of the command's output with the text it adds
    (session 16's readers could not: the offsets index the cleaned text, not the input)."""
    code, out, _ = run_cli(capsys, "brief", str(EXAMPLE), "--format", "json", "--with-text")
    assert code == 0
    result = json.loads(out)
    texts = {a["id"]: a["text"] for a in result["articles"]}
    for item in result["summary"] + result["timeline"] + result["quotes"]:
        span = item["spans"][0]
        assert texts[span["article"]][span["start"] : span["end"]] == item["text"], item
    _, plain, _ = run_cli(capsys, "brief", str(EXAMPLE), "--format", "json")
    assert all("text" not in a for a in json.loads(plain)["articles"])


def test_summary_respects_the_word_budget(capsys):
    code, out, _ = run_cli(capsys, "brief", str(EXAMPLE), "--words", "60", "--format", "json")
    assert code == 0
    words = sum(len(s["text"].split()) for s in json.loads(out)["summary"])
    assert 0 < words <= 60


def test_brief_markdown_to_terminal(capsys):
    code, out, _ = run_cli(capsys, "brief", str(EXAMPLE))
    assert code == 0
    assert out.startswith("# ")
    assert "## Summary" in out and "## Sources" in out


def test_brief_html_to_file(capsys, tmp_path):
    target = tmp_path / "brief.html"
    code, _, err = run_cli(capsys, "brief", str(EXAMPLE), "--format", "html", "-o", str(target))
    assert code == 0 and "wrote" in err
    assert target.read_text().startswith("<!doctype html>")


def test_missing_path_exits_2_naming_it(capsys, tmp_path):
    missing = tmp_path / "nope"
    code, _, err = run_cli(capsys, "brief", str(missing))
    assert code == 2
    assert str(missing) in err


def test_bad_files_in_a_folder_are_skipped_and_the_rest_briefed(capsys, tmp_path):
    for src in sorted(EXAMPLE.glob("*.txt"))[:2]:
        (tmp_path / src.name).write_bytes(src.read_bytes())
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "broken.json").write_text('{"title": "x", "text": ')
    code, out, err = run_cli(capsys, "brief", str(tmp_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    skipped = {s["input"].rsplit("/", 1)[-1] for s in data["skipped"]}
    assert {"empty.txt", "binary.txt", "broken.json"} <= skipped
    assert len(data["articles"]) == 2
    assert "broken.json" in err


def test_folder_with_no_readable_article_exits_2(capsys, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, _, err = run_cli(capsys, "brief", str(tmp_path))
    assert code == 2
    assert str(tmp_path) in err


def test_stdin_multinews_text():
    texts = [p.read_text() for p in sorted(EXAMPLE.glob("*.txt"))[:3]]
    result = subprocess.run(
        [sys.executable, "-m", "newsbrief", "brief", "-", "--format", "json", "--words", "80"],
        input=" ||||| ".join(texts), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 3


def test_batch_writes_one_line_per_story(capsys, tmp_path):
    texts = [p.read_text() for p in sorted(EXAMPLE.glob("*.txt"))]
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        json.dumps({"id": "doha", "documents": [{"text": t, "title": None, "date": None, "url": None} for t in texts]})
        + "\nthis line is not JSON\n"
        + json.dumps({"id": "empty", "documents": []})
        + "\n"
    )
    out_path = tmp_path / "briefs.jsonl"
    code, _, err = run_cli(capsys, "batch", str(stories), "-o", str(out_path), "--words", "100", "--summary-only")
    assert code == 0
    lines = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["doha", "empty"]
    assert lines[0]["summary"] and lines[0]["brief"]["schema_version"] == "1.1"
    assert lines[0]["summary"] == " ".join(s["text"] for s in lines[0]["brief"]["summary"])
    assert lines[1]["summary"] == "" and "error" in lines[1]
    assert ":2" in err  # the malformed line is named by its line number


def test_batch_goes_on_past_a_story_whose_brief_raises(capsys, tmp_path, monkeypatch):
    import newsbrief.pipeline as pipeline

    real = pipeline.build_brief

    def fails_on_cursed(articles, *args, **kwargs):
        if any("cursed" in a.text for a in articles):
            raise RuntimeError("a bug in one story")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build_brief", fails_on_cursed)
    texts = [p.read_text() for p in sorted(EXAMPLE.glob("*.txt"))]
    stories = tmp_path / "stories.jsonl"
    lines = [
        {"id": "first", "documents": [{"text": texts[0]}]},
        {"id": "bad", "documents": [{"text": texts[1] + " A cursed sentence."}]},
        {"id": "last", "documents": [{"text": texts[2]}]},
    ]
    stories.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out_path = tmp_path / "briefs.jsonl"
    code, _, err = run_cli(capsys, "batch", str(stories), "-o", str(out_path), "--summary-only")
    assert code == 0
    written = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert [w["id"] for w in written] == ["first", "bad", "last"]
    assert written[0]["brief"] and written[2]["brief"]
    assert written[1]["brief"] is None and "RuntimeError: a bug in one story" in written[1]["error"]
    assert "story bad" in err and "Traceback" not in err


def test_a_failing_stage_is_a_warning_and_exit_0(capsys, monkeypatch):
    import newsbrief.analyze.entities as entities

    def broken(*args):
        raise KeyError(("ORG", "army corps of engineers"))

    monkeypatch.setattr(entities, "extract_entities", broken)
    code, out, err = run_cli(capsys, "brief", str(EXAMPLE), "--format", "json")
    assert code == 0
    brief = json.loads(out)
    assert brief["summary"] and brief["timeline"] and brief["entities"] == []
    assert brief["warnings"] == [{"stage": "entities", "message": "KeyError: ('ORG', 'army corps of engineers')"}]
    assert "warning: entities: KeyError" in err


@pytest.mark.parametrize("command", ["brief", "batch"])
def test_an_output_in_a_missing_folder_exits_2_before_any_work(capsys, tmp_path, command):
    target = tmp_path / "nonexistent" / "out.md"
    source = str(EXAMPLE) if command == "brief" else str(tmp_path / "stories.jsonl")
    (tmp_path / "stories.jsonl").write_text('{"id": "x", "documents": [{"text": "One line."}]}\n')
    code, _, err = run_cli(capsys, command, source, "-o", str(target))
    assert code == 2 and "does not exist" in err and str(tmp_path / "nonexistent") in err
    assert not (tmp_path / "nonexistent").exists()


def test_a_file_of_noise_exits_2(capsys, tmp_path):
    noise = tmp_path / "noise.txt"
    noise.write_text("No comments:\n\nPost a Comment\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "brief", str(noise))
    assert code == 2 and "noise.txt" in err and out == ""


def test_batch_missing_input_exits_2(capsys, tmp_path):
    code, _, err = run_cli(capsys, "batch", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert code == 2 and "missing.jsonl" in err


@pytest.mark.parametrize(
    ("argv", "one_thread"),
    [
        (["brief", "missing-folder"], True),
        (["cluster", "missing.jsonl", "-o", "out.jsonl"], False),
        (["eval", "missing.jsonl", "--task", "clustering"], False),
    ],
)
def test_blas_uses_one_thread_except_for_batch_clustering(monkeypatch, tmp_path, argv, one_thread):
    monkeypatch.chdir(tmp_path)
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.setenv(variable, "unset")  # recorded, so the test leaves the environment as it found it
        monkeypatch.delenv(variable)
    assert main(argv) == 2  # the input is missing: the command stops before any work
    assert (os.environ.get("OPENBLAS_NUM_THREADS") == "1") is one_thread


def test_blas_threads_set_by_the_user_are_kept(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    assert main(["brief", "missing-folder"]) == 2
    assert os.environ["OPENBLAS_NUM_THREADS"] == "2"
