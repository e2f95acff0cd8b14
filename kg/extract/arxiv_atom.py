"""arXiv API responses (Atom 1.0 with the ``arxiv:`` extension elements).

One ``<entry>`` is one record: the versioned id URL gives the arXiv id and, apart, its version
(``arxiv_version``), ``arxiv:primary_category`` the category (``categories``: it, then every other
``<category>`` in order), ``arxiv:affiliation`` each author's organisations,
``arxiv:doi`` (or ``<link title="doi">``) the DOI, ``arxiv:journal_ref`` the venue, ``published``
the date of the first version; code links (:func:`kg.normalize.links.code_links`) come from
``arxiv:comment`` and the abstract. Titles
and abstracts arrive wrapped over several lines and are folded to single spaces. Old feeds that
declare the ``arxiv`` namespace on every element read the same as new ones that declare it once.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from kg.extract.xml_elements import element_text, read_elements
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.ids import arxiv_version, normalize_arxiv_id, split_arxiv_doi
from kg.normalize.links import code_links

LAYOUT = "arxiv_atom"

ATOM = "http://www.w3.org/2005/Atom"
ARXIV = "http://arxiv.org/schemas/atom"
_A = f"{{{ATOM}}}"
_X = f"{{{ARXIV}}}"
_API_ERROR = "arxiv.org/api/errors"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def detect(text: str) -> float:
    """Sure when the text is Atom XML that speaks of arXiv (its namespace or its id URLs)."""
    head = text.lstrip()[:200]
    if not head.startswith("<") or ATOM not in text:
        return 0.0
    return 0.95 if (ARXIV in text or "arxiv.org/abs/" in text) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    read = read_elements(text, file, frozenset({_A + "entry"}), options.limits)
    records: list[PaperRecord] = []
    problems = list(read.problems)
    if read.root_tag not in (None, _A + "feed", _A + "entry"):
        problems.append(Problem(file, 1, "warning", f"root element is {read.root_tag!r}, not an Atom feed"))
    for line, entry in read.elements:
        record, entry_problems = _record(entry, file, line)
        problems.extend(entry_problems)
        if record is not None:
            records.append(record)
    return Extraction(records=tuple(records), problems=tuple(problems))


def _record(entry: ET.Element, file: str, line: int) -> tuple[PaperRecord | None, list[Problem]]:
    problems: list[Problem] = []
    entry_id = element_text(entry.find(_A + "id")) or ""
    if _API_ERROR in entry_id:
        message = element_text(entry.find(_A + "summary")) or entry_id
        return None, [Problem(file, line, "error", f"the arXiv API answered with an error: {message}")]
    arxiv_id = normalize_arxiv_id(entry_id)
    if arxiv_id is None:
        problems.append(
            Problem(file, line, "warning", f"entry id {entry_id!r} is not an arXiv id; read without one")
        )
    authors = tuple(_author(a) for a in entry.findall(_A + "author") if element_text(a.find(_A + "name")))
    if not authors:
        problems.append(Problem(file, line, "warning", "entry has no authors"))
    doi, arxiv_from_doi = split_arxiv_doi(_doi(entry))
    abstract = element_text(entry.find(_A + "summary"))
    comment = element_text(entry.find(_X + "comment"))
    code_urls = tuple(dict.fromkeys(code_links(comment) + code_links(abstract)))
    published = element_text(entry.find(_A + "published")) or ""
    record = PaperRecord(
        source=Source(file, line, LAYOUT),
        title=element_text(entry.find(_A + "title")),
        authors=authors,
        affiliations=tuple(
            OrgRef(name) for name in dict.fromkeys(org for a in authors for org in a.affiliations)
        ),
        category=_category(entry),
        date=published[:10] if _ISO_DAY.match(published) else None,
        has_code=bool(code_urls),
        code_urls=code_urls,
        arxiv_id=arxiv_id or arxiv_from_doi,
        arxiv_version=arxiv_version(entry_id) if arxiv_id else None,
        categories=_categories(entry),
        abstract=abstract,
        doi=doi,
        venue=element_text(entry.find(_X + "journal_ref")),
    )
    return record, problems


def _author(element: ET.Element) -> AuthorRef:
    affiliations = (element_text(a) for a in element.findall(_X + "affiliation"))
    return AuthorRef(
        element_text(element.find(_A + "name")) or "",
        affiliations=tuple(dict.fromkeys(a for a in affiliations if a)),
    )


def _category(entry: ET.Element) -> str | None:
    """``arxiv:primary_category``; a feed without it lists the primary category first."""
    for element in (entry.find(_X + "primary_category"), entry.find(_A + "category")):
        if element is not None and element.get("term", "").strip():
            return element.get("term", "").strip()
    return None


def _categories(entry: ET.Element) -> tuple[str, ...]:
    """Every category of the entry, once each: the primary first, then the others in order."""
    primary = _category(entry)
    terms = (c.get("term", "").strip() for c in entry.findall(_A + "category"))
    return tuple(dict.fromkeys(t for t in ([primary] if primary else []) + list(terms) if t))


def _doi(entry: ET.Element) -> str | None:
    """``arxiv:doi`` (the first, when it lists several), else the ``<link title="doi">``."""
    written = element_text(entry.find(_X + "doi"))
    if written:
        return written.split()[0]
    for link in entry.findall(_A + "link"):
        if link.get("title") == "doi" and link.get("href"):
            return link.get("href")
    return None
