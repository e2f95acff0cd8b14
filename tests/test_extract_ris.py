"""RIS: Zotero, EndNote/Reference Manager, Mendeley and Scopus dialects, line numbers, bad input."""

import pytest
from conftest import DATA, SEED_FILES, extraction_of
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import detect, extract_file
from kg.extract.reading import read_text
from kg.extract.ris import detect as detect_ris
from kg.extract.ris import extract as ris_extract
from kg.model import ExtractOptions

RIS = DATA / "ris"


@pytest.fixture(scope="module")
def zotero():
    return extraction_of(RIS / "zotero.ris", "ris")


@pytest.fixture(scope="module")
def scopus():
    return extraction_of(RIS / "scopus.ris", "ris")


def ris_file(tmp_path, text, name="x.ris"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path, layout="ris").extraction


def test_zotero_journal_article(zotero):
    r = zotero.records[0]
    assert r.source.line == 1 and r.source.layout == "ris"
    assert r.title == "Sparse Routing for Graph Transformers"
    assert r.author_names == ("Adaeze Okonkwo", "Åsa Lindqvist", "Wei Zhang")  # "Last, First" turned
    assert r.doi == "10.5555/jgl.2017.0612"  # resolver dropped, lower case
    assert r.date == "2017-06-12"  # DA 2017/06/12/ beats PY 2017
    assert r.venue == "Journal of Graph Learning"  # T2 before J2
    assert r.abstract.endswith("cost of attention on large graphs by half.")  # continuation joined
    assert r.keywords == ("graph transformers", "mixture of experts")
    assert (r.language, r.doc_type) == ("en", "JOUR")
    assert dict(r.extra_ids) == {"issn": "1049-5258"}
    assert r.has_code and r.code_urls == ("https://github.com/example-lab/sparse-routing",)
    assert zotero.problems == ()


def test_zotero_preprint_arxiv_from_link_and_note_and_others_placeholder(zotero):
    r = zotero.records[1]
    assert r.source.line == 20
    assert r.arxiv_id == "1901.00042" and r.doi is None
    assert r.date == "2019"  # DA 2019///
    assert r.author_names == ("Adaeze Okonkwo",) and r.authors_truncated  # "others" is no person


def test_endnote_and_reference_manager_tags():
    extraction = extraction_of(RIS / "endnote.ris", "ris")
    older, shannon = extraction.records
    assert older.source.line == 2  # the file opens with a blank line
    assert older.title == "Older Tags From a Reference Manager Export"  # T1
    assert older.author_names == ("Tomás Ferreira", "A. K. Berg")  # A1; the A2 editor is no author
    assert older.venue == "Proceedings of the Workshop on Example Systems"  # JF
    assert older.date == "2015-11"  # Y1 2015/11//Autumn
    assert older.abstract == "The abstract sits in N2, as Reference Manager wrote it."
    assert dict(older.extra_ids) == {"ris": "42"}  # ID
    assert shannon.date == "1948-07"  # DA "July" gives its month to PY's year
    assert shannon.venue == "Bell System Technical Journal"
    assert extraction.problems == ()


def test_mendeley_style_record(tmp_path):
    extraction = ris_file(
        tmp_path,
        "TY  - JOUR\nAU  - Mendes, Rita\nTI  - Mendeley Writes JO\nJO  - Journal of Examples\n"
        "PY  - 2016\nY1  - 2016/05/01\nDO  - 10.5555/A\nDO  - 10.5555/B\nSN  - 1234-5678\n"
        "SN  - 8765-432x\nUR  - https://doi.org/10.5555/c\nKW  - one; two\nKW  - three\nER  - \n",
    )
    (r,) = extraction.records
    assert r.venue == "Journal of Examples" and r.date == "2016-05-01"
    assert r.doi == "10.5555/a"  # the first DO; a doi.org link only stands in for a missing DO
    assert r.extra_ids == (("issn", "1234-5678"), ("issn", "8765-432X"))  # both SN lines
    assert r.keywords == ("one", "two", "three")  # one a line, or ";"-separated on one line


