"""The two pages as exports (``coauthors.html``, ``kg.html``), what ``kg build`` says of them, and
:func:`to_pyvis`, which picks the page for any graph."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import networkx as nx
from pyvis.network import Network

from kg.defaults import SEED, SIZE_BY
from kg.export.atomic import atomic_write_text
from kg.export.html.coauthors_page import coauthor_network
from kg.export.html.kg_page import KINDS, drawn_count, knowledge_graph_network

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph


#: ``kg build``'s limits when ``--max-nodes`` is not given: a bigger page takes minutes to write
#: and will not open usably (10,000 authors become usable in about 4 s: benchmarks/html_bench.py).
#: coauthors.html keeps the most central authors; kg.html keeps the most central authors with
#: their papers, organisations and topics, within this many nodes.
DEFAULT_MAX_AUTHORS = 10000
DEFAULT_MAX_KG_NODES = 5000


def write_coauthor_html(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``coauthors.html``: the co-author graph, sized by ``options.size_by``; at most
    ``options.max_nodes`` authors, or :data:`DEFAULT_MAX_AUTHORS` when that is None."""
    net = coauthor_network(
        kg.coauthors(), kg.graph, size_by=options.size_by, max_nodes=_max_authors(options), seed=options.seed
    )
    write_network_html(net, path)


def write_knowledge_graph_html(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    """``kg.html``: papers, authors, organisations and topics, each with its shape and colour;
    ``options.max_nodes`` authors with their surroundings, or (when None) at most
    :data:`DEFAULT_MAX_KG_NODES` nodes."""
    net = knowledge_graph_network(
        kg.graph,
        size_by=options.size_by,
        max_nodes=options.max_nodes,
        seed=options.seed,
        coauthors=kg.coauthors(),
        node_budget=DEFAULT_MAX_KG_NODES,
    )
    write_network_html(net, path)


def page_notes(kg: KnowledgeGraph, options: ExportOptions, written: list[Path]) -> list[str]:
    """What ``kg build``'s summary says about the pages in ``written`` that show part of the graph."""
    names = {p.name for p in written}
    notes = []
    if "coauthors.html" in names:  # the count only for a page that needs it
        authors, limit = len(kg.authors()), _max_authors(options)
        if authors > limit:
            notes.append(
                f"coauthors.html shows the {limit:,} most central authors of {authors:,} "
                "(--max-nodes N to choose)"
            )
    if "kg.html" in names and options.max_nodes is None:
        drawn = drawn_count(kg.graph)
        if drawn > DEFAULT_MAX_KG_NODES:
            notes.append(
                f"kg.html shows the most central authors with their papers, organisations and "
                f"topics, {DEFAULT_MAX_KG_NODES:,} nodes at most of {drawn:,} "
                f"(--max-nodes N: N authors)"
            )
    elif (
        "kg.html" in names
        and options.max_nodes is not None
        and (authors := len(kg.authors())) > options.max_nodes
    ):
        notes.append(
            f"kg.html shows the {options.max_nodes:,} most central authors of {authors:,}, "
            f"with their papers, organisations and topics"
        )
    return notes


def _max_authors(options: ExportOptions) -> int:
    return DEFAULT_MAX_AUTHORS if options.max_nodes is None else options.max_nodes


def write_network_html(net: Network, path: Path) -> None:
    """Write a network that :func:`to_pyvis` made as one self-contained UTF-8 page."""
    atomic_write_text(path, net.generate_html())


def to_pyvis(
    G: nx.Graph[Any],
    *,
    graph: nx.MultiDiGraph[str] | None = None,
    size_by: str = SIZE_BY,
    max_nodes: int | None = None,
    seed: int = SEED,
    heading: str | None = None,
) -> Network:
    """A pyvis Network of ``G`` whose ``generate_html()`` is kg's offline, escaped page.

    The knowledge graph itself (typed nodes, DESIGN.md contract 2) gives the whole-graph page;
    any other graph is drawn as a co-author graph, and ``graph`` (the knowledge graph) adds the
    papers, organisations and topics to its tooltips. ``G`` is never modified.
    """
    if G.is_directed() and any(d.get("type") in KINDS for _, d in G.nodes(data=True)):
        kg_graph = cast("nx.MultiDiGraph[str]", G)  # directed, with the node types of contract 2
        return knowledge_graph_network(
            kg_graph, size_by=size_by, max_nodes=max_nodes, seed=seed, heading=heading
        )
    if G.is_directed() or G.is_multigraph():
        G = nx.Graph(G)  # a copy: the caller's graph is never modified
    return coauthor_network(G, graph, size_by=size_by, max_nodes=max_nodes, seed=seed, heading=heading)
