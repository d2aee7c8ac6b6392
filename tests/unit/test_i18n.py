"""Dutch notation as a reader expects it, and published words left as published."""

from __future__ import annotations

from core.formatting import fmt_number, fmt_period, fmt_published, fmt_timestamp
from core.i18n import metric_label, t


def test_decimal_points_become_commas_but_thousands_stay_dots():
    assert fmt_published("gemiddeld een 7.5") == "gemiddeld een 7,5"
    assert fmt_published("een 8.0") == "een 8,0"
    assert fmt_published("bijna 33.000") == "bijna 33.000"
    assert fmt_published("meer dan 300.000") == "meer dan 300.000"
    assert fmt_published("ruim 3500") == "ruim 3500"  # as published: no separator added


def test_periods_read_as_in_a_letter():
    assert fmt_period("2021-02-01", "2021-02-26") == "1–26 februari 2021"
    assert fmt_period("2022-01-27", "2022-02-25") == "27 januari – 25 februari 2022"
    assert fmt_period(None, None) == ""
    assert fmt_timestamp("2026-11-22T13:58:56+00:00") == "22 november 2026, 13:58 UTC"


def test_unknown_codes_and_languages_fall_back_readably():
    assert metric_label("nieuw_cijfer") == "nieuw cijfer"
    assert t("nav_about", "en") == "Over de cijfers"  # until English exists, Dutch rather than a key


def test_numbers_for_a_dutch_spreadsheet_have_a_decimal_comma_and_no_noise():
    assert fmt_number(7.5) == "7,5" and fmt_number(210.0) == "210" and fmt_number(33000) == "33000"
    assert fmt_number(None) == "" and fmt_number(float("nan")) == ""
