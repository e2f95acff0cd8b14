"""RIS files (``.ris``), as Zotero, Mendeley, EndNote, Scopus and most digital libraries export them.

A record is a run of tagged lines ``XY  - value`` (two characters, two spaces, a hyphen) from
``TY  - <type>`` to ``ER  -``; a line without a tag continues the value above it. kg finds each
record's lines itself (so every record and problem carries the line of its ``TY``) and hands the
record to the `rispy <https://pypi.org/project/rispy/>`_ parser for its fields. kg reads:

- ``TY`` as the document type, as written (``JOUR``, ``CONF``, ``CHAP``);
- ``AU`` and ``A1`` as the authors, in order (``Last, First`` turned to ``First Last``). ``A2``
  (editors, or the book's authors of a chapter), ``A3`` (series editors) and ``A4`` (translators)
  are not authors of the work and are not read as such. An entry ``et al.``/``others`` (alone,
  or after a name) marks the list as truncated and is no person; an entry that names an
  organisation (``Enzyme Atlas Consortium``, see :mod:`kg.extract.contributors`) is an
  organisation of the record;
- ``TI`` else ``T1`` (title); ``AB`` else ``N2`` (abstract); ``KW`` (keywords, one a line, or
  ``;``-separated on one line); ``LA`` (language, as written); ``AD`` (affiliations of the record:
  RIS does not tie them to one author);
- the venue: ``JF``, ``T2``, ``JO``, ``JA``, then ``J2`` (the first given);
- the date: ``DA``, ``Y1`` and ``PY`` in RIS's ``YYYY/MM/DD/other`` form, whose parts may be left
  empty (``2017///``, ``2017/06/12/``, ``2017/06//Spring``) or ISO ``2017-06-12``; the most precise
  of them whose year agrees with ``PY``. A ``DA`` that names a month only (``July``, as EndNote
  writes it) gives the month to ``PY``'s year;
- ``DO`` (the DOI, lower case without resolver; an arXiv DOI is the arXiv id); when ``DO`` is
  missing, a doi.org link in ``UR`` or a DOI in ``M3`` (where EndNote may write it). ``UR``: an
  arxiv.org link is the arXiv id, a code host link a code link. ``SN``: ``("issn", …)`` or
  ``("isbn", …)``, the venue's or book's number. ``ID``: the file's own reference id,
  ``("ris", …)``;
- ``N1`` notes: Zotero's ``arXiv:1706.03762 [cs]`` (the arXiv id), Scopus's ``Cited By: 12``
  (times cited) and ``References: …; …`` (the reference list, one reference between ``;``: its
  raw text, first author, title, year, venue and any DOI or arXiv id it names).

Header lines before the first record (``Provider: …``, ``Content: text/plain``) are skipped.
Problems, each at its line: other text outside a record (ignored), tagged lines before any ``TY``
or after an ``ER`` (a record without its ``TY``: skipped), records without ``ER`` (read as far as
they go; one warning for those followed by another record, one when the last has none: the file
may be cut), a tag that no RIS version defines (one warning per tag and file), a ``DO`` that is
no DOI, a record with neither title nor identifier (skipped), no authors, a date without a year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import rispy
from rispy.config import TAG_KEY_MAPPING

from kg.extract.contributors import looks_like_organisation, strip_placeholder
from kg.extract.lines import iter_lines, preview
from kg.extract.pubmed import inverted_name
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Reference, Source
from kg.normalize.dates import month_number, partial_date
from kg.normalize.ids import find_arxiv_id, ids_in_link, split_arxiv_doi
from kg.normalize.links import on_code_host

LAYOUT = "ris"

#: Tags of the RIS versions (2001 Reference Manager, 2011 spec) and dialects that rispy's table
#: lacks: known, so not reported, though kg reads none of them.
_OTHER_KNOWN_TAGS = frozenset(
    ("BT", "CT", "ED", "H1", "H2", "IN", "J1", "M2", "PP", "U1", "U2", "U3", "U4", "U5", "Y3", "C7")
)
_HEAD_LINES = 40
#: Header lines some exporters write before the first record (``Provider: …``, ``Content: …``).
_HEADER = re.compile(r"^[A-Z][A-Za-z ]{1,30}:\s")
_MAX_HEADER_LINES = 6
_SLASHED_DATE = re.compile(r"^(\d{4})?(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?(?:[/-].*)?$")
_ISSN = re.compile(r"\b(\d{4})-?(\d{3}[\dXx])\b")
_ISBN = re.compile(r"^(?:97[89])?\d{9}[\dXx]$")
_CITED_BY = re.compile(r"\bCited By(?:\s*\(since \d{4}\))?\s*:\s*(\d+)", re.IGNORECASE)
_REFERENCES = re.compile(r"^\s*References\s*:\s*", re.IGNORECASE)
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s;,]+")
#: The initials of a Scopus reference's author: ``J.``, ``J.P.``, ``J.-P.``, ``Ch.``.
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.[\s-]*)+")
_YEAR_FIRST = re.compile(r"^(\d{4})\b")
_YEAR_IN_PARENS = re.compile(r"\((\d{4})\)")


def detect(text: str) -> float:
    """Sure when the first non-blank line is ``TY  - …`` (after a few ``Name: value`` header lines,
    which some exporters write) and tagged lines follow it."""
    tags = header = 0
    for number, line in iter_lines(text):
        if number > _HEAD_LINES:
            break
        if not line.strip():
            continue
        tag = _tag(line)
        if tags == 0 and tag is None and _HEADER.match(line) and header < _MAX_HEADER_LINES:
            header += 1
            continue
        if tags == 0 and tag != "TY":
            return 0.0
        tags += tag is not None
    return 0.95 if tags >= 3 else 0.6 if tags else 0.0


#: rispy's parser as kg uses it: repeated tags kept as lists, unknown tags left out (kg reports
#: them with their lines).
_PARSER = rispy.RisParser(enforce_list_tags=False, skip_unknown_tags=True)
#: One record as rispy gives it: field name -> a string or a list of strings.
_Entry = dict[str, Any]


def _tag(line: str) -> str | None:
    """The tag of a tagged line (as rispy reads one), else None."""
    tag, _ = _PARSER.parse_line(line)
    return tag if isinstance(tag, str) else None


@dataclass
class _Block:
    """One record's lines: ``(line number, tag, value)`` with continuation lines joined."""

    line: int
    lines: list[tuple[int, str, str]] = field(default_factory=list)
    ended: bool = False

    def text(self) -> str:
        body = [f"{tag}  - {value}" for _, tag, value in self.lines]
        return "\n".join(body if self.ended else [*body, "ER  - "])


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []
    unknown: dict[str, list[int]] = {}
    for block in _blocks(text, file, problems):
        for number, tag, _ in block.lines:
            if tag not in TAG_KEY_MAPPING and tag not in _OTHER_KNOWN_TAGS:
                unknown.setdefault(tag, []).append(number)
        try:
            entries = _PARSER.parse(block.text())
        except Exception as exc:  # rispy is third-party: a record it chokes on must not stop the file
            problems.append(Problem(file, block.line, "error", f"RIS record not readable ({exc}); skipped"))
            continue
        record = _record(entries, block.line, file, problems)
        if record is not None:
            records.append(record)
    for tag, numbers in unknown.items():
        more = f" (and {len(numbers) - 1} more times)" if len(numbers) > 1 else ""
        problems.append(
            Problem(file, numbers[0], "warning", f"unknown RIS tag {tag!r}{more}; its values are not read")
        )
    problems.sort(key=lambda p: p.line or 0)
    return Extraction(records=tuple(records), problems=tuple(problems))


