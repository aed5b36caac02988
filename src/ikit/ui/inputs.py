"""Modal inputs and the Label that shows each one.

Every input takes ``label=`` (and ``description=``): with it, the element returns the
:class:`ikit.models.Label` around the input, the way a modal shows inputs; the
overloads tell the type checker which of the two it gets. Selects live in
``selects.py`` and follow the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar, overload

from ikit import models
from ikit.models import TextInputStyle
from ikit.ui._children import Child, flatten
from ikit.ui._props import enum_prop

__all__ = [
    "Checkbox",
    "CheckboxGroup",
    "CheckboxGroupOption",
    "FileUpload",
    "Label",
    "RadioGroup",
    "RadioGroupOption",
    "TextInput",
    "TextInputStyleName",
    "labelled",
]

TextInputStyleName = Literal["short", "paragraph"]
N = TypeVar("N", bound=models.ComponentBase)


def Label(
    label: str,
    component: models.LabelComponent,
    *,
    description: str | None = None,
    id: int | None = None,
) -> models.Label:
    """A modal item: a label (and description) around one input."""
    if not isinstance(label, str):
        raise TypeError(f"Label: label must be a str; got {label!r}")

    return models.Label(
        label=label, component=component, description=description, id=id
    )


def labelled(
    element: str, node: N, label: str | None, description: str | None
) -> N | models.Label:
    """The input itself, or the Label around it when ``label`` is given."""
    if label is not None:
        return Label(label, node, description=description)  # type: ignore[arg-type]

    if description is not None:
        raise TypeError(
            f"{element}: description is shown by the input's Label, so it needs "
            f"label= too; got description={description!r} without a label"
        )

    return node


@overload
def TextInput(
    *,
    custom_id: str,
    style: TextInputStyle | TextInputStyleName = "short",
    min_length: int | None = None,
    max_length: int | None = None,
    required: bool | None = None,
    value: str | None = None,
    placeholder: str | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.TextInput: ...


@overload
def TextInput(
    *,
    custom_id: str,
    style: TextInputStyle | TextInputStyleName = "short",
    min_length: int | None = None,
    max_length: int | None = None,
    required: bool | None = None,
    value: str | None = None,
    placeholder: str | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def TextInput(
    *,
    custom_id: str,
    style: TextInputStyle | TextInputStyleName = "short",
    min_length: int | None = None,
    max_length: int | None = None,
    required: bool | None = None,
    value: str | None = None,
    placeholder: str | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.TextInput | models.Label:
    """A text field: one line (``"short"``) or several (``"paragraph"``).

    ``value`` pre-fills it; ``required`` defaults to true on Discord's side.
    """
    field = models.TextInput(
        custom_id=custom_id,
        style=enum_prop("TextInput", "style", TextInputStyle, style),
        min_length=min_length,
        max_length=max_length,
        required=required,
        value=value,
        placeholder=placeholder,
        id=id,
    )
    return labelled("TextInput", field, label, description)


@overload
def FileUpload(
    *,
    custom_id: str,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    file_types: Sequence[str] | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.FileUpload: ...


@overload
def FileUpload(
    *,
    custom_id: str,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    file_types: Sequence[str] | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def FileUpload(
    *,
    custom_id: str,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    file_types: Sequence[str] | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.FileUpload | models.Label:
    """A file picker; ``file_types`` takes ``"image"``, ``"video"``, ``"audio"`` or
    extensions such as ``".pdf"``."""
    picker = models.FileUpload(
        custom_id=custom_id,
        min_values=min_values,
        max_values=max_values,
        required=required,
        file_types=None if file_types is None else list(file_types),
        id=id,
    )
    return labelled("FileUpload", picker, label, description)


def RadioGroupOption(
    label: str,
    value: str | None = None,
    *,
    description: str | None = None,
    default: bool | None = None,
) -> models.RadioGroupOption:
    """One option of a radio group or checkbox group; ``value`` defaults to the
    label."""
    return models.RadioGroupOption(
        label=label,
        value=label if value is None else value,
        description=description,
        default=default,
    )


CheckboxGroupOption = RadioGroupOption


def _options(element: str, options: Sequence[object]) -> list[models.RadioGroupOption]:
    flat = flatten(element, options)
    return [RadioGroupOption(x) if isinstance(x, str) else x for x in flat]  # type: ignore[misc]


@overload
def RadioGroup(
    *options: Child[models.RadioGroupOption | str],
    custom_id: str,
    required: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.RadioGroup: ...


@overload
def RadioGroup(
    *options: Child[models.RadioGroupOption | str],
    custom_id: str,
    required: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def RadioGroup(
    *options: Child[models.RadioGroupOption | str],
    custom_id: str,
    required: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.RadioGroup | models.Label:
    """Pick exactly one of 2-10 options; a plain string is an option."""
    group = models.RadioGroup(
        custom_id=custom_id,
        options=_options("RadioGroup", options),
        required=required,
        id=id,
    )
    return labelled("RadioGroup", group, label, description)


@overload
def CheckboxGroup(
    *options: Child[models.CheckboxGroupOption | str],
    custom_id: str,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.CheckboxGroup: ...


@overload
def CheckboxGroup(
    *options: Child[models.CheckboxGroupOption | str],
    custom_id: str,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def CheckboxGroup(
    *options: Child[models.CheckboxGroupOption | str],
    custom_id: str,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.CheckboxGroup | models.Label:
    """Pick several of 1-10 options; a plain string is an option."""
    group = models.CheckboxGroup(
        custom_id=custom_id,
        options=_options("CheckboxGroup", options),
        min_values=min_values,
        max_values=max_values,
        required=required,
        id=id,
    )
    return labelled("CheckboxGroup", group, label, description)


@overload
def Checkbox(
    *,
    custom_id: str,
    default: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.Checkbox: ...


@overload
def Checkbox(
    *,
    custom_id: str,
    default: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def Checkbox(
    *,
    custom_id: str,
    default: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.Checkbox | models.Label:
    """A single yes/no box. It cannot be required: a one-option CheckboxGroup can."""
    box = models.Checkbox(custom_id=custom_id, default=default, id=id)
    return labelled("Checkbox", box, label, description)
