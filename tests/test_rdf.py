"""RDF exports (kg/export/rdf/): two parsers agree on every export, hostile text round-trips
exactly, IRIs are stable and valid, output is byte-identical across runs, the model follows
DESIGN.md contract 3."""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from conftest import DATA, SEEDS, make_tiny_graph, rdf_exports
from rdflib import Literal as RLiteral
from rdflib import URIRef

import kg
from kg.export import ExportOptions
from kg.export.rdf.describe import descriptions
from kg.export.rdf.iris import encode_iri, key_segment, normalize_base
from kg.export.rdf.literals import quote
from kg.export.rdf.ntriples import NTriples, write_ntriples_to
from kg.export.rdf.paper_ids import PAPER_ID_SCHEMES
from kg.export.rdf.turtle import write_turtle, write_turtle_to
from kg.export.rdf.vocabulary import KG, SCHEMA
from kg.graph import KnowledgeGraph

BASE = "https://w3id.org/kg/id/"
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
S = rdflib.Namespace(SCHEMA)
K = rdflib.Namespace(KG)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
RDFS = rdflib.Namespace("http://www.w3.org/2000/01/rdf-schema#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
#: Each RDF export's file name -> its format, as rdflib and as oxigraph name it.
FORMATS = {
    "kg.ttl": ("turtle", ox.RdfFormat.TURTLE),
    "kg.nt": ("nt", ox.RdfFormat.N_TRIPLES),
    "kg.jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
}


def rdflib_triples(path: Path) -> set[tuple]:
    graph = rdflib.Graph().parse(path, format=FORMATS[path.name][0])
    return {tuple(_rdflib_term(t) for t in triple) for triple in graph}


def oxigraph_triples(path: Path) -> set[tuple]:
    return {
        (_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object))
        for t in ox.parse(path=str(path), format=FORMATS[path.name][1])
    }


def _rdflib_term(term) -> tuple:
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else None
        return ("literal", str(term), None if term.language else datatype or str(XSD.string), term.language)
    return ("iri", str(term), None, None)


def _ox_term(term) -> tuple:
    if isinstance(term, ox.Literal):
        return ("literal", term.value, None if term.language else term.datatype.value, term.language)
    return ("iri", term.value, None, None)


@pytest.fixture(scope="module")
def seeds_graph() -> nx.MultiDiGraph:
    return kg.build([SEEDS], analyses=False).graph


# ------------------------------------------------------------------------ parsers and formats


def test_every_export_parses_with_rdflib_and_oxigraph_to_the_same_triples(tiny_graph, tmp_path):
    paths = rdf_exports(tiny_graph, tmp_path)
    by_parser = {
        (name, parser): parse(path)
        for name, path in paths.items()
        for parser, parse in (("rdflib", rdflib_triples), ("oxigraph", oxigraph_triples))
    }
    reference = by_parser[("kg.nt", "rdflib")]
    assert len(reference) > 150
    for key, triples in by_parser.items():
        assert triples == reference, key


def test_seed_exports_parse_with_both_parsers_and_agree(seeds_graph, tmp_path):
    paths = rdf_exports(seeds_graph, tmp_path)
    counts = {
        (name, parser): len(parse(path))
        for name, path in paths.items()
        for parser, parse in (("rdflib", rdflib_triples), ("oxigraph", oxigraph_triples))
    }
    assert len(set(counts.values())) == 1, counts
    lines = [line for line in paths["kg.nt"].read_text(encoding="utf-8").splitlines() if line]
    assert len(lines) == counts[("kg.nt", "rdflib")]  # no duplicate triple is written


def test_turtle_groups_each_subject_in_one_block_with_prefixes(tiny_graph, tmp_path):
    text = rdf_exports(tiny_graph, tmp_path)["kg.ttl"].read_text(encoding="utf-8")
    assert text.startswith(f"@base <{BASE}> .\n")
    assert "@prefix schema: <https://schema.org/> ." in text
    subjects = re.findall(r"^(<[^>]*>) a ", text, flags=re.MULTILINE)
    assert len(subjects) == len(set(subjects))
    assert "<paper/t-1> a schema:ScholarlyArticle ;" in text
    assert (
        "kg:authorship <paper/t-1/authorship/1>, <paper/t-1/authorship/2>, <paper/t-1/authorship/3> ;" in text
    )


