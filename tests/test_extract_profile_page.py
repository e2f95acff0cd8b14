"""profile_page (seeds/003_*): researcher header, then headline / title / authors · orgs / abstract."""

from __future__ import annotations

import pytest
from conftest import DATA, SEEDS, extraction_of

from kg.extract import detect, extract_file, profile_page
from kg.model import ExtractOptions

SEED = SEEDS / "003_87569abedee599f0.txt"
BAD = DATA / "profile"


@pytest.fixture(scope="module")
def seed():
    return extract_file(SEED, ExtractOptions())


@pytest.fixture(scope="module")
def by_line(seed):
    return {r.source.line: r for r in seed.extraction.records}


def test_seed_gives_46_records_and_no_problems(seed):
    assert seed.layout == "profile_page"
    assert len(seed.extraction.records) == 46  # as the header says: no count warning
    assert seed.extraction.problems == ()
    assert [r.source.line for r in seed.extraction.records] == list(range(12, 332, 7))


def test_profile_header(seed):
    (profile,) = seed.extraction.profiles
    assert (
        profile.name,
        profile.category,
        profile.h_index,
        profile.paper_count,
        profile.citations,
        profile.novelty_percent,
        profile.ai_score,
    ) == ("Kyungwoo Song", "LG", 13, 46, 794, 53, 59)
    assert profile.source.line == 1 and profile.source.layout == "profile_page"


def test_every_record_is_whole(seed):
    for r in seed.extraction.records:
        assert r.title and r.abstract and r.category and r.date, r.source.line
        assert 1 <= len(r.authors) <= 3 and all(" " in a.name for a in r.authors), r.source.line


@pytest.mark.parametrize(
    "line, title, authors, truncated, category, date, has_code",
    [
        (
            12,
            "BlackVIP: Black-Box Visual Prompting for Robust Transfer Learning",
            ["Changdae Oh", "Hyeji Hwang", "Hee-young Lee"],
            True,
            "CV",
            "2023-03-26",
            True,
        ),
        (
            75,
            "Causally Disentangled Generative Variational AutoEncoder",
            ["Seunghwan An", "Kyungwoo Song", "Jong-June Jeon"],
            False,
            "ML",
            "2023-02-23",
            False,
        ),
        (
            257,
            "Sequential Likelihood-Free Inference with Neural Proposal",
            ["Dongjun Kim", "Kyungwoo Song", "YoonYeong Kim"],
            True,
            "ME",
            "2020-10-15",
            False,
        ),
        (
            299,
            "Bivariate Beta-LSTM",
            ["Kyungwoo Song", "JoonHo Jang", "Seung jae Shin"],
            True,
            "LG",
            "2019-05-25",
            False,
        ),
        (
            306,
            "Neural Ideal Point Estimation Network",
            ["Kyungwoo Song", "Wonsung Lee", "Il-Chul Moon"],
            False,
            "SI",
            "2019-04-26",
            False,
        ),
        (
            96,
            "Leveraging Skill-to-Skill Supervision for Knowledge Tracing",
            ["Hyeondey Kim", "Jinwoo Nam", "Minjae Lee"],
            True,
            "AI",
            "2023-06-12",
            False,
        ),
    ],
)
def test_records(by_line, line, title, authors, truncated, category, date, has_code):
    r = by_line[line]
    assert (r.title, list(r.author_names), r.authors_truncated, r.category, r.date, r.has_code) == (
        title,
        authors,
        truncated,
        category,
        date,
        has_code,
    )


def test_organisation_tags_become_affiliations(seed, by_line):
    tagged = {
        r.source.line: [o.name for o in r.affiliations] for r in seed.extraction.records if r.affiliations
    }
    assert tagged == {19: ["cmu", "uw"], 40: ["cmu", "uw"]}
    assert by_line[19].author_names == ("Changdae Oh", "Hyesu Lim", "Mijoo Kim")  # tags not in names
    assert by_line[40].authors_truncated is True


