"""BibTeX as exporters write it: arXiv ids in CoRR volumes, Google Scholar journals and eprints,
venues from any of their fields, CJK author lists and corporate authors."""

import pytest
from conftest import DATA, extraction_of

from kg.extract.bibtex import extract
from kg.model import ExtractOptions

WILD = DATA / "mixed_real" / "references.bib"


@pytest.fixture(scope="module")
def wild():
    extraction = extraction_of(WILD, "bibtex")
    return {dict(r.extra_ids)["bibtex"]: r for r in extraction.records}, extraction.problems


def one(entry: str):
    extraction = extract(entry, "x.bib", ExtractOptions())
    assert len(extraction.records) == 1
    return extraction.records[0]


def test_dblp_corr_volume_gives_the_arxiv_id_and_is_no_venue(wild):
    r = wild[0]["DBLP:journals/corr/VaswaniSPUJGKP17"]
    assert (r.arxiv_id, r.arxiv_version) == ("1706.03762", None)
    assert r.venue is None and r.venue_field is None
    assert r.doc_type == "preprint"


def test_corr_volume_alone_gives_the_id():
    r = one("@article{k, author={A B}, title={T}, journal={CoRR}, volume={abs/1706.03762v5}, year={2017}}")
    assert (r.arxiv_id, r.arxiv_version) == ("1706.03762", 5)
    assert r.venue is None and r.doc_type == "preprint"


def test_old_style_corr_volume(wild):
    r = wild[0]["DBLP:journals/corr/cs-AI-0112017"]
    assert r.arxiv_id == "cs/0112017"  # subject class dropped, as arXiv does
    assert r.doc_type == "preprint"


def test_a_volume_outside_corr_is_no_arxiv_id():
    r = one("@article{k, author={A B}, title={T}, journal={Nature}, volume={1706.03762}, year={2017}}")
    assert r.arxiv_id is None and r.venue == "Nature" and r.doc_type is None


def test_google_scholar_arxiv_preprint_journal(wild):
    r = wild[0]["devlin2018bert"]
    assert r.arxiv_id == "1810.04805"
    assert r.venue is None and r.doc_type == "preprint"


def test_arxiv_preprint_journal_with_version():
    r = one("@article{k, author={A B}, title={T}, journal={arXiv preprint arXiv:1706.03762v5}, year={2017}}")
    assert (r.arxiv_id, r.arxiv_version) == ("1706.03762", 5)


def test_eprint_with_version(wild):
    r = wild[0]["radford2021learning"]
    assert (r.arxiv_id, r.arxiv_version) == ("2103.00020", 1)
    assert r.category == "cs.CV"


def test_old_style_eprint_with_version():
    r = one("@misc{k, author={A B}, title={T}, eprint={cs/0112017v2}, archivePrefix={arXiv}, year={2001}}")
    assert (r.arxiv_id, r.arxiv_version) == ("cs/0112017", 2)


def test_eprint_of_another_archive_is_no_arxiv_id():
    r = one("@misc{k, author={A B}, title={T}, eprint={2103.00020}, archivePrefix={HAL}, year={2021}}")
    assert r.arxiv_id is None


@pytest.mark.parametrize(
    ("key", "venue", "field"),
    [
        (
            "he2016deep",
            "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
            "booktitle",
        ),  # noqa: E501
        ("goodfellow2016deep", "Adaptive Computation and Machine Learning", "series"),
        ("ramirez2019report", "University of Córdoba", "institution"),
        ("papadopoulos2020thesis", "National Technical University of Athens", "school"),
        ("赵军峰2019", "中国翻译", "journal"),
    ],
)
def test_venue_and_the_field_it_came_from(wild, key, venue, field):
    r = wild[0][key]
    assert (r.venue, r.venue_field) == (venue, field)
    assert r.as_dict()["venue_field"] == field


@pytest.mark.parametrize(
    ("fields", "venue", "field"),
    [
        ("booktitle={B}, journal={J}", "B", "booktitle"),
        ("publisher={P}, organization={O}", "P", "publisher"),
        ("organization={O}, institution={I}", "O", "organization"),
        ("howpublished={Workshop talk}", "Workshop talk", "howpublished"),
        ("howpublished={\\url{https://example.org/x}}", None, None),
        ("journal={arXiv e-prints}, publisher={P}", "P", "publisher"),
    ],
)
def test_venue_field_order(fields, venue, field):
    r = one(f"@misc{{k, author={{A B}}, title={{T}}, year={{2020}}, {fields}}}")
    assert (r.venue, r.venue_field) == (venue, field)


def test_cjk_author_lists_split_into_people(wild):
    assert wild[0]["赵军峰2019"].author_names == ("赵军峰", "姚恺璇")
    assert wild[0]["李明2021"].author_names == ("李明", "王芳", "张伟")  # ',' '，' and '、'


def test_a_latin_comma_name_is_not_split_as_a_list():
    r = one("@misc{k, author={Vaswani, Ashish}, title={T}, year={2017}}")
    assert r.author_names == ("Ashish Vaswani",)


def test_cjk_parts_that_are_not_names_are_not_split():
    # one part is longer than a personal name: the list is left to BibTeX's rules
    r = one("@misc{k, author={中国人工智能学会,李明}, title={T}, year={2017}}")
    assert len(r.authors) == 1


def test_cjk_names_joined_by_and_follow_bibtex():
    r = one("@misc{k, author={赵军峰 and 姚恺璇}, title={T}, year={2017}}")
    assert r.author_names == ("赵军峰", "姚恺璇")


def test_corporate_authors_are_organisations_not_people(wild):
    records, problems = wild
    who, tac = records["who2021guidance"], records["tac2022report"]
    assert who.authors == () and [o.name for o in who.affiliations] == ["World Health Organization"]
    assert tac.authors == () and [o.name for o in tac.affiliations] == ["中国翻译协会"]
    assert not [p for p in problems if "no authors" in p.message]


def test_corporate_author_beside_people():
    r = one("@misc{k, author={{The Pandas Development Team} and Wes McKinney}, title={T}, year={2020}}")
    assert r.author_names == ("Wes McKinney",)
    assert [o.name for o in r.affiliations] == ["The Pandas Development Team"]


def test_braced_cjk_personal_name_stays_a_person():
    assert one("@misc{k, author={{张三}}, title={T}, year={2020}}").author_names == ("张三",)


def test_a_name_that_only_starts_with_a_brace_is_a_person():
    r = one("@misc{k, author={{\\'E}mile Zola}, title={T}, year={1880}}")
    assert r.author_names == ("Émile Zola",) and r.affiliations == ()


@pytest.mark.parametrize(
    "written",
    [
        "John Smith and et al.",
        "John Smith et al.",
        "Smith, John and {et al.}",
        "John Smith, et al",
        "Smith, John and others",
    ],
)
def test_et_al_is_a_cut_list_never_a_person(written):
    r = one(f"@misc{{k, author={{{written}}}, title={{T}}, year={{2020}}}}")
    assert r.author_names == ("John Smith",) and r.authors_truncated
    assert r.affiliations == ()


@pytest.mark.parametrize(("written", "name"), [("Alan Others", "Alan Others"), ("Petal, Jo", "Jo Petal")])
def test_names_that_look_like_cut_marks_are_people(written, name):
    r = one(f"@misc{{k, author={{{written}}}, title={{T}}, year={{2020}}}}")
    assert r.author_names == (name,) and not r.authors_truncated
