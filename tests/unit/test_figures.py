"""Figure builders: what a viewer would see in the chart."""

from __future__ import annotations

import pandas as pd
import pytest

from core import figures
from data_access import queries


@pytest.fixture(scope="module")
def trend(engine):
    return figures.trend_figure(
        queries.metric_by_edition(engine, "activiteiten"),
        [(m, queries.metric_by_edition(engine, m)) for m in ("activiteiten_ehw", "evenementen")],
        metric="activiteiten",
    )


def _bars(fig):
    return [trace for trace in fig.data if trace.type == "bar" and trace.text is not None]


def test_predecessor_is_drawn_in_its_own_panel_never_one_series(trend):
    axes = {trace.xaxis for trace in _bars(trend)}
    assert axes == {"x", "x2"}
    predecessor = [t for t in _bars(trend) if t.xaxis == "x"]
    sze = [t for t in _bars(trend) if t.xaxis == "x2"]
    assert {x for t in predecessor for x in t.x} == {"2017", "2018", "2019", "2020"}
    assert {x for t in sze for x in t.x} == {"2021", "2022"}
    titles = [a.text for a in trend.layout.annotations]
    assert any("Voorloper e-healthweek" in text for text in titles)


def test_activities_and_events_of_the_predecessor_stay_separate_traces(trend):
    by_metric = {}
    for trace in _bars(trend):
        by_metric.setdefault(trace.meta, set()).update(trace.x)
    assert by_metric["activiteiten_ehw"] == {"2017", "2018"} and by_metric["evenementen"] == {"2019", "2020"}
    texts = [text for trace in _bars(trend) if trace.xaxis == "x" for text in trace.text]
    # each bar says what it counts, in lines narrow enough that neighbours at about the same height stay apart
    assert "ruim<br>honderd<br>activiteiten" in texts and "meer dan<br>270<br>evenementen" in texts


def test_editions_without_a_published_value_show_the_words_not_a_zero(trend):
    gaps = [trace for trace in trend.data if trace.name == "gaps"]
    assert sorted(x for trace in gaps for x in trace.x) == ["2023", "2024"]
    assert all(text == "niet<br>gepubliceerd" for trace in gaps for text in trace.text)
    for trace in _bars(trend):
        assert 0 not in list(trace.y)


def test_rounded_figures_keep_their_qualifier_and_are_hatched(engine):
    fig = figures.trend_figure(queries.metric_by_edition(engine, "deelnemers"), metric="deelnemers")
    rounded = [t for t in _bars(fig) if "ruim 3500" in list(t.text)]
    assert "naar schatting<br>circa 50.000" in [
        text
        for trace in _bars(
            figures.trend_figure(
                pd.DataFrame(columns=["edition"]),
                [("bezoekers_ehw", queries.metric_by_edition(engine, "bezoekers_ehw"))],
                metric="bezoekers",
            )
        )
        for text in trace.text
    ]
    assert len(rounded) == 1 and rounded[0].marker.pattern.shape == "/"


def test_map_colours_each_region_and_fades_the_others_when_one_is_chosen(engine):
    fig = figures.map_figure(
        queries.provinces(engine),
        queries.regions(engine),
        queries.weeks(engine, [2021]),
        queries.initiatives(engine, [2024]),
        geojson_url="/geo/nl-provinces.geojson",
        highlight=frozenset({"zuid"}),
    )
    regions = {t.name: t for t in fig.data if t.type == "choropleth"}
    assert set(regions) == {"Noord", "Oost", "West", "Zuid"}
    assert set(regions["Zuid"].locations) == {"Zeeland", "Noord-Brabant", "Limburg"}
    assert regions["Zuid"].marker.opacity == 1.0 and regions["Noord"].marker.opacity < 0.5
    assert regions["Zuid"].colorscale[0][1] == figures.REGION_COLOURS["zuid"]
    assert all(t.geojson == "/geo/nl-provinces.geojson" for t in regions.values())
    labels = next(t for t in fig.data if t.name == "labels")
    assert any("<b>Zuid</b> · week 4<br>2021" in text for text in labels.text)


