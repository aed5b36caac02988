"""custom_id routes: the template grammar, converters, escaping, limits, the table."""

from __future__ import annotations

import enum
import re
import uuid
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ikit.routing
from ikit.errors import CustomIdError, DeclarationError
from ikit.models import DiscordEnum, Snowflake
from ikit.routing import MAX_LENGTH, Route, RouteTable

DOCS = Path(__file__).resolve().parent.parent / "docs" / "routes.md"
ZERO_UUID = uuid.UUID(int=0)
SOME_UUID = uuid.UUID("12345678-1234-5678-1234-567812345678")


class Color(enum.Enum):
    RED = "red"
    ODD = "a/b~c"


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 20


class Mood(DiscordEnum):
    HAPPY = 1


def one(annotation: object) -> Route:
    """A route with a single parameter, ``value``, of this annotation."""
    return Route("x/{value}", {"value": annotation})


def test_all_is_pinned() -> None:
    assert sorted(ikit.routing.__all__) == [
        "ESCAPE",
        "MAX_LENGTH",
        "Match",
        "Route",
        "RouteTable",
        "SEPARATOR",
    ]
    for name in ikit.routing.__all__:
        assert hasattr(ikit.routing, name)


# -- converters ----------------------------------------------------------------------

ROUND_TRIPS = [
    pytest.param(str, "yes", "yes", id="str"),
    pytest.param(str, "", "", id="str-empty"),
    pytest.param(str, "a/b~c", "a~1b~0c", id="str-escaped"),
    pytest.param(str, "~1/~0", "~01~1~00", id="str-looks-escaped"),
    pytest.param(str, "~", "~0", id="str-lone-tilde"),
    pytest.param(str, "héllo wörld", "héllo wörld", id="str-unicode"),
    pytest.param(int, 0, "0", id="int-zero"),
    pytest.param(int, -42, "-42", id="int-negative"),
    pytest.param(int, 10**30, "1" + "0" * 30, id="int-big"),
    pytest.param(float, 0.5, "0.5", id="float"),
    pytest.param(float, -1e300, "-1e+300", id="float-exponent"),
    pytest.param(bool, True, "1", id="bool-true"),
    pytest.param(bool, False, "0", id="bool-false"),
    pytest.param(
        Snowflake, Snowflake(80351110224678912), "80351110224678912", id="snowflake"
    ),
    pytest.param(Snowflake, Snowflake(2**64 - 1), str(2**64 - 1), id="snowflake-max"),
    pytest.param(uuid.UUID, ZERO_UUID, "A" * 22, id="uuid-zero"),
    pytest.param(uuid.UUID, SOME_UUID, "EjRWeBI0VngSNFZ4EjRWeA", id="uuid"),
    pytest.param(Color, Color.RED, "red", id="enum-str"),
    pytest.param(Color, Color.ODD, "a~1b~0c", id="enum-str-escaped"),
    pytest.param(Size, Size.LARGE, "20", id="enum-int"),
    pytest.param(Mood, Mood.HAPPY, "1", id="discord-enum"),
    pytest.param(Literal["yes", "no"], "no", "no", id="literal-str"),
    pytest.param(Literal[1, 2, "three"], 2, "2", id="literal-int"),
    pytest.param(Literal["a/b"], "a/b", "a~1b", id="literal-escaped"),
    pytest.param(Optional[int], None, "~", id="optional-none"),  # noqa: UP045
    pytest.param(int | None, 5, "5", id="optional-value"),
    pytest.param(str | None, None, "~", id="optional-str-none"),
    pytest.param(str | None, "", "", id="optional-str-empty"),
    pytest.param(Literal["a"] | None, None, "~", id="optional-literal"),
    pytest.param(Annotated[int, "metadata"], 3, "3", id="annotated"),
]


