"""Sentences that point at the one before them enter a summary only with it, or not at all."""

import pytest
from builders import article

from newsbrief.evaluate.summary import prepare
from newsbrief.summarize import summarize
from newsbrief.summarize.antecedents import (
    can_lead, introduces, is_cased, needs_antecedent, story_surnames, surnames_in,
)
from newsbrief.summarize.candidates import find_candidates


@pytest.mark.parametrize(
    "text",
    [  # real-style openers from the example story and DUC clusters
        "He will also seek the general's extradition to Spain.",
        "The other issues are counter-terrorism assurances, intra-Afghan dialogue, and a ceasefire.",
        "They are striking examples of how the talks have changed.",
        "The latest round of their negotiations took place in the Persian Gulf state of Qatar.",
        "Then, he said, the shooting started.",
        "``Our people want peace,'' he said.",
        "This is nothing new for D'Amato.",
        "The Taliban, however, rejected the offer.",
        "The plane left with the passenger aboard, but without his luggage.",
        "Both extraterritorial investigations have drawn scorn from the governments.",
        # an answer to a statement not given, a definite description of someone named before
        "Never mind that to date the flu has killed just 144 people worldwide.",
        "As a result, the airline cancelled every flight to the island.",
        "The man, from Hampton East, fell in the glacier area.",
        "The oil giant will try to plug the leaking well on Wednesday.",
        "The daytime talk show host follows a divisive host of last year's awards.",
        "The ceremony will take place at the Kodak Theatre in Los Angeles on February 22.",
        # someone's words outside quotation marks, no speaker named
        "We'll continue to monitor the situation and let the legal process run its course.",
        "The club has always been a positive contributor to our community.",
        "I confirmed yesterday that the mayor had offered him the job.",
        # a group speaking of "he": the group is not him
        "Bloomington Police say he drank so much his blood-alcohol level was 0.41.",
        "Federal prosecutors allege she took bribes from a contractor.",
        # an act named only as the one told before (DUC 2007 D0711C, unseen reading)
        "The Justice Department and 19 states assert that Microsoft did precisely that by bundling its browser.",
        "Several other airlines refused to do so after the crash.",
        # unseen readings, session 19 (D0736H, D31002T): a possessive, a demonstrative
        "Despite its 32 Daytime Emmys, it recently has been challenged by rivals.",
        "The key to this film's approach comes in Ms. Winfrey's introduction.",
        "Thousands jammed a beach outside this Adriatic coastal city on Sunday.",
    ],
)
def test_sentences_pointing_back(text):
    assert needs_antecedent(text)


@pytest.mark.parametrize(
    "text",
    [
        "Garzon said he will seek the general's extradition to Spain.",
        "More than 100,000 people in the area were forced to flee their homes, Red Cross officials said.",
        "Sports officials said their team would win more than 100 golds.",
        "The Taliban also said they want agreement on four issues for any deal to be signed.",
        "It was not immediately clear which clinic was treating Pinochet.",
        "This summer, the sport of bicycle racing has been scandalized by EPO.",
        "Both President Eduardo Frei of Chile and President Carlos Menem of Argentina resisted.",
        "Neither Blair nor Foreign Secretary Robin Cook made public statements about the arrest.",
        "In response to the criticism, officials in Beijing defended the arrests.",
        "The man who shot the guard was arrested in Leeds on Monday.",
        "The radical group Hamas claimed responsibility for the attack.",
        "The plane bound from New York to Geneva crashed off the coast of Nova Scotia.",
        "The first cruise ship to come in was a Norwegian vessel.",
        "The ceremony marking the 50th anniversary of the treaty was held in Rome.",
        "The Academy Awards ceremony will take place on February 22.",
        "The veterans of World War I gathered in Paris on Sunday.",
        "Our correspondent was told that the talks had ended.",
        "LaSalle fled, and police said he was drunk.",
        "Police said LaSalle was drunk when he hit the woman.",
        "Microsoft did the same as its rivals and cut prices for schools.",
        "This week the pope visited the Croatian city of Split.",
        "``I love this country,'' the pope told a crowd in Split on Sunday.",
        "Andrew Jackson won the vote in Tennessee on Tuesday.",
    ],
)
def test_sentences_standing_alone(text):
    assert not needs_antecedent(text)


def test_a_lead_must_stand_alone_and_name_something():
    assert can_lead("Baltasar Garzon, a Spanish magistrate, filed a request to question Pinochet on Wednesday.")
    assert not can_lead("He filed a request to question Pinochet on Wednesday.")


STORY = (
    "Baltasar Garzon, a Spanish magistrate, filed a request to question Pinochet on Wednesday. "
    "He will also seek the general's extradition to Spain. "
    "The weather in London stayed mild for the whole week of the arrest.\n\n"
    "They said nothing more about the case before the hearing in the court."
)


