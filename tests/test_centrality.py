"""Co-author centralities (kg.analyze.coauthors): hand-computed values on the tiny graph, and
agreement with networkx on the seeds and on random graphs (several components, isolated
authors, the sampled estimates)."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest
from conftest import ROOT, make_tiny_graph

from kg.analyze import analyze, coauthors
from kg.analyze.coauthors import (
    MEASURES,
    CoauthorNetwork,
    centralities,
    coauthor_network,
    network_from_graph,
    pivots,
)
from kg.graph import coauthor_graph

TOL = 1e-6


def _by_id(net: CoauthorNetwork, values: np.ndarray) -> dict:
    return dict(zip(net.ids, values.tolist(), strict=True))


def _assert_close(ours: dict, expected: dict, tol: float = TOL) -> None:
    assert ours.keys() == expected.keys()
    worst = max((abs(ours[k] - expected[k]), k) for k in ours)
    assert worst[0] <= tol, f"{worst[1]}: {ours[worst[1]]} != {expected[worst[1]]}"


# ------------------------------------------------------------------ the tiny graph, by hand
#
# Papers: t-1 by a,b,c; t-2 by a,c; t-3 by c,d; t-4 by d,e. Co-author edges (shared papers):
# a-b 1, a-c 2, b-c 1, c-d 1, d-e 1. n = 5 authors.


def test_tiny_graph_by_hand(tiny_graph):
    analyze(tiny_graph)
    got = {
        m: {a[len("author:") :]: d[m] for a, d in tiny_graph.nodes(data=True) if d["type"] == "Author"}
        for m in MEASURES
    }
    # degree = co-authors / (n - 1): a 2/4, b 2/4, c 3/4, d 2/4, e 1/4
    assert got["degree"] == {"a": 0.5, "b": 0.5, "c": 0.75, "d": 0.5, "e": 0.25}
    # weighted degree = shared papers summed: a 1+2, b 1+1, c 2+1+1, d 1+1, e 1
    assert got["weighted_degree"] == {"a": 3, "b": 2, "c": 4, "d": 2, "e": 1}
    # betweenness / C(n-1, 2) = 6 pairs: c lies on a-d, a-e, b-d, b-e (4/6); d on a-e, b-e,
    # c-e (3/6); a, b and e on no shortest path between others.
    _assert_close(got["betweenness"], {"a": 0, "b": 0, "c": 4 / 6, "d": 3 / 6, "e": 0}, 1e-12)
    # closeness = (n-1) / sum of hop distances: a 1+1+2+3, b 1+1+2+3, c 1+1+1+2, d 2+2+1+1,
    # e 3+3+2+1 (one component, so the Wasserman-Faust factor is 1)
    _assert_close(got["closeness"], {"a": 4 / 7, "b": 4 / 7, "c": 4 / 5, "d": 4 / 6, "e": 4 / 9}, 1e-12)
    # eigenvector: the unit leading eigenvector of the weighted adjacency matrix (a Perron
    # vector: positive); connected graph, so no component scaling.
    order = "abcde"
    A = np.zeros((5, 5))
    for (u, v), w in {("a", "b"): 1, ("a", "c"): 2, ("b", "c"): 1, ("c", "d"): 1, ("d", "e"): 1}.items():
        A[order.index(u), order.index(v)] = A[order.index(v), order.index(u)] = w
    eigenvalues, vectors = np.linalg.eigh(A)
    leading = np.abs(vectors[:, -1])
    _assert_close(got["eigenvector"], dict(zip(order, leading, strict=True)), 1e-9)
    # PageRank solves x = 0.15/n + 0.85 * x @ P with P the row-normalised weighted adjacency.
    P = A / A.sum(axis=1, keepdims=True)
    x = np.linalg.solve(np.eye(5) - 0.85 * P.T, np.full(5, 0.15 / 5))
    _assert_close(got["pagerank"], dict(zip(order, x, strict=True)), 1e-9)
    assert abs(sum(got["pagerank"].values()) - 1) < 1e-9
    assert max(got["pagerank"], key=got["pagerank"].get) == "c"


def test_attributes_are_plain_floats_and_parameters_recorded(tiny_graph):
    analyze(tiny_graph)
    for node, data in tiny_graph.nodes(data=True):
        if data["type"] == "Author":
            assert all(type(data[m]) is float for m in MEASURES), node
            assert type(data["community"]) is int
        else:
            assert "pagerank" not in data
    analyses = tiny_graph.graph["analyses"]
    json.dumps(analyses)  # serialisable as is (GraphML writes it as a JSON string)
    assert analyses["betweenness"]["method"] == "exact"
    assert analyses["closeness"] == {"method": "exact", "wf_improved": True}
    assert analyses["coauthor_graph"] == {"authors": 5, "edges": 5, "weight": "shared papers"}


# ------------------------------------------------------------------ the seeds, against networkx


def test_fast_projection_is_the_coauthor_graph(seeds_kg):
    net = coauthor_network(seeds_kg.graph)
    C = coauthor_graph(seeds_kg.graph)
    assert list(net.ids) == list(C.nodes())
    pairs = zip(net.edges.tolist(), net.weights.tolist(), strict=True)
    ours = {(net.ids[a], net.ids[b]): w for (a, b), w in pairs}
    assert ours == {tuple(sorted((u, v))): d["weight"] for u, v, d in C.edges(data=True)}
    assert any(w > 1 for w in ours.values())  # the seeds do have repeated collaborations


def _networkx_reference(C: nx.Graph) -> dict[str, dict]:
    return {
        "degree": nx.degree_centrality(C),
        "weighted_degree": dict(C.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(C),
        "closeness": nx.closeness_centrality(C),
        "pagerank": nx.pagerank(C, weight="weight", tol=1e-12, max_iter=10000),
        "eigenvector": _eigenvector_per_component(C),
    }


def _eigenvector_per_component(C: nx.Graph) -> dict:
    """networkx's eigenvector centrality of each component, times lambda_c / lambda_max (the
    eigenvalues from numpy), 0 for authors without co-authors."""
    parts = []
    for nodes in nx.connected_components(C):
        if len(nodes) < 2:
            parts.append(({n: 0.0 for n in nodes}, 0.0))
            continue
        sub = C.subgraph(nodes)
        eigenvalue = float(np.linalg.eigvalsh(nx.to_numpy_array(sub, weight="weight"))[-1])
        parts.append((nx.eigenvector_centrality(sub, weight="weight", tol=1e-12, max_iter=10000), eigenvalue))
    largest = max(e for _, e in parts)
    return {n: v * e / largest for values, e in parts for n, v in values.items()}


def test_seeds_agree_with_networkx(seeds_kg):
    C = seeds_kg.coauthors()
    assert nx.number_connected_components(C) > 1  # the interesting case for closeness/eigenvector
    expected = _networkx_reference(C)
    authors = seeds_kg.authors()
    for measure in MEASURES:
        _assert_close({a: d[measure] for a, d in authors.items()}, expected[measure])


def test_seeds_eigenvector_matches_networkx_on_the_dominant_component(seeds_kg):
    C = seeds_kg.coauthors()
    authors = seeds_kg.authors()
    top = max(authors, key=lambda a: authors[a]["eigenvector"])
    component = C.subgraph(nx.node_connected_component(C, top))
    expected = nx.eigenvector_centrality(component, weight="weight", tol=1e-12, max_iter=10000)
    _assert_close({a: authors[a]["eigenvector"] for a in component}, expected)
    alone = [a for a in C if C.degree(a) == 0]
    assert all(authors[a]["eigenvector"] == 0 for a in alone)


def test_seeds_summary_lists_the_pagerank_leaders(seeds_kg):
    from kg.summary import build_summary

    authors = seeds_kg.authors()
    leader = max(authors.values(), key=lambda d: (d["pagerank"], d["name"]))["name"]
    line = next(s for s in build_summary(seeds_kg, []) if "most central authors (PageRank)" in s)
    assert leader in line


# ------------------------------------------------------------------ random graphs


def _random_graph(n: int, m: int, seed: int, isolated: int = 0) -> nx.Graph:
    C = nx.gnm_random_graph(n, m, seed=seed)
    rng = random.Random(seed)
    for u, v in C.edges():
        C[u][v]["weight"] = rng.choice([1, 1, 1, 2, 3])
    C.add_nodes_from(range(n, n + isolated))
    return nx.relabel_nodes(C, {i: f"author:{i:05d}" for i in C})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_agree_with_networkx(seed):
    # sparse enough to fall apart into several components, plus authors without co-authors
    C = _random_graph(400, 380, seed, isolated=5)
    assert nx.number_connected_components(C) > 5
    net = network_from_graph(C)
    values, _ = centralities(net, seed=seed)
    expected = _networkx_reference(C)
    for measure in MEASURES:
        _assert_close(_by_id(net, values[measure]), expected[measure])


def test_sampled_betweenness_is_networkx_estimate():
    C = _random_graph(600, 2400, 5)
    net = network_from_graph(C)
    values, parameters = centralities(net, seed=7, exact_limit=100, samples=60)
    assert parameters["betweenness"] == {
        "method": "sampled",
        "k": 60,
        "seed": 7,
        "normalized": True,
        "sources": parameters["betweenness"]["sources"],
    }
    _assert_close(_by_id(net, values["betweenness"]), nx.betweenness_centrality(C, k=60, seed=7), 1e-12)


def test_betweenness_shared_with_a_child_gives_the_same_numbers(monkeypatch):
    C = _random_graph(600, 2400, 6)
    net = network_from_graph(C)
    alone, _ = centralities(net, seed=7, exact_limit=100, samples=61)
    calls = []
    real = coauthors.ChildCall

    def recorded(*args, **kwargs):
        calls.append(kwargs["in_child"])
        return real(*args, **kwargs)

    monkeypatch.setattr(coauthors, "ChildCall", recorded)
    monkeypatch.setattr(coauthors, "PARALLEL_AUTHORS", 100)
    shared, _ = centralities(net, seed=7, exact_limit=100, samples=61, workers=2)
    assert calls == [True]
    assert all(np.array_equal(alone[m], shared[m]) for m in MEASURES)
    _assert_close(_by_id(net, shared["betweenness"]), nx.betweenness_centrality(C, k=61, seed=7), 1e-12)


def test_sampled_closeness_is_the_pivot_estimate_and_close_to_exact():
    C = _random_graph(800, 4000, 9)
    assert nx.is_connected(C)
    net = network_from_graph(C)
    values, parameters = centralities(net, seed=3, exact_limit=200, samples=100)
    assert (parameters["closeness"]["method"], parameters["closeness"]["k"]) == ("sampled", 100)
    # the estimator, written out with networkx: sum of distances ~ n/k * distances to k pivots
    nodes = list(C)
    totals = dict.fromkeys(nodes, 0)
    for index in pivots(len(nodes), 100, 3):
        for node, d in nx.single_source_shortest_path_length(C, nodes[index]).items():
            totals[node] += d
    n = len(nodes)
    ours = _by_id(net, values["closeness"])
    _assert_close(ours, {v: (n - 1) / (t * n / 100) for v, t in totals.items()}, 1e-12)
    exact = nx.closeness_centrality(C)
    relative = [abs(ours[v] - exact[v]) / exact[v] for v in nodes]
    assert np.mean(relative) < 0.02 and max(relative) < 0.1


def test_sampling_only_above_the_limit_and_same_seed_same_numbers():
    C = _random_graph(300, 900, 4)
    net = network_from_graph(C)
    exact, parameters = centralities(net, seed=1, exact_limit=300, samples=50)
    assert parameters["betweenness"]["method"] == parameters["closeness"]["method"] == "exact"
    first, _ = centralities(net, seed=1, exact_limit=299, samples=50)
    again, _ = centralities(net, seed=1, exact_limit=299, samples=50)
    other, _ = centralities(net, seed=2, exact_limit=299, samples=50)
    assert all(np.array_equal(first[m], again[m]) for m in MEASURES)
    assert not np.array_equal(first["betweenness"], other["betweenness"])
    assert np.array_equal(first["pagerank"], exact["pagerank"])


def test_degenerate_graphs():
    empty = CoauthorNetwork((), np.zeros((0, 2), dtype=np.int64), np.zeros(0))
    values, _ = centralities(empty)
    assert all(len(v) == 0 for v in values.values())
    alone = network_from_graph(nx.empty_graph(["author:x"]))
    values, _ = centralities(alone)
    # networkx semantics: a single node has degree centrality 1, everything else 0 (PageRank 1)
    expected = {
        "degree": 1.0,
        "weighted_degree": 0.0,
        "betweenness": 0.0,
        "closeness": 0.0,
        "eigenvector": 0.0,
        "pagerank": 1.0,
    }
    assert {m: values[m][0] for m in MEASURES} == expected
    pair = network_from_graph(nx.Graph([("author:x", "author:y", {"weight": 2})]))
    values, _ = centralities(pair)
    assert values["betweenness"].tolist() == [0.0, 0.0] and values["closeness"].tolist() == [1.0, 1.0]


def test_graph_without_authors_is_annotated_without_error():
    G = make_tiny_graph()
    G.remove_nodes_from([n for n, d in list(G.nodes(data=True)) if d["type"] == "Author"])
    analyze(G)
    assert G.graph["analyses"]["communities"]["count"] == 0


@pytest.mark.slow  # a build in a fresh interpreter
def test_same_numbers_in_a_fresh_process():
    """ARPACK (eigenvector) starts from a random vector: kg seeds it, so the last digits hold."""
    code = (
        "import sys; sys.path.insert(0, 'tests'); from conftest import make_tiny_graph; "
        "from kg.analyze import analyze; G = make_tiny_graph(); analyze(G); "
        "print([repr(d.get(m)) for _, d in sorted(G.nodes(data=True)) "
        "for m in ('eigenvector', 'pagerank', 'closeness')])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        for _ in range(3)
    }
    assert len(runs) == 1


def test_fewer_pivots_as_the_graph_grows():
    counts = [
        coauthors.pivot_count(n)
        for n in (
            coauthors.LARGE_GRAPH,
            coauthors.LARGE_GRAPH + 1,
            coauthors.HUGE_GRAPH,
            coauthors.HUGE_GRAPH + 1,
        )
    ]
    assert counts == [
        coauthors.SAMPLES,
        coauthors.LARGE_SAMPLES,
        coauthors.LARGE_SAMPLES,
        coauthors.HUGE_SAMPLES,
    ]
    assert coauthors.SAMPLES > coauthors.LARGE_SAMPLES > coauthors.HUGE_SAMPLES
