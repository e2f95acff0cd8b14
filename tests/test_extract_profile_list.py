"""profile_list (seeds/000_*): headline / title glued to authors / abstract, three lines a paper."""

from __future__ import annotations

import pytest
from conftest import DATA, SEEDS, extraction_of

from kg.extract import detect, extract_file, profile_list
from kg.extract.headline import parse_headline
from kg.extract.profile_list import NameEvidence, split_title_authors
from kg.model import ExtractOptions

SEED = SEEDS / "000_5a6d834f1bbc5bd4.txt"
BAD = DATA / "profile"

# The first author of every record, in file order, checked by reading the seed line by line.
# Where the title ends follows from it: the title is everything before the first author.
FIRST_AUTHORS = [
    "Gayoung Lee",
    "Jihwan Bang",
    "Jaemin Na",
    "Seongjin Shin",
    "Jiyeon Han",
    "Jang-Hyun Kim",
    "Yunji Kim",
    "Hyeonjin Park",
    "Sukmin Yun",
    "Jaewoong Lee",
    "Jinyoung Park",
    "Se Jung Kwon",
    "Kyuyong Shin",
    "Yeon Seonwoo",
    "Xiaodong Gu",
    "Balhae Kim",
    "Woomin Song",
    "Heeseung Kim",
    "Deokjae Lee",
    "Yunji Kim",
    "Hyunseo Koh",
    "Sungjoon Park",
    "Raphael Shu",
    "Jihwan Bang",
    "Byeongho Heo",
    "Jung-Woo Ha",
    "Yunjey Choi",
    "Jaejun Yoo",
    "Jaehyung Kim",
    "Kang Min Yoo",
    "Hwaran Lee",
    "Hwaran Lee",
    "Sihyun Yu",
    "Kyuyong Shin",
    "Boseop Kim",
    "Yeon Seonwoo",
    "Dasol Hwang",
    "Kyung-Wha Park",
    "Xiaodong Gu",
    "Yeon Seonwoo",
    "Minjeong Kim",
    "Wonyoung Shin",
    "Dasol Hwang",
    "Sang-Woo Lee",
    "Jihwan Bang",
    "Kyuyong Shin",
    "Jaesung Huh",
    "YoungJoon Yoo",
    "Kyung-Wha Park",
    "Kyung-Min Kim",
]


@pytest.fixture(scope="module")
def seed():
    return extract_file(SEED, ExtractOptions())


@pytest.fixture(scope="module")
def by_line(seed):
    return {r.source.line: r for r in seed.extraction.records}


def test_seed_is_detected_and_gives_50_records_without_problems(seed):
    assert seed.layout == "profile_list"
    assert len(seed.extraction.records) == 50
    assert seed.extraction.problems == ()
    assert [r.source.line for r in seed.extraction.records] == list(range(1, 150, 3))
    assert {r.source.layout for r in seed.extraction.records} == {"profile_list"}


def test_every_title_ends_where_the_first_author_begins(seed):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    records = seed.extraction.records
    assert [r.authors[0].name for r in records] == FIRST_AUTHORS
    for record in records:
        glued = lines[record.source.line]  # the line after the headline (0-based index = line)
        listed = ", ".join(record.author_names) + (" et al." if record.authors_truncated else "")
        assert record.title + listed == glued, record.source.line


