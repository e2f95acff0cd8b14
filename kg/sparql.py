"""SPARQL 1.1 over an exported graph file (``kg query``): SELECT, ASK, CONSTRUCT and DESCRIBE.

Two engines answer the same queries with the same results: pyoxigraph (fast, the default when
installed) and rdflib (pure Python). Both see the vocabularies of the export predeclared
(:data:`kg.export.rdf.PREFIXES`, plus ``res:`` = the export's base IRI, found in the file), unless
the query declares a prefix itself; relative IRIs in a query resolve against that base, so
``<author/a>`` means ``res:`` + ``author/a``. Results come back engine-independent
(:class:`QueryResult` of :class:`Value`), with numbers in one canonical spelling, and are printed
as a table, SPARQL 1.1 CSV or SPARQL 1.1 JSON by :func:`format_result`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg.export.rdf import DEFAULT_BASE, KG, PREFIXES, RDF, XSD, quote

ENGINES = ("oxigraph", "rdflib")
FORMATS = ("table", "csv", "json")

#: File extension -> (rdflib format name, pyoxigraph format name).
#: Not ``.json``: kg's ``graph.json`` is networkx node-link JSON, not RDF.
GRAPH_FORMATS = {".ttl": ("turtle", "TURTLE"), ".nt": ("nt", "N_TRIPLES"), ".jsonld": ("json-ld", "JSON_LD")}

_INTEGER_TYPES = {
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
_FLOAT_TYPES = {XSD + "double", XSD + "float"}
_XSD_STRING = XSD + "string"
_LANG_STRING = RDF + "langString"


class QueryError(ValueError):
    """A query or graph file kg cannot use; the message says why, for the user."""


class QuerySyntaxError(QueryError):
    """A query that does not parse, with the 1-based line and column of the error."""

    def __init__(self, line: int, column: int, message: str, query: str) -> None:
        self.line, self.column, self.detail = line, column, message
        lines = query.splitlines() or [""]
        shown = lines[min(line, len(lines)) - 1]
        pointer = " " * (column - 1) + "^"
        super().__init__(f"syntax error at line {line}, column {column}: {message}\n  {shown}\n  {pointer}")


@dataclass(frozen=True)
class Value:
    """One RDF term of a result, named as SPARQL 1.1 JSON results name them."""

    type: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None  # None for plain and language-tagged strings
    lang: str | None = None


@dataclass(frozen=True)
class QueryResult:
    """What a query returned. CONSTRUCT and DESCRIBE give rows of (subject, predicate, object),
    sorted, so that their output is the same whatever the engine."""

    form: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Value | None, ...], ...] = ()
    boolean: bool | None = None


@dataclass(frozen=True)
class LoadedGraph:
    """A graph file read by one engine, with the prefixes and base its queries get."""

    engine: str
    path: Path
    store: Any  # pyoxigraph.Store or rdflib.Graph
    base: str
    prefixes: dict[str, str]


def available_engines() -> list[str]:
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return ["rdflib"]
    return list(ENGINES)


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


def graph_format(path: Path) -> tuple[str, str]:
    try:
        return GRAPH_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(GRAPH_FORMATS)
        raise QueryError(
            f"cannot tell the RDF format of {path} from its extension (known: {known})"
        ) from None


def load_graph(path: str | Path, engine: str | None = None) -> LoadedGraph:
    """Read a .ttl, .nt or .jsonld file with ``engine`` (default: pyoxigraph when installed)."""
    path = Path(path)
    engine = engine or default_engine()
    if engine not in available_engines():
        raise QueryError(
            f"engine {engine!r} is not available here (available: {', '.join(available_engines())})"
        )
    rdflib_format, oxigraph_format = graph_format(path)
    if not path.is_file():
        raise QueryError(f"graph file {path} does not exist")
    try:
        store = (
            _load_oxigraph(path, oxigraph_format)
            if engine == "oxigraph"
            else _load_rdflib(path, rdflib_format)
        )
    except Exception as exc:  # oxigraph raises SyntaxError or OSError; rdflib's parsers their own types
        raise QueryError(f"cannot read {path} as {rdflib_format}: {_first_line(exc)}") from None
    loaded = LoadedGraph(engine, path, store, DEFAULT_BASE, {})
    base = _export_base(loaded)
    return LoadedGraph(engine, path, store, base, {**PREFIXES, "res": base})


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _load_oxigraph(path: Path, format_name: str) -> Any:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=getattr(pyoxigraph.RdfFormat, format_name))
    return store


def _load_rdflib(path: Path, format_name: str) -> Any:
    import rdflib

    return rdflib.Graph().parse(str(path), format=format_name)


def _export_base(loaded: LoadedGraph) -> str:
    """The base IRI the export was written under: the IRI of its ``kg:KnowledgeGraph`` node."""
    found = execute(loaded, f"SELECT ?g WHERE {{ ?g a <{KG}KnowledgeGraph> }}")
    iris = sorted(row[0].value for row in found.rows if row[0] is not None and row[0].type == "uri")
    return iris[0] if len(iris) == 1 else DEFAULT_BASE


# ----------------------------------------------------------------------------------- executing


def execute(loaded: LoadedGraph, query: str) -> QueryResult:
    """Run one SPARQL query; QuerySyntaxError (with line and column) when it does not parse."""
    if loaded.engine == "oxigraph":
        return _execute_oxigraph(loaded, query)
    return _execute_rdflib(loaded, query)


def _execute_oxigraph(loaded: LoadedGraph, query: str) -> QueryResult:
    import pyoxigraph as ox

    try:
        answer = loaded.store.query(query, base_iri=loaded.base, prefixes=loaded.prefixes)
    except SyntaxError as exc:
        raise _oxigraph_syntax_error(str(exc), query, loaded.prefixes) from None
    except (OSError, ValueError, TypeError) as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        rows = [
            (_from_oxigraph(t.subject), _from_oxigraph(t.predicate), _from_oxigraph(t.object)) for t in answer
        ]
        return _graph_result(_form(query), rows)
    variables = tuple(v.value for v in answer.variables)
    rows = tuple(tuple(_from_oxigraph(solution[v]) for v in variables) for solution in answer)
    return QueryResult("SELECT", variables, rows)


def _from_oxigraph(term: Any) -> Value | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.datatype.value if term.datatype else None, term.language)
    return Value("literal", str(term))  # an RDF-star triple term: shown as text


def _execute_rdflib(loaded: LoadedGraph, query: str) -> QueryResult:
    from pyparsing import ParseException

    try:
        answer = loaded.store.query(query, initNs=loaded.prefixes, base=loaded.base)
    except ParseException as exc:
        raise QuerySyntaxError(exc.lineno, exc.col, _rdflib_message(exc), query) from None
    except Exception as exc:  # rdflib reports an undeclared prefix as a bare Exception
        prefix = re.match(r"Unknown namespace prefix : (\S*)", str(exc))
        if prefix:
            raise _unknown_prefix(prefix.group(1), query, loaded.prefixes) from None
        raise QueryError(f"query failed: {_first_line(exc)}") from None
    if answer.type == "ASK":
        return QueryResult("ASK", boolean=bool(answer.askAnswer))
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        rows = [tuple(_from_rdflib(term) for term in triple) for triple in answer.graph]
        return _graph_result(answer.type, rows)
    variables = tuple(str(v) for v in answer.vars)
    rows = tuple(tuple(_from_rdflib(row[i]) for i in range(len(variables))) for row in answer)
    return QueryResult("SELECT", variables, rows)


def _from_rdflib(term: Any) -> Value | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return Value("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return Value("bnode", str(term))
    return _literal(str(term), str(term.datatype) if term.datatype else None, term.language)


def _literal(lexical: str, datatype: str | None, lang: str | None) -> Value:
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
        if datatype in _INTEGER_TYPES:
            return str(int(lexical.strip()))
        if datatype in _FLOAT_TYPES:
            number = float(lexical.strip())
            return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(repr(number), repr(number))
        if datatype == XSD + "decimal":
            number = Decimal(lexical.strip())
            text = format(number.normalize(), "f")
            return text if "." in text else text + ".0"
        if datatype == XSD + "boolean":
            return {"1": "true", "0": "false"}.get(lexical.strip(), lexical.strip())
    except (ValueError, InvalidOperation):
        pass
    return lexical


def _form(query: str) -> str:
    """CONSTRUCT or DESCRIBE: the first of them after the prologue (comments, IRIs and strings aside)."""
    stripped = re.sub(r"#[^\n]*|<[^>\s]*>|\"[^\"\n]*\"|'[^'\n]*'", " ", query)
    match = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", stripped, re.IGNORECASE)
    return match.group(1).upper() if match else "CONSTRUCT"


def _graph_result(form: str, rows: Iterable[tuple[Value | None, ...]]) -> QueryResult:
    ordered = sorted(set(rows), key=lambda r: tuple(_sort_key(v) for v in r))
    return QueryResult(form, ("subject", "predicate", "object"), tuple(ordered))


def _sort_key(value: Value | None) -> tuple[str, str, str, str]:
    if value is None:
        return ("", "", "", "")
    return (value.type, value.value, value.datatype or "", value.lang or "")


# ------------------------------------------------------------------------------ syntax errors

_WORD = re.compile(r"[\w?$:]")
_OXIGRAPH_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def _oxigraph_syntax_error(message: str, query: str, prefixes: dict[str, str]) -> QueryError:
    """Oxigraph says ``error at L:C: expected …`` with C just past the offending character."""
    match = _OXIGRAPH_POSITION.match(message)
    if not match:
        return QueryError(f"syntax error: {_first_line(SyntaxError(message))}")
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "Prefix not found" in detail:
        before = text[: max(column - 1, 0)]
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.\-%\\]*$", before)
        return _unknown_prefix(name.group(1) or "" if name else "", query, prefixes)
    column = max(1, min(column - 1, len(text) + 1))
    while 1 < column <= len(text) and _WORD.match(text[column - 1]) and _WORD.match(text[column - 2]):
        column -= 1  # point at the start of the word, not into it
    found = re.match(r"\S{1,20}", text[column - 1 :])
    unexpected = f"unexpected {found.group(0)!r}" if found else "unexpected end of line"
    if line >= len(lines) and not text[column - 1 :].strip():
        unexpected = "the query ends too early"
    return QuerySyntaxError(line, column, f"{unexpected}; {_tidy_expected(detail)}", query)


def _tidy_expected(detail: str) -> str:
    """Oxigraph's list of expected tokens without its character-class noise."""
    first = detail.strip().split("\n", 1)[0]
    cut = first.find("['")
    if cut > 0:
        first = first[:cut].rstrip(", ") + ", or a name"
    first = first.replace(", [_]", "").replace("[_]", "")
    return first if len(first) <= 160 else first[:159] + "…"


