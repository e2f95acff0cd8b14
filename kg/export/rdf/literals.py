"""Literals of the RDF exports: the :class:`Literal` tuple, a literal per kind of value (typed
dates of every precision), and the escaping that N-Triples and Turtle write them with."""

from __future__ import annotations

import re
from datetime import date as _date
from typing import NamedTuple

from kg.export.rdf.vocabulary import (
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DOUBLE,
    XSD_GMONTHDAY,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_INTEGER,
)


class Literal(NamedTuple):
    lexical: str
    datatype: str | None = None  # None: xsd:string (or rdf:langString when lang is set)
    lang: str | None = None


# ------------------------------------------------------------------------------------ literals

_SURROGATES = re.compile(r"[\ud800-\udfff]")


def text(value: str, lang: str | None = None) -> Literal:
    """A string literal; lone surrogates (undecodable input) become U+FFFD, never invalid UTF-8."""
    return Literal(value if value.isascii() else _SURROGATES.sub("\ufffd", value), None, lang)


def integer(value: int) -> Literal:
    return Literal(str(int(value)), XSD_INTEGER)


def double(value: float) -> Literal:
    number = float(value)
    if number != number:
        return Literal("NaN", XSD_DOUBLE)
    if number in (float("inf"), float("-inf")):
        return Literal("INF" if number > 0 else "-INF", XSD_DOUBLE)
    return Literal(repr(number), XSD_DOUBLE)


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", XSD_BOOLEAN)


_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}\Z"), XSD_DATE),
    (re.compile(r"\d{4}-\d{2}\Z"), XSD_GYEARMONTH),
    (re.compile(r"\d{4}\Z"), XSD_GYEAR),
    (re.compile(r"--\d{2}-\d{2}\Z"), XSD_GMONTHDAY),
)


def date_literal(value: str) -> Literal:
    """An ISO date of contract 2 as the XSD type of its precision: ``2022-07-27`` xsd:date,
    ``2022-07`` xsd:gYearMonth, ``2022`` xsd:gYear, ``--04-17`` xsd:gMonthDay (no year known).
    A value that is none of these (or not a real day) stays a plain string: never a guessed date."""
    for pattern, datatype in _DATE_FORMS:
        if pattern.match(value) and _is_real_date(value, datatype):
            return Literal(value, datatype)
    return text(value)


def _is_real_date(value: str, datatype: str) -> bool:
    try:
        if datatype == XSD_DATE:
            _date.fromisoformat(value)
        elif datatype == XSD_GYEARMONTH:
            _date.fromisoformat(value + "-01")
        elif datatype == XSD_GMONTHDAY:
            _date.fromisoformat("2000" + value[1:])  # a leap year: --02-29 is a real day
        return True
    except ValueError:
        return False


_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029]')
_NEEDS_ESCAPE_OR_FIX = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]')
# UTF-8 bytes that never need a look: printable ASCII but the quote and the backslash, and every
# byte of a multi-byte character but the lead bytes of U+0080-U+00BF (C1 controls), U+2000-U+2FFF
# (U+2028, U+2029) and U+D000-U+DFFF (lone surrogates). ASCII bytes never occur inside a
# multi-byte character, so what is left of a text without them tells what it holds.
_PLAIN_BYTES = bytes(c for c in range(0x20, 0x7F) if c not in b'"\\') + bytes(
    c for c in range(0x80, 0x100) if c not in (0xC2, 0xE2, 0xED)
)
_COMMON_ESCAPES = ((b"\\", b"\\\\"), (b'"', b'\\"'), (b"\n", b"\\n"), (b"\r", b"\\r"), (b"\t", b"\\t"))


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ECHAR.get(ch) or ("\ufffd" if "\ud800" <= ch <= "\udfff" else f"\\u{ord(ch):04X}")


def escaped(value: str, pattern: re.Pattern[str] = _NEEDS_ESCAPE_OR_FIX) -> bytes:
    """``value`` as UTF-8 with what ``pattern`` finds escaped. Nearly all text takes a fast path:
    C-speed scans of its bytes show whether it holds anything to escape, and plain ``replace``
    escapes the common quote, backslash and line breaks; anything else goes through the pattern."""
    data = value.encode("utf-8", "surrogatepass")
    special = data.translate(None, _PLAIN_BYTES)
    if not special:
        return data
    if not special.translate(None, b'"\\\n\r\t'):
        for ch, escape in _COMMON_ESCAPES:  # the backslash first: the others add backslashes
            if ch in data:
                data = data.replace(ch, escape)
        return data
    return pattern.sub(_escape_char, value).encode("utf-8", "surrogatepass")


def quote(value: str) -> str:
    """A string as a quoted N-Triples/Turtle string: quotes, backslashes and every control
    character escaped (and U+2028/U+2029, which line-oriented tools take for line ends), so the
    literal is always one line and always valid."""
    return '"' + escaped(value, _NEEDS_ESCAPE).decode("utf-8", "surrogatepass") + '"'
