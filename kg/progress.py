"""What a long command shows while it works, on stderr: the stage it is in, a bar with counts,
rate and ETA where the stage knows its total (the analyses' steps, the exports' files), and the
time each stage took, which the closing summary lists. Silent when not shown (not a terminal,
``--no-progress``, ``-q``): the times are kept all the same.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from time import perf_counter
from typing import TextIO


class StageClock:
    """Called with each stage's name as it starts (the ``on_stage`` of :func:`kg.pipeline.build`):
    closes the stage before it, and says the new one when shown."""

    def __init__(self, show: bool, stream: TextIO | None = None, clock: Callable[[], float] = perf_counter):
        self.show = show
        self.stream = stream
        self._clock = clock
        self._open: tuple[str, float] | None = None
        self.times: list[tuple[str, float]] = []

    def __call__(self, stage: str) -> None:
        self.stop()
        self._open = (stage, self._clock())
        if self.show:
            print(f"[{stage}]", file=self.stream or sys.stderr, flush=True)

    def stop(self) -> None:
        """Close the open stage, if any (the last one, when the command is done)."""
        if self._open is not None:
            stage, started = self._open
            self.times.append((stage, self._clock() - started))
            self._open = None


def format_times(times: list[tuple[str, float]]) -> str:
    """``extract 0.41 s, resolve 0.05 s, ... (total 2.3 s)``."""
    parts = ", ".join(f"{stage} {_seconds(seconds)}" for stage, seconds in times)
    return f"{parts} (total {_seconds(sum(s for _, s in times))})"


def _seconds(seconds: float) -> str:
    if seconds < 10:
        return f"{seconds:.2f} s"
    if seconds < 120:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"
