"""abstract_lines: one 'Abstract:' line per paper (seeds/001_*, seeds/002_*)."""

from __future__ import annotations

import pytest
from conftest import DATA, SEEDS

from kg.extract import abstract_lines, detect
from kg.model import CONTRACT_KEYS

SEED_001 = SEEDS / "001_b138c08ec3bbee03.txt"
SEED_002 = SEEDS / "002_1d9aa526be2d4ad4.txt"
MIXED = DATA / "abstract_lines" / "mixed.txt"


def _extract(path):
    return abstract_lines.extract(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("seed, count", [(SEED_001, 10), (SEED_002, 6)])
def test_seed_gives_one_record_per_abstract_line_with_its_line_number(seed, count):
    lines = seed.read_text(encoding="utf-8").split("\n")
    ex = _extract(seed)
    assert len(ex.records) == count
    assert ex.problems == ()
    for record in ex.records:
        assert record.source.file == str(seed)
        assert record.source.layout == "abstract_lines"
        assert record.abstract == lines[record.source.line - 1].removeprefix("Abstract:").strip()
    assert [r.source.line for r in ex.records] == list(range(1, count + 1))


def test_seed_records_invent_nothing_the_layout_does_not_give():
    for record in _extract(SEED_001).records + _extract(SEED_002).records:
        assert record.title is None and record.date is None and record.category is None
        assert record.authors == () and record.affiliations == () and record.arxiv_id is None
        assert record.title_zh is None and record.summary_zh is None
        assert list(record.as_dict()) == list(CONTRACT_KEYS)


def test_code_links_in_seed_abstracts_lose_the_full_stop_and_set_has_code():
    by_line = {r.source.line: r for r in _extract(SEED_001).records}
    assert by_line[2].code_urls == ("https://github.com/hyBlue/FSRE-Depth",)
    assert by_line[3].code_urls == ("https://github.com/naver-ai/StyleMapGAN",)
    assert {n for n, r in by_line.items() if r.has_code} == {2, 3}
    assert all(r.code_urls == () for n, r in by_line.items() if n not in (2, 3))
    egtr = [r for r in _extract(SEED_002).records if r.has_code]
    assert [(r.source.line, r.code_urls) for r in egtr] == [(2, ("https://github.com/naver-ai/egtr",))]


def test_detect_claims_abstract_lines_and_nothing_else():
    assert abstract_lines.detect(SEED_001.read_text(encoding="utf-8")) == 1.0
    assert abstract_lines.detect(SEED_002.read_text(encoding="utf-8")) == 1.0
    for other in ("000_5a6d834f1bbc5bd4.txt", "003_87569abedee599f0.txt", "004_19cb0c8271dea555.txt"):
        assert abstract_lines.detect((SEEDS / other).read_text(encoding="utf-8")) == 0.0
    assert abstract_lines.detect("") == 0.0
    assert detect(SEED_002.read_text(encoding="utf-8")) == "abstract_lines"


def test_other_lines_are_reported_and_the_rest_is_read():
    ex = _extract(MIXED)
    assert [r.source.line for r in ex.records] == [1, 5, 6]
    problems = {p.line: p for p in ex.problems}
    assert set(problems) == {3, 4}
    assert problems[3].severity == "error" and "empty 'Abstract:'" in problems[3].message
    assert problems[4].severity == "warning" and "Title: A stray title line" in problems[4].message
    assert all(p.file == str(MIXED) for p in ex.problems)
    assert ex.records[1].abstract.startswith("Second abstract;")  # leading spaces dropped


def test_what_counts_as_a_code_link():
    records = {r.source.line: r for r in _extract(MIXED).records}
    # the sentence says 'code': counted even off a code host
    assert records[1].code_urls == ("https://example.org/project/code.zip",)
    # a dataset link in a sentence without 'code' is not a code link (it stays in the abstract)
    assert records[5].code_urls == () and not records[5].has_code
    assert "https://example.org/data" in records[5].abstract
    # on a code host, closing bracket and full stop dropped
    assert records[6].code_urls == ("https://github.com/acme/tool/tree/main",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("See https://github.com/a/b for details.", ("https://github.com/a/b",)),
        ("Mirror at https://gitlab.com/a/b. Docs at https://docs.example.org.", ("https://gitlab.com/a/b",)),
        ("Project page: https://a.github.io/x.", ()),
        ("The implementation is at \\url{https://example.org/impl}.", ("https://example.org/impl",)),
        ("Code: https://github.com/a/b. Code: https://github.com/a/b.", ("https://github.com/a/b",)),
        (None, ()),
    ],
)
def test_code_links_rule(text, expected):
    assert abstract_lines.code_links(text) == expected