def test_map_labels_a_week_once_for_all_editions_that_share_it(engine):
    weeks = queries.weeks(engine, [2021, 2023])
    fig = figures.map_figure(
        queries.provinces(engine),
        queries.regions(engine),
        weeks,
        queries.initiatives(engine, [2021, 2023]),
        geojson_url="x",
    )
    labels = next(t for t in fig.data if t.name == "labels")
    assert "<b>Oost</b> · week 1<br>2021, 2023" in labels.text


def test_map_by_figure_greys_regions_without_a_published_value(engine):
    fig = figures.map_figure(
        queries.provinces(engine),
        queries.regions(engine),
        queries.weeks(engine, [2021]),
        queries.initiatives(engine, [2021]),
        geojson_url="x",
        regional_values=queries.regional_figures(engine, 2021, "activiteiten"),
        metric="activiteiten",
        value_edition=2021,
    )
    colours = {t.name: t.colorscale[0][1] for t in fig.data if t.type == "choropleth"}
    assert colours["Zuid"] == figures.REGION_COLOURS["zuid"]
    assert colours["Noord"] == colours["Oost"] == colours["West"] == figures.UNPUBLISHED_COLOUR
    labels = next(t for t in fig.data if t.name == "labels")
    assert any("ruim vijftig" in text for text in labels.text)
    assert "Activiteiten per regio, 2021" in fig.layout.title.text


def test_evaluation_labels_scores_in_dutch_notation_with_what_was_rated(engine):
    fig = figures.evaluation_figure(queries.evaluations(engine))
    scores = fig.data[0]
    assert "gemiddeld een 7,5" in list(scores.text) and "een 8,0" in list(scores.text)
    assert any("De SZE 2022 als geheel" in label.replace("<br>", " ") for label in scores.y)
    assert list(fig.data[1].text) == ["86 procent", "90 procent"]


def test_reach_draws_only_people_counts_and_keeps_more_than(engine):
    fig = figures.reach_figure(queries.reach(engine))
    texts = [text for trace in fig.data for text in trace.text]
    assert any(text.startswith("meer dan 300.000") for text in texts)
    bound = next(trace for trace in fig.data if any(text.startswith("meer dan") for text in trace.text))
    assert bound.marker.symbol == "circle-open" and bound.type == "scatter"
    assert not any("miljoenen" in text for text in texts)
    assert fig.layout.xaxis.type == "log"


def test_monitor_draws_each_indicator_as_its_own_line(engine):
    fig = figures.monitor_figure(queries.monitor(engine))
    assert len(fig.data) == 3  # the portal figures have no year and stay in the table
    assert all(len(trace.x) <= 2 for trace in fig.data)


def test_empty_evaluation_says_why():
    fig = figures.evaluation_figure(pd.DataFrame(columns=["measure"]))
    assert "geen evaluatieresultaten" in fig.layout.annotations[0].text


def test_a_selection_with_nothing_published_says_so_without_an_axis(engine):
    sze = queries.metric_by_edition(engine, "activiteiten", region="noord")
    fig = figures.trend_figure(sze[sze["edition"] > 2022], metric="activiteiten")
    assert fig.layout.yaxis.showticklabels is False
    assert not [trace for trace in fig.data if trace.type == "bar"]
    empty = figures.trend_figure(sze.iloc[0:0], metric="activiteiten")
    assert empty.layout.annotations[0].text == "Voor deze selectie is niets gepubliceerd."


def test_every_chart_makes_room_for_its_labels_and_draws_hatching_over_the_colour(trend, engine):
    """Without these a viewer sees '0 0 0' for clipped tick labels and white bars for rounded figures."""
    charts = [
        trend,
        figures.evaluation_figure(queries.evaluations(engine)),
        figures.reach_figure(queries.reach(engine)),
        figures.monitor_figure(queries.monitor(engine)),
    ]
    for fig in charts:
        template = fig.layout.template
        assert template.layout.yaxis.automargin is True and template.layout.xaxis.automargin is True
    hatched = [t for t in trend.data if t.type == "bar" and t.marker.pattern.shape == "/"]
    assert hatched and trend.layout.template.data.bar[0].marker.pattern.fillmode == "overlay"


def _legend(fig):
    """Legend entries as a viewer sees them: name -> (colour, hatching) of the swatch."""
    return {t.name: (t.marker.color, t.marker.pattern.shape) for t in fig.data if t.showlegend is not False}


