"""Remove what extraction left behind, without losing real content.

A scraped article carries page furniture between its paragraphs: comment
widgets, "Read More:" links and the promoted headline after them, share and
subscribe prompts, photo captions and credits, section headings, headlines of
unrelated articles, agency codes ("203/211/201") and source prefixes
("Alwaght- ", "Iran Press/Asia: "). The summary must never quote any of it.

The rules work line by line (a scraped paragraph is one line): a line is kept
only when it reads as prose, i.e. it ends like a sentence and is not a prompt,
a caption or a title-case headline. Paragraph breaks are kept as "\\n\\n".
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import replace

from .model import Article

# Lines of up to this many words that do not end like a sentence are headings,
# captions or promoted headlines. Real news paragraphs that lack a final full
# stop are long (truncated text), headlines are 5-15 words.
HEADING_MAX_WORDS = 25
# A title-case line ("Is India Sabotaging Pakistan-Led Afghan Deal ...?") is a
# headline even when it ends with "?" or "!": at least this share of its
# content words are capitalized, and it has at least TITLE_MIN_WORDS of them.
TITLE_CASE_RATIO = 0.8
TITLE_MIN_WORDS = 5
# Lines of up to this many words are captions when they carry a photo credit.
CAPTION_MAX_WORDS = 35
# "By Jane Doe and John Roe, Reuters"
BYLINE_MAX_WORDS = 10
# "Reporting by ...; Editing by ..." and "X contributed to this report." lines.
CREDIT_LINE_MAX_WORDS = 30
# Prompts ("Share this article", "Follow us on Twitter") are short.
PROMPT_MAX_WORDS = 15
# Source/dateline prefixes ("Alwaght- ", "Iran Press/Asia: ") stand at the start
# of the text: only the first few kept paragraphs are checked, so a speaker label
# deep in an article ("Khalilzad: ...") is left alone.
PREFIX_PARAGRAPHS = 3
# Words of the sentence left after a source prefix, so a short line is not cut.
PREFIX_MIN_REST_WORDS = 6
# Hard-wrapped text (lines broken at ~70 characters inside paragraphs) is joined
# when most lines of a block end mid-sentence and none is longer than this.
WRAP_MAX_LINE = 100
# ...and every line but the last fills most of the width.
WRAP_MIN_FILL = 0.6

_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into of on or per the to via vs with".split()
)
_SENTENCE_END = (".", "!", "?", "…")
_CLOSERS = "\"'”’»)]} "

# Layout codes of the New York Times news service in the DUC/TDT corpora.
_WIRE_MARKUP = re.compile(r"&[A-Z]{2};")
# HTML entities left in extracted text ("&amp;", "&#8217;"); the semicolon is required.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# Separator rules: a run of dashes, equals signs, underscores or stars ending a line.
_RULE_CHARS = "-=_*~"
_RULE_MIN = 4
_SPACES = re.compile(r"[^\S\n]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

_COMMENT_WIDGET = re.compile(
    r"^(?:no|\d+|view|show|load|add|leave|post|read|hide)\s+(?:a\s+|all\s+|the\s+)?comments?\b"
    r"|^comments?\s*(?:\(\d+\)|:|$)",
    re.IGNORECASE,
)
# "Read More:", "Watch:", "Also read:", "Related:" ... followed by a promoted link.
_LABEL_WITH_COLON = re.compile(
    r"^(?:read more|read also|also read|more|related(?: articles?| stories| news| coverage)?|"
    r"see also|recommended|watch|watch video|video|listen|photos?|gallery|trending|must read|"
    r"don'?t miss|more on this(?: story)?|further reading|suggested)\s*[:：|»>]",
    re.IGNORECASE,
)
# The same labels standing alone on their line: the next line is the promoted headline.
_LABEL_ALONE = re.compile(
    r"^(?:read more|read also|also read|read next|see also|related(?: articles?| stories| news| coverage)?|"
    r"recommended(?: for you)?|you may also like|more stories|more from [\w ]+|watch|"
    r"advertisement|sponsored(?: content)?|story continues below(?: advertisement)?)\W*$",
    re.IGNORECASE,
)
_PROMPT = re.compile(
    r"^(?:(?:share|tweet|email|print)(?:\s+(?:this|on|via|the story|article)\b|\s*:|\s*$)|"
    r"subscribe\b|sign up\b|log ?in to\b|follow (?:us|me|@|\w+ on (?:twitter|facebook|instagram))|"
    r"like us on\b|join us on\b|(?:download|get) (?:our|the) (?:app|newsletter)|"
    r"click (?:here|to)\b|tap here\b|©|copyright\b|\(c\)\s*\d{4}|all rights reserved)",
    re.IGNORECASE,
)
_SOCIAL = re.compile(r"\b(?:facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram)\b", re.I)
_CAPTION_START = re.compile(
    r"^(?:photo|picture|image|pic|photograph|file photo|credit|caption|image caption|media caption|"
    r"image copyright|image source)s?\s*(?:by\b|:|copyright\b|credit\b)",
    re.IGNORECASE,
)
_CREDIT_PARENS = re.compile(
    r"\s*\((?:picture|photo|image|pic|photograph|credit|file photo)s?\s*(?::|by\b)[^)]*\)", re.I
)
_CREDIT_AT_END = re.compile(_CREDIT_PARENS.pattern + r"[.\s]*$", re.IGNORECASE)
_CREDIT_TAIL = re.compile(
    r"(?<=[.!?])\s+(?:photo|picture|image|pic)s?(?:\s+by|\s*:)\s+[^.!?]*$", re.IGNORECASE
)
# Agency/category codes left after the last sentence ("203/211/201"); real
# dates and scores have 1-2 digit parts, these have three.
_STRAY_CODE = re.compile(r"\s*(?<![\w/])\d{3}(?:/\d{3}){2,}(?![\w/])")
# "LONDON (AP) _ ", "KABUL, Afghanistan (Reuters) - ", "BEIJING, Oct. 17 (Xinhua) -- ",
# "WASHINGTON, September 29 (Xinhua ) -- " (DUC 2007 D0726F, unseen reading: spaced as the
# collection tokenized it), "RIO DE JANEIRO, Brazil _ ": a city in capitals, an optional place or date, an
# optional agency, a dash; the sentence after it starts with a capital or a quote.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][A-Za-z0-9 .]{1,30}?)?\s*"
    r"(?:\(\s*(?:AP|AFP|Reuters|UPI|dpa|Xinhua|IANS|PTI|ANI|Bloomberg|CNN|IRNA|NYT)\s*\)\s*)?"
    r"(?:_|--|—|–|-)\s+(?=[\"“‘'`A-Z])"
)
# A budget's slug with its place in parentheses: "BLAST-VICTIMS (BELLINGHAM, Wash.) _ " (the
# NYT News Service lists of stories to move; digests.py weighs each item against the story).
_BUDGET_SLUG = re.compile(
    r"^[A-Z0-9]+(?:-[A-Z0-9]+)+ \([A-Z][A-Za-z.]*(?:,? [A-Z][A-Za-z.]*){0,3}\)\s*(?:_|--|—|–|-)\s+(?=[\"“‘'`A-Z])"
)
_SOURCE_PREFIX = re.compile(
    r"^(?P<prefix>[A-Z][\w.&'/]*(?:[ /][A-Z][\w.&'/]*){0,3})\s?[-–—:]\s+(?=[\"“‘']?[A-Z0-9])"
)
_NOT_A_SOURCE = frozenset("A An The He She It They We I You This That These Those There Here".split())
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z]")
# "Reporting by Jane Doe; Editing by John Roe", "AP writer X contributed to this report."
_STAFF_CREDIT = re.compile(
    r"^\(?(?i:additional )?(?i:reporting|writing|editing|compiled|translated) by\b"
    r"|\b(?i:contributed (?:reporting )?to (?:this|the) (?:report|story|article))\W*$"
    r"|^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)? reported from [A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){0,3}\W*$"
)
_TWEET_EMBED = re.compile(r"pic\.twitter\.com/|^[—–-]\s*.{0,60}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}$")
_TWEET_LINK = re.compile(r"\s*\bpic\.twitter\.com/\S+")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
_WORD = re.compile(r"[^\W\d_][\w'’&-]*")


def clean_text(text: str) -> str:
    """The article text without page furniture; paragraphs separated by a blank line."""
    text = _INLINE_ITEM_RULE.sub("\n\n", strip_markup(normalize_characters(text)))
    paragraphs = without_comments(split_paragraphs(text))
    paragraphs = [
        part for k, p in enumerate(paragraphs)
        for part in (unglue_headline(after_stamp(p)) if k < PREFIX_PARAGRAPHS else [p])
    ]
    paragraphs = [part for p in paragraphs for part in unglue_sentences(p)]
    return "\n\n".join(_drop_noise(without_interview_marks(paragraphs)))


# --------------------------------------------------------------------------- wire digests

# A wire digest runs several stories in one text, each after its own dateline: "... Caracas
# municipality. ___ GUATEMALA CITY (AP) _ A Guatemalan court ...". The rule inside a paragraph
# separates two items: it becomes a paragraph break, and the next item keeps its dateline (the
# story stage, digests.py, reads items from there).
_INLINE_ITEM_RULE = re.compile(r"[^\S\n]+_{3,}[^\S\n]+(?=[A-Z])")
# A desk tag closing an item of a Xinhua summary: "... in recent months.(Chile- Economy)",
# "... for Venezuela. (Venezuela-US-Oil)": capitalized words joined by hyphens, after the
# sentence's end (so "said Rep. Henry Hyde (R-Ill.)" keeps its party).
_DESK_TAG = re.compile(r"(?<=[.!?\"'”])\s*\([A-Z][A-Za-z]*(?:\s?-\s?[A-Z][A-Za-z]*(?:\s[A-Z][A-Za-z]*)*)+\)\s*$")


def dateline_length(paragraph: str) -> int:
    """How many characters of a paragraph its opening wire dateline (or a budget's slug and
    dateline, "CUBA-ELIAN _ MIAMI _", "BLAST-VICTIMS (BELLINGHAM, Wash.) _", or a digest item's
    dash) takes: 0 when it opens with none."""
    length = 0
    while True:
        rest = paragraph[length:]  # (the patterns are anchored with ^)
        match = next((found for head in _ITEM_HEADS if (found := head.match(rest))), None)
        if match is None:
            return length
        length += match.end()


# A photo package's caption head: "(NYT34) WASHINGTON -- Oct. 28, 1998 -- NBA-LABOR-2, 10-28 -- "
# (session 15's unseen reading D0610A: its captions were timeline entries under the package's date).
_PHOTO_ITEM = re.compile(
    r"^\([A-Z]{2,5}\d{1,3}\)\s+[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Za-z.'-]+){0,4}\s+--\s+"
    r"[A-Z][a-z]{2,3}\.?\s+\d{1,2},\s+\d{4}\s+--\s+[A-Z0-9]+(?:-[A-Z0-9]+)*(?:,\s*\d{1,2}-\d{1,2})?\s+--\s+"
)
# The dash opening a digest's item ("-- The U.S. National Institutes of Health yesterday
# concluded ..."): no word of its first sentence.
_ITEM_DASH = re.compile(r"^(?:--|—|–)[^\S\n]+(?=[A-Z])")  # ("--Aug. 12. --" opens a chronology's entry: no space)
_ITEM_HEADS = (_WIRE_DATELINE, _BUDGET_SLUG, _ITEM_DASH, _PHOTO_ITEM)


# --------------------------------------------------------------------------- question and answer

# "Q. What was the original schedule? / A. Kennedy took off at 8:38 p.m.": a Q&A article's
# marks, which would otherwise open a sentence ("A. Kennedy took off ...", an initial to a reader).
_QUESTION_MARK = re.compile(r"^Q[.:]\s+(?=\S)")
_ANSWER_MARK = re.compile(r"^A[.:]\s+(?=\S)")


def without_interview_marks(paragraphs: list[str]) -> list[str]:
    """The paragraphs without their "Q." and "A." marks, in an article that asks at least one
    marked question ending in "?" and marks at least one answer; elsewhere "A." may be an initial."""
    asks = any(_QUESTION_MARK.match(p) and p.rstrip().endswith("?") for p in paragraphs)
    if not asks or not any(_ANSWER_MARK.match(p) for p in paragraphs):
        return paragraphs
    return [_ANSWER_MARK.sub("", _QUESTION_MARK.sub("", p)) for p in paragraphs]


# --------------------------------------------------------------------------- reader comments

# "At 4:16 pm on 28 May 2010, gnewsome wrote: I think ...": a reader comment's header (a
# time, a date with its year, a user name). Comments follow the article: from the first
# header on, nothing is the outlet's text (a comment page scraped as an article keeps only
# what stands above its first comment).
_CLOCK = r"\d{1,2}[.:]\d\d(?:\s?[ap]\.?m\.?)?"
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_MONTH_YEAR = rf"(?:{_WEEKDAY},?\s)?(?:\d{{1,2}}\s{_MONTH_NAME}|{_MONTH_NAME}\s\d{{1,2}}),?\s\d{{4}}"
_COMMENT_HEADER = re.compile(
    rf"^(?:At\s|On\s)?(?:{_CLOCK}\s(?:on\s)?{_DAY_MONTH_YEAR}|{_DAY_MONTH_YEAR},?\s(?:at\s)?{_CLOCK}),?\s"
    r"\S{2,40}\s(?:wrote|said|commented):"
)


def without_comments(paragraphs: list[str]) -> list[str]:
    """The paragraphs above the first reader comment's header (see above)."""
    for k, paragraph in enumerate(paragraphs):
        if _COMMENT_HEADER.match(paragraph):
            return paragraphs[:k]
    return paragraphs


