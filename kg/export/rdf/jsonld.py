"""JSON-LD (``kg.jsonld``): one ``@context`` and a ``@graph`` of node objects, one a line."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from kg.export import json_text
from kg.export.atomic import atomic_open
from kg.export.rdf.describe import Description, descriptions
from kg.export.rdf.iris import IRI, normalize_base, relative_base
from kg.export.rdf.turtle import Turtle
from kg.export.rdf.vocabulary import DEFAULT_BASE, PREFIXES, RDF

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph


def jsonld_context(base: str) -> dict[str, str]:
    context = dict(PREFIXES)
    if relative_base(base):
        context["@base"] = base
    return context


_RDF_TYPE = RDF + "type"


def _jsonld_node(d: Description, ref: Callable[[str], str]) -> dict[str, Any]:
    """A description as a JSON-LD node object with compact IRIs (expanded by the @context)."""
    subject, pairs = d
    node: dict[str, Any] = {"@id": ref(subject.value)}
    value: str | dict[str, str]
    for predicate, obj in pairs:
        if predicate.value == _RDF_TYPE:
            key, value = "@type", ref(obj.value)
        else:
            key = ref(predicate.value)
            if type(obj) is IRI:
                value = {"@id": ref(obj.value)}
            elif obj.lang:
                value = {"@value": obj.lexical, "@language": obj.lang}
            elif obj.datatype:
                value = {"@value": obj.lexical, "@type": ref(obj.datatype)}
            else:
                value = obj.lexical
        values = node.get(key)
        if values is None:
            node[key] = [value]
        else:
            values.append(value)
    return node


def write_jsonld_to(handle: IO[str], G: nx.MultiDiGraph[str], base_iri: str = DEFAULT_BASE) -> int:
    """Write JSON-LD: one @context and a @graph of node objects, one a line in compact JSON
    (:mod:`kg.export.json_text`); returns the number of triples."""
    base = normalize_base(base_iri)
    turtle, count = Turtle(base), 0

    @lru_cache(maxsize=1 << 16)
    def ref(iri: str) -> str:  # the Turtle form, without the <> of a relative or absolute IRI
        short = turtle.written(iri)
        return short[1:-1] if short.startswith("<") else short

    handle.write('{\n"@context": ' + json_text.dumps(jsonld_context(base)) + ',\n"@graph": [\n')
    separator, chunks = "", []
    for d in descriptions(G, base):
        count += len(d[1])
        chunks.append(json_text.dumps(_jsonld_node(d, ref)))
        if len(chunks) >= 2048:
            handle.write(separator + ",\n".join(chunks))
            separator, chunks = ",\n", []
    if chunks:
        handle.write(separator + ",\n".join(chunks))
    handle.write("\n]\n}\n")
    return count


def write_jsonld(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.jsonld``: the same triples as JSON-LD, for tools that read JSON."""
    with atomic_open(path) as handle:
        write_jsonld_to(handle, kg.graph, options.base_iri)