@pytest.mark.parametrize(
    "line, title, authors, truncated",
    [
        (
            1,
            "Generator Knows What Discriminator Should Learn in Unconditional GANs",
            ["Gayoung Lee", "Hyunsu Kim", "Junho Kim"],
            True,
        ),
        (
            40,
            "Two-Step Question Retrieval for Open-Domain QA",
            ["Yeon Seonwoo", "Juhee Son", "Jiho Jin"],
            True,
        ),
        (
            25,
            "Time Is MattEr: Temporal Self-supervision for Video Transformers",
            ["Sukmin Yun", "Jaehyung Kim", "Dongyoon Han"],
            True,
        ),
        (
            142,
            "Neural Approximation of an Auto-Regressive Process through Confidence Guided Sampling",
            ["YoungJoon Yoo", "Sanghyuk Chun", "Sangdoo Yun"],
            True,
        ),
        (
            55,
            "Query-Efficient Black-Box Red Teaming via Bayesian Optimization",
            ["Deokjae Lee", "JunYeong Lee", "Jung-Woo Ha"],
            True,
        ),
        (
            34,
            "AlphaTuning: Quantization-Aware Parameter-Efficient Adaptation of Large-Scale Pre-Trained "
            "Language Models",
            ["Se Jung Kwon", "Jeonghoon Kim", "Jeongin Bae"],
            True,
        ),
        (136, "Graphs, Entities, and Step Mixture", ["Kyuyong Shin", "Wonyoung Shin", "Jung-Woo Ha"], True),
        (88, "HyperCLOVA X Technical Report", ["Kang Min Yoo", "Jaegeun Han", "Sookyo In"], True),
        (
            58,
            "Contrastive Fine-grained Class Clustering via Generative Adversarial Networks",
            ["Yunji Kim", "Jung-Woo Ha"],
            False,
        ),
        (
            67,
            "Reward Optimization for Neural Machine Translation with Learned Metrics",
            ["Raphael Shu", "Kang Min Yoo", "Jung-Woo Ha"],
            False,
        ),
        (
            49,
            "Hierarchical Context Merging: Better Long Context Understanding for Pre-trained LLMs",
            ["Woomin Song", "Seunghyuk Oh", "Sangwoo Mo"],
            True,
        ),
        (
            103,
            "What Changes Can Large-scale Language Models Bring? Intensive Study on HyperCLOVA: "
            "Billions-scale Korean Generative Pretrained Transformers",
            ["Boseop Kim", "HyoungSeok Kim", "Sang-Woo Lee"],
            True,
        ),
        (
            112,
            "M2FN: Multi-step Modality Fusion for Advertisement Image Assessment",
            ["Kyung-Wha Park", "Jung-Woo Ha", "JungHoon Lee"],
            True,
        ),
        (
            130,
            "CareCall: a Call-Based Active Monitoring Dialog Agent for Managing COVID-19 Pandemic",
            ["Sang-Woo Lee", "Hyunhoon Jung", "SukHyun Ko"],
            True,
        ),
        (
            13,
            "Rarity Score : A New Metric to Evaluate the Uncommonness of Synthesized Images",
            ["Jiyeon Han", "Hwanil Choi", "Yunjey Choi"],
            True,
        ),
    ],
)
def test_hard_splits(by_line, line, title, authors, truncated):
    record = by_line[line]
    assert record.title == title
    assert list(record.author_names) == authors
    assert record.authors_truncated is truncated


def test_headline_fields(by_line):
    ggdr = by_line[1]
    assert (ggdr.category, ggdr.date, ggdr.has_code) == ("CV", "2022-07-27", True)
    assert ggdr.code_urls == ("https://github.com/naver-ai/GGDR",)
    pretraining = by_line[10]
    assert (pretraining.category, pretraining.date, pretraining.has_code) == ("CL", "2022-04-28", False)
    assert pretraining.code_urls == ()
    assert by_line[130].category == "HC" and by_line[148].category == "SI"
    assert by_line[148].date == "2019-07-24"


def test_code_urls_come_from_the_abstract(by_line):
    assert by_line[7].code_urls == ("https://github.com/naver-ai/dual-teacher",)  # from \url{...}
    assert by_line[4].code_urls == ("https://github.com/clovaai/puridiver",)  # full stop dropped
    # 'KLUE is available at https://klue-benchmark.com.': a benchmark site, not code; the record
    # still has_code (its headline says Code) and the link stays in the abstract.
    assert by_line[64].code_urls == () and by_line[64].has_code
    assert "https://klue-benchmark.com" in by_line[64].abstract
    with_marker = sorted(line for line, r in by_line.items() if r.has_code)
    assert len(with_marker) == 15  # the seed's 'Code' headlines
    with_links = sorted(line for line, r in by_line.items() if r.code_urls)
    assert with_links == [line for line in with_marker if line != 64]
    assert all(r.abstract for r in by_line.values())


