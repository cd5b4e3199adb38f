"""``newsbrief eval --task quotes`` on tiny PolNeAR-shaped articles written here (never ../shared/data)."""

from __future__ import annotations

import json
from argparse import Namespace

import pytest

from newsbrief.evaluate import quotes as Q


def span(text: str, piece: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return {"start": start, "end": start + len(piece), "text": piece, "fragments": [[start, start + len(piece)]]}


TEXT = (
    "Senator Mary Jones spoke in Ohio on Monday.\n\n"
    "“We will win this state and every state after it,” Jones said.\n\n"
    "Her rival Tom Baker answered later. “The voters know better than that,” he said.\n\n"
    "Critics called the plan “a road to nowhere at all” in the debate.\n\n"
    "Jones said that the plan was “the best plan for the working families of Ohio.”\n\n"
    "The crowd chanted “Four more years of this nonsense for sure” all night."
)


def row(text: str = TEXT) -> dict:
    return {
        "id": "t1", "split": "dev", "text": text,
        "attributions": [
            {"id": "E1", "kind": "attribution", "source": span(text, "Jones", 1), "cue": span(text, "said"),
             "content": span(text, "“We will win this state and every state after it,”")},
            {"id": "E2", "kind": "attribution", "source": span(text, "he"), "cue": span(text, "said", 1),
             "content": span(text, "“The voters know better than that,”")},
            {"id": "E3", "kind": "attribution", "source": span(text, "Jones", 2), "cue": span(text, "said", 2),
             "content": span(text, "that the plan was “the best plan for the working families of Ohio.”")},
            {"id": "E4", "kind": "attribution", "source": span(text, "Critics"), "cue": span(text, "called"),
             "content": span(text, "“a road to nowhere at all”")},
        ],
    }


def judge(r: dict, people: list[tuple[int, int, str]]) -> Q.Judge:
    text = r["text"]
    quoted = Q.quoted_ranges(text)
    sources = [(a["source"]["start"], a["source"]["end"]) for a in r["attributions"] if a.get("source")]
    return Q.Judge(text, Q.gold_direct_quotes(r), [p for p in people if not Q.inside(p[0], quoted)],
                   Q.non_direct_contents(r), quoted, sources)


def people_of(text: str) -> list[tuple[int, int, str]]:
    found = []
    for name in ("Mary Jones", "Tom Baker"):
        start = text.index(name)
        found.append((start, start + len(name), name))
    return sorted(found)


def content_of(r: dict, n: int) -> tuple[tuple[int, int], ...]:
    return Q.fragments_of(r["attributions"][n]["content"])


def test_direct_quotes_are_contents_opening_with_a_double_mark() -> None:
    golds = Q.gold_direct_quotes(row())
    assert [g.source_text for g in golds] == ["Jones", "he", "Critics"]  # E3 is indirect with a mixed quote


def test_pronoun_source_resolves_to_the_nearest_person_of_its_gender() -> None:
    r = row()
    j = judge(r, people_of(r["text"]))
    he = Q.gold_direct_quotes(r)[1]
    assert j.gold_person(he) == "Tom Baker"  # not Mary Jones: "Mary" is a woman's name


def test_counts_right_wrong_unattributed_spurious_and_mixed() -> None:
    r = row()
    text = r["text"]
    j = judge(r, people_of(text))
    quotes = [
        # right by the name (another mention of the same person)
        Q.SystemQuote(content_of(r, 0), "Mary Jones", (text.index("Mary Jones"), text.index("Mary Jones") + 10)),
        # wrong: "he" is Tom Baker
        Q.SystemQuote(content_of(r, 1), "Mary Jones"),
        # unattributed: neither right nor wrong, a miss for recall
        Q.SystemQuote(content_of(r, 3), ""),
        # on the mixed quote of an indirect content: not counted
        Q.SystemQuote(Q.fragments_of(span(text, "the best plan for the working families of Ohio.")), "Mary Jones"),
        # quoted words no attribution annotates, given a speaker: spurious (wrong)
        Q.SystemQuote(Q.fragments_of(span(text, "Four more years of this nonsense for sure")), "Tom Baker"),
    ]
    counts, judged = j.score(quotes)
    assert [v["verdict"] for v in judged] == ["right", "wrong", "unattributed", "mixed", "spurious"]
    assert (counts.gold, counts.gold_with_source, counts.found, counts.right) == (3, 3, 3, 1)
    assert (counts.attributed, counts.correct, counts.wrong, counts.spurious) == (3, 1, 2, 1)
    assert (counts.unattributed, counts.mixed, counts.pronoun_gold, counts.pronoun_right) == (1, 1, 1, 0)
    scores = counts.scores()
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["recall"] == pytest.approx(1 / 3)


def test_speaker_phrase_overlapping_the_source_is_right_whatever_its_name() -> None:
    r = row()
    text = r["text"]
    j = judge(r, people_of(text))
    critics = text.index("Critics")
    counts, _ = j.score([Q.SystemQuote(content_of(r, 3), "critics of the plan", (critics, critics + 7))])
    assert counts.correct == 1


def test_nested_attribution_inside_the_content_is_right() -> None:
    text = "“We will not protest on the floor,” Sanders said, according to CNN."
    r = {"id": "n", "text": text, "attributions": [{
        "id": "E1", "kind": "attribution", "source": span(text, "CNN"), "cue": span(text, "according to"),
        "content": span(text, "“We will not protest on the floor,” Sanders said")}]}
    j = judge(r, [])
    sanders = text.index("Sanders")
    counts, _ = j.score([Q.SystemQuote(((1, 33),), "Bernie Sanders", (sanders, sanders + 7))])
    assert counts.correct == 1


def test_baseline_takes_the_nearest_person_before_the_verb() -> None:
    text = "Mary Jones met Tom Baker. “We will win this state,” he said."
    people = [(0, 10, "Mary Jones"), (15, 24, "Tom Baker")]
    (quote,) = Q.nearest_person_quotes(text, people)
    assert quote.speaker == "Tom Baker"


def test_same_person_needs_the_surname_and_agreeing_first_names() -> None:
    assert Q.same_person("Donald Trump", "Trump")
    assert Q.same_person("Sen. Ted Cruz", "Ted Cruz")
    assert not Q.same_person("Bill Clinton", "Hillary Clinton")
    assert not Q.same_person("Ted Cruz", "Marco Rubio")


def test_run_prints_one_json_object(tmp_path, capsys) -> None:
    path = tmp_path / "polnear.jsonl"
    path.write_text(json.dumps(row()) + "\n", encoding="utf-8")
    assert Q.run(Namespace(stories=[str(path)], limit=None, format="json", output=None)) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    report = json.loads(out[0])
    assert report["task"] == "quotes"
    assert set(report["systems"]) == {"newsbrief", "nearest-person"}
    for scores in report["systems"].values():
        assert all(0.0 <= scores[m] <= 1.0 for m in ("precision", "recall", "f1"))
        assert scores["gold"] == 3


def test_run_text_report_names_the_counts(tmp_path, capsys) -> None:
    path = tmp_path / "polnear.jsonl"
    path.write_text(json.dumps(row()) + "\n", encoding="utf-8")
    Q.run(Namespace(stories=[str(path)], limit=1, format="text", output=str(tmp_path / "details.json")))
    out = capsys.readouterr().out
    assert "3 gold direct quotes" in out and "newsbrief" in out and "nearest-person" in out
    details = json.loads((tmp_path / "details.json").read_text(encoding="utf-8"))
    assert details[0]["id"] == "t1"


def test_bad_file_is_an_input_error(tmp_path) -> None:
    from newsbrief.errors import InputError

    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError):
        Q.run(Namespace(stories=[str(path)], limit=None, format="text", output=None))
