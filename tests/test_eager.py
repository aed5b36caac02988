"""Eager tasks: the first step runs in the caller's turn, as the new task.

The server starts every handler this way on asyncio, so a handler that answers
without waiting has answered before the request goes on. These tests pin what a
handler may rely on: inside it, the current task is its own task (anyio cancel
scopes and asyncio.timeout entered in the first step still work after it waits),
its context variables are its own, and errors and cancellation arrive as in an
ordinary task.
"""

from __future__ import annotations

import asyncio
import contextvars
import sys
from collections.abc import Coroutine
from typing import Any

import anyio
import pytest

from ikit.server._eager import MOST_WAITING, EagerStarter

pytestmark = pytest.mark.anyio

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id")


def _start(coro: Coroutine[Any, Any, None]) -> asyncio.Task[None] | None:
    return EagerStarter(asyncio.get_running_loop()).start(coro)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # eager tasks are asyncio's; trio starts work in a task group


async def test_a_coroutine_that_never_waits_is_done_before_the_call_returns() -> None:
    steps: list[str] = []

    async def handler() -> None:
        steps.append("ran")

    task = _start(handler())

    assert steps == ["ran"]
    assert task is None  # nothing left to wait for


async def test_the_first_step_runs_as_the_new_task() -> None:
    seen: list[asyncio.Task[Any] | None] = []
    caller = asyncio.current_task()

    async def handler() -> None:
        seen.append(asyncio.current_task())
        await asyncio.sleep(0)
        seen.append(asyncio.current_task())

    task = _start(handler())
    assert asyncio.current_task() is caller
    assert task is not None
    await task

    assert seen == [task, task]


async def test_a_cancel_scope_entered_before_waiting_still_exits_cleanly() -> None:
    async def handler() -> str:
        with anyio.fail_after(5):
            await asyncio.sleep(0.01)
        with anyio.move_on_after(0.01) as scope:
            await asyncio.sleep(1)
        return f"cancelled: {scope.cancelled_caught}"

    results: list[str] = []

    async def record() -> None:
        results.append(await handler())

    task = _start(record())
    assert task is not None
    await task

    assert results == ["cancelled: True"]


async def test_asyncio_timeout_entered_in_the_first_step_fires_in_the_task() -> None:
    async def handler() -> None:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)

    task = _start(handler())
    assert task is not None

    with pytest.raises(TimeoutError):
        await task


async def test_context_variables_set_by_the_handler_stay_in_its_task() -> None:
    request_id.set("caller")

    async def handler() -> None:
        assert request_id.get() == "caller"  # a copy of the caller's context
        request_id.set("handler")
        await asyncio.sleep(0)
        assert request_id.get() == "handler"

    task = _start(handler())
    assert task is not None

    assert request_id.get() == "caller"
    await task


async def test_an_error_in_the_first_step_is_the_tasks_error() -> None:
    async def handler() -> None:
        raise LookupError("no such poll")

    task = _start(handler())
    assert task is not None

    with pytest.raises(LookupError, match="no such poll"):
        await task


async def test_an_error_after_waiting_is_the_tasks_error() -> None:
    async def handler() -> None:
        await asyncio.sleep(0)
        raise LookupError("no such poll")

    task = _start(handler())
    assert task is not None

    with pytest.raises(LookupError, match="no such poll"):
        await task


async def test_cancelling_a_waiting_task_cancels_the_handler() -> None:
    cleaned_up: list[str] = []

    async def handler() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            cleaned_up.append("finally")

    task = _start(handler())
    assert task is not None
    await asyncio.sleep(0)
    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert cleaned_up == ["finally"]


async def test_cancelled_before_it_resumed_the_handler_is_closed() -> None:
    cleaned_up: list[str] = []

    async def handler() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            cleaned_up.append("finally")

    task = _start(handler())
    assert task is not None
    task.cancel()  # before the loop ran the task's own first step

    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0)  # done callbacks run on the next turn
    assert cleaned_up == ["finally"]


async def test_a_value_sent_back_reaches_the_handler() -> None:
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[str] = loop.create_future()
    received: list[str] = []

    async def handler() -> None:
        received.append(await answer)

    task = _start(handler())
    assert task is not None
    loop.call_soon(answer.set_result, "yes")
    await task

    assert received == ["yes"]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="3.12's eager tasks leave none")
async def test_a_caller_that_never_yields_cannot_pile_up_empty_steps() -> None:
    starter = EagerStarter(asyncio.get_running_loop())
    ran: list[int] = []

    async def handler(n: int) -> None:
        ran.append(n)

    tasks = [starter.start(handler(n)) for n in range(MOST_WAITING + 10)]

    assert starter.waiting == MOST_WAITING  # then ordinary tasks, left to the loop
    assert tasks[MOST_WAITING - 1] is None
    assert all(task is not None for task in tasks[MOST_WAITING:])
    await asyncio.sleep(0)
    assert starter.waiting == 0
    assert sorted(ran) == list(range(MOST_WAITING + 10))
