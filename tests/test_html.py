"""The HTML pages, read as files: offline, escaped, deterministic, and around pyvis 0.3.2's traps.

What a browser does with them (drawing, search, XSS payloads) is in test_html_browser.py.
"""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
import pyvis
from pyvis.network import Network

from kg.export import EXPORTERS, ExportOptions
from kg.export.html.coauthors_page import coauthor_network
from kg.export.html.kg_page import KINDS, knowledge_graph_network
from kg.export.html.layout import packed_layout
from kg.export.html.pages import to_pyvis, write_coauthor_html, write_knowledge_graph_html
from kg.export.html.template import MAX_CANVAS_LABEL, TEMPLATES, script_json
from kg.graph import KnowledgeGraph

HOSTILE = json.loads((Path(__file__).parent / "data" / "html" / "hostile.json").read_text("utf-8"))
PAYLOADS = sorted(
    {
        value
        for attrs in HOSTILE.values()
        if isinstance(attrs, dict)
        for values in attrs.values()
        for value in (values if isinstance(values, list) else [values])
        if re.search("[<>&\u2028\u2029]", value)
    }
)


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each script and style element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.bodies: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.bodies.append((tag, dict(attrs), ""))

    def handle_data(self, data):
        if self._open and self.bodies:
            tag, attrs, text = self.bodies[-1]
            self.bodies[-1] = (tag, attrs, text + data)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def data_block(html: str) -> dict:
    """The page's data, parsed the way the page itself parses it (JSON.parse of the text)."""
    blocks = [
        text
        for tag, attrs, text in parse(html).bodies
        if tag == "script" and attrs.get("type") == "application/json"
    ]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def pages(kg: KnowledgeGraph, tmp_path: Path, **options) -> dict[str, str]:
    opts = ExportOptions(**options)
    write_coauthor_html(kg, tmp_path / "coauthors.html", opts)
    write_knowledge_graph_html(kg, tmp_path / "kg.html", opts)
    return {name: (tmp_path / f"{name}.html").read_bytes().decode("utf-8") for name in ("coauthors", "kg")}


def with_analyses(kg: KnowledgeGraph) -> KnowledgeGraph:
    """tiny_kg with the attributes the analyses write, computed here by networkx (written into
    ``kg.graph``; a new KnowledgeGraph, since ``kg.coauthors()`` is built once)."""
    C = kg.coauthors()
    values = {
        "degree": nx.degree_centrality(C),
        "pagerank": nx.pagerank(C, weight="weight"),
        "betweenness": nx.betweenness_centrality(C),
    }
    for n in C:
        kg.graph.nodes[n].update({k: v[n] for k, v in values.items()})
        kg.graph.nodes[n]["community"] = 0 if n in ("author:a", "author:b", "author:c") else 1
    return KnowledgeGraph(kg.graph, kg.files, kg.problems)


# --------------------------------------------------------------------------- offline


