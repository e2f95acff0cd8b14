"""CSL-JSON (citeproc JSON): the items Zotero, Better BibTeX, citation.js, pandoc and Crossref's
content negotiation write, as a JSON array of items, one item, ``{"items": [...]}``, or JSON Lines.

Each item is one record: ``title``, ``author`` in order, ``issued``, ``container-title``, ``DOI``,
``URL``, ``abstract``, ``keyword``, ``language``, ``type`` (as written: ``article-journal``),
``ISSN``/``ISBN``, ``PMID``/``PMCID`` and the item's ``id`` (``("csl", …)``). kg reads:

- an author entry's ``given``, particles, ``family`` and ``suffix`` as one name (``Ludwig van
  Beethoven``); an entry that is ``literal`` only (or ``family`` only) is an organisation when it
  holds a word organisations are named with (``Enzyme Atlas Consortium``, see
  :mod:`kg.extract.contributors`) and a person's full name otherwise; ``et al.``/``others``
  entries mark the list as truncated and are no person. ``ORCID`` and ``affiliation`` names, which
  Crossref's CSL adds, are read too;
- ``issued`` from ``date-parts`` (``[[2017, 6]]`` -> ``2017-06``; numbers or digit strings; the
  start of a range), else from ``raw`` or ``literal`` text (ISO ``2017-06-12``, ``June 12, 2017``,
  ``12 June 2017``, else a lone year);
- the venue: ``container-title``, else ``event-title``, ``event`` (when a string), then
  ``container-title-short``;
- ``keyword``: a string of comma- or semicolon-separated terms (Zotero), or a list;
- the arXiv id from an arXiv ``DOI``, an arxiv.org ``URL``, or ``note``/``number`` text naming it
  (``arXiv: 1706.03762``, ``arXiv:1706.03762 [cs]``); a doi.org ``URL`` gives the DOI when
  ``DOI`` is missing; a code host ``URL`` is a code link; ``abstract`` markup (JATS, HTML) is
  dropped.

CSL-JSON has no reference list. An item without ``type`` is read with a warning (the schema
requires it); one with neither title nor DOI nor arXiv id is skipped as an error. A record's line
is where its item object starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kg.extract.contributors import looks_like_organisation, strip_placeholder
from kg.extract.crossref import jats_text
from kg.extract.json_records import (
    Envelope,
    json_dict,
    json_extraction,
    json_head,
    json_int,
    json_list,
    json_str,
)
from kg.extract.lines import preview
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import is_iso_date, parse_month_day_year, partial_date
from kg.normalize.ids import find_arxiv_id, ids_in_link, normalize_orcid, split_arxiv_doi
from kg.normalize.links import on_code_host

LAYOUT = "csl_json"

_ENVELOPE = Envelope(lists=("items",))
#: The item types of CSL 1.0.2.
_CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview",
    "legal_case", "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
    "paper-conference", "patent", "performance", "periodical", "personal_communication", "post",
    "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
    "standard", "thesis", "treaty", "webpage",
)  # fmt: skip
_CSL_TYPE = re.compile(rf'"type"\s*:\s*"(?:{"|".join(map(re.escape, _CSL_TYPES))})"')
#: Keys CSL items have and other formats' records write otherwise (a list-valued ``title`` is
#: Crossref's; OpenAlex and S2 have ``display_name`` and ``year``).
_CSL_SIGNS = (
    re.compile(r'"title"\s*:\s*"'),
    re.compile(r'"container-title"\s*:\s*"'),
    re.compile(r'"date-parts"\s*:'),
    re.compile(r'"(?:family|literal)"\s*:\s*"'),
    re.compile(r'"citation-key"\s*:'),
)
#: Keys that mark another format's JSON (OpenAlex, Semantic Scholar, a Crossref API reply).
_FOREIGN = (
    '"paperId"',
    '"externalIds"',
    "openalex.org/",
    '"authorships"',
    '"display_name"',
    '"message-type"',
)
_ISO_START = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\b")
_LONE_YEAR = re.compile(r"\b(\d{4})\b")
_ISSN = re.compile(r"\b(\d{4})-?(\d{3}[\dXx])\b")
_ISBN = re.compile(r"^(?:97[89])?\d{9}[\dXx]$")
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_NAME_PARTS = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")


def detect(text: str) -> float:
    """Likely when the JSON's start has a CSL item type (``"type": "article-journal"``) with CSL's
    string titles, ``date-parts`` or name parts, and none of the other JSON formats' own keys."""
    start = json_head(text)
    if start is None or any(key in start for key in _FOREIGN) or not _CSL_TYPE.search(start):
        return 0.0
    signs = sum(bool(sign.search(start)) for sign in _CSL_SIGNS)
    return 0.9 if signs >= 2 else 0.7 if signs else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    return json_extraction(text, file, _ENVELOPE, _record, "item", options.limits)


