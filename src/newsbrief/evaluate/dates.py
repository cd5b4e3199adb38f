"""``newsbrief eval --task dates FILE.jsonl``: time expressions against TempEval-3 gold (Task A).

Input: TempEval-3-style JSONL (``../shared/data/tempeval3_dev/README.md``), one document a
line: ``{"id", "source", "dct": "YYYY-MM-DD", "text", "timexes": [{"start", "end", "type",
"value", ...}]}``, offsets into ``text``.

Systems, in the same run:
    newsbrief   ``analyze.timex.find_timexes(text, dct)``: TIMEX3 type and value
    dateparser  ``dateparser.search.search_dates(text, settings={"RELATIVE_BASE": dct,
                "PREFER_DATES_FROM": "past"}, languages=["en"])``: each found string located in
                the text (searching on from the previous one), value its date's ISO day, type DATE
                (skipped, with a note, when dateparser is not installed)

Scores, as the official TE3 scorer (``evaluate_entities.py``) computes them, on character
offsets instead of its tokens:
    strict P/R/F1   a gold and a system timex with the same offsets
    relaxed P/R/F1  any character overlap; recall counts gold timexes overlapped by a system
                    one, precision system timexes overlapping a gold one
    value F1        (relaxed-matched gold timexes whose system value string equals the gold
                    one) / (relaxed-matched gold timexes) x relaxed F1; type F1 likewise.
                    A gold timex overlapped by several system ones is compared with the one of
                    the same offsets, else the one overlapping it most.
Numbers are 0-100, micro-averaged over all timexes of the files. Text output prints one table
per ``source`` (TimeBank, AQUAINT, ...) when the file mixes sources, then all together; JSON
output (``--format json``) prints one object:
``{"task": "dates", "systems": {"newsbrief": {...}, "dateparser": {...}}, "documents": N,
"timexes": N, "by_source": {...}}``. ``-o FILE`` writes every document's errors as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError

SYSTEMS = ("newsbrief", "dateparser")


@dataclass(frozen=True, slots=True)
class Span:
    """A timex of either side: offsets, type, value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(slots=True)
class Counts:
    """Sums over documents, as the official scorer keeps them."""

    gold: int = 0
    system: int = 0
    strict_gold: int = 0  # gold timexes with a system timex of the same offsets
    strict_system: int = 0
    relaxed_gold: int = 0  # gold timexes overlapped by a system timex
    relaxed_system: int = 0
    value: int = 0  # relaxed-matched gold timexes with the same value
    type: int = 0
    seconds: float = 0.0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "strict_gold", "strict_system", "relaxed_gold", "relaxed_system", "value",
                     "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds

    def scores(self) -> dict[str, float]:
        strict_p, strict_r = ratio(self.strict_system, self.system), ratio(self.strict_gold, self.gold)
        relaxed_p, relaxed_r = ratio(self.relaxed_system, self.system), ratio(self.relaxed_gold, self.gold)
        relaxed_f1 = f1(relaxed_p, relaxed_r)
        value_accuracy = ratio(self.value, self.relaxed_gold)
        type_accuracy = ratio(self.type, self.relaxed_gold)
        return {
            "strict_precision": 100 * strict_p, "strict_recall": 100 * strict_r, "strict_f1": 100 * f1(strict_p, strict_r),
            "relaxed_precision": 100 * relaxed_p, "relaxed_recall": 100 * relaxed_r, "relaxed_f1": 100 * relaxed_f1,
            "value_accuracy": 100 * value_accuracy, "value_f1": 100 * value_accuracy * relaxed_f1,
            "type_accuracy": 100 * type_accuracy, "type_f1": 100 * type_accuracy * relaxed_f1,
        }


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- scoring


