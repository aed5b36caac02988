"""What a type checker infers for ikit.ui, and the children it refuses.

mypy (strict, with warn_unused_ignores) checks this file in CI: each ``assert_type``
pins an inferred type, and each ``# type: ignore[...]`` line is a child Discord
forbids that the type checker flags; if it stopped flagging one, the unused ignore
would fail the check. Importing the file runs nothing; ``tests/test_ui_typing.py``
calls :func:`inferred` so the examples also run.
"""

from __future__ import annotations

from typing import assert_type

from ikit import models, ui
from ikit.rest import File


def inferred(admin: bool = False) -> None:
    """Each element is the models struct itself, with the precise type."""
    button = ui.Button("Go", custom_id="go", style="success")
    assert_type(button, models.Button)
    assert_type(
        ui.ActionRow(button, ui.Button("Docs", url="https://x.test")), models.ActionRow
    )
    assert_type(ui.ActionRow(ui.UserSelect(custom_id="u")), models.ActionRow)
    assert_type(ui.ActionRow(ui.TextInput(custom_id="t")), models.ModalActionRow)

    assert_type(ui.StringSelect("a", "b", custom_id="s"), models.StringSelect)
    assert_type(ui.SelectOption("a"), models.SelectOption)
    assert_type(ui.UserSelect(custom_id="u"), models.UserSelect)
    assert_type(ui.RoleSelect(custom_id="r"), models.RoleSelect)
    assert_type(ui.MentionableSelect(custom_id="m"), models.MentionableSelect)
    assert_type(ui.ChannelSelect(custom_id="c"), models.ChannelSelect)

    assert_type(ui.Section("a", accessory=button), models.Section)
    assert_type(ui.TextDisplay("a"), models.TextDisplay)
    assert_type(ui.Thumbnail("https://x.test/a.png"), models.Thumbnail)
    assert_type(ui.MediaGallery("https://x.test/a.png"), models.MediaGallery)
    assert_type(ui.MediaGalleryItem("https://x.test/a.png"), models.MediaGalleryItem)
    assert_type(ui.File("attachment://a.zip"), models.File)
    assert_type(ui.Separator(spacing="large"), models.Separator)
    assert_type(ui.Container("a", accent_color=0x5865F2), models.Container)

    # An input is itself without label=, and the Label around it with label=.
    assert_type(ui.TextInput(custom_id="t"), models.TextInput)
    assert_type(ui.TextInput(custom_id="t", label="Name"), models.Label)
    assert_type(ui.StringSelect("a", custom_id="s", label="Pick"), models.Label)
    assert_type(ui.UserSelect(custom_id="u", label="Who"), models.Label)
    assert_type(ui.RoleSelect(custom_id="r", label="Role"), models.Label)
    assert_type(ui.MentionableSelect(custom_id="m", label="Who"), models.Label)
    assert_type(ui.ChannelSelect(custom_id="c", label="Where"), models.Label)
    assert_type(ui.FileUpload(custom_id="f"), models.FileUpload)
    assert_type(ui.FileUpload(custom_id="f", label="Files"), models.Label)
    assert_type(ui.RadioGroup("a", "b", custom_id="r"), models.RadioGroup)
    assert_type(ui.RadioGroup("a", "b", custom_id="r", label="One"), models.Label)
    assert_type(ui.CheckboxGroup("a", custom_id="c"), models.CheckboxGroup)
    assert_type(ui.CheckboxGroup("a", custom_id="c", label="Some"), models.Label)
    assert_type(ui.Checkbox(custom_id="c"), models.Checkbox)
    assert_type(ui.Checkbox(custom_id="c", label="Sure?"), models.Label)
    assert_type(ui.RadioGroupOption("a"), models.RadioGroupOption)
    assert_type(ui.Label("Name", ui.TextInput(custom_id="n")), models.Label)

    assert_type(ui.Embed(ui.EmbedField("a", "b"), title="t"), models.Embed)
    assert_type(ui.EmbedAuthor("me"), models.EmbedAuthor)
    assert_type(ui.EmbedFooter("end"), models.EmbedFooter)
    assert_type(ui.AllowedMentions(users=[1]), models.AllowedMentions)

    form = ui.Modal(ui.TextInput(custom_id="t", label="T"), custom_id="m", title="M")
    assert_type(form, models.Modal)
    assert_type(ui.Message(admin and ui.ActionRow(button)), models.MessagePayload)
    with_files = ui.Message(content="hi", files=[File(b"hi", name="hi.txt")])
    assert_type(with_files, ui.MessageWithFiles)
    assert_type(with_files.payload, models.MessagePayload)