def _record(item: Any, file: str, line: int, problems: list[Problem]) -> PaperRecord | None:
    def problem(severity: str, message: str) -> None:
        problems.append(Problem(file, line, severity, message))

    if not isinstance(item, dict):
        problem("error", f"not a CSL-JSON item ({type(item).__name__}); skipped")
        return None
    urls = [u for u in (json_str(item.get("URL")),) if u]
    doi, arxiv_id = _identifiers(item, urls, problem)
    title = _text(item.get("title"))
    if not title and not doi and not arxiv_id:
        problem("error", "CSL-JSON item with neither title nor DOI; skipped")
        return None
    if not json_str(item.get("type")):
        problem("warning", f"item {preview(title or doi or arxiv_id or '')!r} has no type")
    if not title:
        problem("warning", f"item {doi or arxiv_id} has no title")
    authors, orgs, truncated = _authors(json_list(item.get("author")))
    if not authors and not orgs:
        problem("warning", f"item {preview(title or doi or arxiv_id or '')!r} has no authors")
    date, date_problem = _issued(item.get("issued"))
    if date_problem:
        problem("warning", date_problem)
    code_urls = tuple(u for u in urls if on_code_host(u))
    return PaperRecord(
        source=Source(file, line, LAYOUT),
        title=title,
        authors=authors,
        authors_truncated=truncated,
        affiliations=orgs,
        date=date,
        has_code=bool(code_urls),
        code_urls=code_urls,
        arxiv_id=arxiv_id,
        abstract=jats_text(_text(item.get("abstract"))),
        doi=doi,
        keywords=_keywords(item.get("keyword")),
        venue=_text(item.get("container-title"))
        or _text(item.get("event-title"))
        or _text(item.get("event"))
        or _text(item.get("container-title-short")),
        extra_ids=_extra_ids(item),
        language=json_str(item.get("language")),
        doc_type=json_str(item.get("type")),
    )


def _text(value: Any) -> str | None:
    """A string field, or the first string of a list (Crossref's CSL writes some as lists)."""
    for entry in value if isinstance(value, list) else [value]:
        found = json_str(entry)
        if found:
            return " ".join(found.split())
    return None


def _identifiers(
    item: dict[str, Any], urls: list[str], problem: Callable[[str, str], None]
) -> tuple[str | None, str | None]:
    """``(doi, arxiv_id)`` from ``DOI``, else the link and notes; a ``DOI`` that is no DOI is
    reported."""
    written = json_str(item.get("DOI"))
    doi, arxiv_id = split_arxiv_doi(written)
    if written and not doi and not arxiv_id:
        problem("warning", f"DOI {preview(written)!r} is not a DOI; not read")
    for url in urls:
        found_doi, found_arxiv = ids_in_link(url)
        doi, arxiv_id = doi or found_doi, arxiv_id or found_arxiv
    for key in ("note", "number", "archive_location"):
        arxiv_id = arxiv_id or find_arxiv_id(json_str(item.get(key)))
    return doi, arxiv_id