# ------------------------------------------------------------------------------ hostile text

HOSTILE = [
    'He said "hi" \\ and left',
    "line one\nline two\r\nline three",
    "tab\there",
    '"""',
    "'''",
    "ends with a backslash \\",
    '"',
    "<script>alert('x')</script>",
    "</script><!--",
    "emoji 😀🧪 ok",
    "中文标题：知识图谱",
    "مرحبا بالعالم",
    "\u202eRLO override\u202c",
    "nul\x00bell\x07esc\x1b[31mred",
    "del\x7f c1\x85 sep\u2028para\u2029",
    "@en",
    '"@zh',
    "^^xsd:string",
    "#not a comment .",
]


def hostile_graph() -> nx.MultiDiGraph:
    G = make_tiny_graph()
    for i, title in enumerate(HOSTILE):
        pid = f"paper:t-hostile{i}"
        G.add_node(
            pid,
            **{
                **G.nodes["paper:t-1"],
                "title": title,
                "label": title,
                "abstract": title,
                "title_zh": title,
                "code_urls": [],
                "has_code": False,
            },
        )
        G.add_edge(pid, "source:tiny.txt", key="FROM_SOURCE", type="FROM_SOURCE", line=20 + i)
        G.add_edge("author:a", pid, key="AUTHORED", type="AUTHORED", position=1, name_as_written=title)
    G.nodes["org:acme"]["aliases"] = ["Acme Labs", *HOSTILE]
    return G


@pytest.mark.parametrize("name", list(FORMATS))
def test_hostile_literals_round_trip_exactly_through_both_parsers(name, tmp_path):
    path = rdf_exports(hostile_graph(), tmp_path)[name]
    for parse in (rdflib_triples, oxigraph_triples):
        triples = parse(path)
        titles = {o[1] for s, p, o in triples if p[1] == SCHEMA + "name" and o[3] == "en"}
        spellings = {o[1] for s, p, o in triples if p[1] == KG + "nameAsWritten"}
        aliases = {o[1] for s, p, o in triples if p[1] == SCHEMA + "alternateName"}
        assert set(HOSTILE) <= titles
        assert set(HOSTILE) <= spellings
        assert set(HOSTILE) <= aliases


def test_literals_never_break_a_line_or_hold_raw_control_characters(tmp_path):
    paths = rdf_exports(hostile_graph(), tmp_path)
    for name in ("kg.ttl", "kg.nt"):
        text = paths[name].read_text(encoding="utf-8")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
        assert "\"<script>alert('x')</script>\"@en" in text
        assert '"\\"\\"\\""@en' in text  # the title that is """
    for line in paths["kg.nt"].read_text(encoding="utf-8").splitlines():
        assert line.endswith(" .") and line.startswith("<")


def test_lone_surrogates_become_replacement_characters(tiny_graph, tmp_path):
    tiny_graph.nodes["paper:t-1"]["title"] = "broken \udc80 byte"
    paths = rdf_exports(tiny_graph, tmp_path)
    for path in paths.values():
        path.read_bytes().decode("utf-8")  # valid UTF-8
    titles = {
        o[1] for _, p, o in oxigraph_triples(paths["kg.nt"]) if p[1] == SCHEMA + "name" and o[3] == "en"
    }
    assert "broken \ufffd byte" in titles


# ------------------------------------------------------------------------------------- IRIs


def test_plain_keys_are_kept_and_others_get_a_slug_and_sha1():
    assert key_segment("arxiv-2205.11728") == "arxiv-2205.11728"
    assert key_segment("000_5a6d834f1bbc5bd4.txt") == "000_5a6d834f1bbc5bd4.txt"
    digest = hashlib.sha1(b"jung-woo ha").hexdigest()[:8]
    assert key_segment("jung-woo ha") == f"jung-woo-ha-{digest}"
    assert key_segment("françois viganò").startswith("francois-vigano-")
    assert re.fullmatch(r"u-[0-9a-f]{8}", key_segment("张伟"))
    # a plain key that looks hashed is hashed again, so no plain key can equal a hashed one
    lookalike = key_segment(f"jung-woo-ha-{digest}")
    assert lookalike != f"jung-woo-ha-{digest}" and lookalike.startswith("jung-woo-ha-")