def test_a_sentence_pointing_back_is_a_candidate_only_after_its_lead():
    articles, sentences = prepare([article("a1", STORY, date="1998-10-17")])
    candidates = find_candidates(articles, sentences, 100)
    texts = [c.text for c in candidates]
    joined = next(c for c in candidates if c.parts)
    assert joined.text == (
        "Baltasar Garzon, a Spanish magistrate, filed a request to question Pinochet on Wednesday. "
        "He will also seek the general's extradition to Spain."
    )
    assert [p.sentence.index for p in joined.parts] == [0, 1]
    assert "He will also seek the general's extradition to Spain." not in texts
    # its lead does not name a group "they" could stand for: left out
    assert not any(t.startswith("They said") for t in texts)


def test_a_joined_unit_is_shown_as_its_two_sentences_each_with_its_exact_span():
    text = STORY.replace("The weather in London stayed mild for the whole week of the arrest.", "")
    articles, sentences = prepare([article("a1", text, date="1998-10-17")])
    summary = summarize(articles, sentences, words=100)
    texts = [s.text for s in summary]
    assert "He will also seek the general's extradition to Spain." in texts
    at = texts.index("He will also seek the general's extradition to Spain.")
    assert at > 0 and texts[at - 1].startswith("Baltasar Garzon")
    for item in summary:
        span = item.spans[0]
        assert articles[0].text[span.start : span.end] == item.text


def test_lower_cased_text_is_judged_by_its_openers_only():
    # Multi-News articles are lower-cased but for sentence starts: no capital tells a name
    text = "Former rep. corrine brown was convicted on thursday. She faces up to 20 years. the jury said her charity was a sham."
    assert not is_cased(text)
    assert is_cased("Sen. Paul Wellstone said the Senate would vote on Friday with Rep. Henry Hyde.")
    assert not needs_antecedent("a jury found that her charity was a sham.", cased=False)
    assert needs_antecedent("She faces up to 20 years in prison.", cased=False)


def test_a_person_is_introduced_before_their_surname_stands_alone():
    story = [
        "Vishwanand Subryan, 23, was charged with manslaughter, police said. Subryan fled the scene.",
        "Police Const. Tim Fanning said the gunman entered at 4 p.m. Fanning said police came at once.",
        "New Zealand police said the climber fell. The White House said the President would visit.",
    ]
    surnames = story_surnames(story, {"Subryan", "Fanning", "Zealand", "House", "Tim"})
    assert surnames == {"Subryan", "Fanning"}
    assert surnames_in("Subryan fled the scene, but was arrested nearby.", surnames) == (["Subryan"], set())
    assert surnames_in("Vishwanand Subryan, 23, was charged.", surnames)[1] == {"Subryan"}


def test_a_given_name_may_stand_alone_in_quotes():
    # a producer calls the host by his given name; the surname is still a person's ("Mr. Jackman")
    story = [
        "Hugh Jackman will host the awards. Mr. Jackman, 40, starred in a musical.",
        '"Hugh is the ideal host," the producer said. Hugh Jackman was named on Friday.',
        "Philadelphia Eagles fans cheered. In Philadelphia, the Eagles said they lost. Philadelphia is cold.",
        "Hong Kong's Cathay Pacific may invest. Hong Kong's Cathay Airways, a manager of Cathay, said so.",
        "Hong Kong's economy slowed.",
    ]
    assert story_surnames(story, {"Jackman", "Eagles", "Cathay"}) == {"Jackman"}


def test_the_summary_introduces_a_person_before_naming_them_alone():
    arts = [
        article("a1", "Subryan fled the scene of the crash in Queens, but police arrested him nearby. "
                "The weather in the city stayed mild for the whole week of the crash.", date="2013-09-14"),
        article("a2", "Vishwanand Subryan, 23, was charged with vehicular manslaughter and leaving the scene, "
                "police said. Subryan was held on bail.", date="2013-09-14"),
        article("a3", "The woman who was struck near the temple died at the hospital, her family said.",
                date="2013-09-15"),
    ]
    articles, sentences = prepare(arts)
    texts = [s.text for s in summarize(articles, sentences, words=60)]
    full = next(k for k, t in enumerate(texts) if "Vishwanand Subryan" in t)
    alone = [k for k, t in enumerate(texts) if t.startswith("Subryan")]
    assert alone and all(full < k for k in alone), texts