@pytest.mark.parametrize(("annotation", "value", "segment"), ROUND_TRIPS)
def test_build_then_parse_round_trips(
    annotation: object, value: object, segment: str
) -> None:
    route = one(annotation)

    custom_id = route.build(value=value)

    assert custom_id == f"x/{segment}"
    assert route.parse(custom_id) == {"value": value}


def test_parse_returns_the_declared_types() -> None:
    route = Route("t/{s}/{u}/{e}", {"s": Snowflake, "u": uuid.UUID, "e": Size | None})

    values = route.parse("t/5/" + "A" * 22 + "/1")

    assert values is not None
    assert type(values["s"]) is Snowflake
    assert type(values["u"]) is uuid.UUID
    assert values["e"] is Size.SMALL


def test_float_accepts_an_int_and_parses_a_float() -> None:
    route = one(float)

    assert route.build(value=3) == "x/3.0"
    assert route.parse("x/3.0") == {"value": 3.0}


def test_discord_enum_parses_a_value_it_does_not_know() -> None:
    values = one(Mood).parse("x/99")

    assert values is not None
    assert values["value"].name == "UNKNOWN_99"  # type: ignore[attr-defined]


@given(st.text(max_size=45))
def test_str_round_trips(value: str) -> None:
    route = one(str)

    assert route.parse(route.build(value=value)) == {"value": value}


@given(st.integers(min_value=-(10**90), max_value=10**90))
def test_int_round_trips(value: int) -> None:
    route = one(int)

    assert route.parse(route.build(value=value)) == {"value": value}


@given(st.uuids())
def test_uuid_round_trips(value: uuid.UUID) -> None:
    route = one(uuid.UUID)

    assert route.parse(route.build(value=value)) == {"value": value}


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_round_trips(value: float) -> None:
    route = one(float)

    assert route.parse(route.build(value=value)) == {"value": value}


# -- escaping ------------------------------------------------------------------------


def test_values_holding_the_separator_and_the_escape_round_trip() -> None:
    route = Route("note/{a}/{b}", {"a": str, "b": str})

    custom_id = route.build(a="x/y", b="~/~")

    assert custom_id == "note/x~1y/~0~1~0"
    assert route.parse(custom_id) == {"a": "x/y", "b": "~/~"}


@pytest.mark.parametrize(
    ("segment", "found"),
    [
        pytest.param("a~2", "~2", id="unknown-code"),
        pytest.param("a~", "~", id="trailing"),
        pytest.param("~~", "~~", id="doubled"),
        pytest.param("~x1", "~x", id="letter"),
    ],
)
def test_malformed_escapes_are_refused(segment: str, found: str) -> None:
    expected = (
        f"custom_id 'x/{re.escape(segment)}' has a malformed escape in parameter "
        f"'value' of route 'x/{{value}}': expected '~0' or '~1', got '{found}'"
    )
    with pytest.raises(CustomIdError, match=expected):
        one(str).parse(f"x/{segment}")


def test_the_none_token_is_malformed_where_none_is_not_accepted() -> None:
    with pytest.raises(CustomIdError, match="malformed escape in parameter 'value'"):
        one(str).parse("x/~")


# -- refused values ------------------------------------------------------------------

