"""SHACL shapes (kg/shapes.ttl): the exports of the seeds and of the tiny graph conform, and each
shape reports the defect it exists for."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from conftest import DATA, SEEDS, make_tiny_graph
from rdflib import Literal as RLiteral
from rdflib import URIRef

import kg
from kg.export import ExportOptions
from kg.export.rdf.jsonld import write_jsonld
from kg.export.rdf.turtle import write_turtle
from kg.graph import KnowledgeGraph

BASE = "https://w3id.org/kg/id/"
SHAPES = Path(kg.__file__).parent / "shapes.ttl"
S = rdflib.Namespace("https://schema.org/")
K = rdflib.Namespace("https://w3id.org/kg/ns#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
KGSH = rdflib.Namespace("https://w3id.org/kg/shapes#")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES)


def exported(G, tmp_path: Path, writer=write_turtle, name="kg.ttl") -> rdflib.Graph:
    writer(KnowledgeGraph(G), tmp_path / name, ExportOptions())
    return rdflib.Graph().parse(tmp_path / name)


def violations(data: rdflib.Graph, shapes: rdflib.Graph) -> set[tuple[str, str]]:
    """(focus node, property path, else the constraint: "sparql", "or") of every violation."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes)
    found = set()
    for result in report.subjects(SH.focusNode, None):
        focus = str(report.value(result, SH.focusNode)).removeprefix(BASE)
        path = report.value(result, SH.resultPath)
        if isinstance(path, URIRef):
            found.add((focus, _short(path)))
        elif path is not None:
            found.add((focus, "^" + _short(report.value(path, SH.inversePath))))
        else:
            component = str(report.value(result, SH.sourceConstraintComponent))
            found.add((focus, component.removeprefix(str(SH)).removesuffix("ConstraintComponent").lower()))
    assert conforms == (not found)
    return found


def _short(term) -> str:
    text = str(term)
    for ns, prefix in (
        (str(S), "schema:"),
        (str(K), "kg:"),
        (str(SKOS), "skos:"),
        (str(KGSH), "kgsh:"),
        ("http://www.w3.org/ns/prov#", "prov:"),
    ):
        text = text.replace(ns, prefix)
    return text


def test_the_shapes_are_valid_shacl(shapes):
    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_the_tiny_export_conforms_in_turtle_and_json_ld(shapes, tmp_path):
    assert violations(exported(make_tiny_graph(), tmp_path), shapes) == set()
    assert violations(exported(make_tiny_graph(), tmp_path, write_jsonld, "kg.jsonld"), shapes) == set()


@pytest.mark.slow  # pyshacl over the whole seeds export
def test_the_seeds_export_conforms(shapes, tmp_path):
    """The export as ``kg build seeds/`` writes it: with centralities, communities, keyword and
    cluster topics."""
    data = exported(kg.build([SEEDS]).graph, tmp_path)
    assert len(set(data.subjects(rdflib.RDF.type, S.ScholarlyArticle))) > 100
    assert len(set(data.subjects(K.pageRank, None))) > 100
    assert {str(o).rsplit("/", 1)[1] for o in data.objects(None, SKOS.inScheme)} == {
        "arxiv",
        "keyword",
        "cluster",
    }
    assert violations(data, shapes) == set()


@pytest.mark.slow  # every format of a build: seconds
def test_the_export_of_every_format_with_every_kind_of_id_conforms(shapes, tmp_path):
    """BibTeX, arXiv Atom, OpenAlex, dblp and the digest: arXiv ids, DOIs, OpenAlex, dblp, BibTeX,
    MAG, PubMed and PMC ids, with their resolver links."""
    G = kg.build(
        [DATA / "formats", DATA / "rdf" / "openalex_odd_ids.jsonl", SEEDS / "004_19cb0c8271dea555.txt"],
        analyses=False,
    ).graph
    data = exported(G, tmp_path)
    written = {str(i).split(":", 1)[0] for i in data.objects(None, S.identifier)}
    assert written >= {"arXiv", "doi", "openalex", "dblp", "bibtex", "mag", "pmid", "pmcid"}
    assert violations(data, shapes) == set()


