"""The interactions Discord POSTs to an app, as a union tagged by ``type``.

Decode one with :func:`ikit.models.decode_interaction`. An interaction type Discord adds
later decodes to :class:`UnknownInteraction`, which keeps the common fields and the raw
payload.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

import msgspec

from ikit.models._base import Model, Snowflake
from ikit.models.components import ComponentBase
from ikit.models.enums import (
    ApplicationCommandOptionType,
    ApplicationCommandType,
    ApplicationIntegrationType,
    ComponentType,
    InteractionContextType,
    InteractionType,
)
from ikit.models.flags import PermissionSet
from ikit.models.messages import Attachment, Message
from ikit.models.users import (
    Entitlement,
    Member,
    PartialChannel,
    PartialGuild,
    Role,
    User,
)

__all__ = [
    "ApplicationCommandData",
    "ApplicationCommandInteraction",
    "AutocompleteInteraction",
    "CommandInteractionOption",
    "Interaction",
    "InteractionBase",
    "MessageComponentData",
    "MessageComponentInteraction",
    "ModalSubmitData",
    "ModalSubmitInteraction",
    "PingInteraction",
    "ResolvedData",
    "SubmittedActionRow",
    "SubmittedChannelSelect",
    "SubmittedCheckbox",
    "SubmittedCheckboxGroup",
    "SubmittedComponent",
    "SubmittedFileUpload",
    "SubmittedInput",
    "SubmittedLabel",
    "SubmittedMentionableSelect",
    "SubmittedRadioGroup",
    "SubmittedRoleSelect",
    "SubmittedStringSelect",
    "SubmittedTextDisplay",
    "SubmittedTextInput",
    "SubmittedUserSelect",
    "UnknownInteraction",
    "UnknownSubmittedComponent",
]


# A custom_id as Discord sends it back holds at most 100 characters; refusing longer
# ones keeps a broken payload from handing megabytes to the custom_id routes.
_CustomId = Annotated[str, msgspec.Meta(max_length=100)]


class ResolvedData(Model, kw_only=True):
    """Objects referenced by option values, select values and file uploads, by id."""

    users: dict[int, User] = {}
    members: dict[int, Member] = {}
    """Partial members: no ``user`` (it is in ``users``), no ``deaf`` or ``mute``."""
    roles: dict[int, Role] = {}
    channels: dict[int, PartialChannel] = {}
    messages: dict[int, Message] = {}
    attachments: dict[int, Attachment] = {}


class CommandInteractionOption(Model, kw_only=True):
    """An option the user filled in; subcommands and groups hold nested ``options``.

    USER, CHANNEL, ROLE, MENTIONABLE and ATTACHMENT values are ids (strings) whose
    objects are in the interaction's resolved data.
    """

    name: str
    type: ApplicationCommandOptionType
    value: str | int | float | bool | None = None
    options: list[CommandInteractionOption] | None = None
    focused: bool | None = None
    """True on the option being typed, in autocomplete interactions only."""


class ApplicationCommandData(Model, kw_only=True):
    """What was invoked: a slash command (with options), or a user or message command
    (with ``target_id``)."""

    id: Snowflake
    name: str
    type: ApplicationCommandType
    resolved: ResolvedData | None = None
    options: list[CommandInteractionOption] | None = None
    guild_id: Snowflake | None = None
    target_id: Snowflake | None = None

    def path(self) -> tuple[str, ...]:
        """The invoked name path: ``("config", "set", "color")`` for a subcommand."""
        names = [self.name]
        options = self.options
        while options:
            nested = options[0]
            if nested.type not in _NESTING:
                break
            names.append(nested.name)
            options = nested.options
        return tuple(names)

    def leaf_options(self) -> list[CommandInteractionOption]:
        """The options filled in for the invoked (sub)command."""
        options = self.options or []
        while options and options[0].type in _NESTING:
            options = options[0].options or []
        return options

    def focused_option(self) -> CommandInteractionOption | None:
        """The option being typed (autocomplete), at whatever depth."""
        return next((o for o in self.leaf_options() if o.focused), None)


_NESTING = (
    ApplicationCommandOptionType.SUB_COMMAND,
    ApplicationCommandOptionType.SUB_COMMAND_GROUP,
)


class MessageComponentData(Model, kw_only=True):
    """The button or select that was used."""

    custom_id: _CustomId
    component_type: ComponentType
    id: int | None = None
    """The component's numeric id within its message."""
    values: list[str] | None = None
    """The chosen option values (string select) or ids (other selects)."""
    resolved: ResolvedData | None = None


