"""Author entries of reference managers: placeholders and organisations credited as authors."""

import pytest

from kg.extract.contributors import is_placeholder, looks_like_organisation, strip_placeholder


@pytest.mark.parametrize(
    "entry", ["et al.", "et al", "Et Al.", "et. al.", "others", "and others", "[et al.]", "…", "..."]
)
def test_placeholders(entry):
    assert is_placeholder(entry) and strip_placeholder(entry) == ("", True)


@pytest.mark.parametrize("entry", ["Al", "Alice Others", "Etal, Ben", "Okonkwo, Adaeze"])
def test_names_are_not_placeholders(entry):
    assert not is_placeholder(entry) and strip_placeholder(entry) == (entry, False)


def test_a_placeholder_after_a_name_is_cut_off():
    assert strip_placeholder("Smith, J. et al.") == ("Smith, J.", True)
    assert strip_placeholder("Jin Kim and others") == ("Jin Kim", True)


@pytest.mark.parametrize(
    ("entry", "organisation"),
    [
        ("Enzyme Atlas Consortium", True),
        ("ATLAS Collaboration", True),
        ("World Health Organization", True),
        ("Department of Biochemistry, University of Exampleton", True),
        ("Center, Jeffrey", False),  # Surname, Given: a person
        ("Grace Hopper", False),
        ("Okonkwo, Adaeze", False),
    ],
)
def test_organisations_by_their_words(entry, organisation):
    assert looks_like_organisation(entry) is organisation