def test_scopus_record_references_cited_by_and_corporate_author(scopus):
    (r,) = scopus.records
    assert r.author_names == ("M.L. Zhou", "T. Ferreira")
    assert [o.name for o in r.affiliations] == [
        "Enzyme Atlas Consortium",  # an organisation credited as author is not a person
        "Department of Biochemistry, University of Exampleton, Exampleton, United Kingdom",  # AD
    ]
    assert r.cited_by_count == 17  # N1 "Cited By: 17"
    assert dict(r.extra_ids) == {"issn": "1555-0042"}  # SN "15550042 (ISSN)"
    assert r.keywords == ("Enzymes", "Turnover number", "Graph attention")
    assert r.language == "English" and r.doi == "10.5555/ez.2021.7"
    atlases, labels, rates = r.references
    assert (atlases.first_author, atlases.title, atlases.year, atlases.venue) == (
        "Okafor, M.",
        "Enzyme atlases at scale",
        2019,
        "Enzyme Rev.",
    )
    assert atlases.raw.startswith("Okafor, M., van der Berg, J.P., Enzyme atlases")
    assert labels.arxiv_id == "2001.01234" and labels.doi is None
    assert rates.doi == "10.5555/jd.2018.3" and rates.year == 2018


def test_partial_and_odd_dates(tmp_path):
    def date_of(lines):
        (r,) = ris_file(tmp_path, f"TY  - JOUR\nTI  - T\nAU  - A, B\n{lines}ER  - \n").records
        return r.date

    assert date_of("PY  - 2017///\n") == "2017"
    assert date_of("PY  - 2017/06/12/\n") == "2017-06-12"
    assert date_of("DA  - 2017-06\n") == "2017-06"
    assert date_of("PY  - 2017\nDA  - 2019/01/05/\n") == "2017"  # a DA of another year is not the date
    assert date_of("PY  - 2017/02/30/\n") == "2017-02"  # no 30 February: the month is kept
    assert date_of("Y1  - 2011 Jun 3\n") == "2011"


def test_malformed_file_keeps_the_good_records_with_lines():
    extraction = extraction_of(RIS / "malformed.ris", "ris")
    lost_er, book = extraction.records
    assert (lost_er.source.line, lost_er.title, lost_er.date) == (1, "A Record Whose ER Was Lost", None)
    assert (book.source.line, book.title, book.date) == (13, "A Book That Is Read", "2018-03")
    assert book.authors == () and book.authors_truncated  # "et al." alone: no person
    found = {(p.line, p.severity, p.message.split(";")[0].split(" (")[0]) for p in extraction.problems}
    assert found == {
        (1, "warning", "record has no ER line before the next TY at line 6"),
        (1, "warning", "date 'n.d.' has no year"),
        (5, "warning", "unknown RIS tag 'ZZ'"),
        (6, "error", "RIS record with neither title"),
        (10, "error", "tagged lines outside a record"),
        (13, "warning", "record 'A Book That Is Read' has no authors"),
    }
    (unknown,) = [p for p in extraction.problems if "ZZ" in p.message]
    assert "1 more times" in unknown.message  # one warning per tag and file


def test_truncated_file():
    extraction = extraction_of(RIS / "cut.ris", "ris")
    whole, cut = extraction.records
    assert whole.date == "2022" and cut.title == "The Record Cut in Two" and cut.source.line == 7
    assert any(p.line == 7 and "end of the file" in p.message for p in extraction.problems)


def test_text_before_the_first_record_is_a_warning(tmp_path):
    extraction = ris_file(tmp_path, "Exported from a catalogue\n\nTY  - JOUR\nTI  - Kept\nER  - \n")
    assert [r.title for r in extraction.records] == ["Kept"]
    assert [(p.line, p.severity) for p in extraction.problems if "outside" in p.message] == [(1, "warning")]


def test_utf16_with_bom_and_crlf_read_the_same(tmp_path, zotero):
    text = (RIS / "zotero.ris").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "zotero16.ris"
    path.write_bytes(text.encode("utf-16"))  # Python writes the BOM
    result = extract_file(path)
    assert result.layout == "ris" and result.encoding == "utf-16"
    assert [(r.source.line, r.title, r.authors) for r in result.extraction.records] == [
        (r.source.line, r.title, r.authors) for r in zotero.records
    ]


@pytest.mark.parametrize("name", ["zotero.ris", "endnote.ris", "scopus.ris", "malformed.ris", "cut.ris"])
def test_ris_samples_are_detected_as_ris(name):
    assert detect(read_text(RIS / name)[0]) == "ris"


@pytest.mark.parametrize(
    "path",
    [
        DATA / "apis" / "enzyme.nbib",
        DATA / "formats" / "references.bib",
        DATA / "csl" / "zotero.json",
        *SEED_FILES,
    ],
    ids=lambda p: p.name,
)
def test_other_layouts_are_not_ris(path):
    assert detect_ris(read_text(path)[0]) == 0.0


def test_web_of_science_tagged_text_is_not_ris():
    assert detect_ris("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Kim, J\nER\n") == 0.0


