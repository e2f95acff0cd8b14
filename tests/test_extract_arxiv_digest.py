"""arxiv_digest: the Chinese daily arXiv digest (seeds/004_*)."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import DATA, SEEDS, extraction_of

import kg
from kg.extract import arxiv_digest, detect
from kg.model import CONTRACT_KEYS

SEED = SEEDS / "004_19cb0c8271dea555.txt"
DIGEST = DATA / "digest"


def _extract(path):
    return arxiv_digest.extract(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture(scope="module")
def seed():
    return _extract(SEED)


@pytest.fixture(scope="module")
def seed_lines():
    return SEED.read_text(encoding="utf-8").split("\n")


def test_seed_has_five_numbered_and_four_short_entries(seed, seed_lines):
    assert seed.problems == ()
    assert len(seed.records) == 9
    numbered = [n for n, line in enumerate(seed_lines, 1) if re.match(r"\d+、\[", line)]
    marker = next(n for n, line in enumerate(seed_lines, 1) if line.startswith("另外几篇"))
    short = [
        n
        for n, line in enumerate(seed_lines, 1)
        if n > marker and line.startswith("[") and not line.endswith("]")
    ]
    assert len(numbered) == 5 and len(short) == 4
    assert [r.source.line for r in seed.records] == numbered + short
    for record in seed.records:
        line = seed_lines[record.source.line - 1]
        assert record.source.layout == "arxiv_digest"
        assert record.category == re.search(r"\[(\w+)\]", line).group(1)
        assert record.title == line.split("] ", 1)[1]
        assert list(record.as_dict()) == list(CONTRACT_KEYS)


def test_numbered_entries_carry_summary_and_abstract_short_ones_a_chinese_title(seed, seed_lines):
    numbered, short = seed.records[:5], seed.records[5:]
    for record in numbered:
        assert record.summary_zh and record.abstract and record.title_zh is None
        assert record.summary_zh in seed_lines and record.abstract in seed_lines
        assert re.search(r"[\u4e00-\u9fff]", record.summary_zh)
        assert not re.search(r"[\u4e00-\u9fff]", record.abstract)
    for record in short:
        assert record.title_zh and record.abstract is None and record.summary_zh is None
        assert seed_lines.index(record.title_zh) == record.source.line + 1  # the line after the title
    assert seed.records[5].title_zh == "BARS:推荐系统开放基准研究"


def test_arxiv_ids_come_from_the_links(seed, seed_lines):
    links = [line for line in seed_lines if line.startswith("https://arxiv.org/abs/")]
    assert [r.arxiv_id for r in seed.records] == [link.rsplit("/", 1)[1] for link in links]
    assert seed.records[0].arxiv_id == "2205.11728"


def test_authors_in_initials_split_on_commas_only(seed):
    gans = next(r for r in seed.records if r.title == "Why GANs are overkill for NLP")
    assert gans.author_names == ("D Alvarez-Melis", "V Garg", "A T Kalai")
    mesh = next(r for r in seed.records if r.title == "Equivariant Mesh Attention Networks")
    assert mesh.author_names == ("S Basu", "J Gallego-Posada", "F Viganò", "J Rowbottom", "T Cohen")
    assert all(r.authors and not r.authors_truncated for r in seed.records)
    assert [len(r.authors) for r in seed.records] == [6, 2, 3, 5, 3, 8, 5, 3, 6]


def test_organisations_split_on_ampersand_and_keep_their_characters(seed):
    orgs = {r.title: [o.name for o in r.affiliations] for r in seed.records}
    assert orgs["Why GANs are overkill for NLP"] == ["Microsoft Research", "Aalto University"]
    bars = orgs["BARS: Towards Open Benchmarking for Recommender Systems"]
    assert bars == [
        "Huawei Noah\u2019s Ark Lab",
        "Tsinghua University",
        "The Chinese University of Hong Kong",
    ]
    assert "Université de Montréal" in orgs["Equivariant Mesh Attention Networks"]
    assert all(r.affiliations for r in seed.records)


def test_no_date_and_header_and_disclaimer_are_not_records(seed):
    assert all(r.date is None for r in seed.records)
    texts = [str(r.as_dict()) for r in seed.records]
    assert not any("转自爱可可爱生活" in t or "内容中包含的图片" in t or "摘要:" in t for t in texts)


def test_legend_gives_chinese_category_labels(seed):
    assert seed.category_labels == (
        ("LG", "zh", "机器学习"),
        ("CV", "zh", "计算机视觉"),
        ("CL", "zh", "计算与语言"),
        ("AS", "zh", "音频与语音"),
        ("RO", "zh", "机器人"),
        ("IR", "zh", "信息检索"),
    )
    assert {r.category for r in seed.records} <= {code for code, _, _ in seed.category_labels}


def test_detection_by_numbered_entries_or_by_legend():
    text = SEED.read_text(encoding="utf-8")
    assert arxiv_digest.detect(text) >= 0.9
    assert detect(text) == "arxiv_digest"
    short_only = (DIGEST / "short_only.txt").read_text(encoding="utf-8")
    assert not re.search(r"^\d+、", short_only, re.M)
    assert detect(short_only) == "arxiv_digest"
    assert len(_extract(DIGEST / "short_only.txt").records) == 4
    no_legend = (DIGEST / "missing_fields.txt").read_text(encoding="utf-8")
    assert detect(no_legend) == "arxiv_digest"
    for other in ("000_5a6d834f1bbc5bd4.txt", "001_b138c08ec3bbee03.txt", "003_87569abedee599f0.txt"):
        assert arxiv_digest.detect((SEEDS / other).read_text(encoding="utf-8")) == 0.0


def test_truncated_summaries_lose_only_the_broken_character_and_are_reported(seed):
    path = DIGEST / "truncated_summary.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    ex = _extract(path)
    assert len(ex.records) == 3
    broken = [n for n, line in enumerate(lines, 1) if line.endswith("\ufffd")]
    assert sorted(p.line for p in ex.problems) == broken and len(broken) == 3
    assert all(p.severity == "warning" and "truncated in the source" in p.message for p in ex.problems)
    full = {r.arxiv_id: r for r in seed.records}
    for record in ex.records:
        kept = record.summary_zh or record.title_zh
        assert "\ufffd" not in kept
        assert kept + "\ufffd" in lines  # nothing but the broken character was dropped
        original = full[record.arxiv_id].summary_zh or full[record.arxiv_id].title_zh
        assert original.startswith(kept) and original != kept
    assert ex.records[1].arxiv_id == "2205.09838"  # 'v2' stripped from the link


def test_missing_link_or_authors_is_reported_and_the_rest_is_read():
    path = DIGEST / "missing_fields.txt"
    ex = _extract(path)
    by_line = {r.source.line: r for r in ex.records}
    assert sorted(by_line) == [5, 17, 33]
    problems = {p.line: p.message for p in ex.problems}
    assert "no arXiv link" in problems[5] and by_line[5].arxiv_id is None
    assert by_line[5].author_names[0] == "P Baltescu" and by_line[5].abstract
    assert "no author line" in problems[17] and by_line[17].authors == ()
    assert [o.name for o in by_line[17].affiliations] == ["Google Research"]
    assert "between digest entries" in problems[29] and "Sponsored" in problems[29]
    assert set(problems) == {5, 17, 29}
    assert by_line[33].arxiv_id == "2205.09838" and len(by_line[33].authors) == 3


def test_extraction_is_deterministic():
    assert _extract(SEED) == _extract(SEED)


def test_links_give_the_arxiv_id_every_other_source_gives():
    """abs/pdf/html links; an old-style id loses its subject class (math.GT/0309136 ->
    math/0309136) as BibTeX, dblp and the other extractors write it; an upper-case archive
    (which arXiv does not recognise) is no id, as for every other source."""
    path = DIGEST / "arxiv_link_forms.txt"
    ex = _extract(path)
    assert [r.arxiv_id for r in ex.records] == [
        "math/0211159",
        "2205.11728",
        "math/0309136",
        None,
        "hep-th/9901001",
    ]
    assert [(p.line, p.severity) for p in ex.problems] == [(51, "warning")]
    assert "HEP-TH/9901001" in ex.problems[0].message and "no arXiv id" in ex.problems[0].message


def test_digest_and_bibtex_entries_of_one_arxiv_id_are_one_paper(tmp_path):
    """The digest's old-style link (math.DG/0211159v1) and its /html/ link give the ids BibTeX
    gives, so each pair is one paper, joined on the id even where the titles differ."""
    digest, bib = DIGEST / "arxiv_link_forms.txt", DIGEST / "same_papers.bib"
    for path in (digest, bib):
        shutil.copy(path, tmp_path / path.name)
    built = kg.build([str(tmp_path)], analyses=False)
    papers = built.papers()
    for arxiv_id, digest_line, bib_line in (("math/0211159", 7, 1), ("2205.11728", 21, 10)):
        (paper,) = [d for d in papers.values() if d["arxiv_id"] == arxiv_id]
        assert sorted(paper["sources"]) == [
            f"{tmp_path.name}/{digest.name}:{digest_line}",
            f"{tmp_path.name}/{bib.name}:{bib_line}",
        ]
        assert f"same arXiv id {arxiv_id}" in {m["reason"] for m in built.merges if m["kind"] == "paper"}
    digest_ids = {r.title: r.arxiv_id for r in _extract(digest).records}
    bib_ids = {r.title: r.arxiv_id for r in extraction_of(bib, "bibtex").records}
    title = "The entropy formula for the Ricci flow and its geometric applications"
    assert digest_ids[title] == bib_ids[title] == "math/0211159"
