"""Start an asyncio task whose first step runs at once, in the caller's turn.

Theory of operation. Most handlers answer without ever waiting (``return
ctx.reply(...)``). Run in an ordinary task, such a handler still costs the request
two trips through the event loop: one for the task's first step, one to wake the
request with the answer. An eager task runs its first step inside the call that
creates it, as the task itself (``asyncio.current_task()``, anyio cancel scopes and
context variables all see the new task), so a handler that does not wait has
answered before the call returns and the request goes on without suspending.

Python 3.12 has this built in (``asyncio.Task(..., eager_start=True)``). On 3.11
the same is done by hand: the task is created (scheduled as usual), then made the
loop's current task for the length of one ``send()`` into the coroutine, run in the
task's own context. Its scheduled first step then resumes from wherever that first
step stopped, through :class:`_Resume`, which hands the future the coroutine was
waiting for to the task and relays every result and exception after it. A task
cancelled before that scheduled step never enters the relay, so a done callback
closes the coroutine.

On 3.11 a coroutine that finished in its first step still leaves its task's empty
step scheduled, about a kilobyte until the loop runs it. A server yields to the loop
between requests, but a caller answering interactions in a tight loop never does
(``await app.handle(...)`` over and over), and those steps would pile up. So
:class:`EagerStarter` counts the steps still waiting and, past
:data:`MOST_WAITING`, starts an ordinary task: its caller then waits for it, the
loop runs, and the waiting steps with it.

Keep in step with ``ikit.server._core.Background``, the one caller.
"""

from __future__ import annotations

import asyncio
import contextvars
import sys
from collections.abc import Coroutine, Generator
from typing import Any

__all__ = ["MOST_WAITING", "EagerStarter"]

#: How many empty first steps (3.11) may wait for the loop before tasks start
#: ordinarily again, letting the loop run them.
MOST_WAITING = 256


class EagerStarter:
    """Starts tasks on one loop whose first step runs at once, in the caller's turn."""

    __slots__ = ("_loop", "waiting")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        #: Empty first steps (3.11) that the loop has not run yet.
        self.waiting = 0

    def start(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None] | None:
        """Run ``coro``'s first step now, as a task of its own; the task, or None
        when ``coro`` finished in that step (nothing is left to wait for or
        cancel)."""
        if sys.version_info >= (3, 12):
            task = asyncio.Task(coro, loop=self._loop, eager_start=True)
            finished = task.done() and not task.cancelled() and task.exception() is None
            return None if finished else task
        if self.waiting >= MOST_WAITING:
            return self._loop.create_task(coro)
        return self._start_by_hand(coro)

    def _start_by_hand(
        self, coro: Coroutine[Any, Any, None]
    ) -> asyncio.Task[None] | None:
        loop = self._loop
        context = contextvars.copy_context()
        resume = _Resume(coro, self)
        task = loop.create_task(resume.run(), context=context)
        caller = asyncio.current_task(loop)
        if caller is not None:
            asyncio.tasks._leave_task(loop, caller)
        asyncio.tasks._enter_task(loop, task)
        try:
            context.run(resume.first_step)
        finally:
            asyncio.tasks._leave_task(loop, task)
            if caller is not None:
                asyncio.tasks._enter_task(loop, caller)

        if resume.finished_cleanly:
            self.waiting += 1  # until the task's own, empty, first step has run
            return None
        task.add_done_callback(resume.close)
        return task


class _Resume:
    """Drives a coroutine whose first step was taken outside its task."""

    __slots__ = ("_coro", "_error", "_finished", "_starter", "_waiting_for")

    def __init__(self, coro: Coroutine[Any, Any, None], starter: EagerStarter) -> None:
        self._coro = coro
        self._starter = starter
        self._waiting_for: Any = None
        self._finished = False
        self._error: BaseException | None = None

    @property
    def finished_cleanly(self) -> bool:
        return self._finished and self._error is None

    def first_step(self) -> None:
        try:
            self._waiting_for = self._coro.send(None)
        except StopIteration:
            self._finished = True
        except BaseException as error:
            self._finished = True
            self._error = error

    def run(self) -> Generator[Any, Any, None]:
        """The task's coroutine: a generator, which asyncio drives like one."""
        try:
            if self._finished:
                if self._error is not None:
                    raise self._error
                self._starter.waiting -= 1
                return
            waiting_for = self._waiting_for
            self._waiting_for = None
            while True:
                try:
                    sent = yield waiting_for
                except BaseException as thrown:  # cancellation, most often
                    waiting_for = self._coro.throw(thrown)
                else:
                    waiting_for = self._coro.send(sent)
        except StopIteration:
            return
        finally:
            self._error = None

    def close(self, task: asyncio.Task[None]) -> None:
        # A no-op on a finished coroutine; one cancelled before its relay started
        # would otherwise linger, suspended, until the garbage collector finds it.
        self._coro.close()
