"""Property tests: random trees the builder accepts encode to JSON that Discord's
OpenAPI spec accepts, and random trees that break one rule are refused."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ikit import models, ui
from ikit.errors import BuildError
from ikit.models import encode
from ikit.ui.limits import LIMITS, PLACES, RULES
from tests.openapi import check_keys, validate

SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

Node = Any

text = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and bool(s))
url = st.from_regex(r"https://x\.test/[a-z]{1,20}\.png", fullmatch=True)
styles = st.sampled_from(["primary", "secondary", "success", "danger"])

buttons = st.one_of(
    st.builds(
        lambda label, style: ui.Button(label, custom_id="x", style=style), text, styles
    ),
    st.builds(lambda label, link: ui.Button(label, url=link), text, url),
    st.builds(lambda: ui.Button(emoji="🐜", custom_id="x")),
)
options = st.lists(st.builds(ui.SelectOption, text), min_size=1, max_size=5)
string_selects = options.flatmap(
    lambda opts: st.builds(
        lambda high: ui.StringSelect(opts, custom_id="x", max_values=high),
        st.integers(1, len(opts)),
    )
)
auto_selects = st.one_of(
    st.builds(lambda: ui.UserSelect(custom_id="x")),
    st.builds(lambda: ui.RoleSelect(custom_id="x")),
    st.builds(lambda: ui.MentionableSelect(custom_id="x")),
    st.builds(lambda: ui.ChannelSelect(custom_id="x", channel_types=["guild_text"])),
)
selects = st.one_of(string_selects, auto_selects)
rows = st.one_of(
    st.lists(buttons, min_size=1, max_size=3).map(lambda row: ui.ActionRow(row)),
    selects.map(lambda select: ui.ActionRow(select)),
)
texts = text.map(ui.TextDisplay)
thumbnails = st.builds(lambda link, alt: ui.Thumbnail(link, description=alt), url, text)
galleries = st.lists(url, min_size=1, max_size=10).map(ui.MediaGallery)
files = st.from_regex(r"[a-z]{1,10}\.zip", fullmatch=True).map(
    lambda name: ui.File(f"attachment://{name}")
)
separators = st.builds(
    ui.Separator,
    divider=st.none() | st.booleans(),
    spacing=st.none() | st.sampled_from(["small", "large"]),
)
sections = st.builds(
    lambda parts, accessory: ui.Section(parts, accessory=accessory),
    st.lists(text, min_size=1, max_size=3),
    buttons | thumbnails,
)
blocks = st.one_of(rows, texts, sections, galleries, files, separators)
containers = st.builds(
    lambda parts, color: ui.Container(parts, accent_color=color),
    st.lists(blocks, min_size=1, max_size=4),
    st.none() | st.integers(0, 0xFFFFFF),
)
v2_trees = st.lists(blocks | containers, min_size=1, max_size=4).filter(
    lambda tree: any(not isinstance(node, models.ActionRow) for node in tree)
)
embeds = st.builds(
    lambda title, about, fields: ui.Embed(
        [ui.EmbedField(name, value) for name, value in fields],
        title=title,
        description=about,
    ),
    text,
    text,
    st.lists(st.tuples(text, text), max_size=5),
)
legacy = st.tuples(
    st.none() | text, st.lists(embeds, max_size=3), st.lists(rows, max_size=5)
)

labelled_inputs = st.one_of(
    st.builds(
        lambda style, label: ui.TextInput(custom_id="x", style=style, label=label),
        st.sampled_from(["short", "paragraph"]),
        text,
    ),
    options.map(lambda opts: ui.StringSelect(opts, custom_id="x", label="Pick")),
    st.builds(lambda: ui.UserSelect(custom_id="x", label="Who")),
    st.builds(lambda: ui.ChannelSelect(custom_id="x", label="Where")),
    st.builds(lambda: ui.FileUpload(custom_id="x", label="Files")),
    st.lists(text, min_size=2, max_size=10, unique=True).map(
        lambda choices: ui.RadioGroup(choices, custom_id="x", label="One")
    ),
    st.lists(text, min_size=1, max_size=10, unique=True).map(
        lambda choices: ui.CheckboxGroup(choices, custom_id="x", label="Some")
    ),
    st.builds(lambda: ui.Checkbox(custom_id="x", label="Sure?")),
)
modal_items = st.lists(labelled_inputs | texts, min_size=1, max_size=5)


def number_custom_ids(node: Node, counter: itertools.count[int]) -> None:
    """Give every custom_id of the tree a unique value, as Discord requires."""
    if isinstance(node, list):
        for item in node:
            number_custom_ids(item, counter)
        return

    if not isinstance(node, msgspec.Struct):
        return

    if getattr(node, "custom_id", None) == "x":
        node.custom_id = f"id-{next(counter)}"  # type: ignore[attr-defined]

    for field in node.__struct_fields__:
        number_custom_ids(getattr(node, field), counter)


def unique(tree: Node) -> Node:
    number_custom_ids(tree, itertools.count())
    return tree


def count_components(node: Node) -> int:
    if isinstance(node, list):
        return sum(count_components(item) for item in node)

    if not isinstance(node, models.ComponentBase):
        return 0

    inner = [getattr(node, n, None) for n in ("components", "accessory", "component")]
    return 1 + sum(count_components(x) for x in inner if x is not None)


def as_json(value: object) -> Any:
    return json.loads(encode(value))


@SETTINGS
@given(v2_trees)
def test_valid_v2_trees_encode_to_spec_valid_json(tree: list[Node]) -> None:
    assume(count_components(tree) <= 40)
    message = ui.Message(unique(tree))
    body = as_json(message)

    validate(body, "IncomingWebhookInteractionRequest")
    check_keys(body, "IncomingWebhookInteractionRequest")


@SETTINGS
@given(legacy)
def test_valid_legacy_messages_encode_to_spec_valid_json(
    parts: tuple[str | None, list[models.Embed], list[models.ActionRow]],
) -> None:
    content, embed_list, row_list = parts
    message = ui.Message(unique(row_list), content=content, embeds=embed_list)
    body = as_json(message)

    validate(body, "IncomingWebhookInteractionRequest")
    check_keys(body, "IncomingWebhookInteractionRequest")


@SETTINGS
@given(modal_items, text.filter(lambda s: len(s) <= 45))
def test_valid_modals_encode_to_spec_valid_json(items: list[Node], title: str) -> None:
    modal = ui.Modal(unique(items), custom_id="form", title=title)
    body = {"type": 9, "data": as_json(modal)}

    validate(body, "ModalInteractionCallbackRequest")
    check_keys(body, "ModalInteractionCallbackRequest")


# A breaker adds to a valid tree what breaks one rule, and returns the rule's key.
Broken = tuple[list[Node], str]


def _six_buttons(tree: list[Node], n: int) -> Broken:
    row = ui.ActionRow([ui.Button(f"{i}", custom_id=f"six-{i}") for i in range(5 + n)])
    return [*tree, row], "action_row.buttons"


def _long_custom_id(tree: list[Node], n: int) -> Broken:
    row = ui.ActionRow(ui.Button("b", custom_id="c" * (100 + n)))
    return [*tree, row], "custom_id"


def _duplicate_custom_id(tree: list[Node], n: int) -> Broken:
    pair = [ui.Button("b", custom_id=f"dup-{n}") for _ in range(2)]
    return [*tree, ui.ActionRow(pair)], "custom_id.unique"


def _big_gallery(tree: list[Node], n: int) -> Broken:
    links = [f"https://x.test/{i}.png" for i in range(10 + n)]
    return [*tree, ui.MediaGallery(links)], "media_gallery.items"


def _long_section(tree: list[Node], n: int) -> Broken:
    accessory = ui.Thumbnail("https://x.test/a.png")
    section = ui.Section([f"t{i}" for i in range(3 + n)], accessory=accessory)
    return [*tree, section], "section.components"


def _nested_container(tree: list[Node], n: int) -> Broken:
    inner: Any = ui.Container("inner" * n)
    return [*tree, ui.Container(inner)], "place.container"


def _input_in_row(tree: list[Node], n: int) -> Broken:
    field: Any = ui.TextInput(custom_id=f"in-{n}")
    return [*tree, ui.ActionRow(ui.Button("b", custom_id=f"b-{n}"), field)], (
        "place.action_row"
    )


def _too_many_components(tree: list[Node], n: int) -> Broken:
    return [*tree, [ui.Separator() for _ in range(40 + n)]], "message.components"


def _empty_text(tree: list[Node], n: int) -> Broken:
    return [*tree, ui.Container("x" * n, ui.TextDisplay(""))], "text_display.content"


BREAKERS: list[Callable[[list[Node], int], Broken]] = [
    _six_buttons,
    _long_custom_id,
    _duplicate_custom_id,
    _big_gallery,
    _long_section,
    _nested_container,
    _input_in_row,
    _too_many_components,
    _empty_text,
]


def wordings(key: str) -> list[str]:
    """What a violation of the rule ``key`` says, before what it found (for a limit,
    at either bound)."""
    rule = RULES.get(key) or PLACES.get(key)
    if rule is not None:
        return [rule.text]

    limit = LIMITS[key]
    crossings = [] if limit.low is None else [limit.low - 1]
    crossings += [] if limit.high is None else [limit.high + 1]
    return [limit.broken_by(n).removesuffix(f" (got {n})") for n in crossings]


def breaks(caught: pytest.ExceptionInfo[BuildError], key: str) -> bool:
    found = [violation.rule for violation in caught.value.violations]
    return any(rule.startswith(start) for rule in found for start in wordings(key))


@SETTINGS
@given(v2_trees, st.sampled_from(BREAKERS), st.integers(1, 5))
def test_trees_that_break_a_rule_are_refused(
    tree: list[Node],
    breaker: Callable[[list[Node], int], Broken],
    n: int,
) -> None:
    broken, key = breaker(unique(tree), n)

    with pytest.raises(BuildError) as caught:
        ui.Message(broken)

    assert breaks(caught, key), (key, caught.value.violations)


def _disabled(items: list[Node]) -> tuple[list[Node], str, str]:
    off = ui.UserSelect(custom_id="off", disabled=True, label="Off")
    return [*items, off], "Form", "modal.disabled"


def _long_title(items: list[Node]) -> tuple[list[Node], str, str]:
    return items, "t" * 46, "modal.title"


def _six_more(items: list[Node]) -> tuple[list[Node], str, str]:
    return (
        [*items, *(ui.TextDisplay(f"{i}") for i in range(6))],
        "Form",
        ("modal.components"),
    )


def _button(items: list[Node]) -> tuple[list[Node], str, str]:
    return [*items, ui.Button("b", custom_id="b")], "Form", "place.modal"


MODAL_BREAKERS = [_disabled, _long_title, _six_more, _button]
# At most 4, so that a breaker adding one item keeps within the 5 a modal holds.
few_modal_items = st.lists(labelled_inputs | texts, min_size=1, max_size=4)


@SETTINGS
@given(few_modal_items, st.sampled_from(MODAL_BREAKERS))
def test_modals_that_break_a_rule_are_refused(
    items: list[Node],
    breaker: Callable[[list[Node]], tuple[list[Node], str, str]],
) -> None:
    broken, title, key = breaker(unique(items))

    with pytest.raises(BuildError) as caught:
        ui.Modal(broken, custom_id="form", title=title)

    assert breaks(caught, key), (key, caught.value.violations)
