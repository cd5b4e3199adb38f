"""Timeline evaluation: the metrics on hand-made timelines, and the command end to end on a fixture."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.errors import InputError
from newsbrief.evaluate import timeline as tl_eval

FIXTURE = Path(__file__).parent.parent / "fixtures" / "timeline" / "harbor_bridge.jsonl"
D1, D2, D3 = date(2021, 5, 3), date(2021, 5, 4), date(2021, 5, 10)


def test_identical_timelines_score_one_everywhere() -> None:
    reference = {D1: ["The bridge closed after cracks were found ."], D3: ["Steel beams arrived for the repair ."]}
    scores = tl_eval.score_timeline(reference, reference)
    for metric, prf in scores.items():
        assert prf["f1"] == pytest.approx(1.0), metric


def test_a_day_off_loses_dates_and_agreement_but_align_gives_half() -> None:
    reference = {D1: ["The bridge closed after cracks were found ."]}
    predicted = {D2: ["The bridge closed after cracks were found ."]}
    scores = tl_eval.score_timeline(predicted, reference)
    assert scores["dates"]["f1"] == 0
    assert scores["agreement_r1"]["f1"] == 0
    assert scores["concat_r1"]["f1"] == pytest.approx(1.0)
    # tilse align: hits weighted by 1 / (days apart + 1)
    assert scores["align_r1"]["f1"] == pytest.approx(0.5)


def test_rouge_counts_are_stemmed_without_stop_words() -> None:
    scores = tl_eval.score_timeline({D1: ["Engineers repaired the bridges"]}, {D1: ["An engineer repairs a bridge"]})
    assert scores["agreement_r1"]["f1"] == pytest.approx(1.0)
    assert scores["dates"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_align_many_to_one_picks_content_among_equally_near_dates() -> None:
    reference = {D2: ["Steel beams arrived for the repair ."]}
    predicted = {D1: ["The bridge closed ."], date(2021, 5, 5): ["Steel beams arrived for the repair ."]}
    scores = tl_eval.score_timeline(predicted, reference)
    # recall side: the reference date goes to 5 May (same distance, better content), weight 1/2
    assert scores["align_r1"]["recall"] == pytest.approx(0.5)


def test_reference_timeline_sentences_are_counted_for_k() -> None:
    timeline = tl_eval._reference_timeline(
        [{"date": "2021-05-03", "text": "The bridge closes . Engineers begin repairs ."}, {"date": "2011-04-0", "text": "bad"}]
    )
    assert timeline == {D1: ["The bridge closes .", "Engineers begin repairs ."]}
    # one-digit months and days are read; an entry without text is a date without sentences
    assert tl_eval._reference_timeline([{"date": "2021-5-3", "text": "Closed ."}, {"date": "2021-05-04"}]) == {
        D1: ["Closed ."], D2: []}


def test_timelines_without_a_readable_date_are_skipped_not_a_crash(tmp_path, capsys) -> None:
    row = json.loads(FIXTURE.read_text().splitlines()[0])
    broken = dict(row, id="broken", topic="broken", timelines=[[{"date": "2021-05-0", "text": "bad"}]])
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(row) + "\n" + json.dumps(broken) + "\n")
    assert tl_eval.run(argparse.Namespace(stories=[str(path)], output=None, limit=None, timeline_dates=None,
                                          baselines=None)) == 0
    assert "skipped 1 reference timeline" in capsys.readouterr().out
    path.write_text(json.dumps(broken) + "\n")
    with pytest.raises(InputError, match="readable date"):
        tl_eval.run(argparse.Namespace(stories=[str(path)], output=None, limit=None, timeline_dates=None, baselines=None))


def test_run_prints_both_systems_and_writes_json(tmp_path, capsys) -> None:
    output = tmp_path / "results.json"
    args = argparse.Namespace(stories=[str(FIXTURE)], output=str(output), limit=None, timeline_dates=None, baselines=None)
    assert tl_eval.run(args) == 0
    printed = capsys.readouterr().out
    assert "newsbrief" in printed and "pubcount+lead" in printed and "seconds per topic" in printed
    results = json.loads(output.read_text())
    ours = results["systems"]["newsbrief"]
    # the story's reference dates are all told in its articles
    assert ours["dates"]["f1"] >= 0.6
    assert ours["align_r1"]["f1"] > 0.2
    assert set(results["seconds_per_topic"]) == {"harbor-bridge"}


def test_run_needs_reference_timelines(tmp_path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"id": "x", "documents": [{"text": "Hello .", "date": "2020-01-01"}]}) + "\n")
    with pytest.raises(InputError, match="timelines"):
        tl_eval.run(argparse.Namespace(stories=[str(path)]))


def test_run_keeps_only_the_baselines_asked_for(tmp_path, capsys) -> None:
    args = argparse.Namespace(stories=[str(FIXTURE)], output=None, limit=1, timeline_dates=2, baselines=["random"])
    assert tl_eval.run(args) == 0
    printed = capsys.readouterr().out
    assert "random" in printed and "pubcount+lead" not in printed


def test_the_eval_command_runs_the_timeline_baselines_by_default_and_refuses_summary_ones(capsys) -> None:
    # `newsbrief eval --task timeline` once defaulted to the summary baselines, which the timeline
    # task does not know, so its baselines vanished from the table without a word.
    assert main(["eval", "--task", "timeline", str(FIXTURE), "--limit", "1"]) == 0
    assert "pubcount+lead" in capsys.readouterr().out
    assert main(["eval", "--task", "timeline", str(FIXTURE), "--limit", "1", "--baselines", "none"]) == 0
    assert "pubcount+lead" not in capsys.readouterr().out
    assert main(["eval", "--task", "timeline", str(FIXTURE), "--baselines", "lexrank"]) == 2
    assert "no timeline baseline 'lexrank'" in capsys.readouterr().err
