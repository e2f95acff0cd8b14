"""Engine-independent results: :class:`Value` (one RDF term), :class:`QueryResult`, and the
literal canonicalisation that makes both engines print the same numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from kg.export.rdf.vocabulary import RDF, XSD

INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
FLOAT_TYPES = {XSD + "double", XSD + "float"}
_XSD_STRING = XSD + "string"
_LANG_STRING = RDF + "langString"


@dataclass(frozen=True)
class Value:
    """One RDF term of a result, named as SPARQL 1.1 JSON results name them."""

    type: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None  # None for plain and language-tagged strings
    lang: str | None = None


Row = tuple[Value | None, ...]


@dataclass(frozen=True)
class QueryResult:
    """What a query returned. CONSTRUCT and DESCRIBE give rows of (subject, predicate, object),
    sorted, so that their output is the same whatever the engine. ``truncated`` says the rows
    stopped at the row limit while the query had more."""

    form: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    truncated: bool = False


def literal(lexical: str, datatype: str | None, lang: str | None) -> Value:
    """A literal with the engine's quirks removed: xsd:string and rdf:langString datatypes are
    implicit, numbers and booleans in their canonical spelling (``1.0E-1`` and ``0.1`` are one
    double), so both engines print the same."""
    if lang:
        return Value("literal", lexical, None, lang.lower())
    if datatype in (None, _XSD_STRING, _LANG_STRING):
        return Value("literal", lexical)
    return Value("literal", _canonical(lexical, datatype), datatype)


def _canonical(lexical: str, datatype: str) -> str:
    try:
        if datatype in INTEGER_TYPES:
            return str(int(lexical.strip()))
        if datatype in FLOAT_TYPES:
            number = float(lexical.strip())
            return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(repr(number), repr(number))
        if datatype == XSD + "decimal":
            text = format(Decimal(lexical.strip()).normalize(), "f")
            return text if "." in text else text + ".0"
        if datatype == XSD + "boolean":
            return {"1": "true", "0": "false"}.get(lexical.strip(), lexical.strip())
    except (ValueError, InvalidOperation):
        pass
    return lexical


def graph_result(form: str, rows: Iterable[Row], truncated: bool = False) -> QueryResult:
    """CONSTRUCT and DESCRIBE triples, deduplicated and sorted."""
    ordered = sorted(set(rows), key=lambda r: tuple(_sort_key(v) for v in r))
    return QueryResult(form, ("subject", "predicate", "object"), tuple(ordered), truncated=truncated)


def _sort_key(value: Value | None) -> tuple[str, str, str, str]:
    if value is None:
        return ("", "", "", "")
    return (value.type, value.value, value.datatype or "", value.lang or "")


def graph_form(query: str) -> str:
    """CONSTRUCT or DESCRIBE: the first of them after the prologue (comments, IRIs and strings aside)."""
    stripped = re.sub(r"#[^\n]*|<[^>\s]*>|\"[^\"\n]*\"|'[^'\n]*'", " ", query)
    match = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", stripped, re.IGNORECASE)
    return match.group(1).upper() if match else "CONSTRUCT"


def memoized(convert: Callable[[Any], Value], size: int = 100_000) -> Callable[[Any], Value | None]:
    """``convert`` for one answer's terms (None stays None), remembering the last ``size`` terms
    it has seen: rows repeat their terms, and one Value each saves time and memory."""
    seen: dict[Any, Value] = {}

    def value(term: Any) -> Value | None:
        if term is None:
            return None
        found = seen.get(term)
        if found is None:
            if len(seen) >= size:
                seen.clear()
            found = seen[term] = convert(term)
        return found

    return value
