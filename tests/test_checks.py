"""kg.extract.checks: the per-record checks every layout's records go through."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.checks import Finding, check_extraction
from kg.model import AuthorRef, Extraction, PaperRecord, Problem, Source


def _record(line: int, *names: str) -> PaperRecord:
    return PaperRecord(
        Source("a.bib", line, "bibtex"), title=f"T{line}", authors=tuple(map(AuthorRef, names))
    )


def _drop_anonymous(record: PaperRecord) -> tuple[PaperRecord, list[Finding]]:
    kept = tuple(a for a in record.authors if a.name != "Anonymous")
    if len(kept) == len(record.authors):
        return record, []
    return replace(record, authors=kept), [("warning", "'Anonymous' is not an author; dropped")]


def _count_authors(record: PaperRecord) -> tuple[PaperRecord, list[Finding]]:
    return record, [("warning", f"{len(record.authors)} authors")]


def test_checks_change_records_in_order_and_their_findings_cite_the_record_line():
    given = Extraction(
        records=(_record(3, "Ada Lovelace", "Anonymous"), _record(9, "Alan Turing")),
        problems=(Problem("a.bib", 1, "warning", "read before the checks"),),
    )
    checked = check_extraction(given, "a.bib", (_drop_anonymous, _count_authors))
    assert [r.author_names for r in checked.records] == [("Ada Lovelace",), ("Alan Turing",)]
    assert [str(p) for p in checked.problems] == [
        "a.bib:1: warning: read before the checks",
        "a.bib:3: warning: 'Anonymous' is not an author; dropped",
        "a.bib:3: warning: 1 authors",  # the second check sees what the first one left
        "a.bib:9: warning: 1 authors",
    ]


def test_without_checks_the_extraction_is_returned_as_it_is():
    given = Extraction(records=(_record(3, "Anonymous"),))
    assert check_extraction(given, "a.bib", ()) is given


def test_the_character_check_is_skipped_only_where_nothing_can_hold_an_unsafe_character():
    from kg.extract.checks import RECORD_CHECKS, checks_for, clean_characters

    assert clean_characters not in checks_for("a plain title, Ramírez, 赵军峰")
    for risky in ("a\x00b", "x\x1by", '{"t": "\\ud800"}', '{"t": "\\u0007"}', "&#7;", "a\x85b"):
        assert checks_for(risky) == RECORD_CHECKS, repr(risky)
    assert checks_for('{"t": "\\u00e9"}') != RECORD_CHECKS  # an escaped é decodes to nothing unsafe
