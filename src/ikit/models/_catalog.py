"""The table of component types for the docs, built from the models themselves.

Where a component may appear is read from the unions the structs declare: starting at
a message's and a modal's ``components``, every struct field that holds components
names a place. ``docs/models.md`` holds the output between two markers, and a test
checks that it is current; print a fresh one with ``python -m ikit.models._catalog``.
"""

from __future__ import annotations

import msgspec.inspect as mi

from ikit.models.components import ComponentBase
from ikit.models.enums import ComponentType
from ikit.models.messages import MessagePayload
from ikit.models.responses import Modal

__all__ = ["component_places", "component_table"]

#: The roots of every component tree an app sends, and how the table names them.
ROOTS: tuple[tuple[str, type, str], ...] = (
    ("message top level", MessagePayload, "components"),
    ("modal top level", Modal, "components"),
)


def component_places() -> dict[type[ComponentBase], list[str]]:
    """Each known component struct, with the places it may appear: the top levels
    first, then the parents by name."""
    places: dict[type[ComponentBase], list[str]] = {}
    for name, root, field in ROOTS:
        _visit(name, _field_components(root, field), places)
    return {cls: sorted(found, key=_place_order) for cls, found in places.items()}


def _place_order(place: str) -> tuple[int, str]:
    roots = [name for name, _, _ in ROOTS]
    if place in roots:
        return roots.index(place), ""
    return len(roots), place.removeprefix("in ").strip("`")


def component_table() -> str:
    """The Markdown table: type number, name, struct and where it may appear."""
    places = component_places()
    rows = sorted(places, key=lambda cls: (_tag(cls), cls.__name__))
    lines = [
        "| type | name | struct | where it may appear |",
        "| ---: | --- | --- | --- |",
        *(
            f"| {_tag(cls)} | {ComponentType(_tag(cls)).name} | `{cls.__name__}` | "
            f"{', '.join(places[cls])} |"
            for cls in rows
        ),
    ]
    return "\n".join(lines) + "\n"


def _visit(
    place: str,
    classes: list[type[ComponentBase]],
    places: dict[type[ComponentBase], list[str]],
) -> None:
    for cls in classes:
        if _tag(cls) < 0:  # the catch-all for types ikit does not know
            continue
        seen = cls in places
        known = places.setdefault(cls, [])
        if place not in known:
            known.append(place)
        if seen:
            continue
        for field in _struct_info(cls).fields:
            children = _components(field.type)
            if children:
                _visit(_place(cls, field.name), children, places)


def _field_components(cls: type, name: str) -> list[type[ComponentBase]]:
    fields = _struct_info(cls).fields
    return next(_components(f.type) for f in fields if f.name == name)


def _struct_info(cls: type) -> mi.StructType:
    info = mi.type_info(cls)
    if not isinstance(info, mi.StructType):
        raise TypeError(f"{cls.__name__} is not a struct")
    return info


def _components(info: mi.Type) -> list[type[ComponentBase]]:
    """The component structs a field's type admits (through lists and unions)."""
    if isinstance(info, mi.UnionType):
        return [cls for option in info.types for cls in _components(option)]
    if isinstance(info, mi.ListType):
        return _components(info.item_type)
    if isinstance(info, mi.StructType) and issubclass(info.cls, ComponentBase):
        return [info.cls]
    return []


def _place(parent: type, field: str) -> str:
    if field in ("components", "component"):
        return f"in `{parent.__name__}`"
    return f"`{parent.__name__}.{field}`"


def _tag(cls: type[ComponentBase]) -> int:
    tag = cls.__struct_config__.tag
    if not isinstance(tag, int):
        raise TypeError(f"{cls.__name__} has no integer tag")
    return tag


if __name__ == "__main__":
    print(component_table(), end="")
