"""A soak: minutes of mixed requests against gunicorn; no error, and each worker's memory flat once warm.

CI runs it for ``SOAK_SECONDS`` (25 s, on each backend; a worker is warm well before its halfway mark);
``pytest tests/service/test_soak.py --soak-seconds 1800`` runs it longer.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from typing import Any

from layouts import ids
from tests.callback_requests import body, post, server_callbacks, view_body
from tests.service.conftest import CLOSED, HttpClient

SOAK_SECONDS = 25
#: a worker may grow this much over the second half of the run (allocator and cache noise), not more
FLAT_BYTES = 12 * 1024 * 1024

REGIONS = [None, "noord", "oost", "west", "zuid"]
EDITIONS = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]


def rss(pid: int) -> int:
    """Resident memory of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def workers(master: int) -> list[int]:
    """The gunicorn workers of a master process."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def random_selection(rng: random.Random, tab: str) -> dict[str, Any]:
    return {
        "tab": tab,
        "editions": rng.sample(EDITIONS, rng.randint(0, 3)),
        "region": rng.choice(REGIONS),
        "week": rng.choice([None, 1, 2, 3, 4]),
        "metric": rng.choice(["activiteiten", "bezoekers", "deelnemers"]),
        "compare": rng.sample(["2021", "2022-zuid", "2023-w2", "2024-noord"], rng.randint(0, 3)),
        "lang": rng.choice(["nl", "en"]),
    }


def test_soak001_mixed_requests_for_minutes_leave_no_error_and_flat_memory(served, soak_seconds, served_pid):
    base, _ = served
    client = HttpClient(base)
    dependencies = server_callbacks(client.get("/_dash-dependencies").get_json())
    views = [dep for dep in dependencies if f"-{ids.SHOWN}.data" in dep["output"]]  # each view's update
    download = next(dep for dep in dependencies if dep["output"] == "download.data")
    tabs = ["kaart", "regio", "vergelijk", "activiteiten", "trends", "evaluatie", "bereik"]
    errors: list[str] = []
    counts = {"requests": 0}
    stop = threading.Event()

    def one(rng: random.Random) -> Any:
        kind = rng.random()
        if kind < 0.6:
            dep = rng.choice(views)
            return post(client, "/_dash-update-component", view_body(dep, random_selection(rng, rng.choice(tabs))))
        if kind < 0.7:
            selection = random_selection(rng, rng.choice(tabs))
            return post(client, "/_dash-update-component", body(download, [1], [selection]))
        if kind < 0.8:
            return client.get(rng.choice(["/", "/trends?taal=en", "/over-de-cijfers", "/rapport?editie=2021"]))
        if kind < 0.9:
            return client.get(rng.choice(["/_dash-layout", "/_dash-dependencies", "/healthz"]))
        # now and then what no browser sends: refused, and never a reason to grow
        return post(client, "/_dash-update-component", rng.choice(['{"output": 1}', "[" * 5000, "x" * 300_000]))

    def user(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            answer = one(rng)
            counts["requests"] += 1
            text = answer.get_data(as_text=True)
            alert = text.startswith('{"multi"') and "error-alert" in str(answer.get_json().get("sideUpdate"))
            if answer.status_code >= 500 or "Traceback" in text or alert:
                errors.append(f"{answer.status_code}: {text[:200]}")
            elif answer.status_code == CLOSED:
                pass  # an oversized body refused before it was read

    samples: list[tuple[float, dict[int, int]]] = []
    threads = [threading.Thread(target=user, args=(seed,)) for seed in range(4)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        while time.monotonic() - start < soak_seconds:
            samples.append((time.monotonic() - start, {pid: rss(pid) for pid in workers(served_pid)}))
            time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, f"{len(errors)} errors in {counts['requests']} requests, first: {errors[:3]}"
    assert counts["requests"] > soak_seconds * 5, "the load was too light to tell anything"
    halfway = next(memory for elapsed, memory in samples if elapsed >= soak_seconds / 2)
    last = samples[-1][1]
    assert set(last) == set(halfway), "a worker was restarted during the soak (a crash or a timeout)"
    grown = {pid: last[pid] - halfway[pid] for pid in last}
    print(
        f"\nsoak: {counts['requests']} requests in {soak_seconds} s; worker memory halfway → end (MB): "
        + ", ".join(f"{halfway[p] / 2**20:.0f} → {last[p] / 2**20:.0f}" for p in last)
    )
    assert all(growth <= FLAT_BYTES for growth in grown.values()), {p: g / 2**20 for p, g in grown.items()}
