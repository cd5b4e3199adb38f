import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("rouge_score")

GATE = Path(__file__).resolve().parents[2] / "bench" / "quality_gate.py"


def _run(*args):
    return subprocess.run([sys.executable, str(GATE), *args], capture_output=True, text=True, timeout=300)


def test_gate_skips_without_the_data(tmp_path):
    result = _run("--data", str(tmp_path))
    assert result.returncode == 0
    assert "skipped" in result.stdout


def test_gate_fails_below_the_floors(tmp_path):
    # one story whose reference shares nothing with the articles: far below any floor
    folder = tmp_path / "duc2003_task2"
    folder.mkdir()
    story = {
        "id": "x",
        "documents": [{"title": None, "date": "2020-01-01", "text":
                       "Heavy rain caused severe flooding across the southern provinces on Wednesday. "
                       "Rescue teams reached the flooded villages on Thursday morning by boat."}],
        "summaries": ["Quantum computers factor large primes ."],
    }
    (folder / "clusters.jsonl").write_text(json.dumps(story) + "\n")
    result = _run("--data", str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BELOW" in result.stdout and "FAILED" in result.stdout


def test_committed_floors_name_the_set_and_budget():
    floors = json.loads((GATE.parent / "eval_floors.json").read_text())
    assert floors["set"] == "duc2003_task2" and floors["words"] == 100
    assert set(floors["floors"]) == {"R-1", "R-2"}
