"""The ``kg`` command: a thin layer over the stages (extract, build, query, explain, html).

Each command gathers its options into its dataclass in :mod:`kg.options` (whose field defaults
the options below show), checks them all with ``validate()`` before any work starts, then runs
the stages. A user mistake, ours or click's, is one line on stderr and exit 2 (:class:`UserMistake`).
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from kg.export import EXPORTERS
from kg.extract import expand_paths, extract_paths, layouts
from kg.model import ExtractOptions, FileExtraction, Problem
from kg.normalize.text import printable
from kg.options import (
    BuildCommand,
    ExplainCommand,
    ExtractCommand,
    HtmlCommand,
    OptionError,
    QueryCommand,
    StatsCommand,
    parse_limits,
)

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph

_F = TypeVar("_F", bound=Callable[..., Any])

_LIMIT_OPTION = click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=N",
    help="Read inputs within this limit (repeatable): file_bytes, line_bytes, int_digits, depth, "
    "xml_elements (defaults in kg/defaults.py); beyond one, a problem.",
)

_LAYOUT_OPTION = click.option(
    "--layout", type=click.Choice(layouts()), help="Skip detection: read every file as this layout."
)


def _as_of_option(
    help_text: str = "Reference date (YYYY-MM-DD) that gives year-less dates a year.",
) -> Callable[[_F], _F]:
    """``--as-of YYYY-MM-DD``, handed to the command as the ISO date string the options take."""
    return click.option(
        "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), callback=_iso_date, help=help_text
    )


def _iso_date(ctx: click.Context, param: click.Parameter, value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _echo_err(message: str) -> None:
    click.echo(printable(message), err=True)


def _echo(message: str) -> None:
    """A line of output from the data: its control characters escaped (:func:`printable`)."""
    click.echo(printable(message))


class UserMistake(click.ClickException):
    """A mistake in how kg was called: one line on stderr, exit 2 (click's usage errors too)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {printable(self.format_message())}", err=True)


def _checked(options: Any) -> None:
    """``options.validate()``, its :class:`OptionError` as a :class:`UserMistake`."""
    try:
        options.validate()
    except OptionError as exc:
        raise UserMistake(str(exc)) from None


class _Command(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise UserMistake(f"kg {self.name}: {exc.format_message()}") from None


class _Group(click.Group):
    command_class = _Command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise UserMistake(exc.format_message()) from None


def _keep_until_exit(built: object) -> None:
    """Hand a big result to :func:`run`, which exits without freeing it."""
    ctx = click.get_current_context()
    if isinstance(ctx.obj, list):
        ctx.obj.append(built)


def _report_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        _echo_err(str(problem))


def _summary_lines(files: list[FileExtraction]) -> list[str]:
    lines = ["", "summary:"]
    width = max((len(f.file) for f in files), default=4)
    for f in files:
        ex = f.extraction
        skipped = sum(1 for p in ex.problems if p.severity == "error")
        lines.append(
            f"  {f.file:<{width}}  {f.layout or '(unread)':<15} {len(ex.records):>6} records"
            f"  {len(ex.problems):>3} problems ({skipped} skipped)"
        )
    total = sum(len(f.extraction.records) for f in files)
    problems = sum(len(f.extraction.problems) for f in files)
    unread = sum(1 for f in files if f.layout is None)
    lines.append(
        f"  total: {total} records from {len(files)} files, {problems} problems, {unread} files not read"
    )
    return lines


def _table(files: list[FileExtraction]) -> str:
    rows = [("where", "layout", "cat", "date", "title", "authors")]
    for f in files:
        for r in f.extraction.records:
            authors = ", ".join(r.author_names[:3])
            if len(r.authors) > 3 or r.authors_truncated:
                authors += " et al."
            title = r.title or f"[untitled] {(r.abstract or '')[:40]}"
            rows.append(
                (
                    f"{Path(r.source.file).name}:{r.source.line}",
                    r.source.layout,
                    r.category or "",
                    r.date or "",
                    _clip(title, 60),
                    _clip(authors, 50),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: build a scholarly knowledge graph from paper listings."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default=ExtractCommand.fmt,
    show_default=True,
    help="jsonl: one contract-1 record a line; table: for reading.",
)
@_LAYOUT_OPTION
@_as_of_option()
@click.option("--encoding", help="Input encoding (default: detect UTF-8, UTF-16 with BOM, GB18030).")
@_LIMIT_OPTION
def extract(
    paths: tuple[Path, ...],
    fmt: str,
    layout: str | None,
    as_of: str | None,
    encoding: str | None,
    limits: tuple[str, ...],
) -> None:
    """Print the records found in PATHS (files or folders); problems go to stderr."""
    command = ExtractCommand(
        paths=paths, fmt=fmt, layout=layout, as_of=as_of, encoding=encoding, limits=limits
    )
    _checked(command)
    options = ExtractOptions(
        as_of=command.as_of, encoding=command.encoding, limits=parse_limits(command.limits)
    )
    files = extract_paths(list(command.paths), options, command.layout)
    if command.fmt == "jsonl":
        for f in files:
            for record in f.extraction.records:
                click.echo(json.dumps(record.as_dict(), ensure_ascii=False))
    else:
        _echo(_table(files))
    _report_problems(p for f in files for p in f.extraction.problems)
    for line in _summary_lines(files):
        _echo_err(line)
    if not any(f.extraction.records for f in files):
        sys.exit(1)


def _build_help() -> str:
    exports = "\n".join(
        f"  {'*' if e.default else ' '} {e.name:18} {e.filename:18} {e.description}"
        for e in EXPORTERS.values()
    )
    return (
        "Build the knowledge graph of PATHS (default: seeds/) and write its exports to OUT.\n\n"
        "\b\nExports (* written by default; --all writes every one, --only NAME some):\n" + exports
    )


_SIZE_BY_HELP = "Author size on the pages: pagerank, degree, weighted_degree, betweenness, closeness, "
_SIZE_BY_HELP += "eigenvector or paper_count."


_AUTHORS_OPTION = click.option(
    "--authors",
    "authors_file",
    type=click.Path(path_type=Path),
    help="Rules of who is (not) the same person, by name, name + organisation or ORCID "
    "(CSV or .toml; see the README).",
)


@main.command(help=_build_help())
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=BuildCommand.out_dir,
    show_default=True,
    help="Folder the exports are written to.",
)
@_LAYOUT_OPTION
@_as_of_option()
@click.option("--encoding", help="Input encoding (default: detect).")
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of extra organisation aliases (alias,canonical name).",
)
@_AUTHORS_OPTION
@click.option(
    "--base-iri", default=BuildCommand.base_iri, show_default=True, help="Base IRI of the RDF resources."
)
@click.option("--size-by", default=BuildCommand.size_by, show_default=True, help=_SIZE_BY_HELP)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    help="HTML: keep only the N most central authors (default: coauthors.html at most "
    "10,000 authors, kg.html at most 5,000 nodes).",
)
@click.option(
    "--seed", default=BuildCommand.seed, show_default=True, help="Seed of every randomised algorithm."
)
@click.option("--no-analyses", is_flag=True, help="Skip centrality, communities and topic clusters.")
@click.option(
    "--only", multiple=True, help="Write only these exports (repeatable; names in `kg build --help`)."
)
@click.option(
    "--all", "all_exports", is_flag=True, help="Write every export, GraphML, GEXF, N-Triples and JSON-LD too."
)
@click.option("--progress/--no-progress", default=None, help="Progress bars (default: on a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary: problems and errors only.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes for extraction, analyses and exports (default: the CPUs, at most 4, and one "
    "for small inputs); 1: one.",
)
@_LIMIT_OPTION
def build(
    paths: tuple[Path, ...],
    out_dir: Path,
    layout: str | None,
    as_of: str | None,
    encoding: str | None,
    aliases: Path | None,
    authors_file: Path | None,
    base_iri: str,
    size_by: str,
    max_nodes: int | None,
    seed: int,
    no_analyses: bool,
    only: tuple[str, ...],
    all_exports: bool,
    progress: bool | None,
    quiet: bool,
    workers: int | None,
    limits: tuple[str, ...],
) -> None:
    command = BuildCommand(
        paths=paths,
        out_dir=out_dir,
        layout=layout,
        as_of=as_of,
        encoding=encoding,
        aliases=aliases,
        authors_file=authors_file,
        base_iri=base_iri,
        size_by=size_by,
        max_nodes=max_nodes,
        seed=seed,
        analyses=not no_analyses,
        only=only,
        all_exports=all_exports,
        progress=progress,
        quiet=quiet,
        workers=workers,
        limits=limits,
    )
    _checked(command)
    from kg.export.folder import FolderBusy, locked, space_warning
    from kg.export.html.pages import page_notes
    from kg.pipeline import build as run_build
    from kg.progress import StageClock
    from kg.summary import build_summary

    show = False if command.quiet else sys.stderr.isatty() if command.progress is None else command.progress
    clock = StageClock(show)
    inputs = [p for p in expand_paths(command.inputs) if p.is_file()]  # a missing one: reported later
    warning = space_warning(command.out_dir, sum(p.stat().st_size for p in inputs))
    if warning:
        _echo_err(warning)
    try:
        with locked(command.out_dir):
            kg = run_build(command.inputs, command.build_options(show), on_stage=clock)
            _report_problems(kg.problems)
            if not kg.papers():
                _echo_err("error: no paper could be read from the inputs; nothing written")
                sys.exit(1)
            export_options = command.export_options()
            names = command.export_names()
            clock("export")
            written = _write_exports(kg, command, export_options, names, show)
    except FolderBusy as exc:
        raise UserMistake(str(exc)) from None
    clock.stop()
    if command.quiet:
        _keep_until_exit(kg)
        return
    notes = page_notes(kg, export_options, written)
    if names is None:
        others = [e.filename for e in EXPORTERS.values() if not e.default]
        notes.append(f"{', '.join(others)} on request (--all, or --only NAME; see kg build --help)")
    for line in build_summary(kg, written, notes, times=clock.times):
        _echo(line)
    _keep_until_exit(kg)


