"""RDF exports of the graph (DESIGN.md contract 3): Turtle, N-Triples and JSON-LD.

The graph is described once, as a stream of :class:`Description` (a subject and its
predicate-object pairs, in a fixed order), by :func:`descriptions`; the three writers only render
that stream. Nothing is held in an rdflib Graph: Turtle and N-Triples are written as they are
generated, which is what makes them fast on large graphs (``benchmarks/rdf_bench.py``).

IRIs are built from the node keys (:func:`key_segment`): a key that is plain ASCII (``arxiv-2205.11728``,
``cs.CV``, ``000_x.txt``) is used as it is; any other key becomes an ASCII slug plus the first 8 hex
digits of the SHA-1 of the key (``jung-woo ha`` -> ``jung-woo-ha-<8 hex>``), so IRIs are stable across
runs and machines, never collide with a plain key, and need no escaping. Sub-resources hang under
their paper: ``<paper IRI>/authorship/1``, ``<paper IRI>/from/<source>/<line>``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator, NamedTuple

import networkx as nx

from kg.export.atomic import atomic_open
from kg.normalize.ids import (arxiv_url, doi_url, normalize_arxiv_id, normalize_doi, normalize_orcid,
                              normalize_ror, orcid_url, ror_url)

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.pipeline import KnowledgeGraph

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
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "schema": SCHEMA, "dcterms": DCTERMS,
    "skos": SKOS, "prov": PROV, "kg": KG,
}

#: The path segment under the base IRI for each node type of contract 2.
TYPE_SEGMENTS = {"Paper": "paper", "Author": "author", "Organization": "org", "Topic": "topic",
                 "Source": "source"}

#: Author attributes written as ``xsd:double``, and the ``kg:`` term each becomes.
CENTRALITIES = (("degree", "degreeCentrality"), ("weighted_degree", "weightedDegree"),
                ("betweenness", "betweennessCentrality"), ("closeness", "closenessCentrality"),
                ("eigenvector", "eigenvectorCentrality"), ("pagerank", "pageRank"))

#: Author and Source attributes written as ``xsd:integer``, and their ``kg:`` terms.
AUTHOR_COUNTS = (("paper_count", "paperCount"), ("h_index", "hIndex"),
                 ("citations", "citationCount"), ("profile_paper_count", "profilePaperCount"),
                 ("community", "community"))

#: Topic schemes: their IRI segment under ``scheme/`` and their English label.
SCHEMES = {"arxiv": "arXiv category taxonomy", "keyword": "Keywords",
           "cluster": "Topic clusters (kg analysis)"}
ARXIV_TAXONOMY = "https://arxiv.org/category_taxonomy"


class IRI(NamedTuple):
    value: str


class Literal(NamedTuple):
    lexical: str
    datatype: str | None = None   # None: xsd:string (or rdf:langString when lang is set)
    lang: str | None = None


Term = IRI | Literal


class Description(NamedTuple):
    """One subject and its predicate-object pairs; pairs with the same predicate are adjacent."""

    subject: IRI
    pairs: list[tuple[IRI, Term]]


def _ns(base: str, *names: str) -> tuple[IRI, ...]:
    return tuple(IRI(base + n) for n in names)


A = IRI(RDF + "type")
RDFS_LABEL, RDFS_SEE_ALSO = _ns(RDFS, "label", "seeAlso")
(S_ARTICLE, S_PERSON, S_ORG, S_CODE, S_DATASET, S_NAME, S_ALT_NAME, S_ABSTRACT, S_DATE, S_AUTHOR,
 S_SOURCE_ORG, S_ABOUT, S_SUBJECT_OF, S_IDENTIFIER, S_SAME_AS, S_AFFILIATION, S_CODE_REPO,
 S_VERSION) = _ns(
    SCHEMA, "ScholarlyArticle", "Person", "Organization", "SoftwareSourceCode", "Dataset", "name",
    "alternateName", "abstract", "datePublished", "author", "sourceOrganization", "about",
    "subjectOf", "identifier", "sameAs", "affiliation", "codeRepository", "version")
SKOS_CONCEPT, SKOS_SCHEME, SKOS_PREF, SKOS_IN_SCHEME, SKOS_NOTATION = _ns(
    SKOS, "Concept", "ConceptScheme", "prefLabel", "inScheme", "notation")
(PROV_ENTITY, PROV_DERIVATION, PROV_DERIVED_FROM, PROV_QUALIFIED_DERIVATION,
 PROV_ENTITY_P) = _ns(PROV, "Entity", "Derivation", "wasDerivedFrom", "qualifiedDerivation", "entity")
(K_GRAPH, K_AUTHORSHIP_C, K_SOURCE_C, K_AUTHORSHIP, K_POSITION, K_AGENT, K_NAME_AS_WRITTEN,
 K_COMPLETE, K_LISTED, K_HAS_CODE, K_CATEGORY, K_VENUE, K_PATH, K_LAYOUT, K_ENCODING, K_RECORDS,
 K_PROBLEMS, K_LINE, K_AMBIGUOUS, K_TERM) = _ns(
    KG, "KnowledgeGraph", "Authorship", "Source", "authorship", "position", "agent",
    "nameAsWritten", "authorListComplete", "listedAuthorCount", "hasCode", "category", "venue",
    "path", "layout", "encoding", "recordCount", "problemCount", "line", "ambiguous", "term")

XSD_INTEGER, XSD_DOUBLE, XSD_BOOLEAN = XSD + "integer", XSD + "double", XSD + "boolean"
XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR, XSD_GMONTHDAY = (XSD + "date", XSD + "gYearMonth",
                                                       XSD + "gYear", XSD + "gMonthDay")

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
    folded = unicodedata.normalize("NFKD", slug_of or key).encode("ascii", "ignore").decode().lower()
    slug = _NOT_SLUG.sub("-", folded).strip("-.")[:48].rstrip("-.")
    return f"{slug or 'u'}-{digest}"


def topic_segment(key: str) -> str:
    """``arxiv:cs.CV`` -> ``arxiv-cs.CV``; ``kw:graph neural nets`` -> ``kw-graph-neural-nets-<hash>``."""
    scheme, sep, rest = key.partition(":")
    if sep and scheme.isalpha():
        return f"{scheme}-{key_segment(rest)}"
    return key_segment(key)


# RFC 3986 appendix B, with the scheme required: an IRI must be absolute.
_URI_PARTS = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?\Z",
                        re.DOTALL)
_AUTHORITY = re.compile(r"^(?:([^@]*)@)?(\[[0-9A-Fa-f:.]+\]|[^:]*)(?::(\d*))?\Z")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_SUB_DELIMS = frozenset("!$&'()*+,;=")
_HOST_CHARS = _UNRESERVED | _SUB_DELIMS
_USER_CHARS = _HOST_CHARS | {":"}
_PATH_CHARS = _HOST_CHARS | {":", "@", "/"}
_QUERY_CHARS = _PATH_CHARS | {"?"}
_HEX = frozenset("0123456789abcdefABCDEF")


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


_DATE_FORMS = ((re.compile(r"\d{4}-\d{2}-\d{2}\Z"), XSD_DATE), (re.compile(r"\d{4}-\d{2}\Z"), XSD_GYEARMONTH),
               (re.compile(r"\d{4}\Z"), XSD_GYEAR), (re.compile(r"--\d{2}-\d{2}\Z"), XSD_GMONTHDAY))


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


# -------------------------------------------------------------------------------- descriptions

@dataclass(frozen=True)
class _Context:
    """What every description needs: the base IRI, the graph, and each node's IRI."""

    base: str
    graph: nx.MultiDiGraph
    iris: dict[str, IRI]
    source_by_file: dict[str, str]   # file as written in ``sources`` (path or name) -> Source node


