"""The contract of a SPARQL engine (:class:`SparqlEngine`) and what its query returns
(:class:`Answer`: rows produced lazily, so that a row limit or a deadline can stop them).

The engines themselves are in :data:`kg.sparql.ENGINES`, the one table every caller goes
through; :mod:`kg.sparql.oxigraph_engine` and :mod:`kg.sparql.rdflib_engine` implement it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from kg.sparql.terms import Row


@dataclass
class Answer:
    """A query's answer before it is read: ``rows`` is consumed at most once, lazily."""

    form: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"
    variables: tuple[str, ...] = ()
    rows: Iterator[Row] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None


@dataclass(frozen=True)
class OpenedStore:
    """A store an engine read a graph file into; ``cache`` says whether it came from the
    persistent store beside the file: "built" (now), "reused" (an earlier run's) or "off"."""

    store: Any  # the engine's own: pyoxigraph.Store, rdflib.Graph
    cache: str = "off"


@runtime_checkable
class SparqlEngine(Protocol):
    """One SPARQL engine: reads a graph file into a store and runs queries over it.

    ``query`` raises :class:`kg.sparql.QuerySyntaxError` for a query that does not parse and
    :class:`kg.sparql.QueryError` for any other failure (never the engine's own exceptions);
    it refuses what :func:`kg.sparql.sandbox.check_sandbox` refuses, as a second guard."""

    name: str

    def available(self) -> bool:
        """The engine's library is installed."""
        ...

    def load(self, path: Path, format_suffix: str, cache: bool) -> OpenedStore:
        """A store holding the triples of ``path`` (``format_suffix``: .ttl, .nt or .jsonld).
        ``cache``: keep the store on disk beside the file and reuse it while the file is
        unchanged, where the engine can."""
        ...

    def query(
        self, store: Any, query: str, base: str, prefixes: dict[str, str], allow_service: bool
    ) -> Answer:
        """Start ``query``; its rows come as the Answer's iterator is read."""
        ...
