"""A query in a process of its own, killed at its time limit (``kg query``).

An engine may work a long time before its first row (a sort, an aggregate over a cross product)
and neither engine can be interrupted from Python then, so the CLI loads the graph and runs the
query in a child process: the time limit starts once the graph is loaded, and when it passes the
child is killed, whatever it is doing. The child stops reading rows at the row limit itself, so
its memory stays bounded by that limit too.
"""

from __future__ import annotations

import multiprocessing
import sys
import warnings
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.sparql import Limits, QueryError, QueryResult, QueryTimeout, execute, load_graph
from kg.sparql.errors import first_line

#: How long past its time limit the child may take to stop by itself before it is killed.
_GRACE_SECONDS = 0.5


@dataclass(frozen=True)
class QueryJob:
    graph_file: Path
    query: str
    engine: str | None
    limits: Limits
    cache: bool


@dataclass(frozen=True)
class Finished:
    result: QueryResult
    base: str  # the export's base IRI, for the table
    cache: str  # "built", "reused" or "off"


def run_isolated(job: QueryJob) -> Finished:
    """``job``'s result; its QueryError (QueryTimeout past the limit) otherwise."""
    context: Any = multiprocessing.get_context(_start_method())  # typeshed: BaseContext, no Process
    receiver, sender = context.Pipe(duplex=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: the child starts afresh
        child = context.Process(target=_work, args=(sender, job), daemon=True)
        child.start()
    sender.close()
    try:
        message = _receive(receiver, None)  # loading the graph has no time limit
        if message == "loaded":
            timeout = job.limits.timeout
            message = _receive(receiver, None if timeout is None else timeout + _GRACE_SECONDS)
        if message is None:
            raise QueryTimeout(job.limits.timeout or 0.0)
        if isinstance(message, Finished):
            return message
        if isinstance(message, QueryError):
            raise message
        raise QueryError(f"the query process ended unexpectedly (exit code {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _start_method() -> str:
    """fork (fast: nothing to import again) while this process has not used pyoxigraph, whose
    database threads a forked child would wait for in vain; spawn once it has (the API, tests)."""
    if "fork" in multiprocessing.get_all_start_methods() and "pyoxigraph" not in sys.modules:
        return "fork"
    return "spawn"


def _receive(receiver: Connection, timeout: float | None) -> object:
    """The child's next message; None when the time ran out, EOFError's "ended" when it died."""
    if not receiver.poll(timeout):
        return None
    try:
        return receiver.recv()
    except (EOFError, OSError):
        return "ended"


def _work(sender: Connection, job: QueryJob) -> None:
    try:
        loaded = load_graph(job.graph_file, job.engine, cache=job.cache)
        sender.send("loaded")
        result = execute(loaded, job.query, job.limits)
        sender.send(Finished(result, loaded.base, loaded.cache))
    except QueryError as exc:
        sender.send(exc)
    except Exception as exc:  # an engine's own failure: one line, never a traceback
        sender.send(QueryError(f"query failed: {first_line(exc)}"))
    finally:
        sender.close()
