"""``eval --task entities``: coreference metrics on hand-computed examples, the named-mention
rule, the mapping of gold mentions to system entities, the baseline, and the command on a tiny
ECB+-shaped file written here (no shared data)."""

from __future__ import annotations

import json
from argparse import Namespace

import pytest

from newsbrief.evaluate import entities as ev

# ---------------------------------------------------------------- metrics

# key {1,2,3} {4,5}; response {1,2} {3,4,5}
KEY = [{1, 2, 3}, {4, 5}]
RESPONSE = [{1, 2}, {3, 4, 5}]


def test_muc_by_hand() -> None:
    # recall: {1,2,3} is cut in 2 parts (3-2=1 link kept of 2), {4,5} whole (1 of 1) -> 2/3
    # precision: {1,2} whole (1 of 1), {3,4,5} in 2 parts (1 of 2) -> 2/3
    counts = ev.muc(KEY, RESPONSE)
    assert counts.recall == pytest.approx(2 / 3)
    assert counts.precision == pytest.approx(2 / 3)


def test_bcubed_by_hand() -> None:
    # per mention (precision, recall): 1 (1, 2/3), 2 (1, 2/3), 3 (1/3, 1/3), 4 (2/3, 1), 5 (2/3, 1)
    counts = ev.bcubed(KEY, RESPONSE)
    assert counts.precision == pytest.approx(11 / 15)
    assert counts.recall == pytest.approx(11 / 15)
    assert counts.f1 == pytest.approx(11 / 15)


def test_ceafe_by_hand() -> None:
    # phi4({1,2,3},{1,2}) = 4/5, phi4({4,5},{3,4,5}) = 4/5: 1.6 over 2 chains each side
    counts = ev.ceaf_e(KEY, RESPONSE)
    assert counts.precision == pytest.approx(0.8)
    assert counts.recall == pytest.approx(0.8)


def test_conll_is_the_mean_of_the_three() -> None:
    assert ev.conll_f1(ev.score(KEY, RESPONSE)) == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_all_singletons_by_hand() -> None:
    key, response = [{1, 2}, {3}], [{1}, {2}, {3}]
    scores = ev.score(key, response)
    assert scores["muc"].recall == 0 and scores["muc"].f1 == 0
    assert scores["bcubed"].precision == 1 and scores["bcubed"].recall == pytest.approx(2 / 3)
    # phi4({1,2},{1}) = 2/3, phi4({3},{3}) = 1: precision 5/9, recall 5/6
    assert scores["ceafe"].precision == pytest.approx(5 / 9)
    assert scores["ceafe"].recall == pytest.approx(5 / 6)
    assert scores["ceafe"].f1 == pytest.approx(2 / 3)


def test_perfect_response_scores_one() -> None:
    scores = ev.score(KEY, [set(c) for c in KEY])
    assert all(scores[m].f1 == pytest.approx(1.0) for m in ev.METRICS)


def test_pooling_sums_the_topics_counts() -> None:
    first = ev.score(KEY, RESPONSE)  # 5 mentions, B3 11/15
    second = ev.score([{1}], [{1}])  # 1 mention, B3 1
    pooled = ev.summary([first, second])
    assert pooled["bcubed_f1"] == pytest.approx(round((11 / 15 * 5 + 1) / 6, 4), abs=1e-4)
    assert pooled["bcubed_f1_topic_mean"] == pytest.approx(round((11 / 15 + 1) / 2, 4), abs=1e-4)


# ---------------------------------------------------------------- named mentions


def named(text: str, mention: str, lowercase=()) -> str | None:
    start = text.index(mention)
    found = ev.named_part(text, start, start + len(mention), 0, lowercase)
    return None if found is None else text[found[0] : found[1]]


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("in Surrey", "Surrey"),
        ("the Promises Treatment Centre in Malibu", "Promises Treatment Centre"),
        ("Reid's representative Jack Ketsoyan", "Jack Ketsoyan"),
        ("Cam Newton's", "Cam Newton"),
        ("the Bank of America", "Bank of America"),
        ("Millom man", None),
        ("a Palermo neighborhood", None),
        ("in Iran's southern area", None),
        ("the actress", None),
        ("he", None),
    ],
)
def test_named_part(mention: str, name: str | None) -> None:
    text = f"Police said {mention} was there."
    assert named(text, mention) == name


def test_a_capital_opening_a_sentence_is_not_a_name_when_the_word_is_written_lowercase() -> None:
    assert named("Prosecutors said so.", "Prosecutors", {"prosecutors"}) is None
    assert named("Hansbrough said so.", "Hansbrough", {"said", "so"}) == "Hansbrough"


def test_shouting_and_title_case_headlines_are_not_names() -> None:
    assert named("A MAN was held.", "MAN", {"man"}) is None
    assert named("Perennial Party Girl Checks In", "Party Girl", {"party", "girl"}) is None
    assert named("Lindsay Lohan Checks Into Rehab", "Lindsay Lohan", {"checks"}) == "Lindsay Lohan"


# ---------------------------------------------------------------- mapping and baseline


