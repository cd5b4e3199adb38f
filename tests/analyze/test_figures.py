"""Conflicting figures: numbers, what they measure, what is and is not a conflict, and
precision/recall against hand-checked annotations (printed with ``pytest -s``)."""

from __future__ import annotations

import pytest
from analysis_annotations import STORIES, Score, load_story, numeric, score_conflicts, subject_matches
from builders import article

from newsbrief.analyze.figures import find_conflicts
from newsbrief.analyze.lexicon import parse_number
from newsbrief.segment import split_sentences

# Floors a little under what the method measured when written (docs/analysis.md).
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.9


def conflicts_of(*texts: str):
    articles = [article(f"a{n}", text) for n, text in enumerate(texts, start=1)]
    return find_conflicts(articles, {a.id: split_sentences(a) for a in articles})


@pytest.mark.parametrize(
    ("words", "value"),
    [(["14,000"], 14000), (["1.5", "million"], 1_500_000), (["two"], 2), (["a", "dozen"], 12), (["twenty", "five"], 25)],
)
def test_parse_number(words: list[str], value: float) -> None:
    assert parse_number(words) == value


def test_parse_number_rejects_words() -> None:
    assert parse_number(["several"]) is None


def test_troop_counts_disagree() -> None:
    (conflict,) = conflicts_of(
        "Some 14,000 US troops remain in Afghanistan.",
        "The US has 20,000 troops in Afghanistan, officials said.",
    )
    assert conflict.subject == "US troops in Afghanistan" and conflict.kind == "conflict"
    assert [(v.value, v.citations) for v in conflict.values] == [("some 14,000", ("a1",)), ("20,000", ("a2",))]
    assert conflict.values[0].text == "Some 14,000 US troops remain in Afghanistan."
    assert conflict.values[0].spans[0].start == 0


def test_war_length_from_adjectives() -> None:
    (conflict,) = conflicts_of(
        "The US wants to end its 17-year war in Afghanistan.",
        "Talks may end the 18-year-old conflict in Afghanistan.",
    )
    assert conflict.subject == "length of the war in Afghanistan (years)"
    assert [v.value for v in conflict.values] == ["17 years", "18 years"]
    assert conflict.kind == "change"  # a war a year older: undated, a length can only grow


def test_a_length_that_shrinks_with_time_is_a_conflict() -> None:
    from builders import article

    from newsbrief.segment import split_sentences

    older = article("a1", "The US wants to end its 18-year war in Afghanistan.", date="2019-01-22")
    newer = article("a2", "Talks may end the 17-year-old conflict in Afghanistan.", date="2019-08-10")
    (conflict,) = find_conflicts([older, newer], {a.id: split_sentences(a) for a in (older, newer)})
    assert conflict.kind == "conflict"


def test_measures_of_different_owners_are_never_one_group() -> None:
    # the example's troops: the NATO mission's, US troops, US-led foreign troops
    assert conflicts_of(
        "Currently, the US-led NATO mission to Afghanistan counts around 17,000 troops from 39 allies.",
        "President Donald Trump has ordered a halving of the 14,000 US troops in Afghanistan.",
        "This is while 20,000 US-led foreign troops, most of them American, remain in Afghanistan.",
    ) == ()


def test_a_later_value_said_to_have_changed_is_a_change() -> None:
    from builders import article

    from newsbrief.segment import split_sentences

    first = article("a1", "The death toll from floods in Sindh stood at 38 on Monday.", date="2020-08-03")
    later = article("a2", "The death toll from floods in Sindh has risen to 45.", date="2020-08-05")
    (change,) = find_conflicts([later, first], {a.id: split_sentences(a) for a in (first, later)})
    assert change.kind == "change"
    assert [(v.value, v.date) for v in change.values] == [("38", "2020-08-03"), ("45", "2020-08-05")]


def test_a_rounded_value_is_an_approximation() -> None:
    (approximation,) = conflicts_of(
        "Around 17,000 troops are in Afghanistan, officials said.",
        "There are 17,400 troops in Afghanistan.",
    )
    assert approximation.kind == "approximation"


def test_standing_figures_of_the_same_days_disagree() -> None:
    from builders import article

    from newsbrief.segment import split_sentences

    a = article("a1", "The plant closure will cut 1,200 jobs in Lordstown.", date="2019-03-07")
    b = article("a2", "The plant closure will cut 1,500 jobs in Lordstown.", date="2019-03-08")
    (conflict,) = find_conflicts([a, b], {x.id: split_sentences(x) for x in (a, b)})
    assert conflict.kind == "conflict"


