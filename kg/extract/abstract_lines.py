"""One ``Abstract:...`` line per paper (``seeds/001_*``, ``seeds/002_*``).

The layout gives an abstract and nothing else: no title, authors, date or category, so those stay
unknown. Blank lines are skipped; any other line is reported (warning) and the rest is read; an
``Abstract:`` line with no text is reported (error) and skipped.

What counts as code: there is no ``Code`` marker here (the profile layouts have one), so the only
evidence is a code link in the abstract (see :func:`kg.normalize.links.code_links`); ``has_code``
is true exactly when one was found.
"""

from __future__ import annotations

import re

from kg.extract.lines import preview
from kg.model import Extraction, ExtractOptions, PaperRecord, Problem, Source
from kg.normalize.links import code_links

LAYOUT = "abstract_lines"

_ABSTRACT = re.compile(r"^\s*abstract\s*[:：]\s*(.*)$", re.IGNORECASE)


def detect(text: str) -> float:
    """The share of non-blank lines that are ``Abstract:`` lines (0.0 when there are none)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return 0.0
    return sum(1 for line in lines if _ABSTRACT.match(line)) / len(lines)


def extract(text: str, file: str, options: ExtractOptions = ExtractOptions()) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _ABSTRACT.match(line)
        if match is None:
            problems.append(
                Problem(
                    file, number, "warning", f"not an 'Abstract:' line, ignored: {preview(line.strip())!r}"
                )
            )
        elif not match.group(1).strip():
            problems.append(Problem(file, number, "error", "empty 'Abstract:' line, skipped"))
        else:
            records.append(_record(match.group(1).strip(), Source(file, number, LAYOUT)))
    return Extraction(records=tuple(records), problems=tuple(problems))


def _record(abstract: str, source: Source) -> PaperRecord:
    urls = code_links(abstract)
    return PaperRecord(source=source, abstract=abstract, has_code=bool(urls), code_urls=urls)
