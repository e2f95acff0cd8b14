"""Records: the plain, frozen data that extractors return (DESIGN.md, contract 1).

Extractors never build graph objects; they describe what one source says, as written, with the
file and line it was read from. Everything later (resolution, graph, exports) works on these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg import defaults

#: The keys of one JSON record, in the order contract 1 gives them.
CONTRACT_KEYS = (
    "source",
    "title",
    "authors",
    "authors_truncated",
    "affiliations",
    "category",
    "date",
    "has_code",
    "code_urls",
    "arxiv_id",
    "abstract",
    "title_zh",
    "summary_zh",
)


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the file as given by the user, the 1-based line, the layout."""

    file: str
    line: int
    layout: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "layout": self.layout}


@dataclass(frozen=True)
class AuthorRef:
    """One author of one record, as written.

    ``orcid`` and ``affiliations`` are filled only by formats that tie them to this author
    (arXiv Atom, OpenAlex, dblp); scraped listings give names only.
    """

    name: str
    orcid: str | None = None
    affiliations: tuple[str, ...] = ()
    #: Other ids the source gives this author: ("scopus", "57190000000"), ("s2", "1741101"),
    #: ("openalex", "A5023888391"), ("dblp", "12/3456"), ...
    ids: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class OrgRef:
    """One organisation named by a record, as written, with a ROR id where the source has one."""

    name: str
    ror: str | None = None
    #: Other ids the source gives the organisation: ("openalex", "I4210109390"), ...
    ids: tuple[tuple[str, str], ...] = ()


#: The keys of one reference in a record's JSON (``references``), in this order.
REFERENCE_KEYS = (
    "doi", "arxiv_id", "pmid", "openalex", "s2", "title", "year", "first_author", "venue", "raw",
)  # fmt: skip


@dataclass(frozen=True)
class Reference:
    """One entry of a record's reference list: whatever the source says of the cited work.

    Identifiers are normalised as on records (DOI lower case without resolver, bare arXiv id,
    OpenAlex ``W…``); ``raw`` keeps the reference as the source wrote it (a WoS ``CR`` line, a
    Scopus ``References`` item, an unstructured Crossref citation), ``None`` when the source gives
    only fields.
    """

    doi: str | None = None
    arxiv_id: str | None = None
    pmid: str | None = None
    openalex: str | None = None
    s2: str | None = None
    title: str | None = None
    year: int | None = None
    first_author: str | None = None
    venue: str | None = None
    raw: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in REFERENCE_KEYS}


@dataclass(frozen=True)
class PaperRecord:
    """One paper as one source describes it. Unknown values are ``None`` or empty, never guessed.

    ``date`` is ISO 8601: ``2022-07-27``, ``2022-07``, ``2022``, or ``--04-17`` when the source
    gives month and day without a year.
    """

    source: Source
    title: str | None = None
    authors: tuple[AuthorRef, ...] = ()
    authors_truncated: bool = False
    affiliations: tuple[OrgRef, ...] = ()
    category: str | None = None
    date: str | None = None
    has_code: bool = False
    code_urls: tuple[str, ...] = ()
    arxiv_id: str | None = None
    abstract: str | None = None
    title_zh: str | None = None
    summary_zh: str | None = None
    # Beyond contract 1: strong identifiers and subject terms that standard formats carry.
    doi: str | None = None
    keywords: tuple[str, ...] = ()
    venue: str | None = None
    extra_ids: tuple[tuple[str, str], ...] = field(
        default=()
    )  # e.g. ("openalex", "W123"), ("dblp", "conf/x/Y22")
    language: str | None = None  # as the source writes it: "en", "eng", "zh"
    doc_type: str | None = None  # as the source writes it: "journal-article", "Journal Article"
    cited_by_count: int | None = None  # times cited, as the source reports
    references: tuple[Reference, ...] = ()  # the reference list, in the source's order
    #: Scores a source gives its subject terms (OpenAlex concepts, topics): (term, score in 0..1),
    #: for terms of ``keywords``; a term without a score weighs 1.
    topic_scores: tuple[tuple[str, float], ...] = ()
    #: Citations per year as the source reports them (OpenAlex ``counts_by_year``): (year, count).
    counts_by_year: tuple[tuple[int, int], ...] = ()
    #: The arXiv version the source names (``2205.11728v3`` -> 3); ``arxiv_id`` stays versionless.
    arxiv_version: int | None = None
    #: Every arXiv category the source gives, the primary (``category``) first.
    categories: tuple[str, ...] = ()
    #: The source field ``venue`` was read from (BibTeX: ``booktitle``, ``journal``, ``series``...).
    venue_field: str | None = None

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.authors)

    def as_dict(self) -> dict[str, Any]:
        """The contract-1 JSON object; keys beyond it appear only when the source filled them."""
        out: dict[str, Any] = {
            "source": self.source.as_dict(),
            "title": self.title,
            "authors": list(self.author_names),
            "authors_truncated": self.authors_truncated,
            "affiliations": [o.name for o in self.affiliations],
            "category": self.category,
            "date": self.date,
            "has_code": self.has_code,
            "code_urls": list(self.code_urls),
            "arxiv_id": self.arxiv_id,
            "abstract": self.abstract,
            "title_zh": self.title_zh,
            "summary_zh": self.summary_zh,
        }
        if self.doi:
            out["doi"] = self.doi
        if self.keywords:
            out["keywords"] = list(self.keywords)
        if self.venue:
            out["venue"] = self.venue
        if self.venue_field:
            out["venue_field"] = self.venue_field
        if self.arxiv_version is not None:
            out["arxiv_version"] = self.arxiv_version
        if self.categories:
            out["categories"] = list(self.categories)
        if self.extra_ids:
            out["ids"] = dict(self.extra_ids)
        if self.language:
            out["language"] = self.language
        if self.doc_type:
            out["doc_type"] = self.doc_type
        if self.cited_by_count is not None:
            out["cited_by_count"] = self.cited_by_count
        if self.references:
            out["references"] = [r.as_dict() for r in self.references]
        if self.topic_scores:
            out["topic_scores"] = dict(self.topic_scores)
        if self.counts_by_year:
            out["counts_by_year"] = {str(year): count for year, count in self.counts_by_year}
        if any(a.orcid or a.affiliations or a.ids for a in self.authors):
            out["author_details"] = [_author_details(a) for a in self.authors]
        if any(o.ror for o in self.affiliations):
            out["affiliation_ids"] = {o.name: o.ror for o in self.affiliations if o.ror}
        if any(o.ids for o in self.affiliations):
            out["affiliation_other_ids"] = {o.name: dict(o.ids) for o in self.affiliations if o.ids}
        return out


