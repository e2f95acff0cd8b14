"""The text keys resolution compares (folded words, title keys, abstract words, stable digests),
the repair of double-decoded UTF-8 (mojibake), and the guards of text at the edges:
:func:`clean_text` for what comes in (no control character or lone surrogate reaches a record,
hence no writer), :func:`printable` for what goes out to a terminal (no escape sequence from
the data reaches it), :func:`without_bidi_controls` for what a page shows (no text reordered),
and :func:`bounded_int` for numbers written in the data."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING

from kg.defaults import MAX_INT_DIGITS
from kg.normalize.names import fold

if TYPE_CHECKING:
    import ftfy

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


#: What double-decoded UTF-8 leaves behind: a UTF-8 lead byte read as Latin-1 or Windows-1252
#: (``Ã``, ``Â``, ``Ä``, ``å``...) followed by a continuation byte read the same way (U+0080-U+00BF
#: or one of the Windows-1252 letters and punctuation in 0x80-0x9F). Text without such a pair is
#: never handed to ftfy, which keeps the check cheap on the text of a million records.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


@cache
def _encoding_only() -> ftfy.TextFixerConfig:
    """ftfy set to undo the wrong decoding of the whole text only: none of its other fixes (quotes,
    character widths, HTML entities, Unicode normalisation...), and none of its guesses on partly
    wrong text (a lone ``Ã`` before a space stays as written). ftfy is imported here, on the first
    suspect text: its import takes a quarter of a second that most runs need not pay."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=False,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=False,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def may_be_mojibake(text: str) -> bool:
    """False when ``text`` holds nothing that double-decoded UTF-8 leaves behind (most text):
    a cheap test before :func:`repair_mojibake`."""
    return not text.isascii() and _MOJIBAKE_PAIR.search(text) is not None


def repair_mojibake(text: str) -> str:
    """``text`` with double-decoded UTF-8 undone (``Aurora RamÃ­rez`` -> ``Aurora Ramírez``,
    ``èµµå†›å³°`` -> ``赵军峰``); text that is right (accents, Chinese, Greek, math, a lone ``Ã``)
    comes back unchanged."""
    if not may_be_mojibake(text):
        return text
    import ftfy

    return ftfy.fix_text(text, _encoding_only())


#: Characters no record keeps: C0 controls but tab and newline, DEL, C1 controls, and lone
#: surrogates (a JSON ``"\\ud800"`` escape decodes to one, and no UTF-8 writer can write it).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: Of those, the white space a text may hold (page breaks): a space keeps the words apart.
_SPACE_LIKE = frozenset("\x0b\x0c\x0d\x1c\x1d\x1e\x1f\x85")
#: The bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which
#: reorder the text around them: shown, it reads other than it is. (The marks U+200E/U+200F
#: only nudge neutral characters and are kept.)
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_BIDI_CONTROL = re.compile(f"[{_BIDI_CONTROLS}]")
#: Escaped on a terminal: the unsafe characters, and the bidirectional controls.
_NOT_PRINTABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_BIDI_CONTROLS}]")
REPLACEMENT = "\ufffd"


#: What may decode into an unsafe character: one itself, a JSON ``\\u`` escape of a control or a
#: surrogate, a numeric character reference (XML, HTML).
_MAY_DECODE_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]|\\\\u(?:00[01]|00[89]|007f|d[89a-f])|&#",
    re.IGNORECASE,
)


def may_hold_unsafe(text: str) -> bool:
    """False when nothing read from ``text`` can hold an unsafe character (see :data:`_UNSAFE`):
    no such character, and no escape that decodes into one. One scan of a file, where checking
    its records one by one costs a walk over every field."""
    return _MAY_DECODE_UNSAFE.search(text) is not None


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with each unsafe character (see :data:`_UNSAFE`) replaced: white-space controls
    by a space, the others by U+FFFD; and how many were replaced."""
    if text.isprintable() or not _UNSAFE.search(text):
        return text, 0
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return " " if match.group(0) in _SPACE_LIKE else REPLACEMENT

    return _UNSAFE.sub(replace, text), count


def printable(text: str) -> str:
    """``text`` safe to show on a terminal: control characters (but tab and newline), lone
    surrogates and bidirectional overrides written as escapes (``\\x1b``, ``\\u202e``), so that
    data can neither move the cursor, set a title, ring the bell nor reorder the line."""
    if text.isascii() and text.isprintable():
        return text
    return _NOT_PRINTABLE.sub(_escape, text)


def without_bidi_controls(text: str) -> str:
    """``text`` without its bidirectional embeddings, overrides and isolates (see
    :data:`_BIDI_CONTROL`): a page shows it in the order it is written."""
    if text.isascii():
        return text
    return _BIDI_CONTROL.sub("", text)


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last one an ellipsis when it is cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "\u2026"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def bounded_int(text: str, max_digits: int = MAX_INT_DIGITS) -> int | None:
    """The non-negative integer ``text`` writes (decimal digits, surrounding white space
    allowed), or None: not a number, or more than ``max_digits`` digits (a number that long is
    damage, not data, and Python refuses to convert 4,300 digits)."""
    digits = text.strip()
    significant = digits.lstrip("0")
    if not digits.isdecimal() or len(significant) > max_digits:
        return None
    return int(significant or "0")  # Python's digit limit counts leading zeros too
