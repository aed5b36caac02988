"""Malformed interaction payloads: each is one DecodeError, a 400 that says where.

The error keeps msgspec's words (expected, got, where) and its JSON path in
``.path``; errors in the JSON syntax itself, and payloads nested too deeply to
decode, have no path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from ikit import models
from ikit.errors import DecodeError, RequestRejected
from tests.test_models_decode import ENVELOPE

FIVE_MB = 5 * 1024 * 1024
DEEP = 10_000


def _component(**data: Any) -> dict[str, Any]:
    """A button click, as Discord sends it."""
    return {
        **ENVELOPE,
        "type": 3,
        "data": {"custom_id": "vote/yes", "component_type": 2, "id": 3, **data},
        "message": {"id": "1111111111111111111", "channel_id": "645027906669510667"},
    }


def _command(*options: dict[str, Any]) -> dict[str, Any]:
    return {
        **ENVELOPE,
        "type": 2,
        "data": {"id": "771825006014889984", "name": "poll", "type": 1}
        | ({"options": list(options)} if options else {}),
    }


def _modal(component: dict[str, Any]) -> dict[str, Any]:
    return {
        **ENVELOPE,
        "type": 5,
        "data": {
            "custom_id": "feedback",
            "components": [{"type": 18, "id": 1, "component": component}],
        },
    }


def _body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload).encode()


def _with(payload: dict[str, Any], change: Callable[[dict[str, Any]], Any]) -> bytes:
    payload = json.loads(json.dumps(payload))
    change(payload)
    return json.dumps(payload).encode()


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set ``a.b.0.c`` of a payload."""

    def change(payload: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = payload
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(payload: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = payload
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return change


def _decode_error(body: bytes | str) -> DecodeError:
    with pytest.raises(DecodeError) as info:
        models.decode_interaction(body)

    return info.value


# -- wrong types ---------------------------------------------------------------------

WRONG_TYPES = [
    pytest.param(
        _with(_component(), _set("data.custom_id", 7)),
        "Expected `str`, got `int`",
        "$.data.custom_id",
        id="custom_id-is-a-number",
    ),
    pytest.param(
        _with(_component(), _set("type", "3")),
        "Expected `int`",  # msgspec's wording for a union's tag
        "$.type",
        id="type-is-a-string",
    ),
    pytest.param(
        _with(_component(), _set("member.roles", "539082325061836999")),
        "Expected `array`, got `str`",
        "$.member.roles",
        id="roles-is-a-string",
    ),
    pytest.param(
        _with(_component(), _set("data.values", [1, 2])),
        "Expected `str`, got `int`",
        "$.data.values[0]",
        id="select-value-is-a-number",
    ),
    pytest.param(
        _body(_command({"name": ["a"], "type": 3, "value": "x"})),
        "Expected `str`, got `array`",
        "$.data.options[0].name",
        id="option-name-is-an-array",
    ),
    pytest.param(
        _body(_modal({"type": 4, "custom_id": "a", "value": 42})),
        "Expected `str`, got `int`",
        "$.data.components[0].component.value",
        id="text-input-value-is-a-number",
    ),
    pytest.param(
        _with(_component(), _set("data.resolved", {"users": []})),
        "Expected `object`, got `array`",
        "$.data.resolved.users",
        id="resolved-users-is-an-array",
    ),
    pytest.param(
        _with(_component(), _set("context", "GUILD")),
        "Expected `int | null`, got `str`",
        "$.context",
        id="context-is-a-name",
    ),
    pytest.param(
        _with(_component(), _set("member.joined_at", "yesterday")),
        "Invalid RFC3339 encoded datetime",
        "$.member.joined_at",
        id="joined_at-is-not-a-timestamp",
    ),
    pytest.param(
        _with(_component(), _set("app_permissions", True)),
        "Expected a permission set (a string of digits), got True",
        "$.app_permissions",
        id="permissions-is-a-bool",
    ),
    pytest.param(
        b'[{"type": 1}]',
        "Expected `object`, got `array`",
        "$",
        id="body-is-an-array",
    ),
]


@pytest.mark.parametrize(("body", "message", "path"), WRONG_TYPES)
def test_a_wrong_type_is_a_400_naming_the_path(
    body: bytes, message: str, path: str
) -> None:
    error = _decode_error(body)

    assert error.status == 400
    assert isinstance(error, RequestRejected)
    assert error.path == path
    assert str(error) == message + _at(path)


def _at(path: str) -> str:
    # msgspec names no place for an error at the root.
    return "" if path == "$" else f" - at `{path}`"


# -- missing required fields ---------------------------------------------------------

MISSING = [
    pytest.param(_drop("token"), "token", "$", id="token"),
    pytest.param(_drop("id"), "id", "$", id="id"),
    pytest.param(_drop("data"), "data", "$", id="data"),
    pytest.param(_drop("data.custom_id"), "custom_id", "$.data", id="custom_id"),
    pytest.param(
        _drop("data.component_type"), "component_type", "$.data", id="component_type"
    ),
    pytest.param(
        _drop("message.channel_id"), "channel_id", "$.message", id="message-channel_id"
    ),
    pytest.param(
        _drop("member.user.username"), "username", "$.member.user", id="user-username"
    ),
]


@pytest.mark.parametrize(("change", "field", "path"), MISSING)
def test_a_missing_required_field_is_a_400_naming_it(
    change: Callable[[dict[str, Any]], None], field: str, path: str
) -> None:
    error = _decode_error(_with(_component(), change))

    assert error.status == 400
    assert error.path == path
    assert str(error) == f"Object missing required field `{field}`" + _at(path)


def test_a_missing_field_of_a_resolved_entry_names_the_map() -> None:
    resolved = {"users": {"1": {"id": "1"}}}
    error = _decode_error(_with(_component(), _set("data.resolved", resolved)))

    assert error.path == "$.data.resolved.users[...]"
    assert str(error).startswith("Object missing required field `username`")


# -- broken JSON ---------------------------------------------------------------------

COMPLETE = _body(_component())


@pytest.mark.parametrize(
    "cut", [1, len(COMPLETE) // 2, len(COMPLETE) - 1], ids=["start", "middle", "end"]
)
def test_truncated_json_is_a_400_without_a_path(cut: int) -> None:
    error = _decode_error(COMPLETE[:cut])

    assert error.status == 400
    assert error.path is None
    assert str(error) == "Input data was truncated"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            COMPLETE + b"}", "JSON is malformed: trailing characters", id="tail"
        ),
        pytest.param(b"{'type': 1}", "JSON is malformed: ", id="single-quotes"),
        pytest.param(b"", "Input data was truncated", id="empty"),
        pytest.param(b"\xff\xfe", "JSON is malformed: invalid character", id="binary"),
    ],
)
def test_malformed_json_is_a_400_without_a_path(body: bytes, message: str) -> None:
    error = _decode_error(body)

    assert error.status == 400
    assert error.path is None
    assert str(error).startswith(message)


