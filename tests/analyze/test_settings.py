"""The rules' thresholds are one frozen settings object, each field documented, and a
stage run with other settings uses them."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from pathlib import Path

import pytest
from builders import article

from newsbrief.analyze import settings as settings_module
from newsbrief.analyze.quotes import extract_quotes
from newsbrief.analyze.settings import DEFAULT, AnalysisSettings
from newsbrief.segment import split_sentences

ANALYZE = Path(settings_module.__file__).parent


def test_every_setting_says_what_it_controls() -> None:
    tree = ast.parse(inspect.getsource(AnalysisSettings))
    body = tree.body[0].body
    fields = {f.name for f in dataclasses.fields(AnalysisSettings)}
    documented = {
        node.target.id
        for node, following in zip(body, body[1:])
        if isinstance(node, ast.AnnAssign) and isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant) and len(following.value.value.split()) >= 5
    }
    assert fields == documented


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.max_tokens_after = 3  # type: ignore[misc]


def test_no_threshold_is_left_as_a_module_constant() -> None:
    """The old constants' names are gone from the stage modules (they read ``settings``)."""
    names = {f.name.upper() for f in dataclasses.fields(AnalysisSettings)}
    for path in ANALYZE.glob("*.py"):
        if path.stem in ("dates", "timex", "timeline"):
            continue
        assigned = set(re.findall(r"^([A-Z_]+) = ", path.read_text(encoding="utf-8"), re.M))
        assert not assigned & names, path.name


def test_a_stage_reads_the_settings_it_is_given() -> None:
    text = '"We will rebuild every house," Imtiyaz Gul, a researcher in Islamabad, told reporters.'
    articles = [article("a1", text)]
    sentences = {"a1": split_sentences(articles[0])}
    assert [q.speaker for q in extract_quotes(articles, sentences)] == ["Imtiyaz Gul"]
    near = dataclasses.replace(DEFAULT, max_tokens_after=4)  # "told" stands 9 tokens after
    assert "Imtiyaz Gul" not in [q.speaker for q in extract_quotes(articles, sentences, near)]
