#!/usr/bin/env python3
"""Load benchmark of the web app on loopback: bounded in requests and in time.

    .venv/bin/python bench/web_load.py [--clients 50] [--requests 5000] [--max-seconds 300]

1. starts `newsbrief serve` as its own process on a free 127.0.0.1 port over a
   temporary store, and adds the bundled example story through `POST /api/add`;
2. asks for the story page once (first visit: the page answers at once with the
   articles while the brief is built) and then for the brief's status until it is
   ready (cold time), polling `/api/stories` every 50 ms, to show the server stays
   responsive meanwhile;
3. runs ``--clients`` concurrent clients (httpx async) until ``--requests`` requests
   are done (or ``--max-seconds`` pass), taking in turn the stories list `/`, the
   story page `/stories/{id}`, a full-text search `/?q=taliban` and the brief JSON
   `/api/stories/{id}`;
4. prints errors (any non-200 or transport failure), throughput and p50/p90/p99
   latency per endpoint and overall. Exit status 1 if any request failed.

Nothing leaves the machine: the server and the clients talk over 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "newsbrief" / "examples" / "doha-talks"
START_TIMEOUT_S = 60
# The cold brief loads spaCy and runs the whole pipeline: minutes on a busy machine at worst.
COLD_TIMEOUT_S = 300


@dataclass
class Samples:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    client_cpu: float = 0.0  # CPU seconds the load generator itself spent

    def add(self, endpoint: str, seconds: float) -> None:
        self.latencies.setdefault(endpoint, []).append(seconds)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="newsbrief-load-") as folder:
        server, url = start_server(Path(folder) / "stories.db")
        try:
            story = fill(url)
            print(f"server {url}, story {story} (the bundled example, {len(example_records())} articles)")
            cold(url, story)
            cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
            samples, wall = asyncio.run(load(url, story, args.clients, args.requests, args.max_seconds))
            cpu = cpu_seconds(server.pid) - cpu_before if cpu_before is not None else None
            samples.client_cpu = time.process_time() - client_before
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(samples, wall, cpu, args)
    return 1 if samples.errors or samples.count < args.requests else 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default: 50)")
    parser.add_argument("--requests", type=int, default=5000, help="requests in all (default: 5000)")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop the load after this long (default: 300)")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    args = parser.parse_args()
    if args.clients < 1 or args.requests < 1 or args.max_seconds <= 0:
        parser.error("--clients, --requests and --max-seconds must be positive")
    return args


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    from newsbrief.web.server import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "newsbrief", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=os.environ | {"PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"newsbrief serve exited with status {server.returncode}")
        try:
            httpx.get(url + "/api/stories", timeout=2).raise_for_status()
            return server, url
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(f"newsbrief serve did not answer on {url} within {START_TIMEOUT_S} s")


def example_records() -> list[dict]:
    from newsbrief.ingest import read_inputs

    return [
        {"title": a.title, "text": a.text, "date": a.date, "url": a.url, "source": a.source}
        for a in read_inputs([str(EXAMPLE)]).articles
    ]


def fill(url: str) -> str:
    response = httpx.post(url + "/api/add", json={"articles": example_records()}, timeout=COLD_TIMEOUT_S)
    response.raise_for_status()
    stories = {r["story"] for r in response.json()["results"] if r["story"]}
    if len(stories) != 1:
        raise SystemExit(f"expected the example to form one story, got {sorted(stories)}")
    return stories.pop()


def cold(url: str, story: str) -> None:
    """Time the first visit of the story page, the brief until it is ready, and the list's latency meanwhile."""

    async def ready(client: httpx.AsyncClient) -> None:
        while not (await client.get(f"/api/stories/{story}/status")).json()["ready"]:
            await asyncio.sleep(0.05)

    async def run() -> tuple[float, float, list[float]]:
        async with httpx.AsyncClient(base_url=url, timeout=COLD_TIMEOUT_S) as client:
            started = time.perf_counter()
            (await client.get(f"/stories/{story}")).raise_for_status()
            first = time.perf_counter() - started
            built = asyncio.ensure_future(ready(client))
            polls = []
            while not built.done():
                t0 = time.perf_counter()
                (await client.get("/api/stories")).raise_for_status()
                polls.append(time.perf_counter() - t0)
                await asyncio.sleep(0.05)
            await built
            return first, time.perf_counter() - started, polls

    first, seconds, polls = asyncio.run(run())
    print(f"first visit of the story page: {ms(first)}; its brief ready after {seconds:.2f} s")
    if polls:
        print(f"  meanwhile /api/stories answered {len(polls)} times: median {ms(statistics.median(polls))}, "
              f"max {ms(max(polls))}")


