"""Turtle (``kg.ttl``): prefixes, ``@base``, one block a subject, the terms rendered by :class:`Turtle`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, TYPE_CHECKING

import networkx as nx

from kg.export.atomic import atomic_open
from kg.export.rdf.describe import descriptions
from kg.export.rdf.iris import normalize_base, relative_base
from kg.export.rdf.literals import Literal
from kg.export.rdf.ntriples import NTriples
from kg.export.rdf.streaming import write_batched
from kg.export.rdf.vocabulary import DEFAULT_BASE, PREFIXES, RDF, XSD_BOOLEAN, XSD_INTEGER

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph

_INTEGER = re.compile(r"[+-]?\d+\Z")
_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


class Turtle(NTriples):
    """Terms as Turtle writes them (UTF-8 bytes): prefixed names for the vocabularies, IRIs
    relative to ``@base``, bare integers and booleans."""

    def __init__(self, base: str) -> None:
        self.base = base if relative_base(base) else None
        self._by_namespace = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
        # Under a base that no vocabulary namespace starts or ends (the usual case), an IRI that
        # starts with the base cannot start with a namespace: it is written relative at once.
        self._plain_base = self.base is not None and not any(
            ns.startswith(base) or base.startswith(ns) for ns in PREFIXES.values()
        )
        super().__init__()

    def iri(self, value: str) -> bytes:
        return self.written(value).encode()

    def written(self, value: str) -> str:
        """An IRI as Turtle writes it: ``a``, ``schema:name``, ``<paper/x>``, ``<https://…>``."""
        if self._plain_base and value.startswith(self.base):  # type: ignore[arg-type]
            return f"<{value[len(self.base) :]}>"  # type: ignore[arg-type]
        if value == RDF + "type":
            return "a"
        for prefix, namespace in self._by_namespace:
            if value.startswith(namespace) and _LOCAL_NAME.match(value, len(namespace)):
                return f"{prefix}:{value[len(namespace) :]}"
        if self.base and value.startswith(self.base):
            return f"<{value[len(self.base) :]}>"
        return f"<{value}>"

    def literal(self, term: Literal) -> bytes:
        if term.datatype == XSD_BOOLEAN or (term.datatype == XSD_INTEGER and _INTEGER.match(term.lexical)):
            return term.lexical.encode()  # Turtle's bare 42 and true
        return super().literal(term)

    def integer(self, value: int) -> bytes:
        return str(int(value)).encode()

    def header(self) -> bytes:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
        if self.base:
            lines.insert(0, f"@base <{self.base}> .")
        return ("\n".join(lines) + "\n\n").encode()


def write_turtle_to(handle: IO[bytes], G: nx.MultiDiGraph[str], base_iri: str = DEFAULT_BASE) -> int:
    """Write the graph as Turtle (UTF-8) to a binary handle, with prefixes, one block a subject
    (``s p o1, o2 ;`` with each predicate once, ending in `` .``); returns the number of triples."""
    base = normalize_base(base_iri)
    syntax = Turtle(base)
    handle.write(syntax.header())
    return write_batched(handle, descriptions(G, base, syntax), _add_turtle_block)


def _add_turtle_block(parts: list[bytes], subject: bytes, pairs: list[tuple[bytes, bytes]]) -> None:
    parts.append(subject)
    previous = None
    for predicate, obj in pairs:
        if predicate == previous:
            parts += (b", ", obj)
        else:
            parts += (b" " if previous is None else b" ;\n    ", predicate, b" ", obj)
            previous = predicate
    parts.append(b" .\n\n")


def write_turtle(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.ttl``: the graph as Turtle, streamed from the networkx graph and written atomically."""
    with atomic_open(path, "wb") as handle:
        write_turtle_to(handle, kg.graph, options.base_iri)
