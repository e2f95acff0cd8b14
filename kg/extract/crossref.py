"""Crossref works as JSON: the REST API's ``/works/{doi}`` reply (``{"message": work}``), a list
reply (``{"message": {"items": [...]}}``), an array of works, or JSON Lines (one work, or one
reply, per line).

Each work is one record: ``DOI``, ``title`` (a list: the first), authors in ``author`` order
(``given`` + ``family``, ``ORCID``, ``affiliation`` names with ROR ids where deposited; an entry
with only ``name`` is an organisation credited as author, not a person), ``container-title``
(venue), ``issued`` (else the print or online date) as the date, ``abstract`` (JATS markup
dropped), ``subject`` as keywords, ``language``, ``type``, ``is-referenced-by-count`` and the
``reference`` list (``DOI``, ``article-title``, ``year``, ``author``, ``journal-title`` or
``volume-title``, and ``unstructured`` as the raw text, whose arXiv id is read when it names
one). A record's line is where its work object starts.
"""

from __future__ import annotations

import html
import re
from typing import Any

from kg.extract.json_records import (
    Envelope,
    json_dict,
    json_extraction,
    json_head,
    json_int,
    json_list,
    json_str,
)
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Reference, Source
from kg.normalize.dates import partial_date
from kg.normalize.ids import find_arxiv_id, normalize_doi, normalize_orcid, normalize_ror, split_arxiv_doi

LAYOUT = "crossref"

