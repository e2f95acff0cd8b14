"""Independent work on more than one core: an ordered process pool, and one call in a child.

Both fork this process (Linux), so children start with everything already loaded and share its
memory copy-on-write; only arguments of the pool and results travel, pickled. A child call can
instead start a fresh interpreter (see :class:`ChildCall`). Where fork is not available, or one
worker is asked for, the work runs here, in order. Work that fails in a child
(an exception, or a child that died) is redone here: the outcome is then exactly the serial
run's, whether a result or the same exception, and nothing is dropped on the way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar

from kg.gc_pause import paused_gc

T = TypeVar("T")
R = TypeVar("R")

#: Default workers at most: the analyses have two independent parts, and extraction gains
#: little beyond a few processes (each returns its records pickled to this one).
MAX_DEFAULT_WORKERS = 4
#: Pool work is cut into about this many chunks per worker: few enough that passing them costs
#: little, enough that one slow chunk (large files) does not leave the other workers idle.
CHUNKS_PER_WORKER = 32


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask, where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    return max(1, min(available_cpus(), MAX_DEFAULT_WORKERS))


def fork_context() -> BaseContext | None:
    """The fork start method, or None where the platform lacks it (Windows)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def map_in_order(fn: Callable[[T], R], items: Iterable[T], workers: int) -> list[R]:
    """``[fn(item) for item in items]``, computed in contiguous chunks by this process and
    ``workers - 1`` forked ones: they take chunks from the front, this process from the back
    (it unpickles their results as well, so it needs no extra process). ``fn`` must be
    picklable (a module-level function, or a partial of one), and so must its results."""
    items = list(items)
    context = fork_context()
    if workers <= 1 or len(items) < 2 or context is None:
        return [fn(item) for item in items]
    chunks = _chunks(items, workers * CHUNKS_PER_WORKER)
    outcomes: list[list | None] = [None] * len(chunks)
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
        futures = [pool.submit(_guarded_map, fn, chunk) for chunk in chunks]
        for index in reversed(range(len(chunks))):
            if not futures[index].cancel():  # a worker has it already: the rest are theirs
                break
            outcomes[index] = _guarded_map(fn, chunks[index])
        for index, future in enumerate(futures):
            if not future.cancelled():
                outcomes[index] = _outcome(future)
    results: list[R] = []
    for chunk, outcome in zip(chunks, outcomes):
        if outcome is None:  # the worker died or its results could not come back
            outcome = [(False, None)] * len(chunk)
        # an item that failed is computed again here, in input order: the same result, or the
        # same exception, as in one process
        results.extend(value if ok else fn(item) for item, (ok, value) in zip(chunk, outcome))
    return results


def _chunks(items: list[T], count: int) -> list[list[T]]:
    size = -(-len(items) // count)
    return [items[start : start + size] for start in range(0, len(items), size)]


def _guarded_map(fn: Callable[[T], R], chunk: list[T]) -> list[tuple[bool, R | None]]:
    """(True, result) per item, or (False, None) where ``fn`` raised."""
    outcome: list[tuple[bool, R | None]] = []
    for item in chunk:
        try:
            outcome.append((True, fn(item)))
        except Exception:
            outcome.append((False, None))
    return outcome


def _outcome(future: Any) -> list | None:
    try:
        return future.result()
    except Exception:  # BrokenProcessPool (a worker killed), or a result that did not pickle
        return None


class ChildCall(Generic[R]):
    """``fn(*args)`` started in a child process now, its result collected by :meth:`result`.

    By default the child is forked: it sees this process's memory as it is at the fork (a graph
    is not copied, only the pages the child writes to); ``fn`` must not change that state in
    ways the parent relies on, since the child's changes stay in the child. Its result comes
    back pickled. With ``in_child=False`` (or no fork on this platform) ``fn`` runs in
    :meth:`result`, here.
    Use as a context manager, so that a child is stopped if the parent fails first.

    While a forked child runs, this process's cycle collector is paused (:mod:`kg.gc_pause`): a
    collection writes to every object it scans, and so would copy every page the child still
    shares (the child starts with it paused too).

    ``fresh=True`` starts a new interpreter instead (multiprocessing's spawn): ``fn`` and
    ``args`` travel pickled, and the child holds only them. For a parent whose memory is large
    and about to change: a forked child keeps its snapshot of all of it alive (at a million
    papers, gigabytes of records the parent frees meanwhile)."""

    def __init__(self, fn: Callable[..., R], *args: Any, in_child: bool = True, fresh: bool = False) -> None:
        self._fn, self._args = fn, args
        self._process = self._reader = None
        self._pause = ExitStack()
        context = (multiprocessing.get_context("spawn") if fresh else fork_context()) if in_child else None
        if context is not None:
            if not fresh:
                self._pause.enter_context(paused_gc())
            self._reader, writer = context.Pipe(duplex=False)
            self._process = context.Process(target=_send_result, args=(writer, fn, args), daemon=True)
            self._process.start()
            writer.close()

    def result(self) -> R:
        if self._process is not None:
            try:
                ok, value = self._reader.recv()
            except (EOFError, OSError):  # the child died without an answer
                ok, value = False, None
            finally:
                self._close()
            if ok:
                return value
        return self._fn(*self._args)

    def _close(self) -> None:
        if self._process is None:
            return
        self._reader.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._process = None
        self._pause.close()

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs (None: computed here)."""
        return self._process.pid if self._process is not None else None

    def __enter__(self) -> ChildCall[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()


def _send_result(writer: Any, fn: Callable[..., Any], args: tuple) -> None:
    """In the child: send (True, result), or (False, None) when ``fn`` raised (the parent then
    computes it again itself, and raises the error as the serial run would). Stopped by the
    parent (SIGTERM), it unwinds like an exception, so a file it was writing is cleaned up."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        answer = (True, fn(*args))
    except Exception:
        answer = (False, None)
    try:
        writer.send(answer)
    except Exception:  # a result that does not pickle: the parent computes it
        writer.send((False, None))
    finally:
        writer.close()


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    sys.exit(1)
