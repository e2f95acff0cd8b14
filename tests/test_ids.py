"""Identifier normalisation: every spelling a source uses gives one canonical form, or None."""

import pytest

from kg.normalize.ids import (
    arxiv_id_from_doi,
    arxiv_version,
    find_arxiv_id,
    normalize_arxiv_id,
    normalize_doi,
    normalize_orcid,
    normalize_ror,
    orcid_url,
    split_arxiv_doi,
)


@pytest.mark.parametrize(
    "written",
    [
        "10.1000/ABC",
        "10.1000/abc",
        "https://doi.org/10.1000/abc",
        "http://dx.doi.org/10.1000/ABC",
        "doi:10.1000/abc",
        "DOI: 10.1000/abc",
        " https://doi.org/10.1000%2Fabc ",
        "10.1000/abc.",
    ],
)
def test_doi_spellings_agree(written):
    assert normalize_doi(written) == "10.1000/abc"


def test_doi_keeps_suffix_punctuation_inside():
    assert normalize_doi("https://doi.org/10.1145/3534678.3539170") == "10.1145/3534678.3539170"
    assert (
        normalize_doi("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0")
        == "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0"
    )


@pytest.mark.parametrize(
    "not_a_doi", [None, "", "11.1000/abc", "10.12/abc", "https://example.org/x", "10.1000/"]
)
def test_not_a_doi(not_a_doi):
    assert normalize_doi(not_a_doi) is None


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("2205.11728", "2205.11728"),
        ("2205.11728v2", "2205.11728"),
        ("arXiv:2205.11728v2", "2205.11728"),
        ("http://arxiv.org/abs/2205.11728v2", "2205.11728"),
        ("https://arxiv.org/pdf/2205.11728v1.pdf", "2205.11728"),
        ("https://export.arxiv.org/abs/2205.11728", "2205.11728"),
        ("0704.0001", "0704.0001"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("hep-th/9901001v3", "hep-th/9901001"),
        ("http://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
        ("math.GT/0309136", "math/0309136"),
        ("10.48550/arXiv.2205.11728", "2205.11728"),
        ("https://doi.org/10.48550/ARXIV.2205.11728", "2205.11728"),
    ],
)
def test_arxiv_spellings(written, canonical):
    assert normalize_arxiv_id(written) == canonical


@pytest.mark.parametrize(
    "not_an_id",
    [
        None,
        "",
        "2205",
        "22051.1728",
        "https://example.org/abs/2205.11728",
        "10.1145/3534678.3539170",
        "hep-th/99010",
    ],
)
def test_not_an_arxiv_id(not_an_id):
    assert normalize_arxiv_id(not_an_id) is None


def test_arxiv_version_and_doi():
    assert arxiv_version("http://arxiv.org/abs/2205.11728v2") == 2
    assert arxiv_version("2205.11728") is None
    assert arxiv_id_from_doi("10.1145/3534678.3539170") is None
    assert arxiv_id_from_doi("10.48550/arxiv.hep-th/9901001") == "hep-th/9901001"
    assert split_arxiv_doi("https://doi.org/10.48550/arXiv.2205.11728") == (None, "2205.11728")
    assert split_arxiv_doi("10.1145/3534678.3539170") == ("10.1145/3534678.3539170", None)
    assert split_arxiv_doi("not a doi") == (None, None)


def test_find_arxiv_id_in_text_needs_an_explicit_marker():
    assert find_arxiv_id("arXiv preprint arXiv:2205.11728v1, 2022") == "2205.11728"
    assert find_arxiv_id("see https://arxiv.org/abs/hep-th/9901001.") == "hep-th/9901001"
    assert find_arxiv_id("pages 2205.11728 of volume 3") is None
    assert find_arxiv_id(None) is None


@pytest.mark.parametrize(
    "written",
    [
        "0000-0002-1825-0097",
        "https://orcid.org/0000-0002-1825-0097",
        "http://orcid.org/0000-0002-1825-0097/",
        "orcid:0000-0002-1825-0097",
        "0000000218250097",
    ],
)
def test_orcid_spellings(written):
    assert normalize_orcid(written) == "0000-0002-1825-0097"


def test_orcid_check_digit():
    assert normalize_orcid("https://orcid.org/0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert normalize_orcid("0000-0002-1825-0098") is None  # wrong check digit: not merged on
    assert normalize_orcid("Josiah Carberry") is None
    assert orcid_url("0000-0002-1825-0097") == "https://orcid.org/0000-0002-1825-0097"


@pytest.mark.parametrize(
    "written", ["https://ror.org/05x2bcf33", "05X2BCF33", "ror.org/05x2bcf33".join(["https://", ""])]
)
def test_ror_spellings(written):
    assert normalize_ror(written) == "05x2bcf33"


@pytest.mark.parametrize("bad", [None, "", "https://ror.org/05x2bcf34", "15x2bcf33", "05x2bcf3", "05l2bcf33"])
def test_not_a_ror(bad):
    assert normalize_ror(bad) is None


def test_an_arxiv_vanity_link_names_its_arxiv_paper():
    """arxiv-vanity renders arXiv papers under /papers/<id>: the digest account's ``view:`` links."""
    assert find_arxiv_id("view:https://www.arxiv-vanity.com/papers/2006.12345v2/") == "2006.12345"
    assert normalize_arxiv_id("https://arxiv-vanity.com/papers/2006.12345") == "2006.12345"
    assert find_arxiv_id("https://example.com/papers/2006.12345") is None


def test_ids_in_link():
    from kg.normalize.ids import ids_in_link

    assert ids_in_link("https://doi.org/10.5555/ABC") == ("10.5555/abc", None)
    assert ids_in_link("https://dx.doi.org/10.48550/arXiv.1706.03762") == (None, "1706.03762")
    assert ids_in_link("http://arxiv.org/abs/1706.03762v5") == (None, "1706.03762")
    assert ids_in_link("https://github.com/example/repo") == (None, None)
    assert ids_in_link(None) == (None, None)
