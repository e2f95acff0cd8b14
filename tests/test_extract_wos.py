"""Web of Science plain text (``wos``) and tab-delimited (``wos_tab``) exports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA, extraction_of
from hypothesis import given
from hypothesis import strategies as st

from kg.extract import detect, extract_file
from kg.extract.lines import iter_line_blocks, iter_lines
from kg.model import Reference

WOS = DATA / "wos"
PLAIN = WOS / "savedrecs.txt"
TAB = WOS / "savedrecs_tab.txt"


@pytest.fixture(scope="module")
def plain():
    return extraction_of(PLAIN, "wos")


def test_the_full_record_field_by_field(plain):
    first = plain.records[0]
    assert first.source.line == 3
    assert first.title == "Sparse Routing for Graph Transformers on Molecular Data"
    assert first.author_names == ("Lena Hartmann", "Chidi N. Okonkwo", "Yuki Sato")  # AF, not AU
    assert first.abstract == (
        "We route attention along sparse paths of molecular graphs. The model is fast on large molecules."
    )
    assert first.venue == "JOURNAL OF EXAMPLE MACHINE LEARNING"
    assert first.date == "2022-03-15"
    assert first.doi == "10.5555/jeml.2022.0007"
    assert dict(first.extra_ids) == {"wos": "WOS:000900000000001", "pmid": "35000007"}
    assert (first.language, first.doc_type, first.cited_by_count) == ("English", "Article", 12)
    assert first.keywords == (
        "graph transformers", "sparse attention", "molecular property prediction", "NETWORKS", "ATTENTION",
    )  # fmt: skip


def test_c1_brackets_tie_addresses_to_the_authors_they_name(plain):
    hartmann, okonkwo, sato = plain.records[0].authors
    exampleton = "Univ Exampleton, Dept Comp Sci, Exampleton, England"
    assert hartmann.affiliations == sato.affiliations == (exampleton,)
    assert okonkwo.affiliations == ("Inst Example Res, Lagos, Nigeria",)
    assert [o.name for o in plain.records[0].affiliations] == [exampleton, "Inst Example Res, Lagos, Nigeria"]


def test_oi_and_ri_go_to_the_author_of_that_name(plain):
    hartmann, okonkwo, sato = plain.records[0].authors
    assert hartmann.orcid == "0000-0002-1825-0097" and okonkwo.orcid is None and sato.orcid is None
    assert sato.ids == (("researcherid", "AAB-1234-2020"),) and hartmann.ids == ()


def test_cited_references_one_a_line(plain):
    refs = plain.records[0].references
    assert refs[0] == Reference(
        doi="10.5555/3295222.3295349",
        year=2017,
        first_author="Vaswani A",
        venue="ADV NEUR IN",
        raw="Vaswani A, 2017, ADV NEUR IN, V30, P5998, DOI 10.5555/3295222.3295349",
    )
    assert [r.first_author for r in refs] == ["Vaswani A", None, "Okafor M", "Kipf TN"]
    assert refs[2].doi == "10.5555/enz.2019.0007" and refs[3].arxiv_id == "1609.02907"


def test_group_author_is_an_organisation_and_a_season_keeps_the_year(plain):
    paper = plain.records[1]
    assert paper.author_names == ("P Moreau",)
    assert [o.name for o in paper.affiliations] == ["Example Consortium", "Ecole Example, Paris, France"]
    assert paper.authors[0].affiliations == ("Ecole Example, Paris, France",)  # one author: his
    assert paper.date == "2020"


def test_unbracketed_addresses_of_several_authors_tie_no_one(plain):
    paper = plain.records[2]
    assert paper.author_names == ("A Lindqvist", "A K Berg")  # AU initials, spaced
    places = ["Univ Uppsala, Uppsala, Sweden", "Univ Lund, Lund, Sweden"]
    assert [o.name for o in paper.affiliations] == places
    assert all(a.affiliations == () for a in paper.authors)


def test_a_record_without_ti_is_a_problem_at_its_line_and_the_rest_is_read(plain):
    assert len(plain.records) == 3
    (problem,) = plain.problems
    assert (problem.line, problem.severity) == (57, "error")
    assert "WOS:000900000000003" in problem.message and "TI" in problem.message


def test_a_cut_file_is_read_as_far_as_it_goes(tmp_path):
    text = PLAIN.read_text(encoding="utf-8-sig")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("PT J\nAU Lindqvist")] + "PT J\nAU Lindqvist, A\nTI Cut here", "utf-8")
    result = extraction_of(cut, "wos")
    assert [r.title for r in result.records][-1] == "Cut here"
    messages = [(p.line, p.message) for p in result.problems if p.severity == "warning"]
    assert any(line == 64 and "no ER line" in m for line, m in messages)
    assert any(line is None and "no EF line" in m for line, m in messages)


def test_a_record_without_er_before_the_next_pt_is_still_two_records(tmp_path):
    path = tmp_path / "no_er.txt"
    path.write_text("FN x\nVR 1.0\nPT J\nAU A, B\nTI One\nPT J\nAU C, D\nTI Two\nER\nEF\n", "utf-8")
    result = extraction_of(path, "wos")
    assert [r.title for r in result.records] == ["One", "Two"]
    assert [(p.line, p.severity) for p in result.problems] == [(3, "warning")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("source, layout", [(PLAIN, "wos"), (TAB, "wos_tab")])
def test_utf16_with_a_bom_reads_the_same(tmp_path, source, layout, encoding):
    text = source.read_text(encoding="utf-8-sig")
    path = tmp_path / source.name
    path.write_bytes(("\ufeff" + text).encode(encoding) if encoding != "utf-16" else text.encode(encoding))
    utf8 = extraction_of(source, layout)
    assert extraction_of(path, layout) == replace(
        utf8,
        records=tuple(replace(r, source=replace(r.source, file=str(path))) for r in utf8.records),
        problems=tuple(replace(p, file=str(path)) for p in utf8.problems),
    )


def test_mixed_line_ends_keep_records_and_line_numbers(tmp_path):
    lines = PLAIN.read_text(encoding="utf-8-sig").split("\n")
    ends = ["\r\n", "\n", "\r"]
    path = tmp_path / "mixed.txt"
    path.write_bytes("".join(line + ends[i % 3] for i, line in enumerate(lines)).encode("utf-8"))
    mixed = extraction_of(path, "wos")
    assert [(r.source.line, r.title, r.authors) for r in mixed.records] == [
        (r.source.line, r.title, r.authors) for r in extraction_of(PLAIN, "wos").records
    ]


def test_tab_delimited_gives_the_plain_text_records(plain):
    tab = extraction_of(TAB, "wos_tab")
    assert [r.source.line for r in tab.records] == [2, 4]
    full = tab.records[0]
    same = plain.records[0]
    for field in ("title", "authors", "affiliations", "date", "doi", "extra_ids", "venue", "cited_by_count"):
        assert getattr(full, field) == getattr(same, field), field
    assert full.references == same.references[:2]
    assert [(p.line, p.severity) for p in tab.problems] == [(3, "error")]  # the row without TI
    assert tab.records[1].authors[0].affiliations == ("Ecole Example, Paris, France",)


def test_a_cut_tab_row_is_read_with_a_warning(tmp_path):
    text = TAB.read_text(encoding="utf-8-sig")
    path = tmp_path / "cut_tab.txt"
    path.write_text(text.split("\n")[0] + "\n" + "J\tZhou, M\t\t\t\t\t\t\tCut title", "utf-8")
    result = extraction_of(path, "wos_tab")
    assert [r.title for r in result.records] == ["Cut title"]
    assert [(p.line, p.severity) for p in result.problems] == [(2, "warning")]


def test_other_layouts_are_not_wos():
    others = [DATA / "apis" / "enzyme.nbib", DATA / "formats" / "references.bib", DATA / "scopus/scopus.csv"]
    for path in others:
        assert detect(path.read_text(encoding="utf-8-sig")) not in ("wos", "wos_tab"), path
    assert detect("PT J\nThis is prose about a PT boat.\n") is None
    assert extract_file(Path(PLAIN), layout="wos_tab").extraction.problems[0].severity == "error"


@given(st.text(alphabet="ab \n", max_size=60), st.integers(min_value=1, max_value=8))
def test_line_blocks_give_the_lines_iter_lines_gives(text, size):
    assert [line for block in iter_line_blocks(text, size) for line in block] == [
        line for _, line in iter_lines(text)
    ]