NOT_CANONICAL = [
    pytest.param(int, "007", "an int written as decimal", id="int-leading-zeros"),
    pytest.param(int, "+7", "an int written as decimal", id="int-plus"),
    pytest.param(int, "1_000", "an int written as decimal", id="int-underscore"),
    pytest.param(int, " 7", "an int written as decimal", id="int-space"),
    pytest.param(int, "٧", "an int written as decimal", id="int-arabic-digit"),
    pytest.param(int, "-0", "an int written as decimal", id="int-minus-zero"),
    pytest.param(int, "", "an int written as decimal", id="int-empty"),
    pytest.param(float, "1.50", "a finite float written as", id="float-trailing-zero"),
    pytest.param(float, "inf", "a finite float written as", id="float-inf"),
    pytest.param(float, "nan", "a finite float written as", id="float-nan"),
    pytest.param(bool, "true", "a bool written as '1' or '0'", id="bool-word"),
    pytest.param(bool, "2", "a bool written as '1' or '0'", id="bool-digit"),
    pytest.param(Snowflake, "-1", "a snowflake", id="snowflake-negative"),
    pytest.param(Snowflake, str(2**64), "a snowflake", id="snowflake-too-big"),
    pytest.param(uuid.UUID, "A" * 21, "a uuid.UUID", id="uuid-short"),
    pytest.param(uuid.UUID, "A" * 21 + "B", "a uuid.UUID", id="uuid-unused-bits"),
    pytest.param(uuid.UUID, "A" * 21 + "é", "a uuid.UUID", id="uuid-not-ascii"),
    pytest.param(uuid.UUID, "A" * 20 + "!!", "a uuid.UUID", id="uuid-not-base64"),
    pytest.param(Literal["yes", "no"], "maybe", "one of 'yes', 'no'", id="literal"),
    pytest.param(Literal[1, 2], "3", "one of 1, 2", id="literal-int"),
    pytest.param(Color, "blue", "a member of Color", id="enum"),
    pytest.param(Size, "2", "a member of Size", id="int-enum"),
    pytest.param(Size, "01", "a member of Size", id="int-enum-leading-zero"),
]


@pytest.mark.parametrize(("annotation", "segment", "expected"), NOT_CANONICAL)
def test_parse_refuses_what_build_would_not_write(
    annotation: object, segment: str, expected: str
) -> None:
    message = (
        f"custom_id 'x/{re.escape(segment)}' does not fit route 'x/{{value}}': "
        f"parameter 'value' expected {re.escape(expected)}.*, "
        f"got '{re.escape(segment)}'"
    )
    with pytest.raises(CustomIdError, match=message):
        one(annotation).parse(f"x/{segment}")


WRONG_VALUES = [
    pytest.param(int, True, "an int", id="int-bool"),
    pytest.param(int, "5", "an int", id="int-str"),
    pytest.param(int, 5.0, "an int", id="int-float"),
    pytest.param(str, 5, "a str", id="str-int"),
    pytest.param(str, None, "a str", id="str-none"),
    pytest.param(float, float("nan"), "a finite float", id="float-nan"),
    pytest.param(float, 10**400, "a finite float", id="float-huge-int"),
    pytest.param(bool, 1, "a bool", id="bool-int"),
    pytest.param(
        Snowflake,
        -1,
        r"a snowflake \(an int from 0 to 2\*\*64 - 1\)",
        id="snowflake-negative",
    ),
    pytest.param(uuid.UUID, str(SOME_UUID), "a uuid.UUID", id="uuid-str"),
    pytest.param(Color, "red", "a member of Color", id="enum-raw-value"),
    pytest.param(Size, 1, "a member of Size", id="int-enum-raw-value"),
    pytest.param(Literal["yes", "no"], "maybe", "one of 'yes', 'no'", id="literal"),
    pytest.param(Literal[1], True, "one of 1", id="literal-bool"),
    pytest.param(Literal[1], "1", "one of 1", id="literal-int-as-str"),
    pytest.param(int | None, "x", "an int or None", id="optional"),
]


@pytest.mark.parametrize(("annotation", "value", "rule"), WRONG_VALUES)
def test_build_refuses_a_value_of_the_wrong_type(
    annotation: object, value: object, rule: str
) -> None:
    message = (
        rf"route 'x/{{value}}': parameter 'value' must be {rule}, "
        rf"got {re.escape(repr(value)[:20])}"
    )
    with pytest.raises(CustomIdError, match=message):
        one(annotation).build(value=value)


def test_build_refuses_an_unknown_parameter() -> None:
    with pytest.raises(
        CustomIdError,
        match=re.escape(
            "route 'x/{value}' has no parameter 'valeu'; its parameters are 'value'"
        ),
    ):
        one(int).build(value=1, valeu=2)