def test_side_by_side_panels_share_one_y_scale(engine):
    """'naar schatting circa 50.000' (2020) must stand higher than 'bijna 33.000' (2021), not as high."""
    fig = figures.trend_figure(
        queries.metric_by_edition(engine, "bezoekers"),
        [("bezoekers_ehw", queries.metric_by_edition(engine, "bezoekers_ehw"))],
        metric="bezoekers",
    )
    layout = fig.to_dict()["layout"]
    assert layout["yaxis2"]["matches"] == "y"
    assert layout["yaxis"]["range"] == layout["yaxis2"]["range"] == [0, 50000 * 1.25]


def test_2021s_digital_activities_and_2022s_activities_are_not_one_series(trend):
    """No source says both were counted the same way: separate traces, colours, and words in the chart."""
    sze = {t.name: t for t in _bars(trend) if t.xaxis == "x2"}
    assert set(sze) == {"SZE 2021", "SZE 2022"}
    assert list(sze["SZE 2021"].x) == ["2021"] and list(sze["SZE 2022"].x) == ["2022"]
    assert sze["SZE 2021"].marker.color != sze["SZE 2022"].marker.color
    assert list(sze["SZE 2021"].text) == ["210 digitale<br>activiteiten"]
    title = next(a.text for a in trend.layout.annotations if a.text.startswith("Slimme Zorg Estafette"))
    assert "niet gelijk geteld" in title


def test_predecessor_activities_and_events_differ_in_colour_name_and_title(trend):
    """2017's 'activiteiten' and 2019-2020's 'evenementen' look like two counts, not one bar series."""
    colours = {t.meta: t.marker.color for t in _bars(trend) if t.xaxis == "x"}
    assert colours["activiteiten_ehw"] != colours["evenementen"]
    names = {t.meta: t.name for t in _bars(trend) if t.xaxis == "x"}
    assert "activiteiten" in names["activiteiten_ehw"] and "evenementen" in names["evenementen"]
    title = next(a.text for a in trend.layout.annotations if a.text.startswith("Voorloper"))
    assert "niet gelijk geteld" in title


def test_every_legend_swatch_is_the_bars_it_names(trend):
    """A legend entry stands for bars that look like its swatch: same colour, same hatching; hatched = 'afgerond'."""
    for group in {t.legendgroup for t in _bars(trend)}:
        looks = {(t.marker.color, t.marker.pattern.shape) for t in _bars(trend) if t.legendgroup == group}
        assert len(looks) == 1, f"legend entry {group!r} explains bars of {len(looks)} looks"
    for name, (_colour, hatch) in _legend(trend).items():
        assert (hatch == "/") == ("afgerond" in name), name
    assert _legend(trend)["e-healthweek: activiteiten · afgerond gepubliceerd"][1] == "/"
    assert _legend(trend)["SZE 2022"][1] == ""
    assert trend.layout.showlegend is True


def test_map_hover_of_an_initiative_without_a_place_names_its_province_never_nan(engine):
    fig = figures.map_figure(
        queries.provinces(engine),
        queries.regions(engine),
        queries.weeks(engine, [2022]),
        queries.initiatives(engine, [2022]),
        geojson_url="x",
    )
    hover = [text for t in fig.data if t.type == "scattergeo" and t.hovertext for text in t.hovertext]
    assert hover and not [text for text in hover if {"nan", "None"} & set(text.split("<br>"))]
    utrecht = next(text for text in hover if "Ambassadeurs Zorgtechnologie" in text)
    assert "provincie Utrecht (geen plaats genoemd)" in utrecht
    assert any("provincie Limburg (geen plaats genoemd)" in text for text in hover)


def test_evaluation_assumes_no_scale_for_the_scores(engine):
    """No source says 1-10: no such words, and no 0-10 ticks that would say it for us."""
    fig = figures.evaluation_figure(queries.evaluations(engine))
    titles = [a.text for a in fig.layout.annotations]
    assert "Cijfer (schaal niet vermeld)" in titles and not [t for t in titles if "1–10" in t or "1-10" in t]
    assert fig.layout.xaxis.tickvals is None and fig.layout.xaxis.showticklabels is False


@pytest.fixture(scope="module")
def phone_trend(engine):
    return figures.trend_figure(
        queries.metric_by_edition(engine, "activiteiten"),
        [(m, queries.metric_by_edition(engine, m)) for m in ("activiteiten_ehw", "evenementen")],
        metric="activiteiten",
        narrow=True,
    )