# --------------------------------------------------------------------------- time stamps and glue

# A page's time stamp: a date with its year and a clock time ("Wednesday 17 June 2009 15.39
# BST", "09:27 UK time, Friday, 28 May 2010"). Near the top of a page it ends the furniture
# (headline, standfirst, byline: "Clare Spencer | 09:51 UK time, ..."); the body follows it.
_ZONE = r"(?:\s(?:[A-Z]{2,4}|UK time))?"
_TIME_STAMP = re.compile(
    rf"(?:{_DAY_MONTH_YEAR},?\s(?:at\s)?{_CLOCK}{_ZONE}|{_CLOCK}{_ZONE},?\s{_DAY_MONTH_YEAR}),?\s+(?=[\"“A-Z])"
)
# Words before a stamp that may still be furniture (a headline and its standfirst), and
# the characters searched for it (60 words and the stamp itself).
STAMP_MAX_OFFSET_WORDS = 60
STAMP_MAX_OFFSET_CHARS = 600
_CLOCK_DIGITS = re.compile(r"\d[.:]\d\d")


def after_stamp(paragraph: str) -> str:
    """The paragraph after a time stamp near its start (see above); else the paragraph."""
    head = paragraph[: STAMP_MAX_OFFSET_CHARS]
    if not _CLOCK_DIGITS.search(head):  # most paragraphs have no clock time: one cheap pass
        return paragraph
    match = _TIME_STAMP.search(head)
    if match is None or word_count(paragraph[: match.start()]) > STAMP_MAX_OFFSET_WORDS:
        return paragraph
    rest = paragraph[match.end() :]
    return rest if word_count(rest) >= PREFIX_MIN_REST_WORDS else paragraph


