"""Author entries as reference managers write them (RIS ``AU``, CSL-JSON ``author``): placeholders
that only say the list was cut, and names that are an organisation rather than a person.

Both decisions read the text alone, so they are the same for every format that calls them:

- :func:`is_placeholder`: ``et al.``, ``others``, ``and others``, ``…`` stand for people left out;
  they are never a person, and the record says its author list is truncated; one written after
  a name (``Smith, J. et al.``) is cut off it (:func:`strip_placeholder`).
- :func:`looks_like_organisation`: a corporate author (``Enzyme Atlas Consortium``, ``ATLAS
  Collaboration``, ``World Health Organization``) holds one of the words organisations are named
  with (:data:`ORGANISATION_WORDS`), and is not written ``Surname, Given``. A name without such
  a word is taken for a person's, so a single-word organisation (``Microsoft``) is missed and a
  person written ``Jeffrey Center`` is taken for an organisation: reference managers write
  people as ``Surname, Given`` (RIS) or ``family``/``given`` (CSL), which these rules read right.
"""

from __future__ import annotations

import re

_TRAILING_PLACEHOLDER = re.compile(r"[,;]?\s+(?:et\.?\s*al\.?|and\s+others)\s*$", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"^\s*(?:\[?\s*(?:and\s+|&\s*)?(?:et\.?\s*al\.?|others)\s*\]?|\.{3}|…|u\.\s*a\.|等)\s*$",
    re.IGNORECASE,
)

#: Words that name an organisation, not a person (whole words, any case).
ORGANISATION_WORDS = (
    "academy", "agency", "alliance", "association", "board", "bureau", "center", "centre",
    "collaboration", "college", "commission", "committee", "company", "consortium", "corporation",
    "council", "department", "foundation", "group", "inc", "initiative", "institut", "institute",
    "laboratories", "laboratory", "lab", "labs", "league", "ltd", "ministry", "network", "office",
    "organisation", "organization", "partnership", "program", "programme", "project", "school",
    "service", "society", "team", "trust", "union", "universidad", "university", "universität",
    "université", "working",
)  # fmt: skip
_INVERTED_PERSON = re.compile(r"^[^\s,]+,\s*[^\s,]+(?:\s+[^\s,]+){0,2}$")
_ORGANISATION = re.compile(rf"\b(?:{'|'.join(ORGANISATION_WORDS)})\b", re.IGNORECASE)


def is_placeholder(name: str) -> bool:
    """True for an entry that stands for authors left out (``et al.``, ``others``, ``…``)."""
    return bool(_PLACEHOLDER.match(name))


def strip_placeholder(name: str) -> tuple[str, bool]:
    """``(name, False)``; ``("Smith, J.", True)`` for ``Smith, J. et al.``; ``("", True)`` for a
    placeholder alone."""
    if is_placeholder(name):
        return "", True
    match = _TRAILING_PLACEHOLDER.search(name)
    return (name[: match.start()].strip(), True) if match else (name, False)


def looks_like_organisation(name: str) -> bool:
    """True when ``name`` holds a word organisations are named with (see the module docstring),
    unless it is written ``Surname, Given`` (``Center, Jeffrey`` is a person)."""
    return bool(_ORGANISATION.search(name)) and not _INVERTED_PERSON.match(name)