def test_a_fully_annotated_graph_conforms(shapes, tmp_path):
    G = make_tiny_graph()
    G.nodes["author:a"].update(
        orcid="0000-0002-1825-0097",
        pagerank=0.3,
        degree=0.5,
        weighted_degree=3.0,
        betweenness=0.1,
        closeness=0.6,
        eigenvector=0.7,
        community=0,
        h_index=13,
        citations=794,
        profile_paper_count=46,
        name_variants=["A. Lovelace", "Ada Lovelace"],
    )
    G.nodes["org:acme"]["ror"] = "02mhbdp94"
    G.nodes["paper:t-1"].update(
        arxiv_id="2205.11728v2",
        doi="10.1000/XYZ",
        title_zh="看猫",
        summary_zh="摘要",
        venue="CVPR",
        date="--04-17",
    )
    G.add_node(
        "topic:kw:vision transformer",
        type="Topic",
        label="vision transformer",
        label_zh=None,
        scheme="keyword",
        code=None,
        terms=[],
    )
    G.add_node(
        "topic:cluster:0",
        type="Topic",
        label="cats, images",
        label_zh=None,
        scheme="cluster",
        code=None,
        terms=["cats", "images"],
    )
    for topic in ("topic:kw:vision transformer", "topic:cluster:0"):
        G.add_edge("paper:t-1", topic, key="HAS_TOPIC", type="HAS_TOPIC", weight=0.5, method="keyword")
    assert violations(exported(G, tmp_path), shapes) == set()


def test_graph_defects_are_reported_where_they_are(shapes, tmp_path):
    G = make_tiny_graph()
    G.edges["author:d", "paper:t-3", "AUTHORED"]["position"] = 1  # two first authors
    G.nodes["paper:t-2"]["date"] = "2023-02-30"  # not a day
    G.remove_edge("paper:t-4", "source:tiny.txt", key="FROM_SOURCE")
    G.nodes["paper:t-4"]["sources"] = []  # no provenance at all
    found = violations(exported(G, tmp_path), shapes)
    assert found == {
        ("paper/t-3", "sparql"),
        ("paper/t-2", "schema:datePublished"),
        ("paper/t-4", "prov:wasDerivedFrom"),
        ("paper/t-4", "prov:qualifiedDerivation"),
    }


P1, A, ORG, CV = (
    URIRef(BASE + "paper/t-1"),
    URIRef(BASE + "author/a"),
    URIRef(BASE + "org/acme"),
    URIRef(BASE + "topic/arxiv-cs.CV"),
)
AS1 = URIRef(BASE + "paper/t-1/authorship/1")


def _drop(s, p):
    return lambda g: g.remove((s, p, None))


def _add(s, p, o):
    return lambda g: g.add((s, p, o))


@pytest.mark.parametrize(
    "defect, expected",
    [
        (_drop(P1, K.authorListComplete), {("paper/t-1", "kg:authorListComplete"), ("paper/t-1", "or")}),
        (_add(P1, S.name, RLiteral("Second English title", lang="en")), {("paper/t-1", "schema:name")}),
        (_add(P1, S.name, RLiteral("Titre", lang="fr")), {("paper/t-1", "schema:name")}),
        (_add(P1, S.identifier, RLiteral("arXiv:2205.11728v2")), {("paper/t-1", "schema:identifier")}),
        (
            _add(P1, S.identifier, RLiteral("openalex:https://openalex.org/W1")),
            {("paper/t-1", "schema:identifier")},
        ),
        (_add(P1, S.identifier, RLiteral("bibtex:two words")), {("paper/t-1", "schema:identifier")}),
        (_add(P1, S.identifier, RLiteral("isbn:978-3-16-148410-0")), {("paper/t-1", "schema:identifier")}),
        (_add(P1, K.authorListComplete, RLiteral(False)), {("paper/t-1", "kg:authorListComplete")}),
        (_drop(URIRef(BASE + "paper/t-3"), K.listedAuthorCount), {("paper/t-3", "or")}),
        (_drop(P1, S.author), {("paper/t-1", "sparql")}),
        (_drop(AS1, K.agent), {("paper/t-1/authorship/1", "kg:agent"), ("paper/t-1", "sparql")}),
        (_add(AS1, K.position, RLiteral(0)), {("paper/t-1/authorship/1", "kg:position")}),
        (
            _add(URIRef(BASE + "paper/t-2"), K.authorship, AS1),
            {("paper/t-1/authorship/1", "^kg:authorship"), ("paper/t-2", "sparql")},
        ),
        (_add(A, S.name, RLiteral("Augusta Ada King")), {("author/a", "schema:name")}),
        (_add(A, K.pageRank, RLiteral("0.5")), {("author/a", "kg:pageRank")}),
        (_add(A, S.identifier, RLiteral("orcid:1234")), {("author/a", "schema:identifier")}),
        (_drop(ORG, S.name), {("org/acme", "schema:name")}),
        (_add(ORG, S.identifier, RLiteral("ror:xyz")), {("org/acme", "schema:identifier")}),
        (_drop(CV, SKOS.inScheme), {("topic/arxiv-cs.CV", "skos:inScheme")}),
        (_add(CV, SKOS.prefLabel, RLiteral("Vision")), {("topic/arxiv-cs.CV", "skos:prefLabel")}),
    ],
)
def test_each_shape_reports_its_defect(shapes, tmp_path, defect, expected):
    data = exported(make_tiny_graph(), tmp_path)
    defect(data)
    assert violations(data, shapes) == expected