# A sentence's opener written after a lower-case word with no punctuation between ("... to
# plug the leak The oil company BP is to decide ...", "... flow stops But he admitted ...",
# '... overcome the flow" The latest attempt ...'): two texts glued on one line, a headline
# or caption before a body sentence. Grammatical prose never capitalizes "The" or "But"
# after a lower-case word (a title keeps its next word capitalized too: "the film The
# Hangover"); in the DUC and Multi-News articles this happens once in 2,600 articles.
_GLUED_OPENER = re.compile(r"(?:(?<=[a-z])|(?<=[a-z][\"”’]))\s(?=(?:The|But)\s[a-z]{2})")


def unglue_sentences(paragraph: str) -> list[str]:
    """The paragraph cut where a sentence's opener follows a lower-case word (see above):
    each piece is then kept or dropped as a line of its own."""
    if " The " not in paragraph and " But " not in paragraph:  # the usual case, read at C speed
        return [paragraph]
    cuts = [m.end() for m in _GLUED_OPENER.finditer(paragraph)]
    if not cuts:
        return [paragraph]
    bounds = [0, *cuts, len(paragraph)]
    return [paragraph[a:b].strip() for a, b in zip(bounds, bounds[1:]) if paragraph[a:b].strip()]


# --------------------------------------------------------------------------- glued headlines

