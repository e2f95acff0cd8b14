"""SPARQL 1.1 over an exported graph file (``kg query``): SELECT, ASK, CONSTRUCT and DESCRIBE.

Two engines answer the same queries with the same results, each behind the one interface
:class:`~kg.sparql.engine.SparqlEngine`, listed in :data:`ENGINES` (the table every caller goes
through): pyoxigraph (fast, the default when installed) and rdflib (pure Python). Both see the
vocabularies of the export predeclared (:data:`kg.export.rdf.PREFIXES`, plus ``res:`` = the
export's base IRI, found in the file), unless the query declares a prefix itself; relative IRIs
in a query resolve against that base, so ``<author/a>`` means ``res:`` + ``author/a``.

A query reads the loaded graph and nothing else (:mod:`kg.sparql.sandbox`: SERVICE, LOAD and
FROM are refused, SERVICE can be allowed), stops at a row limit (the result says it was
truncated) and at a time limit (:class:`QueryTimeout`); :func:`kg.sparql.worker.run_isolated`
runs it in a process that is killed at the time limit, whatever the engine is doing.

Results come back engine-independent (:class:`QueryResult` of :class:`Value`), with numbers in
one canonical spelling, and are printed as a table, SPARQL 1.1 CSV or SPARQL 1.1 JSON by
:func:`format_result`. Every error is a :class:`QueryError` (a :class:`kg.errors.KgError`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kg.export.rdf.vocabulary import DEFAULT_BASE, KG, PREFIXES
from kg.sparql.engine import Answer, SparqlEngine
from kg.sparql.errors import QueryError, QuerySyntaxError, QueryTimeout, SandboxError, first_line
from kg.sparql.output import FORMATS, format_result
from kg.sparql.oxigraph_engine import OxigraphEngine
from kg.sparql.rdflib_engine import RdflibEngine
from kg.sparql.terms import QueryResult, Row, Value, graph_result

__all__ = [
    "ENGINES",
    "FORMATS",
    "GRAPH_FORMATS",
    "Limits",
    "UNLIMITED",
    "LoadedGraph",
    "QueryError",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeout",
    "SandboxError",
    "SparqlEngine",
    "Value",
    "available_engines",
    "default_engine",
    "execute",
    "format_result",
    "load_graph",
    "read_query",
]

#: The engines by name, the default first. Iterating gives the names.
ENGINES: dict[str, SparqlEngine] = {"oxigraph": OxigraphEngine(), "rdflib": RdflibEngine()}

#: File extension -> (rdflib format name, pyoxigraph format name).
#: Not ``.json``: kg's ``graph.json`` is networkx node-link JSON, not RDF.
GRAPH_FORMATS = {".ttl": ("turtle", "TURTLE"), ".nt": ("nt", "N_TRIPLES"), ".jsonld": ("json-ld", "JSON_LD")}

DEFAULT_TIMEOUT = 60.0
DEFAULT_ROW_LIMIT = 100_000


@dataclass(frozen=True)
class Limits:
    """How long a query may run (seconds) and how many rows it may return (None: no limit), and
    whether SERVICE may query remote endpoints. The defaults are ``kg query``'s."""

    timeout: float | None = DEFAULT_TIMEOUT
    rows: int | None = DEFAULT_ROW_LIMIT
    allow_service: bool = False


#: No time or row limit (the API's default; ``kg query`` has :class:`Limits`' defaults).
UNLIMITED = Limits(timeout=None, rows=None)


@dataclass(frozen=True)
class LoadedGraph:
    """A graph file read by one engine, with the prefixes and base its queries get. ``cache``:
    "built" or "reused" when the store is the persistent one beside the file, else "off"."""

    engine: str
    path: Path
    store: object  # the engine's store: pyoxigraph.Store, rdflib.Graph
    base: str
    prefixes: dict[str, str]
    cache: str = "off"


def available_engines() -> list[str]:
    return [name for name, engine in ENGINES.items() if engine.available()]


