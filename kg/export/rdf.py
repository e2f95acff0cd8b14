"""RDF exports of the graph (DESIGN.md contract 3): Turtle, N-Triples and JSON-LD.

The graph is described once, by :func:`descriptions`: a stream of ``(subject, pairs)`` tuples (a
subject and its predicate-object pairs, in a fixed order). The description code builds every term
through a *syntax*, which renders it straight away: :class:`Structured` gives :class:`IRI` and
:class:`Literal` tuples (for JSON-LD, tests and rdflib), :class:`NTriples` and :class:`Turtle` give
the UTF-8 bytes those files hold. So the writers only join bytes: each node's IRI is rendered
once, the vocabulary once per export, each literal is escaped and encoded once, and no term object
is built per triple, which is what makes them fast on large graphs (``benchmarks/rdf_bench.py``).
Nothing is held in an rdflib Graph and nothing but the current subject is held in memory.

IRIs are built from the node keys (:func:`key_segment`): a key that is plain ASCII (``arxiv-2205.11728``,
``cs.CV``, ``000_x.txt``) is used as it is; any other key becomes an ASCII slug plus the first 8 hex
digits of the SHA-1 of the key (``jung-woo ha`` -> ``jung-woo-ha-<8 hex>``), so IRIs are stable across
runs and machines, never collide with a plain key, and need no escaping. Sub-resources hang under
their paper: ``<paper IRI>/authorship/1``, ``<paper IRI>/from/<source>/<line>``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from kg.export import json_text
from kg.export.atomic import atomic_open
from kg.normalize.ids import (
    arxiv_url,
    doi_url,
    normalize_arxiv_id,
    normalize_doi,
    normalize_orcid,
    normalize_ror,
    orcid_url,
    ror_url,
)

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
KG = "https://w3id.org/kg/ns#"
DEFAULT_BASE = "https://w3id.org/kg/id/"

#: The vocabularies every export declares (and ``kg query`` predeclares), by prefix.
PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "prov": PROV,
    "kg": KG,
}

#: The path segment under the base IRI for each node type of contract 2.
TYPE_SEGMENTS = {
    "Paper": "paper",
    "Author": "author",
    "Organization": "org",
    "Topic": "topic",
    "Source": "source",
}

#: Author attributes written as ``xsd:double``, and the ``kg:`` term each becomes.
CENTRALITIES = (
    ("degree", "kg:degreeCentrality"),
    ("weighted_degree", "kg:weightedDegree"),
    ("betweenness", "kg:betweennessCentrality"),
    ("closeness", "kg:closenessCentrality"),
    ("eigenvector", "kg:eigenvectorCentrality"),
    ("pagerank", "kg:pageRank"),
)

#: Author and Source attributes written as ``xsd:integer``, and their ``kg:`` terms.
AUTHOR_COUNTS = (
    ("paper_count", "kg:paperCount"),
    ("h_index", "kg:hIndex"),
    ("citations", "kg:citationCount"),
    ("profile_paper_count", "kg:profilePaperCount"),
    ("community", "kg:community"),
)
SOURCE_COUNTS = (("records", "kg:recordCount"), ("problems", "kg:problemCount"))

#: Topic schemes: their IRI segment under ``scheme/`` and their English label.
SCHEMES = {
    "arxiv": "arXiv category taxonomy",
    "keyword": "Keywords",
    "cluster": "Topic clusters (kg analysis)",
}
ARXIV_TAXONOMY = "https://arxiv.org/category_taxonomy"

XSD_INTEGER, XSD_DOUBLE, XSD_BOOLEAN = XSD + "integer", XSD + "double", XSD + "boolean"
XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR, XSD_GMONTHDAY = (
    XSD + "date",
    XSD + "gYearMonth",
    XSD + "gYear",
    XSD + "gMonthDay",
)


class IRI(NamedTuple):
    value: str


class Literal(NamedTuple):
    lexical: str
    datatype: str | None = None  # None: xsd:string (or rdf:langString when lang is set)
    lang: str | None = None


Term = IRI | Literal


#: One subject and its predicate-object pairs (pairs with the same predicate are adjacent), as a
#: plain ``(subject, pairs)`` tuple. The terms are whatever the syntax that built it renders
#: (:class:`Structured`: :class:`IRI` and :class:`Literal`; :class:`NTriples`, :class:`Turtle`: strings).
Description = tuple[Any, list[tuple[Any, Any]]]


def expand(curie: str) -> str:
    """``schema:name`` -> ``https://schema.org/name`` (prefixes of :data:`PREFIXES`)."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


# ---------------------------------------------------------------------------------------- IRIs

_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_HASH_TAIL = re.compile(r"-[0-9a-f]{8}\Z")
_NOT_SLUG = re.compile(r"[^a-z0-9.]+")


