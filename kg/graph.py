"""Resolved entities -> the networkx MultiDiGraph of DESIGN.md contract 2, and its projections."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from kg.gc_pause import paused_gc
from kg.model import FileSummary, Problem
from kg.resolve import Resolution, ResolvedPaper
from kg.resolve.citations import CitationResolution


def build_graph(resolution: Resolution, files: Sequence[FileSummary]) -> nx.MultiDiGraph[str]:
    """The MultiDiGraph of DESIGN.md "Contract 2 in detail": nodes and edges added in sorted
    order, every listed attribute present (None when unknown), lists as Python lists. ``files``:
    the inputs, one Source node each.

    Nodes go in with ``add_nodes_from`` over prepared (id, attributes) pairs, with the cycle
    collector paused (see :mod:`kg.gc_pause`): per-call overhead and collector passes
    over the growing graph were most of this step's time."""
    from kg.version import __version__

    with paused_gc():
        G: nx.MultiDiGraph[str] = nx.MultiDiGraph(
            name="kg",
            kg_version=__version__,
            merges=[m.as_dict() for m in resolution.merges],
            near_misses=[n.as_dict() for n in resolution.near_misses],
            analyses={},
        )
        source_ids = source_node_ids([f.file for f in files])
        G.add_nodes_from(
            _source_node(source_ids[f.file], f) for f in sorted(files, key=lambda f: source_ids[f.file])
        )
        G.add_nodes_from(_paper_node(p) for p in resolution.papers)
        paper_count = Counter(a.author for p in resolution.papers for a in p.authorships)
        G.add_nodes_from(
            (
                author.id,
                dict(
                    type="Author",
                    label=author.name,
                    name=author.name,
                    name_variants=list(author.name_variants),
                    paper_count=paper_count[author.id],
                    orcid=author.orcid,
                    ids={scheme: list(ids) for scheme, ids in author.ids},
                    h_index=author.h_index,
                    citations=author.citations,
                    profile_paper_count=author.profile_paper_count,
                ),
            )
            for author in resolution.authors
        )
        G.add_nodes_from(
            (
                org.id,
                dict(
                    type="Organization",
                    label=org.name,
                    name=org.name,
                    aliases=list(org.aliases),
                    ror=org.ror,
                    ambiguous=org.ambiguous,
                ),
            )
            for org in resolution.orgs
        )
        G.add_nodes_from(
            (
                topic.id,
                dict(
                    type="Topic",
                    label=topic.label,
                    label_zh=topic.label_zh,
                    scheme=topic.scheme,
                    code=topic.code,
                    terms=[],
                ),
            )
            for topic in resolution.topics
        )
        add_edge = G.add_edge
        for u, v, key, attrs in sorted(_edges(resolution, source_ids), key=itemgetter(0, 1, 2)):
            add_edge(u, v, key, **attrs)
        if resolution.citations is not None:
            add_citations(G, resolution.citations)
    return G


def add_citations(G: nx.MultiDiGraph[str], found: CitationResolution) -> None:
    """The citation layer (DESIGN.md, "Citations"): a ``Work`` node per cited work outside the
    corpus, a ``CITES`` edge per citing paper and cited paper or work (the rule and the record
    that says so), and on every paper ``in_corpus``, ``local_citations`` (citing papers of the
    corpus), ``global_citations`` (the largest count a source reports) and its source.
    ``G.graph["citations"]`` keeps the counts of the matching."""
    G.add_nodes_from(
        (
            w.id,
            dict(
                type="Work",
                label=w.label,
                title=w.title,
                year=w.year,
                first_author=w.first_author,
                venue=w.venue,
                ids={scheme: [value for s, value in w.ids if s == scheme] for scheme, _ in w.ids},
                raw=list(w.raw),
                in_corpus=False,
            ),
        )
        for w in found.works
    )
    local: Counter[str] = Counter()
    for c in found.citations:
        sources = [f"{s.file}:{s.line}" for s in c.sources]
        G.add_edge(c.citing, c.cited, "CITES", type="CITES", rule=c.rule, sources=sources)
        local[c.cited] += 1
    counts = found.global_counts or {}
    for node, data in G.nodes(data=True):
        if data.get("type") == "Paper":
            reported = counts.get(node)
            data["in_corpus"] = True
            data["local_citations"] = local[node]
            data["global_citations"] = reported.count if reported else None
            data["global_citations_source"] = (
                f"{reported.source.file}:{reported.source.line}" if reported else None
            )
        elif data.get("type") == "Work":
            data["local_citations"] = local[node]
    G.graph["citations"] = {
        "references": found.references,
        "in_corpus": found.in_corpus,
        "to_works": found.to_works,
        "works": len(found.works),
        "unusable": found.unusable,
        "self_citations": found.self_citations,
    }


