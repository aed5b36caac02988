"""Modals through ``app.dispatch``: opened by a command or a button, submitted with
every input type, each field converted to its handler parameter's annotation."""

from __future__ import annotations

from typing import Any

import pytest

import ikit
from ikit import models, ui
from ikit.errors import DecodeError
from ikit.models import Attachment, PartialChannel, Role, User
from tests.test_app_payloads import (
    ATTACHMENT_ID,
    OTHER_USER_ID,
    ROLE_ID,
    TEXT_CHANNEL_ID,
    USER_ID,
    attachment,
    channel,
    click,
    decode,
    label,
    option,
    partial_member,
    role,
    slash,
    submit,
    user,
)

pytestmark = pytest.mark.anyio

SCREENSHOT_ID = "1100000000000000011"


def field(kind: int, custom_id: str, **value: Any) -> dict[str, Any]:
    return {"type": kind, "id": 2, "custom_id": custom_id, **value}


def every_input() -> list[dict[str, Any]]:
    """One submitted Label per input type, in a modal of up to five per page."""
    return [
        label(field(4, "title", value="Crash on start")),
        label(field(3, "area", values=["ui", "server"])),
        label(field(5, "assignees", values=[OTHER_USER_ID, USER_ID])),
        label(field(6, "teams", values=[ROLE_ID])),
        label(field(7, "watchers", values=[OTHER_USER_ID, ROLE_ID])),
        label(field(8, "where", values=[TEXT_CHANNEL_ID])),
        label(field(19, "screenshots", values=[ATTACHMENT_ID, SCREENSHOT_ID])),
        label(field(21, "severity", value="high")),
        label(field(21, "priority", value=None)),
        label(field(22, "platforms", values=["linux", "mac"])),
        label(field(23, "contact", value=True)),
    ]


def every_resolved() -> dict[str, Any]:
    return {
        "users": {
            OTHER_USER_ID: user(OTHER_USER_ID, "ann"),
            USER_ID: user(USER_ID, "mason"),
        },
        "members": {OTHER_USER_ID: partial_member(nick="Annie")},
        "roles": {ROLE_ID: role()},
        "channels": {TEXT_CHANNEL_ID: channel()},
        "attachments": {
            ATTACHMENT_ID: attachment(),
            SCREENSHOT_ID: attachment(SCREENSHOT_ID, "log.png"),
        },
    }


def report_app(seen: dict[str, object]) -> ikit.App:
    app = ikit.App(application_id=1)

    @app.modal("report/{project}")
    async def report(
        ctx: ikit.ModalContext,
        project: int,
        title: str,
        area: list[str],
        assignees: list[User],
        teams: list[Role],
        watchers: list[User | Role],
        where: list[PartialChannel],
        screenshots: list[Attachment],
        severity: str | None,
        priority: str | None,
        platforms: list[str],
        contact: bool,
        notes: str = "none",
    ) -> ikit.Response:
        seen.update(
            project=project,
            title=title,
            area=area,
            assignees=assignees,
            teams=teams,
            watchers=watchers,
            where=where,
            screenshots=screenshots,
            severity=severity,
            priority=priority,
            platforms=platforms,
            contact=contact,
            notes=notes,
        )
        return ctx.reply(f"Filed {title!r} in project {project}.", ephemeral=True)

    return app


def _names(value: object) -> list[str]:
    assert isinstance(value, list)
    return [
        str(getattr(item, "username", None) or getattr(item, "name", None))
        for item in value
    ]


RECEIVED = [
    ("project", lambda v: v == 7),
    ("title", lambda v: v == "Crash on start"),
    ("area", lambda v: v == ["ui", "server"]),
    ("assignees", lambda v: _names(v) == ["ann", "mason"]),
    ("teams", lambda v: _names(v) == ["Moderators"]),
    ("watchers", lambda v: [type(x) for x in v] == [User, Role]),
    ("where", lambda v: _names(v) == ["announcements"]),
    ("screenshots", lambda v: [a.filename for a in v] == ["bug.png", "log.png"]),
    ("severity", lambda v: v == "high"),
    ("priority", lambda v: v is None),
    ("platforms", lambda v: v == ["linux", "mac"]),
    ("contact", lambda v: v is True),
    ("notes", lambda v: v == "none"),
]


@pytest.mark.parametrize(
    ("param", "check"), [pytest.param(n, c, id=n) for n, c in RECEIVED]
)
async def test_every_modal_input_arrives_converted(param: str, check: Any) -> None:
    seen: dict[str, object] = {}
    payload = submit("report/7", every_input(), resolved=every_resolved())

    response = await report_app(seen).dispatch(decode(payload))

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.content == "Filed 'Crash on start' in project 7."
    assert check(seen[param]), f"{param} received {seen[param]!r}"


