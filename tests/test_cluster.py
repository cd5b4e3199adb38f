import random
from collections import defaultdict

import pytest
from store_stories import STORIES, gold_story, make_article, make_stream

from newsbrief.cluster import ClusterConfig, Doc, StoryIndex, StoryState, cluster_docs
from newsbrief.cluster.online import add_vector, cosine_to
from newsbrief.cluster.text import stem, term_counts, tfidf_vector, tokens


def docs_of(articles):
    return [Doc(a.id, a.title, a.text, a.date) for a in articles]


def groups(assignment):
    found = defaultdict(set)
    for doc_id, story in assignment.items():
        found[story].add(doc_id)
    return sorted(sorted(g) for g in found.values())


def test_stem_joins_word_forms():
    assert stem("tapering") == stem("taper") == stem("tapers")
    assert stem("countries") == "country"
    assert stem("stopped") == "stop"
    assert stem("gas") == "gas"  # short words stay


def test_tokens_drop_stop_words_and_stem():
    found = tokens("Officials said the Hekla volcano erupted, Magnus Gudmundsson's farms said.")
    assert found == ["official", "hekla", "volcano", "erupt", "magnu", "gudmundsson", "farm"]


def test_title_terms_weigh_more_than_body_terms():
    counts = term_counts("Hekla erupts", "The volcano erupts near farms.")
    assert counts["hekla"] > counts["volcano"]


def test_tfidf_vector_is_unit_length_and_prefers_rare_terms():
    vector = tfidf_vector({"hekla": 1, "volcano": 1}, {"volcano": 9, "hekla": 1}, 10)
    assert sum(w * w for w in vector.values()) == pytest.approx(1.0)
    assert vector["hekla"] > vector["volcano"]
    assert tfidf_vector({}, {}, 0) == {}


def test_batch_clustering_recovers_made_up_stories():
    articles = make_stream(per_story=6)
    assignment = cluster_docs(docs_of(articles))
    expected = defaultdict(set)
    for a in articles:
        expected[gold_story(a.id)].add(a.id)
    assert groups(assignment) == sorted(sorted(g) for g in expected.values())


def test_batch_result_does_not_depend_on_input_order():
    docs = docs_of(make_stream(per_story=7))
    first = cluster_docs(docs)
    for seed in range(3):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_docs(shuffled) == first


def _collection_of(docs):
    from collections import Counter

    df = Counter()
    for d in docs:
        df.update(term_counts(d.title, d.text).keys())
    return df, len(docs)


def test_collection_statistics_of_the_batch_itself_change_nothing():
    docs = docs_of(make_stream(per_story=5))
    assert cluster_docs(docs, collection=_collection_of(docs)) == cluster_docs(docs)