def _context(G: nx.MultiDiGraph, base_iri: str) -> _Context:
    base = normalize_base(base_iri)
    iris = {n: IRI(node_iri(base, n, d.get("type", ""))) for n, d in G.nodes(data=True)}
    by_file: dict[str, str] = {}
    for n, d in G.nodes(data=True):
        if d.get("type") == "Source":
            for name in (d.get("label"), d.get("path"), n.split(":", 1)[1]):
                if name:
                    by_file.setdefault(str(name), n)
                    by_file.setdefault(Path(str(name)).name, n)
    return _Context(base, G, iris, by_file)


def descriptions(G: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE) -> Iterator[Description]:
    """Every subject of the export and its statements, in a deterministic order."""
    ctx = _context(G, base_iri)
    yield _dataset(ctx)
    yield from _schemes(ctx)
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        by_type[data.get("type", "")].append(node)
    describe = {"Source": _source, "Topic": _topic, "Organization": _organization,
                "Author": _person, "Paper": _paper}
    for node_type, describe_node in describe.items():
        for node in sorted(by_type[node_type], key=lambda n: ctx.iris[n].value):
            yield from describe_node(ctx, node, G.nodes[node])
    yield from _code(ctx, by_type["Paper"])


def iter_triples(G: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE) -> Iterator[tuple[IRI, IRI, Term]]:
    for subject, pairs in descriptions(G, base_iri):
        for predicate, obj in pairs:
            yield subject, predicate, obj


