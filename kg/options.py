"""The options of each ``kg`` command: one frozen dataclass per command, whose field defaults are
the defaults the ``kg`` options show (kg/cli.py reads them from here), checked once by
``validate()`` before any work starts. A user mistake raises :class:`OptionError`: the command
prints its one line and exits 2.

Adding an option: a field here (with its default), its check in ``validate()`` if it can be
wrong, and a ``click.option`` in kg/cli.py whose ``default=`` reads the field.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.defaults import BASE_IRI, SEED, SIZE_BY
from kg.measures import SIZE_MEASURES
from kg.model import Limits

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.pipeline import BuildOptions

#: Where the inputs are read from when a command names none.
DEFAULT_INPUTS = (Path("seeds"),)
#: The folder ``kg build`` writes to, and where the other commands look for its files.
DEFAULT_OUT_DIR = Path("exports")


class OptionError(ValueError):
    """A user mistake in the options or arguments of a command."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option


# --------------------------------------------------------------------------- the checks


def check_size_by(size_by: str) -> None:
    if size_by not in SIZE_MEASURES:
        raise OptionError(
            "--size-by", f"{size_by!r} is not a measure; choose from {', '.join(SIZE_MEASURES)}"
        )


def check_max_nodes(max_nodes: int | None) -> None:
    if max_nodes is not None and max_nodes < 1:
        raise OptionError("--max-nodes", f"{max_nodes} is not a positive number")


def check_out_dir(path: Path, option: str = "-o/--out") -> None:
    """``path`` is a folder, or can be made one, and files can be written in it."""
    if path.exists() and not path.is_dir():
        raise OptionError(option, f"{path} is a file, not a folder")
    _check_writable(_nearest_existing(path), path, option)


def check_out_file(path: Path, option: str = "-o/--out") -> None:
    """``path`` names a file (not a folder) whose folder is, or can be made, writable."""
    if path.is_dir():
        raise OptionError(option, f"{path} is a folder; name the page to write, e.g. {path / 'page.html'}")
    _check_writable(_nearest_existing(path.parent), path, option)


def check_graph_file(path: Path, option: str = "--graph") -> None:
    """``path`` is a file of a graph format that :func:`kg.load` reads back."""
    from kg.export.networkx_formats import READERS

    if path.is_dir():
        raise OptionError(option, f"{path} is a folder, not a graph file")
    if not path.exists():
        raise OptionError(option, f"{path} does not exist")
    if path.suffix.lower() not in READERS:
        raise OptionError(
            option,
            f"{path} is not a graph file kg reads back ({', '.join(sorted(READERS))}, as kg build "
            "writes them; for .ttl, .nt and .jsonld use kg query)",
        )


def check_exports(only: tuple[str, ...], all_exports: bool) -> None:
    from kg.export import EXPORTERS

    unknown = [name for name in only if name not in EXPORTERS]
    if unknown:
        raise OptionError("--only", f"unknown export {', '.join(unknown)}; known: {', '.join(EXPORTERS)}")
    if only and all_exports:
        raise OptionError("--only", "--only and --all exclude each other")


def check_base_iri(base_iri: str) -> None:
    from kg.export.rdf.iris import normalize_base

    try:
        normalize_base(base_iri)
    except ValueError as exc:
        raise OptionError("--base-iri", str(exc)) from None


def check_authors_file(path: Path | None, option: str = "--authors") -> None:
    """``path`` is a rules file kg reads (:mod:`kg.resolve.author_rules`), every rule sound."""
    from kg.resolve.author_rules import AuthorRulesError, load_author_rules

    if path is None:
        return
    if path.is_dir():
        raise OptionError(option, f"{path} is a folder, not a rules file")
    try:
        load_author_rules(path)
    except AuthorRulesError as exc:
        raise OptionError(option, str(exc)) from None