def test_collection_statistics_replace_the_batch_idf():
    from newsbrief.cluster.batch import batch_vectors

    docs = docs_of(make_stream(per_story=3))
    block = docs[:4]
    whole = _collection_of(docs)
    own = batch_vectors(block)
    shared = batch_vectors(block, whole)
    assert own != shared  # the block alone sees other document frequencies
    df, n = whole
    for d in block:
        assert shared[d.id] == tfidf_vector(term_counts(d.title, d.text), df, n)
    blocks = [docs[:len(docs) // 2], docs[len(docs) // 2:]]
    for part in blocks:  # a block clustered with global statistics stays deterministic
        assert cluster_docs(part, collection=whole) == cluster_docs(list(reversed(part)), collection=whole)


def test_story_ids_are_the_earliest_article():
    docs = docs_of(make_stream(per_story=4, stories=("volcano",)))
    assignment = cluster_docs(docs)
    earliest = min(docs, key=lambda d: (d.date, d.id)).id
    assert set(assignment.values()) == {earliest}


def test_quiet_window_splits_a_story_that_went_quiet():
    early = [make_article("volcano", n, "2024-01-0" + str(n + 1)) for n in range(3)]
    late = [make_article("volcano", n + 3, "2024-06-0" + str(n + 1)) for n in range(3)]
    docs = docs_of(early + late)
    assert len(set(cluster_docs(docs, ClusterConfig(quiet_days=21, bridge_days=None)).values())) == 2
    assert len(set(cluster_docs(docs, ClusterConfig(quiet_days=None)).values())) == 1
    # the bridge (stories.split_quiet_gaps) joins a part only as close as the story's own links
    # ask; these rotated sentences are not, and another story in June never is
    assert len(set(cluster_docs(docs, ClusterConfig(quiet_days=21)).values())) == 2


def test_story_index_finds_the_story_and_retires_quiet_ones():
    index = StoryIndex(ClusterConfig(quiet_days=10, bridge_days=None))
    story = StoryState("s1")
    vector = tfidf_vector(term_counts("Hekla erupts", STORIES["volcano"]["sentences"][0]), {}, 1)
    add_vector(story, vector, "2024-01-01", keep=300)
    index.put(story)
    best, sim = index.best(vector, "2024-01-02")
    assert best is story and sim == pytest.approx(cosine_to(vector, story))
    assert index.best(vector, "2024-03-01")[0] is None  # outside the window
    assert index.retire_before("2024-03-01") == ["s1"]
    assert index.stories == {}


def test_a_quiet_story_is_no_candidate_to_join_but_stays_nearby_within_the_bridge():
    index = StoryIndex(ClusterConfig(quiet_days=10, bridge_days=60))
    story = StoryState("s1")
    add_vector(story, {"hekla": 0.8, "erupts": 0.6}, "2024-01-01", keep=300)
    index.put(story)
    vector = {"hekla": 0.8, "erupts": 0.6}
    assert index.best(vector, "2024-01-05")[0] is story
    assert index.best(vector, "2024-02-01") == (None, 0.0)  # quiet: a new article starts a story
    assert list(index.nearby(vector, "2024-02-01")) == [story]  # ... the local regroup may join them
    assert index.live_on("2024-02-01") == {} and index.live_on("2024-01-05") == {"s1": story}
    assert index.retire_before("2024-02-01") == []  # kept within the bridge's reach
    assert index.retire_before("2024-04-01") == ["s1"]
    assert list(index.nearby(vector, "2024-04-01")) == []


def test_centroid_is_pruned_to_its_heaviest_terms():
    story = StoryState("s")
    for n in range(30):
        add_vector(story, {f"term{n}-{k}": 1.0 / (k + 1) for k in range(20)}, None, keep=50)
    assert len(story.centroid) <= 100
    assert story.size == 30


def test_cluster_config_rejects_bad_values():
    with pytest.raises(ValueError):
        ClusterConfig(threshold=1.5)
    with pytest.raises(ValueError):
        ClusterConfig(quiet_days=0)


# --------------------------------------------------------------------------- embeddings


def _unit(values):
    import numpy as np

    vector = np.asarray(values, dtype=float)
    return vector / np.linalg.norm(vector)


HEADLINES = [  # two stories told in different words: no content word shared within a story
    Doc("h1", "Fed lifts interest rates", None, "2024-03-01"),
    Doc("h2", "Central bank raises borrowing costs", None, "2024-03-01"),
    Doc("h3", "Quake shakes coastal town", None, "2024-03-02"),
    Doc("h4", "Earthquake rattles seaside village", None, "2024-03-02"),
]
# Stand-ins for sentence embeddings: the same meaning points the same way.
MEANINGS = {"h1": [1, 0.1, 0], "h2": [0.9, 0.2, 0], "h3": [0, 0.1, 1], "h4": [0.1, 0, 0.9]}


def test_embeddings_join_headlines_that_share_no_words():
    alone = cluster_docs(HEADLINES, ClusterConfig(quiet_days=None))
    assert len(set(alone.values())) == 4  # bag of words sees four stories
    mixed = cluster_docs(HEADLINES, ClusterConfig(quiet_days=None),
                         embeddings={k: _unit(v) for k, v in MEANINGS.items()})
    assert mixed == {"h1": "h1", "h2": "h1", "h3": "h3", "h4": "h3"}


def test_embedding_clustering_does_not_depend_on_input_order():
    embeddings = {k: _unit(v) for k, v in MEANINGS.items()}
    expected = cluster_docs(HEADLINES, ClusterConfig(quiet_days=None), embeddings=embeddings)
    for seed in range(3):
        docs = list(HEADLINES)
        random.Random(seed).shuffle(docs)
        assert cluster_docs(docs, ClusterConfig(quiet_days=None), embeddings=embeddings) == expected


def test_embedding_clustering_respects_the_quiet_window():
    far = [Doc(d.id, d.title, d.text, "2024-06-01" if d.id == "h2" else d.date) for d in HEADLINES]
    meanings = {k: _unit(v) for k, v in MEANINGS.items()}
    stories = cluster_docs(far, ClusterConfig(quiet_days=21, bridge_days=None), embeddings=meanings)
    assert stories["h2"] == "h2" and stories["h1"] == "h1"
    # the same news back after a quiet gap, as close as the story's own links: joined again
    assert cluster_docs(far, ClusterConfig(quiet_days=21), embeddings=meanings)["h2"] == "h1"


def test_embeddings_must_cover_every_article():
    with pytest.raises(ValueError, match="h4"):
        cluster_docs(HEADLINES, embeddings={k: _unit(v) for k, v in MEANINGS.items() if k != "h4"})


def test_lead_text_is_title_then_first_words():
    from newsbrief.cluster.embed import lead_text

    assert lead_text("Fed lifts rates", "one two three four", lead_words=2) == "Fed lifts rates. one two"
    assert lead_text(None, "  body  only ") == "body only"
    assert lead_text("Title", "") == "Title"


def test_embed_docs_falls_back_to_none_without_packages(monkeypatch):
    from newsbrief.cluster import embed

    monkeypatch.setattr(embed, "_PACKAGES", ("no_such_package_for_newsbrief",))
    assert embed.available() is False
    assert embed.embed_docs(HEADLINES) is None


@pytest.mark.slow
def test_sentence_embeddings_put_paraphrases_closer_than_other_stories():
    from newsbrief.cluster import embed

    if not embed.available():
        pytest.skip("embedding packages (embed extra) not installed")
    vectors = embed.embed_texts(["Fed lifts interest rates", "Central bank raises borrowing costs",
                                 "Earthquake rattles seaside village", ""])
    assert vectors.shape == (4, embed.DIMENSION)
    assert abs(float(vectors[0] @ vectors[0]) - 1.0) < 1e-4 and not vectors[3].any()
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


# --------------------------------------------------------------------------- topic space (large batches)


def test_large_batch_goes_through_the_topic_space_and_recovers_the_stories():
    from newsbrief.cluster import topics

    articles = make_stream(per_story=130)  # 520 articles: at least topics.MIN_ARTICLES
    assert topics.applies(len(articles))
    docs = docs_of(articles)
    assignment = cluster_docs(docs)
    expected = defaultdict(set)
    for a in articles:
        expected[gold_story(a.id)].add(a.id)
    assert groups(assignment) == sorted(sorted(g) for g in expected.values())
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert cluster_docs(shuffled) == assignment


def test_latent_topics_bring_articles_on_one_topic_closer_than_their_words():
    from newsbrief.cluster import topics
    from newsbrief.cluster.batch import batch_vectors

    # The first and last article of each topic share no word, only words of the articles between.
    quake = ["quake town", "quake town rescue", "town rescue coast", "rescue coast"]
    market = ["shares index", "shares index bank", "index bank profit", "bank profit"]
    docs = [Doc(f"d{i}", None, text, None) for i, text in enumerate(quake + market)]
    vectors = batch_vectors(docs)
    words = topics._sparse(docs, vectors)
    lsa = topics.latent_topics(words, 2)  # two topics in eight articles
    word_cos = (words[0] @ words[3].T).toarray()[0, 0]
    assert word_cos == 0.0
    assert lsa[0] @ lsa[3] > 0.5  # same topic, learnt from the articles in between
    assert lsa[0] @ lsa[4] < 0.0  # other topic


def test_topic_link_cuts_each_kind_at_its_own_similarity_and_respects_the_quiet_window():
    from newsbrief.cluster import topics
    from newsbrief.cluster.batch import batch_vectors

    pair = [Doc("a", "Hekla volcano erupts", "Lava and ash near Hekla.", "2024-01-01"),
            Doc("b", "Hekla volcano erupts again", "Ash over Hekla farms.", "2024-01-02")]
    vectors = batch_vectors(pair)
    together = topics.link_topics(pair, vectors, None, quiet_days=21)
    assert together["a"] == together["b"]
    late = [pair[0], Doc("b", pair[1].title, pair[1].text, "2024-06-01")]
    apart = topics.link_topics(late, batch_vectors(late), None, quiet_days=21)
    assert apart["a"] != apart["b"]
    strict = topics.link_topics(pair, vectors, None, quiet_days=None, body_cut=0.99)
    assert strict["a"] != strict["b"]


def test_topic_link_needs_every_embedding():
    from newsbrief.cluster import topics

    docs = docs_of(make_stream(per_story=130))
    embeddings = {d.id: _unit([1.0, 0.0, 0.0]) for d in docs[1:]}
    with pytest.raises(ValueError, match="embed every article or none"):
        cluster_docs(docs, embeddings=embeddings)
    assert topics.MIN_ARTICLES <= len(docs)


def test_lsa_dimensions_follow_the_stories_found_up_to_the_cap():
    from newsbrief.cluster import topics

    assert topics.lsa_dims(0) == 1
    assert topics.lsa_dims(37) == 37
    assert topics.lsa_dims(10_000) == topics.MAX_LSA_DIMS


def test_batches_above_the_topic_space_cluster_without_embeddings(monkeypatch):
    from newsbrief.cluster import reads_embeddings, topics

    assert not reads_embeddings(1) and reads_embeddings(2) and reads_embeddings(topics.MAX_ARTICLES)
    assert not reads_embeddings(topics.MAX_ARTICLES + 1)
    meanings = {k: _unit(v) for k, v in MEANINGS.items()}
    assert cluster_docs(HEADLINES, embeddings=meanings) != cluster_docs(HEADLINES)  # read: they join h1, h2
    # Above the cap average link's n x n matrix would not fit: the TF-IDF method, embeddings unread.
    monkeypatch.setattr(topics, "MAX_ARTICLES", len(HEADLINES) - 1)
    assert cluster_docs(HEADLINES, embeddings=meanings) == cluster_docs(HEADLINES)


def test_centred_units_lean_on_a_prior_centre_as_if_it_were_more_rows():
    import numpy as np

    from newsbrief.cluster.topics import centred_units

    rows = np.array([[1.0, 0.0], [1.0, 0.2]])
    alone = centred_units(rows)  # one story alone: its shared direction is gone
    np.testing.assert_allclose(alone, [[0.0, -1.0], [0.0, 1.0]])
    # two rows and a prior of two rows at (0, 0): the centre is (0.5, 0.05), the shared direction stays
    leaning = centred_units(rows, np.zeros(2), 2.0)
    np.testing.assert_allclose(leaning[0], np.array([0.5, -0.05]) / np.hypot(0.5, 0.05))
    assert float(leaning[0] @ leaning[1]) > 0.9
