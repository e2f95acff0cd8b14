"""Author names: the one place where spellings of a person's name are compared.

Two keys come out of a name as written:

* :func:`match_key` decides who is the same person on the string alone. It folds case and
  accents (``Viganò`` = ``Vigano``) and drops the spaces and hyphens inside given names
  (``Seung jae Shin`` = ``Seungjae Shin``, ``Yoon-Yeong Kim`` = ``YoonYeong Kim``).
* :func:`display_key` is the node key of DESIGN.md (``author:jung-woo ha``): the folded spelling
  with its hyphens kept, so ids stay readable.

A name whose given names are all initials (``J Leskovec``, ``A T Kalai``) has its own match key
(``j leskovec``); it never equals a full name's key. Whether ``J Leskovec`` is ``Jure Leskovec``
is decided only by evidence in the corpus (see :mod:`kg.resolve.authors`), using :func:`compatible`.

dblp numbers people who share a name (``Zoltán Fülöp 0001``, ``Zoltán Fülöp 0002``). The number is
identity: it stays in both keys and in the name shown, so the two are two people, and a bare
``Zoltán Fülöp`` (another source, no number) has a key of its own that equals neither.
:func:`base_key` gives the key without the number, for telling such names apart deliberately.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import _lru_cache_wrapper, cached_property, lru_cache
from typing import Any, ParamSpec, TypeVar

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_SEPARATORS = re.compile(r"[\s.]+")
_JOINERS = re.compile(r"[-‐‑‒–—']")  # hyphens, dashes and apostrophes inside a name part
_NOT_WORD = re.compile(r"[^\w\s.\-‐‑‒–—']", re.UNICODE)
#: dblp's homonym number: four digits closing the name (``Zoltán Fülöp 0001``).
_HOMONYM = re.compile(r"\s+(\d{4})\s*$")
#: Spellings whose parse and keys are remembered, per function. Resolution asks for each
#: spelling's keys many times, in passes over every paper: a cache smaller than the corpus's
#: spellings drops each one before its next use (1M generated papers name 615k authors, each
#: with one spelling or more: more than the 262k this was before).
#: :func:`clear_caches` empties them when resolution is done.
_CACHED_NAMES = 1 << 21
_CACHES: list[_lru_cache_wrapper[Any]] = []
_Args = ParamSpec("_Args")
_Result = TypeVar("_Result")


def _remembered(fn: Callable[_Args, _Result]) -> Callable[_Args, _Result]:
    """``fn`` with a cache of :data:`_CACHED_NAMES` spellings, which :func:`clear_caches` empties."""
    cached = lru_cache(maxsize=_CACHED_NAMES)(fn)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]  # an lru_cache wrapper calls as fn does


def fold(text: str) -> str:
    """Lower case without accents: ``Viganò`` -> ``vigano``. Letters outside Latin are kept."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


@dataclass(frozen=True)
class ParsedName:
    """A name split into given-name parts and a surname, folded, as the keys need it."""

    given: tuple[str, ...]  # e.g. ("jung-woo",) or ("a", "t")
    surname: str  # e.g. "ha", "alvarez-melis"
    homonym: str | None = None  # dblp's number for one of several people of this name: "0001"

    @cached_property
    def is_initials(self) -> bool:
        """True when every given part is an initial (``J``, ``A T``, ``J.-P.``)."""
        return bool(self.given) and all(_is_initial(part) for part in self.given)

    @cached_property
    def initials(self) -> str:
        """The first letter of each given part, hyphenated parts counting once each: ``jw``."""
        letters: list[str] = []
        for part in self.given:
            letters.extend(p[0] for p in _JOINERS.split(part) if p)
        return "".join(letters)


def _is_initial(part: str) -> bool:
    return all(len(p) <= 1 for p in _JOINERS.split(part))


