"""The rules Discord holds an app to, the simulator's clock, and the failures a test
reads when a bot breaks a rule or a test asks for something a user cannot do.

The exceptions derive from AssertionError, so pytest shows them as test failures::

    SimulationError (AssertionError)
    ├── DiscordRuleBroken    the bot did something Discord refuses
    ├── ActionImpossible     the test asked the simulated user for something a user
    │                        cannot do (click a button that is not there, ...)
    └── UnexpectedAnswer     the bot answered with something else than the test
                             expected (a modal where a message was awaited, ...)
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from ikit.errors import Violation
from ikit.models import InteractionCallbackType, InteractionType

__all__ = [
    "ALLOWED_RESPONSES",
    "ANSWER_DEADLINE",
    "FOLLOWUPS_FOR_USER_INSTALLS",
    "RULES",
    "TOKEN_LIFETIME",
    "ActionImpossible",
    "Clock",
    "DiscordRuleBroken",
    "SimulationError",
    "UnexpectedAnswer",
]

#: Seconds Discord waits for the first answer to an interaction.
ANSWER_DEADLINE = 3.0
#: Seconds an interaction token stays valid for followups and edits.
TOKEN_LIFETIME = 15 * 60.0
#: Followups allowed per interaction when only a user installation authorized it.
FOLLOWUPS_FOR_USER_INSTALLS = 5

_Callback = InteractionCallbackType
_MESSAGE_ANSWERS = frozenset(
    {
        _Callback.CHANNEL_MESSAGE_WITH_SOURCE,
        _Callback.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
        _Callback.LAUNCH_ACTIVITY,
    }
)
_UPDATES = frozenset({_Callback.DEFERRED_UPDATE_MESSAGE, _Callback.UPDATE_MESSAGE})

#: The first answers Discord accepts, by interaction type (Discord's docs, "Interaction
#: Callback Type"). A modal submit accepts updates only when a component opened the
#: modal; :func:`allowed_responses` applies that.
ALLOWED_RESPONSES: Mapping[InteractionType, frozenset[InteractionCallbackType]] = {
    InteractionType.PING: frozenset({_Callback.PONG}),
    InteractionType.APPLICATION_COMMAND: _MESSAGE_ANSWERS
    | {_Callback.MODAL, _Callback.PREMIUM_REQUIRED},
    InteractionType.MESSAGE_COMPONENT: _MESSAGE_ANSWERS
    | _UPDATES
    | {_Callback.MODAL, _Callback.PREMIUM_REQUIRED},
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: frozenset(
        {_Callback.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT}
    ),
    InteractionType.MODAL_SUBMIT: _MESSAGE_ANSWERS | _UPDATES,
}


def allowed_responses(
    kind: InteractionType, *, on_message: bool
) -> frozenset[InteractionCallbackType]:
    """The first answers Discord accepts for this interaction."""
    allowed = ALLOWED_RESPONSES.get(kind, frozenset())
    if kind is InteractionType.MODAL_SUBMIT and not on_message:
        return allowed - _UPDATES
    return allowed


class Clock:
    """Discord's time as the simulator keeps it: the real time, plus every
    :meth:`advance`.

    The simulator measures its rules with it (3 s for the first answer, 15 minutes
    for a token), so a test can let minutes pass without waiting for them.
    """

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        """Unix seconds."""
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass for Discord at once."""
        if seconds < 0:
            raise ValueError(f"a clock only moves forward; got seconds={seconds}")
        self._offset += seconds


# -- the failures a test reads ---------------------------------------------------------


class SimulationError(AssertionError):
    """Base of the failures ikit.testing reports to a test."""


#: The rules the simulator enforces, by the name ``DiscordRuleBroken.rule`` gives.
RULES = (
    "second-response",
    "response-type",
    "modal-after-modal",
    "deadline",
    "token-expired",
    "followup-limit",
    "limits",
    "unreadable",
)


class DiscordRuleBroken(SimulationError):
    """The bot did something Discord refuses; ``rule`` is one of :data:`RULES`."""

    def __init__(self, rule: str, message: str) -> None:
        if rule not in RULES:
            raise ValueError(f"unknown rule {rule!r}; the rules are {RULES}")
        super().__init__(message)
        self.rule = rule


class ActionImpossible(SimulationError):
    """The test asked the simulated user for something a user cannot do."""


class UnexpectedAnswer(SimulationError):
    """The bot answered with something else than the test awaited."""


def second_response(label: str) -> DiscordRuleBroken:
    return DiscordRuleBroken(
        "second-response",
        f"The bot answered {label} twice. Discord accepts one first answer per "
        "interaction and refuses the next (40060 Interaction has already been "
        "acknowledged); send later messages with ctx.followup() or "
        "ctx.edit_original().",
    )


def response_type(
    label: str,
    kind: InteractionType,
    given: InteractionCallbackType,
    allowed: frozenset[InteractionCallbackType],
) -> DiscordRuleBroken:
    names = ", ".join(sorted(a.name for a in allowed)) or "none"
    return DiscordRuleBroken(
        "response-type",
        f"The bot answered {label} with {given.name}, which Discord does not accept "
        f"for a {kind.name} interaction; it accepts: {names}.",
    )


def modal_after_modal(label: str) -> DiscordRuleBroken:
    return DiscordRuleBroken(
        "modal-after-modal",
        f"The bot answered {label} with another modal. Discord cannot open a modal "
        "from a modal submit; answer with a message, and put a button on it that "
        "opens the next modal.",
    )


def too_late(label: str, elapsed: float) -> DiscordRuleBroken:
    return DiscordRuleBroken(
        "deadline",
        f"The bot answered {label} after {elapsed:.1f} s. Discord drops a first "
        f"answer later than {ANSWER_DEADLINE:.0f} s and shows 'The application did "
        "not respond'; answer sooner, or return ctx.defer() and finish with "
        "ctx.edit_original().",
    )


def token_expired(label: str, age: float, route: str) -> DiscordRuleBroken:
    return DiscordRuleBroken(
        "token-expired",
        f"The bot called {route} with the token of {label}, {age / 60:.1f} minutes "
        f"after the interaction. Interaction tokens expire after "
        f"{TOKEN_LIFETIME / 60:.0f} minutes (401 Invalid Webhook Token); post later "
        "messages with the bot token, with rest.create_message(channel_id, ...).",
    )


def too_many_followups(label: str, count: int) -> DiscordRuleBroken:
    return DiscordRuleBroken(
        "followup-limit",
        f"The bot sent followup number {count} for {label}. The app is installed "
        f"by the user only, not in the server, so Discord allows "
        f"{FOLLOWUPS_FOR_USER_INSTALLS} followups per interaction; send fewer, or "
        "edit one message with ctx.edit_original().",
    )


def limits(what: str, violations: Sequence[Violation | str]) -> DiscordRuleBroken:
    lines = "\n".join(f"  {violation}" for violation in violations)
    return DiscordRuleBroken(
        "limits",
        f"The bot sent {what} that breaks Discord's limits (400 Invalid Form Body):"
        f"\n{lines}\nBuild it with ikit.ui, which checks them as it builds.",
    )


def unreadable(label: str, error: Exception) -> DiscordRuleBroken:
    return DiscordRuleBroken(
        "unreadable",
        f"The bot answered {label} with a body Discord cannot read: {error}",
    )