def test_build_needs_every_parameter() -> None:
    with pytest.raises(
        CustomIdError,
        match=re.escape("route 'x/{value}' needs a value for parameter 'value'"),
    ):
        one(int).build()


# -- the 100-character limit ---------------------------------------------------------


def test_a_custom_id_of_exactly_the_limit_is_built() -> None:
    custom_id = one(str).build(value="v" * (MAX_LENGTH - 2))

    assert len(custom_id) == MAX_LENGTH


def test_a_custom_id_over_the_limit_is_refused() -> None:
    route = Route("note/{a}/{b}", {"a": int, "b": str})
    expected = (
        r"custom_id 'note/1/~0~0~0.*'\.\.\. of route 'note/{a}/{b}' is 105 characters, "
        r"over Discord's limit of 100; parameter 'b' takes 98 of them\. Pass shorter "
        r"values, shorten the template's literals, or keep the data elsewhere"
    )
    # Escaping counts: 49 characters become 98.
    with pytest.raises(CustomIdError, match=expected):
        route.build(a=1, b="~" * 49)


def test_a_template_whose_literals_exceed_the_limit_is_refused() -> None:
    with pytest.raises(
        DeclarationError,
        match="builds custom_ids of at least 102 characters, over Discord's limit",
    ):
        Route("a" * 50 + "/" + "b" * 50 + "/{x}", {"x": int})


# -- templates -----------------------------------------------------------------------

BAD_TEMPLATES = [
    pytest.param("", "has an empty segment at position 0", id="empty"),
    pytest.param("{a}/x", "must begin with a literal segment", id="parameter-first"),
    pytest.param("a//b", "has an empty segment at position 1", id="empty-segment"),
    pytest.param("a/", "has an empty segment at position 1", id="trailing-slash"),
    pytest.param(
        "a/b~c", "has '~' in literal segment 'b~c'; '~' is the escape", id="tilde"
    ),
    pytest.param(
        "a/b{c}",
        "has '{' in literal segment 'b{c}'; a parameter, {name}, must fill a whole",
        id="parameter-in-literal",
    ),
    pytest.param("a/{c", "has '{' in literal segment", id="unclosed"),
    pytest.param(
        "a/{1c}",
        "has an invalid parameter '{1c}': a parameter is {name}",
        id="not-identifier",
    ),
    pytest.param("a/{}", "has an invalid parameter '{}'", id="no-name"),
    pytest.param("a/{class}", "has an invalid parameter '{class}'", id="keyword"),
    pytest.param("a/{c}/{c}", "names parameter 'c' twice", id="duplicate"),
]


@pytest.mark.parametrize(("template", "message"), BAD_TEMPLATES)
def test_bad_templates_are_refused(template: str, message: str) -> None:
    types: dict[str, object] = {"c": int, "1c": int}
    expected = f"route template {re.escape(repr(template))} {re.escape(message)}"
    with pytest.raises(DeclarationError, match=expected):
        Route(template, types)


def test_a_template_without_parameters_is_a_fixed_custom_id() -> None:
    route = Route("refresh")

    assert route.build() == "refresh"
    assert route.parse("refresh") == {}
    assert route.parse("refresh/now") is None


def test_a_route_describes_itself() -> None:
    route = Route("vote/{poll_id}/{choice}", {"choice": str, "poll_id": int})

    assert route.template == "vote/{poll_id}/{choice}"
    assert route.names == ("poll_id", "choice")
    assert route.types == {"poll_id": int, "choice": str}
    assert repr(route) == "Route('vote/{poll_id}/{choice}')"