@pytest.mark.parametrize(
    "text",
    [  # openers pointing back at a vehicle, place or group the sentence does not name
        "On board were the pilot's wife and her sister.",
        "Onboard was a crew of six.",
        "Aboard were two pilots and a flight attendant.",
        "Aboard the plane were three passengers from Ohio.",
        "Also aboard was a family of four.",
        "Killed in the crash were the pilot and a student.",
        "Killed were a mother and her two sons.",
        "Also injured were four firefighters.",
        "Among them were two Americans and a Briton.",
        "Among those on board were a senator and his aide.",
        "Among the dead was a firefighter.",
        "Among the victims were two children.",
        "All three were pronounced dead at the scene.",
        "Two of them were taken to hospital.",
        "None of them was hurt in the blast.",
        "The victims were identified on Sunday.",
        "The dead included a policeman and two guards.",
        "The five were arrested at the border.",
        "There, police found a second device.",
        "Inside were two bags of cash and a pistol.",
    ],
)
def test_openers_pointing_back_at_a_vehicle_place_or_group(text):
    assert needs_antecedent(text)


@pytest.mark.parametrize(
    "text",
    [  # the vehicle, place or group is named, or nothing is pointed at
        "Aboard Air Force One were the president and three senators.",
        "On board the USS Cole were 293 sailors.",
        "Among the dead in Nairobi were 12 Americans.",
        "Among Clinton's guests were two senators.",
        "There were 10 people on the bus when it crashed.",
        "Killed Tuesday in a raid in Gaza, the militant leader was 45.",
        "Rescuers found the wreckage of the plane on Sunday.",
    ],
)
def test_openers_naming_their_vehicle_place_or_group(text):
    assert not needs_antecedent(text)


def candidates_of(story: str, day: str):
    """The summary candidates of a one-article story (units joined where an opener needs it)."""
    articles, sentences = prepare([article("a1", story, date=day)])
    return find_candidates(articles, sentences, 100)


def test_an_on_board_sentence_enters_only_after_the_sentence_telling_the_flight():
    story = (
        "Jane Doe took off from Teterboro Airport at 8 p.m. Friday, flying a small single-engine plane. "
        "On board were her husband, Tom Doe, and his brother Max.\n\n"
        "The weather over Long Island was hazy for the whole evening of the flight.\n\n"
        "On board were two crates of medical supplies for the island clinic."
    )
    candidates = candidates_of(story, "1999-07-17")
    texts = [c.text for c in candidates]
    joined = next(c for c in candidates if c.parts)
    assert [p.text for p in joined.parts] == [
        "Jane Doe took off from Teterboro Airport at 8 p.m. Friday, flying a small single-engine plane.",
        "On board were her husband, Tom Doe, and his brother Max.",
    ]
    assert not any(t.startswith("On board") for t in texts)  # never alone
    # the second: alone it never enters (at most as a unit with the sentence before it)
    assert "On board were two crates of medical supplies for the island clinic." not in texts


@pytest.mark.parametrize(
    "text",
    [  # an event or document the sentence does not say which of: the one told before
        "The federal lawsuit contends the company encouraged users to trade songs without permission.",
        "The suit seeks $10 million in damages from the three colleges.",
        "The deal would give the union a seat on the board.",
        "The ruling is expected to be appealed.",
        "The investigation is continuing, a spokesman said.",
        "The attack came a day after a car bomb killed a police chief.",
        "The strike, the longest in 20 years, ended on Friday.",
        "The proposed settlement still needs a judge's approval.",
        "The lawsuits were consolidated in a federal court.",
        "The agency's report is supposed to be published next month.",
    ],
)
def test_a_nameless_event_as_subject_points_back(text):
    assert needs_antecedent(text)


@pytest.mark.parametrize(
    "text",
    [  # the noun phrase says which event itself
        "The lawsuit filed by the band names three universities.",
        "The lawsuit against the software company was filed in April.",
        "The Metallica lawsuit names three universities.",
        "The lawsuit Metallica filed names three universities.",
        "The plan to build a dam on the river was dropped.",
        "The 1996 crash killed 230 people.",
        "The report released Monday says 40 percent of users are students.",
        "The deal reached last week gives the union a seat on the board.",
        "The investigation into the crash is continuing.",
        "The report saying the plant was safe was wrong.",
        "The lawsuit, which was filed in April, names three universities.",
        "The crash of TWA Flight 800 killed 230 people.",
        "The department said 712 strikes have occurred so far this year.",
        "The settlement of Efrat lies south of Jerusalem.",
    ],
)
def test_an_event_the_sentence_names_stands_alone(text):
    assert not needs_antecedent(text)


def test_a_nameless_lawsuit_enters_only_after_the_sentence_telling_it():
    story = (
        "The heavy metal band Metallica sued the software maker Napster and three universities on Thursday.\n\n"
        "The federal lawsuit contends the schools let students trade copyrighted songs without permission.\n\n"
        "Students at the three universities had swapped songs for months before the spring term ended.\n\n"
        "The suit seeks at least $10 million in damages from each of the defendants in the case."
    )
    texts = [c.text for c in candidates_of(story, "2000-04-14")]
    assert not any(t.startswith(("The federal lawsuit", "The suit")) for t in texts)  # never alone
    assert any(t.startswith("The heavy metal band") and "The federal lawsuit" in t for t in texts)