def test_pages_make_no_request_and_embed_vis_from_the_installed_pyvis(tiny_kg, tmp_path):
    # pyvis' own template loads Bootstrap from a CDN even with cdn_resources="in_line".
    vis_js = (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")
    for html in pages(tiny_kg, tmp_path).values():
        tags = parse(html)
        assert not [(t, a) for t, a in tags.tags if {"src", "href", "srcset", "data", "action"} & set(a)]
        assert not [t for t, _ in tags.tags if t in ("link", "img", "iframe", "object", "embed", "base")]
        for tag, _, text in tags.bodies:
            assert "@import" not in text
            assert not re.search(r"url\(\s*(?!['\"]?data:)", text), f"{tag} loads a url"
        assert vis_js in html
        policy = [a["content"] for t, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy"]
        assert len(policy) == 1 and "default-src 'none'" in policy[0]
        assert "unsafe-eval" not in policy[0] and "'unsafe-inline'" not in policy[0].split("style-src")[0]


def test_the_policy_admits_exactly_the_two_inline_scripts(tiny_kg, tmp_path):
    import base64
    import hashlib

    html = pages(tiny_kg, tmp_path)["coauthors"]
    tags = parse(html)
    executable = [text for tag, attrs, text in tags.bodies if tag == "script" and "type" not in attrs]
    assert len(executable) == 2
    policy = next(a["content"] for t, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy")
    allowed = set(re.findall(r"'sha256-([^']+)'", policy))
    assert allowed == {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in executable}


def test_written_as_utf8_whatever_the_locale(tiny_kg, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    monkeypatch.setattr("locale.getpreferredencoding", lambda *a, **k: "ANSI_X3.4-1968")
    tiny_kg.graph.nodes["author:b"]["name"] = "Bö Chén 陈博"
    tiny_kg.graph.nodes["topic:arxiv:cs.CV"]["label"] = "计算机视觉"
    for name, html in pages(tiny_kg, tmp_path).items():
        assert '<meta charset="utf-8">' in html
        raw = (tmp_path / f"{name}.html").read_bytes()
        assert "Bö Chén 陈博".encode() in raw


# --------------------------------------------------------------------------- escaping


def test_hostile_names_appear_only_escaped_and_come_back_intact(hostile_kg, tmp_path):
    for name, html in pages(hostile_kg, tmp_path).items():
        for payload in PAYLOADS:
            assert payload not in html, f"{name}: raw {payload!r}"
        assert html.lower().count("</script") == 3  # the data, vis-network, graph.js
        assert "\u2028" not in html and "\u2029" not in html
        data = data_block(html)
        texts = json.dumps(data, ensure_ascii=False)
        names = {n["kg"]["name"] for n in data["nodes"]}
        assert "<img src=x onerror=alert(1)>" in names
        if name == "kg":
            assert "</script><script>alert(1)</script>" in names
            assert '<iframe src="javascript:alert(7)"></iframe> Acme' in names
        assert "A. L\u2028<script>alert(2)</script>" in texts  # a spelling, kept as written


def test_heading_is_data_not_markup(tiny_kg):
    # pyvis writes `heading` into its template as raw HTML.
    net = to_pyvis(tiny_kg.coauthors(), graph=tiny_kg.graph, heading="<h1 onclick=alert(1)>Lab</h1>")
    html = net.generate_html()
    assert "<h1 onclick" not in html
    assert data_block(html)["heading"] == "<h1 onclick=alert(1)>Lab</h1>"


def test_script_json_escapes_what_ends_a_script_or_a_line():
    text = script_json({"t": "</script><!-- & \u2028\u2029 >"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 >"}


def test_script_json_escapes_keys_too_and_refuses_what_json_cannot_hold():
    value = {"</script>": ["&&", "\u2028"], "b": {"<!--": 1.5}}
    text = script_json(value)
    assert not set("<>&\u2028\u2029") & set(text) and text.count("\\u0026") == 2
    assert json.loads(text) == value
    with pytest.raises(ValueError):  # NaN is not JSON: JSON.parse in the page would fail
        script_json({"score": float("nan")})


def test_nodes_carry_no_title_for_pyvis_to_render_as_html(hostile_kg):
    # pyvis switches its popup to innerHTML when a title contains "href"; the page builds its
    # tooltips itself, from text.
    for G in (hostile_kg.coauthors(), hostile_kg.graph):
        net = to_pyvis(G, graph=hostile_kg.graph)
        assert net.nodes and not [n for n in net.nodes if "title" in n]
        assert not [e for e in net.edges if "title" in e]


def test_page_script_builds_text_never_markup():
    script = (TEMPLATES / "graph.js").read_text("utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        'setAttribute("on',
        ".src =",
        ".href =",
    ):
        assert sink not in script, sink
    assert script.count("textContent") >= 5


def test_template_inserts_nothing_but_escaped_json_and_bundled_code():
    template = (TEMPLATES / "graph.html").read_text("utf-8")
    inserted = re.findall(r"{{(.*?)}}", template, flags=re.S)
    assert sorted(x.strip() for x in inserted) == sorted(
        [
            "script_hashes",
            "vis_css",
            "page_css",
            "vis_js",
            "page_js",
            '{"nodes": nodes, "edges": edges, "options": options|parsed, "heading": heading, '
            '"page": page}|script_json',
        ]
    )


# --------------------------------------------------------------------------- pyvis traps


def test_to_pyvis_returns_a_filled_pyvis_network_and_leaves_the_graph_alone(tiny_kg):
    # pyvis' from_nx writes `size` into the graph's nodes and pops `weight` from its edges.
    C = tiny_kg.coauthors()
    before = (copy.deepcopy(dict(C.nodes(data=True))), copy.deepcopy(list(C.edges(data=True))))
    kg_before = copy.deepcopy(dict(tiny_kg.graph.nodes(data=True)))
    net = to_pyvis(C, graph=tiny_kg.graph)
    assert isinstance(net, Network)
    assert (dict(C.nodes(data=True)), list(C.edges(data=True))) == before
    assert dict(tiny_kg.graph.nodes(data=True)) == kg_before
    assert net.num_nodes() == 5 and net.num_edges() == 5
    assert sorted(net.get_nodes()) == sorted(C.nodes)
    assert net.get_node("author:c")["label"] == "Cy Young"
    assert {(e["from"], e["to"]) for e in net.get_edges()} == {tuple(sorted(e)) for e in C.edges}
    assert net.options["physics"]["enabled"] is True


def test_networks_are_filled_in_bulk(tiny_kg, monkeypatch):
    # add_edge scans every edge (and add_node every id) per call: quadratic on big graphs.
    def refuse(*args, **kwargs):
        raise AssertionError("per-item pyvis call")

    for method in ("add_node", "add_nodes", "add_edge", "add_edges", "from_nx"):
        monkeypatch.setattr(Network, method, refuse)
    assert to_pyvis(tiny_kg.coauthors(), graph=tiny_kg.graph).num_edges() == 5
    assert to_pyvis(tiny_kg.graph).num_nodes() == 13


def test_exporters_never_use_show_or_write_html(tiny_kg, tmp_path, monkeypatch):
    # show() behaves differently in notebooks; write_html copies lib/ into the working folder.
    def refuse(*args, **kwargs):
        raise AssertionError("pyvis writer called")

    for method in ("show", "write_html", "save_graph", "prep_notebook"):
        monkeypatch.setattr(Network, method, refuse)
    monkeypatch.chdir(tmp_path)
    pages(tiny_kg, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["coauthors.html", "kg.html"]


def test_exporters_are_registered():
    assert EXPORTERS["coauthors-html"].load() is write_coauthor_html
    assert EXPORTERS["kg-html"].load() is write_knowledge_graph_html


# --------------------------------------------------------------------------- what is drawn


def test_coauthor_page_sizes_by_centrality_colours_by_community_widths_by_papers(tiny_kg):
    kg = with_analyses(tiny_kg)
    net = coauthor_network(kg.coauthors(), kg.graph, size_by="pagerank")
    nodes = {n["id"]: n for n in net.nodes}
    pagerank = {n: kg.graph.nodes[n]["pagerank"] for n in nodes}
    by_rank = sorted(nodes, key=lambda n: pagerank[n])
    assert [nodes[n]["size"] for n in by_rank] == sorted(nodes[n]["size"] for n in nodes)
    assert nodes[by_rank[-1]]["size"] > nodes[by_rank[0]]["size"]
    assert len({nodes[n]["color"] for n in ("author:a", "author:b", "author:c")}) == 1
    assert nodes["author:a"]["color"] != nodes["author:d"]["color"]
    page = net.templateEnv.globals["page"]
    assert [(item["label"], item["count"]) for item in page["legend"]] == [
        ("Cy Young & co.", 3),
        ("Di Park & co.", 2),
    ]
    assert page["legend_title"] == "Communities" and not page["notes"]
    widths = {(e["from"], e["to"]): (e["kg"]["w"], e["width"]) for e in net.edges}
    assert widths[("author:a", "author:c")] == (2, pytest.approx(2.4))  # two shared papers
    assert widths[("author:a", "author:b")] == (1, 1.0)


def test_betweenness_sizing_and_the_fallback_to_degree(tiny_kg):
    kg = with_analyses(copy.deepcopy(tiny_kg))
    net = coauthor_network(kg.coauthors(), kg.graph, size_by="betweenness")
    sizes = {n["id"]: n["size"] for n in net.nodes}
    assert max(sizes, key=sizes.get) == "author:c"  # the bridge
    assert sizes["author:a"] == sizes["author:b"] == sizes["author:e"]  # betweenness 0

    bare = coauthor_network(tiny_kg.coauthors(), tiny_kg.graph, size_by="pagerank")
    page = bare.templateEnv.globals["page"]
    assert page["notes"] == [
        "PageRank is not in this graph: sizes show degree centrality, computed for this page."
    ]
    assert page["legend_title"] == "Connected components"
    sizes = {n["id"]: n["size"] for n in bare.nodes}
    assert sizes["author:c"] > sizes["author:a"] > sizes["author:e"]  # degree 3 > 2 > 1
    cy = next(n for n in bare.nodes if n["id"] == "author:c")["kg"]
    assert cy["m"] == [["Degree (computed for this page)", 0.75]]


def test_tooltip_facts_of_an_author(tiny_kg):
    kg = with_analyses(tiny_kg)
    kg.graph.nodes["author:c"]["name_variants"] = ["C. Young", "Cy Young"]
    net = coauthor_network(kg.coauthors(), kg.graph)
    page = net.templateEnv.globals["page"]
    cy = next(n for n in net.nodes if n["id"] == "author:c")["kg"]
    assert cy["name"] == "Cy Young" and cy["v"] == ["C. Young"] and cy["pc"] == 3
    assert sorted((page["papers"][i][0], page["papers"][i][1]) for i in cy["p"]) == [
        ("Cats and Sentences", 2022),
        ("Parsing Sentences Quickly", 2022),
        ("Seeing Cats with Transformers", 2021),
    ]
    assert [(page["topics"][t], k) for t, k in cy["t"]] == [
        ("Computation and Language (cs.CL)", 2),
        ("Computer Vision and Pattern Recognition (cs.CV)", 1),
    ]
    assert cy["ao"] == ["Acme Labs", "uw"] and cy["o"] == []
    assert [name for name, _ in cy["m"]] == ["Degree", "Betweenness", "PageRank"]
    ada = next(n for n in net.nodes if n["id"] == "author:a")["kg"]
    assert ada["o"] == ["Acme Labs"]  # MEMBER_OF
    assert cy["f"] == {"g": [cy["g"]], "t": sorted(t for t, _ in cy["t"]), "y": [2021, 2022]}
    assert page["years"] == [2021, 2023]


def test_max_nodes_keeps_the_most_central_authors_and_says_so(tiny_kg):
    kg = with_analyses(tiny_kg)
    net = coauthor_network(kg.coauthors(), kg.graph, size_by="degree", max_nodes=2)
    # degree: c 0.75; a, b and d 0.5 (ties go by id); e 0.25
    assert sorted(net.get_nodes()) == ["author:a", "author:c"]
    assert [(e["from"], e["to"]) for e in net.edges] == [("author:a", "author:c")]
    note = net.templateEnv.globals["page"]["notes"]
    assert note == [
        "Showing the 2 most central authors (by Degree) of 5, and the 1 co-author links among them (of 5)."
    ]


def test_build_pages_keep_the_most_central_authors_by_default(tiny_kg, tmp_path, monkeypatch):
    import kg.export.html.pages as html

    kg = with_analyses(tiny_kg)
    ranked = sorted(kg.authors(), key=lambda a: (-kg.graph.nodes[a]["pagerank"], a))
    monkeypatch.setattr(html, "DEFAULT_MAX_AUTHORS", 2)
    monkeypatch.setattr(html, "DEFAULT_MAX_KG_NODES", 8)  # of 13 nodes
    written = pages(kg, tmp_path)
    co, whole = data_block(written["coauthors"]), data_block(written["kg"])
    assert sorted(n["id"] for n in co["nodes"]) == sorted(ranked[:2])
    assert co["page"]["notes"][0].startswith("Showing the 2 most central authors (by PageRank) of 5")
    # kg.html: the longest head of the ranking whose papers, organisations and topics fit in 8 nodes
    drawn = {n["id"] for n in whole["nodes"]}
    authors = [a for a in ranked if a in drawn]
    assert 1 <= len(authors) < 5 and authors == ranked[: len(authors)] and len(drawn) <= 8
    next_one = knowledge_graph_network(kg.graph, max_nodes=len(authors) + 1)
    assert len(next_one.nodes) > 8
    assert {p for a in authors for _, p, k in kg.graph.out_edges(a, keys=True) if k == "AUTHORED"} <= drawn
    assert whole["page"]["notes"] == [
        "The whole graph has 13 nodes, too many for one page.",
        f"Showing the {len(authors)} most central authors (by PageRank) of 5, with their papers "
        "and those papers' organisations and topics.",
    ]
    notes = html.page_notes(kg, ExportOptions(), [tmp_path / "coauthors.html", tmp_path / "kg.html"])
    assert notes == [
        "coauthors.html shows the 2 most central authors of 5 (--max-nodes N to choose)",
        "kg.html shows the most central authors with their papers, organisations and topics, "
        "8 nodes at most of 13 (--max-nodes N: N authors)",
    ]


def test_max_nodes_given_wins_over_the_defaults(tiny_kg, tmp_path, monkeypatch):
    import kg.export.html.pages as html

    kg = with_analyses(tiny_kg)
    monkeypatch.setattr(html, "DEFAULT_MAX_AUTHORS", 2)
    monkeypatch.setattr(html, "DEFAULT_MAX_KG_NODES", 8)
    written = pages(kg, tmp_path, max_nodes=4)
    assert len(data_block(written["coauthors"])["nodes"]) == 4
    whole = data_block(written["kg"])
    assert sum(1 for n in whole["nodes"] if n["kg"]["kind"] == "Author") == 4 and len(whole["nodes"]) > 8
    assert html.page_notes(kg, ExportOptions(max_nodes=5), [tmp_path / "kg.html"]) == []


def test_whole_graph_page_draws_every_paper_author_organisation_and_topic(tiny_kg):
    G = tiny_kg.graph
    net = knowledge_graph_network(G)
    kinds = {n["id"]: n["kg"]["kind"] for n in net.nodes}
    expected = {n for n, d in G.nodes(data=True) if d["type"] != "Source"}
    assert set(kinds) == expected
    assert len(net.edges) == sum(1 for *_, k in G.edges(keys=True) if k != "FROM_SOURCE")
    for node in net.nodes:
        assert (node["shape"], node["color"]) == KINDS[node["kg"]["kind"]][:2]
    paper = next(n for n in net.nodes if n["id"] == "paper:t-3")["kg"]
    assert paper["authors"] == ["Cy Young", "Di Park"] and paper["truncated"] is True
    assert paper["src"] == ["tiny.txt:7"] and paper["o"] == ["uw"]
    legend = net.templateEnv.globals["page"]["legend"]
    assert [(i["label"], i["count"]) for i in legend] == [
        ("Papers", 4),
        ("Authors", 5),
        ("Organisations", 2),
        ("Topics", 2),
    ]  # no keyword


def test_keywords_start_hidden_beside_their_papers(tiny_kg):
    G = tiny_kg.graph
    G.add_node(
        "topic:kw:cats", type="Topic", label="cats", label_zh=None, scheme="keyword", code=None, terms=[]
    )
    for p in ("paper:t-1", "paper:t-3"):
        G.add_edge(p, "topic:kw:cats", key="HAS_TOPIC", type="HAS_TOPIC", weight=0.5, method="keyword")
    net = knowledge_graph_network(G)
    cats = net.get_node("topic:kw:cats")
    assert cats["hidden"] is True and cats["physics"] is False and cats["kg"]["kind"] == "Keyword"
    assert [e["hidden"] for e in net.edges if e["to"] == "topic:kw:cats"] == [True, True]
    papers = [net.get_node(p) for p in ("paper:t-1", "paper:t-3")]
    middle = [sum(p[a] for p in papers) / 2 for a in "xy"]
    assert abs(cats["x"] - middle[0]) < 60 and abs(cats["y"] - middle[1]) < 60
    assert net.get_node("paper:t-1")["kg"]["kw"] == ["cats"]


def test_pages_are_byte_identical_for_the_same_seed(tiny_kg, tmp_path):
    first = pages(tiny_kg, tmp_path / "a")
    assert pages(tiny_kg, tmp_path / "b") == first
    assert pages(tiny_kg, tmp_path / "c", seed=7) != first


def test_layout_is_seeded_and_keeps_components_apart():
    G = nx.disjoint_union_all([nx.complete_graph(5), nx.cycle_graph(8), nx.path_graph(3), nx.empty_graph(2)])
    first = packed_layout(G, seed=1)
    assert packed_layout(G, seed=1) == first and packed_layout(G, seed=2) != first
    assert len(set(first.values())) == len(G)
    boxes = []
    for comp in nx.connected_components(G):
        xs, ys = zip(*(first[n] for n in comp), strict=True)
        boxes.append((min(xs), max(xs), min(ys), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2], (a, b)


def test_an_empty_graph_still_gives_a_page(tmp_path):
    G = nx.MultiDiGraph(name="kg", merges=[], near_misses=[], analyses={})
    html = pages(KnowledgeGraph(G), tmp_path)
    assert data_block(html["coauthors"])["nodes"] == [] and data_block(html["kg"])["edges"] == []


# --------------------------------------------------------------------------- kg html


def test_cli_draws_a_saved_graph_and_the_whole_graph(tiny_kg, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.export.networkx_formats import write_node_link

    with_analyses(tiny_kg)
    write_node_link(tiny_kg, tmp_path / "graph.json", ExportOptions())
    run = CliRunner().invoke(
        main,
        [
            "html",
            "--graph",
            str(tmp_path / "graph.json"),
            "-o",
            str(tmp_path / "co.html"),
            "--size-by",
            "betweenness",
            "--max-nodes",
            "3",
        ],
    )
    assert run.exit_code == 0, run.output
    assert run.output.splitlines() == [
        f"wrote {tmp_path / 'co.html'}: interactive co-author graph (pyvis)",
        "  note: co.html shows the 3 most central authors of 5 (--max-nodes N to choose)",
    ]
    data = data_block((tmp_path / "co.html").read_text("utf-8"))
    assert sorted(n["id"] for n in data["nodes"]) == ["author:a", "author:c", "author:d"]
    whole = CliRunner().invoke(
        main, ["html", "--graph", str(tmp_path / "graph.json"), "--whole", "-o", str(tmp_path / "kg.html")]
    )
    assert whole.exit_code == 0, whole.output
    assert len(data_block((tmp_path / "kg.html").read_text("utf-8"))["nodes"]) == 13


def test_cli_builds_the_seeds_and_refuses_an_unknown_size(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    run = CliRunner().invoke(main, ["html", seeds, "-o", str(tmp_path / "co.html"), "--max-nodes", "30"])
    assert run.exit_code == 0, run.output
    assert "note: co.html shows the 30 most central authors of 202" in run.output
    assert len(data_block((tmp_path / "co.html").read_text("utf-8"))["nodes"]) == 30
    bad = CliRunner().invoke(main, ["html", seeds, "--size-by", "shoe_size"])
    assert bad.exit_code == 2 and "shoe_size" in bad.output


def test_build_says_in_its_summary_which_pages_show_part_of_the_graph(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import kg.export.html.pages as html
    from kg.cli import main

    monkeypatch.setattr(html, "DEFAULT_MAX_AUTHORS", 10)
    monkeypatch.setattr(html, "DEFAULT_MAX_KG_NODES", 200)  # of 302
    seed = str(Path(__file__).resolve().parent.parent / "seeds" / "003_87569abedee599f0.txt")
    run = CliRunner().invoke(
        main,
        [
            "build",
            seed,
            "-o",
            str(tmp_path),
            "--only",
            "coauthors-html",
            "--only",
            "kg-html",
            "--no-progress",
        ],
    )
    assert run.exit_code == 0, run.output
    notes = [line for line in run.output.splitlines() if line.startswith("  note: ")]
    assert len(notes) == 2
    assert re.fullmatch(r"  note: coauthors\.html shows the 10 most central authors of \d+ .*", notes[0])
    assert re.fullmatch(r"  note: kg\.html shows .* 200 nodes at most of 302 .*", notes[1])
    assert len(data_block((tmp_path / "coauthors.html").read_text("utf-8"))["nodes"]) == 10
    assert len(data_block((tmp_path / "kg.html").read_text("utf-8"))["nodes"]) <= 200
    given = CliRunner().invoke(
        main,
        [
            "build",
            seed,
            "-o",
            str(tmp_path / "given"),
            "--only",
            "coauthors-html",
            "--max-nodes",
            "12",
            "--no-progress",
        ],
    )
    assert given.exit_code == 0, given.output
    assert len(data_block((tmp_path / "given" / "coauthors.html").read_text("utf-8"))["nodes"]) == 12


@pytest.mark.slow  # builds in four processes
def test_seeds_pages_are_identical_across_processes(tmp_path):
    """Python salts str hashes per process: nothing may depend on set or dict-of-set order."""
    import os
    import subprocess
    import sys

    import kg
    from kg.export.networkx_formats import write_node_link

    write_node_link(
        kg.build([Path(__file__).resolve().parent.parent / "seeds"]), tmp_path / "graph.json", ExportOptions()
    )
    written = []
    for hash_seed in ("1", "2"):
        for whole in ([], ["--whole"]):
            out = tmp_path / f"{hash_seed}{''.join(whole)}.html"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "kg.cli",
                    "html",
                    "--graph",
                    str(tmp_path / "graph.json"),
                    "-o",
                    str(out),
                    *whole,
                ],
                check=True,
                capture_output=True,
                env={**os.environ, "PYTHONHASHSEED": hash_seed},
            )
            written.append(out.read_bytes())
    assert written[0] == written[2] and written[1] == written[3]


# --------------------------------------------------------------------------- long and bidi labels

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_long_names_are_cut_on_the_canvas_and_kept_whole_for_the_details(tiny_kg, tmp_path):
    long_name = "Ada " + "Lovelace-" * 55 + "End"  # 502 characters
    for key in ("label", "name"):
        tiny_kg.graph.nodes["author:a"][key] = long_name
    for name, html in pages(tiny_kg, tmp_path).items():
        data = data_block(html)
        ada = next(n for n in data["nodes"] if n["id"] == "author:a")
        assert ada["kg"]["name"] == long_name, name
        assert ada["label"] and len(ada["label"]) <= MAX_CANVAS_LABEL and ada["label"].endswith("\u2026")
        assert long_name.startswith(ada["label"][:-1]), name
        other_labels = [n["label"] for n in data["nodes"] if n["label"] and n["id"] != "author:a"]
        assert "Bo Chen" in other_labels  # short names are drawn as they are
        assert all(len(item["label"]) <= MAX_CANVAS_LABEL + len(" & co.") for item in data["page"]["legend"])


def test_bidi_overrides_in_the_data_never_reach_the_page(tiny_kg, tmp_path):
    tiny_kg.graph.nodes["author:b"].update(label="Bo \u202eevil", name="Bo \u202eevil")
    tiny_kg.graph.nodes["author:b"]["name_variants"] = ["B. \u2067Chen\u2069"]
    tiny_kg.graph.nodes["org:acme"]["label"] = "\u202dAcme Labs\u202c"
    for name, html in pages(tiny_kg, tmp_path).items():
        assert not set(OVERRIDES) & set(html), name
        data = data_block(html)
        bo = next(n for n in data["nodes"] if n["id"] == "author:b")
        assert bo["kg"]["name"] == "Bo evil" and bo["label"] == "Bo evil"
        assert bo["kg"]["v"] == ["B. Chen"]
        assert "Acme Labs" in json.dumps(data, ensure_ascii=False)
    html = to_pyvis(tiny_kg.coauthors(), graph=tiny_kg.graph, heading="Lab \u202eheading").generate_html()
    assert data_block(html)["heading"] == "Lab heading"


def test_script_json_removes_bidi_controls_and_keeps_the_marks():
    text = script_json({"n": "a\u202eb\u2066c\u2069 \u200fd\u200e", "k\u202e": 1})
    assert json.loads(text) == {"n": "abc \u200fd\u200e", "k": 1}


def test_the_page_styles_isolate_and_wrap_the_texts_of_the_data():
    css = (TEMPLATES / "graph.css").read_text("utf-8")
    rules: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        for selector in selectors.split(","):
            rules[selector.strip()] = rules.get(selector.strip(), "") + body
    for selector in (".card-title", ".card dd", ".card li", ".results button", ".legend .name", ".bar h1"):
        assert "unicode-bidi: isolate" in rules[selector], selector
    for selector in (".card-title", ".card dd", ".card li", ".results button", ".notes li", ".bar h1"):
        assert "overflow-wrap: anywhere" in rules[selector], selector
