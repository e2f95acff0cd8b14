"""N-Triples (``kg.nt``): one absolute triple a line, the terms rendered by :class:`NTriples`."""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

import networkx as nx

from kg.export.atomic import atomic_open
from kg.export.rdf.describe import descriptions
from kg.export.rdf.literals import Literal, boolean, double, escaped, integer
from kg.export.rdf.streaming import write_batched
from kg.export.rdf.vocabulary import DEFAULT_BASE, XSD_DOUBLE

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph


class NTriples:
    """Terms as N-Triples writes them, as UTF-8 bytes: ``<absolute IRI>``, ``"escaped"@en``,
    ``"1"^^<…#integer>``. The text of :func:`text` (lone surrogates become U+FFFD) is quoted in
    the same pass. Bytes, because each literal is then encoded once, alone: encoding whole chunks
    of output costs far more as soon as one name in a chunk is not ASCII."""

    def __init__(self) -> None:
        self._integers: dict[int, bytes] = {}  # positions and counts repeat: render each once
        self._short: dict[str, bytes] = {}  # so do short strings
        self._datatypes: dict[str, bytes] = {}
        self._true, self._false = self.literal(boolean(True)), self.literal(boolean(False))
        self._double = b'"^^' + self.iri(XSD_DOUBLE)

    def iri(self, value: str) -> bytes:
        return b"<" + value.encode() + b">"

    def sub(self, resource: bytes, path: str) -> bytes:
        """A sub-resource of a node, whose IRI is always written ``<…>``."""
        return resource[:-1] + path.encode() + b">"

    def text(self, value: str, lang: str | None = None) -> bytes:
        if lang is None and len(value) <= 48:  # names as written, categories: they repeat
            quoted = self._short.get(value)
            if quoted is None:
                quoted = b'"' + escaped(value) + b'"'
                if len(self._short) < 100_000:
                    self._short[value] = quoted
            return quoted
        quoted = b'"' + escaped(value) + b'"'
        return quoted + b"@" + lang.encode() if lang else quoted

    def literal(self, term: Literal) -> bytes:
        lexical, datatype, lang = term
        if datatype and not lang:
            rendered = self._datatypes.get(datatype)
            if rendered is None:
                rendered = self._datatypes[datatype] = b'"^^' + self.iri(datatype)
            return b'"' + escaped(lexical) + rendered
        return self.text(lexical, lang)

    def integer(self, value: int) -> bytes:
        rendered = self._integers.get(value)
        if rendered is None:
            rendered = self.literal(integer(value))
            if len(self._integers) < 10_000:
                self._integers[value] = rendered
        return rendered

    def double(self, value: float) -> bytes:
        number = float(value)
        if number - number == 0:  # finite: NaN and infinities give NaN
            return b'"' + repr(number).encode() + self._double
        return self.literal(double(number))

    def boolean(self, value: bool) -> bytes:
        return self._true if value else self._false


def write_ntriples_to(handle: IO[bytes], G: nx.MultiDiGraph[str], base_iri: str = DEFAULT_BASE) -> int:
    """Write the graph as N-Triples (UTF-8) to a binary handle, one triple a line; returns the
    number of triples."""
    return write_batched(handle, descriptions(G, base_iri, NTriples()), _add_triples)


def _add_triples(parts: list[bytes], subject: bytes, pairs: list[tuple[bytes, bytes]]) -> None:
    subject += b" "
    for predicate, obj in pairs:
        parts += (subject, predicate, b" ", obj, b" .\n")


def write_ntriples(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.nt``: the graph as N-Triples (one absolute triple a line, greppable and sortable)."""
    with atomic_open(path, "wb") as handle:
        write_ntriples_to(handle, kg.graph, options.base_iri)