def test_on_a_phone_the_panels_stand_one_above_the_other_on_one_value_scale(phone_trend):
    """Side by side, a phone's panels are too narrow for their titles: stacked, each gets the whole width."""
    layout = phone_trend.to_dict()["layout"]
    assert layout["xaxis"]["domain"] == layout["xaxis2"]["domain"] == [0.0, 1.0]
    assert layout["yaxis"]["domain"][0] > layout["yaxis2"]["domain"][1]  # the predecessor on top
    # one scale: the lower panel's value axis follows the upper one's, with room for the words beside the bars
    assert layout["xaxis2"]["matches"] == "x" and layout["xaxis"]["range"] == [0, 300 * 1.9]
    bars = _bars(phone_trend)
    assert {trace.orientation for trace in bars} == {"h"}
    assert {y for t in bars if t.yaxis == "y2" for y in t.y} == {"2021", "2022"}
    # the years read from the top down, the earliest first
    assert layout["yaxis"]["categoryarray"] == ["2020", "2019", "2018", "2017"]


def test_on_a_phone_the_panels_still_say_they_are_not_one_series(phone_trend):
    sze = {t.name: t for t in _bars(phone_trend) if t.yaxis == "y2"}
    assert set(sze) == {"SZE 2021", "SZE 2022"} and sze["SZE 2021"].marker.color != sze["SZE 2022"].marker.color
    titles = [a.text for a in phone_trend.layout.annotations]
    assert sum("niet gelijk geteld" in text for text in titles) == 2
    assert all(a.xanchor == "left" and a.x == 0 for a in phone_trend.layout.annotations[:2])
    gaps = [trace for trace in phone_trend.data if trace.name == "gaps"]
    assert sorted(y for trace in gaps for y in trace.y) == ["2023", "2024"]
    assert {text for trace in gaps for text in trace.text} == {"niet gepubliceerd"}
    # a legend entry too long for the phone wraps; its swatch still names the bars it stands for
    names = [t.name for t in phone_trend.data if t.showlegend]
    assert "e-healthweek: activiteiten ·<br>afgerond gepubliceerd" in names


def test_on_a_phone_each_reach_figure_is_named_above_its_dot_in_its_published_words(engine):
    """Beside the dot, 'meer dan 300.000 (2020-2021)' and the indicator's name ran off a phone's chart."""
    fig = figures.reach_figure(queries.reach(engine), narrow=True)
    assert {trace.mode for trace in fig.data} == {"markers"} and fig.layout.yaxis.showticklabels is False
    labels = [a.text for a in fig.layout.annotations]
    assert any(text.startswith("<b>meer dan 300.000</b><br>(2020-2021)<br>Ouderen bereikt") for text in labels)
    assert all(a.xanchor == "left" and a.x == 0 for a in fig.layout.annotations)
    assert all(len(line) <= 38 for text in labels for line in text.replace("<b>", "").split("<br>"))
    # the chart's words for screen readers stay the published ones
    assert any(text.startswith("meer dan 300.000") for trace in fig.data for text in trace.text)
    monitor = figures.monitor_figure(queries.monitor(engine), narrow=True)
    assert all(len(line) <= 34 for trace in monitor.data for line in trace.name.split("<br>"))


def test_on_a_phone_what_was_rated_stands_above_each_bar_not_beside_it(engine):
    """Beside the bars, three lines of label left a phone's evaluation bars as slivers."""
    wide = figures.evaluation_figure(queries.evaluations(engine))
    fig = figures.evaluation_figure(queries.evaluations(engine), narrow=True)
    assert fig.layout.yaxis.showticklabels is False and fig.layout.yaxis2.showticklabels is False
    labels = [a.text for a in fig.layout.annotations if a.yref in ("y", "y2")]
    assert len(labels) == len(fig.data[0].y) + len(fig.data[1].y) and "2021" in labels
    assert any("De SZE 2022 als geheel" in label.replace("<br>", " ") for label in labels)
    assert all(a.x == 0 and a.xanchor == "left" for a in fig.layout.annotations)
    # the same bars and words as on a wide screen
    assert [list(trace.text) for trace in fig.data] == [list(trace.text) for trace in wide.data]