def test_headline_parser():
    head = parse_headline("CVJul 27, 2022Code")
    assert (head.category, head.date_text, head.date, head.has_code) == (
        "CV",
        "Jul 27, 2022",
        "2022-07-27",
        True,
    )
    assert parse_headline("CLApr 28, 2022").has_code is False
    assert parse_headline("cs.LGMay 30, 2022").category == "cs.LG"
    assert parse_headline("CVApr 17Code").date == "--04-17"
    assert parse_headline("CVApr 17Code", as_of="2025-03-01").date == "2024-04-17"
    bad_day = parse_headline("LGFeb 30, 2022")
    assert bad_day is not None and bad_day.date is None and bad_day.date_text == "Feb 30, 2022"
    for not_headline in ("CVJuly", "CVFoo 27, 2022", "Generator Knows", "CV Jul 27, 2022", ""):
        assert parse_headline(not_headline) is None


def test_evidence_decides_a_camel_case_given_name():
    line = (
        "Neural Approximation of an Auto-Regressive Process through Confidence Guided "
        "SamplingYoungJoon Yoo, Sanghyuk Chun, Sangdoo Yun et al."
    )
    alone = split_title_authors(line)
    assert alone.result.authors[0] == "YoungJoon Yoo"  # a plain title word is more plausible
    assert alone.doubt and "Joon Yoo" in alone.doubt  # ... but with no evidence, it is flagged
    known = split_title_authors(line, NameEvidence.of({"YoungJoon Yoo"}))
    assert known.result.authors[0] == "YoungJoon Yoo" and known.doubt is None


def test_evidence_outweighs_the_title_shape():
    line = "Noisy Prediction Calibration via Generative ModelHeeSun Bae, Seungjae Shin et al."
    plain = split_title_authors(line)
    assert plain.result.title.endswith("Generative Model") and plain.result.authors[0] == "HeeSun Bae"
    assert plain.doubt is not None
    known = split_title_authors(line, NameEvidence.of({"Sun Bae"}))  # a known full name: 4 points
    assert known.result.title.endswith("Generative ModelHee") and known.result.authors[0] == "Sun Bae"


def test_a_later_author_is_never_split():
    line = "Red Teaming via Bayesian OptimizationDeokjae Lee, JunYeong Lee, Jung-Woo Ha et al."
    outcome = split_title_authors(line)
    assert outcome.result == profile_list.TitleAuthors(
        "Red Teaming via Bayesian Optimization", ("Deokjae Lee", "JunYeong Lee", "Jung-Woo Ha"), True
    )
    assert outcome.doubt is None


@pytest.mark.parametrize(
    "line, title, authors",
    [
        (
            "Deep Nets for EveryoneAndrew Ng, Mary O'Brien",
            "Deep Nets for Everyone",
            ("Andrew Ng", "Mary O'Brien"),
        ),
        (
            "Learning Rates, Revisited (Again)José García, Łukasz Kaiser",
            "Learning Rates, Revisited (Again)",
            ("José García", "Łukasz Kaiser"),
        ),
    ],
)
def test_other_name_shapes_split_without_doubt(line, title, authors):
    outcome = split_title_authors(line)
    assert (outcome.result.title, outcome.result.authors, outcome.doubt) == (title, authors, None)


def test_unusual_names_are_guessed_and_flagged():
    guessed = split_title_authors("A Survey of Deep LearningYann")  # a one-word name
    assert (guessed.result.title, guessed.result.authors) == ("A Survey of Deep Learning", ("Yann",))
    assert "unusual shape" in guessed.doubt
    unsplit = split_title_authors("A Survey of Deep Learning")
    assert (unsplit.result.title, unsplit.result.authors) == ("A Survey of Deep Learning", ())
    assert "whole line is kept as the title" in unsplit.doubt


