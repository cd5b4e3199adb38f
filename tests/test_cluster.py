import random
from collections import defaultdict

import pytest
from store_stories import STORIES, gold_story, make_article, make_stream

from newsbrief.cluster import ClusterConfig, Doc, StoryIndex, StoryState, cluster_docs
from newsbrief.cluster import neardup
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


def test_story_ids_are_the_earliest_article():
    docs = docs_of(make_stream(per_story=4, stories=("volcano",)))
    assignment = cluster_docs(docs)
    earliest = min(docs, key=lambda d: (d.date, d.id)).id
    assert set(assignment.values()) == {earliest}


def test_quiet_window_splits_a_story_that_went_quiet():
    early = [make_article("volcano", n, "2024-01-0" + str(n + 1)) for n in range(3)]
    late = [make_article("volcano", n + 3, "2024-06-0" + str(n + 1)) for n in range(3)]
    docs = docs_of(early + late)
    assert len(set(cluster_docs(docs, ClusterConfig(quiet_days=21)).values())) == 2
    assert len(set(cluster_docs(docs, ClusterConfig(quiet_days=None)).values())) == 1


def test_story_index_finds_the_story_and_retires_quiet_ones():
    index = StoryIndex(ClusterConfig(quiet_days=10))
    story = StoryState("s1")
    vector = tfidf_vector(term_counts("Hekla erupts", STORIES["volcano"]["sentences"][0]), {}, 1)
    add_vector(story, vector, "2024-01-01", keep=300)
    index.put(story)
    best, sim = index.best(vector, "2024-01-02")
    assert best is story and sim == pytest.approx(cosine_to(vector, story))
    assert index.best(vector, "2024-03-01")[0] is None  # outside the window
    assert index.retire_before("2024-03-01") == ["s1"]
    assert index.stories == {}


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


# --------------------------------------------------------------------------- near-duplicates


def test_near_duplicate_signatures_agree_on_edited_copy():
    text = " ".join(STORIES["merger"]["sentences"])
    edited = text.replace("4.2 billion", "4.3 billion").replace("Stockholm", "Stockholm, Sweden")
    a, b = neardup.signature(text), neardup.signature(edited)
    assert neardup.similarity(a, b) >= neardup.NEAR_DUP_JACCARD
    assert set(neardup.band_keys(a)) & set(neardup.band_keys(b))


def test_different_articles_are_not_near_duplicates():
    a = neardup.signature(" ".join(STORIES["merger"]["sentences"]))
    b = neardup.signature(" ".join(STORIES["volcano"]["sentences"]))
    assert neardup.similarity(a, b) < 0.2


def test_signature_round_trips_through_bytes_and_short_text_has_none():
    sig = neardup.signature(" ".join(STORIES["football"]["sentences"]))
    assert (neardup.from_bytes(neardup.to_bytes(sig)) == sig).all()
    assert neardup.signature("too short") is None


def test_content_hash_ignores_case_spacing_and_punctuation():
    assert neardup.content_hash("Title", "Some  text, here.") == neardup.content_hash("title", "some text here")
    assert neardup.content_hash("Title", "Some text") != neardup.content_hash("Title", "Other text")