@pytest.mark.parametrize(
    "custom_id",
    [
        pytest.param("vote/7", id="too-few-segments"),
        pytest.param("vote/7/yes/more", id="too-many-segments"),
        pytest.param("poll/7/yes", id="other-head"),
        pytest.param("", id="empty"),
        pytest.param("vote~0/7/yes", id="escaped-head"),
    ],
)
def test_parse_returns_none_for_another_routes_custom_id(custom_id: str) -> None:
    route = Route("vote/{poll_id}/{choice}", {"poll_id": int, "choice": str})

    assert route.parse(custom_id) is None


# -- declaring types -----------------------------------------------------------------

UNSUPPORTED = [
    pytest.param(list[int], "list[int]", "routes convert str, int, float", id="list"),
    pytest.param(
        int | str, "int | str", "the only union routes convert is X | None", id="union"
    ),
    pytest.param(
        Literal[True],
        "Literal[True]",
        "a Literal in a route may hold only str and int",
        id="literal-bool",
    ),
    pytest.param(
        Literal[1, "1"],
        "Literal[1, '1']",
        "Literal values 1 and '1' would both be",
        id="clash",
    ),
    pytest.param(Any, "Any", "routes convert str, int", id="any"),
    pytest.param(bytes, "bytes", "routes convert str, int", id="bytes"),
    pytest.param(
        enum.Enum("Mixed", {"A": 1, "B": "b"}),
        "Mixed",
        "the values of enum Mixed must be all str or all int",
        id="mixed-enum",
    ),
]


@pytest.mark.parametrize(("annotation", "shown", "reason"), UNSUPPORTED)
def test_unsupported_annotations_are_refused(
    annotation: object, shown: str, reason: str
) -> None:
    message = re.escape(
        f"route 'x/{{value}}': parameter 'value' is annotated {shown}, "
        f"which routes cannot convert; {reason}"
    )
    with pytest.raises(DeclarationError, match=message):
        one(annotation)


def test_a_mapping_must_type_every_parameter() -> None:
    with pytest.raises(
        DeclarationError,
        match=re.escape("route 'x/{a}/{b}': parameter 'b' has no type"),
    ):
        Route("x/{a}/{b}", {"a": int})


def test_a_mapping_must_not_name_other_parameters() -> None:
    with pytest.raises(
        DeclarationError,
        match=re.escape("route 'x/{a}' has no parameter 'b'; its parameters are 'a'"),
    ):
        Route("x/{a}", {"a": int, "b": int})


async def vote(ctx: object, poll_id: Snowflake, choice: Literal["yes", "no"]) -> None:
    """A handler as the app layer would pass it."""


async def choose(ctx: object, poll_id: int, values: list[str], page: int = 0) -> None:
    """A select menu handler: the app supplies ``values``."""


def test_from_handler_reads_the_annotations() -> None:
    route = Route.from_handler("vote/{poll_id}/{choice}", vote)

    assert route.types == {"poll_id": Snowflake, "choice": Literal["yes", "no"]}
    assert route.parse("vote/5/no") == {"poll_id": 5, "choice": "no"}


def test_from_handler_leaves_out_excluded_and_defaulted_parameters() -> None:
    route = Route.from_handler("choose/{poll_id}", choose, exclude={"values"})

    assert route.names == ("poll_id",)


def test_from_handler_accepts_a_defaulted_parameter_in_the_template() -> None:
    route = Route.from_handler("choose/{poll_id}/{page}", choose, exclude={"values"})

    assert route.build(poll_id=1, page=2) == "choose/1/2"


def untyped_handler(ctx: object, a: int) -> None:
    """Its annotation of ``a`` is removed below."""


def late_handler(ctx: object, a: int) -> None:
    """Its annotation of ``a`` names something that does not exist."""


def positional_handler(ctx: object, a: int, /) -> None:
    """``a`` cannot be passed by keyword."""


def no_context() -> None:
    """Takes no context."""


del untyped_handler.__annotations__["a"]
late_handler.__annotations__["a"] = "Missing"

