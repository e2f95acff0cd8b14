"""Web of Science exports in plain text ("Plain text file", the ISI export format).

A file opens with ``FN`` and ``VR`` and ends with ``EF``; each record is a run of lines
``TAG value`` (two upper-case characters, a space), continued on lines indented by three
spaces, and ends with ``ER``. Multi-valued tags (``AU``, ``AF``, ``C1``, ``CR``…) give one item a
line; ``DE``, ``ID``, ``OI``, ``RI`` are ``;``-separated lists. kg reads (:func:`wos_record`,
shared with the tab-delimited export, :mod:`kg.extract.wos_tab`):

- ``UT`` the accession number (``("wos", "WOS:…")``; ``MEDLINE:…`` is a PubMed id), ``PM``
  (``pmid``), ``DI`` (the DOI), ``TI``, ``AB``, ``SO`` (venue), ``PY`` and ``PD`` (the date),
  ``LA``, ``DT`` (document type), ``TC`` (times cited), ``DE`` and ``ID`` (keywords);
- authors in order, ``AF`` (``Vaswani, Ashish``) preferred to ``AU`` (``Vaswani, A``); ``CA``
  group authors are organisations, not people; ``OI`` ORCID iDs and ``RI`` ResearcherIDs
  (``Name/id``) go to the author of that name;
- ``C1`` addresses: ``[Author A; Author B] Org, City, Country.`` ties the organisation to the
  authors named; an address without brackets belongs to the record, and to its authors when it
  is the only address or the record has one author (several unbracketed addresses for several
  authors tie no one); ``RP`` (the reprint address) only when there is no ``C1``;
- ``CR`` cited references, one a line (:func:`kg.normalize.references.wos_reference`).

A record without ``TI`` is read untitled with a warning when it has an abstract, else skipped as
an error; a record that is not closed by ``ER`` (a cut file) is read as far as it goes, with a
warning, as is a file without ``EF``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from kg.extract.lines import iter_line_blocks, iter_lines, preview
from kg.extract.pubmed import inverted_name
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import month_number, partial_date
from kg.normalize.ids import normalize_orcid, split_arxiv_doi
from kg.normalize.references import wos_reference

LAYOUT = "wos"

#: Tags of which each line (plain text) or ``"; "``-separated item (tab-delimited) is one item.
ITEM_TAGS = frozenset({"AU", "AF", "CA", "BA", "BF", "BE", "GP", "CR"})
#: Tags whose value is a ``;``-separated list that plain text may wrap over lines.
_LIST_TAGS = ("DE", "ID", "OI", "RI")
_HEAD_LINES = 30
_CONTINUATION = "   "

#: One record's values: tag -> its lines (plain text) or items (tab-delimited).
Fields = dict[str, list[str]]


def detect(text: str) -> float:
    """Sure when the file opens with ``FN`` (and ``VR``) and a record's ``PT`` line follows;
    likely when it opens with ``PT`` and other tag lines follow."""
    tags: list[str] = []
    for number, line in iter_lines(text):
        if number > _HEAD_LINES or len(tags) >= 4:
            break
        if line.strip():
            if not is_tag_line(line):
                return 0.0
            tags.append(line[:2])
    if not tags:
        return 0.0
    if tags[0] == "FN" and "PT" in tags:
        return 0.98
    if tags[0] in ("FN", "PT") and sum(t in ("PT", "AU", "AF", "TI", "VR") for t in tags) >= 2:
        return 0.9
    return 0.0


def is_tag_line(line: str) -> bool:
    """``TI Title`` or ``ER``: two upper-case letters or digits (a letter first), then a space or
    the end of the line."""
    head = line[:2]
    return (
        len(head) == 2
        and head.isascii()
        and head.isalnum()
        and head[0].isalpha()
        and head.isupper()
        and (len(line) == 2 or line[2] == " ")
    )


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []
    for line, fields in _records(text, file, problems):  # one record at a time: memory stays flat
        record = wos_record(fields, file, line, LAYOUT, problems)
        if record is not None:
            records.append(record)
    return Extraction(records=tuple(records), problems=tuple(problems))


def _records(text: str, file: str, problems: list[Problem]) -> Iterator[tuple[int, Fields]]:
    """``(line of the record's first tag, its fields)`` for each record, in file order."""
    fields: Fields = {}
    values: list[str] | None = None  # the lines of the tag being read
    start = number = 0
    ended_file = False
    tags = _known_tags()
    for block in iter_line_blocks(text):
        for line in block:
            number += 1
            if line[:3] == _CONTINUATION:
                if values is not None:
                    values.append(line)  # stripped when read (_text, _items)
                elif line.strip():
                    problems.append(_not_a_tag(file, number, line))
                continue
            tag = line[:2]
            if tag not in tags or line[2:3] not in ("", " "):
                line = line.rstrip()
                if not line:
                    continue
                if not is_tag_line(line):
                    problems.append(_not_a_tag(file, number, line))
                    continue
                tags.add(tag)
            if tag == "ER":
                if fields:
                    yield start, fields
                fields, values = {}, None
                continue
            if tag == "EF":
                ended_file, values = True, None
                continue
            if tag in ("FN", "VR") and not fields:
                values = None
                continue
            if tag == "PT" and fields:
                problems.append(_unclosed(file, start))
                yield start, fields
                fields = {}
            if not fields:
                start = number
            values = fields.setdefault(tag, [])
            values.append(line[3:])
    if fields:
        problems.append(_unclosed(file, start))
        yield start, fields
    if not ended_file:
        problems.append(Problem(file, None, "warning", "no EF line ends this file: it may be cut short"))


def _known_tags() -> set[str]:
    """The tags seen so far, starting with the common ones (a set look-up per line, not a test)."""
    return {"PT", "AU", "AF", "TI", "SO", "AB", "C1", "CR", "ER", "EF", "FN", "VR", "UT", "PY"}


def _not_a_tag(file: str, number: int, line: str) -> Problem:
    return Problem(
        file, number, "warning", f"not a Web of Science tag line, skipped: {preview(line.strip())!r}"
    )


def _unclosed(file: str, line: int) -> Problem:
    return Problem(
        file,
        line,
        "warning",
        "this record has no ER line: the file may be cut short (the record is read as far as it goes)",
    )


# ----------------------------------------------------------------------- record (both forms)


def wos_record(
    fields: Fields, file: str, line: int, layout: str, problems: list[Problem]
) -> PaperRecord | None:
    """The record one WoS export gives, from its tagged values (plain text or tab-delimited)."""
    ut = _text(fields, "UT")
    title = _text(fields, "TI")
    abstract = _text(fields, "AB")
    name = ut or "(no UT)"
    if not title:
        if not abstract:
            problems.append(
                Problem(file, line, "error", f"record {name} has no title (TI) nor abstract (AB); skipped")
            )
            return None
        problems.append(Problem(file, line, "warning", f"record {name} has no title (TI); read untitled"))
    doi, arxiv_id = split_arxiv_doi(_text(fields, "DI"))
    authors, orgs = _authors(fields)
    if not authors and not orgs:
        problems.append(Problem(file, line, "warning", f"record {name} has no authors"))
    return PaperRecord(
        source=Source(file, line, layout),
        title=title,
        authors=authors,
        affiliations=orgs,
        date=_date(_text(fields, "PY"), _text(fields, "PD")),
        arxiv_id=arxiv_id,
        abstract=abstract,
        doi=doi,
        keywords=tuple(dict.fromkeys(_listed(fields, "DE") + _listed(fields, "ID"))),
        venue=_text(fields, "SO"),
        extra_ids=_ids(ut, _text(fields, "PM")),
        language=_text(fields, "LA"),
        doc_type=_text(fields, "DT"),
        cited_by_count=_count(_text(fields, "TC")),
        references=tuple(wos_reference(item) for item in _items(fields, "CR")),
    )


def _text(fields: Fields, tag: str) -> str | None:
    lines = fields.get(tag)
    if not lines:
        return None
    return (lines[0].strip() if len(lines) == 1 else " ".join(map(str.strip, lines)).strip()) or None


def _items(fields: Fields, tag: str) -> list[str]:
    return [item.strip() for item in fields.get(tag, ()) if item.strip()]


def _listed(fields: Fields, tag: str) -> list[str]:
    joined = _text(fields, tag)
    return [item.strip() for item in joined.split(";") if item.strip()] if joined else []


def _count(written: str | None) -> int | None:
    return int(written) if written and written.isdigit() else None


def _ids(ut: str | None, pmid: str | None) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    if ut:
        database, _, number = ut.partition(":")
        if database.upper() == "MEDLINE" and number.strip().isdigit():
            pmid = pmid or number.strip()
        else:
            found.append(("wos", ut if number else f"WOS:{ut}"))
    if pmid and pmid.isdigit():
        found.append(("pmid", pmid))
    return tuple(found)


def _date(year: str | None, written: str | None) -> str | None:
    """``PY 2021`` with ``PD MAR 15`` -> ``2021-03-15``; ``PD MAR`` -> ``2021-03``; a season or
    a range (``SPR``, ``MAR-APR``) names no one month: the year alone."""
    if not year or not year.isdigit() or len(year) != 4:
        return None
    parts = (written or "").split()
    month = month_number(parts[0]) if parts and "-" not in parts[0] else None
    day = int(parts[1]) if month and len(parts) > 1 and parts[1].isdigit() else None
    return partial_date(int(year), month, day)


# ------------------------------------------------------------------------ authors, addresses


def _authors(fields: Fields) -> tuple[tuple[AuthorRef, ...], tuple[OrgRef, ...]]:
    short, full = _items(fields, "AU"), _items(fields, "AF")
    written = full or short
    index: dict[str, int] = {}  # name key -> position, for every spelling the record gives
    for spellings in (short, full):
        for position, spelling in enumerate(spellings):
            index.setdefault(_name_key(spelling), position)
    places: list[list[str]] = [[] for _ in written]
    ids: list[list[tuple[str, str]]] = [[] for _ in written]
    orcids: list[str | None] = [None for _ in written]
    record_orgs = _addresses(fields, index, places)
    for tag in ("OI", "RI"):
        for item in _listed(fields, tag):
            name, _, value = item.rpartition("/")
            at = index.get(_name_key(name))
            if at is None or at >= len(written) or not value.strip():
                continue
            if tag == "OI":
                orcids[at] = orcids[at] or normalize_orcid(value)
            else:
                ids[at].append(("researcherid", value.strip()))
    authors = tuple(
        AuthorRef(
            wos_name(spelling),
            orcid=orcids[i],
            affiliations=tuple(dict.fromkeys(places[i])),
            ids=tuple(dict.fromkeys(ids[i])),
        )
        for i, spelling in enumerate(written)
    )
    groups = [OrgRef(group) for group in _items(fields, "CA")]
    return authors, tuple(dict.fromkeys(groups + [OrgRef(o) for o in record_orgs]))


def _addresses(fields: Fields, index: dict[str, int], places: list[list[str]]) -> list[str]:
    """The record's organisations in order; each tied to the authors its address names (into
    ``places``, by author position)."""
    addresses = _items(fields, "C1")
    bracketed = [_split_bracket(a) for a in addresses]
    if not addresses:  # the reprint address: "Name (corresponding author), Org, City."
        bracketed = [_reprint(item) for item in split_addresses(_text(fields, "RP") or "")]
    orgs: list[str] = []
    for names, org in bracketed:
        if not org:
            continue
        orgs.append(org)
        if names is None:
            if len(places) == 1 or len(bracketed) == 1:
                for author in places:
                    author.append(org)
            continue
        for name in names:
            position = index.get(_name_key(name))
            if position is not None and position < len(places):
                places[position].append(org)
    return orgs


def _split_bracket(address: str) -> tuple[list[str] | None, str]:
    """``[A; B] Org, City.`` -> ``(["A", "B"], "Org, City")``; no brackets -> ``(None, …)``."""
    names: list[str] | None = None
    if address.startswith("["):
        close = address.find("]")
        if close > 0:
            names = [n.strip() for n in address[1:close].split(";") if n.strip()]
            address = address[close + 1 :]
    return names, address.strip().rstrip(".").strip()


def _reprint(item: str) -> tuple[list[str] | None, str]:
    name, marker, org = item.partition(" (corresponding author),")
    if not marker:
        name, marker, org = item.partition(" (reprint author),")
    return ([name.strip()], org.strip().rstrip(".").strip()) if marker else (None, "")


def split_addresses(cell: str) -> list[str]:
    """A ``;``-separated list of addresses whose ``[A; B]`` author lists hold ``;`` too (the
    tab-delimited ``C1``; ``RP`` in both forms)."""
    items: list[str] = []
    depth, start = 0, 0
    for position, ch in enumerate(cell):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            items.append(cell[start:position])
            start = position + 1
    items.append(cell[start:])
    return [item.strip() for item in items if item.strip()]


@lru_cache(maxsize=1 << 16)
def _name_key(written: str) -> str:
    return " ".join(written.lower().replace(".", " ").replace(",", " ").split())


@lru_cache(maxsize=1 << 16)
def wos_name(written: str) -> str:
    """``Vaswani, Ashish`` -> ``Ashish Vaswani``; ``Zhou, ML`` -> ``M L Zhou`` (WoS writes
    initials run together); a name without a comma as written."""
    last, comma, given = written.partition(",")
    given = given.strip()
    if comma and given and given.isalpha() and given.isupper() and len(given) <= 4:
        return f"{' '.join(given)} {last.strip()}"
    return inverted_name(written) or written
