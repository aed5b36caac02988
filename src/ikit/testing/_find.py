"""What a user can do with what the bot shows: find a button or a select on a
message, choose a select's values, fill in a modal.

Each refuses what Discord's client would not let a user do (click a disabled button,
choose more values than a select takes, submit a modal without a required input) with
an :class:`~ikit.testing.ActionImpossible` that says why.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ikit import models
from ikit.models import ButtonStyle, ComponentType
from ikit.testing import payloads
from ikit.testing._objects import Payload
from ikit.testing._options import as_value
from ikit.testing._rules import ActionImpossible

__all__ = ["fill_modal", "find_button", "find_select", "select_values"]

Select = (
    models.StringSelect
    | models.UserSelect
    | models.RoleSelect
    | models.MentionableSelect
    | models.ChannelSelect
)
_SELECTS = (
    models.StringSelect,
    models.UserSelect,
    models.RoleSelect,
    models.MentionableSelect,
    models.ChannelSelect,
)


def _walk(components: Sequence[Any]) -> Iterator[Any]:
    for node in components:
        yield node
        yield from _walk(getattr(node, "components", None) or [])
        accessory = getattr(node, "accessory", None)
        if accessory is not None:
            yield accessory


def _name(button: models.Button) -> str:
    return repr(button.label) if button.label else f"custom_id {button.custom_id!r}"


# -- buttons ---------------------------------------------------------------------------


def find_button(
    message: models.Message, label: str | None, custom_id: str | None
) -> models.Button:
    """The button a user clicks, by label or custom_id."""
    if label is None and custom_id is None:
        raise TypeError("click() needs the button's label or its custom_id")

    buttons = [n for n in _walk(message.components) if isinstance(n, models.Button)]
    for button in buttons:
        if (label is None or button.label == label) and (
            custom_id is None or button.custom_id == custom_id
        ):
            _check_clickable(button)
            return button

    wanted = repr(label) if label is not None else f"with custom_id {custom_id!r}"
    shown = ", ".join(_name(b) for b in buttons) or "none"
    raise ActionImpossible(
        f"The message has no button {wanted}, so a user cannot click it; its "
        f"buttons: {shown}."
    )


def _check_clickable(button: models.Button) -> None:
    name = _name(button)
    if button.disabled:
        raise ActionImpossible(
            f"The button {name} is disabled: a user cannot click it."
        )
    if button.style is ButtonStyle.LINK:
        raise ActionImpossible(
            f"The button {name} is a link: Discord opens {button.url} and tells the "
            "app nothing."
        )
    if button.style is ButtonStyle.PREMIUM:
        raise ActionImpossible(
            f"The button {name} is a premium button: Discord shows the purchase of "
            "its SKU and tells the app nothing."
        )


# -- selects ---------------------------------------------------------------------------


def find_select(message: models.Message, custom_id: str | None) -> Select:
    """The select a user chooses in: by custom_id, or the only one on the message."""
    selects: list[Select] = [
        n for n in _walk(message.components) if isinstance(n, _SELECTS)
    ]
    chosen = [s for s in selects if custom_id is None or s.custom_id == custom_id]
    if len(chosen) == 1:
        if chosen[0].disabled:
            raise ActionImpossible(
                f"The select {chosen[0].custom_id!r} is disabled: a user cannot "
                "choose in it."
            )
        return chosen[0]

    shown = ", ".join(repr(s.custom_id) for s in selects) or "none"
    if not chosen:
        raise ActionImpossible(
            f"The message has no select with custom_id {custom_id!r}; its selects: "
            f"{shown}."
        )
    raise ActionImpossible(
        f"The message has several selects ({shown}); pass custom_id= to choose one."
    )


def select_values(
    select: Select | models.FileUpload, values: Sequence[Any]
) -> list[Any]:
    """The values a user may choose: option values (or labels) of a string select,
    objects for the other selects; within min_values and max_values."""
    _check_count(select, len(values))
    if isinstance(select, models.StringSelect):
        return [_option_value(select, value) for value in values]
    return [as_value(value) for value in values]


def _check_count(select: Select | models.FileUpload, count: int) -> None:
    low = 1 if select.min_values is None else select.min_values
    high = 1 if select.max_values is None else select.max_values
    if getattr(select, "required", None) is False:
        low = 0
    if low <= count <= high:
        return
    bounds = f"{low}" if low == high else f"{low} to {high}"
    raise ActionImpossible(
        f"The {_kind(select)} {select.custom_id!r} takes {bounds} values; a user "
        f"cannot choose {count}."
    )


def _option_value(select: models.StringSelect, value: Any) -> str:
    for option in select.options:
        if value in (option.value, option.label):
            return option.value
    shown = ", ".join(repr(o.value) for o in select.options)
    raise ActionImpossible(
        f"The select {select.custom_id!r} has no option {value!r}; its options: "
        f"{shown}."
    )


def _kind(node: object) -> str:
    return type(node).__name__.replace("Select", " select").lower().strip()


# -- modals ----------------------------------------------------------------------------


def fill_modal(modal: models.Modal, values: Mapping[str, Any]) -> list[Payload]:
    """The submitted components of ``modal`` with ``values`` by custom_id; inputs left
    out keep their defaults."""
    inputs = _inputs(modal)
    unknown = [key for key in values if key not in inputs]
    if unknown:
        shown = ", ".join(repr(key) for key in inputs) or "none"
        raise ActionImpossible(
            f"The modal {modal.title!r} has no input {unknown[0]!r}; its inputs: "
            f"{shown}."
        )

    submitted: list[Payload] = []
    for item in modal.components:
        field = _field_of(item)
        if field is None:
            submitted.append(payloads.submitted_text_display())
            continue
        present = field.custom_id in values
        submitted.append(_submit(field, values.get(field.custom_id), present))
    return submitted


def _inputs(modal: models.Modal) -> dict[str, Any]:
    fields = (_field_of(item) for item in modal.components)
    return {field.custom_id: field for field in fields if field is not None}


def _field_of(item: models.ModalComponent) -> Any:
    if isinstance(item, models.Label):
        return item.component
    if isinstance(item, models.ModalActionRow) and item.components:
        return item.components[0]
    return None


def _submit(field: Any, value: Any, present: bool) -> Payload:
    if isinstance(field, models.TextInput):
        return payloads.submitted_text_input(
            field.custom_id, _text(field, value, present)
        )
    if isinstance(field, _SELECTS):
        chosen = _chosen(field, value, present, _select_defaults(field))
        kind = ComponentType(field.type)
        return payloads.submitted_select(field.custom_id, chosen, type=kind)
    if isinstance(field, models.FileUpload):
        files = _chosen(field, value, present, [])
        return payloads.submitted_file_upload(field.custom_id, files)
    if isinstance(field, models.RadioGroup):
        return payloads.submitted_radio_group(
            field.custom_id, _radio(field, value, present)
        )
    if isinstance(field, models.CheckboxGroup):
        return payloads.submitted_checkbox_group(
            field.custom_id, _ticked(field, value, present)
        )
    if isinstance(field, models.Checkbox):
        ticked = bool(value) if present else bool(field.default)
        return payloads.submitted_checkbox(field.custom_id, ticked)
    raise ActionImpossible(f"ikit.testing cannot fill in a {type(field).__name__}.")


def _text(field: models.TextInput, value: Any, present: bool) -> str:
    text = str(value) if present else (field.value or "")
    required = field.required is not False
    if required and not text:
        raise ActionImpossible(
            f"The text input {field.custom_id!r} is required: a user cannot submit "
            f"the modal without it; pass {field.custom_id}=..."
        )
    low, high = field.min_length or 0, field.max_length or 4000
    if text and not low <= len(text) <= high:
        raise ActionImpossible(
            f"The text input {field.custom_id!r} takes {low} to {high} characters; a "
            f"user cannot submit {len(text)}."
        )
    return text


def _select_defaults(field: Select) -> list[Any]:
    if isinstance(field, models.StringSelect):
        return [o.value for o in field.options if o.default]
    return [str(d.id) for d in field.default_values or []]


def _chosen(
    field: Select | models.FileUpload, value: Any, present: bool, defaults: list[Any]
) -> list[Any]:
    chosen = _as_list(value) if present else defaults
    if not chosen and field.required is False:
        return []
    return select_values(field, chosen)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    return [] if value is None else [value]


def _radio(field: models.RadioGroup, value: Any, present: bool) -> str | None:
    defaults = [o.value for o in field.options if o.default]
    picked = value if present else (defaults[0] if defaults else None)
    if picked is None:
        if field.required is not False:
            raise ActionImpossible(
                f"The radio group {field.custom_id!r} is required: pick one of "
                f"{', '.join(repr(o.value) for o in field.options)}."
            )
        return None
    return _among(field, picked)


def _ticked(field: models.CheckboxGroup, value: Any, present: bool) -> list[str]:
    defaults = [o.value for o in field.options if o.default]
    ticked = [_among(field, v) for v in (_as_list(value) if present else defaults)]
    low = 1 if field.min_values is None else field.min_values
    high = len(field.options) if field.max_values is None else field.max_values
    if field.required is False and not ticked:
        return []
    if not low <= len(ticked) <= high:
        raise ActionImpossible(
            f"The checkbox group {field.custom_id!r} takes {low} to {high} ticks; a "
            f"user cannot submit {len(ticked)}."
        )
    return ticked


def _among(field: models.RadioGroup | models.CheckboxGroup, value: Any) -> str:
    for option in field.options:
        if value in (option.value, option.label):
            return option.value
    shown = ", ".join(repr(o.value) for o in field.options)
    raise ActionImpossible(
        f"{field.custom_id!r} has no option {value!r}; its options: {shown}."
    )
