"""dblp XML: records file and person page; HTML entities, homonyms, title markup, ee links."""

import pytest
from conftest import DATA, extraction_of

from kg.extract.dblp import detect, html_entities_to_xml
from kg.extract.dblp import extract as extract_dblp
from kg.extract.reading import read_text
from kg.model import ExtractOptions

FORMATS = DATA / "formats"


def read(name, options=ExtractOptions()):
    return extraction_of(FORMATS / name, "dblp", options)


@pytest.fixture(scope="module")
def records_file():
    return read("dblp_records.xml")


def by_key(extraction):
    return {dict(r.extra_ids)["dblp"]: r for r in extraction.records}


def test_paper_records_only(records_file):
    # the <www> person record is not a paper
    assert list(by_key(records_file)) == [
        "conf/kdd/BaltescuCPZLR22",
        "journals/tcs/Fulop04",
        "journals/corr/abs-2301-04567",
        "phd/Example2019",
        "conf/example/Broken20",
    ]
    assert [r.source.line for r in records_file.records] == [4, 19, 38, 50, 58]


def test_itemsage_record(records_file):
    r = by_key(records_file)["conf/kdd/BaltescuCPZLR22"]
    assert r.title == "ItemSage: Learning Product Embeddings for Shopping Recommendations at Pinterest"
    assert r.author_names[4] == "Jure Leskovec" and r.authors[4].orcid == "0000-0002-5411-923X"
    assert r.doi == "10.1145/3534678.3539170" and r.arxiv_id is None
    assert r.venue == "KDD" and r.date == "2022"


def test_entities_homonym_suffix_and_title_markup(records_file):
    r = by_key(records_file)["journals/tcs/Fulop04"]
    assert r.author_names == ("Zoltán Fülöp 0001", "Heiko Vogler")
    assert r.title == ("Weighted Tree Transducers over M-Monoids and the Complexity of x2 in H2O & Friends")
    assert r.date == "2004-05" and r.venue == "Theor. Comput. Sci."
    assert r.doi == "10.1016/j.tcs.2003.10.001"


def test_arxiv_ids_from_ee_links_and_eprint(records_file):
    corr = by_key(records_file)["journals/corr/abs-2301-04567"]
    assert corr.arxiv_id == "2301.04567" and corr.doi is None  # arXiv DOI -> arXiv id
    assert corr.author_names == ("Mina Okafor", "Tomás Álvarez-Ruiz")
    thesis = by_key(records_file)["phd/Example2019"]
    assert thesis.arxiv_id == "1910.00001"  # arxiv.org/abs/…v2
    assert thesis.author_names == ("Renée Østergaard",) and thesis.venue == "Aarhus University"
    assert thesis.title == "Learning on Graphs – Theory & Practice"


def test_unknown_entity_is_kept_as_text_and_reported(records_file):
    r = by_key(records_file)["conf/example/Broken20"]
    assert r.author_names == ("Sam &bogus; Person",)
    (problem,) = records_file.problems
    assert problem.line == 59 and problem.severity == "warning" and "&bogus;" in problem.message


def test_person_page():
    page = read("dblp_person.xml")
    assert [(r.source.line, dict(r.extra_ids)["dblp"]) for r in page.records] == [
        (10, "journals/tcs/Fulop04"),
        (22, "conf/dlt/FulopV09"),
    ]
    assert page.records[1].title == "Tree Automata and the Zoo of Weights"
    assert page.records[1].venue == "Developments in Language Theory"
    assert all(r.author_names[0] == "Zoltán Fülöp 0001" for r in page.records)
    assert page.problems == ()


def test_truncated_file_keeps_the_records_before_the_break():
    cut = read("dblp_truncated.xml")
    assert [dict(r.extra_ids)["dblp"] for r in cut.records] == ["conf/kdd/BaltescuCPZLR22"]
    (problem,) = cut.problems
    assert problem.severity == "error" and problem.line == 31 and "column" in problem.message


def test_declared_encoding_is_honoured_and_a_wrong_one_is_a_problem():
    declared = read("dblp_person_latin1.xml")  # <?xml ... encoding="ISO-8859-1"?>
    assert [r.author_names[0] for r in declared.records] == ["Zoltán Fülöp 0001"] * 2
    misread = read("dblp_person_latin1.xml", ExtractOptions(encoding="gb18030"))
    assert misread.records == ()
    first = misread.problems[0]
    assert first.severity == "error" and first.line == 2
    assert "ISO-8859-1" in first.message and "column" in first.message
    right = read("dblp_person_latin1.xml", ExtractOptions(encoding="iso-8859-1"))
    assert [r.author_names[0] for r in right.records] == ["Zoltán Fülöp 0001"] * 2


def test_html_entities_to_xml():
    text, problems = html_entities_to_xml("a &amp; &lt;b&gt; F&uuml;l&ouml;p\n&nosuch;", "f.xml")
    assert text == "a &amp; &lt;b&gt; F&#252;l&#246;p\n&amp;nosuch;"
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]


def test_detect_other_formats():
    for name in ("arxiv_query.atom", "openalex_work.json", "references.bib"):
        text, _ = read_text(FORMATS / name)
        assert detect(text) == 0.0


def test_person_ids_and_orcids_are_kept(records_file):
    r = by_key(records_file)["conf/kdd/BaltescuCPZLR22"]
    leskovec = r.authors[4]
    assert leskovec.ids == (("dblp", "l/JureLeskovec"),)
    assert leskovec.orcid == "0000-0002-5411-923X"
    assert r.as_dict()["author_details"][4]["ids"] == {"dblp": "l/JureLeskovec"}


def test_person_page_pids():
    page = extraction_of(FORMATS / "dblp_person.xml", "dblp")
    first = page.records[0]
    assert [dict(a.ids).get("dblp") for a in first.authors] == ["f/ZoltanFulop", "v/HeikoVogler"]


def test_corr_is_a_preprint_not_a_venue(records_file):
    corr = by_key(records_file)["journals/corr/abs-2301-04567"]
    assert corr.venue is None and corr.doc_type == "preprint"


def test_corr_volume_gives_the_arxiv_id_without_an_ee_link():
    xml = (
        '<dblp><article key="journals/corr/abs-1706-03762"><author pid="v/AshishVaswani">Ashish Vaswani'
        "</author><title>Attention Is All You Need.</title><journal>CoRR</journal>"
        "<volume>abs/1706.03762</volume><year>2017</year></article></dblp>"
    )
    [r] = extract_dblp(xml, "d.xml", ExtractOptions()).records
    assert (r.arxiv_id, r.venue, r.doc_type) == ("1706.03762", None, "preprint")
