"""``newsbrief eval --task timeline STORIES.jsonl``: timeline summarization against reference timelines.

Protocol of news-tls (Gholipour Ghalandari & Ifrim 2020, ``experiments/evaluate.py``),
so that the numbers compare with the published ones:
    - rows are grouped by ``topic`` (T17: the 9 topics merge their source folders);
    - for each reference timeline of a topic, the input is the topic's articles
      published between the reference's first and last date, and the system
      returns as many dates as the reference has, with round(mean sentences per
      reference date) sentences per date;
    - scores per reference timeline, then precision and recall averaged over all
      reference timelines and F1 computed from the averages.

Metrics (tilse, Martschat & Markert 2017, ``tilse/evaluation/rouge.py``), computed
here with rouge-score's tokenizer and Porter stemmer (``rouge_score.tokenize``),
stop words removed (scikit-learn's English list, standing in for ROUGE-1.5.5's
``-s`` that tilse uses), n-gram counts micro-averaged over dates as tilse does:
    date F1     predicted dates vs reference dates (exact day);
    concat      ROUGE of all predicted text against all reference text;
    agreement   ROUGE of the daily summaries of the dates both timelines share;
    align       tilse's "align+ m:1" (``align_date_content_costs_many_to_one``),
                the variant news-tls reports: every date is matched to the date
                of the other timeline that minimizes (date distance cost) x
                (1 - approximate ROUGE-1), and its n-gram hits are weighted by
                1 / (days apart + 1).
Baselines beside it: "pubcount+lead": the days on which most articles were
published, each summarized by the first sentences of the first article published
that day; "random": random publication days (seed 0), the first sentences of a
random article of that day.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError, MissingExtraError
from ..model import Article, Sentence, TimelineEvent

Timeline = dict[date, list[str]]  # date -> the sentences of that date
BASELINES = ("pubcount+lead", "random")
MEASURES = (1, 2)  # ROUGE-1, ROUGE-2
_PTB_NOISE = re.compile(r"-[LR][RSC]B-|``|''")
_REF_SENTENCE_END = re.compile(r"(?<=\s[.!?])\s+|(?<=[.!?] '')\s+")


# ------------------------------------------------------------------ command


def run(args) -> int:
    paths = [Path(p) for p in (getattr(args, "stories", None) or [])]
    if not paths:
        raise InputError("eval --task timeline", "no stories file given", "pass a JSONL file with 'timelines'")
    limit = getattr(args, "limit", None)
    n_dates = getattr(args, "timeline_dates", None)
    output = getattr(args, "output", None)
    topics = load_topics(paths)
    if limit:
        topics = dict(list(topics.items())[:limit])
    results = evaluate_topics(topics, n_dates=n_dates, progress=sys.stderr)
    results = _only_baselines(results, getattr(args, "baselines", None))
    print(format_report(results))
    if output:
        Path(output).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


def _only_baselines(results: dict, baselines) -> dict:
    """Keep the baselines asked for (names, or a comma-separated string; '' or 'none': none);
    None: all of them. A name that is no timeline baseline is an input error (a summary
    baseline such as 'lexrank' would otherwise vanish without a word)."""
    if baselines is None or baselines is True:
        return results
    names = baselines.split(",") if isinstance(baselines, str) else baselines or ()
    wanted = {n.strip().lower() for n in names if n.strip() and n.strip().lower() != "none"}
    unknown = sorted(wanted - set(BASELINES))
    if unknown:
        raise InputError("--baselines", f"no timeline baseline {', '.join(map(repr, unknown))}",
                         f"choose from {', '.join(BASELINES)}, or none")
    keep = {"newsbrief"} | (wanted & set(BASELINES))
    return results | {
        "systems": {k: v for k, v in results["systems"].items() if k in keep},
        "per_timeline": {k: v for k, v in results["per_timeline"].items() if k in keep},
    }


# ---------------------------------------------------------------- data input


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    articles: tuple[Article, ...]
    timelines: tuple[Timeline, ...]


def load_topics(paths: Sequence[Path]) -> dict[str, Topic]:
    """Rows with reference timelines, grouped by ``topic`` (else each row is its own topic)."""
    grouped_articles: dict[str, list[Article]] = defaultdict(list)
    grouped_timelines: dict[str, list[Timeline]] = defaultdict(list)
    for path in paths:
        for row in _rows(path):
            name = row.get("topic") or row["id"]
            for i, doc in enumerate(row.get("documents", ())):
                article_id = doc.get("doc_id") or f"{row['id']}/{i}"
                grouped_articles[name].append(Article(id=article_id, text=doc.get("text") or "", date=doc.get("date")))
            for timeline in row.get("timelines", ()):
                grouped_timelines[name].append(_reference_timeline(timeline))
    topics = {
        name: Topic(name, tuple(grouped_articles[name]), tuple(grouped_timelines[name]))
        for name in grouped_articles
        if grouped_timelines[name]
    }
    if not topics:
        raise InputError(", ".join(map(str, paths)), "no rows with reference 'timelines'", "use a timeline set such as timeline17")
    return topics


def _rows(path: Path) -> Iterable[dict]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror}", "check the path") from error
    with handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise InputError(f"{path}:{number}", f"not JSON ({error.msg})", "one story per line") from error


def _reference_timeline(entries: Sequence[Mapping]) -> Timeline:
    timeline: Timeline = {}
    for entry in entries:
        day = _reference_day(entry.get("date"))
        if day is None:
            continue  # e.g. T17's malformed "2011-04-0" header
        sentences = [s for s in _REF_SENTENCE_END.split(str(entry.get("text") or "").strip()) if s.strip()]
        timeline.setdefault(day, []).extend(sentences)
    return timeline


_REFERENCE_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _reference_day(value) -> date | None:
    """A reference timeline's date: ISO, or with one-digit month or day ("2011-4-12")."""
    match = _REFERENCE_DAY.match(str(value or ""))
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def line_sentences(article: Article) -> tuple[Sentence, ...]:
    """One sentence per non-empty line: the T17 text is distributed one sentence per line."""
    out = []
    offset = 0
    for line in article.text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            out.append(Sentence(article.id, len(out), start, start + len(stripped), stripped))
        offset += len(line) + 1
    return tuple(out)


