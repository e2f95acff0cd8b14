"""Semantic Scholar Academic Graph API replies as JSON: a ``/paper/{id}`` paper (with its
``citations`` and ``references`` when asked for), a ``/paper/batch`` array (``null`` for an id
S2 does not know), ``{"data": [...]}`` pages (search, an author's papers, a paper's
``/citations`` and ``/references``, whose items wrap the paper in ``citingPaper`` or
``citedPaper``), or JSON Lines of papers.

Each paper is one record: ``paperId`` (``("s2", …)``) and ``corpusId`` (``("s2corpus", …)``),
``externalIds`` (``DOI``, ``ArXiv``, ``PubMed``, ``PubMedCentral``, ``MAG``, ``DBLP``, ``ACL``),
``title``, ``abstract``, authors in order with their ``authorId`` (``("s2", …)``; ORCID and
affiliations when the reply has them), ``publicationVenue``/``venue``/``journal`` (venue),
``publicationDate`` else ``year``, ``fieldsOfStudy`` and ``s2FieldsOfStudy`` as keywords, the
first of ``publicationTypes``, ``citationCount``, and ``references`` as the reference list. An
author named ``...`` marks a cut list (``authors_truncated``). Each paper of ``citations`` is a
record too, citing this one (its reference list holds only this paper, which is all the reply
says of it); its line is the line of the paper it cites. A record's line is where its object
starts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kg.extract.json_records import (
    Envelope,
    json_dict,
    json_head,
    json_int,
    json_list,
    json_objects,
    json_str,
)
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Reference, Source
from kg.normalize.dates import is_iso_date
from kg.normalize.ids import normalize_arxiv_id, normalize_orcid, split_arxiv_doi

LAYOUT = "semantic_scholar"

_ENVELOPE = Envelope(lists=("data",))
_WRAPPERS = ("citingPaper", "citedPaper")
_SIGNS = ('"paperId"',)
#: externalIds keys -> kg id schemes (DOI and ArXiv become the record's doi and arxiv_id).
_SCHEMES = {"PubMed": "pmid", "PubMedCentral": "pmcid", "MAG": "mag", "DBLP": "dblp", "ACL": "acl"}


def detect(text: str) -> float:
    """Sure when the text is JSON whose start has S2's ``paperId`` key."""
    start = json_head(text)
    if start is None:
        return 0.0
    return 0.96 if any(sign in start for sign in _SIGNS) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []

    def take(line: int, item: Any) -> None:
        paper = _unwrapped(item)
        if paper is None:
            problems.append(
                Problem(file, line, "warning", "null in the reply: a paper S2 did not find; skipped")
            )
        elif not isinstance(paper, dict) or not any(k in paper for k in ("paperId", "title", "externalIds")):
            problems.append(
                Problem(file, line, "error", f"not a Semantic Scholar paper ({_kind(paper)}); skipped")
            )
        else:
            record = _record(paper, file, line, problems, warn=True)
            if record is not None:
                records.append(record)
                records.extend(_citing_records(paper, file, line, problems))

    json_objects(text, file, _ENVELOPE, take, problems, "paper", options.limits)
    return Extraction(records=tuple(records), problems=tuple(problems))


def _citing_records(
    paper: dict[str, Any], file: str, line: int, problems: list[Problem]
) -> list[PaperRecord]:
    """The papers of ``citations``, each citing ``paper``; those with neither title nor DOI nor
    arXiv id (nothing to know them by) are counted in one warning."""
    cited = _as_reference(paper)
    found, unknown = [], 0
    for citing in map(json_dict, json_list(paper.get("citations"))):
        citer = _record(citing, file, line, problems, warn=False)
        if citer is None or not (citer.title or citer.doi or citer.arxiv_id):
            unknown += 1
        else:
            found.append(replace(citer, references=(cited,)))
    if unknown:
        problems.append(
            Problem(
                file,
                line,
                "warning",
                f"{unknown} citing paper(s) with neither title nor DOI nor arXiv id; skipped",
            )
        )
    return found


def _unwrapped(item: Any) -> Any:
    """The paper of a ``/citations`` or ``/references`` item, else the item itself."""
    if isinstance(item, dict):
        for key in _WRAPPERS:
            if key in item:
                return item[key] if isinstance(item[key], dict) else None
    return item


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an author" if "authorId" in value else "object without paper fields"
    return type(value).__name__