def score_document(gold: Sequence[Span], system: Sequence[Span]) -> tuple[Counts, list[dict[str, Any]]]:
    """The counts of one document and its errors (missed, spurious, wrong span/value/type)."""
    counts = Counts(gold=len(gold), system=len(system))
    errors: list[dict[str, Any]] = []
    exact = {(s.start, s.end) for s in system}
    gold_exact = {(g.start, g.end) for g in gold}
    counts.strict_gold = sum((g.start, g.end) in exact for g in gold)
    counts.strict_system = sum((s.start, s.end) in gold_exact for s in system)
    for g in gold:
        overlapping = [s for s in system if s.start < g.end and g.start < s.end]
        if not overlapping:
            errors.append({"error": "missed", "gold": _as_dict(g)})
            continue
        counts.relaxed_gold += 1
        best = max(overlapping, key=lambda s: ((s.start, s.end) == (g.start, g.end), _overlap(s, g), -s.start))
        counts.value += best.value == g.value
        counts.type += best.type == g.type
        if (best.start, best.end) != (g.start, g.end) or best.value != g.value or best.type != g.type:
            kind = "value" if best.value != g.value else "type" if best.type != g.type else "span"
            errors.append({"error": kind, "gold": _as_dict(g), "system": _as_dict(best)})
    for s in system:
        if any(s.start < g.end and g.start < s.end for g in gold):
            counts.relaxed_system += 1
        else:
            errors.append({"error": "spurious", "system": _as_dict(s)})
    return counts, errors


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _as_dict(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text, "type": span.type, "value": span.value}


# ---------------------------------------------------------------- systems


def newsbrief_spans(text: str, dct: date | None) -> list[Span]:
    from ..analyze.timex import find_timexes

    return [Span(t.start, t.end, t.type, t.value, t.surface) for t in find_timexes(text, dct)]


