"""Crossref works JSON: the /works/{doi} reply, a work-list reply, JSON Lines; references."""

import json

import pytest
from conftest import DATA, SEED_FILES, extraction_of

from kg.extract import extract_file
from kg.extract.crossref import detect, jats_text
from kg.extract.reading import read_text
from kg.model import Reference

APIS = DATA / "apis"


@pytest.fixture(scope="module")
def work():
    (record,) = extraction_of(APIS / "enzyme_crossref.json", "crossref").records
    return record


def test_single_reply_ids_dates_and_counts(work):
    assert work.source.line == 5  # where the message object starts
    assert work.doi == "10.5555/enzyme.2021.0042"
    assert work.title == "Attention Graphs for Predicting Enzyme Turnover Across Species"
    assert (work.date, work.venue, work.language, work.doc_type) == (
        "2021-03-15",
        "Journal of Computational Enzymology",
        "en",
        "journal-article",
    )
    assert work.cited_by_count == 17
    assert work.keywords == ("Biochemistry", "Computer Science Applications")
    # JATS markup, its "Abstract" title and entities are gone
    assert work.abstract == (
        "Turnover numbers are known for few enzymes. We learn attention graphs over reaction "
        "networks and predict turnover for enzymes of 212 species & strains."  # &#160; is white space
    )


def test_people_in_order_with_orcid_and_affiliations_organisation_author_apart(work):
    assert work.author_names == ("Mei Lin Zhou", "Tomás Ferreira", "Anna K. Berg")
    assert work.authors[0].orcid == "0000-0002-1825-0097"  # from http://orcid.org/…
    assert work.authors[0].affiliations == ("University of Exampleton", "Institute of Enzyme Data")
    assert [(o.name, o.ror) for o in work.affiliations] == [
        ("University of Exampleton", "02mhbdp94"),
        ("Institute of Enzyme Data", None),
        ("Enzyme Atlas Consortium", None),  # {"name": ...}: an organisation, not a person
    ]


def test_reference_list_fields_and_raw_text(work):
    assert work.references == (
        Reference(
            doi="10.5555/enzyme.2019.0007",
            title="Turnover numbers at scale",
            year=2019,
            first_author="Okafor",
            venue="Enzyme Rev",
        ),
        Reference(
            arxiv_id="1706.03762", raw="Vaswani A. et al. Attention is all you need. arXiv:1706.03762 (2017)."
        ),
        Reference(
            doi="10.5555/book.2015.1",  # read from the unstructured text
            year=2015,
            venue="Enzyme kinetics",
            raw="Berg A. Enzyme kinetics, 2nd edn. Example Press, 2015. doi:10.5555/book.2015.1",
        ),
    )  # the empty {"key": "ref4"} says nothing: left out


def test_work_list_reply():
    listed = extraction_of(APIS / "crossref_list.json", "crossref")
    first, untitled = listed.records
    assert (first.source.line, first.title, first.venue, first.date) == (
        9,
        "Routing Tokens Sparsely",
        "Example Conference on Learning",  # the event, as container-title is empty
        "2020-07",
    )
    assert first.cited_by_count == 0  # zero is a count, not unknown
    assert untitled.title is None and untitled.doi == "10.5555/untitled.1"
    assert untitled.date == "2019-02"  # issued [[null]]; created 2019-02-30 keeps its month
    problems = [(p.line, p.severity, p.message) for p in listed.problems]
    assert (20, "warning", "work 10.5555/untitled.1 has no title") in problems
    assert (28, "error", "Crossref work with neither DOI nor title; skipped") in problems
    assert (29, "error", "not a Crossref work (str); skipped") in problems


def test_json_lines_of_works_and_of_replies():
    lines = extraction_of(APIS / "crossref_works.jsonl", "crossref")
    assert [(r.source.line, r.doi) for r in lines.records] == [(1, "10.5555/jsonl.1"), (4, "10.5555/jsonl.3")]
    (problem,) = lines.problems
    assert problem.line == 2 and problem.severity == "error" and "this line is skipped" in problem.message


def test_cut_reply_keeps_the_works_before_the_break():
    cut = extraction_of(APIS / "crossref_cut.json", "crossref")
    assert [r.doi for r in cut.records] == ["10.5555/cut.1"]
    (problem,) = cut.problems
    assert problem.line == 7 and "1 work(s) before it were read" in problem.message


def test_error_reply_is_one_clear_problem(tmp_path):
    path = tmp_path / "failed.json"
    reply = {"status": "failed", "message-type": "validation-failure", "message": [{"type": "x"}]}
    path.write_text(json.dumps(reply), encoding="utf-8")
    result = extract_file(path, layout="crossref")
    assert result.extraction.records == ()
    assert "Crossref replied 'failed' (validation-failure)" in result.extraction.problems[0].message


def test_jats_text():
    assert jats_text("<jats:p>a &lt;b&gt;<jats:italic>c</jats:italic></jats:p>") == "a <b> c"
    assert jats_text("") is None


def test_detect_replies_and_bare_works_but_not_csl_json():
    assert detect((APIS / "enzyme_crossref.json").read_text(encoding="utf-8")) > 0.95
    assert detect((APIS / "crossref_works.jsonl").read_text(encoding="utf-8")) > 0.95
    csl = [{"id": "x", "type": "article-journal", "title": "T", "container-title": "J", "DOI": "10.1/x"}]
    assert detect(json.dumps(csl)) == 0.0
    assert detect(json.dumps({"id": "https://openalex.org/W1", "authorships": []})) == 0.0


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_detects_nothing_in_the_seeds(seed):
    assert detect(read_text(seed)[0]) == 0.0
