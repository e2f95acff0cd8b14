"""Author name keys: one person's spellings share a key; initials never equal a full name."""

import pytest

from kg.normalize.names import (
    block_key, compatible, completeness, display_key, fold, is_initials, match_key,
)


@pytest.mark.parametrize("a, b", [
    ("Seung jae Shin", "Seungjae Shin"),          # seeds/003 lines 302 and 232
    ("Yoon-Yeong Kim", "YoonYeong Kim"),          # seeds/003 lines 253 and 260
    ("Hee-young Lee", "Heeyoung Lee"),            # seeds/003 lines 15 and 148
    ("HyoungSeok Kim", "Hyoungseok Kim"),
    ("F Viganò", "F Vigano"),
    ("  Jung-Woo   Ha ", "Jung-Woo Ha"),
    ("Leskovec, Jure", "Jure Leskovec"),          # BibTeX order
    ("J. Leskovec", "J Leskovec"),
    ("Martin Luther King Jr.", "Martin Luther King"),
])
def test_one_person_one_key(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize("a, b", [
    ("J Leskovec", "Jure Leskovec"),              # initials never merge on the string alone
    ("A T Kalai", "Adam Tauman Kalai"),
    ("Su-Jin Shin", "Seungjae Shin"),             # same surname and initial, two people (seeds/003)
    ("S Shin", "Seungjae Shin"),
    ("Jaehyung Kim", "Jaehyun Kim"),
])
def test_different_keys(a, b):
    assert match_key(a) != match_key(b)


def test_display_key_keeps_hyphens_for_readable_ids():
    assert display_key("Jung-Woo Ha") == "jung-woo ha"
    assert display_key("P Baltescu") == "p baltescu"
    assert display_key("F Viganò") == "f vigano"


def test_fold_keeps_non_latin_letters():
    assert fold("Viganò") == "vigano"
    assert fold("김 연아") == "김 연아"


@pytest.mark.parametrize("name, expected", [
    ("J Leskovec", True), ("A T Kalai", True), ("J.-P. Vert", True),
    ("Jure Leskovec", False), ("Jung-Woo Ha", False), ("Leskovec", False),
])
def test_is_initials(name, expected):
    assert is_initials(name) is expected


def test_compatible_is_a_test_of_form_only():
    assert compatible("J Leskovec", "Jure Leskovec")
    assert compatible("A T Kalai", "Adam Tauman Kalai")
    assert compatible("S Shin", "Su-Jin Shin") and compatible("S Shin", "Seungjae Shin")
    assert not compatible("J Kim", "Jure Leskovec")
    assert not compatible("B Kalai", "Adam Kalai")
    assert not compatible("Jure Leskovec", "J Leskovec")   # the first argument is the initials form


def test_block_key_groups_by_surname_and_first_initial():
    assert block_key("J Leskovec") == block_key("Jure Leskovec") == "j leskovec"
    assert block_key("Su-Jin Shin") == block_key("Seungjae Shin")


def test_completeness_prefers_full_names_then_marked_syllables():
    assert completeness("Jure Leskovec") > completeness("J Leskovec")
    assert completeness("Yoon-Yeong Kim") > completeness("YoonYeong Kim")


@pytest.mark.parametrize("junk", ["", "   ", ".,;", "-"])
def test_nothing_name_like_gives_none(junk):
    assert match_key(junk) is None and display_key(junk) is None
