"""Loading is all or nothing, and every problem is named by file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.bundled import data_dir
from data_access.engine import make_engine
from data_access.loader import DatasetError, load_bundled, read_dataset


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(str(data_dir()), target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_problem_is_named_by_line_and_column(data_copy: Path):
    _replace(data_copy / "figures.csv", "2022,,,activiteiten,300,", "2022,,,activiteiten,drie honderd,")
    _replace(data_copy / "figures.csv", "ruim,ruim 3500,kamerbrief-2022", "ruim,3500,kamerbrief-2022")
    _replace(
        data_copy / "evaluations.csv",
        "2022,cijfer,8.0,exact,een 8.0,De SZE 2022 als geheel,deelnemers (evaluatie),kamerbrief-2022",
        "2022,cijfer,8.0,exact,een 8.0,De SZE 2022 als geheel,deelnemers (evaluatie),onbekende-bron",
    )
    with pytest.raises(DatasetError) as caught:
        read_dataset(data_copy)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("figures.csv, line 10, column 'value'") and "drie honderd" in m for m in messages)
    assert any(m.startswith("figures.csv, line 11, column 'published_text'") and "ruim" in m for m in messages)
    assert any(m.startswith("evaluations.csv, line 5, column 'source_id'") for m in messages)
    assert len(messages) == 3


def test_a_missing_column_is_named(data_copy: Path):
    _replace(data_copy / "sources.csv", "published_label,", "gepubliceerd,")
    with pytest.raises(DatasetError) as caught:
        read_dataset(data_copy)
    assert "sources.csv, line 1, column 'published_label': column is missing" in str(caught.value)


def test_a_failed_load_leaves_the_database_as_it_was(tmp_path: Path, data_copy: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    load_bundled(engine)
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(schema.figures)).scalar_one()
    _replace(data_copy / "figures.csv", "2021,zuid,4,deelsessies,11,", "2021,zuid,4,deelsessies,elf,")
    with pytest.raises(DatasetError):
        load_bundled(engine, force=True, folder=data_copy)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.figures)).scalar_one() == before


def test_loading_twice_changes_nothing(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    first = load_bundled(engine)
    assert first is not None and first["figures.csv"] == 18
    assert load_bundled(engine) is None
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.figures)).scalar_one() == 18
