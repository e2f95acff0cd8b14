"""The citation layer: references matched to corpus papers or to shared cited works, with the
rule that decided; CITES edges, Work nodes, local and global counts (kg.resolve.citations)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.analyze.citations import cocitation, coupling, h_index, main_path
from kg.graph import KnowledgeGraph, build_graph
from kg.model import AuthorRef, Extraction, FileExtraction, PaperRecord, Reference, Source
from kg.resolve import resolve
from kg.resolve.citations import surname_key, titles_agree, venues_agree

TITLE = "Attention Is All You Need"
ATTENTION = dict(date="2017", doi="10.5555/3295222.3295349", venue="NeurIPS")


def record(file: str, line: int, title: str, authors: list[str], **fields) -> PaperRecord:
    return PaperRecord(
        source=Source(file, line, "test"),
        title=title,
        authors=tuple(AuthorRef(a) for a in authors),
        **fields,
    )


def built(*records: PaperRecord) -> KnowledgeGraph:
    by_file: dict[str, list[PaperRecord]] = {}
    for r in records:
        by_file.setdefault(r.source.file, []).append(r)
    files = [FileExtraction(f, "test", "utf-8", Extraction(records=tuple(rs))) for f, rs in by_file.items()]
    resolution = resolve(files)
    return KnowledgeGraph(build_graph(resolution, [f.summary() for f in files]))


def by_title(kg: KnowledgeGraph, title: str) -> str:
    return next(n for n, d in kg.papers().items() if d["title"] == title)


# --------------------------------------------------------------------------- the keys


def test_surnames_as_references_write_them():
    assert (
        surname_key("Vaswani A") == surname_key("Vaswani, A.") == surname_key("Ashish Vaswani") == "vaswani"
    )
    assert surname_key("van der Maaten L") == surname_key("Laurens van der Maaten") == "maaten"
    assert surname_key("Ramírez A.-M.") == "ramirez"
    assert surname_key("LI J") == "li" and surname_key("H Wang") == surname_key("Wang H") == "wang"
    assert surname_key("A. B.") is None and surname_key(None) is None


def test_venue_abbreviations_agree_with_the_full_name_and_nothing_else():
    full = "Advances in Neural Information Processing Systems"
    assert venues_agree("ADV NEUR IN", full)
    assert venues_agree("Adv. Neural Inf. Process. Syst.", full)
    assert venues_agree("NATURE", "Nature")
    assert not venues_agree("NAT COMMUN", "Nature")
    assert not venues_agree("IEEE T PATTERN ANAL", full)


def test_titles_agree_when_equal_or_one_a_long_prefix():
    assert titles_agree("Attention is all you need", "Attention Is All You Need.")
    assert titles_agree("Deep residual learning for image", "Deep Residual Learning for Image Recognition")
    assert not titles_agree("Deep learning", "Deep learning for audio")  # a short prefix decides nothing


# --------------------------------------------------------------------------- matching


def test_references_match_corpus_papers_by_id_then_by_fields_with_the_rule():
    cited = record("a.json", 1, TITLE, ["Ashish Vaswani", "Noam Shazeer"], **ATTENTION)
    resnet = record(
        "a.json",
        2,
        "Deep Residual Learning for Image Recognition",
        ["Kaiming He"],
        date="2016",
        venue="Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
    )
    citing = record(
        "b.txt",
        7,
        "A survey of transformers",
        ["Tianyang Lin"],
        date="2021",
        references=(
            Reference(doi="10.5555/3295222.3295349"),
            Reference(
                raw="He KM, 2016, P IEEE C COMP VIS PATT, P770",
                first_author="He KM",
                year=2016,
                venue="P IEEE C COMP VIS PATT",
            ),
        ),
    )
    kg = built(cited, resnet, citing)
    edges = {(u, v): d for u, v, k, d in kg.graph.edges(keys=True, data=True) if k == "CITES"}
    survey = by_title(kg, "A survey of transformers")
    attention, he = by_title(kg, TITLE), by_title(kg, resnet.title)
    assert set(edges) == {(survey, attention), (survey, he)}
    assert edges[(survey, attention)]["rule"] == "same DOI 10.5555/3295222.3295349"
    assert edges[(survey, he)]["rule"] == "first author, year and venue agree"
    assert edges[(survey, he)]["sources"] == ["b.txt:7"]
    assert kg.papers()[attention]["local_citations"] == 1
    assert kg.papers()[survey]["local_citations"] == 0
    assert kg.works() == {}
    assert kg.graph.graph["citations"]["in_corpus"] == 2


def test_a_reference_with_two_plausible_targets_is_not_guessed():
    one = record("a.json", 1, "Graph networks one", ["Peter Battaglia"], date="2018", venue="NeurIPS")
    two = record("a.json", 2, "Graph networks two", ["Peter Battaglia"], date="2018", venue="NeurIPS")
    citing = record(
        "b.txt",
        3,
        "Citing paper",
        ["Someone Else"],
        date="2020",
        references=(
            Reference(
                raw="Battaglia P, 2018, NeurIPS", first_author="Battaglia P", year=2018, venue="NeurIPS"
            ),
        ),
    )
    kg = built(one, two, citing)
    cited = [v for u, v, k in kg.graph.edges(keys=True) if k == "CITES"]
    assert len(cited) == 1 and cited[0].startswith("work:")
    misses = [m for m in kg.graph.graph["near_misses"] if m["kind"] == "citation"]
    assert {misses[0]["a"], misses[0]["b"]} == {
        by_title(kg, "Graph networks one"),
        by_title(kg, "Graph networks two"),
    }
    assert "not guessed" in misses[0]["reason"]


def test_a_contradicting_doi_keeps_a_reference_from_a_look_alike_paper():
    cited = record("a.json", 1, TITLE, ["Ashish Vaswani"], **ATTENTION)
    citing = record(
        "b.txt",
        1,
        "Citing",
        ["X Y"],
        date="2020",
        references=(Reference(doi="10.1/other", title=TITLE, first_author="Vaswani A", year=2017),),
    )
    kg = built(cited, citing)
    (cited_node,) = [v for u, v, k in kg.graph.edges(keys=True) if k == "CITES"]
    assert cited_node.startswith("work:")


def test_the_same_external_work_cited_by_doi_wos_and_scopus_strings_is_one_node():
    wos = Reference(
        raw="LeCun Y, 2015, NATURE, V521, P436, DOI 10.1038/nature14539",
        first_author="LeCun Y",
        year=2015,
        venue="NATURE",
        doi="10.1038/nature14539",
    )
    scopus = Reference(
        raw="LeCun Y., Bengio Y., Hinton G., Deep learning, Nature, 521, pp. 436-444, (2015)",
        first_author="LeCun Y.",
        year=2015,
        title="Deep learning",
        venue="Nature",
    )
    by_doi = Reference(doi="10.1038/nature14539")
    other = Reference(
        raw="LeCun Y, 2015, NATURE, V521, P999", first_author="LeCun Y", year=2015, venue="NATURE"
    )  # another page: another work
    records = [
        record("wos.txt", 1, "Paper A", ["Ann A"], date="2020", references=(wos,)),
        record("scopus.csv", 2, "Paper B", ["Bob B"], date="2021", references=(scopus,)),
        record("cr.json", 3, "Paper C", ["Cy C"], date="2022", references=(by_doi, other)),
    ]
    kg = built(*records)
    works = kg.works()
    assert len(works) == 2
    (deep,) = [n for n, d in works.items() if d["title"] == "Deep learning"]
    assert works[deep]["ids"] == {"doi": ["10.1038/nature14539"]}
    assert works[deep]["local_citations"] == 3 and works[deep]["in_corpus"] is False
    assert kg.citations().in_degree(deep) == 3
    rules = {d["rule"] for _, v, d in kg.citations().in_edges(deep, data=True)}
    assert rules == {"cited work: no paper of the corpus has DOI 10.1038/nature14539"}


def test_global_citations_are_the_largest_count_reported_with_its_source():
    a = record("a.json", 4, TITLE, ["Ashish Vaswani"], cited_by_count=90, **ATTENTION)
    b = record("b.json", 9, TITLE, ["Ashish Vaswani"], cited_by_count=120, **ATTENTION)
    kg = built(a, b)
    (paper,) = kg.papers().values()
    assert paper["global_citations"] == 120 and paper["global_citations_source"] == "b.json:9"
    assert paper["local_citations"] == 0


def test_a_corpus_without_references_has_no_citation_layer():
    kg = built(record("a.json", 1, "Only", ["A B"], date="2020"))
    (paper,) = kg.papers().values()
    assert "local_citations" not in paper and "citations" not in kg.graph.graph
    assert kg.citations().number_of_edges() == 0


def test_the_citation_graph_is_directed_citing_to_cited():
    cited = record("a.json", 1, TITLE, ["Ashish Vaswani"], **ATTENTION)
    citing = record("b.json", 1, "Later", ["Z Q"], date="2019", references=(Reference(doi=ATTENTION["doi"]),))
    kg = built(cited, citing)
    D = kg.citations()
    assert list(D.edges()) == [(by_title(kg, "Later"), by_title(kg, TITLE))]
    assert D.is_directed()


def test_titles_that_disagree_decide_even_when_author_year_and_venue_agree():
    """A reference with its own title is not a paper of another title by the same author."""
    cited = record("a.json", 1, "Older record", ["M Okafor"], date="2019", venue="Enzyme Rev")
    citing = record(
        "b.json",
        1,
        "Newer",
        ["Q Z"],
        date="2021",
        references=(
            Reference(
                title="Turnover numbers at scale", first_author="Okafor", year=2019, venue="Enzyme Rev"
            ),
        ),
    )
    kg = built(cited, citing)
    (target,) = [v for u, v, k in kg.graph.edges(keys=True) if k == "CITES"]
    assert target.startswith("work:")


# --------------------------------------------------------------------------- analyses, by hand


def _digraph(edges: list[tuple[str, str]], works: tuple[str, ...] = ()) -> nx.DiGraph:
    D = nx.DiGraph()
    for u, v in edges:
        for n in (u, v):
            D.add_node(n, type="Work" if n in works else "Paper", label=n)
    D.add_edges_from(edges)
    return D


def test_cocitation_and_coupling_strengths_by_hand():
    D = _digraph(
        [("P1", "W1"), ("P1", "W2"), ("P1", "W3"), ("P2", "W1"), ("P2", "W2"), ("P3", "W3")],
        works=("W1", "W2", "W3"),
    )
    co = cocitation(D)
    assert {(a, b): d["weight"] for a, b, d in co.edges(data=True)} == {
        ("W1", "W2"): 2,
        ("W1", "W3"): 1,
        ("W2", "W3"): 1,
    }
    assert list(cocitation(D, min_strength=2).edges()) == [("W1", "W2")]
    cp = coupling(D)
    assert {(a, b): d["weight"] for a, b, d in cp.edges(data=True)} == {("P1", "P2"): 2, ("P1", "P3"): 1}
    assert list(coupling(D, min_strength=2).edges()) == [("P1", "P2")]
    assert co.nodes["W1"]["type"] == "Work"


def test_h_index_by_hand():
    assert h_index([10, 8, 5, 4, 3]) == 4
    assert h_index([0, 0]) == 0 and h_index([]) == 0 and h_index([1]) == 1
    assert h_index([3, 3, 3]) == 3


def test_main_path_by_search_path_count():
    """Flow A -> B, A -> C, B -> D, C -> D, C -> E, D -> E: SPC(A, C) = 1 x 2 = 2 is the heaviest
    start, then C -> D (1, tied with C -> E: the smaller id), then D -> E (2 x 1)."""
    citing_cited = [("B", "A"), ("C", "A"), ("D", "B"), ("D", "C"), ("E", "D"), ("E", "C")]
    path, dropped = main_path(_digraph(citing_cited))
    assert path == ["A", "C", "D", "E"] and dropped == 0


def test_main_path_drops_citation_cycles_and_ignores_works():
    citing_cited = [("B", "A"), ("A", "B"), ("C", "B"), ("C", "W")]
    path, dropped = main_path(_digraph(citing_cited, works=("W",)))
    assert dropped == 2 and path == ["B", "C"]  # A <-> B dropped; W is no paper


def test_author_citation_indicators_in_the_built_graph():
    cited = record("a.json", 1, TITLE, ["Ashish Vaswani"], cited_by_count=50, **ATTENTION)
    later = [
        record("b.json", i, f"Later {i}", ["Z Q"], date="2019", references=(Reference(doi=ATTENTION["doi"]),))
        for i in (1, 2)
    ]
    kg = built(cited, *later)
    from kg.analyze.citations import annotate_citations

    found = annotate_citations(kg.graph, kg.citations())["citations"]
    vaswani = next(n for n, d in kg.authors().items() if d["name"] == "Ashish Vaswani")
    assert kg.graph.nodes[vaswani]["corpus_citations"] == 2
    assert kg.graph.nodes[vaswani]["corpus_h_index"] == 1
    assert kg.graph.nodes[vaswani]["global_h_index"] == 1
    assert found["most_cited_local"] == [{"id": by_title(kg, TITLE), "local_citations": 2}]
    first, then = found["main_path"]
    assert first == by_title(kg, TITLE)
    assert then == min(by_title(kg, "Later 1"), by_title(kg, "Later 2"))  # a tie: the smaller id


def test_kg_explain_gives_the_rule_of_each_citation_both_ways():
    from kg.explain import explain_paper

    cited = record("a.json", 1, TITLE, ["Ashish Vaswani"], **ATTENTION)
    citing = record(
        "b.json",
        3,
        "Later",
        ["Z Q"],
        date="2019",
        references=(
            Reference(doi=ATTENTION["doi"]),
            Reference(doi="10.1038/nature14539", raw="LeCun Y, 2015"),
        ),
    )
    kg = built(cited, citing)
    later = explain_paper(kg.graph, "Later")
    assert (
        f"cites (2):\n    - {TITLE} ({by_title(kg, TITLE)}): same DOI {ATTENTION['doi']}\n        b.json:3"
        in later
    )
    text = explain_paper(kg.graph, TITLE)
    assert f"cited by (1):\n    - Later ({by_title(kg, 'Later')}): same DOI" in text
    (work,) = kg.works()
    shown = explain_paper(kg.graph, work)
    assert shown.startswith("Cited work (not in the corpus): LeCun Y, 2015")
    assert "doi: 10.1038/nature14539" in shown and "cited by (1)" in shown


def test_kg_build_prints_the_citation_summary_and_writes_citations_json(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    apis = Path(__file__).resolve().parent / "data" / "apis"
    run = CliRunner().invoke(main, ["build", str(apis), "-o", str(tmp_path), "--no-progress"])
    assert run.exit_code == 0, run.output
    line = next(line for line in run.output.splitlines() if line.startswith("  citations: "))
    assert line.startswith(
        "  citations: 12 references read; 5 matched to papers of the corpus, 7 to 4 cited works"
    )
    assert "most cited papers (in the corpus): " in run.output
    graph = json.loads((tmp_path / "citations.json").read_text())
    assert graph["directed"] and len(graph["edges"]) == 6
    assert {e["rule"] for e in graph["edges"]} >= {"same arXiv id 1706.03762"}


def test_seeds_have_no_citation_layer_and_no_citations_json(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    run = CliRunner().invoke(main, ["build", str(seeds), "-o", str(tmp_path), "--no-progress"])
    assert run.exit_code == 0 and "citations:" not in run.output
    assert not (tmp_path / "citations.json").exists()


def test_the_references_of_one_work_decide_together():
    """A WoS line (no title) agrees with a corpus paper by first author, year and venue, but a
    Crossref reference with the same DOI gives another title: the work is not that paper."""
    cited = record("a.nbib", 1, "Older record", ["M Okafor"], date="2019", venue="Enzyme Rev")
    wos = Reference(
        raw="Okafor M, 2019, ENZYME REV, V4, P1, DOI 10.5555/X.7",
        first_author="Okafor M",
        year=2019,
        venue="ENZYME REV",
        doi="10.5555/x.7",
    )
    crossref = Reference(
        doi="10.5555/x.7", title="Turnover numbers at scale", first_author="Okafor", year=2019
    )
    kg = built(
        cited,
        record("b.txt", 1, "Citing one", ["Q Z"], date="2021", references=(wos,)),
        record("c.json", 1, "Citing two", ["R Y"], date="2022", references=(crossref,)),
    )
    (work,) = kg.works()
    assert kg.citations().in_degree(work) == 2
    assert kg.papers()[by_title(kg, "Older record")]["local_citations"] == 0
    alone = built(cited, record("b.txt", 1, "Citing one", ["Q Z"], date="2021", references=(wos,)))
    assert alone.papers()[by_title(alone, "Older record")]["local_citations"] == 1  # nothing contradicts