def check_input_paths(paths: Iterable[Path], option: str = "PATHS") -> None:
    """No input named is a FIFO, socket or device: reading one would block or never end. (A
    missing path is a Problem of the run, as is such a file found inside a folder.)"""
    from kg.extract.reading import not_regular

    for path in paths:
        try:
            kind = not_regular(path.stat().st_mode)
        except OSError:
            continue
        if kind:
            raise OptionError(option, f"{path} is {kind}; kg reads regular files and folders")


def parse_limits(values: Iterable[str]) -> Limits:
    """``--limit NAME=N`` (repeatable) as :class:`kg.model.Limits`: the defaults, with those named."""
    known = {f.name for f in fields(Limits)}
    chosen: dict[str, int] = {}
    for value in values:
        name, _, number = value.partition("=")
        name = name.strip()
        if name not in known:
            raise OptionError("--limit", f"{value!r}: name one of {', '.join(sorted(known))}, as NAME=N")
        if not number.strip().isdecimal() or int(number) < 1:
            raise OptionError("--limit", f"{value!r}: the limit must be a positive whole number")
        chosen[name] = int(number)
    return replace(Limits(), **chosen)


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(".")


def _check_writable(folder: Path, wanted: Path, option: str) -> None:
    """Write and remove a probe file in ``folder`` (permission bits alone do not tell: a
    read-only mount, or a user who may write anywhere)."""
    if not folder.is_dir():
        raise OptionError(option, f"cannot write {wanted}: {folder} is a file")
    try:
        handle, probe = tempfile.mkstemp(prefix=".kg-probe-", dir=folder)
    except OSError as exc:
        raise OptionError(option, f"cannot write in {folder}: {exc.strerror or exc}") from None
    os.close(handle)
    os.unlink(probe)


# --------------------------------------------------------------------------- the commands


@dataclass(frozen=True)
class ExtractCommand:
    """``kg extract PATHS``."""

    paths: tuple[Path, ...] = ()
    fmt: str = "jsonl"  # jsonl | table
    layout: str | None = None
    as_of: str | None = None  # ISO date
    encoding: str | None = None
    limits: tuple[str, ...] = ()  # NAME=N, see kg.model.Limits

    def validate(self) -> None:
        if not self.paths:
            raise OptionError("PATHS", "name at least one file or folder")
        check_input_paths(self.paths)
        parse_limits(self.limits)


@dataclass(frozen=True)
class BuildCommand:
    """``kg build [PATHS]``: what to read, how to build, what to write where."""

    paths: tuple[Path, ...] = ()  # none: DEFAULT_INPUTS
    out_dir: Path = DEFAULT_OUT_DIR
    layout: str | None = None
    as_of: str | None = None  # ISO date
    encoding: str | None = None
    aliases: Path | None = None
    authors_file: Path | None = None  # same / different person rules (CSV or TOML)
    base_iri: str = BASE_IRI
    size_by: str = SIZE_BY
    max_nodes: int | None = None
    seed: int = SEED
    analyses: bool = True
    only: tuple[str, ...] = ()
    all_exports: bool = False
    progress: bool | None = None  # None: on a terminal
    quiet: bool = False  # no progress, no summary: problems and errors only
    workers: int | None = None  # None: the CPUs available (at most 4)
    limits: tuple[str, ...] = ()  # NAME=N, see kg.model.Limits

    def validate(self) -> None:
        parse_limits(self.limits)
        check_exports(self.only, self.all_exports)
        check_base_iri(self.base_iri)
        check_size_by(self.size_by)
        check_max_nodes(self.max_nodes)
        check_out_dir(self.out_dir)
        check_authors_file(self.authors_file)

        check_input_paths(self.paths)

    @property
    def inputs(self) -> list[str | Path]:
        return list(self.paths or DEFAULT_INPUTS)

    def export_names(self) -> list[str] | None:
        """The exports to write; None: the defaults."""
        from kg.export import EXPORTERS

        return list(EXPORTERS) if self.all_exports else list(self.only) or None

    def build_options(self, progress: bool) -> BuildOptions:
        from kg.pipeline import BuildOptions

        return BuildOptions(
            as_of=self.as_of,
            layout=self.layout,
            encoding=self.encoding,
            aliases=self.aliases,
            authors_file=self.authors_file,
            analyses=self.analyses,
            seed=self.seed,
            progress=progress,
            workers=self.workers,
            limits=parse_limits(self.limits),
        )

    def export_options(self) -> ExportOptions:
        from kg.export import ExportOptions

        return ExportOptions(
            base_iri=self.base_iri, size_by=self.size_by, max_nodes=self.max_nodes, seed=self.seed
        )


