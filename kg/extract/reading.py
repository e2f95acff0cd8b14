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

Only regular files are read (a FIFO would block, ``/dev/zero`` never ends), opened without
blocking and checked again once open, within :class:`kg.model.Limits` (file size, line length).
The bytes are read in chunks: a file that is mostly binary (a known binary signature, or more
than :data:`BINARY_SHARE` control bytes in its first 64 KiB) is refused; otherwise NUL bytes are
dropped as they are read (a text with megabytes of NULs costs no memory for them) and reported
once, with their count and the line of the first.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.model import Limits

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


#: Bytes sniffed for binary content, and the size of each later read.
HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024
#: A head with more than this share of control bytes (NUL and C0 but white space) is binary.
BINARY_SHARE = 0.3
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
#: Signatures of binary formats kg is sometimes handed by mistake: (prefix, name).
BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (also .docx, .xlsx, .epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document (OLE)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
)
_WIDE_ENCODING = re.compile(r"utf[-_]?(16|32)", re.IGNORECASE)


class InputError(Exception):
    """A whole input cannot be read (missing, empty, binary, undecodable, unknown layout)."""


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and warnings about the decoding."""

    text: str
    encoding: str
    warnings: tuple[tuple[int, str], ...] = ()  # (1-based line, message)


def decode_bytes(data: bytes | bytearray, encoding: str | None = None) -> Decoded:
    """Decode ``data`` with ``encoding``, or detect it (see the module docstring)."""
    if encoding:
        if not _text_encoding(encoding):
            raise InputError(f"unknown encoding {encoding!r}")
        try:
            return Decoded(_normalise(data.decode(encoding)), encoding)
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
        name = declared.group(1).decode()
        if not _text_encoding(name):
            raise InputError(
                f"the XML declaration names encoding {name!r}, which is not a text encoding kg "
                "knows; pass --encoding to name the file's encoding"
            )
        return decode_bytes(data, name)
    try:
        return Decoded(_normalise(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as utf8_error:
        return _decode_not_quite_utf8(data, utf8_error)


def read_input(path: str | Path, encoding: str | None = None, limits: Limits | None = None) -> Decoded:
    """Read one input file as text; see :func:`decode_bytes` and the module docstring."""
    data, warnings = read_bytes(Path(path), encoding, limits or Limits())
    if not data.strip():
        raise InputError("empty file" if not data else "empty file (only white space)")
    decoded = decode_bytes(data, encoding)
    if not decoded.text.strip():
        raise InputError("empty file (only white space)")
    if _looks_binary(decoded.text):
        raise InputError("binary file (mostly control characters); kg reads text listings")
    return Decoded(decoded.text, decoded.encoding, warnings + decoded.warnings)


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file or a folder, else None."""
    kinds = (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), None)


