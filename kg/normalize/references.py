"""Reference strings as citation indexes write them -> :class:`kg.model.Reference`.

Two styles, each read by a plain split on ``", "`` (no per-reference regular expression on the
common path: a 100k-record export holds millions of references):

- Web of Science ``CR`` (one cited work per line)::

      Vaswani A, 2017, ADV NEUR IN, V30, P5998, DOI 10.5555/3295222.3295349
      [Anonymous], 2019, NATURE, V570, P1
      Okafor M, 2019, ENZYME REV, V4, P1, DOI [10.5555/a.1, 10.5555/b.2]

  first author (``[Anonymous]`` names none), year, source abbreviation (the venue), then volume
  ``V…``, page ``P…`` and ``DOI …`` (a bracketed list gives several: the first is taken).

- Scopus ``References`` (items of the column, split on ``"; "`` by the caller)::

      Vaswani A., Shazeer N., Attention is all you need, Advances in NeurIPS, 30, pp. 5998-6008, (2017)

  authors (``Surname I.``, up to ``et al.``), title, source title, then volume, issue, pages and
  the year in parentheses at the end; a DOI written anywhere in the item is read.

What a string does not say stays None; ``raw`` is always the string as written. DOIs are
normalised (lower case, no resolver). The same cited work recurs across the records of a corpus,
so parses are remembered (a bounded cache: references are frozen, sharing them is safe).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model import Reference
from kg.normalize.ids import find_arxiv_id, split_arxiv_doi

__all__ = ["wos_reference", "scopus_reference"]

_CACHE_SIZE = 1 << 17
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s,;\]\[]+")
_WOS_ANONYMOUS = "[anonymous]"
_SCOPUS_AUTHOR = re.compile(r"^[^\d(),.]+(?:\s+(?:[A-Z][a-z]?\.\s?-?)+)$", re.UNICODE)
_SCOPUS_NO_TITLE = ("pp. ", "p. ", "art. no. ", "doi")


def _year(text: str) -> int | None:
    return int(text) if len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2999 else None


def _doi_and_arxiv(doi: str | None, raw: str) -> tuple[str | None, str | None]:
    """The DOI as written, normalised (an arXiv DOI is the arXiv id), and an arXiv id ``raw``
    names when the DOI gives none."""
    doi, arxiv_id = split_arxiv_doi(doi)
    if arxiv_id is None and ("arxiv" in raw or "arXiv" in raw or "ARXIV" in raw):
        arxiv_id = find_arxiv_id(raw)
    return doi, arxiv_id


@lru_cache(maxsize=_CACHE_SIZE)
def wos_reference(raw: str) -> Reference:
    """One WoS ``CR`` line (see the module docstring)."""
    raw = raw.strip()
    parts = raw.split(", ")
    first_author: str | None = None
    year: int | None = None
    venue: str | None = None
    doi: str | None = None
    rest = parts
    if rest and _year(rest[0]) is None:
        first_author = None if rest[0].lower() == _WOS_ANONYMOUS else rest[0] or None
        rest = rest[1:]
    if rest and _year(rest[0]) is not None:
        year, rest = _year(rest[0]), rest[1:]
    if rest and not _wos_locator(rest[0]):
        venue, rest = rest[0] or None, rest[1:]
    for index, part in enumerate(rest):
        if part.startswith("DOI "):
            doi = _first_doi(", ".join(rest[index:])[4:])
            break
    doi, arxiv_id = _doi_and_arxiv(doi, raw)
    return Reference(
        doi=doi, arxiv_id=arxiv_id, year=year, first_author=first_author, venue=venue, raw=raw or None
    )


def _wos_locator(part: str) -> bool:
    """``V30``, ``P5998``, ``DOI …``: what follows the source in a ``CR`` line."""
    return part.startswith("DOI ") or (
        len(part) > 1 and part[0] in "VP" and (part[1].isdigit() or part[1] == "-")
    )


def _first_doi(written: str) -> str | None:
    """The first DOI of ``10.1/x``, its resolver URL, or a bracketed list ``[10.1/x, 10.2/y]``,
    as written (:func:`_doi_and_arxiv` normalises it)."""
    match = _DOI_IN_TEXT.search(written)
    return match.group(0) if match else None


@lru_cache(maxsize=_CACHE_SIZE)
def scopus_reference(raw: str) -> Reference:
    """One item of a Scopus ``References`` cell (see the module docstring)."""
    raw = raw.strip()
    text, year = _scopus_year(raw)
    parts = [p for p in text.split(", ") if p]
    authors = 0
    while authors < len(parts) and _SCOPUS_AUTHOR.match(parts[authors]):
        authors += 1
    first_author = parts[0] if authors else None
    if authors < len(parts) and parts[authors].lower().startswith("et al"):
        authors += 1
    named = _scopus_named(parts[authors:])
    title = named[0] if named else None
    venue = named[-1] if len(named) > 1 else None
    if len(named) > 2:  # a title with commas in it: all but the source title
        title = ", ".join(named[:-1])
    doi = None
    if "10." in raw:
        match = _DOI_IN_TEXT.search(raw)
        doi = match.group(0).rstrip(".)") if match else None
    doi, arxiv_id = _doi_and_arxiv(doi, raw)
    return Reference(
        doi=doi,
        arxiv_id=arxiv_id,
        title=title,
        year=year,
        first_author=first_author,
        venue=venue,
        raw=raw or None,
    )


def _scopus_year(raw: str) -> tuple[str, int | None]:
    """The item without its closing ``(2017)``, and the year."""
    if raw.endswith(")") and len(raw) >= 6 and raw[-6] == "(":
        year = _year(raw[-5:-1])
        if year is not None:
            return raw[:-6].rstrip(", "), year
    return raw, None


def _scopus_named(parts: list[str]) -> list[str]:
    """The parts before the first locator (volume, issue, pages, DOI): title and source title."""
    named: list[str] = []
    for part in parts:
        lower = part.lower()
        if part[:1].isdigit() or lower.startswith(_SCOPUS_NO_TITLE) or lower.startswith("10."):
            break
        named.append(part)
    return named
