"""The docs' table of component types is generated from the models, and current."""

from __future__ import annotations

import re
import typing

import pytest

from ikit import models
from ikit.models._catalog import component_places, component_table
from tests.shared import ROOT

DOCS = ROOT / "docs" / "models.md"
TABLE = re.compile(
    r"<!-- component-table:start[^>]*-->\n(?P<table>.*?)<!-- component-table:end -->",
    re.S,
)


def test_the_docs_hold_exactly_the_generated_table() -> None:
    found = TABLE.search(DOCS.read_text(encoding="utf-8"))

    assert found is not None, "docs/models.md lost its component-table markers"
    assert found["table"] == component_table(), (
        "docs/models.md is out of date: paste the output of "
        "`python -m ikit.models._catalog` between its markers"
    )


def test_every_component_struct_has_a_row() -> None:
    structs = {
        cls
        for cls in typing.get_args(models.Component)
        if cls is not models.UnknownComponent
    }

    assert set(component_places()) == structs


def test_every_documented_component_type_has_a_row() -> None:
    numbers = {cls.__struct_config__.tag for cls in component_places()}

    assert numbers == {int(t) for t in models.ComponentType}


@pytest.mark.parametrize(
    ("cls", "places"),
    [
        pytest.param(models.Container, ["message top level"], id="container"),
        pytest.param(models.Thumbnail, ["`Section.accessory`"], id="thumbnail"),
        pytest.param(
            models.Button, ["in `ActionRow`", "`Section.accessory`"], id="button"
        ),
        pytest.param(models.Label, ["modal top level"], id="label"),
        pytest.param(models.Checkbox, ["in `Label`"], id="checkbox"),
        pytest.param(
            models.TextDisplay,
            [
                "message top level",
                "modal top level",
                "in `Container`",
                "in `Section`",
            ],
            id="text-display",
        ),
    ],
)
def test_the_places_follow_the_unions_of_the_models(
    cls: type[models.ComponentBase], places: list[str]
) -> None:
    assert component_places()[cls] == places


def test_a_row_reads_number_name_struct_and_places() -> None:
    rows = component_table().splitlines()

    assert rows[0] == "| type | name | struct | where it may appear |"
    assert "| 11 | THUMBNAIL | `Thumbnail` | `Section.accessory` |" in rows
    assert len(rows) == 2 + len(component_places())
