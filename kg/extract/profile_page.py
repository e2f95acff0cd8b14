"""A researcher's profile page (``seeds/003_*``): a header, then one record per paper.

::

    Kyungwoo Song              <- the researcher (the profile's source line)
    LG                         <- primary arXiv archive code
    h-index13 / 46papers / 794citations / Novelty53% / AI Score59   (one a line, numbers glued)
    46 Papers

    CVNov 3, 2023              <- headline (see kg.extract.headline); the year may be missing
    Towards Calibrated Robust Fine-Tuning of Vision-Language Models
    Changdae Oh, Hyesu Lim, Mijoo Kim et al. · cmu, uw      <- ' · ' organisation tags
    Improving out-of-distribution (OOD) generalization ...

Records are separated by blank lines, but are read line by line: a record is a headline and the
three non-blank lines after it (title, authors, abstract). A record with fewer lines keeps what
it has, with a warning; which line is missing is told from the lines themselves (an author list
has commas, ' · ' tags or 'et al.'; an abstract is long or ends a sentence). Three extra lines
that read as title, authors and abstract are a record whose headline is missing; other extra
lines are reported and skipped. When the header's paper count differs from the records found, a
warning gives both numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.headline import CATEGORY_CODE, parse_headline
from kg.extract.lines import Line, non_blank_lines, preview
from kg.extract.profile_list import looks_like_abstract, looks_like_name, strip_et_al
from kg.model import (
    AuthorProfile,
    AuthorRef,
    Extraction,
    ExtractOptions,
    OrgRef,
    PaperRecord,
    Problem,
    Source,
)
from kg.normalize.links import code_links
from kg.normalize.text import bounded_int

LAYOUT = "profile_page"

_NUMBER = r"(\d[\d,]*)"
_STATS = {  # AuthorProfile field -> the header line that gives it
    "h_index": re.compile(rf"h-?index\s*:?\s*{_NUMBER}", re.IGNORECASE),
    "paper_count": re.compile(rf"{_NUMBER}\s*papers?", re.IGNORECASE),
    "citations": re.compile(rf"{_NUMBER}\s*citations?", re.IGNORECASE),
    "novelty_percent": re.compile(rf"novelty\s*:?\s*{_NUMBER}\s*%?", re.IGNORECASE),
    "ai_score": re.compile(rf"ai\s*score\s*:?\s*{_NUMBER}", re.IGNORECASE),
}
_CATEGORY = re.compile(CATEGORY_CODE)
_ORG_TAGS = re.compile(r"\s+[·•]\s+")
_LIST_SEPARATOR = re.compile(r"\s*,\s*")


# ---------------------------------------------------------------- detection


def detect(text: str) -> float:
    """Header stats (h-index, papers, citations): up to 0.4; headlines after blank lines: 0.6."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if parse_headline(line)]
    header = lines[: heads[0]] if heads else lines[:20]
    stats = sum(
        1
        for key in ("h_index", "paper_count", "citations")
        if any(_STATS[key].fullmatch(line.strip()) for line in header)
    )
    after_blank = sum(1 for i in heads if i > 0 and not lines[i - 1].strip())
    separated = after_blank / len(heads) if heads else 0.0
    return round(0.4 * stats / 3 + 0.6 * separated, 3)


# ---------------------------------------------------------------- extraction


def extract(text: str, file: str, options: ExtractOptions = ExtractOptions()) -> Extraction:
    lines = non_blank_lines(text)
    first_head = next((i for i, line in enumerate(lines) if parse_headline(line.text)), len(lines))
    profile, problems = _profile(lines[:first_head], file)
    records: list[PaperRecord] = []
    blocks = _blocks(lines[first_head:])
    for index, (head, body) in enumerate(blocks):
        found, found_problems = _records(head, body, file, options.as_of, index == len(blocks) - 1)
        records.extend(found)
        problems.extend(found_problems)
    stated = _stated_paper_count(lines[:first_head])
    if stated and stated[1] != len(records):
        problems.append(
            Problem(
                file,
                stated[0],
                "warning",
                f"the header says {stated[1]} papers but {len(records)} records were read",
            )
        )
    problems.sort(key=lambda p: (p.line or 0, p.message))
    return Extraction(
        records=tuple(records), problems=tuple(problems), profiles=(profile,) if profile else ()
    )


def _blocks(lines: list[Line]) -> list[tuple[Line, list[Line]]]:
    """Each headline with the non-blank lines up to the next headline."""
    blocks: list[tuple[Line, list[Line]]] = []
    for line in lines:
        if parse_headline(line.text):
            blocks.append((line, []))
        else:
            blocks[-1][1].append(line)
    return blocks


# ---------------------------------------------------------------- the header


def _profile(header: list[Line], file: str) -> tuple[AuthorProfile | None, list[Problem]]:
    """The researcher's name (first header line), category and figures; None without a name."""
    if not header:
        return None, []
    problems: list[Problem] = []
    figures: dict[str, int] = {}
    category = None
    starts_with_name = not _stat(header[0].text) and not _CATEGORY.fullmatch(header[0].text)
    name_line = header[0] if starts_with_name else None
    for line in header[1:] if name_line else header:
        stat = _stat(line.text)
        if stat:
            figures.setdefault(*stat)  # the first mention wins ('46papers' before '46 Papers')
        elif category is None and _CATEGORY.fullmatch(line.text):
            category = line.text
        else:
            problems.append(
                Problem(file, line.number, "warning", f"header line not understood, ignored: {line.text!r}")
            )
    if name_line is None:
        problems.append(
            Problem(
                file,
                header[0].number,
                "warning",
                "the profile header does not start with the researcher's name; no profile read",
            )
        )
        return None, problems
    return AuthorProfile(
        source=Source(file, name_line.number, LAYOUT), name=name_line.text, category=category, **figures
    ), problems


