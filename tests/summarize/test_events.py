"""Two sentences reporting one event in other words are one: the summary keeps one and cites both."""

from builders import article

from newsbrief.evaluate.summary import prepare
from newsbrief.summarize import summarize
from newsbrief.summarize.events import EventReader, retells, same_count, same_event, states_same_event

MET = [
    "The United States has confirmed that its envoy met the Taliban in Qatar as Washington seeks to end the war.",
    "Zalmay Khalilzad, US special representative, on Tuesday met Taliban representatives in the Qatari capital Doha.",
]
BOMB = [
    "A car bomb exploded Friday in a Jerusalem market crowded with Israelis shopping for the Sabbath.",
    "Suicide bombers targeted a crowded open-air market Friday, setting off blasts in Jerusalem that killed the "
    "two assailants and injured 21 Israeli shoppers.",
]


def _events(texts):
    reader = EventReader(texts)
    return [reader.read(t) for t in texts]


def test_one_event_told_two_ways():
    for pair in (MET, BOMB):
        a, b = _events(pair)
        assert same_event(a, b)


def test_names_of_one_place_and_country_meet():
    reader = EventReader(MET)
    assert "qatar" in reader.read(MET[1]).names  # "the Qatari capital Doha"
    assert "us" in reader.read(MET[0]).names  # "The United States", "Washington"


def test_different_events_are_told_apart():
    texts = [
        "The US and the Taliban have resolved differences and could be close to a peace deal in Afghanistan.",
        "US envoy Zalmay Khalilzad said the talks with the Taliban in Doha ended without an agreement on troop withdrawals.",
        "A car bomb exploded Friday in a Jerusalem market.",
        "A car bomb exploded Sunday in a Jerusalem market.",
    ]
    deal, no_deal, friday, sunday = _events(texts)
    assert not same_event(deal, no_deal)  # "without an agreement" denies the deal
    assert not same_event(friday, sunday)  # another day, another bombing


def test_citing_needs_more_than_the_storys_names():
    # every article names the US and the Taliban: sharing them and "talks" is no shared statement
    texts = [
        "The US and the Taliban held talks in Doha. The envoy met the Taliban in Qatar on Tuesday.",
        "The US and the Taliban resumed talks. The Taliban said the talks with the US were useful.",
        "The US and the Taliban talks went on. The Taliban and the US met again in Doha on Tuesday.",
        "The US and the Taliban said little about the talks.",
    ]
    reader = EventReader(texts)
    met = reader.read("The envoy met the Taliban in Doha on Tuesday.")
    useful = reader.read("The Taliban said the talks with the US were useful.")
    again = reader.read("The Taliban and the US met again in Doha on Tuesday.")
    assert {"us", "taliban"} <= reader.topic
    assert not states_same_event(met, useful)
    assert states_same_event(met, again)


def test_summary_keeps_one_telling_and_cites_both_articles():
    arts = [
        article("a1", f"{BOMB[0]} Police sealed off the area and searched nearby streets for hours.", date="1998-11-06"),
        article("a2", f"{BOMB[1]} The Israeli Cabinet put off action on the peace accord.", date="1998-11-06"),
        article("a3", "Palestinian leaders condemned the attack in Jerusalem and promised arrests.", date="1998-11-07"),
    ]
    articles, sentences = prepare(arts)
    summary = summarize(articles, sentences, words=100)
    tellings = [s for s in summary if s.text in BOMB]
    assert len(tellings) == 1, [s.text for s in summary]
    assert {"a1", "a2"} <= set(tellings[0].citations)
    by_id = {a.id: a for a in articles}
    for span in tellings[0].spans:
        assert by_id[span.article].text[span.start : span.end] in BOMB


def test_one_count_of_one_action_is_one_fact_without_a_shared_name():
    # the same toll of the same action, told with no name in common
    explosion, memorial, other_count = _events([
        "The worst spill in the history of the region began when a rig exploded, killing 11 workers.",
        "Investigators said 11 people were killed when the platform blew up in April.",
        "Investigators said 14 people were killed when the platform blew up in April.",
    ])
    assert same_count(explosion, memorial) and not same_event(explosion, memorial)
    assert not same_count(explosion, other_count)


def test_a_citation_carries_every_action_not_only_a_side_clause():
    texts = [
        "A former employee who opened fire at an office party in Leeds, killing one man, has been charged with murder.",
        "A former employee opened fire at an office party in Leeds yesterday, killing one man.",
        "A former employee who opened fire at an office party in Leeds, killing one man, was charged with murder.",
    ]
    charged, shooting, charged_again = _events(texts)
    assert not states_same_event(charged, shooting)  # written before the charge
    assert states_same_event(charged, charged_again)


# --- the story's core event retold as what two sentences report first (events.retells)
RETOLD_STORY = [
    "Maria Lindqvist, the Swedish singer known for her winter ballads, won the Nordic Music Prize, "
    "organisers announced on Friday.",
    "Maria Lindqvist won the annual Nordic Music Prize in Oslo.",
    "Singer Maria Lindqvist sang at the Baltic Film Festival twice before.",
    "Critics said Maria Lindqvist and the Nordic Music Prize were a good match.",
    "The Nordic Music Prize will be shown live, Maria Lindqvist said.",
]


