"""Turn a file's bytes into text: encodings, byte-order marks, line ends, binary files.

Every extractor receives text decoded here, with ``\\n`` line ends (CRLF and lone CR become
``\\n``; a BOM is dropped), so line numbers agree everywhere. Extractors split it with
``text.split("\\n")``, never ``str.splitlines()``, which also breaks at form feeds and U+2028 and
would shift line numbers.

Detection order, when no encoding is given: a byte-order mark (UTF-8, UTF-16), UTF-16 without a
BOM (every other byte NUL), the encoding an XML declaration names (``<?xml ... encoding="..."?>``),
UTF-8, then GB18030 (Chinese digests saved by Windows tools) when the text it gives is mostly
common Chinese characters (Latin-1 bytes also decode as GB18030, but into rare characters). A file
that is UTF-8 except for a few broken sequences (a scraper that cut a character in half) is read
as UTF-8 with U+FFFD in their place, and a warning says how many and where the first is: refusing
the whole file would lose far more. Anything that cannot become text raises :class:`InputError`
with one clear sentence.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: UTF-8 with broken sequences is still read as UTF-8 when it has at least this many good
#: non-ASCII characters per broken sequence. Legacy CJK encodings read as UTF-8 give fewer than
#: 0.3 (seeds/004 as GB18030: 0.27, Big5: 0.17, Shift-JIS: 0.09); Latin-1 gives 0.
_GOOD_PER_BROKEN = 3
#: Share of the non-ASCII characters of a GB18030 reading that must be common (GB2312) ones.
_COMMON_CJK_SHARE = 0.9
# Control characters other than the white space text uses (\t \n \v \f).
_CONTROL = re.compile(r"[\x00-\x08\x0d-\x1f]")
_XML_DECLARATION = re.compile(rb'^\s*<\?xml[^>]*\bencoding\s*=\s*["\']([A-Za-z0-9._-]+)["\']')
_REPLACEMENT = "\ufffd"


class InputError(Exception):
    """A whole input cannot be read (missing, empty, binary, undecodable, unknown layout)."""


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and warnings about the decoding."""

    text: str
    encoding: str
    warnings: tuple[tuple[int, str], ...] = ()  # (1-based line, message)


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` with ``encoding``, or detect it (see the module docstring)."""
    if encoding:
        try:
            return Decoded(_normalise(data.decode(encoding)), encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(
                f"cannot decode as {encoding}: bad byte at line "
                f"{_line_of(data, exc.start)} (offset {exc.start})"
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data, name)
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError("binary file (it contains NUL bytes); kg reads text listings")
        return _decode_unicode(data, utf16)
    declared = _XML_DECLARATION.match(data)
    if declared and declared.group(1).decode().lower().replace("_", "-") not in ("utf-8", "utf8"):
        return decode_bytes(data, declared.group(1).decode())
    try:
        return Decoded(_normalise(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as utf8_error:
        return _decode_not_quite_utf8(data, utf8_error)


def read_input(path: str | Path, encoding: str | None = None) -> Decoded:
    """Read one input file as text; see :func:`decode_bytes`."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file")
    if path.is_dir():
        raise InputError("is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError("empty file" if not data else "empty file (only white space)")
    decoded = decode_bytes(data, encoding)
    if not decoded.text.strip():
        raise InputError("empty file (only white space)")
    if _looks_binary(decoded.text):
        raise InputError("binary file (mostly control characters); kg reads text listings")
    return decoded


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of one input file; :func:`read_input` also gives decoding warnings."""
    decoded = read_input(path, encoding)
    return decoded.text, decoded.encoding


def _decode_unicode(data: bytes, name: str) -> Decoded:
    try:
        return Decoded(_normalise(data.decode(name)), name)
    except UnicodeDecodeError as exc:
        raise InputError(f"looks like {name} but does not decode as it (offset {exc.start})") from None


def _decode_not_quite_utf8(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    first_bad = _line_of(data, utf8_error.start)
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    good = sum(1 for ch in lenient if ord(ch) > 127 and ch != _REPLACEMENT)
    if good >= _GOOD_PER_BROKEN * broken:
        return Decoded(
            _normalise(lenient),
            "utf-8",
            (
                (
                    first_bad,
                    (
                        f"{broken} byte sequence(s) in this file are not valid UTF-8 (a character cut in "
                        "half?) and were read as U+FFFD; this line has the first"
                    ),
                ),
            ),
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if _CJK.search(text) and _mostly_common_chinese(text):
        return Decoded(_normalise(text), "gb18030")
    raise InputError(
        f"not UTF-8 (bad byte on line {first_bad}, offset {utf8_error.start}) nor "
        "GB18030; pass --encoding to name the file's encoding (e.g. --encoding latin-1)"
    )


def _mostly_common_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 127]
    common = sum(1 for ch in wide if _encodes(ch, "gb2312"))
    return common >= _COMMON_CJK_SHARE * len(wide)


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when NULs sit in every other byte, as in UTF-16 of mostly Latin text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.9 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.9 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 20)
