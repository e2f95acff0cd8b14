"""CSL-JSON: Zotero and citation.js item arrays, a single item, names, dates, ids, bad input, and
detection beside the other JSON formats (OpenAlex, Crossref, Semantic Scholar)."""

import json

import pytest
from conftest import DATA, SEED_FILES, extraction_of
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import crossref, detect, extract_file, openalex, semantic_scholar
from kg.extract.csl_json import detect as detect_csl
from kg.extract.csl_json import extract as csl_extract
from kg.extract.reading import read_text
from kg.model import ExtractOptions

CSL = DATA / "csl"
OTHER_JSON = [
    DATA / "apis" / name
    for name in (
        "enzyme_crossref.json",
        "crossref_list.json",
        "crossref_works.jsonl",
        "crossref_cut.json",
        "enzyme_s2.json",
        "s2_batch.json",
        "s2_citations_page.json",
        "enzyme_openalex.json",
    )
] + [DATA / "formats" / name for name in ("openalex_work.json", "openalex_page.json", "openalex_works.jsonl")]


@pytest.fixture(scope="module")
def zotero():
    return extraction_of(CSL / "zotero.json", "csl_json")


def csl_file(tmp_path, items):
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    return extract_file(path, layout="csl_json").extraction


def test_zotero_article(zotero):
    r = zotero.records[0]
    assert r.source.line == 2 and r.source.layout == "csl_json"  # where the item object starts
    assert r.title == "Sparse Routing for Graph Transformers"
    assert r.doi == "10.5555/jgl.2017.0612" and r.date == "2017-06"  # date-parts [[2017, 6]]
    assert r.venue == "Journal of Graph Learning" and r.abstract == "We route each node to a few experts."
    assert r.keywords == ("graph transformers", "mixture of experts")  # one comma-separated string
    assert (r.language, r.doc_type) == ("en", "article-journal")
    assert dict(r.extra_ids) == {"issn": "1049-5258", "csl": "http://zotero.org/users/1/items/ABCD2345"}
    assert r.code_urls == ("https://github.com/example-lab/sparse-routing",)


def test_names_particles_and_literal_people_or_organisations(zotero):
    r = zotero.records[0]
    # particles join the name; a literal that names an organisation is not a person, one that
    # does not is a person's full name
    assert r.author_names == ("Adaeze Okonkwo", "Jan Pieter van der Berg", "Grace Hopper")
    assert [o.name for o in r.affiliations] == ["Enzyme Atlas Consortium"]
    assert not r.authors_truncated


def test_preprint_arxiv_from_note_raw_date_and_et_al(zotero):
    r = zotero.records[1]
    assert r.arxiv_id == "1901.00042" and r.doi is None  # note "arXiv: 1901.00042"
    assert r.date == "2019-01-03"  # issued.raw
    assert r.author_names == ("Adaeze Okonkwo",) and r.authors_truncated  # "et al." is no person


def test_literal_date_event_orcid_affiliation_and_keyword_list(zotero):
    r = zotero.records[2]
    assert r.date == "2016-06-12"  # issued.literal "June 12, 2016"
    assert r.venue == "Workshop on Example Systems"  # event-title
    (ferreira,) = r.authors
    assert ferreira.orcid == "0000-0002-1825-0097" and ferreira.affiliations == ("Institute of Enzyme Data",)
    assert r.keywords == ("systems", "workshops", "talks")
    assert dict(r.extra_ids) == {"csl": "3"}  # a numeric id
    assert zotero.problems == ()


def test_single_item_with_string_date_parts_and_pubmed_ids():
    extraction = extraction_of(CSL / "single.json", "csl_json")
    (r,) = extraction.records
    assert r.source.line == 1 and r.date == "2020-11-30"  # date-parts as strings
    assert dict(r.extra_ids) == {"pmid": "31000001", "pmcid": "PMC7000001", "csl": "item-1"}


def test_arxiv_doi_url_doi_and_family_only_names(tmp_path):
    items = [
        {"id": "a", "type": "article", "title": "Preprint", "DOI": "10.48550/arXiv.1706.03762"},
        {
            "id": "b",
            "type": "article-journal",
            "title": "Linked",
            "URL": "https://doi.org/10.5555/LINKED",
            "author": [{"family": "ATLAS Collaboration"}, {"family": "others"}, {"family": "Plato"}],
            "issued": {"date-parts": [[2012, 7, 4], [2012, 7, 5]]},
        },
    ]
    preprint, linked = csl_file(tmp_path, items).records
    assert (preprint.arxiv_id, preprint.doi) == ("1706.03762", None)  # an arXiv DOI is the arXiv id
    assert linked.doi == "10.5555/linked" and linked.date == "2012-07-04"  # a range's start
    assert linked.author_names == ("Plato",) and linked.authors_truncated
    assert [o.name for o in linked.affiliations] == ["ATLAS Collaboration"]