def citation_graph(G: nx.MultiDiGraph[str]) -> nx.DiGraph[str]:
    """Directed citation graph: papers and cited works, an edge citing -> cited with the rule
    and sources (``file:line``) of the CITES edge. Empty when no source gave references."""
    D: nx.DiGraph[str] = nx.DiGraph()
    D.add_nodes_from(
        (node, data) for node, data in G.nodes(data=True) if data.get("type") in ("Paper", "Work")
    )
    D.add_edges_from(
        (u, v, {"rule": data.get("rule"), "sources": data.get("sources")})
        for u, v, key, data in G.edges(keys=True, data=True)
        if key == "CITES"
    )
    return D


def source_node_ids(files: list[str]) -> dict[str, str]:
    """``source:<file name>``; the path as given where two inputs share a file name."""
    names = Counter(Path(f).name for f in files)
    return {f: f"source:{Path(f).name if names[Path(f).name] == 1 else f}" for f in files}


def _source_node(node: str, f: FileSummary) -> tuple[str, dict[str, Any]]:
    return node, dict(
        type="Source",
        label=Path(f.file).name,
        path=f.file,
        layout=f.layout,
        encoding=f.encoding,
        records=f.records,
        problems=f.problems,
    )


def _paper_node(p: ResolvedPaper) -> tuple[str, dict[str, Any]]:
    return p.id, dict(
        type="Paper",
        label=p.label,
        title=p.title,
        abstract=p.abstract,
        date=p.date,
        year=p.year,
        category=p.category,
        code_urls=list(p.code_urls),
        has_code=p.has_code,
        arxiv_id=p.arxiv_id,
        doi=p.doi,
        authors_truncated=p.authors_truncated,
        listed_author_count=p.listed_author_count,
        title_zh=p.title_zh,
        summary_zh=p.summary_zh,
        venue=p.venue,
        ids={scheme: list(ids) for scheme, ids in p.ids},
        sources=[f"{s.file}:{s.line}" for s in p.sources],
    )


