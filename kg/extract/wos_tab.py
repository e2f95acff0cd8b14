"""Web of Science exports as tab-delimited text ("Tab delimited file", UTF-8 or UTF-16 with a BOM,
which :mod:`kg.extract.reading` decodes).

The first line names the columns with the plain-text export's two-letter tags (``PT AU AF TI
SO …``), one record a line after it, tab-separated and unquoted. Multi-valued cells separate their
items with ``"; "`` (``AU``, ``AF``, ``CR``…; the ``C1`` addresses, whose ``[A; B]`` author lists
hold ``;`` too, are split outside the brackets). Each record is read as the plain-text export's
(:func:`kg.extract.wos.wos_record`: the same fields, the same rules); a row with fewer cells than
the header (a cut file) is read as far as it goes, with a warning.
"""

from __future__ import annotations

from kg.extract.lines import iter_lines
from kg.extract.wos import ITEM_TAGS, Fields, is_tag_line, split_addresses, wos_record
from kg.model import Extraction, ExtractOptions, PaperRecord, Problem

LAYOUT = "wos_tab"

_NEEDED = ("PT", "AU", "TI")


def _header(text: str) -> list[str] | None:
    """The column tags of the first line, when it is a WoS header (``PT``, ``AU``, ``TI``…)."""
    end = text.find("\n")
    first = text[: end if end >= 0 else len(text)].rstrip()
    tags = first.split("\t")
    if len(tags) < 5 or not all(tag == "" or is_tag_line(tag) for tag in tags):
        return None
    return tags if all(tag in tags for tag in _NEEDED) else None


def detect(text: str) -> float:
    """Sure when the first line is a tab-separated row of WoS tags with ``PT``, ``AU``, ``TI``."""
    return 0.98 if _header(text) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []
    tags = _header(text)
    if tags is None:
        problems.append(Problem(file, 1, "error", "the first line is not a Web of Science tab header"))
        return Extraction(problems=tuple(problems))
    lines = iter_lines(text)
    next(lines)
    for number, line in lines:
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < len(tags) - 1:  # WoS ends rows with an empty cell that some tools strip
            problems.append(
                Problem(
                    file,
                    number,
                    "warning",
                    f"this row has {len(cells)} of the header's {len(tags)} columns: the file may be "
                    "cut short (the record is read as far as it goes)",
                )
            )
        record = wos_record(_fields(tags, cells), file, number, LAYOUT, problems)
        if record is not None:
            records.append(record)
    return Extraction(records=tuple(records), problems=tuple(problems))


def _fields(tags: list[str], cells: list[str]) -> Fields:
    fields: Fields = {}
    for tag, cell in zip(tags, cells, strict=False):
        cell = cell.strip()
        if not tag or not cell:
            continue
        if tag in ITEM_TAGS:
            fields[tag] = cell.split("; ")
        elif tag == "C1":
            fields[tag] = split_addresses(cell)
        else:
            fields[tag] = [cell]
    return fields
