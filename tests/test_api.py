"""The public API: kg.build, KnowledgeGraph's views, kg.load, and the README's three lines."""

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "resolve"


@pytest.mark.slow
def test_readme_lines_run_in_a_fresh_interpreter():
    code = (
        "import kg, networkx as nx\n"
        "G = kg.build(['seeds']).coauthors()\n"
        "pr = nx.pagerank(G)\n"
        "print(G.number_of_nodes(), len(pr), round(sum(pr.values()), 6))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    nodes, scored, total = done.stdout.split()
    assert int(nodes) == int(scored) > 100 and float(total) == 1.0


def test_build_returns_the_views():
    built = kg.build(str(ROOT / "seeds"), analyses=False)  # one path, not a list: accepted
    assert isinstance(built.graph, nx.MultiDiGraph)
    assert set(built.papers()) | set(built.authors()) <= set(built.graph)
    assert all(d["type"] == "Paper" for d in built.papers().values())
    assert all(d["type"] == "Author" for d in built.authors().values())
    C = built.coauthors()
    assert set(C.nodes) == set(built.authors())
    assert built.merges == built.graph.graph["merges"]


def test_build_takes_aliases_as_a_string():
    built = kg.build(
        [str(ROOT / "seeds" / "003_87569abedee599f0.txt")],
        analyses=False,
        aliases=str(DATA / "aliases_uw.csv"),
    )
    assert "org:university of washington" in built.organizations()
    assert any(p.file.endswith("aliases_uw.csv") for p in built.problems)


def test_bad_input_becomes_a_problem(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing a listing would say\n", encoding="utf-8")
    built = kg.build([str(junk), str(ROOT / "seeds" / "004_19cb0c8271dea555.txt")], analyses=False)
    assert len(built.papers()) == 9
    assert [
        p.severity for p in built.problems if p.file == "junk.txt"
    ]  # named as provenance names it == ["error"]


def test_load_reads_back_json_and_graphml(tmp_path):
    from kg.export import ExportOptions, export_all

    built = kg.build([str(ROOT / "seeds")], analyses=False)
    export_all(built, tmp_path, ExportOptions(), only=["graph-json", "graph-graphml"])
    for name in ("graph.json", "graph.graphml"):
        loaded = kg.load(tmp_path / name)
        assert loaded.papers() == built.papers()
        assert loaded.authors() == built.authors()


def test_coauthor_graph_is_built_once_for_every_export(tmp_path, monkeypatch):
    import kg.graph
    from kg.export import ExportOptions, export_all

    built = kg.build([str(ROOT / "seeds" / "004_19cb0c8271dea555.txt")], analyses=False)
    calls = []
    project = kg.graph.coauthor_graph
    monkeypatch.setattr(kg.graph, "coauthor_graph", lambda G: calls.append(G) or project(G))
    export_all(
        built,
        tmp_path,
        ExportOptions(),
        only=["coauthors-json", "coauthors-graphml", "gexf", "coauthors-html", "kg-html"],
    )
    assert len(calls) == 1 and calls[0] is built.graph
    assert built.coauthors() is built.coauthors()
    assert set(built.coauthors()) == set(built.authors())