def test_code_urls(by_line):
    assert by_line[68].code_urls == ("https://github.com/gyjung975/P3T",)  # \textcolor
    assert by_line[138].code_urls == ("https://github.com/MLAI-Yonsei/SCER",)  # \href, once
    assert by_line[12].code_urls == ("https://github.com/changdaeoh/BlackVIP",)  # \url
    assert by_line[54].code_urls == ("https://anonymous.4open.science/r/BHyT",)
    assert by_line[19].code_urls == ()


def test_year_less_dates(by_line):
    assert {line: by_line[line].date for line in (68, 117, 152)} == {
        68: "--04-17",
        117: "--05-21",
        152: "--02-01",
    }
    assert by_line[68].has_code and not by_line[117].has_code


def test_year_less_dates_with_as_of():
    records = {
        r.source.line: r for r in extract_file(SEED, ExtractOptions(as_of="2026-03-01")).extraction.records
    }
    assert {line: records[line].date for line in (68, 117, 152)} == {
        68: "2025-04-17",
        117: "2025-05-21",
        152: "2026-02-01",
    }
    assert records[54].date == "2025-12-26"  # a written year is kept


def test_detection():
    assert profile_page.detect(SEED.read_text(encoding="utf-8")) == 1.0
    assert profile_page.detect((SEEDS / "000_5a6d834f1bbc5bd4.txt").read_text(encoding="utf-8")) < 0.5
    assert profile_page.detect((SEEDS / "004_19cb0c8271dea555.txt").read_text(encoding="utf-8")) < 0.5
    for bad in sorted(BAD.glob("page_*.txt")):
        assert detect(bad.read_text(encoding="utf-8")) == "profile_page", bad.name


# ---------------------------------------------------------------- bad input


def test_incomplete_blocks_are_reported_and_the_rest_is_read():
    ex = extraction_of(BAD / "page_incomplete.txt", "profile_page")
    assert [(p.line, p.severity) for p in ex.problems] == [
        (5, "warning"),
        (19, "warning"),
        (24, "error"),
        (33, "warning"),
        (39, "warning"),
        (39, "warning"),
    ]
    count, no_authors, empty, headless, bad_date, cut = ex.problems
    assert "header says 6 papers" in count.message and "5 records" in count.message
    assert "no authors line" in no_authors.message
    assert "only its category/date line" in empty.message
    assert "no category/date line" in headless.message
    assert "cut off at the end of the file" in cut.message and "no abstract" in cut.message
    assert "Feb 30" in bad_date.message

    assert [r.source.line for r in ex.records] == [12, 19, 26, 33, 39]
    whole, authorless, p3t, headless_record, last = ex.records
    assert whole.author_names == ("Changdae Oh", "Hyeji Hwang", "Hee-young Lee")
    assert authorless.title.startswith("Towards Calibrated") and authorless.authors == ()
    assert authorless.abstract.startswith("Improving out-of-distribution")
    assert [o.name for o in p3t.affiliations] == ["cmu", "uw"] and p3t.date == "--04-17"
    assert p3t.code_urls == ("https://github.com/gyjung975/P3T",)
    assert headless_record.title == "Causally Disentangled Generative Variational AutoEncoder"
    assert (headless_record.category, headless_record.date) == (None, None)
    assert headless_record.author_names == ("Seunghwan An", "Kyungwoo Song", "Jong-June Jeon")
    assert last.abstract is None and last.date is None and last.category == "LG"
    assert last.author_names == ("Taero Kim", "Subeen Park", "Sungjun Lim")


def test_header_without_a_name_and_stray_lines():
    ex = extraction_of(BAD / "page_stray_and_header.txt", "profile_page")
    assert ex.profiles == ()
    assert len(ex.records) == 1 and ex.records[0].author_names == (
        "Yohan Jung",
        "Kyungwoo Song",
        "Jinkyoo Park",
    )
    assert [(p.line, p.severity) for p in ex.problems] == [(1, "warning"), (1, "warning"), (10, "warning")]
    assert "header says 46 papers but 1 records" in ex.problems[0].message
    assert "researcher's name" in ex.problems[1].message
    assert "Show more" in ex.problems[2].message
