"""Paper ids of the RDF exports: the id schemes of contract 2 (``ids``), each id in its one spelling
as ``schema:identifier`` and its resolver URL as ``schema:sameAs``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from kg.export.rdf.iris import encode_iri
from kg.normalize.ids import arxiv_url, doi_url, normalize_arxiv_id, normalize_doi


def _matching(pattern: str, canonical: Callable[[str], str] = str) -> Callable[[str], str | None]:
    """A check for ids that have one spelling: the value (through ``canonical``) when it has the
    form ``pattern``, else None."""
    form = re.compile(pattern)
    return lambda value: canonical(value) if form.fullmatch(value) else None


_NEW_ARXIV_ID = re.compile(r"[0-9]{4}\.[0-9]{4,5}\Z")


def _arxiv_id(value: str) -> str | None:
    """:func:`normalize_arxiv_id`, at once for an id already in its one spelling (the usual case)."""
    return value if _NEW_ARXIV_ID.match(value) else normalize_arxiv_id(value)


def _pmcid(value: str) -> str:
    """``4276478`` (OpenAlex drops the prefix) and ``pmc4276478`` -> ``PMC4276478``."""
    return "PMC" + value[3:] if value[:3].upper() == "PMC" else "PMC" + value


class IdScheme(NamedTuple):
    """How a paper id scheme of contract 2 (``ids``) is written: ``schema:identifier
    "<prefix>:<canonical id>"``, and ``schema:sameAs <url>`` when the id has a public resolver."""

    prefix: str
    canonical: Callable[[str], str | None]  # the id in its one spelling; None: not such an id
    url: Callable[[str], str] | None


#: Every paper id scheme the export writes. An id of another scheme, or one that is not in its
#: scheme's form, is left out (kg/shapes.ttl lists the same forms): a new scheme is added here.
#: A BibTeX key names an entry of one file only (two files may use it for two papers) and MAG
#: is retired: neither resolves, so neither has a ``sameAs``.
PAPER_ID_SCHEMES: dict[str, IdScheme] = {
    "arxiv": IdScheme("arXiv", _arxiv_id, arxiv_url),
    "doi": IdScheme("doi", normalize_doi, doi_url),
    "openalex": IdScheme("openalex", _matching(r"[Ww][0-9]+", str.upper), "https://openalex.org/{}".format),
    "dblp": IdScheme("dblp", _matching(r"[a-z]+(?:/[^/\s]+)+"), "https://dblp.org/rec/{}".format),
    "pmid": IdScheme("pmid", _matching(r"[0-9]+"), "https://pubmed.ncbi.nlm.nih.gov/{}".format),
    "pmcid": IdScheme(
        "pmcid",
        _matching(r"(?:[Pp][Mm][Cc])?[0-9]+", _pmcid),
        "https://www.ncbi.nlm.nih.gov/pmc/articles/{}".format,
    ),
    "mag": IdScheme("mag", _matching(r"[0-9]+"), None),
    "bibtex": IdScheme("bibtex", _matching(r"[^\s,{}]+"), None),
    # Web of Science accession numbers and Scopus EIDs: their record pages need a subscription
    "wos": IdScheme("wos", _matching(r"WOS:[0-9A-Z]{15}"), None),
    "scopus": IdScheme("scopus", _matching(r"2-s2\.0-[0-9]+"), None),
}


#: The author id schemes the export writes (an Author node's ``ids``), as for papers.
PERSON_ID_SCHEMES: dict[str, IdScheme] = {
    "dblp": IdScheme("dblp", _matching(r"[a-z0-9]+/[^/\s]+"), "https://dblp.org/pid/{}".format),
    "openalex": IdScheme("openalex", _matching(r"[Aa][0-9]+", str.upper), "https://openalex.org/{}".format),
    "s2": IdScheme("s2", _matching(r"[0-9]+"), "https://www.semanticscholar.org/author/{}".format),
    "scopus": IdScheme("scopus", _matching(r"[0-9]+"), None),
}


def paper_identifiers(
    data: dict[str, Any], schemes: dict[str, IdScheme] = PAPER_ID_SCHEMES
) -> tuple[list[str], list[str]]:
    """``(identifiers, urls)`` of a paper node, each sorted: ``"arXiv:2205.11728"``,
    ``"doi:10.1145/…"``, ``"openalex:W…"`` … from ``ids``, ``arxiv_id`` and ``doi``, and the
    resolver URL of each id that has one."""
    written: list[tuple[str, Any]] = [("arxiv", data.get("arxiv_id")), ("doi", data.get("doi"))]
    ids = data.get("ids")
    if isinstance(ids, dict):
        for scheme, values in ids.items():
            many = values if isinstance(values, (list, tuple, set)) else [values]  # a lone id, as loaded
            written += [(scheme, value) for value in many]
    identifiers, urls = set(), set()
    for scheme, value in written:
        spec = schemes.get(scheme)
        canonical = spec.canonical(str(value).strip()) if spec and value else None
        if spec and canonical:
            identifiers.add(f"{spec.prefix}:{canonical}")
            encoded = encode_iri(spec.url(canonical)) if spec.url else None
            if encoded:
                urls.add(encoded)
    return sorted(identifiers), sorted(urls)
