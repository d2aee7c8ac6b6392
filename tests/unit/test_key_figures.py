"""Key figures on the landing view: what an official reads first, in the published words, with source and change."""

from __future__ import annotations

import pytest

from callbacks import map
from core.change import Direction
from core.key_figures import key_figures, without_key_figures
from core.selection import Selection
from data_access import queries
from tests.unit.test_callbacks import CHOICES, text_of

SZE = [2021, 2022, 2023, 2024]


def _links(component) -> dict[str, str]:
    """Link text -> href of every link in a component tree."""
    found = {}
    if isinstance(component, (list, tuple)):
        for child in component:
            found |= _links(child)
        return found
    if getattr(component, "href", None):
        found[text_of(component)] = component.href
    children = getattr(component, "children", None)
    return found | (_links(children) if children is not None else {})


def _tiles(component) -> list[str]:
    """The text of each tile, in order."""
    if isinstance(component, (list, tuple)):
        return [text for child in component for text in _tiles(child)]
    if "key-tile" in (getattr(component, "className", "") or "").split():
        return [" ".join(text_of(component).split())]
    children = getattr(component, "children", None)
    return _tiles(children) if children is not None else []


@pytest.fixture(scope="module")
def frames(engine):
    return queries.figures(engine, editions=SZE), queries.evaluations(engine, editions=SZE)


def test_every_edition_shows_the_latest_published_headline_figures_in_their_own_words(frames):
    tiles = key_figures(*frames, SZE, SZE)
    assert [(k.name, k.edition, k.words) for k in tiles] == [
        ("bezoekers", 2021, "bijna 33.000"),
        ("deelnemers", 2022, "ruim 3500"),
        ("activiteiten", 2022, "300"),
        ("cijfer", 2022, "een 8,0"),
        ("doet_weer_mee", 2022, "90 procent"),
    ]
    assert without_key_figures(*frames, SZE) == [2023, 2024]  # said in words, never a zero


def test_only_the_share_returning_gets_a_change_the_rest_were_counted_or_rated_otherwise(frames):
    changes = {k.name: k.change for k in key_figures(*frames, SZE, SZE)}
    assert changes["doet_weer_mee"] is not None
    assert changes["doet_weer_mee"].direction is Direction.MORE
    assert (changes["doet_weer_mee"].previous.edition, changes["doet_weer_mee"].previous.text) == (2021, "86 procent")
    # 210 digitale activiteiten (2021) and 300 (2022): not counted alike; 8,0 rates the whole SZE, 7,5 the meetings
    assert changes["activiteiten"] is None and changes["cijfer"] is None


def test_one_edition_shows_its_own_figures_and_an_edition_without_any_shows_none(frames):
    tiles = key_figures(*frames, [2021], SZE)
    assert [(k.name, k.words) for k in tiles] == [
        ("bezoekers", "bijna 33.000"),
        ("activiteiten", "210 digitale activiteiten"),
        ("cijfer", "gemiddeld een 7,5"),
        ("doet_weer_mee", "86 procent"),
    ]
    assert all(k.change is None for k in tiles)  # nothing before 2021 in the SZE
    assert key_figures(*frames, [2023], SZE) == [] and without_key_figures(*frames, [2023]) == [2023]


def test_the_landing_view_tiles_read_as_published_with_edition_source_change_and_link(in_request):
    tiles = map.update_map(Selection.default(CHOICES).to_store())["tiles"]
    texts = _tiles(tiles)
    assert len(texts) == 5
    first = texts[0]
    assert "bijna 33.000" in first and "SZE 2021" in first and "Bron: ICT&health, 9 maart 2021" in first
    assert "▲ meer dan in 2021 (86 procent)" in texts[4]
    assert not any(arrow in " ".join(texts[:4]) for arrow in "▲▼")
    assert "Geen kerncijfers gepubliceerd voor 2023 en 2024." in text_of(tiles)
    assert "nan" not in text_of(tiles).lower()
    links = set(_links(tiles).values())
    assert {"/trends?cijfer=bezoekers", "/trends?cijfer=deelnemers", "/trends"} <= links
    assert "/evaluatie" in links


def test_the_tile_links_keep_the_filters_and_a_region_says_the_tiles_are_national(in_request):
    tiles = map.update_map(Selection.parse(CHOICES, editions=[2021], region="zuid", colour="cijfer").to_store())[
        "tiles"
    ]
    assert "/trends?editie=2021&regio=zuid&cijfer=bezoekers&kleur=cijfer" in _links(tiles).values()
    assert "Kerncijfers zijn landelijk" in text_of(tiles)
    assert "210 digitale activiteiten" in text_of(tiles)  # the national figure, not Zuid's 'ruim vijftig'


def test_a_change_reads_as_arrow_words_and_previous_value_and_screen_readers_get_the_words():
    from core.change import Change, Published
    from layouts.key_figures import change_line

    before = Published(2021, 10, "exact", "tien", ("werkbezoeken",))
    line = change_line(Change(Direction.LESS, before))
    assert " ".join(text_of(line).split()) == "▼ minder dan in 2021 (tien)"
    arrow = line.children[0]
    assert getattr(arrow, "aria-hidden") == "true"  # the words carry the meaning, not the shape or a colour
    assert change_line(None) is None
