"""Placeholders are never people: one rule (kg.normalize.names.split_placeholder), one record
check (kg.extract.checks.drop_placeholder_authors), every source format."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import DATA

from kg.cli import main
from kg.extract import extract_file
from kg.extract.checks import RECORD_CHECKS, check_extraction, drop_placeholder_authors
from kg.model import AuthorRef, Extraction, ExtractOptions, PaperRecord, Source
from kg.normalize.names import CUT, UNNAMED, is_placeholder_name, placeholder_kind, split_placeholder

PLACEHOLDERS = DATA / "placeholders"

CUT_WORDS = ["et al.", "et al", "Et Al.", "ET AL", "et. al.", "Et. Al", "others", "Others", "and others",
             "AND OTHERS", "等", "等人", "...", "…", " et al. "]  # fmt: skip
UNNAMED_WORDS = ["Anonymous", "ANONYMOUS", "anonymous", "[no author]", "[No Author]", "No author"]
NAMES = ["Ada Lovelace", "A T Kalai", "Alice Etal", "Jane Anonymous", "Dr Others", "等变 Wang", "Kim, others",
         "Lovelace, Ada", "Zoltán Fülöp 0001", "张三", "J.-P. van der Berg"]  # fmt: skip


@pytest.mark.parametrize("word", CUT_WORDS)
def test_cut_markers_are_placeholders_that_cut_the_list(word):
    assert is_placeholder_name(word) and placeholder_kind(word) == CUT
    assert split_placeholder(word) == ("", CUT)


@pytest.mark.parametrize("word", UNNAMED_WORDS)
def test_anonymous_authors_are_placeholders_of_their_own_kind(word):
    assert placeholder_kind(word) == UNNAMED and split_placeholder(word) == ("", UNNAMED)


@pytest.mark.parametrize("name", NAMES)
def test_names_are_not_placeholders(name):
    assert not is_placeholder_name(name)
    assert split_placeholder(name) == (name, None)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Junho Kim et al.", "Junho Kim"),
        ("Junho Kim Et Al", "Junho Kim"),
        ("Kim, J. et. al.", "Kim, J."),
        ("Kim, et al.", "Kim"),
        ("Kim and others", "Kim"),
        ("Kim...", "Kim"),
        ("Kim …", "Kim"),
        ("张三等", "张三"),
        ("张三 等人", "张三"),
    ],
)
def test_a_cut_marker_glued_to_the_last_name_is_taken_off(written, name):
    assert split_placeholder(written) == (name, CUT)


def _record(*names: str, truncated: bool = False) -> PaperRecord:
    return PaperRecord(
        Source("x.bib", 7, "bibtex"),
        title="T",
        authors=tuple(AuthorRef(n, orcid="0000-0002-1825-0097") for n in names),
        authors_truncated=truncated,
    )


def test_the_check_drops_placeholders_keeps_the_rest_and_marks_the_list_cut():
    record, findings = drop_placeholder_authors(_record("Ada Lovelace", "et al.", "Alan Turing Et Al"))
    assert record.author_names == ("Ada Lovelace", "Alan Turing")
    assert record.authors[1].orcid == "0000-0002-1825-0097"  # the rest of the author is kept
    assert record.authors_truncated and findings == []


def test_an_unnamed_author_is_dropped_with_a_warning_and_the_list_marked_incomplete():
    record, findings = drop_placeholder_authors(_record("Ada Lovelace", "Anonymous"))
    assert record.author_names == ("Ada Lovelace",) and record.authors_truncated
    assert findings == [
        ("warning", "author 'Anonymous' names no person: left out, the author list marked incomplete")
    ]


def test_a_record_without_placeholders_is_left_as_it_is():
    given = _record("Ada Lovelace", "Alan Turing")
    assert drop_placeholder_authors(given) == (given, [])
    assert drop_placeholder_authors(_record())[0] == _record()


def test_every_extraction_goes_through_the_check():
    assert drop_placeholder_authors in RECORD_CHECKS
    checked = check_extraction(Extraction(records=(_record("Ada Lovelace", "others"),)), "x.bib")
    assert checked.records[0].author_names == ("Ada Lovelace",) and checked.records[0].authors_truncated


#: file -> (layout, the author lists its records hold once the placeholders are gone)
EXPECTED = {
    "cut.bib": (
        "bibtex",
        [["Ada Lovelace"], ["Alan Turing"], [], ["张三", "李四"], ["Grace Hopper"]],
    ),
    "cut.atom": ("arxiv_atom", [["Grace Hopper"]]),
    "cut_openalex.json": ("openalex", [["Katherine Johnson"]]),
    "cut_digest.txt": ("arxiv_digest", [["J Zhu", "Q Dai"], ["L Su", "R Ma"]]),
    "cut_profile.txt": (
        "profile_list",
        [["YoungJoon Yoo", "Sanghyuk Chun", "Sangdoo Yun"], ["Kyuyong Shin", "Jihwan Bang"]],
    ),
    "cut_dblp.xml": ("dblp", [["Margaret Hamilton"]]),
    "cut_crossref.json": ("crossref", [["Dorothy Vaughan"]]),
    "cut.nbib": ("pubmed", [["Rosalind Franklin"]]),
    "cut_s2.json": ("semantic_scholar", [["Barbara Liskov"]]),
    "cut_weibo.txt": ("weibo", [["F Allen", "J Sammet"], ["张三", "李四"]]),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_format_drops_its_placeholders_and_marks_the_list_cut(name):
    layout, lists = EXPECTED[name]
    extraction = extract_file(PLACEHOLDERS / name, ExtractOptions()).extraction
    assert {r.source.layout for r in extraction.records} == {layout}
    assert [list(r.author_names) for r in extraction.records] == lists
    assert all(r.authors_truncated for r in extraction.records)


def test_no_placeholder_reaches_graph_json(tmp_path):
    out = tmp_path / "out"
    args = ["build", str(PLACEHOLDERS), "-o", str(out), "--no-progress", "--workers", "1"]
    args += ["--only", "graph-json"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    authors = [n for n in graph["nodes"] if n["type"] == "Author"]
    papers = [n for n in graph["nodes"] if n["type"] == "Paper"]
    assert len(papers) == sum(len(lists) for _, lists in EXPECTED.values())
    assert {a["name"] for a in authors} >= {"Ada Lovelace", "Grace Hopper", "Barbara Liskov", "张三"}
    for author in authors:
        for spelling in [author["name"], *author["name_variants"]]:
            assert split_placeholder(spelling)[1] is None, spelling
    assert all(p["authors_truncated"] for p in papers)
