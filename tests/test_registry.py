"""The registries hold what their contracts (kg.registry) promise, and every path goes through them:
each layout module is an Extractor, each export entry loads an Exporter, ``kg.load`` reads by the
reader table, ``kg html`` writes the page ``kg build`` writes."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.export import EXPORTERS
from kg.export.networkx_formats import READERS, UnknownGraphFormat
from kg.extract import EXTRACTORS, extractor
from kg.registry import Extractor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("layout", list(EXTRACTORS))
def test_every_layout_module_is_an_extractor(layout):
    module = extractor(layout)
    assert isinstance(module, Extractor)
    assert module.LAYOUT == layout
    assert list(inspect.signature(module.detect).parameters) == ["text"]
    assert list(inspect.signature(module.extract).parameters)[:3] == ["text", "file", "options"]
    assert module.detect("") <= 0.5  # nothing is nobody's


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_every_export_loads_a_writer_of_the_exporter_signature(name):
    write = EXPORTERS[name].load()
    assert list(inspect.signature(write).parameters) == ["kg", "path", "options"]


def test_kg_load_reads_each_format_by_its_reader(tmp_path):
    built = kg.build([SEEDS], analyses=False)
    from kg.export import ExportOptions, export_all

    export_all(built, tmp_path, ExportOptions(), only=["graph-json", "graph-graphml", "gexf"])
    for name in ("graph.json", "graph.graphml"):
        loaded = kg.load(tmp_path / name)
        assert loaded.counts() == built.counts(), name
    assert set(READERS) == {".json", ".graphml", ".gexf"}
    assert kg.load(tmp_path / "coauthors.gexf").graph.number_of_nodes() == len(built.authors())


def test_kg_load_refuses_a_file_it_has_no_reader_for(tmp_path):
    (tmp_path / "kg.ttl").write_text("<a> <b> <c> .\n", encoding="utf-8")
    with pytest.raises(UnknownGraphFormat, match=r"kg\.ttl: not a graph file kg reads back"):
        kg.load(tmp_path / "kg.ttl")


@pytest.fixture(scope="module")
def built_pages(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    args = ["build", str(SEEDS), "-o", str(out), "--only", "graph-json"]
    run = CliRunner().invoke(main, [*args, "--only", "coauthors-html", "--only", "kg-html"])
    assert run.exit_code == 0, run.output
    return out


@pytest.mark.parametrize("whole, name", [([], "coauthors-html"), (["--whole"], "kg-html")])
def test_kg_html_writes_the_page_kg_build_writes(built_pages, tmp_path, whole, name):
    graph = str(built_pages / "graph.json")
    drawn = CliRunner().invoke(main, ["html", "--graph", graph, "-o", str(tmp_path / "page.html"), *whole])
    assert drawn.exit_code == 0, drawn.output
    page = (tmp_path / "page.html").read_bytes()
    assert page == (built_pages / EXPORTERS[name].filename).read_bytes()


def test_kg_html_writes_to_the_registry_file_name_by_default(built_pages, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(
        main, ["html", "--graph", str(built_pages / "graph.json"), "--whole", "--max-nodes", "5"]
    )
    assert run.exit_code == 0, run.output
    assert (tmp_path / "exports" / EXPORTERS["kg-html"].filename).is_file()
    assert run.output.startswith(f"wrote {Path('exports') / 'kg.html'}: ")
