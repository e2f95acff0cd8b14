"""`kg build` over tests/data/mixed_real: BibTeX as exporters write it, an arXiv Atom feed with a
mojibake entry, an OpenAlex page and a dblp file, all about overlapping papers. The graph must
give the right ids, venues and people, and no placeholder or mojibake author."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA

import kg
from kg.cli import main

MIXED_REAL = DATA / "mixed_real"

pytestmark = pytest.mark.slow  # a whole build: about 3 s


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run = CliRunner().invoke(
        main, ["build", str(MIXED_REAL), "-o", str(out), "--no-progress", "--no-analyses"]
    )
    assert run.exit_code == 0, run.output
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in graph["nodes"]}
    return run, nodes, graph, (out / "kg.ttl").read_text(encoding="utf-8")


def _of_type(nodes, kind):
    return {n["id"]: n for n in nodes.values() if n["type"] == kind}


def test_one_paper_from_four_sources_with_every_id(built):
    _, nodes, _, _ = built
    attention = nodes["paper:arxiv-1706.03762"]
    assert [s.rsplit("/", 1)[-1] for s in attention["sources"]] == [
        "arxiv_query.atom:8", "dblp_records.xml:4", "openalex_works.json:8", "references.bib:4",
    ]  # fmt: skip
    assert attention["ids"]["bibtex"] == ["DBLP:journals/corr/VaswaniSPUJGKP17"]
    assert attention["ids"]["openalex"] == ["W2963403868"]
    assert attention["ids"]["dblp"] == ["journals/corr/VaswaniSPUJGKP17"]
    # CoRR (BibTeX and dblp) is no venue; OpenAlex names the conference
    assert attention["venue"] == "Neural Information Processing Systems"
    # the comment's Code: link; not the YouTube talk nor the proceedings page of the abstract
    assert attention["code_urls"] == ["https://github.com/tensorflow/tensor2tensor"]


def test_arxiv_ids_of_every_bibtex_form(built):
    _, nodes, _, _ = built
    papers = _of_type(nodes, "Paper")
    for arxiv_id, key in [
        ("1810.04805", "devlin2018bert"),  # journal = {arXiv preprint arXiv:…}
        ("2103.00020", "radford2021learning"),  # eprint with a version + archivePrefix
        ("cs/0112017", "DBLP:journals/corr/cs-AI-0112017"),  # old-style CoRR volume
    ]:
        paper = papers[f"paper:arxiv-{arxiv_id}"]
        assert paper["arxiv_id"] == arxiv_id and paper["ids"]["bibtex"] == [key]
        assert paper["venue"] is None


def test_venues_from_their_fields(built):
    _, nodes, _, _ = built
    venues = {p["title"]: p["venue"] for p in _of_type(nodes, "Paper").values()}
    assert venues["Deep Residual Learning for Image Recognition"] == (
        "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition"
    )
    assert venues["Deep Learning"] == "Adaptive Computation and Machine Learning"
    assert venues["Graph Neural Networks for Molecules"] == "National Technical University of Athens"
    assert venues["深化翻译专业教育改革"] == "中国翻译"


def test_people_are_people_and_no_author_is_a_placeholder_or_mojibake(built):
    _, nodes, _, _ = built
    authors = {n["name"] for n in _of_type(nodes, "Author").values()}
    assert {"赵军峰", "姚恺璇", "李明", "王芳", "张伟", "Aurora Ramírez", "José Raúl Romero"} <= authors
    for name in authors:
        assert "Ã" not in name and "Â" not in name, name
        assert name.lower() not in {"others", "et al.", "anonymous"}, name
        assert "," not in name and "，" not in name and "、" not in name, name
    # corporate authors are organisations linked to their paper, not people
    assert "World Health Organization" not in authors and "中国翻译协会" not in authors
    orgs = {n["name"]: i for i, n in _of_type(nodes, "Organization").items()}
    assert {"World Health Organization", "中国翻译协会", "Universidad de Córdoba"} <= set(orgs)
    assert not any("Ã" in name for name in orgs)


def test_corporate_author_is_linked_to_its_paper(built):
    _, nodes, graph, _ = built
    [tac] = [i for i, p in _of_type(nodes, "Paper").items() if p["title"] == "2022中国翻译行业发展报告"]
    links = {(e["source"], e["target"], e["key"]) for e in graph["edges"]}
    assert (tac, "org:中国翻译协会", "AFFILIATED") in links
    assert not [e for e in graph["edges"] if e["target"] == tac and e["key"] == "AUTHORED"]


def test_mojibake_merges_with_the_right_spelling_and_is_reported(built):
    run, nodes, _, _ = built
    ramirez = nodes["author:aurora ramirez"]
    assert ramirez["name_variants"] == ["Aurora Ramírez"]
    assert ramirez["ids"] == {"openalex": ["A5011111115"]}
    reported = [line for line in run.output.splitlines() if "mojibake" in line]
    assert len(reported) == 2 and all(
        "'Aurora RamÃ\\xadrez' -> 'Aurora Ramírez'" in line for line in reported
    )


def test_author_ids_reach_the_graph_and_the_rdf(built):
    _, nodes, _, turtle = built
    vaswani = nodes["author:ashish vaswani"]
    assert vaswani["ids"] == {"dblp": ["v/AshishVaswani"], "openalex": ["A5001617937"]}
    assert vaswani["orcid"] == "0000-0002-1825-0097"
    for text in ('"dblp:v/AshishVaswani"', '"openalex:A5001617937"', "<https://dblp.org/pid/v/AshishVaswani>",
                 "<https://openalex.org/A5001617937>", '"orcid:0000-0002-1825-0097"'):  # fmt: skip
        assert text in turtle


def test_the_rdf_conforms_to_the_shapes(built):
    import pyshacl
    import rdflib

    _, _, _, turtle = built
    shapes = rdflib.Graph().parse(Path(kg.__file__).parent / "shapes.ttl")
    conforms, _, text = pyshacl.validate(
        rdflib.Graph().parse(data=turtle, format="turtle"), shacl_graph=shapes
    )
    assert conforms, text
