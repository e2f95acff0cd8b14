"""Co-author analysis: centralities and communities of the author graph, computed with igraph.

The author graph is the one :func:`kg.graph.coauthor_graph` defines (an edge per pair of authors
who share a paper, ``weight`` = shared papers). It is built here straight from the AUTHORED edges
as a sparse product (papers x authors)^T (papers x authors), because the networkx projection alone
takes longer than the whole analysis at 100k papers; tests check that both give the same graph.

Conventions (networkx semantics, so that ``nx.*_centrality`` on the co-author graph gives the same
numbers; tests check it):

* ``degree``: co-authors / (n - 1). ``weighted_degree``: shared papers summed over co-authors.
* ``betweenness``: normalised, hop distances. Above ``exact_limit`` authors it is estimated from
  ``k`` pivot sources drawn as ``nx.betweenness_centrality(G, k=k, seed=seed)`` draws them
  (``random.Random(seed).sample`` over the node order) and scaled the same way, so networkx with the
  same ``k`` and ``seed`` gives the same estimate.
* ``closeness``: hop distances, Wasserman-Faust scaled for disconnected graphs (networkx's
  ``wf_improved``): ``(r-1)/sum(d) * (r-1)/(n-1)`` with ``r`` the size of the author's component.
  A component larger than ``exact_limit`` is estimated from ``k`` pivots drawn uniformly from it
  (Eppstein-Wang): ``sum(d) ~ r/k * sum of the distances to the pivots``.
* ``eigenvector``: weighted by shared papers. On a disconnected graph the leading eigenvector is
  not unique, so each component ``c`` gets its own unit-length leading eigenvector scaled by
  ``lambda_c / lambda_max`` (its leading eigenvalue over the largest one). A connected graph gets
  exactly networkx's ``eigenvector_centrality``, the dominant component gets networkx's values
  too, smaller or sparser components rank below it, and an author without co-authors gets 0.
* ``pagerank``: weighted by shared papers, damping 0.85, solved to machine precision (ARPACK).
* communities: Leiden, modularity objective (resolution 1, weighted), seeded, ``LEIDEN_ITERATIONS``
  rounds (on a graph without community structure "until stable" can take many times longer for a
  gain in the third decimal of modularity).
"""

from __future__ import annotations

import random
import warnings
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
from scipy import sparse

from kg.defaults import SEED
from kg.measures import MEASURES
from kg.parallel import ChildCall

#: Up to this many authors, betweenness and closeness are exact (O(n*m)); above, sampled.
EXACT_LIMIT = 5000
#: Pivot sources of the sampled estimates; the relative error shrinks as 1/sqrt(k).
SAMPLES = 512
#: Above this many authors, ``LARGE_SAMPLES`` pivots: each pivot costs a BFS over the whole graph,
#: so time grows as k * m; at 67k authors 256 pivots halve 27 CPU s for a sqrt(2) larger error.
LARGE_GRAPH = 50000
LARGE_SAMPLES = 256
#: Above this many authors, ``HUGE_SAMPLES``: a pivot's search grows with the edges too (0.7 s at
#: 615k authors and 4.3M edges), and 128 pivots there cost about what 256 do at 250k authors.
HUGE_GRAPH = 250_000
HUGE_SAMPLES = 128
#: Above this many authors (and with workers), a forked child computes half the betweenness
#: pivots: below, the whole estimate takes a few seconds.
PARALLEL_AUTHORS = LARGE_GRAPH
DAMPING = 0.85
LEIDEN_ITERATIONS = 8
#: Distances from this many pivots are held in memory at once (rows x authors floats).
_PIVOT_CHUNK = 32


