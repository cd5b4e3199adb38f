"""The pipeline's own duties: copies cited everywhere, empty articles reported, a title chosen."""

from builders import article

from newsbrief.config import BriefConfig
from newsbrief.pipeline import build_brief

WIRE = (
    "Rescue teams reached the flooded village of Jati on Sunday after three days of rain. "
    "Officials said 1,200 families had been moved to schools on higher ground. "
    '"We have never seen water like this," said Amina Shah, a teacher who fled with her children. '
    "The provincial government asked the army to send boats and tents."
)


def test_a_wire_copy_is_cited_wherever_its_original_is():
    original = article("a1", WIRE, source="Wire", date="2020-08-02", title="Floods reach Jati")
    copy = article("a2", WIRE + " Reporting by staff.", source="Daily Post", date="2020-08-02")
    other = article("a3", "The army sent 40 boats to Jati on Monday. More rain is expected this week.", source="Third", date="2020-08-03")
    brief = build_brief([original, copy, other], BriefConfig(words=80))
    survivor = next(a for a in brief.articles if a.copies)
    assert set(survivor.copies) | {survivor.id} == {"a1", "a2"}
    cited_items = [*brief.summary, *brief.quotes, *brief.timeline]
    from_wire = [item for item in cited_items if survivor.id in item.citations]
    assert from_wire, "the wire text must be cited somewhere"
    assert all({"a1", "a2"} <= set(item.citations) for item in from_wire)


def test_a_copy_is_not_cited_for_a_sentence_it_lacks():
    # a near-duplicate (most of the text, 5-shingle Jaccard over 0.5) without the last sentence
    cut = WIRE.rsplit(" The provincial", 1)[0]
    extra = " Schools in the district stayed closed while the water receded."
    original = article("a1", WIRE + extra, source="Wire", date="2020-08-02", title="Floods reach Jati")
    copy = article("a2", cut + extra, source="Daily Post", date="2020-08-02")
    brief = build_brief([original, copy], BriefConfig(words=200))
    survivor = next(a for a in brief.articles if a.copies)
    assert survivor.id == "a1"
    items = [*brief.summary, *brief.quotes, *brief.timeline]
    army = [item for item in items if "asked the army" in item.text]
    assert army and all(item.citations == ("a1",) for item in army)
    assert any("a2" in item.citations for item in items if "moved to schools" in item.text)


def test_an_article_with_nothing_left_after_cleaning_is_reported():
    good = article("a1", WIRE, source="Wire")
    noise = article("a2", "No comments:\nPost a Comment", path="noise.txt")
    brief = build_brief([good, noise], BriefConfig(words=60))
    assert [s.input for s in brief.skipped] == ["noise.txt"]
    assert [a.id for a in brief.articles] == ["a1"]


def test_the_title_is_the_earliest_dated_headline():
    later = article("a1", WIRE, title="Later headline", date="2020-08-03")
    earlier = article("a2", "The army sent 40 boats to Jati on Monday.", title="Earlier headline", date="2020-08-02")
    assert build_brief([later, earlier], BriefConfig(words=40)).title == "Earlier headline"


def test_a_fragment_or_slug_title_names_no_story_that_has_a_headline():
    from newsbrief.pipeline import story_title

    fragment = article("a1", WIRE, title="have moved separately.", date="2020-08-01")
    slug = article("a2", WIRE, title="URGENT", date="2020-08-02")
    headline = article("a3", WIRE, title="Floods reach the capital", date="2020-08-03")
    assert story_title([fragment, slug, headline]) == "Floods reach the capital"
    assert story_title([fragment, slug]) == "have moved separately."  # nothing better: the earliest


def test_a_digest_headed_by_another_item_names_no_story():
    """DUC 2006 D0628A: the earliest article, a science digest, is headed by its first item."""
    from newsbrief.pipeline import story_title

    digest = article("a1", "A satellite will watch the climate. Separately, a study of hyperactivity drugs in children.",
                     title="Satellite to monitor Earth's climate", date="1998-11-11")
    study = article("a2", "Children with hyperactivity take drugs such as Ritalin.",
                    title="Hyperactivity drug researched", date="1999-01-14")
    later = article("a3", "The hyperactivity drugs Ritalin and Adderall are prescribed more often.",
                    title="Doctors prescribe more hyperactivity drugs", date="1999-09-01")
    assert story_title([digest, study, later]) == "Hyperactivity drug researched"
