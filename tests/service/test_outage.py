"""The database goes away while the dashboard serves, and comes back: a plain banner meanwhile, 503 from the
health check, and the open page back by itself. Stops and starts the PostgreSQL server the test command started."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import make_driver
from tests.browser.pageutil import console_errors, page_text, wait_for_charts, wait_for_text, wait_until
from tests.callback_requests import post, server_callbacks, view_body
from tests.service.conftest import HttpClient

pytestmark = pytest.mark.skipif(
    not os.environ.get("SZE_TEST_PG_CTL"),
    reason="needs the PostgreSQL server scripts/with-postgres.sh starts; an embedded SQLite file has no server to stop",
)

BANNER = "Gegevens tijdelijk niet beschikbaar"
SHOTS = Path("build/screenshots")


def _pg(action: str) -> None:
    subprocess.run([os.environ["SZE_TEST_PG_CTL"], action], check=True, capture_output=True)


def test_out001_with_the_database_down_pages_say_so_plainly_and_come_back_by_themselves(served):
    base, _ = served
    client = HttpClient(base)
    trends = next(
        dep
        for dep in server_callbacks(client.get("/_dash-dependencies").get_json())
        if dep["output"].startswith("..trends-graph.figure")
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page, fresh = make_driver(1280, 720), make_driver(390, 844)
    try:
        open_page.get(base + "/trends")
        wait_for_charts(open_page)
        _pg("stop")
        try:
            assert client.get("/healthz").status_code == 503
            assert client.get("/trends").status_code == 200
            layout = client.get("/_dash-layout").get_data(as_text=True)
            assert BANNER in layout and "Traceback" not in layout
            # a callback of a page opened before: no 500, the dashboard's own message in its alert
            answer = post(client, "/_dash-update-component", view_body(trends, {"tab": "trends"}))
            assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
            alert = answer.get_json()["sideUpdate"]["error-alert"]
            assert alert["is_open"] and alert["children"].startswith(BANNER)
            # a page opened now: the banner, and nothing that looks broken
            fresh.get(base + "/trends")
            wait_for_text(fresh, BANNER)
            assert "Traceback" not in page_text(fresh)
            fresh.save_screenshot(str(SHOTS / "outage-390x844.png"))
            open_page.get(base + "/trends?taal=en")
            wait_for_text(open_page, "Data temporarily unavailable")
            open_page.save_screenshot(str(SHOTS / "outage-1280x720.png"))
        finally:
            _pg("start")
        # back by itself: the health check at once (a pool pre-ping reconnects), the open pages within their retry
        wait_until(lambda: client.get("/healthz").status_code == 200, 15, "the health check back at 200")
        for driver in (open_page, fresh):
            wait_for_charts(driver, timeout=30)
            assert BANNER not in page_text(driver) and "Data temporarily unavailable" not in page_text(driver)
        # what the browser logged while the database was away is the failed health checks, nothing else
        unexpected = [e for e in console_errors(open_page) if "healthz" not in e and "503" not in e]
        assert not unexpected, unexpected
    finally:
        open_page.quit()
        fresh.quit()
