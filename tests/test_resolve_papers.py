"""Papers of one title merge on evidence: the same first author, close years, a preprint and its
publication, a record without authors; they stay apart, with the reason, on different first
authors, publications years apart and different DOIs. Order of the inputs changes nothing."""

import json
from itertools import permutations
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.explain import explain_paper
from kg.extract import extract_paths
from kg.model import AuthorRef, Extraction, FileExtraction, PaperRecord, Source
from kg.resolve import resolve

DATA = Path(__file__).parent / "data" / "papers"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def resolved(*names):
    return resolve(extract_paths([str(DATA / n) for n in names]))


def papers_titled(res, title_key):
    return sorted(
        (p for p in res.papers if (p.title or "").casefold() == title_key), key=lambda p: p.sources[0].line
    )


def sources(paper):
    return sorted(f"{Path(s.file).name}:{s.line}" for s in paper.sources)


def paper_near_misses(res):
    return [n for n in res.near_misses if n.kind == "paper"]


# --------------------------------------------------------------------------- kept apart


def test_lecun_review_and_goodfellow_book_stay_two_papers():
    res = resolved("deep_learning.bib")
    review, book = papers_titled(res, "deep learning")
    assert review.id == "paper:doi-10.1038/nature14539" and review.year == 2015
    assert book.id.startswith("paper:t-") and book.year == 2016
    [near] = paper_near_misses(res)
    assert {near.a, near.b} == {review.id, book.id}
    assert "different first authors 'Yann LeCun'" in near.reason and "'Ian Goodfellow'" in near.reason
    assert "'deep learning'" in near.reason
    assert not [m for m in res.merges if m.kind == "paper"]


def test_the_review_cited_with_initials_joins_the_review_not_the_book():
    res = resolved("deep_learning.bib", "deep_learning_review.bib")
    review, book = papers_titled(res, "deep learning")
    assert sources(review) == ["deep_learning.bib:2", "deep_learning_review.bib:2"]
    assert sources(book) == ["deep_learning.bib:12"]
    [merge] = [m for m in res.merges if m.kind == "paper"]
    assert merge.into == review.id
    assert "same first author 'Yann LeCun' / 'Y. LeCun', in 2015" in merge.reason
    # the book and the second review record are never one paper either
    assert all("Goodfellow" in n.reason for n in paper_near_misses(res))


def test_bellman_book_and_science_article_stay_apart_and_the_article_cited_twice_is_one():
    res = resolved("bellman.bib", "bellman_science.bib")
    book, article = sorted(papers_titled(res, "dynamic programming"), key=lambda p: p.year)
    assert (book.year, sources(book)) == (1957, ["bellman.bib:2"])
    assert (article.year, sources(article)) == (1966, ["bellman.bib:9", "bellman_science.bib:2"])
    assert article.venue == "Science"
    reasons = [n.reason for n in paper_near_misses(res)]
    assert reasons and all("9 years apart" in r and "neither a preprint" in r for r in reasons)
    [merge] = [m for m in res.merges if m.kind == "paper"]
    assert "same first author 'Richard Bellman' / 'R. Bellman', in 1966" in merge.reason


def test_one_author_one_title_two_dois_are_two_papers():
    res = resolved("different_dois.bib")
    assert len(papers_titled(res, "learning on graphs")) == 2
    [near] = paper_near_misses(res)
    assert "different DOIs 10.1000/jog.2021.3 / 10.1000/workshop.2020.7, neither a preprint's" in near.reason


# --------------------------------------------------------------------------- merged


def test_preprint_and_journal_version_merge_years_apart():
    res = resolved("openalex_preprint_and_journal.jsonl")
    [paper] = res.papers
    assert paper.id == "paper:arxiv-1901.00001"
    assert paper.doi == "10.1000/jsg.2022.11"  # the publication's DOI
    assert paper.venue == "Journal of Streaming Graphs"  # a publication's venue over the preprint's
    assert paper.date == "2019-01-02"  # as precise as the other: the first in stable order
    [merge] = [m for m in res.merges if m.kind == "paper"]
    assert "a preprint and its publication, same first author 'Ada Widget' / 'A. Widget'" in merge.reason
    assert [a.author for a in paper.authorships] == ["author:ada widget", "author:bo graph"]


def test_record_without_authors_or_year_joins_the_one_paper_of_its_title():
    res = resolved("bellman_science.bib", "abstract_only.bib")
    [paper] = res.papers
    assert sources(paper) == ["abstract_only.bib:2", "bellman_science.bib:2"]
    assert paper.abstract.startswith("The theory of dynamic programming")
    [merge] = [m for m in res.merges if m.kind == "paper"]
    assert "one record names no authors, and no DOI or year contradicts" in merge.reason


