"""The line that opens a record in both profile layouts: ``CVJul 27, 2022Code``.

Three parts glued together: an arXiv archive code as written (``CV``, ``CL``, ``ML``, ``ME``,
``cs.LG``), a month-name date with or without its year (``Jul 27, 2022``, ``Apr 17``), and an
optional ``Code`` marker (the listing links the paper's code). See :mod:`kg.normalize.dates` for
how the date becomes ISO and how ``as_of`` gives year-less dates a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.normalize.dates import month_number, parse_month_day_year

#: An arXiv archive code as written: ``CV``, ``ML``, ``cs.LG``, ``q-bio.NC``.
CATEGORY_CODE = r"(?:[a-z][a-z-]*\.)?[A-Z]{2,5}"

_HEADLINE = re.compile(
    rf"(?P<category>{CATEGORY_CODE})"
    r"(?P<date>(?P<month>[A-Z][a-z]{2,8})\.? \d{1,2}(?:, ?\d{4})?)"
    r"(?P<code>Code)?"
)


@dataclass(frozen=True)
class Headline:
    category: str
    date_text: str  # as written: "Jul 27, 2022", "Apr 17"
    date: str | None  # ISO, "--04-17" without a year; None when the day does not exist (Feb 30)
    has_code: bool


def parse_headline(line: str, as_of: str | None = None) -> Headline | None:
    """The parts of a headline line, or None when ``line`` is not one.

    A line with a real month name but an impossible day (``CVFeb 30, 2022``) is still a headline,
    with ``date`` None, so that the caller can report it and keep the record.
    """
    match = _HEADLINE.fullmatch(line.strip())
    if match is None or month_number(match["month"]) is None:
        return None
    return Headline(
        category=match["category"],
        date_text=match["date"],
        date=parse_month_day_year(match["date"], as_of),
        has_code=bool(match["code"]),
    )