def gold(doc: str, text: str, start: int, chain: str) -> ev.GoldMention:
    end = start + len(text)
    last = text.split()[-1]
    return ev.GoldMention(doc, start, end, (end - len(last), end), text, chain)


def test_a_gold_mention_joins_the_entity_covering_its_last_word() -> None:
    mentions = [gold("d1", "Tara Reid", 0, "a"), gold("d1", "Reid", 20, "a"), gold("d2", "Malibu", 5, "b")]
    spans = {"d1": [(0, 9, 7), (16, 24, 7)]}  # "Ms. Reid" covers "Reid"; Malibu is not found
    chains = ev.map_mentions(mentions, spans)
    assert sorted(map(sorted, chains)) == [[0, 1], [2]]


def test_baseline_exact_and_surname() -> None:
    names = ["Lindsay Lohan", "lindsay lohan", "Lohan", "Bush", "George Bush", "Jeb Bush", "Reid"]
    mentions = [gold("d", n, 0, str(i)) for i, n in enumerate(names)]
    chains = sorted(map(sorted, ev.baseline_chains(mentions)))
    assert chains == [[0, 1, 2], [3], [4], [5], [6]]  # "Bush" has two full names: apart


# ---------------------------------------------------------------- the command on a tiny file


def document(doc_id: str, topic: str, text: str, mentions: list[tuple[str, str, str]]) -> dict:
    """An ECB+-shaped document: one sentence a line, all selected; mentions (text, type, chain)."""
    sentences, start = [], 0
    for n, line in enumerate(text.split("\n")):
        sentences.append({"id": n, "start": start, "end": start + len(line), "coref_selected": True})
        start += len(line) + 1
    found, cursor = [], 0
    for number, (words, kind, chain) in enumerate(mentions):
        at = text.index(words, cursor)
        cursor = at + len(words)
        found.append({"m_id": str(number), "start": at, "end": at + len(words), "text": words, "type": kind,
                      "kind": "entity", "chain": chain, "chain_kind": "cross_doc", "chain_name": None,
                      "discontinuous": False})
    return {"id": doc_id, "topic": topic, "subtopic": f"{topic}_ecb", "text": text, "sentences": sentences,
            "mentions": found}


@pytest.fixture
def tiny_file(tmp_path):
    docs = [
        document("1_1ecb", "1", "Actress Tara Reid entered the Promises Treatment Center in Malibu on Tuesday.\n"
                 "Reid's representative confirmed the stay.",
                 [("Tara Reid", "HUMAN_PART_PER", "reid"), ("Promises Treatment Center", "LOC_FAC", "promises"),
                  ("Malibu", "LOC_GEO", "malibu"), ("Reid", "HUMAN_PART_PER", "reid"),
                  ("representative", "HUMAN_PART_PER", "rep")]),
        document("1_2ecb", "1", "Tara Reid checked into a rehab clinic in Malibu, her publicist said.\n"
                 "The star went to Promises for treatment, Reid's spokesman said.",
                 [("Tara Reid", "HUMAN_PART_PER", "reid"), ("Malibu", "LOC_GEO", "malibu"),
                  ("Promises", "LOC_FAC", "promises"), ("Reid", "HUMAN_PART_PER", "reid")]),
        document("2_1ecb", "2", "Police in Athens arrested two men on Monday.\nThe men were taken to Athens.",
                 [("Athens", "LOC_GEO", "athens"), ("men", "HUMAN_PART_PER", "men"), ("Athens", "LOC_GEO", "athens")]),
    ]
    path = tmp_path / "ecb.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_gold_mentions_of_the_tiny_file(tiny_file) -> None:
    topics = ev.load_topics([str(tiny_file)])
    assert [t.name for t in topics] == ["ecb.jsonl#1", "ecb.jsonl#2"]
    mentions = ev.gold_mentions(topics[0])
    assert [m.text for m in mentions] == ["Tara Reid", "Promises Treatment Center", "Malibu", "Reid",
                                          "Tara Reid", "Malibu", "Promises", "Reid"]  # "representative" is no name
    assert len(ev.load_topics([str(tiny_file)], limit=1)) == 1


def test_run_prints_one_json_object(tiny_file, capsys) -> None:
    code = ev.run(Namespace(stories=[str(tiny_file)], limit=None, format="json", output=None))
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["task"] == "entities" and set(report["systems"]) == {"newsbrief", "exact+surname"}
    for values in report["systems"].values():
        assert 0 <= values["bcubed_f1"] <= 1 and 0 <= values["conll_f1"] <= 1
    assert report["systems"]["newsbrief"]["bcubed_f1"] == pytest.approx(1.0)


def test_run_text_names_the_systems(tiny_file, capsys) -> None:
    assert ev.run(Namespace(stories=[str(tiny_file)], limit=None, format="text", output=None)) == 0
    out = capsys.readouterr().out
    assert "newsbrief" in out and "exact+surname" in out and "pooled over 2 topics" in out


def test_a_missing_file_is_an_input_error(tmp_path) -> None:
    from newsbrief.errors import InputError

    with pytest.raises(InputError):
        ev.load_topics([str(tmp_path / "none.jsonl")])
