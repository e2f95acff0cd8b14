"""Lines of the line-based listings (seeds/000-004): numbered as problems cite them, and clipped
for problem messages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as in records and problems
    text: str  # stripped


def non_blank_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, with their numbers (split on ``\\n`` only; see
    :mod:`kg.extract.reading`)."""
    return [Line(n, t.strip()) for n, t in enumerate(text.split("\n"), start=1) if t.strip()]


def preview(text: str, width: int = 60) -> str:
    """``text`` clipped to ``width`` characters for a problem message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(1-based number, line)`` of every line of ``text``, split on ``\\n`` only and one at a
    time: a large file is not copied into a list of its lines."""
    pos, number, size = 0, 1, len(text)
    while pos < size:
        end = text.find("\n", pos)
        end = size if end < 0 else end
        yield number, text[pos:end]
        pos, number = end + 1, number + 1


def iter_line_blocks(text: str, size: int = 1 << 20) -> Iterator[list[str]]:
    """The lines of ``text`` (split on ``\\n`` only) in lists of about ``size`` characters each:
    a C-speed split per block, without a list of every line of a large file. The lines of all
    blocks, in order, are those :func:`iter_lines` gives."""
    pos, total = 0, len(text)
    while pos < total:
        end = text.find("\n", min(pos + size, total))
        if end < 0:  # the last block: a final line end starts no line
            yield text[pos : total - 1 if text.endswith("\n") else total].split("\n")
            return
        yield text[pos:end].split("\n")
        pos = end + 1
