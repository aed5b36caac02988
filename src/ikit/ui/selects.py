"""Select menus: in a message's action row, or (given ``label=``) in a modal.

With ``label=`` a select returns the :class:`ikit.models.Label` that holds it, which
is how a modal shows an input; the overloads tell the type checker which one it gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from ikit import models
from ikit.models import ChannelType, ComponentEmoji, SelectDefaultValue
from ikit.ui._children import Child, flatten
from ikit.ui._props import default_values as defaults_prop
from ikit.ui._props import emoji as emoji_prop
from ikit.ui._props import enum_prop, snowflake
from ikit.ui.inputs import labelled

__all__ = [
    "ChannelSelect",
    "ChannelTypeName",
    "DefaultValueType",
    "MentionableSelect",
    "RoleSelect",
    "SelectOption",
    "StringSelect",
    "UserSelect",
    "default_value",
]

DefaultValueType = Literal["user", "role", "channel"]
ChannelTypeName = Literal[
    "guild_text",
    "dm",
    "guild_voice",
    "group_dm",
    "guild_category",
    "guild_announcement",
    "announcement_thread",
    "public_thread",
    "private_thread",
    "guild_stage_voice",
    "guild_directory",
    "guild_forum",
    "guild_media",
]


def SelectOption(
    label: str,
    value: str | None = None,
    *,
    description: str | None = None,
    emoji: ComponentEmoji | str | None = None,
    default: bool | None = None,
) -> models.SelectOption:
    """One choice of a string select; ``value`` defaults to the label."""
    return models.SelectOption(
        label=label,
        value=label if value is None else value,
        description=description,
        emoji=emoji_prop("SelectOption", emoji),
        default=default,
    )


def default_value(id: int, type: DefaultValueType) -> SelectDefaultValue:
    """A pre-selected user, role or channel (needed by mentionable selects, which
    take users and roles)."""
    if type not in ("user", "role", "channel"):
        raise ValueError(
            f"default_value: type must be one of 'user', 'role', 'channel'; "
            f"got {type!r}"
        )

    return SelectDefaultValue(id=snowflake("default_value", "id", id), type=type)


@overload
def StringSelect(
    *options: Child[models.SelectOption | str],
    custom_id: str,
    placeholder: str | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.StringSelect: ...


@overload
def StringSelect(
    *options: Child[models.SelectOption | str],
    custom_id: str,
    placeholder: str | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def StringSelect(
    *options: Child[models.SelectOption | str],
    custom_id: str,
    placeholder: str | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.StringSelect | models.Label:
    """A select of app-defined options; a plain string is an option whose label and
    value are that string."""
    flat = flatten("StringSelect", options)
    choices = [SelectOption(x) if isinstance(x, str) else x for x in flat]
    select = models.StringSelect(
        custom_id=custom_id,
        options=choices,  # type: ignore[arg-type]
        placeholder=placeholder,
        min_values=min_values,
        max_values=max_values,
        required=required,
        disabled=disabled,
        id=id,
    )
    return labelled("StringSelect", select, label, description)


@overload
def UserSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.UserSelect: ...


@overload
def UserSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def UserSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.UserSelect | models.Label:
    """A select of the server's members; bare ids in ``default_values`` are users."""
    select = models.UserSelect(
        custom_id=custom_id,
        placeholder=placeholder,
        default_values=_defaults("UserSelect", "user", default_values),
        min_values=min_values,
        max_values=max_values,
        required=required,
        disabled=disabled,
        id=id,
    )
    return labelled("UserSelect", select, label, description)


@overload
def RoleSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.RoleSelect: ...


@overload
def RoleSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def RoleSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.RoleSelect | models.Label:
    """A select of the server's roles; bare ids in ``default_values`` are roles."""
    select = models.RoleSelect(
        custom_id=custom_id,
        placeholder=placeholder,
        default_values=_defaults("RoleSelect", "role", default_values),
        min_values=min_values,
        max_values=max_values,
        required=required,
        disabled=disabled,
        id=id,
    )
    return labelled("RoleSelect", select, label, description)


@overload
def MentionableSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.MentionableSelect: ...


@overload
def MentionableSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def MentionableSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    default_values: Sequence[SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.MentionableSelect | models.Label:
    """A select of members and roles. A bare id would not say which it is, so
    ``default_values`` takes :func:`default_value` items."""
    for value in default_values or ():
        if not isinstance(value, SelectDefaultValue):
            raise TypeError(
                "MentionableSelect: default_values must be ui.default_value(id, "
                "'user' or 'role') items, since an id alone is ambiguous; "
                f"got {value!r}"
            )

    select = models.MentionableSelect(
        custom_id=custom_id,
        placeholder=placeholder,
        default_values=None if default_values is None else list(default_values),
        min_values=min_values,
        max_values=max_values,
        required=required,
        disabled=disabled,
        id=id,
    )
    return labelled("MentionableSelect", select, label, description)


@overload
def ChannelSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    channel_types: Sequence[ChannelType | ChannelTypeName] | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: None = None,
    description: None = None,
) -> models.ChannelSelect: ...


@overload
def ChannelSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    channel_types: Sequence[ChannelType | ChannelTypeName] | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str,
    description: str | None = None,
) -> models.Label: ...


def ChannelSelect(
    *,
    custom_id: str,
    placeholder: str | None = None,
    channel_types: Sequence[ChannelType | ChannelTypeName] | None = None,
    default_values: Sequence[int | SelectDefaultValue] | None = None,
    min_values: int | None = None,
    max_values: int | None = None,
    required: bool | None = None,
    disabled: bool | None = None,
    id: int | None = None,
    label: str | None = None,
    description: str | None = None,
) -> models.ChannelSelect | models.Label:
    """A select of channels, limited to ``channel_types`` (``"guild_text"``, ...);
    bare ids in ``default_values`` are channels."""
    kinds = None
    if channel_types is not None:
        kinds = [
            enum_prop("ChannelSelect", "channel_types", ChannelType, kind)
            for kind in channel_types
        ]

    select = models.ChannelSelect(
        custom_id=custom_id,
        placeholder=placeholder,
        channel_types=kinds,
        default_values=_defaults("ChannelSelect", "channel", default_values),
        min_values=min_values,
        max_values=max_values,
        required=required,
        disabled=disabled,
        id=id,
    )
    return labelled("ChannelSelect", select, label, description)


def _defaults(
    element: str, kind: str, values: Sequence[int | SelectDefaultValue] | None
) -> list[SelectDefaultValue] | None:
    return defaults_prop(element, kind, values)
