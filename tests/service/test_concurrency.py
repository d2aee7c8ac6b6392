"""An import while people watch: every answer shows the registration before it or after it, never a mix."""

from __future__ import annotations

import base64
import itertools
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from tests.callback_requests import post, server_callbacks, view_body
from tests.service.conftest import CLI, HttpClient

HEADINGS = "Titel;Organisator;Datum;Plaats;Vorm;Domein;Thema;Deelnemers;Duur (uren);Contactpersoon;E-mail"
PLACES = ["'s-Gravenhage", "Súdwest-Fryslân", "Hengelo (Gelderland)", "Roosendaal"]
FORMATS = ["online", "fysiek", "hybride"]
THEMES = ["voorkomen van zorg", "verplaatsen", "vervangen"]
DOMAINS = ["ggz", "ouderenzorg", "wijkverpleging", "jeugdzorg"]


def export(path: Path, activities: int) -> Path:
    """An organisers' export of 2021 with ``activities`` rows, as Dutch Excel saves a CSV."""
    lines = [HEADINGS]
    for n in range(activities):
        day = 1 + n % 26
        lines.append(
            f"Activiteit {n};Organisator {n % 7};{day:02d}-02-2021;{PLACES[n % 4]};{FORMATS[n % 3]};"
            f"{DOMAINS[n % 4]};{THEMES[n % 3]};{10 + n % 50};1,5;;"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


def _numbers(values: Any) -> list[float]:
    """A figure's array as numbers: plotly sends numeric arrays as typed base64 ('bdata')."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return [float(v) for v in values]


def panel_sums(answer: dict[str, Any]) -> list[float]:
    """The activities Activiteiten counts on its map (the callback's first query) and in each panel of its
    breakdown (theme, format, domain: its last three): one registration gives one number four times."""
    response = answer["response"]
    shaded = [trace for trace in response["detail-map_graph"]["figure"]["data"] if trace["type"] == "choropleth"]
    breakdown = response["detail-breakdown_graph"]["figure"]["data"]
    return [sum(_numbers(trace["z"])) for trace in shaded] + [sum(_numbers(trace["x"])) for trace in breakdown]


def test_con001_an_import_while_clients_poll_shows_before_or_after_never_a_mix(served, tmp_path: Path):
    base, url = served
    env = {**os.environ, "DATABASE_URL": url}
    small, large = export(tmp_path / "small.csv", 120), export(tmp_path / "large.csv", 180)
    subprocess.run([CLI, "import", "activities", str(small)], env=env, check=True, capture_output=True)
    client = HttpClient(base)
    detail = next(
        dep
        for dep in server_callbacks(client.get("/_dash-dependencies").get_json())
        if dep["output"].startswith("..detail-map_graph")
    )
    request = view_body(detail, {"tab": "activiteiten", "editions": [2021]})
    seen: list[list[float]] = []
    failures: list[str] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            answer = post(client, "/_dash-update-component", request)
            if answer.status_code != 200:
                failures.append(f"{answer.status_code}: {answer.get_data(as_text=True)[:200]}")
                continue
            result = answer.get_json()
            if "error-alert" in (result.get("sideUpdate") or {}):
                failures.append(str(result["sideUpdate"])[:200])
                continue
            seen.append(panel_sums(result))

    clients = [threading.Thread(target=poll) for _ in range(4)]
    for thread in clients:
        thread.start()
    try:
        for source in itertools.islice(itertools.cycle([large, small]), 4):
            time.sleep(0.4)
            done = subprocess.run([CLI, "import", "activities", str(source)], env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stdout + done.stderr
        time.sleep(0.4)
    finally:
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
    assert not failures, failures[:3]
    assert len(seen) > 20, "the clients hardly got an answer"
    mixed = [sums for sums in seen if len(sums) != 4 or len(set(sums)) != 1 or sums[0] not in (120, 180)]
    assert not mixed, f"{len(mixed)} of {len(seen)} answers mixed two registrations: {mixed[:3]}"
    assert {sums[0] for sums in seen} == {120, 180}, "the clients never saw the import happen"