def test_segments_of_distinct_keys_differ():
    keys = [
        "jung-woo ha",
        "jung woo-ha",
        "Jung-Woo Ha",
        "jung-woo-ha",
        "a",
        "A",
        "doi-10.1/x",
        "doi-10.1-x",
        "kw:graph",
        "kw graph",
        "张伟",
        "张 伟",
        "",
    ]
    assert len({key_segment(k) for k in keys}) == len(keys)


def test_iris_are_stable_across_runs_and_node_order(tmp_path):
    G = make_tiny_graph()
    shuffled = nx.MultiDiGraph(**G.graph)
    nodes, edges = list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
    random.Random(7).shuffle(nodes)
    random.Random(7).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(edges)
    first = rdf_exports(G, tmp_path / "a")
    second = rdf_exports(shuffled, tmp_path / "b")
    for name in FORMATS:
        assert first[name].read_bytes() == second[name].read_bytes(), name


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/a b/c",
        'https://x.org/"quoted"',
        "https://x.org/<script>",
        "https://x.org/{a}|^`",
        "https://x.org/p?q=a b#frag#ment",
        "https://x.org/100%",
        "https://x.org/%zz",
        "https://x.org/ünï/代码",
        "https://user name@x.org:8080/p",
        "http://[::1]/p",
        "https://x.org/back\\slash",
        "https://x.org/\x00\n",
    ],
)
def test_encoded_iris_are_accepted_by_a_strict_parser(url):
    iri = encode_iri(url)
    assert iri is not None
    ox.NamedNode(iri)  # raises ValueError on an invalid IRI
    assert not re.search(r'[\x00-\x20<>"{}|^`\\]', iri)


def test_text_that_is_not_an_absolute_iri_is_refused():
    assert encode_iri("github.com/x/y") is None
    assert encode_iri("https://x.org:port/") is None
    with pytest.raises(ValueError, match="not an absolute IRI"):
        normalize_base("not a base")
    assert normalize_base("https://example.org/kg") == "https://example.org/kg/"


def test_code_links_become_software_nodes_and_odd_links_stay_text(tiny_graph, tmp_path):
    tiny_graph.nodes["paper:t-2"].update(
        code_urls=["https://github.com/x/cats", "javascript:alert(1)", "https://github.com/x/sent ences"],
        has_code=True,
    )
    g = rdflib.Graph().parse(rdf_exports(tiny_graph, tmp_path)["kg.nt"], format="nt")
    paper = URIRef(BASE + "paper/t-2")
    repos = {g.value(code, S.codeRepository) for code in g.objects(paper, S.subjectOf)}
    assert repos == {
        URIRef("https://github.com/x/cats"),
        RLiteral("javascript:alert(1)"),
        URIRef("https://github.com/x/sent%20ences"),
    }
    shared = next(
        c
        for c in g.objects(paper, S.subjectOf)
        if g.value(c, S.codeRepository) == URIRef("https://github.com/x/cats")
    )
    assert set(g.objects(shared, S.about)) == {paper, URIRef(BASE + "paper/t-1")}  # one node per URL
    assert (shared, RDF.type, S.SoftwareSourceCode) in g


def test_a_base_with_a_fragment_gives_absolute_iris_everywhere(tiny_graph, tmp_path):
    base = "http://example.org/data#"
    paths = rdf_exports(tiny_graph, tmp_path, base)
    assert "@base" not in paths["kg.ttl"].read_text(encoding="utf-8")
    triples = rdflib_triples(paths["kg.ttl"])
    assert triples == oxigraph_triples(paths["kg.nt"]) == rdflib_triples(paths["kg.jsonld"])
    subjects = {s[1] for s, _, _ in triples}
    assert all(s.startswith(base) for s in subjects)
    assert base + "author/a" in subjects


# ------------------------------------------------------------------------------------ model


