"""Reading the component benchmarks' JSONL files (TempEval-3, PolNeAR, ECB+ style):
one document per line, checked as it is read, every problem naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError


def read_benchmark_rows(
    path: Path, limit: int | None, task: str, required: Mapping[str, type], what: str
) -> list[dict[str, Any]]:
    """The JSONL rows of a component benchmark (one document per line), each checked to
    hold the ``required`` fields with their types; the first ``limit`` only. Every problem
    is an ``InputError`` naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"eval --task {task}", f"cannot read {path}: {error.strerror}",
                         "pass a readable JSONL file") from error
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"eval --task {task}", f"{path}:{number}: not JSON ({error.msg})",
                             f"give one {what} object per line") from error
        if not isinstance(row, dict) or not all(isinstance(row.get(k), t) for k, t in required.items()):
            raise InputError(f"eval --task {task}", f"{path}:{number}: a {what} needs {', '.join(required)}",
                             f"each line needs {', '.join(repr(k) for k in required)}")
        rows.append(row)
        if limit and len(rows) >= limit:
            break
    return rows
