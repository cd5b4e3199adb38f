#!/usr/bin/env python3
"""Summary quality gate: fail when ROUGE on DUC 2003 drops below the committed floors.

    python bench/quality_gate.py [--data DIR] [--allow-lower] [--update-floors]

Runs the summary evaluation (``newsbrief eval`` with lead beside newsbrief) on
``DIR/duc2003_task2/clusters.jsonl`` at 100 words (ROUGE-1/2 recall, DUC style)
and compares newsbrief's R-1 and R-2 with ``bench/eval_floors.json``. It scores
the summaries readers get, exactly as ``newsbrief eval`` does by default
(``summary.newsbrief_summary``: whole sentences within the budget; lead likewise).

    exit 0  at or above every floor, or the data folder is absent (a skip line is printed:
            the data is not part of the repository, so a fresh clone skips the gate)
    exit 1  below a floor

Raising the floors is a deliberate commit: run with ``--update-floors`` (new floors =
measured minus the file's margin) and commit ``bench/eval_floors.json``. An update that
would lower a floor is refused unless ``--allow-lower`` is given too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FLOORS_FILE = ROOT / "bench" / "eval_floors.json"
# The evaluation data lives beside the project checkout (see docs/quality.md).
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def measure(stories_path: Path, words: int) -> tuple[dict[str, float], dict[str, float], float]:
    """newsbrief's and lead's mean ROUGE on the set, and newsbrief's seconds per story."""
    from newsbrief.evaluate import baselines, rouge
    from newsbrief.evaluate.summary import SYSTEM, evaluate, load_stories, newsbrief_summary

    stories = [s for s in load_stories(str(stories_path)) if s.get("summaries")]
    variant = rouge.Variant(rouge.RECALL, words)
    systems = {SYSTEM: newsbrief_summary, "lead": baselines.within_budget(baselines.lead)}
    results, _ = evaluate(stories, systems, variant)
    ours = _named(rouge.average(results[SYSTEM].rows, variant.keys))
    lead = _named(rouge.average(results["lead"].rows, variant.keys))
    return ours, lead, results[SYSTEM].seconds / max(len(stories), 1)


def _named(means: dict[str, float]) -> dict[str, float]:
    from newsbrief.evaluate.rouge import COLUMNS

    return {COLUMNS[k]: round(v, 2) for k, v in means.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"evaluation data folder (default: {DEFAULT_DATA})")
    parser.add_argument("--update-floors", action="store_true", help="write measured-minus-margin as the new floors")
    parser.add_argument("--allow-lower", action="store_true", help="let --update-floors lower a floor")
    args = parser.parse_args()

    config = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    stories = args.data / config["set"] / "clusters.jsonl"
    if not stories.is_file():
        print(f"quality gate: skipped ({stories} not found; the evaluation data is not part of the repository)")
        return 0
    from newsbrief.evaluate.summary import READER_PROTOCOL

    started = time.perf_counter()
    ours, lead, per_story = measure(stories, config["words"])
    print(f"quality gate: {config['set']}, {config['words']} words, ROUGE recall x100 (DUC style), "
          f"{time.perf_counter() - started:.0f} s")
    print(f"  {READER_PROTOCOL.format(words=config['words'])}")
    print(f"  newsbrief {ours}  ({per_story:.3f} s/story)   lead {lead}")
    floors = config["floors"]
    if args.update_floors:
        return update_floors(config, ours, args.allow_lower)
    failed = [k for k, floor in floors.items() if ours[k] < floor]
    for key, floor in floors.items():
        status = "BELOW" if key in failed else "ok"
        print(f"  {key}: {ours[key]:.2f} vs floor {floor:.2f}  {status}")
    if failed:
        print("quality gate: FAILED (summary quality dropped; see docs/quality.md)")
        return 1
    print("quality gate: passed")
    return 0


def update_floors(config: dict, ours: dict[str, float], allow_lower: bool) -> int:
    margin = config["margin"]
    new = {k: round(ours[k] - margin, 2) for k in config["floors"]}
    lower = [k for k in new if new[k] < config["floors"][k]]
    if lower and not allow_lower:
        print(f"quality gate: refusing to lower {', '.join(lower)} ({config['floors']} -> {new}); "
              "pass --allow-lower if that is intended")
        return 1
    config["floors"] = new
    config["measured"] = ours
    FLOORS_FILE.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    print(f"quality gate: floors now {new}; commit {FLOORS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
