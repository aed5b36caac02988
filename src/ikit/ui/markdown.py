"""Discord's markdown as small functions that build it and refuse what cannot render.

Each function returns a ``str`` to place in message content, a text display or an
embed. None of them escapes its text: they wrap markdown, so that they nest
(``bold(italic("x"))``). Text that comes from users goes through :func:`escape` first,
which keeps it from formatting or mentioning anything.

Every argument is checked when the function is called; a bad one raises
:class:`ValueError` naming the parameter, the rule and the value given.

Discord documents the mention, emoji and timestamp forms in its Message Formatting
reference; the markdown rules follow what its clients render.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Literal, get_args

__all__ = [
    "EVERYONE",
    "HERE",
    "TimestampStyle",
    "block_quote",
    "bold",
    "bulleted_list",
    "code_block",
    "custom_emoji",
    "escape",
    "heading",
    "inline_code",
    "italic",
    "link",
    "mention_channel",
    "mention_command",
    "mention_role",
    "mention_user",
    "numbered_list",
    "quote",
    "spoiler",
    "strikethrough",
    "subtext",
    "timestamp",
    "underline",
]

#: Mentions every member who can see the channel, if allowed_mentions lets it.
EVERYONE = "@everyone"
#: Mentions every online member who can see the channel, if allowed_mentions lets it.
HERE = "@here"

TimestampStyle = Literal["t", "T", "d", "D", "f", "F", "s", "S", "R"]
"""How a client shows a timestamp, in the viewer's time zone and locale.

``t`` 16:20, ``T`` 16:20:30, ``d`` 20/04/2021, ``D`` April 20, 2021,
``f`` April 20, 2021 at 16:20 (the default), ``F`` Tuesday, April 20, 2021 at 16:20,
``s`` 20/04/2021, 16:20, ``S`` 20/04/2021, 16:20:30, ``R`` 4 years ago.
"""

_STYLES: tuple[str, ...] = get_args(TimestampStyle)
_SNOWFLAKE_LIMIT = 1 << 64
# The seconds a JavaScript Date can hold either side of 1970; clients show no further.
_MAX_UNIX_SECONDS = 8_640_000_000_000
_EMOJI_NAME = re.compile(r"[A-Za-z0-9_]{2,32}")
_CODE_LANGUAGE = re.compile(r"[A-Za-z0-9_+\-.#]+")
_MAX_LIST_START = 999_999_999
_ZWSP = "\u200b"  # zero-width space: splits syntax without changing what is shown


# -- checks --------------------------------------------------------------------------


def _snowflake(param: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"{param} must be a snowflake (an int), got {type(value).__name__} "
            f"{value!r}"
        )

    if not 0 < value < _SNOWFLAKE_LIMIT:
        raise ValueError(
            f"{param} must be a snowflake between 1 and 2**64 - 1, got {value}"
        )

    return value


def _text(param: str, value: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{param} must be a str, got {type(value).__name__}")

    if not value:
        raise ValueError(f"{param} must not be empty, got ''")

    return value


def _line(param: str, value: str) -> str:
    _text(param, value)
    if "\n" in value:
        raise ValueError(f"{param} must be a single line, got {_short(value)}")

    return value


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "...")


# -- mentions, emoji, timestamps -----------------------------------------------------


def mention_user(user_id: int) -> str:
    """``<@user_id>``: mentions a user, pinging them if ``allowed_mentions`` lets it."""
    return f"<@{_snowflake('user_id', user_id)}>"


def mention_channel(channel_id: int) -> str:
    """``<#channel_id>``: a link to a channel."""
    return f"<#{_snowflake('channel_id', channel_id)}>"


def mention_role(role_id: int) -> str:
    """``<@&role_id>``: mentions a role, pinging it if ``allowed_mentions`` lets it."""
    return f"<@&{_snowflake('role_id', role_id)}>"


