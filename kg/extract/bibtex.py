"""BibTeX / BibLaTeX files (``@article{key, ...}``), read with bibtexparser 2.

bibtexparser splits the file into blocks and resolves ``@string`` macros; this module turns each
entry into a :class:`PaperRecord`: LaTeX to Unicode (:mod:`kg.extract.latex`), ``Last, First``
and ``von Last, Jr, First`` names to ``First von Last Jr`` (``and others`` or ``et al.`` marks a
cut list; a Chinese list joined by ``,`` ``，`` ``、`` is split into its people; a name braced
whole, ``{World Health Organization}``, is a corporate author: an organisation of the record, not
an author), ``year``/``month``/``day`` or BibLaTeX ``date`` to ISO, the arXiv id and version from
``eprint`` + ``archivePrefix``, from dblp's ``journal = {CoRR}, volume = {abs/1706.03762}`` or
from an ``arXiv:`` reference (Google Scholar's ``journal = {arXiv preprint arXiv:1706.03762}``);
a journal that names arXiv marks a preprint (``doc_type``) and is no venue. The venue is the
first of :data:`VENUE_FIELDS` the entry fills (``venue_field`` says which); ``doi`` gives a bare
DOI. An entry the parser cannot read is a Problem at its line; the other entries are still read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares.enclosing import RemoveEnclosingMiddleware
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)

from kg.extract.latex import latex_to_text
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import is_iso_date, month_number
from kg.normalize.ids import (
    arxiv_version,
    corr_volume_arxiv_id,
    find_arxiv_id,
    find_versioned_arxiv_id,
    is_arxiv_journal,
    normalize_arxiv_id,
    split_arxiv_doi,
)
from kg.normalize.links import code_links, find_urls
from kg.normalize.names import split_placeholder
from kg.normalize.text import bounded_int

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
    "series",
    "publisher",
    "organization",
    "institution",
    "school",
)
#: Where an entry names its venue, in the order they are tried (``venue_field`` says which won).
VENUE_FIELDS = (
    "booktitle", "journal", "series", "publisher", "organization", "institution", "school", "howpublished",
)  # fmt: skip
_NAME_LIST_SEPARATORS = re.compile(r"\s*[,，、]\s*")
_AND = re.compile(r"\sand\s", re.IGNORECASE)
#: ``and others`` (BibTeX's mark of a cut list) and ``et al.`` written as a name or after one.
#: A CJK personal name: two to four Han, kana or Hangul characters (a middle dot may join the
#: parts of a transliterated name, ``阿卜杜拉·艾力``).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_LETTERS = f"\u3040-\u30ff{_HAN}\uac00-\ud7af"  # kana, Han, Hangul
_CJK_NAME = re.compile(rf"^[{_CJK_LETTERS}]{{2,4}}$")
_CJK_DOTTED_NAME = re.compile(rf"^[{_HAN}]{{1,6}}(?:[·•][{_HAN}]{{1,6}})+$")
_CJK = re.compile(rf"[{_CJK_LETTERS}]")


def detect(text: str) -> float:
    """Sure when the file has ``@type{`` entries at line starts (not only @string/@comment)."""
    entries = (m for m in _ENTRY_START.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)
    return 0.95 if next(entries, None) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    try:
        with _bibtexparser_quiet():
            library = parse_string(text)
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


def _entry_of(block: Block, library: Library, file: str, line: int) -> tuple[Entry | None, Problem | None]:
    """The entry a block holds (if any), and a Problem when the parser flagged it."""
    if isinstance(block, DuplicateBlockKeyBlock) and not isinstance(block.ignore_error_block, Entry):
        return None, Problem(
            file, line, "warning", f"@string {block.key!r} is defined again; the first definition is used"
        )
    if isinstance(block, (DuplicateFieldKeyBlock, DuplicateBlockKeyBlock)):
        # The parse stack skipped this entry: its values still carry their braces or quotes.
        ignored = block.ignore_error_block
        assert isinstance(
            ignored, Entry
        )  # the parser keeps the entry it skipped (a @string was handled above)
        entry = RemoveEnclosingMiddleware().transform_entry(ignored, library)
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

    authors, truncated, bad_names, corporate = _authors(raw.get("author", ""))
    for name in bad_names:
        warn(f"author name {name!r} could not be split into parts; kept as written")
    if not authors and not corporate:
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
    arxiv_id, version = _arxiv_id(raw, text)
    venue_field = _venue_field(text)
    affiliations = _split_list(text.get("affiliation") or text.get("affiliations"), _AFFILIATION_SEPARATORS)
    record = PaperRecord(
        source=Source(file, line, LAYOUT),
        title=text.get("title") or None,
        authors=authors,
        authors_truncated=truncated,
        affiliations=tuple(OrgRef(name) for name in dict.fromkeys(corporate + affiliations)),
        category=_arxiv_category(raw),
        date=iso_date,
        has_code=bool(code_urls),
        code_urls=code_urls,
        arxiv_id=arxiv_id or arxiv_from_doi,
        arxiv_version=version if arxiv_id else None,
        abstract=text.get("abstract") or None,
        doi=doi,
        keywords=_split_list(text.get("keywords"), _KEYWORD_SEPARATORS),
        venue=text[venue_field] if venue_field else None,
        venue_field=venue_field,
        doc_type="preprint" if is_arxiv_journal(text.get("journal")) else None,
        extra_ids=(("bibtex", entry.key),) if entry.key else (),
    )
    return record, problems


def _authors(value: str) -> tuple[tuple[AuthorRef, ...], bool, list[str], tuple[str, ...]]:
    """``(authors, truncated, names that could not be split, corporate authors)`` of a raw
    BibTeX author field. A name wrapped whole in braces (``{World Health Organization}``,
    ``{中国翻译协会}``) is BibTeX's way of writing a corporate author: it is kept whole, as an
    organisation, unless it has the shape of a CJK personal name (``{张三}``), which is a person
    written whole. CJK names listed with ``,`` ``，`` or ``、`` and no ``and`` are one person each."""
    authors: list[AuthorRef] = []
    corporate: list[str] = []
    truncated = False
    bad: list[str] = []
    value = _DANGLING_AND.sub("", value)
    for name in _person_names(value):
        rest, placeholder = split_placeholder(name.strip().strip("{}"))  # before parsing: no name
        if placeholder is not None:
            truncated = True
            if not rest.strip(" {}"):
                continue
            name = rest
        whole = _braced_whole(name)
        if whole is not None:
            written = latex_to_text(whole)
            if written and not _is_cjk_name(written):
                corporate.append(written)
                continue
        else:
            try:
                written = latex_to_text(parse_single_name_into_parts(name).merge_first_name_first)
            except InvalidNameError:
                written = latex_to_text(name)
                bad.append(written)
        if written:
            authors.append(AuthorRef(written))
    return tuple(authors), truncated, bad, tuple(dict.fromkeys(corporate))


def _person_names(value: str) -> list[str]:
    """The names of an author field: split at ``and``, or a CJK list split at its commas."""
    if not value.strip():
        return []
    if not _AND.search(value) and _CJK.search(value):
        parts = [p.strip("{} ") for p in _NAME_LIST_SEPARATORS.split(value.strip().strip(",，、")) if p]
        if len(parts) > 1 and all(_is_cjk_name(p) for p in parts):
            return parts
    return list(split_multiple_persons_names(value))


def _is_cjk_name(text: str) -> bool:
    return bool(_CJK_NAME.match(text) or _CJK_DOTTED_NAME.match(text))


def _braced_whole(name: str) -> str | None:
    """The inside of ``{…}`` when one brace pair encloses the whole name, else None."""
    name = name.strip()
    if not (name.startswith("{") and name.endswith("}")):
        return None
    depth = 0
    for i, ch in enumerate(name):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and i < len(name) - 1:
            return None  # ``{\'E}mile Zola``: the first brace closes before the end
    return name[1:-1].strip()


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
        return date(int(year), month, bounded_int(day) or 0).isoformat(), None
    except ValueError:
        return f"{year}-{month:02d}", f"day {day!r} is not a day of that month; left out"


def _month(value: str) -> int | None:
    """``may``, ``{May}``, ``5``, ``{05}`` -> 5."""
    value = value.strip("{} ")
    if value.isdigit():
        number = bounded_int(value)
        return number if number is not None and 1 <= number <= 12 else None
    return month_number(value) if value else None


def _arxiv_id(raw: dict[str, str], text: dict[str, str]) -> tuple[str | None, int | None]:
    """``(id, version)``: ``eprint`` when the archive is arXiv (or not named), a CoRR/arXiv
    journal's ``volume`` (``abs/1706.03762``), else an ``arXiv:`` reference in the text fields."""
    archive = (raw.get("archiveprefix") or raw.get("eprinttype") or "arxiv").lower()
    if raw.get("eprint") and archive == "arxiv":
        found = normalize_arxiv_id(raw["eprint"])
        if found:
            return found, arxiv_version(raw["eprint"])
    if is_arxiv_journal(text.get("journal")):
        found, version = corr_volume_arxiv_id(raw.get("volume"))
        if found:
            return found, version
    for key in ("journal", "note", "howpublished", "url", "booktitle"):
        found, version = find_versioned_arxiv_id(text.get(key) or raw.get(key))
        if found:
            return found, version
    return None, None


def _venue_field(text: dict[str, str]) -> str | None:
    """The first field of :data:`VENUE_FIELDS` that names a venue: not a journal that names
    arXiv itself (a preprint), not a ``howpublished`` that is only a link or an arXiv reference."""
    for key in VENUE_FIELDS:
        value = text.get(key, "").strip()
        if not value or (key in ("journal", "howpublished") and is_arxiv_journal(value)):
            continue
        if key == "howpublished" and (find_urls(value) or find_arxiv_id(value)):
            continue
        return key
    return None


def _arxiv_category(raw: dict[str, str]) -> str | None:
    value = raw.get("primaryclass") or raw.get("eprintclass")
    return value.strip() if value and value.strip() else None


def _code_urls(raw: dict[str, str], text: dict[str, str]) -> tuple[str, ...]:
    """Links in a ``code`` field, and code links (:func:`~kg.normalize.links.code_links`: on a
    code host, or after ``Code:``) in ``note``/``howpublished``/``url``."""
    urls = list(find_urls(raw.get("code")))
    for key in ("note", "howpublished", "url"):
        urls.extend(code_links(text.get(key) or raw.get(key)))
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