@dataclass(frozen=True)
class StatsCommand:
    """``kg stats PATHS``: counts, nothing written."""

    paths: tuple[Path, ...] = ()
    as_of: str | None = None

    def validate(self) -> None:
        if not self.paths:
            raise OptionError("PATHS", "name at least one file or folder")
        check_input_paths(self.paths)


@dataclass(frozen=True)
class QueryCommand:
    """``kg query GRAPH_FILE QUERY``."""

    graph_file: Path = DEFAULT_OUT_DIR / "kg.ttl"
    query: str = ""
    fmt: str = "table"  # table | csv | json
    engine: str | None = None  # None: oxigraph when installed, else rdflib
    timeout: float = 60.0  # seconds, once the graph is loaded
    limit: int = 100_000  # rows
    allow_service: bool = False  # SERVICE may query remote endpoints
    no_cache: bool = False  # read the file afresh, not the persistent store beside it

    def validate(self) -> None:
        if self.graph_file.is_dir():
            raise OptionError("GRAPH_FILE", f"{self.graph_file} is a folder, not an RDF file")
        if not self.timeout > 0:
            raise OptionError("--timeout", f"{self.timeout:g} is not a positive number of seconds")
        if self.limit < 1:
            raise OptionError("--limit", f"{self.limit} is not a positive number of rows")


@dataclass(frozen=True)
class ExplainCommand:
    """``kg explain author|paper NAME``."""

    kind: str = "author"
    name: tuple[str, ...] = ()
    graph_file: Path = DEFAULT_OUT_DIR / "graph.json"
    inputs: tuple[Path, ...] = ()
    aliases: Path | None = None
    authors_file: Path | None = None

    def validate(self) -> None:
        if not self.inputs and self.graph_file.exists():
            check_graph_file(self.graph_file)
        check_authors_file(self.authors_file)

        check_input_paths(self.inputs, "-i/--input")


@dataclass(frozen=True)
class HtmlCommand:
    """``kg html [PATHS]``: one page, written by the export registry's page writer."""

    paths: tuple[Path, ...] = ()  # none (and no graph_file): DEFAULT_INPUTS
    out: Path | None = None  # None: DEFAULT_OUT_DIR / the page's file name in the registry
    graph_file: Path | None = None
    whole: bool = False
    size_by: str = SIZE_BY
    max_nodes: int | None = None
    seed: int = SEED

    def validate(self) -> None:
        if self.graph_file and self.paths:
            raise OptionError("--graph", "give either PATHS to build or --graph to read, not both")
        check_size_by(self.size_by)
        check_max_nodes(self.max_nodes)
        if self.graph_file is not None:
            check_graph_file(self.graph_file)
        check_out_file(self.out_path)
        check_input_paths(self.paths)

    @property
    def export_name(self) -> str:
        """The page's entry in :data:`kg.export.EXPORTERS`."""
        return "kg-html" if self.whole else "coauthors-html"

    @property
    def out_path(self) -> Path:
        from kg.export import EXPORTERS

        return self.out or DEFAULT_OUT_DIR / EXPORTERS[self.export_name].filename

    @property
    def inputs(self) -> list[str | Path]:
        return list(self.paths or DEFAULT_INPUTS)

    def export_options(self) -> ExportOptions:
        from kg.export import ExportOptions

        return ExportOptions(size_by=self.size_by, max_nodes=self.max_nodes, seed=self.seed)
