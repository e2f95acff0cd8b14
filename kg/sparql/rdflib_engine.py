"""The rdflib engine: pure Python, the same answers as pyoxigraph, slower.

rdflib follows ``SERVICE`` with urllib and loads ``FROM <iri>`` from the web or the disk. Three
guards keep it inside the loaded graph: the token scan every engine runs
(:func:`kg.sparql.sandbox.check_sandbox`), a look at the parsed algebra (a ``SERVICE`` pattern,
a dataset clause), and, while rdflib evaluates, an audit hook (:func:`sys.addaudithook`) that
refuses any URL, socket or data file rdflib would open (http(s) URLs pass with
``--allow-service``)."""

from __future__ import annotations

import os
import re
import sys
import sysconfig
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from kg.sparql.engine import Answer, OpenedStore
from kg.sparql.errors import QueryError, SandboxError, first_line
from kg.sparql.sandbox import check_sandbox
from kg.sparql.syntax import rdflib_syntax_error, unknown_prefix
from kg.sparql.terms import Row, Value, literal, memoized

_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
#: None outside rdflib's evaluation; "strict" inside it, or "service" with SERVICE allowed.
_MODE: ContextVar[str | None] = ContextVar("kg_sparql_rdflib_sandbox", default=None)
_MODULE_FILES = (".py", ".pyc", ".so", ".pth")
_LIBRARY_FOLDERS = tuple(
    os.path.join(sysconfig.get_paths()[key], "") for key in ("purelib", "platlib", "stdlib", "platstdlib")
)
_hook_added = False


class RdflibEngine:
    name = "rdflib"

    def available(self) -> bool:
        return True  # a dependency of kg

    def load(self, path: Path, format_suffix: str, cache: bool) -> OpenedStore:
        import rdflib

        return OpenedStore(rdflib.Graph().parse(str(path), format=_FORMATS[format_suffix]))

    def query(
        self, store: Any, query: str, base: str, prefixes: dict[str, str], allow_service: bool
    ) -> Answer:
        check_sandbox(query, allow_service)
        prepared = _prepare(query, base, prefixes)
        _check_algebra(prepared.algebra, allow_service)
        mode = "service" if allow_service else "strict"
        value = memoized(_value)
        answer = _sandboxed(lambda: store.query(prepared), mode)
        if answer.type == "ASK":
            return Answer("ASK", boolean=bool(answer.askAnswer))
        if answer.type in ("CONSTRUCT", "DESCRIBE"):
            triples = (tuple(map(value, triple)) for triple in answer.graph)
            return Answer(answer.type, ("subject", "predicate", "object"), _sandboxed_rows(triples, mode))
        variables = tuple(str(v) for v in answer.vars)
        solutions = (tuple(value(row[i]) for i in range(len(variables))) for row in answer)
        return Answer("SELECT", variables, _sandboxed_rows(solutions, mode))


def _prepare(query: str, base: str, prefixes: dict[str, str]) -> Any:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(query, initNs=prefixes, base=base)
    except ParseException as exc:
        raise rdflib_syntax_error(exc.lineno, exc.col, str(exc), query) from None
    except Exception as exc:  # rdflib reports an undeclared prefix as a bare Exception
        prefix = re.match(r"Unknown namespace prefix : (\S*)", str(exc))
        if prefix:
            raise unknown_prefix(prefix.group(1), query, prefixes) from None
        raise QueryError(f"query failed: {first_line(exc)}") from None


def _check_algebra(node: Any, allow_service: bool) -> None:
    """Refuse a SERVICE pattern or a dataset clause anywhere in rdflib's parsed query."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern" and not allow_service:
            raise SandboxError("SERVICE", "kg query answers from the loaded graph alone; see --allow-service")
        if dict.get(node, "datasetClause"):
            raise SandboxError("FROM", "the graph file is the query's default graph; drop the FROM clause")
        children: Any = node.values()
    elif isinstance(node, (list, tuple)):
        children = node
    else:
        return
    for child in children:
        _check_algebra(child, allow_service)


def _sandboxed(run: Any, mode: str) -> Any:
    _add_hook()
    token = _MODE.set(mode)
    try:
        return run()
    except QueryError:
        raise
    except Exception as exc:
        raise QueryError(f"query failed: {first_line(exc)}") from None
    finally:
        _MODE.reset(token)


def _sandboxed_rows(rows: Iterator[Row], mode: str) -> Iterator[Row]:
    """The rows, each produced under the audit hook (rdflib evaluates as they are read)."""
    iterator = iter(rows)
    while (row := _sandboxed(lambda: next(iterator, None), mode)) is not None:
        yield row


def _add_hook() -> None:
    global _hook_added
    if not _hook_added:
        sys.addaudithook(_audit)
        _hook_added = True


def _audit(event: str, args: tuple[Any, ...]) -> None:
    mode = _MODE.get()
    if mode is None:
        return
    if event == "urllib.Request":
        url = str(args[0]) if args else ""
        if mode == "service" and re.match(r"https?://", url, re.IGNORECASE):
            return
        raise SandboxError(f"<{url}>", "rdflib would open it; kg query reads the loaded graph alone")
    if event == "socket.connect" and mode != "service":
        raise SandboxError("a network connection", "kg query reads the loaded graph alone")
    if event == "open" and args and isinstance(args[0], (str, bytes, Path)):
        name = args[0].decode(errors="replace") if isinstance(args[0], bytes) else str(args[0])
        if not name.endswith(_MODULE_FILES) and not _in_library(name):
            raise SandboxError(
                f"<file:{name}>", "rdflib would read it; kg query reads the loaded graph alone"
            )


def _in_library(name: str) -> bool:
    """A file of an installed package (rdflib reads its plugins' entry points lazily)."""
    return name.startswith(_LIBRARY_FOLDERS)


def _value(term: Any) -> Value:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return Value("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return Value("bnode", str(term))
    return literal(str(term), str(term.datatype) if term.datatype else None, term.language)
