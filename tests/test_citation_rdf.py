"""Citations in the RDF: cito:cites to papers and cited works, the counts, kg:CitedWork; the
shapes hold and the example queries of queries/citations/ answer alike in both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph

import kg
from kg.export import ExportOptions
from kg.export.rdf.turtle import write_turtle
from kg.sparql import ENGINES, execute, load_graph, read_query

ROOT = Path(__file__).resolve().parent.parent
APIS = ROOT / "tests" / "data" / "apis"
QUERIES = sorted((ROOT / "queries" / "citations").glob("*.rq"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    built = kg.build([APIS])
    path = tmp_path_factory.mktemp("apis") / "kg.ttl"
    write_turtle(built, path, ExportOptions())
    return built, path


def _rows(graph, name):
    result = execute(graph, read_query(f"@{ROOT / 'queries' / 'citations' / name}"))
    return [tuple(None if v is None else v.value for v in row) for row in result.rows]


def test_every_citation_is_a_cito_cites_triple(exported):
    built, path = exported
    rdf = Graph().parse(path)
    cites = {
        (str(s), str(o))
        for s, o in rdf.subject_objects(predicate=rdf.namespace_manager.expand_curie("cito:cites"))
    }
    assert len(cites) == built.citations().number_of_edges()
    works = {str(s) for s in rdf.subjects(object=rdf.namespace_manager.expand_curie("kg:CitedWork"))}
    assert len(works) == len(built.works())
    assert {o for _, o in cites} & works


def test_the_export_with_citations_conforms_to_the_shapes(exported):
    _, path = exported
    data, shapes = Graph().parse(path), Graph().parse(ROOT / "kg" / "shapes.ttl")
    conforms, _, text = validate(data, shacl_graph=shapes)
    assert conforms, text


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_each_citation_query_answers_alike_in_both_engines(exported, path):
    _, ttl = exported
    results = [_rows(load_graph(ttl, engine), path.name) for engine in ENGINES]
    assert results[0], f"{path.name} found nothing"
    assert results[0] == results[1]
    assert "kg query" in path.read_text()


def test_cite_both_finds_the_paper_citing_the_transformer_and_the_book(exported):
    _, ttl = exported
    assert _rows(load_graph(ttl, "oxigraph"), "cite_both.rq") == [
        ("Attention Graphs for Predicting Enzyme Turnover Across Species",)
    ]