@dataclass(frozen=True)
class CoauthorNetwork:
    """The co-author graph as arrays: vertex ``i`` is ``ids[i]``; ``edges[j] = (a, b)``, a < b."""

    ids: tuple[str, ...]
    edges: np.ndarray  # (m, 2) int64
    weights: np.ndarray  # (m,) float64, shared papers

    @cached_property
    def igraph(self) -> ig.Graph:
        """The same graph in igraph (built once; the analyses only read it)."""
        g = ig.Graph(n=len(self.ids), edges=self.edges, directed=False)
        g.es["weight"] = self.weights.tolist()
        return g


@dataclass(frozen=True)
class Communities:
    """``membership[i]`` is the community of vertex ``i``: 0 is the largest, ties by smallest id."""

    membership: np.ndarray
    modularity: float
    parameters: dict[str, Any]


def coauthor_network(G: nx.MultiDiGraph[str]) -> CoauthorNetwork:
    """The co-author graph of ``G`` (same as :func:`kg.graph.coauthor_graph`), authors sorted by id."""
    authors = sorted(n for n, d in G.nodes(data=True) if d.get("type") == "Author")
    author_index = {a: i for i, a in enumerate(authors)}
    paper_index: dict[str, int] = {}
    rows, cols = [], []
    for u, v, key in G.edges(keys=True):
        if key == "AUTHORED" and u in author_index and G.nodes[v].get("type") == "Paper":
            rows.append(paper_index.setdefault(v, len(paper_index)))
            cols.append(author_index[u])
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(paper_index), len(authors)))
    incidence.data[:] = 1.0  # an author listed twice on a paper still shares it once
    shared = sparse.triu(incidence.T @ incidence, k=1).tocoo()
    order = np.lexsort((shared.col, shared.row))
    edges = np.column_stack((shared.row[order], shared.col[order])).astype(np.int64)
    return CoauthorNetwork(tuple(authors), edges.reshape(-1, 2), shared.data[order].astype(np.float64))


def network_from_graph(C: nx.Graph[str], weight: str = "weight") -> CoauthorNetwork:
    """A weighted undirected networkx graph as a :class:`CoauthorNetwork`, in its node order."""
    ids = tuple(C.nodes())
    index = {node: i for i, node in enumerate(ids)}
    pairs = [
        (min(index[u], index[v]), max(index[u], index[v]), float(w))
        for u, v, w in C.edges(data=weight, default=1.0)
        if u != v
    ]
    pairs.sort()
    edges = np.array([(a, b) for a, b, _ in pairs], dtype=np.int64).reshape(-1, 2)
    return CoauthorNetwork(ids, edges, np.array([w for *_, w in pairs], dtype=np.float64))


def pivot_count(authors: int) -> int:
    """Pivots of the sampled betweenness and closeness for a graph of this many authors."""
    if authors > HUGE_GRAPH:
        return HUGE_SAMPLES
    return LARGE_SAMPLES if authors > LARGE_GRAPH else SAMPLES


