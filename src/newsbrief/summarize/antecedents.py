"""Sentences that lean on the one before them, and whether that one can stand in.

A summary sentence is read without its article around it. "He will also seek the
general's extradition to Spain.", "The other issues are counter-terrorism
assurances ..." or "The latest round of their negotiations took place in Qatar."
then point at nothing: who is he, which other issues, whose negotiations? Such a
sentence enters a summary only right after the sentence that names what it points
at (``candidates`` joins the two into one unit), or not at all.

The text is never rewritten ("He" -> "Garzon"): every summary sentence is an exact
span of its article, so a reader can check it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .text import STOP_WORDS, CaselessPattern

# Openers that point back: a pronoun or determiner standing for something said
# before, a word that continues an argument ("Then", "Instead"), "the other ...".
_POINTING_OPENER = re.compile(
    r"^[\"'`‘“]*(?:He|She|They|It|This|That|These|Those|His|Her|Their|Its|Them|Such|Another|"
    r"Then|Thus|Therefore|Hence|Instead|Otherwise|Similarly|Likewise|Also|However|But|Yet|"
    r"(?:Despite|Unlike|Like|Besides|Beyond) (?:its|his|her|their)|"
    r"The (?:other|latter|former|same|two|three|four|pair|couple)|Other|Others|"
    r"(?:Both|Neither|Either)(?! [A-Z]))\b"  # "Both men", not "Both President Frei and ..."
    r"(?! (?:morning|afternoon|evening|week|weekend|month|year|spring|summer|fall|autumn|winter)\b)"
)  # "This summer, ..." is a date
# A demonstrative standing for a place or a work named before ("jammed a beach outside this
# Adriatic coastal city", "The key to this film's approach": D31002T, D0736H, unseen readings,
# session 19): the dateline or the sentence before named it. Times ("this week") are dates.
_THIS_THING = re.compile(
    r"\b[Tt]his (?:[A-Z]?[a-z]+ ){0,3}(?:city|town|village|capital|country|nation|island|port|region|province|"
    r"state|county|district|film|movie|book|novel|show|series|program|programme|play|album|song|article|story)\b"
)
# Openers that answer or weigh a statement the reader has not been given: "Never mind that
# to date the flu has killed 144 people." (after the pandemic declaration), "Even so, ...",
# "As a result, ...", "In response, ..." (but "In response to criticism, ..." says to what).
_DISCOURSE_OPENER = re.compile(
    r"^[\"'`‘“]*(?:Never mind\b|That is why\b|That's why\b|"
    r"(?:Even so|Even then|As a result|In response|In turn|In fact|Indeed|After all|Nonetheless|"
    r"Nevertheless|Consequently|Accordingly|Furthermore|Besides|By contrast|In contrast|"
    r"On the other hand|On the one hand|Worse|What's more|Instead),)"
)
# A connective the candidate keeps because a lowercase word follows it ("Meanwhile, both couples
# ...", "In addition, the company has ..."): in a cased text what follows then points back (in a
# lower-cased one a name may follow it: "meanwhile, trump said").
_KEPT_CONNECTIVE = re.compile(r"^(?:Meanwhile|In addition|Additionally|Also|Moreover|Still),\s+(?=[a-z])")
# Openers that point back at a vehicle, place or group the sentence does not name: "On board
# were Kennedy's wife ... and her sister." (on board what?), "Aboard the plane was ...",
# "Killed in the crash were ...", "Also aboard was ...", "Among them were ...", "Among the dead
# was ...", "All three were ...", "Two of them ...", "The victims were ...", "There, police
# found ...". They follow the sentence that tells the trip, the crash or the group. Words in
# lower case only may stand between the opener and its verb ("Among those on board were"): a
# name among them says what is meant ("Aboard Air Force One were ...", "Among the dead in
# Nairobi were ..."), and so does a clause ("Killed Tuesday in ..." is no opener of this kind).
_COPULA = r"(?:were|was|are|is|included|include|includes)\b"
_GROUP_OPENER = re.compile(
    r"^[\"'`‘“]*(?:"
    # a place or vehicle, or what happened there, as the inverted subject's frame
    r"(?:Also )?(?:[Oo]n ?board|[Aa]board|[Kk]illed|[Ii]njured|[Hh]urt|[Ww]ounded|[Mm]issing|[Rr]escued|[Dd]ead|"
    r"[Ii]nside)(?: (?:in|on|at|aboard|inside) )?(?: ?(?:the|its|their|his|her) (?:[a-z][\w'’-]* ){0,3})? ?" + _COPULA +
    # a group given before
    r"|Among (?:them|those|these)\b"
    r"|Among (?:the|its|their|his|her) (?:[a-z][\w'’-]* ){1,4}" + _COPULA +
    r"|(?:All|None|Some|Many|Most|Each|One|Two|Three|Four|Five|Six|Several|Few|Half|Neither|Either|Both) "
    r"of (?:them|those|these|whom)\b"
    r"|All (?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?![-’'])"
    r"|All (?:were|are|was|had|have|died|survived)\b"
    r"|The (?:five|six|seven|eight|nine|ten|dozen|trio)\b(?![-’'])"
    r"|The (?:dead|victims|passengers|survivors|crew|injured|wounded|hostages|missing) " + _COPULA +
    # a place: "There, ..." (not "There were 10 ...": nothing is pointed at)
    r"|(?:There|Inside|Nearby),"
    r")"
)
# A definite description of a person, company, vessel or occasion as the subject, with no name in it:
# "The man, from Hampton East, fell ...", "The oil giant will try ...", "The daytime talk
# show host follows ...": which man, which giant? It names someone the article named the
# sentence before. A relative or participle after it identifies the referent itself ("The
# man who shot ...", "The man accused of ..."), and so does a name inside ("The US company")
# or right after it, and an ordinal ("The first cruise ship ...").
_ROLES = (
    "man|woman|men|women|boy|girl|child|teenager|suspect|victim|gunman|shooter|attacker|driver|climber|"
    "host|star|singer|actor|actress|comedian|player|coach|officer|soldier|pilot|couple|pair|duo|"
    "company|firm|giant|group|business|team|club|agency|airline|carrier|bank|lender|retailer|maker|"
    "network|organisation|organization|ship|vessel|warship|plane|aircraft|spokesman|spokeswoman|"
    # occasions: "The ceremony will take place at the Kodak Theatre on February 22." (which?)
    "ceremony|gala|festival|concert|telecast|event"
)
_DEFINITE_ROLE = re.compile(
    rf"^[\"'`‘“]*The (?!(?:first|last|only|second|third|next|same)\b)(?:(?!(?:of|in|for|and|with|from|at|on|to)\b)[a-z0-9][\w'’-]* ){{0,3}}(?:{_ROLES})\b"
    r"(?![-'’])(?!,? [A-Z])"  # "The radical group Hamas", "The pilot, Kevin Uliassi, ...": named
    r"(?! (?:who|that|whose|which|accused|suspected|charged|arrested|behind|responsible|named|known|"
    r"convicted|wanted|said to|believed)\b)"
    # a participle with its complement: "The plane bound from New York to Geneva crashed ..."
    r"(?! (?:\w+ed|\w+ing|bound|found|shot|held|hit|caught|seen|struck|taken|hurt|built|run|owned) "
    r"(?:from|in|at|by|on|to|with|for|near|into|off|over|after|during|under|outside|inside)\b)"
    r"(?! \w+ing (?:the|a|an|his|her|its|their)\b)"  # "The ceremony marking the 50th anniversary ..."
)
# A definite event or document as the nameless subject: "The federal lawsuit contends ...", "The
# deal would give ...", "The attack killed 12 people.": which lawsuit, deal, attack? The one the
# article told before. The noun phrase says which one itself when a name stands in it or right
# after it ("The Metallica lawsuit", "The lawsuit Metallica filed"), a number before the noun ("The
# 1996 crash"; "The department said 712 strikes ..." has no such subject either), or a complement
# after it: a preposition ("The lawsuit against Napster", "The plan to build ..."), a participle
# ("The suit filed by ...", "The deal reached Monday", "The report saying ..."), a relative clause
# or a date ("The ruling Monday ...").
_EVENTS = (
    "lawsuit|suit|case|ruling|decision|verdict|injunction|trial|deal|agreement|accord|settlement|merger|"
    "investigation|probe|inquiry|report|study|survey|plan|proposal|bill|measure|law|"
    "attack|bombing|blast|explosion|crash|accident|strike|shooting"
)
# Words that end a noun phrase's modifiers ("The investigation into the crash": the noun is "investigation").
_FUNCTION_WORD = (
    r"(?:of|in|into|for|and|or|but|with|from|at|on|to|by|over|against|between|about|after|before|the|a|an|"
    r"his|her|its|their|this|that|is|was|are|were|has|had|have|will|would|said|says|told)"
)
_DATE_WORD = (
    r"(?:last|this|next|yesterday|today|tonight|earlier|recently|on|in|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|\d)"
)
_DEFINITE_EVENT = re.compile(
    rf"^[\"'`‘“]*The (?!(?:first|last|only|second|third|next|same)\b)"
    rf"(?:(?!{_FUNCTION_WORD}\b)(?!\d+\b)[a-z0-9][\w'’-]* ){{0,3}}(?:{_EVENTS})s?\b"
    r"(?![-'’])(?!,? [A-Z])(?!,? \d)"  # "The lawsuit Metallica filed", "The crash, 1998, ...": named
    r"(?!,? (?:who|that|whose|which|where|when)\b)"
    r"(?!,? (?:of|against|by|in|on|at|over|into|between|with|from|for|to|about|involving|under|after|before|"
    r"during|near|among|across|toward|towards|concerning|regarding|targeting|stemming|arising)\b)"
    rf"(?!,? (?:\w+ed|\w+en|made|won|lost|brought|sought|held|set|struck|signed|reached|put|hit|shot|built|"
    rf"run|begun|read|heard|laid|paid|led|sent|spent|told|sold|found|caught) (?:by|in|on|at|against|with|from|"
    rf"for|to|over|into|after|during|under|near|between|{_DATE_WORD})\b)"
    rf"(?! \w+ing\b)(?! {_DATE_WORD}\b)"  # "The report saying ...", "The ruling Monday ..."
)
# Someone's own words outside quotation marks with no speaker: "We'll continue to monitor the
# situation." and "The Chargers have always been leaders ... in our community." are the
# sentences of a statement whose "said" stands in the sentence before (a quotation running
# over paragraphs opens only once); "I confirmed yesterday that ..." is a blogger's. The
# first person outside quotes, in a sentence that names no speaker, points back.
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|[Mm]y|me|I)\b")
_PRONOUN_I = re.compile(r"I(?:['’](?:m|ve|d|ll)\b|\s+[a-z])")
_SPEAKER_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|according|stated|declared|announced|wrote|writes|asked|"
    r"noted|insisted|explained|recalled|replied|quoted)\b"
)
# An act the sentence names only as the one told before: "The Justice Department asserts that
# Microsoft did precisely that by bundling its browser" (did what? D0711C, unseen reading), "refused
# to do so", "did the same".
_DONE_BEFORE = re.compile(
    r"\b(?:did|do|does|doing|done)\s+(?:(?:precisely|exactly|just)\s+(?:that|this)|the\s+same|likewise|so)\b"
    r"(?!\s+(?:as|with|for|much|many|far|long)\b)")
# "It is not known how ...", "It was not immediately clear which ...": an "it" that stands for nothing.
_EMPTY_IT = re.compile(
    r"^It (?:is|was|has been|had been|seems|seemed|appears|appeared|remains|remained) (?:not )?(?:yet )?"
    r"(?:\w+ly )?\w+ (?:that|how|whether|to|if|what|who|when|why|which)\b"
)
# A contrast with what came before, in the sentence's first clause ("The Taliban, however,
# ..."). "also" after a named subject is left alone: "Spokesman Robert Palladino also said
# ..." reads well by itself; after a pronoun the pronoun decides.
_CONTRAST = CaselessPattern(r"(?:^|,\s*)however\b", needed=("however",))
# Third-person pronouns of people and groups: with no name before them in the sentence,
# they point at someone named earlier ("Then, he said, the shooting started.").
_PERSONS = frozenset("he she him his her hers".split())
_PRONOUN = CaselessPattern(r"\b(?:he|she|him|his|her|hers|they|them|their|theirs)\b")
# One capitalized word past a sentence's start per this many words at least: a cased text.
CASED_WORDS = 100
# (the capital first, what stands before it looked behind from there: ``re`` jumps from
# capital to capital instead of trying every position of the article; the same matches)
_MID_CAPITAL = re.compile(r"[A-Z](?<=\s[A-Z])(?<![.!?\"'”’\n] [A-Z])[a-z]")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
# Capitalized words that name no one (beside the stop words).
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yet meanwhile earlier later last next".split()
)
# A noun in the plural ("officials", "rebels"): a group the sentence names itself.
_PLURAL = re.compile(r"^[a-z]{3,}(?<![su])s$")
_NOT_PLURAL = frozenset("this its has was is us as his hers does yes thus less unless across perhaps whereas".split())
# Plurals without an -s and nouns for groups, which "they" and "their" may stand for.
_GROUPS = frozenset(
    "people police men women children staff military crowd public government team family families "
    "couple pair company party army navy".split()
)


def needs_antecedent(text: str, cased: bool = True, told: Collection[str] = ()) -> bool:
    """Whether ``text`` points at something it does not say itself (see the module doc).
    In a lower-cased article (``cased`` False: Multi-News) no capital tells a name, so
    only the openers count. ``told``: the words of the article's sentences before this
    one, where a thing a definite description points back at was told (``points_back``)."""
    if (_POINTING_OPENER.match(text) and not _EMPTY_IT.match(text)) or _CONTRAST.search(_first_clause(text)):
        return True
    if told and cased and points_back(text, told):
        return True
    if _DISCOURSE_OPENER.match(text) or _GROUP_OPENER.match(text) or _DONE_BEFORE.search(text):
        return True
    outside = _outside_quotes(text) if ("``" in text or "“" in text or '"' in text) else text
    if cased and _THIS_THING.search(outside):
        return True
    if cased and (_definite_nameless(text) or _KEPT_CONNECTIVE.match(text)):
        return True
    if _first_person(outside) and not _SPEAKER_VERB.search(text):
        return True
    if not cased:
        return False
    pronoun = _PRONOUN.search(outside)
    if pronoun is None:
        return False
    if pronoun.group().lower() in _PERSONS:  # "Polls project that he ...": a plural names no "he"
        before = _WORD.findall(_without_group_speaker(outside[: pronoun.start()]))
        return not any(_is_name(w) and not (k == 0 and _is_plural(w.lower())) for k, w in enumerate(before))
    before = _WORD.findall(outside[: pronoun.start()])
    return not any(_is_name(w) or _is_plural(w) for w in before)


# A definite description anywhere in the sentence of a thing, a group or an event that the
# article told before: "has warned earlier that the virus was spreading", "said the study
# probably understates the risks", "Tea sales made up only 1 percent of that total", "the
# tribe's 1,200 members", "at the end of the show", "..., the official said". Which virus,
# study, total, tribe, show, official? The one the sentences before named ("the Hare virus",
# "a study in the New England Journal"); read alone, the sentence does not say. A name, a
# number or a complement right after the noun says which ("the virus Melissa", "the study of
# 1,000 women", "the show that ..."); a noun the article never used before is no pointer
# back ("the government", "the police": known to every reader).
_BACK_NOUNS = frozenset(
    (
        "virus worm program show series film movie book album song study report survey poll research findings "
        "statement letter document memo judgment verdict ruling award settlement total figure figures tally count "
        "tribe reservation couple family company firm agency group organization official officials spokesman "
        "spokeswoman suspect victim victims patient patients project plan proposal bill measure deal agreement "
        "case lawsuit suit trial hearing meeting conference session summit talks campaign drug treatment vaccine "
        "disease outbreak product device scheme system site center facility building district board"
    ).split()
)
# Nouns of things there are many of, which "the" alone never says which of, told before or not:
# "people infected with the virus" after "Hepatitis C is predominantly a blood borne disease."
_KINDS = frozenset("virus disease drug vaccine study survey report district board".split())
# "the", then none, one or two modifiers, then the noun: one pattern per count of modifiers, so
# that "The school district" is tried as "school" and as "district"; each a lookahead, so that
# "that the virus" is tried at "that" and at "the".
_BACK_DESCRIPTIONS = tuple(
    re.compile(
        r"(?<![\w'’-])(?=(?:[Tt]he|that|those|these)\s+(?:(?!(?:first|last|only|same|next|other|new|whole|entire)\b)"
        rf"[a-z][\w'’-]*\s+){{{count}}}(?P<noun>[a-z]+)(?P<end>(?:['’]s)?)\b)"
    )
    for count in range(3)
)
_SAYS_WHICH = re.compile(
    r"(?![-'’])(?:,?\s+(?:[A-Z]|\d|who\b|that\b|which\b|whose\b|of\b|in\b|on\b|against\b|by\b|to\b|for\b|about\b|"
    r"called\b|named\b|known\b|\w+ed\s+(?:by|in|on|at|last|this|to)\b))"
)


def points_back(text: str, told: Collection[str]) -> bool:
    """Whether ``text`` holds a definite description of a thing the article told before it
    without saying which (``pointed_at``)."""
    return bool(pointed_at(text, told))


def pointed_at(text: str, told: Collection[str]) -> list[str]:
    """The nouns of the definite descriptions in ``text`` (``_BACK_DESCRIPTIONS``) of things
    the article told before it (the noun in ``told``) that do not say which (``_SAYS_WHICH``).
    Quotes count: a quote's "the show" is as unclear to the reader as the narration's."""
    nouns = []
    for match in (found for pattern in _BACK_DESCRIPTIONS for found in pattern.finditer(text)):
        noun, end = match.group("noun"), match.end("end")
        if noun not in _BACK_NOUNS or (noun not in told and noun.rstrip("s") not in told and noun not in _KINDS):
            continue
        if not match.group("end") and (_SAYS_WHICH.match(text, end) or _COMPOUND_HEAD.match(text, end)):
            continue  # (after "the tribe's" stands what the tribe has, not which tribe)
        if noun in _NAMED_BODIES and any(_is_name(w) for w in _WORD.findall(text[: match.start()])[1:]):
            continue  # "a spokesman for ExxonMobil, said the company recognizes ...": the name before
        if noun not in _NAMED_BODIES and introduces(text[: match.start()], noun):
            continue  # "birds infected with West Nile virus become carriers of the virus"
        nouns.append(noun)
    return nouns


def introduces(text: str, noun: str) -> bool:
    """Whether ``text`` says which thing ``noun`` is, so that a "the <noun>" after it reads:
    a name beside the noun ("the Melissa virus", "Hare KRSNA computer virus", "a virus called
    Melissa") or the noun brought in ("a new study"); "anti-virus programs" names no virus. A
    company or a group may be any name of it."""
    if noun in _NAMED_BODIES:
        return any(_is_name(w) for w in _WORD.findall(text))  # "Starbucks bought Tazo. The company ..."
    stem = re.escape(noun.rstrip("s"))
    return bool(re.search(
        rf"(?:\b(?:a|an|another|one)\s+(?:[\w'’-]+\s+){{0,3}}|(?<![\w-])(?!{_DETERMINERS}\b)[A-Z][\w.&'’-]*\s+"
        rf"(?:[\w'’-]+\s+){{0,2}})"
        rf"{stem}s?\b|(?<![\w-]){stem}s?,?\s+(?:[A-Z]|called\b|named\b|known\b)", text))


# Capitalized words that open a noun phrase without naming it ("The unusually destructive virus").
_DETERMINERS = "(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|Such|Another)"
# The noun modifying another ("the book market", "the settlement issue"): the head after it is
# a thing of the world, not one told before.
_COMPOUND_HEAD = re.compile(
    r"\s+(?:market|markets|industry|industries|issue|issues|problem|problems|business|sector|world|price|prices|"
    r"companies|makers?|rates?|process|policy|policies|season|era|age|culture)\b"
)
# Bodies a name earlier in the sentence may be ("ExxonMobil ... the company").
_NAMED_BODIES = frozenset("company firm agency group organization tribe family couple board district".split())


def _definite_nameless(text: str) -> bool:
    """Whether ``text`` opens with a definite person, company, occasion or event that it does not name."""
    return bool(_DEFINITE_ROLE.match(text) or _DEFINITE_EVENT.match(text))


# A group speaking right before a "he" or "she" ("Bloomington Police say he drank ...",
# "Federal prosecutors allege she ..."): the group is not the person the pronoun means, so
# its words name no one for it.
_GROUP_SPEAKER = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+)*(?P<head>[A-Za-z][\w'’-]*)\s+(?:say|says|said|allege|alleges|alleged|believe|believes|"
    r"believed|told reporters|reported)\s+(?:that\s+)?$"
)


def _without_group_speaker(before: str) -> str:
    """``before`` (the text before a pronoun) without a group speaking right before the pronoun."""
    frame = _GROUP_SPEAKER.search(before)
    if frame is None or not _is_plural(frame.group("head").lower()):
        return before
    return before[: frame.start()]


def _first_person(text: str) -> bool:
    """Whether ``text`` speaks in the first person ("I" the pronoun: not "World War I")."""
    for match in _FIRST_PERSON.finditer(text):
        if match.group() != "I":
            return True
        before = text[: match.start()].rstrip()
        if _PRONOUN_I.match(text, match.start()) and not before.rsplit(" ", 1)[-1][:1].isupper():
            return True
    return False


def can_lead(text: str, cased: bool = True) -> bool:
    """Whether ``text``, standing right before a sentence that needs it, can give the
    reader what that sentence points at: it must stand alone itself and name someone
    or something (a capitalized name past its first word, or a group in the plural)."""
    if needs_antecedent(text, cased):
        return False
    if not cased:
        return True  # no capital tells a name: any statement may name what the next points at
    words = _WORD.findall(text)
    return any(_is_name(w) or _is_plural(w) for w in words)


def _first_clause(text: str) -> str:
    return text.split(";")[0][:120]


def _outside_quotes(text: str) -> str:
    """The text without what stands inside quotation marks (a quote's "he" is the speaker's business)."""
    return re.sub(r"``.*?''|“.*?”|\".*?\"", " ", text)


def _is_name(word: str) -> bool:
    """A capitalized word that is not a function word ("The", "When"): a name, or a
    sentence's first noun ("Police said he ..."), which may be what the pronoun means."""
    lowered = word.lower()
    return word[:1].isupper() and lowered not in STOP_WORDS and lowered not in _NOT_NAMES


def _is_plural(word: str) -> bool:
    return (bool(_PLURAL.match(word)) and word not in _NOT_PLURAL) or word in _GROUPS


def is_cased(text: str) -> bool:
    """Whether names in ``text`` are capitalized: at least one capitalized word past a
    sentence's start per CASED_WORDS words (Multi-News articles are lower-cased but for
    their sentences' first letters)."""
    words = len(text.split())
    return words == 0 or len(_MID_CAPITAL.findall(text)) * CASED_WORDS >= words


# --------------------------------------------------------------------------- surnames
#
# "Subryan fled the scene, but was arrested nearby." reads alone only after a sentence
# has said who Subryan is ("Vishwanand Subryan, 23, was charged ..."). A person is
# introduced by their full name or a title ("Police Const. Tim Fanning", "Mr Obama");
# later sentences use the surname alone. A surname is a capitalized word that follows a
# given name somewhere in the story (a capitalized word that mostly stands with another
# after it: "Vishwanand", "Maurice", "Hugh" of "Hugh is the ideal host"; not "Philadelphia") and that the
# story shows to be a person's: with an age ("Subryan, 23,"), a title ("Mr Hayward") or
# as a speaker ("Fanning said"). Places and bodies named in two words ("New Zealand",
# "United States", "Gulf of Mexico") have none of these.
_NAME_WORD = re.compile(r"[A-Z][a-z][\w'’-]+")
_CAPITALIZED_BEFORE = re.compile(r"[A-Z][\w.'’-]*\s+$")
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?$")


def story_surnames(texts, words) -> frozenset[str]:
    """Of ``words`` (the capitalized words a summary uses alone), the surnames of people
    the story names in full (see above). Each word is looked up where it stands in the
    story (a literal search per word: one pattern for them all took a tenth of the
    summary's time on 25-article stories)."""
    text = "\n".join(texts)
    found = set()
    for word in set(words):
        if not _NAME_WORD.fullmatch(word):
            continue
        person, firsts = False, set()
        for start, end in _occurrences(text, word):
            before = _WORD_BEFORE.search(text, max(0, start - 40), start)
            previous = before.group(1) if before else ""
            told = _AGE_OR_SPEECH.match(text, end, end + 20)
            # "Subryan, 23,"; a speaker named by the surname alone ("the White House said" is no person's)
            if told and (told.group("age") or not previous[:1].isupper()):
                person = True
            if _TITLE.match(previous):
                person = True
            elif previous[:1].isupper() and previous.lower() not in STOP_WORDS and previous.lower() not in _NOT_NAMES:
                firsts.add(previous)
        if person and any(_given_name(first, text) for first in firsts):
            found.add(word)
    return frozenset(found)


_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)\.?(?: [A-Z]\.)? $")
_AGE_OR_SPEECH = re.compile(r"(?P<age>,? \(?\d{1,2}\)?,)|,? (?:said|says|told|added|explained|insisted)\b")


