"""The graph described once for every RDF export: :func:`descriptions` streams ``(subject, pairs)``
tuples (a subject and its predicate-object pairs, in a fixed order), each term built through a
*syntax* that renders it straight away."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.rdf.iris import IRI, encode_iri, key_segment, link_iri, node_iri, normalize_base
from kg.export.rdf.literals import Literal, date_literal
from kg.export.rdf.paper_ids import PERSON_ID_SCHEMES, paper_identifiers
from kg.export.rdf.structured import Structured
from kg.export.rdf.vocabulary import (
    ARXIV_TAXONOMY,
    AUTHOR_CITATION_COUNTS,
    AUTHOR_COUNTS,
    CENTRALITIES,
    DEFAULT_BASE,
    PAPER_CITATION_COUNTS,
    SCHEMES,
    SOURCE_COUNTS,
    expand,
)
from kg.normalize.ids import normalize_orcid, normalize_ror, orcid_url, ror_url

Term = IRI | Literal


#: One subject and its predicate-object pairs (pairs with the same predicate are adjacent), as a
#: plain ``(subject, pairs)`` tuple. The terms are whatever the syntax that built it renders
#: (:class:`Structured`: :class:`IRI` and :class:`Literal`; ``NTriples``, ``Turtle``: UTF-8 bytes).
Description = tuple[Any, list[tuple[Any, Any]]]
Pairs = list[tuple[Any, Any]]  # the pairs of a description, as they are built
Attrs = dict[str, Any]  # a node's or an edge's attributes (contract 2)
#: networkx's adjacency dicts, ``G._succ`` and ``G._pred``: node -> neighbour -> key -> attributes.
Adjacency = dict[str, dict[str, dict[str, Attrs]]]


class _Vocabulary(dict[str | tuple[str, str], Any]):
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
    graph: nx.MultiDiGraph[str]
    syntax: Any
    v: _Vocabulary
    iri_of: dict[str, str]  # node id -> absolute IRI
    rendered: dict[str, Any]  # absolute IRI of a node -> as the syntax writes it
    source_by_file: dict[str, str]  # file as written in ``sources`` (path or name) -> Source node
    succ: Adjacency  # networkx's adjacency dicts (node -> neighbour -> key -> data),
    pred: Adjacency  # read directly: its edge views cost more than a description
    code_iris: dict[str, str]  # code URL -> IRI of its software node, computed once
    dates: dict[str, Any]  # date as written -> its typed literal (dates repeat)

    def ref(self, iri: str) -> Any:
        """An IRI as the syntax writes it (a node's, rendered once, or any other)."""
        return self.rendered.get(iri) or self.syntax.iri(iri)


def _context(G: nx.MultiDiGraph[str], base_iri: str, syntax: Any) -> _Context:
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
    succ: Adjacency = G._succ  # type: ignore[attr-defined]  # not in the stubs (see _Context)
    pred: Adjacency = G._pred  # type: ignore[attr-defined]
    return _Context(base, G, syntax, _Vocabulary(syntax), iri_of, rendered, by_file, succ, pred, {}, {})


def descriptions(
    G: nx.MultiDiGraph[str], base_iri: str = DEFAULT_BASE, syntax: Any = None
) -> Iterator[Description]:
    """Every subject of the export and its statements, in a deterministic order, with terms as
    ``syntax`` renders them (default :class:`Structured`: :class:`IRI` and :class:`Literal`)."""
    ctx = _context(G, base_iri, Structured() if syntax is None else syntax)
    yield _dataset(ctx)
    yield from _schemes(ctx)
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        by_type[data.get("type", "")].append(node)
    nodes: dict[str, Attrs] = G._node  # type: ignore[attr-defined]  # networkx's node dict, as succ
    iri_of = ctx.iri_of
    for node_type, describe in (
        ("Source", _source),
        ("Topic", _topic),
        ("Organization", _organization),
        ("Author", _person),
        ("Work", _work),
    ):
        for node in sorted(by_type[node_type], key=iri_of.__getitem__):
            yield describe(ctx, node, nodes[node])
    for node in sorted(by_type["Paper"], key=iri_of.__getitem__):
        yield from _paper(ctx, node, nodes[node])
    yield from _code(ctx, by_type["Paper"])


def iter_triples(G: nx.MultiDiGraph[str], base_iri: str = DEFAULT_BASE) -> Iterator[tuple[IRI, IRI, Term]]:
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
    used: list[str] = sorted(
        {d["scheme"] for _, d in ctx.graph.nodes(data=True) if d.get("type") == "Topic" and d.get("scheme")}
    )
    for scheme in used:
        pairs = [
            v["rdf:type", "skos:ConceptScheme"],
            (v["skos:prefLabel"], syntax.text(SCHEMES.get(scheme, scheme), "en")),
        ]
        if scheme == "arxiv":
            pairs.append((v["rdfs:seeAlso"], syntax.iri(ARXIV_TAXONOMY)))
        yield _scheme_iri(ctx, scheme), pairs


def _start(ctx: _Context, node: str, data: Attrs, *classes: str) -> list[tuple[Any, Any]]:
    """The first pairs of a node: its classes (``rdf:type``) and its ``rdfs:label``."""
    v = ctx.v
    pairs = []
    for c in classes:
        pairs.append(v["rdf:type", c])
    if data.get("label"):
        pairs.append((v["rdfs:label"], ctx.syntax.text(str(data["label"]))))
    return pairs


def _add_texts(ctx: _Context, pairs: Pairs, data: Attrs, fields: tuple[tuple[str, str], ...]) -> None:
    """``(predicate, string)`` for each attribute of ``fields`` the node has (as written)."""
    for attr, predicate in fields:
        value = data.get(attr)
        if value:
            pairs.append((ctx.v[predicate], ctx.syntax.text(str(value))))


def _add_counts(ctx: _Context, pairs: Pairs, data: Attrs, fields: tuple[tuple[str, str], ...]) -> None:
    for attr, term in fields:
        value = data.get(attr)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            pairs.append((ctx.v[term], ctx.syntax.integer(value)))


def _add_identifiers(ctx: _Context, pairs: Pairs, identifiers: list[str], urls: list[str]) -> None:
    """``schema:identifier "prefix:value"`` for each strong id, ``schema:sameAs <url>`` for each resolver."""
    v, syntax = ctx.v, ctx.syntax
    for identifier in identifiers:
        pairs.append((v["schema:identifier"], syntax.text(identifier)))
    for url in urls:
        pairs.append((v["schema:sameAs"], syntax.iri(url)))


def _one_id(prefix: str, value: str | None, url: Callable[[str], str]) -> tuple[list[str], list[str]]:
    encoded = encode_iri(url(value)) if value else None
    return ([f"{prefix}:{value}"] if value else []), ([encoded] if encoded else [])


def _add_names(ctx: _Context, pairs: Pairs, name: str | None, variants: list[str]) -> None:
    v, syntax = ctx.v, ctx.syntax
    if name:
        pairs.append((v["schema:name"], syntax.text(name)))
    for variant in sorted(set(variants) - {name}):
        if variant:
            pairs.append((v["schema:alternateName"], syntax.text(variant)))


def _source(ctx: _Context, node: str, data: Attrs) -> Description:
    pairs = _start(ctx, node, data, "kg:Source", "prov:Entity")
    pairs.append((ctx.v["schema:name"], ctx.syntax.text(node.split(":", 1)[1])))
    _add_texts(ctx, pairs, data, (("path", "kg:path"), ("layout", "kg:layout"), ("encoding", "kg:encoding")))
    _add_counts(ctx, pairs, data, SOURCE_COUNTS)
    return ctx.rendered[ctx.iri_of[node]], pairs


def _topic(ctx: _Context, node: str, data: Attrs) -> Description:
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


def _organization(ctx: _Context, node: str, data: Attrs) -> Description:
    pairs = _start(ctx, node, data, "schema:Organization")
    _add_names(ctx, pairs, data.get("name") or data.get("label"), data.get("aliases") or [])
    _add_identifiers(ctx, pairs, *_one_id("ror", normalize_ror(data.get("ror")), ror_url))
    if data.get("ambiguous") is not None:
        pairs.append((ctx.v["kg:ambiguous"], ctx.syntax.boolean(bool(data["ambiguous"]))))
    return ctx.rendered[ctx.iri_of[node]], pairs


def _person(ctx: _Context, node: str, data: Attrs) -> Description:
    v, syntax, iri_of, rendered = ctx.v, ctx.syntax, ctx.iri_of, ctx.rendered
    pairs = _start(ctx, node, data, "schema:Person")
    _add_names(ctx, pairs, data.get("name") or data.get("label"), data.get("name_variants") or [])
    if data.get("orcid"):
        _add_identifiers(ctx, pairs, *_one_id("orcid", normalize_orcid(data["orcid"]), orcid_url))
    _add_identifiers(ctx, pairs, *paper_identifiers(data, PERSON_ID_SCHEMES))
    orgs = set()
    for org, keyed in ctx.succ[node].items():
        if "MEMBER_OF" in keyed:
            orgs.add(iri_of[org])
    for org in sorted(orgs):
        pairs.append((v["schema:affiliation"], rendered[org]))
    _add_counts(ctx, pairs, data, AUTHOR_COUNTS)
    _add_counts(ctx, pairs, data, AUTHOR_CITATION_COUNTS)
    for attr, term in CENTRALITIES:
        value = data.get(attr)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            pairs.append((v[term], syntax.double(value)))
    return rendered[iri_of[node]], pairs


def _work(ctx: _Context, node: str, data: Attrs) -> Description:
    """A work the corpus cites but does not hold (DESIGN.md, "Citations"): what its references
    say of it, and ``kg:inCorpus false``."""
    v, syntax = ctx.v, ctx.syntax
    pairs = _start(ctx, node, data, "schema:CreativeWork", "kg:CitedWork")
    if data.get("title"):
        pairs.append((v["schema:name"], syntax.text(str(data["title"]))))
    _add_texts(ctx, pairs, data, (("first_author", "kg:firstAuthorName"), ("venue", "kg:venue")))
    if isinstance(data.get("year"), int):
        pairs.append((v["schema:datePublished"], syntax.literal(date_literal(str(data["year"])))))
    _add_identifiers(ctx, pairs, *paper_identifiers(data))
    for raw in data.get("raw") or []:
        pairs.append((v["kg:citedAs"], syntax.text(str(raw))))
    pairs.append((v["kg:inCorpus"], syntax.boolean(False)))
    _add_counts(ctx, pairs, data, (("local_citations", "kg:localCitationCount"),))
    return ctx.rendered[ctx.iri_of[node]], pairs


def _paper(ctx: _Context, node: str, data: Attrs) -> list[Description]:
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
    orgs, topics, read_at, cited = [], [], [], []
    for target, keyed in ctx.succ[node].items():
        if "CITES" in keyed:
            cited.append(iri_of[target])
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
    for work in sorted(cited):
        pairs.append((v["cito:cites"], rendered[work]))
    _add_counts(ctx, pairs, data, PAPER_CITATION_COUNTS)
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


def _add_paper_literals(ctx: _Context, pairs: Pairs, data: Attrs) -> None:
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
    ctx: _Context, paper: Any, position: int | None, author: str, edge: Attrs, shared: bool = False
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
    ctx: _Context, read_at: list[tuple[str, int | None]], sources: list[Any] | None
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


def _code_nodes(ctx: _Context, data: Attrs) -> list[tuple[str, str]]:
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
