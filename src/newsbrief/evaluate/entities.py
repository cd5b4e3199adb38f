"""``newsbrief eval --task entities ECB+.jsonl...``: cross-document coreference of the named
mentions of people and places, within each ECB+ topic.

    1. gold      per topic, the annotated mentions of people and places (``GOLD_TYPES``) in
                 the sentences annotated exhaustively (``coref_selected``) that are names
                 (``named_part``: "in Surrey" -> "Surrey", "the Promises Treatment Centre in
                 Malibu" -> "Promises Treatment Centre", "Reid's representative Jack Ketsoyan"
                 -> "Jack Ketsoyan"; "Millom man", "a Palermo neighborhood", "the actress",
                 "he" are not names); chains from the annotation, restricted to these mentions
    2. newsbrief the entity stage (``analyze.entities.entity_mentions``) on the topic's documents
                 as one story; a gold mention joins the system entity with a mention span
                 covering the last word of its name (of several, the one overlapping the name
                 most); a mention no entity covers is a singleton
    3. baseline  exact string match of the names (case ignored), plus surname match: a one-word
                 name joins the chain of the one multi-word name ending with it in the topic
    4. score     MUC, B-cubed, CEAF-e and CoNLL F1 (their mean), singletons kept, on the same
                 mentions for every system; per topic, and pooled over topics (the topics'
                 counts summed, i.e. the corpus scored with chains never crossing topics:
                 B-cubed is then the mean over all mentions); the mean of the per-topic F1s too

``run(args)`` reads ``args.stories`` (ECB+-style JSONL paths, one document a line), ``limit``
(topics per file), ``format`` ("text" or "json"), ``output`` (per-topic report, JSON).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

# People and places: persons, countries acting as participants, geographic places and
# facilities. HUMAN_PART_ORG (organisations) and LOC_OTHER (body parts, "Web", "window")
# are left out.
GOLD_TYPES = frozenset({"HUMAN_PART_PER", "HUMAN_PART_GPE", "LOC_GEO", "LOC_FAC"})

# Words a mention may start with before its noun phrase ("in Surrey", "the U.S.").
LEADING = frozenset(
    """in at on to from into onto near inside outside off between across along around through
    toward towards within via by of for with the a an this that these those""".split()
)
# Lowercase words inside a name ("Bank of America", "Osama bin Laden").
JOINERS = frozenset("of the de du la le al el bin ibn von van der den da di dos del y".split())
# Words that end a noun phrase's head part: what follows them modifies it.
POSTMODIFIERS = frozenset(
    """in at on to from into near inside outside off between across along around through
    toward towards within by of for with and or who which that whose where when""".split()
)
# Capitalized words that are not names even when capitalized mid-sentence.
NOT_NAMES = frozenset(
    """i we you he she it they me us him her them my our your his its their this that these
    those who whom what which the a an mr mrs ms dr""".split()
)
# Words Title Case leaves in lowercase.
SMALL_WORDS = frozenset("a an and as at but by for in of on or the to with from into".split())
TOKEN = re.compile(r"\w[\w.'’&-]*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc: str
    start: int  # the name's characters in the document
    end: int
    head: tuple[int, int]  # the name's last word
    text: str  # the name as written
    chain: str


@dataclass(slots=True)
class Topic:
    name: str
    documents: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------- 1. gold


def load_topics(paths: Sequence[str], limit: int | None = None) -> list[Topic]:
    """The topics of every file, in file order; at most ``limit`` topics per file."""
    if not paths:
        raise InputError("eval --task entities", "no files given", "give one or more ECB+-style .jsonl files")
    topics: list[Topic] = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise InputError(path, f"cannot read ({error.strerror})", "give an ECB+-style .jsonl file") from None
        by_name: dict[str, Topic] = {}
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}", f"not JSON ({error.msg})", "one document object a line") from None
            if not isinstance(document, dict) or "text" not in document or "mentions" not in document:
                raise InputError(f"{path}:{number}", "not an ECB+-style document",
                                 'each line needs "id", "topic", "text", "sentences" and "mentions"')
            name = str(document.get("topic", ""))
            if name not in by_name:
                if limit is not None and len(by_name) >= limit:
                    continue
                by_name[name] = Topic(f"{Path(path).name}#{name}")
            by_name[name].documents.append(document)
        topics.extend(by_name.values())
    return topics


def gold_mentions(topic: Topic) -> list[GoldMention]:
    """The topic's named mentions of people and places in exhaustively annotated sentences."""
    lowercase = {w for d in topic.documents for w in re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", d["text"])}
    found: list[GoldMention] = []
    for document in topic.documents:
        text = document["text"]
        selected = [(s["start"], s["end"]) for s in document.get("sentences", ()) if s.get("coref_selected")]
        seen: set[tuple[int, int]] = set()
        for m in document["mentions"]:
            if m.get("kind") != "entity" or m.get("type") not in GOLD_TYPES:
                continue
            sentence = next(((s, e) for s, e in selected if s <= m["start"] < e), None)
            if sentence is None:
                continue
            name = named_part(text, m["start"], m["end"], sentence[0], lowercase)
            if name is None or (name[0], name[1]) in seen:
                continue
            seen.add((name[0], name[1]))
            start, end, head = name
            found.append(GoldMention(str(document["id"]), start, end, head, text[start:end], str(m["chain"])))
    return found


def named_part(
    text: str, start: int, end: int, sentence_start: int = 0, lowercase: Iterable[str] = ()
) -> tuple[int, int, tuple[int, int]] | None:
    """(start, end, (head start, head end)) of the name a mention is, or None when it is not
    a name: its noun phrase's head (the last word before a post-modifier or a comma) is
    capitalized, and the name is the capitalized words ending there ("the Promises
    Treatment Centre in Malibu" -> "Promises Treatment Centre"; "Cam Newton's" -> "Cam
    Newton"); a lone word capitalized only because it opens its sentence ("Prosecutors",
    written "prosecutors" elsewhere in the topic) is not one."""
    tokens = [(start + t.start(), start + t.end(), t.group()) for t in TOKEN.finditer(text[start:end])]
    while tokens and (tokens[0][2].lower() in LEADING or not tokens[0][2][0].isalnum()):
        tokens = tokens[1:]  # "in", "the", quote marks
    # the head part: up to a post-modifier, a comma or a closing mark
    for k, (_, _, word) in enumerate(tokens):
        if k and (not word[0].isalnum() or (word in POSTMODIFIERS and not _joins(tokens, k))):
            tokens = tokens[:k]
            break
    if not tokens:
        return None
    s, e, word = tokens[-1]
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            e, word = e - len(suffix), word[: -len(suffix)]
            break
    if not _capitalized(word):
        return None
    first = len(tokens) - 1
    while first > 0:
        before = tokens[first - 1][2]
        if before.endswith(("'s", "’s")) or not (_capitalized(before) or _joins(tokens, first - 1)):
            break
        first -= 1
    while first < len(tokens) - 1 and tokens[first][2].lower() in JOINERS | {"the", "a", "an"}:
        first += 1
    name_start = tokens[first][0]
    words = [t[2].lower().rstrip(".") for t in tokens[first:]]
    words[-1] = word.lower()
    lowercase = set(lowercase)
    if len(words) == 1 and words[0] in NOT_NAMES:
        return None
    before = text[sentence_start:name_start].rstrip()
    opens = not before or before in ('"', "“", "'", "(") or before.endswith(":")
    if len(words) == 1 and opens and words[0] in lowercase:
        return None
    if text[name_start:e].isupper() and all(w in lowercase for w in words):
        return None  # "A MAN was last night being quizzed": shouting
    if _title_case(text, sentence_start) and all(w in lowercase or w in JOINERS for w in words):
        return None  # "Party Girl", "Mafia Boss" in a Title Case headline: common words
    return name_start, e, (s, e)


def _title_case(text: str, sentence_start: int) -> bool:
    """A headline written in Title Case ("Teen Shot Dead By Police"): its capitals say nothing."""
    end = text.find("\n", sentence_start)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[sentence_start : end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() or w in SMALL_WORDS for w in words) >= 0.8 * len(words)


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


def _joins(tokens: Sequence[tuple[int, int, str]], k: int) -> bool:
    """A lowercase joiner between two capitalized words ("Bank of America")."""
    return (
        0 < k < len(tokens) - 1 and tokens[k][2] in JOINERS
        and _capitalized(tokens[k - 1][2]) and _capitalized(tokens[k + 1][2])
    )


def gold_chains(mentions: Sequence[GoldMention]) -> list[set[int]]:
    """The annotation's chains over the mentions (as mention indices)."""
    chains: dict[str, set[int]] = defaultdict(set)
    for n, m in enumerate(mentions):
        chains[m.chain].add(n)
    return list(chains.values())


# ---------------------------------------------------------------- 2. newsbrief


def newsbrief_chains(topic: Topic, mentions: Sequence[GoldMention]) -> list[set[int]]:
    """The entity stage on the topic's documents as one story; each gold mention joins the
    entity whose mention covers the last word of its name."""
    from ..analyze.entities import entity_mentions
    from ..model import Article
    from ..segment import split_sentences

    articles = [Article(id=str(d["id"]), text=d["text"]) for d in topic.documents]
    sentences = {a.id: split_sentences(a) for a in articles}
    entities = entity_mentions(articles, sentences)
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for number, (_, entity_spans) in enumerate(entities):
        for span in entity_spans:
            spans[span.article].append((span.start, span.end, number))
    return map_mentions(mentions, spans)


def map_mentions(mentions: Sequence[GoldMention], spans: Mapping[str, Sequence[tuple[int, int, int]]]) -> list[set[int]]:
    """Chains of gold mentions from system mention spans ``{doc: [(start, end, entity)]}``:
    a mention joins the entity whose span covers its head (the name's last word), the one
    overlapping the name most when several do; else it stays alone."""
    chains: dict[Any, set[int]] = defaultdict(set)
    for n, m in enumerate(mentions):
        covering = [
            (min(e, m.end) - max(s, m.start), -(e - s), entity)
            for s, e, entity in spans.get(m.doc, ())
            if s <= m.head[0] and m.head[1] <= e
        ]
        chains[max(covering)[2] if covering else ("alone", n)].add(n)
    return list(chains.values())


# ---------------------------------------------------------------- 3. baseline


def baseline_chains(mentions: Sequence[GoldMention]) -> list[set[int]]:
    """Exact string match (case and spacing ignored), then surname match: a one-word name
    joins the chain of the multi-word name ending with it, when the topic has one such name."""
    keys = [" ".join(m.text.lower().split()) for m in mentions]
    multi = {k for k in keys if " " in k}
    target: dict[str, str] = {}
    for key in set(keys):
        if " " not in key:
            fuller = {k for k in multi if k.endswith(" " + key)}
            if len(fuller) == 1:
                target[key] = fuller.pop()
    chains: dict[str, set[int]] = defaultdict(set)
    for n, key in enumerate(keys):
        chains[target.get(key, key)].add(n)
    return list(chains.values())


# ---------------------------------------------------------------- 4. metrics


@dataclass(frozen=True, slots=True)
class Counts:
    """Precision and recall as sums, so topics pool by adding."""

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.p_num + other.p_num, self.p_den + other.p_den,
                      self.r_num + other.r_num, self.r_den + other.r_den)

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Sequence[set[int]], response: Sequence[set[int]]) -> Counts:
    """Vilain et al. (1995): links kept. Recall sums |K| - (parts of K in the response)
    over key chains, over sum |K| - 1; precision the same with the roles swapped."""
    return Counts(*_muc_side(response, key), *_muc_side(key, response))


