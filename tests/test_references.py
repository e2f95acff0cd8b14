"""Reference strings of WoS ``CR`` lines and Scopus ``References`` items -> Reference."""

import pytest

from kg.model import Reference
from kg.normalize.references import scopus_reference, wos_reference


def test_wos_line_with_every_part():
    raw = "Vaswani A, 2017, ADV NEUR IN, V30, P5998, DOI 10.5555/3295222.3295349"
    assert wos_reference(raw) == Reference(
        doi="10.5555/3295222.3295349", year=2017, first_author="Vaswani A", venue="ADV NEUR IN", raw=raw
    )


def test_wos_doi_is_lower_case_without_resolver_and_first_of_a_list():
    ref = wos_reference("Okafor M, 2019, ENZYME REV, V4, P1, DOI [10.5555/ENZ.2019.0007, 10.5555/b.2]")
    assert ref.doi == "10.5555/enz.2019.0007"
    assert wos_reference("Okafor M, 2019, ENZYME REV, DOI https://doi.org/10.5555/X.1").doi == "10.5555/x.1"


def test_wos_anonymous_is_no_author_and_missing_parts_stay_unknown():
    ref = wos_reference("[Anonymous], 2019, NATURE, V570, P1")
    assert (ref.first_author, ref.year, ref.venue, ref.doi) == (None, 2019, "NATURE", None)
    no_year = wos_reference("Berg A, ENZYME KINETICS")
    assert (no_year.first_author, no_year.year, no_year.venue) == ("Berg A", None, "ENZYME KINETICS")
    only_locators = wos_reference("Zhou ML, 2020, V3, P7")
    assert (only_locators.year, only_locators.venue) == (2020, None)


def test_wos_arxiv_doi_becomes_the_arxiv_id():
    ref = wos_reference("Vaswani A, 2017, ARXIV, DOI 10.48550/arXiv.1706.03762")
    assert (ref.doi, ref.arxiv_id) == (None, "1706.03762")


def test_scopus_item_with_every_part():
    raw = "Vaswani A., Shazeer N., Attention is all you need, Advances in NeurIPS, 30, pp. 5998-6008, (2017)"
    assert scopus_reference(raw) == Reference(
        title="Attention is all you need",
        year=2017,
        first_author="Vaswani A.",
        venue="Advances in NeurIPS",
        raw=raw,
    )


@pytest.mark.parametrize(
    "raw, first_author, title, venue, year",
    [
        ("Boulesteix A.-L., van der Berg J.P., Lessons, Royal Society Open Science, 8, 4, (2021)",
         "Boulesteix A.-L.", "Lessons", "Royal Society Open Science", 2021),
        ("Smith J., et al., Deep nets, Nature, (2015)", "Smith J.", "Deep nets", "Nature", 2015),
        ("Enzyme kinetics, a primer, Example Press, (2015)", None, "Enzyme kinetics, a primer",
         "Example Press", 2015),
        ("Okafor M., Turnover numbers at scale", "Okafor M.", "Turnover numbers at scale", None, None),
        ("Berg A., (2015)", "Berg A.", None, None, 2015),
    ],
)  # fmt: skip
def test_scopus_items_in_their_shapes(raw, first_author, title, venue, year):
    ref = scopus_reference(raw)
    got = (ref.first_author, ref.title, ref.venue, ref.year, ref.raw)
    assert got == (first_author, title, venue, year, raw)


def test_scopus_doi_anywhere_in_the_item():
    ref = scopus_reference("Okafor M., Turnover, Enzyme Rev, 4, (2019), DOI 10.5555/ENZ.2019.0007.")
    assert ref.doi == "10.5555/enz.2019.0007"
    assert scopus_reference("Vaswani A., Attention, arXiv:1706.03762, (2017)").arxiv_id == "1706.03762"
