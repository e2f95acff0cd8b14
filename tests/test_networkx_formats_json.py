"""The fast JSON of the exports (kg/export/json_text.py, node-link JSON) parses back exactly as the
standard library's did, NaN, odd keys and all; the streamed writers stay valid across the boundaries
of their batched writes."""

import json
import math

import networkx as nx
import pytest

from kg.export.json_text import dumpb, dumps
from kg.export.networkx_formats import (
    NODE_ATTRIBUTES,
    load_graph,
    write_gexf_graph,
    write_graphml_graph,
    write_node_link_graph,
)

STDLIB = dict(ensure_ascii=False, separators=(",", ":"))

# Values where orjson would write something else or refuses, next to ones it writes as json does.
AWKWARD = [
    {"b": 1, "a": [1, 2.5, None, True], "c": {"z": "é 𝄞 \u2028", "y": '\x00\x1f\x7f\n\t"'}},
    {"pagerank": float("nan"), "closeness": float("inf"), "degree": -math.inf, "label": None},
    [[1.0, [float("nan")]], {"deep": ({"x": math.inf},)}],
    {1: "int key", None: "none key", 2.5: "float key", False: "bool key"},
    {"big": 2**70, "small": -(2**65)},
    {"tuple": (1, "a", (2, None))},
    {"tiny": 1e-05, "huge": 1e300, "negzero": -0.0},
]


@pytest.mark.parametrize("value", AWKWARD)
def test_dumps_writes_what_json_writes_once_parsed(value):
    expected = json.dumps(value, sort_keys=False, **STDLIB)
    assert _same(json.loads(dumps(value)), json.loads(expected))
    assert dumpb(value).decode("utf-8") == dumps(value)


def test_non_finite_floats_are_written_as_json_writes_them_or_refused():
    assert dumps({"x": float("nan"), "y": [math.inf, -math.inf]}) == '{"x":NaN,"y":[Infinity,-Infinity]}'
    assert dumps([None, 1.5]) == "[null,1.5]"  # a None next to finite floats stays orjson's
    with pytest.raises(ValueError):
        dumps({"x": [None, {"y": math.nan}]}, allow_nan=False)
    assert dumps({"x": None}, allow_nan=False) == '{"x":null}'


def test_keys_are_sorted_only_when_asked_and_odd_keys_as_json_writes_them():
    assert dumps({"b": 1, "a": {"d": 1, "c": 2}}) == '{"b":1,"a":{"d":1,"c":2}}'
    assert dumps({"b": 1, "a": {"d": 1, "c": 2}}, sort_keys=True) == '{"a":{"c":2,"d":1},"b":1}'
    assert dumps({2: "x", 10: "y"}, sort_keys=True) == json.dumps({2: "x", 10: "y"}, sort_keys=True, **STDLIB)


def test_text_is_not_ascii_escaped_but_control_characters_are():
    text = dumps({"t": "Jürgen 张 \x01\n"})
    assert "Jürgen 张" in text and "\\u0001" in text and "\\n" in text and "\x01" not in text


def test_what_json_refuses_is_still_refused():
    with pytest.raises(TypeError):
        dumps({"s": {1, 2}})
    with pytest.raises(TypeError):
        dumps({("a", "b"): 1})
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate cannot be written as UTF-8
        dumpb({"t": "\ud800"})


def awkward_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="kg", analyses={"closeness": {"k": 512, "stability": None}}, merges=[])
    G.add_node(
        "author:a",
        type="Author",
        label="Ada",
        pagerank=float("nan"),
        betweenness=math.inf,
        name_variants=("Ada", "A"),
        orcid=None,
        counts={2020: 3, 2021: 1},
        big=2**70,
    )
    G.add_node("author:b", type="Author", label="Bo \x01 <b>", pagerank=1e-05, name_variants=["Bo"])
    G.add_edge("author:a", "author:b", key="X", weight=2.5, papers=["paper:1", "paper:2"])
    return G


def test_node_link_json_parses_to_what_json_dumps_gave(tmp_path):
    G = awkward_graph()
    write_node_link_graph(G, tmp_path / "g.json")
    text = (tmp_path / "g.json").read_text("utf-8")
    expected = json.loads(json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, ensure_ascii=False))
    assert _same(json.loads(text), expected)
    assert '"pagerank":NaN' in text and '"betweenness":Infinity' in text and '"2020":3' in text
    H = load_graph(tmp_path / "g.json")
    assert math.isnan(H.nodes["author:a"]["pagerank"]) and H.nodes["author:a"]["big"] == 2**70
    assert H.nodes["author:a"]["name_variants"] == ["Ada", "A"]  # tuples come back as lists, as before


def many_elements_graph(n: int) -> nx.Graph:
    """More nodes and edges than one batched write holds; authors with every attribute of
    contract 2 (what GEXF, which drops None, gives back)."""
    G = nx.Graph()
    for i in range(n):
        attributes = {
            **dict.fromkeys(NODE_ATTRIBUTES["Author"]),
            "type": "Author",
            "label": f"Author <{i}> & co",
            "name": f"A {i}",
            "paper_count": i,
            "pagerank": i / n,
            "name_variants": [f"A{i}"],
            "orcid": None if i % 2 else f"0000-{i}",
        }
        G.add_node(f"author:{i:05d}", **attributes)
    for i in range(n - 1):
        G.add_edge(f"author:{i:05d}", f"author:{i + 1:05d}", weight=1 + i % 3, papers=[f"paper:{i}"])
    return G


@pytest.mark.parametrize(
    "name, write",
    [("g.json", write_node_link_graph), ("g.graphml", write_graphml_graph), ("g.gexf", write_gexf_graph)],
)
def test_writers_stay_valid_across_their_batched_writes(name, write, tmp_path):
    G = many_elements_graph(4500)
    write(G, tmp_path / name)
    H = load_graph(tmp_path / name)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted((*sorted((u, v)), d["weight"], d["papers"][0]) for u, v, d in H.edges(data=True)) == sorted(
        (*sorted((u, v)), d["weight"], d["papers"][0]) for u, v, d in G.edges(data=True)
    )
    text = (tmp_path / name).read_text("utf-8")
    if name == "g.json":  # one node or edge a line
        assert len(text.splitlines()) == 3 + G.number_of_nodes() + 2 + G.number_of_edges() + 2
    else:  # each element written once
        assert (text.count("<node "), text.count("<edge ")) == (G.number_of_nodes(), G.number_of_edges())


def test_graphml_types_each_attribute_once_for_all_elements(tmp_path):
    """An attribute with ints here and text there is text everywhere; ints with floats are
    doubles; lists anywhere make it JSON; booleans stay booleans."""
    G = nx.Graph()
    G.add_node("a", type="Author", code=5, score=1, flag=True, tags=["x", "y"])
    G.add_node("b", type="Author", code="5b", score=2.5, flag=False, tags="plain")
    write_graphml_graph(G, tmp_path / "g.graphml")
    H = nx.read_graphml(tmp_path / "g.graphml")
    assert H.nodes["a"]["code"] == "5" and H.nodes["b"]["code"] == "5b"
    assert H.nodes["a"]["score"] == 1.0 and isinstance(H.nodes["a"]["score"], float)
    assert H.nodes["a"]["flag"] is True and H.nodes["b"]["flag"] is False
    assert H.nodes["a"]["tags"] == '["x", "y"]' and H.nodes["b"]["tags"] == "plain"


def _same(a, b) -> bool:
    """Equality in which NaN equals NaN (parsed JSON compared with parsed JSON)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b
