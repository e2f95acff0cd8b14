"""Co-author communities (Leiden, modularity): hand-checked on the tiny graph, stable ids,
descriptions on the seeds, recovery of planted groups."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import pytest
from sklearn.metrics import adjusted_mutual_info_score

from kg.analyze import analyze
from kg.analyze.coauthors import coauthor_network, communities, network_from_graph, stable_ids


def test_tiny_graph_communities_by_hand(tiny_graph):
    analyze(tiny_graph)
    community = {a: d["community"] for a, d in tiny_graph.nodes(data=True) if d["type"] == "Author"}
    # The triangle a-b-c (a-c twice) against the pair d-e: the single bridge c-d is cut.
    assert community == {"author:a": 0, "author:b": 0, "author:c": 0, "author:d": 1, "author:e": 1}
    found = tiny_graph.graph["analyses"]["communities"]
    # Q = sum over groups of (internal weight / m) - (group degree / 2m)^2 with m = 6 shared
    # papers: {a,b,c}: 4/6 - (9/12)^2; {d,e}: 1/6 - (3/12)^2. Q = 0.2083...
    assert found["modularity"] == pytest.approx(4 / 6 - (9 / 12) ** 2 + 1 / 6 - (3 / 12) ** 2, abs=1e-12)
    assert found["count"] == 2
    first, second = found["communities"]
    assert first == {
        "id": 0,
        "label": "Cy Young & co.",  # the most central member of the triangle: C, on the bridge
        "size": 3,
        "members": ["author:a", "author:b", "author:c"],
        "papers": 3,
        "top_topics": [
            {"topic": "topic:arxiv:cs.CL", "code": "cs.CL", "label": "Computation and Language", "papers": 2},
            {
                "topic": "topic:arxiv:cs.CV",
                "code": "cs.CV",
                "label": "Computer Vision and Pattern Recognition",
                "papers": 1,
            },
        ],
    }
    assert (second["size"], second["members"], second["papers"]) == (2, ["author:d", "author:e"], 2)
    assert second["label"] == "Di Park & co."  # D, the other end of the bridge, above E
    pagerank = {a: d["pagerank"] for a, d in tiny_graph.nodes(data=True) if d["type"] == "Author"}
    assert pagerank["author:c"] > max(pagerank["author:a"], pagerank["author:b"])
    assert pagerank["author:d"] > pagerank["author:e"]
    labels = {a: d["community_label"] for a, d in tiny_graph.nodes(data=True) if d["type"] == "Author"}
    assert labels == {a: (first if community[a] == 0 else second)["label"] for a in community}
    assert {"method": "leiden", "objective": "modularity", "seed": 42}.items() <= found.items()


def test_a_community_of_one_is_named_after_its_member_alone(tiny_graph):
    tiny_graph.remove_edges_from([("author:e", p) for p in list(tiny_graph.successors("author:e"))])
    analyze(tiny_graph)
    assert tiny_graph.nodes["author:e"]["community_label"] == "Ed Kim"


def test_stable_ids_order_by_size_then_smallest_member():
    ids = ["a", "b", "c", "d", "e", "f", "g"]
    # raw labels are arbitrary: groups {a, g} (2), {b, c, d} (3), {e, f} (2)
    renumbered = stable_ids([7, 3, 3, 3, 5, 5, 7], ids)
    assert renumbered.tolist() == [1, 0, 0, 0, 2, 2, 1]


def test_seeds_every_author_has_a_community_and_descriptions_partition_them(seeds_kg):
    authors = seeds_kg.authors()
    found = seeds_kg.graph.graph["analyses"]["communities"]
    groups = found["communities"]
    assert [g["id"] for g in groups] == list(range(found["count"]))
    sizes = [g["size"] for g in groups]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 10
    members = [m for g in groups for m in g["members"]]
    assert sorted(members) == sorted(authors) and len(members) == len(set(members))
    for g in groups:
        assert all(authors[m]["community"] == g["id"] for m in g["members"])
        assert g["members"] == sorted(g["members"]) and g["size"] == len(g["members"])


def test_seeds_modularity_is_networkx_modularity_of_the_partition(seeds_kg):
    C = seeds_kg.coauthors()
    found = seeds_kg.graph.graph["analyses"]["communities"]
    partition = [set(g["members"]) for g in found["communities"]]
    assert found["modularity"] == pytest.approx(
        nx.community.modularity(C, partition, weight="weight"), abs=1e-9
    )
    # separate research groups: strong structure, and no community spans two components
    assert found["modularity"] > 0.7
    for group in partition:
        assert nx.is_connected(C.subgraph(group))


def test_seeds_top_topics_count_each_paper_once(seeds_kg):
    G = seeds_kg.graph
    for group in G.graph["analyses"]["communities"]["communities"][:5]:
        papers = {p for a in group["members"] for _, p, k in G.out_edges(a, keys=True) if k == "AUTHORED"}
        categories = Counter(
            t
            for p in papers
            for _, t, k in G.out_edges(p, keys=True)
            if k == "HAS_TOPIC" and t.startswith("topic:arxiv:")
        )
        assert group["papers"] == len(papers)
        top = [(t["topic"], t["papers"]) for t in group["top_topics"]]
        assert top == sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))[:3]


def test_planted_groups_are_recovered():
    # four groups of 12 authors, dense inside (p=0.6), almost nothing across (p=0.01)
    C = nx.planted_partition_graph(4, 12, 0.6, 0.01, seed=3)
    for u, v in C.edges():
        C[u][v]["weight"] = 1
    truth = [C.nodes[n]["block"] for n in C]
    net = network_from_graph(C)
    found = communities(net, seed=42)
    assert adjusted_mutual_info_score(truth, found.membership) > 0.95


def test_same_seed_same_partition(seeds_kg):
    net = coauthor_network(seeds_kg.graph)
    first, again = communities(net, seed=42), communities(net, seed=42)
    assert np.array_equal(first.membership, again.membership) and first.modularity == again.modularity


def test_leiden_leaves_pythons_random_module_alone():
    import random

    random.seed(5)
    expected = random.random()
    random.seed(5)
    communities(network_from_graph(nx.karate_club_graph()), seed=1)
    assert random.random() == expected
