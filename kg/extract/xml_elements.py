"""Read the record elements of an XML file safely, with the line each starts on.

Shared by the XML formats (arXiv Atom, dblp). Built on the stdlib expat parser because it gives
line numbers (ElementTree does not) and lets the reader:

* refuse entity declarations, the vehicle of entity-expansion ("billion laughs") and external
  entity attacks: a file that declares ``<!ENTITY`` is not read at all, and external DTDs and
  entities are never fetched;
* stay within limits (:class:`kg.model.Limits`): elements nested deeper than ``depth`` or more
  elements than ``xml_elements`` stop the reading there, with a Problem (12.8 million unclosed
  elements would otherwise take gigabytes);
* keep what came before an error: a malformed or truncated file yields every record element that
  closed before the break, plus one Problem naming the line and column of the break.

Elements come back as ElementTree elements with Clark-notation tags (``{namespace}local``), so
namespaces declared once on the root and namespaces declared again on each element read alike;
:func:`element_text` gives a field's text as both formats want it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers import expat

from kg.model import Limits, Problem


@dataclass(frozen=True)
class XmlElements:
    """What :func:`read_elements` found: ``(line, element)`` pairs in file order, and problems."""

    elements: tuple[tuple[int, ET.Element], ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    root_tag: str | None = None


_DECLARED_ENCODING = re.compile(r"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_SINGLE_BYTE = re.compile(r"(?:iso-?8859-\d+|latin-?\d|windows-125\d|cp125\d|us-ascii|ascii)$", re.IGNORECASE)
# Letters a Latin single-byte file cannot hold, but which its bytes become when misread as GB18030.
_CJK = re.compile(r"[\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
_SPACES = re.compile(r"\s+")


class _EntityDeclared(Exception):
    pass


class _LimitReached(Exception):
    pass


def _clark(name: str) -> str:
    """expat writes ``namespace}local`` (with ``}`` as separator); ElementTree writes ``{ns}local``."""
    return "{" + name if "}" in name else name


class _Collector:
    """expat handlers that build an ElementTree element for each wanted element."""

    def __init__(self, parser: expat.XMLParserType, file: str, wanted: frozenset[str], limits: Limits):
        self.parser, self.file, self.wanted, self.limits = parser, file, wanted, limits
        self.elements = self.open = 0
        self.found: list[tuple[int, ET.Element]] = []
        self.problems: list[Problem] = []
        self.root: str | None = None
        self._builder: ET.TreeBuilder | None = None
        self._depth = 0
        self._line = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        self.open += 1
        if self.open > self.limits.depth:
            raise _LimitReached(f"elements nested more than {self.limits.depth} deep (--limit depth=N)")
        if self.elements > self.limits.xml_elements:
            raise _LimitReached(f"more than {self.limits.xml_elements:,} elements (--limit xml_elements=N)")
        tag = _clark(name)
        self.root = self.root or tag
        if self._builder is None and tag in self.wanted:
            self._builder, self._depth, self._line = ET.TreeBuilder(), 0, self.parser.CurrentLineNumber
        if self._builder is not None:
            self._builder.start(tag, {_clark(k): v for k, v in attrs.items()})
            self._depth += 1

    def end(self, name: str) -> None:
        self.open -= 1
        if self._builder is None:
            return
        self._builder.end(_clark(name))
        self._depth -= 1
        if self._depth == 0:
            self.found.append((self._line, self._builder.close()))
            self._builder = None

    def data(self, chunk: str) -> None:
        if self._builder is not None:
            self._builder.data(chunk)

    def refuse_entity(self, name: str, *_details: object) -> None:
        raise _EntityDeclared(name)

    def skipped_entity(self, name: str, is_parameter_entity: bool) -> None:
        self.problems.append(
            Problem(
                self.file,
                self.parser.CurrentLineNumber,
                "warning",
                f"undefined entity &{name}; left out of the text",
            )
        )


def encoding_mismatch(text: str, file: str) -> Problem | None:
    """A Problem when the XML declaration names a Latin single-byte encoding but the decoded text
    holds CJK letters: the bytes were decoded with another encoding and the text is garbled."""
    declared = _DECLARED_ENCODING.match(text)
    if not declared or not _SINGLE_BYTE.match(declared.group(1)):
        return None
    found = _CJK.search(text)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    before = re.search(r"\S*$", text[: found.start()])
    assert before is not None  # \S*$ matches every string (at its end, if nowhere else)
    word = before.group(0)[-20:] + found.group(0)
    return Problem(
        file,
        line,
        "error",
        f"the file declares encoding {declared.group(1)} but was decoded otherwise "
        f"({word!r} at line {line}, column {column} cannot occur in {declared.group(1)}); "
        f"nothing was read: re-run with --encoding {declared.group(1)}",
    )


def element_text(element: ET.Element | None) -> str | None:
    """All text inside ``element``, markup flattened and every run of whitespace folded to one
    space (feeds wrap titles and abstracts over lines); None when absent or empty."""
    if element is None:
        return None
    return _SPACES.sub(" ", "".join(element.itertext())).strip() or None


def read_elements(text: str, file: str, wanted: frozenset[str], limits: Limits | None = None) -> XmlElements:
    """Every element whose (Clark) tag is in ``wanted``, outermost only, with its start line."""
    mismatch = encoding_mismatch(text, file)
    if mismatch:
        return XmlElements((), (mismatch,))
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    collector = _Collector(parser, file, wanted, limits or Limits())
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    parser.EntityDeclHandler = collector.refuse_entity
    parser.UnparsedEntityDeclHandler = collector.refuse_entity
    parser.SkippedEntityHandler = collector.skipped_entity
    try:
        parser.Parse(text, True)
    except _EntityDeclared as exc:
        return XmlElements(
            (),
            (
                Problem(
                    file,
                    parser.CurrentLineNumber,
                    "error",
                    f"the file declares the XML entity {exc.args[0]!r}; kg refuses files with entity "
                    "declarations (they can expand without bound or read other files), nothing was read",
                ),
            ),
        )
    except _LimitReached as exc:
        found = len(collector.found)
        kept = f"the {found} record(s) before it were read" if found else "no record before it"
        collector.problems.append(
            Problem(
                file,
                parser.CurrentLineNumber,
                "error",
                f"the XML holds {exc.args[0]}; {kept}, the rest of the file is skipped",
            )
        )
    except expat.ExpatError as exc:
        found = len(collector.found)
        kept = f"the {found} record(s) before it were read" if found else "no record before it"
        collector.problems.append(
            Problem(
                file,
                exc.lineno,
                "error",
                f"malformed XML at line {exc.lineno}, column {exc.offset + 1}: "
                f"{expat.ErrorString(exc.code)}; {kept}, the rest of the file is skipped",
            )
        )
    return XmlElements(tuple(collector.found), tuple(collector.problems), collector.root)