def centralities(
    net: CoauthorNetwork,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
    samples: int | None = None,
    workers: int = 1,
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Every measure of :data:`MEASURES` per vertex, and the parameters used (for ``analyses``).
    ``samples``: pivots of the sampled estimates, by default :func:`pivot_count`. ``workers``:
    with 2 or more, a child process shares the sampled betweenness of a large graph (same numbers)."""
    g = net.igraph
    n = g.vcount()
    samples = pivot_count(n) if samples is None else samples
    components = [np.array(c, dtype=np.int64) for c in g.connected_components()]
    betweenness, betweenness_params = _betweenness(g, seed, exact_limit, samples, workers)
    closeness, closeness_params = _closeness(g, components, seed, exact_limit, samples)
    values = {
        "degree": _degree(g),
        "weighted_degree": np.array(g.strength(weights="weight"), dtype=np.float64) if n else np.zeros(0),
        "betweenness": betweenness,
        "closeness": closeness,
        "eigenvector": _eigenvector(g, components, seed),
        "pagerank": _pagerank(g, seed),
    }
    parameters = {
        "degree": {"method": "exact", "normalized": True},
        "weighted_degree": {"method": "exact", "weight": "shared papers"},
        "betweenness": betweenness_params,
        "closeness": closeness_params,
        "eigenvector": {
            "method": "exact, per connected component, scaled by its leading eigenvalue over the largest",
            "weight": "shared papers",
        },
        "pagerank": {"method": "exact (ARPACK)", "damping": DAMPING, "weight": "shared papers"},
    }
    return values, parameters


def _degree(g: ig.Graph) -> np.ndarray:
    n = g.vcount()
    if n <= 1:
        return np.ones(n)
    degree: np.ndarray = np.array(g.degree(), dtype=np.float64) / (n - 1)
    return degree


def _pagerank(g: ig.Graph, seed: int) -> np.ndarray:
    """ARPACK: as exact as PRPACK (1e-12 from networkx at tol 1e-13) and 8x faster on 200k edges;
    its random start vector is seeded so that the last digits hold."""
    if g.vcount() == 0:
        return np.zeros(0)
    with _seeded_igraph(seed):
        return np.array(
            g.pagerank(weights="weight", damping=DAMPING, directed=False, implementation="arpack")
        )


def pivots(population: int, k: int, seed: int) -> list[int]:
    """The positions networkx's ``betweenness_centrality(G, k=k, seed=seed)`` uses as sources."""
    return random.Random(seed).sample(range(population), k)


def _betweenness(
    g: ig.Graph, seed: int, exact_limit: int, samples: int, workers: int = 1
) -> tuple[np.ndarray, dict[str, Any]]:
    n = g.vcount()
    if n <= exact_limit or samples >= n:
        raw = np.array(g.betweenness(directed=False), dtype=np.float64) if n else np.zeros(0)
        scaled = raw * 2 / ((n - 1) * (n - 2)) if n > 2 else np.zeros(n)
        return scaled, {"method": "exact", "normalized": True}
    sources = pivots(n, samples, seed)
    raw = _dependencies(g, sources, in_child=workers > 1 and n > PARALLEL_AUTHORS)
    # igraph counts each unordered (source, target) pair once, networkx both orders; a source
    # cannot lie on its own paths, so it is averaged over the other k - 1 sources (networkx 3.5+).
    per_source = np.full(n, float(samples))
    per_source[sources] = samples - 1
    scaled = raw * 2 / (per_source * (n - 2))
    return scaled, {
        "method": "sampled",
        "k": samples,
        "seed": seed,
        "normalized": True,
        "sources": "random.Random(seed).sample(authors in id order, k), as networkx",
    }


def _dependencies(g: ig.Graph, sources: list[int], in_child: bool) -> np.ndarray:
    """igraph's betweenness counted from ``sources`` only. The sources are taken in two halves
    whose sums are added, so the numbers are the same whether or not a forked child computes
    the second half (``in_child``): each source costs a search of the whole graph (0.7 s at
    600k authors), and the child takes half of them."""
    half = len(sources) // 2
    with ChildCall(_dependencies_from, g, sources[half:], in_child=in_child) as second:
        first = _dependencies_from(g, sources[:half])
        total: np.ndarray = first + second.result()
        return total


def _dependencies_from(g: ig.Graph, sources: list[int]) -> np.ndarray:
    if not sources:
        return np.zeros(g.vcount())
    return np.array(g.betweenness(directed=False, sources=sources), dtype=np.float64)


def _closeness(
    g: ig.Graph, components: list[np.ndarray], seed: int, exact_limit: int, samples: int
) -> tuple[np.ndarray, dict[str, Any]]:
    n = g.vcount()
    closeness = np.zeros(n)
    if n <= 1:
        return closeness, {"method": "exact", "wf_improved": True}
    small = [c for c in components if len(c) <= exact_limit or len(c) <= samples]
    large = [c for c in components if not (len(c) <= exact_limit or len(c) <= samples)]
    exact_vertices = np.concatenate(small) if small else np.zeros(0, dtype=np.int64)
    if len(exact_vertices):
        within = np.array(g.closeness(vertices=exact_vertices.tolist(), normalized=True))
        sizes = np.zeros(n)
        for c in small:
            sizes[c] = len(c)
        closeness[exact_vertices] = np.nan_to_num(within) * (sizes[exact_vertices] - 1) / (n - 1)
    for index, members in enumerate(large):
        closeness[members] = _sampled_closeness(g, members, n, samples, seed + index)
    if not large:
        return closeness, {"method": "exact", "wf_improved": True}
    return closeness, {
        "method": "sampled",
        "k": samples,
        "seed": seed,
        "wf_improved": True,
        "exact_below": exact_limit + 1,
        "sampled_components": len(large),
        "sources": "per component larger than the limit: random.Random(seed + i)"
        ".sample(its authors in id order, k)",
    }


def _sampled_closeness(g: ig.Graph, members: np.ndarray, n: int, k: int, seed: int) -> np.ndarray:
    """Eppstein-Wang estimate over one connected component, Wasserman-Faust scaled."""
    chosen = members[pivots(len(members), k, seed)]
    distance_sums = np.zeros(len(members))
    for start in range(0, k, _PIVOT_CHUNK):
        block = g.distances(source=chosen[start : start + _PIVOT_CHUNK].tolist(), target=members.tolist())
        distance_sums += np.asarray(block, dtype=np.float64).sum(axis=0)
    size = len(members)
    estimated_total = distance_sums * size / k
    with np.errstate(divide="ignore"):
        within = np.where(estimated_total > 0, (size - 1) / estimated_total, 0.0)
    return within * (size - 1) / (n - 1)


def _eigenvector(g: ig.Graph, components: list[np.ndarray], seed: int) -> np.ndarray:
    n = g.vcount()
    result = np.zeros(n)
    leading: list[tuple[np.ndarray, np.ndarray, float]] = []
    with _seeded_igraph(seed), warnings.catch_warnings():  # ARPACK starts from a random vector
        # igraph warns when far-out authors of a large component score nearly 0: expected here
        warnings.filterwarnings("ignore", "Some eigenvector centralities are nearly zero", RuntimeWarning)
        for members in components:
            if len(members) < 2:
                continue  # no co-author: centrality 0
            sub = g.induced_subgraph(members.tolist())
            vector, eigenvalue = sub.eigenvector_centrality(weights="weight", return_eigenvalue=True)
            vector = np.array(vector)
            leading.append((members, vector / np.linalg.norm(vector), float(eigenvalue)))
    largest = max((eigenvalue for *_, eigenvalue in leading), default=0.0)
    for members, vector, eigenvalue in leading:
        result[members] = vector * (eigenvalue / largest)
    return result


@contextmanager
def _seeded_igraph(seed: int) -> Iterator[None]:
    """igraph draws from Python's ``random`` module; give it its own seeded generator meanwhile."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def communities(net: CoauthorNetwork, seed: int = SEED, resolution: float = 1.0) -> Communities:
    """Leiden communities (modularity objective, weighted) with stable ids, and their modularity."""
    g = net.igraph
    parameters = {
        "method": "leiden",
        "objective": "modularity",
        "resolution": resolution,
        "weight": "shared papers",
        "iterations": LEIDEN_ITERATIONS,
        "seed": seed,
    }
    if g.vcount() == 0:
        return Communities(np.zeros(0, dtype=np.int64), 0.0, parameters)
    with _seeded_igraph(seed):
        found = g.community_leiden(
            objective_function="modularity",
            weights="weight",
            resolution=resolution,
            n_iterations=LEIDEN_ITERATIONS,
        )
    membership = stable_ids(found.membership, net.ids)
    modularity = g.modularity(membership.tolist(), weights="weight") if g.ecount() else 0.0
    return Communities(membership, float(modularity), parameters)


def stable_ids(membership: Sequence[int], ids: Sequence[Hashable]) -> np.ndarray:
    """Renumber groups: 0 is the largest, ties broken by the smallest member id."""
    groups: dict[int, list[Hashable]] = {}
    for label, node in zip(membership, ids, strict=True):
        groups.setdefault(label, []).append(node)
    order = sorted(groups, key=lambda label: (-len(groups[label]), min(map(str, groups[label]))))
    renumber = {label: new for new, label in enumerate(order)}
    return np.array([renumber[label] for label in membership], dtype=np.int64)


def annotate_coauthors(G: nx.MultiDiGraph[str], seed: int = SEED, workers: int = 1) -> dict[str, Any]:
    """Write every centrality and ``community`` onto G's Author nodes; return the ``analyses``
    entries (parameters, and the communities described by members and top topics)."""
    net = coauthor_network(G)
    values, parameters = centralities(net, seed, workers=workers)
    found = communities(net, seed)
    labels = community_labels(G, net.ids, found.membership, values["pagerank"])
    for i, author in enumerate(net.ids):
        node = G.nodes[author]
        for measure in MEASURES:
            node[measure] = float(values[measure][i])
        node["community"] = int(found.membership[i])
        node["community_label"] = labels[int(found.membership[i])]
    parameters["coauthor_graph"] = {
        "authors": len(net.ids),
        "edges": int(len(net.edges)),
        "weight": "shared papers",
    }
    parameters["communities"] = {
        **found.parameters,
        "modularity": found.modularity,
        "count": int(found.membership.max()) + 1 if len(found.membership) else 0,
        "communities": [
            {**described, "label": labels[described["id"]]}
            for described in describe_communities(G, net.ids, found.membership)
        ],
    }
    return parameters


def community_labels(
    G: nx.MultiDiGraph[str], ids: Sequence[str], membership: np.ndarray, pagerank: np.ndarray
) -> dict[int, str]:
    """Each community's name, the one every output shows: its most central member (PageRank;
    ties by id), ``"<name> & co."`` when it has others (``"Kyungwoo Song & co."``)."""
    lead: dict[int, tuple[float, str]] = {}
    size: Counter[int] = Counter()
    for author, community, score in zip(ids, membership.tolist(), pagerank.tolist(), strict=True):
        size[community] += 1
        if community not in lead or (-score, author) < (-lead[community][0], lead[community][1]):
            lead[community] = (score, author)
    labels = {}
    for community, (_, author) in lead.items():
        data = G.nodes[author]
        name = str(data.get("name") or data.get("label") or author)
        labels[community] = name if size[community] == 1 else f"{name} & co."
    return labels


def describe_communities(
    G: nx.MultiDiGraph[str], ids: Sequence[str], membership: np.ndarray, top: int = 3
) -> list[dict[str, Any]]:
    """Per community: its members (sorted ids), how many papers they wrote, and the arXiv
    category topics most of those papers have (each paper counted once per community)."""
    papers_of: dict[str, list[str]] = {}
    categories_of: dict[str, list[str]] = {}
    for u, v, key in G.edges(keys=True):
        if key == "AUTHORED":
            papers_of.setdefault(u, []).append(v)
        elif key == "HAS_TOPIC" and G.nodes[v].get("scheme") == "arxiv":
            categories_of.setdefault(u, []).append(v)
    members: dict[int, list[str]] = {}
    for author, community in zip(ids, membership.tolist(), strict=True):
        members.setdefault(community, []).append(author)
    described = []
    for community in sorted(members):
        papers = {p for a in members[community] for p in papers_of.get(a, ())}
        counts = Counter(t for p in papers for t in categories_of.get(p, ()))
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
        described.append(
            {
                "id": community,
                "size": len(members[community]),
                "members": sorted(members[community]),
                "papers": len(papers),
                "top_topics": [
                    {
                        "topic": t,
                        "code": G.nodes[t].get("code"),
                        "label": G.nodes[t].get("label"),
                        "papers": n,
                    }
                    for t, n in ranked
                ],
            }
        )
    return described
