"""Discord's rules for names, descriptions and localizations, as pure checks.

Each check returns the broken rule as a sentence fragment, or None; the caller adds
where (function, parameter) and raises :class:`ikit.errors.DeclarationError`.

Names of slash commands, subcommands and options must match Discord's pattern
``^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$``. The stdlib ``re`` has no
``\\p{...}``, so :func:`is_name_char` tests letters and numbers with their Unicode
general category and the Devanagari and Thai scripts with their ranges from the
Unicode Scripts.txt table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from ikit.errors import DeclarationError

__all__ = [
    "LOCALES",
    "MAX_COMMAND_SIZE",
    "MAX_NAME",
    "RuleBroken",
    "chat_name_problem",
    "check",
    "declaring",
    "description_problem",
    "field_size",
    "is_name_char",
    "locale_problem",
    "localizations_problem",
    "localized",
    "menu_name_problem",
]

MAX_NAME = 32
MAX_DESCRIPTION = 100
#: Characters of names, descriptions and choice values across one command.
MAX_COMMAND_SIZE = 8000

#: The locales Discord accepts in localization maps (AvailableLocalesEnum).
# fmt: off
LOCALES = frozenset({
    "ar", "bg", "cs", "da", "de", "el", "en-GB", "en-US", "es-419", "es-ES", "fi", "fr",
    "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "nl", "no", "pl", "pt-BR",
    "ro", "ru", "sv-SE", "th", "tr", "uk", "vi", "zh-CN", "zh-TW",
})
# fmt: on

_PUNCTUATION = frozenset("-_'")
# Code point ranges of the Devanagari and Thai scripts (Unicode Scripts.txt). Marks
# such as U+0951 are script Inherited and the dandas U+0964-0965 script Common, so
# they are outside these ranges, as they are outside \p{sc=Deva}.
_SCRIPT_RANGES = (
    (0x0900, 0x0950),
    (0x0955, 0x0963),
    (0x0966, 0x097F),
    (0xA8E0, 0xA8FF),
    (0x11B00, 0x11B09),
    (0x0E01, 0x0E3A),
    (0x0E40, 0x0E5B),
)


def is_name_char(char: str) -> bool:
    """Whether one character may appear in a slash command or option name."""
    if char in _PUNCTUATION or unicodedata.category(char)[0] in "LN":
        return True

    point = ord(char)
    return any(low <= point <= high for low, high in _SCRIPT_RANGES)


def chat_name_problem(name: str) -> str | None:
    """What is wrong with a slash command, subcommand, group or option name."""
    if not 1 <= len(name) <= MAX_NAME:
        return f"a name must be 1-{MAX_NAME} characters, got {len(name)} ({name!r})"

    bad = [char for char in name if not is_name_char(char)]
    if bad:
        return (
            "a name may hold only letters, numbers, '-', '_' and \"'\", "
            f"got {bad[0]!r} in {name!r}"
        )

    upper = [char for char in name if char.lower() != char]
    if upper:
        return f"a name must be lowercase, got {upper[0]!r} in {name!r}"

    return None


def menu_name_problem(name: str) -> str | None:
    """What is wrong with a user or message command name (mixed case and spaces
    allowed)."""
    if not 1 <= len(name) <= MAX_NAME:
        return f"a name must be 1-{MAX_NAME} characters, got {len(name)} ({name!r})"

    if name != name.strip():
        return f"a name cannot start or end with whitespace, got {name!r}"

    return None


def description_problem(description: str) -> str | None:
    """What is wrong with a command or option description."""
    if not 1 <= len(description) <= MAX_DESCRIPTION:
        return (
            f"a description must be 1-{MAX_DESCRIPTION} characters, "
            f"got {len(description)} ({_shorten(description)!r})"
        )

    return None


def locale_problem(localizations: Mapping[str, str]) -> str | None:
    """What is wrong with the keys of a localization map."""
    unknown = sorted(set(localizations) - LOCALES)
    if unknown:
        return (
            f"unknown locale {unknown[0]!r} in localizations; "
            f"Discord accepts {', '.join(sorted(LOCALES))}"
        )

    return None


def field_size(default: str, localizations: Mapping[str, str] | None) -> int:
    """How much one field counts toward the 8000-character limit: only its longest
    form, default or localized, counts."""
    return max([len(default), *(len(text) for text in (localizations or {}).values())])


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class RuleBroken(Exception):
    """A declaration breaks a rule; :func:`declaring` adds where, as a
    DeclarationError."""


def check(problem: str | None) -> None:
    """Raise RuleBroken when a check found a problem."""
    if problem is not None:
        raise RuleBroken(problem)


@contextmanager
def declaring(where: str) -> Iterator[None]:
    """Turn the rules broken inside into a DeclarationError that starts with
    ``where`` (the function and the parameter)."""
    try:
        yield
    except RuleBroken as error:
        raise DeclarationError(f"{where}: {error}") from None


def localizations_problem(
    localizations: Mapping[str, str] | None, text_problem: Callable[[str], str | None]
) -> str | None:
    """What is wrong with a localization map: its locales, then each text."""
    if not localizations:
        return None

    return locale_problem(localizations) or next(
        (
            f"{locale}: {problem}"
            for locale, text in localizations.items()
            if (problem := text_problem(text))
        ),
        None,
    )


def localized(
    localizations: Mapping[str, str] | None, default: str
) -> dict[str, str] | None:
    """The localizations Discord keeps: it drops those equal to the default."""
    kept = {k: v for k, v in (localizations or {}).items() if v != default}
    return kept or None