def _stated_paper_count(header: list[Line]) -> tuple[int, int] | None:
    """(line, count) of the header's first paper count ('46papers' or '46 Papers')."""
    for line in header:
        stat = _stat(line.text)
        if stat and stat[0] == "paper_count":
            return line.number, stat[1]
    return None


def _stat(text: str) -> tuple[str, int] | None:
    for field, pattern in _STATS.items():
        match = pattern.fullmatch(text)
        if match:
            number = bounded_int(match.group(1).replace(",", ""))
            return (field, number) if number is not None else None
    return None


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class _Parts:
    title: Line | None = None
    authors: Line | None = None
    abstract: Line | None = None


def _records(
    head: Line, body: list[Line], file: str, as_of: str | None, at_end: bool
) -> tuple[list[PaperRecord], list[Problem]]:
    """The record of one headline block, plus any headless records among its extra lines."""
    problems: list[Problem] = []
    if not body:
        cut = "record cut off at the end of the file" if at_end else "record is empty"
        return [], [Problem(file, head.number, "error", f"{cut}: only its category/date line, skipped")]
    parts = _assign(body[:3])
    missing = [name for name in ("title", "authors", "abstract") if getattr(parts, name) is None]
    if missing:
        where = "record cut off at the end of the file" if at_end else "incomplete record"
        problems.append(
            Problem(file, head.number, "warning", f"{where}: no {', no '.join(missing)} line; left empty")
        )
    records = [_record(head, parts, file, as_of, problems)]
    extra = body[3:]
    while extra:
        if len(extra) >= 3 and _looks_like_author_line(extra[1].text) and looks_like_abstract(extra[2].text):
            problems.append(
                Problem(
                    file,
                    extra[0].number,
                    "warning",
                    "record has no category/date line before it; category and date left empty",
                )
            )
            records.append(_record(None, _Parts(*extra[:3]), file, as_of, problems))
            extra = extra[3:]
        else:
            problems.append(
                Problem(
                    file,
                    extra[0].number,
                    "warning",
                    f"line after an abstract that starts no record, skipped: {preview(extra[0].text)!r}",
                )
            )
            extra = extra[1:]
    return records, problems


def _assign(lines: list[Line]) -> _Parts:
    """Title, authors and abstract among up to three lines, telling a missing one by content."""
    if len(lines) == 3:
        return _Parts(*lines)
    if len(lines) == 2:
        first, second = lines
        if not looks_like_abstract(second.text):
            return _Parts(title=first, authors=second)
        if _looks_like_author_line(first.text):
            return _Parts(authors=first, abstract=second)
        return _Parts(title=first, abstract=second)
    (only,) = lines
    if looks_like_abstract(only.text):
        return _Parts(abstract=only)
    return _Parts(authors=only) if _looks_like_author_line(only.text) else _Parts(title=only)


def _looks_like_author_line(text: str) -> bool:
    """Organisation tags, 'et al.', or two or more comma-separated names (a title is one phrase)."""
    if _ORG_TAGS.search(text) or strip_et_al(text)[1]:
        return True
    names = _LIST_SEPARATOR.split(text)
    return len(names) >= 2 and all(looks_like_name(n, strict=False) for n in names)


def _record(
    head: Line | None, parts: _Parts, file: str, as_of: str | None, problems: list[Problem]
) -> PaperRecord:
    headline = parse_headline(head.text, as_of) if head else None
    if head and headline and headline.date is None:
        problems.append(
            Problem(file, head.number, "warning", f"no such date {headline.date_text!r}; date left empty")
        )
    authors, truncated, orgs = _author_line(parts.authors.text) if parts.authors else ((), False, ())
    abstract = parts.abstract.text if parts.abstract else None
    first = head or parts.title or parts.authors or parts.abstract
    assert first is not None  # callers pass a headline or a title, author and abstract line
    return PaperRecord(
        source=Source(file, first.number, LAYOUT),
        title=parts.title.text if parts.title else None,
        authors=tuple(AuthorRef(name) for name in authors),
        authors_truncated=truncated,
        affiliations=tuple(OrgRef(org) for org in orgs),
        category=headline.category if headline else None,
        date=headline.date if headline else None,
        has_code=headline.has_code if headline else False,
        code_urls=code_links(abstract),
        abstract=abstract,
    )


def _author_line(text: str) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """``A, B, C et al. · cmu, uw`` -> ``(A, B, C)``, truncated, ``(cmu, uw)``, as written."""
    names, _, orgs = _ORG_TAGS.sub(" · ", text, count=1).partition(" · ")
    names, truncated = strip_et_al(names.strip())
    return (
        tuple(n for n in _LIST_SEPARATOR.split(names) if n),
        truncated,
        tuple(o for o in _LIST_SEPARATOR.split(orgs.strip()) if o),
    )
