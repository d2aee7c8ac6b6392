"""Each language's notation as its reader expects it, published words left as published, complete catalogues."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po

from core.formatting import fmt_count, fmt_date, fmt_decimal, fmt_number, fmt_period, fmt_published, fmt_timestamp
from core.i18n import LANGUAGES, catalogue, metric_label, supported, t


def test_decimal_points_become_commas_but_thousands_stay_dots():
    assert fmt_published("gemiddeld een 7.5") == "gemiddeld een 7,5"
    assert fmt_published("een 8.0") == "een 8,0"
    assert fmt_published("bijna 33.000") == "bijna 33.000"
    assert fmt_published("meer dan 300.000") == "meer dan 300.000"
    assert fmt_published("ruim 3500") == "ruim 3500"  # as published: no separator added


def test_periods_read_as_in_a_letter():
    assert fmt_period("2021-02-01", "2021-02-26", "nl") == "1–26 februari 2021"
    assert fmt_period("2022-01-27", "2022-02-25", "nl") == "27 januari – 25 februari 2022"
    assert fmt_period(None, None, "nl") == ""
    assert fmt_timestamp("2026-11-22T13:58:56+00:00", "nl") == "22 november 2026, 13:58 UTC"


def test_unknown_codes_and_languages_fall_back_readably():
    assert metric_label("nieuw_cijfer") == "nieuw cijfer"
    assert t("nav_about", "fr") == "Over de cijfers"  # a language we do not have: Dutch rather than a key
    assert supported(" EN ") == "en" and supported("fr") is None and supported(["en"]) is None


def test_english_reads_as_english_notation():
    assert t("nav_about", "en") == "About the figures"
    assert fmt_period("2021-02-01", "2021-02-26", "en") == "February 1 – 26, 2021"
    assert fmt_period("2022-01-27", "2022-02-25", "en") == "January 27 – February 25, 2022"
    assert fmt_period("2021-12-27", "2022-01-05", "nl") == "27 december 2021 – 5 januari 2022"
    assert fmt_date("2021-03-04", lang="en") == "4 March 2021"
    assert fmt_count(33000, "en") == "33,000" and fmt_count(33000, "nl") == "33.000"
    assert fmt_decimal(7.46, "en") == "7.5" and fmt_decimal(7.46, "nl") == "7,5"
    assert fmt_number(7.5, "en") == "7.5"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "nl"])
def test_every_text_is_translated_with_the_same_placeholders(lang):
    """A missing key would show Dutch in an English page; a lost placeholder would raise or drop a value."""
    with open(f"core/locale/{lang}/LC_MESSAGES/messages.po", "rb") as handle:
        translated = {m.id: m.string for m in read_po(handle) if m.id}
    dutch = catalogue("nl")
    assert sorted(k for k in dutch if not translated.get(k)) == []
    assert sorted(k for k in translated if k not in dutch) == []

    def fields(text: str) -> list[str]:
        return sorted(re.findall(r"\{[a-z_]*\}", text))

    assert [k for k in dutch if fields(dutch[k]) != fields(translated[k])] == []


def test_numbers_for_a_dutch_spreadsheet_have_a_decimal_comma_and_no_noise():
    assert fmt_number(7.5, "nl") == "7,5" and fmt_number(210.0, "nl") == "210" and fmt_number(33000, "nl") == "33000"
    assert fmt_number(None, "nl") == "" and fmt_number(float("nan"), "nl") == ""


def test_a_link_with_taal_en_opens_the_page_in_english_and_says_so_to_screen_readers(client):
    page = client.get("/trends?taal=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert '<html lang="nl">' in client.get("/trends").get_data(as_text=True)
    assert '<html lang="nl">' in client.get("/?taal=klingon").get_data(as_text=True)  # unknown: the app's own
    # the renderer fetches the layout apart from the page: it is for the page that asked (the referrer)
    english = json.dumps(client.get("/_dash-layout", headers={"Referer": "http://x/?taal=en"}).get_json())
    dutch = json.dumps(client.get("/_dash-layout", headers={"Referer": "http://x/"}).get_json())
    assert "About the figures" in english and "Filters wissen" not in english and "Nederlands" in english
    assert "Over de cijfers" in dutch and "English" in dutch


def test_a_view_redrawn_for_an_english_page_speaks_english_with_english_numbers(client):
    from callbacks import trends
    from tests.callback_requests import view_update

    def redraw(lang: str) -> str:
        payload = view_update("trends", trends.VIEW.outputs, {"tab": "trends", "metric": "bezoekers", "lang": lang})
        return client.post("/_dash-update-component", json=payload).get_data(as_text=True)

    english, dutch = redraw("en"), redraw("nl")
    assert "Visitors" in english and "not published" in english and "niet gepubliceerd" not in english
    assert "in Dutch" in english  # the source line says its citations are the sources' own words
    assert "bijna 33.000" in english  # a quotation stays as published
    assert "niet gepubliceerd" in dutch
    assert "niet gepubliceerd" in redraw("<script>")  # anything else: the app's own language


def test_every_callback_that_writes_words_knows_the_pages_language(app):
    """A callback without the selection or the URL's query would answer an English page in Dutch."""
    # outputs that carry no words ("id": Dash's own callback that stops a background job writes a dummy there)
    speechless = {"hidden", "value", "id"}
    for output, callback in app.callback_map.items():
        if "callback" not in callback:  # runs in the browser, which has the words it needs
            continue
        sent = {(d["id"], d["property"]) for d in callback["inputs"] + callback.get("state", [])}
        carries = ("selection", "data") in sent or ("url", "search") in sent
        properties = {part.rsplit(".", 1)[-1].split("@")[0] for part in output.strip(".").split("...")}
        assert carries or properties <= speechless, output


def test_one_thing_reads_in_the_singular_and_more_in_the_plural():
    from core.compare import difference
    from core.i18n import tn

    assert difference(0.71, 0.70, "en", percent=True) == "▲ 1 percentage point higher"
    assert difference(0.60, 0.70, "en", percent=True) == "▼ 10 percentage points lower"
    assert difference(0.71, 0.70, "nl", percent=True) == "▲ 1 procentpunt meer"
    assert tn("detail_reported", 1, "en") == "1 activity reported a number"
    assert tn("detail_reported", 12345, "en") == "12,345 activities reported a number"
    assert tn("detail_reported", 12345, "nl") == "12.345 activiteiten gaven een aantal op"
