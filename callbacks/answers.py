"""Each view's answer kept for the next request that asks the same, in Redis when configured (shared by every
process and machine), else in the process (flask-caching; ``dashboard.app`` configures it).

The key holds everything an answer depends on: the view, the selection as validated (so ``regio=ZUID``
and ``regio=zuid`` share one entry), the language, the width class, the day (the figures' 'made on'
stamp) and the data's version (``data_access.version``, new with every import). An import therefore
never needs to reach the caches: from its commit on, every key is new. Answers are kept as the JSON
Dash sends, not as pickles, so a shared Redis never holds code to run.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from flask_caching import Cache
from plotly.io.json import to_json_plotly

log = logging.getLogger(__name__)

#: the cache of whichever app handles the request (its backend is set per app by ``init_app``)
cache = Cache()

#: an answer is kept this long at most, even unasked-for; a new data version replaces it earlier
TIMEOUT_SECONDS = 6 * 3600
#: answers kept per process without Redis: a view's answer is up to a few hundred KB
LOCAL_ENTRIES = 64


def config(redis_url: str | None) -> dict[str, Any]:
    """flask-caching's settings: Redis at ``redis_url``, else a small cache in each process."""
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "sze:",
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
