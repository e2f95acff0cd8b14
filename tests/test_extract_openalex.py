"""OpenAlex works: single work, API page, array, JSON Lines; ids, authorships, abstracts."""

import json

import pytest
from conftest import DATA, extraction_of

from kg.extract.openalex import detect, rebuild_abstract

FORMATS = DATA / "formats"


def read(path):
    return extraction_of(path, "openalex")


@pytest.fixture(scope="module")
def work():
    (record,) = read(FORMATS / "openalex_work.json").records
    return record


def test_single_work_ids_and_dates(work):
    assert work.source.line == 1
    assert work.title == "ItemSage: Learning Product Embeddings for Shopping Recommendations at Pinterest"
    assert work.doi == "10.1145/3534678.3539170"  # from https://doi.org/…
    assert work.arxiv_id == "2205.11728"  # the arxiv.org location
    assert dict(work.extra_ids) == {"openalex": "W4283389112", "mag": "4283389112"}
    assert work.date == "2022-08-14"
    assert (
        work.venue == "Proceedings of the 28th ACM SIGKDD Conference on Knowledge Discovery and Data Mining"
    )
    assert not work.authors_truncated


def test_authorships_in_list_order_with_orcid_and_institutions(work):
    assert work.author_names == (
        "Paul Baltescu",
        "Haoyu Chen",
        "Nikil Pancha",
        "Andrew Zhai",
        "Jure Leskovec",
        "Charles Rosenberg",
    )
    leskovec = work.authors[4]
    assert leskovec.orcid == "0000-0002-5411-923X"  # from https://orcid.org/…
    assert leskovec.affiliations == ("Pinterest", "Stanford University")
    assert work.authors[0].orcid is None
    assert [(o.name, o.ror) for o in work.affiliations] == [
        ("Pinterest", None),
        ("Stanford University", "00f54p054"),
    ]


def test_abstract_rebuilt_from_inverted_index(work):
    # "of" sits at positions 9 and 21: a word may appear more than once
    assert work.abstract == (
        "Learned embeddings for products are an important building block of "
        "web-scale e-commerce recommendation systems. At Pinterest, we build a "
        "single set of product embeddings."
    )


def test_keywords_topics_and_concepts_become_keywords(work):
    assert work.keywords == (
        "Embedding",
        "Recommender Systems and Techniques",
        "Multimodal Machine Learning Applications",
        "Recommender system",
        "Computer science",
    )


@pytest.fixture(scope="module")
def page():
    return read(FORMATS / "openalex_page.json")


def test_page_records_start_where_their_work_objects_start(page):
    lines = (FORMATS / "openalex_page.json").read_text(encoding="utf-8").splitlines()
    assert [r.source.line for r in page.records] == [10, 39, 62]
    for record in page.records:
        assert lines[record.source.line - 1].strip() == "{"
        assert dict(record.extra_ids)["openalex"] in lines[record.source.line]


def test_page_work_with_markup_truncation_and_old_keywords(page):
    r = page.records[0]
    assert r.title == "Scaling Graph Networks to H2O-Sized Molecules"  # <i>, <sub> dropped
    assert r.authors_truncated  # is_authors_truncated: true
    assert r.doi == "10.1000/graph.2021.7"
    assert dict(r.extra_ids) == {"openalex": "W3010000001", "pmid": "33600001"}
    assert r.keywords == ("graph neural networks", "molecules")
    assert r.abstract is None  # abstract_inverted_index: null
    assert r.authors[0].name == "J. Leskovec" and r.authors[0].orcid == "0000-0002-5411-923X"
    # no institution matched: the raw affiliation string stands for it
    assert r.authors[1].affiliations == ("Example Institute of Technology",)
    assert [(o.name, o.ror) for o in r.affiliations] == [("Leland Stanford Junior University", "00f54p054")]


def test_page_work_with_null_author_and_arxiv_doi(page):
    r = page.records[1]
    assert r.author_names == ("Mina Okafor", "Tomás Álvarez-Ruiz")  # raw_author_name stands in
    assert r.authors[1].orcid == "0000-0002-9876-5436"  # a bare ORCID works too
    assert r.doi is None and r.arxiv_id == "2301.04567"
    assert r.date == "2023"  # publication_year only
    assert r.abstract == "We route tokens sparsely."


def test_work_without_authors_is_kept_with_a_warning(page):
    r = page.records[2]
    assert r.title == "A Work Without Authors" and r.authors == ()
    (problem,) = page.problems
    assert problem.line == 62 and problem.severity == "warning" and "no authors" in problem.message


def test_json_lines_each_line_stands_alone():
    lines = read(FORMATS / "openalex_works.jsonl")
    assert [(r.source.line, dict(r.extra_ids)["openalex"]) for r in lines.records] == [
        (1, "W4283389112"),
        (5, "W3010000002"),
    ]
    problems = {p.line: p for p in lines.problems}
    assert set(problems) == {2, 4}
    assert problems[2].severity == "error" and "column" in problems[2].message
    assert "not an OpenAlex work (list)" in problems[4].message