def key_segment(key: str, slug_of: str | None = None) -> str:
    """An IRI path segment for a node key: the key when it is plain ASCII, else slug + SHA-1 tail.

    Plain keys never end in ``-<8 hex>`` once used as they are, and hashed ones always do, so two
    different keys never share a segment (short of a 32-bit hash clash between two slugs).
    ``slug_of`` gives the readable part when it is not the key itself (a URL without its scheme).
    """
    if _PLAIN_KEY.match(key) and not _HASH_TAIL.search(key):
        return key
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    folded = slug_of or key
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    folded = folded.lower()
    slug = _NOT_SLUG.sub("-", folded).strip("-.")[:48].rstrip("-.")
    return f"{slug or 'u'}-{digest}"


def topic_segment(key: str) -> str:
    """``arxiv:cs.CV`` -> ``arxiv-cs.CV``; ``kw:graph neural nets`` -> ``kw-graph-neural-nets-<hash>``."""
    scheme, sep, rest = key.partition(":")
    if sep and scheme.isalpha():
        return f"{scheme}-{key_segment(rest)}"
    return key_segment(key)


# RFC 3986 appendix B, with the scheme required: an IRI must be absolute.
_URI_PARTS = re.compile(
    r"^([A-Za-z][A-Za-z0-9+.-]*):(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?\Z", re.DOTALL
)
_AUTHORITY = re.compile(r"^(?:([^@]*)@)?(\[[0-9A-Fa-f:.]+\]|[^:]*)(?::(\d*))?\Z")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_SUB_DELIMS = frozenset("!$&'()*+,;=")
_HOST_CHARS = _UNRESERVED | _SUB_DELIMS
_USER_CHARS = _HOST_CHARS | {":"}
_PATH_CHARS = _HOST_CHARS | {":", "@", "/"}
_QUERY_CHARS = _PATH_CHARS | {"?"}
_HEX = frozenset("0123456789abcdefABCDEF")
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?\Z")


def _percent_encode(text: str, allowed: frozenset[str]) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch in allowed:
            out.append(ch)
        elif ch == "%" and len(text) > i + 2 and text[i + 1] in _HEX and text[i + 2] in _HEX:
            out.append(ch)  # already percent-encoded
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "replace")))
    return "".join(out)


def encode_iri(url: str) -> str | None:
    """``url`` as an absolute IRI that every RDF parser accepts, percent-encoding what is not
    allowed where it stands; None when it has no scheme or an impossible authority (bad port)."""
    if _PLAIN_URL.match(url):
        return url  # nothing to encode (the usual link): the parse below would give it back
    match = _URI_PARTS.match(url.strip())
    if not match:
        return None
    scheme, authority, path, query, fragment = match.groups()
    out = scheme + ":"
    if authority is not None:
        parts = _AUTHORITY.match(authority)
        if not parts:
            return None
        user, host, port = parts.groups()
        out += "//"
        if user is not None:
            out += _percent_encode(user, _USER_CHARS) + "@"
        out += host.lower() if host.startswith("[") else _percent_encode(host, _HOST_CHARS)
        if port:
            out += ":" + port
    out += _percent_encode(path, _PATH_CHARS)
    if query is not None:
        out += "?" + _percent_encode(query, _QUERY_CHARS)
    if fragment is not None:
        out += "#" + _percent_encode(fragment, _QUERY_CHARS)
    return out


#: Schemes a code link may have to become an IRI; anything else stays a string (a link written
#: ``schema:x`` or ``javascript:…`` is data, not a resource, and would be misread in JSON-LD).
LINK_SCHEMES = frozenset({"http", "https", "ftp", "git", "ssh", "svn", "hg"})


def link_iri(url: str) -> str | None:
    """A web link as an IRI (see :func:`encode_iri`), or None when it is not a web link."""
    encoded = encode_iri(url)
    return encoded if encoded and encoded.split(":", 1)[0].lower() in LINK_SCHEMES else None


def normalize_base(base_iri: str) -> str:
    """The user's base IRI, encoded, ending in ``/`` or ``#``; ValueError when it is not absolute
    or its scheme is one of the export's prefixes (``kg:``, ``schema:`` …), which JSON-LD would expand."""
    encoded = encode_iri(base_iri)
    if encoded is None or encoded.split(":", 1)[0].lower() in PREFIXES:
        raise ValueError(f"base IRI {base_iri!r} is not an absolute IRI (e.g. https://example.org/kg/)")
    return encoded if encoded.endswith(("/", "#")) else encoded + "/"


def node_iri(base: str, node: str, node_type: str) -> str:
    """The IRI of a contract-2 node id (``author:jung-woo ha`` -> ``<base>author/jung-woo-ha-…``)."""
    key = node.split(":", 1)[1] if ":" in node else node
    segment = topic_segment(key) if node_type == "Topic" else key_segment(key)
    return f"{base}{TYPE_SEGMENTS.get(node_type, 'node')}/{segment}"


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


# ------------------------------------------------------------------------------- paper ids


def _matching(pattern: str, canonical: Callable[[str], str] = str) -> Callable[[str], str | None]:
    """A check for ids that have one spelling: the value (through ``canonical``) when it has the
    form ``pattern``, else None."""
    form = re.compile(pattern)
    return lambda value: canonical(value) if form.fullmatch(value) else None


_NEW_ARXIV_ID = re.compile(r"[0-9]{4}\.[0-9]{4,5}\Z")