def _graph(G: nx.MultiDiGraph, tmp_path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(rdf_exports(G, tmp_path)["kg.nt"], format="nt")


def test_dates_are_typed_by_their_precision(tiny_graph, tmp_path):
    dates = {"paper:t-1": "2021-03-04", "paper:t-2": "2022-07", "paper:t-3": "2022", "paper:t-4": "--04-17"}
    for node, value in dates.items():
        tiny_graph.nodes[node]["date"] = value
    g = _graph(tiny_graph, tmp_path)
    typed = {str(p).rsplit("/", 1)[1]: (str(d), d.datatype) for p, d in g.subject_objects(S.datePublished)}
    assert typed == {
        "t-1": ("2021-03-04", XSD.date),
        "t-2": ("2022-07", XSD.gYearMonth),
        "t-3": ("2022", XSD.gYear),
        "t-4": ("--04-17", XSD.gMonthDay),
    }


def test_an_impossible_date_is_not_typed_as_a_date(tiny_graph, tmp_path):
    tiny_graph.nodes["paper:t-1"]["date"] = "2023-02-30"
    g = _graph(tiny_graph, tmp_path)
    value = g.value(URIRef(BASE + "paper/t-1"), S.datePublished)
    assert str(value) == "2023-02-30" and value.datatype is None


def test_authorships_keep_order_and_spelling_and_cut_lists_say_so(tiny_graph, tmp_path):
    tiny_graph.edges["author:c", "paper:t-3", "AUTHORED"]["name_as_written"] = "C. Young"
    g = _graph(tiny_graph, tmp_path)
    paper = URIRef(BASE + "paper/t-3")
    rows = sorted(
        (int(g.value(a, K.position)), str(g.value(a, K.agent)), str(g.value(a, K.nameAsWritten)))
        for a in g.objects(paper, K.authorship)
    )
    assert rows == [(1, BASE + "author/c", "C. Young"), (2, BASE + "author/d", "Di Park")]
    assert {str(a) for a in g.objects(paper, K.authorship)} == {
        f"{paper}/authorship/1",
        f"{paper}/authorship/2",
    }
    assert set(g.objects(paper, S.author)) == {URIRef(BASE + "author/c"), URIRef(BASE + "author/d")}
    assert g.value(paper, K.authorListComplete).toPython() is False
    assert g.value(paper, K.listedAuthorCount) == RLiteral(2)
    complete = URIRef(BASE + "paper/t-1")
    assert g.value(complete, K.authorListComplete).toPython() is True
    assert g.value(complete, K.listedAuthorCount) is None


def test_identifiers_drop_the_arxiv_version_and_link_to_the_resolvers(tiny_graph, tmp_path):
    tiny_graph.nodes["paper:t-1"].update(arxiv_id="arXiv:2205.11728v2", doi="https://doi.org/10.1145/ABC.1")
    g = _graph(tiny_graph, tmp_path)
    paper = URIRef(BASE + "paper/t-1")
    assert set(g.objects(paper, S.identifier)) == {
        RLiteral("arXiv:2205.11728"),
        RLiteral("doi:10.1145/abc.1"),
    }
    assert set(g.objects(paper, S.sameAs)) == {
        URIRef("https://arxiv.org/abs/2205.11728"),
        URIRef("https://doi.org/10.1145/abc.1"),
    }


@pytest.fixture(scope="module")
def formats_graph() -> nx.MultiDiGraph:
    """ItemSage as BibTeX, arXiv Atom, OpenAlex, dblp and the Chinese digest, merged into one paper."""
    return kg.build([DATA / "formats", SEEDS / "004_19cb0c8271dea555.txt"], analyses=False).graph


def test_every_id_the_formats_give_a_paper_is_exported_with_its_resolver(formats_graph, tmp_path):
    g = _graph(formats_graph, tmp_path)
    item_sage = URIRef(BASE + "paper/arxiv-2205.11728")
    assert {str(i) for i in g.objects(item_sage, S.identifier)} == {
        "arXiv:2205.11728",
        "doi:10.1145/3534678.3539170",
        "openalex:W4283389112",
        "dblp:conf/kdd/BaltescuCPZLR22",
        "bibtex:baltescu2022itemsage",
        "mag:4283389112",
    }
    assert set(g.objects(item_sage, S.sameAs)) == {  # a BibTeX key and a MAG id resolve nowhere
        URIRef("https://arxiv.org/abs/2205.11728"),
        URIRef("https://doi.org/10.1145/3534678.3539170"),
        URIRef("https://openalex.org/W4283389112"),
        URIRef("https://dblp.org/rec/conf/kdd/BaltescuCPZLR22"),
    }
    graph_paper = URIRef(BASE + "paper/" + key_segment("doi-10.1000/graph.2021.7"))
    assert RLiteral("pmid:33600001") in set(g.objects(graph_paper, S.identifier))
    assert URIRef("https://pubmed.ncbi.nlm.nih.gov/33600001") in set(g.objects(graph_paper, S.sameAs))
    schemes = {
        scheme for _, d in formats_graph.nodes(data=True) if d["type"] == "Paper" for scheme in d["ids"]
    }
    assert schemes >= {"arxiv", "doi", "openalex", "dblp", "bibtex", "mag", "pmid"}
    assert schemes <= set(PAPER_ID_SCHEMES)  # no id a format gives is left out


def test_a_paper_is_found_by_any_of_its_ids_with_one_triple_pattern(formats_graph, tmp_path):
    store = ox.Store()
    store.load(path=str(rdf_exports(formats_graph, tmp_path)["kg.nt"]), format=ox.RdfFormat.N_TRIPLES)
    for identifier in (
        "openalex:W4283389112",
        "dblp:conf/kdd/BaltescuCPZLR22",
        "doi:10.1145/3534678.3539170",
    ):
        rows = list(store.query(f'SELECT ?p WHERE {{ ?p <{SCHEMA}identifier> "{identifier}" }}'))
        assert [row["p"].value for row in rows] == [BASE + "paper/arxiv-2205.11728"], identifier


def test_a_bibtex_key_two_files_share_names_both_papers_and_links_nowhere(formats_graph, tmp_path):
    """tests/data/formats/malformed.bib reuses the key good2020first for two different entries."""
    g = _graph(formats_graph, tmp_path)
    papers = set(g.subjects(S.identifier, RLiteral("bibtex:good2020first")))
    assert len(papers) == 2
    assert all(not str(url).endswith("good2020first") for p in papers for url in g.objects(p, S.sameAs))


def test_odd_ids_are_written_in_their_one_spelling_and_ids_that_are_none_left_out(tmp_path):
    """tests/data/rdf/openalex_odd_ids.jsonl: OpenAlex gives a PMC id without its 'PMC'; the second
    work's OpenAlex id is garbled and its MAG id is not a number."""
    G = kg.build([DATA / "rdf" / "openalex_odd_ids.jsonl"], analyses=False).graph
    g = _graph(G, tmp_path)
    clinical = URIRef(BASE + "paper/" + key_segment("doi-10.1371/journal.pone.0000001"))
    assert {str(i) for i in g.objects(clinical, S.identifier)} == {
        "doi:10.1371/journal.pone.0000001",
        "openalex:W2100000001",
        "pmid:25500001",
        "pmcid:PMC4276478",
        "mag:2100000001",
    }
    assert URIRef("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4276478") in set(
        g.objects(clinical, S.sameAs)
    )
    (garbled,) = [p for p, t in g.subject_objects(S.name) if str(t).startswith("A Record Whose")]
    assert list(g.objects(garbled, S.identifier)) == [] and list(g.objects(garbled, S.sameAs)) == []


def test_ids_in_a_loaded_graph_may_be_single_values_and_unknown_schemes_are_left_out(tiny_graph, tmp_path):
    tiny_graph.nodes["paper:t-1"]["ids"] = {
        "dblp": "conf/x/Y21",
        "isbn": ["978-3-16-148410-0"],
        "doi": [],
        "pmid": 33600001,
        "mag": None,
    }
    g = _graph(tiny_graph, tmp_path)
    paper = URIRef(BASE + "paper/t-1")
    assert set(g.objects(paper, S.identifier)) == {RLiteral("dblp:conf/x/Y21"), RLiteral("pmid:33600001")}
    assert set(g.objects(paper, S.sameAs)) == {
        URIRef("https://dblp.org/rec/conf/x/Y21"),
        URIRef("https://pubmed.ncbi.nlm.nih.gov/33600001"),
    }


def test_provenance_names_file_and_line(tiny_graph, tmp_path):
    g = _graph(tiny_graph, tmp_path)
    paper = URIRef(BASE + "paper/t-3")
    assert list(g.objects(paper, PROV.wasDerivedFrom)) == [URIRef(BASE + "source/tiny.txt")]
    (derivation,) = g.objects(paper, PROV.qualifiedDerivation)
    assert g.value(derivation, PROV.entity) == URIRef(BASE + "source/tiny.txt")
    assert g.value(derivation, K.line) == RLiteral(7)
    source = URIRef(BASE + "source/tiny.txt")
    assert set(g.objects(source, RDF.type)) == {K.Source, PROV.Entity}


def test_a_paper_read_in_several_places_has_a_derivation_for_each(tiny_graph, tmp_path):
    tiny_graph.add_node(
        "source:more.txt",
        type="Source",
        label="more.txt",
        path="in/more.txt",
        layout="bibtex",
        encoding="utf-8",
        records=1,
        problems=0,
    )
    tiny_graph.add_edge("paper:t-1", "source:more.txt", key="FROM_SOURCE", type="FROM_SOURCE", line=5)
    tiny_graph.nodes["paper:t-1"]["sources"] = ["tiny.txt:1", "tiny.txt:30", "in/more.txt:5"]
    g = _graph(tiny_graph, tmp_path)
    paper = URIRef(BASE + "paper/t-1")
    readings = {
        (str(g.value(g.value(d, PROV.entity), S.name)), int(g.value(d, K.line)))
        for d in g.objects(paper, PROV.qualifiedDerivation)
    }
    assert readings == {("tiny.txt", 1), ("tiny.txt", 30), ("more.txt", 5)}
    assert set(g.objects(paper, PROV.wasDerivedFrom)) == {
        URIRef(BASE + "source/tiny.txt"),
        URIRef(BASE + "source/more.txt"),
    }


def test_people_organisations_and_topics(tiny_graph, tmp_path):
    author = tiny_graph.nodes["author:a"]
    author.update(
        name_variants=["A. Lovelace", "Ada Lovelace"],
        orcid="https://orcid.org/0000-0002-1825-0097",
        pagerank=0.25,
        betweenness=0.0,
        degree=0.5,
        community=3,
    )
    tiny_graph.nodes["org:acme"]["ror"] = "https://ror.org/02mhbdp94"
    g = _graph(tiny_graph, tmp_path)
    a = URIRef(BASE + "author/a")
    assert g.value(a, S.name) == RLiteral("Ada Lovelace")
    assert set(g.objects(a, S.alternateName)) == {RLiteral("A. Lovelace")}
    assert g.value(a, S.identifier) == RLiteral("orcid:0000-0002-1825-0097")
    assert g.value(a, S.sameAs) == URIRef("https://orcid.org/0000-0002-1825-0097")
    assert g.value(a, K.pageRank) == RLiteral("0.25", datatype=XSD.double)
    assert g.value(a, K.betweennessCentrality) == RLiteral("0.0", datatype=XSD.double)
    assert g.value(a, K.community) == RLiteral("3", datatype=XSD.integer)
    assert set(g.objects(a, S.affiliation)) == {URIRef(BASE + "org/acme")}
    assert g.value(URIRef(BASE + "author/b"), S.affiliation) is None  # no MEMBER_OF edge: unknown
    org = URIRef(BASE + "org/acme")
    assert g.value(org, S.identifier) == RLiteral("ror:02mhbdp94")
    assert set(g.objects(org, S.alternateName)) == {RLiteral("acme")}
    cv = URIRef(BASE + "topic/arxiv-cs.CV")
    labels = {(str(o), o.language) for o in g.objects(cv, SKOS.prefLabel)}
    assert labels == {("Computer Vision and Pattern Recognition", "en"), ("计算机视觉", "zh")}
    assert g.value(cv, SKOS.inScheme) == URIRef(BASE + "scheme/arxiv")
    assert (URIRef(BASE + "scheme/arxiv"), RDF.type, SKOS.ConceptScheme) in g


def test_seed_paper_from_the_chinese_digest(seeds_graph, tmp_path):
    """seeds/004: item 1 (line 9) is arXiv 2205.11728 by P Baltescu … C Rosenberg, [Pinterest], [IR]."""
    g = _graph(seeds_graph, tmp_path)
    paper = URIRef(BASE + "paper/arxiv-2205.11728")
    assert g.value(paper, S.identifier) == RLiteral("arXiv:2205.11728")
    assert g.value(paper, S.sameAs) == URIRef("https://arxiv.org/abs/2205.11728")
    assert str(g.value(paper, S.name)).startswith("ItemSage: Learning Product Embeddings")
    spellings = {
        int(g.value(a, K.position)): str(g.value(a, K.nameAsWritten)) for a in g.objects(paper, K.authorship)
    }
    assert spellings == {
        1: "P Baltescu",
        2: "H Chen",
        3: "N Pancha",
        4: "A Zhai",
        5: "J Leskovec",
        6: "C Rosenberg",
    }
    orgs = {str(g.value(o, S.name)) for o in g.objects(paper, S.sourceOrganization)}
    assert orgs == {"Pinterest"}
    assert g.value(paper, S.about) == URIRef(BASE + "topic/arxiv-cs.IR")
    (derivation,) = g.objects(paper, PROV.qualifiedDerivation)
    assert str(g.value(g.value(derivation, PROV.entity), S.name)) == "004_19cb0c8271dea555.txt"
    assert g.value(derivation, K.line) == RLiteral(9)
    abstracts = {o.language for o in g.objects(paper, S.abstract)}
    assert abstracts == {"en", "zh"}
    bars = URIRef(BASE + "paper/arxiv-2205.09626")  # line 83: its Chinese title on line 85
    assert RLiteral("BARS:推荐系统开放基准研究", lang="zh") in set(g.objects(bars, S.name))


def test_a_year_less_seed_date_stays_year_less(seeds_graph, tmp_path):
    """seeds/003 line 68: 'CVApr 17Code' — P3T has a month and day but no year."""
    g = _graph(seeds_graph, tmp_path)
    (paper,) = [p for p, t in g.subject_objects(S.name) if str(t).startswith("P3T: Prototypical")]
    assert g.value(paper, S.datePublished) == RLiteral("--04-17", datatype=XSD.gMonthDay)


def test_every_kg_term_used_is_declared_in_the_ontology(seeds_graph, tiny_graph, tmp_path):
    ontology = rdflib.Graph().parse(Path(kg.__file__).parent / "ontology.ttl")
    OWL = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
    assert (URIRef("https://w3id.org/kg/ns"), RDF.type, OWL.Ontology) in ontology
    tiny_graph.nodes["author:a"].update(
        pagerank=0.1,
        degree=0.2,
        weighted_degree=2.0,
        closeness=0.3,
        eigenvector=0.4,
        betweenness=0.5,
        community=1,
        h_index=3,
        citations=10,
        profile_paper_count=46,
    )
    tiny_graph.nodes["paper:t-1"]["venue"] = "CVPR"
    tiny_graph.add_node(
        "topic:cluster:0",
        type="Topic",
        label="cats, images",
        label_zh=None,
        scheme="cluster",
        code=None,
        terms=["images", "cats"],
    )
    tiny_graph.add_edge(
        "paper:t-1", "topic:cluster:0", key="HAS_TOPIC", type="HAS_TOPIC", weight=0.8, method="cluster"
    )
    with_citations = kg.build([Path(__file__).parent / "data" / "apis"]).graph  # references: CiTO terms
    used = set()
    for G in (seeds_graph, tiny_graph, with_citations):
        for _, pairs in descriptions(G, BASE):
            used |= {p.value for p, _ in pairs if p.value.startswith(KG)}
            used |= {o.value for p, o in pairs if p.value == str(RDF.type) and o.value.startswith(KG)}
    assert len(used) > 25
    for term in sorted(used):
        iri = URIRef(term)
        assert ontology.value(iri, RDFS.label) is not None, term
        assert ontology.value(iri, RDFS.comment) is not None, term
        if ontology.value(iri, RDF.type) != OWL.Class:
            assert ontology.value(iri, RDFS.domain) is not None, term
            assert ontology.value(iri, RDFS.range) is not None, term
    declared = {str(s) for s in ontology.subjects(RDF.type, None) if str(s).startswith(KG)}
    assert declared == used  # and nothing is declared that no export uses


# ------------------------------------------------------------------------------ the writers


def test_fast_escaping_gives_what_escaping_every_special_character_gives():
    """The writers take a fast path for ASCII text; it must escape exactly as the full rule does."""

    def reference(value: str) -> str:
        names = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
        return (
            '"'
            + "".join(
                names.get(ch)
                or (
                    f"\\u{ord(ch):04X}"
                    if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029"
                    else ch
                )
                for ch in value
            )
            + '"'
        )

    rng = random.Random(7)
    ascii_only = 'ab "\\\n\r\t\b\f\x00\x1b\x7f'
    wide = "\x85\x9f\xa0\u2028\u2029\u2013\ud55cé中😀"  # C1 controls, separators, and their UTF-8 neighbours
    samples = HOSTILE + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for alphabet in (ascii_only, wide, ascii_only + wide)
        for _ in range(2000)
    ]
    expected = [reference(s) for s in samples]
    assert [quote(s) for s in samples] == expected
    assert [NTriples().text(s) for s in samples] == [e.encode() for e in expected]


