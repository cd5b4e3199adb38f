"""Wire digests inside a story (digests.py): the items that tell other stories are left out."""

from __future__ import annotations

from builders import article

from newsbrief.clean import clean_text, dateline_length
from newsbrief.digests import item_starts, on_story_sentences
from newsbrief.pipeline import prepare

VOLCANO = [
    "Lava from the Hekla volcano reached the village of Selsund on Monday, and civil protection "
    "officials ordered farmers to leave. The eruption began on Sunday night.",
    "Ash from Hekla closed the airport at Egilsstadir as the volcano kept erupting. Civil protection "
    "officials said the lava flow had slowed near Selsund.",
    "Farmers near Selsund returned to feed their animals while Hekla's lava cooled. The eruption "
    "of the volcano was the first since 2000, officials said.",
    "Scientists flew over Hekla and measured the lava field near Selsund. The volcano's eruption "
    "may go on for weeks, civil protection officials warned.",
]
DIGEST = (
    "MADRID (AP) _ Spain's central bank cut its growth forecast for the year on Tuesday, citing weak "
    "exports and a slowing housing market.\n\n"
    "REYKJAVIK, Iceland (AP) _ The Hekla volcano sent lava toward Selsund again, and civil protection "
    "officials told farmers near the eruption to stay away.\n\n"
    "TOKYO (AP) _ Japanese stocks rose for a third day as exporters gained on a weaker yen."
)


def test_the_items_of_a_digest_that_tell_another_story_are_left_out():
    articles = [article(f"v{k}", text) for k, text in enumerate(VOLCANO)] + [article("digest", DIGEST)]
    prepared = prepare(articles)
    kept = " ".join(s.text for s in prepared.sentences["digest"])
    assert "Hekla volcano sent lava toward Selsund" in kept
    assert "Spain" not in kept and "Japanese stocks" not in kept
    assert not kept.startswith("REYKJAVIK")  # the item's dateline is no part of its sentence
    assert all(len(prepared.sentences[f"v{k}"]) == 2 for k in range(4))  # other articles untouched
    assert prepared.unique[-1].text.count("\n\n") == 2  # the text stays whole


def kept_beside_the_volcano(text: str, items: int) -> str:
    """The sentences kept of ``text`` (that many items) in a story of the volcano articles."""
    articles = [article(f"v{k}", volcano) for k, volcano in enumerate(VOLCANO)] + [article("digest", text)]
    prepared = prepare(articles)
    assert len(item_starts(prepared.unique[-1].text)) == items
    return " ".join(s.text for s in prepared.sentences["digest"])


def test_a_budget_with_slugs_and_places_in_parentheses_is_a_digest_too():
    # DUC 2007 D0718D (unseen reading): the NYT News Service budget of a Seattle paper put a
    # pipeline blast and a ball game in a story on Starbucks
    budget = (
        "The Post-Intelligencer plans to move the following stories for clients of the News Service.\n\n"
        "BLAST-VICTIMS (BELLINGHAM, Wash.) _ A remarkably sad scene unfolded Friday at the elementary school "
        "the two boys attended after the pipeline explosion.\n\n"
        "HEKLA-LAVA (Selsund, Iceland) _ Lava from the Hekla volcano reached farms near Selsund, and civil "
        "protection officials told farmers to stay away from the eruption.\n\n"
        "BBO-MARINERS (Seattle) _ Seattle hosts the San Francisco Giants on Friday."
    )
    kept = kept_beside_the_volcano(budget, items=4)
    assert "Lava from the Hekla volcano reached farms" in kept
    assert "pipeline explosion" not in kept and "Giants" not in kept


def test_a_roundup_of_the_story_by_place_keeps_every_item():
    roundup = (
        "REYKJAVIK, Iceland (AP) _ Hekla's eruption hit farms across the south. Civil protection "
        "officials counted the damage.\n\n"
        "SELSUND _ Lava from the volcano covered two farms, and officials said the eruption had slowed.\n\n"
        "EGILSSTADIR _ Ash from the Hekla eruption closed the airport; civil protection officials "
        "said the volcano's lava stayed far from the town."
    )
    kept = kept_beside_the_volcano(roundup, items=3)
    assert "covered two farms" in kept and "closed the airport" in kept


