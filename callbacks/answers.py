"""Each view's answer kept for the next request that asks the same, in Redis when configured (shared by every
process and machine), else in a folder the workers of one server share (``sze-dashboard serve`` makes it), else
in the process (flask-caching; ``dashboard.app`` configures it).

The key holds everything an answer depends on: the view, the selection as validated (so ``regio=ZUID``
and ``regio=zuid`` share one entry), the language, the width class, the day (the figures' 'made on'
stamp) and the data's version (``data_access.version``, new with every import). An import therefore
never needs to reach the caches: from its commit on, every key is new. Answers are kept as the JSON
Dash sends, not as pickles, so a shared Redis never holds code to run.

Answers one click away are made before they are asked (``ahead``): a presenter switches the region and the week
live, and a filter change whose answer is kept paints as soon as the browser has drawn it (issue 21). Each
process has one background thread for them, which makes only what is not kept yet, one at a time, and drops
what it cannot make: the answer is then made when asked, as it always was.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, g
from flask_caching import Cache
from plotly.io.json import to_json_plotly

log = logging.getLogger(__name__)

#: the cache of whichever app handles the request (its backend is set per app by ``init_app``)
cache = Cache()

#: an answer is kept this long at most, even unasked-for; a new data version replaces it earlier
TIMEOUT_SECONDS = 6 * 3600
#: answers kept per process without Redis: a view's answer is up to a few hundred KB
LOCAL_ENTRIES = 64


#: answers kept in a shared folder: a few hundred KB each at most
FOLDER_ENTRIES = 500
#: answers waiting to be made ahead, per process; more are dropped (they are made when asked)
AHEAD_WAITING = 64


def config(redis_url: str | None, folder: str | None = None) -> dict[str, Any]:
    """flask-caching's settings: Redis at ``redis_url``, else files in ``folder`` (shared by the processes that
    know it), else a small cache in each process."""
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "sze:",
            "CACHE_DEFAULT_TIMEOUT": TIMEOUT_SECONDS,
        }
    if folder:
        return {
            "CACHE_TYPE": "FileSystemCache",
            "CACHE_DIR": folder,
            "CACHE_THRESHOLD": FOLDER_ENTRIES,
            "CACHE_DEFAULT_TIMEOUT": TIMEOUT_SECONDS,
        }
    return {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": LOCAL_ENTRIES, "CACHE_DEFAULT_TIMEOUT": TIMEOUT_SECONDS}


def key(*parts: object) -> str:
    """A cache key for an answer that depends on exactly ``parts`` (JSON-able)."""
    return "view:" + hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def answer(cache_key: str, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The kept answer for ``cache_key``, else ``make()``'s, kept. A cache that fails (Redis away) costs the
    time of making the answer, never the answer."""
    try:
        kept = cache.get(cache_key)
    except Exception:
        log.warning("cache unavailable; answering without it", exc_info=True)
        return make()
    if kept is not None:
        value = json.loads(kept)
        assert isinstance(value, dict)
        return value
    made = make()
    try:
        cache.set(cache_key, to_json_plotly(made))
    except Exception:
        log.warning("cache unavailable; answer not kept", exc_info=True)
    return made


class _Ahead:
    """This process's background thread that makes answers before they are asked, and what waits for it."""

    def __init__(self) -> None:
        self.waiting: queue.Queue[tuple[Flask, str, str, Callable[[], dict[str, Any]]]] = queue.Queue(AHEAD_WAITING)
        self.queued: set[str] = set()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def add(self, app: Flask, cache_key: str, language: str, make: Callable[[], dict[str, Any]]) -> None:
        with self.lock:
            if cache_key in self.queued:
                return
            try:
                self.waiting.put_nowait((app, cache_key, language, make))
            except queue.Full:
                return
            self.queued.add(cache_key)
            if self.thread is None or not self.thread.is_alive():
                # started on first use: in a gunicorn worker, after the fork (a thread does not survive one)
                self.thread = threading.Thread(target=self._run, name="sze-answers-ahead", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        while True:
            app, cache_key, language, make = self.waiting.get()
            try:
                with app.app_context():
                    # the request's language, as ``lang()`` reads it; its own snapshot of the database (``db()``)
                    g.sze_lang = language
                    if not cache.has(cache_key):
                        cache.set(cache_key, to_json_plotly(make()))
            except Exception:
                log.warning("an answer made ahead failed; it is made when asked", exc_info=True)
            finally:
                with self.lock:
                    self.queued.discard(cache_key)
                self.waiting.task_done()

    def join(self) -> None:
        """Until everything waiting is made (for tests)."""
        self.waiting.join()


_ahead = _Ahead()


def ahead(app: Flask, jobs: Iterable[tuple[str, Callable[[], dict[str, Any]]]], language: str) -> None:
    """Make the answers of ``jobs`` (cache key, how to make it) that are not kept yet, in the background.

    ``make`` runs outside the request, in an application context of ``app`` with ``language`` as the
    request's language: it must take everything else from its arguments, as ``callbacks.full_update`` does.
    """
    for cache_key, make in jobs:
        try:
            if cache.has(cache_key):
                continue
        except Exception:
            return  # the cache is away: nothing to make ahead for
        _ahead.add(app, cache_key, language, make)


def wait_ahead() -> None:
    """Until the answers asked for ahead are made (tests)."""
    _ahead.join()
