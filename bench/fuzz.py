"""Feed generated hostile folders to `newsbrief brief` and `newsbrief add` and count what
came back: briefs (exit 0), clear errors (exit 2), anything else (a traceback or
internal error: a bug). Prints the counts, the slowest input, and the peak memory.

    python bench/fuzz.py --n 1000            # 500 through brief, 500 through add
    python bench/fuzz.py --n 200 --seed 7    # another sample

The generators are tests/hostile.py (the same the property tests use); unlike the
tests, the sample is random unless --seed is given, and a failure does not stop the run.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile import hostile_folders  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from newsbrief.cli import main  # noqa: E402


def run_cli(argv: list[str]) -> tuple[str, float, str]:
    """(outcome, seconds, detail): outcome is "exit 0", "exit 2", or "bug"."""
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException:  # noqa: BLE001 - counting them is the point
        return "bug", time.monotonic() - started, traceback.format_exc(limit=-3)
    seconds = time.monotonic() - started
    if code in (0, 2) and "Traceback" not in err.getvalue():
        return f"exit {code}", seconds, ""
    return "bug", seconds, f"exit {code}: {err.getvalue()[-500:]}"


def through_brief(folder: Path) -> list[tuple[str, float, str]]:
    return [run_cli(["brief", str(folder), "--format", "json", "--words", "60"])]


def through_add(folder: Path) -> list[tuple[str, float, str]]:
    db = str(folder.parent / "store.db")
    results = [run_cli(["add", str(folder), "--db", db])]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["stories", "--db", db, "--format", "json"])
    for story in json.loads(out.getvalue() or "[]")[:3]:
        results.append(run_cli(["brief", "--story", str(story["id"]), "--db", db, "--format", "json"]))
    return results


def sample(n: int, command, seed_value: int | None, record) -> None:
    @settings(max_examples=n, deadline=None, database=None, phases=[__import__("hypothesis").Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(files=hostile_folders())
    def one(files):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            for name, data in files:
                (folder / name).write_bytes(data)
            for outcome in command(folder):
                record(command.__name__, files, *outcome)

    if seed_value is not None:
        one = seed(seed_value)(one)
    one()


def main_bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="inputs in all, half through each command")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    counts: Counter[tuple[str, str]] = Counter()
    bugs: list[str] = []
    slowest = (0.0, "")

    def record(command: str, files, outcome: str, seconds: float, detail: str) -> None:
        nonlocal slowest
        counts[(command, outcome)] += 1
        if outcome == "bug":
            bugs.append(f"{command} on {[(n, d[:80]) for n, d in files]}:\n{detail}")
        if seconds > slowest[0]:
            slowest = (seconds, f"{command} on {[(n, len(d)) for n, d in files]}")

    started = time.monotonic()
    sample(args.n // 2, through_brief, args.seed, record)
    sample(args.n - args.n // 2, through_add, args.seed, record)
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {args.n} ({args.n // 2} through brief, {args.n - args.n // 2} through add, "
          "then up to 3 stored stories briefed each)")
    for (command, outcome), count in sorted(counts.items()):
        print(f"  {command:14} {outcome:7} {count}")
    print(f"bugs (tracebacks or other exits): {len(bugs)}")
    print(f"time: {elapsed:.0f} s in all; slowest run {slowest[0]:.2f} s ({slowest[1]})")
    print(f"peak memory: {peak:.0f} MB")
    for bug in bugs[:10]:
        print("\n" + bug)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main_bench())