def test_the_core_event_retold_is_one_event():
    # Lindqvist, the prize and "won" are in most articles: the story's own names and words
    reader = EventReader(RETOLD_STORY, common={"won"})
    announced, annual = reader.read(RETOLD_STORY[0]), reader.read(RETOLD_STORY[1])
    assert retells(announced, annual)  # the same actor winning the same prize
    assert announced.main == annual.main == "@win"


def test_a_mention_or_another_actor_is_not_a_retelling():
    texts = [
        "Norland has won the Coastal Cup gold medal seven times.",
        "Vesterby won the Coastal Cup gold medal in 1994 for the first time.",
        "A storm killed 20 people in Harbor Town on Monday.",
        "The storm killed 5 people in Harbor Town on Monday.",
        "An inquiry into the flooding in Harbor Town said the storm that killed 20 people was not forecast.",
        "Police arrested Tom Reyes on suspicion of drunk driving in Harbor Town on Monday.",
        "Tom Reyes was on probation for a previous arrest on suspicion of drunk driving in Harbor Town.",
    ]
    reader = EventReader(texts)
    norland, vesterby, twenty, five, inquiry, arrest, previous = (reader.read(t) for t in texts)
    assert not retells(norland, vesterby)  # two winners, one medal
    assert not retells(twenty, five)  # another count: another storm
    assert not retells(twenty, inquiry)  # the inquiry is what the last reports; the storm is a mention
    assert not retells(arrest, previous)  # another occasion of the same action


def test_a_retold_event_is_told_once_and_cites_both_articles():
    texts = [
        "Maria Lindqvist, the Swedish singer known for her winter ballads, won the Nordic Music Prize, "
        "organisers announced on Friday. Tickets go on sale in March at the Oslo box office.",
        "Maria Lindqvist won the annual Nordic Music Prize in Oslo. The ceremony has been held in Oslo "
        "every year since the first awards.",
        "Critics said Maria Lindqvist and the Nordic Music Prize were a good match for the televised evening.",
        "The Nordic Music Prize will be shown live on public television, Maria Lindqvist said on the radio.",
    ]
    articles = [article(f"a{k}", text, date=f"2024-02-0{k + 2}") for k, text in enumerate(texts)]
    prepared, sentences = prepare(articles)
    summary = summarize(prepared, sentences, words=60)
    winning = [s for s in summary if "won the" in s.text]
    assert len(winning) == 1
    assert {"a0", "a1"} <= set(winning[0].citations)
    # undated, nothing says the two tell one occasion: no article is cited for the other's words
    prepared, sentences = prepare([article(f"a{k}", text) for k, text in enumerate(texts)])
    for sentence in summarize(prepared, sentences, words=60):
        if "won the" in sentence.text:
            assert len(sentence.citations) == 1


def test_a_retelling_is_of_articles_near_in_time():
    from newsbrief.summarize import _near

    assert _near("2000-05-12", "2000-05-20")
    assert not _near(None, "2000-05-12")  # nothing says an undated article tells the same occasion
    assert not _near("1999-10-19", "2000-05-12")  # the same words, another month's attacks


def test_capitalized_words_past_a_sentence_start():
    from newsbrief.summarize.events import _CAPITALIZED

    text = 'Talks opened in Doha. The Taliban met McCain and U.S. envoys.\nKabul said "Yes." Then éMile and O\'Brien left.'
    # not after ". ", '." ' or a line break, nor inside a word ("éMile")
    assert _CAPITALIZED.findall(text) == ["Talks", "Doha", "Taliban", "McCain", "U.S", "Yes", "O'Brien"]


def test_an_event_told_in_other_words_is_cited_only_from_an_article_of_about_the_same_time():
    # the same actor and action family in other words: one event only when written near in time;
    # an undated article says nothing of when, and a far one tells another occasion
    def summary_of(other_date):
        arts = [
            article("a1", f"{BOMB[0]} Police sealed off the area and searched nearby streets for hours.", date="1998-11-06"),
            article("a2", f"{BOMB[1]} The Israeli Cabinet put off action on the peace accord.", date=other_date),
            article("a3", "Palestinian leaders condemned the attack in Jerusalem and promised arrests.", date="1998-11-07"),
        ]
        articles, sentences = prepare(arts)
        return [s for s in summarize(articles, sentences, words=100) if s.text in BOMB]

    (near,) = summary_of("1998-11-07")
    assert {"a1", "a2"} <= set(near.citations)
    for other_date in (None, "2000-06-27"):
        for telling in summary_of(other_date):
            assert len(telling.citations) == 1, (other_date, telling)
            # dated by its own article only: an undated article's sentence has no date
            assert telling.date == ("1998-11-06" if telling.citations[0] == "a1" else other_date)
