"""Extractors: one module per source layout, registered in :data:`EXTRACTORS`.

An extractor module defines::

    LAYOUT = "name"
    def detect(text: str) -> float        # 0.0 (not mine) .. 1.0 (certainly mine), from content only
    def extract(text: str, file: str, options: ExtractOptions) -> Extraction

``text`` arrives decoded with ``\\n`` line ends (see :mod:`kg.extract.reading`); line numbers in
records and problems are 1-based lines of that text. Adding a layout is one module plus one line
in the table below.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

from kg.extract.checks import check_extraction, cleaned
from kg.extract.reading import InputError, read_input
from kg.model import Extraction, ExtractOptions, FileExtraction, Problem
from kg.normalize.text import printable
from kg.registry import Extractor

#: layout name -> module implementing it. Order breaks ties in detection.
EXTRACTORS: dict[str, str] = {
    "profile_list": "kg.extract.profile_list",
    "profile_page": "kg.extract.profile_page",
    "abstract_lines": "kg.extract.abstract_lines",
    "arxiv_digest": "kg.extract.arxiv_digest",
    "bibtex": "kg.extract.bibtex",
    "arxiv_atom": "kg.extract.arxiv_atom",
    "openalex": "kg.extract.openalex",
    "dblp": "kg.extract.dblp",
    "pubmed": "kg.extract.pubmed",
    "crossref": "kg.extract.crossref",
    "semantic_scholar": "kg.extract.semantic_scholar",
    "weibo": "kg.extract.weibo",
}

#: Detection scores below this mean "not recognised".
MIN_CONFIDENCE = 0.5


def layouts() -> list[str]:
    return list(EXTRACTORS)


def extractor(layout: str) -> Extractor:
    if layout not in EXTRACTORS:
        raise InputError(f"unknown layout {layout!r}; known layouts: {', '.join(EXTRACTORS)}")
    return importlib.import_module(EXTRACTORS[layout])


def detect(text: str) -> str | None:
    """The layout whose extractor is most confident about ``text``, or None."""
    best, best_score = None, MIN_CONFIDENCE
    for name in EXTRACTORS:
        score = extractor(name).detect(text)
        if score > best_score:
            best, best_score = name, score
    return best


def extract_file(
    path: str | Path, options: ExtractOptions = ExtractOptions(), layout: str | None = None
) -> FileExtraction:
    """Read, detect and extract one file. Never raises for bad input: it becomes a Problem, and
    so does any error inside an extractor (the file is skipped, the build goes on)."""
    file = str(path)
    try:
        return _extract_file(path, file, options, layout)
    except Exception as exc:  # a bug or a limit an extractor missed: this file only
        return _failed(file, exc)


def _failed(file: str, exc: BaseException) -> FileExtraction:
    """The file skipped with one Problem naming the error (its type and message, escaped)."""
    line = getattr(exc, "lineno", None)
    message = printable(str(exc))
    message = message if len(message) <= 300 else message[:299] + "…"
    return FileExtraction(
        file,
        None,
        None,
        Extraction(
            problems=(
                Problem(
                    file,
                    line if isinstance(line, int) else None,
                    "error",
                    f"reading failed ({type(exc).__name__}: {message}); the file is skipped",
                ),
            )
        ),
    )


def _extract_file(path: str | Path, file: str, options: ExtractOptions, layout: str | None) -> FileExtraction:
    try:
        decoded = read_input(path, options.encoding)
        text, encoding = decoded.text, decoded.encoding
        chosen = layout or detect(text)
        if chosen is None:
            raise InputError(
                f"no known layout recognised; known layouts: {', '.join(EXTRACTORS)} "
                "(use --layout to choose one)"
            )
        extraction = check_extraction(extractor(chosen).extract(text, file, options), file)
        extraction = replace(
            extraction,
            problems=cleaned(
                tuple(Problem(file, line, "warning", message) for line, message in decoded.warnings)
                + extraction.problems
            )[0],
            profiles=cleaned(extraction.profiles)[0],
        )
    except InputError as exc:
        return FileExtraction(
            file, None, None, Extraction(problems=(Problem(file, None, "error", str(exc)),))
        )
    if not extraction.records and not extraction.profiles:
        extraction = Extraction(
            problems=extraction.problems
            + (Problem(file, None, "error", f"no records found in this {chosen} file"),)
        )
    return FileExtraction(file, chosen, encoding, extraction)


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files named, and the files inside folders named (sorted, hidden ones skipped)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.append(path)
    return files


def extract_paths(
    paths: list[str | Path], options: ExtractOptions = ExtractOptions(), layout: str | None = None
) -> list[FileExtraction]:
    return [extract_file(p, options, layout) for p in expand_paths(paths)]
