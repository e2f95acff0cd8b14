"""Month-name dates as listings write them -> ISO 8601 (``Jul 27, 2022`` -> ``2022-07-27``).

Accepted: ``Jul 27, 2022``, ``July 27 2022``, ``Sept. 5, 2021``, ``27 July 2022``, and the same
without a year (``Apr 17``, ``17 April``). Month names are English, full or abbreviated, any case.

**Year-less dates.** kg never invents a year: ``Apr 17`` becomes the ISO 8601 year-less form
``--04-17``. When the caller knows the day the listing was captured (``as_of``, ISO
``YYYY-MM-DD``), the year is the *latest year in which that month and day is not after as_of*,
because a listing only shows dates that have already happened. With ``as_of = 2025-03-01``:
``Apr 17`` -> ``2024-04-17``, ``Feb 1`` -> ``2025-02-01``, ``Mar 1`` -> ``2025-03-01``, and
``Feb 29`` -> ``2024-02-29`` (the latest leap day not after as_of). A date that carries its own
year keeps it, whatever ``as_of`` says.

**Invalid dates** (``Feb 30, 2022``, ``Apr 31``) give ``None``, as does text that is not a date;
the caller reports a :class:`kg.model.Problem` naming the line.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FULL_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_LEAP_YEAR = 2000  # any leap year: checks that a year-less month and day exist at all

_MONTH_FIRST = re.compile(r"(?P<month>[A-Za-z]+)\.? +(?P<day>\d{1,2})(?:,? +(?P<year>\d{4}))?")
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2}) +(?P<month>[A-Za-z]+)\.?,?(?: +(?P<year>\d{4}))?")
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def month_number(name: str) -> int | None:
    """1..12 for an English month name, full or short (``Jul``, ``July``, ``Sept``), else None."""
    name = name.strip().rstrip(".").lower()
    if name in _FULL_MONTHS:
        return _FULL_MONTHS.index(name) + 1
    if name == "sept":
        return 9
    if name in _MONTHS:
        return _MONTHS.index(name) + 1
    return None


def parse_month_day_year(text: str, as_of: str | None = None) -> str | None:
    """``Jul 27, 2022`` -> ``2022-07-27``; ``Apr 17`` -> ``--04-17`` (or a year from ``as_of``).

    Returns None when ``text`` is not a month-name date or names a day that does not exist.
    ``as_of`` must be an ISO date (``YYYY-MM-DD``) or None; a malformed one raises ValueError.
    """
    text = text.strip()
    match = _MONTH_FIRST.fullmatch(text) or _DAY_FIRST.fullmatch(text)
    if match is None:
        return None
    month = month_number(match["month"])
    if month is None:
        return None
    day = int(match["day"])
    if match["year"]:
        return _iso(int(match["year"]), month, day)
    if _iso(_LEAP_YEAR, month, day) is None:
        return None
    if as_of is None:
        return f"--{month:02d}-{day:02d}"
    year = _latest_year(month, day, date.fromisoformat(as_of))
    return _iso(year, month, day) if year else None


def is_iso_date(text: str) -> bool:
    """True for an ISO date as kg stores it: ``2022-07-27``, ``2022-07`` or ``2022`` (the shape
    only; a year-less ``--04-17`` or any other text is False)."""
    return _ISO_DATE.fullmatch(text) is not None


def year_of(iso: str | None) -> int | None:
    """The year of an ISO date (``2022-07-27``, ``2022-07``, ``2022``); None for ``--04-17``."""
    return int(iso[:4]) if iso and is_iso_date(iso) else None


def _latest_year(month: int, day: int, as_of: date) -> int | None:
    """The latest year in which ``month``/``day`` exists and is not after ``as_of``."""
    start = as_of.year if (month, day) <= (as_of.month, as_of.day) else as_of.year - 1
    for year in range(start, max(start - 8, 0), -1):  # leap years are at most 8 years apart
        if _iso(year, month, day) is not None:
            return year
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def partial_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """The ISO date at the precision a source gives (``2021``, ``2021-03``, ``2021-03-15``); a
    month outside 1..12 keeps the year only, a day that does not exist keeps the month."""
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is not None:
        found = _iso(year, month, day)
        if found:
            return found
    return f"{year:04d}-{month:02d}"
