"""The learned same-story similarity (cluster/similarity.py): the shipped model, its file format,
and where ``cluster_docs`` uses it."""

from __future__ import annotations

import json

import numpy as np
import pytest
from builders import OSAKA

from newsbrief.cluster import ClusterConfig, Doc, cluster_docs, embed, similarity
from newsbrief.errors import NewsbriefError


def shipped() -> dict:
    return json.loads(similarity.MODEL_PATH.read_text(encoding="utf-8"))


def test_the_shipped_model_scores_its_check_rows_as_scikit_learn_did():
    model = similarity.load_model()
    check = model.meta["check"]
    rows = np.array([[np.nan if v is None else v for v in row] for row in check["rows"]], dtype=float)
    assert np.isnan(rows).all(axis=1).any()  # a row of missing values walks every missing branch
    assert np.abs(model.probability(rows) - np.array(check["probabilities"])).max() <= 1e-9
    assert 2 <= model.min_articles and 0.0 < model.cut < 1.0
    assert set(model.meta["trained_on"]) >= {"duc2006+2007", "uci", "multinews", "ecb+ train", "split"}


@pytest.mark.parametrize("damage, says", [
    (lambda d: "{not json", "cannot read"),
    (lambda d: json.dumps({**d, "format": "newsbrief.same-story.v0"}), "not a same-story model"),
    (lambda d: json.dumps({**d, "features": d["features"][:-1]}), "not a same-story model"),
    (lambda d: json.dumps([d]), "not a same-story model"),
    (lambda d: json.dumps({k: v for k, v in d.items() if k != "link"}), "malformed"),
    (lambda d: json.dumps({**d, "trees": [{**d["trees"][0], "left": [10 ** 6] * len(d["trees"][0]["left"])}]}),
     "malformed"),
    (lambda d: json.dumps({**d, "depth": 1}), "malformed"),  # the scorer would stop above the leaves
])
def test_a_damaged_model_file_is_a_clear_error(tmp_path, damage, says):
    path = tmp_path / "same_story.json"
    path.write_text(damage(shipped()), encoding="utf-8")
    with pytest.raises(NewsbriefError, match=says):
        similarity.load_model(path)


def test_a_batch_below_the_models_size_is_clustered_without_it():
    """Osaka: a marathon and an earthquake in one city. In a batch of five, every pair is a near
    neighbour and the model's in-batch features mean nothing: the batch takes the path without it."""
    docs = [Doc(f"o{i}", title, text, "2024-03-01") for i, (title, text) in enumerate(OSAKA)]
    meaning = {d.id: np.eye(8)[i] for i, d in enumerate(docs)}
    assert not similarity.applies(len(docs))
    assert cluster_docs(docs, ClusterConfig(), embeddings=meaning) == \
        cluster_docs(docs, ClusterConfig(learned=False), embeddings=meaning)


@pytest.mark.skipif(not embed.available(), reason="the embedding packages are not installed")
def test_learned_links_keep_a_story_whole_whose_news_never_stopped():
    """A batch the model is used on: three stories of March, and one running every ten days from
    January to March (one story under a 21-day window: its news never stopped), then a last
    article after 75 quiet days, which starts another without the bridge and joins it again with
    it (the same news)."""
    from store_stories import make_article

    others = [make_article(story, n, f"2024-03-{1 + n % 28:02d}") for story in ("football", "merger", "vaccine")
              for n in range(31)]
    running = [make_article("volcano", n, f"2024-{1 + n // 3:02d}-{1 + 10 * (n % 3):02d}") for n in range(7)]
    late = make_article("volcano", 7, "2024-05-15")
    docs = [Doc(a.id, a.title, a.text, a.date) for a in others + running + [late]]
    assert similarity.applies(len(docs))
    embeddings = embed.embed_docs(docs)
    result = cluster_docs(docs, ClusterConfig(quiet_days=21, bridge_days=None), embeddings=embeddings)
    assert len({result[a.id] for a in running}) == 1 and result[late.id] != result[running[0].id]
    for story in ("football", "merger", "vaccine"):
        assert len({result[a.id] for a in others if a.id.startswith(story)}) == 1
    bridged = cluster_docs(docs, ClusterConfig(quiet_days=21), embeddings=embeddings)
    assert bridged[late.id] == bridged[running[0].id]
    assert len(set(bridged.values())) == 4  # and nothing else joined
