"""The Activiteiten view: registration detail as a viewer reads it, private, and never mixed with published totals."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, select

from callbacks import detail
from core.figures.detail import activity_map, breakdown_figure, merge_small_groups, rating_figure
from core.selection import Selection
from dashboard.app import create_app
from dashboard.settings import Settings
from data_access import schema
from ingest import demo
from tests.page_tables import rows_of


def answers(rows: list[tuple[str, int, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["role", "rating", "would_return", "n"])


def test_roles_under_five_respondents_are_merged_and_the_merged_group_shown():
    frame = answers(
        [("zorgprofessional", 8, "ja", 12), ("mantelzorger", 7, "ja", 3), ("student of docent", 6, "nee", 2)]
    )
    shown, merged, hidden = merge_small_groups(frame)
    assert merged == ["mantelzorger", "student of docent"] and hidden == []
    assert dict(shown.groupby("role")["n"].sum()) == {"Overige rollen (samengevoegd)": 5, "zorgprofessional": 12}
    figure = rating_figure(shown)
    assert {trace.name for trace in figure.data} == {"Overige rollen (samengevoegd)", "zorgprofessional"}


def test_small_groups_too_small_even_together_are_hidden():
    frame = answers([("zorgprofessional", 8, "ja", 12), ("mantelzorger", 7, "ja", 3)])
    shown, merged, hidden = merge_small_groups(frame)
    assert hidden == ["mantelzorger"] and merged == [] and set(shown["role"]) == {"zorgprofessional"}


def test_the_three_breakdowns_share_one_count_axis():
    theme = pd.DataFrame({"theme": ["voorkomen", "vervangen"], "activities": [300, 20]})
    formats = pd.DataFrame({"format": ["online"], "activities": [10]})
    domain = pd.DataFrame({"domain": ["ggz", "overig"], "activities": [5, 7]})
    figure = breakdown_figure(theme, formats, domain)
    ranges = {tuple(figure.layout[name].range) for name in ("xaxis", "xaxis2", "xaxis3")}
    assert len(ranges) == 1  # a bar of 10 is as long in every panel
    labels = [label for trace in figure.data for label in trace.y]
    assert "Voorkomen van zorg" in labels and "nan" not in " ".join(labels)


def test_on_a_phone_the_breakdown_keeps_long_words_whole_and_the_map_its_scale_underneath():
    theme = pd.DataFrame({"theme": ["voorkomen"], "activities": [300]})
    formats = pd.DataFrame({"format": ["online"], "activities": [10]})
    domain = pd.DataFrame({"domain": ["gehandicaptenzorg", "huisartsenzorg en eerste lijn"], "activities": [5, 7]})
    labels = list(breakdown_figure(theme, formats, domain, narrow=True).data[2].y)
    assert labels == ["gehandicaptenzorg", "huisartsenzorg<br>en eerste lijn"]  # not 'gehandicaptenzor' over 'g'
    by_province = pd.DataFrame(
        {"province": ["Utrecht"], "activities": [3], "participants": [40], "with_participants": [3]}
    )
    places = pd.DataFrame(
        {
            "place": ["Utrecht"],
            "province": ["Utrecht"],
            "lon": [5.1],
            "lat": [52.1],
            "activities": [3],
            "participants": [40],
            "with_participants": [3],
        }
    )
    phone = activity_map(by_province, places, ["Utrecht"], geojson_url="/geo", narrow=True)
    assert phone.data[0].colorbar.orientation == "h" and phone.layout.height < 560


def test_participants_no_activity_gave_read_as_not_given_never_as_zero():
    """A province (or place) whose activities gave no number of participants: 'niet opgegeven', not 0."""
    by_province = pd.DataFrame(
        {
            "province": ["Gelderland", "Utrecht"],
            "activities": [1, 3],
            "participants": [0, 40],
            "with_participants": [0, 2],
        }
    )
    places = by_province.assign(place=["Hengelo", "Utrecht"], lon=[6.8, 5.1], lat=[52.3, 52.1])
    figure = activity_map(by_province, places, ["Gelderland", "Utrecht", "Zeeland"], geojson_url="/geo")
    provinces = dict(zip(figure.data[0].locations, figure.data[0].hovertext, strict=True))
    assert (
        provinces["Gelderland"].endswith("Deelnemers: niet opgegeven")
        and "Deelnemers: 0" not in provinces["Gelderland"]
    )
    assert "Deelnemers: 40 (2 activiteiten gaven een aantal op)" in provinces["Utrecht"]
    assert "Deelnemers" not in provinces["Zeeland"]  # no activity there: nothing to have given
    places_text = list(figure.data[1].hovertext)
    assert places_text[0].endswith("Deelnemers: niet opgegeven")


@pytest.fixture
def demo_app(filled_db_url):
    db_url = filled_db_url
    engine = create_engine(db_url)
    demo.generate(engine, 400, seed=3)
    with engine.connect() as conn:
        a = schema.activities
        counts = dict(conn.execute(select(a.c.edition, func.count()).group_by(a.c.edition)).all())
    engine.dispose()
    return create_app(Settings(database_url=db_url)), counts


def test_the_view_counts_the_registration_says_it_is_synthetic_and_sets_published_totals_beside_it(demo_app):
    app, counts = demo_app
    with app.server.test_request_context("/"):
        parts = detail.update_detail(Selection.parse(_choices(app), tab="activiteiten", editions=[2021]).to_store())
    shading = parts["map_graph"].data[0]
    assert sum(shading.z) == counts[2021]
    hover = " ".join(parts["map_graph"].data[1].hovertext)
    assert "nan" not in hover and "Deelnemers" in hover
    notes = str(parts["map_note"])
    assert "Voorbeelddata" in notes and "gepubliceerd is 210 digitale activiteiten" in notes
    side = str(parts["side"])
    assert "210 digitale activiteiten" in side and f"{counts[2021]:,}".replace(",", ".") in side
    assert "Voorbeelddata activiteiten 2021 (synthetisch)" in str(parts["map_sources"])


def _choices(app):
    from callbacks.common import choices

    with app.server.test_request_context("/"):
        return choices()


def test_without_a_registration_the_view_says_how_to_import_one(in_request):
    parts = detail.update_detail(Selection.parse(_choices_plain(), tab="activiteiten").to_store())
    titles = " ".join(a.text for a in parts["map_graph"].layout.annotations)
    assert "/beheer" in titles and "sze-dashboard" not in titles  # editors have a browser, not a shell
    assert parts["side"].children == [] or parts["side"].children is None


def _choices_plain():
    from callbacks.common import choices

    return choices()


def _registered_rows(side) -> dict[str, tuple[str, str]]:
    """The map's 'Geregistreerde activiteiten per regio' table: region -> (activities, participants)."""
    return {region: (activities, participants) for region, activities, participants in rows_of(side.children[-1])}


