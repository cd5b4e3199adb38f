import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsbrief.web.briefs import SingleFlightCache


@pytest.fixture
def pool():
    with ThreadPoolExecutor(2) as executor:
        yield executor


def test_concurrent_requests_for_one_key_share_one_computation(pool):
    cache = SingleFlightCache(pool)
    release = threading.Event()
    calls = []

    def slow():
        calls.append(1)
        release.wait(5)
        return "brief"

    async def many():
        waiting = [asyncio.ensure_future(cache.get(("story", 1), slow)) for _ in range(20)]
        await asyncio.sleep(0.05)
        release.set()
        return await asyncio.gather(*waiting)

    assert asyncio.run(many()) == ["brief"] * 20
    assert calls == [1] and cache.computed == 1


def test_a_cached_value_is_not_recomputed_and_a_new_version_is(pool):
    cache = SingleFlightCache(pool)
    counter = iter(range(100))
    assert asyncio.run(cache.get(("s", "v1"), lambda: next(counter))) == 0
    assert asyncio.run(cache.get(("s", "v1"), lambda: next(counter))) == 0
    assert asyncio.run(cache.get(("s", "v2"), lambda: next(counter))) == 1


def test_failures_are_not_cached(pool):
    cache = SingleFlightCache(pool)
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("store busy")
        return "ok"

    with pytest.raises(RuntimeError):
        asyncio.run(cache.get("k", flaky))
    assert asyncio.run(cache.get("k", flaky)) == "ok"


def test_least_recently_used_values_are_dropped(pool):
    cache = SingleFlightCache(pool, size=2)
    for key in ("a", "b", "a", "c"):  # "b" is the least recently used when "c" arrives
        asyncio.run(cache.get(key, lambda key=key: key.upper()))
    recomputed = []
    asyncio.run(cache.get("a", lambda: recomputed.append("a") or "A"))
    asyncio.run(cache.get("c", lambda: recomputed.append("c") or "C"))
    asyncio.run(cache.get("b", lambda: recomputed.append("b") or "B"))
    assert recomputed == ["b"]


def test_a_value_computed_instantly_does_not_deadlock(pool):
    cache = SingleFlightCache(pool)
    results = [cache.future(i, lambda i=i: i).result(timeout=5) for i in range(50)]
    assert results == list(range(50))


def test_membership_covers_running_and_finished_keys(pool):
    cache = SingleFlightCache(pool)
    release = threading.Event()
    running = cache.future("slow", lambda: release.wait(5))
    assert "slow" in cache and "other" not in cache
    release.set()
    running.result(timeout=5)
    assert "slow" in cache
