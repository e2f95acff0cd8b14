"""One paper read from every format becomes one Paper node; ORCID and ROR ids merge entities.

ItemSage (arXiv 2205.11728, DOI 10.1145/3534678.3539170) appears in a BibTeX file, an arXiv Atom
feed, an OpenAlex work, a dblp records file and the Chinese digest ``seeds/004`` (with initials).
"""

import pytest
from conftest import DATA, SEEDS

import kg

FORMATS = DATA / "formats"
DIGEST = SEEDS / "004_19cb0c8271dea555.txt"
ITEMSAGE_SOURCES = {
    FORMATS / "references.bib": 4,
    FORMATS / "arxiv_query.atom": 10,
    FORMATS / "openalex_work.json": 1,
    FORMATS / "dblp_records.xml": 4,
    DIGEST: 9,
}


@pytest.fixture(scope="module")
def itemsage_kg():
    return kg.build([str(p) for p in ITEMSAGE_SOURCES], analyses=False)


def itemsage_nodes(built):
    return {
        pid: d
        for pid, d in built.papers().items()
        if d["arxiv_id"] == "2205.11728"
        or d["doi"] == "10.1145/3534678.3539170"
        or (d["title"] or "").startswith("ItemSage")
    }


def test_one_paper_node_with_every_source_and_id(itemsage_kg):
    ((pid, paper),) = itemsage_nodes(itemsage_kg).items()
    assert pid == "paper:arxiv-2205.11728"
    assert paper["arxiv_id"] == "2205.11728"
    assert paper["doi"] == "10.1145/3534678.3539170"
    assert sorted(paper["sources"]) == sorted(f"{p.name}:{line}" for p, line in ITEMSAGE_SOURCES.items())
    assert paper["listed_author_count"] == 6 and not paper["authors_truncated"]


def test_initials_and_full_names_are_one_author_each(itemsage_kg):
    G = itemsage_kg.graph
    pid = "paper:arxiv-2205.11728"
    authored = sorted(
        (d["position"], u) for u, _, k, d in G.in_edges(pid, keys=True, data=True) if k == "AUTHORED"
    )
    assert [p for p, _ in authored] == [1, 2, 3, 4, 5, 6]
    first = G.nodes[authored[0][1]]
    assert first["name"] == "Paul Baltescu" and "P Baltescu" in first["name_variants"]
    assert G.nodes[authored[4][1]]["orcid"] == "0000-0002-5411-923X"


def test_paper_node_keeps_openalex_and_dblp_ids(itemsage_kg):
    (paper,) = itemsage_nodes(itemsage_kg).values()
    assert "W4283389112" in str(paper.get("ids"))
    assert "conf/kdd/BaltescuCPZLR22" in str(paper.get("ids"))
    assert paper["ids"] == {
        "arxiv": ["2205.11728"],
        "bibtex": ["baltescu2022itemsage"],
        "dblp": ["conf/kdd/BaltescuCPZLR22"],
        "doi": ["10.1145/3534678.3539170"],
        "mag": ["4283389112"],
        "openalex": ["W4283389112"],
    }


@pytest.fixture(scope="module")
def openalex_kg():
    return kg.build(
        [str(FORMATS / "openalex_work.json"), str(FORMATS / "openalex_page.json")], analyses=False
    )


def test_same_orcid_merges_authors(openalex_kg):
    # "Jure Leskovec" (ItemSage) and "J. Leskovec" (another work) share one ORCID iD
    holders = {a: d for a, d in openalex_kg.authors().items() if d["orcid"] == "0000-0002-5411-923X"}
    (author,) = holders.values()
    assert {"Jure Leskovec", "J. Leskovec"} <= set(author["name_variants"])
    assert author["paper_count"] == 2
    [merge] = [m for m in openalex_kg.merges if m["merged"] == "J. Leskovec"]
    assert merge["reason"] == "same ORCID 0000-0002-5411-923X"


def test_same_ror_merges_organisations(openalex_kg):
    # "Stanford University" and "Leland Stanford Junior University" share ROR 00f54p054
    holders = [o for o, d in openalex_kg.organizations().items() if d["ror"] == "00f54p054"]
    assert len(holders) == 1
    (org,) = holders
    G = openalex_kg.graph
    affiliated = {
        v for _, v, k in G.out_edges("paper:doi-10.1000/graph.2021.7", keys=True) if k == "AFFILIATED"
    }
    assert org in affiliated
    stray = [
        o
        for o, d in openalex_kg.organizations().items()
        if "Leland Stanford Junior University" in d["aliases"] and o != org
    ]
    assert stray == [], "the spelling merged by ROR must not keep a node of its own"