def _dataset(ctx: _Context) -> Description:
    """The export itself, so ``kg query`` can find the base IRI it was written under."""
    g = ctx.graph.graph
    pairs: list[tuple[IRI, Term]] = [(A, K_GRAPH), (A, S_DATASET)]
    if g.get("name"):
        pairs.append((S_NAME, text(str(g["name"]))))
    if g.get("kg_version"):
        pairs.append((S_VERSION, text(str(g["kg_version"]))))
    return Description(IRI(ctx.base), pairs)


def _scheme_iri(ctx: _Context, scheme: str) -> IRI:
    return IRI(f"{ctx.base}scheme/{key_segment(scheme)}")


def _schemes(ctx: _Context) -> Iterator[Description]:
    used = sorted({d.get("scheme") for _, d in ctx.graph.nodes(data=True)
                   if d.get("type") == "Topic" and d.get("scheme")})
    for scheme in used:
        pairs: list[tuple[IRI, Term]] = [(A, SKOS_SCHEME),
                                         (SKOS_PREF, text(SCHEMES.get(scheme, scheme), "en"))]
        if scheme == "arxiv":
            pairs.append((RDFS_SEE_ALSO, IRI(ARXIV_TAXONOMY)))
        yield Description(_scheme_iri(ctx, scheme), pairs)


def _label(data: dict) -> list[tuple[IRI, Term]]:
    return [(RDFS_LABEL, text(str(data["label"])))] if data.get("label") else []


def _counts(data: dict, fields: Iterable[tuple[str, str]]) -> list[tuple[IRI, Term]]:
    return [(IRI(KG + term), integer(data[attr])) for attr, term in fields
            if isinstance(data.get(attr), (int, float)) and not isinstance(data.get(attr), bool)]


def _source(ctx: _Context, node: str, data: dict) -> Iterator[Description]:
    pairs: list[tuple[IRI, Term]] = [(A, K_SOURCE_C), (A, PROV_ENTITY)]
    pairs += _label(data)
    pairs.append((S_NAME, text(node.split(":", 1)[1])))
    for attr, predicate in (("path", K_PATH), ("layout", K_LAYOUT), ("encoding", K_ENCODING)):
        if data.get(attr):
            pairs.append((predicate, text(str(data[attr]))))
    pairs += _counts(data, (("records", "recordCount"), ("problems", "problemCount")))
    yield Description(ctx.iris[node], pairs)


def _topic(ctx: _Context, node: str, data: dict) -> Iterator[Description]:
    pairs: list[tuple[IRI, Term]] = [(A, SKOS_CONCEPT)]
    pairs += _label(data)
    pairs.append((SKOS_PREF, text(str(data.get("label") or node.split(":", 1)[1]), "en")))
    if data.get("label_zh"):
        pairs.append((SKOS_PREF, text(str(data["label_zh"]), "zh")))
    if data.get("scheme"):
        pairs.append((SKOS_IN_SCHEME, _scheme_iri(ctx, str(data["scheme"]))))
    if data.get("code"):
        pairs.append((SKOS_NOTATION, text(str(data["code"]))))
    pairs += [(K_TERM, text(str(t))) for t in sorted(set(data.get("terms") or []))]
    yield Description(ctx.iris[node], pairs)


def _identifiers(prefix: str, value: str | None, url: str | None) -> list[tuple[IRI, Term]]:
    """``schema:identifier "prefix:value"`` and ``schema:sameAs <url>`` for a strong id."""
    if not value:
        return []
    pairs: list[tuple[IRI, Term]] = [(S_IDENTIFIER, text(f"{prefix}:{value}"))]
    encoded = encode_iri(url) if url else None
    if encoded:
        pairs.append((S_SAME_AS, IRI(encoded)))
    return pairs


