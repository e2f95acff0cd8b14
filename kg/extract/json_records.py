"""Finding the record objects of a JSON reply, each with the line where it starts.

The scholarly APIs (OpenAlex, Crossref, Semantic Scholar) answer with one record, an array of
records, or an envelope that holds the records in a list (OpenAlex ``{"meta", "results": [...]}``,
Crossref ``{"message": {"items": [...]}}`` or ``{"message": {work}}``, Semantic Scholar
``{"data": [...]}``); bulk dumps are JSON Lines, one value per line. :func:`json_objects` reads
any of these: :class:`Envelope` names the keys that hold the list (``lists``) and the keys whose
object holds the record or the list (``wrappers``).

Arrays are walked element by element, so each record's start line is known and a cut or
malformed document keeps the records before the break (one Problem names the line and column).
JSON Lines are read line by line (split on ``\\n`` only, see :mod:`kg.extract.reading`), without
splitting the whole text at once, so one bad line costs only itself and a large dump is not copied.

Within limits (:class:`kg.model.Limits`): an integer of more digits than ``int_digits`` and
nesting deeper than the JSON reader can follow are reported like malformed JSON (the line, or the
record where the document breaks), never raised.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kg.extract.lines import iter_lines
from kg.model import Extraction, Limits, PaperRecord, Problem
from kg.normalize.text import bounded_int

_WHITESPACE = re.compile(r"\s*")
_PLAIN = json.JSONDecoder()
#: The most digits Python converts to an int (0: no limit).
_PYTHON_INT_DIGITS = sys.get_int_max_str_digits() or 10**9


class JsonLimitError(ValueError):
    """A JSON value beyond a limit: an integer too long, or nesting too deep."""


def _decoder(limits: Limits) -> json.JSONDecoder:
    """A decoder that refuses integers longer than the limit. At Python's own limit (4,300
    digits, the default) that is the standard decoder, whose ValueError :func:`_decode` turns
    into a :class:`JsonLimitError` (a parse_int of ours would slow every number by a quarter)."""
    if limits.int_digits >= _PYTHON_INT_DIGITS:
        return _PLAIN

    def parse_int(digits: str) -> int:
        number = bounded_int(digits.lstrip("-"), limits.int_digits)  # never more than Python's
        if number is None:
            raise JsonLimitError(
                f"an integer of {len(digits.lstrip('-'))} digits, more than the limit of "
                f"{limits.int_digits} (--limit int_digits=N)"
            )
        return -number if digits.startswith("-") else number

    return json.JSONDecoder(parse_int=parse_int)


_SNIFFER = _decoder(Limits())


def _decode(decoder: json.JSONDecoder, text: str, pos: int = 0) -> tuple[Any, int]:
    """``decoder.raw_decode``, with nesting too deep to follow and integers longer than Python
    converts as :class:`JsonLimitError`."""
    try:
        return decoder.raw_decode(text, pos)
    except RecursionError:
        raise JsonLimitError("arrays and objects nested deeper than the JSON reader can follow") from None
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError) or "integer string conversion" not in str(exc):
            raise
        raise JsonLimitError(
            f"an integer of more digits than the limit of {_PYTHON_INT_DIGITS} (--limit int_digits=N)"
        ) from None


@dataclass(frozen=True)
class Envelope:
    """Where a format keeps its records inside a JSON object (see the module docstring)."""

    lists: tuple[str, ...] = ()
    wrappers: tuple[str, ...] = ()


@dataclass
class _Found:
    """Hands each record object found, with its line, to ``take`` as soon as it is decoded (a
    large file's decoded objects are never all held at once); problems go to ``problems``."""

    take: Callable[[int, Any], None]
    problems: list[Problem]
    count: int = 0

    def add(self, line: int, value: Any) -> None:
        self.count += 1
        self.take(line, value)


def json_objects(
    text: str,
    file: str,
    envelope: Envelope,
    take: Callable[[int, Any], None],
    problems: list[Problem],
    noun: str = "record",
    limits: Limits | None = None,
) -> None:
    """Call ``take(line, value)`` for each record object of ``text`` (a JSON document or JSON
    Lines), in file order; what cannot be read goes to ``problems``."""
    found = _Found(take, problems)
    decoder = _decoder(limits or Limits())
    if is_json_lines(text):
        _json_lines(text, file, envelope, found, decoder)
    else:
        _document(text, file, envelope, noun, found, decoder)


def json_extraction(
    text: str,
    file: str,
    envelope: Envelope,
    read: Callable[[Any, str, int, list[Problem]], PaperRecord | None],
    noun: str = "record",
    limits: Limits | None = None,
) -> Extraction:
    """The records ``read(value, file, line, problems)`` makes of each record object of ``text``
    (None: nothing to keep; it says why in ``problems``), and every problem met."""
    records: list[PaperRecord] = []
    problems: list[Problem] = []

    def take(line: int, value: Any) -> None:
        record = read(value, file, line, problems)
        if record is not None:
            records.append(record)

    json_objects(text, file, envelope, take, problems, noun, limits)
    return Extraction(records=tuple(records), problems=tuple(problems))


def json_head(text: str, size: int = 65536) -> str | None:
    """The start of ``text``, where detection looks (a 50 MB dump is not scanned whole); None
    when ``text`` is not a JSON object or array."""
    return text[:size] if text.lstrip()[:1] in ("{", "[") else None


def is_json_lines(text: str) -> bool:
    """JSON Lines when there are several lines and the first one, or half of the first five, are
    whole JSON values on their own (a pretty-printed document opens with a lone ``{`` or ``[``)."""
    first = [line for _, line in _numbered_lines(text, limit=5)]
    if len(first) < 2:
        return False
    whole = [_is_json_value(line) for line in first]
    return whole[0] or sum(whole) * 2 >= len(whole)


def _numbered_lines(text: str, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """``(1-based line, stripped text)`` of the non-blank lines, one at a time."""
    given = 0
    for number, line in iter_lines(text):
        if limit is not None and given >= limit:
            return
        if line.strip():
            given += 1
            yield number, line.strip()


def _is_json_value(line: str) -> bool:
    try:
        return isinstance(_decode(_SNIFFER, line)[0], (dict, list))
    except ValueError:  # malformed, or beyond a limit (JsonLimitError)
        return False


def _json_lines(text: str, file: str, envelope: Envelope, found: _Found, decoder: json.JSONDecoder) -> None:
    for number, line in _numbered_lines(text):
        try:
            value, end = _decode(decoder, line)
            _expect_end(line, end)
        except JsonLimitError as exc:
            found.problems.append(
                Problem(file, number, "error", f"line {number} holds {exc}; this line is skipped")
            )
            continue
        except json.JSONDecodeError as exc:
            found.problems.append(
                Problem(
                    file,
                    number,
                    "error",
                    f"malformed JSON at line {number}, column {exc.colno}: {exc.msg}; this line is skipped",
                )
            )
            continue
        for item in _unwrap(value, envelope):
            found.add(number, item)


def _unwrap(value: Any, envelope: Envelope) -> list[Any]:
    """The records one JSON Lines value holds: those of its list or wrapper, else itself."""
    if isinstance(value, dict):
        for key in envelope.wrappers:
            if isinstance(value.get(key), dict):
                return _unwrap(value[key], envelope)
        for key in envelope.lists:
            if isinstance(value.get(key), list):
                items: list[Any] = value[key]
                return items
    return [value]


class _Lines:
    """1-based line of a character offset. Offsets are asked for in increasing order while a
    document is walked, so newlines are counted only between one offset and the next."""

    def __init__(self, text: str):
        self._text = text
        self._offset = 0
        self._line = 1

    def of(self, offset: int) -> int:
        if offset < self._offset:
            self._offset, self._line = 0, 1
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


@dataclass
class _Walk:
    text: str
    envelope: Envelope
    lines: _Lines
    found: _Found
    decoder: json.JSONDecoder

    def decode(self, pos: int) -> tuple[Any, int]:
        self.at = pos  # where a JsonLimitError is reported
        return _decode(self.decoder, self.text, pos)

    at: int = 0


def _document(
    text: str, file: str, envelope: Envelope, noun: str, found: _Found, decoder: json.JSONDecoder
) -> None:
    """One JSON document: a record, an envelope, or an array of records."""
    walk = _Walk(text, envelope, _Lines(text), found, decoder)
    start = _skip(text, 0)
    try:
        if text.startswith("[", start):
            _expect_end(text, _array(walk, start))
        else:
            _expect_end(text, _record_or_envelope(walk, start))
    except JsonLimitError as exc:
        count = found.count
        kept = f"the {count} {noun}(s) before it were read" if count else f"no {noun} before it"
        line = walk.lines.of(walk.at)
        found.problems.append(
            Problem(
                file,
                line,
                "error",
                f"the JSON value at line {line} holds {exc}; {kept}, the rest of the file is skipped",
            )
        )
    except json.JSONDecodeError as exc:
        count = found.count
        kept = f"the {count} {noun}(s) before it were read" if count else f"no {noun} before it"
        found.problems.append(
            Problem(
                file,
                exc.lineno,
                "error",
                f"malformed JSON at line {exc.lineno}, column {exc.colno}: "
                f"{exc.msg}; {kept}, the rest of the file is skipped",
            )
        )


def _record_or_envelope(walk: _Walk, pos: int) -> int:
    """Read the value at ``pos``: an envelope's records, or the value itself as one record.
    Returns the position after it."""
    if not walk.text.startswith("{", pos):
        value, end = walk.decode(pos)
        walk.found.add(walk.lines.of(pos), value)
        return end
    end, held = _object(walk, pos)
    if not held:  # no list or wrapper inside: the object is the record
        value, end = walk.decode(pos)
        walk.found.add(walk.lines.of(pos), value)
    return end


def _object(walk: _Walk, pos: int) -> tuple[int, bool]:
    """Walk the object at ``pos`` key by key, reading the records of its ``lists`` and
    ``wrappers``. Returns the position after it, and whether it held records that way."""
    text, held = walk.text, False
    pos = _skip(text, pos + 1)
    if text.startswith("}", pos):
        return pos + 1, False
    while True:
        pos = _skip(text, pos)
        key, end = walk.decode(pos)
        if not isinstance(key, str):
            raise json.JSONDecodeError("expected a property name in double quotes", text, pos)
        pos = _skip(text, _expect(text, end, ":"))
        if key in walk.envelope.lists and text.startswith("[", pos):
            held = True
            pos = _array(walk, pos)
        elif key in walk.envelope.wrappers and text.startswith("{", pos):
            held = True
            pos = _record_or_envelope(walk, pos)
        else:
            _, pos = walk.decode(pos)
        pos = _expect(text, pos, ",}")
        if text[pos - 1] == "}":
            return pos, held


def _array(walk: _Walk, pos: int) -> int:
    """Read the array at ``pos`` element by element; return the position after it."""
    text = walk.text
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        return pos + 1
    while True:
        pos = _skip(text, pos)
        value, end = walk.decode(pos)
        walk.found.add(walk.lines.of(pos), value)
        pos = _expect(text, end, ",]")
        if text[pos - 1] == "]":
            return pos


def _skip(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _expect(text: str, pos: int, chars: str) -> int:
    """Position after the expected delimiter at ``pos`` (whitespace skipped), else a decode error."""
    pos = _skip(text, pos)
    if pos >= len(text) or text[pos] not in chars:
        what = "end of file" if pos >= len(text) else repr(text[pos])
        raise json.JSONDecodeError(f"expected {' or '.join(map(repr, chars))}, found {what}", text, pos)
    return pos + 1


def _expect_end(text: str, pos: int) -> None:
    pos = _skip(text, pos)
    if pos < len(text):
        raise json.JSONDecodeError("extra data after the JSON document", text, pos)


def json_str(value: Any) -> str | None:
    """A non-blank string value, stripped; None for anything else."""
    return value.strip() or None if isinstance(value, str) else None


def json_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def json_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def json_int(value: Any) -> int | None:
    """A non-negative integer (counts, years), else None; booleans are not numbers here."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str):
        return bounded_int(value)
    return None