def mention_command(name: str, command_id: int) -> str:
    """``</name:command_id>``: a clickable slash command.

    ``name`` is the command's name, followed for a subcommand by its group (if any)
    and its own name, separated by single spaces: ``"config roles add"``.
    """
    parts = _text("name", name).split(" ")
    if len(parts) > 3:
        raise ValueError(
            "name must be a command name, then at most a group and a subcommand "
            f"(1 to 3 words), got {len(parts)} words in {_short(name)}"
        )

    for part in parts:
        _command_word(name, part)
    return f"</{name}:{_snowflake('command_id', command_id)}>"


def _command_word(name: str, word: str) -> None:
    # Discord's rule: 1-32 letters, digits, marks of Indic scripts, - _ and '.
    allowed = all(c.isalnum() or c in "-_'" or _is_mark(c) for c in word)
    if not (1 <= len(word) <= 32 and allowed):
        raise ValueError(
            "name must be words of 1 to 32 letters, digits, '-', '_' or \"'\", "
            f"separated by single spaces, got {_short(name)}"
        )

    if word != word.lower():
        raise ValueError(f"name must be lowercase, got {_short(name)}")


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def custom_emoji(name: str, emoji_id: int, *, animated: bool = False) -> str:
    """``<:name:emoji_id>``, or ``<a:name:emoji_id>`` when ``animated``."""
    if not isinstance(name, str) or not _EMOJI_NAME.fullmatch(name):
        raise ValueError(
            f"name must be 2 to 32 letters, digits or underscores, got {name!r}"
        )

    prefix = "a" if animated else ""
    return f"<{prefix}:{name}:{_snowflake('emoji_id', emoji_id)}>"


def timestamp(when: datetime | float, style: TimestampStyle | None = None) -> str:
    """``<t:unix:style>``: a moment shown in each viewer's own time zone and locale.

    ``when`` is an aware :class:`~datetime.datetime` or Unix seconds (fractions are
    dropped: Discord counts whole seconds). Without ``style`` clients use ``f``.
    """
    unix = _unix_seconds(when)
    if style is None:
        return f"<t:{unix}>"

    if style not in _STYLES:
        allowed = ", ".join(_STYLES)
        raise ValueError(f"style must be one of {allowed}, got {style!r}")

    return f"<t:{unix}:{style}>"


def _unix_seconds(when: datetime | float) -> int:
    if isinstance(when, datetime):
        # A naive datetime would be read in the server's time zone, silently.
        if when.utcoffset() is None:
            raise ValueError(
                f"when must be timezone-aware, got the naive datetime {when!r}; "
                "pass tzinfo=datetime.UTC or use datetime.now(datetime.UTC)"
            )
        seconds = when.timestamp()
    elif isinstance(when, int | float) and not isinstance(when, bool):
        seconds = when
    else:
        raise ValueError(
            f"when must be a datetime or Unix seconds, got {type(when).__name__}"
        )

    if not (math.isfinite(seconds) and abs(seconds) <= _MAX_UNIX_SECONDS):
        raise ValueError(
            f"when must be within {_MAX_UNIX_SECONDS:,} seconds of 1970, the range "
            f"Discord's clients can show, got {seconds!r}"
        )

    return math.floor(seconds)


# -- inline styles -------------------------------------------------------------------


def bold(text: str) -> str:
    """``**text**``."""
    return f"**{_text('text', text)}**"


def italic(text: str) -> str:
    """``*text*``. Discord shows the asterisks when ``text`` starts or ends with
    whitespace, so such text is refused."""
    _text("text", text)
    if text[0].isspace() or text[-1].isspace():
        raise ValueError(
            f"text must not start or end with whitespace in italics, got {_short(text)}"
        )

    return f"*{text}*"


def underline(text: str) -> str:
    """``__text__``."""
    return f"__{_text('text', text)}__"


def strikethrough(text: str) -> str:
    """``~~text~~``."""
    return f"~~{_text('text', text)}~~"


