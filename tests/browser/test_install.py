"""The wheel as an operator installs it: not editable, in a fresh venv, run from an empty folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.browser.conftest import make_driver, running
from tests.browser.pageutil import console_errors, foreign_requests, wait_for_charts, wait_for_text

pytestmark = pytest.mark.browser

CHECKOUT = Path(__file__).resolve().parents[2]
VIEWS = {
    "kaart": "Weekvolgorde",
    "activiteiten": "Registratie naast gepubliceerde totalen",
    "trends": "meer dan 270",
    "evaluatie": "gemiddeld een 7,5",
    "bereik": "miljoenen",
}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the project installed from a wheel; its dependencies are lent by the test venv."""
    folder = tmp_path_factory.mktemp("install")
    # build from the committed tree: nothing left over in the checkout (build/, mutants/) slips into the wheel
    source = folder / "source"
    source.mkdir()
    archive = subprocess.run(["git", "-C", str(CHECKOUT), "archive", "HEAD"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(folder / "dist"),
            str(source),
        ],
        check=True,
    )
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # dash, pandas, ... from the test venv (a .pth line is appended to sys.path, after the venv's own
    # site-packages); the test venv's editable link to the checkout is a .pth there and is not read
    Path(site, "_test_venv_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next((folder / "dist").glob("sze_dashboard-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
    )
    return venv


def test_brinst001_the_installed_wheel_runs_from_an_empty_folder_offline(installed, tmp_path):
    python, command = installed / "bin" / "python", installed / "bin" / "sze-dashboard"
    empty = tmp_path / "empty"
    empty.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import dashboard, data_access; print(dashboard.__file__, data_access.__file__)"],
        cwd=empty,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(CHECKOUT) not in where and str(installed) in where  # the installed copy, not the checkout

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db' / 'sze.db'}"}
    init = subprocess.run([str(command), "init-db"], cwd=empty, env=env, capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    assert "Loaded the bundled dataset" in init.stdout
    # the migrations and the municipality list travel in the wheel: demo data resolves its places with them
    made = subprocess.run(
        [str(command), "demo", "--activities", "200"], cwd=empty, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert "Voorbeelddata" in made.stdout

    with running([str(command), "serve", "--workers", "1"], env, tmp_path, cwd=empty) as base:
        browser = make_driver()
        try:
            for tab, text in VIEWS.items():
                browser.get(f"{base}/{tab}")
                wait_for_charts(browser)
                wait_for_text(browser, text)
                assert foreign_requests(browser) == [], tab
                assert console_errors(browser) == [], tab
            styles = browser.execute_script(
                "return getComputedStyle(document.querySelector('.app-header')).backgroundColor"
            )
            assert styles == "rgb(21, 66, 115)"  # the app's CSS came from the installed package
        finally:
            browser.quit()
    assert os.listdir(empty) == []  # nothing written into the folder it ran from