HANDLER_MISTAKES = [
    pytest.param(
        "vote/{poll_id}/{choice}/{extra}",
        vote,
        (),
        "handler vote of route 'vote/{poll_id}/{choice}/{extra}': template parameter "
        "'extra' is not a parameter of the handler",
        id="template-parameter-missing",
    ),
    pytest.param(
        "vote/{poll_id}",
        vote,
        (),
        "handler vote of route 'vote/{poll_id}': parameter 'choice' is not in the "
        "template and has no default; add {choice} to the template, give it a "
        "default, or name it in exclude=",
        id="handler-parameter-missing",
    ),
    pytest.param(
        "choose/{poll_id}",
        choose,
        ("values", "vlaues"),
        "exclude= names 'vlaues', which is not a parameter of the handler",
        id="exclude-typo",
    ),
    pytest.param(
        "choose/{poll_id}",
        choose,
        ("values", "poll_id"),
        "parameter 'poll_id' is in the template and in exclude=",
        id="exclude-in-template",
    ),
    pytest.param(
        "vote/{ctx}/{poll_id}/{choice}",
        vote,
        (),
        "template parameter 'ctx' is not a parameter of the handler",
        id="context-in-template",
    ),
    pytest.param(
        "x/{a}",
        untyped_handler,
        (),
        "handler untyped_handler of route 'x/{a}': parameter 'a' has no annotation",
        id="no-annotation",
    ),
    pytest.param(
        "x/{a}",
        late_handler,
        (),
        "cannot evaluate the annotations of handler late_handler of route 'x/{a}': "
        "name 'Missing' is not defined",
        id="unresolved-annotation",
    ),
    pytest.param(
        "x/{a}",
        positional_handler,
        (),
        "parameter 'a' must be passable by keyword",
        id="positional-only",
    ),
    pytest.param(
        "x",
        no_context,
        (),
        "handler no_context of route 'x' must take the context as its first parameter",
        id="no-context",
    ),
]


@pytest.mark.parametrize(
    ("template", "handler", "exclude", "message"), HANDLER_MISTAKES
)
def test_handler_mistakes_are_refused(
    template: str, handler: Any, exclude: tuple[str, ...], message: str
) -> None:
    with pytest.raises(DeclarationError, match=re.escape(message)):
        Route.from_handler(template, handler, exclude=exclude)


# -- the route table -----------------------------------------------------------------


def test_the_table_matches_a_custom_id() -> None:
    table: RouteTable[str] = RouteTable()
    close = Route("poll/{poll_id}/close", {"poll_id": int})
    table.add(close, "close")
    table.add(Route("poll/{poll_id}/open", {"poll_id": int}), "open")

    match = table.match("poll/7/close")

    assert match is not None
    assert match.route is close
    assert match.handler == "close"
    assert match.params == {"poll_id": 7}
    assert len(table) == 2
    assert [route.template for route in table] == [
        "poll/{poll_id}/close",
        "poll/{poll_id}/open",
    ]


@pytest.mark.parametrize(
    "custom_id",
    [
        pytest.param("", id="empty"),
        pytest.param("poll", id="head-only"),
        pytest.param("poll/7", id="too-short"),
        pytest.param("poll/7/delete", id="other-literal"),
        pytest.param("vote/7/close", id="other-head"),
        pytest.param("poll/7/close/now", id="too-long"),
    ],
)
def test_the_table_returns_none_for_an_unknown_custom_id(custom_id: str) -> None:
    table: RouteTable[str] = RouteTable()
    table.add(Route("poll/{poll_id}/close", {"poll_id": int}), "close")

    assert table.match(custom_id) is None


def test_the_table_raises_when_its_route_cannot_convert_a_value() -> None:
    table: RouteTable[str] = RouteTable()
    table.add(Route("poll/{poll_id}/close", {"poll_id": int}), "close")

    with pytest.raises(CustomIdError, match="parameter 'poll_id' expected an int"):
        table.match("poll/seven/close")