def _arxiv_id(value: str) -> str | None:
    """:func:`normalize_arxiv_id`, at once for an id already in its one spelling (the usual case)."""
    return value if _NEW_ARXIV_ID.match(value) else normalize_arxiv_id(value)


def _pmcid(value: str) -> str:
    """``4276478`` (OpenAlex drops the prefix) and ``pmc4276478`` -> ``PMC4276478``."""
    return "PMC" + value[3:] if value[:3].upper() == "PMC" else "PMC" + value


class IdScheme(NamedTuple):
    """How a paper id scheme of contract 2 (``ids``) is written: ``schema:identifier
    "<prefix>:<canonical id>"``, and ``schema:sameAs <url>`` when the id has a public resolver."""

    prefix: str
    canonical: Callable[[str], str | None]  # the id in its one spelling; None: not such an id
    url: Callable[[str], str] | None


#: Every paper id scheme the export writes. An id of another scheme, or one that is not in its
#: scheme's form, is left out (kg/shapes.ttl lists the same forms): a new scheme is added here.
#: A BibTeX key names an entry of one file only (two files may use it for two papers) and MAG
#: is retired: neither resolves, so neither has a ``sameAs``.
PAPER_ID_SCHEMES: dict[str, IdScheme] = {
    "arxiv": IdScheme("arXiv", _arxiv_id, arxiv_url),
    "doi": IdScheme("doi", normalize_doi, doi_url),
    "openalex": IdScheme("openalex", _matching(r"[Ww][0-9]+", str.upper), "https://openalex.org/{}".format),
    "dblp": IdScheme("dblp", _matching(r"[a-z]+(?:/[^/\s]+)+"), "https://dblp.org/rec/{}".format),
    "pmid": IdScheme("pmid", _matching(r"[0-9]+"), "https://pubmed.ncbi.nlm.nih.gov/{}".format),
    "pmcid": IdScheme(
        "pmcid",
        _matching(r"(?:[Pp][Mm][Cc])?[0-9]+", _pmcid),
        "https://www.ncbi.nlm.nih.gov/pmc/articles/{}".format,
    ),
    "mag": IdScheme("mag", _matching(r"[0-9]+"), None),
    "bibtex": IdScheme("bibtex", _matching(r"[^\s,{}]+"), None),
    # Web of Science accession numbers and Scopus EIDs: their record pages need a subscription
    "wos": IdScheme("wos", _matching(r"WOS:[0-9A-Z]{15}"), None),
    "scopus": IdScheme("scopus", _matching(r"2-s2\.0-[0-9]+"), None),
}


def paper_identifiers(data: dict) -> tuple[list[str], list[str]]:
    """``(identifiers, urls)`` of a paper node, each sorted: ``"arXiv:2205.11728"``,
    ``"doi:10.1145/…"``, ``"openalex:W…"`` … from ``ids``, ``arxiv_id`` and ``doi``, and the
    resolver URL of each id that has one."""
    written: list[tuple[str, Any]] = [("arxiv", data.get("arxiv_id")), ("doi", data.get("doi"))]
    ids = data.get("ids")
    if isinstance(ids, dict):
        for scheme, values in ids.items():
            many = values if isinstance(values, (list, tuple, set)) else [values]  # a lone id, as loaded
            written += [(scheme, value) for value in many]
    identifiers, urls = set(), set()
    for scheme, value in written:
        spec = PAPER_ID_SCHEMES.get(scheme)
        canonical = spec.canonical(str(value).strip()) if spec and value else None
        if canonical:
            identifiers.add(f"{spec.prefix}:{canonical}")
            encoded = encode_iri(spec.url(canonical)) if spec.url else None
            if encoded:
                urls.add(encoded)
    return sorted(identifiers), sorted(urls)


# ------------------------------------------------------------------------------------ syntaxes

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


def _escaped(value: str, pattern: re.Pattern[str] = _NEEDS_ESCAPE_OR_FIX) -> bytes:
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
    return '"' + _escaped(value, _NEEDS_ESCAPE).decode("utf-8", "surrogatepass") + '"'


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
                quoted = b'"' + _escaped(value) + b'"'
                if len(self._short) < 100_000:
                    self._short[value] = quoted
            return quoted
        quoted = b'"' + _escaped(value) + b'"'
        return quoted + b"@" + lang.encode() if lang else quoted

    def literal(self, term: Literal) -> bytes:
        lexical, datatype, lang = term
        if datatype and not lang:
            rendered = self._datatypes.get(datatype)
            if rendered is None:
                rendered = self._datatypes[datatype] = b'"^^' + self.iri(datatype)
            return b'"' + _escaped(lexical) + rendered
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