def _names(name: str | None, variants: Iterable[str]) -> list[tuple[IRI, Term]]:
    pairs: list[tuple[IRI, Term]] = [(S_NAME, text(name))] if name else []
    pairs += [(S_ALT_NAME, text(v)) for v in sorted(set(variants) - {name}) if v]
    return pairs


def _organization(ctx: _Context, node: str, data: dict) -> Iterator[Description]:
    pairs: list[tuple[IRI, Term]] = [(A, S_ORG)]
    pairs += _label(data)
    pairs += _names(data.get("name") or data.get("label"), data.get("aliases") or [])
    ror = normalize_ror(data.get("ror"))
    pairs += _identifiers("ror", ror, ror_url(ror) if ror else None)
    if data.get("ambiguous") is not None:
        pairs.append((K_AMBIGUOUS, boolean(bool(data["ambiguous"]))))
    yield Description(ctx.iris[node], pairs)


def _person(ctx: _Context, node: str, data: dict) -> Iterator[Description]:
    G = ctx.graph
    pairs: list[tuple[IRI, Term]] = [(A, S_PERSON)]
    pairs += _label(data)
    pairs += _names(data.get("name") or data.get("label"), data.get("name_variants") or [])
    orcid = normalize_orcid(data.get("orcid"))
    pairs += _identifiers("orcid", orcid, orcid_url(orcid) if orcid else None)
    orgs = sorted({ctx.iris[v].value for _, v, k in G.out_edges(node, keys=True) if k == "MEMBER_OF"})
    pairs += [(S_AFFILIATION, IRI(o)) for o in orgs]
    pairs += _counts(data, AUTHOR_COUNTS)
    pairs += [(IRI(KG + term), double(data[attr])) for attr, term in CENTRALITIES
              if isinstance(data.get(attr), (int, float)) and not isinstance(data.get(attr), bool)]
    yield Description(ctx.iris[node], pairs)


def _paper(ctx: _Context, node: str, data: dict) -> Iterator[Description]:
    """The paper, then its authorships and derivations (sub-resources, right after it)."""
    G, me = ctx.graph, ctx.iris[node]
    authored = sorted(((d.get("position"), u, d) for u, _, k, d in G.in_edges(node, keys=True, data=True)
                       if k == "AUTHORED"), key=lambda t: (t[0] is None, t[0] or 0, t[1]))
    held = Counter(position for position, _, _ in authored)
    authorships = [_authorship(ctx, me, position, u, d, held[position] > 1) for position, u, d in authored]
    out = defaultdict(set)
    for _, v, k in G.out_edges(node, keys=True):
        out[k].add(ctx.iris[v].value)
    provenance = _provenance(ctx, node, data)
    derivations = [_derivation(me, source, line) for source, line in provenance]

    pairs = [(A, S_ARTICLE)] + _paper_literals(data)
    pairs += [(S_AUTHOR, IRI(a)) for a in sorted({ctx.iris[u].value for _, u, _ in authored})]
    pairs += [(K_AUTHORSHIP, a.subject) for a in authorships]
    truncated = bool(data.get("authors_truncated"))
    pairs.append((K_COMPLETE, boolean(not truncated)))
    if truncated:
        listed = data.get("listed_author_count")
        pairs.append((K_LISTED, integer(listed if isinstance(listed, int) else len(authored))))
    pairs += [(S_SOURCE_ORG, IRI(o)) for o in sorted(out["AFFILIATED"])]
    pairs += [(S_ABOUT, IRI(t)) for t in sorted(out["HAS_TOPIC"])]
    pairs.append((K_HAS_CODE, boolean(bool(data.get("has_code") or data.get("code_urls")))))
    pairs += [(S_SUBJECT_OF, code) for code in sorted({c for _, c in _code_nodes(ctx, data)})]
    pairs += [(PROV_DERIVED_FROM, IRI(s)) for s in sorted({source.value for source, _ in provenance})]
    pairs += [(PROV_QUALIFIED_DERIVATION, d.subject) for d in derivations]
    yield Description(me, pairs)
    yield from authorships
    yield from derivations