def _blocks(text: str, file: str, problems: list[Problem]) -> Iterator[_Block]:
    """Each record's lines, from its ``TY`` to its ``ER`` (or to the next ``TY``, or the end)."""
    block: _Block | None = None
    stray: tuple[int, bool] | None = None  # first line of a run outside any record, tagged?
    seen_record = False
    unended: list[tuple[int, int]] = []  # (record line, line of the TY after it)
    for number, line in iter_lines(text):
        tag = _tag(line)
        if tag == "TY":
            if block is not None:
                unended.append((block.line, number))
                yield block
            _report_stray(file, stray, problems)
            stray, block = None, _Block(number)
        if block is None:
            header = not seen_record and tag is None and _HEADER.match(line)
            if line.strip() and stray is None and not header:
                stray = (number, tag is not None)
            continue
        seen_record = True
        if tag is not None:
            block.lines.append((number, tag, line[5:].strip()))  # "TI  -Title" keeps its T
        elif line.strip() and block.lines:
            at, last, value = block.lines[-1]
            block.lines[-1] = (at, last, f"{value} {line.strip()}".strip())
        if tag == "ER":
            block.ended = True
            yield block
            block = None
    _report_stray(file, stray, problems)
    if unended:  # one warning: a file whose exporter never writes ER would give one per record
        (first, next_ty), more = unended[0], len(unended) - 1
        others = f" (and {more} more records)" if more else ""
        problems.append(_no_end(file, first, f"before the next TY at line {next_ty}{others}"))
    if block is not None:
        problems.append(_no_end(file, block.line, "at the end of the file: the file may be cut short"))
        yield block