def test_malformed_items_and_cut_file_keep_the_rest_with_lines():
    extraction = extraction_of(CSL / "malformed.json", "csl_json")
    assert [(r.source.line, r.title) for r in extraction.records] == [(2, "Fine Item"), (6, "No Type Here")]
    assert extraction.records[0].date is None
    found = {(p.line, p.severity, p.message.split(";")[0]) for p in extraction.problems}
    assert found == {
        (2, "warning", "issued date 'sometime' has no year"),
        (4, "error", "CSL-JSON item with neither title nor DOI"),  # missing required fields
        (5, "error", "not a CSL-JSON item (str)"),
        (6, "warning", "item 'No Type Here' has no type"),  # type is required by the schema
        (6, "warning", "item 'No Type Here' has no authors"),
        (8, "error", "malformed JSON at line 8, column 1: Expecting ',' delimiter"),  # cut short
    }


def test_utf16_with_bom(tmp_path, zotero):
    path = tmp_path / "zotero16.json"
    path.write_bytes((CSL / "zotero.json").read_text(encoding="utf-8").encode("utf-16"))
    result = extract_file(path)
    assert result.layout == "csl_json" and result.encoding == "utf-16"
    assert [(r.source.line, r.title) for r in result.extraction.records] == [
        (r.source.line, r.title) for r in zotero.records
    ]


@pytest.mark.parametrize("name", ["zotero.json", "single.json", "malformed.json"])
def test_csl_samples_are_detected_as_csl_json_and_by_no_other_json_format(name):
    text = read_text(CSL / name)[0]
    assert detect(text) == "csl_json"
    assert crossref.detect(text) == openalex.detect(text) == semantic_scholar.detect(text) == 0.0


@pytest.mark.parametrize("path", OTHER_JSON, ids=lambda p: p.name)
def test_openalex_crossref_and_s2_json_are_not_csl_json(path):
    assert detect_csl(read_text(path)[0]) == 0.0


@pytest.mark.parametrize(
    "path",
    [DATA / "ris" / "zotero.ris", DATA / "formats" / "references.bib", *SEED_FILES],
    ids=lambda p: p.name,
)
def test_other_layouts_are_not_csl_json(path):
    assert detect_csl(read_text(path)[0]) == 0.0


def test_json_without_csl_types_is_not_csl_json():
    assert detect_csl(json.dumps([{"type": "journal-article", "title": "T", "family": "F"}])) == 0.0
    assert detect_csl(json.dumps({"name": "a package.json", "version": "1.0"})) == 0.0


def test_string_author_entries_and_et_al_after_a_family_name(tmp_path):
    items = [
        {
            "id": "s",
            "type": "article",
            "title": "Names As Strings",
            "author": ["Grace Hopper", "Open Science Foundation", {"family": "Kim et al.", "given": "Jin"}],
        }
    ]
    (r,) = csl_file(tmp_path, items).records
    assert r.author_names == ("Grace Hopper", "Jin Kim") and r.authors_truncated
    assert [o.name for o in r.affiliations] == ["Open Science Foundation"]


def test_a_doi_that_is_no_doi_is_reported(tmp_path):
    items = [{"id": "x", "type": "article", "title": "T", "author": ["A B"], "DOI": "n/a"}]
    extraction = csl_file(tmp_path, items)
    assert extraction.records[0].doi is None
    assert [(p.line, p.message) for p in extraction.problems] == [(2, "DOI 'n/a' is not a DOI; not read")]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
_KEYS = ["id", "type", "title", "author", "issued", "DOI", "URL", "keyword", "ISSN", "PMID", "PMCID", "note"]


@given(st.lists(st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=8) | _JSON, max_size=6))
@settings(max_examples=150, deadline=None)
@pytest.mark.slow
def test_any_json_items_are_read_without_raising(items):
    text = json.dumps(items, indent=1)
    extraction = csl_extract(text, "x.json", ExtractOptions())
    count = text.count("\n") + 1
    assert all(p.line is None or 1 <= p.line <= count for p in extraction.problems)
    assert all(r.title or r.doi or r.arxiv_id for r in extraction.records)
    assert len(extraction.records) <= len(items)