def test_header_lines_no_space_after_the_hyphen_and_et_al_after_a_name(tmp_path):
    text = (
        'Provider: Example Library\nContent: text/plain; charset="UTF-8"\n\n'
        "TY  - JOUR\nTI  -Title Without Its Space\nAU  - Smith, J. et al.\nPY  - 2020\nER  - \n"
    )
    assert detect_ris(text) == 0.95
    extraction = ris_file(tmp_path, text)
    (r,) = extraction.records
    assert r.source.line == 4 and r.title == "Title Without Its Space"
    assert r.author_names == ("J. Smith",) and r.authors_truncated
    assert extraction.problems == ()  # a header is not text outside a record


def test_a1_repeating_au_is_one_author(tmp_path):
    text = "TY  - JOUR\nTI  - T\nAU  - Kim, Jin\nA1  - Kim, Jin\nA1  - Park, Min\nER  - \n"
    (r,) = ris_file(tmp_path, text).records
    assert r.author_names == ("Jin Kim", "Min Park")


def test_a_do_that_is_no_doi_is_reported(tmp_path):
    extraction = ris_file(tmp_path, "TY  - JOUR\nTI  - T\nAU  - A, B\nDO  - not a doi\nER  - \n")
    assert extraction.records[0].doi is None
    assert [(p.line, p.severity, p.message) for p in extraction.problems] == [
        (1, "warning", "DO 'not a doi' is not a DOI; not read")
    ]


def test_a_long_scopus_reference_without_a_year_keeps_its_raw_text(tmp_path):
    """Read token by token: a pattern over the author pairs would backtrack without end here."""
    raw = "Ab, C.D.-E., " * 400 + "no year here"
    text = (
        f"TY  - JOUR\nTI  - T\nAU  - A, B\nN1  - References: {raw}; Kim, J., Short (2018) J. Data\nER  - \n"
    )
    (r,) = ris_file(tmp_path, text).records
    long_one, short = r.references
    assert long_one.raw == raw and long_one.year is None and long_one.title is None
    assert (short.first_author, short.title, short.year, short.venue) == ("Kim, J.", "Short", 2018, "J. Data")


_TAGS = ["TY", "ER", "AU", "A1", "A2", "TI", "T1", "PY", "Y1", "DA", "DO", "UR", "N1", "KW", "SN", "ZZ"]
_VALUES = [
    "",
    "JOUR",
    "Kim, Jin",
    "et al.",
    "Enzyme Atlas Consortium",
    "2017///",
    "2017/06/12/",
    "July",
    "n.d.",
    "10.5555/X",
    "https://arxiv.org/abs/1901.00042",
    "References: Kim, J., T (2018) V; Lee, A.",
    "Cited By: 3",
    "1234-5678",
]


@given(
    st.lists(
        st.one_of(
            st.tuples(
                st.sampled_from(_TAGS),
                st.sampled_from(_VALUES) | st.text(st.characters(blacklist_characters="\n\r"), max_size=20),
            ).map(lambda tv: f"{tv[0]}  - {tv[1]}"),
            st.sampled_from(["", "   continued", "stray text"]),
        ),
        max_size=40,
    )
)
@settings(max_examples=150, deadline=None)
@pytest.mark.slow
def test_any_tagged_text_is_read_without_raising_and_problems_name_real_lines(lines):
    text = "\n".join(lines)
    extraction = ris_extract(text, "x.ris", ExtractOptions())
    count = len(lines) or 1
    assert all(p.line is None or 1 <= p.line <= count for p in extraction.problems)
    assert all(
        1 <= r.source.line <= count and lines[r.source.line - 1].startswith("TY") for r in extraction.records
    )
    assert all(r.title or r.doi or r.arxiv_id for r in extraction.records)
    assert not any(a.name.lower().startswith("et al") for r in extraction.records for a in r.authors)


def test_a_file_without_any_er_gives_one_warning_not_one_per_record(tmp_path):
    text = "TY  - JOUR\nTI  - One\n\nTY  - JOUR\nTI  - Two\n\nTY  - JOUR\nTI  - Three\n"
    extraction = ris_file(tmp_path, text)
    assert [(r.source.line, r.title) for r in extraction.records] == [(1, "One"), (4, "Two"), (7, "Three")]
    unended = [(p.line, p.message.split(";")[0]) for p in extraction.problems if "no ER" in p.message]
    assert unended == [
        (1, "record has no ER line before the next TY at line 4 (and 1 more records)"),
        (7, "record has no ER line at the end of the file: the file may be cut short"),
    ]


def test_endnote_doi_in_m3(tmp_path):
    (r,) = ris_file(tmp_path, "TY  - JOUR\nTI  - T\nAU  - A, B\nM3  - 10.5555/M3.DOI\nER  - \n").records
    assert r.doi == "10.5555/m3.doi"
