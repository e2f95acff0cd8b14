"""Scopus exports as CSV ("CSV" from a Scopus results list; UTF-8 with a BOM, cells quoted, with
line breaks inside some: read with the :mod:`csv` module).

The header names the columns; kg reads, by name (any order, others ignored):

- ``EID`` (``("scopus", "2-s2.0-…")``), ``PubMed ID`` (``pmid``), ``DOI``, ``Title``, ``Abstract``
  (``[No abstract available]`` is none), ``Year``, ``Source title`` (venue), ``Cited by``,
  ``Language of Original Document``, ``Document Type``, ``Author Keywords`` and ``Index
  Keywords`` (``;``-separated);
- authors in order: ``Author full names`` (``Vaswani, Ashish (57195546000)``: the name, and the
  Scopus author id on the author's ``ids``), else ``Authors`` (``Vaswani A.; Shazeer N.``, or
  ``,``-separated in older exports) with ``Author(s) ID`` by position;
- ``Affiliations`` (the record's), and ``Authors with affiliations`` (``Vaswani A., Google Brain,
  Mountain View, United States; …``), which ties each affiliation to the author it starts with;
- ``References``, split on ``"; "`` (:func:`kg.normalize.references.scopus_reference`).

A row without a title is skipped as an error; a row with fewer cells than the header (a cut
file) is read as far as it goes, with a warning.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache

from kg.extract.lines import iter_line_blocks
from kg.extract.pubmed import inverted_name
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import partial_date
from kg.normalize.ids import split_arxiv_doi
from kg.normalize.references import scopus_reference

LAYOUT = "scopus"

_NONE = ("[No author name available]", "[No abstract available]", "[No title available]")
_FIELD_LIMIT = 1 << 26  # a cell of references can pass csv's default 128 kB
Row = dict[str, str]


def _header_line(text: str) -> list[str]:
    end = text.find("\n")
    first = text[: end if end >= 0 else min(len(text), 65536)]
    try:
        return [name.strip() for name in next(csv.reader([first]), [])]
    except csv.Error:
        return []


def detect(text: str) -> float:
    """Sure when the first line is a CSV header with Scopus' ``Title``, ``EID`` or ``Source
    title``, and ``Authors`` or ``Author full names``."""
    names = set(_header_line(text))
    if "Title" in names and names & {"Authors", "Author full names"}:
        if "EID" in names or {"Source title", "Author(s) ID"} <= names:
            return 0.97
    return 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []
    for line, row, complete in _rows(text, file, problems):
        if not complete:
            problems.append(
                Problem(
                    file,
                    line,
                    "warning",
                    "this row has fewer cells than the header: the file may be cut short "
                    "(the record is read as far as it goes)",
                )
            )
        record = _record(row, file, line, problems)
        if record is not None:
            records.append(record)
    return Extraction(records=tuple(records), problems=tuple(problems))


def _rows(text: str, file: str, problems: list[Problem]) -> Iterator[tuple[int, Row, bool]]:
    """``(first line, cells by column name, whether the row has every cell)`` for each row."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(_lines_with_ends(text))
    try:
        header = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    if "Title" not in header:
        problems.append(Problem(file, 1, "error", "the header has no Title column: not a Scopus CSV export"))
        return
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(file, start, "error", f"unreadable CSV row, skipped: {exc}"))
            start = reader.line_num + 1
            continue
        if any(cell.strip() for cell in cells):
            yield start, dict(zip(header, cells, strict=False)), len(cells) >= len(header)
        start = reader.line_num + 1