def default_engine() -> str:
    return available_engines()[0]


def read_query(argument: str) -> str:
    """The query text: ``@file.rq`` reads the file, anything else is the query itself."""
    if not argument.startswith("@"):
        return argument
    path = Path(argument[1:])
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise QueryError(f"cannot read query file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise QueryError(f"query file {path} is not UTF-8 text") from None


# ------------------------------------------------------------------------------------- loading


def graph_format(path: Path) -> str:
    """The file's extension, when it is one the engines read."""
    suffix = path.suffix.lower()
    if suffix not in GRAPH_FORMATS:
        known = ", ".join(GRAPH_FORMATS)
        raise QueryError(f"cannot tell the RDF format of {path} from its extension (known: {known})")
    return suffix


def load_graph(path: str | Path, engine: str | None = None, cache: bool = False) -> LoadedGraph:
    """Read a .ttl, .nt or .jsonld file with ``engine`` (default: pyoxigraph when installed).
    ``cache``: keep a persistent store beside the file and reuse it while the file is unchanged
    (:mod:`kg.sparql.store_cache`; pyoxigraph only)."""
    path = Path(path)
    name = engine or default_engine()
    if name not in available_engines():
        raise QueryError(
            f"engine {name!r} is not available here (available: {', '.join(available_engines())})"
        )
    suffix = graph_format(path)
    if not path.is_file():
        raise QueryError(f"graph file {path} does not exist")
    try:
        opened = ENGINES[name].load(path, suffix, cache)
    except Exception as exc:  # oxigraph raises SyntaxError or OSError; rdflib's parsers their own types
        raise QueryError(f"cannot read {path} as {GRAPH_FORMATS[suffix][0]}: {first_line(exc)}") from None
    loaded = LoadedGraph(name, path, opened.store, DEFAULT_BASE, {}, opened.cache)
    base = _export_base(loaded)
    return LoadedGraph(name, path, opened.store, base, {**PREFIXES, "res": base}, opened.cache)


def _export_base(loaded: LoadedGraph) -> str:
    """The base IRI the export was written under: the IRI of its ``kg:KnowledgeGraph`` node."""
    found = execute(loaded, f"SELECT ?g WHERE {{ ?g a <{KG}KnowledgeGraph> }}", Limits(timeout=None, rows=2))
    iris = sorted(row[0].value for row in found.rows if row[0] is not None and row[0].type == "uri")
    return iris[0] if len(iris) == 1 else DEFAULT_BASE


# ----------------------------------------------------------------------------------- executing


def execute(loaded: LoadedGraph, query: str, limits: Limits = UNLIMITED) -> QueryResult:
    """Run one SPARQL query within ``limits``: at most ``limits.rows`` rows (``truncated`` when
    there were more), :class:`QueryTimeout` past ``limits.timeout`` seconds (checked as rows
    come; :func:`kg.sparql.worker.run_isolated` also stops an engine busy before its first row).
    QuerySyntaxError (with line and column) when the query does not parse, SandboxError when it
    would read outside the graph."""
    started = time.monotonic()
    deadline = started + limits.timeout if limits.timeout is not None else None
    answer = ENGINES[loaded.engine].query(
        loaded.store, query, loaded.base, loaded.prefixes, limits.allow_service
    )
    if answer.form == "ASK":
        return QueryResult("ASK", boolean=answer.boolean)
    rows, truncated = _read_rows(answer, limits, deadline)
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        return graph_result(answer.form, rows, truncated)
    return QueryResult("SELECT", answer.variables, tuple(rows), truncated=truncated)


def _read_rows(answer: Answer, limits: Limits, deadline: float | None) -> tuple[list[Row], bool]:
    """The answer's rows up to the row limit (True: more were left), within the deadline."""
    rows: list[Row] = []
    for row in answer.rows:
        if limits.rows is not None and len(rows) >= limits.rows:
            return rows, True
        rows.append(row)
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(limits.timeout or 0.0)
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeout(limits.timeout or 0.0)
    return rows, False