# --------------------------------------------------------------- evaluation


def evaluate_topics(topics: Mapping[str, Topic], n_dates: int | None = None, progress=None) -> dict:
    from ..analyze.timeline import date_story

    per_timeline: dict[str, list[dict]] = {"newsbrief": [], "pubcount+lead": [], "random": []}
    seconds: dict[str, float] = {}
    skipped = 0
    _warm_up()  # imports (scikit-learn, the stemmer) are paid once, not by the first topic
    for name, topic in topics.items():
        started = time.perf_counter()
        sentences = {a.id: line_sentences(a) for a in topic.articles}
        story = date_story(topic.articles, sentences)
        spent = time.perf_counter() - started  # our system's time: dating + per-timeline selection
        for reference in topic.timelines:
            if not reference:
                skipped += 1  # no readable date: nothing to compare with (a crash before)
                continue
            span = (min(reference), max(reference))
            n = n_dates or len(reference)
            k = max(1, round(sum(len(v) for v in reference.values()) / len(reference)))
            started = time.perf_counter()
            restricted = story.within(*span)
            predicted = _as_timeline(_newsbrief(restricted, n, k, span))
            spent += time.perf_counter() - started
            per_timeline["newsbrief"].append(score_timeline(predicted, reference) | {"topic": name})
            baseline = pubcount_lead(restricted, sentences, n, k)
            per_timeline["pubcount+lead"].append(score_timeline(baseline, reference) | {"topic": name})
            chance = random_dates(restricted, sentences, n, k)
            per_timeline["random"].append(score_timeline(chance, reference) | {"topic": name})
        seconds[name] = spent
        if progress:
            print(f"{name}: {len(topic.articles)} articles, {len(topic.timelines)} timelines, "
                  f"newsbrief {seconds[name]:.1f} s", file=progress)
    if not per_timeline["newsbrief"]:
        raise InputError(", ".join(topics) or "timeline stories", "no reference timeline has a readable date",
                         "give each timeline entry a \"date\": \"YYYY-MM-DD\"")
    return {
        "protocol": "news-tls T17: per reference timeline, same number of dates; P/R averaged, F1 of averages",
        "topics": list(topics),
        "seconds_per_topic": seconds,
        "skipped_timelines": skipped,
        "systems": {system: average(rows) for system, rows in per_timeline.items()},
        "per_timeline": per_timeline,
    }


