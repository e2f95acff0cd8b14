"""Resolved entities -> the networkx MultiDiGraph of DESIGN.md contract 2, and its projections."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx



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