def test_truncated_page_keeps_the_works_before_the_break():
    cut = read(FORMATS / "openalex_truncated.json")
    assert [r.source.line for r in cut.records] == [10]
    (problem,) = cut.problems
    assert problem.severity == "error" and problem.line == 53
    assert "column 64" in problem.message and "1 work(s) before it were read" in problem.message


def test_array_of_works(tmp_path):
    results = json.loads((FORMATS / "openalex_page.json").read_text(encoding="utf-8"))["results"]
    path = tmp_path / "works.json"
    path.write_text(json.dumps(results[:2], indent=1), encoding="utf-8")
    array = read(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [r.title for r in array.records] == [
        "Scaling Graph Networks to H2O-Sized Molecules",
        "Sparse Mixture Routing for Long-Context Retrieval",
    ]
    assert array.records[0].source.line == 2
    assert lines[array.records[1].source.line - 1].strip() == "{"


def test_author_position_disagreeing_with_list_order_is_reported(tmp_path):
    work = json.loads((FORMATS / "openalex_work.json").read_text(encoding="utf-8"))
    work["authorships"][0]["author_position"], work["authorships"][-1]["author_position"] = "last", "first"
    path = tmp_path / "work.json"
    path.write_text(json.dumps(work), encoding="utf-8")
    swapped = read(path)
    assert swapped.records[0].author_names[0] == "Paul Baltescu"  # the list order wins
    (problem,) = swapped.problems
    assert problem.severity == "warning" and "authorship 1 says author_position 'last'" in problem.message


def test_rebuild_abstract_ignores_malformed_positions():
    assert rebuild_abstract({"b": [1], "a": [0, "x"], "c": "no"}) == "a b"
    assert rebuild_abstract(None) is None and rebuild_abstract({}) is None


def test_detect_needs_openalex_fields():
    assert detect('{"name": "some other json"}') == 0.0
    assert detect('[{"id": "https://openalex.org/W1", "title": "T"}]') > 0.5


@pytest.fixture(scope="module")
def enzyme():
    (record,) = read(DATA / "apis" / "enzyme_openalex.json").records
    return record


def test_openalex_author_ids_and_ror(enzyme):
    assert [a.ids for a in enzyme.authors] == [
        (("openalex", "A9900000001"),),
        (("openalex", "A9900000002"),),
        (("openalex", "A9900000003"),),
    ]
    assert [(o.name, o.ror) for o in enzyme.affiliations] == [("University of Exampleton", "02mhbdp94")]
    assert dict(enzyme.extra_ids) == {
        "openalex": "W9900000042",
        "mag": "9900000042",
        "pmid": "99000042",
        "pmcid": "PMC9900042",
    }


def test_referenced_works_citation_counts_and_type(enzyme):
    assert [r.openalex for r in enzyme.references] == ["W9900000007", "W2963403868"]  # once each
    assert enzyme.cited_by_count == 19
    assert enzyme.counts_by_year == ((2021, 2), (2022, 6), (2023, 11))
    assert (enzyme.language, enzyme.doc_type) == ("en", "article")


def test_scores_kept_and_score_zero_dropped(enzyme):
    # "Philosophy" has score 0: OpenAlex found no evidence for it, so it is no topic of the work
    assert enzyme.keywords == ("Turnover number", "Enzyme Kinetics and Catalysis", "Enzyme")
    assert dict(enzyme.topic_scores) == {
        "Turnover number": 0.61,  # the higher of the keyword's and the concept's scores
        "Enzyme Kinetics and Catalysis": 0.9876,
        "Enzyme": 0.74,
    }


def test_scores_are_the_has_topic_weights():
    import kg

    built = kg.build([str(DATA / "apis" / "enzyme_openalex.json")], analyses=False)
    (pid,) = built.papers()
    weights = {
        v: d["weight"] for _, v, k, d in built.graph.out_edges(pid, keys=True, data=True) if k == "HAS_TOPIC"
    }
    assert weights == {
        "topic:kw:turnover number": 0.61,
        "topic:kw:enzyme kinetics and catalysis": 0.9876,
        "topic:kw:enzyme": 0.74,
    }
    assert "topic:kw:philosophy" not in built.graph


def test_json_lines_split_on_newline_only(tmp_path):
    """A U+2028 inside a string is no line end: splitlines() would cut the work in two."""
    work = {"id": "https://openalex.org/W1", "title": "Line\u2028separator", "authorships": []}
    path = tmp_path / "works.jsonl"
    path.write_text(
        json.dumps(work, ensure_ascii=False) + "\n" + json.dumps(work | {"id": "W2"}) + "\n", encoding="utf-8"
    )
    got = read(path)
    assert [r.title for r in got.records] == ["Line separator"] * 2  # titles' white space folded
    assert [p.line for p in got.problems] == [1, 2]  # "no authors", once per work
    assert [r.source.line for r in got.records] == [1, 2]


def test_openalex_institution_ids_are_kept():
    (work,) = read(FORMATS / "openalex_work.json").records
    pinterest = next(o for o in work.affiliations if o.name == "Pinterest")
    assert pinterest.ids == (("openalex", "I4210109390"),)
    assert work.as_dict()["affiliation_other_ids"]["Pinterest"] == {"openalex": "I4210109390"}