def _warm_up() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: F401

    _tokenizer()("warm up")


def _newsbrief(story, n: int, k: int, span: tuple[date, date]) -> Sequence[TimelineEvent]:
    from ..analyze.timeline import summarize_dates

    return summarize_dates(story, n_dates=n, per_date=k, date_range=span)


def _as_timeline(events: Sequence[TimelineEvent]) -> Timeline:
    timeline: Timeline = defaultdict(list)
    for event in events:
        timeline[date.fromisoformat(event.date)].append(event.text)
    return dict(timeline)


def pubcount_lead(story, sentences: Mapping[str, Sequence[Sentence]], n: int, k: int) -> Timeline:
    """Baseline: the n days with most articles published, each with the first k sentences of its first article."""
    by_day: dict[date, list[str]] = defaultdict(list)
    for article_id, day in story.published.items():
        by_day[day].append(article_id)
    ranked = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[:n]
    timeline: Timeline = {}
    for day in ranked:
        first = sentences.get(by_day[day][0], ())
        lead = [s.text for s in first if len(s.text.split()) >= 6][:k]
        if lead:
            timeline[day] = lead
    return timeline


def random_dates(story, sentences, n: int, k: int, seed: int = 0) -> Timeline:
    """Baseline: n random publication days, each with the first k sentences of a random article of that day."""
    rng = random.Random(seed)
    by_day: dict[date, list[str]] = defaultdict(list)
    for article_id, day in story.published.items():
        by_day[day].append(article_id)
    days = rng.sample(sorted(by_day), min(n, len(by_day)))
    timeline: Timeline = {}
    for day in days:
        lead = [s.text for s in sentences.get(rng.choice(by_day[day]), ()) if len(s.text.split()) >= 6][:k]
        if lead:
            timeline[day] = lead
    return timeline


# ------------------------------------------------------------------ metrics


def score_timeline(predicted: Timeline, reference: Timeline) -> dict:
    """Date P/R/F and ROUGE-1/2 P/R/F (concat, agreement, align+ m:1) of one predicted timeline."""
    tokenize = _tokenizer()
    pred = {d: [tokenize(s) for s in sents] for d, sents in predicted.items()}
    ref = {d: [tokenize(s) for s in sents] for d, sents in reference.items()}
    shared = len(set(pred) & set(ref))
    scores = {"dates": _prf(shared, len(pred), shared, len(ref))}
    for n in MEASURES:
        scores[f"concat_r{n}"] = _concat(pred, ref, n)
        scores[f"agreement_r{n}"] = _agreement(pred, ref, n)
        scores[f"align_r{n}"] = _align_many_to_one(pred, ref, n)
    return scores


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict:
    precision = p_num / p_den if p_den else 0.0
    recall = r_num / r_den if r_den else 0.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ngrams(sentences: Iterable[list[str]], n: int) -> Counter:
    counts: Counter = Counter()
    for tokens in sentences:
        counts.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return counts


def _overlap(pred: Iterable[list[str]], ref: Iterable[list[str]], n: int) -> tuple[int, int, int]:
    """(hits, predicted n-grams, reference n-grams), counts clipped as ROUGE does."""
    p, r = _ngrams(pred, n), _ngrams(ref, n)
    return sum((p & r).values()), sum(p.values()), sum(r.values())


def _concat(pred: Mapping, ref: Mapping, n: int) -> dict:
    hits, p_den, r_den = _overlap(
        [s for d in sorted(pred) for s in pred[d]], [s for d in sorted(ref) for s in ref[d]], n
    )
    return _prf(hits, p_den, hits, r_den)


def _agreement(pred: Mapping, ref: Mapping, n: int) -> dict:
    p_num = p_den = r_num = r_den = 0
    for day in set(pred) | set(ref):
        hits, p_count, r_count = _overlap(pred.get(day, ()), ref.get(day, ()), n)
        if day in pred:
            p_num, p_den = p_num + hits, p_den + p_count
        if day in ref:
            r_num, r_den = r_num + hits, r_den + r_count
    return _prf(p_num, p_den, r_num, r_den)