def test_record_without_authors_fitting_two_papers_is_not_guessed():
    res = resolved("bellman.bib", "abstract_only.bib")
    assert len(res.papers) == 3
    reasons = [n.reason for n in paper_near_misses(res)]
    not_guessed = "names no authors and fits 2 papers of this title kept apart; not merged"
    assert sum(not_guessed in r for r in reasons) == 2


def test_no_contradicting_pair_ends_up_in_one_paper():
    """A record without authors fits both; each authored record contradicts the other: the
    authored pair never meets in one paper through it."""

    def rec(file, line, authors, date):
        people = tuple(AuthorRef(a) for a in authors)
        return PaperRecord(Source(file, line, "test"), title="Graphs", authors=people, date=date)

    files = [
        FileExtraction("a", "test", "utf-8", Extraction(records=(rec("a", 1, ["Ann Lee"], "2001"),))),
        FileExtraction("b", "test", "utf-8", Extraction(records=(rec("b", 1, [], None),))),
        FileExtraction("c", "test", "utf-8", Extraction(records=(rec("c", 1, ["Bo Kim"], "2001"),))),
    ]
    for order in permutations(files):
        res = resolve(list(order))
        assert len(res.papers) == 3
        assert all(len({s.file for s in p.sources} & {"a", "c"}) <= 1 for p in res.papers)


def test_records_without_authors_merge_unless_their_years_contradict():
    def rec(file, date, doc_type=None):
        return PaperRecord(Source(file, 1, "test"), title="Widgets", date=date, doc_type=doc_type)

    def resolve_two(a, b):
        files = [FileExtraction(r.source.file, "test", "utf-8", Extraction(records=(r,))) for r in (a, b)]
        return resolve(files)

    res = resolve_two(rec("a", "2001"), rec("b", "2001-05"))
    [paper] = res.papers
    assert paper.date == "2001-05"  # the more precise date
    [merge] = res.merges
    assert "neither record names authors, and no DOI or year contradicts" in merge.reason
    res = resolve_two(rec("a", "2001"), rec("b", "2005"))
    assert len(res.papers) == 2 and "4 years apart" in res.near_misses[0].reason
    res = resolve_two(rec("a", "2001", "posted-content"), rec("b", "2005"))  # a Crossref preprint
    assert len(res.papers) == 1


# --------------------------------------------------------------------------- explain, order


def test_kg_explain_shows_the_near_miss():
    G = kg.build([str(DATA / "deep_learning.bib")], analyses=False).graph
    text = explain_paper(G, "10.1038/nature14539")
    assert "kept apart (1):" in text and "Deep Learning" in text and "different first authors" in text
    result = CliRunner().invoke(
        main, ["explain", "paper", "Dynamic", "Programming", "-i", str(DATA / "bellman.bib")]
    )
    assert result.exit_code == 0, result.output
    assert "kept apart (1):" in result.output and "9 years apart" in result.output


@pytest.mark.parametrize(
    "names",
    [
        ("deep_learning.bib", "deep_learning_review.bib"),
        ("bellman.bib", "bellman_science.bib", "abstract_only.bib"),
        ("openalex_preprint_and_journal.jsonl", "different_dois.bib"),
    ],
)
def test_resolution_does_not_depend_on_the_order_of_inputs(names):
    results = {resolve(extract_paths([str(DATA / n) for n in order])) for order in permutations(names)}
    assert len(results) == 1


@pytest.mark.slow
def test_seeds_graph_is_byte_identical_whatever_the_order_of_files(tmp_path):
    files = sorted(str(p) for p in SEEDS.iterdir())
    orders = [files, files[::-1], files[2:] + files[:2], [files[3], files[0], files[4], files[1], files[2]]]
    outputs = []
    for n, order in enumerate(orders):
        out = tmp_path / str(n)
        result = CliRunner().invoke(main, ["build", *order, "-o", str(out), "--only", "graph-json", "-q"])
        assert result.exit_code == 0, result.output
        outputs.append((out / "graph.json").read_bytes())
    assert all(o == outputs[0] for o in outputs[1:])
    nodes = json.loads(outputs[0])["nodes"]
    assert sum(n["type"] == "Paper" for n in nodes) == 120
    assert sum(n["type"] == "Author" for n in nodes) == 202


@pytest.mark.slow
def test_two_sources_give_one_graph_in_either_order(tmp_path):
    a, b = str(DATA / "bellman.bib"), str(DATA / "bellman_science.bib")
    outputs = []
    for n, order in enumerate([(a, b), (b, a)]):
        out = tmp_path / str(n)
        result = CliRunner().invoke(main, ["build", *order, "-o", str(out), "--only", "graph-json", "-q"])
        assert result.exit_code == 0, result.output
        outputs.append((out / "graph.json").read_bytes())
    assert outputs[0] == outputs[1]
    papers = [n for n in json.loads(outputs[0])["nodes"] if n["type"] == "Paper"]
    assert sorted(len(p["sources"]) for p in papers) == [1, 2]
