"""The default install (no extras) reads every format the README names, HTML included.

A fresh plain venv (no system site-packages: those would hide a missing dependency)
gets the project with ``pip install PROJECT``, resolved from the package index or
pip's cache, then briefs an HTML page. Guards against a dependency that only an
extra happens to pull in (lxml_html_clean, which trafilatura needs for HTML).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "fixtures" / "article.html"
# pip resolves ~90 packages; with a warm cache the install takes ~30 s on 2 cores,
# a cold one downloads ~150 MB. The bound only stops a hung install.
INSTALL_TIMEOUT = 1200


def _copy_project(target: Path) -> Path:
    """The files a build needs, so the build leaves nothing in the work tree."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return target


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


@pytest.mark.slow
def test_install_without_extras_briefs_html(tmp_path: Path) -> None:
    started = time.monotonic()
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    python, newsbrief = env_dir / "bin" / "python", env_dir / "bin" / "newsbrief"
    project = _copy_project(tmp_path / "project")
    # --no-compile: pip's byte-compiling of ~90 packages is half of the install's CPU time
    pip = _run([str(python), "-m", "pip", "install", "--no-compile", "--quiet", str(project)], INSTALL_TIMEOUT)
    assert pip.returncode == 0, pip.stderr[-3000:]
    installed = time.monotonic()

    brief = _run([str(newsbrief), "brief", str(ARTICLE)], 300)

    assert brief.returncode == 0, brief.stderr[-3000:]
    assert "Harbour bridge reopens" in brief.stdout
    assert "The harbour bridge reopened to traffic on Monday morning" in brief.stdout
    assert "Traceback" not in brief.stderr and "internal error" not in brief.stderr
    print(f"install {installed - started:.0f} s, brief {time.monotonic() - installed:.0f} s", file=sys.stderr)