def _record(
    paper: dict[str, Any], file: str, line: int, problems: list[Problem], warn: bool
) -> PaperRecord | None:
    ids = json_dict(paper.get("externalIds"))
    doi, arxiv_from_doi = split_arxiv_doi(json_str(ids.get("DOI")))
    title = json_str(paper.get("title"))
    s2 = json_str(paper.get("paperId"))
    if not title and not doi and not s2:
        problems.append(
            Problem(file, line, "error", "Semantic Scholar paper with no paperId, DOI nor title; skipped")
        )
        return None
    authors = _authors(json_list(paper.get("authors")))
    if warn and not authors and "authors" in paper:
        problems.append(Problem(file, line, "warning", f"paper {s2 or title!r} has no authors"))
    if warn and not title:
        problems.append(Problem(file, line, "warning", f"paper {s2 or doi} has no title"))
    return PaperRecord(
        source=Source(file, line, LAYOUT),
        title=title,
        authors=authors,
        affiliations=tuple(
            OrgRef(a) for a in dict.fromkeys(p for author in authors for p in author.affiliations)
        ),
        date=_date(paper),
        arxiv_id=normalize_arxiv_id(json_str(ids.get("ArXiv"))) or arxiv_from_doi,
        abstract=json_str(paper.get("abstract")),
        doi=doi,
        keywords=_fields_of_study(paper),
        venue=_venue(paper),
        extra_ids=_extra_ids(paper, ids),
        doc_type=next((t for t in map(json_str, json_list(paper.get("publicationTypes"))) if t), None),
        cited_by_count=json_int(paper.get("citationCount")),
        references=tuple(
            r
            for r in (_as_reference(json_dict(p)) for p in json_list(paper.get("references")))
            if r != Reference()
        ),
    )


def _authors(entries: list[Any]) -> tuple[AuthorRef, ...]:
    """As listed; an author named ``...`` (a cut list) is taken off by :mod:`kg.extract.checks`."""
    authors: list[AuthorRef] = []
    for entry in map(json_dict, entries):
        name = json_str(entry.get("name"))
        if not name:
            continue
        author_id = json_str(entry.get("authorId")) or (
            str(entry["authorId"]) if isinstance(entry.get("authorId"), int) else None
        )
        authors.append(
            AuthorRef(
                name,
                orcid=normalize_orcid(json_str(json_dict(entry.get("externalIds")).get("ORCID"))),
                affiliations=tuple(
                    dict.fromkeys(a for a in map(json_str, json_list(entry.get("affiliations"))) if a)
                ),
                ids=(("s2", author_id),) if author_id else (),
            )
        )
    return tuple(authors)


def _date(paper: dict[str, Any]) -> str | None:
    written = json_str(paper.get("publicationDate"))
    if written and is_iso_date(written):
        return written
    year = json_int(paper.get("year"))
    return str(year) if year and 1000 <= year <= 9999 else None


def _venue(paper: dict[str, Any]) -> str | None:
    return (
        json_str(json_dict(paper.get("publicationVenue")).get("name"))
        or json_str(paper.get("venue"))
        or json_str(json_dict(paper.get("journal")).get("name"))
    )


def _fields_of_study(paper: dict[str, Any]) -> tuple[str, ...]:
    terms = [t for t in map(json_str, json_list(paper.get("fieldsOfStudy"))) if t]
    terms += [
        c
        for c in (json_str(json_dict(f).get("category")) for f in json_list(paper.get("s2FieldsOfStudy")))
        if c
    ]
    return tuple(dict.fromkeys(terms))


def _extra_ids(paper: dict[str, Any], ids: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    found = [("s2", json_str(paper.get("paperId")))]
    corpus = json_int(paper.get("corpusId")) or json_int(ids.get("CorpusId"))
    found.append(("s2corpus", str(corpus) if corpus else None))
    for key, scheme in _SCHEMES.items():
        value = ids.get(key)
        value = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if value and scheme == "pmcid" and not value.upper().startswith("PMC"):
            value = f"PMC{value}"
        found.append((scheme, value.upper() if value and scheme == "pmcid" else value))
    return tuple((scheme, value) for scheme, value in found if value)


def _as_reference(paper: dict[str, Any]) -> Reference:
    """What a reply says of a paper, as one entry of a reference list."""
    ids = json_dict(paper.get("externalIds"))
    doi, arxiv_from_doi = split_arxiv_doi(json_str(ids.get("DOI")))
    pmid = ids.get("PubMed")
    year = json_int(paper.get("year"))
    first = next((json_str(json_dict(a).get("name")) for a in json_list(paper.get("authors"))), None)
    return Reference(
        doi=doi,
        arxiv_id=normalize_arxiv_id(json_str(ids.get("ArXiv"))) or arxiv_from_doi,
        pmid=str(pmid).strip() if isinstance(pmid, (str, int)) and str(pmid).strip() else None,
        s2=json_str(paper.get("paperId")),
        title=json_str(paper.get("title")),
        year=year if year and 1000 <= year <= 9999 else None,
        first_author=first,
        venue=_venue(paper),
    )