def test_different_things_are_not_a_conflict() -> None:
    assert conflicts_of(
        "At least 65 people were killed in an attack in Afghanistan.",
        "Some 14,000 troops from 39 allies remain in Afghanistan.",
    ) == ()


def test_casualties_and_standing_counts_do_not_mix() -> None:
    assert conflicts_of("Some 14,000 troops remain in the country.", "The attack killed 12 troops.") == ()


def test_same_value_twice_is_not_a_conflict() -> None:
    assert conflicts_of("About 12,000 families were moved to camps.", "Some 12,000 families were moved to camps.") == ()


def test_one_article_changing_its_figure_is_not_a_conflict() -> None:
    assert conflicts_of("Troop strength was cut from 14,000 to 9,000 troops.", "The talks resumed on Tuesday.") == ()


def test_years_and_dates_are_not_figures() -> None:
    assert conflicts_of("The war began in 2001, on October 7.", "The war began in 2002, on September 1.") == ()


def test_figures_of_another_year_are_history() -> None:
    assert conflicts_of(
        "Floods killed 42 people in Sindh this week.",
        "Floods killed 42 people in Sindh on Monday. In 2010, floods killed nearly 2,000 people in Sindh.",
    ) == ()


def test_different_places_do_not_conflict() -> None:
    assert conflicts_of("Some 2,000 troops are in Syria.", "Some 14,000 troops are in Afghanistan.") == ()


def test_bare_people_counts_and_parts_are_not_quantities() -> None:
    assert conflicts_of(
        "Some 1,102 people remain unaccounted for in Chile.",
        "Garzon named 78 other people who were kidnapped in Chile.",
    ) == ()


def test_verbless_lines_are_read() -> None:
    (conflict,) = conflicts_of("Floods in Sindh: 45 people killed", "Floods in Sindh: 38 people killed")
    assert conflict.subject.startswith("people killed")


def test_one_article_no_conflicts() -> None:
    assert conflicts_of("Some 14,000 troops remain. Another report says 20,000 troops.") == ()


def test_a_bound_the_other_value_keeps_is_no_disagreement() -> None:
    # "more than 300,000" is said of 335,435 too: neither bound contradicts the count
    assert conflicts_of(
        "The firm counted 335,435 Napster users on the list.",
        "The company blocked more than 300,000 Napster users on Wednesday.",
        "The band delivered the names of more than 335,000 Napster users.",
    ) == ()
    assert conflicts_of("Rescuers found up to 50 sailors alive.", "Rescuers found 40 sailors alive.") == ()
    # a minimum on an unrounded number is a tally told as a minimum: compared as a value
    (toll,) = conflicts_of("Floods have killed at least 42 people.", "At least 38 people have died in floods.")
    assert toll.kind == "conflict"
    # a bound the other value breaks is still a disagreement
    (conflict,) = conflicts_of(
        "The firm counted 260,000 Napster users on the list.",
        "The company blocked more than 300,000 Napster users on Wednesday.",
    )
    assert conflict.kind == "conflict"


def test_a_count_of_lengths_is_two_numbers() -> None:
    # "two six-year terms": two terms of six years, not a length of "two six" (8) years
    (conflict,) = conflicts_of(
        "The senator will be able to run for two six-year terms.",
        "The senator will be able to run for three four-year terms.",
    )
    assert [v.value for v in conflict.values] == ["six years", "four years"]
    # "two dozen" is still one number, 24
    (count,) = conflicts_of("Police arrested two dozen protesters.", "Police arrested 30 protesters.")
    assert [v.value for v in count.values] == ["two dozen", "30"]


def test_lengths_of_different_holders_are_two_measures() -> None:
    # whose term: the legislators' and the senator's are different lengths, not a disagreement
    assert conflicts_of(
        "Many legislators, all elected to four-year terms, are expected to resign.",
        "The senator will be able to run for two six-year terms.",
    ) == ()
    # the same holder in both: still compared
    (conflict,) = conflicts_of("Governors are elected to four-year terms.", "Governors are elected to six-year terms.")
    assert conflict.kind == "conflict"


