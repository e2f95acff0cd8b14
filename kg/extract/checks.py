"""Checks every extracted record goes through, whatever its layout.

Each check is a plain function ``(record) -> (record, findings)``: it returns the record, changed
or not, and a list of ``(severity, message)`` findings that become Problems at the record's line.
Checks run in the order of :data:`RECORD_CHECKS`, after the extractor and before resolution, so a
rule that holds for every source (no placeholder is a person, no control character reaches a
writer...) is written once here instead of in each extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from kg.model import AuthorRef, Extraction, PaperRecord, Problem
from kg.normalize.names import UNNAMED, split_placeholder
from kg.normalize.text import clean_text, may_be_mojibake, repair_mojibake

Finding = tuple[str, str]  # (severity, message)
RecordCheck = Callable[[PaperRecord], tuple[PaperRecord, list[Finding]]]

#: How much of a repaired text a finding quotes as written (the file's line has all of it).
_QUOTED = 120


def repair_record_mojibake(record: PaperRecord) -> tuple[PaperRecord, list[Finding]]:
    """Double-decoded UTF-8 (``Aurora RamÃ­rez``) repaired in every text of the record, with one
    warning that quotes each text as written and as repaired (see
    :func:`kg.normalize.text.repair_mojibake`). A record with nothing to repair is returned as is."""
    if not may_be_mojibake("\n".join(_texts(record))) or all(
        repair_mojibake(text) == text for text in _texts(record)
    ):
        return record, []
    repaired: list[str] = []

    def fix(what: str, text: str) -> str:
        fixed = repair_mojibake(text)
        if fixed != text:
            repaired.append(f"{what} {_quote(text)} -> {_quote(fixed)}")
        return fixed

    def fix_all(what: str, texts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(fix(what, t) for t in texts)

    def fix_some(what: str, text: str | None) -> str | None:
        return fix(what, text) if text else text

    changed = replace(
        record,
        title=fix_some("title", record.title),
        abstract=fix_some("abstract", record.abstract),
        title_zh=fix_some("title_zh", record.title_zh),
        summary_zh=fix_some("summary_zh", record.summary_zh),
        venue=fix_some("venue", record.venue),
        keywords=fix_all("keyword", record.keywords),
        authors=tuple(
            replace(a, name=fix("author", a.name), affiliations=fix_all("affiliation", a.affiliations))
            for a in record.authors
        ),
        affiliations=tuple(replace(o, name=fix("organisation", o.name)) for o in record.affiliations),
    )
    message = "mojibake (UTF-8 decoded twice) repaired: " + "; ".join(dict.fromkeys(repaired))
    return changed, [("warning", message)]


def _texts(record: PaperRecord) -> Iterator[str]:
    """Every text of a record that :func:`repair_record_mojibake` looks at."""
    texts = (record.title, record.abstract, record.title_zh, record.summary_zh, record.venue)
    yield from (t for t in texts if t)
    yield from record.keywords
    for author in record.authors:
        yield author.name
        yield from author.affiliations
    yield from (o.name for o in record.affiliations)


def _quote(text: str) -> str:
    return repr(text if len(text) <= _QUOTED else text[:_QUOTED] + "…")


def clean_characters(record: PaperRecord) -> tuple[PaperRecord, list[Finding]]:
    """Every text of the record without control characters (but tab and newline) or lone
    surrogates (:func:`kg.normalize.text.clean_text`): no writer ever meets one."""
    clean, count = cleaned(record)
    if not count:
        return record, []
    return clean, [
        (
            "warning",
            f"{count} control character(s) or lone surrogate(s) in this record were replaced "
            "(by U+FFFD, or a space for page breaks)",
        )
    ]


def cleaned(value: Any) -> tuple[Any, int]:
    """``value`` (text, tuple, number, or a dataclass of them) with its texts cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, tuple):
        parts = [cleaned(item) for item in value]
        count = sum(n for _, n in parts)
        return (tuple(item for item, _ in parts) if count else value), count
    names = _field_names(type(value))
    if names:
        changes, total = {}, 0
        for name in names:
            new, count = cleaned(getattr(value, name))
            if count:
                changes[name], total = new, total + count
        return (replace(value, **changes) if changes else value), total
    return value, 0


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass type (empty for other types), looked up once per type."""
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else ()
    return _FIELD_NAMES[kind]


def drop_placeholder_authors(record: PaperRecord) -> tuple[PaperRecord, list[Finding]]:
    """No placeholder is a person: ``et al.``, ``and others``, ``等``, ``…``, ``Anonymous``,
    ``[no author]`` (:func:`kg.normalize.names.split_placeholder`, in any case and wherever
    they stand in the list, alone or glued to the last name) leave the author list, and the list
    is marked incomplete (``authors_truncated``): the paper has authors kg does not know. A cut
    marker is how lists are written, so it is no finding; an unnamed author is a warning."""
    authors: list[AuthorRef] = []
    found = False
    unnamed: list[str] = []
    for author in record.authors:
        name, kind = split_placeholder(author.name)
        if kind is None:
            authors.append(author)
            continue
        found = True
        if kind == UNNAMED:
            unnamed.append(author.name)
        if name:
            authors.append(replace(author, name=name))
    if not found:
        return record, []
    findings: list[Finding] = [
        ("warning", f"author {name!r} names no person: left out, the author list marked incomplete")
        for name in unnamed
    ]
    return replace(record, authors=tuple(authors), authors_truncated=True), findings


#: The checks, in the order they run.
RECORD_CHECKS: tuple[RecordCheck, ...] = (clean_characters, repair_record_mojibake, drop_placeholder_authors)


def check_extraction(
    extraction: Extraction, file: str, checks: Sequence[RecordCheck] = RECORD_CHECKS
) -> Extraction:
    """``extraction`` with every record passed through ``checks``, in order."""
    if not checks:
        return extraction
    records: list[PaperRecord] = []
    problems = list(extraction.problems)
    for record in extraction.records:
        for check in checks:
            record, findings = check(record)
            problems.extend(Problem(file, record.source.line, sev, msg) for sev, msg in findings)
        records.append(record)
    return replace(extraction, records=tuple(records), problems=tuple(problems))