@_remembered
def parse(name: str) -> ParsedName | None:
    """Split a name into given parts, surname and dblp homonym number; ``Surname, Given`` is
    turned around.

    Returns None when nothing name-like is left (empty, punctuation only)."""
    text = fold(name).strip()
    homonym = _HOMONYM.search(text)
    if homonym and text[: homonym.start()].strip(" ,"):
        text = text[: homonym.start()]
    else:
        homonym = None  # "2021" alone is no name with a number
    if text.count(",") == 1:
        surname, given = (s.strip() for s in text.split(","))
        if surname and given and given not in _SUFFIXES:
            text = f"{given} {surname}"
    text = _NOT_WORD.sub(" ", text)
    parts = [p.strip("-'") for p in _SEPARATORS.split(text)]
    parts = [p for p in parts if p]
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts.pop()
    if not parts:
        return None
    return ParsedName(tuple(parts[:-1]), parts[-1], homonym.group(1) if homonym else None)


def _squash(part: str) -> str:
    return _JOINERS.sub("", part)


@_remembered
def match_key(name: str) -> str | None:
    """The key two spellings of one person share: ``seungjae shin``; initials: ``a t kalai``;
    with dblp's homonym number: ``zoltan fulop 0001``."""
    parsed = parse(name)
    if parsed is None:
        return None
    key = _unnumbered_key(parsed)
    return f"{key} {parsed.homonym}" if parsed.homonym else key


@_remembered
def base_key(name: str) -> str | None:
    """The match key without dblp's homonym number: ``Zoltán Fülöp 0001``, ``Zoltán Fülöp 0002``
    and ``Zoltán Fülöp`` all give ``zoltan fulop``. Never a reason to merge on its own."""
    parsed = parse(name)
    return None if parsed is None else _unnumbered_key(parsed)


@_remembered
def homonym(name: str) -> str | None:
    """dblp's homonym number of a name (``0001``), or None."""
    parsed = parse(name)
    return None if parsed is None else parsed.homonym


def _unnumbered_key(parsed: ParsedName) -> str:
    if parsed.is_initials:
        return " ".join([*parsed.initials, _squash(parsed.surname)])
    given = "".join(_squash(p) for p in parsed.given)
    return f"{given} {_squash(parsed.surname)}" if given else _squash(parsed.surname)


@_remembered
def display_key(name: str) -> str | None:
    """The readable node key of a spelling: folded, single spaces, hyphens kept: ``jung-woo ha``;
    dblp's homonym number kept: ``zoltan fulop 0001``."""
    parsed = parse(name)
    if parsed is None:
        return None
    return " ".join(parsed.given + (parsed.surname,) + ((parsed.homonym,) if parsed.homonym else ()))


@_remembered
def block_key(name: str) -> str | None:
    """Surname and first initial (``l leskovec``): the only names that can be one person."""
    parsed = parse(name)
    if parsed is None:
        return None
    first = parsed.initials[:1]
    return f"{first} {_squash(parsed.surname)}" if first else _squash(parsed.surname)


@_remembered
def is_initials(name: str) -> bool:
    parsed = parse(name)
    return parsed is not None and parsed.is_initials


@_remembered
def compatible(initialled: str, full: str) -> bool:
    """Could the initials form ``initialled`` abbreviate ``full``? (``A T Kalai`` / ``Adam Tauman
    Kalai``: yes; ``S Shin`` / ``Su-Jin Shin``: yes; ``J Kim`` / ``Jure Leskovec``: no.)

    Only a test of form: it is never enough to merge two names on its own."""
    a, b = parse(initialled), parse(full)
    if a is None or b is None or not a.is_initials or b.is_initials:
        return False
    if a.homonym and b.homonym and a.homonym != b.homonym:
        return False
    if _squash(a.surname) != _squash(b.surname):
        return False
    # "S Shin" may abbreviate "Su-Jin Shin"; "S J Shin" may be "Seungjae Shin" written apart.
    wanted, have = a.initials, b.initials
    return have.startswith(wanted) or wanted.startswith(have)


