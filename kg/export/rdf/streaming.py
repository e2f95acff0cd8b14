"""The byte writers' loop: descriptions rendered as bytes, written in bounded batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO

from kg.export.rdf.describe import Description

FLUSH_AT = 65_536  # strings gathered before one write (a few MB)


def write_batched(
    handle: IO[bytes],
    described: Iterator[Description],
    add: Callable[[list[bytes], bytes, list[tuple[bytes, bytes]]], None],
) -> int:
    """Write the descriptions, each as ``add`` appends its pieces to the buffer, in one write per
    :data:`FLUSH_AT` pieces (joined once per write: no copies); returns the number of triples."""
    count = 0
    parts: list[bytes] = []
    for subject, pairs in described:
        count += len(pairs)
        add(parts, subject, pairs)
        if len(parts) >= FLUSH_AT:
            handle.write(b"".join(parts))
            parts = []
    handle.write(b"".join(parts))
    return count
