"""The text keys resolution compares: folded words, title keys, abstract words, stable digests."""

from __future__ import annotations

import hashlib
import re

from kg.normalize.names import fold

_WORD = re.compile(r"\w+", re.UNICODE)
#: ASCII text's non-word characters (all but letters, digits and ``_``: what ``\w`` leaves out)
#: turned to spaces, so ``split()`` gives its words: a third faster than ``findall`` on abstracts.
_ASCII_NON_WORD_TO_SPACE = str.maketrans(
    {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


def text_words(text: str | None) -> list[str]:
    """Folded words: case, accents and punctuation do not matter."""
    if not text:
        return []
    folded = fold(text)
    if folded.isascii():
        return folded.translate(_ASCII_NON_WORD_TO_SPACE).split()
    return _WORD.findall(folded)


def title_key(title: str | None) -> str | None:
    words = text_words(title)
    return " ".join(words) if words else None


def abstract_words(abstract: str | None) -> list[str]:
    """The abstract's folded words, without a leading "Abstract" label."""
    words = text_words(abstract)
    if words[:1] == ["abstract"]:
        words = words[1:]
    return words


def digest(text: str) -> str:
    """A stable 16-hex key (hashlib: Python's hash() differs between runs)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def clean_spelling(name: str) -> str:
    """A name or organisation as written, with its runs of white space made single spaces."""
    return " ".join(name.split())
