"""Author name keys: one person's spellings share a key; initials never equal a full name."""

import pytest

from kg.normalize.names import (
    base_key,
    block_key,
    compatible,
    completeness,
    display_key,
    fold,
    homonym,
    is_initials,
    match_key,
)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Seung jae Shin", "Seungjae Shin"),  # seeds/003 lines 302 and 232
        ("Yoon-Yeong Kim", "YoonYeong Kim"),  # seeds/003 lines 253 and 260
        ("Hee-young Lee", "Heeyoung Lee"),  # seeds/003 lines 15 and 148
        ("HyoungSeok Kim", "Hyoungseok Kim"),
        ("F Viganò", "F Vigano"),
        ("  Jung-Woo   Ha ", "Jung-Woo Ha"),
        ("Leskovec, Jure", "Jure Leskovec"),  # BibTeX order
        ("J. Leskovec", "J Leskovec"),
        ("Martin Luther King Jr.", "Martin Luther King"),
    ],
)
def test_one_person_one_key(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("J Leskovec", "Jure Leskovec"),  # initials never merge on the string alone
        ("A T Kalai", "Adam Tauman Kalai"),
        ("Su-Jin Shin", "Seungjae Shin"),  # same surname and initial, two people (seeds/003)
        ("S Shin", "Seungjae Shin"),
        ("Jaehyung Kim", "Jaehyun Kim"),
    ],
)
def test_different_keys(a, b):
    assert match_key(a) != match_key(b)


def test_display_key_keeps_hyphens_for_readable_ids():
    assert display_key("Jung-Woo Ha") == "jung-woo ha"
    assert display_key("P Baltescu") == "p baltescu"
    assert display_key("F Viganò") == "f vigano"


def test_fold_keeps_non_latin_letters():
    assert fold("Viganò") == "vigano"
    assert fold("김 연아") == "김 연아"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("J Leskovec", True),
        ("A T Kalai", True),
        ("J.-P. Vert", True),
        ("Jure Leskovec", False),
        ("Jung-Woo Ha", False),
        ("Leskovec", False),
    ],
)
def test_is_initials(name, expected):
    assert is_initials(name) is expected


def test_compatible_is_a_test_of_form_only():
    assert compatible("J Leskovec", "Jure Leskovec")
    assert compatible("A T Kalai", "Adam Tauman Kalai")
    assert compatible("S Shin", "Su-Jin Shin") and compatible("S Shin", "Seungjae Shin")
    assert not compatible("J Kim", "Jure Leskovec")
    assert not compatible("B Kalai", "Adam Kalai")
    assert not compatible("Jure Leskovec", "J Leskovec")  # the first argument is the initials form


def test_block_key_groups_by_surname_and_first_initial():
    assert block_key("J Leskovec") == block_key("Jure Leskovec") == "j leskovec"
    assert block_key("Su-Jin Shin") == block_key("Seungjae Shin")


def test_completeness_prefers_full_names_then_marked_syllables():
    assert completeness("Jure Leskovec") > completeness("J Leskovec")
    assert completeness("Yoon-Yeong Kim") > completeness("YoonYeong Kim")


@pytest.mark.parametrize("junk", ["", "   ", ".,;", "-"])
def test_nothing_name_like_gives_none(junk):
    assert match_key(junk) is None and display_key(junk) is None


# dblp numbers people who share a name (tests/data/formats/dblp_person.xml: "Zoltán Fülöp 0001",
# with a homonym "Zoltán Fülöp 0002"); the number is identity.


def test_dblp_homonym_numbers_are_part_of_the_key():
    assert match_key("Zoltán Fülöp 0001") == "zoltan fulop 0001"
    assert match_key("Zoltán Fülöp 0001") != match_key("Zoltán Fülöp 0002")
    assert match_key("Zoltán Fülöp") not in (match_key("Zoltán Fülöp 0001"), match_key("Zoltán Fülöp 0002"))
    assert match_key("Fülöp, Zoltán 0001") == match_key("Zoltan Fulop 0001")


def test_display_key_keeps_the_homonym_number():
    assert display_key("Zoltán Fülöp 0001") == "zoltan fulop 0001"
    assert display_key("Zoltán Fülöp") == "zoltan fulop"


def test_homonym_number_and_base_key():
    assert [homonym(n) for n in ("Zoltán Fülöp 0002", "Zoltán Fülöp", "0001", "Kata Kovács")] == [
        "0002",
        None,
        None,
        None,
    ]
    assert (
        base_key("Zoltán Fülöp 0001")
        == base_key("Zoltán Fülöp 0002")
        == base_key("Zoltán Fülöp")
        == "zoltan fulop"
    )
    assert block_key("Zoltán Fülöp 0001") == block_key("Z. Fülöp") == "z fulop"  # the surname, not the number


def test_initials_with_another_homonym_number_are_not_compatible():
    assert compatible("Z Fülöp", "Zoltán Fülöp 0001")
    assert compatible("Z Fülöp 0001", "Zoltán Fülöp 0001")
    assert not compatible("Z Fülöp 0002", "Zoltán Fülöp 0001")


def test_completeness_prefers_the_numbered_spelling_of_one_name():
    assert completeness("Zoltán Fülöp 0001") > completeness("Zoltán Fülöp")
    assert completeness("Zoltán Fülöp") > completeness("Z Fülöp 0001")  # a full name still comes first