def unreadable_link(path: Path) -> str | None:
    """Why the symbolic link ``path`` cannot be followed (dangling, looping), else None."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops"
        if exc.errno == errno.ENOENT:
            return f"a dangling symbolic link (to {os.readlink(path)!r}, which does not exist)"
        return f"a symbolic link that cannot be followed ({exc.strerror or exc})"
    return None


def read_bytes(
    path: Path, encoding: str | None, limits: Limits
) -> tuple[bytearray, tuple[tuple[int, str], ...]]:
    """The bytes of the regular file ``path`` within ``limits``, NULs dropped unless the file is
    UTF-16 or UTF-32; and a warning when NULs were dropped."""
    broken_link = unreadable_link(path)
    if broken_link:
        raise InputError(f"{broken_link}; not read")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        _check_regular(os.fstat(fd), limits)
    except InputError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            return _read_chunks(handle, encoding, limits)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from None


def _check_regular(info: os.stat_result, limits: Limits) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file")
    kind = not_regular(info.st_mode)
    if kind:
        raise InputError(f"{kind}, not a regular file; kg reads regular files only")
    _check_size(info.st_size, limits)


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.file_bytes:
        raise InputError(
            f"{size:,} bytes, more than the limit of {limits.file_bytes:,} (--limit file_bytes=N); not read"
        )


def _read_chunks(
    handle: BinaryIO, encoding: str | None, limits: Limits
) -> tuple[bytearray, tuple[tuple[int, str], ...]]:
    head = handle.read(HEAD_BYTES)
    wide = _is_wide(head, encoding)
    if not wide:
        _refuse_binary(head, encoding)
    data = bytearray()  # grows in place: no second copy of the file while joining chunks
    lines = _LineLengths(limits.line_bytes)
    size = nuls = 0
    first_nul_line = 0
    chunk = head
    while chunk:
        size += len(chunk)
        _check_size(size, limits)  # a file that grows while read
        if not wide and b"\x00" in chunk:
            if not nuls:
                first_nul_line = lines.newlines + chunk.count(b"\n", 0, chunk.index(b"\x00")) + 1
            nuls += chunk.count(b"\x00")
            chunk = chunk.replace(b"\x00", b"")
        lines.feed(chunk)
        data += chunk
        chunk = handle.read(CHUNK_BYTES)
    warnings: tuple[tuple[int, str], ...] = ()
    if nuls:
        message = f"{nuls:,} NUL byte(s) in this file were dropped; this line has the first"
        warnings = ((first_nul_line, message),)
    return data, warnings


class _LineLengths:
    """Counts lines across chunks and raises :class:`InputError` at a line over the limit."""

    def __init__(self, limit: int):
        self.limit, self.newlines, self._open = limit, 0, 0  # _open: bytes since the last newline

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b"\n")
        if first < 0:
            self._open += len(chunk)
        else:
            self._check(self._open + first, 0)
            if self.limit < len(chunk):  # only then can a line inside the chunk be too long
                for index, line in enumerate(chunk.split(b"\n")[1:-1], start=1):
                    self._check(len(line), index)
            self._open = len(chunk) - chunk.rfind(b"\n") - 1
            self.newlines += chunk.count(b"\n")
        self._check(self._open, 0)

    def _check(self, length: int, lines_on: int) -> None:
        if length > self.limit:
            raise InputError(
                f"line {self.newlines + lines_on + 1} is longer than the limit of {self.limit:,} bytes "
                "(--limit line_bytes=N); not read"
            )


def _is_wide(head: bytes, encoding: str | None) -> bool:
    """UTF-16 or UTF-32 (named, by BOM, or NULs in every other byte): NUL bytes are text there."""
    if encoding:
        return bool(_WIDE_ENCODING.match(encoding))
    return any(head.startswith(bom) for bom, name in _BOMS if name != "utf-8-sig") or bool(
        _utf16_without_bom(head)
    )


def _refuse_binary(head: bytes, encoding: str | None) -> None:
    for signature, name in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise InputError(f"binary file ({name}); kg reads text listings")
    controls = len(head.translate(None, _TEXT_BYTES))
    if head and controls > BINARY_SHARE * len(head):
        share = round(100 * controls / len(head))
        raise InputError(
            f"binary file ({share}% control bytes in its first {len(head):,} bytes); kg reads text listings"
        )
    if not encoding and b"\x00" in head and not _utf8_prefix(head.replace(b"\x00", b"")):
        raise InputError("binary file (NUL bytes, and not UTF-8 text); kg reads text listings")


def _utf8_prefix(data: bytes | bytearray) -> bool:
    """``data`` is UTF-8, but for a character cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of one input file; :func:`read_input` also gives decoding warnings."""
    decoded = read_input(path, encoding)
    return decoded.text, decoded.encoding


def _text_encoding(name: str) -> bool:
    """``name`` is a codec that decodes bytes to text (not ``undefined``, ``rot13``, ``hex``...)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return info.name != "undefined" and getattr(info, "_is_text_encoding", True)


def _decode_unicode(data: bytes | bytearray, name: str) -> Decoded:
    try:
        return Decoded(_normalise(data.decode(name)), name)
    except UnicodeDecodeError as exc:
        raise InputError(f"looks like {name} but does not decode as it (offset {exc.start})") from None


def _decode_not_quite_utf8(data: bytes | bytearray, utf8_error: UnicodeDecodeError) -> Decoded:
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


def _utf16_without_bom(data: bytes | bytearray) -> str | None:
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


def _line_of(data: bytes | bytearray, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 20)