def _paper_literals(data: dict) -> list[tuple[IRI, Term]]:
    """Label, titles and abstracts by language, typed date, category and venue as written, and
    the arXiv id (without version) and DOI with their resolvable URLs."""
    pairs = _label(data)
    for attr, predicate, lang in (("title", S_NAME, "en"), ("title_zh", S_NAME, "zh"),
                                  ("abstract", S_ABSTRACT, "en"), ("summary_zh", S_ABSTRACT, "zh")):
        if data.get(attr):
            pairs.append((predicate, text(str(data[attr]), lang)))
    if data.get("date"):
        pairs.append((S_DATE, date_literal(str(data["date"]))))
    for attr, predicate in (("category", K_CATEGORY), ("venue", K_VENUE)):
        if data.get(attr):
            pairs.append((predicate, text(str(data[attr]))))
    arxiv = normalize_arxiv_id(data.get("arxiv_id"))
    doi = normalize_doi(data.get("doi"))
    pairs += sorted(_identifiers("arXiv", arxiv, arxiv_url(arxiv) if arxiv else None)
                    + _identifiers("doi", doi, doi_url(doi) if doi else None))
    return pairs


def _authorship(ctx: _Context, paper: IRI, position: int | None, author: str, edge: dict,
                shared: bool = False) -> Description:
    """Order and spelling of one author on one paper; its IRI hangs under the paper's:
    ``…/authorship/<position>``, with the author's segment added when the position is missing or
    (against contract 2) held by two authors, so two authorships never merge into one node."""
    if isinstance(position, int) and not shared:
        where = str(position)
    else:
        author_segment = ctx.iris[author].value.rsplit("/", 1)[1]
        where = f"{position}-{author_segment}" if isinstance(position, int) else f"a-{author_segment}"
    pairs: list[tuple[IRI, Term]] = [(A, K_AUTHORSHIP_C)]
    if isinstance(position, int):
        pairs.append((K_POSITION, integer(position)))
    pairs.append((K_AGENT, ctx.iris[author]))
    if edge.get("name_as_written"):
        pairs.append((K_NAME_AS_WRITTEN, text(str(edge["name_as_written"]))))
    return Description(IRI(f"{paper.value}/authorship/{where}"), pairs)


def _provenance(ctx: _Context, node: str, data: dict) -> list[tuple[IRI, int | None]]:
    """(source IRI, line) for every place the paper was read: FROM_SOURCE edges and ``sources``."""
    found: set[tuple[str, int | None]] = set()
    for _, v, k, d in ctx.graph.out_edges(node, keys=True, data=True):
        if k == "FROM_SOURCE":
            found.add((ctx.iris[v].value, d.get("line") if isinstance(d.get("line"), int) else None))
    for entry in data.get("sources") or []:
        file, _, line = str(entry).rpartition(":")
        if not file or not line.isdigit():
            file, line = str(entry), ""
        source = ctx.source_by_file.get(file) or ctx.source_by_file.get(Path(file).name)
        iri = ctx.iris[source].value if source else node_iri(ctx.base, f"source:{Path(file).name}", "Source")
        found.add((iri, int(line) if line else None))
    lines_known = {iri for iri, line in found if line is not None}
    return sorted(((IRI(iri), line) for iri, line in found if line is not None or iri not in lines_known),
                  key=lambda t: (t[0].value, t[1] or 0))


def _derivation(paper: IRI, source: IRI, line: int | None) -> Description:
    """Where one reading of the paper came from: ``prov:entity`` a file, ``kg:line`` a line."""
    where = f"{source.value.rsplit('/', 1)[1]}/{line if line is not None else 'file'}"
    pairs: list[tuple[IRI, Term]] = [(A, PROV_DERIVATION), (PROV_ENTITY_P, source)]
    if line is not None:
        pairs.append((K_LINE, integer(line)))
    return Description(IRI(f"{paper.value}/from/{where}"), pairs)


def _code_nodes(ctx: _Context, data: dict) -> list[tuple[str, IRI]]:
    """(URL as written, code node IRI) for each code link of a paper."""
    return [(url, IRI(f"{ctx.base}code/{key_segment(url, re.sub(r'^[A-Za-z][A-Za-z0-9+.-]*://', '', url))}"))
            for url in dict.fromkeys(str(u) for u in data.get("code_urls") or [] if u)]


