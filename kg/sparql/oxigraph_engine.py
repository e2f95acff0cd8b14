"""The pyoxigraph engine: fast, streams its rows, and keeps a persistent store beside the export
(:mod:`kg.sparql.store_cache`) when asked to."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kg.sparql.engine import Answer, OpenedStore
from kg.sparql.errors import QueryError, first_line
from kg.sparql.sandbox import check_sandbox
from kg.sparql.store_cache import cached_store
from kg.sparql.syntax import oxigraph_syntax_error
from kg.sparql.terms import Row, Value, graph_form, literal, memoized

_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD"}


class OxigraphEngine:
    name = "oxigraph"

    def available(self) -> bool:
        return importlib.util.find_spec("pyoxigraph") is not None  # found, not imported

    def load(self, path: Path, format_suffix: str, cache: bool) -> OpenedStore:
        import pyoxigraph

        if cache:
            cached = cached_store(path, lambda source, folder: _build(source, folder, format_suffix))
            if cached is not None:
                store = pyoxigraph.Store.read_only(str(cached.folder))
                return OpenedStore(store, "built" if cached.built else "reused")
        store = pyoxigraph.Store()
        store.bulk_load(path=str(path), format=getattr(pyoxigraph.RdfFormat, _FORMATS[format_suffix]))
        return OpenedStore(store)

    def query(
        self, store: Any, query: str, base: str, prefixes: dict[str, str], allow_service: bool
    ) -> Answer:
        import pyoxigraph as ox

        check_sandbox(query, allow_service)
        try:
            answer = store.query(query, base_iri=base, prefixes=prefixes)
        except SyntaxError as exc:
            raise oxigraph_syntax_error(str(exc), query, prefixes) from None
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(f"query failed: {first_line(exc)}") from None
        if isinstance(answer, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(answer))
        value = _converter()
        if isinstance(answer, ox.QueryTriples):
            triples = ((value(t.subject), value(t.predicate), value(t.object)) for t in answer)
            return Answer(graph_form(query), ("subject", "predicate", "object"), _guarded(triples))
        variables = tuple(v.value for v in answer.variables)
        solutions = (tuple(map(value, solution)) for solution in answer)
        return Answer("SELECT", variables, _guarded(solutions))


def _build(source: Path, folder: Path, format_suffix: str) -> None:
    import pyoxigraph

    store = pyoxigraph.Store(str(folder))
    store.bulk_load(path=str(source), format=getattr(pyoxigraph.RdfFormat, _FORMATS[format_suffix]))
    store.flush()
    del store  # closes the database, so that readers can open it


def _guarded(rows: Iterator[Row]) -> Iterator[Row]:
    """The rows, with a failure while reading them (a SERVICE endpoint that is down, a store
    error) as one QueryError."""
    try:
        yield from rows
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        raise QueryError(f"query failed: {first_line(exc)}") from None


def _converter() -> Callable[[Any], Value | None]:
    import pyoxigraph as ox

    return memoized(lambda term: _value(term, ox))


def _value(term: Any, ox: Any) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.datatype.value if term.datatype else None, term.language)
    return Value("literal", str(term))  # an RDF-star triple term: shown as text
