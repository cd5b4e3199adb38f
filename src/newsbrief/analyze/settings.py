"""The thresholds of the analysis rules, in one place.

Each is a number the rules were tuned with by hand; the docstring of each field says
what it controls and where its value came from. ``AnalysisSettings()`` is what a brief
uses (``DEFAULT``); the stage functions take ``settings`` and pass it down, so a run
can try other values (``dataclasses.replace(DEFAULT, max_tokens_after=20)``) without
touching module state. The parse cache (``nlp.parse_articles``) is keyed by the
settings too: the focus windows decide which words are parsed.

The word lists the rules read are in ``lexicon.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    # ------------------------------------------------------------ timeline (clauses.py)
    max_nouns_in_main_date: int = 2
    """Nouns a date may hang below in the root's clause and still date the sentence: "The
    explosion on Friday killed" (1), "a three-day visit to the island last week" (1); "a
    backlash against an inquiry into the stabbing in 1993" (3) dates the stabbing, not the
    backlash. Set on the D0624F reading (docs/analysis.md) and the development stories."""
    max_nouns_in_reported_date: int = 1
    """The same inside what someone said ("police said the two would be brought before a
    remand hearing Nov. 16": 1); "told them he could not justify errors in the investigation
    into the stabbing ... at a bus stop on April 22 1993" (4) dates the stabbing."""
    # ------------------------------------------------------------ quotes
    min_quote_words: int = 2
    """Fewest words a quoted passage must have to be a quotation (``marks.is_quotation``):
    a single quoted word is a scare quote or a label."""
    short_quote_words: int = 5
    """Quotes of fewer words are statements only with an attribution right beside them
    (`"Not even one," he said`), never inside a sentence (`called it "a total stiff"`):
    set when 3-4 word quotes were first allowed (d85eb85), on the example story and DUC."""
    max_tokens_after: int = 16
    """Tokens after a quote in which its speech verb may stand: "..., Imtiyaz Gul, from the
    Centre for Research and Security Studies in Islamabad told" (the example story) and
    DUC articles; further away the verb usually belongs to another clause. ``focus``
    parses that far."""
    max_tokens_before: int = 12
    """Tokens before a quote in which its speech verb may stand (`X wrote in a Twitter
    message on Saturday: "..."`): the example story and DUC articles."""
    colon_verb_distance: int = 5
    """Tokens between a verb that is not a speech verb and the colon introducing a quote
    (`She then addressed the supporters again:`, `Trump leaned in and boomed:`); a speech
    verb further from the colon takes its clause's subject. Set by hand on the examples
    quoted (d85eb85)."""
    pronoun_lookback: int = 5
    """Sentences looked back to find who "he"/"she" is, and parsed for it (``focus``)."""
    max_continuation_gap: int = 200
    """Characters between an attributed quote and an unattributed one in the same
    paragraph for the second to go on with the same speaker: `, said Abdul Rahim, a farmer
    from the village of Jati. ` is ~60, `," Spencer said, as a few young fighters worked
    out inside the gym, while ...` ~190; a longer gap holds more than an attribution."""
    max_paragraph_tail: int = 120
    """Characters that may follow an attributed quote at the end of its paragraph for a
    quote opening the next paragraph to go on with the same speaker (`," Trump said,
    referring to ...`). Set by hand on that example (d85eb85)."""
    min_unattributed_words: int = 6
    """Fewest words of a quote shown without a speaker (``quotes.is_speech``): shorter
    quotes ("Pretty cool working there.", "A change warrior.") are rarely worth reading
    without knowing who said them (PolNeAR train: the unattributed quotes read by hand)."""
    max_unattributed_quotes: int = 5
    """Most quotes shown without a speaker in one brief, the most cited first: they come
    after the attributed quotes, and a reader wants a few sentences of speech, not every
    quotation left unsettled (1.6 per article on PolNeAR train)."""

    # ------------------------------------------------------------ which words are parsed (focus, nlp)
    ner_window: int = 3
    """Tokens the entity recognizer reads either side of a new name: its token vectors see
    four tokens each way (HashEmbedCNN, depth 4, window 1)."""
    confirmations: int = 2
    """Appearances of a name the recognizer reads before later ones copy its labels: with
    two, 97% of entity mentions agree with whole-article NER on DUC (94% with one,
    545916c)."""
    inside_tokens: int = 4
    """Quoted tokens parsed with an attribution, so that the parser sees how the quote ends
    (`..." said`)."""
    subject_tokens: int = 12
    """Tokens a speaker phrase before the speech verb may take (`Zalmay Khalilzad, the US
    special envoy,`): parsed beyond ``max_tokens_before``."""
    role_before: int = 7
    """Tokens parsed before a name that may have a title: "NATO's Secretary General, [Jens
    Stoltenberg]"."""
    role_after: int = 9
    """Tokens parsed after a name followed by ", the ...": "[Zalmay Khalilzad], US special
    representative on ..."."""
    whole_unit_share: float = 0.7
    """A sentence whose windows cover this share of it is parsed whole (one parse of a
    whole sentence costs about as much as parsing most of it in pieces)."""
    number_lookahead: int = 6
    """Words after a number read for what it counts: "14,000 US and NATO troops"."""

    # ------------------------------------------------------------ entities
    max_entities: int = 40
    """Entities shown (``extract_entities``): a reader scans a few dozen; further ones are
    one-off mentions."""
    mentions_per_article: int = 5
    """Mentions that weigh as one more article in the entity ranking: Barbara Boxer, named 15
    times in the one article on her race, ranked below forty names of two articles each when
    articles alone decided (D30050T, unseen reading, session 19)."""
    dominance: int = 4
    """A lone surname shared by several people goes to the one written in full this many
    times as often as the others together ("Hansbrough" is Tyler Hansbrough, 19 full
    mentions, not his father Gene, 2); 0 turns it off. From DUC clusters (3b9682d)."""
    min_dominant: int = 4
    """... and written in full at least this many times."""
    unnamed_surname_articles: int = 3
    """A lone surname written in at least this many articles that never give the full name
    it would resolve to ... (``names.keep_surnames_of_unnamed_people_apart``; "President
    Clinton" in eight DUC 2006 D0601A articles, "George Clinton" in one) ..."""
    unnamed_surname_ratio: float = 2.0
    """... and in more than this many times as many articles as give the full name, stays as
    written. Checked on ECB+ train and dev (docs/analysis.md)."""
    lowercase_share: float = 0.01
    """Share of words capitalized mid-sentence below which a story counts as lowercased
    and its entities are left out: news prose capitalizes 7-19% of its words
    mid-sentence (DUC, Timeline17), Multi-News copies 0%."""

    # ------------------------------------------------------------ figures
    max_ratio: float = 2.0
    """Values within this factor of the value most articles give can be one quantity told
    differently: on DUC clusters sources disagreeing on one figure stay close (troops
    9,000-20,000, deaths 224-250), while one head noun covering different things gives
    values far apart ("600 satellites in orbit", "NASA's 22 satellites") (12f9771)."""
    min_generic_count: int = 10
    """Counts of things off the synonym lists under this are left out ("five bronze
    medals", "three gold medals": DUC)."""
    approximation_spread: float = 0.10
    """Values within this share of each other of which one is said roughly ("around
    17,000", "nearly 45") or every other rounds to the roundest ("17,000" and "17,400") are
    one value told roughly (an ``approximation``), not a conflict (35fa165)."""
    standing_days: int = 30
    """Articles further apart than this may give a standing quantity (troops, jobs)
    differently because it changed: without a word saying so, neither a change nor a
    conflict is told (35fa165)."""


DEFAULT = AnalysisSettings()