# Page furniture that scraped text puts between a headline and the body on one line
# ("... pick governors enlarge this image toggle caption jim cole/ap jim cole/ap voters in
# 11 states ...", "... surges posted: tuesday, june 28, 2011 10: 28 pm edt the ..."):
# what stands before it is the headline.
_GLUE = re.compile(
    r"\s(?:enlarge this image(?: toggle caption)?|toggle caption|hide caption|"
    r"(?:photo )?advertisement continue reading the main story|"
    r"posted(?= (?:if|when|while|although|though|i|we|you|he|she|they|there)\b)|"
    r"(?P<label>posted|updated|published)(?::| on| at)?(?= ))\s",
    re.IGNORECASE,
)
# The date and time after "posted:" / "updated:" ("tuesday, june 28, 2011 10: 28 pm edt"),
# with its year: "published Thursday" is a verb and its day, not a stamp.
_STAMP = re.compile(
    r"^(?:(?:posted|updated|published)(?::| on| at)?\s+)?(?:[a-z]+day,?\s+)?"
    r"(?:[a-z]+\.? \d{1,2},? \d{4}|\d{1,2}/\d{1,2}/\d{2,4}),?"
    r"(?:\s*(?:at\s+)?\d{1,2}: ?\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4}t\b)?)?\s*",
    re.IGNORECASE,
)
# A headline is a few words; a body sentence that happens to contain "posted" runs longer before it.
GLUED_HEADLINE_MAX_WORDS = 25
# Words that open a sentence, where a title-case headline glued to the body ends
# ("... On US Troop Withdrawal The US and the Taliban have ...").
_OPENERS = frozenset(
    "The A An In On At As After Before When If While Although Since This That These Those It He She "
    "They We I You There His Her Their Its Our".split()
)


