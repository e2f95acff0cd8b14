"""The graph follows DESIGN.md "Contract 2 in detail": ids, attributes, edge keys, merges."""

from pathlib import Path

import networkx as nx
import pytest

from kg.export.networkx_formats import NODE_ATTRIBUTES
from kg.extract import extract_paths
from kg.graph import build_graph, coauthor_graph, source_node_ids
from kg.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data" / "resolve"


def graph_of(*paths):
    files = extract_paths([str(p) for p in paths])
    return build_graph(resolve(files), [f.summary() for f in files])


@pytest.fixture(scope="module")
def G():
    return graph_of(SEEDS)


def of_type(G, node_type):
    return {n: d for n, d in G.nodes(data=True) if d["type"] == node_type}


def test_every_node_has_its_contract_attributes(G):
    for node, data in G.nodes(data=True):
        assert node.startswith(data["type"].lower()[:3] if data["type"] != "Organization" else "org:")
        assert data["label"], node
        assert set(NODE_ATTRIBUTES[data["type"]]) <= set(data), node


def test_node_ids_are_typed_keys(G):
    prefixes = {
        "Paper": "paper:",
        "Author": "author:",
        "Organization": "org:",
        "Topic": "topic:",
        "Source": "source:",
    }
    for node, data in G.nodes(data=True):
        assert node.startswith(prefixes[data["type"]])
    assert "author:jung-woo ha" in G and G.nodes["author:jung-woo ha"]["name"] == "Jung-Woo Ha"
    assert "source:004_19cb0c8271dea555.txt" in G
    assert "topic:arxiv:cs.IR" in G and "org:pinterest" in G


def test_seed_counts(G):
    counts = {t: len(of_type(G, t)) for t in ("Paper", "Author", "Organization", "Topic", "Source")}
    records = sum(d["records"] for d in of_type(G, "Source").values())
    untitled_merged = 1  # HyperCLOVA X, seeds/000 and 002
    assert counts["Paper"] == records - untitled_merged
    assert counts["Source"] == 5
    # 17 organisations named in seeds/004 (its "CMU" is seeds/003's "cmu") and "uw" from seeds/003
    assert counts["Organization"] == 18
    assert G.nodes["source:003_87569abedee599f0.txt"]["layout"] == "profile_page"


def test_edges_carry_their_key_as_type(G):
    seen = set()
    for u, v, key, data in G.edges(keys=True, data=True):
        assert data["type"] == key
        seen.add(key)
        kinds = (G.nodes[u]["type"], G.nodes[v]["type"])
        assert (
            kinds
            == {
                "AUTHORED": ("Author", "Paper"),
                "AFFILIATED": ("Paper", "Organization"),
                "MEMBER_OF": ("Author", "Organization"),
                "HAS_TOPIC": ("Paper", "Topic"),
                "FROM_SOURCE": ("Paper", "Source"),
            }[key]
        )
    assert seen == {"AUTHORED", "AFFILIATED", "MEMBER_OF", "HAS_TOPIC", "FROM_SOURCE"}


def test_authorship_positions_and_spellings(G):
    paper = "paper:arxiv-2205.09838"  # seeds/004: D Alvarez-Melis, V Garg, A T Kalai
    authored = sorted(
        (d["position"], u, d["name_as_written"])
        for u, _, k, d in G.in_edges(paper, keys=True, data=True)
        if k == "AUTHORED"
    )
    assert authored == [
        (1, "author:d alvarez-melis", "D Alvarez-Melis"),
        (2, "author:v garg", "V Garg"),
        (3, "author:a t kalai", "A T Kalai"),
    ]
    assert G.nodes[paper]["listed_author_count"] == 3 and G.nodes[paper]["authors_truncated"] is False


def test_paper_count_counts_authored_edges(G):
    for node, data in of_type(G, "Author").items():
        assert data["paper_count"] == sum(1 for *_, k in G.out_edges(node, keys=True) if k == "AUTHORED")
    assert G.nodes["author:kyungwoo song"]["paper_count"] >= 15


def test_from_source_edges_give_the_line(G):
    paper = [n for n, d in of_type(G, "Paper").items() if d["title"] == "HyperCLOVA X Technical Report"][0]
    lines = {v: d["line"] for _, v, k, d in G.out_edges(paper, keys=True, data=True) if k == "FROM_SOURCE"}
    assert lines == {"source:000_5a6d834f1bbc5bd4.txt": 88, "source:002_1d9aa526be2d4ad4.txt": 1}
    assert [Path(s).name for s in G.nodes[paper]["sources"]] == [
        "000_5a6d834f1bbc5bd4.txt:88",
        "002_1d9aa526be2d4ad4.txt:1",
    ]


