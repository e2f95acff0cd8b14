"""Independent work on more than one core: an ordered process pool, and one call in a child.

Both fork this process (Linux), so children start with everything already loaded and share its
memory copy-on-write; only arguments of the pool and results travel, pickled. A child call can
instead start a fresh interpreter, ``python -m kg.child`` (see :class:`ChildCall`). No child
ever re-runs the caller's main module, so the API works from any caller (a script without a
``__main__`` guard, ``python -``, ``python -c``, a thread). Where fork is not available or not
safe (:func:`fork_context`), or one worker is asked for, the work runs here, in order. Work that
fails in a child (an exception; for the pool, also a worker that died) is redone here: the
outcome is then exactly the serial run's, whether a result or the same exception, and nothing
is dropped on the way. A :class:`ChildCall` child that dies raises :class:`ChildDied` instead.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from kg.errors import KgError
from kg.gc_pause import paused_gc

if TYPE_CHECKING:  # the class exists only where fork does (not on Windows)
    from multiprocessing.context import ForkContext

T = TypeVar("T")
R = TypeVar("R")

#: Default workers at most: the analyses have two independent parts, and extraction gains
#: little beyond a few processes (each returns its records pickled to this one).
MAX_DEFAULT_WORKERS = 4
#: Pool work is cut into about this many chunks per worker: few enough that passing them costs
#: little, enough that one slow chunk (large files) does not leave the other workers idle.
CHUNKS_PER_WORKER = 32
#: A parent waiting for a child's answer checks this often (seconds) that the child still runs.
LIVENESS_INTERVAL = 0.5
#: The folder that holds the kg package, put on a fresh child's import path.
_KG_ROOT = str(Path(__file__).resolve().parent.parent)


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask, where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    return max(1, min(available_cpus(), MAX_DEFAULT_WORKERS))


def fork_context() -> ForkContext | None:
    """The fork start method, or None where the platform lacks it (Windows) or where forking is
    not safe: another thread runs (a call from a thread, a caller's thread pool), which may hold
    a lock that the child would inherit held and wait on forever. tqdm's monitor thread does not
    count: it only sleeps and updates bars, which no forked work draws. Fork (unlike spawn and
    forkserver, whatever the caller chose as multiprocessing's default) never re-runs the
    caller's main module."""
    if "fork" not in multiprocessing.get_all_start_methods() or _other_threads():
        return None
    return multiprocessing.get_context("fork")


def _other_threads() -> bool:
    here = threading.current_thread()
    return any(t is not here and type(t).__name__ != "TMonitor" for t in threading.enumerate())


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
    outcomes: list[list[tuple[bool, Any]] | None] = [None] * len(chunks)
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
    for chunk, outcome in zip(chunks, outcomes, strict=False):
        if outcome is None:  # the worker died or its results could not come back
            outcome = [(False, None)] * len(chunk)
        # an item that failed is computed again here, in input order: the same result, or the
        # same exception, as in one process
        results.extend(value if ok else fn(item) for item, (ok, value) in zip(chunk, outcome, strict=False))
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


def _outcome(future: Future[list[tuple[bool, Any]]]) -> list[tuple[bool, Any]] | None:
    try:
        return future.result()
    except Exception:  # BrokenProcessPool (a worker killed), or a result that did not pickle
        return None


class ChildDied(KgError):
    """A child process ended before it sent its answer (killed, out of memory, a crash)."""


class ChildCall(Generic[R]):
    """``fn(*args)`` started in a child process now, its result collected by :meth:`result`.

    By default the child is forked (where that is safe: :func:`fork_context`): it sees this
    process's memory as it is at the fork (a graph is not copied, only the pages the child
    writes to); ``fn`` must not change that state in ways the parent relies on, since the
    child's changes stay in the child. Its result comes back pickled. With ``in_child=False``
    (or no safe fork) ``fn`` runs in :meth:`result`, here.
    Use as a context manager, so that a child is stopped if the parent fails first.

    While a forked child runs, this process's cycle collector is paused (:mod:`kg.gc_pause`): a
    collection writes to every object it scans, and so would copy every page the child still
    shares (the child starts with it paused too).

    ``fresh=True`` starts a new interpreter instead, ``python -m kg.child`` (:mod:`kg.child`):
    ``fn`` and ``args`` travel pickled over its stdin, and the child holds only them. For a
    parent whose memory is large and about to change: a forked child keeps its snapshot of all
    of it alive (at a million papers, gigabytes of records the parent frees meanwhile). Unlike
    multiprocessing's spawn and forkserver, it never re-runs the caller's main module, so a
    script without ``if __name__ == "__main__":``, ``python -`` and ``python -c`` work too.

    ``fn`` raising in the child, or a result that does not pickle: :meth:`result` computes it
    here (the serial outcome, whether a value or the same exception). A child that dies before
    it answers: :meth:`result` raises :class:`ChildDied` (a :class:`kg.errors.KgError`) within
    :data:`LIVENESS_INTERVAL` seconds or so; it never waits on a dead child."""

    def __init__(self, fn: Callable[..., R], *args: Any, in_child: bool = True, fresh: bool = False) -> None:
        self._fn, self._args = fn, args
        self._process: Any = None
        self._reader: Any = None
        self._fresh: subprocess.Popen[bytes] | None = None
        self._pause = ExitStack()
        if not in_child:
            return
        if fresh:
            self._fresh = _start_fresh(fn, args)
            return
        context = fork_context()
        if context is not None:
            self._pause.enter_context(paused_gc())
            self._reader, writer = context.Pipe(duplex=False)
            self._process = context.Process(target=_send_result, args=(writer, fn, args), daemon=True)
            self._process.start()
            writer.close()

    def result(self) -> R:
        try:
            if self._fresh is not None:
                ok, value = self._fresh_answer(self._fresh)
            elif self._process is not None:
                ok, value = self._forked_answer()
            else:
                ok, value = False, None
        finally:
            self._close()
        if ok:
            return cast(R, value)
        return self._fn(*self._args)

    def _forked_answer(self) -> tuple[bool, Any]:
        while not self._reader.poll(LIVENESS_INTERVAL):
            if not self._process.is_alive() and not self._reader.poll(0):
                self._process.join(LIVENESS_INTERVAL)
                raise self._died(self._process.pid, self._process.exitcode)
        try:
            answer: tuple[bool, Any] = self._reader.recv()
        except (EOFError, OSError):  # the child died without an answer
            self._process.join(LIVENESS_INTERVAL)
            raise self._died(self._process.pid, self._process.exitcode) from None
        return answer

    def _fresh_answer(self, child: subprocess.Popen[bytes]) -> tuple[bool, Any]:
        assert child.stdout is not None
        data = _read_while_alive(child)
        try:
            code = child.wait(timeout=10 * LIVENESS_INTERVAL)
        except subprocess.TimeoutExpired:  # answered but does not exit: stopped by _close
            code = None
        try:
            answer: tuple[bool, Any] = pickle.loads(data)
        except Exception:  # nothing, or half an answer: the child died while it worked
            raise self._died(child.pid, code) from None
        return answer

    def _died(self, pid: int, code: int | None) -> ChildDied:
        name = getattr(self._fn, "__qualname__", repr(self._fn))
        if code is None:
            how = "stopped answering"
        elif code < 0:
            how = f"was killed by signal {signal.Signals(-code).name}"
        else:
            how = f"exited with code {code}"
        return ChildDied(
            f"the child process computing {name} (pid {pid}) {how} before it answered "
            "(out of memory?); workers=1 (kg build --workers 1) computes everything in this process"
        )

    def _close(self) -> None:
        if self._fresh is not None:
            child, self._fresh = self._fresh, None
            if child.poll() is None:
                child.terminate()
            try:
                child.wait(timeout=10 * LIVENESS_INTERVAL)
            except subprocess.TimeoutExpired:  # busy in C code that SIGTERM cannot interrupt
                child.kill()
                child.wait()
            for stream in (child.stdin, child.stdout):
                if stream is not None and not stream.closed:
                    stream.close()
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
        if self._fresh is not None:
            return self._fresh.pid
        return self._process.pid if self._process is not None else None

    def __enter__(self) -> ChildCall[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()


def _start_fresh(fn: Callable[..., Any], args: tuple[Any, ...]) -> subprocess.Popen[bytes] | None:
    """``python -m kg.child`` with ``(sys.path, (fn, args))`` written to its stdin (pickled), or
    None when ``fn`` or ``args`` do not pickle (then computed here)."""
    try:
        call = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_KG_ROOT, env.get("PYTHONPATH")) if p)
    child = subprocess.Popen(
        [sys.executable, "-m", "kg.child"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert child.stdin is not None
    try:
        pickle.dump(list(sys.path), child.stdin)
        child.stdin.write(call)
        child.stdin.close()
    except OSError:  # it died already: result() says so
        pass
    return child


def _read_while_alive(child: subprocess.Popen[bytes]) -> bytes:
    """All the child writes to its stdout, until it closes it or has exited: checked every
    :data:`LIVENESS_INTERVAL` seconds, so that a dead child is never waited on."""
    assert child.stdout is not None
    fd = child.stdout.fileno()
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], LIVENESS_INTERVAL)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        elif child.poll() is not None:  # exited, and its stdout still open elsewhere
            break
    return b"".join(chunks)


def _send_result(writer: Any, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
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
