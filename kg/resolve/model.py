"""What resolution returns: one entity per real paper, author, organisation and topic, with a
``Merge`` for every description joined into one and a ``NearMiss`` for every look-alike kept
apart. :func:`kg.graph.build_graph` turns a :class:`Resolution` into the graph of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.model import Problem, Source

if TYPE_CHECKING:
    from kg.resolve.citations import CitationResolution

#: At most this many near misses are recorded per name or block.
MAX_NEAR_MISSES = 5
#: Evidence lists keep at most this many sources.
MAX_EVIDENCE = 5


def where(source: Source) -> str:
    """``file:line``: how merges, near misses and memberships cite a record."""
    return f"{source.file}:{source.line}"


def note(evidence: list[str], source: Source) -> None:
    """Add where ``source`` is to an evidence list that keeps at most MAX_EVIDENCE entries."""
    if len(evidence) < MAX_EVIDENCE:
        at = where(source)
        if at not in evidence:
            evidence.append(at)


@dataclass(frozen=True)
class Merge:
    """Two descriptions became one entity: ``merged`` (a spelling or a ``file:line``) went
    ``into`` the node id, for ``reason``; ``evidence`` lists where it shows (``file:line``...)."""

    kind: str  # "paper", "author", "organization"
    into: str
    merged: str
    reason: str
    evidence: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "into": self.into,
            "merged": self.merged,
            "reason": self.reason,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class NearMiss:
    """Two entities that look alike but were kept apart, and why."""

    kind: str
    a: str
    b: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a, "b": self.b, "reason": self.reason}


@dataclass(frozen=True)
class Authorship:
    author: str  # author node id
    position: int  # 1-based
    name_as_written: str


@dataclass(frozen=True)
class Affiliation:
    org: str  # organisation node id
    as_written: str


@dataclass(frozen=True)
class ResolvedPaper:
    id: str
    title: str | None
    abstract: str | None
    date: str | None
    year: int | None
    category: str | None  # as written by the first source that gives one
    code_urls: tuple[str, ...]
    has_code: bool
    arxiv_id: str | None
    doi: str | None
    authors_truncated: bool
    listed_author_count: int
    title_zh: str | None
    summary_zh: str | None
    venue: str | None
    sources: tuple[Source, ...]
    authorships: tuple[Authorship, ...]
    affiliations: tuple[Affiliation, ...]
    topics: tuple[tuple[str, str, float], ...]  # (topic id, method, weight)
    #: every identifier the sources give, by scheme: (("arxiv", ("2205.11728",)), ("dblp", (...)), ...)
    ids: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        words = (self.abstract or "").split()
        return "[untitled] " + " ".join(words[:8]) + ("…" if len(words) > 8 else "")


@dataclass(frozen=True)
class ResolvedAuthor:
    id: str
    name: str  # the most complete spelling
    name_variants: tuple[str, ...]  # every spelling as written, sorted
    orcid: str | None = None
    h_index: int | None = None
    citations: int | None = None
    profile_paper_count: int | None = None
    #: every id the sources give the person's spellings, by scheme: (("dblp", ("l/JureLeskovec",)), ...)
    ids: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class ResolvedOrg:
    id: str
    name: str
    aliases: tuple[str, ...]  # the canonical name and every spelling as written, sorted
    ror: str | None
    ambiguous: bool


@dataclass(frozen=True)
class ResolvedTopic:
    id: str
    label: str
    label_zh: str | None
    scheme: str  # "arxiv" or "keyword"
    code: str | None


@dataclass(frozen=True)
class Membership:
    author: str
    org: str
    sources: tuple[str, ...]  # "file:line" of each record that ties them


@dataclass(frozen=True)
class Resolution:
    papers: tuple[ResolvedPaper, ...] = ()
    authors: tuple[ResolvedAuthor, ...] = ()
    orgs: tuple[ResolvedOrg, ...] = ()
    topics: tuple[ResolvedTopic, ...] = ()
    memberships: tuple[Membership, ...] = ()
    merges: tuple[Merge, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    citations: CitationResolution | None = None  # None: no source gave references or counts
