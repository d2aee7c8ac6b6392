"""/beheer in Chromium (issue 18), as the editor `redacteur` signed in by basic auth: a file with three bad lines
is named line by line and comes back marked, changing nothing; the six good lines show their preview and, after
*Importeren*, are in the database; the history names the file and its editor, and *Ongedaan maken* (asked
first) takes them out again. Screenshots of the page at a laptop's and a phone's size."""

from __future__ import annotations

import base64
import io
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from data_access import schema
from data_access.engine import make_engine
from tests.beheer_files import GOOD, filled, with_problems
from tests.browser.conftest import make_driver, running
from tests.browser.pageutil import console_errors, page_text, wait_for_text, wait_until
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_exports import allow_downloads, downloaded
from tests.conftest import own_database
from tests.roles import read_only_role
from tests.service.conftest import fill

pytestmark = pytest.mark.browser

PASSWORD = "geheim wachtwoord"
SHOTS = Path(os.environ.get("SZE_SCREENSHOTS") or "build/screenshots")


@pytest.fixture(scope="module")
def editors_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The dashboard served as a user would (gunicorn, two workers) with a login: redacteur edits, lezer reads.
    On PostgreSQL as in production: the pages (and the checks) read through a role that can write nothing, and
    /beheer's Importeren and Ongedaan maken write with the owner's URL (SZE_ADMIN_DATABASE_URL)."""
    folder = tmp_path_factory.mktemp("beheer")
    users = ",".join(f"{name}:{generate_password_hash(PASSWORD)}" for name in ("redacteur", "lezer"))
    env = {**os.environ, "SZE_BASIC_AUTH_USERS": users, "SZE_EDITORS": "redacteur"}
    command = [str(Path(sys.executable).parent / "sze-dashboard"), "serve", "--workers", "2"]
    with ExitStack() as stack:
        url = stack.enter_context(own_database(folder))
        if url.startswith("postgresql"):
            fill(url)
            env |= {"DATABASE_URL": stack.enter_context(read_only_role(url)), "SZE_ADMIN_DATABASE_URL": url}
        else:
            env["DATABASE_URL"] = url
        # the health probe is open; everything else asks for the login
        base = stack.enter_context(running(command, env, folder))
        yield base, url


def _signed_in(driver, user: str) -> None:
    """Every request of the browser carries the user's basic-auth header (as the browser's login prompt would)."""
    token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Basic {token}"}})


def _activities(url: str) -> int:
    with make_engine(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.activities)).scalar_one())


def _upload(driver, path: Path) -> None:
    field = driver.find_element(By.CSS_SELECTOR, "#beheer-upload input[type=file]")
    field.send_keys(str(path))


def test_brbeh001_an_editor_uploads_sees_every_problem_then_imports_the_good_lines(editors_server, tmp_path):
    base, url = editors_server
    driver = make_driver(1280, 720)
    try:
        # the page's own 1280 x 720 (the window's would lose some to the browser's frame)
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
        )
        _signed_in(driver, "redacteur")
        allow_downloads(driver, tmp_path)
        driver.get(f"{base}/beheer")
        wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#beheer-upload input[type=file]"), what="input")
        assert "Importeren" in page_text(driver)
        assert not driver.find_element(By.ID, "beheer-import").is_enabled()
        before = _activities(url)

        _upload(driver, with_problems(tmp_path / "fout.xlsx"))
        wait_for_text(driver, "Problemen op regel 4, 5 en 6", timeout=30)
        text = page_text(driver)
        assert "Nergenshuizen" in text and "31-02-2024" in text and "-3" in text
        assert not driver.find_element(By.ID, "beheer-import").is_enabled()
        _shot(driver, "beheer-problems-1280x720", "beheer-check")
        _no_axe_violations(driver)
        _click(driver, "beheer-marked-button")
        marked = load_workbook(io.BytesIO(downloaded(tmp_path, "fout-problemen.xlsx"))).worksheets[0]
        assert all(marked[cell].comment for cell in ("D4", "C5", "H6"))
        assert _activities(url) == before  # a file with problems changes nothing

        _upload(driver, filled(tmp_path / "goed.xlsx", GOOD))
        wait_for_text(driver, "goed.xlsx is in orde", timeout=30)
        # the preview's counts are a table of text, one Markdown component, drawn a moment after the message
        wait_for_text(driver, "Nieuw")
        wait_for_text(driver, "na importeren")
        button = driver.find_element(By.ID, "beheer-import")
        wait_until(button.is_enabled, what="Importeren enabled")
        _shot(driver, "beheer-preview-1280x720", "beheer-check")
        _no_axe_violations(driver)
        _click(driver, "beheer-import")
        wait_for_text(driver, "goed.xlsx is geïmporteerd", timeout=30)
        assert _activities(url) == before + len(GOOD)
        assert not driver.find_element(By.ID, "beheer-import").is_enabled()

        # and in the views: the registration view counts them and cites the file
        # (the note beside the published total stands in the chart's Toelichting: the link opens it)
        driver.get(f"{base}/activiteiten?editie=2021&toelichting=1")
        wait_for_text(driver, f"de registratie telt {len(GOOD)} activiteiten", timeout=30)
        assert "Export activiteiten: goed.xlsx" in page_text(driver)
        driver.get(f"{base}/beheer")
        wait_until(lambda: driver.find_elements(By.ID, "beheer-history"), what="the history")

        # the history names the file and its editor; Ongedaan maken, asked first, takes the rows out again
        history = driver.find_element(By.ID, "beheer-history")
        wait_until(lambda: "goed.xlsx" in history.text and "redacteur" in history.text, what="the history")
        assert "toegepast" in history.text
        _shot(driver, "beheer-history-1280x720", "beheer-history")
        _no_axe_violations(driver)
        _click_undo(driver)
        wait_for_text(driver, "Weet u het zeker?")
        # the dialog fades in: its words count as shown once it has
        question = driver.find_element(By.ID, "beheer-undo-question")
        wait_until(lambda: "goed.xlsx" in question.text, what="the question naming the file")
        _shot(driver, "beheer-undo-ask-1280x720")
        _no_axe_violations(driver)
        _click(driver, "beheer-undo-confirm")
        wait_for_text(driver, "is ongedaan gemaakt", timeout=30)
        wait_until(lambda: "ongedaan gemaakt op" in driver.find_element(By.ID, "beheer-history").text, what="undone")
        assert _activities(url) == before
        assert not driver.find_elements(By.CSS_SELECTOR, "#beheer-history button")  # nothing left to undo
        _shot(driver, "beheer-undone-1280x720", "beheer-history")
        assert not [e for e in console_errors(driver) if "favicon" not in e]
    finally:
        driver.quit()


def _click_undo(driver) -> None:
    """*Ongedaan maken* of the newest import (the first row of the history)."""
    buttons = driver.find_elements(By.CSS_SELECTOR, "#beheer-history button")
    assert buttons and buttons[0].text == "Ongedaan maken"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[0])
    buttons[0].click()


def test_brbeh002_the_page_reads_on_a_phone_and_a_reader_is_turned_away(editors_server, tmp_path):
    from ingest.importer import import_file

    base, url = editors_server
    # an import in the history, whichever test ran before
    import_file(make_engine(url), "activities", filled(tmp_path / "telefoon.xlsx", GOOD), user="redacteur")
    driver = make_driver(390, 844)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
        )
        _signed_in(driver, "redacteur")
        driver.get(f"{base}/beheer")
        wait_until(lambda: driver.find_elements(By.ID, "beheer-upload"), what="upload")
        _upload(driver, with_problems(tmp_path / "fout.xlsx"))
        wait_for_text(driver, "Problemen op regel 4, 5 en 6", timeout=30)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width}px"
        _shot(driver, "beheer-problems-390x844", "beheer-check")
        # the history reads as cards on a phone, nothing sideways
        driver.execute_script("document.getElementById('beheer-history').scrollIntoView()")
        wait_until(lambda: "telefoon.xlsx" in driver.find_element(By.ID, "beheer-history").text, what="the history")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the history scrolls sideways: {width}px"
        _shot(driver, "beheer-history-390x844", "beheer-history")
        # the published record's forms read on a phone too: nothing sideways, a field under its label
        _open(driver, "Cijfer toevoegen of corrigeren")
        _open(driver, "Editie toevoegen of corrigeren")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the published record's forms scroll sideways: {width}px"
        _shot(driver, "beheer-pub-forms-390x844", "beheer-pub-edition-check")
        _signed_in(driver, "lezer")
        driver.get(f"{base}/beheer")
        wait_for_text(driver, "niet als redacteur")
        assert not driver.find_elements(By.CSS_SELECTOR, "input[type=file]")
    finally:
        driver.quit()


def _options(driver) -> list:
    """The options of the open dropdown."""
    return driver.find_elements(By.CSS_SELECTOR, "[role=option]")


def _click(driver, element_id: str) -> None:
    element = driver.find_element(By.ID, element_id)
    # at once: the page scrolls smoothly where the reader has not asked for less motion, and a click lands
    # where the element is, not where it will be
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def _shot(driver, name: str, element_id: str | None = None) -> None:
    """The window, scrolled to ``element_id``'s top where given (else the page's), to look at."""
    if element_id:
        driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()", element_id)
    else:
        driver.execute_script("window.scrollTo(0, 0)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    page = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (SHOTS / f"{name}-page.png").write_bytes(base64.b64decode(page["data"]))


def test_brbeh003_without_a_login_the_editor_link_serve_prints_opens_beheer(tmp_path):
    """As Jupyter: `serve` on 127.0.0.1 prints a link with a token; it signs that browser in (every worker knows
    the session) once, and leaves no token in the address; a browser without it is told how to get in."""
    url = f"sqlite:///{tmp_path / 'sze.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    for name in ("SZE_BASIC_AUTH_USERS", "SZE_TRUSTED_USER_HEADER", "SZE_EDITORS", "SZE_SECRET_KEY"):
        env.pop(name, None)
    command = [str(Path(sys.executable).parent / "sze-dashboard"), "serve", "--workers", "2"]
    with running(command, env, tmp_path) as base:
        log = (tmp_path / "serve.log").read_text()
        link = next(word for word in log.split() if "/beheer?token=" in word)
        assert link.startswith(base + "/beheer?token=") and log.count("/beheer?token=") == 1
        stranger = make_driver(1280, 720)
        editor = make_driver(1280, 720)
        try:
            stranger.get(f"{base}/beheer")
            wait_for_text(stranger, "redacteurslink")
            assert not stranger.find_elements(By.CSS_SELECTOR, "input[type=file]")
            editor.get(link)
            wait_until(lambda: editor.find_elements(By.CSS_SELECTOR, "#beheer-upload input[type=file]"), what="input")
            assert editor.current_url == f"{base}/beheer"
            for _ in range(6):  # both workers answer in turn: each knows the session
                editor.get(f"{base}/beheer")
                wait_until(lambda: editor.find_elements(By.ID, "beheer-upload"), what="upload")
            stranger.get(link)  # the link works once: the same link, opened again elsewhere, signs no one in
            wait_for_text(stranger, "werkt één keer")
            assert not stranger.find_elements(By.CSS_SELECTOR, "input[type=file]")
            # the upload is reached by keyboard, as the rest of the page
            focusable = editor.execute_script(
                "return Array.from(document.querySelectorAll('#beheer-upload, #beheer-upload *'))"
                ".some(e => e.tabIndex >= 0 && e.type !== 'file')"
            )
            assert focusable, "the upload cannot be reached with Tab"
            opened = editor.execute_script(
                "var input = document.querySelector('#beheer-upload input[type=file]'); var seen = false;"
                "input.addEventListener('click', function (e) { seen = true; e.preventDefault(); });"
                "document.querySelector('#beheer-upload button').click(); return seen;"
            )
            assert opened, "the upload's button does not open the file dialog"
        finally:
            stranger.quit()
            editor.quit()


def _no_axe_violations(driver) -> None:
    found = axe_violations(driver)
    assert not found, [(v["id"], v["nodes"]) for v in found]


def test_brbeh004_the_editor_answers_what_the_file_left_unknown_and_can_stop_a_long_check(editors_server, tmp_path):
    """Ask, never guess, in the browser: a place that is two municipalities and a domain written its own way are
    asked with their candidates; the choices are remembered and the same file checks clean. And a long check
    shows how far it is and stops when asked, leaving the page as it was."""
    from selenium.webdriver.common.keys import Keys

    from ingest import mappings

    base, url = editors_server
    bergen = ["Bergen op z'n best", "Org A", "12-02-2021", "Bergen", "online", "Gehandicapten", "voorkomen", 5, 1]
    driver = make_driver(1280, 720)
    try:
        _signed_in(driver, "redacteur")
        driver.get(f"{base}/beheer")
        wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#beheer-upload input[type=file]"), what="input")
        _upload(driver, filled(tmp_path / "vraag.xlsx", [*GOOD[:4], bergen]))
        wait_for_text(driver, "Onbekende waarden", timeout=30)
        for written, choice in (("bergen", "Bergen (Limburg)"), ("gehandicapten", "gehandicaptenzorg")):
            # Dash's dropdown: a button that opens a list of options
            button = next(
                b
                for b in driver.find_elements(By.CSS_SELECTOR, "#beheer-check button.dash-dropdown")
                if f'"written":"{written}"' in b.get_attribute("id")
            )
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
            button.click()
            wait_until(lambda: _options(driver), what="the options")
            shown = {option.text: option for option in _options(driver)}
            assert choice in shown and (written != "bergen" or "Bergen (Noord-Holland)" in shown), list(shown)
            shown[choice].click()
            driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        _shot(driver, "beheer-asked-1280x720", "beheer-check")
        _click(driver, "beheer-remember")
        wait_for_text(driver, "vraag.xlsx is in orde", timeout=30)
        wait_until(driver.find_element(By.ID, "beheer-import").is_enabled, what="Importeren enabled")
        mapped = driver.find_element(By.ID, "beheer-mappings").text
        assert "Bergen (Limburg)" in mapped and "gehandicaptenzorg" in mapped and "redacteur" in mapped
        engine = make_engine(url)
        assert sorted(m.written for m in mappings.mappings(engine)) == ["bergen", "gehandicapten"]

        # a long check: its bar moves, and Controle stoppen ends it with nothing shown or changed
        rows = [[f"{row[0]} {n}", *row[1:]] for n, row in enumerate(GOOD * 10000)][:60000]
        _upload(driver, filled(tmp_path / "groot.xlsx", rows))
        wait_until(lambda: "gecontroleerd" in driver.find_element(By.ID, "beheer-progress-text").text, what="progress")
        assert driver.find_element(By.ID, "beheer-progress").is_displayed()
        _shot(driver, "beheer-progress-1280x720", "beheer-upload")
        _click(driver, "beheer-cancel")
        wait_until(lambda: not driver.find_element(By.ID, "beheer-checking").is_displayed(), what="stopped")
        assert "groot.xlsx is in orde" not in page_text(driver)
        assert not driver.find_element(By.ID, "beheer-import").is_enabled()
        with engine.connect() as conn:  # the remembered answers stay for the next upload; tidy up for other tests
            assert conn.execute(select(func.count()).select_from(schema.value_mappings)).scalar_one() == 2
        mappings.forget(engine, "place", "bergen", "redacteur")
        mappings.forget(engine, "domain", "gehandicapten", "redacteur")
    finally:
        driver.quit()


# --- the published record (issue 19) ----------------------------------------------------------------------------


def _fill(driver, form: str, values: dict[str, str]) -> None:
    """Type or choose each value in the form's field of that name (a select by its option's value)."""
    for name, value in values.items():
        element = driver.find_element(By.ID, f"beheer-pub-{form}-{name}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":  # Chromium's date field takes the day as typed in its locale
            driver.execute_script(
                "var e = arguments[0];"
                "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(e, arguments[1]);"
                " e.dispatchEvent(new Event('input', {bubbles: true}));"
                "e.dispatchEvent(new Event('change', {bubbles: true}));",
                element,
                value,
            )
        else:
            element.clear()
            element.send_keys(value)


def _open(driver, summary: str) -> None:
    element = next(e for e in driver.find_elements(By.CSS_SELECTOR, ".beheer-published summary") if e.text == summary)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    if not element.find_element(By.XPATH, "..").get_attribute("open"):
        element.click()


def _apply(driver, expected: str) -> None:
    button = driver.find_element(By.ID, "beheer-pub-apply")
    wait_until(button.is_enabled, what="Doorvoeren enabled")
    _click(driver, "beheer-pub-apply")
    wait_for_text(driver, expected, timeout=30)


def _undo_change(driver, change_id: int) -> None:
    button = driver.find_element(
        By.CSS_SELECTOR, f"#beheer-pub-history button[aria-label^='Ongedaan maken: wijziging {change_id} ']"
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    wait_for_text(driver, f"Wijziging {change_id} is ongedaan gemaakt", timeout=30)


FIGURE_2025 = {
    "edition": "2025",
    "metric": "deelnemers",
    "value": "4000",
    "qualifier": "ruim",
    "published_text": "ruim 4000",
    "basis": "gerapporteerd",
    "source_id": "__nieuw__",
    "new_source_id": "sze-2025-afsluiting",
    "new_title": "Slimme Zorg Estafette 2025 afgesloten",
    "new_publisher": "ZonMw",
    "new_kind": "nieuwsbericht",
    "new_date": "2025-03-10",
    "new_label": "10 maart 2025",
    "new_url": "https://www.zonmw.nl/nl/nieuws/slimme-zorg-estafette-2025",
}


def test_brbeh005_an_editor_adds_edition_2025_and_its_figure_which_the_trends_view_shows_and_undo_removes(
    editors_server, tmp_path
):
    from ingest.loader import load_bundled

    base, url = editors_server
    driver = make_driver(1280, 720)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
        )
        _signed_in(driver, "redacteur")
        driver.get(f"{base}/beheer")
        wait_until(lambda: driver.find_elements(By.ID, "beheer-pub-edition-check"), what="the published record")

        _open(driver, "Editie toevoegen of corrigeren")
        edition = {
            "year": "2025", "programme": "sze", "name": "Slimme Zorg Estafette 2025", "start_date": "2025-02-03",
            "end_date": "2025-02-28", "organiser": "ZonMw in opdracht van het Ministerie van VWS", "has_totals": "1",
            "source_id": "icth-2024-03", "week_noord": "1", "start_noord": "2025-02-03", "end_noord": "2025-02-07",
        }  # fmt: skip
        _fill(driver, "edition", edition)
        _click(driver, "beheer-pub-edition-check")
        wait_for_text(driver, "Dit zou veranderen: 2 nieuw, 0 gewijzigd, 0 verwijderd", timeout=30)
        _shot(driver, "beheer-pub-edition-preview-1280x720", "beheer-pub-preview")
        _no_axe_violations(driver)
        _apply(driver, "is doorgevoerd")

        _open(driver, "Cijfer toevoegen of corrigeren")
        # the figure form's edition list has 2025 now, without reloading the page
        _fill(driver, "figure", {**FIGURE_2025, "quote": "Aan de estafette namen veel mensen deel."})
        _click(driver, "beheer-pub-figure-check")
        wait_for_text(driver, "het citaat bevat het getal 4000 niet", timeout=30)
        assert not driver.find_element(By.ID, "beheer-pub-apply").is_enabled()
        _shot(driver, "beheer-pub-refused-1280x720", "beheer-pub-preview")
        _fill(driver, "figure", {"quote": "Aan de estafette namen ruim 4000 mensen deel."})
        _click(driver, "beheer-pub-figure-check")
        wait_for_text(driver, "Dit zou veranderen: 2 nieuw", timeout=30)
        _apply(driver, "is doorgevoerd")
        history = driver.find_element(By.ID, "beheer-pub-history")
        wait_until(lambda: "formulier cijfer" in history.text and "redacteur" in history.text, what="the history")
        _shot(driver, "beheer-pub-history-1280x720", "beheer-pub-history")
        _no_axe_violations(driver)

        load_bundled(make_engine(url), force=True)  # an upgrade: the bundled dataset loaded again
        driver.get(f"{base}/trends?cijfer=deelnemers")
        wait_for_text(driver, "Slimme Zorg Estafette 2025", timeout=30)
        text = page_text(driver)
        assert "ruim 4000" in text and "Slimme Zorg Estafette 2025 afgesloten" in text
        _shot(driver, "beheer-pub-trends-2025-1280x720")

        driver.get(f"{base}/beheer")
        wait_until(lambda: driver.find_elements(By.ID, "beheer-pub-history"), what="the history")
        wait_until(lambda: "formulier cijfer" in driver.find_element(By.ID, "beheer-pub-history").text, what="rows")
        ids_ = [
            int(cell.text)
            for cell in driver.find_elements(By.CSS_SELECTOR, "#beheer-pub-history tbody tr td:first-child")
        ]
        newest, edition_change = ids_[0], ids_[1]
        _undo_change(driver, newest)
        _undo_change(driver, edition_change)
        with make_engine(url).connect() as conn:
            assert conn.execute(select(schema.editions.c.year).where(schema.editions.c.year == 2025)).first() is None
        driver.get(f"{base}/trends?cijfer=deelnemers")
        wait_for_text(driver, "Slimme Zorg Estafette 2024", timeout=30)
        assert "Slimme Zorg Estafette 2025" not in page_text(driver)
        assert not [e for e in console_errors(driver) if "favicon" not in e]
    finally:
        driver.quit()
