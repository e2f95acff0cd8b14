"""The syntax that renders terms as :class:`IRI` and :class:`Literal` tuples: the default of
:func:`kg.export.rdf.describe.descriptions`, read by the JSON-LD writer, rdflib and the tests."""

from __future__ import annotations

from kg.export.rdf.iris import IRI
from kg.export.rdf.literals import Literal, boolean, double, integer, text


class Structured:
    """Terms as :class:`IRI` and :class:`Literal` tuples (JSON-LD, rdflib, tests)."""

    iri = staticmethod(IRI)
    text = staticmethod(text)
    integer = staticmethod(integer)
    double = staticmethod(double)
    boolean = staticmethod(boolean)

    @staticmethod
    def sub(resource: IRI, path: str) -> IRI:
        """The IRI of a sub-resource: ``path`` appended to ``resource``."""
        return IRI(resource.value + path)

    @staticmethod
    def literal(term: Literal) -> Literal:
        return term
