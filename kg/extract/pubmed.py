"""PubMed records in MEDLINE format (PubMed's "Save as PubMed/MEDLINE", and ``.nbib`` citations).

A record is a run of tagged lines, ``TAG - value`` with the tag padded to four characters
(``PMID- 35000001``, ``TI  - A title``), continued on lines indented by six spaces; records are
separated by blank lines and each begins with ``PMID-``. kg reads:

- ``PMID`` (``("pmid", …)``), ``PMC`` (``("pmcid", "PMC…")``), ``AID``/``LID`` ``… [doi]`` (the DOI);
- ``TI`` (``BTI`` for a book), ``AB``, ``LA``, the first ``PT`` (document type), ``DP`` (``DEP``
  when there is no ``DP``), ``JT`` else ``TA`` (venue);
- authors in order: ``FAU`` (``Last, First``, turned to ``First Last``) with the ``AU`` that
  follows it, or ``AU`` alone (``Last AB`` -> ``A B Last``); ``AUID- ORCID: …`` and each ``AD``
  belong to the author above them; a collective author (``CN``) is an organisation, not a person;
- ``MH`` MeSH headings (``Neural Networks, Computer/*methods`` -> ``Neural Networks, Computer``)
  and ``OT`` author keywords as keywords.

MEDLINE records carry no reference list. A record without ``PMID`` is read with a warning; one
with neither title nor abstract is skipped as an error. PubMed ends every record with ``SO``: a
file whose last record lacks it, when the others have it, is reported as probably cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.extract.lines import iter_lines, preview
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import month_number, partial_date
from kg.normalize.ids import normalize_doi, normalize_orcid, split_arxiv_doi

LAYOUT = "pubmed"

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_CONTINUATION = re.compile(r"^\s{2,}\S")
_FIRST_TAG = re.compile(r"^\s*PMID- ?\d+\s*$")
_ID_KIND = re.compile(r"^(.*?)\s*\[([a-z-]+)\]\s*$")
_DATE = re.compile(r"^(\d{4})(?:\s+([A-Za-z]{3,9})(?:\s+(\d{1,2}))?)?(?:\s|$)")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_INITIALS = re.compile(r"^(.+?)\s+([A-Z]{1,4})$")
# The address starts a word ((?<!\S)): tried only where a word starts, not at every character of
# a long run without '@', which made a 20,000-character AD line take seconds (found by fuzzing).
_EMAIL = re.compile(r"\s*(?:Electronic address:\s*)?(?<!\S)[^\s@]+@\S+\.[A-Za-z]{2,}\.?")
_MESH_STAR = re.compile(r"\*")
#: Tags that belong to the author written above them.
_AUTHOR_TAGS = ("FAU", "AU", "AUID", "AD")
_HEAD_LINES = 40


def detect(text: str) -> float:
    """Sure when the first non-blank line is ``PMID- <digits>`` and tagged lines follow."""
    tags = 0
    for number, line in iter_lines(text):
        if number > _HEAD_LINES:
            break
        if not line.strip():
            continue
        if tags == 0 and not _FIRST_TAG.match(line):
            return 0.0
        tags += bool(_TAG.match(line))
    return 0.95 if tags >= 3 else 0.6 if tags else 0.0


@dataclass
class _Author:
    full: str | None = None
    short: str | None = None
    orcid: str | None = None
    affiliations: list[str] = field(default_factory=list)


@dataclass
class _Fields:
    """One record's tagged values in file order, and the line each record starts on."""

    line: int
    values: list[tuple[str, str]] = field(default_factory=list)  # (tag, value)
    authors: list[_Author] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)  # CN, and AD with no author above it

    def add(self, tag: str, value: str) -> None:
        self.values.append((tag, value))

    def first(self, *tags: str) -> str | None:
        for tag in tags:
            for t, value in self.values:
                if t == tag and value:
                    return value
        return None

    def all(self, tag: str) -> list[str]:
        return [value for t, value in self.values if t == tag and value]


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []
    ended_before = last_ended = False  # did a record before the last / the last end with SO?
    last_line, count = 0, 0
    for block in _blocks(text, file, problems):  # one record at a time: a large file stays flat
        ended_before, last_ended = ended_before or last_ended, any(tag == "SO" for _, tag, _ in block)
        last_line, count = block[0][0], count + 1
        record = _record(_fields(block), file, problems)
        if record is not None:
            records.append(record)
    if count > 1 and ended_before and not last_ended:
        problems.append(
            Problem(
                file,
                last_line,
                "warning",
                "the last record has no SO line, which ends the other records of this file: "
                "the file may be cut short (the record is read as far as it goes)",
            )
        )
    return Extraction(records=tuple(records), problems=tuple(problems))


_Block = list[tuple[int, str, str]]  # (line, tag, value), continuation lines joined


def _blocks(text: str, file: str, problems: list[Problem]) -> Iterator[_Block]:
    """The records' tagged lines, one list per record (a blank line or a new ``PMID`` ends one)."""
    block: _Block = []
    for number, line in iter_lines(text):
        if not line.strip():
            if block:
                yield block
            block = []
            continue
        tagged = _TAG.match(line)
        if _CONTINUATION.match(line) and block:
            at, tag, value = block[-1]
            block[-1] = (at, tag, f"{value} {line.strip()}".strip())
        elif tagged:
            if tagged.group(1) == "PMID" and block:
                yield block
                block = []
            block.append((number, tagged.group(1), tagged.group(2).strip()))
        else:
            problems.append(
                Problem(
                    file, number, "warning", f"not a MEDLINE tag line, skipped: {preview(line.strip())!r}"
                )
            )
    if block:
        yield block


