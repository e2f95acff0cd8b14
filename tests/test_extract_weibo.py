"""The digest account's Weibo posts: the text crawl and its CSV twin."""

import pytest
from conftest import DATA, SEED_FILES, extraction_of

from kg.extract.reading import read_text
from kg.extract.weibo import detect

WEIBO = DATA / "weibo"


@pytest.fixture(scope="module")
def timeline():
    return extraction_of(WEIBO / "timeline.txt", "weibo")


@pytest.fixture(scope="module")
def twin():
    return extraction_of(WEIBO / "timeline.csv", "weibo")


def test_only_paper_posts_become_records(timeline):
    assert [(r.source.line, r.title) for r in timeline.records] == [
        (14, "Sparse Mixture Routing for Long-Context Retrieval"),
        (22, "ItemSage: Learning Product Embeddings for Shopping Recommendations at Pinterest"),
        (43, "Graphs Without Organisations"),
        (57, "Contrastive Pretraining for Weather Maps"),
        (64, "A Paper Posted Just Before The Crawl Stopped"),
    ]
    # the digest heading, the weekly list, the video and the painting are counted, not read
    (summary,) = [p for p in timeline.problems if p.line is None]
    assert (
        summary.message == "4 posts are not paper posts: 2 digest headings or lists, 2 other posts; skipped"
    )


def test_starred_post_with_dotted_non_ascii_initials_and_orgs_with_commas(timeline):
    r = timeline.records[0]
    assert r.author_names == ("M Okafor", "T. Álvarez-Ruiz", "Ł. Kowalczyk", "J.-P. van der Berg")
    assert not r.authors_truncated
    assert [o.name for o in r.affiliations] == [
        "University of California, Berkeley",
        "Institute of Enzyme Data",
    ]
    assert r.date == "2020-06-30"  # the post's date
    assert r.arxiv_id == "2006.12345"  # view: arxiv-vanity
    assert r.code_urls == ("http://t.cn/A6Lk0003",) and r.has_code  # GitHub: says it is code


def test_arxiv_view_link_and_no_code(timeline):
    r = timeline.records[1]
    assert r.arxiv_id == "2205.11728"  # view:https://arxiv.org/abs/2205.11728v2
    assert r.code_urls == () and not r.has_code
    assert [o.name for o in r.affiliations] == ["Pinterest"]


def test_cut_author_lists(timeline):
    glued, apart = timeline.records[2], timeline.records[3]
    assert glued.author_names == ("A Zhai", "Y. Chen") and glued.authors_truncated  # "Y. Chen..."
    assert glued.affiliations == () and glued.arxiv_id is None  # no bracket; a t.cn view link
    assert apart.author_names == ("S Nakamura", "D Okoye") and apart.authors_truncated  # ", ..."
    assert apart.code_urls == ("https://github.com/example/weather-cpt",)


def test_unreadable_post_time_and_cut_file(timeline):
    assert timeline.records[3].date is None
    last = timeline.records[4]
    assert last.date == "2020"  # no post date: the paper's year, said so
    messages = {p.line: p.message for p in timeline.problems if p.line}
    assert messages[58] == "发布时间 '昨天 20:00' is not a date; no date"
    assert "post without its 发布时间 line (the file may be cut)" in messages[64]


def test_csv_twin_reads_the_same_posts(timeline, twin):
    assert [r.source.line for r in twin.records] == [3, 6]  # quoted newlines: a row may take two lines
    by_title = {r.title: r for r in timeline.records}
    for r in twin.records:
        same = by_title[r.title]
        assert (r.authors, r.authors_truncated, r.affiliations, r.date, r.arxiv_id, r.code_urls) == (
            same.authors,
            same.authors_truncated,
            same.affiliations,
            same.date,
            same.arxiv_id,
            same.code_urls,
        )
    (summary,) = twin.problems
    assert (
        summary.message == "3 posts are not paper posts: 1 digest headings or lists, 2 other posts; skipped"
    )


def test_crlf_and_gb18030_crawls(tmp_path, timeline):
    text = (WEIBO / "timeline.txt").read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.replace("Ł", "L").encode("gb18030"))
    assert [r.title for r in extraction_of(crlf, "weibo").records] == [r.title for r in timeline.records]
    assert [r.source.line for r in extraction_of(gb, "weibo").records] == [
        r.source.line for r in timeline.records
    ]


def test_detect():
    assert detect((WEIBO / "timeline.txt").read_text(encoding="utf-8")) > 0.9
    assert detect((WEIBO / "timeline.csv").read_text(encoding="utf-8-sig")) > 0.9
    assert detect("《Title》A B (2020)\n") == 0.0  # a paper line alone is no crawl
    assert detect("Authors,Title,Year,Source title,Cited by,DOI\n") == 0.0  # Scopus CSV


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_detects_nothing_in_the_seeds(seed):
    assert detect(read_text(seed)[0]) == 0.0
