"""OpenAlex works as JSON: one work, a ``{"meta", "results"}`` API page, an array, or JSON Lines.

Each work is one record: ``authorships`` in list order (``author_position`` only summarises it)
give the authors with their ORCID iD, OpenAlex author id (``("openalex", "A…")``) and
institutions (with ROR ids and OpenAlex ``I…`` ids, ``OrgRef.ids``); ``abstract_inverted_index``
is turned back into text; ``keywords``, ``topics`` and ``concepts`` become keywords with their
scores (``topic_scores``; a term scored 0 is no topic of the work and is dropped);
``referenced_works`` become the references, ``cited_by_count`` and ``counts_by_year`` are kept;
full-URL ids become bare ones (``https://openalex.org/W1`` -> ``("openalex", "W1")``,
``https://doi.org/…`` -> DOI). A record's line is the line where its work object starts (see
:mod:`kg.extract.json_records`).
"""

from __future__ import annotations

import re
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
from kg.normalize.ids import normalize_arxiv_id, normalize_orcid, normalize_ror, split_arxiv_doi

LAYOUT = "openalex"

_SIGNS = ('"authorships"', "openalex.org/W", '"abstract_inverted_index"')
_ENVELOPE = Envelope(lists=("results",))
_INLINE_MARKUP = re.compile(
    r"</?(?:i|b|em|strong|sub|sup|scp|tt|u|span|mml:[a-z]+)(?:\s[^<>]*)?/?>", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")


def detect(text: str) -> float:
    """Sure when the text is JSON (an object or array) whose start carries OpenAlex work fields."""
    start = json_head(text)
    if start is None:
        return 0.0
    return 0.95 if any(sign in start for sign in _SIGNS) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    records: list[PaperRecord] = []
    problems: list[Problem] = []

    def take(line: int, work: Any) -> None:
        record, work_problems = _record(work, file, line)
        problems.extend(work_problems)
        if record is not None:
            records.append(record)

    json_objects(text, file, _ENVELOPE, take, problems, "work", options.limits)
    return Extraction(records=tuple(records), problems=tuple(problems))


# --- one work -> one record ------------------------------------------------------------------


def _record(work: Any, file: str, line: int) -> tuple[PaperRecord | None, list[Problem]]:
    if not isinstance(work, dict) or not any(
        k in work for k in ("id", "title", "display_name", "authorships")
    ):
        kind = type(work).__name__ if not isinstance(work, dict) else "object without work fields"
        return None, [Problem(file, line, "error", f"not an OpenAlex work ({kind}); skipped")]
    problems: list[Problem] = []
    authorships = [a for a in json_list(work.get("authorships")) if isinstance(a, dict)]
    authors = tuple(a for a in (_author(a) for a in authorships) if a is not None)
    if not authors:
        problems.append(Problem(file, line, "warning", f"work {_openalex_id(work) or '?'} has no authors"))
    problems.extend(_position_problems(authorships, file, line))
    scores = _scored_terms(work)
    doi, arxiv_from_doi = split_arxiv_doi(
        json_str(work.get("doi")) or json_str(json_dict(work.get("ids")).get("doi"))
    )
    record = PaperRecord(
        source=Source(file, line, LAYOUT),
        title=_plain(json_str(work.get("title")) or json_str(work.get("display_name"))),
        authors=authors,
        authors_truncated=work.get("is_authors_truncated") is True,
        affiliations=_organisations(authorships),
        date=_date(work),
        arxiv_id=_arxiv_from_locations(work) or arxiv_from_doi,
        abstract=rebuild_abstract(work.get("abstract_inverted_index")),
        doi=doi,
        keywords=tuple(scores),
        topic_scores=tuple((term, score) for term, score in scores.items() if score is not None),
        venue=_plain(
            json_str(json_dict(json_dict(work.get("primary_location")).get("source")).get("display_name"))
            or json_str(json_dict(work.get("host_venue")).get("display_name"))
        ),
        extra_ids=_extra_ids(work),
        language=json_str(work.get("language")),
        doc_type=json_str(work.get("type")),
        cited_by_count=json_int(work.get("cited_by_count")),
        references=_references(work),
        counts_by_year=_counts_by_year(work),
    )
    return record, problems


def rebuild_abstract(index: Any) -> str | None:
    """The text of an ``abstract_inverted_index`` (word -> positions), words in position order."""
    if not isinstance(index, dict):
        return None
    at: dict[int, str] = {}
    for word, positions in index.items():
        for position in json_list(positions):
            if isinstance(position, int):
                at[position] = word
    return " ".join(at[p] for p in sorted(at)) or None


def _author(authorship: dict[str, Any]) -> AuthorRef | None:
    person = json_dict(authorship.get("author"))
    name = json_str(person.get("display_name")) or json_str(authorship.get("raw_author_name"))
    if not name:
        return None
    institutions = [
        json_str(i.get("display_name"))
        for i in json_list(authorship.get("institutions"))
        if isinstance(i, dict)
    ]
    affiliations = [i for i in institutions if i] or [
        s for s in map(json_str, json_list(authorship.get("raw_affiliation_strings"))) if s
    ]
    openalex = bare_openalex_id(json_str(person.get("id")))
    return AuthorRef(
        name,
        orcid=normalize_orcid(json_str(person.get("orcid"))),
        affiliations=tuple(dict.fromkeys(affiliations)),
        ids=(("openalex", openalex),) if openalex else (),
    )


def _position_problems(authorships: list[dict[str, Any]], file: str, line: int) -> list[Problem]:
    """``author_position`` must agree with the list order, which kg follows."""
    last = len(authorships) - 1
    for index, authorship in enumerate(authorships):
        said = authorship.get("author_position")
        expected = "first" if index == 0 else "last" if index == last else "middle"
        if said and said != expected and not (said == "first" and last == 0):
            return [
                Problem(
                    file,
                    line,
                    "warning",
                    f"authorship {index + 1} says author_position {said!r}; the list order is used",
                )
            ]
    return []


def _organisations(authorships: list[dict[str, Any]]) -> tuple[OrgRef, ...]:
    orgs: dict[tuple[str, str | None], OrgRef] = {}
    for authorship in authorships:
        for institution in json_list(authorship.get("institutions")):
            name = json_str(json_dict(institution).get("display_name"))
            if name:
                ror = normalize_ror(json_str(institution.get("ror")))
                openalex = bare_openalex_id(json_str(institution.get("id")))
                orgs.setdefault((name, ror), OrgRef(name, ror, (("openalex", openalex),) if openalex else ()))
    return tuple(orgs.values())


def _date(work: dict[str, Any]) -> str | None:
    written = json_str(work.get("publication_date"))
    if written and is_iso_date(written):
        return written
    year = work.get("publication_year")
    return str(year) if isinstance(year, int) and 1000 <= year <= 9999 else None


def _arxiv_from_locations(work: dict[str, Any]) -> str | None:
    """An arXiv id from a location that links to arxiv.org (OpenAlex has no arXiv id field)."""
    for location in json_list(work.get("locations")) + [work.get("primary_location")]:
        for key in ("landing_page_url", "pdf_url"):
            url = json_str(json_dict(location).get(key))
            if url and "arxiv.org/" in url:
                found = normalize_arxiv_id(url)
                if found:
                    return found
    return None


def _scored_terms(work: dict[str, Any]) -> dict[str, float | None]:
    """Subject terms of ``keywords``, ``topics`` and ``concepts`` in that order, each with its
    highest score (None when no item gives one). A term scored 0 is left out: OpenAlex lists
    concepts it found no evidence for with score 0."""
    scores: dict[str, list[float]] = {}
    for key in ("keywords", "topics", "concepts"):
        for item in map(json_dict, json_list(work.get(key))):
            term = json_str(item.get("display_name")) or json_str(item.get("keyword"))
            if term:
                score = item.get("score")
                scored = isinstance(score, (int, float)) and not isinstance(score, bool)
                scores.setdefault(term, []).extend([float(score)] if scored and score is not None else [])
    best = {term: max(given) if given else None for term, given in scores.items()}
    return {term: score for term, score in best.items() if score is None or score > 0}


def _openalex_id(work: dict[str, Any]) -> str | None:
    return bare_openalex_id(json_str(work.get("id")) or json_str(json_dict(work.get("ids")).get("openalex")))


def bare_openalex_id(written: str | None) -> str | None:
    """``https://openalex.org/W1`` -> ``W1`` (also ``A…`` authors, ``I…`` institutions)."""
    return written.rstrip("/").rsplit("/", 1)[-1] or None if written else None


def _references(work: dict[str, Any]) -> tuple[Reference, ...]:
    """``referenced_works``: OpenAlex gives the cited works' ids only."""
    ids = (bare_openalex_id(json_str(w)) for w in json_list(work.get("referenced_works")))
    return tuple(Reference(openalex=w) for w in dict.fromkeys(ids) if w)


def _counts_by_year(work: dict[str, Any]) -> tuple[tuple[int, int], ...]:
    counts = {}
    for entry in json_list(work.get("counts_by_year")):
        year, count = json_int(json_dict(entry).get("year")), json_int(json_dict(entry).get("cited_by_count"))
        if year and count is not None:
            counts[year] = count
    return tuple(sorted(counts.items()))


def _extra_ids(work: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    ids = [("openalex", _openalex_id(work))]
    known = json_dict(work.get("ids"))
    for scheme in ("mag", "pmid", "pmcid"):
        value = known.get(scheme)
        if isinstance(value, (str, int)) and str(value).strip():
            ids.append((scheme, str(value).rstrip("/").rsplit("/", 1)[-1]))
    return tuple((scheme, value) for scheme, value in ids if value)


def _plain(text: str | None) -> str | None:
    """Inline formatting tags OpenAlex keeps in titles (``<i>``, ``<sub>``) dropped; any other
    markup is left as text, to be escaped wherever it is shown."""
    if not text:
        return None
    return _SPACES.sub(" ", _INLINE_MARKUP.sub("", text)).strip() or None
