"""kg's co-author analysis (igraph) against networkx on a random weighted graph; prints figures.

    python benchmarks/analysis_bench.py [--nodes 20000] [--edges 200000] [--seed 42]
                                        [--samples 512] [--exact-limit 5000]

Each measure is computed both ways with the same parameters and compared value by value (max
absolute difference over all authors):

* degree, PageRank (weighted), eigenvector (weighted; the random graph is connected, so kg's
  per-component scaling is the identity): networkx's own functions;
* betweenness: ``nx.betweenness_centrality(C, k, seed)``, which draws the same pivots as kg;
* closeness: above ``--exact-limit`` kg estimates it from ``k`` pivots; the networkx reference is
  the same estimate with ``nx.single_source_shortest_path_length`` from the same pivots. Exact
  networkx closeness is O(n*m): it is timed on 100 sources and scaled to all, for scale only;
* communities: kg's Leiden against networkx's Louvain (different algorithms: modularity compared).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.analyze.coauthors import (  # noqa: E402
    centralities,
    communities,
    network_from_graph,
    pivots,
)


def random_coauthor_graph(nodes: int, edges: int, seed: int) -> nx.Graph:
    """G(n, m) with string author ids and shared-paper weights (mostly 1, geometric tail)."""
    C = nx.gnm_random_graph(nodes, edges, seed=seed)
    rng = np.random.default_rng(seed)
    weights = rng.geometric(0.6, size=C.number_of_edges())
    for (u, v), w in zip(C.edges(), weights.tolist(), strict=True):
        C[u][v]["weight"] = w
    return nx.relabel_nodes(C, {i: f"author:{i:07d}" for i in C})


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def networkx_sampled_closeness(C: nx.Graph, k: int, seed: int) -> dict:
    """kg's pivot estimate, computed with networkx BFS (valid for a connected graph)."""
    nodes = list(C.nodes())
    n = len(nodes)
    totals = dict.fromkeys(nodes, 0)
    for index in pivots(n, k, seed):
        for node, d in nx.single_source_shortest_path_length(C, nodes[index]).items():
            totals[node] += d
    return {v: ((n - 1) / (t * n / k)) if t else 0.0 for v, t in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=20000)
    parser.add_argument("--edges", type=int, default=200000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--samples", type=int, default=512)
    parser.add_argument("--exact-limit", type=int, default=5000)
    args = parser.parse_args()

    C, seconds = timed(lambda: random_coauthor_graph(args.nodes, args.edges, args.seed))
    components = nx.number_connected_components(C)
    print(
        f"random graph: {C.number_of_nodes()} nodes, {C.number_of_edges()} edges, "
        f"{components} component(s) (made in {seconds:.1f} s)"
    )
    net, t_net = timed(lambda: network_from_graph(C))
    (values, params), t_kg = timed(lambda: centralities(net, args.seed, args.exact_limit, args.samples))
    found, t_comm = timed(lambda: communities(net, args.seed))
    print(f"kg: arrays from networkx {t_net:.2f} s, all six centralities {t_kg:.2f} s, Leiden {t_comm:.2f} s")
    for measure in ("betweenness", "closeness"):
        print(
            f"  {measure}: {params[measure]['method']}"
            + (
                f", k={params[measure]['k']}, seed={params[measure]['seed']}"
                if params[measure]["method"] == "sampled"
                else ""
            )
        )

    # kg's per-measure times, for the table (each measure alone).
    from kg.analyze import coauthors as ca

    g = net.igraph
    comps = [np.array(c) for c in g.connected_components()]
    kg_times = {
        "degree": timed(lambda: ca._degree(g))[1],
        "betweenness": timed(lambda: ca._betweenness(g, args.seed, args.exact_limit, args.samples))[1],
        "closeness": timed(lambda: ca._closeness(g, comps, args.seed, args.exact_limit, args.samples))[1],
        "pagerank": timed(lambda: ca._pagerank(g, args.seed))[1],
        "eigenvector": timed(lambda: ca._eigenvector(g, comps, args.seed))[1],
        "communities": t_comm,
    }
    sampled = params["betweenness"]["method"] == "sampled"
    k = args.samples if sampled else None
    references = {
        "degree": lambda: nx.degree_centrality(C),
        "betweenness": lambda: nx.betweenness_centrality(C, k=k, seed=args.seed),
        "closeness": (
            (lambda: networkx_sampled_closeness(C, args.samples, args.seed))
            if params["closeness"]["method"] == "sampled" and components == 1
            else (lambda: nx.closeness_centrality(C))
        ),
        "pagerank": lambda: nx.pagerank(C, weight="weight", tol=1e-10),
        "eigenvector": lambda: nx.eigenvector_centrality(C, weight="weight", max_iter=1000, tol=1e-10),
    }
    rows = []
    ids = net.ids
    for measure, reference in references.items():
        expected, t_nx = timed(reference)
        diff = max(abs(values[measure][i] - expected[a]) for i, a in enumerate(ids))
        rows.append((measure, kg_times[measure], t_nx, diff))
        print(f"  networkx {measure}: {t_nx:.1f} s", flush=True)
    louvain, t_louvain = timed(lambda: nx.community.louvain_communities(C, weight="weight", seed=args.seed))
    louvain_q = nx.community.modularity(C, louvain, weight="weight")
    rows.append(("communities", t_comm, t_louvain, None))

    print()
    print(f"{'measure':<12} {'kg s':>8} {'networkx s':>11} {'speedup':>8}  max |kg - networkx|")
    for measure, t_ours, t_ref, diff in rows:
        shown = "-" if diff is None else f"{diff:.1e}"
        print(f"{measure:<12} {t_ours:>8.2f} {t_ref:>11.2f} {t_ref / t_ours:>7.0f}x  {shown}")
    total_kg = t_net + t_kg + t_comm
    total_nx = sum(r[2] for r in rows)
    print(
        f"{'total':<12} {total_kg:>8.2f} {total_nx:>11.2f} {total_nx / total_kg:>7.0f}x  "
        "(kg total includes building its arrays from the networkx graph)"
    )
    print(
        f"modularity: kg Leiden {found.modularity:.4f} ({int(found.membership.max()) + 1} communities), "
        f"networkx Louvain {louvain_q:.4f} ({len(louvain)} communities)"
    )
    sources = random.Random(args.seed).sample(list(C.nodes()), 100)
    _, t_exact = timed(lambda: [nx.closeness_centrality(C, u=s) for s in sources])
    print(
        f"for scale: exact networkx closeness would take ~{t_exact * C.number_of_nodes() / 100:.0f} s "
        "(timed on 100 sources)"
    )


if __name__ == "__main__":
    main()