def _muc_side(chains: Sequence[set[int]], other: Sequence[set[int]]) -> tuple[float, float]:
    owner = {m: n for n, chain in enumerate(other) for m in chain}
    num = den = 0
    for chain in chains:
        parts = {owner.get(m, ("alone", m)) for m in chain}
        num += len(chain) - len(parts)
        den += len(chain) - 1
    return float(num), float(den)


def bcubed(key: Sequence[set[int]], response: Sequence[set[int]]) -> Counts:
    """Bagga and Baldwin (1998): per mention, the share of its response chain in its key
    chain (precision) and of its key chain in its response chain (recall)."""
    key_of = {m: chain for chain in key for m in chain}
    response_of = {m: chain for chain in response for m in chain}
    p = r = 0.0
    for m in key_of:
        k, s = key_of[m], response_of.get(m, {m})
        overlap = len(k & s)
        p += overlap / len(s)
        r += overlap / len(k)
    n = float(len(key_of))
    return Counts(p, n, r, n)


def ceaf_e(key: Sequence[set[int]], response: Sequence[set[int]]) -> Counts:
    """Luo (2005), entity-based: the best one-to-one alignment of key and response chains
    by phi4 = 2|K & R| / (|K| + |R|); precision = total / response chains, recall = total /
    key chains."""
    key = [k for k in key if k]
    response = [r for r in response if r]
    total = 0.0
    if key and response:
        import numpy
        from scipy.optimize import linear_sum_assignment

        owner = {m: n for n, chain in enumerate(response) for m in chain}
        similarity = numpy.zeros((len(key), len(response)))
        for i, k in enumerate(key):
            for j in {owner[m] for m in k if m in owner}:
                similarity[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
        rows, cols = linear_sum_assignment(similarity, maximize=True)
        total = float(similarity[rows, cols].sum())
    return Counts(total, float(len(response)), total, float(len(key)))


METRICS = {"muc": muc, "bcubed": bcubed, "ceafe": ceaf_e}


def score(key: Sequence[set[int]], response: Sequence[set[int]]) -> dict[str, Counts]:
    return {name: metric(key, response) for name, metric in METRICS.items()}


def conll_f1(counts: Mapping[str, Counts]) -> float:
    """The mean of MUC, B-cubed and CEAF-e F1."""
    return sum(counts[name].f1 for name in METRICS) / len(METRICS)


def summary(per_topic: Sequence[Mapping[str, Counts]]) -> dict[str, float]:
    """Pooled scores (topics' counts summed) and the mean of per-topic F1s."""
    pooled = {name: sum((t[name] for t in per_topic), Counts()) for name in METRICS}
    result: dict[str, float] = {
        "bcubed_f1": pooled["bcubed"].f1,
        "conll_f1": conll_f1(pooled),
        "bcubed_precision": pooled["bcubed"].precision,
        "bcubed_recall": pooled["bcubed"].recall,
        "muc_f1": pooled["muc"].f1,
        "ceafe_f1": pooled["ceafe"].f1,
    }
    scored = [t for t in per_topic if t["bcubed"].r_den]  # topics with mentions
    if scored:
        result["bcubed_f1_topic_mean"] = sum(t["bcubed"].f1 for t in scored) / len(scored)
        result["conll_f1_topic_mean"] = sum(conll_f1(t) for t in scored) / len(scored)
    return {k: round(v, 4) for k, v in result.items()}


# ---------------------------------------------------------------- the command


SYSTEMS = ("newsbrief", "exact+surname")


def evaluate(topics: Sequence[Topic], progress=None) -> dict[str, Any]:
    """Scores of both systems, pooled and per topic."""
    per_topic: dict[str, list[dict[str, Counts]]] = {s: [] for s in SYSTEMS}
    rows = []
    seconds = 0.0
    mentions_total = chains_total = 0
    for topic in topics:
        mentions = gold_mentions(topic)
        key = gold_chains(mentions)
        began = time.process_time()
        ours = newsbrief_chains(topic, mentions)
        seconds += time.process_time() - began
        row: dict[str, Any] = {"topic": topic.name, "documents": len(topic.documents),
                               "mentions": len(mentions), "chains": len(key)}
        for system, response in (("newsbrief", ours), ("exact+surname", baseline_chains(mentions))):
            counts = score(key, response)
            per_topic[system].append(counts)
            row[system] = {"bcubed_f1": round(counts["bcubed"].f1, 4), "conll_f1": round(conll_f1(counts), 4)}
        rows.append(row)
        mentions_total += len(mentions)
        chains_total += len(key)
        if progress:
            progress(row)
    systems = {system: summary(per_topic[system]) for system in SYSTEMS}
    return {"task": "entities", "systems": systems, "topics": len(topics), "mentions": mentions_total,
            "chains": chains_total, "newsbrief_cpu_seconds": round(seconds, 2), "per_topic": rows}


def run(args: Any) -> int:
    paths = list(getattr(args, "stories", None) or [])
    topics = load_topics(paths, getattr(args, "limit", None))
    as_json = getattr(args, "format", "text") == "json"
    if not as_json:
        print(f"entities: {len(topics)} topics from {', '.join(paths)}; named mentions of "
              f"{', '.join(sorted(GOLD_TYPES))} in coref_selected sentences")

    def progress(row: Mapping[str, Any]) -> None:
        print(f"  {row['topic']:<34} {row['documents']:>3} docs {row['mentions']:>4} mentions "
              f"{row['chains']:>4} chains   newsbrief B3 {row['newsbrief']['bcubed_f1']:.3f} "
              f"CoNLL {row['newsbrief']['conll_f1']:.3f}   exact+surname B3 "
              f"{row['exact+surname']['bcubed_f1']:.3f} CoNLL {row['exact+surname']['conll_f1']:.3f}")

    report = evaluate(topics, None if as_json else progress)
    output = getattr(args, "output", None)
    if output:
        Path(output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps({"task": "entities", "systems": report["systems"]}))
        return 0
    print(f"pooled over {report['topics']} topics ({report['mentions']} mentions, {report['chains']} gold chains; "
          "topics' counts summed, singletons kept):")
    for system, values in report["systems"].items():
        print(f"  {system:<15} B3-P {values['bcubed_precision']:.3f}  B3-R {values['bcubed_recall']:.3f}  "
              f"B3-F1 {values['bcubed_f1']:.3f}  MUC-F1 {values['muc_f1']:.3f}  CEAFe-F1 {values['ceafe_f1']:.3f}  "
              f"CoNLL-F1 {values['conll_f1']:.3f}   (topic means: B3-F1 {values.get('bcubed_f1_topic_mean', 0):.3f}, "
              f"CoNLL-F1 {values.get('conll_f1_topic_mean', 0):.3f})")
    print(f"newsbrief entity stage: {report['newsbrief_cpu_seconds']:.1f} CPU s in all")
    return 0


if __name__ == "__main__":  # python -m newsbrief.evaluate.entities FILE.jsonl...
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="+")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output")
    sys.exit(run(parser.parse_args()))