def spoiler(text: str) -> str:
    """``||text||``: hidden until the viewer clicks it."""
    return f"||{_text('text', text)}||"


def inline_code(text: str) -> str:
    """``text`` in a monospace span, shown exactly as given.

    Code has no escapes, so backticks inside take a double-backtick fence. Discord
    reads three backticks as a code block, so runs of backticks inside are split with
    zero-width spaces: the text looks the same, but copies with them.
    """
    if "`" not in _text("text", text):
        return f"`{text}`"

    text = _split_backtick_runs(text, longest=1)
    # A space keeps a backtick at either end from joining the fence; clients drop it.
    head = " " if text.startswith("`") else ""
    tail = " " if text.endswith("`") else ""
    return f"``{head}{text}{tail}``"


def _split_backtick_runs(text: str, *, longest: int) -> str:
    run = re.compile(f"`{{{longest + 1},}}")
    return run.sub(lambda m: _ZWSP.join(m.group()), text)


def link(text: str, url: str, *, suppress_embed: bool = False) -> str:
    """``[text](url)``: ``text`` shown as a link to ``url``.

    ``text`` is markdown; brackets in it that are not escaped are escaped, so that
    they do not end the link early. Parentheses and angle brackets in ``url`` are
    percent-encoded for the same reason. ``suppress_embed`` keeps Discord from
    showing a preview of the page.
    """
    label = _BRACKET.sub(_escape_bracket, _line("text", text))
    target = _link_url(url)
    if suppress_embed:
        target = f"<{target}>"

    return f"[{label}]({target})"


# An escaped pair first, so that an already escaped bracket is kept as it is.
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)


def _escape_bracket(match: re.Match[str]) -> str:
    token = match.group()
    return token if len(token) == 2 else "\\" + token


_URL_PERCENT = str.maketrans({"(": "%28", ")": "%29", "<": "%3C", ">": "%3E"})


def _link_url(url: str) -> str:
    _text("url", url)
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in url):
        raise ValueError(
            f"url must not contain whitespace or control characters, got {_short(url)}"
        )

    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest:
        raise ValueError(
            f"url must be an absolute http:// or https:// URL, got {_short(url)}"
        )

    return url.translate(_URL_PERCENT)


# -- blocks --------------------------------------------------------------------------


def code_block(text: str, language: str | None = None) -> str:
    """A fenced block of code, highlighted as ``language`` (``"py"``, ``"json"``...).

    Runs of three or more backticks inside are split with zero-width spaces, since
    they would close the block.
    """
    if not _text("text", text).strip("\n"):
        raise ValueError("text must contain more than newlines in a code block")

    if language is not None and not (
        isinstance(language, str) and _CODE_LANGUAGE.fullmatch(language)
    ):
        raise ValueError(
            "language must be letters, digits or _ + - . # (like 'py' or 'c++'), "
            f"got {language!r}"
        )

    return f"```{language or ''}\n{_split_backtick_runs(text, longest=2)}\n```"


def quote(text: str) -> str:
    """``> `` before each line of ``text``: a quote that ends with ``text``."""
    return "\n".join(f"> {line}" for line in _text("text", text).split("\n"))


def block_quote(text: str) -> str:
    """``>>> text``: a quote that runs to the end of the message.

    Everything after it in the same content is quoted too, so it belongs last.
    """
    return f">>> {_text('text', text)}"


def heading(text: str, level: Literal[1, 2, 3] = 1) -> str:
    """``# text``, ``## text`` or ``### text``: a heading on its own line."""
    if isinstance(level, bool) or level not in (1, 2, 3):
        raise ValueError(f"level must be 1, 2 or 3, got {level!r}")

    return f"{'#' * level} {_line('text', text)}"


def subtext(text: str) -> str:
    """``-# text``: a line of small, dimmed text."""
    return f"-# {_line('text', text)}"