# A given name stands before a capitalized word (the surname) in more than this share of its
# occurrences: a story may call a person by the given name alone in quotes ("Hugh is the ideal
# host", a producer said, beside "Hugh Jackman will host ..."), where a place before a name
# ("Philadelphia 76ers", "in Philadelphia.") mostly stands alone.
GIVEN_NAME_SHARE = 0.5


def _given_name(word: str, text: str) -> bool:
    """Whether ``word`` stands in ``text`` before a capitalized word in most of its occurrences
    (a plain word: "Kong's Cathay Pacific" and "Kong-based Cathay" name no one)."""
    if not word.isalpha() or _as_common_word(word, text):
        return False
    ends = [end for _, end in _occurrences(text, word)]
    followed = sum(1 for end in ends if _NAME_AFTER.match(text, end))
    return bool(ends) and followed > GIVEN_NAME_SHARE * len(ends)


_NAME_AFTER = re.compile(r"\s+(?:[A-Z]\.\s+)?[A-Z][a-z]")


def _as_common_word(word: str, text: str) -> bool:
    """Whether ``word`` is a common word capitalized as a sentence's first ("Although Chile
    said ...", "Despite Swissair's ..."): a word that opens a clause, or one ``text`` also
    writes in lower case."""
    lowered = word.lower()
    return lowered in _CLAUSE_OPENERS or next(_occurrences(text, lowered), None) is not None