def unglue_headline(paragraph: str) -> list[str]:
    """A paragraph that starts with a headline glued to the body, as [headline, (furniture,) body]
    (the headline and the furniture are then dropped as headings); else [paragraph]."""
    match = _GLUE.search(paragraph)
    if match and word_count(paragraph[: match.start()]) <= GLUED_HEADLINE_MAX_WORDS:
        head = paragraph[: match.start()].strip()
        after = paragraph[match.end() :]
        body = _skip_stamps(after) if match.group("label") else _skip_repeated_credit(after)
        stamped = not match.group("label") or body != after
        if stamped and head and not ends_like_sentence(head) and word_count(body) >= PREFIX_MIN_REST_WORDS:
            furniture = paragraph[match.start() : len(paragraph) - len(body)].strip()
            return [head, furniture, body]
    cut = _title_case_end(paragraph)
    if cut:
        return [paragraph[:cut].strip(), paragraph[cut:]]
    return [paragraph]


def _skip_repeated_credit(text: str) -> str:
    """The text after a photo credit given twice ("jim cole/ap jim cole/ap voters ...")."""
    words = text.split(" ")
    for size in range(1, 9):
        if len(words) > 2 * size and words[:size] == words[size : 2 * size]:
            return " ".join(words[2 * size :])
    return text


def _skip_stamps(text: str) -> str:
    """The text after the date and time stamps that follow "posted:" ("... updated: ...")."""
    while True:
        match = _STAMP.match(text)
        if not match or not match.group():
            return text
        text = text[match.end() :]


