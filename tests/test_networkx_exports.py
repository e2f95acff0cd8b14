"""networkx exports load back with the same nodes, edges and attributes, byte for byte stable."""

import json
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.export import ExportOptions, export_all
from kg.export.networkx_formats import load_graph, sorted_edges
from kg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
NETWORKX_EXPORTS = ["graph-json", "graph-graphml", "coauthors-json", "coauthors-graphml", "gexf"]


@pytest.fixture(scope="module")
def seeds_kg():
    return kg.build([str(ROOT / "seeds")], analyses=False)


@pytest.fixture(scope="module")
def written(seeds_kg, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    export_all(seeds_kg, out, ExportOptions(), only=NETWORKX_EXPORTS)
    return out


def assert_same_graph(expected: nx.Graph, got: nx.Graph) -> None:
    assert got.is_directed() == expected.is_directed() and got.is_multigraph() == expected.is_multigraph()
    assert sorted(got.nodes) == sorted(expected.nodes)
    for node, data in expected.nodes(data=True):
        assert got.nodes[node] == data, node

    def edges(G: nx.Graph) -> list[tuple[str, ...]]:
        if expected.is_multigraph():
            return sorted(
                (u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in G.edges(keys=True, data=True)
            )
        return sorted((*sorted((u, v)), json.dumps(d, sort_keys=True)) for u, v, d in G.edges(data=True))

    assert edges(got) == edges(expected)


@pytest.mark.parametrize("name", ["graph.json", "graph.graphml"])
def test_full_graph_round_trips(seeds_kg, written, name):
    G = load_graph(written / name)
    assert_same_graph(seeds_kg.graph, G)
    assert G.graph["merges"] == seeds_kg.graph.graph["merges"]
    assert G.graph["near_misses"] == seeds_kg.graph.graph["near_misses"]


@pytest.mark.parametrize("name", ["coauthors.json", "coauthors.graphml", "coauthors.gexf"])
def test_coauthor_graph_round_trips(seeds_kg, written, name):
    assert_same_graph(seeds_kg.coauthors(), load_graph(written / name))


def test_plain_networkx_reads_the_node_link_json(seeds_kg, written):
    with open(written / "graph.json", encoding="utf-8") as f:
        G = nx.node_link_graph(json.load(f))  # networkx 3.6: edges="edges" by default
    with open(written / "graph.json", encoding="utf-8") as f:
        H = nx.node_link_graph(json.load(f), edges="edges")
    assert (
        isinstance(G, nx.MultiDiGraph)
        and G.number_of_edges() == H.number_of_edges() == seeds_kg.graph.number_of_edges()
    )
    members = {(u, v): d for u, v, k, d in G.edges(keys=True, data=True) if k == "MEMBER_OF"}
    assert members == {
        (u, v): d for u, v, k, d in seeds_kg.graph.edges(keys=True, data=True) if k == "MEMBER_OF"
    }
    assert members[("author:j leskovec", "org:pinterest")]["sources"][0].endswith(
        "004_19cb0c8271dea555.txt:9"
    )


def test_plain_networkx_reads_graphml_with_json_strings(seeds_kg, written):
    H = nx.read_graphml(written / "graph.graphml", force_multigraph=True)
    schema = json.loads(H.graph["kg_attributes"])
    assert "name_variants" in schema["json"]["node"] and "merges" in schema["json"]["graph"]
    author = H.nodes["author:seungjae shin"]
    assert json.loads(author["name_variants"]) == ["Seung jae Shin", "Seungjae Shin"]
    assert "orcid" not in author  # None is dropped; kg.load puts it back
    assert load_graph(written / "graph.graphml").nodes["author:seungjae shin"]["orcid"] is None


def test_gexf_opens_in_networkx_with_weights(seeds_kg, written):
    C = nx.read_gexf(written / "coauthors.gexf")
    assert C.number_of_nodes() == seeds_kg.coauthors().number_of_nodes()
    assert b"lastmodifieddate" not in (written / "coauthors.gexf").read_bytes()


def test_exports_are_byte_identical_across_runs(written, tmp_path):
    again = kg.build([str(ROOT / "seeds")], analyses=False)
    export_all(again, tmp_path, ExportOptions(), only=NETWORKX_EXPORTS)
    for name in ["graph.json", "graph.graphml", "coauthors.json", "coauthors.graphml", "coauthors.gexf"]:
        assert (tmp_path / name).read_bytes() == (written / name).read_bytes(), name


def test_lists_dicts_none_and_mixed_numbers_survive_graphml(tmp_path):
    G = nx.MultiDiGraph(name="kg", merges=[{"kind": "paper", "evidence": ["a:1"]}], analyses={})
    G.add_node(
        "paper:x",
        type="Paper",
        label="<script>alert(1)</script> & co",
        sources=["a.txt:1"],
        doi=None,
        year=2020,
        has_code=True,
    )
    G.add_node(
        "paper:y",
        type="Paper",
        label="[untitled] starts with a bracket",
        sources=[],
        doi=None,
        year=None,
        has_code=False,
    )
    G.add_edge("paper:x", "paper:y", key="HAS_TOPIC", type="HAS_TOPIC", weight=1)
    G.add_edge("paper:y", "paper:x", key="HAS_TOPIC", type="HAS_TOPIC", weight=0.5)
    from kg.export.networkx_formats import write_graphml, write_node_link

    for writer, name in [(write_graphml, "g.graphml"), (write_node_link, "g.json")]:
        writer(KnowledgeGraph(G), tmp_path / name, ExportOptions())
        H = load_graph(tmp_path / name)
        assert dict(H.nodes(data=True)) == dict(G.nodes(data=True)), name
        assert H.graph["merges"] == G.graph["merges"] and H.graph["analyses"] == {}
        assert sorted(d["weight"] for *_, d in H.edges(data=True)) == [0.5, 1.0]


def test_kg_load_gives_a_knowledge_graph(written, seeds_kg):
    loaded = kg.load(written / "graph.json")
    assert set(loaded.papers()) == set(seeds_kg.papers())
    assert nx.utils.graphs_equal(loaded.coauthors(), seeds_kg.coauthors())


def test_markup_line_breaks_and_control_characters_in_xml_exports(tmp_path):
    from kg.export.networkx_formats import write_gexf_graph, write_graphml_graph

    G = nx.Graph()
    G.add_node("author:a", type="Author", label='<b>Ada</b> & "Bo"\nline two\r\ttab', name="A\x01da")
    G.add_node("author:b", type="Author", label="Bo", name="Bo")
    G.add_edge("author:a", "author:b", weight=2, papers=["paper:x", "paper:y"])
    for writer, name in [(write_graphml_graph, "c.graphml"), (write_gexf_graph, "c.gexf")]:
        writer(G, tmp_path / name)
        H = load_graph(tmp_path / name)
        assert H.nodes["author:a"]["label"] == '<b>Ada</b> & "Bo"\nline two\r\ttab', name
        assert H.nodes["author:a"]["name"] == "A\ufffdda", name  # XML 1.0 cannot hold \x01
        assert H.edges["author:a", "author:b"] == {"weight": 2, "papers": ["paper:x", "paper:y"]}


def test_paper_ids_round_trip_in_every_format(tmp_path):
    """``ids`` (scheme -> sorted list) comes back as the same dict from node-link JSON, GraphML
    and GEXF, next to everything else."""
    from kg.export.networkx_formats import write_gexf_graph

    formats = ROOT / "tests" / "data" / "formats"
    built = kg.build(
        [
            str(formats / "openalex_works.jsonl"),
            str(formats / "dblp_records.xml"),
            str(formats / "references.bib"),
        ],
        analyses=False,
    )
    ids = built.graph.nodes["paper:arxiv-2205.11728"]["ids"]
    assert ids["openalex"] == ["W4283389112"] and ids["dblp"] == ["conf/kdd/BaltescuCPZLR22"]
    export_all(built, tmp_path, ExportOptions(), only=["graph-json", "graph-graphml"])
    write_gexf_graph(built.graph, tmp_path / "graph.gexf")
    for name in ["graph.json", "graph.graphml"]:
        assert_same_graph(built.graph, load_graph(tmp_path / name))
    papers = {n: d["ids"] for n, d in built.graph.nodes(data=True) if d["type"] == "Paper"}
    gexf = load_graph(tmp_path / "graph.gexf")
    assert {n: gexf.nodes[n]["ids"] for n in papers} == papers


@pytest.mark.parametrize("kind", [nx.Graph, nx.MultiGraph, nx.DiGraph, nx.MultiDiGraph])
def test_sorted_edges_is_the_sort_of_every_edge(kind):
    # edges added out of order, both directions, parallel edges, a self-loop, ids of unequal length
    G = kind()
    for u, v in [("b", "a"), ("c", "b"), ("a", "c"), ("b", "b"), ("aa", "a"), ("b", "a"), ("a", "b")]:
        G.add_edge(u, v, label=f"{u}-{v}")

    def key_of(k):
        return str(k) if G.is_multigraph() else "None"

    expected = []
    for u, v, *rest in G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True):
        k, d = rest if G.is_multigraph() else (None, rest[0])
        if not G.is_directed() and v < u:
            u, v = v, u
        expected.append((u, v, k, d))
    expected.sort(key=lambda e: (e[0], e[1], key_of(e[2])))
    assert sorted_edges(G) == expected
    assert len(expected) == G.number_of_edges()
