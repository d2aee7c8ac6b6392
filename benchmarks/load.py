"""Requests without a browser: single callbacks timed one at a time, and many simulated users replaying what
the browser recorded (page, layout, dependencies and every callback of a first load or a filter change) against
gunicorn, with each worker's memory read from /proc meanwhile.

Each user is a thread with no think time: it sends its next request as soon as the last one is answered (a
closed loop, the heaviest load that many users can make). gunicorn's sync workers close the connection after each
answer, so every request opens its own, as a browser's would against this server.
"""

from __future__ import annotations

import gzip
import http.client
import json
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from benchmarks.report import Summary
from benchmarks.servers import rss

UPDATE_PATH = "/_dash-update-component"
#: Dash answers 204 when a callback changes nothing (PreventUpdate, every output no_update)
OK_STATUS = (200, 204)
#: of the sessions a user replays, the share that are first loads of a page (the rest are filter changes)
PAGE_SHARE = 0.3


@dataclass(frozen=True)
class Request:
    """One recorded request: a GET of ``path``, or a POST of ``body`` to the callback endpoint."""

    path: str
    body: bytes | None = None

    @property
    def label(self) -> str:
        """What it asks for, for error reports: the path, or the callback's first output."""
        if self.body is None:
            return self.path.split("?")[0]
        return str(json.loads(self.body).get("output", ""))[:60]


@dataclass(frozen=True)
class Answer:
    """How one request went."""

    status: int  # 0: no answer (connection refused, reset, timed out)
    ms: float
    size: int
    error: str | None = None


def send(base: str, request: Request, timeout: float = 120) -> Answer:
    """Send ``request`` to the server at ``base`` as the browser would (JSON, same-origin ``Origin``)."""
    netloc = urlsplit(base).netloc
    start = time.perf_counter()
    connection = http.client.HTTPConnection(netloc, timeout=timeout)
    try:
        if request.body is None:
            connection.request("GET", request.path, headers={"Accept-Encoding": "gzip"})
        else:
            headers = {"Content-Type": "application/json", "Origin": base, "Accept-Encoding": "gzip"}
            connection.request("POST", request.path, body=request.body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        ms = (time.perf_counter() - start) * 1000
        size = len(data)
        if response.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        error = None
        if response.status not in OK_STATUS:
            error = f"{response.status} {request.label}: {data[:200]!r}"
        elif (
            request.body is not None
            and b'"sideUpdate"' in data
            and "error-alert" in str(json.loads(data).get("sideUpdate"))
        ):
            # the app's on_error puts its message in the error alert: a failed callback that still answered 200
            error = f"error shown {request.label}: {data[:200]!r}"
        return Answer(response.status, ms, size, error)
    except (OSError, http.client.HTTPException) as exc:
        return Answer(0, (time.perf_counter() - start) * 1000, 0, f"{exc.__class__.__name__} {request.label}: {exc}")
    finally:
        connection.close()


def callback(body: str, prefix: str = "") -> Request:
    """A recorded callback body as a request (to an app served under ``prefix``)."""
    return Request(prefix + UPDATE_PATH, body.encode())


def outputs(body: str) -> str:
    """The output spec a recorded callback body names."""
    try:
        return str(json.loads(body).get("output", ""))
    except ValueError:
        return ""


def side_by_side(apps: Sequence[tuple[str, str, Sequence[str]]], repeats: int) -> tuple[list[list[float]], int]:
    """POST callbacks to each (base URL, path prefix, bodies) ``repeats`` times, cycling through its bodies and
    taking turns app by app, so that what else the machine does falls on all alike: the milliseconds of the
    answered ones per app, and how many failed."""
    times: list[list[float]] = [[] for _ in apps]
    failed = 0
    for n in range(repeats):
        for i, (base, prefix, bodies) in enumerate(apps):
            answer = send(base, callback(bodies[n % len(bodies)], prefix))
            if answer.error is None:
                times[i].append(answer.ms)
            else:
                failed += 1
    return times, failed


@dataclass
class Recording:
    """What browsers sent, to be replayed: first loads (a page and its callbacks) and filter changes."""

    pages: list[tuple[str, list[str]]] = field(default_factory=list)  # (path with query, callback bodies)
    changes: list[list[str]] = field(default_factory=list)  # callback bodies of one change

    def sessions(self) -> tuple[list[list[Request]], list[list[Request]]]:
        """The first loads (page, layout, dependencies, then the callbacks) and the changes, as request lists."""
        pages = [
            [Request(path), Request("/_dash-layout"), Request("/_dash-dependencies"), *map(callback, bodies)]
            for path, bodies in self.pages
        ]
        changes = [[callback(body) for body in bodies] for bodies in self.changes if bodies]
        return pages, changes

    def to_json(self) -> dict[str, Any]:
        return {"pages": self.pages, "changes": self.changes}


@dataclass
class LoadResult:
    """A load run: how many, how fast, what failed, and each worker's memory."""

    users: int
    seconds: float
    requests: int
    errors: int
    error_samples: list[str]
    latency: Summary  # ms per request
    #: peak resident memory per worker process (bytes), sampled twice a second
    peak_rss: dict[int, int]
    #: resident memory per worker before the load began
    idle_rss: dict[int, int]

    @property
    def throughput(self) -> float:
        """Answered requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def max_peak_rss(self) -> int | None:
        """The largest worker's peak."""
        return max(self.peak_rss.values()) if self.peak_rss else None


def replay(
    base: str,
    recording: Recording,
    users: int,
    seconds: float,
    workers: Callable[[], list[int]],
    seed: int = 9,
) -> LoadResult:
    """``users`` threads replaying ``recording``'s sessions against ``base`` for ``seconds``: each picks a first
    load (``PAGE_SHARE``) or a filter change at random and sends its requests in order, without pause."""
    pages, changes = recording.sessions()
    if not pages and not changes:
        raise ValueError("nothing recorded to replay")
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    counts = {"requests": 0, "errors": 0}
    stop = threading.Event()
    idle = {pid: rss(pid) for pid in workers()}
    peak = dict(idle)

    def user(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while not stop.is_set():
            session = rng.choice(pages) if pages and (not changes or rng.random() < PAGE_SHARE) else rng.choice(changes)
            for request in session:
                if stop.is_set():
                    return
                answer = send(base, request)
                if stop.is_set():
                    return  # answered after the end: outside the measured window
                with lock:
                    counts["requests"] += 1
                    latencies.append(answer.ms)
                    if answer.error:
                        counts["errors"] += 1
                        if len(errors) < 5:
                            errors.append(answer.error)

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    while time.monotonic() - start < seconds:
        for pid in workers():
            peak[pid] = max(peak.get(pid, 0), rss(pid))
        time.sleep(0.5)
    stop.set()
    elapsed = time.monotonic() - start
    for thread in threads:
        thread.join(timeout=180)
    return LoadResult(
        users=users,
        seconds=elapsed,
        requests=counts["requests"],
        errors=counts["errors"],
        error_samples=errors,
        latency=Summary.of(latencies),
        peak_rss=peak,
        idle_rss=idle,
    )
