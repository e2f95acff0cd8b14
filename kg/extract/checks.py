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

from kg.model import Extraction, PaperRecord, Problem

Finding = tuple[str, str]  # (severity, message)
RecordCheck = Callable[[PaperRecord], tuple[PaperRecord, list[Finding]]]

#: The checks, in the order they run.
RECORD_CHECKS: tuple[RecordCheck, ...] = ()


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