def _edges(
    resolution: Resolution, source_ids: dict[str, str]
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(u, v, key, attributes) of every edge, ``type`` (= key) first among the attributes; one
    FROM_SOURCE edge per source, the first source's line."""
    for p in resolution.papers:
        for a in p.authorships:
            yield (
                a.author,
                p.id,
                "AUTHORED",
                {"type": "AUTHORED", "position": a.position, "name_as_written": a.name_as_written},
            )
        for org in p.affiliations:
            yield p.id, org.org, "AFFILIATED", {"type": "AFFILIATED", "as_written": org.as_written}
        for topic, method, weight in p.topics:
            yield p.id, topic, "HAS_TOPIC", {"type": "HAS_TOPIC", "weight": float(weight), "method": method}
        lines: dict[str, int] = {}
        for s in p.sources:
            node = source_ids.get(s.file) or f"source:{Path(s.file).name}"
            lines.setdefault(node, s.line)
        for node, line in lines.items():
            yield p.id, node, "FROM_SOURCE", {"type": "FROM_SOURCE", "line": line}
    for m in resolution.memberships:
        yield m.author, m.org, "MEMBER_OF", {"type": "MEMBER_OF", "sources": list(m.sources)}


def coauthor_graph(G: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """Undirected author graph: an edge per pair of co-authors, ``weight`` = shared papers,
    ``papers`` = their sorted node ids. Authors without co-authors are kept as isolated nodes.

    One pass over the edges finds each paper's authors; pairs are counted in plain dicts (first
    author, then second, so sorting them is a sort per author, not one of all pairs) and added at
    once with ``add_edges_from`` in sorted pair order, as the exports need; the cycle collector
    is paused meanwhile."""
    with paused_gc():
        C: nx.Graph[str] = nx.Graph()
        C.add_nodes_from(
            sorted((node, data) for node, data in G.nodes(data=True) if data.get("type") == "Author")
        )
        papers = {node for node, data in G.nodes(data=True) if data.get("type") == "Paper"}
        authors_of: dict[str, set[str]] = defaultdict(set)
        for author, paper, key in G.edges(keys=True):
            if key == "AUTHORED" and paper in papers:
                authors_of[paper].add(author)
        shared: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for paper, authors in authors_of.items():
            for a, b in combinations(sorted(authors), 2):
                shared[a][b].append(paper)
        C.add_edges_from(
            (a, b, {"weight": len(with_b), "papers": sorted(with_b)})
            for a in sorted(shared)
            for b, with_b in sorted(shared[a].items())
        )
    return C


@dataclass(frozen=True)
class KnowledgeGraph:
    """A built knowledge graph: the MultiDiGraph of DESIGN.md contract 2, and how it was made."""

    graph: nx.MultiDiGraph[str]
    files: tuple[FileSummary, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    #: Views computed once (the co-author projection costs seconds at 100k papers and every
    #: co-author export needs it). ``graph`` is not to be changed after building.
    _cache: dict[str, Any] = field(default_factory=dict[str, Any], init=False, compare=False, repr=False)

    def coauthors(self) -> nx.Graph[str]:
        """Undirected author graph: ``weight`` = shared papers, ``papers`` = their node ids.
        Built once and shared: treat it as read-only (copy it to change it)."""
        if "coauthors" not in self._cache:
            self._cache["coauthors"] = coauthor_graph(self.graph)
        coauthors: nx.Graph[str] = self._cache["coauthors"]
        return coauthors

    def citations(self) -> nx.DiGraph[str]:
        """Directed citation graph (papers and cited works; edges citing -> cited). Built once and
        shared: treat it as read-only."""
        if "citations" not in self._cache:
            self._cache["citations"] = citation_graph(self.graph)
        citations: nx.DiGraph[str] = self._cache["citations"]
        return citations

    def papers(self) -> dict[str, dict[str, Any]]:
        return nodes_of(self.graph, "Paper")

    def works(self) -> dict[str, dict[str, Any]]:
        """The cited works outside the corpus (``Work`` nodes)."""
        return nodes_of(self.graph, "Work")

    def authors(self) -> dict[str, dict[str, Any]]:
        return nodes_of(self.graph, "Author")

    def organizations(self) -> dict[str, dict[str, Any]]:
        return nodes_of(self.graph, "Organization")

    def topics(self) -> dict[str, dict[str, Any]]:
        return nodes_of(self.graph, "Topic")

    def counts(self) -> GraphCounts:
        """How many papers, authors, organisations, topics, keywords, clusters, communities."""
        return count_nodes(self.graph)

    @property
    def merges(self) -> list[dict[str, Any]]:
        merges: list[dict[str, Any]] = self.graph.graph.get("merges", [])
        return merges


def nodes_of(G: nx.MultiDiGraph[str], node_type: str) -> dict[str, dict[str, Any]]:
    """G's nodes of one ``type`` (``Paper``, ``Author``...) with their attributes, in G's order."""
    return {n: d for n, d in G.nodes(data=True) if d.get("type") == node_type}


@dataclass(frozen=True)
class GraphCounts:
    """What a graph holds, counted one way for every output that says it (the build summary,
    ``kg stats``, report.md, the pages): ``topics`` are the subject topics the sources give
    (arXiv categories...), apart from the ``keywords`` and topic ``clusters`` the analyses find;
    ``communities`` are the co-author communities (0 before the analyses)."""

    papers: int = 0
    authors: int = 0
    organizations: int = 0
    topics: int = 0
    keywords: int = 0
    clusters: int = 0
    communities: int = 0
    sources: int = 0

    def phrase(self, last: str = ", ") -> str:
        """``120 papers, 202 authors, 18 organisations, 11 topics, 427 keywords, 7 topic clusters,
        27 communities``; keywords, clusters and communities only once analysed. ``last``
        joins the last two (``" and "`` in prose)."""
        parts = [
            _counted(self.papers, "paper"),
            _counted(self.authors, "author"),
            _counted(self.organizations, "organisation"),
            _counted(self.topics, "topic"),
        ]
        parts += [
            _counted(n, noun)
            for n, noun in (
                (self.keywords, "keyword"),
                (self.clusters, "topic cluster"),
                (self.communities, "community"),
            )
            if n
        ]
        return ", ".join(parts[:-1]) + last + parts[-1]


def _counted(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n:,} {noun if n == 1 else plural}"


#: The Topic schemes the analyses make; any other scheme is a subject topic from the sources.
_FOUND_SCHEMES = {"keyword": "keywords", "cluster": "clusters"}


def count_nodes(G: nx.Graph[str]) -> GraphCounts:
    """The :class:`GraphCounts` of G (the knowledge graph, or a graph read back by ``kg.load``)."""
    by_type: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    communities: set[int] = set()
    for _, data in G.nodes(data=True):
        node_type = data.get("type")
        by_type[str(node_type)] += 1
        if node_type == "Topic":
            by_kind[_FOUND_SCHEMES.get(str(data.get("scheme")), "topics")] += 1
        elif node_type == "Author" and isinstance(data.get("community"), int):
            communities.add(data["community"])
    return GraphCounts(
        papers=by_type["Paper"],
        authors=by_type["Author"],
        organizations=by_type["Organization"],
        topics=by_kind["topics"],
        keywords=by_kind["keywords"],
        clusters=by_kind["clusters"],
        communities=len(communities),
        sources=by_type["Source"],
    )
