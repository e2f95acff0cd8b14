"""Syntax errors in one line: the engine's own message with the line and column it gives,
an undeclared prefix named as such, and a missing ``.`` between triple patterns said plainly
(the engines only say what they expected instead: ``expected OPTIONAL``)."""

from __future__ import annotations

import re

from kg.sparql.errors import QueryError, QuerySyntaxError, first_line
from kg.sparql.sandbox import missing_dot

_WORD = re.compile(r"[\w?$:]")
_OXIGRAPH_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def with_hint(error: QuerySyntaxError, engine: str) -> QuerySyntaxError:
    """``error``, or the missing ``.`` it stems from, with the engine's message kept."""
    token = missing_dot(error.query)
    if token is None or "unknown prefix" in error.detail:
        return error
    message = (
        f"missing '.' before {token.text!r}, which starts a new triple pattern ({engine}: {error.detail})"
    )
    return QuerySyntaxError(token.line, token.column, message, error.query)


def oxigraph_syntax_error(message: str, query: str, prefixes: dict[str, str]) -> QueryError:
    """Oxigraph says ``error at L:C: expected …`` with C just past the offending character."""
    match = _OXIGRAPH_POSITION.match(message)
    if not match:
        return QueryError(f"syntax error: {first_line(SyntaxError(message))}")
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "Prefix not found" in detail:
        before = text[: max(column - 1, 0)]
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.\-%\\]*$", before)
        return unknown_prefix(name.group(1) or "" if name else "", query, prefixes)
    column = max(1, min(column - 1, len(text) + 1))
    while 1 < column <= len(text) and _WORD.match(text[column - 1]) and _WORD.match(text[column - 2]):
        column -= 1  # point at the start of the word, not into it
    found = re.match(r"\S{1,20}", text[column - 1 :])
    unexpected = f"unexpected {found.group(0)!r}" if found else "unexpected end of line"
    if line >= len(lines) and not text[column - 1 :].strip():
        unexpected = "the query ends too early"
    return with_hint(
        QuerySyntaxError(line, column, f"{unexpected}; {_tidy_expected(detail)}", query), "oxigraph"
    )


def _tidy_expected(detail: str) -> str:
    """Oxigraph's list of expected tokens without its character-class noise."""
    first = detail.strip().split("\n", 1)[0]
    cut = first.find("['")
    if cut > 0:
        first = first[:cut].rstrip(", ") + ", or a name"
    first = first.replace(", [_]", "").replace("[_]", "")
    return first if len(first) <= 160 else first[:159] + "…"


def rdflib_syntax_error(line: int, column: int, message: str, query: str) -> QuerySyntaxError:
    found = re.search(r"found (.+?)\s+\(at char", message)
    what = f"unexpected {found.group(1)}" if found else "unexpected input"
    expected = re.match(r"Expected (.+?), found", message)
    detail = f"{what}; expected {expected.group(1)}" if expected else what
    return with_hint(QuerySyntaxError(line, column, detail, query), "rdflib")


def unknown_prefix(prefix: str, query: str, prefixes: dict[str, str]) -> QuerySyntaxError:
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
