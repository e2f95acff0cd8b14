"""The nodes and edges of DESIGN.md contract 2 that the synthetic graphs of ``rdf_bench.py`` and
``html_bench.py`` share, with the attributes kg build gives them. Each bench draws its own
structure (rdf_bench: authors at random, for triple volume; html_bench: groups of co-authors,
for a realistic co-author graph) and adds its own kinds of node (sources, keywords) itself."""

from __future__ import annotations

import networkx as nx


def knowledge_graph(name: str) -> nx.MultiDiGraph:
    return nx.MultiDiGraph(name=name, kg_version="bench", merges=[], near_misses=[], analyses={})


def add_author(G: nx.MultiDiGraph, node: str, name: str, variants: list[str], **measures: float) -> None:
    """An author without papers yet (:func:`add_authorship` counts them); ``measures``: its
    centralities and community, when the bench sets them now."""
    G.add_node(
        node,
        type="Author",
        label=name,
        name=name,
        name_variants=variants,
        paper_count=0,
        orcid=None,
        **measures,
    )


def add_arxiv_topic(G: nx.MultiDiGraph, code: str, label: str, label_zh: str | None = None) -> None:
    G.add_node(
        f"topic:arxiv:{code}",
        type="Topic",
        label=label,
        label_zh=label_zh,
        scheme="arxiv",
        code=code,
        terms=[],
    )


def add_organization(G: nx.MultiDiGraph, node: str, name: str, aliases: list[str]) -> None:
    G.add_node(node, type="Organization", label=name, name=name, aliases=aliases, ror=None, ambiguous=False)


def add_paper(
    G: nx.MultiDiGraph,
    node: str,
    title: str,
    *,
    abstract: str | None,
    date: str,
    year: int | None,
    category: str | None,
    code_urls: list[str],
    arxiv_id: str | None,
    truncated: bool,
    listed_authors: int,
    sources: list[str],
) -> None:
    G.add_node(
        node,
        type="Paper",
        label=title,
        title=title,
        abstract=abstract,
        date=date,
        year=year,
        category=category,
        code_urls=code_urls,
        has_code=bool(code_urls),
        arxiv_id=arxiv_id,
        doi=None,
        authors_truncated=truncated,
        listed_author_count=listed_authors,
        title_zh=None,
        summary_zh=None,
        venue=None,
        sources=sources,
    )


def add_category(G: nx.MultiDiGraph, paper: str, topic: str) -> None:
    G.add_edge(paper, topic, key="HAS_TOPIC", type="HAS_TOPIC", weight=1.0, method="category")


def add_affiliation(G: nx.MultiDiGraph, paper: str, org: str, as_written: str) -> None:
    G.add_edge(paper, org, key="AFFILIATED", type="AFFILIATED", as_written=as_written)


def add_authorship(G: nx.MultiDiGraph, author: str, paper: str, position: int, as_written: str) -> None:
    """The AUTHORED edge, counted in the author's ``paper_count``."""
    G.add_edge(author, paper, key="AUTHORED", type="AUTHORED", position=position, name_as_written=as_written)
    G.nodes[author]["paper_count"] += 1