def _no_end(file: str, line: int, where: str) -> Problem:
    return Problem(file, line, "warning", f"record has no ER line {where}; it is read as far as it goes")


def _report_stray(file: str, stray: tuple[int, bool] | None, problems: list[Problem]) -> None:
    if stray is None:
        return
    number, tagged = stray
    if tagged:
        message = "tagged lines outside a record (no TY line starts them); they are skipped"
        problems.append(Problem(file, number, "error", message))
    else:
        problems.append(Problem(file, number, "warning", "text outside a record is ignored"))


def _values(entry: _Entry, *keys: str) -> list[str]:
    """The non-blank values rispy gives for ``keys`` (a string or a list each), in that order."""
    found: list[str] = []
    for key in keys:
        value = entry.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                found.append(item.strip())
    return found


def _first(entry: _Entry, *keys: str) -> str | None:
    values = _values(entry, *keys)
    return values[0] if values else None


def _record(entries: list[_Entry], line: int, file: str, problems: list[Problem]) -> PaperRecord | None:
    def problem(severity: str, message: str) -> None:
        problems.append(Problem(file, line, severity, message))

    entry = entries[0] if entries else {}
    urls = _values(entry, "urls")
    notes = _values(entry, "notes")
    doi, arxiv_id = _identifiers(entry, urls, notes, problem)
    title = _first(entry, "title", "primary_title")
    if not title and not doi and not arxiv_id:
        problem("error", "RIS record with neither title (TI/T1) nor DOI; skipped")
        return None
    if not title:
        problem("warning", f"record {doi or arxiv_id} has no title (TI/T1)")
    authors, orgs, truncated = _authors(_values(entry, "authors", "first_authors"))
    if not authors and not orgs:
        problem("warning", f"record {preview(title or doi or arxiv_id or '')!r} has no authors (AU/A1)")
    date, date_problem = _date(entry)
    if date_problem:
        problem("warning", date_problem)
    orgs.extend(OrgRef(a) for a in _values(entry, "author_address") if a not in {o.name for o in orgs})
    code_urls = tuple(u for u in urls if on_code_host(u))
    return PaperRecord(
        source=Source(file, line, LAYOUT),
        title=title,
        authors=authors,
        authors_truncated=truncated,
        affiliations=tuple(orgs),
        date=date,
        has_code=bool(code_urls),
        code_urls=code_urls,
        arxiv_id=arxiv_id,
        abstract=_first(entry, "abstract", "notes_abstract"),
        doi=doi,
        keywords=tuple(
            dict.fromkeys(k.strip() for v in _values(entry, "keywords") for k in v.split(";") if k.strip())
        ),
        venue=_first(
            entry,
            "alternate_title3",
            "secondary_title",
            "journal_name",
            "alternate_title2",
            "alternate_title1",
        ),
        extra_ids=_extra_ids(entry),
        language=_first(entry, "language"),
        doc_type=_first(entry, "type_of_reference"),
        cited_by_count=_cited_by(notes),
        references=_references(notes),
    )


def _identifiers(
    entry: _Entry, urls: list[str], notes: list[str], problem: Callable[[str, str], None]
) -> tuple[str | None, str | None]:
    """``(doi, arxiv_id)`` from ``DO``, else the links and notes; a ``DO`` that is no DOI is
    reported."""
    doi = arxiv_id = None
    for written in _values(entry, "doi"):
        found_doi, found_arxiv = split_arxiv_doi(written)
        if not found_doi and not found_arxiv:
            problem("warning", f"DO {preview(written)!r} is not a DOI; not read")
        doi, arxiv_id = doi or found_doi, arxiv_id or found_arxiv
    for url in urls:
        found_doi, found_arxiv = ids_in_link(url)
        doi, arxiv_id = doi or found_doi, arxiv_id or found_arxiv
    for written in _values(entry, "type_of_work"):  # EndNote's M3 may hold the DOI
        found_doi, found_arxiv = split_arxiv_doi(written)
        doi, arxiv_id = doi or found_doi, arxiv_id or found_arxiv
    for note in notes + _values(entry, "note", "type_of_work", "accession_number"):
        if not _REFERENCES.match(note):
            arxiv_id = arxiv_id or find_arxiv_id(note)
    return doi, arxiv_id