def _title_case_end(paragraph: str) -> int:
    """Where a title-case headline glued to a sentence-case body ends, else 0.

    The headline is the longest run of words before an opener ("The", "If", ...) whose
    content words are capitalized (at least TITLE_MIN_WORDS of them); the body after the
    opener must read as a sentence (two lower-case content words in its next six)."""
    words = paragraph.split(" ")
    for k in range(min(len(words) - 6, GLUED_HEADLINE_MAX_WORDS), TITLE_MIN_WORDS - 1, -1):
        if words[k] not in _OPENERS:
            continue
        head, after = " ".join(words[:k]), words[k + 1 : k + 7]
        lower = sum(1 for w in after if w[:1].islower() and w.lower() not in _MINOR_WORDS)
        # a headline ends in a word; "RIO DE JANEIRO, Brazil (AP) _" is a dateline, kept with its sentence
        worded = head[-1:].isalnum() and "(" not in head
        if lower >= 2 and worded and is_title_case(head) and _all_capitalized(head):
            return len(head) + 1
    return 0


def _all_capitalized(head: str) -> bool:
    """Every content word capitalized: a headline, not a sentence that names many organisations."""
    return all(w[0].isupper() for w in _WORD.findall(head) if w.lower() not in _MINOR_WORDS)


def clean_article(article: Article) -> Article:
    """The article with cleaned text and title. A wire dateline's day 1-3 days before the
    article's date ("LONDON, February 24 (Xinhua) --" filed on the 25th) becomes its date:
    the dateline is cut from the text, and its day is the one the article's "today" and
    "Wednesday" count from (``analyze.dates.dateline_day``)."""
    return replace(article, text=clean_text(article.text), title=clean_title(article.title),
                   date=_dateline_date(article) or article.date)


def _dateline_date(article: Article) -> str | None:
    from .analyze.dates import dateline_day, parse_iso

    published = parse_iso(article.date)
    day = dateline_day(article.text.lstrip(), published) if published else None
    return day.isoformat() if day else None


# A story's title is a headline: a capital, a digit or a quotation mark first, and at least this
# many words. What extraction leaves as titles is often a slug ("URGENT", "GAMBLING"), a
# fragment of the text ("have moved separately.") or a cut-off ("With Euro").
HEADLINE_MIN_WORDS = 3


def is_headline(title: str | None) -> bool:
    """Whether a (cleaned) title reads as a headline a story could be called by."""
    if not title:
        return False
    first = title.lstrip("\"'“‘`(")[:1]
    return (first.isupper() or first.isdigit()) and len(title.split()) >= HEADLINE_MIN_WORDS


def clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = _SPACES.sub(" ", normalize_characters(title)).strip()
    title = _CREDIT_TAIL.sub("", _CREDIT_PARENS.sub("", title)).strip()
    return title or None


# --------------------------------------------------------------------------- characters


def normalize_characters(text: str) -> str:
    """NFC, no invisible characters, every kind of space a plain space, '\\n' newlines."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def strip_markup(text: str) -> str:
    """News-service markup codes (&QL; &UR; ...), HTML entities and rule lines ('--------')."""
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), _WIRE_MARKUP.sub(" ", text))
    return "\n".join(_strip_rule(line) for line in text.split("\n"))


def _strip_rule(line: str) -> str:
    """The line without a rule ending it ('Story ends ----', '========') and its spaces.

    Done with rstrip, not with a regex: a regex tries every start inside a long run
    of dashes, quadratic (100,000 dashes then a letter took minutes)."""
    body = line.rstrip()
    core = body.rstrip(_RULE_CHARS)
    return core.rstrip() if len(body) - len(core) >= _RULE_MIN else line


def split_paragraphs(text: str) -> list[str]:
    """One paragraph per line, or per blank-line block when the block is hard-wrapped."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[^\S\n]*\n", text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return join_broken_sentences(paragraphs)