def bulleted_list(items: Iterable[str]) -> str:
    """``- item`` on a line for each item."""
    return "\n".join(f"- {item}" for item in _items(items))


def numbered_list(items: Iterable[str], *, start: int = 1) -> str:
    """``1. item`` on a line for each item, counting from ``start``."""
    if isinstance(start, bool) or not isinstance(start, int):
        raise ValueError(f"start must be an int, got {type(start).__name__}")

    lines = _items(items)
    last = start + len(lines) - 1
    if start < 0 or last > _MAX_LIST_START:
        raise ValueError(
            f"start must be 0 or more, and the last number at most "
            f"{_MAX_LIST_START:,}, got start={start} for {len(lines)} items"
        )

    return "\n".join(f"{n}. {item}" for n, item in enumerate(lines, start))


def _items(items: Iterable[str]) -> list[str]:
    # A str is iterable too, and would make a list of its characters.
    if isinstance(items, str):
        raise ValueError(
            f"items must be an iterable of str, not one str, got {_short(items)}"
        )

    lines = list(items)
    if not lines:
        raise ValueError("items must hold at least one item, got none")

    for index, item in enumerate(lines):
        _line(f"items[{index}]", item)
    return lines


# -- escaping --------------------------------------------------------------------------
# escape() works in one pass of one regex. At each position the first alternative that
# matches wins:
#   url      a bare link, left as it is so that it still works. Discord links
#            ``https?://`` up to whitespace or ``<``, minus trailing punctuation. Only
#            a link that does not follow a letter or digit is kept, and whitespace is
#            that of both JavaScript and Python, so a span kept here is never longer
#            than the link a client sees. Nothing escaped ever directly follows a kept
#            span, so no backslash is pulled into the link.
#   scheme   ``http(s)://`` that does not start a kept link (after a letter, too short,
#            upper case): its colon is escaped, so that escapes added after it cannot
#            turn it into a link that shows them.
#   marker   what starts a heading, subtext, quote or list when first on a line: its
#            last character is escaped.
#   special  characters that open inline markdown anywhere: backslash-escaped.
#   <        opens mentions, channels, emoji, timestamps and commands: a zero-width
#            space after it breaks the syntax without a visible backslash.
#   @        before everyone or here: a zero-width space after it, so no one is
#            pinged whatever ``allowed_mentions`` says (also inside links).

_SPACE = r"\s\ufeff"
_ESCAPE = re.compile(
    rf"(?P<url>(?<!\w)https?://[^{_SPACE}<]+[^<.,:;\"')\]{_SPACE}])"
    r"|(?P<scheme>(?i:https?):(?=//))"
    r"|(?P<marker>^[^\S\n]*(?:[#>+\-]|\d+\.))"
    r"|(?P<special>[\\*_~`|\[])"
    r"|<"
    r"|@(?=(?i:everyone|here))",
    re.MULTILINE,
)
_MASS_MENTION = re.compile(r"@(?=(?i:everyone|here))")


def escape(text: str) -> str:
    """``text`` made inert: shown as typed, with no formatting and no mentions.

    Markdown characters are backslash-escaped; ``<`` and ``@everyone``/``@here`` get
    an invisible zero-width space that breaks mentions, emoji and timestamps. Bare
    ``http(s)://`` links stay clickable. Use it on anything a user typed before
    placing it in a message.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, got {type(text).__name__}")

    return _ESCAPE.sub(_escape_token, text)


def _escape_token(match: re.Match[str]) -> str:
    token = match.group()
    if match["url"] is not None:
        return _MASS_MENTION.sub("@" + _ZWSP, token)

    if match["scheme"] is not None or match["marker"] is not None:
        # Escaping the last character is enough to break the syntax.
        return f"{token[:-1]}\\{token[-1]}"

    if token in ("<", "@"):
        return token + _ZWSP

    return "\\" + token
