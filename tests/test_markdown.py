"""Markdown helpers: what each builds, what each refuses, and escape() made inert."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikit.ui import markdown as md
from ikit.ui.markdown import TimestampStyle

ZWSP = "\u200b"
USER_ID = 80351110224678912


def test_exports() -> None:
    functions = {
        name
        for name, value in vars(md).items()
        if inspect.isfunction(value)
        and value.__module__ == md.__name__
        and not name.startswith("_")
    }

    assert functions | {"EVERYONE", "HERE", "TimestampStyle"} == set(md.__all__)


# -- what each function builds ------------------------------------------------------

BUILDS: list[tuple[Callable[[], str], str]] = [
    (lambda: md.mention_user(USER_ID), "<@80351110224678912>"),
    (lambda: md.mention_channel(103735883630395392), "<#103735883630395392>"),
    (lambda: md.mention_role(165511591545143296), "<@&165511591545143296>"),
    (lambda: md.mention_role(2**64 - 1), "<@&18446744073709551615>"),
    (lambda: md.mention_command("airhorn", 1), "</airhorn:1>"),
    (lambda: md.mention_command("foo bar", 2), "</foo bar:2>"),
    (lambda: md.mention_command("foo group bar", 3), "</foo group bar:3>"),
    (lambda: md.mention_command("don't-do_it", 4), "</don't-do_it:4>"),
    (lambda: md.mention_command("नमस्ते", 5), "</नमस्ते:5>"),
    (lambda: md.EVERYONE, "@everyone"),
    (lambda: md.HERE, "@here"),
    (lambda: md.custom_emoji("mmLol", 216154654256398347),
     "<:mmLol:216154654256398347>"),
    (lambda: md.custom_emoji("b1n_zy", 9, animated=True), "<a:b1n_zy:9>"),
    (lambda: md.bold("x"), "**x**"),
    (lambda: md.italic("x y"), "*x y*"),
    (lambda: md.underline("x"), "__x__"),
    (lambda: md.strikethrough("x"), "~~x~~"),
    (lambda: md.spoiler("x"), "||x||"),
    (lambda: md.bold(md.italic(md.underline("x"))), "***__x__***"),
    (lambda: md.bold(md.escape("2*3")), "**2\\*3**"),
    (lambda: md.inline_code("x = 1"), "`x = 1`"),
    (lambda: md.inline_code("a`b"), "``a`b``"),
    (lambda: md.inline_code("`a"), "`` `a``"),
    (lambda: md.inline_code("a`"), "``a` ``"),
    (lambda: md.inline_code("``"), f"`` `{ZWSP}` ``"),
    (lambda: md.inline_code("a```b"), f"``a`{ZWSP}`{ZWSP}`b``"),
    (lambda: md.inline_code("*not bold*"), "`*not bold*`"),
    (lambda: md.code_block("print(1)"), "```\nprint(1)\n```"),
    (lambda: md.code_block("print(1)", "py"), "```py\nprint(1)\n```"),
    (lambda: md.code_block("int x;", "c++"), "```c++\nint x;\n```"),
    (lambda: md.code_block("a ``b``"), "```\na ``b``\n```"),
    (lambda: md.code_block("```\nx\n```"),
     f"```\n`{ZWSP}`{ZWSP}`\nx\n`{ZWSP}`{ZWSP}`\n```"),
    (lambda: md.quote("one"), "> one"),
    (lambda: md.quote("one\n\nthree"), "> one\n> \n> three"),
    (lambda: md.block_quote("one\ntwo"), ">>> one\ntwo"),
    (lambda: md.heading("Title"), "# Title"),
    (lambda: md.heading("Title", 2), "## Title"),
    (lambda: md.heading("Title", level=3), "### Title"),
    (lambda: md.subtext("small"), "-# small"),
    (lambda: md.bulleted_list(["a", "b"]), "- a\n- b"),
    (lambda: md.bulleted_list(x for x in "ab"), "- a\n- b"),
    (lambda: md.numbered_list(["a", "b"]), "1. a\n2. b"),
    (lambda: md.numbered_list(["a", "b"], start=9), "9. a\n10. b"),
    (lambda: md.numbered_list(["a"], start=0), "0. a"),
    (lambda: md.link("docs", "https://discord.com/developers"),
     "[docs](https://discord.com/developers)"),
    (lambda: md.link("docs", "http://x.io", suppress_embed=True), "[docs](<http://x.io>)"),
    (lambda: md.link("a [b] c", "https://x.io"), "[a \\[b\\] c](https://x.io)"),
    (lambda: md.link(md.escape("[b]"), "https://x.io"), "[\\[b\\]](https://x.io)"),
    (lambda: md.link(md.bold("b"), "HTTPS://x.io"), "[**b**](HTTPS://x.io)"),
    (lambda: md.link("w", "https://en.wikipedia.org/wiki/Ed_(x)"),
     "[w](https://en.wikipedia.org/wiki/Ed_%28x%29)"),
    (lambda: md.link("x", "https://x.io/<a>", suppress_embed=True),
     "[x](<https://x.io/%3Ca%3E>)"),
]  # fmt: skip


def _id(expected: str) -> str:
    return expected.replace("\n", "\\n").replace(ZWSP, "<zwsp>")


@pytest.mark.parametrize(
    ("build", "expected"),
    [pytest.param(build, expected, id=_id(expected)) for build, expected in BUILDS],
)
def test_builds(build: Callable[[], str], expected: str) -> None:
    assert build() == expected


# -- timestamps ----------------------------------------------------------------------

WHEN = datetime(2021, 4, 20, 16, 20, 30, tzinfo=UTC)
UNIX = 1618935630


@pytest.mark.parametrize("style", get_args(TimestampStyle))
def test_timestamp_styles(style: TimestampStyle) -> None:
    assert md.timestamp(WHEN, style) == f"<t:{UNIX}:{style}>"
    assert md.timestamp(UNIX, style=style) == f"<t:{UNIX}:{style}>"


def test_timestamp_styles_are_discords() -> None:
    # As Discord's Message Formatting reference lists them, s and S included.
    assert get_args(TimestampStyle) == ("t", "T", "d", "D", "f", "F", "s", "S", "R")


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        pytest.param(WHEN, f"<t:{UNIX}>", id="utc-datetime"),
        pytest.param(
            datetime(2021, 4, 20, 18, 20, 30, tzinfo=timezone(timedelta(hours=2))),
            f"<t:{UNIX}>",
            id="offset-datetime",
        ),
        pytest.param(UNIX, f"<t:{UNIX}>", id="int"),
        pytest.param(UNIX + 0.9, f"<t:{UNIX}>", id="float-floored"),
        pytest.param(-1.5, "<t:-2>", id="before-1970-floored"),
        pytest.param(0, "<t:0>", id="epoch"),
        pytest.param(8_640_000_000_000, "<t:8640000000000>", id="latest"),
    ],
)
def test_timestamp_moments(when: datetime | float, expected: str) -> None:
    assert md.timestamp(when) == expected


# -- what each function refuses ------------------------------------------------------

REFUSES: list[tuple[str, Callable[[], object], str]] = [
    ("user-id-zero", lambda: md.mention_user(0),
     r"^user_id must be a snowflake between 1 and 2\*\*64 - 1, got 0$"),
    ("user-id-negative", lambda: md.mention_user(-5), r"^user_id must be .* got -5$"),
    ("channel-id-too-big", lambda: md.mention_channel(2**64),
     r"^channel_id must be a snowflake between 1 and 2\*\*64 - 1, "
     r"got 18446744073709551616$"),
    ("role-id-str", lambda: md.mention_role("1"),  # type: ignore[arg-type]
     r"^role_id must be a snowflake \(an int\), got str '1'$"),
    ("user-id-bool", lambda: md.mention_user(True),
     r"^user_id must be a snowflake \(an int\), got bool True$"),
    ("command-empty", lambda: md.mention_command("", 1),
     r"^name must not be empty, got ''$"),
    ("command-upper", lambda: md.mention_command("Ping", 1),
     r"^name must be lowercase, got 'Ping'$"),
    ("command-four-words", lambda: md.mention_command("a b c d", 1),
     r"^name must be a command name, then at most a group and a subcommand "
     r"\(1 to 3 words\), got 4 words in 'a b c d'$"),
    ("command-double-space", lambda: md.mention_command("a  b", 1),
     r"^name must be words of 1 to 32 letters, digits, '-', '_' or \"'\", separated "
     r"by single spaces, got 'a  b'$"),
    ("command-slash", lambda: md.mention_command("a/b", 1), r"name must be words of"),
    ("command-too-long", lambda: md.mention_command("a" * 33, 1), r"must be words"),
    ("command-id", lambda: md.mention_command("a", 0), r"^command_id must be a"),
    ("emoji-short-name", lambda: md.custom_emoji("a", 1),
     r"^name must be 2 to 32 letters, digits or underscores, got 'a'$"),
    ("emoji-colon", lambda: md.custom_emoji("a:b", 1), r"got 'a:b'$"),
    ("emoji-long-name", lambda: md.custom_emoji("a" * 33, 1), r"name must be 2 to 32"),
    ("emoji-id", lambda: md.custom_emoji("ab", -1), r"^emoji_id must be a snowflake"),
    ("timestamp-style", lambda: md.timestamp(0, "x"),  # type: ignore[arg-type]
     r"^style must be one of t, T, d, D, f, F, s, S, R, got 'x'$"),
    ("timestamp-naive", lambda: md.timestamp(datetime(2021, 4, 20)),
     r"^when must be timezone-aware, got the naive datetime datetime.datetime\(2021, "
     r"4, 20, 0, 0\); pass tzinfo=datetime.UTC or use datetime.now\(datetime.UTC\)$"),
    ("timestamp-nan", lambda: md.timestamp(float("nan")),
     r"^when must be within 8,640,000,000,000 seconds of 1970, the range Discord's "
     r"clients can show, got nan$"),
    ("timestamp-too-late", lambda: md.timestamp(8_640_000_000_001),
     r"got 8640000000001$"),
    ("timestamp-str", lambda: md.timestamp("1"),  # type: ignore[arg-type]
     r"^when must be a datetime or Unix seconds, got str$"),
    ("timestamp-bool", lambda: md.timestamp(True), r"got bool$"),
    ("bold-empty", lambda: md.bold(""), r"^text must not be empty, got ''$"),
    ("underline-empty", lambda: md.underline(""), r"^text must not be empty"),
    ("strikethrough-empty", lambda: md.strikethrough(""), r"^text must not be empty"),
    ("spoiler-empty", lambda: md.spoiler(""), r"^text must not be empty"),
    ("spoiler-not-str", lambda: md.spoiler(1),  # type: ignore[arg-type]
     r"^text must be a str, got int$"),
    ("italic-leading-space", lambda: md.italic(" x"),
     r"^text must not start or end with whitespace in italics, got ' x'$"),
    ("italic-trailing-newline", lambda: md.italic("x\n"), r"got 'x\\n'$"),
    ("inline-code-empty", lambda: md.inline_code(""), r"^text must not be empty"),
    ("code-block-empty", lambda: md.code_block(""), r"^text must not be empty"),
    ("code-block-newlines", lambda: md.code_block("\n\n"),
     r"^text must contain more than newlines in a code block$"),
    ("code-block-language", lambda: md.code_block("x", "my lang"),
     r"^language must be letters, digits or _ \+ - \. # \(like 'py' or 'c\+\+'\), "
     r"got 'my lang'$"),
    ("code-block-language-empty", lambda: md.code_block("x", ""), r"got ''$"),
    ("quote-empty", lambda: md.quote(""), r"^text must not be empty"),
    ("block-quote-empty", lambda: md.block_quote(""), r"^text must not be empty"),
    ("heading-level-0", lambda: md.heading("x", 0),  # type: ignore[arg-type]
     r"^level must be 1, 2 or 3, got 0$"),
    ("heading-level-4", lambda: md.heading("x", 4),  # type: ignore[arg-type]
     r"^level must be 1, 2 or 3, got 4$"),
    ("heading-level-bool", lambda: md.heading("x", True),  # type: ignore[arg-type]
     r"got True$"),
    ("heading-two-lines", lambda: md.heading("a\nb"),
     r"^text must be a single line, got 'a\\nb'$"),
    ("heading-long-text-is-cut", lambda: md.heading("x" * 50 + "\n"),
     r"got 'x{40}\.\.\.'$"),
    ("subtext-two-lines", lambda: md.subtext("a\nb"), r"^text must be a single line"),
    ("list-empty", lambda: md.bulleted_list([]),
     r"^items must hold at least one item, got none$"),
    ("list-one-str", lambda: md.bulleted_list("ab"),
     r"^items must be an iterable of str, not one str, got 'ab'$"),
    ("list-empty-item", lambda: md.bulleted_list(["a", ""]),
     r"^items\[1\] must not be empty, got ''$"),
    ("list-multiline-item", lambda: md.numbered_list(["a\nb"]),
     r"^items\[0\] must be a single line, got 'a\\nb'$"),
    ("list-negative-start", lambda: md.numbered_list(["a"], start=-1),
     r"^start must be 0 or more, and the last number at most 999,999,999, got "
     r"start=-1 for 1 items$"),
    ("list-past-nine-digits", lambda: md.numbered_list(["a", "b"], start=999_999_999),
     r"got start=999999999 for 2 items$"),
    ("list-float-start", lambda: md.numbered_list(["a"], start=1.0),  # type: ignore[arg-type]
     r"^start must be an int, got float$"),
    ("link-empty-text", lambda: md.link("", "https://x.io"), r"^text must not be"),
    ("link-multiline-text", lambda: md.link("a\nb", "https://x.io"),
     r"^text must be a single line"),
    ("link-empty-url", lambda: md.link("a", ""), r"^url must not be empty, got ''$"),
    ("link-relative-url", lambda: md.link("a", "/docs"),
     r"^url must be an absolute http:// or https:// URL, got '/docs'$"),
    ("link-other-scheme", lambda: md.link("a", "javascript://x"),
     r"http:// or https:// URL, got 'javascript://x'$"),
    ("link-no-host", lambda: md.link("a", "https://"), r"got 'https://'$"),
    ("link-space-in-url", lambda: md.link("a", "https://x.io/a b"),
     r"^url must not contain whitespace or control characters, got "
     r"'https://x.io/a b'$"),
    ("link-control-in-url", lambda: md.link("a", "https://x.io/\x00"), r"control"),
    ("escape-not-str", lambda: md.escape(None),  # type: ignore[arg-type]
     r"^text must be a str, got NoneType$"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "message"),
    [pytest.param(call, message, id=name) for name, call, message in REFUSES],
)
def test_refuses(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


# -- escape(), by example ------------------------------------------------------------

ESCAPES: list[tuple[str, str, str]] = [
    ("plain", "hello there", "hello there"),
    ("bold", "**x**", r"\*\*x\*\*"),
    ("italic-underscore", "_x_", r"\_x\_"),
    ("underline", "__x__", r"\_\_x\_\_"),
    ("strikethrough", "~~x~~", r"\~\~x\~\~"),
    ("spoiler", "||x||", r"\|\|x\|\|"),
    ("inline-code", "`x`", r"\`x\`"),
    ("code-block", "```py\nx\n```", "\\`\\`\\`py\nx\n\\`\\`\\`"),
    ("masked-link", "[a](https://x.io)", r"\[a](https://x.io)"),
    ("backslash", r"a\*b", r"a\\\*b"),
    ("heading", "# x", r"\# x"),
    ("heading-3", "### x", r"\### x"),
    ("subtext", "-# x", r"\-# x"),
    ("quote", "> x", r"\> x"),
    ("block-quote", ">>> x", r"\>>> x"),
    ("bullet-dash", "- x", r"\- x"),
    ("bullet-plus", "+ x", r"\+ x"),
    ("bullet-star", "* x", r"\* x"),
    ("numbered", "12. x", r"12\. x"),
    ("indented-bullet", "a\n  - x", "a\n  \\- x"),
    ("markers-mid-line", "a - b # c > d 1. e", "a - b # c > d 1. e"),
    ("everyone", "@everyone", f"@{ZWSP}everyone"),
    ("here-any-case", "@HeRe", f"@{ZWSP}HeRe"),
    ("email", "me@example.com", "me@example.com"),
    ("user-mention", "<@80351110224678912>", f"<{ZWSP}@80351110224678912>"),
    ("role-mention", "<@&1>", f"<{ZWSP}@&1>"),
    ("channel", "<#1>", f"<{ZWSP}#1>"),
    ("command", "</ping:1>", f"<{ZWSP}/ping:1>"),
    ("emoji", "<a:x:1>", f"<{ZWSP}a:x:1>"),
    ("timestamp", "<t:1:R>", f"<{ZWSP}t:1:R>"),
    ("guild-navigation", "<id:browse>", f"<{ZWSP}id:browse>"),
    ("link-kept", "https://x.io/a_b*c*", "https://x.io/a_b*c*"),
    ("link-trailing-dot", "see https://x.io/a_b.", "see https://x.io/a_b."),
    ("link-in-parens", "(https://x.io/_a_)", "(https://x.io/_a_)"),
    ("link-ends-at-angle", "https://x.io/a<#1>", f"https://x.io/a<{ZWSP}#1>"),
    ("link-everyone", "https://x.io/@everyone", f"https://x.io/@{ZWSP}everyone"),
    ("link-after-letter", "xhttps://x.io/_a_", r"xhttps\://x.io/\_a\_"),
    ("link-after-underscore", "_https://x.io/_a_", r"\_https\://x.io/\_a\_"),
    ("link-upper-scheme", "HTTPS://x.io/_a_", r"HTTPS\://x.io/\_a\_"),
    ("link-too-short", "https://*", r"https\://\*"),
    ("not-a-link", "http:// x", r"http\:// x"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in ESCAPES],
)
def test_escape(text: str, expected: str) -> None:
    assert md.escape(text) == expected


# -- escape(), as a property ---------------------------------------------------------
# A model of how a Discord client reads text, just enough to say whether anything in
# it would be live: bare links are shown as they are; a backslash before any character
# but an ASCII letter, digit or whitespace shows that character alone; and the rest
# must hold no character that opens markdown, no line marker, no unbroken `<` and no
# mass mention.

SPACE = r"\s\ufeff"  # JavaScript's whitespace and Python's
BARE_LINK = re.compile(rf"(?<!\w)https?://[^{SPACE}<]+[^<.,:;\"')\]{SPACE}]")
LINE_MARKER = re.compile(r"[^\S\n]*(?:[#>+\-]|\d+\.)")
MASS_MENTION = re.compile(r"@(?i:everyone|here)")
OPENS_INLINE = set("*_~`|[\\")


def shown(markdown: str) -> str:
    """The text a client shows for ``markdown``; fails where syntax would be live."""
    assert not MASS_MENTION.search(markdown), markdown
    out: list[str] = []
    i = 0
    while i < len(markdown):
        if i == 0 or markdown[i - 1] == "\n":
            assert not LINE_MARKER.match(markdown, i), (markdown, i)

        link = BARE_LINK.match(markdown, i)
        if link:
            out.append(link.group())
            i = link.end()
            continue

        char, following = markdown[i], markdown[i + 1 : i + 2]
        if char == "\\" and following and not following.isspace():
            assert not (following.isascii() and following.isalnum()), (markdown, i)
            out.append(following)
            i += 2
            continue

        assert char not in OPENS_INLINE, (markdown, i)
        assert char != "<" or following == ZWSP, (markdown, i)
        out.append(char)
        i += 1

    return "".join(out)


TRICKY = [
    *"*_~`|\\[]()<>@#-+.:/!&\n \t",
    "1.", "12", "everyone", "here", "EveryOne", "https://", "http://", "HTTPS://",
    "x.io", "t:1:R", "a", "é", "\ufeff", "\u00a0",
]  # fmt: skip
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(TRICKY),
        st.characters(exclude_characters=ZWSP, exclude_categories=["Cs"]),
    ),
    max_size=40,
).map("".join)


@given(TEXTS)
@settings(max_examples=300)
def test_escape_is_inert_and_shows_the_text(text: str) -> None:
    assert shown(md.escape(text)).replace(ZWSP, "") == text


@given(st.text())
def test_escape_never_leaves_live_syntax(text: str) -> None:
    shown(md.escape(text))
