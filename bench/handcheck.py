"""Score newsbrief's analysis against the hand-checked stories of bench/handcheck/ (issue 14).

    python bench/handcheck.py --data ../shared/data [--clusters D31013T,D31022T] [--json OUT.json]

Runs ``newsbrief.ingest.articles_from_story`` + ``newsbrief.pipeline.build_brief`` on each annotated
DUC 2003 cluster (read from DATA/duc2003_task2/clusters.jsonl, never stored here) and scores:

- timeline: an entry is right when its date and precision are the annotated main-event date of its
  sentence (or one of ``also_right``); entries of sentences annotated "undatable" are wrong; entries of
  sentences with no annotation are listed apart ("not annotated"); recall = annotated dated sentences
  that appear in the timeline (under any date) and under the right date.
- quotes (unit: quote x article): precision of attributed quotes with the right speaker (surname match,
  title words ignored, a full name must agree on the first name; unnamed speakers by their head noun);
  set phrases shown as quotes are errors; recall of annotated quotes; quotes newsbrief finds but leaves
  unattributed are counted apart (``analyze.quotes.article_attributions``, when present).
- entities: an entry whose names belong to two different annotated things (or a do-not-merge pair) is a
  merge; an annotated entity spread over two entries is a split; wrong types are listed.
- figures: items of kind "conflict" that are not an annotated disagreement are false conflicts (with the
  reason: a change, an approximation, different measures, other); annotated disagreements found.

Spans of the brief point into the cleaned text; annotations into the raw text. Offsets are mapped
through the alignment of the two texts and checked by the annotation's first words.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent / "handcheck"

TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "doctor", "president", "prime", "minister", "secretary", "finance",
    "gov", "governor", "sen", "senator", "rep", "king", "queen", "general", "gen", "chief", "prosecutor",
    "spokesman", "spokeswoman", "attorney", "judge", "executive", "vice", "chairman", "director", "sir",
    "rev", "assistant", "police", "state", "department", "foreign", "ministry", "philippine", "chinese",
    "swedish", "u.s.", "us", "white", "house", "new", "york", "gov.", "the",
}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


# ------------------------------------------------------------------ offsets

class OffsetMap:
    """Raw-text offsets of an article to offsets in its cleaned text."""

    def __init__(self, raw: str, cleaned: str) -> None:
        self.raw, self.cleaned = raw, cleaned
        matcher = difflib.SequenceMatcher(None, raw, cleaned, autojunk=False)
        self.blocks = [b for b in matcher.get_matching_blocks() if b.size]

    def kept(self, start: int, end: int) -> float:
        """Share of the raw characters [start, end) that the cleaned text keeps."""
        inside = sum(overlap(a, a + size, start, end) for a, _, size in self.blocks)
        return inside / max(1, end - start)

    def to_cleaned(self, offset: int) -> int:
        for a, b, size in self.blocks:
            if a <= offset < a + size:
                return b + offset - a
            if a > offset:
                return b  # inside a deleted stretch: where the text resumes
        return len(self.cleaned)

    def locate(self, offset: int, words: str) -> int:
        """Cleaned offset of an annotated start, checked (and if needed found) by its first words."""
        mapped = self.to_cleaned(offset)
        want = " ".join(words.split()[:3])
        if not want or squash(self.cleaned[mapped:mapped + 200]).startswith(want):
            return mapped
        hits = [m.start() for m in re.finditer(re.escape(want).replace(r"\ ", r"\s+"), self.cleaned)]
        near = [h for h in hits if abs(h - mapped) < 400]
        return min(near, key=lambda h: abs(h - mapped)) if near else mapped


def squash(text: str) -> str:
    return " ".join(text.split())


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


# ------------------------------------------------------------------ names

def tokens(name: str) -> list[str]:
    name = re.sub(r"'s\b|’s\b", "", name)
    return [t for t in re.findall(r"[\w.'’-]+", name) if t.strip(".")]


def norm(token: str) -> str:
    return token.lower().strip(".").replace("’", "'")


def strip_titles(toks: list[str]) -> list[str]:
    """Leading title words off ("Philippine President Joseph Estrada" -> "Joseph Estrada")."""
    index = 0
    while index < len(toks) and norm(toks[index]) in TITLE_WORDS:
        index += 1
    return toks[index:] or toks


def ends_with(name: list[str], alias: list[str]) -> bool:
    return len(alias) <= len(name) and [norm(t) for t in name[-len(alias):]] == [norm(t) for t in alias]


def vague(speaker: str) -> bool:
    """A description, not a name: "a young man", "the father", "a statement"."""
    said = tokens(speaker)
    if said and norm(said[0]) in ("a", "an", "the"):
        said = said[1:]
    return bool(said) and all(t[:1].islower() for t in said)


def speaker_right(speaker: str, gold: dict, aliases_of: dict[str, list[str]],
                  family_first: frozenset[str] = frozenset()) -> bool:
    """Is the brief's speaker the annotated one? Surname is enough (the first name of a Chinese
    name: "Ms. He" is He Xintong); a full name must agree on its first name (Lynne Slepian is not
    Barnett Slepian); unnamed speakers by their head noun."""
    said = tokens(speaker)
    if not said:
        return False
    names = [gold["speaker"], *gold.get("also_right", ())]
    if gold.get("named", True) is False:
        head = norm(gold.get("head", gold["speaker"].split()[-1]))
        if any(norm(t) == head or norm(t).startswith(head) for t in said):
            return True
        names = list(gold.get("also_right", ()))
    forms: list[list[str]] = []
    for name in names:
        for form in [name, *aliases_of.get(name, ())]:
            forms.append(tokens(form))
    core = strip_titles(said)
    if len(core) == 1 and any(name in family_first for name in names):
        if any(len(form) >= 2 and norm(core[0]) == norm(form[0]) for form in forms):
            return True
    for form in forms:
        if len(form) >= 2 and ends_with(said, form):
            return True
        if len(form) >= 2 and len(core) >= 2 and norm(core[-1]) == norm(form[-1]) and norm(core[0]) == norm(form[0]):
            return True
        if len(core) == 1 and norm(core[0]) == norm(form[-1]):
            return True
        if len(form) == 1 and [norm(t) for t in core] == [norm(form[0])]:
            return True
    return False


def name_matches(form: str, alias: str) -> bool:
    f, a = tokens(re.sub(r"^(the|The)\s+", "", form)), tokens(re.sub(r"^(the|The)\s+", "", alias))
    if not f or not a:
        return False
    if [norm(t) for t in f] == [norm(t) for t in a]:
        return True
    if len(a) >= 2 and ends_with(f, a):
        return True
    core = strip_titles(f)
    return [norm(t) for t in core] == [norm(t) for t in a]


# ------------------------------------------------------------------ numbers

def number_of(text) -> float | None:
    """The first quantity of a figure's value: "about 65" -> 65, "dlrs 2.1 billion" -> 2.1e9,
    "two years" -> 2, "a dozen" -> 12."""
    if isinstance(text, (int, float)):
        return float(text)
    text = str(text).lower()
    match = re.search(r"(\d[\d,]*(?:\.\d+)?)(?:\s*(thousand|million|billion))?", text)
    if match:
        value = float(match.group(1).replace(",", ""))
        return value * SCALES.get(match.group(2) or "", 1)
    words = re.findall(r"[a-z]+", text)
    for index, word in enumerate(words):
        if word in NUMBER_WORDS:
            value = float(NUMBER_WORDS[word])
            following = words[index + 1] if index + 1 < len(words) else ""
            if following in ("dozen", "hundred") and word not in ("dozen", "hundred"):
                value *= NUMBER_WORDS[following]
            elif following in SCALES:
                value *= SCALES[following]
            return value
    return None


# ------------------------------------------------------------------ run

def load_stories(data: Path, wanted: set[str], source: str = "duc2003_task2/clusters.jsonl") -> dict[str, dict]:
    path = data / source
    stories = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            story = json.loads(line)
            if story["id"] in wanted:
                stories[story["id"]] = story
    return stories


def run_cluster(story: dict, gold: dict) -> dict:
    from newsbrief.ingest import articles_from_story
    from newsbrief.pipeline import build_brief

    annotated = [d["doc_id"] for d in gold.get("documents", ()) if d.get("doc_id")]
    if annotated and all(d.get("doc_id") for d in story["documents"]):
        # an annotation of the first N documents of a bigger cluster (bench/handcheck_dev/) is run on those
        story = {**story, "documents": [d for d in story["documents"] if d["doc_id"] in set(annotated)]}
    articles = articles_from_story(story)
    raw = {a.id: a.text for a in articles}
    brief = build_brief(articles)
    cleaned = {a.id: a for a in brief.articles}
    maps = {aid: OffsetMap(raw[aid], cleaned[aid].text) for aid in raw if aid in cleaned}
    copies = {c: a.id for a in brief.articles for c in a.copies}
    survivors = {aid for aid in cleaned if aid not in copies}

    def place(item: dict) -> tuple[str, int, int]:
        omap = maps[item["article"]]
        start = omap.locate(item["start"], item["words"])
        end = max(start + 1, omap.to_cleaned(item["end"]))
        return item["article"], start, end

    # Annotated sentences the cleaner removed (a dateline, an editor's note) cannot be in the brief.
    removed = [where(item) for stage in ("dates", "quotes") for item in gold[stage]
               if item["article"] in maps and maps[item["article"]].kept(item["start"], item["end"]) < 0.5]

    def keep(item: dict) -> bool:
        return item["article"] in survivors and where(item) not in removed

    result = {"cluster": gold["cluster"], "copies": copies, "removed_by_cleaner": removed,
              "warnings": [w.message for w in brief.warnings]}
    result["timeline"] = score_timeline(brief, gold, place, keep)
    result["quotes"] = score_quotes(brief, gold, place, keep, articles)
    result["entities"] = score_entities(brief, gold)
    result["figures"] = score_figures(brief, gold)
    return result


def where(item: dict) -> str:
    return f"{item['article']}@{item['start']} \"{item['words']}\""


def accepted_dates(gold: dict) -> set[tuple[str, str]]:
    if gold["date"] == "undatable":
        out = set()
    else:
        out = {(gold["date"], gold["precision"])}
    for alt in gold.get("also_right", ()):
        out.add((alt, {4: "year", 7: "month", 10: "day"}[len(alt)]))
    return out


def entry_key(date: str, precision: str) -> tuple[str, str]:
    return ({"year": date[:4], "month": date[:7]}.get(precision, date), precision)


def score_timeline(brief, gold: dict, place, keep) -> dict:
    placed = [(g, *place(g)) for g in gold["dates"] if keep(g)]
    by_article = defaultdict(list)
    for g, aid, s, e in placed:
        by_article[aid].append((g, s, e))
    entries, errors, unannotated, citation_errors = 0, [], [], []
    right = background = citations = citations_right = 0
    seen_dates: dict[int, set] = defaultdict(set)
    for event in brief.timeline:
        entries += 1
        background += bool(getattr(event, "background", False))
        key = entry_key(event.date, event.precision)
        matched = []  # (span index, annotated sentence) for every cited sentence that is annotated
        for number, span in enumerate(event.spans):
            best = max(by_article.get(span.article, ()), key=lambda x: overlap(x[1], x[2], span.start, span.end),
                       default=None)
            if best and overlap(best[1], best[2], span.start, span.end) > 0:
                matched.append((number, best[0]))
        for _, g in matched:
            seen_dates[id(g)].add(key)
        # The entry is judged by its own sentence (the first span, whose text it shows); the
        # sentences of other articles it cites are counted apart as citations.
        primary = [g for number, g in matched if number == 0]
        if not primary:
            span = event.spans[0] if event.spans else None
            unannotated.append(f"{event.date} ({event.precision}) {span.article if span else '?'}@{span.start if span else '?'} "
                               f"\"{' '.join(event.text.split()[:6])}\"")
        else:
            g = primary[0]
            ok = key in accepted_dates(g)
            right += ok
            if not ok:
                want = "undatable" if g["date"] == "undatable" else f"{g['date']} ({g['precision']})"
                errors.append(f"{event.date} ({event.precision}) for {want}: {where(g)}")
        for number, g in matched:
            if number == 0:
                continue
            citations += 1
            if key in accepted_dates(g):
                citations_right += 1
            else:
                want = "undatable" if g["date"] == "undatable" else f"{g['date']} ({g['precision']})"
                citation_errors.append(f"entry {event.date} ({event.precision}) \"{' '.join(event.text.split()[:5])}\" "
                                       f"also cites {where(g)}, whose main event is {want}")
    dated = [g for g, *_ in placed if g["date"] != "undatable"]
    present = [g for g in dated if seen_dates.get(id(g))]
    rightly = [g for g in dated if seen_dates.get(id(g)) and seen_dates[id(g)] & accepted_dates(g)]
    twice = [g for g, *_ in placed if len(seen_dates.get(id(g), ())) > 1]
    missed = [where(g) + f" {g['date']}" for g in dated if not seen_dates.get(id(g))]
    scored = entries - len(unannotated)
    return {"entries": entries, "background": background, "scored": scored, "right": right,
            "citations": citations, "citations_right": citations_right, "citation_errors": citation_errors,
            "not_annotated": len(unannotated), "annotated_dated": len(dated), "present": len(present),
            "present_right": len(rightly), "sentence_under_2_dates": len(twice),
            "errors": errors, "not_annotated_list": unannotated, "missed": missed,
            "twice_list": [where(g) + " " + ", ".join(sorted(d for d, _ in seen_dates[id(g)])) for g in twice]}


def score_quotes(brief, gold: dict, place, keep, articles) -> dict:
    aliases_of = {}
    for ent in gold["entities"]:
        for alias in ent["aliases"]:
            aliases_of.setdefault(ent["name"], ent["aliases"])
            aliases_of.setdefault(alias, ent["aliases"])
    quotes = [(q, *place(q)) for q in gold["quotes"] if keep(q)]
    not_quotes = []
    for n in gold.get("not_quotes", ()):
        if keep({**n, "end": n["start"] + 1}):
            aid, s, _ = place({**n, "end": n["start"] + 1})
            not_quotes.append((n, aid, s))
    by_article = defaultdict(list)
    for q, aid, s, e in quotes:
        by_article[aid].append((q, s, e))
    family_first = frozenset(gold.get("family_name_first", ()))
    attributed = right = phrase = unannotated = vague_count = 0
    errors, phrases, extra = [], [], []
    found: dict[int, list[bool]] = defaultdict(list)
    for quote in brief.quotes:
        if not quote.speaker:
            continue  # shown as Unattributed: counted below with those newsbrief leaves unattributed
        for span in quote.spans:
            attributed += 1
            best = max(by_article.get(span.article, ()), key=lambda x: overlap(x[1], x[2], span.start, span.end),
                       default=None)
            if not best or overlap(best[1], best[2], span.start, span.end) <= 0:
                hit = [n for n, aid, s in not_quotes if aid == span.article and span.start - 3 <= s <= span.end]
                if hit:
                    phrase += 1
                    phrases.append(f"{quote.speaker!r}: {where(hit[0])} ({hit[0]['why']})")
                else:
                    unannotated += 1
                    extra.append(f"{quote.speaker!r}: {span.article}@{span.start} \"{' '.join(quote.text.split()[:5])}\"")
                continue
            q = best[0]
            ok = q["speaker"] != "unattributed" and speaker_right(quote.speaker, q, aliases_of, family_first)
            found[id(q)].append(ok)
            right += ok
            if not ok:
                is_vague = vague(quote.speaker) and (q.get("named", True) is not False or q.get("head", "")[:1].isupper())
                vague_count += is_vague
                errors.append(f"{quote.speaker!r} for {q['speaker']!r}: {where(q)}"
                              + (" (a description where the text names the speaker)" if is_vague else ""))
    unattributed_found = unattributed_named = 0
    unattributed_list = []
    try:
        from newsbrief.analyze.quotes import article_attributions
        from newsbrief.pipeline import prepare
    except ImportError:
        article_attributions = None
    if article_attributions is not None:  # the brief keeps attributed quotes only
        prepared = prepare(articles)
        for item in article_attributions(prepared.unique, prepared.sentences):
            if item.speaker:
                continue
            unattributed_found += 1
            span = item.spans[0]
            best = max(by_article.get(span.article, ()), key=lambda x: overlap(x[1], x[2], span.start, span.end),
                       default=None)
            if best and overlap(best[1], best[2], span.start, span.end) > 0 and best[0]["speaker"] != "unattributed":
                unattributed_named += 1
                unattributed_list.append(f"{where(best[0])} (annotated: {best[0]['speaker']})")
    gold_attr = [q for q, *_ in quotes if q["speaker"] != "unattributed"]
    recalled = [q for q in gold_attr if any(found.get(id(q), ()))]
    present = [q for q in gold_attr if id(q) in found]
    missed = [where(q) + f" ({q['speaker']})" for q in gold_attr if id(q) not in found]
    return {"attributed": attributed, "right": right, "vague": vague_count, "set_phrases": phrase,
            "not_annotated": unannotated,
            "annotated": len(gold_attr), "annotated_unattributed": sum(q["speaker"] == "unattributed" for q, *_ in quotes),
            "present": len(present), "present_right": len(recalled),
            "left_unattributed": unattributed_found, "left_unattributed_but_named": unattributed_named,
            "errors": errors, "set_phrase_list": phrases, "not_annotated_list": extra, "missed": missed,
            "left_unattributed_list": unattributed_list}


def score_entities(brief, gold: dict) -> dict:
    things = [(e["name"], e["type"], e["aliases"]) for e in gold["entities"]]
    known = {name for name, _, _ in things}
    for pair in gold.get("do_not_merge", ()):
        for name in pair[:2]:
            if name not in known:
                things.append((name, None, [name]))
                known.add(name)
    apart = {frozenset(p[:2]) for p in gold.get("do_not_merge", ())}
    merges, wrong_type, mapped_entities = [], [], 0
    entries_of: dict[str, list[str]] = defaultdict(list)
    for entity in brief.entities:
        forms = [entity.name, *entity.aliases]
        hits: dict[str, list[str]] = defaultdict(list)
        for form in forms:
            for name, _, aliases in things:
                if any(name_matches(form, alias) for alias in aliases):
                    hits[name].append(form)
        if not hits:
            continue
        mapped_entities += 1
        for name in hits:
            entries_of[name].append(entity.name)
        if len(hits) > 1:
            pairs = [f"{a} + {b}" + (" (do-not-merge pair)" if frozenset((a, b)) in apart else "")
                     for i, a in enumerate(hits) for b in list(hits)[i + 1:]]
            merges.append(f"{entity.name!r} [{entity.type}] merges " + "; ".join(pairs)
                          + " via " + ", ".join(sorted({f for fs in hits.values() for f in fs})))
        else:
            (name,) = hits
            gold_type = next(t for n, t, _ in things if n == name)
            if gold_type and entity.type != gold_type:
                wrong_type.append(f"{entity.name!r} typed {entity.type}, is {gold_type}")
    annotated = [name for name, t, _ in things if t]
    splits = [f"{name}: " + " | ".join(repr(e) for e in entries_of[name]) for name in annotated if len(entries_of[name]) > 1]
    missing = [name for name in annotated if not entries_of[name]]
    return {"entries": len(brief.entities), "mapped": mapped_entities, "merges": len(merges),
            "clean": mapped_entities - len(merges), "annotated": len(annotated),
            "found": len(annotated) - len(missing), "split": len(splits), "wrong_type": len(wrong_type),
            "merge_list": merges, "split_list": splits, "wrong_type_list": wrong_type, "missing_list": missing}


def score_figures(brief, gold: dict) -> dict:
    figures = gold["figures"]
    groups = []
    for kind in ("disagreements", "changes", "approximations", "different_measures"):
        for group in figures.get(kind, ()):
            groups.append((kind, group))

    def matches(value, group) -> set[float]:
        number = number_of(value.value)
        got = set()
        for gv in group["values"]:
            if number is not None and number_of(gv["value"]) == number and set(gv["articles"]) & set(value.citations):
                got.add(number)
        return got

    def classify(item) -> tuple[str, dict] | None:
        for kind, group in groups:
            numbers = set()
            for value in item.values:
                numbers |= matches(value, group)
            if len(numbers) >= 2:
                return kind, group
        return None

    conflicts = [c for c in brief.conflicts if c.kind == "conflict"]
    true_conflicts, false_conflicts = [], []
    found: dict[str, str] = {}
    listed = []
    for item in brief.conflicts:
        values = ", ".join(f"{v.value} [{','.join(v.citations)}]" for v in item.values)
        label = f"{item.kind}: {item.subject!r}: {values}"
        listed.append(label)
        hit = classify(item)
        if hit and hit[0] == "disagreements":
            found.setdefault(hit[1]["id"], item.kind)
            if item.kind == "conflict":
                true_conflicts.append(label)
            continue
        if item.kind == "conflict":
            reason = {"changes": "a change over time", "approximations": "one value told roughly",
                      "different_measures": "different measures"}.get(hit[0], "") if hit else "not a disagreement"
            false_conflicts.append(f"{label} -> {reason}" + (f" ({hit[1]['what']})" if hit else ""))
    disagreements = figures.get("disagreements", ())
    recalled = [d for d in disagreements if found.get(d["id"]) in set(d.get("kind_ok", ["conflict"])) | {"conflict"}]
    missed = [f"{d['id']}: {d['what']}" + (f" (found as {found[d['id']]})" if d["id"] in found else "")
              for d in disagreements if d not in recalled]
    return {"items": len(brief.conflicts), "conflicts": len(conflicts), "true_conflicts": len(true_conflicts),
            "false_conflicts": len(false_conflicts), "annotated": len(disagreements), "found": len(recalled),
            "false_list": false_conflicts, "true_list": true_conflicts, "missed": missed, "all_items": listed}


# ------------------------------------------------------------------ report

def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else f"{a}/0"


def table(title: str, header: list[str], rows: list[list]) -> None:
    print(f"\n## {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def report(results: list[dict]) -> dict:
    total = lambda stage, key: sum(r[stage][key] for r in results)  # noqa: E731
    rows = [[r["cluster"], r["timeline"]["entries"], r["timeline"]["background"], pct(r["timeline"]["right"], r["timeline"]["scored"]),
             r["timeline"]["not_annotated"], r["timeline"]["sentence_under_2_dates"],
             pct(r["timeline"]["present"], r["timeline"]["annotated_dated"]),
             pct(r["timeline"]["present_right"], r["timeline"]["annotated_dated"]),
             pct(r["timeline"]["citations_right"], r["timeline"]["citations"])] for r in results]
    T = {k: total("timeline", k) for k in ("entries", "background", "right", "scored", "not_annotated", "citations", "citations_right",
                                           "sentence_under_2_dates", "present", "present_right", "annotated_dated")}
    rows.append(["**all**", T["entries"], T["background"], pct(T["right"], T["scored"]), T["not_annotated"],
                 T["sentence_under_2_dates"], pct(T["present"], T["annotated_dated"]), pct(T["present_right"], T["annotated_dated"]),
                 pct(T["citations_right"], T["citations"])])
    table("Timeline", ["cluster", "entries", "background", "date right (annotated sentences)", "not annotated",
                       "sentence under 2+ dates", "recall: dated sentences in timeline", "recall: under the right date",
                       "other articles' sentences cited with that date: main event right"], rows)

    rows = [[r["cluster"], r["quotes"]["attributed"], pct(r["quotes"]["right"], r["quotes"]["attributed"]),
             r["quotes"]["vague"], r["quotes"]["set_phrases"], r["quotes"]["not_annotated"],
             pct(r["quotes"]["present_right"], r["quotes"]["annotated"]), r["quotes"]["annotated_unattributed"],
             f"{r['quotes']['left_unattributed']} ({r['quotes']['left_unattributed_but_named']})"] for r in results]
    Q = {k: total("quotes", k) for k in ("attributed", "right", "vague", "set_phrases", "not_annotated", "present_right",
                                         "annotated", "annotated_unattributed", "left_unattributed", "left_unattributed_but_named")}
    rows.append(["**all**", Q["attributed"], pct(Q["right"], Q["attributed"]), Q["vague"], Q["set_phrases"], Q["not_annotated"],
                 pct(Q["present_right"], Q["annotated"]), Q["annotated_unattributed"],
                 f"{Q['left_unattributed']} ({Q['left_unattributed_but_named']})"])
    table("Quotes (quote x article)", ["cluster", "attributed in brief", "right speaker",
                                       "of the wrong: a description instead of the name", "set phrase as quote",
                                       "not annotated", "recall (right speaker)", "annotated unattributed",
                                       "left unattributed by newsbrief (of them with a speaker in the text)"], rows)

    rows = [[r["cluster"], r["entities"]["entries"], r["entities"]["mapped"], pct(r["entities"]["clean"], r["entities"]["mapped"]),
             r["entities"]["merges"], pct(r["entities"]["found"], r["entities"]["annotated"]), r["entities"]["split"],
             r["entities"]["wrong_type"]] for r in results]
    E = {k: total("entities", k) for k in ("entries", "mapped", "clean", "merges", "found", "annotated", "split", "wrong_type")}
    rows.append(["**all**", E["entries"], E["mapped"], pct(E["clean"], E["mapped"]), E["merges"], pct(E["found"], E["annotated"]),
                 E["split"], E["wrong_type"]])
    table("Entities", ["cluster", "entries", "entries naming an annotated thing", "no merge", "merges",
                       "annotated found", "annotated split over 2+ entries", "wrong type"], rows)

    rows = [[r["cluster"], r["figures"]["items"], r["figures"]["conflicts"], r["figures"]["true_conflicts"],
             r["figures"]["false_conflicts"], pct(r["figures"]["found"], r["figures"]["annotated"])] for r in results]
    F = {k: total("figures", k) for k in ("items", "conflicts", "true_conflicts", "false_conflicts", "found", "annotated")}
    rows.append(["**all**", F["items"], F["conflicts"], F["true_conflicts"], F["false_conflicts"], pct(F["found"], F["annotated"])])
    table("Figures", ["cluster", "items (any kind)", "kind conflict", "real disagreements", "false conflicts",
                      "annotated disagreements found"], rows)

    print("\n## Errors\n")
    for r in results:
        print(f"### {r['cluster']}" + (f" (collapsed copies, not scored: {r['copies']})" if r["copies"] else ""))
        if r["removed_by_cleaner"]:
            print("annotated but removed by the cleaner, not scored:", "; ".join(r["removed_by_cleaner"]))
        if r["warnings"]:
            print("warnings:", r["warnings"])
        sections = [
            ("timeline: wrong date", r["timeline"]["errors"]),
            ("timeline: sentence under 2+ dates", r["timeline"]["twice_list"]),
            ("timeline: cited sentences of other articles whose main event has another date", r["timeline"]["citation_errors"]),
            ("timeline: entries of sentences not annotated (check by hand)", r["timeline"]["not_annotated_list"]),
            ("timeline: dated sentences missing", r["timeline"]["missed"]),
            ("quotes: wrong speaker", r["quotes"]["errors"]),
            ("quotes: set phrase as quote", r["quotes"]["set_phrase_list"]),
            ("quotes: not annotated (check by hand)", r["quotes"]["not_annotated_list"]),
            ("quotes: left unattributed although the text names the speaker", r["quotes"]["left_unattributed_list"]),
            ("quotes: missing", r["quotes"]["missed"]),
            ("entities: merges", r["entities"]["merge_list"]),
            ("entities: splits", r["entities"]["split_list"]),
            ("entities: wrong type", r["entities"]["wrong_type_list"]),
            ("entities: annotated, not found", r["entities"]["missing_list"]),
            ("figures: false conflicts", r["figures"]["false_list"]),
            ("figures: real disagreements reported", r["figures"]["true_list"]),
            ("figures: disagreements missed", r["figures"]["missed"]),
            ("figures: every item", r["figures"]["all_items"]),
        ]
        for title, items in sections:
            if items:
                print(f"\n{title} ({len(items)}):")
                for item in items:
                    print(f"  - {item}")
        print()
    return {"timeline": T, "quotes": Q, "entities": E, "figures": F}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (holds duc2003_task2/)")
    parser.add_argument("--clusters", help="comma-separated cluster ids (default: every annotated cluster)")
    parser.add_argument("--json", type=Path, help="also write every count and error as JSON here")
    parser.add_argument("--dir", type=Path, default=HERE,
                        help="the annotation folder (default bench/handcheck/; bench/handcheck_dev/ is a tuned-on set)")
    args = parser.parse_args()

    available = sorted(p.stem for p in args.dir.glob("*.json"))
    wanted = args.clusters.split(",") if args.clusters else available
    unknown = [c for c in wanted if c not in available]
    if unknown:
        sys.exit(f"no annotation for {', '.join(unknown)} in {args.dir} (have: {', '.join(available)})")
    golds = {c: json.loads((args.dir / f"{c}.json").read_text(encoding="utf-8")) for c in wanted}
    results = []
    for cluster in wanted:
        gold = golds[cluster]
        source = gold.get("source", "duc2003_task2/clusters.jsonl")
        stories = load_stories(args.data, {cluster}, source)
        if cluster not in stories:
            sys.exit(f"{cluster} is not in {args.data / source}")
        results.append(run_cluster(stories[cluster], gold))
    totals = report(results)
    if args.json:
        args.json.write_text(json.dumps({"totals": totals, "clusters": results}, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