def test_on_a_phone_one_edition_alone_is_drawn_too(engine):
    """One panel of one edition: no room between panels to ask plotly for (it refused the chart)."""
    sze = queries.metric_by_edition(engine, "activiteiten")
    fig = figures.trend_figure(sze[sze["edition"] == 2022], metric="activiteiten", narrow=True)
    assert [list(trace.y) for trace in _bars(fig)] == [["2022"]] and _bars(fig)[0].orientation == "h"


def test_on_a_phone_the_maps_labels_fit_beside_the_coast_and_the_border(engine):
    """'niet gepubliceerd' on one line ran off a phone's map beside West and Oost; the map is lower there."""
    fig = figures.map_figure(
        queries.provinces(engine),
        queries.regions(engine),
        queries.weeks(engine, [2021]),
        queries.initiatives(engine, [2021]),
        geojson_url="x",
        regional_values=queries.regional_figures(engine, 2021, "activiteiten"),
        metric="activiteiten",
        value_edition=2021,
        narrow=True,
    )
    labels = next(t for t in fig.data if t.name == "labels")
    assert "<b>West</b><br>niet<br>gepubliceerd" in labels.text and labels.textfont.size < 17
    assert fig.layout.height < 640 and fig.layout.geo.lataxis.range[1] > figures.map.MAP_LAT_RANGE[1]


def test_the_phone_layout_step_leaves_a_wide_chart_as_it_is_and_wraps_a_phones_labels():
    """One builder per chart: a wide screen's chart is what it built; a phone's takes its declared layout."""
    import plotly.graph_objects as go

    from core.figures.style import NarrowLayout, for_screen

    def built():
        fig = go.Figure(
            go.Bar(x=[3], y=["Huisartsen en specialisten die beeldbellen"], orientation="h", name="a b c d")
        )
        return fig.update_layout(height=500, legend=dict(y=-0.3))

    phone = NarrowLayout(height=300, margin=dict(l=10, r=10), legend=dict(yanchor="top"), category_width=12)
    assert for_screen(built(), False, phone).to_dict() == built().to_dict()
    fig = for_screen(built(), True, phone)
    assert fig.layout.height == 300 and fig.layout.margin.l == fig.layout.margin.r == 10
    assert fig.layout.legend.y == -0.3 and fig.layout.legend.yanchor == "top"  # merged into the chart's own
    assert all(len(line) <= 12 for line in fig.data[0].y[0].split("<br>")) and fig.data[0].name == "a b c d"


@pytest.mark.parametrize("builder", ["trend", "reach", "evaluation", "compare_ratings"])
def test_on_a_phone_every_chart_fits_390_px_with_its_legend_below_the_plot(engine, builder):
    """A phone's chart (a 390 px screen, about 320 px of chart) has no width of its own, slim side margins,
    its legend under the plot and a height in pixels."""
    from core.compare import SlotSummary
    from core.figures.compare import rating_share_figure
    from core.selection import Slot

    if builder == "trend":
        fig = figures.trend_figure(
            queries.metric_by_edition(engine, "activiteiten"),
            [(m, queries.metric_by_edition(engine, m)) for m in ("activiteiten_ehw", "evenementen")],
            metric="activiteiten",
            narrow=True,
        )
    elif builder == "reach":
        fig = figures.reach_figure(queries.reach(engine), narrow=True)
    elif builder == "evaluation":
        fig = figures.evaluation_figure(queries.evaluations(engine), narrow=True)
    else:
        summaries = [
            SlotSummary(Slot(2023), "SZE 2023 · landelijk", "", ratings={7: 4, 8: 6}),
            SlotSummary(Slot(2024), "SZE 2024 · week 2 (West)", "", ratings={6: 2, 9: 5}),
        ]
        fig = rating_share_figure(summaries, narrow=True)
    assert fig.layout.width is None and fig.layout.autosize is not False
    side = [
        fig.layout.margin[k] if fig.layout.margin[k] is not None else figures.TEMPLATE.layout.margin[k] for k in "lr"
    ]
    assert sum(side) <= 30
    assert isinstance(fig.layout.height, int) and fig.layout.height > 0
    if builder != "evaluation":  # the evaluation chart has no legend: its panels are titled
        assert fig.layout.legend.y < 0 and fig.layout.legend.yanchor == "top"
        assert all(len(line) <= 40 for t in fig.data if t.showlegend is not False for line in str(t.name).split("<br>"))
