"""Results for the reader: a table, SPARQL 1.1 CSV or SPARQL 1.1 JSON (:func:`format_result`)."""

from __future__ import annotations

import csv
import io
import json
import re

from kg.export.rdf.literals import quote
from kg.export.rdf.vocabulary import DEFAULT_BASE, PREFIXES
from kg.sparql.errors import QueryError
from kg.sparql.terms import FLOAT_TYPES, QueryResult, Value

FORMATS = ("table", "csv", "json")


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
        {
            var: _json_term(value)
            for var, value in zip(result.variables, row, strict=True)
            if value is not None
        }
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
    elif value.datatype in FLOAT_TYPES and re.fullmatch(r"[-+0-9.eE]+", value.value):
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
    cells: dict[Value | None, str] = {}  # rows repeat their values: each is shown once

    def cell(value: Value | None) -> str:
        if value not in cells:
            cells[value] = _cell(value, prefixes, base, width)
        return cells[value]

    rows = [[cell(v) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
