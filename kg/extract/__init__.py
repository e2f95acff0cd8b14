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
import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from kg.extract.checks import check_extraction, checks_for, cleaned
from kg.extract.reading import InputError, not_regular, read_input, unreadable_link
from kg.model import Extraction, ExtractOptions, FileExtraction, Problem
from kg.normalize.text import clean_text, printable
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
    "ris": "kg.extract.ris",
    "csl_json": "kg.extract.csl_json",
    "wos": "kg.extract.wos",
    "wos_tab": "kg.extract.wos_tab",
    "scopus": "kg.extract.scopus",
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
    path: str | Path | InputFile, options: ExtractOptions = ExtractOptions(), layout: str | None = None
) -> FileExtraction:
    """Read, detect and extract one file. Never raises for bad input: it becomes a Problem, and
    so does any error inside an extractor (the file is skipped, the build goes on). Records and
    problems name the file as given, or by an :class:`InputFile`'s ``name``."""
    if isinstance(path, InputFile):
        file, refused = path.name, path.refused
        path = path.path
        if refused:
            problem = Problem(file, None, "error", refused)
            return FileExtraction(file, None, None, Extraction(problems=(problem,)))
    else:
        file = clean_text(str(path))[0]
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
        decoded = read_input(path, options.encoding, options.limits)
        text, encoding = decoded.text, decoded.encoding
        chosen = layout or detect(text)
        if chosen is None:
            raise InputError(
                f"no known layout recognised; known layouts: {', '.join(EXTRACTORS)} "
                "(use --layout to choose one)"
            )
        extraction = check_extraction(extractor(chosen).extract(text, file, options), file, checks_for(text))
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


@dataclass(frozen=True)
class InputFile:
    """One file to read: where it is, the name provenance gives it, and why it is not read (a
    FIFO, a device, a broken link found in a folder), if so.

    ``name`` is the path relative to the argument it was found through, after that argument as
    typed when it is a relative path inside the working folder, else after the argument's own
    name: ``seeds/000_x.txt`` for ``seeds/``, ``./seeds`` and ``/home/me/seeds``; ``a.json`` for
    ``/home/me/a.json``. The exports never hold the user's absolute paths, and a folder gives the
    same exports however it is named."""

    path: Path
    name: str
    refused: str | None = None


def expand_inputs(paths: list[str | Path]) -> list[InputFile]:
    """The files named, and the files inside the folders named (sorted, hidden ones skipped;
    whatever in a folder is not a regular file, or a link that leads nowhere, is listed refused)."""
    files: list[InputFile] = []
    for path in map(Path, paths):
        root = _root_name(path)
        if not path.is_dir():
            files.append(InputFile(path, _provenance_name(root)))
            continue
        for entry in sorted(path.rglob("*")):
            inside = entry.relative_to(path)
            if any(part.startswith(".") for part in inside.parts):
                continue
            refused = _not_readable(entry)
            if refused or entry.is_file():
                files.append(InputFile(entry, _provenance_name(PurePosixPath(root, *inside.parts)), refused))
    return files


def _root_name(path: Path) -> PurePosixPath:
    """The argument as typed when relative and inside the working folder, else its own name."""
    if not path.is_absolute() and ".." not in path.parts:
        return PurePosixPath(*path.parts)
    return PurePosixPath(Path(os.path.abspath(path)).name)


def _provenance_name(name: PurePosixPath) -> str:
    return clean_text(str(name))[0]


def _not_readable(entry: Path) -> str | None:
    """Why a folder's entry is skipped with a Problem, or None (a file, or a folder to walk)."""
    broken = unreadable_link(entry)
    if broken:
        return f"{broken}; skipped"
    kind = not_regular(entry.stat().st_mode)
    return f"{kind}, not a regular file; skipped" if kind else None


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """The paths of the readable files :func:`expand_inputs` finds."""
    return [f.path for f in expand_inputs(paths) if f.refused is None]


def extract_paths(
    paths: list[str | Path], options: ExtractOptions = ExtractOptions(), layout: str | None = None
) -> list[FileExtraction]:
    return [extract_file(f, options, layout) for f in expand_inputs(paths)]