# Words opening a sentence before a name that are not in STOP_WORDS.
_CLAUSE_OPENERS = frozenset(
    "although though despite unlike like since unless whether including among amid neither meanwhile however".split()
)


def _occurrences(text: str, word: str):
    """(start, end) of each occurrence of ``word`` in ``text`` as a whole word (found by
    ``str.find``: a pattern compiled per word costs more than the search)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start, end
        start = text.find(word, end)


def surnames_in(text: str, surnames: frozenset[str] | None) -> tuple[list[str], set[str]]:
    """(the surnames ``text`` uses alone, in order; those it introduces: after a given name
    or a title, "Maurice Cheeks", "Const. Fanning"). With ``surnames`` None, every
    capitalized word counts (what ``story_surnames`` is to look for)."""
    bare: list[str] = []
    introduced: set[str] = set()
    previous = before_previous = ""
    for match in re.finditer(r"[A-Za-z][\w.'’-]*", text):
        word = _POSSESSIVE.sub("", match.group().rstrip("."))  # "Graham's case": Graham
        if (word in surnames) if surnames is not None else (_NAME_WORD.fullmatch(word) and word.lower() not in STOP_WORDS):
            if _full_name(previous, before_previous):
                introduced.add(word)
            elif word not in introduced and word not in bare:
                bare.append(word)
        before_previous, previous = previous, match.group()
    return bare, introduced


_POSSESSIVE = re.compile(r"['’]s?$")
# Lower-case particles of surnames: "F.W. de Klerk", "Wadih el Hage", "Ludwig van Beethoven".
_PARTICLE = frozenset("de del della di da du des van von der den ter el al bin ibn le la".split())


def _full_name(previous: str, before_previous: str) -> bool:
    """Whether the word ending at ``end`` stands in a full name: after a given name or a title
    ("Maurice Cheeks", "Const. Fanning"), or after a particle that follows one ("F.W. de Klerk";
    "Last month, el Hage ..." is the surname alone)."""
    if previous[:1].isupper() and (previous.lower().rstrip(".") not in STOP_WORDS or _TITLE.match(previous)):
        return True
    if previous in _PARTICLE and before_previous[:1].isupper():
        return before_previous.lower().rstrip(".") not in STOP_WORDS
    return False

