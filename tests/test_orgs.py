"""Organisation aliases: the shipped table, ambiguous short names, ROR ids, the user's file."""

from pathlib import Path

import pytest

from kg.normalize.orgs import canonical_org, load_aliases, org_key

DATA = Path(__file__).parent / "data" / "resolve"


@pytest.fixture(scope="module")
def table():
    table, problems = load_aliases()
    assert problems == ()
    return table


@pytest.mark.parametrize("written", ["cmu", "CMU", "Carnegie Mellon University", "carnegie  mellon univ."])
def test_cmu_spellings_are_one_organisation(table, written):
    org = canonical_org(table, written)
    assert (org.key, org.name, org.ambiguous) == (
        "carnegie mellon university",
        "Carnegie Mellon University",
        False,
    )


@pytest.mark.parametrize(
    "written, name",
    [
        # every organisation the seeds name, in the forms they write it
        ("Pinterest", "Pinterest"),
        ("Google Research", "Google Research"),
        ("Microsoft Research", "Microsoft Research"),
        ("Aalto University", "Aalto University"),
        ("Princeton University", "Princeton University"),
        ("UNC Chapel Hill", "University of North Carolina at Chapel Hill"),
        ("Adobe Research", "Adobe Research"),
        ("Huawei Noah’s Ark Lab", "Huawei Noah's Ark Lab"),
        ("Tsinghua University", "Tsinghua University"),
        ("Tsinghua", "Tsinghua University"),
        ("The Chinese University of Hong Kong", "The Chinese University of Hong Kong"),
        ("CUHK", "The Chinese University of Hong Kong"),
        ("University of Illinois at Urbana-Champaign", "University of Illinois Urbana-Champaign"),
        ("UIUC", "University of Illinois Urbana-Champaign"),
        ("Université de Montréal", "Université de Montréal"),
        ("Universite de Montreal", "Université de Montréal"),
        ("Imperial College London", "Imperial College London"),
        ("Qualcomm AI Research", "Qualcomm AI Research"),
        ("Chinese Academy of Sciences", "Chinese Academy of Sciences"),
        ("Cardiff University", "Cardiff University"),
        ("NAVER", "NAVER"),
        ("Naver Corp.", "NAVER"),
    ],
)
def test_seed_organisations_resolve(table, written, name):
    org = canonical_org(table, written)
    assert org.name == name and org.rule == "alias table"


def test_uw_is_ambiguous_not_guessed(table):
    org = canonical_org(table, "uw")
    assert org.ambiguous and org.key == "uw" and org.name == "uw"
    assert "University of Washington" in org.candidates and "University of Waterloo" in org.candidates


def test_unknown_organisation_stays_as_written(table):
    org = canonical_org(table, "  Widget   Institute ")
    assert (org.key, org.name, org.rule, org.ambiguous) == (
        "widget institute",
        "Widget Institute",
        "as written",
        False,
    )
    assert canonical_org(table, " .. ") is None


def test_ror_id_wins_over_the_name(table):
    org = canonical_org(table, "School of Computer Science, Pittsburgh", "https://ror.org/05x2bcf33")
    assert org.name == "Carnegie Mellon University" and org.rule == "ROR id"


def test_org_key_ignores_case_accents_punctuation_and_leading_the():
    assert org_key("The Chinese University of Hong Kong") == "chinese university of hong kong"
    assert org_key("Huawei Noah’s Ark Lab") == org_key("huawei noahs ark lab")
    assert org_key("Texas A&M") == "texas a and m"


def test_user_alias_file_extends_and_overrides(tmp_path):
    table, problems = load_aliases(DATA / "aliases_uw.csv")
    uw = canonical_org(table, "uw")
    assert (uw.name, uw.ambiguous) == ("University of Washington", False)
    assert canonical_org(table, "Kakao").name == "Kakao Brain"
    assert canonical_org(table, "CMU").name == "Carnegie Mellon University"  # shipped rows kept
    [problem] = problems
    assert problem.file.endswith("aliases_uw.csv") and problem.line == 6 and problem.severity == "warning"


def test_unreadable_alias_file_is_a_problem_not_a_crash(tmp_path):
    table, problems = load_aliases(tmp_path / "missing.csv")
    assert problems[0].severity == "error" and "cannot read" in problems[0].message
    assert canonical_org(table, "cmu").name == "Carnegie Mellon University"
