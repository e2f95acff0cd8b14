"""The co-author page (``coauthors.html``): authors sized by centrality, coloured by community,
linked by shared papers."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.defaults import SEED, SIZE_BY
from kg.export.html import page_keys as keys
from kg.export.html.authors import (
    author_groups,
    author_info,
    author_scores,
    group_legend,
    metrics,
    most_central,
)
from kg.export.html.graph_links import GraphLinks
from kg.export.html.layout import packed_layout
from kg.export.html.numeric import is_int, node_size, rescaled
from kg.export.html.tables import Interned, paper_row, tables
from kg.export.html.template import PHYSICS_NODE_LIMIT, page_network, short_label

MAX_LABELS = 25  # labels on the most central authors only; the rest on hover


def coauthor_network(
    C: nx.Graph[Any],
    graph: nx.MultiDiGraph[str] | None = None,
    *,
    size_by: str = SIZE_BY,
    max_nodes: int | None = None,
    seed: int = SEED,
    heading: str | None = None,
) -> Network:
    """The co-author page: size by centrality, colour by community, width by shared papers."""
    scores = author_scores(C, size_by)
    notes = [scores.note] if scores.note else []
    kept = most_central(C, scores.values, max_nodes)
    S = C if len(kept) == len(C) else _induced(C, kept)
    if len(kept) < len(C):
        notes.append(
            f"Showing the {len(kept):,} most central authors (by {scores.label}) of "
            f"{len(C):,}, and the {S.number_of_edges():,} co-author links among them "
            f"(of {C.number_of_edges():,})."
        )
    groups = author_groups(S)
    legend, group_of = group_legend(S, groups, scores.values)
    links = GraphLinks(graph) if graph is not None else None
    papers = Interned(lambda p: paper_row(p, links))
    topics = Interned(lambda t: links.label(t) if links else str(t))
    positions = packed_layout(S, seed)
    labelled = set(most_central(S, scores.values, _label_count(len(S))))
    relative = rescaled(scores.values, S)
    sizes = (8.0, 28.0) if len(S) <= PHYSICS_NODE_LIMIT else (4.0, 16.0)  # dense: smaller dots

    nodes = []
    for n in sorted(S, key=str):
        paper_ids = links.authored.get(n, []) if links else _papers_from_edges(S, n)
        info = author_info(n, S.nodes[n], paper_ids, links, papers, topics)
        info.update(
            {
                keys.GROUP: group_of[n],
                keys.METRICS: metrics(n, S.nodes[n], scores),
                keys.FACETS: {
                    keys.FACET_GROUPS: [group_of[n]],
                    keys.FACET_TOPICS: sorted(t for t, _ in info[keys.TOPICS]),
                    keys.FACET_YEARS: _years(paper_ids, links),
                },
            }
        )
        x, y = positions[n]
        nodes.append(
            {
                "id": n,
                "label": short_label(info[keys.NAME]) if n in labelled else "",
                "x": x,
                "y": y,
                "size": node_size(relative[n], *sizes),
                "shape": "dot",
                "color": legend[group_of[n]]["color"],
                keys.FACTS: info,
            }
        )
    edges = []
    for i, (u, v, data) in enumerate(sorted(S.edges(data=True), key=lambda e: _edge_key(*e[:2]))):
        u, v = _edge_key(u, v, ids=True)
        weight = int(data.get("weight") or 1)
        edges.append(
            {
                "id": f"e{i}",
                "from": u,
                "to": v,
                "width": _edge_width(weight),
                keys.FACTS: {
                    keys.WEIGHT: weight,
                    keys.EDGE_PAPERS: [papers.add(p) for p in data.get("papers", [])],
                },
            }
        )
    page = {
        "kind": "coauthors",
        "subtitle": f"{len(S):,} authors · {S.number_of_edges():,} co-author links",
        "notes": notes,
        "legend_title": groups.title,
        "legend": legend,
        "legend_filters": "group",
        "groups_title": groups.title,
        "group_noun": groups.noun,
        "groups": legend,
        "encoding": f"Size: {scores.label} · Colour: {groups.noun.lower()} · Line width: shared papers",
        "noun": ["author", "authors"],
        **tables(nodes, papers, topics),
    }
    return page_network(nodes, edges, page, heading or "Co-author network")


def _induced(C: nx.Graph[Any], nodes: list[Any]) -> nx.Graph[Any]:
    """C's subgraph on ``nodes``, as ``C.subgraph(nodes).copy()`` makes it (same node and
    neighbour order) without going through filtered views, which cost seconds on big graphs."""
    keep = set(nodes)
    S: nx.Graph[Any] = nx.Graph()
    S.add_nodes_from((n, d) for n, d in C.nodes(data=True) if n in keep)
    S.add_edges_from(
        (u, v, d) for u, neighbours in C.adj.items() if u in keep for v, d in neighbours.items() if v in keep
    )
    return S


def _label_count(n: int) -> int:
    """How many of ``n`` authors get a label: all of a handful, about 1.5 sqrt(n), at most MAX_LABELS."""
    return min(MAX_LABELS, max(12, round(1.5 * math.sqrt(n))))


def _papers_from_edges(C: nx.Graph[Any], n: Any) -> list[Any]:
    """Without the knowledge graph, an author's papers are known only through co-author edges."""
    return sorted({p for _, _, d in C.edges(n, data=True) for p in d.get("papers", [])}, key=str)


def _years(paper_ids: list[Any], links: GraphLinks | None) -> list[int]:
    if links is None:
        return []
    years = {links.graph.nodes[p].get("year") for p in paper_ids if p in links.graph}
    return sorted(y for y in years if is_int(y))


def _edge_key(u: Any, v: Any, ids: bool = False) -> tuple[Any, ...]:
    """An undirected edge's ends in a stable order (by their text); ``ids`` gives the ids."""
    a, b = (u, v) if str(u) <= str(v) else (v, u)
    return (a, b) if ids else (str(a), str(b))


def _edge_width(weight: int) -> float:
    return round(min(8.0, 1.0 + 1.4 * math.log2(max(1, weight))), 2)