def test_a_prison_term_belongs_to_whoever_is_sentenced() -> None:
    # two people's terms are two measures, however the sentence is told
    assert conflicts_of(
        "Carlos Ruiz and his deputy, Pedro Vila, are serving 10-year jail terms for the kidnapping.",
        "His daughter Ana, 35, has been in prison since 1994, sentenced to an eight-year term for fraud.",
    ) == ()
    assert conflicts_of(
        "A court sentenced Maria Lopez to a ten-year prison term on Monday.",
        "Ruiz's eight-year sentence was upheld on Tuesday.",
    ) == ()
    # a pronoun or a common noun settles no holder: compared with nothing
    assert conflicts_of("He is serving a ten-year prison term.", "Maria Lopez got an eight-year prison term.") == ()
    assert conflicts_of("The two men got ten-year prison terms.", "Maria Lopez got an eight-year prison term.") == ()
    # a threatened term is another event than the one passed
    assert conflicts_of("Maria Lopez faces a 20-year prison term.", "Maria Lopez was sentenced to a ten-year prison term.") == ()
    # one person, one sentence, told two ways by two articles: a disagreement
    (conflict,) = conflicts_of(
        "A court sentenced Maria Lopez to a ten-year prison term on Monday.",
        "Maria Lopez was sentenced to an eight-year prison term on Monday.",
    )
    assert conflict.kind == "conflict" and [v.value for v in conflict.values] == ["ten years", "eight years"]


def test_a_toll_to_date_years_later_is_a_change_not_an_approximation() -> None:
    from builders import article

    from newsbrief.segment import split_sentences

    def kinds(*dated: tuple[str, str]) -> list[str]:
        articles = [article(f"a{n}", text, date=day) for n, (day, text) in enumerate(dated, start=1)]
        return [c.kind for c in find_conflicts(articles, {a.id: split_sentences(a) for a in articles})]

    # "has killed" is the total up to each article's day: two years on, a higher one is news
    assert kinds(
        ("1996-06-25", "The group has killed about 750 people in its campaign."),
        ("1998-07-02", "The group has killed nearly 800 people in its campaign."),
    ) == ["change"]
    # the same two values a few days apart are still one toll told roughly
    assert kinds(
        ("1996-06-25", "The group has killed about 750 people in its campaign."),
        ("1996-06-28", "The group has killed nearly 800 people in its campaign."),
    ) == ["approximation"]


def test_a_toll_of_a_named_other_event_is_its_own_measure() -> None:
    # the story's crash killed 217; "the Lauda Air crash" recalled in one article is another crash
    conflicts = conflicts_of(
        "All 217 people aboard the plane were killed.",
        "The crash off the coast killed all 217 people on board.",
        "The Lauda Air crash killed all 223 people on board.",
    )
    assert [c for c in conflicts if c.kind == "conflict"] == []
    # two articles naming the same event still disagree
    (conflict,) = conflicts_of(
        "The Lauda Air crash killed all 223 people on board.", "The Lauda Air crash killed all 213 people on board."
    )
    assert conflict.kind == "conflict" and conflict.subject == "people killed by Lauda Air"


# ---------------------------------------------------------------- annotated stories


@pytest.mark.parametrize("name", STORIES)
def test_conflicts_against_annotations(name: str) -> None:
    story = load_story(name)
    conflicts = find_conflicts(story.articles, story.sentences)
    score, problems = score_conflicts(story, conflicts)
    print("\n" + score.line(f"conflict values {name}"), *problems, sep="\n  ")
    assert score.precision >= PRECISION_FLOOR
    assert score.recall >= RECALL_FLOOR
    for words in story.gold["not_conflicts"]:
        assert not [c.subject for c in conflicts if subject_matches(c.subject, words)]
    shown = {numeric(v.value) for c in conflicts for v in c.values}
    assert not shown & set(story.gold.get("never_values", ()))


def test_conflicts_summary() -> None:
    total = Score(0, 0, 0, 0)
    for name in STORIES:
        story = load_story(name)
        total = total + score_conflicts(story, find_conflicts(story.articles, story.sentences))[0]
    print("\n" + total.line("conflict values, all annotated stories"))
    assert total.precision >= PRECISION_FLOOR
    assert total.recall >= RECALL_FLOOR


def test_example_story_conflicts() -> None:
    """The example has no real disagreement: the troop figures measure different things
    (the NATO mission's, US troops, US-led foreign troops; 9,000 names no owner), and the
    war is a year older in the later articles."""
    story = load_story("doha-talks")
    conflicts = find_conflicts(story.articles, story.sentences)
    assert [c.subject for c in conflicts if c.kind == "conflict"] == []
    (war,) = [c for c in conflicts if c.kind == "change"]
    assert war.subject == "length of the war in Afghanistan (years)"
    assert [numeric(v.value) for v in war.values] == [17, 18]


def test_specifications_and_names_are_not_counts() -> None:
    assert conflicts_of(
        "The new 16-valve engine is rated at 204 horsepower, and Windows 95 runs on it.",
        "The 32-valve engine is rated at 272 horsepower, and Windows 98 runs on it.",
    ) == ()


