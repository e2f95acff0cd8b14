"""A fresh interpreter that computes one call for :class:`kg.parallel.ChildCall` (``fresh=True``).

Started as ``python -m kg.child``: it never imports the caller's main module (multiprocessing's
spawn and forkserver re-run it, which starts the work again in an unguarded script and makes the
child die before it answers). It reads two pickles from stdin, the parent's ``sys.path`` and
``(fn, args)``, and writes one pickled answer to its stdout: ``(True, result)``, or
``(False, None)`` when the call could not be made or raised (the parent then computes it itself,
and raises as the serial run would).
Anything the call prints goes to stderr, so that stdout carries only the answer.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import time
from typing import Any, BinaryIO

#: The child checks this often (seconds) that its parent still runs, and stops when it does not.
PARENT_CHECK_INTERVAL = 1.0


def main() -> None:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # unwinds: a file being written is cleaned up
    threading.Thread(target=_stop_with_parent, args=(os.getppid(),), daemon=True).start()
    answer_to = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints go to stderr
    send(answer_to, answer(sys.stdin.buffer))


def answer(calls: BinaryIO) -> tuple[bool, Any]:
    try:
        fn, args = _load_call(calls)
    except Exception:  # e.g. a function of the caller's __main__, which this child cannot import
        return False, None
    try:
        return True, fn(*args)
    except Exception:
        return False, None


def _load_call(calls: BinaryIO) -> tuple[Any, tuple[Any, ...]]:
    """The parent's import path first (its own modules, its tests), then the function."""
    sys_path = pickle.load(calls)
    sys.path[:] = [*sys_path, *(p for p in sys.path if p not in sys_path)]
    fn, args = pickle.load(calls)
    return fn, args


def send(to: BinaryIO, answer: tuple[bool, Any]) -> None:
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a result that does not pickle: the parent computes it
        data = pickle.dumps((False, None))
    to.write(data)
    to.close()


def _stop_with_parent(parent: int) -> None:
    """A parent killed outright (SIGKILL, out of memory) cannot stop its child: the child sees
    that it was re-parented and ends, rather than compute for nobody."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_INTERVAL)
    os._exit(1)


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    sys.exit(1)


if __name__ == "__main__":
    main()