def _authors(entries: list[Any]) -> tuple[tuple[AuthorRef, ...], tuple[OrgRef, ...], bool]:
    """The people in order, the organisations credited as authors (and the people's affiliations),
    and whether the list was cut."""
    people: list[AuthorRef] = []
    orgs: dict[str, OrgRef] = {}
    truncated = False
    for written in entries:
        entry = {"literal": written} if isinstance(written, str) else json_dict(written)
        parts = [json_str(entry.get(key)) for key in _NAME_PARTS]
        single = json_str(entry.get("literal")) or (parts[3] if not any(parts[:3] + parts[4:]) else None)
        if single:
            single, cut = strip_placeholder(single)
            truncated = truncated or cut
            if not single:
                continue
        elif parts[3]:
            parts[3], cut = strip_placeholder(parts[3])
            truncated = truncated or cut
        if single and looks_like_organisation(single):
            orgs.setdefault(single, OrgRef(single))
            continue
        name = single or " ".join(p for p in parts if p)
        affiliations = [
            a for a in (json_str(json_dict(x).get("name")) for x in json_list(entry.get("affiliation"))) if a
        ]
        for affiliation in affiliations:
            orgs.setdefault(affiliation, OrgRef(affiliation))
        if name:
            people.append(
                AuthorRef(
                    name,
                    orcid=normalize_orcid(json_str(entry.get("ORCID"))),
                    affiliations=tuple(dict.fromkeys(affiliations)),
                )
            )
    return tuple(people), tuple(orgs.values()), truncated


def _issued(value: Any) -> tuple[str | None, str | None]:
    """The ISO date of a CSL date (module docstring), and a warning when it cannot be read."""
    if value is None:
        return None, None
    issued = json_dict(value)
    ranges = json_list(issued.get("date-parts"))  # one date, or a range's start and end
    parts = json_list(ranges[0]) if ranges else []
    numbers = [json_int(p) for p in parts[:3]]
    year, month, day = (numbers + [None, None, None])[:3]
    if year and 1000 <= year <= 9999:
        return partial_date(year, month, day), None
    written = json_str(issued.get("raw")) or json_str(issued.get("literal")) or json_str(value)
    found = _date_text(written) if written else None
    if found:
        return found, None
    shown = written or preview(str(value))
    return None, f"issued date {preview(shown)!r} has no year; date left unknown"


def _date_text(text: str) -> str | None:
    """``2017-06-12``, ``June 12, 2017``, ``12 June 2017``, else the one year the text names."""
    iso = _ISO_START.match(text)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
        assert year is not None
        return partial_date(year, month, day)
    named = parse_month_day_year(text)
    if named and is_iso_date(named):
        return named
    years = _LONE_YEAR.findall(text)
    return years[0] if len(set(years)) == 1 else None


def _keywords(value: Any) -> tuple[str, ...]:
    terms = value if isinstance(value, list) else [value]
    split = (t for term in terms if isinstance(term, str) for t in _LIST_SEPARATOR.split(term))
    return tuple(dict.fromkeys(t.strip() for t in split if t.strip()))


def _extra_ids(item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    ids: list[tuple[str, str]] = []
    for written in _listed(item.get("ISSN")):
        ids.extend(("issn", f"{m.group(1)}-{m.group(2).upper()}") for m in _ISSN.finditer(written))
    for written in _listed(item.get("ISBN")):
        compact = re.sub(r"[\s-]", "", written)
        if _ISBN.match(compact):
            ids.append(("isbn", compact.upper()))
    pmid = json_str(str(item["PMID"])) if isinstance(item.get("PMID"), (str, int)) else None
    if pmid and pmid.isdigit():
        ids.append(("pmid", pmid))
    pmcid = json_str(item.get("PMCID"))
    if pmcid:
        ids.append(("pmcid", pmcid.upper() if pmcid.upper().startswith("PMC") else f"PMC{pmcid}"))
    item_id = item.get("id")
    if isinstance(item_id, (str, int)) and not isinstance(item_id, bool) and str(item_id).strip():
        ids.append(("csl", str(item_id).strip()))
    return tuple(dict.fromkeys(ids))


def _listed(value: Any) -> list[str]:
    """The strings of a field that is one string (``"1234-5678, 8765-4321"``) or a list of them."""
    values = value if isinstance(value, list) else [value]
    return [part for v in values if isinstance(v, str) for part in _LIST_SEPARATOR.split(v) if part.strip()]
