import json

import pytest

from newsbrief.cli import main

pytest.importorskip("rouge_score")
pytest.importorskip("sumy")

DOCS = [
    {"title": None, "date": "2019-03-01", "text": (
        "Talks between the Taliban and US envoys resumed in Doha on Tuesday. The two sides discussed the "
        "withdrawal of foreign troops from Afghanistan. A ceasefire and talks among Afghans were also on the "
        "agenda, officials said.")},
    {"title": None, "date": "2019-03-02", "text": (
        "US and Taliban negotiators met again in Qatar for a second day. Counterterrorism assurances remain the "
        "main obstacle to a deal, a Taliban spokesman said. The talks are expected to last several days.")},
]
STORY = {"id": "s1", "documents": DOCS,
         "summaries": ["Taliban and US envoys resumed talks in Doha on troop withdrawal and a ceasefire ."]}


@pytest.fixture
def stories(tmp_path):
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps(STORY) + "\n" + json.dumps({**STORY, "id": "s2", "summaries": []}) + "\n")
    return path


def test_eval_prints_one_table_and_writes_per_story_scores(stories, tmp_path, capsys):
    out = tmp_path / "scores.json"
    assert main(["eval", str(stories), "--words", "30", "--baselines", "lead,lexrank", "-o", str(out)]) == 0
    table = capsys.readouterr().out
    assert "ROUGE recall x100 of the first 30 words" in table
    assert "95 % paired bootstrap interval" in table and "vs lexrank" in table
    assert "reader-facing protocol" in table  # the protocol is named
    for name in ("newsbrief", "lead", "lexrank"):
        assert name in table
    report = json.loads(out.read_text())
    assert report["variant"]["kind"] == "recall"
    assert "protocol" in report["variant"]
    assert [s["id"] for s in report["stories"]] == ["s1"]  # stories without references are skipped
    scores = report["stories"][0]["scores"]
    assert set(scores) == {"newsbrief", "lead", "lexrank"}
    assert 0 < scores["newsbrief"]["rouge1"] <= 100
    assert report["systems"]["newsbrief"]["seconds_per_story"] >= 0


def test_reader_facing_summaries_are_whole_sentences_within_the_budget(stories, tmp_path, capsys):
    out = tmp_path / "scores.json"
    assert main(["eval", str(stories), "--words", "30", "--baselines", "lead,lexrank", "-o", str(out)]) == 0
    summaries = json.loads(out.read_text())["stories"][0]["summaries"]
    for name, text in summaries.items():
        assert len(text.split()) <= 30, name
        assert text == "" or text.rstrip().endswith((".", '"', "'", "”")), name


def test_overflow_is_the_duc_protocol_and_json_is_one_object(stories, capsys):
    assert main(["eval", str(stories), "--words", "30", "--baselines", "lead", "--overflow"]) == 0
    assert "scorer reads only the first 30 words" in capsys.readouterr().out
    assert main(["eval", str(stories), "--words", "30", "--baselines", "lead", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["task"] == "summary" and set(report["systems"]) == {"newsbrief", "lead"}
    assert set(report["systems"]["lead"]) == {"R-1", "R-2"}
    lead = report["differences"]["lead"]["R-2"]  # newsbrief minus lead, paired bootstrap
    assert lead["low"] <= lead["mean"] <= lead["high"]
    assert lead["mean"] == pytest.approx(report["systems"]["newsbrief"]["R-2"] - report["systems"]["lead"]["R-2"],
                                         abs=0.02)


def test_summary_baselines_default_to_lead_and_lexrank_and_none_means_none(stories, capsys):
    assert main(["eval", str(stories), "--words", "30", "--format", "json"]) == 0
    assert set(json.loads(capsys.readouterr().out)["systems"]) == {"newsbrief", "lead", "lexrank"}
    assert main(["eval", str(stories), "--words", "30", "--baselines", "none", "--format", "json"]) == 0
    assert set(json.loads(capsys.readouterr().out)["systems"]) == {"newsbrief"}


def test_eval_f1_adds_rouge_lsum(stories, capsys):
    assert main(["eval", str(stories), "--f1", "--words", "30", "--baselines", ""]) == 0
    table = capsys.readouterr().out
    assert "F1" in table and "R-Lsum" in table


def test_eval_bad_input_exits_2(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such stories file" in capsys.readouterr().err
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(STORY) + "\n")
    assert main(["eval", str(path), "--baselines", "pagerank"]) == 2