async def load(url: str, story: str, clients: int, total: int, max_seconds: float) -> tuple[Samples, float]:
    samples = Samples()
    paths = {"stories": "/", "story page": f"/stories/{story}", "search": "/?q=taliban",
             "brief JSON": f"/api/stories/{story}"}
    names = list(paths)
    issued = 0
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal issued
        while issued < total and time.monotonic() < deadline:
            name = names[issued % len(names)]
            issued += 1
            started = time.perf_counter()
            try:
                response = await client.get(paths[name])
                if response.status_code != 200:
                    samples.errors.append(f"{name}: HTTP {response.status_code}")
            except httpx.HTTPError as error:
                samples.errors.append(f"{name}: {type(error).__name__}: {error}")
            samples.add(name, time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
        wall = time.perf_counter() - started
    return samples, wall


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of a process so far, from /proc (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime are fields 14 and 15 of stat(5), counted after the ")" closing the name.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(samples: Samples, wall: float, cpu: float | None, args: argparse.Namespace) -> None:
    print(f"load: {samples.count} requests from {args.clients} concurrent clients in {wall:.1f} s")
    print(f"  errors: {len(samples.errors)}" + (f" (first: {samples.errors[0]})" if samples.errors else " (zero-error check passed)"))
    print(f"  throughput: {samples.count / wall:.0f} requests/s")
    numbers = {"clients": args.clients, "requests": samples.count, "seconds": round(wall, 2),
               "errors": len(samples.errors), "requests_per_second": round(samples.count / wall, 1), "latency_ms": {}}
    if cpu is not None:
        # What the server itself spent, whatever else the machine was doing: the capacity figure.
        print(f"  server CPU: {cpu:.1f} s = {cpu / samples.count * 1000:.2f} ms per request "
              f"(~{samples.count / cpu:.0f} requests/s per core); the server had {cpu / wall:.2f} cores on average")
        numbers["server_cpu_ms_per_request"] = round(cpu / samples.count * 1000, 3)
    print(f"  client CPU: {samples.client_cpu:.1f} s = {samples.client_cpu / samples.count * 1000:.2f} ms per request "
          "(the load generator shares the machine)")
    numbers["client_cpu_ms_per_request"] = round(samples.client_cpu / samples.count * 1000, 3)
    every = [s for values in samples.latencies.values() for s in values]
    for name, values in [*samples.latencies.items(), ("all", every)]:
        p50, p90, p99 = percentiles(values, (50, 90, 99))
        print(f"  {name:>10}: n={len(values):5d}  p50 {ms(p50)}  p90 {ms(p90)}  p99 {ms(p99)}  max {ms(max(values))}")
        numbers["latency_ms"][name] = {"p50": round(p50 * 1000, 1), "p90": round(p90 * 1000, 1),
                                       "p99": round(p99 * 1000, 1), "max": round(max(values) * 1000, 1)}
    if args.json:
        Path(args.json).write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")


def percentiles(values: list[float], points: tuple[int, ...]) -> list[float]:
    ordered = sorted(values)
    return [ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] for p in points]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    sys.exit(main())
