"""Strong identifiers in one canonical spelling: DOI, arXiv id, ORCID iD, ROR id.

Sources write the same identifier many ways (``10.1000/ABC``, ``doi:10.1000/abc``,
``https://doi.org/10.1000/abc``; ``arXiv:2205.11728v2``, ``http://arxiv.org/abs/2205.11728v2``;
``https://orcid.org/0000-0002-1825-0097``; ``https://ror.org/02mhbdp94``). Entity resolution
compares the canonical forms these functions return, so two records agree exactly when their
identifiers do. Each ``normalize_*`` function takes what a source wrote and returns the canonical
form, or None when the value is not that kind of identifier (never a guess)::

    normalize_doi("https://doi.org/10.1145/3534678.3539170")  -> "10.1145/3534678.3539170"
    normalize_arxiv_id("http://arxiv.org/abs/2205.11728v2")   -> "2205.11728"
    normalize_arxiv_id("hep-th/9901001v1")                    -> "hep-th/9901001"
    normalize_orcid("https://orcid.org/0000-0002-1825-0097")  -> "0000-0002-1825-0097"
    normalize_ror("https://ror.org/02mhbdp94")                -> "02mhbdp94"

The ``*_url`` functions give the resolvable URL of a canonical id, for exports.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = [
    "normalize_doi",
    "normalize_arxiv_id",
    "arxiv_version",
    "arxiv_id_from_doi",
    "find_arxiv_id",
    "find_versioned_arxiv_id",
    "is_arxiv_journal",
    "corr_volume_arxiv_id",
    "split_arxiv_doi",
    "ids_in_link",
    "normalize_orcid",
    "normalize_ror",
    "doi_url",
    "arxiv_url",
    "orcid_url",
    "ror_url",
]

# DOI: "10." + registrant digits (possibly dotted) + "/" + any suffix. Case-insensitive by spec,
# so the canonical form is lower case.
_DOI = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)
_DOI_TRAILING = ".,;:"

# arXiv identifiers (https://info.arxiv.org/help/arxiv_identifier.html): new style YYMM.NNNN(N)
# since 2007, old style archive[.SUBJECT]/YYMMNNN before; either may carry a version "vN".
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"^(?P<id>{_ARXIV_NEW}|{_ARXIV_OLD})(?:v(?P<version>\d+))?$")
#: Where a URL names an arXiv paper: arxiv.org's own pages, and arxiv-vanity's rendering of them.
_ARXIV_PAGE = r"(?:(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/|(?:www\.)?arxiv-vanity\.com/papers/)"
_ARXIV_PREFIX = re.compile(rf"^(?:https?://{_ARXIV_PAGE}|arxiv:\s*)", re.IGNORECASE)
_ARXIV_IN_TEXT = re.compile(
    rf"(?:{_ARXIV_PAGE}|arxiv:\s*|10\.48550/arxiv\.)"
    rf"(?P<id>{_ARXIV_NEW}|{_ARXIV_OLD})(?:v(?P<version>\d+))?",
    re.IGNORECASE,
)
_ARXIV_DOI_PREFIX = "10.48550/arxiv."

_ORCID = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
_ORCID_PREFIX = re.compile(r"^(?:https?://(?:www\.)?orcid\.org/|orcid:\s*)", re.IGNORECASE)

# ROR: "0" + 6 Crockford base-32 characters + 2 check digits (ISO 7064 MOD 97-10).
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ROR = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")
_ROR_PREFIX = re.compile(r"^(?:https?://(?:www\.)?ror\.org/|ror:\s*)", re.IGNORECASE)


def normalize_doi(value: str | None) -> str | None:
    """The bare, lower-case DOI in ``value`` (a DOI, ``doi:`` form or doi.org URL), else None."""
    if not value:
        return None
    text = value.strip()
    if not text.startswith("10."):  # the common case needs neither step: millions in a corpus
        text = _DOI_PREFIX.sub("", text).strip()
    if "%" in text:
        text = unquote(text).strip()
    match = _DOI.fullmatch(text.rstrip(_DOI_TRAILING))
    return match.group(0).lower() if match else None


def arxiv_id_from_doi(doi: str | None) -> str | None:
    """The arXiv id of an arXiv-issued DOI (``10.48550/arXiv.2205.11728``), else None."""
    canonical = normalize_doi(doi)
    if not canonical or not canonical.startswith(_ARXIV_DOI_PREFIX):
        return None
    return normalize_arxiv_id(canonical[len(_ARXIV_DOI_PREFIX) :])


def split_arxiv_doi(value: str | None) -> tuple[str | None, str | None]:
    """``(doi, arxiv_id)`` for a DOI as written: an arXiv-issued DOI gives ``(None, its arXiv
    id)``, any other DOI ``(its canonical form, None)``. Extractors store an arXiv DOI as the
    arXiv id because it names the preprint: kept as ``doi`` it would make the preprint and its
    published version look like two papers with different DOIs."""
    canonical = normalize_doi(value)
    if canonical and canonical.startswith(_ARXIV_DOI_PREFIX):
        arxiv_id = normalize_arxiv_id(canonical[len(_ARXIV_DOI_PREFIX) :])
        if arxiv_id:
            return None, arxiv_id
    return canonical, None


def ids_in_link(url: str | None) -> tuple[str | None, str | None]:
    """``(doi, arxiv_id)`` that a link names: a doi.org link its DOI (an arXiv DOI: the arXiv id),
    an arxiv.org link its arXiv id; ``(None, None)`` for any other link."""
    if not url:
        return None, None
    if "doi.org/" in url.lower():
        return split_arxiv_doi(url)
    return None, normalize_arxiv_id(url)


def _split_arxiv(value: str | None) -> re.Match[str] | None:
    if not value:
        return None
    text = _ARXIV_PREFIX.sub("", value.strip()).strip().rstrip("/")
    text = re.sub(r"\.pdf$", "", text, flags=re.IGNORECASE)
    return _ARXIV_ID.match(text)


def normalize_arxiv_id(value: str | None) -> str | None:
    """The versionless arXiv id in ``value`` (an id, ``arXiv:`` form or arxiv.org URL), else None.

    Old-style ids drop the subject class, as arXiv does: ``math.GT/0309136`` -> ``math/0309136``.
    An arXiv DOI (``10.48550/arXiv.…``) gives its id too.
    """
    match = _split_arxiv(value)
    if match is None:
        return arxiv_id_from_doi(value) if value and "10.48550" in value else None
    found = match.group("id")
    if "/" in found:
        archive, number = found.split("/")
        found = f"{archive.split('.')[0].lower()}/{number}"
    return found


def arxiv_version(value: str | None) -> int | None:
    """The version number a versioned arXiv id or URL names (``2205.11728v2`` -> 2), else None."""
    match = _split_arxiv(value)
    return int(match.group("version")) if match and match.group("version") else None


def find_arxiv_id(text: str | None) -> str | None:
    """The first arXiv id that free text names explicitly (``arXiv:…``, an arxiv.org link or an
    arXiv DOI), versionless; None when there is none. Bare numbers are not taken for ids."""
    if not text:
        return None
    match = _ARXIV_IN_TEXT.search(text)
    return normalize_arxiv_id(match.group("id")) if match else None


def find_versioned_arxiv_id(text: str | None) -> tuple[str | None, int | None]:
    """``(id, version)`` of the first arXiv id that free text names explicitly, as
    :func:`find_arxiv_id` finds it (``arXiv:1706.03762v5`` -> ``("1706.03762", 5)``); the version
    is None when the text gives none, both are None when there is no id."""
    match = _ARXIV_IN_TEXT.search(text) if text else None
    if match is None:
        return None, None
    version = match.group("version")
    return normalize_arxiv_id(match.group("id")), int(version) if version else None


#: A journal name that names arXiv itself (dblp's ``CoRR``, Google Scholar's ``arXiv preprint
#: arXiv:…``, Semantic Scholar's ``ArXiv``, ``arXiv e-prints``): a preprint, and no venue.
_ARXIV_JOURNAL = re.compile(r"^\s*(?:corr|arxiv)\b", re.IGNORECASE)
#: dblp's CoRR volumes: ``abs/1706.03762``, ``abs/cs/0112017``, ``cs.AI/0112017``.
_CORR_VOLUME = re.compile(r"^\s*(?:abs/)?(?P<id>\S+?)\s*$", re.IGNORECASE)


def is_arxiv_journal(journal: str | None) -> bool:
    """True when a ``journal`` names arXiv itself (``CoRR``, ``arXiv preprint arXiv:1706.03762``)."""
    return bool(journal and _ARXIV_JOURNAL.match(journal))


def corr_volume_arxiv_id(volume: str | None) -> tuple[str | None, int | None]:
    """``(id, version)`` that a CoRR ``volume`` names (``abs/1706.03762v5`` -> ``("1706.03762", 5)``)."""
    match = _CORR_VOLUME.match(volume) if volume else None
    if match is None:
        return None, None
    found = normalize_arxiv_id(match.group("id"))
    return (found, arxiv_version(match.group("id"))) if found else (None, None)


def _orcid_checksum_ok(digits: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID defines it."""
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def normalize_orcid(value: str | None) -> str | None:
    """The ``0000-0002-1825-0097`` form of an ORCID iD or orcid.org URL; None when it is not one
    or its check digit is wrong (a mistyped iD must not merge two people)."""
    if not value:
        return None
    text = _ORCID_PREFIX.sub("", value.strip()).strip().rstrip("/").upper()
    match = _ORCID.match(text)
    if not match or not _orcid_checksum_ok("".join(match.groups())):
        return None
    return "-".join(match.groups())


def _ror_checksum_ok(ror: str) -> bool:
    number = 0
    for ch in ror[:7]:
        number = number * 32 + _CROCKFORD.index(ch)
    return 98 - (number * 100) % 97 == int(ror[7:])


def normalize_ror(value: str | None) -> str | None:
    """The bare, lower-case ROR id (``02mhbdp94``) of a ROR id or ror.org URL; None when it is
    not one or its check digits are wrong."""
    if not value:
        return None
    text = _ROR_PREFIX.sub("", value.strip()).strip().rstrip("/").lower()
    return text if _ROR.match(text) and _ror_checksum_ok(text) else None


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


def arxiv_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def orcid_url(orcid: str) -> str:
    return f"https://orcid.org/{orcid}"


def ror_url(ror: str) -> str:
    return f"https://ror.org/{ror}"
