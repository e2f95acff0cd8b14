"""Semantic Scholar Graph API JSON: a paper with citations and references, batch, data pages."""

import json

import pytest
from conftest import DATA, SEED_FILES, extraction_of

from kg.extract.reading import read_text
from kg.extract.semantic_scholar import detect
from kg.model import Reference

APIS = DATA / "apis"
PAPER_ID = "5c2d0e4f1a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"


@pytest.fixture(scope="module")
def paper_reply():
    return extraction_of(APIS / "enzyme_s2.json", "semantic_scholar")


def test_paper_ids_venue_date_and_counts(paper_reply):
    r = paper_reply.records[0]
    assert r.source.line == 1
    assert r.doi == "10.5555/enzyme.2021.0042" and r.arxiv_id is None
    assert dict(r.extra_ids) == {
        "s2": PAPER_ID,
        "s2corpus": "990042",
        "pmid": "99000042",
        "pmcid": "PMC9900042",  # S2 writes the bare number
        "mag": "9900000042",
    }
    assert (r.date, r.venue, r.doc_type, r.cited_by_count) == (
        "2021-03-15",
        "Journal of Computational Enzymology",  # publicationVenue before the short venue
        "JournalArticle",
        15,
    )
    assert r.keywords == ("Biology", "Computer Science", "Chemistry")


def test_authors_with_s2_ids_orcid_and_affiliations(paper_reply):
    zhou, ferreira, berg = paper_reply.records[0].authors
    assert (zhou.name, ferreira.name, berg.name) == ("Mei Lin Zhou", "Tomás Ferreira", "Anna K. Berg")
    assert zhou.ids == (("s2", "1700042"),) and berg.ids == (("s2", "1700044"),)
    assert zhou.orcid == "0000-0002-1825-0097" and zhou.affiliations == ("University of Exampleton",)


def test_references_keep_what_s2_says(paper_reply):
    assert paper_reply.records[0].references == (
        Reference(
            doi="10.5555/enzyme.2019.0007",
            s2="1f2e3d4c5b6a79881726354a5b6c7d8e9f0a1b2c",
            title="Turnover numbers at scale",
            year=2019,
            first_author="Mina Okafor",
            venue="Enzyme Rev",
        ),
        Reference(
            arxiv_id="1706.03762",
            s2="204e3073870fae3d05bcbc2f6a8e263d9b72e776",
            title="Attention is All you Need",
            year=2017,
        ),
    )  # {"paperId": null, "title": null} says nothing: left out


def test_citing_papers_become_records_that_cite_the_paper(paper_reply):
    (citer,) = paper_reply.records[1:]
    assert citer.title == "Turnover Prediction Revisited" and citer.date == "2023"
    assert citer.source.line == 1  # the line of the paper it cites
    (cited,) = citer.references
    assert (cited.s2, cited.doi, cited.pmid) == (PAPER_ID, "10.5555/enzyme.2021.0042", "99000042")
    (problem,) = paper_reply.problems
    assert "1 citing paper(s) with neither title nor DOI nor arXiv id" in problem.message


def test_batch_with_null_author_object_and_cut_author_list():
    batch = extraction_of(APIS / "s2_batch.json", "semantic_scholar")
    first, bare = batch.records
    assert first.arxiv_id == "1706.03762" and first.doi is None  # the arXiv DOI names the preprint
    assert first.author_names == ("Ashish Vaswani", "Noam M. Shazeer") and first.authors_truncated
    assert bare.authors == () and bare.source.line == 6
    problems = [(p.line, p.severity, p.message) for p in batch.problems]
    assert problems == [
        (4, "warning", "null in the reply: a paper S2 did not find; skipped"),
        (5, "error", "not a Semantic Scholar paper (an author); skipped"),
    ]  # no "no authors" warning for a paper whose authors were not asked for


def test_citations_page_unwraps_citing_papers():
    page = extraction_of(APIS / "s2_citations_page.json", "semantic_scholar")
    (record,) = page.records
    assert record.title == "Turnover Prediction Revisited" and record.source.line == 5
    assert [(p.line, p.severity) for p in page.problems] == [(7, "error"), (8, "warning")]


def test_json_lines_and_a_cut_page(tmp_path):
    lines = tmp_path / "papers.jsonl"
    lines.write_text(
        json.dumps({"paperId": "a" * 40, "title": "One"}) + "\n" + '{"paperId": "b", "tit\n', encoding="utf-8"
    )
    got = extraction_of(lines, "semantic_scholar")
    assert [r.title for r in got.records] == ["One"] and got.problems[0].line == 2
    cut = tmp_path / "cut.json"
    cut.write_text('{"data": [\n {"paperId": "c", "title": "Kept"},\n {"paperId": "d", "ti', encoding="utf-8")
    got = extraction_of(cut, "semantic_scholar")
    assert [r.title for r in got.records] == ["Kept"]
    assert got.problems[0].line == 3 and "1 paper(s) before it were read" in got.problems[0].message


def test_detect():
    assert detect((APIS / "s2_batch.json").read_text(encoding="utf-8")) > 0.95
    assert detect('{"data": [{"authorId": "1", "name": "x"}]}') == 0.0
    assert detect((APIS / "enzyme_crossref.json").read_text(encoding="utf-8")) == 0.0


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_detects_nothing_in_the_seeds(seed):
    assert detect(read_text(seed)[0]) == 0.0