def refused() -> None:
    """Never called: each line puts a child where Discord forbids it."""
    text_input = ui.TextInput(custom_id="t")
    ui.Message(ui.ActionRow(text_input))  # type: ignore[call-overload]
    ui.Message(text_input)  # type: ignore[call-overload]
    ui.Message(ui.Button("b", custom_id="b"))  # type: ignore[call-overload]
    ui.Message(ui.Thumbnail("https://x.test/a.png"))  # type: ignore[call-overload]
    ui.Message(ui.Label("Name", text_input))  # type: ignore[call-overload]
    ui.ActionRow(ui.TextDisplay("a"))  # type: ignore[call-overload]
    ui.ActionRow(ui.TextInput(custom_id="t", label="Name"))  # type: ignore[call-overload]
    ui.ActionRow("Click me")  # type: ignore[call-overload]
    ui.Container(ui.Container("nested"))  # type: ignore[arg-type]
    ui.Container(ui.Button("b", custom_id="b"))  # type: ignore[arg-type]
    ui.Section(ui.Separator(), accessory=ui.Thumbnail("https://x.test/a.png"))  # type: ignore[arg-type]
    ui.Section("a", accessory=ui.TextDisplay("b"))  # type: ignore[arg-type]
    ui.Label("Name", ui.Button("b", custom_id="b"))  # type: ignore[arg-type]
    ui.Modal(ui.Button("b", custom_id="b"), custom_id="m", title="M")  # type: ignore[arg-type]
    ui.Modal(ui.Container("a"), custom_id="m", title="M")  # type: ignore[arg-type]
    ui.StringSelect(ui.RadioGroupOption("a"), custom_id="s")  # type: ignore[call-overload]
    ui.MediaGallery(ui.Thumbnail("https://x.test/a.png"))  # type: ignore[arg-type]
    ui.Embed(ui.TextDisplay("a"))  # type: ignore[arg-type]
    ui.Button("Go", custom_id="go", style="sucess")  # type: ignore[arg-type]
    ui.Separator(spacing="medium")  # type: ignore[arg-type]
    ui.TextInput(custom_id="t", style="long")  # type: ignore[call-overload]

    # In a message: modal inputs, a row in a row, a gallery's item. In a container or
    # a section: what only a row or a section's accessory may hold.
    button = ui.Button("b", custom_id="b")
    thumbnail = ui.Thumbnail("https://x.test/a.png")
    ui.ActionRow(ui.Checkbox(custom_id="c"))  # type: ignore[call-overload]
    ui.ActionRow(ui.FileUpload(custom_id="f"))  # type: ignore[call-overload]
    ui.ActionRow(ui.ActionRow())  # type: ignore[call-overload]
    ui.Message(ui.UserSelect(custom_id="u"))  # type: ignore[call-overload]
    ui.Message(ui.Checkbox(custom_id="c"))  # type: ignore[call-overload]
    ui.Message(ui.MediaGalleryItem("https://x.test/a.png"))  # type: ignore[call-overload]
    ui.Container(thumbnail)  # type: ignore[arg-type]
    ui.Container(ui.UserSelect(custom_id="u"))  # type: ignore[arg-type]
    ui.Section(button, accessory=thumbnail)  # type: ignore[arg-type]
    # In a modal: a message's components (its action rows hold text inputs only).
    ui.Label("L", ui.TextDisplay("x"))  # type: ignore[arg-type]
    ui.Modal(ui.ActionRow(button), custom_id="m", title="M")  # type: ignore[arg-type]
    ui.Modal(ui.Section("a", accessory=thumbnail), custom_id="m", title="M")  # type: ignore[arg-type]