@_remembered
def completeness(name: str) -> tuple[int, int, int, int]:
    """How much a spelling says, for choosing the name shown: full given names beat initials,
    then a dblp homonym number (it says which of several people), then more given-name letters,
    then marked syllable breaks (``Yoon-Yeong`` over ``YoonYeong``)."""
    parsed = parse(name)
    if parsed is None:
        return (0, 0, 0, 0)
    letters = sum(len(_squash(p)) for p in parsed.given)
    breaks = sum(len(_JOINERS.findall(p)) for p in parsed.given) + len(parsed.given)
    return (0 if parsed.is_initials else 1, 1 if parsed.homonym else 0, letters, breaks)


def clear_caches() -> None:
    """Forget the remembered parses and keys (hundreds of megabytes after a large corpus)."""
    for cached in _CACHES:
        cached.cache_clear()


# ------------------------------------------------------------------ placeholders

#: What a placeholder in an author list says. ``CUT``: more authors than the list names (``et
#: al.``, ``and others``, ``等``, ``…``). ``UNNAMED``: an author the source does not name
#: (``Anonymous``, ``[no author]``). Either way no person is named, and the paper has authors kg
#: does not know: the list is incomplete (``authors_truncated``).
CUT = "cut"
UNNAMED = "unnamed"

#: Placeholders standing as a whole name, as :func:`_placeholder_form` folds them (case, dots,
#: spaces and brackets dropped: ``Et. Al.`` -> ``etal``, ``[No Author]`` -> ``noauthor``).
_WHOLE_PLACEHOLDERS = {
    **dict.fromkeys(("etal", "etalii", "etalia", "others", "andothers", "等", "等人"), CUT),
    **dict.fromkeys(("anonymous", "anon", "noauthor", "noauthors", "unknown", "unknownauthor"), UNNAMED),
}
_PLACEHOLDER_NOISE = re.compile(r"[\s.,;:()\[\]{}<>'\"]+")
_ELLIPSIS_ONLY = re.compile(r"^[\s.…]*(?:\.{2,}|…)[\s.…]*$")
#: A cut marker glued to the last name of a list: ``Junho Kim et al.``, ``Kim and others``,
#: ``Kim...``, ``张三等``.
_CUT_TAIL = re.compile(
    r"(?:[\s,;]+(?:and\s+others|et(?:\.\s*|\s+)al(?:ii|ia)?\.?)|\s*(?:\.{3,}|…+)|\s*等人?)\s*$",
    re.IGNORECASE,
)


def _placeholder_form(name: str) -> str:
    return _PLACEHOLDER_NOISE.sub("", fold(name))


def placeholder_kind(name: str) -> str | None:
    """:data:`CUT` or :data:`UNNAMED` when ``name`` is a placeholder, not a person (case and
    punctuation aside: ``et al.``, ``Et. Al``, ``and others``, ``等人``, ``...``, ``Anonymous``,
    ``[no author]``); None for a name."""
    if _ELLIPSIS_ONLY.match(name):
        return CUT
    return _WHOLE_PLACEHOLDERS.get(_placeholder_form(name))


def is_placeholder_name(name: str) -> bool:
    """True when ``name`` stands for people it does not name (:func:`placeholder_kind`)."""
    return placeholder_kind(name) is not None


@_remembered
def split_placeholder(name: str) -> tuple[str, str | None]:
    """``(the name without its placeholder, the placeholder's kind)``: ``Junho Kim et al.`` ->
    ``("Junho Kim", CUT)``; ``et al.`` -> ``("", CUT)``; ``Anonymous`` -> ``("", UNNAMED)``; a
    plain name -> ``(name, None)``. The one rule every source's author lists go through
    (:mod:`kg.extract.checks`), and that parsers which must see the end of a list use."""
    kind = placeholder_kind(name)
    if kind is not None:
        return "", kind
    tail = _CUT_TAIL.search(name)
    if tail is None:
        return name, None
    rest = name[: tail.start()].rstrip(" ,;")
    if is_placeholder_name(rest):  # "Anonymous et al."
        return "", placeholder_kind(rest)
    return rest, CUT
