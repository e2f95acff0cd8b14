"""One paper written in PubMed MEDLINE, Crossref, Semantic Scholar, OpenAlex, Web of Science and
Scopus becomes one Paper node with every id the sources give, and its authors one Author node each."""

import pytest
from conftest import DATA

import kg

APIS = DATA / "apis"
SOURCES = {
    APIS / "enzyme.nbib": 1,
    APIS / "enzyme_crossref.json": 5,
    APIS / "enzyme_s2.json": 1,
    APIS / "enzyme_openalex.json": 1,
    APIS / "enzyme_wos.txt": 3,
    APIS / "enzyme_scopus.csv": 2,
}
DOI = "10.5555/enzyme.2021.0042"


@pytest.fixture(scope="module")
def built():
    return kg.build([str(p) for p in SOURCES], analyses=False)


def enzyme_nodes(built):
    return {
        pid: d
        for pid, d in built.papers().items()
        if d["doi"] == DOI or "Enzyme Turnover" in (d["title"] or "")
    }


def test_one_paper_node_with_every_source_and_id(built):
    ((pid, paper),) = enzyme_nodes(built).items()
    assert pid == f"paper:doi-{DOI}"
    assert sorted(paper["sources"]) == sorted(f"{p.name}:{line}" for p, line in SOURCES.items())
    assert paper["ids"] == {
        "doi": [DOI],
        "mag": ["9900000042"],
        "openalex": ["W9900000042"],
        "pmcid": ["PMC9900042"],
        "pmid": ["99000042"],
        "s2": ["5c2d0e4f1a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"],
        "s2corpus": ["990042"],
        "wos": ["WOS:000990000000042"],
        "scopus": ["2-s2.0-85099000042"],
    }
    assert paper["date"] == "2021-03-15" and paper["listed_author_count"] == 3


def test_authors_are_one_node_each_in_order(built):
    (pid,) = enzyme_nodes(built)
    G = built.graph
    authored = sorted(
        (d["position"], u) for u, _, k, d in G.in_edges(pid, keys=True, data=True) if k == "AUTHORED"
    )
    assert [p for p, _ in authored] == [1, 2, 3]
    names = [G.nodes[a]["name"] for _, a in authored]
    assert names[:2] == ["Mei Lin Zhou", "Tomás Ferreira"] and names[2] in ("Anna K. Berg", "Anna K Berg")
    assert G.nodes[authored[0][1]]["orcid"] == "0000-0002-1825-0097"


def test_the_citing_paper_from_s2_is_its_own_paper(built):
    papers = built.papers().values()
    (citer,) = [d for d in papers if d["title"] == "Turnover Prediction Revisited"]
    assert citer["doi"] is None and citer["ids"] == {"s2": ["9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"]}
    assert len(papers) == 1 + 1 + 2  # the paper, its citer, the two other PubMed records


# --- the same paper as a reference manager exports it: RIS and CSL-JSON join the four above ---

REFERENCE_MANAGERS = {APIS / "enzyme.ris": 1, APIS / "enzyme_csl.json": 2}


@pytest.fixture(scope="module")
def built_with_reference_managers():
    return kg.build([str(p) for p in {**SOURCES, **REFERENCE_MANAGERS}], analyses=False)


def test_ris_and_csl_json_join_the_paper_node_with_their_ids(built_with_reference_managers):
    built = built_with_reference_managers
    ((pid, paper),) = enzyme_nodes(built).items()
    assert pid == f"paper:doi-{DOI}"
    every = {**SOURCES, **REFERENCE_MANAGERS}
    assert sorted(paper["sources"]) == sorted(f"{p.name}:{line}" for p, line in every.items())
    assert paper["ids"] == {
        "csl": ["zhou-2021-attention"],
        "doi": [DOI],
        "issn": ["1555-0042"],
        "mag": ["9900000042"],
        "openalex": ["W9900000042"],
        "pmcid": ["PMC9900042"],
        "pmid": ["99000042"],
        "ris": ["zhou2021"],
        "s2": ["5c2d0e4f1a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"],
        "s2corpus": ["990042"],
        "scopus": ["2-s2.0-85099000042"],
        "wos": ["WOS:000990000000042"],
    }
    assert paper["date"] == "2021-03-15" and paper["listed_author_count"] == 3
    authored = sorted(
        (d["position"], u)
        for u, _, k, d in built.graph.in_edges(pid, keys=True, data=True)
        if k == "AUTHORED"
    )
    assert [p for p, _ in authored] == [1, 2, 3]  # the RIS and CSL authors are the same three people
    assert len(built.papers()) == 1 + 1 + 2  # no paper of their own