def test_a_story_too_small_to_say_what_it_is_about_keeps_every_item():
    articles = [article("v0", VOLCANO[0]), article("digest", DIGEST)]
    prepared = prepare(articles)
    assert len(prepared.sentences["digest"]) == 3
    assert on_story_sentences(prepared.unique, prepared.sentences) == prepared.sentences


def test_cleaning_keeps_a_digests_items_apart_and_drops_desk_tags():
    inline = ("CARACAS, Venezuela (AP) _ The party endorsed Chavez on Friday. ___ GUATEMALA CITY (AP) _ "
              "A court sentenced two men.")
    cleaned = clean_text(inline)
    assert cleaned == "The party endorsed Chavez on Friday.\n\nGUATEMALA CITY (AP) _ A court sentenced two men."
    tagged = "Chile's economy shrank 3.1 percent, the central bank said.(Chile- Economy)"
    assert clean_text(tagged) == "Chile's economy shrank 3.1 percent, the central bank said."
    party = "The bill passed, said Rep. Henry Hyde (R-Ill.)"
    assert clean_text(party) == party


ALMANAC = (
    "Today is Thursday, March 5, the 64th day of 2026. There are 301 days left in the year.\n\n"
    "Today's Highlight in History:\n\n"
    "On March 5, 1911, a glass factory opened in the town of Brenn.\n\n"
    "On this date:\n\n"
    "In 1802, the first ferry crossed the river Alde.\n\n"
    "Ten years ago: Hekla's lava reached Selsund. A chess champion retired.\n\n"
    "Today's Birthdays: Painter Ola Strand is 71. Singer Mira Voss is 40.\n\n"
    "Thought for Today: \"Patience is a kind of map.\" -- Ana Lind, poet (1900-1980)."
)


def test_an_almanac_is_left_out_of_the_analysis_whole():
    articles = [article(f"v{k}", text) for k, text in enumerate(VOLCANO)] + [article("almanac", ALMANAC)]
    prepared = prepare(articles)
    assert prepared.sentences["almanac"] == ()  # history and birthdays, even the entry on Hekla
    assert all(len(prepared.sentences[f"v{k}"]) == 2 for k in range(4))
    assert "ferry crossed" in prepared.unique[-1].text  # the text stays whole


def test_an_almanac_inside_an_article_ends_with_its_thought_for_today():
    text = ("Hekla erupted again on Monday, officials said.\n\n" + ALMANAC
            + "\n\nFarmers near Selsund left their homes as the lava advanced.")
    articles = [article(f"v{k}", t) for k, t in enumerate(VOLCANO)] + [article("mixed", text)]
    kept = [s.text for s in prepare(articles).sentences["mixed"]]
    assert kept == ["Hekla erupted again on Monday, officials said.",
                    "Farmers near Selsund left their homes as the lava advanced."]


def test_a_sentence_that_only_starts_like_an_almanac_stays():
    text = "Today is Monday, and the volcano is quiet. Officials reopened the road to Selsund."
    articles = [article(f"v{k}", t) for k, t in enumerate(VOLCANO)] + [article("plain", text)]
    assert len(prepare(articles).sentences["plain"]) == 2


def test_a_photo_package_s_captions_are_items_each_opened_by_its_head():
    # DUC 2006 D0610A (unseen reading): a package's captions were timeline entries under its date
    text = (
        "A look at the day in pictures.\n\n"
        "(NYT35) GUADALAJARA, Mexico -- Oct. 28, 1998 -- GUADALAJARA-ARCHITECTURE, 10-28 -- Jorge Vergara is "
        "planning a giant cultural center in Guadalajara.\n\n"
        "(NYT34) WASHINGTON -- Oct. 28, 1998 -- NBA-LABOR-2, 10-28 -- Fans protested outside the hotel on Tuesday."
    )
    assert len(item_starts(text)) == 3
    assert dateline_length(text.split("\n\n")[1]) == len("(NYT35) GUADALAJARA, Mexico -- Oct. 28, 1998 -- "
                                                         "GUADALAJARA-ARCHITECTURE, 10-28 -- ")