def _write_exports(
    kg: KnowledgeGraph,
    command: BuildCommand,
    options: ExportOptions,
    names: list[str] | None,
    progress: bool,
) -> list[Path]:
    """The exports as one set with its manifest (:mod:`kg.export.folder`); a write that fails
    (a full disk, a folder made read-only meanwhile) is one line, and the folder keeps its set."""
    from kg.export import export_all
    from kg.export.folder import write_set
    from kg.export.manifest import input_entries
    from kg.parallel import default_workers

    workers = command.workers or default_workers()
    try:
        return write_set(
            command.out_dir,
            lambda staging: export_all(kg, staging, options, only=names, workers=workers, progress=progress),
            input_entries(Path(p) for p in command.inputs),
        )
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        _echo_err(
            f"error: cannot write the exports into {command.out_dir}{where}: {exc.strerror or exc}; "
            "the folder keeps its previous set"
        )
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_as_of_option("Reference date (YYYY-MM-DD) for year-less dates.")
def stats(paths: tuple[Path, ...], as_of: str | None) -> None:
    """Count records, papers, authors, organisations and merges in PATHS without writing files."""
    command = StatsCommand(paths=paths, as_of=as_of)
    _checked(command)
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build
    from kg.summary import build_summary

    kg = run_build(list(command.paths), BuildOptions(as_of=command.as_of, analyses=False))
    for line in build_summary(kg, []):
        _echo(line)


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default=QueryCommand.fmt,
    show_default=True,
    help="table: for reading; csv, json: SPARQL 1.1 result formats.",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "rdflib"]),
    help="SPARQL engine (default: oxigraph when installed, else rdflib).",
)
@click.option(
    "--timeout",
    type=float,
    default=QueryCommand.timeout,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after SECONDS (the graph's loading aside).",
)
@click.option(
    "--limit",
    type=int,
    default=QueryCommand.limit,
    show_default=True,
    metavar="ROWS",
    help="Return at most ROWS rows; a line on stderr says when there were more.",
)
@click.option(
    "--allow-service", is_flag=True, help="Let SERVICE query remote endpoints (refused by default)."
)
@click.option("--no-cache", is_flag=True, help="Read GRAPH_FILE afresh, not the store kept in .kg-store/.")
def query(
    graph_file: Path,
    query: str,
    fmt: str,
    engine: str | None,
    timeout: float,
    limit: int,
    allow_service: bool,
    no_cache: bool,
) -> None:
    """Run a SPARQL 1.1 QUERY (text, or @file.rq) on GRAPH_FILE (.ttl, .nt or .jsonld).

    The prefixes schema, dcterms, skos, prov, kg, res, rdf, rdfs, xsd and owl are predeclared;
    relative IRIs such as <author/a> resolve against the export's base IRI. The query reads
    GRAPH_FILE alone: SERVICE, LOAD and FROM are refused (--allow-service allows SERVICE)."""
    command = QueryCommand(graph_file, query, fmt, engine, timeout, limit, allow_service, no_cache)
    _checked(command)
    from kg.sparql import Limits, QueryError, QuerySyntaxError, SandboxError, format_result, read_query
    from kg.sparql.worker import QueryJob, run_isolated

    try:
        text = read_query(command.query)
    except QueryError as exc:
        raise UserMistake(f"QUERY: {exc}") from None
    limits = Limits(command.timeout, command.limit, command.allow_service)
    try:
        done = run_isolated(QueryJob(command.graph_file, text, command.engine, limits, not command.no_cache))
    except (QuerySyntaxError, SandboxError) as exc:
        _fail(str(exc), 2)
    except QueryError as exc:
        _fail(str(exc), 1)
    out = format_result(done.result, command.fmt, done.base)
    click.echo(out, nl=not out.endswith("\n"))
    if done.result.truncated:
        _echo_err(f"note: stopped at {command.limit} rows (--limit {command.limit}); the query has more")


def _fail(message: str, code: int) -> NoReturn:
    _echo_err(f"error: {message}")
    sys.exit(code)


@main.command()
@click.argument("kind", type=click.Choice(["author", "paper"]))
@click.argument("name", nargs=-1, required=True)
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    default=ExplainCommand.graph_file,
    show_default=True,
    help="A graph kg build wrote (graph.json or graph.graphml).",
)
@click.option(
    "-i",
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Build from this input file or folder instead of reading --graph (repeatable).",
)
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="With -i: CSV of extra organisation aliases.",
)
@_AUTHORS_OPTION
def explain(
    kind: str,
    name: tuple[str, ...],
    graph_file: Path,
    inputs: tuple[Path, ...],
    aliases: Path | None,
    authors_file: Path | None,
) -> None:
    """Explain an author (any spelling) or a paper (id, arXiv id, DOI or title): its sources,
    spellings, the reason for every merge, and look-alikes kept apart. Unknown: exit 1."""
    command = ExplainCommand(
        kind=kind, name=name, graph_file=graph_file, inputs=inputs, aliases=aliases, authors_file=authors_file
    )
    _checked(command)
    from kg.explain import NotFound, explain_author, explain_paper

    if command.inputs:
        from kg.pipeline import BuildOptions
        from kg.pipeline import build as run_build

        options = BuildOptions(aliases=command.aliases, authors_file=command.authors_file, analyses=False)
        graph = run_build(list(command.inputs), options).graph
    elif command.graph_file.exists():
        from kg import load

        graph = load(command.graph_file).graph
    else:
        _fail(f"{command.graph_file} not found; run `kg build` first, or name inputs with -i PATH", 1)
    try:
        text = (explain_author if command.kind == "author" else explain_paper)(graph, " ".join(command.name))
    except NotFound as exc:
        _fail(str(exc), 1)
    _echo(text)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    help="Page to write (default: exports/coauthors.html; with --whole, exports/kg.html).",
)
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    help="Draw a graph kg build wrote (graph.json or graph.graphml) instead of building PATHS.",
)
@click.option(
    "--whole", is_flag=True, help="Draw the whole knowledge graph (papers, authors, organisations, topics)."
)
@click.option("--size-by", default=HtmlCommand.size_by, show_default=True, help=_SIZE_BY_HELP)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    help="Keep only the N most central authors (default: as kg build: the co-author page at most "
    "10,000 authors, the whole graph at most 5,000 nodes).",
)
@click.option(
    "--seed", default=HtmlCommand.seed, show_default=True, help="Seed of the layout and the analyses."
)
def html(
    paths: tuple[Path, ...],
    out: Path | None,
    graph_file: Path | None,
    whole: bool,
    size_by: str,
    max_nodes: int | None,
    seed: int,
) -> None:
    """Write the interactive co-author graph of PATHS (default: seeds/) as one HTML page that
    opens offline: search, filters, neighbour highlight, legend. The page is the one kg build
    writes (coauthors.html, or kg.html with --whole), by the same writer."""
    command = HtmlCommand(
        paths=paths,
        out=out,
        graph_file=graph_file,
        whole=whole,
        size_by=size_by,
        max_nodes=max_nodes,
        seed=seed,
    )
    _checked(command)
    from kg.export.html.pages import page_notes

    if command.graph_file:
        from kg import load

        kg = load(command.graph_file)
    else:
        from kg.pipeline import BuildOptions
        from kg.pipeline import build as run_build

        kg = run_build(command.inputs, BuildOptions(seed=command.seed))
        _report_problems(kg.problems)
    if not kg.papers():
        _fail("no paper in the graph; nothing written", 1)
    export = EXPORTERS[command.export_name]
    options = command.export_options()
    export.load()(kg, command.out_path, options)
    _echo(f"wrote {command.out_path}: {export.description}")
    for note in page_notes(kg, options, [Path(export.filename)]):  # the notes kg build gives
        _echo(f"  note: {note.replace(export.filename, command.out_path.name)}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True), default="exports")
def verify(folder: Path) -> None:
    """Check that FOLDER (default exports/) holds the complete set its manifest.json lists."""
    from kg.export.manifest import MANIFEST, read_manifest, set_mismatches

    mismatches = set_mismatches(folder)
    for line in mismatches:
        _echo_err(f"{folder}/{line}")
    if mismatches:
        sys.exit(1)
    manifest = read_manifest(folder / MANIFEST)
    count = len(manifest.files) if manifest else 0
    click.echo(f"{folder}: {count} file{'' if count == 1 else 's'}, each as manifest.json lists it")


def run() -> None:
    """The ``kg`` console script. A command may hand what it built to ``ctx.obj`` (a list): the
    process then ends without freeing it object by object, which takes seconds for a big graph
    and serves no one (the output is flushed first).

    The cycle collector stays off for the whole run (see :mod:`kg.gc_pause`): a command builds
    and writes, and exits. Turned back on between stages, the collector's next pass would scan
    all that was built (a minute at a million papers)."""
    gc.disable()
    built: list[object] = []
    try:
        main(obj=built)
    except SystemExit as exit_:
        if not built:
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1)


if __name__ == "__main__":  # pragma: no cover
    run()