@pytest.mark.parametrize("write", [write_ntriples_to, write_turtle_to])
def test_writers_stream_in_bounded_writes_and_count_the_triples(write, seeds_graph, monkeypatch):
    monkeypatch.setattr("kg.export.rdf.streaming.FLUSH_AT", 2000)

    class Recorder:
        def __init__(self):
            self.sizes, self.text = [], []

        def write(self, chunk):
            self.sizes.append(len(chunk))
            self.text.append(chunk)

    handle = Recorder()
    count = write(handle, seeds_graph, BASE)
    assert len(handle.sizes) > 10
    assert max(handle.sizes) < 100_000  # 2000 pieces of a few triples, never the whole file
    fmt = ox.RdfFormat.N_TRIPLES if write is write_ntriples_to else ox.RdfFormat.TURTLE
    assert count == len(list(ox.parse(b"".join(handle.text), format=fmt))) > 4000


# ------------------------------------------------------------------------------ file safety


def test_a_failed_export_leaves_the_previous_file_untouched(tiny_graph, tmp_path, monkeypatch):
    path = tmp_path / "kg.ttl"
    write_turtle(KnowledgeGraph(tiny_graph), path, ExportOptions())
    before = path.read_bytes()

    def broken(*args, **kwargs):
        yield from list(descriptions(*args, **kwargs))[:3]  # the real start of the file, then a crash
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("kg.export.rdf.turtle.descriptions", broken)
    with pytest.raises(RuntimeError):
        write_turtle(KnowledgeGraph(tiny_graph), path, ExportOptions())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_jsonld_has_one_node_a_line_and_stays_valid_across_its_batched_writes(tiny_graph, tmp_path):
    """More node objects than one batched write holds: the file is one JSON document, one node
    object a line, and gives the N-Triples' triples."""
    G = tiny_graph.copy()
    for i in range(4500):
        G.add_node(
            f"author:x{i}",
            type="Author",
            label=f'X "{i}" <b>',
            name=f'X "{i}" <b>',
            name_variants=[f"X {i}"],
            paper_count=i,
            orcid=None,
            pagerank=i / 4500,
        )
    paths = rdf_exports(G, tmp_path)
    text = paths["kg.jsonld"].read_text(encoding="utf-8")
    document = json.loads(text)
    assert len(document["@graph"]) > 4500
    assert len(text.splitlines()) == 3 + len(document["@graph"]) + 2
    assert oxigraph_triples(paths["kg.jsonld"]) == oxigraph_triples(paths["kg.nt"])
