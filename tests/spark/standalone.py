"""A Spark standalone cluster on loopback for a test: one master and its workers, each a JVM
started with pyspark's own ``spark-class`` (a pip-installed pyspark ships no sbin/ scripts),
on free ports of 127.0.0.1, stopped with every process it started (executors and their Python
workers included) however the test ends.

    with standalone_cluster(folder, workers=2) as cluster:
        ...                                    # anything while the JVMs start
        master = cluster.ready()               # "spark://127.0.0.1:PORT", its workers registered

``start_job_run`` packs the environment and runs test_standalone.py's job on such a cluster in
the background (``BackgroundRun``), while the other Spark tests run.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# The daemons do little work here: the quick JIT compiler alone and a small heap start them
# sooner and leave the two cores to the job (the tests' session does the same: conftest.py).
DAEMON_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# How long the master and its workers may take to come up on a busy 2-core machine.
START_TIMEOUT = 120.0


def spark_home() -> Path:
    """pyspark's folder, found without importing pyspark: tests running beside the background
    run (BackgroundRun) hide and restore pyspark's modules."""
    import importlib.util

    spec = importlib.util.find_spec("pyspark")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyspark is not installed")
    return Path(spec.submodule_search_locations[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def daemon_environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SPARK_HOME": str(spark_home()),
        "SPARK_LOCAL_IP": "127.0.0.1",  # every socket on loopback
        "SPARK_LOCAL_DIRS": str(folder / "local"),  # shuffle files and fetched archives
        "SPARK_DAEMON_JAVA_OPTS": DAEMON_JAVA_OPTIONS,
        "SPARK_LAUNCHER_OPTS": DAEMON_JAVA_OPTIONS,
        "SPARK_NO_DAEMONIZE": "1",
    })
    env.pop("PYSPARK_PYTHON", None)  # the executors' Python is the job's to say
    return env


@dataclass
class Cluster:
    """A master and its workers, started; ``ready()`` waits until the workers have registered."""

    folder: Path
    workers: int
    master: str
    ui: int
    processes: list[subprocess.Popen] = field(default_factory=list)

    def ready(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            ended = [p for p in self.processes if p.poll() is not None]
            if ended:
                raise RuntimeError(f"a Spark daemon exited with {ended[0].returncode}: see the logs in {self.folder}")
            try:
                if alive_workers(self.ui) >= self.workers:
                    return self.master
            except OSError:  # the master's web UI is not up yet
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.workers} workers did not register in {START_TIMEOUT:.0f} s: see the logs in {self.folder}")


@contextlib.contextmanager
def standalone_cluster(folder: Path, workers: int = 2, cores: int = 1, memory: str = "1g",
                       env: dict[str, str] | None = None) -> Iterator[Cluster]:
    """Start a master and ``workers`` workers (not waiting for them: ``Cluster.ready``); stop
    them all on leaving, however the block ends. ``env``: theirs (default ``daemon_environment``)."""
    folder.mkdir(parents=True, exist_ok=True)
    env = env or daemon_environment(folder)
    spark_class = str(Path(sys.executable).parent / "spark-class")
    port, ui = free_port(), free_port()
    cluster = Cluster(folder, workers, f"spark://127.0.0.1:{port}", ui)

    def start(name: str, *arguments: str) -> None:
        with open(folder / f"{name}.log", "wb") as log:  # the child keeps its own descriptor
            cluster.processes.append(subprocess.Popen(
                [spark_class, *arguments], env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True))  # its own process group: stopped whole (stop)

    try:
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
              "--webui-port", str(ui))
        for n in range(1, workers + 1):
            start(f"worker{n}", "org.apache.spark.deploy.worker.Worker", cluster.master, "--host", "127.0.0.1",
                  "--cores", str(cores), "--memory", memory, "--webui-port", str(free_port()),
                  "--work-dir", str(folder / f"worker{n}"))
        yield cluster
    finally:
        for process in reversed(cluster.processes):  # workers first: they stop their executors
            stop(process)


def alive_workers(ui: int) -> int:
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy
    with direct.open(f"http://127.0.0.1:{ui}/json/", timeout=5) as answer:
        return int(json.load(answer).get("aliveworkers", 0))


