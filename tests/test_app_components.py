"""Buttons and selects through ``app.dispatch``: every select type with typed values,
and custom_id routes built by ``handler.custom_id(...)`` then dispatched back."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from typing import Any, Literal

import pytest

import ikit
from ikit import models, ui
from ikit.errors import CustomIdError, DeclarationError, DecodeError
from ikit.models import Member, PartialChannel, Role, Snowflake, User
from tests.test_app_payloads import (
    OTHER_USER_ID,
    ROLE_ID,
    TEXT_CHANNEL_ID,
    THREAD_ID,
    USER_ID,
    channel,
    click,
    decode,
    partial_member,
    role,
    select,
    thread,
    user,
)

pytestmark = pytest.mark.anyio

ANN = OTHER_USER_ID
ADMINS = "1100000000000000016"


def people() -> dict[str, Any]:
    """Resolved data of a user select: users, and their members in a guild."""
    return {
        "users": {USER_ID: user(USER_ID, "mason"), ANN: user(ANN, "ann")},
        "members": {USER_ID: partial_member(), ANN: partial_member(nick="Annie")},
    }


def content(response: ikit.Response) -> str | None:
    assert isinstance(response, models.MessageResponse | models.UpdateMessageResponse)
    assert response.data is not None
    return response.data.content


# -- every select type ---------------------------------------------------------------


def selects_app(seen: list[object]) -> ikit.App:
    app = ikit.App(application_id=1)

    @app.component("drinks")
    async def drinks(ctx: ikit.ComponentContext, values: list[str]) -> ikit.Response:
        seen.extend(values)
        return ctx.update(f"You chose {', '.join(values)}.")

    @app.component("invite")
    async def invite(ctx: ikit.ComponentContext, values: list[User]) -> ikit.Response:
        seen.extend(values)
        return ctx.reply(", ".join(u.username for u in values), ephemeral=True)

    @app.component("invite-members")
    async def invite_members(
        ctx: ikit.ComponentContext, values: list[Member]
    ) -> ikit.Response:
        seen.extend(values)
        return ctx.reply(", ".join(str(m.nick) for m in values), ephemeral=True)

    @app.component("grant")
    async def grant(ctx: ikit.ComponentContext, values: list[Role]) -> ikit.Response:
        seen.extend(values)
        return ctx.reply(", ".join(r.name for r in values), ephemeral=True)

    @app.component("notify")
    async def notify(
        ctx: ikit.ComponentContext, values: list[User | Role]
    ) -> ikit.Response:
        seen.extend(values)
        names = [v.username if isinstance(v, User) else v.name for v in values]
        return ctx.reply(", ".join(names), ephemeral=True)

    @app.component("post-in")
    async def post_in(
        ctx: ikit.ComponentContext, values: list[PartialChannel]
    ) -> ikit.Response:
        seen.extend(values)
        return ctx.reply(", ".join(str(c.name) for c in values), ephemeral=True)

    return app


async def test_a_string_select_gives_its_values_as_strings() -> None:
    seen: list[object] = []
    payload = select("drinks", 3, ["tea", "coffee"])

    response = await selects_app(seen).dispatch(decode(payload))

    assert isinstance(response, models.UpdateMessageResponse)
    assert content(response) == "You chose tea, coffee."
    assert seen == ["tea", "coffee"]


async def test_a_user_select_gives_users() -> None:
    seen: list[object] = []
    payload = select("invite", 5, [ANN, USER_ID], people())

    response = await selects_app(seen).dispatch(decode(payload))

    assert content(response) == "ann, mason"
    assert all(type(u) is User for u in seen)


async def test_a_user_select_gives_members_with_their_user() -> None:
    seen: list[object] = []
    payload = select("invite-members", 5, [ANN], people())

    response = await selects_app(seen).dispatch(decode(payload))

    assert content(response) == "Annie"
    (annie,) = seen
    assert isinstance(annie, Member)
    assert annie.user is not None
    assert annie.user.username == "ann"


async def test_a_role_select_gives_roles() -> None:
    seen: list[object] = []
    resolved = {"roles": {ROLE_ID: role(), ADMINS: role(ADMINS, "Admins")}}
    payload = select("grant", 6, [ADMINS, ROLE_ID], resolved)

    response = await selects_app(seen).dispatch(decode(payload))

    assert content(response) == "Admins, Moderators"
    assert all(type(r) is Role for r in seen)


async def test_a_mentionable_select_gives_users_and_roles() -> None:
    seen: list[object] = []
    resolved = {**people(), "roles": {ROLE_ID: role()}}
    payload = select("notify", 7, [ANN, ROLE_ID], resolved)

    response = await selects_app(seen).dispatch(decode(payload))

    assert content(response) == "ann, Moderators"
    assert [type(v) for v in seen] == [User, Role]


async def test_a_channel_select_gives_channels_and_threads() -> None:
    seen: list[object] = []
    resolved = {"channels": {TEXT_CHANNEL_ID: channel(), THREAD_ID: thread()}}
    payload = select("post-in", 8, [TEXT_CHANNEL_ID, THREAD_ID], resolved)

    response = await selects_app(seen).dispatch(decode(payload))

    assert content(response) == "announcements, bug-reports"
    kinds = [c.type for c in seen if isinstance(c, PartialChannel)]
    assert kinds == [models.ChannelType.GUILD_TEXT, models.ChannelType.PUBLIC_THREAD]


async def test_an_emptied_select_gives_an_empty_list() -> None:
    seen: list[object] = []
    payload = select("invite", 5, [], {})

    response = await selects_app(seen).dispatch(decode(payload))

    assert content(response) == ""
    assert seen == []


async def test_a_select_value_missing_from_resolved_data_is_refused() -> None:
    payload = select("grant", 6, [ADMINS], {"roles": {ROLE_ID: role()}})

    with pytest.raises(
        DecodeError,
        match=f"Value {ADMINS} of 'values' is not among the interaction's resolved",
    ):
        await selects_app([]).dispatch(decode(payload))


async def test_values_typed_as_a_sequence_with_a_default_convert_too() -> None:
    # A default keeps `values` out of what custom_id() asks for (see the typing
    # examples), and Sequence[...] reads as list[...].
    app = ikit.App(application_id=1)
    seen: list[object] = []

    @app.component("invite/{page}")
    async def invite(
        ctx: ikit.ComponentContext, page: int, values: Sequence[User] = ()
    ) -> ikit.Response:
        seen.extend([page, *values])
        return ctx.update(f"page {page}")

    payload = select(invite.custom_id(page=2), 5, [ANN], people())

    await app.dispatch(decode(payload))

    assert seen[0] == 2
    assert [type(u) for u in seen[1:]] == [User]


async def test_a_button_handler_sees_the_message_it_is_on() -> None:
    app = ikit.App(application_id=1)

    @app.component("refresh")
    async def refresh(ctx: ikit.ComponentContext) -> ikit.Response:
        assert ctx.message is not None
        return ctx.update(f"{ctx.custom_id} on {ctx.message.id} by {ctx.user.id}")

    response = await app.dispatch(decode(click("refresh")))

    assert content(response) == f"refresh on 1270000000000000120 by {USER_ID}"


# -- routes: build, then parse through dispatch -------------------------------------


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


ROUND_TRIPS = [
    pytest.param(str, "a/b~c d", "echo/a~1b~0c d", id="str-with-separators"),
    pytest.param(str, "", "echo/", id="empty-str"),
    pytest.param(int, -42, "echo/-42", id="int"),
    pytest.param(float, 0.5, "echo/0.5", id="float"),
    pytest.param(bool, True, "echo/1", id="bool"),
    pytest.param(
        Snowflake,
        Snowflake(80351110224678912),
        "echo/80351110224678912",
        id="snowflake",
    ),
    pytest.param(
        uuid.UUID,
        uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "echo/EjRWeBI0VngSNFZ4EjRWeA",
        id="uuid",
    ),
    pytest.param(Color, Color.BLUE, "echo/blue", id="enum"),
    pytest.param(Literal["yes", "no"], "no", "echo/no", id="literal"),
    pytest.param(int | None, None, "echo/~", id="optional-none"),
    pytest.param(int | None, 7, "echo/7", id="optional-value"),
]


def echo_app(annotation: object, seen: list[object]) -> tuple[ikit.App, Any]:
    app = ikit.App(application_id=1)

    async def echo(ctx: ikit.ComponentContext, value: Any) -> ikit.Response:
        seen.append(value)
        return ctx.defer_update()

    echo.__annotations__["value"] = annotation
    return app, app.component("echo/{value}")(echo)


@pytest.mark.parametrize(("annotation", "value", "custom_id"), ROUND_TRIPS)
async def test_a_built_custom_id_dispatches_back_to_the_same_value(
    annotation: object, value: object, custom_id: str
) -> None:
    seen: list[object] = []
    app, echo = echo_app(annotation, seen)

    built = echo.custom_id(value=value)
    response = await app.dispatch(decode(click(built)))

    assert built == custom_id
    assert isinstance(response, models.DeferredUpdateResponse)
    assert seen == [value]
    assert type(seen[0]) is type(value)


def poll_app(seen: list[object]) -> tuple[ikit.App, Any, Any]:
    app = ikit.App(application_id=1)

    @app.component("poll/{poll_id}/vote/{choice}")
    async def vote(
        ctx: ikit.ComponentContext, poll_id: uuid.UUID, choice: Literal["yes", "no"]
    ) -> ikit.Response:
        seen.append((poll_id, choice))
        return ctx.reply(f"You voted {choice}.", ephemeral=True)

    @app.component("poll/{poll_id}/close")
    async def close(ctx: ikit.ComponentContext, poll_id: uuid.UUID) -> ikit.Response:
        seen.append(poll_id)
        return ctx.update("Closed.")

    return app, vote, close


async def test_routes_that_share_a_first_segment_each_get_their_clicks() -> None:
    seen: list[object] = []
    app, vote, close = poll_app(seen)
    poll_id = uuid.uuid4()
    message = ui.Message(
        ui.ActionRow(
            ui.Button("Yes", custom_id=vote.custom_id(poll_id=poll_id, choice="yes")),
            ui.Button("Close", custom_id=close.custom_id(poll_id=poll_id)),
        )
    )
    row = (message.components or [])[0]
    assert isinstance(row, models.ActionRow)
    ids = [b.custom_id for b in row.components if isinstance(b, models.Button)]

    answers = [await app.dispatch(decode(click(str(i)))) for i in ids]

    assert [content(a) for a in answers] == ["You voted yes.", "Closed."]
    assert seen == [(poll_id, "yes"), poll_id]


def test_custom_id_takes_the_parameters_by_keyword() -> None:
    _, vote, _ = poll_app([])

    with pytest.raises(TypeError, match="takes the template's parameters by keyword"):
        vote.custom_id(uuid.uuid4(), "yes")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"choice": "maybe"},
            r"parameter 'choice' must be one of 'yes', 'no', got 'maybe'",
            id="wrong-literal",
        ),
        pytest.param(
            {"choice": "yes", "poll_id": "not-a-uuid"},
            r"parameter 'poll_id' must be a uuid\.UUID, got 'not-a-uuid'",
            id="wrong-type",
        ),
        pytest.param(
            {"choice": "yes", "poll_id": uuid.UUID(int=1), "extra": 1},
            r"has no parameter 'extra'",
            id="unknown-parameter",
        ),
    ],
)
def test_custom_id_refuses_wrong_values_when_built(
    kwargs: dict[str, object], message: str
) -> None:
    _, vote, _ = poll_app([])
    kwargs.setdefault("poll_id", uuid.UUID(int=1))

    with pytest.raises(CustomIdError, match=message):
        vote.custom_id(**kwargs)


# -- the 100-character limit ---------------------------------------------------------


def note_app(seen: list[str]) -> tuple[ikit.App, Any]:
    app = ikit.App(application_id=1)

    @app.component("note/{text}")
    async def note(ctx: ikit.ComponentContext, text: str) -> ikit.Response:
        seen.append(text)
        return ctx.reply(text, ephemeral=True)

    return app, note


async def test_a_custom_id_of_exactly_100_characters_is_built_and_dispatched() -> None:
    seen: list[str] = []
    app, note = note_app(seen)

    custom_id = note.custom_id(text="é" * 95)
    await app.dispatch(decode(click(custom_id)))

    assert len(custom_id) == 100
    assert seen == ["é" * 95]


@pytest.mark.parametrize(
    ("text", "length"),
    [
        pytest.param("x" * 96, 101, id="one-over"),
        pytest.param("a/" * 40, 125, id="escapes-count"),
    ],
)
def test_a_custom_id_over_100_characters_is_refused_when_built(
    text: str, length: int
) -> None:
    _, note = note_app([])

    with pytest.raises(
        CustomIdError,
        match=rf"of route 'note/{{text}}' is {length} characters, over Discord's "
        r"limit of 100; parameter 'text' takes",
    ):
        note.custom_id(text=text)


# -- conflicts at registration -------------------------------------------------------


async def _handler(ctx: ikit.ComponentContext, a: int = 0, b: int = 0) -> ikit.Response:
    return ctx.defer_update()


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        pytest.param(
            "poll/{a}/close",
            "poll/{b}/close",
            r"route 'poll/\{b\}/close' conflicts with route 'poll/\{a\}/close', "
            r"added before: both match the same custom_ids",
            id="same-custom-ids",
        ),
        pytest.param(
            "poll/{a}/close",
            "poll/open/{a}",
            r"route 'poll/open/\{a\}' conflicts with route 'poll/\{a\}/close', "
            r"added before: templates that begin with 'poll' and have 3 segments",
            id="literals-elsewhere",
        ),
        pytest.param(
            "poll/{a}",
            "poll/{a}",
            r"route 'poll/\{a\}' conflicts with route 'poll/\{a\}'",
            id="same-template",
        ),
    ],
)
def test_conflicting_component_routes_are_refused_at_registration(
    first: str, second: str, message: str
) -> None:
    app = ikit.App()
    app.component(first)(_handler)

    with pytest.raises(DeclarationError, match=message):
        app.component(second)(_handler)


def test_a_component_and_a_modal_may_share_a_template() -> None:
    app = ikit.App()

    async def form(ctx: ikit.ModalContext, a: int) -> ikit.Response:
        return ctx.reply("ok")

    app.component("poll/{a}")(_handler)
    app.modal("poll/{a}")(form)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        pytest.param("vote/{missing}", r"'missing'", id="parameter-not-in-the-handler"),
        pytest.param("{a}/vote", r"must begin with a literal segment", id="no-literal"),
    ],
)
def test_a_broken_template_is_refused_at_registration(
    template: str, message: str
) -> None:
    with pytest.raises(DeclarationError, match=message):
        ikit.App().component(template)(_handler)


def test_a_sync_handler_is_refused_at_registration() -> None:
    def blocking(ctx: ikit.ComponentContext) -> ikit.Response:
        return ctx.defer_update()

    with pytest.raises(DeclarationError, match="must be an async function"):
        ikit.App().component("block")(blocking)  # type: ignore[arg-type]