def test_a_toll_that_falls_on_a_later_day_is_not_a_change() -> None:
    from builders import article

    from newsbrief.segment import split_sentences

    first = article("a1", "The bombings killed more than 250 people in Kenya.", date="1998-10-07")
    later = article("a2", "The bombings killed 224 people in Kenya.", date="1998-11-05")
    (group,) = find_conflicts([first, later], {a.id: split_sentences(a) for a in (first, later)})
    assert group.kind == "conflict"


def test_a_standing_figure_months_apart_without_a_word_of_change_is_left_out() -> None:
    from builders import article

    from newsbrief.segment import split_sentences

    first = article("a1", "The plant employs 1,200 workers in Lordstown.", date="2018-01-10")
    later = article("a2", "The plant employs 1,500 workers in Lordstown.", date="2019-06-10")
    assert find_conflicts([first, later], {a.id: split_sentences(a) for a in (first, later)}) == ()


# ---------------------------------------------------------------- clock times and days of one event


def event_conflicts(*texts: str, dates: tuple[str, ...] = ()):
    articles = [article(f"a{n}", text, date=dates[n - 1] if dates else None) for n, text in enumerate(texts, start=1)]
    return [c for c in find_conflicts(articles, {a.id: split_sentences(a) for a in articles})
            if c.subject.startswith(("time ", "day "))]


def test_two_clock_times_of_one_takeoff_disagree() -> None:
    (found,) = event_conflicts(
        "The small plane took off from the county airport at 8:38 p.m. on Friday.",
        "The plane left the airfield at 8:45 p.m. Friday, officials said.",
    )
    assert found.kind == "conflict" and found.subject == "time the plane took off"
    assert [(v.value, v.citations) for v in found.values] == [("8:38 p.m.", ("a1",)), ("8:45 p.m.", ("a2",))]


def test_a_rough_time_close_to_a_precise_one_is_an_approximation() -> None:
    (found,) = event_conflicts(
        "The small plane took off from the county airport at 8:38 p.m. on Friday.",
        "The plane took off at about 8:40 p.m. Friday, officials said.",
    )
    assert found.kind == "approximation"
    # an unqualified round time is as precise as any other, and a rough one covers 5 minutes
    assert event_conflicts("The plane took off at 8:38 p.m.", "The plane took off at 8:40 p.m.")[0].kind == "conflict"
    assert event_conflicts("The plane took off at about 8:40 p.m.", "The plane took off at 8:50 p.m.")[0].kind == "conflict"


def test_times_agree_at_the_precision_of_the_less_precise() -> None:
    assert event_conflicts("At 9:40:29 p.m., the jet vanished from radar.", "The jet vanished from radar at 9:40 p.m.") == []
    (found,) = event_conflicts("At 9:39 p.m., the jet vanished from radar.", "The jet disappeared from radar at 9:40:29 p.m.")
    assert [v.value for v in found.values] == ["9:39 p.m.", "9:40:29 p.m."]


def test_a_plan_is_not_the_event_and_bounds_are_not_values() -> None:
    assert event_conflicts("The plane was due to land at 10 p.m., the airline said.", "The plane landed at 10:40 p.m.") == []
    assert event_conflicts("The plane landed after 10 p.m., the airline said.", "The plane landed at 10:40 p.m.") == []
    (found,) = event_conflicts(
        "The flight was expected to arrive at about 10 p.m., but never did.",
        "The plane took off at 8:30 p.m. and was due to land at 10:30, the airline said.",
    )
    assert found.subject == "time the plane was due to land" and found.kind == "conflict"


def test_different_or_unsettled_subjects_are_not_one_event() -> None:
    assert event_conflicts("The first plane crashed at 8:46 a.m.", "The second plane crashed at 9:03 a.m.") == []
    assert event_conflicts("The bus left the station at 8:10 a.m.", "The train left the station at 8:25 a.m.") == []
    assert event_conflicts("It took off at 8:10 a.m., the airline said.", "The plane took off at 8:25 a.m.") == []


def test_a_later_report_revising_a_time_is_a_change() -> None:
    (found,) = event_conflicts(
        "The plane vanished from radar at 9:38 p.m., officials said.",
        "The plane vanished from radar at 9:41 p.m., the final report said.",
        dates=("2001-07-17", "2002-07-06"),
    )
    assert found.kind == "change" and [v.value for v in found.values] == ["9:38 p.m.", "9:41 p.m."]