def _align_many_to_one(pred: Mapping, ref: Mapping, n: int) -> dict:
    """tilse's align+ m:1: each date goes to its cheapest counterpart; hits weighted by date distance."""
    if not pred or not ref:
        return _prf(0, sum(_overlap(s, (), n)[1] for s in pred.values()), 0, sum(_overlap((), s, n)[2] for s in ref.values()))
    p_num = p_den = r_num = r_den = 0.0
    for day, sents in pred.items():
        target = _cheapest(day, sents, ref, predicted_side=True)
        hits, p_count, _ = _overlap(sents, ref[target], n)
        p_num += hits / (abs((day - target).days) + 1)
        p_den += p_count
    for day, sents in ref.items():
        target = _cheapest(day, sents, pred, predicted_side=False)
        hits, _, r_count = _overlap(pred[target], sents, n)
        r_num += hits / (abs((day - target).days) + 1)
        r_den += r_count
    return _prf(p_num, p_den, r_num, r_den)


def _cheapest(day: date, sents: list[list[str]], others: Mapping, predicted_side: bool) -> date:
    def cost(other: date) -> float:
        date_cost = 1 - 1 / (abs((day - other).days) + 1)
        pred, ref = (sents, others[other]) if predicted_side else (others[other], sents)
        return date_cost * (1 - _approx_rouge1(pred, ref))

    ordered = sorted(others)
    return min(ordered, key=cost)  # min keeps the first (earliest) of equal costs, like numpy's argmin


def _approx_rouge1(pred: Sequence[list[str]], ref: Sequence[list[str]]) -> float:
    hits, p_count, r_count = _overlap(pred, ref, 1)
    return _f1(hits / p_count if p_count else 0.0, hits / r_count if r_count else 0.0)


_TOKENIZER: Callable[[str], list[str]] | None = None


def _tokenizer() -> Callable[[str], list[str]]:
    """rouge-score's tokenizer with its Porter stemmer, stop words dropped; cached per text."""
    global _TOKENIZER
    if _TOKENIZER is None:
        try:
            from rouge_score import tokenize as rouge_tokenize
            from nltk.stem import porter  # the stemmer rouge-score itself uses
        except ImportError as error:
            raise MissingExtraError("eval", "rouge-score") from error
        from functools import lru_cache

        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        stemmer = porter.PorterStemmer()

        @lru_cache(maxsize=200_000)
        def tokenize(text: str) -> tuple[str, ...]:
            words = rouge_tokenize.tokenize(_PTB_NOISE.sub(" ", text), None)
            return tuple(stemmer.stem(w) if len(w) > 3 else w for w in words if w not in ENGLISH_STOP_WORDS)

        _TOKENIZER = lambda text: list(tokenize(text))  # noqa: E731
    return _TOKENIZER


# ---------------------------------------------------------------- reporting


def average(rows: Sequence[dict]) -> dict:
    """news-tls: mean precision and mean recall over reference timelines, F1 of the means."""
    out = {}
    for metric in rows[0]:
        if metric == "topic":
            continue
        precision = sum(r[metric]["precision"] for r in rows) / len(rows)
        recall = sum(r[metric]["recall"] for r in rows) / len(rows)
        out[metric] = {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}
    return out


def format_report(results: dict) -> str:
    columns = ["dates", "concat_r1", "concat_r2", "agreement_r1", "agreement_r2", "align_r1", "align_r2"]
    lines = [
        f"timeline eval: {len(results['topics'])} topics, "
        f"{len(next(iter(results['per_timeline'].values())))} reference timelines ({results['protocol']})",
        "F1 (stop words removed, Porter stemming; align = tilse align+ m:1)",
        f"{'system':<15}" + "".join(f"{c:>14}" for c in columns),
    ]
    for system, scores in results["systems"].items():
        lines.append(f"{system:<15}" + "".join(f"{scores[c]['f1']:>14.3f}" for c in columns))
    seconds = results["seconds_per_topic"]
    lines.append(
        "seconds per topic (newsbrief: sentences, dating, selection for every reference timeline): "
        + ", ".join(f"{t} {s:.1f}" for t, s in seconds.items())
        + f"; max {max(seconds.values()):.1f}"
    )
    if results.get("skipped_timelines"):
        lines.append(f"skipped {results['skipped_timelines']} reference timeline(s) without a readable date")
    return "\n".join(lines)