def _code(ctx: _Context, papers: list[str]) -> Iterator[Description]:
    """One ``schema:SoftwareSourceCode`` node per code URL, ``schema:about`` the papers it implements."""
    urls: dict[IRI, str] = {}
    about: dict[IRI, set[str]] = defaultdict(set)
    for paper in papers:
        for url, code in _code_nodes(ctx, ctx.graph.nodes[paper]):
            urls[code] = url
            about[code].add(ctx.iris[paper].value)
    for code in sorted(urls, key=lambda c: c.value):
        encoded = link_iri(urls[code])
        repository: Term = IRI(encoded) if encoded else text(urls[code])
        pairs: list[tuple[IRI, Term]] = [(A, S_CODE), (S_CODE_REPO, repository)]
        pairs += [(S_ABOUT, IRI(p)) for p in sorted(about[code])]
        yield Description(code, pairs)


# ------------------------------------------------------------------------------------ syntaxes

_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029]')


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ECHAR.get(ch) or f"\\u{ord(ch):04X}"


def quote(value: str) -> str:
    """A string as a quoted N-Triples/Turtle string: quotes, backslashes and every control
    character escaped (and U+2028/U+2029, which line-oriented tools take for line ends), so the
    literal is always one line and always valid."""
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, value) + '"'


class _NTriples:
    """Terms as N-Triples: absolute IRIs, fully typed literals."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}      # IRI -> as written (IRIs repeat: render each once)
        self._typed: dict[Literal, str] = {}  # typed literal -> as written (true, 1, 2 … repeat)

    def iri(self, iri: IRI) -> str:
        rendered = self._iris.get(iri.value)
        if rendered is None:
            rendered = self._iris[iri.value] = f"<{iri.value}>"
        return rendered

    def term(self, term: Term) -> str:
        if type(term) is IRI:
            return self._iris.get(term.value) or self.iri(term)
        lexical, datatype, lang = term
        if lang:
            return f"{quote(lexical)}@{lang}"
        if datatype:
            rendered = self._typed.get(term)
            if rendered is None:
                rendered = f"{quote(lexical)}^^{self.iri(IRI(datatype))}"
                if len(self._typed) < 100_000:
                    self._typed[term] = rendered
            return rendered
        return quote(lexical)


_HIERARCHICAL_BASE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*(?:/[^/?#]*)*/\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")


def relative_base(base: str) -> bool:
    """True when IRIs under ``base`` may be written relative to it (``@base``): a hierarchical base
    ending in ``/`` without dot segments, so that resolving gives back exactly the same IRI."""
    return bool(_HIERARCHICAL_BASE.match(base)) and not re.search(r"/\.\.?(?=/)", base.split("//", 1)[1])


class _Turtle(_NTriples):
    """Terms as Turtle: prefixed names for the vocabularies, IRIs relative to ``@base``."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base if relative_base(base) else None
        self._by_namespace = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

    def iri(self, iri: IRI) -> str:
        rendered = self._iris.get(iri.value)
        if rendered is None:
            rendered = self._iris[iri.value] = self._shorten(iri.value)
        return rendered

    def _shorten(self, value: str) -> str:
        if value == RDF + "type":
            return "a"
        for prefix, namespace in self._by_namespace:
            local = value[len(namespace):]
            if value.startswith(namespace) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", local):
                return f"{prefix}:{local}"
        if self.base and value.startswith(self.base):
            return f"<{value[len(self.base):]}>"
        return f"<{value}>"

    def term(self, term: Term) -> str:
        if type(term) is Literal and term.datatype in (XSD_INTEGER, XSD_BOOLEAN):
            if term.datatype == XSD_BOOLEAN or _INTEGER.match(term.lexical):
                return term.lexical  # Turtle's bare 42 and true
        return super().term(term)

    def header(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
        if self.base:
            lines.insert(0, f"@base <{self.base}> .")
        return "\n".join(lines) + "\n\n"

    def description(self, d: Description) -> str:
        """One subject block: ``s p o1, o2 ;`` with each predicate once, ending in `` .``."""
        chunks, previous = [self.iri(d.subject)], None
        for predicate, obj in d.pairs:
            if predicate == previous:
                chunks.append(", " + self.term(obj))
            else:
                chunks.append((" " if previous is None else " ;\n    ") + self.iri(predicate) + " " + self.term(obj))
                previous = predicate
        chunks.append(" .\n")
        return "".join(chunks)


def _write_chunks(handle: IO[str], chunks: Iterable[str], size: int = 2000) -> None:
    buffer: list[str] = []
    for chunk in chunks:
        buffer.append(chunk)
        if len(buffer) >= size:
            handle.write("".join(buffer))
            buffer.clear()
    handle.write("".join(buffer))


def write_ntriples_stream(handle: IO[str], stream: Iterable[Description]) -> int:
    """Write N-Triples, one triple a line; returns the number of triples."""
    nt, count = _NTriples(), 0

    def lines() -> Iterator[str]:
        nonlocal count
        for subject, pairs in stream:
            s = nt.iri(subject) + " "
            count += len(pairs)
            yield "".join([f"{s}{nt.iri(p)} {nt.term(o)} .\n" for p, o in pairs])

    _write_chunks(handle, lines())
    return count


def write_turtle_stream(handle: IO[str], stream: Iterable[Description], base: str) -> int:
    """Write Turtle grouped by subject, with prefixes; returns the number of triples."""
    ttl, count = _Turtle(base), 0
    handle.write(ttl.header())

    def blocks() -> Iterator[str]:
        nonlocal count
        for d in stream:
            count += len(d.pairs)
            yield ttl.description(d) + "\n"

    _write_chunks(handle, blocks(), size=500)
    return count


def _base_of(options: "ExportOptions | None") -> str:
    return normalize_base(options.base_iri if options else DEFAULT_BASE)


def write_turtle(kg: "KnowledgeGraph", path: Path, options: "ExportOptions") -> None:
    """``kg.ttl``: the graph as Turtle, streamed from the networkx graph and written atomically."""
    base = _base_of(options)
    with atomic_open(path) as handle:
        write_turtle_stream(handle, descriptions(kg.graph, base), base)


def write_ntriples(kg: "KnowledgeGraph", path: Path, options: "ExportOptions") -> None:
    """``kg.nt``: the graph as N-Triples (one absolute triple a line, greppable and sortable)."""
    with atomic_open(path) as handle:
        write_ntriples_stream(handle, descriptions(kg.graph, _base_of(options)))


def jsonld_context(base: str) -> dict:
    context: dict = dict(PREFIXES)
    if relative_base(base):
        context["@base"] = base
    return context


def _jsonld_node(d: Description, ttl: _Turtle) -> dict:
    """A description as a JSON-LD node object with compact IRIs (expanded by the @context)."""
    def ref(iri: IRI) -> str:
        short = ttl.iri(iri)
        return short[1:-1] if short.startswith("<") else short

    node: dict = {"@id": ref(d.subject)}
    for predicate, obj in d.pairs:
        if predicate == A:
            node.setdefault("@type", []).append(ref(obj))  # type: ignore[arg-type]
            continue
        if type(obj) is IRI:
            value: object = {"@id": ref(obj)}
        elif obj.lang:
            value = {"@value": obj.lexical, "@language": obj.lang}
        elif obj.datatype:
            value = {"@value": obj.lexical, "@type": ref(IRI(obj.datatype))}
        else:
            value = obj.lexical
        node.setdefault(ref(predicate), []).append(value)
    return node


def write_jsonld_stream(handle: IO[str], stream: Iterable[Description], base: str) -> int:
    """Write JSON-LD: one @context and a @graph of node objects; returns the number of triples."""
    ttl, count = _Turtle(base), 0
    handle.write('{\n"@context": ' + json.dumps(jsonld_context(base), ensure_ascii=False) + ',\n"@graph": [\n')

    def nodes() -> Iterator[str]:
        nonlocal count
        for i, d in enumerate(stream):
            count += len(d.pairs)
            yield ("" if i == 0 else ",\n") + json.dumps(_jsonld_node(d, ttl), ensure_ascii=False)

    _write_chunks(handle, nodes(), size=500)
    handle.write("\n]\n}\n")
    return count


def write_jsonld(kg: "KnowledgeGraph", path: Path, options: "ExportOptions") -> None:
    """``kg.jsonld``: the same triples as JSON-LD, for tools that read JSON."""
    base = _base_of(options)
    with atomic_open(path) as handle:
        write_jsonld_stream(handle, descriptions(kg.graph, base), base)