def test_two_days_of_one_crash_disagree() -> None:
    (found,) = event_conflicts(
        "The plane crashed on July 16, officials said.",
        "A report was issued on last year's July 19 crash of the aircraft.",
    )
    assert found.subject == "day the plane crashed" and [v.value for v in found.values] == ["July 16", "July 19"]
    assert event_conflicts("The plane crashed on July 16.", "A report was issued on the July 16, 2001, crash of the plane.") == []


def test_an_event_one_article_times_twice_happens_more_than_once() -> None:
    assert event_conflicts(
        "10:25 a.m. -- The plane leaves Newark. 4:30 p.m. -- The plane leaves Los Angeles.",
        "The plane left the airport at 1:19 a.m., officials said.",
    ) == []


def test_times_told_in_different_zones_are_not_compared() -> None:
    assert event_conflicts("The plane took off at 10:25 a.m. EDT.", "The plane took off at 7:25 a.m. PDT.") == []


def test_the_last_radar_contact_is_when_the_plane_vanished() -> None:
    (found,) = event_conflicts(
        "The last radar signal from the plane was received at 9:38 p.m., officials said.",
        "The plane vanished from radar screens at 9:41 p.m. on Friday.",
    )
    assert found.subject == "time the plane vanished" and found.kind == "conflict"
    assert [v.value for v in found.values] == ["9:38 p.m.", "9:41 p.m."]
    (found,) = event_conflicts(
        "The last contact with the plane came at 9:39 p.m., the agency reported.",
        "Controllers lost radar contact with the plane at 9:44 p.m.",
    )
    assert [v.value for v in found.values] == ["9:39 p.m.", "9:44 p.m."]


def test_radio_contact_is_another_moment_and_a_bare_contact_beside_it_is_unsettled() -> None:
    assert event_conflicts(
        "The last radio contact with the plane came at 9:20 p.m., officials said.",
        "The plane vanished from radar at 9:41 p.m. on Friday.",
    ) == []
    assert event_conflicts(
        "The last radio contact with the plane was at 9:20 p.m. The last contact with the plane came at 9:30 p.m.",
        "The plane vanished from radar at 9:41 p.m. on Friday.",
    ) == []
    # a signal that is not the last one times nothing
    assert event_conflicts("A radar signal from the plane was received at 9:30 p.m.",
                           "The plane vanished from radar at 9:41 p.m.") == []


def test_an_opening_time_dates_the_main_clause() -> None:
    (found,) = event_conflicts(
        "At 9:39 p.m., an hour into the flight _ and 20 miles from the island _ the plane vanished from radar.",
        "The plane vanished from radar at 9:44 p.m. on Friday.",
    )
    assert [v.value for v in found.values] == ["9:39 p.m.", "9:44 p.m."]
    # the main clause is no event: the event of a side clause is not dated by the opening time
    assert event_conflicts(
        "At 9:39, an hour after it had taken off, the plane was ten minutes from the airport.",
        "The plane took off at 8:38 p.m. on Friday.",
    ) == []


def test_a_verb_the_parse_joins_without_and_has_its_own_unsettled_subject() -> None:
    # "crashed" is parsed as joined to "were killed": its subject is not Kennedy
    (found,) = event_conflicts(
        "Kennedy and his wife were killed when the small plane Kennedy was piloting crashed into the sea on July 16.",
        "A report was issued on last year's July 19 crash of the aircraft.",
        "Relatives mourned in private on the first anniversary of the July 16, 2000, crash.",
    )
    assert found.subject == "day the plane crashed"
    assert [(v.value, v.citations) for v in found.values] == [("July 19", ("a2",)), ("July 16, 2000", ("a3",))]


def test_where_the_researchers_work_is_not_where_the_counted_things_are() -> None:
    # DUC 2007 D0724F (unseen reading): US-wide deaths were shown as "deaths in Medford"
    (found,) = conflicts_of(
        "Researchers from Tufts University School of Medicine in Medford, Mass., reported Monday that 280,000 "
        "deaths a year can be attributed to obesity.",
        "About 300,000 deaths a year can be attributed to obesity, researchers said.",
    )
    assert "Medford" not in found.subject


def test_the_ages_of_a_group_are_no_figure() -> None:
    # DUC 2006 D0613D (unseen reading): "24 vs 30 years", the ends of two surveys' age brackets
    assert conflicts_of(
        "Older Gen-Xers rely on the Internet more than do 20- to 24-year-olds, who are first-time buyers.",
        "One fourth of the respondents in the latest study of 14- to 30-year-olds listed staying home as success.",
    ) == ()