CONFLICTS = [
    pytest.param(
        "poll/{a}/close",
        "poll/{b}/close",
        "both match the same custom_ids",
        id="same-literals",
    ),
    pytest.param(
        "item/{id}", "item/{name}", "both match the same custom_ids", id="same-shape"
    ),
    pytest.param("refresh", "refresh", "both match the same custom_ids", id="fixed"),
    pytest.param(
        "poll/{a}/close",
        "poll/open/{a}",
        "templates that begin with 'poll' and have 3 segments must keep their "
        "literal segments in the same places",
        id="literals-elsewhere",
    ),
    pytest.param(
        "vote/{a}/{b}",
        "vote/v2/{c}",
        "templates that begin with 'vote' and have 3 segments must keep their "
        "literal segments in the same places, so that the table finds them "
        "without a scan; change the first segment of one of them",
        id="version-in-second-segment",
    ),
]


@pytest.mark.parametrize(("first", "second", "reason"), CONFLICTS)
def test_conflicting_templates_are_refused(
    first: str, second: str, reason: str
) -> None:
    table: RouteTable[str] = RouteTable()
    table.add(Route(first, _types(first)), "first")

    message = (
        f"route {re.escape(repr(second))} conflicts with route "
        f"{re.escape(repr(first))}, added before: {re.escape(reason)}"
    )
    with pytest.raises(DeclarationError, match=message):
        table.add(Route(second, _types(second)), "second")

    assert len(table) == 1


def _types(template: str) -> dict[str, object]:
    names = re.findall(r"\{(\w+)\}", template)
    return dict.fromkeys(names, int)


def test_templates_that_cannot_collide_share_a_table() -> None:
    table: RouteTable[str] = RouteTable()
    for template in ["vote/{a}", "vote/{a}/{b}", "vote/v2/{a}/{b}", "vote2/{a}/{b}"]:
        table.add(Route(template, _types(template)), template)

    assert [table.match(custom_id) for custom_id in ["vote/1", "vote/1/2"]] == [
        table.match("vote/1"),
        table.match("vote/1/2"),
    ]
    for custom_id, template in [
        ("vote/1", "vote/{a}"),
        ("vote/1/2", "vote/{a}/{b}"),
        ("vote/v2/1/2", "vote/v2/{a}/{b}"),
        ("vote2/1/2", "vote2/{a}/{b}"),
    ]:
        match = table.match(custom_id)
        assert match is not None
        assert match.handler == template


def test_ten_thousand_routes_in_ten_thousand_buckets() -> None:
    table: RouteTable[int] = RouteTable()
    for index in range(10_000):
        table.add(Route(f"r{index}/{{a}}/{{b}}", {"a": int, "b": str}), index)

    for index in range(10_000):
        match = table.match(f"r{index}/{index}/x")
        assert match is not None
        assert match.handler == index
        assert match.params == {"a": index, "b": "x"}

    assert len(table) == 10_000
    assert table.match("r10000/1/x") is None


def test_ten_thousand_routes_in_one_bucket() -> None:
    table: RouteTable[int] = RouteTable()
    for index in range(10_000):
        table.add(Route(f"poll/{{poll_id}}/a{index}", {"poll_id": int}), index)

    for index in range(10_000):
        match = table.match(f"poll/{index}/a{index}")
        assert match is not None
        assert match.handler == index

    assert table.match("poll/1/b1") is None


# -- the docs ------------------------------------------------------------------------


def test_the_docs_page_starts_with_an_example() -> None:
    lines = DOCS.read_text(encoding="utf-8").splitlines()

    assert lines[0].startswith("# ")
    assert lines[2] == "```python"


def python_blocks() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize(
    "code",
    [pytest.param(code, id=f"block-{i}") for i, code in enumerate(python_blocks())],
)
def test_the_docs_examples_run(code: str) -> None:
    exec(compile(code, str(DOCS), "exec"), {"__name__": "docs_routes"})