def _author_details(author: AuthorRef) -> dict[str, Any]:
    details: dict[str, Any] = {
        "name": author.name, "orcid": author.orcid, "affiliations": list(author.affiliations),
    }  # fmt: skip
    if author.ids:
        details["ids"] = dict(author.ids)
    return details


@dataclass(frozen=True)
class AuthorProfile:
    """A researcher's profile header (``seeds/003_*``): who the page is about, and its figures."""

    source: Source
    name: str
    category: str | None = None
    h_index: int | None = None
    paper_count: int | None = None
    citations: int | None = None
    novelty_percent: int | None = None
    ai_score: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.as_dict(),
            "name": self.name,
            "category": self.category,
            "h_index": self.h_index,
            "paper_count": self.paper_count,
            "citations": self.citations,
            "novelty_percent": self.novelty_percent,
            "ai_score": self.ai_score,
        }


@dataclass(frozen=True)
class Problem:
    """Something in an input that could not be read whole. The run goes on."""

    file: str
    line: int | None
    severity: str  # "error": a record or file was skipped; "warning": read, but something is off
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "severity": self.severity, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Extraction:
    """What one extractor returns for one file."""

    records: tuple[PaperRecord, ...] = ()
    problems: tuple[Problem, ...] = ()
    profiles: tuple[AuthorProfile, ...] = ()
    #: Names a source gives its category codes, e.g. the digest legend: ("CV", "zh", "计算机视觉").
    category_labels: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Limits:
    """The bounds an input is read within (defaults in :mod:`kg.defaults`); beyond one, a Problem."""

    file_bytes: int = defaults.MAX_FILE_BYTES
    line_bytes: int = defaults.MAX_LINE_BYTES
    int_digits: int = defaults.MAX_INT_DIGITS
    depth: int = defaults.MAX_DEPTH
    xml_elements: int = defaults.MAX_XML_ELEMENTS


@dataclass(frozen=True)
class ExtractOptions:
    """Options every extractor receives. ``as_of`` (ISO date) lets year-less dates get a year."""

    as_of: str | None = None
    encoding: str | None = None
    limits: Limits = Limits()


@dataclass(frozen=True)
class FileExtraction:
    """The outcome for one input file: its layout (None when unread) and what was extracted."""

    file: str
    layout: str | None
    encoding: str | None
    extraction: Extraction

    def summary(self) -> FileSummary:
        return FileSummary(
            self.file, self.layout, self.encoding, len(self.extraction.records), len(self.extraction.problems)
        )


@dataclass(frozen=True)
class FileSummary:
    """What a built graph keeps of one input file: counts, not the records (their facts are in
    the graph, and at a million papers the records alone take gigabytes)."""

    file: str
    layout: str | None
    encoding: str | None
    records: int
    problems: int