def stop(process: subprocess.Popen) -> None:
    """The daemon's whole process group: the JVM, the executors it forked, their Python workers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(10)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # what outlived the daemon in its group


# --------------------------------------------------------------------------- a job run on it


@dataclass
class Finished:
    """What the driver of a ``BackgroundRun`` left: its exit status and output, and where the
    executors unpacked the environment."""

    returncode: int
    printed: str
    output: Path
    environments: list[Path]  # each executor's unpacked environment (worker*/app-*/N/environment)
    python: str | None  # what the first one's bin/python runs, resolved


class BackgroundRun:
    """``newsbrief spark pack`` and a ``newsbrief spark run`` on a standalone cluster, run by a
    thread while the caller goes on (the other Spark tests): ``result()`` waits for them,
    ``close()`` stops every process, keeps the daemons' and executors' logs in ``logs`` and
    removes the scratch folder, whenever it is called.

    ``command(master, archive, scratch)`` is the driver's command line, ``source`` its input and
    ``output`` its OUTPUT.
    """

    def __init__(self, scratch: Path, logs: Path, source: Path, output: Path, pack_command: list[str], command,
                 env: dict[str, str]) -> None:
        self.scratch, self.logs, self.source, self.output = scratch, logs, source, output
        self.pack_command, self.command, self.env = pack_command, command, env
        self.cluster_env = daemon_environment(scratch / "cluster")  # here: pyspark found before the thread runs
        self.archive = scratch / "env.tar.gz"
        self._stack = contextlib.ExitStack()
        self._processes: list[subprocess.Popen] = []
        self._finished: Finished | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()  # close() and the thread's starting of processes
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="standalone-run", daemon=True)

    def start(self) -> BackgroundRun:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            with self._lock:
                if self._closed:
                    return
                cluster = self._stack.enter_context(standalone_cluster(self.scratch / "cluster", workers=2,
                                                                          env=self.cluster_env))
            packed = self._spawn([*self.pack_command, "--output", str(self.archive)])
            printed, _ = packed.communicate()
            if packed.returncode != 0:
                raise RuntimeError(f"newsbrief spark pack failed ({packed.returncode}): {printed[-2000:]}")
            driver = self._spawn(self.command(cluster.ready(), self.archive, self.scratch))
            printed, _ = driver.communicate()
            environments = sorted((self.scratch / "cluster").glob("worker*/app-*/*/environment"))
            python = os.path.realpath(environments[0] / "bin" / "python") if environments else None
            self._finished = Finished(driver.returncode, printed, self.output, environments, python)
        except BaseException as error:  # noqa: BLE001 - handed to the test by result()
            self._error = error

    def _spawn(self, command: list[str]) -> subprocess.Popen:
        with self._lock:
            if self._closed:
                raise RuntimeError("closed")
            process = subprocess.Popen(command, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True, start_new_session=True)
            self._processes.append(process)
            return process

    def result(self, timeout: float) -> Finished:
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError(f"the standalone run did not finish in {timeout:.0f} s (logs: {self.logs})")
        if self._error is not None:
            raise RuntimeError(f"the standalone run failed (logs: {self.logs}): {self._error}") from self._error
        assert self._finished is not None
        return self._finished

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for process in self._processes:
                if process.poll() is None:
                    stop(process)
            self._stack.close()  # the master and workers: a thread waiting on them ends
        if self._thread.is_alive():
            self._thread.join(30)
        cluster = self.scratch / "cluster"
        for log in [*cluster.glob("*.log"), *cluster.glob("worker*/app-*/*/std*")]:
            kept = self.logs / log.relative_to(cluster)
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(log, kept)
        shutil.rmtree(self.scratch, ignore_errors=True)


# --------------------------------------------------------------------------- the tests' run


# The job's flags: briefs without the analysis stages and clustering on words alone, so the
# executors need neither spaCy nor the embedding packages, and the environment packed for them
# is 600 MB instead of 1 GB (docs/spark.md).
JOB_FLAGS = ["--summary-only", "--no-embed", "--words", "100"]
MEMORY_FOLDER = Path("/dev/shm")


def start_job_run(folder: Path) -> BackgroundRun:
    """Pack, start the cluster and run the job on the tests' articles, in the background."""
    from spark_inputs import input_records, write_jsonl

    source = write_jsonl(folder / "articles.jsonl", input_records())
    output = folder / "standalone"
    scratch = scratch_folder(folder / "scratch")
    # Uncompressed: the driver and both executors copy and unpack it on this one machine.
    pack = [sys.executable, "-m", "newsbrief", "spark", "pack", "--summary-only", "--no-embed", "--compress-level", "0"]

    def command(master: str, archive: Path, scratch: Path) -> list[str]:
        return driver_command(source, output, master, archive, scratch)

    return BackgroundRun(scratch, folder / "logs", source, output, pack, command, driver_environment()).start()


def scratch_folder(fallback: Path) -> Path:
    """For the archive and its copies (the driver's and each executor's, each also unpacked: some
    4 GB): a folder in memory when there is room, as writing GBs to disk is slow on a busy machine."""
    if MEMORY_FOLDER.is_dir() and shutil.disk_usage(MEMORY_FOLDER).free > 8 * 2**30:
        return Path(tempfile.mkdtemp(prefix="newsbrief-standalone-", dir=MEMORY_FOLDER))
    fallback.mkdir()
    return fallback


def driver_command(source: Path, output: Path, master: str, archive: Path, scratch: Path) -> list[str]:
    """``newsbrief spark run`` on ``master`` with the packed environment, as docs/spark.md says."""
    from spark_inputs import JAVA_OPTIONS

    java = f"{JAVA_OPTIONS} -Djava.io.tmpdir={scratch}"  # where the driver and executors copy the archive
    settings = {
        "spark.pyspark.python": "./environment/bin/python",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
        "spark.executor.memory": "1g",
        "spark.local.dir": str(scratch),
        "spark.files.useFetchCache": "false",  # one copy per executor, not a cache and a copy
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.extraJavaOptions": java,
        "spark.executor.extraJavaOptions": java,
    }
    confs = [part for key, value in settings.items() for part in ("--conf", f"{key}={value}")]
    return [sys.executable, "-m", "newsbrief", "spark", "run", str(source), str(output), "--master", master,
            "--archives", f"{archive}#environment", *confs, *JOB_FLAGS]


def driver_environment() -> dict[str, str]:
    """This process's environment without the Spark settings the tests' session put in it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYSPARK_", "SPARK_"))}
    env["SPARK_LOCAL_IP"] = "127.0.0.1"
    return env
