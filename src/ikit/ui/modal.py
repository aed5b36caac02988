"""Modals: a title, a custom_id and 1-5 items (inputs in labels, and text).

``ui.Modal`` is the sugar over :class:`ikit.models.Modal`: plain strings become text
displays, and an input placed bare is put in a Label (a text input built by hand with
the deprecated ``label`` field gives that label to the Label). The whole modal is then
checked, and every rule it breaks is reported in one :class:`ikit.errors.BuildError`.
"""

from __future__ import annotations

import msgspec

from ikit import models
from ikit.ui._children import Child, flatten
from ikit.ui.validate import validate_modal

__all__ = ["Modal"]

_INPUTS = (
    models.TextInput,
    models.StringSelect,
    models.UserSelect,
    models.RoleSelect,
    models.MentionableSelect,
    models.ChannelSelect,
    models.FileUpload,
    models.RadioGroup,
    models.CheckboxGroup,
    models.Checkbox,
)


def Modal(
    *children: Child[models.ModalComponent | models.LabelComponent | str],
    custom_id: str,
    title: str,
) -> models.Modal:
    """A modal form. Give each input ``label=`` (it then comes as a Label).

    Raises :class:`ikit.errors.BuildError` listing every Discord rule it breaks.
    """
    items = [_item(child) for child in flatten("Modal", children)]
    modal = models.Modal(custom_id=custom_id, title=title, components=items)
    validate_modal(modal)
    return modal


def _item(child: object) -> models.ModalComponent:
    if isinstance(child, str):
        return models.TextDisplay(content=child)

    if isinstance(child, _INPUTS):
        return _wrap(child)

    return child  # type: ignore[return-value]


def _wrap(node: models.LabelComponent) -> models.Label:
    text = ""
    if isinstance(node, models.TextInput) and node.label is not None:
        text, node = node.label, msgspec.structs.replace(node, label=None)

    # A bare input with no label of its own gets an empty one, which the check
    # reports at the label's path, so the error points where a label= is needed.
    return models.Label(label=text, component=node)