_HIERARCHICAL_BASE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*(?:/[^/?#]*)*/\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def relative_base(base: str) -> bool:
    """True when IRIs under ``base`` may be written relative to it (``@base``): a hierarchical base
    ending in ``/`` without dot segments, so that resolving gives back exactly the same IRI."""
    return bool(_HIERARCHICAL_BASE.match(base)) and not re.search(r"/\.\.?(?=/)", base.split("//", 1)[1])


class Turtle(NTriples):
    """Terms as Turtle writes them (UTF-8 bytes): prefixed names for the vocabularies, IRIs
    relative to ``@base``, bare integers and booleans."""

    def __init__(self, base: str) -> None:
        self.base = base if relative_base(base) else None
        self._by_namespace = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
        # Under a base that no vocabulary namespace starts or ends (the usual case), an IRI that
        # starts with the base cannot start with a namespace: it is written relative at once.
        self._plain_base = self.base is not None and not any(
            ns.startswith(base) or base.startswith(ns) for ns in PREFIXES.values()
        )
        super().__init__()

    def iri(self, value: str) -> bytes:
        return self.written(value).encode()

    def written(self, value: str) -> str:
        """An IRI as Turtle writes it: ``a``, ``schema:name``, ``<paper/x>``, ``<https://…>``."""
        if self._plain_base and value.startswith(self.base):  # type: ignore[arg-type]
            return f"<{value[len(self.base) :]}>"  # type: ignore[arg-type]
        if value == RDF + "type":
            return "a"
        for prefix, namespace in self._by_namespace:
            if value.startswith(namespace) and _LOCAL_NAME.match(value, len(namespace)):
                return f"{prefix}:{value[len(namespace) :]}"
        if self.base and value.startswith(self.base):
            return f"<{value[len(self.base) :]}>"
        return f"<{value}>"

    def literal(self, term: Literal) -> bytes:
        if term.datatype == XSD_BOOLEAN or (term.datatype == XSD_INTEGER and _INTEGER.match(term.lexical)):
            return term.lexical.encode()  # Turtle's bare 42 and true
        return super().literal(term)

    def integer(self, value: int) -> bytes:
        return str(int(value)).encode()

    def header(self) -> bytes:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
        if self.base:
            lines.insert(0, f"@base <{self.base}> .")
        return ("\n".join(lines) + "\n\n").encode()


class _Vocabulary(dict):
    """CURIE -> the term as the syntax writes it, rendered on first use: ``v["schema:name"]``;
    and a pair of CURIEs -> the (predicate, object) pair of terms, built once:
    ``v["rdf:type", "schema:Person"]``."""

    def __init__(self, syntax: Any) -> None:
        super().__init__()
        self._syntax = syntax

    def __missing__(self, curie: str | tuple[str, str]) -> Any:
        if isinstance(curie, tuple):
            rendered = self[curie] = (self[curie[0]], self[curie[1]])
        else:
            rendered = self[curie] = self._syntax.iri(expand(curie))
        return rendered


# -------------------------------------------------------------------------------- descriptions


@dataclass(frozen=True)
class _Context:
    """What every description needs: the base IRI, the graph, the syntax and its rendered
    vocabulary, and each node's IRI (absolute, and as the syntax writes it)."""

    base: str
    graph: nx.MultiDiGraph
    syntax: Any
    v: _Vocabulary
    iri_of: dict[str, str]  # node id -> absolute IRI
    rendered: dict[str, Any]  # absolute IRI of a node -> as the syntax writes it
    source_by_file: dict[str, str]  # file as written in ``sources`` (path or name) -> Source node
    succ: dict  # networkx's adjacency dicts (node -> neighbour -> key -> data),
    pred: dict  # read directly: its edge views cost more than a description
    code_iris: dict[str, str]  # code URL -> IRI of its software node, computed once
    dates: dict[str, Any]  # date as written -> its typed literal (dates repeat)

    def ref(self, iri: str) -> Any:
        """An IRI as the syntax writes it (a node's, rendered once, or any other)."""
        return self.rendered.get(iri) or self.syntax.iri(iri)


def _context(G: nx.MultiDiGraph, base_iri: str, syntax: Any) -> _Context:
    base = normalize_base(base_iri)
    iri_of = {n: node_iri(base, n, d.get("type", "")) for n, d in G.nodes(data=True)}
    rendered = {iri: syntax.iri(iri) for iri in iri_of.values()}
    by_file: dict[str, str] = {}
    for n, d in G.nodes(data=True):
        if d.get("type") == "Source":
            for name in (d.get("label"), d.get("path"), n.split(":", 1)[1]):
                if name:
                    by_file.setdefault(str(name), n)
                    by_file.setdefault(Path(str(name)).name, n)
    return _Context(base, G, syntax, _Vocabulary(syntax), iri_of, rendered, by_file, G._succ, G._pred, {}, {})


def descriptions(
    G: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE, syntax: Any = None
) -> Iterator[Description]:
    """Every subject of the export and its statements, in a deterministic order, with terms as
    ``syntax`` renders them (default :class:`Structured`: :class:`IRI` and :class:`Literal`)."""
    ctx = _context(G, base_iri, Structured() if syntax is None else syntax)
    yield _dataset(ctx)
    yield from _schemes(ctx)
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        by_type[data.get("type", "")].append(node)
    nodes, iri_of = G._node, ctx.iri_of  # networkx's node-attribute dict, as succ and pred
    for node_type, describe in (
        ("Source", _source),
        ("Topic", _topic),
        ("Organization", _organization),
        ("Author", _person),
    ):
        for node in sorted(by_type[node_type], key=iri_of.__getitem__):
            yield describe(ctx, node, nodes[node])
    for node in sorted(by_type["Paper"], key=iri_of.__getitem__):
        yield from _paper(ctx, node, nodes[node])
    yield from _code(ctx, by_type["Paper"])


def iter_triples(G: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE) -> Iterator[tuple[IRI, IRI, Term]]:
    for subject, pairs in descriptions(G, base_iri):
        for predicate, obj in pairs:
            yield subject, predicate, obj


# The describing functions below append to ``pairs`` with plain loops: on the millions of short
# lists of a large export, comprehensions and list concatenation cost more than the triples.


def _dataset(ctx: _Context) -> Description:
    """The export itself, so ``kg query`` can find the base IRI it was written under."""
    v, syntax, g = ctx.v, ctx.syntax, ctx.graph.graph
    pairs = [v["rdf:type", "kg:KnowledgeGraph"], v["rdf:type", "schema:Dataset"]]
    if g.get("name"):
        pairs.append((v["schema:name"], syntax.text(str(g["name"]))))
    if g.get("kg_version"):
        pairs.append((v["schema:version"], syntax.text(str(g["kg_version"]))))
    return syntax.iri(ctx.base), pairs


def _scheme_iri(ctx: _Context, scheme: str) -> Any:
    return ctx.syntax.iri(f"{ctx.base}scheme/{key_segment(scheme)}")


def _schemes(ctx: _Context) -> Iterator[Description]:
    v, syntax = ctx.v, ctx.syntax
    used = sorted(
        {
            d.get("scheme")
            for _, d in ctx.graph.nodes(data=True)
            if d.get("type") == "Topic" and d.get("scheme")
        }
    )
    for scheme in used:
        pairs = [
            v["rdf:type", "skos:ConceptScheme"],
            (v["skos:prefLabel"], syntax.text(SCHEMES.get(scheme, scheme), "en")),
        ]
        if scheme == "arxiv":
            pairs.append((v["rdfs:seeAlso"], syntax.iri(ARXIV_TAXONOMY)))
        yield _scheme_iri(ctx, scheme), pairs


def _start(ctx: _Context, node: str, data: dict, *classes: str) -> list[tuple[Any, Any]]:
    """The first pairs of a node: its classes (``rdf:type``) and its ``rdfs:label``."""
    v = ctx.v
    pairs = []
    for c in classes:
        pairs.append(v["rdf:type", c])
    if data.get("label"):
        pairs.append((v["rdfs:label"], ctx.syntax.text(str(data["label"]))))
    return pairs


def _add_texts(ctx: _Context, pairs: list, data: dict, fields: tuple[tuple[str, str], ...]) -> None:
    """``(predicate, string)`` for each attribute of ``fields`` the node has (as written)."""
    for attr, predicate in fields:
        value = data.get(attr)
        if value:
            pairs.append((ctx.v[predicate], ctx.syntax.text(str(value))))


def _add_counts(ctx: _Context, pairs: list, data: dict, fields: tuple[tuple[str, str], ...]) -> None:
    for attr, term in fields:
        value = data.get(attr)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            pairs.append((ctx.v[term], ctx.syntax.integer(value)))


def _add_identifiers(ctx: _Context, pairs: list, identifiers: list[str], urls: list[str]) -> None:
    """``schema:identifier "prefix:value"`` for each strong id, ``schema:sameAs <url>`` for each resolver."""
    v, syntax = ctx.v, ctx.syntax
    for identifier in identifiers:
        pairs.append((v["schema:identifier"], syntax.text(identifier)))
    for url in urls:
        pairs.append((v["schema:sameAs"], syntax.iri(url)))


def _one_id(prefix: str, value: str | None, url: Callable[[str], str]) -> tuple[list[str], list[str]]:
    encoded = encode_iri(url(value)) if value else None
    return ([f"{prefix}:{value}"] if value else []), ([encoded] if encoded else [])


def _add_names(ctx: _Context, pairs: list, name: str | None, variants: list[str]) -> None:
    v, syntax = ctx.v, ctx.syntax
    if name:
        pairs.append((v["schema:name"], syntax.text(name)))
    for variant in sorted(set(variants) - {name}):
        if variant:
            pairs.append((v["schema:alternateName"], syntax.text(variant)))


def _source(ctx: _Context, node: str, data: dict) -> Description:
    pairs = _start(ctx, node, data, "kg:Source", "prov:Entity")
    pairs.append((ctx.v["schema:name"], ctx.syntax.text(node.split(":", 1)[1])))
    _add_texts(ctx, pairs, data, (("path", "kg:path"), ("layout", "kg:layout"), ("encoding", "kg:encoding")))
    _add_counts(ctx, pairs, data, SOURCE_COUNTS)
    return ctx.rendered[ctx.iri_of[node]], pairs


def _topic(ctx: _Context, node: str, data: dict) -> Description:
    v, syntax = ctx.v, ctx.syntax
    pairs = _start(ctx, node, data, "skos:Concept")
    pairs.append((v["skos:prefLabel"], syntax.text(str(data.get("label") or node.split(":", 1)[1]), "en")))
    if data.get("label_zh"):
        pairs.append((v["skos:prefLabel"], syntax.text(str(data["label_zh"]), "zh")))
    if data.get("scheme"):
        pairs.append((v["skos:inScheme"], _scheme_iri(ctx, str(data["scheme"]))))
    _add_texts(ctx, pairs, data, (("code", "skos:notation"),))
    for term in sorted(set(data.get("terms") or [])):
        pairs.append((v["kg:term"], syntax.text(str(term))))
    return ctx.rendered[ctx.iri_of[node]], pairs


def _organization(ctx: _Context, node: str, data: dict) -> Description:
    pairs = _start(ctx, node, data, "schema:Organization")
    _add_names(ctx, pairs, data.get("name") or data.get("label"), data.get("aliases") or [])
    _add_identifiers(ctx, pairs, *_one_id("ror", normalize_ror(data.get("ror")), ror_url))
    if data.get("ambiguous") is not None:
        pairs.append((ctx.v["kg:ambiguous"], ctx.syntax.boolean(bool(data["ambiguous"]))))
    return ctx.rendered[ctx.iri_of[node]], pairs


def _person(ctx: _Context, node: str, data: dict) -> Description:
    v, syntax, iri_of, rendered = ctx.v, ctx.syntax, ctx.iri_of, ctx.rendered
    pairs = _start(ctx, node, data, "schema:Person")
    _add_names(ctx, pairs, data.get("name") or data.get("label"), data.get("name_variants") or [])
    if data.get("orcid"):
        _add_identifiers(ctx, pairs, *_one_id("orcid", normalize_orcid(data["orcid"]), orcid_url))
    orgs = set()
    for org, keyed in ctx.succ[node].items():
        if "MEMBER_OF" in keyed:
            orgs.add(iri_of[org])
    for org in sorted(orgs):
        pairs.append((v["schema:affiliation"], rendered[org]))
    _add_counts(ctx, pairs, data, AUTHOR_COUNTS)
    for attr, term in CENTRALITIES:
        value = data.get(attr)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            pairs.append((v[term], syntax.double(value)))
    return rendered[iri_of[node]], pairs


def _paper(ctx: _Context, node: str, data: dict) -> list[Description]:
    """The paper, then its authorships and derivations (sub-resources, right after it)."""
    v, syntax, iri_of, rendered = ctx.v, ctx.syntax, ctx.iri_of, ctx.rendered
    me = rendered[iri_of[node]]
    authored = []  # (position unknown, position or 0, author, position, edge): sorts in list order
    for author, keyed in ctx.pred[node].items():
        edge = keyed.get("AUTHORED")
        if edge is not None:
            position = edge.get("position")
            authored.append((position is None, position or 0, author, position, edge))
    authored.sort()  # no two entries share an author, so the edges are never compared
    positions = [a[3] for a in authored]
    held = Counter(positions) if len(set(positions)) < len(positions) else None
    authorships = [
        _authorship(ctx, me, position, author, edge, held is not None and held[position] > 1)
        for _, _, author, position, edge in authored
    ]
    orgs, topics, read_at = [], [], []
    for target, keyed in ctx.succ[node].items():
        if "AFFILIATED" in keyed:
            orgs.append(iri_of[target])
        if "HAS_TOPIC" in keyed:
            topics.append(iri_of[target])
        if "FROM_SOURCE" in keyed:
            line = keyed["FROM_SOURCE"].get("line")
            read_at.append((iri_of[target], line if isinstance(line, int) else None))
    provenance = _provenance(ctx, read_at, data.get("sources"))
    derivations = [_derivation(ctx, me, source, line) for source, line in provenance]

    pairs = _start(ctx, node, data, "schema:ScholarlyArticle")
    _add_paper_literals(ctx, pairs, data)
    for author in sorted({iri_of[a[2]] for a in authored}):
        pairs.append((v["schema:author"], rendered[author]))
    for subject, _ in authorships:
        pairs.append((v["kg:authorship"], subject))
    truncated = bool(data.get("authors_truncated"))
    pairs.append((v["kg:authorListComplete"], syntax.boolean(not truncated)))
    if truncated:
        listed = data.get("listed_author_count")
        listed = listed if isinstance(listed, int) else len(authored)
        pairs.append((v["kg:listedAuthorCount"], syntax.integer(listed)))
    for org in sorted(set(orgs)):
        pairs.append((v["schema:sourceOrganization"], rendered[org]))
    for topic in sorted(set(topics)):
        pairs.append((v["schema:about"], rendered[topic]))
    pairs.append((v["kg:hasCode"], syntax.boolean(bool(data.get("has_code") or data.get("code_urls")))))
    if data.get("code_urls"):
        for code in sorted({code for _, code in _code_nodes(ctx, data)}):
            pairs.append((v["schema:subjectOf"], syntax.iri(code)))
    for source in sorted({source for source, _ in provenance}):
        pairs.append((v["prov:wasDerivedFrom"], ctx.ref(source)))
    for subject, _ in derivations:
        pairs.append((v["prov:qualifiedDerivation"], subject))
    return [(me, pairs), *authorships, *derivations]


_PAPER_TEXTS = (
    ("title", "schema:name", "en"),
    ("title_zh", "schema:name", "zh"),
    ("abstract", "schema:abstract", "en"),
    ("summary_zh", "schema:abstract", "zh"),
)


def _add_paper_literals(ctx: _Context, pairs: list, data: dict) -> None:
    """Titles and abstracts by language, typed date, category and venue as written, and the
    paper's ids (the arXiv id without version) with their resolvable URLs."""
    v, syntax = ctx.v, ctx.syntax
    for attr, predicate, lang in _PAPER_TEXTS:
        value = data.get(attr)
        if value:
            pairs.append((v[predicate], syntax.text(str(value), lang)))
    written = data.get("date")
    if written:
        written = str(written)
        date = ctx.dates.get(written)
        if date is None:
            date = syntax.literal(date_literal(written))
            if len(ctx.dates) < 100_000:
                ctx.dates[written] = date
        pairs.append((v["schema:datePublished"], date))
    _add_texts(ctx, pairs, data, (("category", "kg:category"), ("venue", "kg:venue")))
    _add_identifiers(ctx, pairs, *paper_identifiers(data))


def _authorship(
    ctx: _Context, paper: Any, position: int | None, author: str, edge: dict, shared: bool = False
) -> Description:
    """Order and spelling of one author on one paper; its IRI hangs under the paper's:
    ``…/authorship/<position>``, with the author's segment added when the position is missing or
    (against contract 2) held by two authors, so two authorships never merge into one node."""
    v, syntax, iri = ctx.v, ctx.syntax, ctx.iri_of[author]
    agent = (v["kg:agent"], ctx.rendered[iri])
    if isinstance(position, int):
        pairs = [v["rdf:type", "kg:Authorship"], (v["kg:position"], syntax.integer(position)), agent]
        where = f"{position}-{iri.rsplit('/', 1)[1]}" if shared else str(position)
    else:
        pairs = [v["rdf:type", "kg:Authorship"], agent]
        where = f"a-{iri.rsplit('/', 1)[1]}"
    name = edge.get("name_as_written")
    if name:
        pairs.append((v["kg:nameAsWritten"], syntax.text(str(name))))
    return syntax.sub(paper, "/authorship/" + where), pairs


def _provenance(
    ctx: _Context, read_at: list[tuple[str, int | None]], sources: list | None
) -> list[tuple[str, int | None]]:
    """(source IRI, line) for every place the paper was read: its FROM_SOURCE edges (``read_at``)
    and its ``sources`` (``"file:line"``); a file without a line only where no line of it is known."""
    found = set(read_at)
    for entry in sources or []:
        file, _, line = str(entry).rpartition(":")
        if not file or not (line.isascii() and line.isdigit()):
            file, line = str(entry), ""
        source = ctx.source_by_file.get(file) or ctx.source_by_file.get(Path(file).name)
        iri = ctx.iri_of[source] if source else node_iri(ctx.base, f"source:{Path(file).name}", "Source")
        found.add((iri, int(line) if line else None))
    if any(line is None for _, line in found):
        lines_known = {iri for iri, line in found if line is not None}
        found = {(iri, line) for iri, line in found if line is not None or iri not in lines_known}
    return sorted(found, key=_by_source_and_line)


def _by_source_and_line(reading: tuple[str, int | None]) -> tuple[str, int]:
    return reading[0], reading[1] or 0


def _derivation(ctx: _Context, paper: Any, source: str, line: int | None) -> Description:
    """Where one reading of the paper came from: ``prov:entity`` a file, ``kg:line`` a line."""
    v, syntax = ctx.v, ctx.syntax
    pairs = [v["rdf:type", "prov:Derivation"], (v["prov:entity"], ctx.ref(source))]
    if line is not None:
        pairs.append((v["kg:line"], syntax.integer(line)))
    where = f"{source.rsplit('/', 1)[1]}/{line if line is not None else 'file'}"
    return syntax.sub(paper, "/from/" + where), pairs


_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _code_nodes(ctx: _Context, data: dict) -> list[tuple[str, str]]:
    """(URL as written, code node IRI) for each code link of a paper."""
    urls = data.get("code_urls")
    if not urls:
        return []
    nodes = []
    for url in dict.fromkeys(str(u) for u in urls if u):
        iri = ctx.code_iris.get(url)
        if iri is None:
            iri = ctx.code_iris[url] = f"{ctx.base}code/{key_segment(url, _URL_SCHEME.sub('', url))}"
        nodes.append((url, iri))
    return nodes


def _code(ctx: _Context, papers: list[str]) -> Iterator[Description]:
    """One ``schema:SoftwareSourceCode`` node per code URL, ``schema:about`` the papers it implements."""
    v, syntax = ctx.v, ctx.syntax
    urls: dict[str, str] = {}
    about: dict[str, set[str]] = defaultdict(set)
    for paper in papers:
        for url, code in _code_nodes(ctx, ctx.graph.nodes[paper]):
            urls[code] = url
            about[code].add(ctx.iri_of[paper])
    for code in sorted(urls):
        encoded = link_iri(urls[code])
        repository = syntax.iri(encoded) if encoded else syntax.text(urls[code])
        pairs = [v["rdf:type", "schema:SoftwareSourceCode"], (v["schema:codeRepository"], repository)]
        pairs += [(v["schema:about"], ctx.rendered[p]) for p in sorted(about[code])]
        yield (syntax.iri(code), pairs)


# ------------------------------------------------------------------------------------- writers

_FLUSH_AT = 65_536  # strings gathered before one write (a few MB)


def write_ntriples_to(handle: IO[bytes], G: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE) -> int:
    """Write the graph as N-Triples (UTF-8) to a binary handle, one triple a line; returns the
    number of triples."""
    return _write_batched(handle, descriptions(G, base_iri, NTriples()), _add_triples)


def write_turtle_to(handle: IO[bytes], G: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE) -> int:
    """Write the graph as Turtle (UTF-8) to a binary handle, with prefixes, one block a subject
    (``s p o1, o2 ;`` with each predicate once, ending in `` .``); returns the number of triples."""
    base = normalize_base(base_iri)
    syntax = Turtle(base)
    handle.write(syntax.header())
    return _write_batched(handle, descriptions(G, base, syntax), _add_turtle_block)


def _write_batched(
    handle: IO[bytes],
    described: Iterator[Description],
    add: Callable[[list[bytes], bytes, list[tuple[bytes, bytes]]], None],
) -> int:
    """Write the descriptions, each as ``add`` appends its pieces to the buffer, in one write per
    :data:`_FLUSH_AT` pieces (joined once per write: no copies); returns the number of triples."""
    count, parts = 0, []
    for subject, pairs in described:
        count += len(pairs)
        add(parts, subject, pairs)
        if len(parts) >= _FLUSH_AT:
            handle.write(b"".join(parts))
            parts = []
    handle.write(b"".join(parts))
    return count


def _add_triples(parts: list[bytes], subject: bytes, pairs: list[tuple[bytes, bytes]]) -> None:
    subject += b" "
    for predicate, obj in pairs:
        parts += (subject, predicate, b" ", obj, b" .\n")


def _add_turtle_block(parts: list[bytes], subject: bytes, pairs: list[tuple[bytes, bytes]]) -> None:
    parts.append(subject)
    previous = None
    for predicate, obj in pairs:
        if predicate == previous:
            parts += (b", ", obj)
        else:
            parts += (b" " if previous is None else b" ;\n    ", predicate, b" ", obj)
            previous = predicate
    parts.append(b" .\n\n")


def write_turtle(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.ttl``: the graph as Turtle, streamed from the networkx graph and written atomically."""
    with atomic_open(path, "wb") as handle:
        write_turtle_to(handle, kg.graph, options.base_iri)


def write_ntriples(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.nt``: the graph as N-Triples (one absolute triple a line, greppable and sortable)."""
    with atomic_open(path, "wb") as handle:
        write_ntriples_to(handle, kg.graph, options.base_iri)


def jsonld_context(base: str) -> dict:
    context: dict = dict(PREFIXES)
    if relative_base(base):
        context["@base"] = base
    return context


_RDF_TYPE = RDF + "type"


def _jsonld_node(d: Description, ref: Callable[[str], str]) -> dict:
    """A description as a JSON-LD node object with compact IRIs (expanded by the @context)."""
    subject, pairs = d
    node: dict = {"@id": ref(subject.value)}
    for predicate, obj in pairs:
        if predicate.value == _RDF_TYPE:
            key, value = "@type", ref(obj.value)
        else:
            key = ref(predicate.value)
            if type(obj) is IRI:
                value = {"@id": ref(obj.value)}
            elif obj.lang:
                value = {"@value": obj.lexical, "@language": obj.lang}
            elif obj.datatype:
                value = {"@value": obj.lexical, "@type": ref(obj.datatype)}
            else:
                value = obj.lexical
        values = node.get(key)
        if values is None:
            node[key] = [value]
        else:
            values.append(value)
    return node


def write_jsonld_to(handle: IO[str], G: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE) -> int:
    """Write JSON-LD: one @context and a @graph of node objects, one a line in compact JSON
    (:mod:`kg.export.json_text`); returns the number of triples."""
    base = normalize_base(base_iri)
    turtle, count = Turtle(base), 0

    @lru_cache(maxsize=1 << 16)
    def ref(iri: str) -> str:  # the Turtle form, without the <> of a relative or absolute IRI
        short = turtle.written(iri)
        return short[1:-1] if short.startswith("<") else short

    handle.write('{\n"@context": ' + json_text.dumps(jsonld_context(base)) + ',\n"@graph": [\n')
    separator, chunks = "", []
    for d in descriptions(G, base):
        count += len(d[1])
        chunks.append(json_text.dumps(_jsonld_node(d, ref)))
        if len(chunks) >= 2048:
            handle.write(separator + ",\n".join(chunks))
            separator, chunks = ",\n", []
    if chunks:
        handle.write(separator + ",\n".join(chunks))
    handle.write("\n]\n}\n")
    return count


def write_jsonld(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.jsonld``: the same triples as JSON-LD, for tools that read JSON."""
    with atomic_open(path) as handle:
        write_jsonld_to(handle, kg.graph, options.base_iri)
