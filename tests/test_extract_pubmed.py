"""PubMed MEDLINE / .nbib: tagged lines, per-author AD and ORCID, MeSH, ids, bad input."""

import pytest
from conftest import DATA, SEED_FILES, extraction_of

from kg.extract import extract_file
from kg.extract.pubmed import detect, medline_date
from kg.extract.reading import read_text
from kg.model import ExtractOptions

APIS = DATA / "apis"


@pytest.fixture(scope="module")
def nbib():
    return extraction_of(APIS / "enzyme.nbib", "pubmed")


def test_ids_title_with_continuation_and_venue(nbib):
    r = nbib.records[0]
    assert r.source.line == 1
    assert (
        r.title == "Attention Graphs for Predicting Enzyme Turnover Across Species"
    )  # MEDLINE's "." dropped
    assert r.doi == "10.5555/enzyme.2021.0042"  # LID/AID "... [doi]", lower case
    assert dict(r.extra_ids) == {"pmid": "99000042", "pmcid": "PMC9900042"}
    assert r.abstract.startswith("Turnover numbers are known") and "networks and predict" in r.abstract
    assert (r.date, r.venue, r.language, r.doc_type) == (
        "2021-03-15",
        "Journal of computational enzymology",
        "eng",
        "Journal Article",
    )
    assert r.references == () and r.cited_by_count is None  # MEDLINE has neither


def test_authors_in_order_with_their_own_affiliations_and_orcid(nbib):
    zhou, ferreira, berg = nbib.records[0].authors
    assert (zhou.name, ferreira.name, berg.name) == ("Mei Lin Zhou", "Tomás Ferreira", "Anna K Berg")
    assert zhou.orcid == "0000-0002-1825-0097" and ferreira.orcid is None
    # two AD lines for the first author; e-mail addresses are not organisations
    assert zhou.affiliations == (
        "Department of Biochemistry, University of Exampleton, Exampleton, UK",
        "Institute of Enzyme Data, Sampleville, France",
    )
    assert ferreira.affiliations == ("Institute of Enzyme Data, Sampleville, France",)  # continued AD
    assert berg.affiliations == ()


def test_mesh_headings_without_qualifiers_then_other_terms(nbib):
    assert nbib.records[0].keywords == (
        "Animals",
        "Enzymes",
        "Neural Networks, Computer",
        "turnover number",
        "graph attention",
    )


def test_short_names_consortium_and_date_range(nbib):
    r = nbib.records[1]
    assert r.author_names == ("M Okafor", "J P van der Berg")  # AU "Last AB" -> "A B Last"
    # the collective author is an organisation, and so is the AD under it
    assert [o.name for o in r.affiliations] == [
        "Enzyme Atlas Consortium",
        "Enzyme Atlas Office, Sampleville, France",
    ]
    assert r.date == "2019"  # "2019 Jul-Aug" names no one month
    assert r.venue == "Enzyme Rev" and r.language == "fre"


def test_record_without_title_or_abstract_is_an_error_and_without_pmid_a_warning(nbib):
    assert [r.source.line for r in nbib.records] == [1, 46, 65]
    problems = {p.line: p for p in nbib.problems}
    assert (
        problems[59].severity == "error" and "99000044 has no title (TI) nor abstract" in problems[59].message
    )
    assert problems[65].severity == "warning" and "no PMID" in problems[65].message
    assert nbib.records[2].extra_ids == () and nbib.records[2].author_names == ("Åsa Lindqvist",)


def test_cut_file_keeps_what_it_has_and_says_it_may_be_cut():
    cut = extraction_of(APIS / "cut.txt", "pubmed")
    assert [r.title for r in cut.records] == [
        "First complete record",
        "Second record, cut in the middle of its abstract",
    ]
    assert cut.records[1].abstract == "The file ends here, mid-sent"
    assert cut.records[1].date == "2020-02"  # "2020 Feb 30" does not exist: the month stands
    (problem,) = cut.problems
    assert problem.line == 8 and "may be cut short" in problem.message


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2021 Mar 15", "2021-03-15"),
        ("2021 Mar", "2021-03"),
        ("2021", "2021"),
        ("2021 Winter", "2021"),
        ("2021 Dec 30-2022 Jan 5", "2021-12"),
        ("20210310", "2021-03-10"),
        ("no date", None),
    ],
)
def test_medline_dates(written, iso):
    assert medline_date(written) == iso


def test_crlf_and_utf16_files_read_alike(tmp_path):
    text = (APIS / "enzyme.nbib").read_text(encoding="utf-8")
    crlf, utf16 = tmp_path / "crlf.nbib", tmp_path / "utf16.nbib"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    utf16.write_bytes(text.encode("utf-16"))
    plain = extraction_of(APIS / "enzyme.nbib", "pubmed")
    for path in (crlf, utf16):
        got = extraction_of(path, "pubmed")
        assert [r.as_dict() | {"source": None} for r in got.records] == [
            r.as_dict() | {"source": None} for r in plain.records
        ]
        assert [(p.line, p.message) for p in got.problems] == [(p.line, p.message) for p in plain.problems]


def test_latin1_file_is_refused_with_one_clear_problem(tmp_path):
    path = tmp_path / "latin1.nbib"
    path.write_bytes((APIS / "enzyme.nbib").read_text(encoding="utf-8").encode("latin-1"))
    result = extract_file(path)
    assert result.layout is None and "pass --encoding" in result.extraction.problems[0].message
    forced = extract_file(path, layout="pubmed", options=ExtractOptions(encoding="latin-1"))
    assert forced.extraction.records[0].authors[1].name == "Tomás Ferreira"


def test_stray_line_is_reported_and_the_record_kept(tmp_path):
    path = tmp_path / "stray.txt"
    path.write_text(
        "PMID- 1\nTI  - A title.\nthis line is no tag\nAU  - Zhou ML\nSO  - X.\n", encoding="utf-8"
    )
    got = extraction_of(path, "pubmed")
    assert got.records[0].author_names == ("M L Zhou",)
    (problem,) = got.problems
    assert problem.line == 3 and "not a MEDLINE tag line" in problem.message


def test_detect():
    assert detect((APIS / "enzyme.nbib").read_text(encoding="utf-8")) > 0.9
    assert detect("TY  - JOUR\nTI  - A RIS record\nER  - \n") == 0.0
    assert detect("Some text\nPMID- 123\nTI  - x\n") == 0.0


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_detects_nothing_in_the_seeds(seed):
    assert detect(read_text(seed)[0]) == 0.0
