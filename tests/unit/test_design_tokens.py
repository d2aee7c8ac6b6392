"""The huisstijl's design tokens (issue 20): every token the stylesheet sets is the vendored package's own value."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKENS = ROOT / "assets" / "01-design-tokens.css"
VENDORED = ROOT / "dashboard" / "vendor" / "rijkshuisstijl-design-tokens-11.1.0.json"


def _camel(name: str) -> str:
    """'rhc-color-cool-grey-50' as the package's JSON names it: 'rhcColorCoolGrey50'."""
    first, *rest = name.split("-")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def test_every_token_the_stylesheet_sets_is_the_packages_value():
    vendored = json.loads(VENDORED.read_text(encoding="utf-8"))
    declared = re.findall(r"--((?:rhc|utrecht)-[a-z0-9-]+):\s*([^;]+);", TOKENS.read_text(encoding="utf-8"))
    assert len(declared) >= 10
    for name, value in declared:
        assert vendored[_camel(name)] == value.strip(), name


def test_the_dashboards_colours_and_bootstraps_primary_are_the_tokens():
    css = TOKENS.read_text(encoding="utf-8")
    for name in ("--sze-blue", "--sze-ink", "--bs-primary", "--bs-link-color"):
        assert re.search(rf"{name}:\s*var\(--rhc-", css), name
    # and the ministry's blue in RGB, as Bootstrap wants it beside the hex
    assert "--bs-primary-rgb: 21, 66, 115;" in css
    assert (
        "the open source license does not apply"
        in (VENDORED.parent / "RIJKSHUISSTIJL-DESIGN-TOKENS-LICENSE.md").read_text().lower()
    )