def join_broken_sentences(paragraphs: list[str]) -> list[str]:
    """'... stayed grounded as the investigation' + 'progressed Thursday. ...' is one
    paragraph that a stray blank line split: a line ending mid-sentence followed by
    one starting in lower case."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and paragraph[0].islower() and _continues(joined[-1]):
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def _continues(line: str) -> bool:
    mid_sentence = not ends_like_sentence(line) and word_count(line) >= 3 and line[-1].isalnum()
    return mid_sentence or line.endswith(",")


def is_hard_wrapped(lines: list[str]) -> bool:
    """Lines of similar length that mostly break mid-sentence, as in e-mail and wire text."""
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    if width > WRAP_MAX_LINE or any(len(line) < WRAP_MIN_FILL * width for line in lines[:-1]):
        return False  # a short line inside the block is a heading or label, not a wrap
    mid_sentence = sum(1 for line in lines[:-1] if not ends_like_sentence(line))
    return mid_sentence >= 0.6 * (len(lines) - 1)


# --------------------------------------------------------------------------- lines


def _drop_noise(paragraphs: list[str]) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    after_label = False
    dateline_seen = False  # the article's own dateline is cut; a later one opens a digest's item
    for raw in paragraphs:
        if _LABEL_ALONE.match(raw):
            after_label = True  # "Read More:" alone: the next line is a promoted headline
            continue
        if after_label and not ends_like_sentence(raw):
            after_label = False
            continue
        after_label = False
        if _SYNDICATE_NOTE.search(raw):
            continue  # (before the prefix is stripped: "EDITOR:" would go, the note stay)
        strip = len(kept) < PREFIX_PARAGRAPHS and not dateline_seen
        line = clean_line(raw, strip_prefix=strip)
        dateline_seen = dateline_seen or (strip and _WIRE_DATELINE.match(raw) is not None)
        if line and line not in seen and not is_noise_line(line):
            seen.add(line)  # repeated captions and pull quotes: keep the first only
            kept.append(line)
    return kept


def clean_line(line: str, strip_prefix: bool = False) -> str:
    """A line without credits, stray codes and (at the start of the text) source prefixes."""
    line = _STRAY_CODE.sub("", line)
    if line.endswith(")"):  # (the tag's pattern is anchored at the end: tried only where it can be)
        line = _DESK_TAG.sub("", line)
    if word_count(line) > CAPTION_MAX_WORDS:  # a credit or tweet link inside a real paragraph
        line = _TWEET_LINK.sub("", _CREDIT_TAIL.sub("", _CREDIT_PARENS.sub("", line)))
    elif not _CREDIT_AT_END.search(line):  # a credit mid-sentence; at the end it marks a caption
        line = _CREDIT_PARENS.sub("", line)
    if strip_prefix:
        line = strip_source_prefix(line)
    return line.strip()


def strip_source_prefix(line: str) -> str:
    """'Alwaght- US special envoy ...' -> 'US special envoy ...'; also wire datelines,
    repeatedly ('Iran Press/Asia: KABUL (AP) _ ...'); each pass shortens the line."""
    shorter = _strip_one_prefix(line)
    while shorter != line:
        line, shorter = shorter, _strip_one_prefix(shorter)
    return line


def _strip_one_prefix(line: str) -> str:
    dateline = _WIRE_DATELINE.match(line)
    if dateline:
        return line[dateline.end() :]
    match = _SOURCE_PREFIX.match(line)
    if not match or match.group("prefix").split()[0] in _NOT_A_SOURCE:
        return line
    rest = line[match.end() :]
    return rest if word_count(rest) >= PREFIX_MIN_REST_WORDS else line


def is_noise_line(line: str) -> bool:
    """Widgets, prompts, captions, headings: anything that is not a sentence of the article.

    Every rule is bounded by length: furniture is short, and a long line (a whole
    article on one line, as in Multi-News) is content even if it starts "Watch:"
    or quotes a tweet."""
    words = word_count(line)
    if words == 0:
        return True
    if words > CAPTION_MAX_WORDS:
        return False
    return (
        (words <= PROMPT_MAX_WORDS and _COMMENT_WIDGET.match(line) is not None)
        or _LABEL_WITH_COLON.match(line) is not None
        or _LABEL_ALONE.match(line) is not None
        or (words <= PROMPT_MAX_WORDS and _PROMPT.match(line) is not None)
        or is_share_bar(line, words)
        or _URL_ONLY.match(line) is not None
        or _TWEET_EMBED.search(line) is not None
        or is_caption(line, words)
        or is_byline(line, words)
        or (words <= CREDIT_LINE_MAX_WORDS and _STAFF_CREDIT.search(line) is not None)
        or is_heading(line, words)
    )


# A news service's note to the papers that buy its features, at an article's end: "EDITOR: Visit
# The New York Times Syndicate Web site at ...", "NONSUBSCRIBERS: To publish ...", and its sales
# representatives "--Europe and Asia: KARL HORWITZ in Paris at 47-42-17-11; fax, 47-42-80-44"
# (DUC 2007 D0734H, unseen reading: "Paris" and "Canada" became places of an acupuncture story).
_SYNDICATE_NOTE = re.compile(
    r"^\W*(?:(?:ATTENTION|NOTE TO)\s+)?(?:EDITORS?|EDS|NONSUBSCRIBERS|SUBSCRIBERS)\s*:"
    r"|^\W*[A-Z][\w .&]{2,40}:\s+[A-Z][A-Z. ]+\b.*\b(?:fax|telex|phone)\b"
)


def is_share_bar(line: str, words: int) -> bool:
    """'Facebook Twitter WhatsApp Email': mostly network names, not a sentence about them."""
    networks = len(_SOCIAL.findall(line))
    return words <= PROMPT_MAX_WORDS and networks >= 2 and networks * 2 >= words


def is_caption(line: str, words: int) -> bool:
    """'Photo by ...', 'Image: ...', 'An archive picture of ... (Picture: PA).'"""
    if words <= CAPTION_MAX_WORDS and _CAPTION_START.match(line):
        return True
    credited = _CREDIT_AT_END.search(line) or _CREDIT_TAIL.search(line)
    return words <= CAPTION_MAX_WORDS and credited is not None


def is_byline(line: str, words: int) -> bool:
    """'By Jane Doe, Reuters.': names only, so 'By Monday, the talks had collapsed.' is kept."""
    if words > BYLINE_MAX_WORDS or not _BYLINE.match(line):
        return False
    names = [w for w in _WORD.findall(line)[1:] if w.lower() not in _MINOR_WORDS]
    return all(w[0].isupper() for w in names)


def is_heading(line: str, words: int | None = None) -> bool:
    """A short line that is not a sentence, or a title-case headline ending in '?' or '!'.

    A line ending with a full stop is always a sentence: one naming many
    organisations ("NATO led the UN-mandated International Security ...") is
    mostly capitalized too."""
    words = word_count(line) if words is None else words
    if words > HEADING_MAX_WORDS:
        return False
    if introduces_what_follows(line, words):
        return False
    if not ends_like_sentence(line):
        return True
    return not line.rstrip(_CLOSERS).endswith(".") and is_title_case(line)


def introduces_what_follows(line: str, words: int) -> bool:
    """A sentence in lowercase prose ending with a colon ("The market's rebound came after
    investors had time to reflect on three things, Larkins suggested:"): it names the
    speaker of the quote below it, and is no heading ("Key points:", "What We Know So Far:")."""
    return (line.endswith(":") and words >= INTRO_MIN_WORDS and line[:1].isupper()
            and not is_title_case(line) and _SENTENCE_STOP.search(line) is None)


_SENTENCE_STOP = re.compile(r"[.!?]\s+[A-Z]")  # (two sentences on one line: a glued label, not an intro)
INTRO_MIN_WORDS = 8


def ends_like_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def is_title_case(line: str) -> bool:
    """Most content words capitalized, in a line that also has lower case."""
    if not any(ch.islower() for ch in line):
        return False  # ALL-CAPS text (old wire copy) is not a title for that reason
    content = [w for w in _WORD.findall(line) if w.lower() not in _MINOR_WORDS]
    if len(content) < TITLE_MIN_WORDS:
        return False
    capitalized = sum(1 for w in content if w[0].isupper())
    return capitalized >= TITLE_CASE_RATIO * len(content)


def word_count(line: str) -> int:
    return len(_WORD.findall(line))