def dateparser_system() -> Callable[[str, date | None], list[Span]] | None:
    """dateparser's ``search_dates`` with the DCT as base; None when dateparser is missing."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def spans(text: str, dct: date | None) -> list[Span]:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if dct is not None:
            settings["RELATIVE_BASE"] = datetime(dct.year, dct.month, dct.day)
        try:
            found = search_dates(text, languages=["en"], settings=settings) or []
        except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd text; none found then
            found = []
        return locate(text, [(surface, value.date().isoformat()) for surface, value in found])

    return spans


def locate(text: str, found: Iterable[tuple[str, str]]) -> list[Span]:
    """Place each (surface, ISO day) in ``text``, searching on from the previous one."""
    spans = []
    position = 0
    for surface, value in found:
        start = text.find(surface, position)
        if start < 0:
            start = text.find(surface)
            if start < 0:
                continue
        end = start + len(surface)
        spans.append(Span(start, end, "DATE", value, surface))
        position = end
    return spans


# ---------------------------------------------------------------- command


def run(args: Any) -> int:
    paths = [Path(p) for p in (getattr(args, "stories", None) or [])]
    if not paths:
        raise InputError("eval --task dates", "no file given", "pass a TempEval-3-style JSONL file")
    limit = getattr(args, "limit", None)
    as_json = getattr(args, "format", "text") == "json"
    rows = [row for path in paths for row in read_rows(path, limit)]
    systems: dict[str, Callable[[str, date | None], list[Span]]] = {"newsbrief": newsbrief_spans}
    notes = []
    baseline = dateparser_system()
    if baseline is None:
        notes.append("dateparser is not installed: no baseline (pip install dateparser)")
    else:
        systems["dateparser"] = baseline
    totals, by_source, details = evaluate(rows, systems, progress=sys.stderr if not as_json else None)
    if as_json:
        report = {
            "task": "dates",
            "systems": {name: c.scores() for name, c in totals.items()},
            "documents": len(rows),
            "timexes": next(iter(totals.values())).gold if totals else 0,
            "by_source": {source: {name: c.scores() for name, c in systems_counts.items()}
                          for source, systems_counts in by_source.items()},
        }
        if notes:
            report["notes"] = notes
        print(json.dumps(report))
    else:
        print(format_report(totals, by_source, len(rows), paths, notes))
    output = getattr(args, "output", None)
    if output:
        Path(output).write_text(json.dumps(details, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def read_rows(path: Path, limit: int | None) -> list[dict[str, Any]]:
    from .rows import read_benchmark_rows

    return read_benchmark_rows(path, limit, "dates", {"text": str, "timexes": list}, "document")


def gold_spans(row: Mapping[str, Any]) -> list[Span]:
    text = row["text"]
    return [Span(int(t["start"]), int(t["end"]), str(t.get("type", "")), str(t.get("value", "")),
                 text[int(t["start"]) : int(t["end"])]) for t in row["timexes"]]


def document_date(row: Mapping[str, Any]) -> date | None:
    value = str(row.get("dct") or row.get("dct_value") or "")[:10]
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def evaluate(rows: Sequence[Mapping[str, Any]], systems: Mapping[str, Callable[[str, date | None], list[Span]]],
             progress=None) -> tuple[dict[str, Counts], dict[str, dict[str, Counts]], list[dict[str, Any]]]:
    """Every system on every document: totals, totals per source, per-document errors."""
    totals = {name: Counts() for name in systems}
    by_source: dict[str, dict[str, Counts]] = {}
    details = []
    for n, row in enumerate(rows, start=1):
        text, dct, gold = row["text"], document_date(row), gold_spans(row)
        source = str(row.get("source") or "all")
        per_source = by_source.setdefault(source, {name: Counts() for name in systems})
        entry: dict[str, Any] = {"id": row.get("id", f"doc{n}"), "source": source, "dct": dct.isoformat() if dct else None,
                                 "systems": {}}
        for name, system in systems.items():
            started = time.process_time()
            found = system(text, dct)
            counts, errors = score_document(gold, found)
            counts.seconds = time.process_time() - started
            totals[name].add(counts)
            per_source[name].add(counts)
            entry["systems"][name] = errors
        details.append(entry)
        if progress is not None and n % 50 == 0:
            print(f"dates: {n}/{len(rows)} documents", file=progress, flush=True)
    return totals, by_source, details


def format_report(totals: Mapping[str, Counts], by_source: Mapping[str, Mapping[str, Counts]], documents: int,
                  paths: Sequence[Path], notes: Sequence[str] = ()) -> str:
    gold = next(iter(totals.values())).gold if totals else 0
    lines = [f"dates: {documents} documents, {gold} gold timexes from {', '.join(str(p) for p in paths)}"]
    sections: list[tuple[str, Mapping[str, Counts]]] = []
    if len(by_source) > 1:
        sections += sorted(by_source.items())
    sections.append(("all", totals))
    for title, counts in sections:
        some = next(iter(counts.values()))
        lines.append(f"\n{title} ({some.gold} timexes)")
        lines.append(f"{'system':<12}{'strict P':>9}{'R':>7}{'F1':>7}   {'relaxed P':>9}{'R':>7}{'F1':>7}"
                     f"   {'value F1':>8}{'type F1':>8}   {'CPU s':>6}")
        for name, c in counts.items():
            s = c.scores()
            lines.append(
                f"{name:<12}{s['strict_precision']:9.2f}{s['strict_recall']:7.2f}{s['strict_f1']:7.2f}   "
                f"{s['relaxed_precision']:9.2f}{s['relaxed_recall']:7.2f}{s['relaxed_f1']:7.2f}   "
                f"{s['value_f1']:8.2f}{s['type_f1']:8.2f}   {c.seconds:6.1f}"
            )
    lines.append("\nTempEval-3 Task A measures on character offsets: strict = same span, relaxed = any overlap; "
                 "value/type F1 = share of relaxed-matched gold timexes with the same value/type x relaxed F1.")
    lines.extend(notes)
    return "\n".join(lines)