def test_detection():
    assert profile_list.detect(SEED.read_text(encoding="utf-8")) == 1.0
    assert profile_list.detect((SEEDS / "003_87569abedee599f0.txt").read_text(encoding="utf-8")) < 0.5
    assert profile_list.detect((SEEDS / "001_b138c08ec3bbee03.txt").read_text(encoding="utf-8")) == 0.0
    for bad in sorted(BAD.glob("list_*.txt")):
        assert detect(bad.read_text(encoding="utf-8")) == "profile_list", bad.name


# ---------------------------------------------------------------- bad input


def _read(name):
    return extraction_of(BAD / name, "profile_list")


def test_missing_abstract_is_reported_and_the_rest_stays_aligned():
    ex = _read("list_missing_abstract.txt")
    assert [(p.line, p.severity) for p in ex.problems] == [(4, "warning")]
    assert "no abstract" in ex.problems[0].message
    assert [r.source.line for r in ex.records] == [1, 4, 6, 9]
    cut = ex.records[1]
    assert cut.title.endswith("Blurry Task Boundaries") and cut.abstract is None and cut.date == "2022-03-29"
    after = ex.records[2]
    assert after.title == "Switching Temporary Teachers for Semi-Supervised Semantic Segmentation"
    assert after.abstract.startswith("The teacher-student framework") and after.date == "2023-10-28"
    assert ex.records[3].abstract.startswith("Many recent studies")


def test_missing_date_line_gives_a_record_without_category_and_date():
    ex = _read("list_missing_date_line.txt")
    assert [(p.line, p.severity) for p in ex.problems] == [(4, "warning")]
    assert "no category/date line" in ex.problems[0].message
    assert [r.source.line for r in ex.records] == [1, 4, 6, 9]
    headless = ex.records[1]
    assert (headless.category, headless.date, headless.has_code) == (None, None, False)
    assert headless.author_names == ("Jihwan Bang", "Hyunseo Koh", "Seulki Park")
    assert headless.abstract.startswith("Learning under a continuously")
    assert ex.records[2].category == "CV" and ex.records[2].abstract.startswith("The teacher-student")
    assert ex.records[3].category == "CL"


def test_record_cut_off_at_the_end_keeps_what_it_has():
    ex = _read("list_cut_off.txt")
    assert len(ex.records) == 3
    assert [(p.line, p.severity) for p in ex.problems] == [(7, "warning")]
    assert "cut off at the end of the file" in ex.problems[0].message
    last = ex.records[-1]
    assert last.author_names == ("Jaemin Na", "Jung-Woo Ha", "Hyung Jin Chang") and last.abstract is None


def test_headline_alone_at_the_end_is_skipped_with_an_error():
    ex = _read("list_cut_after_headline.txt")
    assert len(ex.records) == 1
    assert [(p.line, p.severity) for p in ex.problems] == [(4, "error")]
    assert "cut off at the end of the file" in ex.problems[0].message


def test_odd_lines_are_reported_and_read():
    ex = _read("list_odd_lines.txt")
    problems = [(p.line, p.severity) for p in ex.problems]
    assert problems == [(1, "warning"), (2, "warning"), (8, "warning"), (10, "warning")]
    messages = [p.message for p in ex.problems]
    assert "Feb 30, 2022" in messages[0]  # impossible date
    assert "uncertain where the title ends" in messages[1]  # no evidence for 'YoungJoon Yoo'
    assert "whole line is kept as the title" in messages[2]  # no author found
    assert "belongs to no record" in messages[3]  # stray line
    invalid, single, no_author = ex.records
    assert invalid.date is None and invalid.category == "LG"
    assert invalid.author_names[0] == "YoungJoon Yoo"
    assert single.title == "Graphs, Entities, and Step Mixture"
    assert single.author_names == ("Kyuyong Shin",) and single.authors_truncated is False
    assert no_author.title == "a title line with no author on it" and no_author.authors == ()
