"""Every quote in the dataset stands word for word in the document it cites.

The source documents are not redistributed with the dashboard; they sit in ``../shared`` beside
the checkout (as in CI), or wherever ``SZE_SOURCE_TEXTS`` points.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ingest.loader import read_dataset

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SZE_SOURCE_TEXTS", ROOT.parent / "shared"))
DOCUMENTS = {
    "icth-2021-03-09": "seeds/000_57d48702e43679b1.txt",
    "icth-2024-03": "seeds/001_c251494b49081052.txt",
    "kamerbrief-2022": "seeds/002_5dd2d4503384cedf.txt",
    "vitaal-twente-congres": "seeds/003_4d1d0a6c4ebefb8c.txt",
    "kamerbrief-2021": "seeds/004_d3dac39035289f06.txt",
}
# sources known only through the research notes, which quote their Dutch words
NOTES = "research/domain-facts.md"


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _require_documents() -> None:
    missing = [path for path in (*DOCUMENTS.values(), NOTES) if not (SHARED / path).exists()]
    if missing:
        pytest.skip(f"source documents not found in {SHARED} (set SZE_SOURCE_TEXTS): {missing[0]}")


def _quoted_rows():
    _require_documents()
    dataset = read_dataset()
    for name, rows in dataset.items():
        for line, row in enumerate(rows, start=2):
            if row.get("quote"):
                yield name, line, row


def test_every_quote_stands_verbatim_in_its_source():
    _require_documents()
    texts = {source: _normal((SHARED / path).read_text(encoding="utf-8")) for source, path in DOCUMENTS.items()}
    notes = _normal((SHARED / NOTES).read_text(encoding="utf-8"))
    misquoted = []
    for name, line, row in _quoted_rows():
        haystack = texts.get(row["source_id"], notes)
        if _normal(row["quote"]) not in haystack:
            misquoted.append(f"{name} line {line}: {row['quote'][:70]!r}")
    assert misquoted == []


def test_every_initiative_size_stands_word_for_word_in_its_quote():
    sized = [(line, row) for name, line, row in _quoted_rows() if name == "initiatives.csv" and row["size_text"]]
    assert len(sized) == 2
    for line, row in sized:
        assert row["size_text"] in row["quote"], f"initiatives.csv line {line}"


def test_every_published_text_of_a_documented_figure_stands_in_its_quote():
    for name, line, row in _quoted_rows():
        text = row.get("published_text")
        if text and name in ("figures.csv", "evaluations.csv", "reach_indicators.csv"):
            words = text.replace("procent", "").strip()
            assert words.split(" ")[-1] in row["quote"], f"{name} line {line}: {text!r} not in its quote"