def test_topics_and_member_of_attributes(G):
    for _u, _v, key, data in G.edges(keys=True, data=True):
        if key == "HAS_TOPIC":
            assert data["weight"] == 1.0 and data["method"] == "category"
        if key == "MEMBER_OF":
            assert data["sources"] and all(":" in s for s in data["sources"])
    assert G.nodes["topic:arxiv:cs.IR"]["label_zh"] == "信息检索"
    assert G.nodes["org:uw"]["ambiguous"] is True


def test_graph_attributes_hold_merges_and_near_misses(G):
    assert G.graph["name"] == "kg" and G.graph["analyses"] == {}
    assert {m["kind"] for m in G.graph["merges"]} == {"paper", "author", "organization"}
    assert all(set(m) == {"kind", "into", "merged", "reason", "evidence"} for m in G.graph["merges"])
    assert all(set(n) == {"kind", "a", "b", "reason"} for n in G.graph["near_misses"])
    assert all(m["into"] in G for m in G.graph["merges"])


def test_coauthor_graph_weights_count_shared_papers(G):
    C = coauthor_graph(G)
    assert isinstance(C, nx.Graph) and not C.is_directed()
    assert set(C.nodes) == set(of_type(G, "Author"))
    for _a, _b, data in C.edges(data=True):
        assert data["weight"] == len(data["papers"]) == len(set(data["papers"]))
        assert data["papers"] == sorted(data["papers"])
    assert C.edges["author:dongjun kim", "author:kyungwoo song"]["weight"] >= 3


def test_same_file_name_in_two_folders_gets_two_source_nodes():
    ids = source_node_ids(["a/x.txt", "b/x.txt", "c/y.txt"])
    assert ids == {"a/x.txt": "source:a/x.txt", "b/x.txt": "source:b/x.txt", "c/y.txt": "source:y.txt"}


def test_build_is_deterministic():
    a, b = graph_of(SEEDS), graph_of(SEEDS)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert a.graph == b.graph


def test_nodes_and_edges_go_in_in_sorted_order(G):
    """Insertion order reaches every export: sources, papers, authors, organisations, topics,
    each sorted; every node's out- and in-edges by (other end, key)."""
    types = [d["type"] for _, d in G.nodes(data=True)]
    blocks = ["Source", "Paper", "Author", "Organization", "Topic"]
    assert types == sorted(types, key=blocks.index)
    for node_type in blocks:
        ids = [n for n, d in G.nodes(data=True) if d["type"] == node_type]
        assert ids == sorted(ids) and ids
    for node in G:
        out = [(v, k) for _, v, k in G.out_edges(node, keys=True)]
        into = [(u, k) for u, _, k in G.in_edges(node, keys=True)]
        assert out == sorted(out) and into == sorted(into), node


def test_coauthor_graph_matches_the_pairs_of_each_papers_authors(G):
    """Against a plain recount: each paper's authors from its AUTHORED in-edges, every pair."""
    expected: dict[tuple[str, str], list[str]] = {}
    for paper, data in G.nodes(data=True):
        if data["type"] == "Paper":
            authors = sorted({u for u, _, k in G.in_edges(paper, keys=True) if k == "AUTHORED"})
            for i, a in enumerate(authors):
                for b in authors[i + 1 :]:
                    expected.setdefault((a, b), []).append(paper)
    C = coauthor_graph(G)
    assert [(a, b) for a, b in C.edges] == sorted(expected)
    assert {(a, b): d for a, b, d in C.edges(data=True)} == {
        pair: {"weight": len(papers), "papers": sorted(papers)} for pair, papers in expected.items()
    }
    assert all(list(d) == ["weight", "papers"] for _, _, d in C.edges(data=True))
    assert list(C.nodes) == sorted(of_type(G, "Author"))
    assert all(C.nodes[n] == G.nodes[n] and C.nodes[n] is not G.nodes[n] for n in C)


@pytest.mark.parametrize("enabled", [True, False])
def test_building_leaves_the_cycle_collector_as_it_was(enabled):
    """Resolution and graph building pause the collector (kg.gc_pause), never leave it off
    or turn it on."""
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        coauthor_graph(graph_of(SEEDS / "004_19cb0c8271dea555.txt"))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