def test_the_map_sets_the_registration_per_region_beside_the_published_figures_and_links_to_it(demo_app):
    from callbacks import map

    app, counts = demo_app
    with app.server.test_request_context("/"):
        choices = _choices_plain()
        parts = map.update_map(Selection.parse(choices, editions=[2021]).to_store())
        zuid = map.update_map(Selection.parse(choices, editions=[2021], region="zuid").to_store())
        week_2 = map.update_map(Selection.parse(choices, editions=[2021], region="zuid", week="2").to_store())
    side = str(parts["side"])
    assert "Geregistreerde activiteiten per regio" in side and "nooit opgeteld bij de gepubliceerde cijfers" in side
    assert "Voorbeelddata" in side
    rows = _registered_rows(parts["side"])
    assert set(rows) == {"Noord", "Oost", "West", "Zuid"}
    # the registration's own sum, not the published 210 digital activities added in
    assert sum(int(n.replace(".", "")) for n, _ in rows.values()) == counts[2021]
    assert "Cijfers per regio" in side  # the published regional figures are still there, apart
    links = [c for c in parts["side"].children[-1].children if type(c).__name__ == "P" and hasattr(c.children, "href")]
    assert links[0].children.href == "/activiteiten?editie=2021"
    assert "Voorbeelddata activiteiten 2021 (synthetisch)" in str(parts["sources"])
    assert set(_registered_rows(zuid["side"])) == {"Zuid"}
    assert "/activiteiten?editie=2021&regio=zuid" in str(zuid["side"])
    # Zuid's relay week was week 4: its week 2 holds no registered activity
    assert _registered_rows(week_2["side"]) == {} and "Geen geregistreerde activiteiten" in str(week_2["side"])


def test_without_a_registration_the_map_shows_only_published_figures(in_request):
    from callbacks import map

    parts = map.update_map(Selection.parse(_choices_plain()).to_store())
    assert "Geregistreerde activiteiten" not in str(parts["side"]) and "Voorbeelddata" not in str(parts["sources"])