# -- modal submissions ---------------------------------------------------------------


class UnknownSubmittedComponent(ComponentBase, tag=-1, kw_only=True):
    """A submitted component of a type ikit does not know yet, with its raw fields."""

    raw: dict[str, Any] = {}

    @property
    def type(self) -> ComponentType:
        value = self.raw.get("type")
        return ComponentType(value if isinstance(value, int) else -1)


class SubmittedInput(ComponentBase, kw_only=True):
    """Base of every submitted input: it has the custom_id the app gave it."""

    custom_id: _CustomId

    @property
    def submitted(self) -> str | list[str] | bool | None:
        """The submitted value, whatever the input's kind."""
        raise NotImplementedError


class SubmittedTextInput(SubmittedInput, tag=4, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.TEXT_INPUT
    value: str

    @property
    def submitted(self) -> str:
        return self.value


class _SubmittedValues(SubmittedInput, kw_only=True):
    values: list[str] = []

    @property
    def submitted(self) -> list[str]:
        return self.values


class SubmittedStringSelect(_SubmittedValues, tag=3, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.STRING_SELECT


class SubmittedUserSelect(_SubmittedValues, tag=5, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.USER_SELECT


class SubmittedRoleSelect(_SubmittedValues, tag=6, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.ROLE_SELECT


class SubmittedMentionableSelect(_SubmittedValues, tag=7, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.MENTIONABLE_SELECT


class SubmittedChannelSelect(_SubmittedValues, tag=8, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.CHANNEL_SELECT


class SubmittedFileUpload(_SubmittedValues, tag=19, kw_only=True):
    """``values`` are attachment ids; the attachments are in ``data.resolved``."""

    type: ClassVar[ComponentType] = ComponentType.FILE_UPLOAD


class SubmittedCheckboxGroup(_SubmittedValues, tag=22, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.CHECKBOX_GROUP


class SubmittedRadioGroup(SubmittedInput, tag=21, kw_only=True):
    """``value`` is None when nothing was chosen."""

    type: ClassVar[ComponentType] = ComponentType.RADIO_GROUP
    value: str | None = None

    @property
    def submitted(self) -> str | None:
        return self.value


class SubmittedCheckbox(SubmittedInput, tag=23, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.CHECKBOX
    value: bool = False

    @property
    def submitted(self) -> bool:
        return self.value


SubmittedComponent = (
    SubmittedTextInput
    | SubmittedStringSelect
    | SubmittedUserSelect
    | SubmittedRoleSelect
    | SubmittedMentionableSelect
    | SubmittedChannelSelect
    | SubmittedFileUpload
    | SubmittedRadioGroup
    | SubmittedCheckboxGroup
    | SubmittedCheckbox
    | UnknownSubmittedComponent
)


class SubmittedLabel(ComponentBase, tag=18, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.LABEL
    component: SubmittedComponent


class SubmittedTextDisplay(ComponentBase, tag=10, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.TEXT_DISPLAY


class SubmittedActionRow(ComponentBase, tag=1, kw_only=True):
    """The deprecated modal layout: a row holding one text input."""

    type: ClassVar[ComponentType] = ComponentType.ACTION_ROW
    components: list[SubmittedComponent] = []


ModalSubmitComponent = (
    SubmittedLabel
    | SubmittedTextDisplay
    | SubmittedActionRow
    | UnknownSubmittedComponent
)


class ModalSubmitData(Model, kw_only=True):
    """A submitted modal: its custom_id and the value of every input."""

    custom_id: _CustomId
    components: list[ModalSubmitComponent] = []
    resolved: ResolvedData | None = None

    def inputs(self) -> Iterator[SubmittedInput]:
        """Every submitted input, in the order the modal showed them."""
        for item in self.components:
            if isinstance(item, SubmittedLabel):
                if isinstance(item.component, SubmittedInput):
                    yield item.component
            elif isinstance(item, SubmittedActionRow):
                yield from (c for c in item.components if isinstance(c, SubmittedInput))

    def values(self) -> dict[str, str | list[str] | bool | None]:
        """The submitted value of every input, by custom_id."""
        return {item.custom_id: item.submitted for item in self.inputs()}


# -- the interaction -----------------------------------------------------------------


class InteractionBase(Model, tag_field="type", kw_only=True):
    """Fields every interaction carries."""

    id: Snowflake
    application_id: Snowflake = Snowflake(0)
    """Always sent today; 0 only for payloads from before 2021, which lacked it."""
    token: str
    """Valid for 15 minutes, for followups and edits of the response."""
    version: int = 1
    guild: PartialGuild | None = None
    guild_id: Snowflake | None = None
    channel: PartialChannel | None = None
    channel_id: Snowflake | None = None
    member: Member | None = None
    """The invoking member, in a guild (with ``user`` and ``permissions``)."""
    user: User | None = None
    """The invoking user, outside a guild."""
    locale: str | None = None
    guild_locale: str | None = None
    app_permissions: PermissionSet | None = None
    entitlements: list[Entitlement] = []
    authorizing_integration_owners: dict[ApplicationIntegrationType, Snowflake] = {}
    """Keyed by installation type: guild id (or 0 in the bot's DM) and user id."""
    context: InteractionContextType | None = None
    attachment_size_limit: int | None = None
    """The largest file, in bytes, the app may attach in its answer."""

    @property
    def author(self) -> User | None:
        """The user who triggered the interaction, in a guild or not."""
        if self.member is not None and self.member.user is not None:
            return self.member.user
        return self.user

    @property
    def is_user_install_only(self) -> bool:
        """True when only a user installation authorized the interaction: Discord then
        allows at most 5 followup messages."""
        owners = self.authorizing_integration_owners
        return bool(owners) and ApplicationIntegrationType.GUILD_INSTALL not in owners


class PingInteraction(InteractionBase, tag=1, kw_only=True):
    """Discord checking that the endpoint is alive; answered with a PONG."""

    type: ClassVar[InteractionType] = InteractionType.PING


class ApplicationCommandInteraction(InteractionBase, tag=2, kw_only=True):
    """A slash, user or message command."""

    type: ClassVar[InteractionType] = InteractionType.APPLICATION_COMMAND
    data: ApplicationCommandData


class MessageComponentInteraction(InteractionBase, tag=3, kw_only=True):
    """A button click or a select choice, on ``message``."""

    type: ClassVar[InteractionType] = InteractionType.MESSAGE_COMPONENT
    data: MessageComponentData
    message: Message | None = None


class AutocompleteInteraction(InteractionBase, tag=4, kw_only=True):
    """A user typing into an option that has autocomplete."""

    type: ClassVar[InteractionType] = InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
    data: ApplicationCommandData


class ModalSubmitInteraction(InteractionBase, tag=5, kw_only=True):
    """A submitted modal; ``message`` is set when a component opened the modal."""

    type: ClassVar[InteractionType] = InteractionType.MODAL_SUBMIT
    data: ModalSubmitData
    message: Message | None = None


class UnknownInteraction(InteractionBase, tag=-1, kw_only=True):
    """An interaction of a type ikit does not know yet, with its raw payload."""

    raw: dict[str, Any] = {}

    @property
    def type(self) -> InteractionType:
        value = self.raw.get("type")
        return InteractionType(value if isinstance(value, int) else -1)


Interaction = (
    PingInteraction
    | ApplicationCommandInteraction
    | MessageComponentInteraction
    | AutocompleteInteraction
    | ModalSubmitInteraction
    | UnknownInteraction
)
"""Any interaction Discord sends."""
