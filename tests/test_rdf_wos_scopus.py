"""Web of Science and Scopus ids reach the RDF export as ``schema:identifier`` literals, and the
export of a graph built from them passes the SHACL shapes."""

from __future__ import annotations

import pyshacl
import rdflib
from conftest import DATA

import kg
from kg.export import ExportOptions
from kg.export.rdf.paper_ids import paper_identifiers
from kg.export.rdf.turtle import write_turtle

SHAPES = DATA.parent.parent / "kg" / "shapes.ttl"
SCHEMA = rdflib.Namespace("https://schema.org/")


def test_wos_and_scopus_ids_are_identifiers_in_their_form_only():
    identifiers, urls = paper_identifiers(
        {"ids": {"wos": ["WOS:000990000000042", "not an accession"], "scopus": ["2-s2.0-85099000042", "85"]}}
    )
    assert identifiers == ["scopus:2-s2.0-85099000042", "wos:WOS:000990000000042"] and urls == []


def test_a_graph_from_wos_and_scopus_conforms(tmp_path):
    built = kg.build(
        [str(DATA / "apis" / "enzyme_wos.txt"), str(DATA / "apis" / "enzyme_scopus.csv")], analyses=False
    )
    write_turtle(built, tmp_path / "kg.ttl", ExportOptions())
    data = rdflib.Graph().parse(tmp_path / "kg.ttl")
    found = {str(o) for o in data.objects(None, SCHEMA.identifier)}
    assert {"wos:WOS:000990000000042", "scopus:2-s2.0-85099000042", "doi:10.5555/enzyme.2021.0042"} <= found
    conforms, _, text = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(SHAPES))
    assert conforms, text
