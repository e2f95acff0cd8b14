"""Turn a file's bytes into text: encodings, byte-order marks, line ends, binary files.

Every extractor receives text decoded here, with ``\\n`` line ends, so line numbers agree
everywhere. Anything that cannot become text raises :class:`InputError` with one clear sentence.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


class InputError(Exception):
    """A whole input cannot be read (missing, empty, binary, undecodable, unknown layout)."""


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding used)``. Tries the given encoding, else UTF-8, else GB18030."""
    if encoding:
        try:
            return _normalise(data.decode(encoding)), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}") from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _normalise(data.decode(name)), name
    if b"\x00" in data[:8192]:
        raise InputError("binary file (it contains NUL bytes); kg reads text listings")
    try:
        return _normalise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"not UTF-8 (bad byte at offset {utf8_error.start}) nor GB18030; "
                "pass --encoding to name the file's encoding") from None
        if not _CJK.search(text):
            raise InputError(
                f"not UTF-8 (bad byte at offset {utf8_error.start}); pass --encoding to name "
                "the file's encoding")
        return _normalise(text), "gb18030"


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
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
        raise InputError("empty file")
    text, used = decode_bytes(data, encoding)
    if not text.strip():
        raise InputError("empty file")
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters); kg reads text listings")
    return text, used


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return controls > max(8, len(sample) // 20)