_ENVELOPE = Envelope(lists=("items",), wrappers=("message",))
_REPLY = re.compile(r'"message-type"\s*:\s*"work(?:-list)?"')
_LIST_TITLE = re.compile(r'"(?:container-)?title"\s*:\s*\[')
_CROSSREF_KEYS = ('"is-referenced-by-count"', '"reference-count"', '"deposited"', '"source": "Crossref"')
_JATS_TITLE = re.compile(r"<(?:jats:)?title[^>]*>.*?</(?:jats:)?title>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
_DATE_FIELDS = ("issued", "published", "published-print", "published-online", "created")


def detect(text: str) -> float:
    """Sure for a Crossref API reply; likely for works that have Crossref's list-valued titles and
    its own keys (CSL-JSON, which Crossref's works resemble, has string titles)."""
    start = json_head(text)
    if start is None:
        return 0.0
    if _REPLY.search(start):
        return 0.97
    if _LIST_TITLE.search(start) and any(key in start for key in _CROSSREF_KEYS):
        return 0.96
    return 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    return json_extraction(text, file, _ENVELOPE, _record, "work", options.limits)


def _record(work: Any, file: str, line: int, problems: list[Problem]) -> PaperRecord | None:
    def problem(severity: str, message: str) -> None:
        problems.append(Problem(file, line, severity, message))

    if isinstance(work, dict) and "status" in work and "message-type" in work:
        problem(
            "error", f"Crossref replied {work.get('status')!r} ({work.get('message-type')}): no works here"
        )
        return None
    if not isinstance(work, dict) or not any(k in work for k in ("DOI", "title", "author")):
        kind = type(work).__name__ if not isinstance(work, dict) else "object without work fields"
        problem("error", f"not a Crossref work ({kind}); skipped")
        return None
    doi, arxiv_id = split_arxiv_doi(json_str(work.get("DOI")))
    title = _first_text(work.get("title"))
    if not doi and not arxiv_id and not title:
        problem("error", "Crossref work with neither DOI nor title; skipped")
        return None
    if not doi and not arxiv_id:
        problem("warning", "Crossref work without a DOI")
    if not title:
        problem("warning", f"work {doi or arxiv_id} has no title")
    authors, orgs = _contributors(json_list(work.get("author")))
    if not authors and not orgs:
        problem("warning", f"work {doi or title!r} has no authors")
    return PaperRecord(
        source=Source(file, line, LAYOUT),
        title=title,
        authors=authors,
        affiliations=orgs,
        date=_date(work),
        arxiv_id=arxiv_id,
        abstract=jats_text(json_str(work.get("abstract"))),
        doi=doi,
        keywords=tuple(dict.fromkeys(s for s in map(json_str, json_list(work.get("subject"))) if s)),
        venue=_first_text(work.get("container-title"))
        or json_str(json_dict(work.get("event")).get("name"))
        or _first_text(work.get("short-container-title")),
        language=json_str(work.get("language")),
        doc_type=json_str(work.get("type")),
        cited_by_count=json_int(work.get("is-referenced-by-count")),
        references=tuple(r for r in map(_reference, json_list(work.get("reference"))) if r is not None),
    )


def _first_text(value: Any) -> str | None:
    """The first non-blank string of a Crossref list field (or the field itself, if a string)."""
    for item in json_list(value) if isinstance(value, list) else [value]:
        text = json_str(item)
        if text:
            return _SPACES.sub(" ", text)
    return None


def _contributors(entries: list[Any]) -> tuple[tuple[AuthorRef, ...], tuple[OrgRef, ...]]:
    """The people in list order, and the organisations: their affiliations, and the entries that
    are an organisation's ``name`` only."""
    authors: list[AuthorRef] = []
    orgs: dict[str, OrgRef] = {}
    for entry in map(json_dict, entries):
        person = " ".join(p for p in (json_str(entry.get(k)) for k in ("given", "family", "suffix")) if p)
        affiliations = []
        for affiliation in map(json_dict, json_list(entry.get("affiliation"))):
            name = json_str(affiliation.get("name"))
            if name:
                affiliations.append(name)
                orgs.setdefault(name, OrgRef(name, _ror(affiliation)))
        if person:
            authors.append(
                AuthorRef(
                    person,
                    orcid=normalize_orcid(json_str(entry.get("ORCID"))),
                    affiliations=tuple(dict.fromkeys(affiliations)),
                )
            )
        elif json_str(entry.get("name")):
            orgs.setdefault(entry["name"].strip(), OrgRef(entry["name"].strip()))
    return tuple(authors), tuple(orgs.values())


def _ror(affiliation: dict[str, Any]) -> str | None:
    for given in map(json_dict, json_list(affiliation.get("id"))):
        if str(given.get("id-type", "")).upper() == "ROR":
            return normalize_ror(json_str(given.get("id")))
    return None


def _date(work: dict[str, Any]) -> str | None:
    """The first of Crossref's dates with a year, at the precision its ``date-parts`` give."""
    for key in _DATE_FIELDS:
        parts = json_list(json_dict(work.get(key)).get("date-parts"))
        numbers = [json_int(p) for p in json_list(parts[0])[:3]] if parts else []
        year, month, day = (numbers + [None, None, None])[:3]
        if year and 1000 <= year <= 9999:
            return partial_date(year, month, day)
    return None


def jats_text(markup: str | None) -> str | None:
    """Plain text of a JATS abstract (``<jats:p>…</jats:p>``): its own "Abstract" title, tags and
    entities dropped."""
    if not markup:
        return None
    text = html.unescape(_TAG.sub(" ", _JATS_TITLE.sub(" ", markup)))
    return _SPACES.sub(" ", text).strip() or None


def _reference(entry: Any) -> Reference | None:
    """One ``reference`` entry: its fields, and ``unstructured`` as the raw text (a DOI or arXiv id
    written in it is read when no field gives one)."""
    entry = json_dict(entry)
    raw = json_str(entry.get("unstructured"))
    doi, arxiv_id = split_arxiv_doi(json_str(entry.get("DOI")) or _doi_in(raw))
    year = json_int(entry.get("year")) or json_int(str(entry.get("year", ""))[:4])
    found = Reference(
        doi=doi,
        arxiv_id=arxiv_id or find_arxiv_id(raw),
        title=json_str(entry.get("article-title")) or json_str(entry.get("series-title")),
        year=year if year and 1000 <= year <= 9999 else None,
        first_author=json_str(entry.get("author")),
        venue=json_str(entry.get("journal-title")) or json_str(entry.get("volume-title")),
        raw=raw,
    )
    return None if found == Reference() else found


def _doi_in(text: str | None) -> str | None:
    match = _DOI_IN_TEXT.search(text) if text else None
    return normalize_doi(match.group(0)) if match else None
