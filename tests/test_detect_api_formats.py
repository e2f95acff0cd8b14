"""Detection of PubMed, Crossref, Semantic Scholar, OpenAlex and Weibo files: each is its own
layout, and none of them claims another layout's test file or a seed."""

import pytest
from conftest import DATA, SEED_FILES

from kg.extract import detect
from kg.extract.reading import read_text

MINE = {"pubmed", "crossref", "semantic_scholar", "openalex", "weibo"}
EXPECTED = {
    "apis/enzyme.nbib": "pubmed",
    "apis/cut.txt": "pubmed",
    "apis/enzyme_crossref.json": "crossref",
    "apis/crossref_list.json": "crossref",
    "apis/crossref_works.jsonl": "crossref",
    "apis/crossref_cut.json": "crossref",
    "apis/enzyme_s2.json": "semantic_scholar",
    "apis/s2_batch.json": "semantic_scholar",
    "apis/s2_citations_page.json": "semantic_scholar",
    "apis/enzyme_openalex.json": "openalex",
    "formats/openalex_work.json": "openalex",
    "formats/openalex_page.json": "openalex",
    "formats/openalex_works.jsonl": "openalex",
    "weibo/timeline.txt": "weibo",
    "weibo/timeline.csv": "weibo",
    "placeholders/cut.nbib": "pubmed",
    "placeholders/cut_crossref.json": "crossref",
    "placeholders/cut_s2.json": "semantic_scholar",
    "placeholders/cut_openalex.json": "openalex",
    "placeholders/cut_weibo.txt": "weibo",
}
OTHERS = sorted(
    p
    for p in DATA.rglob("*")
    if p.is_file() and str(p.relative_to(DATA)) not in EXPECTED and p.suffix not in (".png",)
)


@pytest.mark.parametrize(("name", "layout"), sorted(EXPECTED.items()))
def test_each_sample_is_detected_as_its_format(name, layout):
    assert detect(read_text(DATA / name)[0]) == layout


@pytest.mark.parametrize("path", OTHERS + SEED_FILES, ids=lambda p: p.name)
def test_no_other_file_is_taken_for_one_of_these_formats(path):
    try:
        text = read_text(path)[0]
    except Exception:  # unreadable test inputs (binary, empty) are not detection cases
        return
    found = detect(text)
    assert found not in MINE or found == "openalex" and "openalex" in path.name
