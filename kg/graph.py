"""Resolved entities -> the networkx MultiDiGraph of DESIGN.md contract 2, and its projections."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx

from kg.extract import FileExtraction
from kg.resolve import Resolution, ResolvedPaper


def build_graph(resolution: Resolution, files: list[FileExtraction]) -> nx.MultiDiGraph:
    """The MultiDiGraph of DESIGN.md "Contract 2 in detail": nodes and edges added in sorted
    order, every listed attribute present (None when unknown), lists as Python lists."""
    from kg import __version__

    G = nx.MultiDiGraph(name="kg", kg_version=__version__,
                        merges=[m.as_dict() for m in resolution.merges],
                        near_misses=[n.as_dict() for n in resolution.near_misses], analyses={})
    source_ids = source_node_ids([f.file for f in files])
    for f in sorted(files, key=lambda f: source_ids[f.file]):
        _add_source(G, source_ids[f.file], f)
    for paper in resolution.papers:
        _add_paper(G, paper)
    paper_count = Counter(a.author for p in resolution.papers for a in p.authorships)
    for author in resolution.authors:
        G.add_node(author.id, type="Author", label=author.name, name=author.name,
                   name_variants=list(author.name_variants), paper_count=paper_count[author.id],
                   orcid=author.orcid, h_index=author.h_index, citations=author.citations,
                   profile_paper_count=author.profile_paper_count)
    for org in resolution.orgs:
        G.add_node(org.id, type="Organization", label=org.name, name=org.name,
                   aliases=list(org.aliases), ror=org.ror, ambiguous=org.ambiguous)
    for topic in resolution.topics:
        G.add_node(topic.id, type="Topic", label=topic.label, label_zh=topic.label_zh,
                   scheme=topic.scheme, code=topic.code, terms=[])
    for u, v, key, attrs in sorted(_edges(resolution, source_ids), key=lambda e: e[:3]):
        G.add_edge(u, v, key=key, type=key, **attrs)
    return G


def source_node_ids(files: list[str]) -> dict[str, str]:
    """``source:<file name>``; the path as given where two inputs share a file name."""
    names = Counter(Path(f).name for f in files)
    return {f: f"source:{Path(f).name if names[Path(f).name] == 1 else f}" for f in files}


def _add_source(G: nx.MultiDiGraph, node: str, f: FileExtraction) -> None:
    G.add_node(node, type="Source", label=Path(f.file).name, path=f.file, layout=f.layout,
               encoding=f.encoding, records=len(f.extraction.records),
               problems=len(f.extraction.problems))


def _add_paper(G: nx.MultiDiGraph, p: ResolvedPaper) -> None:
    G.add_node(p.id, type="Paper", label=p.label, title=p.title, abstract=p.abstract, date=p.date,
               year=p.year, category=p.category, code_urls=list(p.code_urls), has_code=p.has_code,
               arxiv_id=p.arxiv_id, doi=p.doi, authors_truncated=p.authors_truncated,
               listed_author_count=p.listed_author_count, title_zh=p.title_zh,
               summary_zh=p.summary_zh, venue=p.venue, ids={scheme: list(ids) for scheme, ids in p.ids},
               sources=[f"{s.file}:{s.line}" for s in p.sources])


def _edges(resolution: Resolution, source_ids: dict[str, str]):
    """(u, v, key, attributes) of every edge; one edge per (u, v, key), the first source's."""
    for p in resolution.papers:
        for a in p.authorships:
            yield a.author, p.id, "AUTHORED", {"position": a.position, "name_as_written": a.name_as_written}
        for org in p.affiliations:
            yield p.id, org.org, "AFFILIATED", {"as_written": org.as_written}
        for topic, method, weight in p.topics:
            yield p.id, topic, "HAS_TOPIC", {"weight": float(weight), "method": method}
        lines: dict[str, int] = {}
        for s in p.sources:
            node = source_ids.get(s.file) or f"source:{Path(s.file).name}"
            lines.setdefault(node, s.line)
        for node, line in lines.items():
            yield p.id, node, "FROM_SOURCE", {"line": line}
    for m in resolution.memberships:
        yield m.author, m.org, "MEMBER_OF", {"sources": list(m.sources)}



def coauthor_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected author graph: an edge per pair of co-authors, ``weight`` = shared papers,
    ``papers`` = their sorted node ids. Authors without co-authors are kept as isolated nodes."""
    C = nx.Graph()
    for node, data in sorted(G.nodes(data=True)):
        if data.get("type") == "Author":
            C.add_node(node, **data)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for paper, data in G.nodes(data=True):
        if data.get("type") != "Paper":
            continue
        authors = sorted({u for u, _, k in G.in_edges(paper, keys=True) if k == "AUTHORED"})
        for a, b in combinations(authors, 2):
            shared[(a, b)].append(paper)
    for (a, b), papers in sorted(shared.items()):
        C.add_edge(a, b, weight=len(papers), papers=sorted(papers))
    return C
