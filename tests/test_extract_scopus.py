"""Scopus CSV exports (``scopus``)."""

from __future__ import annotations

import csv

import pytest
from conftest import DATA, extraction_of

from kg.extract import detect
from kg.extract.scopus import initials_first

CSV = DATA / "scopus" / "scopus.csv"


@pytest.fixture(scope="module")
def scopus():
    return extraction_of(CSV, "scopus")


def test_the_full_row_field_by_field(scopus):
    first = scopus.records[0]
    assert first.source.line == 2
    assert first.title == "Sparse Routing for Graph Transformers on Molecular Data"
    assert first.author_names == ("Lena Hartmann", "Chidi N. Okonkwo", "Yuki Sato")
    assert [a.ids for a in first.authors] == [
        (("scopus", "57000000001"),), (("scopus", "57000000002"),), (("scopus", "57000000003"),),
    ]  # fmt: skip
    assert first.abstract == (
        "We route attention along sparse paths of molecular graphs.\nThe model is fast on large molecules."
    )
    assert (first.date, first.venue) == ("2022", "Journal of Example Machine Learning")
    assert first.doi == "10.5555/jeml.2022.0007"
    assert dict(first.extra_ids) == {"scopus": "2-s2.0-85000000001"}
    assert (first.cited_by_count, first.language, first.doc_type) == (15, "English", "Article")
    assert first.keywords == ("graph transformers", "sparse attention", "Attention", "Molecules")


def test_authors_with_affiliations_tie_each_author(scopus):
    hartmann, okonkwo, sato = scopus.records[0].authors
    exampleton = "Department of Computer Science, University of Exampleton, Exampleton, United Kingdom"
    assert hartmann.affiliations == sato.affiliations == (exampleton,)
    assert okonkwo.affiliations == ("Institute of Example Research, Lagos, Nigeria",)
    assert [o.name for o in scopus.records[0].affiliations] == [
        exampleton, "Institute of Example Research, Lagos, Nigeria",
    ]  # fmt: skip


def test_references_split_and_parsed(scopus):
    refs = scopus.records[0].references
    assert [(r.first_author, r.title, r.year) for r in refs] == [
        ("Vaswani A.", "Attention is all you need", 2017),
        ("Okafor M.", "Turnover numbers at scale", 2019),
        ("Kipf T.N.", "Semi-supervised classification with graph convolutional networks", 2016),
    ]
    assert refs[0].venue == "Advances in Neural Information Processing Systems"
    assert refs[2].arxiv_id == "1609.02907"
    assert refs[1].raw == "Okafor M., Turnover numbers at scale, Enzyme Reviews, 4, (2019)"


def test_a_quoted_line_break_keeps_the_next_rows_lines(scopus):
    assert [r.source.line for r in scopus.records] == [2, 4, 6]


def test_older_comma_separated_authors_and_positional_ids(scopus):
    older = scopus.records[1]
    assert older.author_names == ("P. Moreau", "A. Lindqvist")
    assert [a.ids for a in older.authors] == [(("scopus", "57000000004"),), (("scopus", "57000000005"),)]
    assert older.abstract is None  # "[No abstract available]"


def test_missing_title_and_missing_authors_are_problems_at_their_rows(scopus):
    assert [(p.line, p.severity) for p in scopus.problems] == [(5, "error"), (6, "warning")]
    assert "no Title" in scopus.problems[0].message
    assert scopus.records[2].authors == ()  # "[No author name available]" is no one


def test_a_cut_file_ends_in_an_open_quote_and_is_read_with_a_warning(tmp_path):
    text = CSV.read_text(encoding="utf-8-sig")
    path = tmp_path / "cut.csv"
    path.write_text(text[: text.index("The model is fast")], encoding="utf-8-sig")
    result = extraction_of(path, "scopus")
    (record,) = result.records
    assert record.title == "Sparse Routing for Graph Transformers on Molecular Data"
    assert [(p.line, p.severity) for p in result.problems] == [(2, "warning")]


def test_utf16_and_crlf_read_the_same(tmp_path, scopus):
    path = tmp_path / "scopus16.csv"
    path.write_bytes(CSV.read_text(encoding="utf-8-sig").replace("\n", "\r\n").encode("utf-16"))
    again = extraction_of(path, "scopus")
    assert [(r.source.line, r.title, r.authors, r.references) for r in again.records] == [
        (r.source.line, r.title, r.authors, r.references) for r in scopus.records
    ]


def test_a_csv_that_is_not_scopus_is_not_detected(tmp_path):
    with (tmp_path / "other.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Authors", "Title", "Notes"], ["A", "B", "C"]])
    assert detect((tmp_path / "other.csv").read_text()) is None
    assert detect(CSV.read_text(encoding="utf-8-sig")) == "scopus"


@pytest.mark.parametrize(
    "written, expected",
    [("Vaswani A.", "A. Vaswani"), ("van der Berg J.P.", "J.P. van der Berg"),
     ("Boulesteix A.-L.", "A.-L. Boulesteix"), ("Vaswani, A.", "A. Vaswani"), ("Plato", "Plato")],
)  # fmt: skip
def test_initials_come_first(written, expected):
    assert initials_first(written) == expected
