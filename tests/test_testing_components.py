"""Components and modals through the simulated Discord: clicks, selects of every
kind, modals with every input type, and what a user cannot do with them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

import ikit
from ikit import models, ui
from ikit.models import Attachment, PartialChannel, Role, User
from ikit.testing import ActionImpossible, Discord, payloads

pytestmark = pytest.mark.anyio


def _app() -> ikit.App:
    app = ikit.App()

    @app.command
    async def shop(ctx: ikit.CommandContext) -> ikit.Response:
        """Selects of every kind."""
        return ctx.reply(
            "Choose.",
            ui.ActionRow(
                ui.StringSelect(
                    ui.SelectOption("Tea", "tea"),
                    ui.SelectOption("Coffee", "coffee"),
                    "Juice",
                    custom_id="drink",
                    max_values=2,
                )
            ),
            ui.ActionRow(ui.UserSelect(custom_id="invite")),
            ui.ActionRow(ui.RoleSelect(custom_id="grant", max_values=2)),
            ui.ActionRow(ui.ChannelSelect(custom_id="post-in")),
            ui.ActionRow(ui.MentionableSelect(custom_id="ping", disabled=True)),
        )

    @app.component("drink")
    async def drink(ctx: ikit.ComponentContext, values: list[str]) -> ikit.Response:
        return ctx.reply(f"You picked {' and '.join(values)}.")

    @app.component("invite")
    async def invite(ctx: ikit.ComponentContext, values: list[User]) -> ikit.Response:
        return ctx.reply(f"Invited {values[0].username}.")

    @app.component("grant")
    async def grant(ctx: ikit.ComponentContext, values: list[Role]) -> ikit.Response:
        return ctx.reply(f"Granted {', '.join(r.name for r in values)}.")

    @app.component("post-in")
    async def post_in(
        ctx: ikit.ComponentContext, values: list[PartialChannel]
    ) -> ikit.Response:
        return ctx.reply(f"Posting in #{values[0].name}.")

    @app.command
    async def panel(ctx: ikit.CommandContext) -> ikit.Response:
        """Buttons of every kind."""
        return ctx.reply(
            "Count: 0",
            ui.ActionRow(
                ui.Button("Count", custom_id=count.custom_id(n=1)),
                ui.Button("Later", custom_id="later"),
                ui.Button("Feedback", custom_id="feedback"),
                ui.Button("Off", custom_id="off", disabled=True),
                ui.Button("Docs", url="https://example.com/docs"),
            ),
        )

    @app.component("count/{n}")
    async def count(ctx: ikit.ComponentContext, n: int) -> ikit.Response:
        button = ui.Button("Count", custom_id=count.custom_id(n=n + 1))
        return ctx.update(f"Count: {n}", ui.ActionRow(button))

    @app.component("later")
    async def later(ctx: ikit.ComponentContext) -> None:
        await ctx.send(ctx.defer_update())
        await ctx.edit_original(content="Done later.")

    @app.component("feedback")
    async def open_feedback(ctx: ikit.ComponentContext) -> ikit.Response:
        return ctx.modal(
            ui.Modal(
                "Tell us.",
                ui.TextInput(custom_id="comment", label="Comment", max_length=20),
                ui.StringSelect("good", "bad", custom_id="mood", label="Mood"),
                ui.UserSelect(custom_id="friends", label="Friends", max_values=2),
                ui.FileUpload(custom_id="files", label="Files", required=False),
                custom_id="feedback",
                title="Feedback",
            )
        )

    @app.modal("feedback")
    async def feedback(
        ctx: ikit.ModalContext,
        comment: str = "",
        mood: list[str] | None = None,
        friends: list[User] | None = None,
        files: list[Attachment] | None = None,
    ) -> ikit.Response:
        names = ", ".join(u.username for u in friends or [])
        shown = ", ".join(f.filename for f in files or [])
        return ctx.update(f"{comment} / {mood} / {names} / {shown}")

    @app.command
    async def settings(ctx: ikit.CommandContext) -> ikit.Response:
        """The other inputs."""
        return ctx.modal(
            ui.Modal(
                ui.MentionableSelect(custom_id="notify", label="Notify"),
                ui.ChannelSelect(custom_id="log/channel", label="Log channel"),
                ui.RadioGroup("small", "large", custom_id="size", label="Size"),
                ui.CheckboxGroup(
                    "mon", "tue", "wed", custom_id="days", label="Days", min_values=1
                ),
                ui.Checkbox(custom_id="subscribe", label="Subscribe"),
                custom_id="settings",
                title="Settings",
            )
        )

    @app.modal("settings")
    async def save(
        ctx: ikit.ModalContext,
        notify: list[User | Role] | None = None,
        size: str | None = None,
        days: list[str] | None = None,
        subscribe: bool = False,
    ) -> ikit.Response:
        channel = ctx.interaction.data.values()["log/channel"]
        kinds = [type(n).__name__ for n in notify or []]
        return ctx.reply(f"{kinds} {channel} {size} {days} {subscribe}", ephemeral=True)

    return app


@pytest.fixture
async def discord() -> AsyncIterator[Discord]:
    async with Discord(_app()) as simulator:
        yield simulator


# -- selects ------------------------------------------------------------------------


async def test_a_string_select_takes_values_or_labels(discord: Discord) -> None:
    shop = await discord.run("shop")

    reply = await discord.select(shop, "tea", "Juice", custom_id="drink")

    assert reply.content == "You picked tea and Juice."


async def test_selects_of_users_roles_and_channels(discord: Discord) -> None:
    shop = await discord.run("shop")
    mods, crew = payloads.role(name="Mods"), payloads.role(name="Crew")

    invited = await discord.select(
        shop, payloads.user(id=61, username="ada"), custom_id="invite"
    )
    granted = await discord.select(shop, mods, crew, custom_id="grant")
    posted = await discord.select(
        shop, payloads.channel(id=62, name="news"), custom_id="post-in"
    )

    assert invited.content == "Invited ada."
    assert granted.content == "Granted Mods, Crew."
    assert posted.content == "Posting in #news."


@pytest.mark.parametrize(
    ("values", "custom_id", "message"),
    [
        (("tea", "coffee", "Juice"), "drink", r"'drink' takes 1 to 2 values; a user "),
        (("milk",), "drink", r"no option 'milk'; its options: 'tea', 'coffee'"),
        ((1,), "ping", r"The select 'ping' is disabled: a user cannot choose in it"),
        ((1,), "nope", r"no select with custom_id 'nope'; its selects: 'drink'"),
        ((1,), None, r"several selects \('drink', .*\); pass custom_id= to"),
    ],
    ids=["too-many", "not-an-option", "disabled", "unknown", "ambiguous"],
)
async def test_what_a_user_cannot_choose(
    discord: Discord, values: tuple[object, ...], custom_id: str | None, message: str
) -> None:
    shop = await discord.run("shop")

    with pytest.raises(ActionImpossible, match=message):
        await discord.select(shop, *values, custom_id=custom_id)


# -- buttons ------------------------------------------------------------------------


async def test_an_update_edits_the_message_in_place(discord: Discord) -> None:
    panel = await discord.run("panel")

    first = await discord.click(panel, label="Count")
    second = await discord.click(first, label="Count")

    assert (first.id, second.id) == (panel.id, panel.id)
    assert second.content == "Count: 2"
    assert second.edited_timestamp is not None
    assert [m.content for m in discord.messages()] == ["Count: 2"]


async def test_a_deferred_update_shows_the_later_edit(discord: Discord) -> None:
    panel = await discord.run("panel")

    edited = await discord.click(panel, custom_id="later")

    assert edited.id == panel.id
    assert edited.content == "Done later."


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("Off", r"^The button 'Off' is disabled: a user cannot click it\.$"),
        ("Docs", r"'Docs' is a link: Discord opens https://example\.com/docs and"),
        ("Nope", r"no button 'Nope'.*its buttons: 'Count', 'Later', 'Feedback'"),
    ],
    ids=["disabled", "link", "missing"],
)
async def test_what_a_user_cannot_click(
    discord: Discord, label: str, message: str
) -> None:
    panel = await discord.run("panel")

    with pytest.raises(ActionImpossible, match=message):
        await discord.click(panel, label=label)


async def test_a_deleted_message_cannot_be_clicked(discord: Discord) -> None:
    panel = await discord.run("panel")
    async with discord.rest_client() as rest:
        await rest.delete_message(int(panel.channel_id), int(panel.id))

    with pytest.raises(ActionImpossible, match=r"was deleted: a user cannot use its"):
        await discord.click(panel, label="Count")


# -- modals -------------------------------------------------------------------------


async def test_a_modal_from_a_button_updates_its_message(discord: Discord) -> None:
    panel = await discord.run("panel")
    modal = await discord.click_modal(panel, label="Feedback")

    updated = await discord.submit(
        modal,
        comment="Nice",
        mood="good",
        friends=[payloads.user(username="ada"), payloads.user(id=71, username="bo")],
        files=[payloads.attachment("a.png")],
    )

    assert updated.id == panel.id
    assert updated.content == "Nice / ['good'] / ada, bo / a.png"


async def test_inputs_left_out_keep_their_defaults(discord: Discord) -> None:
    panel = await discord.run("panel")
    modal = await discord.click_modal(panel, label="Feedback")

    updated = await discord.submit(modal, comment="Ok", mood="bad", friends=[61])

    assert updated.content == "Ok / ['bad'] / user61 / "


async def test_a_modal_with_the_other_inputs(discord: Discord) -> None:
    modal = await discord.run_modal("settings")

    reply = await discord.submit(
        modal,
        {"log/channel": [payloads.channel(id=81)]},
        notify=[payloads.role()],
        size="large",
        days=["mon", "wed"],
        subscribe=True,
    )

    assert reply.content == "['Role'] ['81'] large ['mon', 'wed'] True"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"mood": "good", "friends": [1]}, r"'comment' is required: a user cannot"),
        ({"comment": "x" * 21, "mood": "good", "friends": [1]}, r"takes 0 to 20 char"),
        ({"comment": "x", "mood": "good", "friends": [1], "age": 3}, r"no input 'age'"),
        ({"comment": "x", "friends": [1]}, r"The string select 'mood' takes 1 values"),
    ],
    ids=["required", "too-long", "unknown-input", "select-required"],
)
async def test_what_a_user_cannot_submit(
    discord: Discord, fields: dict[str, object], message: str
) -> None:
    panel = await discord.run("panel")
    modal = await discord.click_modal(panel, label="Feedback")

    with pytest.raises(ActionImpossible, match=message):
        await discord.submit(modal, **fields)


async def test_the_modal_is_a_modal_model(discord: Discord) -> None:
    modal = await discord.run_modal("settings")

    assert isinstance(modal, models.Modal)
    assert modal.custom_id == "settings"
