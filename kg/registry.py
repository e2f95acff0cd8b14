"""The contracts of the registries: what a layout module (:data:`kg.extract.EXTRACTORS`) and an
export function (:data:`kg.export.EXPORTERS`) must offer. The tables name modules and functions;
these Protocols say what the names must resolve to, for mypy and for the registry tests
(``tests/test_registry.py`` checks every entry against them).

A graph reader (``kg.load``) is ``Callable[[Path], nx.Graph]``: see
:data:`kg.export.networkx_formats.READERS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph
    from kg.model import Extraction, ExtractOptions


@runtime_checkable
class Extractor(Protocol):
    """A layout module: ``LAYOUT``, ``detect`` and ``extract`` at module level.

    ``detect`` scores the decoded text from its content only: 0.0 (not mine) to 1.0 (certainly
    mine). ``extract`` never raises for bad input: a record it cannot read whole is a
    :class:`kg.model.Problem` with file and line, and the rest is still read."""

    LAYOUT: str

    def detect(self, text: str) -> float: ...

    def extract(self, text: str, file: str, options: ExtractOptions = ...) -> Extraction: ...


class Exporter(Protocol):
    """An export function: writes the file ``path`` (atomically, see :mod:`kg.export.atomic`)
    from the built graph, reading only ``options``. One that writes more files beside it (the
    report's charts) returns them all, ``path`` first; None means ``path`` alone, and an empty
    list that there was nothing to write (no citation graph without references)."""

    def __call__(self, kg: KnowledgeGraph, path: Path, options: ExportOptions) -> list[Path] | None: ...
