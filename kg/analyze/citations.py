"""Citation analyses, plain functions over the directed citation graph
(:meth:`kg.graph.KnowledgeGraph.citations`: papers and cited works, edges citing -> cited).

- :func:`cocitation` and :func:`coupling`: the co-citation and bibliographic-coupling networks,
  from one sparse citing x cited matrix (``AᵀA`` and ``AAᵀ``), thresholded, never dense;
- :func:`h_index` and :func:`author_citations`: citation totals and h-index of authors;
- :func:`main_path`: the main path of the local citation network (search path count, SPC, with a
  forward local search, after Hummon and Doreian 1989 and Batagelj 2003, as CiteSpace and
  bibliometrix do).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse


def _citation_matrix(D: nx.DiGraph[str]) -> tuple[Any, list[str], list[str]]:
    """A (citing x cited) 0/1 sparse matrix of D's edges, with the row and column node ids."""
    citing = sorted({u for u, _ in D.edges()})
    cited = sorted({v for _, v in D.edges()})
    row = {n: i for i, n in enumerate(citing)}
    col = {n: i for i, n in enumerate(cited)}
    rows = [row[u] for u, _ in D.edges()]
    cols = [col[v] for _, v in D.edges()]
    data = np.ones(len(rows), dtype=np.int32)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(citing), len(cited)))
    return matrix, citing, cited


def _pairs_graph(product: Any, ids: list[str], min_strength: int, D: nx.DiGraph[str]) -> nx.Graph[str]:
    """The undirected graph of the pairs of ``ids`` whose entry in the square sparse ``product``
    is at least ``min_strength`` (the diagonal left out), ``weight`` = that entry."""
    upper = sparse.triu(product, k=1).tocoo()
    keep = upper.data >= min_strength
    G: nx.Graph[str] = nx.Graph()
    pairs = sorted(
        (ids[i], ids[j], int(w))
        for i, j, w in zip(upper.row[keep], upper.col[keep], upper.data[keep], strict=True)
    )
    nodes = sorted({n for a, b, _ in pairs for n in (a, b)})
    G.add_nodes_from((n, {"type": D.nodes[n].get("type"), "label": D.nodes[n].get("label")}) for n in nodes)
    G.add_edges_from((a, b, {"weight": w}) for a, b, w in pairs)
    return G


def cocitation(D: nx.DiGraph[str], min_strength: int = 1) -> nx.Graph[str]:
    """Two papers or works are co-cited when one paper cites both; ``weight``: by how many."""
    if D.number_of_edges() == 0:
        return nx.Graph()
    matrix, _, cited = _citation_matrix(D)
    return _pairs_graph(matrix.T @ matrix, cited, min_strength, D)


def coupling(D: nx.DiGraph[str], min_strength: int = 1) -> nx.Graph[str]:
    """Two papers are bibliographically coupled when they cite a same work; ``weight``: how many
    references they share."""
    if D.number_of_edges() == 0:
        return nx.Graph()
    matrix, citing, _ = _citation_matrix(D)
    return _pairs_graph(matrix @ matrix.T, citing, min_strength, D)


def h_index(counts: Iterable[int]) -> int:
    """The largest h such that h of the counts are at least h."""
    ranked = sorted(counts, reverse=True)
    return sum(1 for rank, count in enumerate(ranked, start=1) if count >= rank)


def author_citations(G: nx.MultiDiGraph[str]) -> dict[str, dict[str, int | None]]:
    """Per author: ``corpus_citations`` (citations their papers get from papers of the corpus),
    ``corpus_h_index`` (its h-index), and ``global_h_index`` from the counts the sources report
    (None when no paper of theirs has one)."""
    papers_of: dict[str, list[str]] = defaultdict(list)
    for author, paper, key in G.edges(keys=True):
        if key == "AUTHORED":
            papers_of[author].append(paper)
    out: dict[str, dict[str, int | None]] = {}
    for author, papers in papers_of.items():
        local = [int(G.nodes[p].get("local_citations") or 0) for p in papers]
        reported = [G.nodes[p].get("global_citations") for p in papers]
        known = [int(c) for c in reported if c is not None]
        out[author] = {
            "corpus_citations": sum(local),
            "corpus_h_index": h_index(local),
            "global_h_index": h_index(known) if known else None,
        }
    return out


def main_path(D: nx.DiGraph[str]) -> tuple[list[str], int]:
    """The main path of the corpus papers' citation network, oldest first, and the number of
    citations left out to make the network acyclic (papers citing each other, a preprint and its
    version).

    Knowledge flows from the cited to the citing paper. Each link u -> v weighs SPC(u, v) =
    (paths from any source to u) x (paths from v to any sink); the path starts at the heaviest
    link leaving a source and follows, from each paper, its heaviest link onward (ties: the
    smaller id) until a sink."""
    flow: nx.DiGraph[str] = nx.DiGraph()
    papers = [n for n, d in D.nodes(data=True) if d.get("type") == "Paper"]
    flow.add_nodes_from(papers)
    flow.add_edges_from((v, u) for u, v in D.edges() if u in flow and v in flow)
    dropped = 0
    for component in nx.strongly_connected_components(flow):
        if len(component) > 1:
            inner = [(u, v) for u, v in flow.subgraph(component).edges()]
            flow.remove_edges_from(inner)
            dropped += len(inner)
    flow.remove_nodes_from([n for n in list(flow) if flow.degree(n) == 0])
    if flow.number_of_edges() == 0:
        return [], dropped
    order = list(nx.lexicographical_topological_sort(flow))
    from_sources = {n: 1 if flow.in_degree(n) == 0 else 0 for n in order}
    for n in order:
        for m in flow.successors(n):
            from_sources[m] += from_sources[n]
    to_sinks = {n: 1 if flow.out_degree(n) == 0 else 0 for n in order}
    for n in reversed(order):
        for m in flow.successors(n):
            to_sinks[n] += to_sinks[m]

    def weight(u: str, v: str) -> int:
        return from_sources[u] * to_sinks[v]

    starts = [(u, v) for u in order if flow.in_degree(u) == 0 for v in flow.successors(u)]
    u, v = min(starts, key=lambda e: (-weight(*e), e))
    path = [u, v]
    while flow.out_degree(path[-1]):
        here = path[-1]
        path.append(min(flow.successors(here), key=lambda m: (-weight(here, m), m)))
    return path, dropped


def annotate_citations(G: nx.MultiDiGraph[str], D: nx.DiGraph[str], top: int = 10) -> dict[str, Any]:
    """Author citation indicators on Author nodes, and ``analyses["citations"]``: the most cited
    papers and works (local, and global where reported) and the main path. Nothing when G has
    no citation layer."""
    if "citations" not in G.graph:
        return {}
    for author, values in author_citations(G).items():
        G.nodes[author].update(values)
    path, dropped = main_path(D)

    def ranked(attribute: str, types: tuple[str, ...]) -> list[dict[str, Any]]:
        found = [
            (int(d[attribute]), n)
            for n, d in G.nodes(data=True)
            if d.get("type") in types and d.get(attribute)
        ]
        return [{"id": n, attribute: c} for c, n in sorted(found, key=lambda x: (-x[0], x[1]))[:top]]

    return {
        "citations": {
            "most_cited_local": ranked("local_citations", ("Paper", "Work")),
            "most_cited_global": ranked("global_citations", ("Paper",)),
            "main_path": path,
            "main_path_method": "search path count (SPC), forward local search",
            "main_path_cycles_dropped": dropped,
        }
    }
