"""The comparison and the region view: what a regional lead reads when she sets her week beside others."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select

from callbacks import compare, region
from callbacks.common import choices, reference
from core.compare import SlotSummary, difference, slot_period
from core.figures.compare import mix_figure, rating_share_figure
from core.selection import MAX_EXAMINED, MAX_SLOTS, Choices, Selection, Slot
from dashboard.app import create_app
from dashboard.settings import Settings
from data_access import schema
from ingest import demo
from tests.unit.test_callbacks import text_of

CHOICES = Choices(
    editions=(2019, 2021, 2022, 2023),
    regions=("noord", "oost", "west", "zuid"),
    weeks=(1, 2, 3, 4),
    tabs=("kaart", "vergelijk"),
)


def test_a_link_holds_the_comparison_in_the_order_chosen_and_drops_what_it_does_not_know():
    chosen = Selection.from_query(
        "?tab=vergelijk&vergelijk=2023-w2,2021-ZUID,2023-w9,1999,2023-w2,2022-atlantis,x", CHOICES
    )
    assert chosen.compare == (Slot(2023, week=2), Slot(2021, region="zuid"))
    assert chosen.to_path() == "/vergelijk?vergelijk=2023-w2,2021-zuid"
    assert Selection.from_query(chosen.to_query(), CHOICES, "/vergelijk") == chosen
    assert Selection.from_store(chosen.to_store(), CHOICES) == chosen


def test_a_comparison_holds_at_most_six_columns():
    tokens = ",".join(f"{year}-{region}" for year in (2021, 2023) for region in CHOICES.regions)
    chosen = Selection.from_query(f"?tab=vergelijk&vergelijk={tokens}", CHOICES)
    assert len(chosen.compare) == MAX_SLOTS
    many = Selection.parse(CHOICES, compare=["2021"] * 100_000)
    assert many.compare == (Slot(2021),)


def test_differences_are_words_and_arrows_never_colour_alone():
    assert difference(112, 100) == "▲ 12 meer (+12%)"
    assert difference(90, 100) == "▼ 10 minder (−10%)"
    assert difference(100, 100) == "gelijk"
    assert difference(7.8, 7.5) == "▲ 0,3 meer (+4%)"
    assert difference(0.72, 0.69, percent=True) == "▲ 3 procentpunt meer"
    assert difference(None, 100) == "" and difference(5, None) == ""


def test_before_anything_is_chosen_the_weeks_of_the_latest_ordered_edition_are_compared(in_request):
    assert reference().default_slots() == tuple(Slot(2023, week=w) for w in (1, 2, 3, 4))


def test_a_week_or_region_shows_that_weeks_dates_and_says_so_where_the_order_is_unpublished(in_request):
    ref = reference()
    assert slot_period(Slot(2021, region="zuid"), ref) == "week 4: 22–26 februari 2021"
    assert slot_period(Slot(2023, week=1), ref) == "week 1: 6–10 februari 2023"
    assert slot_period(Slot(2022, region="zuid"), ref) == "weekvolgorde niet gepubliceerd"
    assert slot_period(Slot(2021), ref) == "1–26 februari 2021"


def summary(label: str, activities: int, themes: dict[str, int], ratings: dict[int, int] | None = None) -> SlotSummary:
    return SlotSummary(
        slot=Slot(2021), label=label, period="", activities=activities, themes=themes, formats={}, ratings=ratings or {}
    )


def test_the_mix_compares_shares_on_one_axis_so_a_small_week_is_not_dwarfed():
    small = summary("week 1", 10, {"voorkomen": 5, "vervangen": 5})
    large = summary("heel Nederland", 1000, {"voorkomen": 500, "verplaatsen": 500})
    figure = mix_figure([small, large])
    ranges = {tuple(figure.layout[axis].range) for axis in ("xaxis", "xaxis2")}
    assert ranges == {(0, 110)}
    theme_bars = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in figure.data if trace.yaxis == "y"}
    assert theme_bars["week 1"]["Voorkomen van zorg"] == theme_bars["heel Nederland"]["Voorkomen van zorg"] == 50
    assert {trace.name for trace in figure.data if trace.showlegend} == {"week 1", "heel Nederland"}


def test_a_selection_too_small_to_show_ratings_is_left_out_of_the_rating_chart():
    shown = summary("Zuid", 10, {}, {7: 3, 8: 4})
    hidden = summary("Noord", 10, {})
    figure = rating_share_figure([shown, hidden])
    assert [trace.name for trace in figure.data] == ["Zuid (n = 7)"]
    assert round(sum(figure.data[0].y)) == 100


def test_on_a_phone_the_comparison_keeps_its_shares_and_names_and_only_wraps_them():
    small = summary("week 1", 10, {"voorkomen": 5, "vervangen": 5}, {7: 3, 8: 4})
    large = summary("heel Nederland", 1000, {"voorkomen": 500, "verplaatsen": 500}, {8: 6})
    wide, phone = mix_figure([small, large]), mix_figure([small, large], narrow=True)
    assert [list(trace.x) for trace in phone.data] == [list(trace.x) for trace in wide.data]
    assert "Voorkomen<br>van zorg" in phone.data[0].y and "Voorkomen van zorg" in wide.data[0].y
    # the number of respondents under the selection's name, not beyond the phone's edge
    assert [trace.name for trace in rating_share_figure([small, large], narrow=True).data] == [
        "week 1<br>(n = 7)",
        "heel Nederland<br>(n = 6)",
    ]


@pytest.fixture
def demo_app(filled_db_url):
    db_url = filled_db_url
    engine = create_engine(db_url)
    demo.generate(engine, 600, seed=5)
    a = schema.activities
    with engine.connect() as conn:
        counts = dict(
            conn.execute(select(a.c.region, func.count()).where(a.c.edition == 2021).group_by(a.c.region)).all()
        )
        weeks = dict(conn.execute(select(a.c.week, func.count()).where(a.c.edition == 2023).group_by(a.c.week)).all())
    engine.dispose()
    return create_app(Settings(database_url=db_url)), counts, weeks


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_two_weeks_side_by_side_with_their_dates_sums_and_difference(demo_app):
    app, _, weeks = demo_app
    with app.server.test_request_context("/"):
        chosen = Selection.from_query("?tab=vergelijk&vergelijk=2023-w1,2023-w3", choices())
        parts = compare.update_compare(chosen.to_store())
    table = parts["table"]
    text = text_of(table)
    assert "SZE 2023 · week 1 (Oost)" in text and "SZE 2023 · week 3 (Noord)" in text
    assert "week 1: 6–10 februari 2023" in text and "week 3: 20–24 februari 2023" in text
    assert _count(weeks[1]) in text and _count(weeks[3]) in text
    delta = weeks[3] - weeks[1]
    assert difference(weeks[3], weeks[1]) in text and ("▲" if delta > 0 else "▼" if delta else "gelijk") in text
    assert "Voorbeelddata" in text_of(parts["note"])
    legend = {trace.name for trace in parts["mix_graph"].data if trace.showlegend}
    assert legend == {"SZE 2023 · week 1 (Oost)", "SZE 2023 · week 3 (Noord)"}


def test_a_region_column_sets_what_was_published_for_that_region_beside_the_registration(demo_app):
    app, counts, _ = demo_app
    with app.server.test_request_context("/"):
        chosen = Selection.from_query("?tab=vergelijk&vergelijk=2021-zuid,2021", choices())
        parts = compare.update_compare(chosen.to_store())
    text = text_of(parts["table"])
    assert _count(counts["zuid"]) in text and _count(sum(counts.values())) in text
    assert "ruim vijftig" in text and "210 digitale activiteiten" in text  # each in its own column, never summed
    matrix = parts["matrix"]
    links = [c.href for c in _walk(matrix) if type(c).__name__ == "Link" and "vergelijk=" in (c.href or "")]
    # a cell adds itself after the current columns; the ones already compared do not offer themselves
    assert "/vergelijk?vergelijk=2021-zuid,2021,2023-noord" in links
    assert not any(link.endswith("vergelijk=2021-zuid,2021,2021-zuid") for link in links)
    assert "staat in de vergelijking" in text_of(matrix)


def test_without_a_registration_the_comparison_shows_what_was_published_and_says_so(in_request):
    chosen = Selection.from_query("?tab=vergelijk&vergelijk=2021-zuid,2023-zuid", choices())
    parts = compare.update_compare(chosen.to_store())
    assert "geen activiteiten geregistreerd" in text_of(parts["note"])
    assert "ruim vijftig" in text_of(parts["table"])
    assert "nan" not in text_of(parts["table"]) + text_of(parts["matrix"])


def test_a_region_has_its_own_view_with_its_weeks_dates_figures_and_initiatives(in_request):
    chosen = Selection.from_query("?tab=regio&regio=zuid", choices())
    parts = region.update_region(chosen.to_store())
    assert "Regio Zuid" in text_of(parts["intro"]) and "Noord-Brabant" in text_of(parts["intro"])
    text = text_of(parts["text"])
    assert "week 4: 22–26 februari 2021" in text and "ruim vijftig" in text and "weekvolgorde niet gepubliceerd" in text
    assert "Roosendaal" in text_of(parts["initiatives"]) and "Sneek" not in text_of(parts["initiatives"])
    compare_link = [c.href for c in _walk(parts["text"]) if type(c).__name__ == "Link"]
    assert compare_link == ["/vergelijk?regio=zuid&vergelijk=2021-zuid,2022-zuid,2023-zuid,2024-zuid"]


def test_without_a_region_the_region_view_offers_the_four(in_request):
    parts = region.update_region(Selection.from_query("?tab=regio", choices()).to_store())
    buttons = [c for c in _walk(parts["intro"]) if type(c).__name__ == "Button"]
    assert [b.children for b in buttons] == ["Noord", "Oost", "West", "Zuid"]
    assert buttons[3].href == "/regio?regio=zuid"


def _walk(component):
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from _walk(child)
        return
    if component is None or isinstance(component, (str, int, float)):
        return
    yield component
    yield from _walk(getattr(component, "children", None))


def test_a_small_but_real_difference_is_not_written_as_zero_percent():
    assert difference(12_581, 12_529) == "▲ 52 meer (+0,4%)"
    assert difference(12_527, 12_529) == "▼ 2 minder (−0,02%)"


def test_a_link_stuffed_with_values_is_read_only_so_far_and_odd_types_are_ignored():
    # a hostile link cannot make the parser walk a huge list: only the first MAX_EXAMINED values are read
    assert Selection.parse(CHOICES, compare=["x"] * MAX_EXAMINED + ["2021"]).compare == ()
    assert Selection.parse(CHOICES, compare=["x"] * (MAX_EXAMINED - 1) + ["2021"]).compare == (Slot(2021),)
    assert Selection.parse(CHOICES, compare=",".join(["x"] * MAX_EXAMINED + ["2021"])).compare == ()
    assert Selection.parse(CHOICES, compare=",".join(["x"] * (MAX_EXAMINED - 1) + ["2021"])).compare == (Slot(2021),)
    assert Selection.parse(CHOICES, compare=[2021, None, ["2021"], {"a": 1}]).compare == ()


def test_a_region_link_only_narrows_to_a_known_region():
    chosen = Selection.from_query("?tab=vergelijk", CHOICES)
    assert chosen.with_region("zuid").region == "zuid"
    assert chosen.with_region("atlantis").region is None