def _rdflib_message(exc: Any) -> str:
    found = re.search(r"found (.+?)\s+\(at char", str(exc))
    what = f"unexpected {found.group(1)}" if found else "unexpected input"
    expected = re.match(r"Expected (.+?), found", str(exc))
    return f"{what}; expected {expected.group(1)}" if expected else what


def _unknown_prefix(prefix: str, query: str, prefixes: dict[str, str]) -> QuerySyntaxError:
    pattern = re.compile(rf"(?<![\w.:<?$\"'-]){re.escape(prefix)}:")
    line, column = 1, 1
    for number, text in enumerate(query.splitlines(), start=1):
        found = pattern.search(text)
        if found:
            line, column = number, found.start() + 1
            break
    known = ", ".join(sorted(prefixes))
    return QuerySyntaxError(
        line,
        column,
        f"unknown prefix '{prefix}:'; declare it with PREFIX {prefix}: <…> (predeclared: {known})",
        query,
    )


# ------------------------------------------------------------------------------------ output


def format_result(result: QueryResult, fmt: str = "table", base: str = DEFAULT_BASE) -> str:
    """``table`` for reading, ``csv`` (SPARQL 1.1 CSV) or ``json`` (SPARQL 1.1 JSON results).
    CONSTRUCT and DESCRIBE print as N-Triples in ``table`` form, as subject/predicate/object rows
    otherwise. ``base`` is the export's base IRI: the table shows its resources relative to it."""
    if fmt == "json":
        return _json(result)
    if fmt == "csv":
        return _csv(result)
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if result.form == "ASK":
        return "true" if result.boolean else "false"
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return "".join(_ntriples_line(row) for row in result.rows)
    return _table(result, PREFIXES, base)


