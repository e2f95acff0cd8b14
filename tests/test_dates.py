"""Month-name dates -> ISO; year-less dates stay year-less unless an as_of date gives the year."""

import pytest

from kg.normalize.dates import is_iso_date, month_number, parse_month_day_year, year_of


@pytest.mark.parametrize(
    "written, iso",
    [
        ("Jul 27, 2022", "2022-07-27"),
        ("Dec 4, 2019", "2019-12-04"),
        ("July 27 2022", "2022-07-27"),
        ("September 5, 2021", "2021-09-05"),
        ("Sept. 5, 2021", "2021-09-05"),
        ("27 July 2022", "2022-07-27"),
        ("  feb 29, 2024 ", "2024-02-29"),
        ("Apr 17", "--04-17"),
        ("May 21", "--05-21"),
        ("17 April", "--04-17"),
        ("Feb 29", "--02-29"),  # exists in leap years, so a year-less Feb 29 is a real date
    ],
)
def test_parses(written, iso):
    assert parse_month_day_year(written) == iso


@pytest.mark.parametrize(
    "invalid",
    [
        "Feb 30, 2022",
        "Feb 29, 2023",
        "Apr 31",
        "Jun 0, 2020",
        "Foo 12, 2020",
        "Jul",
        "2022-07-27",
        "",
        "Jul 27, 22",
    ],
)
def test_invalid_or_not_a_date_is_none(invalid):
    assert parse_month_day_year(invalid) is None


@pytest.mark.parametrize(
    "written, as_of, iso",
    [
        ("Apr 17", "2025-03-01", "2024-04-17"),  # after as_of's month and day: the year before
        ("Feb 1", "2025-03-01", "2025-02-01"),  # before: the same year
        ("Mar 1", "2025-03-01", "2025-03-01"),  # on as_of itself: not after it, so the same year
        ("Dec 31", "2025-01-01", "2024-12-31"),
        ("Feb 29", "2025-03-01", "2024-02-29"),  # the latest leap day not after as_of
        ("Feb 29", "2024-02-28", "2020-02-29"),
        ("Jul 27, 2022", "2000-01-01", "2022-07-27"),  # a written year is kept
    ],
)
def test_as_of_gives_the_latest_year_not_after_it(written, as_of, iso):
    assert parse_month_day_year(written, as_of=as_of) == iso


def test_as_of_does_not_rescue_an_impossible_day():
    assert parse_month_day_year("Apr 31", as_of="2025-06-01") is None


def test_malformed_as_of_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_month_day_year("Apr 17", as_of="17/04/2025")


@pytest.mark.parametrize(
    "name, number",
    [("Jan", 1), ("january", 1), ("Sept", 9), ("Sep.", 9), ("DEC", 12), ("Juli", None), ("", None)],
)
def test_month_number(name, number):
    assert month_number(name) == number


@pytest.mark.parametrize(
    "iso, year",
    [("2022-07-27", 2022), ("2022-07", 2022), ("2022", 2022), ("--04-17", None), (None, None), ("", None)],
)
def test_year_of(iso, year):
    assert year_of(iso) == year


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2022-07-27", True),
        ("2022-07", True),
        ("2022", True),
        ("--04-17", False),
        ("", False),
        ("22-07-27", False),
        ("2022-7-27", False),
        ("2022-07-27T10:00", False),
        ("2022/07/27", False),
        ("July 2022", False),
    ],
)
def test_is_iso_date(text, iso):
    assert is_iso_date(text) is iso