def test_broken_json_after_an_unknown_component_type_is_reported_as_such() -> None:
    # The unknown type sends the decoder down its lenient path, which must report
    # the broken JSON, not the unknown type it would have accepted.
    body = _with(_component(), _set("message.components", [{"type": 99}]))

    error = _decode_error(body[:-1])

    assert error.path is None
    assert str(error) == "Input data was truncated"


# -- deep nesting --------------------------------------------------------------------


def _nest(kind: str) -> str:
    if kind == "arrays":
        return "[" * DEEP + "]" * DEEP
    return '{"a":' * DEEP + "1" + "}" * DEEP


def _in(payload: dict[str, Any], path: str, nested: str) -> bytes:
    marker = "__NESTED__"
    return (
        json.dumps(_with_value(payload, path, marker))
        .replace(json.dumps(marker), nested)
        .encode()
    )


def _with_value(payload: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(_with(payload, _set(path, value)))
    return changed


def _chain(key: str, inner: dict[str, Any], depth: int) -> str:
    """``inner`` nested ``depth`` times in itself under ``key``."""
    head = json.dumps(inner)[:-1] + f', "{key}": '
    return head * depth + "null" + "}" * depth


DEEP_PLACES = [
    *(
        pytest.param(_nest(kind).encode(), id=f"whole-body-{kind}")
        for kind in ("arrays", "objects")
    ),
    *(
        pytest.param(_in(_component(), "unknown_key", _nest(kind)), id=f"extra-{kind}")
        for kind in ("arrays", "objects")
    ),
    pytest.param(
        _in(_component(), "message.reactions", "[" + _nest("objects") + "]"),
        id="message-reactions-objects",
    ),
    pytest.param(
        _in({**ENVELOPE, "type": 42}, "data", _nest("arrays")),
        id="unknown-interaction-data-arrays",
    ),
    pytest.param(
        _in(
            _command(),
            "data.options",
            "[" + _chain("options", {"name": "g", "type": 2}, DEEP)[:-1] + "]",
        ),
        id="option-tree",
    ),
    pytest.param(
        _in(
            _component(),
            "message.referenced_message",
            _chain("referenced_message", {"id": "1", "channel_id": "2"}, DEEP),
        ),
        id="referenced-messages",
    ),
    pytest.param(
        _in(
            _with_value(_component(), "message.components", [{"type": 99}]),
            "message.referenced_message",
            _chain("referenced_message", {"id": "1", "channel_id": "2"}, DEEP),
        ),
        id="referenced-messages-after-an-unknown-type",
    ),
]


@pytest.mark.parametrize("body", DEEP_PLACES)
def test_ten_thousand_levels_of_nesting_are_a_400(body: bytes) -> None:
    error = _decode_error(body)

    assert error.status == 400
    assert error.path is None
    assert str(error) == "Payload nests too deeply to decode"


def test_the_nesting_helpers_nest_as_deep_as_asked() -> None:
    shallow = json.loads(_chain("options", {"name": "g", "type": 2}, 3))

    assert shallow["options"]["options"] == {
        "name": "g",
        "type": 2,
        "options": None,
    }
    assert _nest("arrays").count("[") == DEEP
    assert _nest("objects").count("{") == DEEP


def test_a_component_without_a_type_is_a_400_not_an_unknown_component() -> None:
    body = _with(_component(), _set("message.components", [{"custom_id": "x"}]))

    error = _decode_error(body)

    assert error.path == "$.message.components[0]"
    assert str(error) == (
        "Object missing required field `type` - at `$.message.components[0]`"
    )


# -- huge values ---------------------------------------------------------------------

HUGE = [
    pytest.param(
        "version", "1" * FIVE_MB, r"Expected `int`, got `str`", id="string-for-version"
    ),
    pytest.param(
        "attachment_size_limit",
        "9" * FIVE_MB,
        r"Expected `int \| null`, got `str`",
        id="string-for-size-limit",
    ),
    pytest.param(
        "data.component_type",
        "x" * FIVE_MB,
        r"Expected `int`, got `str`",
        id="string-for-component-type",
    ),
    pytest.param(
        "data.custom_id",
        "v" * FIVE_MB,
        r"Expected `str` of length <= 100",
        id="custom_id",
    ),
    pytest.param(
        "id",
        "1" * FIVE_MB,
        r"Expected a snowflake \(a string of digits\), got '1111111111111111111111111"
        r"11111111111111\.\.\. \(5242882 characters\)",
        id="snowflake-digits",
    ),
    pytest.param(
        "app_permissions",
        "8" * FIVE_MB,
        r"Expected a permission set \(a string of digits\), got '888888888888888888"
        r"888888888888888888888\.\.\. \(5242882 characters\)",
        id="permissions-digits",
    ),
]


@pytest.mark.parametrize(("path", "value", "message"), HUGE)
def test_a_five_megabyte_string_is_a_400_with_a_short_message(
    path: str, value: str, message: str
) -> None:
    where = "$." + path
    body = _with(_component(), _set(path, value))

    with pytest.raises(DecodeError, match=rf"^{message} - at `\$\.{path}`$") as info:
        models.decode_interaction(body)

    assert info.value.status == 400
    assert info.value.path == where
    assert len(str(info.value)) < 200


def test_a_five_megabyte_custom_id_in_a_modal_is_a_400() -> None:
    body = _body(_modal({"type": 4, "custom_id": "c" * FIVE_MB, "value": "v"}))

    error = _decode_error(body)

    assert error.path == "$.data.components[0].component.custom_id"
    assert str(error).startswith("Expected `str` of length <= 100")


def test_a_custom_id_of_exactly_100_characters_decodes() -> None:
    interaction = models.decode_interaction(
        _with(_component(), _set("data.custom_id", "x" * 100))
    )

    assert isinstance(interaction, models.MessageComponentInteraction)
    assert interaction.data.custom_id == "x" * 100


def test_a_five_megabyte_number_is_a_400() -> None:
    body = json.dumps(_component()).replace(
        '"attachment_size_limit": 10485760',
        '"attachment_size_limit": ' + "9" * FIVE_MB,
    )

    error = _decode_error(body)

    assert error.path == "$.attachment_size_limit"
    assert str(error) == "Integer value out of range - at `$.attachment_size_limit`"


# -- invalid snowflakes --------------------------------------------------------------

INVALID_SNOWFLAKES = [
    pytest.param("abc", "'abc'", id="letters"),
    pytest.param("", "''", id="empty"),
    pytest.param("-1", "'-1'", id="negative-string"),
    pytest.param("1.5", "'1.5'", id="decimal-string"),
    pytest.param("1e3", "'1e3'", id="exponent-string"),
    pytest.param(" 12", "' 12'", id="leading-space"),
    pytest.param("１２３", "'１２３'", id="fullwidth-digits"),
    pytest.param("²", "'²'", id="superscript-digit"),
    pytest.param(-1, "-1", id="negative-number"),
    pytest.param(1.5, "1.5", id="float"),
    pytest.param(True, "True", id="bool"),
    pytest.param(None, "None", id="null"),
    pytest.param(["1"], r"\['1'\]", id="array"),
]


@pytest.mark.parametrize(("value", "shown"), INVALID_SNOWFLAKES)
@pytest.mark.parametrize("path", ["id", "member.user.id", "data.resolved.users.1.id"])
def test_an_invalid_snowflake_is_a_400(value: Any, shown: str, path: str) -> None:
    payload = _component()
    if path.startswith("data.resolved"):
        payload["data"]["resolved"] = {"users": {"1": {"id": "1", "username": "u"}}}
    where = "$." + path.replace("users.1", "users[...]")

    with pytest.raises(
        DecodeError,
        match=rf"^Expected a snowflake \(a string of digits\), got {shown} - at "
        rf"`{_escape(where)}`$",
    ) as info:
        models.decode_interaction(_with(payload, _set(path, value)))

    assert info.value.status == 400
    assert info.value.path == where


def _escape(text: str) -> str:
    return text.replace("$", r"\$").replace(".", r"\.").replace("[", r"\[")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("0", 0, id="zero"),
        pytest.param("111111111111111111111", 111111111111111111111, id="21-digits"),
        pytest.param("9" * 100, int("9" * 100), id="100-digits"),
        pytest.param(80351110224678912, 80351110224678912, id="number"),
    ],
)
def test_valid_snowflakes_decode(value: Any, expected: int) -> None:
    interaction = models.decode_interaction(_with(_component(), _set("id", value)))

    assert interaction.id == expected
    assert isinstance(interaction.id, models.Snowflake)