def _json(result: QueryResult) -> str:
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {var: _json_term(value) for var, value in zip(result.variables, row) if value is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
        ensure_ascii=False,
        indent=1,
    )


def _json_term(value: Value) -> dict[str, str]:
    out = {"type": value.type, "value": value.value}
    if value.datatype:
        out["datatype"] = value.datatype
    if value.lang:
        out["xml:lang"] = value.lang
    return out


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(
            ["" if v is None else (f"_:{v.value}" if v.type == "bnode" else v.value) for v in row]
        )
    return buffer.getvalue()


def _ntriples_line(row: tuple[Value | None, ...]) -> str:
    return " ".join(_ntriples_term(v) for v in row) + " .\n"


def _ntriples_term(value: Value | None) -> str:
    if value is None:
        return '""'
    if value.type == "uri":
        return f"<{value.value}>"
    if value.type == "bnode":
        return f"_:{value.value}"
    if value.lang:
        return f"{quote(value.value)}@{value.lang}"
    return quote(value.value) + (f"^^<{value.datatype}>" if value.datatype else "")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _cell(value: Value | None, prefixes: dict[str, str], base: str, width: int) -> str:
    """A value for the terminal: IRIs shortened by prefix, control characters made visible (a
    literal can never move the cursor or colour the screen), long text clipped."""
    if value is None:
        return ""
    if value.type == "uri":
        text = _shorten(value.value, prefixes, base)
    elif value.type == "bnode":
        text = f"_:{value.value}"
    elif value.datatype in _FLOAT_TYPES and re.fullmatch(r"[-+0-9.eE]+", value.value):
        text = f"{float(value.value):.6g}"  # for reading; csv and json keep every digit
    else:
        text = value.value
    text = _CONTROL.sub(
        lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(m.group(0), f"\\u{ord(m.group(0)):04x}"), text
    )
    return text if len(text) <= width else text[: width - 1] + "…"


def _shorten(iri: str, prefixes: dict[str, str], base: str) -> str:
    """``schema:name`` for vocabulary terms, ``<paper/x>`` (relative to the base, as queries may
    write it) for the export's resources, ``<…>`` for the rest."""
    for prefix, namespace in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
        local = iri[len(namespace) :]
        if prefix != "res" and iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w-]*", local):
            return f"{prefix}:{local}"
    if base and iri.startswith(base) and re.fullmatch(r"[\w.\-/]*", iri[len(base) :]):
        return f"<{iri[len(base) :]}>"
    return f"<{iri}>"


def _table(result: QueryResult, prefixes: dict[str, str], base: str, width: int = 80) -> str:
    header = list(result.variables)
    rows = [[_cell(v, prefixes, base, width) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
