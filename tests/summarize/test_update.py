"""What's new (issue 15): update summaries against what the old articles already say."""

from __future__ import annotations

import json

import pytest

from newsbrief import api
from newsbrief.cli import main
from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.pipeline import prepare
from newsbrief.summarize.text import content_stems
from newsbrief.summarize.update import (
    OLD_CONTAINMENT,
    brief_since,
    parse_since,
    split_by_date,
    update_summary,
)
from newsbrief.config import BriefConfig

KNOWN = "The United States and the Taliban opened a new round of peace talks in Doha, Qatar, on Monday."
OLD = [
    Article("o1", (
        f"{KNOWN} The talks focus on the withdrawal of American troops from Afghanistan. "
        "Envoy Zalmay Khalilzad leads the American delegation at the meeting in the Qatari capital."
    ), title="Talks open", source="Wire A", date="2019-02-20"),
    Article("o2", (
        "The United States and the Taliban held peace talks in Doha, Qatar, this week. "
        "Envoy Zalmay Khalilzad leads the American delegation at the meeting in the Qatari capital. "
        "Both sides described the atmosphere as constructive and serious."
    ), title="Talks go on", source="Wire B", date="2019-02-25"),
]
NEW = [
    Article("n1", (
        f"{KNOWN} The sixteen-day round of talks ended on Tuesday without a final agreement on a ceasefire. "
        "Negotiators agreed on a draft text covering counter-terrorism assurances and a timeline for withdrawal. "
        "Envoy Zalmay Khalilzad leads the American delegation at the meeting in the Qatari capital."
    ), title="Talks end", source="Wire C", date="2019-03-12"),
    Article("n2", (
        "Another round of negotiations is expected next month, officials in Kabul said on Wednesday. "
        "The sixteen-day round of talks ended on Tuesday without a final agreement on a ceasefire, they added."
    ), title="Next round", source="Wire D", date="2019-03-13"),
]


def _update(old, new, words=60):
    prepared = prepare([*old, *new])
    return update_summary(prepared.unique, prepared.sentences, {a.id for a in old}, words), prepared


def _restates_old(text: str, prepared, old_ids) -> bool:
    words = content_stems(text)
    for article_id in old_ids:
        for sentence in prepared.sentences.get(article_id, ()):
            if len(words & content_stems(sentence.text)) / len(words) >= OLD_CONTAINMENT:
                return True
    return False


def test_update_summary_never_restates_the_old_articles_and_cites_only_new_ones():
    summary, prepared = _update(OLD, NEW)
    assert summary, "the new articles add facts"
    texts = " ".join(s.text for s in summary)
    assert KNOWN not in texts and "Khalilzad leads" not in texts  # stated before, copied into n1
    assert "ended on Tuesday" in texts  # the new fact
    for sentence in summary:
        assert not _restates_old(sentence.text, prepared, {"o1", "o2"})
        assert set(sentence.citations) <= {"n1", "n2"}
        own = sentence.spans[0]  # citations stay exact: the span is the text
        article = next(a for a in prepared.unique if a.id == own.article)
        assert article.text[own.start:own.end] == sentence.text


def test_a_new_fact_stated_in_two_new_articles_cites_both():
    summary, _ = _update(OLD, NEW)
    ended = [s for s in summary if "ended on Tuesday" in s.text]
    assert ended and set(ended[0].citations) == {"n1", "n2"}


def test_nothing_new_gives_an_empty_summary():
    copy = Article("n9", OLD[0].text, date="2019-03-10")
    rewrite = Article("n8", OLD[1].text.replace("this week", "on Thursday"), date="2019-03-11")
    summary, _ = _update(OLD, [copy, rewrite])
    assert summary == ()


def test_no_old_articles_is_the_plain_summary():
    from newsbrief.summarize import summarize

    prepared = prepare(NEW)
    assert update_summary(prepared.unique, prepared.sentences, set(), 60) == summarize(
        prepared.unique, prepared.sentences, 60)


def test_split_by_date_counts_undated_articles_as_old():
    undated = Article("u1", "Envoy Zalmay Khalilzad said the talks were productive and would resume soon.")
    split = split_by_date([*OLD, *NEW, undated], "2019-03-01")
    assert split.new == ("n1", "n2")
    assert set(split.old) == {"o1", "o2", "u1"} and split.undated == ("u1",)
    assert any("without a date" in note for note in split.notes())
    assert split_by_date(OLD, "2019-02-20").new == ("o2",)  # on DATE is old, after it is new
    assert any("every article is new" in n for n in split_by_date(NEW, "2019-01-01").notes())


@pytest.mark.parametrize("text", ["2019-13-01", "yesterday", "2019-3-1", ""])
def test_parse_since_refuses_what_is_not_a_day(text):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_since(text)


def test_brief_since_errors_clearly_without_new_articles():
    with pytest.raises(InputError, match="no article is dated after 2019-04-01.*latest article is dated 2019-03-13"):
        brief_since([*OLD, *NEW], BriefConfig(words=60), "2019-04-01")
    undated = [Article(a.id, a.text) for a in NEW]
    with pytest.raises(InputError, match="needs dated articles"):
        brief_since(undated, BriefConfig(words=60), "2019-04-01")


def test_api_brief_since_keeps_the_rest_of_the_story():
    plain = api.brief([*OLD, *NEW], words=60)
    new = api.brief([*OLD, *NEW], words=60, since="2019-03-01")
    assert all(set(s.citations) <= {"n1", "n2"} for s in new.summary)
    assert new.summary != plain.summary
    assert new.articles == plain.articles and new.timeline == plain.timeline


def _write(folder, articles):
    for a in articles:
        record = {"title": a.title, "text": a.text, "source": a.source}
        if a.date:
            record["date"] = a.date
        (folder / f"{a.id}.json").write_text(json.dumps(record))


def test_cli_since_heads_the_summary_and_explains_undated_articles(tmp_path, capsys):
    _write(tmp_path, [*OLD, *NEW, Article("u1", "Envoy Zalmay Khalilzad said the talks were productive and "
                                                 "would resume soon.", title="Undated")])
    assert main(["brief", "--since", "2019-03-01", "--words", "60", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert "## What's new since 2019-03-01" in out.out and "## Summary" not in out.out
    assert "without a date count as known" in out.err
    assert main(["brief", "--since", "2019-03-01", "--format", "json", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["since"] == "2019-03-01"
    new_ids = {a["id"] for a in data["articles"] if (a["date"] or "") > "2019-03-01"}
    assert data["summary"] and all(set(s["citations"]) <= new_ids for s in data["summary"])
    assert main(["brief", "--since", "2019-03-01", "--format", "html", str(tmp_path)]) == 0
    assert "<h2>What's new since 2019-03-01</h2>" in capsys.readouterr().out


def test_cli_since_says_when_nothing_is_new(tmp_path, capsys):
    _write(tmp_path, [*OLD, Article("n9", OLD[0].text, title="Again", source="Wire E", date="2019-03-10")])
    assert main(["brief", "--since", "2019-03-01", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "## What's new since 2019-03-01\n\nNothing in the articles dated after 2019-03-01 adds" in out


def test_cli_since_errors(tmp_path, capsys):
    _write(tmp_path, [*OLD, *NEW])
    assert main(["brief", "--since", "2019-04-01", str(tmp_path)]) == 2
    assert "nothing new to summarize" in capsys.readouterr().err
    assert main(["brief", "--since", "March", str(tmp_path)]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