async def test_a_user_select_in_a_modal_may_give_members() -> None:
    app = ikit.App(application_id=1)
    seen: list[object] = []

    @app.modal("assign")
    async def assign(ctx: ikit.ModalContext, who: list[models.Member]) -> ikit.Response:
        seen.extend(who)
        return ctx.reply("ok")

    payload = submit(
        "assign",
        [label(field(5, "who", values=[OTHER_USER_ID]))],
        resolved=every_resolved(),
    )

    await app.dispatch(decode(payload))

    (annie,) = seen
    assert isinstance(annie, models.Member)
    assert annie.nick == "Annie"
    assert annie.user is not None
    assert annie.user.username == "ann"


async def test_the_deprecated_action_row_layout_still_fills_fields() -> None:
    app = ikit.App(application_id=1)

    @app.modal("rename")
    async def rename(ctx: ikit.ModalContext, name: str) -> ikit.Response:
        return ctx.reply(f"Renamed to {name}.")

    row = {"type": 1, "id": 1, "components": [field(4, "name", value="Ada")]}
    response = await app.dispatch(decode(submit("rename", [row])))

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.content == "Renamed to Ada."


async def test_a_missing_field_without_a_default_is_refused() -> None:
    app = ikit.App(application_id=1)

    @app.modal("rename")
    async def rename(ctx: ikit.ModalContext, name: str) -> ikit.Response:
        return ctx.reply(name)

    payload = submit("rename", [label(field(4, "other", value="x"))])

    with pytest.raises(
        DecodeError, match="The modal submission has no field with custom_id 'name'"
    ):
        await app.dispatch(decode(payload))


# -- a modal opened, then submitted --------------------------------------------------


def feedback_app(seen: list[object]) -> tuple[ikit.App, Any]:
    app = ikit.App(application_id=1)

    @app.modal("feedback/{topic}")
    async def feedback(
        ctx: ikit.ModalContext,
        topic: str,
        comment: str = "",
        mood: str | None = None,
        follow_up: bool = False,
    ) -> ikit.Response:
        seen.append((topic, comment, mood, follow_up, ctx.message is not None))
        if ctx.message is not None:
            return ctx.update(f"Thanks for your feedback on {topic}.")
        return ctx.reply(f"Thanks for your feedback on {topic}.", ephemeral=True)

    def form(topic: str) -> models.Modal:
        return ui.Modal(
            ui.TextInput(custom_id="comment", label="Comment", style="paragraph"),
            ui.RadioGroup("good", "bad", custom_id="mood", label="Mood"),
            ui.Checkbox(custom_id="follow_up", label="You may contact me"),
            custom_id=feedback.custom_id(topic=topic),
            title="Feedback",
        )

    @app.command
    async def rate(ctx: ikit.CommandContext, topic: str) -> ikit.Response:
        """Rate something."""
        return ctx.modal(form(topic))

    @app.component("rate/{topic}")
    async def rate_button(ctx: ikit.ComponentContext, topic: str) -> ikit.Response:
        return ctx.modal(form(topic))

    return app, feedback


#: What a user submits in the feedback modal: a comment, a mood, the box ticked.
ANSWERS: dict[models.ComponentType, dict[str, Any]] = {
    models.ComponentType.TEXT_INPUT: {"value": "Nice"},
    models.ComponentType.RADIO_GROUP: {"value": "good"},
    models.ComponentType.CHECKBOX: {"value": True},
}


def answers(modal: models.Modal) -> list[dict[str, Any]]:
    """The submitted Labels of ``modal``, answered with ANSWERS."""
    submitted = []
    for item in modal.components:
        assert isinstance(item, models.Label)
        component = item.component
        assert not isinstance(component, models.UnknownComponent)
        answer = ANSWERS[component.type]
        submitted.append(
            label(field(int(component.type), component.custom_id, **answer))
        )
    return submitted


@pytest.mark.parametrize(
    ("opener", "from_message", "expected"),
    [
        pytest.param(
            slash("rate", [option("topic", 3, "docs/ui")]),
            False,
            models.MessageResponse,
            id="opened-by-a-command",
        ),
        pytest.param(
            click("rate/docs~1ui"), True, models.UpdateMessageResponse, id="by-a-button"
        ),
    ],
)
async def test_a_modal_opened_by_a_handler_is_submitted_to_its_route(
    opener: dict[str, Any], from_message: bool, expected: type
) -> None:
    seen: list[object] = []
    app, _ = feedback_app(seen)

    opened = await app.dispatch(decode(opener))
    assert isinstance(opened, models.ModalResponse)
    modal = opened.data
    payload = submit(modal.custom_id, answers(modal), from_message=from_message)
    response = await app.dispatch(decode(payload))

    assert modal.custom_id == "feedback/docs~1ui"
    assert isinstance(response, expected)
    assert seen == [("docs/ui", "Nice", "good", True, from_message)]


async def test_fields_left_out_of_the_submission_take_their_defaults() -> None:
    seen: list[object] = []
    app, feedback = feedback_app(seen)

    payload = submit(feedback.custom_id(topic="x"), [], from_message=False)
    await app.dispatch(decode(payload))

    assert seen == [("x", "", None, False, False)]
