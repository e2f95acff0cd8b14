"""Checks every extracted record goes through, whatever its layout.

Each check is a plain function ``(record) -> (record, findings)``: it returns the record, changed
or not, and a list of ``(severity, message)`` findings that become Problems at the record's line.
Checks run in the order of :data:`RECORD_CHECKS`, after the extractor and before resolution, so a
rule that holds for every source (no placeholder is a person, no control character reaches a
writer...) is written once here instead of in each extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from kg.model import AuthorRef, Extraction, PaperRecord, Problem
from kg.normalize.names import UNNAMED, split_placeholder

Finding = tuple[str, str]  # (severity, message)
RecordCheck = Callable[[PaperRecord], tuple[PaperRecord, list[Finding]]]


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
RECORD_CHECKS: tuple[RecordCheck, ...] = (drop_placeholder_authors,)


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
