from newsbrief.model import Sentence
from newsbrief.summarize.support import redundant_pairs, similarity, states_same, supporting
from newsbrief.summarize.text import content_stems
from builders import article


def test_rewrite_of_the_same_fact_states_the_same():
    a = content_stems("Pinochet was arrested in London on Friday at the request of Spain.")
    b = content_stems("Pinochet was arrested Friday in London at Spain's request, police said.")
    c = content_stems("Chile protested the arrest of its former ruler in a note to Britain.")
    assert states_same(a, b)
    assert not states_same(a, c)
    assert similarity(set(), a) == (0.0, 0.0)


def test_supporting_finds_one_sentence_per_other_article():
    texts = {
        "a1": "Pinochet was arrested in London on Friday. Chile protested.",
        "a2": "Weather was fine. Pinochet was arrested in London on Friday night.",
        "a3": "Markets rose in Santiago.",
    }
    arts = [article(k, v) for k, v in texts.items()]
    sentences = {}
    for art in arts:
        parts, cursor, out = [p for p in art.text.split(". ")], 0, []
        for i, part in enumerate(parts):
            piece = part if part.endswith(".") else part + "."
            start = art.text.index(piece.rstrip("."), cursor)
            end = start + len(piece.rstrip(".")) + 1
            out.append(Sentence(art.id, i, start, end, art.text[start:end]))
            cursor = end
        sentences[art.id] = tuple(out)
    stems_of = {(s.article_id, s.index): content_stems(s.text) for ss in sentences.values() for s in ss}
    picked = sentences["a1"][0]
    found = supporting(picked, content_stems(picked.text), arts, sentences, stems_of)
    assert [(s.article_id, s.index) for s in found] == [("a2", 1)]


def test_redundant_pairs():
    sets = [{"a", "b", "c"}, {"a", "b", "c", "d"}, {"x", "y"}]
    assert redundant_pairs(sets) == [(0, 1)]
    assert redundant_pairs([set(), set()]) == []


def test_a_sentence_held_by_a_longer_one_is_redundant():
    # "The coach was fired ..." adds nothing to the longer sentence that holds all its words
    short = content_stems("Smith was fired as head coach of the Riverton Rams.")
    longer = content_stems(
        "The Riverton Rams fired head coach Alan Smith on Saturday morning after a disappointing 2-9 start "
        "to a season in which the club had been expected to reach the playoffs."
    )
    other = content_stems("Smith said officially that the Rams were a fine team.")
    assert redundant_pairs([short, longer]) == [(0, 1)]
    assert redundant_pairs([other, longer]) == []  # "said", "officially" are no shared fact


def test_one_measured_figure_told_twice_is_a_redundant_pair():
    from newsbrief.summarize.support import measure_pairs

    texts = [
        "His blood-alcohol level was 0.41 percent, according to the charges.",
        "Police say he drank so much his blood-alcohol level was 0.41, more than five times the legal limit.",
        "The legal limit for drivers in the state is 0.08.",
        "The deal gives 3 percent raises each year and a signing bonus.",
        "Workers will get raises of 3 percent in each year of the contract.",
        "Turnout fell 3 percent from the last election.",  # the same figure of another thing
        "Jackson, 36, was charged with murder in 2009.",  # ages and years are no measures
        "Smith, 36, was charged with theft in 2009.",
    ]
    assert measure_pairs(texts) == [(0, 1), (3, 4)]
