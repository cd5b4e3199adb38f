"""``newsbrief eval --task update`` on a tiny hand-made set in duc2007_update's shape."""

from __future__ import annotations

import json

import pytest

from newsbrief.cli import main
from newsbrief.evaluate.update import update_tasks

pytest.importorskip("rouge_score")


def _doc(date, text):
    return {"title": None, "date": date, "text": text, "url": None, "doc_id": f"X{date}"}


A = [
    _doc("2019-02-20", "The United States and the Taliban opened peace talks in Doha, Qatar, on Monday. The talks "
                       "focus on the withdrawal of American troops from Afghanistan."),
    _doc("2019-02-22", "Envoy Zalmay Khalilzad leads the American delegation at the talks in Doha, Qatar. The "
                       "United States and the Taliban opened peace talks in Doha on Monday."),
]
B = [
    _doc("2019-03-12", "The United States and the Taliban opened peace talks in Doha, Qatar, on Monday. The round "
                       "of talks ended on Tuesday without a final agreement on a ceasefire."),
    _doc("2019-03-13", "Negotiators agreed on a draft text covering counter-terrorism assurances. The round of "
                       "talks ended without a final agreement on a ceasefire, officials said."),
]
C = [
    _doc("2019-05-01", "A new round of talks began in Doha in May with a ceasefire at the top of the agenda. "
                       "The United States and the Taliban opened peace talks in Doha, Qatar, on Monday."),
    _doc("2019-05-03", "Taliban negotiators rejected a ceasefire before foreign troops leave, a spokesman said in "
                       "Doha on Friday."),
]
ROWS = [
    {"id": "D0001A-A", "documents": A, "summaries": ["US and Taliban open talks in Doha on troop withdrawal."],
     "background_cluster_ids": []},
    {"id": "D0001A-B", "documents": B, "summaries": ["The round of talks ended without agreement on a ceasefire; "
                                                      "a draft covers counter-terrorism assurances."],
     "background_cluster_ids": ["D0001A-A"]},
    {"id": "D0001A-C", "documents": C, "summaries": ["A new round began in May; the Taliban rejected a ceasefire "
                                                      "before foreign troops leave."],
     "background_cluster_ids": ["D0001A-A", "D0001A-B"]},
]


@pytest.fixture
def clusters(tmp_path):
    path = tmp_path / "clusters.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS))
    return path


def test_tasks_pair_each_later_set_with_its_background():
    tasks = update_tasks(ROWS)
    assert [(t["id"], t["set"]) for t in tasks] == [("D0001A-B", "B"), ("D0001A-C", "C")]
    assert len(tasks[0]["old"]) == 2 and len(tasks[1]["old"]) == 4 and len(tasks[1]["new"]) == 2
    ids = [a.id for t in tasks for a in (*t["old"], *t["new"])]
    assert all(":" in i for i in ids)  # prefixed by their row: subsets never share an id
    assert len({a.id for a in (*tasks[1]["old"], *tasks[1]["new"])}) == 6


def test_eval_update_json_reports_both_systems_per_set_and_overall(clusters, capsys):
    assert main(["eval", "--task", "update", str(clusters), "--words", "30", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["task"] == "update"
    assert set(report["systems"]) == {"newsbrief", "plain-on-new"}
    for entry in report["systems"].values():
        assert set(entry["sets"]) == {"B", "C"}
        for scores in (entry, *entry["sets"].values()):
            assert 0 <= scores["rouge1_recall"] <= 100 and 0 <= scores["rouge2_recall"] <= 100


def test_eval_update_table_and_scores_file(clusters, tmp_path, capsys):
    out = tmp_path / "scores.json"
    assert main(["eval", "--task", "update", str(clusters), "--words", "30", "-o", str(out)]) == 0
    table = capsys.readouterr().out
    assert "B R-2" in table and "C R-2" in table and "all R-2" in table and "plain-on-new" in table
    rows = json.loads(out.read_text())["rows"]
    assert [r["id"] for r in rows] == ["D0001A-B", "D0001A-C"]
    for row in rows:  # the background's sentence, repeated in B and C, is left out by newsbrief
        assert "opened peace talks" not in row["summaries"]["newsbrief"]


def test_eval_update_refuses_a_file_without_update_rows(tmp_path, capsys):
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({**ROWS[0], "background_cluster_ids": []}) + "\n")
    assert main(["eval", "--task", "update", str(path)]) == 2
    assert "no update row" in capsys.readouterr().err


def test_eval_update_names_a_missing_background_row(tmp_path, capsys):
    path = tmp_path / "partial.jsonl"
    path.write_text(json.dumps(ROWS[1]) + "\n")
    assert main(["eval", "--task", "update", str(path)]) == 2
    assert "D0001A-A" in capsys.readouterr().err
