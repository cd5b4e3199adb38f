"""Running one stage of a brief so that its failure costs only its own part.

A bug in one stage on one story (an unexpected shape of text, a library error)
must not take the summary, the other stages, or the rest of a batch with it:
the stage's part stays empty and a ``BriefWarning`` tells the reader which part is
missing and why. The traceback goes to the ``newsbrief`` logger for developers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from .model import BriefWarning

log = logging.getLogger("newsbrief")

T = TypeVar("T")


def run_stage(stage: str, warnings: list[BriefWarning], function: Callable[..., tuple[T, ...]], *args) -> tuple[T, ...]:
    """``function(*args)``, or ``()`` with a warning appended when it raises.

    ``MemoryError`` is caught too: a stage that ran out of memory on one huge story
    freed it on unwinding. ``KeyboardInterrupt`` and ``SystemExit`` pass through."""
    try:
        return function(*args)
    except Exception as error:  # noqa: BLE001 - any bug in one stage is contained
        log.warning("%s stage failed", stage, exc_info=True)
        warnings.append(BriefWarning(stage, describe(error)))
        return ()


def describe(error: BaseException) -> str:
    """One line: the error's type and message, cut to a readable length."""
    text = " ".join(str(error).split()) or "no message"
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(error).__name__}: {text}"