def _fields(block: _Block) -> _Fields:
    fields = _Fields(block[0][0])
    current: _Author | None = None  # the author the author lines below belong to
    for _, tag, value in block:
        fields.add(tag, value)
        if tag == "FAU" or (
            tag == "AU" and (current is None or current.short is not None or not current.full)
        ):
            current = _Author()
            fields.authors.append(current)
        if tag == "FAU" and current is not None:
            current.full = value
        elif tag == "AU" and current is not None:
            current.short = value
        elif tag == "AUID" and current is not None and value.upper().startswith("ORCID"):
            current.orcid = current.orcid or normalize_orcid(value.split(":", 1)[-1].strip())
        elif tag == "AD":
            place = _address(value)
            if place:
                (current.affiliations if current else fields.orgs).append(place)
        elif tag not in _AUTHOR_TAGS:  # the author lines' run has ended (CN is an organisation)
            current = None
            if tag == "CN":
                fields.orgs.append(value)
    return fields


def _address(value: str) -> str | None:
    """An ``AD`` value without the e-mail address PubMed appends to some (not an organisation)."""
    return _EMAIL.sub("", value).strip(" .;,") or None


def _record(fields: _Fields, file: str, problems: list[Problem]) -> PaperRecord | None:
    line = fields.line
    pmid = fields.first("PMID")
    title = _title(fields.first("TI", "BTI"))
    abstract = fields.first("AB")
    if not title and not abstract:
        problems.append(
            Problem(
                file,
                line,
                "error",
                f"record {pmid or '(no PMID)'} has no title (TI) nor abstract (AB); skipped",
            )
        )
        return None
    if not pmid:
        problems.append(Problem(file, line, "warning", "record has no PMID line; read without it"))
    doi, arxiv_id = split_arxiv_doi(_article_id(fields, "doi"))
    authors = tuple(a for a in map(_author_ref, fields.authors) if a is not None)
    if not authors and not fields.orgs:
        problems.append(Problem(file, line, "warning", f"record {pmid or '(no PMID)'} has no authors"))
    pmcid = fields.first("PMC")
    ids = [("pmid", pmid), ("pmcid", pmcid.upper() if pmcid else None)]
    places = [p for a in authors for p in a.affiliations] + fields.orgs
    return PaperRecord(
        source=Source(file, line, LAYOUT),
        title=title,
        authors=authors,
        affiliations=tuple(OrgRef(p) for p in dict.fromkeys(places)),
        date=medline_date(fields.first("DP")) or medline_date(fields.first("DEP")),
        arxiv_id=arxiv_id,
        abstract=abstract,
        doi=doi,
        keywords=tuple(dict.fromkeys([_mesh_term(m) for m in fields.all("MH")] + fields.all("OT"))),
        venue=fields.first("JT", "TA"),
        extra_ids=tuple((scheme, value) for scheme, value in ids if value),
        language=fields.first("LA"),
        doc_type=fields.first("PT"),
    )


def _title(written: str | None) -> str | None:
    """MEDLINE ends every title with a period that is not part of it (``?`` and ``!`` are)."""
    if written and written.endswith(".") and not written.endswith(".."):
        written = written[:-1].rstrip()
    return written or None


def _article_id(fields: _Fields, kind: str) -> str | None:
    """The ``AID``/``LID`` value marked ``[kind]`` (``10.1000/x [doi]``)."""
    for value in fields.all("AID") + fields.all("LID"):
        match = _ID_KIND.match(value)
        if match and match.group(2) == kind:
            found = normalize_doi(match.group(1)) if kind == "doi" else match.group(1)
            if found:
                return found
    return None


def _author_ref(author: _Author) -> AuthorRef | None:
    name = inverted_name(author.full) if author.full else _initials_first(author.short)
    if not name:
        return None
    return AuthorRef(name, orcid=author.orcid, affiliations=tuple(dict.fromkeys(author.affiliations)))


def inverted_name(written: str | None) -> str | None:
    """``Last, First`` -> ``First Last``; ``Last, First, Jr`` -> ``First Last Jr``; other text as is."""
    if not written:
        return None
    parts = [p.strip() for p in written.split(",")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return written.strip() or None
    return " ".join([parts[1], parts[0], *[p for p in parts[2:] if p]])


def _initials_first(short: str | None) -> str | None:
    """``Leskovec JR`` -> ``J R Leskovec`` (MEDLINE's ``AU`` writes the initials after the name)."""
    if not short:
        return None
    match = _INITIALS.match(short.strip())
    if not match:
        return short.strip() or None
    return f"{' '.join(match.group(2))} {match.group(1)}"


def _mesh_term(heading: str) -> str:
    """The descriptor of a MeSH heading: qualifiers after ``/`` and the major-topic ``*`` dropped."""
    return _MESH_STAR.sub("", heading.split("/", 1)[0]).strip()


def medline_date(written: str | None) -> str | None:
    """``2022 Aug 14`` -> ``2022-08-14``; ``2022 Aug`` -> ``2022-08``; ``2022 Jul-Aug``,
    ``2022 Spring`` -> ``2022`` (a range or season names no one month); ``20220814`` (``DEP``)."""
    if not written:
        return None
    written = written.strip()
    compact = _COMPACT_DATE.match(written)
    if compact:
        return partial_date(*(int(x) for x in compact.groups()))
    match = _DATE.match(written)
    if not match:
        return None
    year = int(match.group(1))
    month = month_number(match.group(2)) if match.group(2) else None
    if month is None or written[match.end() :].startswith("-"):
        return str(year)
    return partial_date(year, month, int(match.group(3)) if match.group(3) else None)
