"""BibTeX: LaTeX to Unicode, name forms, macros, identifiers, and broken entries."""

import pytest
from conftest import DATA, extraction_of

from kg.extract import detect, extract_file
from kg.extract.bibtex import detect as detect_bibtex
from kg.extract.latex import latex_to_text

FORMATS = DATA / "formats"


@pytest.fixture(scope="module")
def references():
    return extraction_of(FORMATS / "references.bib", "bibtex")


def by_key(extraction):
    return {dict(r.extra_ids)["bibtex"]: r for r in extraction.records}


def test_itemsage_entry(references):
    r = by_key(references)["baltescu2022itemsage"]
    assert r.source.line == 4 and r.source.layout == "bibtex"
    assert r.title == "ItemSage: Learning Product Embeddings for Shopping Recommendations at Pinterest"
    assert r.author_names == (
        "Paul Baltescu",
        "Haoyu Chen",
        "Nikil Pancha",
        "Andrew Zhai",
        "Jure Leskovec",
        "Charles Rosenberg",
    )
    assert not r.authors_truncated
    assert r.doi == "10.1145/3534678.3539170"
    assert r.arxiv_id == "2205.11728"  # eprint 2205.11728v2, version dropped
    assert r.category == "cs.IR"  # primaryClass, as given
    assert r.date == "2022-08"  # month = aug (a BibTeX macro), no day invented
    # booktitle = kdd is an @string macro defined at the top of the file
    assert r.venue == "Proceedings of the 28th ACM SIGKDD Conference on Knowledge Discovery and Data Mining"
    assert r.keywords == ("product embeddings", "multi-task learning", "recommender systems")


def test_latex_accents_name_forms_and_others(references):
    r = by_key(references)["schluter2021grokking"]
    assert r.source.line == 20
    assert r.author_names == ("Jan Schlüter", "François Grégoire", "Laurens van der Maaten Jr.")
    assert r.authors_truncated  # 'and others'
    assert r.title == "Grokking Sound & Vision: A Study of École Data"
    assert r.date == "2021-05"  # year = 2021 (bare number), month = may
    assert r.venue == "Journal of Machine Learning Research"


def test_biblatex_date_arxiv_reference_and_code_link(references):
    r = by_key(references)["zhai2019learning"]
    assert r.author_names[1] == "Hao-Yu Wu"  # "First Last" form kept as is
    assert r.date == "2019-08-05"
    assert r.arxiv_id == "1908.01707"  # from journal = {arXiv preprint arXiv:...}
    assert r.code_urls == ("https://github.com/pinterest/unified-embedding",)
    assert r.has_code


def test_cjk_key_names_and_affiliations(references):
    r = by_key(references)["张三2021深度"]
    assert r.author_names == ("张三", "李四", "Wei Wang")
    assert r.title == "深度学习在推荐系统中的应用"
    assert [o.name for o in r.affiliations] == ["清华大学", "Pinterest"]
    assert r.date == "2021-03"  # month = {3}


def test_entry_without_authors_or_year_is_kept_with_problems(references):
    r = by_key(references)["anonymous_note"]
    assert r.authors == () and r.date is None and r.title == "An Untitled Draft on Graph Learning"
    messages = [p.message for p in references.problems if p.line == 46]
    assert any("no authors" in m for m in messages) and any("no year" in m for m in messages)
    assert all(p.severity == "warning" for p in references.problems)


def test_logo_macros_keep_their_names_and_stray_text_is_ignored(references):
    assert by_key(references)["knuth1984texbook"].title == "The TeXbook"
    assert len(references.records) == 7
    assert {p.line for p in references.problems} == {46, 58, 67}


def test_string_macro_defined_twice_keeps_the_first(references):
    (problem,) = [p for p in references.problems if p.line == 67]
    assert "@string 'kdd' is defined again" in problem.message
    assert by_key(references)["pancha2022dangling"].venue.startswith("Proceedings of the 28th")


def test_dangling_and_and_impossible_day(references):
    r = by_key(references)["pancha2022dangling"]
    assert r.author_names == ("Nikil Pancha", "Andrew Zhai")
    assert r.date == "2022-02"  # February 30th does not exist: the day is dropped
    (problem,) = [p for p in references.problems if p.line == 58]
    assert "day '30'" in problem.message


def test_malformed_entries_are_problems_and_the_rest_is_read():
    result = extract_file(FORMATS / "malformed.bib")
    records = result.extraction.records
    assert [(r.source.line, r.title) for r in records] == [
        (3, "A First Good Entry"),
        (15, "A Second Good Entry"),
        (24, "A Third Good Entry"),
        (31, "Same Key Again"),
    ]
    errors = {p.line: p.message for p in result.extraction.problems if p.severity == "error"}
    assert set(errors) == {9, 38}
    assert "broken2021" in errors[9] and "cut2024" in errors[38]
    assert "end of file" in errors[38]
    warnings = [(p.line, p.message) for p in result.extraction.problems if p.severity == "warning"]
    assert any(line == 15 and "not-a-doi" in m for line, m in warnings)
    assert any(line == 15 and "undefined @string macro 'acm'" in m for line, m in warnings)
    assert any(line == 24 and "repeats the field(s) title" in m for line, m in warnings)
    assert any(line == 24 and "'In press'" in m for line, m in warnings)
    assert any(line == 31 and "already used" in m for line, m in warnings)
    assert any(line == 31 and "'Smarch'" in m for line, m in warnings)
    third = records[2]
    assert third.author_names == ("Erin Person",) and third.date is None and third.doi is None
    assert records[1].doi is None and records[3].date == "2023"


def test_code_links_on_any_code_host_and_its_subdomains():
    """The code-host rule of kg.normalize.links: gitee and a github.com subdomain count; a project
    page does not; a malformed URL is no code link and no crash."""
    records = {
        dict(r.extra_ids)["bibtex"]: r for r in extraction_of(FORMATS / "code_hosts.bib", "bibtex").records
    }
    assert records["gitee2023"].code_urls == ("https://gitee.com/mindspore/models",)
    assert records["subdomain2023"].code_urls == ("https://gist.github.com/chenhua/0a1b2c3d",)
    assert records["gitee2023"].has_code and records["subdomain2023"].has_code
    assert records["brokenurl2023"].code_urls == () and not records["brokenurl2023"].has_code


def test_detect_needs_an_entry_not_only_strings():
    assert detect_bibtex('@string{kdd = "KDD"}\n@comment{nothing}\n') == 0.0
    assert detect_bibtex("  @Article{x,\n title={T}}\n") > 0.5
    assert detect("intro\n@inproceedings(key,\n title = {T})\n") == "bibtex"


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"Schl{\"{u}}ter", "Schlüter"),
        (r"Erd\H{o}s and {\o}stergaard", "Erdős and østergaard"),
        (r"$\alpha$-nets \& 50\%", "α-nets & 50%"),
        ("Wrapped\n   over  lines~here", "Wrapped over lines here"),
        (r"\href{https://github.com/x/y}{code}", "code (https://github.com/x/y)"),
        (r"see \cite{key} and \url{https://a.org/b_c}", "see and https://a.org/b_c"),
        (r"unbalanced {brace", "unbalanced brace"),
    ],
)
def test_latex_to_text(latex, text):
    assert latex_to_text(latex) == text
