"""dblp XML: the records file (``<dblp>``) or a person page (``<dblpperson>``, records in ``<r>``).

dblp writes accented letters as HTML entities (``Zolt&aacute;n F&uuml;l&ouml;p``) that its DTD
declares; the DTD is not available offline, so the entity names are mapped to character
references before parsing (an unknown name is kept as text and reported). A name's homonym
number (``Zoltán Fülöp 0001``) is part of the author's identity in dblp and is kept. Inline markup
in titles (``<i>``, ``<sub>``, ``<sup>``, ``<tt>``) is flattened to its text, and the period dblp
ends every title with is dropped. ``ee`` links give the DOI and the arXiv id (so does a
CoRR ``volume``: ``journal`` CoRR marks a preprint and is no venue); ``key`` is kept as
the dblp id, each author's ``pid`` as its ``("dblp", pid)`` id and ``orcid`` as its ORCID iD.
Person (``www``) and proceedings-volume records are not papers and are skipped.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET

from kg.extract.xml_elements import element_text, read_elements
from kg.model import AuthorRef, Extraction, ExtractOptions, PaperRecord, Problem, Source
from kg.normalize.dates import month_number
from kg.normalize.ids import (
    corr_volume_arxiv_id,
    is_arxiv_journal,
    normalize_arxiv_id,
    normalize_orcid,
    split_arxiv_doi,
)

LAYOUT = "dblp"

#: dblp record elements that describe a paper, thesis or book.
PAPER_ELEMENTS = frozenset({"article", "inproceedings", "incollection", "book", "phdthesis", "mastersthesis"})
_ROOTS = re.compile(r"<(?:dblp|dblpperson)[\s>]")
# An entity reference, or a CDATA section (left as it is: its text is literal, entities and all;
# one left open runs to the end of the text, so an unclosed one costs one scan, not one per '&').
_ENTITY = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)|&([A-Za-z][A-Za-z0-9]*);", re.DOTALL)
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def detect(text: str) -> float:
    """Sure when the document's root is ``<dblp>`` or ``<dblpperson>``."""
    head = text.lstrip()[:2000]
    return 0.95 if head.startswith("<") and _ROOTS.search(head) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    xml_text, problems = html_entities_to_xml(text, file)
    read = read_elements(xml_text, file, PAPER_ELEMENTS, options.limits)
    problems.extend(read.problems)
    records = [_record(element, file, line) for line, element in read.elements]
    for record in records:
        if not record.authors:
            problems.append(Problem(file, record.source.line, "warning", "record has no authors"))
    return Extraction(records=tuple(records), problems=tuple(problems))


def html_entities_to_xml(text: str, file: str) -> tuple[str, list[Problem]]:
    """Replace HTML entity references (``&ouml;``) by numeric character references, which any XML
    parser reads without a DTD. Unknown names become literal text (``&amp;name;``), reported."""
    problems: list[Problem] = []
    counted = [0, 1]  # offset and line up to which newlines were counted (matches come in order)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None or name in _XML_ENTITIES:  # a CDATA section, or an XML entity
            return match.group(0)
        chars = html.entities.html5.get(name + ";")
        if chars:
            return "".join(f"&#{ord(ch)};" for ch in chars)
        counted[1] += text.count("\n", counted[0], match.start())
        counted[0] = match.start()
        line = counted[1]
        problems.append(Problem(file, line, "warning", f"unknown entity &{name}; kept as written"))
        return f"&amp;{name};"

    return _ENTITY.sub(replace, text), problems


def _record(element: ET.Element, file: str, line: int) -> PaperRecord:
    doi, arxiv_id = _ids(element)
    journal = element_text(element.find("journal"))
    preprint = is_arxiv_journal(journal)
    if preprint and not arxiv_id:
        arxiv_id = corr_volume_arxiv_id(element_text(element.find("volume")))[0]
    venue = (
        (None if preprint else journal)
        or element_text(element.find("booktitle"))
        or element_text(element.find("school"))
        or element_text(element.find("publisher"))
    )
    key = element.get("key")
    return PaperRecord(
        source=Source(file, line, LAYOUT),
        title=_title(element_text(element.find("title"))),
        authors=tuple(
            AuthorRef(name, orcid=normalize_orcid(a.get("orcid")), ids=_person_ids(a))
            for a in element.findall("author")
            if (name := element_text(a))
        ),
        date=_date(element),
        arxiv_id=arxiv_id,
        doi=doi,
        venue=venue,
        doc_type="preprint" if preprint else None,
        extra_ids=(("dblp", key),) if key else (),
    )


def _person_ids(author: ET.Element) -> tuple[tuple[str, str], ...]:
    """dblp's person id (``<author pid="f/ZoltanFulop">``), as ``("dblp", pid)``."""
    pid = (author.get("pid") or "").strip()
    return (("dblp", pid),) if pid else ()


def _title(title: str | None) -> str | None:
    """dblp ends every title with a period; a title ending in '?' or '!' has none added."""
    if title and title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title or None


def _date(element: ET.Element) -> str | None:
    year = element_text(element.find("year"))
    if not year or not re.fullmatch(r"\d{4}", year):
        return None
    month = month_number(element_text(element.find("month")) or "")
    return f"{year}-{month:02d}" if month else year


def _ids(element: ET.Element) -> tuple[str | None, str | None]:
    """``(doi, arxiv_id)`` from the ``ee`` links and the ``eprint`` element."""
    doi = arxiv_id = None
    for link in (element_text(ee) for ee in element.findall("ee")):
        if not link:
            continue
        found_doi, arxiv_from_doi = split_arxiv_doi(link) if "doi.org/" in link else (None, None)
        doi = doi or found_doi
        arxiv_id = arxiv_id or arxiv_from_doi or (normalize_arxiv_id(link) if "arxiv.org/" in link else None)
    eprint_type = (element_text(element.find("eprinttype")) or "").lower()
    if eprint_type == "arxiv" and not arxiv_id:
        arxiv_id = normalize_arxiv_id(element_text(element.find("eprint")))
    return doi, arxiv_id