def test_full_names_with_particles_introduce_the_person():
    names = frozenset({"Klerk", "Hage", "Graham"})
    assert surnames_in("Former president F.W. de Klerk went to court.", names) == ([], {"Klerk"})
    assert surnames_in("Last month, el Hage was arrested in Texas.", names) == (["Hage"], set())
    assert surnames_in("Graham's case drew protests.", names) == (["Graham"], set())


def test_a_sentence_opening_word_is_no_given_name():
    # "Although Chile ..." at a sentence's start: Chile is no one's surname
    story = ["Although Chile said it would protest, the talks went on. Chile said so again, officials said."]
    assert story_surnames(story, {"Chile"}) == frozenset()



def test_cased_counts_capitals_past_a_sentence_start_only():
    # 100 words, one capital past a sentence's start: cased; a capital opening a sentence does not count
    words = " ".join(["word"] * 97)
    assert is_cased(f"Start {words} met Karzai.")
    assert not is_cased(f"Start {words}. Then rain.")
    assert not is_cased(f"Start {words}? McCain left.")


@pytest.mark.parametrize(
    ("text", "told"),
    [  # summary sentences of session 14's and 15's unseen readings that no reader could place
        ("The European Institute for Computer Anti-Virus has warned earlier that the virus was spreading world-wide.",
         "virus"),
        ("Stevens and Manson said the study probably understates the risks of obesity for black women.", "study"),
        ("Tea sales made up only 1 percent of that total, chief executive Howard Schultz said.", "total"),
        ("Tribal leaders figured that slot machines would provide new revenue for the tribe's 1,200 members.", "tribe"),
        ("``There was some hugging at the end of the show,'' David said in a conference call.", "show"),
        ("China will cooperate with the International Wetlands Organization, the official said.", "official"),
    ],
)
def test_a_definite_description_of_a_thing_told_before_points_back(text, told):
    assert needs_antecedent(text, told={told, "and", "the"})
    assert not needs_antecedent(text)  # the first sentence of its article: nothing told before


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("Melissa is a virus that spreads by e-mail, and the virus Melissa reached 100,000 computers.", "virus"),
        ("A spokesman for ExxonMobil in Dallas said the company recognizes the potential for climate change.",
         "company"),
        ("The study of 1,000 women in Boston found no link.", "study"),
        ("Albright raised the settlement issue during talks with Sharon.", "settlement"),
        ("Sales in the book market rose 3 percent last year.", "book"),
    ],
)
def test_a_definite_description_that_says_which_or_a_compound_does_not(text, told):
    assert not needs_antecedent(text, told={told})


def test_a_sentence_opening_the_district_or_a_kept_connective_points_back():
    # DUC 2006 D0610A (unseen reading): which district? which couples?
    text = "The school district doesn't keep figures on how many home-schooling students enroll in classes."
    assert needs_antecedent(text, told={"district", "schools"})
    assert needs_antecedent("Meanwhile, both couples continued teaching their children at home.")
    assert not needs_antecedent("Meanwhile, Kansas voters ousted three conservatives on the board.")


def test_the_virus_is_unclear_even_where_the_article_never_said_virus():
    # DUC 2007 D0728G (unseen reading): after "Hepatitis C is predominantly a blood borne disease."
    text = "Eighty-five percent of people infected with the virus will develop chronic hepatitis."
    assert needs_antecedent(text, told={"hepatitis", "disease"})
    assert not needs_antecedent("Birds infected with West Nile virus become carriers of the virus.", told={"birds"})


def test_a_thing_pointed_back_at_enters_only_after_a_sentence_that_says_which():
    text = (
        "The highly destructive Hare KRSNA computer virus is poised to strike on August 22, sources said. "
        "The European Institute for Computer Anti-Virus has warned earlier that the virus was spreading.\n\n"
        "Microsoft spokesman Adam Sohn said programmers worked with makers of anti-virus programs on a fix. "
        "If a computer user opens an infected document, the virus propagates itself by reading the address book."
    )
    articles, sentences = prepare([article("a1", text, date="1998-08-19")])
    units = [c for c in find_candidates(articles, sentences, 100) if c.parts]
    # the Hare KRSNA sentence says which virus; the one about anti-virus programs does not
    assert [[p.sentence.index for p in unit.parts] for unit in units] == [[0, 1]]
    assert introduces("Researchers at Harvard published a study.", "study")
    assert not introduces("The unusually destructive virus tries to erase a hard drive.", "virus")
    assert not introduces("Makers of anti-virus programs worked on a fix.", "virus")