def _authors(written: list[str]) -> tuple[tuple[AuthorRef, ...], list[OrgRef], bool]:
    """The people in order, the organisations credited as authors, and whether the list was cut."""
    people: list[AuthorRef] = []
    orgs: list[OrgRef] = []
    truncated = False
    for entry in dict.fromkeys(written):
        name, cut = strip_placeholder(entry)
        truncated = truncated or cut
        if not name:
            continue
        if looks_like_organisation(name):
            orgs.append(OrgRef(name))
        else:
            person = inverted_name(name)
            if person:
                people.append(AuthorRef(person))
    return tuple(people), orgs, truncated


def _date(entry: _Entry) -> tuple[str | None, str | None]:
    """The ISO date (module docstring), and a warning when the dates name no year."""
    written = _values(entry, "date", "publication_year", "year")
    if not written:
        return None, None
    parsed = [p for p in map(_slashed, written) if p is not None]
    year = _slashed(_first(entry, "year") or "") or (None, None, None)
    agreeing = [p for p in parsed if p[0] is not None and (year[0] is None or p[0] == year[0])]
    if not agreeing:
        return None, f"date {preview(written[0])!r} has no year; date left unknown"
    best = max(agreeing, key=lambda p: (p[1] is not None, p[2] is not None))
    if best[1] is None:
        best = _month_from_text(_first(entry, "date"), best[0]) or best
    found_year, month, day = best
    assert found_year is not None
    return partial_date(found_year, month, day), None


def _slashed(text: str) -> tuple[int | None, int | None, int | None] | None:
    """``2017/06/12/other`` -> (2017, 6, 12); empty parts are None; other text gives None."""
    text = text.strip()
    match = _SLASHED_DATE.match(text)
    if match and text[:1] in "/0123456789":
        year, month, day = (int(g) if g else None for g in match.groups())
        return year, month, day
    year_first = _YEAR_FIRST.match(text)  # "2017 Jun 12": the year is all RIS's form can tell
    return (int(year_first.group(1)), None, None) if year_first else None


def _month_from_text(text: str | None, year: int | None) -> tuple[int | None, int | None, int | None] | None:
    """EndNote's ``DA  - July`` or ``June 12``: that month (and day) of ``year``."""
    words = (text or "").replace(",", " ").split()
    month = month_number(words[0]) if words else None
    if month is None:
        return None
    day = int(words[1]) if len(words) > 1 and words[1].isdigit() else None
    return year, month, day


def _extra_ids(entry: _Entry) -> tuple[tuple[str, str], ...]:
    ids: list[tuple[str, str]] = []
    for number in _values(entry, "issn"):
        issn = _ISSN.search(number)
        compact = re.sub(r"[\s-]", "", number.split("(")[0])
        if _ISBN.match(compact):
            ids.append(("isbn", compact.upper()))
        elif issn:
            ids.append(("issn", f"{issn.group(1)}-{issn.group(2).upper()}"))
    ids.extend(("ris", value) for value in _values(entry, "id"))
    return tuple(dict.fromkeys(ids))


def _cited_by(notes: list[str]) -> int | None:
    for note in notes:
        match = _CITED_BY.search(note)
        if match:
            return int(match.group(1))
    return None


def _references(notes: list[str]) -> tuple[Reference, ...]:
    """Scopus's ``N1  - References: A; B; …``, one reference each."""
    found: list[Reference] = []
    for note in notes:
        start = _REFERENCES.match(note)
        if start:
            found.extend(_reference(raw.strip()) for raw in note[start.end() :].split(";") if raw.strip())
    return tuple(found)


def _reference(raw: str) -> Reference:
    """One Scopus reference, ``Surname, I., Surname, I.J., Title (2017) Source, 12, pp. 1-9``: the
    ``Surname, Initials`` pairs before the title are the authors (read token by token: a regular
    expression over the pairs would backtrack without end on a long reference with no year)."""
    doi_match = _DOI_IN_TEXT.search(raw)
    doi, arxiv_id = split_arxiv_doi(doi_match.group(0).rstrip(".")) if doi_match else (None, None)
    year = _YEAR_IN_PARENS.search(raw)
    tokens = raw[: year.start()].split(",") if year else raw.split(",")
    pairs = 0
    while 2 * pairs + 1 < len(tokens) and _INITIALS.fullmatch(tokens[2 * pairs + 1].strip()):
        pairs += 1
    title = ",".join(tokens[2 * pairs :]).strip(" ,.") if year and pairs else None
    return Reference(
        doi=doi,
        arxiv_id=arxiv_id or find_arxiv_id(raw),
        title=title or None,
        year=int(year.group(1)) if year else None,
        first_author=f"{tokens[0].strip()}, {tokens[1].strip()}" if pairs else None,
        venue=(raw[year.end() :].split(",")[0].strip() or None) if year and pairs else None,
        raw=raw,
    )