def _lines_with_ends(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ``\\n``, as :mod:`csv` reads a file (a quoted line break
    stays in its cell), without copying the text as :class:`io.StringIO` would (four bytes a
    character)."""
    for block in iter_line_blocks(text):
        for line in block:
            yield line + "\n"


def _cell(row: Row, column: str) -> str | None:
    value = row.get(column, "").strip()
    return None if not value or value in _NONE else value


def _listed(row: Row, column: str, separator: str = ";") -> list[str]:
    value = _cell(row, column)
    return [item.strip() for item in value.split(separator) if item.strip()] if value else []


def _record(row: Row, file: str, line: int, problems: list[Problem]) -> PaperRecord | None:
    eid = _cell(row, "EID")
    title = _cell(row, "Title")
    if not title:
        problems.append(Problem(file, line, "error", f"row {eid or '(no EID)'} has no Title; skipped"))
        return None
    doi, arxiv_id = split_arxiv_doi(_cell(row, "DOI"))
    authors = _authors(row)
    if not authors:
        problems.append(Problem(file, line, "warning", f"row {eid or title!r} has no authors"))
    year = _cell(row, "Year")
    pmid = _cell(row, "PubMed ID")
    cited = _cell(row, "Cited by")
    ids = [("scopus", eid), ("pmid", pmid if pmid and pmid.isdigit() else None)]
    return PaperRecord(
        source=Source(file, line, LAYOUT),
        title=title,
        authors=authors,
        affiliations=tuple(OrgRef(a) for a in dict.fromkeys(_listed(row, "Affiliations"))),
        date=partial_date(int(year)) if year and year.isdigit() and len(year) == 4 else None,
        arxiv_id=arxiv_id,
        abstract=_cell(row, "Abstract"),
        doi=doi,
        keywords=tuple(dict.fromkeys(_listed(row, "Author Keywords") + _listed(row, "Index Keywords"))),
        venue=_cell(row, "Source title"),
        extra_ids=tuple((scheme, value) for scheme, value in ids if value),
        language=_cell(row, "Language of Original Document"),
        doc_type=_cell(row, "Document Type"),
        cited_by_count=int(cited) if cited and cited.isdigit() else None,
        references=tuple(scopus_reference(item) for item in _listed(row, "References", "; ")),
    )


def _authors(row: Row) -> tuple[AuthorRef, ...]:
    full = _listed(row, "Author full names")
    short_cell = _cell(row, "Authors") or ""
    short = _listed(row, "Authors", ";" if ";" in short_cell else ",")
    listed_ids = [i for i in _listed(row, "Author(s) ID") if i.isdigit()]
    if full:
        named = [_without_id(entry) for entry in full]
        spellings = [name for name, _ in named]
        ids = [scopus_id for _, scopus_id in named]
        names = [_full_name(name) for name in spellings]
    else:
        spellings, ids, names = short, [None] * len(short), [initials_first(s) for s in short]
    if len(listed_ids) == len(names):
        ids = [given or listed for given, listed in zip(ids, listed_ids, strict=True)]
    places = _places(row, spellings, short if len(short) == len(names) else [])
    return tuple(
        AuthorRef(name, affiliations=tuple(dict.fromkeys(places[i])), ids=_scopus_ids(ids[i]))
        for i, name in enumerate(names)
        if name
    )


def _scopus_ids(scopus_id: str | None) -> tuple[tuple[str, str], ...]:
    return (("scopus", scopus_id),) if scopus_id else ()


@lru_cache(maxsize=1 << 16)
def _full_name(written: str) -> str:
    return inverted_name(written) or written


@lru_cache(maxsize=1 << 16)
def _without_id(entry: str) -> tuple[str, str | None]:
    """``Vaswani, Ashish (57195546000)`` -> ``("Vaswani, Ashish", "57195546000")``."""
    if entry.endswith(")"):
        open_at = entry.rfind("(")
        number = entry[open_at + 1 : -1]
        if open_at > 0 and number.isdigit():
            return entry[:open_at].strip(), number
    return entry, None


@lru_cache(maxsize=1 << 16)
def initials_first(written: str) -> str:
    """``Vaswani A.`` -> ``A. Vaswani``; ``van der Berg J.P.`` -> ``J.P. van der Berg``;
    ``Vaswani, A.`` -> ``A. Vaswani``; a name without trailing initials as written."""
    if "," in written:
        return _full_name(written.strip())
    surname, _, initials = written.strip().rpartition(" ")
    if surname and initials.endswith(".") and initials.replace(".", "").replace("-", "").isupper():
        return f"{initials} {surname}"
    return written.strip()


def _places(row: Row, spellings: list[str], short: list[str]) -> list[list[str]]:
    """Per author position, the affiliations ``Authors with affiliations`` gives it: each item
    starts with the author's name as the other columns write it (``Vaswani A.,`` or ``Vaswani,
    Ashish,``); a name two authors share ties neither."""
    places: list[list[str]] = [[] for _ in spellings]
    position: dict[str, int | None] = {}
    for i, forms in enumerate(zip(spellings, short or spellings, strict=True)):
        for form in set(forms):
            position[form] = i if position.get(form, i) == i else None
    for item in _listed(row, "Authors with affiliations", "; "):
        head, _, rest = item.partition(", ")
        at = position.get(head)
        if at is None:
            given, _, after = rest.partition(", ")
            at = position.get(f"{head}, {given}")
            rest = after
        if at is not None and rest.strip():
            places[at].append(rest.strip())
    return places
