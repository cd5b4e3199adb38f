"""``newsbrief eval --task dates``: the TempEval-3 Task A measures by hand, the JSON output, the baseline."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

import pytest

from newsbrief.errors import InputError
from newsbrief.evaluate import dates as evaluation
from newsbrief.evaluate.dates import Counts, Span, locate, score_document


def span(start: int, end: int, type_: str = "DATE", value: str = "1998-01-08") -> Span:
    return Span(start, end, type_, value)


def test_scores_by_hand() -> None:
    gold = [span(0, 5), span(10, 20, "DURATION", "P3M"), span(30, 35), span(40, 45)]
    system = [
        span(0, 5),  # strict, same value
        span(12, 20, "DURATION", "P2M"),  # relaxed only, wrong value, right type
        span(33, 38, "TIME", "1998-01-08T18:30"),  # relaxed only, wrong value and type
        span(50, 55),  # spurious
    ]
    counts, errors = score_document(gold, system)
    assert (counts.gold, counts.system) == (4, 4)
    assert (counts.strict_gold, counts.strict_system) == (1, 1)
    assert (counts.relaxed_gold, counts.relaxed_system) == (3, 3)
    assert (counts.value, counts.type) == (1, 2)
    s = counts.scores()
    assert s["strict_f1"] == pytest.approx(25.0)
    assert s["relaxed_precision"] == pytest.approx(75.0) and s["relaxed_recall"] == pytest.approx(75.0)
    assert s["relaxed_f1"] == pytest.approx(75.0)
    assert s["value_f1"] == pytest.approx(100 * (1 / 3) * 0.75)  # accuracy on relaxed matches x relaxed F1
    assert s["type_f1"] == pytest.approx(100 * (2 / 3) * 0.75)
    assert sorted(e["error"] for e in errors) == ["missed", "spurious", "value", "value"]


def test_a_gold_timex_is_compared_with_its_exact_match_first() -> None:
    gold = [span(10, 20, value="1998-W02")]
    system = [span(8, 14, value="XXXX"), span(10, 20, value="1998-W02"), span(18, 30, value="1999")]
    counts, _ = score_document(gold, system)
    assert (counts.relaxed_gold, counts.relaxed_system, counts.value) == (1, 3, 1)
    counts, _ = score_document(gold, [span(8, 12, value="XXXX"), span(11, 25, value="1998-W02")])
    assert counts.value == 1  # else the one overlapping most


def test_no_timex_on_either_side_scores_zero_not_an_error() -> None:
    assert Counts().scores()["value_f1"] == 0.0
    counts, errors = score_document([], [])
    assert counts.scores()["relaxed_f1"] == 0.0 and errors == []


def test_locate_places_repeated_surfaces_in_order() -> None:
    text = "on Friday and Friday again"
    spans = locate(text, [("Friday", "1998-01-09"), ("Friday", "1998-01-09"), ("nowhere", "1998-01-01")])
    assert [(s.start, s.end) for s in spans] == [(3, 9), (14, 20)]


def _document(doc_id: str, source: str, dct: str, text: str, timexes: list[tuple[str, str, str]]) -> dict:
    position = 0
    items = []
    for surface, type_, value in timexes:
        start = text.index(surface, position)
        items.append({"start": start, "end": start + len(surface), "text": surface, "type": type_, "value": value,
                      "tid": f"t{len(items) + 1}"})
        position = start + len(surface)
    return {"id": doc_id, "source": source, "split": "train", "dct": dct, "dct_value": dct, "title": None,
            "text": text, "timexes": items, "empty_timexes": []}


# Two small TimeML-shaped documents, annotated by hand the TimeBank way.
DOCUMENTS = [
    _document("APW19980227.0494", "TimeBank", "1998-02-27",
              "MOSCOW (AP)_ Leonid Kuchma and Boris Yeltsin signed an economic plan Friday. Ukraine was ruled "
              "from Moscow for centuries. The treaty was signed last May, and trade fell last year.",
              [("Friday", "DATE", "1998-02-27"), ("centuries", "DURATION", "PXC"), ("last May", "DATE", "1997-05"),
               ("last year", "DATE", "1997")]),
    _document("NYT19980206.0460", "AQUAINT", "1998-02-06",
              "The economy created jobs at a robust pace in January, the government reported on Friday. "
              "Wages rose for the last four months, and the Fed expects a slowdown in coming months.",
              [("January", "DATE", "1998-01"), ("Friday", "DATE", "1998-02-06"), ("the last four months", "DURATION", "P4M"),
               ("coming months", "DATE", "FUTURE_REF")]),
]


@pytest.fixture()
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "te3.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    return path


def test_json_output_is_one_object_with_both_systems(jsonl: Path, capsys, tmp_path: Path) -> None:
    details = tmp_path / "details.json"
    assert evaluation.run(Namespace(stories=[str(jsonl)], limit=None, format="json", output=str(details))) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["task"] == "dates" and report["documents"] == 2 and report["timexes"] == 8
    assert set(report["systems"]) == {"newsbrief", "dateparser"}
    for scores in report["systems"].values():
        for metric in ("strict_f1", "relaxed_f1", "value_f1", "type_f1"):
            assert 0 <= scores[metric] <= 100
    ours = report["systems"]["newsbrief"]
    assert ours["relaxed_f1"] == pytest.approx(100.0) and ours["value_f1"] >= 87.5
    assert set(report["by_source"]) == {"TimeBank", "AQUAINT"}
    assert [d["id"] for d in json.loads(details.read_text(encoding="utf-8"))] == ["APW19980227.0494", "NYT19980206.0460"]


def test_text_output_has_a_table_per_source(jsonl: Path, capsys) -> None:
    evaluation.run(Namespace(stories=[str(jsonl)], limit=1, format="text"))
    out = capsys.readouterr().out
    assert "1 documents, 4 gold timexes" in out and "newsbrief" in out and "dateparser" in out


def test_without_dateparser_the_baseline_is_left_out_with_a_note(jsonl: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(evaluation, "dateparser_system", lambda: None)
    evaluation.run(Namespace(stories=[str(jsonl)], limit=None, format="json"))
    report = json.loads(capsys.readouterr().out)
    assert set(report["systems"]) == {"newsbrief"} and "dateparser" in report["notes"][0]


def test_unreadable_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluation.run(Namespace(stories=[str(tmp_path / "missing.jsonl")], limit=None, format="text"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError):
        evaluation.run(Namespace(stories=[str(bad)], limit=None, format="text"))
    with pytest.raises(InputError):
        evaluation.run(Namespace(stories=[], limit=None, format="text"))


def test_the_command_line_runs_the_task(jsonl: Path, capsys) -> None:
    from newsbrief.cli import main

    assert main(["eval", "--task", "dates", str(jsonl), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["task"] == "dates"
