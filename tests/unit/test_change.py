"""Change against the previous edition: only where both were published and counted alike, never a guessed arrow."""

from __future__ import annotations

import pytest

from core.change import Direction, Published, change, comparable, edition_changes

RETURN = ("doet_weer_mee", "Meedoen aan een volgende editie", "deelnemers (evaluatie)")


def published(edition, value, text, qualifier="exact", definition=("activiteiten",), note=None) -> Published:
    return Published(edition, value, qualifier, text, definition, note)


def test_the_share_returning_went_up_from_86_to_90_percent():
    found = change(
        published(2022, 90, "90 procent", definition=RETURN), published(2021, 86, "86 procent", definition=RETURN)
    )
    assert found is not None
    assert found.direction is Direction.MORE
    assert (found.previous.edition, found.previous.text) == (2021, "86 procent")


def test_2021s_digital_activities_and_2022s_activities_get_no_arrow():
    # as the bundled data record it: the 2021 row's note says the two were not counted the same way
    digital = published(
        2021,
        210,
        "210 digitale activiteiten",
        note="De Kamerbrief telt digitale activiteiten ...; niet gelijk geteld met 2022 (300 activiteiten)",
    )
    assert change(published(2022, 300, "300"), digital) is None


def test_nothing_is_said_where_a_value_was_not_published():
    assert change(published(2022, 300, "300"), published(2021, None, "")) is None
    assert change(published(2022, float("nan"), ""), published(2021, 210, "210")) is None
    assert change(published(2022, 300, "300"), None) is None


def test_different_things_rated_are_not_compared():
    whole = ("cijfer", "De SZE 2022 als geheel", "deelnemers (evaluatie)")
    meetings = ("cijfer", "De regionale bijeenkomsten", "niet vermeld")
    assert not comparable(
        published(2022, 8.0, "een 8.0", definition=whole),
        published(2021, 7.5, "gemiddeld een 7.5", definition=meetings),
    )
    # who rated unknown on both sides: no claim that they are the same group
    assert not comparable(
        published(2022, 8.0, "een 8.0", definition=meetings), published(2021, 7.5, "7.5", definition=meetings)
    )
    assert not comparable(
        published(2022, 3500, "ruim 3500", definition=("deelnemers",)),
        published(2021, 33000, "bijna 33.000", definition=("bezoekers",)),
    )


@pytest.mark.parametrize(
    ("now", "then", "expected"),
    [
        ((300, "exact"), (300, "exact"), Direction.SAME),
        ((300, "exact"), (210, "exact"), Direction.MORE),
        ((200, "exact"), (210, "exact"), Direction.LESS),
        ((218, "exact"), (270, "meer_dan"), Direction.LESS),  # 218 is under 'meer dan 270' whatever it was
        ((300, "ruim"), (300, "exact"), Direction.MORE),
        ((300, "bijna"), (300, "exact"), Direction.LESS),
        ((300, "ruim"), (300, "bijna"), Direction.MORE),
        ((280, "exact"), (270, "meer_dan"), None),  # 'meer dan 270' may have been 290
        ((300, "ruim"), (400, "bijna"), None),
        ((300, "exact"), (300, "ruim"), Direction.LESS),
        ((50000, "naar_schatting_circa"), (30000, "exact"), None),  # an estimate says nothing about its side
    ],
)
def test_the_published_words_decide_whether_a_direction_is_certain(now, then, expected):
    found = change(published(2022, now[0], "", now[1]), published(2021, then[0], "", then[1]))
    assert (found.direction if found else None) is expected


def test_each_edition_is_compared_with_the_one_just_before_and_a_gap_is_not_bridged():
    found = edition_changes(
        [
            published(2022, 12, "12", definition=("werkbezoeken",)),
            published(2021, 10, "tien", definition=("werkbezoeken",)),
            published(2023, None, "", definition=("werkbezoeken",)),
            published(2024, 15, "15", definition=("werkbezoeken",)),
        ]
    )
    assert found[2021] is None  # nothing before it
    assert found[2022] is not None and found[2022].direction is Direction.MORE and found[2022].previous.text == "tien"
    assert found[2023] is None and found[2024] is None  # 2023 published nothing: 2024 is not held against 2022
