"""The example queries in queries/: each runs on the seeds' export with both engines, and gives the
answer the seed files hold (read off the files, as cited in each test)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SEEDS

import kg
from kg.export import ExportOptions
from kg.export.rdf.turtle import write_turtle
from kg.sparql import ENGINES, execute, load_graph, read_query

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
DIGEST, PROFILE_LIST, PROFILE_PAGE = (
    "004_19cb0c8271dea555.txt",
    "000_5a6d834f1bbc5bd4.txt",
    "003_87569abedee599f0.txt",
)


def seed_lines(name: str) -> list[str]:
    return (SEEDS / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def built() -> kg.KnowledgeGraph:
    return kg.build([SEEDS])


@pytest.fixture(scope="module")
def graphs(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("seeds") / "kg.ttl"
    write_turtle(built, path, ExportOptions())
    return {engine: load_graph(path, engine) for engine in ENGINES}


def answer(graphs, name: str, engine: str = "oxigraph") -> list[tuple]:
    """Rows of plain Python values: str, or int for integers, or float for doubles."""
    result = execute(graphs[engine], read_query(f"@{ROOT / 'queries' / name}"))
    return [tuple(_plain(v) for v in row) for row in result.rows]


def _plain(value):
    if value is None:
        return None
    if value.datatype and value.datatype.endswith("#integer"):
        return int(value.value)
    if value.datatype and value.datatype.endswith("#double"):
        return float(value.value)
    return value.value


def test_there_are_at_least_eight_queries_each_with_a_comment_header():
    assert len(QUERIES) >= 8
    for path in QUERIES:
        head = path.read_text(encoding="utf-8").splitlines()[:2]
        assert head[0].startswith("# ") and len(head[0]) > 20, path.name
        assert "kg query" in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_each_query_gives_the_same_answer_with_both_engines(graphs, path):
    results = [answer(graphs, path.name, engine) for engine in ENGINES]
    if "papers_in_several_sources" in path.name:  # GROUP_CONCAT order is up to the engine
        results = [[(r[0], r[1], sorted(r[2].split(", "))) for r in rows] for rows in results]
    assert results[0], f"{path.name} found nothing on the seeds"
    assert results[0] == results[1]


def test_coauthors_of_jung_woo_ha(graphs):
    """seeds/000 lines 8, 56, 59, 62, 68, 77, 113, 116, 119, 125, 137: his eleven papers. Kang
    Min Yoo shares two (68, 116), Wonyoung Shin two (125, 137); lists cut with 'et al.' name
    only their first three authors, so only those count."""
    rows = answer(graphs, "coauthors_of_person.rq")
    assert rows[:2] == [("Kang Min Yoo", 2), ("Wonyoung Shin", 2)]
    assert {name for name, shared in rows[2:] if shared == 1} == {
        "Jaemin Na",
        "Hyung Jin Chang",
        "Deokjae Lee",
        "JunYeong Lee",
        "Yunji Kim",
        "Hyunseo Koh",
        "Dahyun Kim",
        "Raphael Shu",
        "Kihyun Nam",
        "Jingu Kang",
        "Kyung-Wha Park",
        "JungHoon Lee",
        "Xiaodong Gu",
        "Yeon Seonwoo",
        "Ji-Hoon Kim",
        "Shengzhe Li",
        "Kyuyong Shin",
    }
    assert len(rows) == 19


def _author_lines(name: str) -> int:
    """Author lists naming ``name`` in the seeds (a list has commas; a profile header does not)."""
    return sum(
        1
        for f in SEEDS.iterdir()
        for line in f.read_text(encoding="utf-8").splitlines()
        if name in line and "," in line
    )


def test_most_central_authors_match_the_graph_and_the_seeds(graphs, built):
    rows = answer(graphs, "central_authors.rq")
    by_pagerank = sorted(
        ((d["pagerank"], d["name"]) for d in built.authors().values()), key=lambda t: (-t[0], t[1])
    )
    assert [r[0] for r in rows] == [name for _, name in by_pagerank[:10]]
    assert [r[1] for r in rows] == pytest.approx([score for score, _ in by_pagerank[:10]])
    papers = {r[0]: r[3] for r in rows}
    # the two most prolific authors of the seeds: seeds/003 is Kyungwoo Song's profile page
    assert papers["Kyungwoo Song"] == _author_lines("Kyungwoo Song") == 17
    assert papers["Jung-Woo Ha"] == _author_lines("Jung-Woo Ha") == 11


def test_cv_papers_of_2023_with_code(graphs):
    """seeds/003 line 12 'CVMar 26, 2023Code' BlackVIP; seeds/000 line 7 'CVOct 28, 2023Code'
    Switching Temporary Teachers. Not: 000 line 19 (CV 2023, no code), 003 line 19 (CV 2023, no
    code), 003 line 68 P3T ('CVApr 17Code': code, but no year)."""
    rows = answer(graphs, "papers_by_topic_and_year.rq")
    assert [(title.split(":")[0], date) for title, date, _ in rows] == [
        ("BlackVIP", "2023-03-26"),
        ("Switching Temporary Teachers for Semi-Supervised Semantic Segmentation", "2023-10-28"),
    ]
    assert rows[0][2] == "https://github.com/changdaeoh/BlackVIP"
    assert rows[1][2] in seed_lines(PROFILE_LIST)[8]  # the link in its abstract
    assert seed_lines(PROFILE_PAGE)[67] == "CVApr 17Code"


def test_organisations_and_their_topics(graphs):
    """seeds/004: [IR] ItemSage [Pinterest]; [LG] Gesmundo, Dean [Google Research]; [CL] Train
    Flat [CMU]. seeds/003 lines 22, 43: two CV papers tagged '· cmu, uw' ('uw' is ambiguous: it
    stays 'uw')."""
    rows = set(answer(graphs, "organisations_and_topics.rq"))
    assert ("Pinterest", "Information Retrieval", 1) in rows
    assert ("Google Research", "Machine Learning", 1) in rows
    assert ("Carnegie Mellon University", "Computation and Language", 1) in rows
    assert ("Carnegie Mellon University", "Computer Vision and Pattern Recognition", 2) in rows
    assert ("uw", "Computer Vision and Pattern Recognition", 2) in rows
    assert seed_lines(PROFILE_PAGE)[21].endswith("· cmu, uw") and seed_lines(PROFILE_PAGE)[42].endswith(
        "· cmu, uw"
    )


def test_papers_with_code(graphs):
    """Every paper whose listing header ends in 'Code' (seeds/000, 003), and every abstract that
    links to GitHub (seeds/001, 002)."""
    rows = answer(graphs, "papers_with_code.rq")
    titles = {title for title, _, _ in rows}
    for name in (PROFILE_LIST, PROFILE_PAGE):
        lines = seed_lines(name)
        marked = [
            i
            for i, line in enumerate(lines)
            if re.fullmatch(r"[A-Z]{2}[A-Z][a-z]{2} \d{1,2}(, \d{4})?Code", line)
        ]
        assert marked
        for i in marked:
            title_line = next(line for line in lines[i + 1 :] if line.strip())
            assert any(title_line.startswith(t) for t in titles), title_line
    linked = sum(
        1
        for name in ("001_b138c08ec3bbee03.txt", "002_1d9aa526be2d4ad4.txt")
        for line in seed_lines(name)
        if "https://github.com/" in line
    )
    untitled = {t for t in titles if t.startswith("[untitled]")}
    assert len(untitled) == linked
    repositories = {repo for _, _, repo in rows if repo}
    assert {
        "https://github.com/naver-ai/GGDR",
        "https://github.com/changdaeoh/BlackVIP",
        "https://github.com/naver-ai/egtr",
    } <= repositories


def test_community_of_jung_woo_ha(graphs, built):
    rows = answer(graphs, "community_members.rq")
    community = built.authors()["author:jung-woo ha"]["community"]
    expected = {d["name"] for d in built.authors().values() if d.get("community") == community}
    assert {r[0] for r in rows} == {community}
    assert {r[1] for r in rows} == expected and "Jung-Woo Ha" in expected
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)


def test_papers_seen_in_several_sources(graphs):
    """HyperCLOVA X: seeds/000 line 88 ('CLApr 2, 2024', the title on 89) and seeds/002 line 1,
    the same abstract without a title."""
    rows = answer(graphs, "papers_in_several_sources.rq")
    assert [(title, n, sorted(where.split(", "))) for title, n, where in rows] == [
        ("HyperCLOVA X Technical Report", 2, [f"{PROFILE_LIST}:88", "002_1d9aa526be2d4ad4.txt:1"])
    ]
    assert seed_lines(PROFILE_LIST)[88].startswith("HyperCLOVA X Technical Report")
    assert seed_lines("002_1d9aa526be2d4ad4.txt")[0].startswith("Abstract:We introduce HyperCLOVA X")


def test_first_authors(graphs):
    """seeds/003: Changdae Oh first on lines 15, 22, 29, 43, 64; Dongjun Kim on 232, 239, 260,
    281; Kyungwoo Song on 274, 302, 309, 316."""
    rows = answer(graphs, "first_authors.rq")
    page = seed_lines(PROFILE_PAGE)
    for name in ("Changdae Oh", "Dongjun Kim", "Kyungwoo Song"):
        assert (name, sum(1 for line in page if line.startswith(name + ","))) in rows
    assert rows[0] == ("Changdae Oh", 5)
    assert all(n > 1 for _, n in rows)


def test_first_author_of_a_paper(graphs):
    """seeds/000 line 8: '…Semantic SegmentationJaemin Na, Jung-Woo Ha, Hyung Jin Chang et al.'"""
    assert answer(graphs, "first_author_of_paper.rq") == [("Jaemin Na", "Jaemin Na", "false", 3)]


def test_where_a_paper_was_read(graphs):
    """seeds/004 line 9: '1、[IR] ItemSage: …', whose link (line 19) is arXiv 2205.11728."""
    ((file, path, line),) = answer(graphs, "where_was_it_read.rq")
    assert (file, line) == (DIGEST, 9) and path == f"seeds/{DIGEST}"  # never an absolute path
    lines = seed_lines(DIGEST)
    assert lines[8].startswith("1、[IR] ItemSage") and lines[18] == "https://arxiv.org/abs/2205.11728"
