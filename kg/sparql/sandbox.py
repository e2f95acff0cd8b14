"""What a query may reach: the loaded graph and nothing else.

Both engines would otherwise leave it: pyoxigraph sends ``SERVICE`` over HTTP, rdflib follows
``SERVICE`` with urllib and loads ``FROM <iri>`` from the web or the disk. :func:`check_sandbox`
reads the query's tokens before any engine sees it and refuses, naming the clause:

* ``SERVICE``, unless allowed (``--allow-service``), and even then only to http(s) endpoints;
* ``LOAD`` (an update: kg query reads, it never loads);
* ``FROM <iri>`` and ``FROM NAMED <iri>``: the loaded file is the query's default graph, in
  both engines alike, so a dataset clause could only point elsewhere.

The scan is the SPARQL lexer's (strings, IRIs, comments and prefixed names are single tokens),
run on the text as written and once more with ``\\u`` escapes decoded, as SPARQL decodes them
before parsing, so no spelling hides a clause from both scans. rdflib's parsed algebra is checked
again by its engine (:mod:`kg.sparql.rdflib_engine`).

:func:`missing_dot` finds the commonest syntax slip, two triple patterns without the ``.``
between them, which the engines report only as what they expected instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.sparql.errors import SandboxError

_TOKEN = re.compile(
    r"""
    (?P<string>(?:\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')(?:@[A-Za-z][\w-]*)?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<var>[?$]\w+)
  | (?P<bnode>_:(?:[\w-]|\.(?=[\w-]))*)
  | (?P<pname>(?:[A-Za-z][\w-]*(?:\.(?=[\w-])[\w-]*)*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
  | (?P<number>(?:\d*\.\d+|\d+)(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<space>\s+)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TERMS = {"string", "iri", "var", "bnode", "pname", "number"}
_TERM_WORDS = {"a", "true", "false"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int
    column: int

    @property
    def word(self) -> str:
        return self.text.upper() if self.kind == "word" else ""

    @property
    def is_term(self) -> bool:
        return self.kind in _TERMS or (self.kind == "word" and self.text in _TERM_WORDS)


def tokens(query: str) -> Iterator[Token]:
    """The query's tokens, comments and spaces left out, each with its 1-based line and column."""
    line, line_start = 1, 0
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup or "punct", match.group(0)
        if kind not in ("space", "comment"):
            yield Token(kind, text, line, match.start() - line_start + 1)
        newlines = text.count("\n")
        if newlines:
            line += newlines
            line_start = match.start() + text.rindex("\n") + 1


def decode_escapes(query: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)


def check_sandbox(query: str, allow_service: bool = False) -> None:
    """Raise :class:`SandboxError` naming the first clause that would read outside the graph."""
    for text in dict.fromkeys((query, decode_escapes(query))):
        _check_tokens(list(tokens(text)), allow_service)


def _check_tokens(found: list[Token], allow_service: bool) -> None:
    for index, token in enumerate(found):
        following = found[index + 1 : index + 3]
        if token.word == "LOAD":
            raise SandboxError("LOAD", "kg query reads the graph file it is given and never loads other data")
        if token.word == "FROM":
            named = bool(following) and following[0].word == "NAMED"
            clause = "FROM NAMED" if named else "FROM"
            target = following[1 if named else 0].text if len(following) > int(named) else ""
            raise SandboxError(
                f"{clause} {target}".strip(),
                "the graph file is the query's default graph and the only data kg query reads;"
                f" drop the {clause} clause",
            )
        if token.word == "SERVICE":
            _check_service(following, allow_service)


def _check_service(following: list[Token], allow_service: bool) -> None:
    if not allow_service:
        raise SandboxError(
            "SERVICE",
            "kg query answers from the loaded graph alone; --allow-service lets it query remote endpoints",
        )
    target = following[1] if following and following[0].word == "SILENT" and len(following) > 1 else None
    target = target or (following[0] if following else None)
    if target is not None and target.kind == "iri" and not re.match(r"<https?://", target.text, re.I):
        raise SandboxError(f"SERVICE {target.text}", "only http(s) endpoints can be queried")


def missing_dot(query: str) -> Token | None:
    """The term that starts a triple pattern right after another one with no ``.`` between
    them (``?a ?b ?c ?d ?e ?f``: ``?d``), or None."""
    found = list(tokens(query))
    run: int | None = None
    needed = 4
    for index, token in enumerate(found):
        if token.text == "{":
            in_values = index >= 2 and found[index - 2].word == "VALUES"
            run, needed = (None, 4) if in_values else (0, 4)
        elif token.text in (".", ";", ","):
            run, needed = 0, {".": 4, ";": 3, ",": 2}[token.text]
        elif token.is_term and run is not None:
            run += 1
            if run == needed:
                return token
        else:
            run = None
    return None
