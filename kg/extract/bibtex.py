"""BibTeX / BibLaTeX files (``@article{key, ...}``), read with bibtexparser 2.

bibtexparser splits the file into blocks and resolves ``@string`` macros; this module turns each
entry into a :class:`PaperRecord`: LaTeX to Unicode (:mod:`kg.extract.latex`), ``Last, First``
and ``von Last, Jr, First`` names to ``First von Last Jr`` (``and others`` marks a cut list),
``year``/``month``/``day`` or BibLaTeX ``date`` to ISO, ``eprint`` + ``archivePrefix`` (or an
``arXiv:`` reference in ``journal``) to the arXiv id, ``doi`` to a bare DOI. An entry the parser
cannot read is a Problem at its line; the other entries are still read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.enclosing import RemoveEnclosingMiddleware
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)

from kg.extract.latex import latex_to_text
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import is_iso_date, month_number
from kg.normalize.ids import find_arxiv_id, normalize_arxiv_id, split_arxiv_doi
from kg.normalize.links import find_urls, on_code_host

LAYOUT = "bibtex"

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_NOT_ENTRIES = {"comment", "string", "preamble"}
_DANGLING_AND = re.compile(r"^\s*and(?:\s+|$)|\s+and\s*$", re.IGNORECASE)
_KEYWORD_SEPARATORS = re.compile(r"\s*[;,]\s*")
_AFFILIATION_SEPARATORS = re.compile(r"\s*;\s*")  # an organisation's name may hold a comma
#: Fields that hold prose or names (LaTeX-decoded); identifiers and URLs are read verbatim.
_TEXT_FIELDS = (
    "title",
    "journal",
    "booktitle",
    "abstract",
    "keywords",
    "affiliation",
    "affiliations",
    "note",
    "howpublished",
)


def detect(text: str) -> float:
    """Sure when the file has ``@type{`` entries at line starts (not only @string/@comment)."""
    entries = (m for m in _ENTRY_START.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)
    return 0.95 if next(entries, None) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    try:
        with _bibtexparser_quiet():
            library = bibtexparser.parse_string(text)
    except Exception as exc:  # bibtexparser raises its internal-state errors on some inputs
        return Extraction(
            problems=(
                Problem(
                    file,
                    None,
                    "error",
                    f"the BibTeX parser gave up on this file: {type(exc).__name__}: {exc}",
                ),
            )
        )
    records: list[PaperRecord] = []
    problems: list[Problem] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        entry, block_problem = _entry_of(block, library, file, line)
        if block_problem:
            problems.append(block_problem)
        if entry is not None:
            record, entry_problems = _record(entry, file, line)
            records.append(record)
            problems.extend(entry_problems)
    return Extraction(records=tuple(records), problems=tuple(problems))


@contextmanager
def _bibtexparser_quiet() -> Iterator[None]:
    """bibtexparser logs each broken block to stderr; kg reports them as Problems instead."""
    logger = logging.getLogger("bibtexparser")
    previous = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _entry_of(block, library: Library, file: str, line: int) -> tuple[Entry | None, Problem | None]:
    """The entry a block holds (if any), and a Problem when the parser flagged it."""
    if isinstance(block, DuplicateBlockKeyBlock) and not isinstance(block.ignore_error_block, Entry):
        return None, Problem(
            file, line, "warning", f"@string {block.key!r} is defined again; the first definition is used"
        )
    if isinstance(block, (DuplicateFieldKeyBlock, DuplicateBlockKeyBlock)):
        # The parse stack skipped this entry: its values still carry their braces or quotes.
        entry = RemoveEnclosingMiddleware().transform_entry(block.ignore_error_block, library)
        if isinstance(block, DuplicateFieldKeyBlock):
            message = (
                f"entry repeats the field(s) {', '.join(sorted(block.duplicate_keys))}; "
                "the first value is used"
            )
        else:
            message = f"entry key {block.key!r} was already used by an earlier entry"
        return entry, Problem(file, line, "warning", message)
    if isinstance(block, ParsingFailedBlock):
        reason = getattr(block.error, "abort_reason", None) or str(block.error) or "syntax error"
        raw = (block.raw or "").strip()
        head = raw.splitlines()[0][:60] if raw else ""
        return None, Problem(
            file, line, "error", f"malformed BibTeX entry {head!r} skipped: {reason.strip()}"
        )
    if isinstance(block, Entry):
        return block, None
    return None, None


def _fields(entry: Entry) -> dict[str, str]:
    """Field name (lower case) -> raw value; the first of repeated fields wins."""
    out: dict[str, str] = {}
    for field in entry.fields:
        out.setdefault(field.key.lower(), str(field.value).strip())
    return out


def _record(entry: Entry, file: str, line: int) -> tuple[PaperRecord, list[Problem]]:
    raw = _fields(entry)
    text = {k: latex_to_text(v) for k, v in raw.items() if k in _TEXT_FIELDS and v}
    problems: list[Problem] = []

    def warn(message: str) -> None:
        problems.append(Problem(file, line, "warning", f"entry {entry.key!r}: {message}"))

    authors, truncated, bad_names = _authors(raw.get("author", ""))
    for name in bad_names:
        warn(f"author name {name!r} could not be split into parts; kept as written")
    if not authors:
        warn("no authors")
    iso_date, date_problem = _date(raw)
    if date_problem:
        warn(date_problem)
    if not text.get("title"):
        warn("no title")
    doi, arxiv_from_doi = split_arxiv_doi(raw.get("doi"))
    if raw.get("doi") and not (doi or arxiv_from_doi):
        warn(f"doi {raw['doi']!r} is not a DOI; ignored")
    for key in _unresolved_macros(entry):
        warn(f"field {key!r} names an undefined @string macro {raw[key]!r}; kept as written")
    code_urls = _code_urls(raw, text)
    record = PaperRecord(
        source=Source(file, line, LAYOUT),
        title=text.get("title") or None,
        authors=authors,
        authors_truncated=truncated,
        affiliations=tuple(
            OrgRef(name)
            for name in _split_list(
                text.get("affiliation") or text.get("affiliations"), _AFFILIATION_SEPARATORS
            )
        ),
        category=_arxiv_category(raw),
        date=iso_date,
        has_code=bool(code_urls),
        code_urls=code_urls,
        arxiv_id=_arxiv_id(raw, text) or arxiv_from_doi,
        abstract=text.get("abstract") or None,
        doi=doi,
        keywords=_split_list(text.get("keywords"), _KEYWORD_SEPARATORS),
        venue=text.get("journal") or text.get("booktitle") or None,
        extra_ids=(("bibtex", entry.key),) if entry.key else (),
    )
    return record, problems


def _authors(value: str) -> tuple[tuple[AuthorRef, ...], bool, list[str]]:
    """``(authors, truncated, names that could not be split)`` of a raw BibTeX author field."""
    authors: list[AuthorRef] = []
    truncated = False
    bad: list[str] = []
    value = _DANGLING_AND.sub("", value)
    for name in split_multiple_persons_names(value) if value.strip() else []:
        try:
            written = latex_to_text(parse_single_name_into_parts(name).merge_first_name_first)
        except InvalidNameError:
            written = latex_to_text(name)
            bad.append(written)
        if written:
            authors.append(AuthorRef(written))
    return tuple(authors), truncated, bad


def _date(raw: dict[str, str]) -> tuple[str | None, str | None]:
    """ISO date from BibLaTeX ``date`` or from ``year``/``month``/``day``; parts never invented."""
    if raw.get("date"):
        start = raw["date"].split("/")[0].strip()
        if is_iso_date(start):
            return start, None
    year = raw.get("year", "").strip("{} ")
    if not year:
        return None, "no year"
    if not re.fullmatch(r"\d{4}", year):
        return None, f"year {year!r} is not a year; date left unknown"
    month = _month(raw.get("month", ""))
    if month is None:
        return year, (f"month {raw['month']!r} is not a month" if raw.get("month") else None)
    day = raw.get("day", "").strip("{} ")
    if not day:
        return f"{year}-{month:02d}", None
    try:
        return date(int(year), month, int(day)).isoformat(), None
    except ValueError:
        return f"{year}-{month:02d}", f"day {day!r} is not a day of that month; left out"


def _month(value: str) -> int | None:
    """``may``, ``{May}``, ``5``, ``{05}`` -> 5."""
    value = value.strip("{} ")
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    return month_number(value) if value else None


def _arxiv_id(raw: dict[str, str], text: dict[str, str]) -> str | None:
    """``eprint`` when the archive is arXiv (or not named), else an ``arXiv:`` reference."""
    archive = (raw.get("archiveprefix") or raw.get("eprinttype") or "arxiv").lower()
    if raw.get("eprint") and archive == "arxiv":
        found = normalize_arxiv_id(raw["eprint"])
        if found:
            return found
    for key in ("journal", "note", "howpublished", "url", "booktitle"):
        found = find_arxiv_id(text.get(key) or raw.get(key))
        if found:
            return found
    return None


def _arxiv_category(raw: dict[str, str]) -> str | None:
    value = raw.get("primaryclass") or raw.get("eprintclass")
    return value.strip() if value and value.strip() else None


def _code_urls(raw: dict[str, str], text: dict[str, str]) -> tuple[str, ...]:
    """Links in a ``code`` field, and code-host links in ``note``/``howpublished``/``url``."""
    urls = list(find_urls(raw.get("code")))
    for key in ("note", "howpublished", "url"):
        urls.extend(u for u in find_urls(text.get(key) or raw.get(key)) if on_code_host(u))
    return tuple(dict.fromkeys(urls))


def _split_list(value: str | None, separators: re.Pattern[str]) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(part for part in separators.split(value) if part))


def _unresolved_macros(entry: Entry) -> list[str]:
    """Fields whose value is a bare word that no @string defined (months are BibTeX built-ins)."""
    return [
        f.key.lower()
        for f in entry.fields
        if f.enclosing == "no-enclosing" and f.key.lower() != "month" and not str(f.value).strip().isdigit()
    ]
