"""The ``kg`` command: a thin layer over the stages (extract, build, query, explain, html)."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import click

from kg.export import EXPORTERS
from kg.extract import extract_paths, layouts
from kg.model import ExtractOptions, FileExtraction, Problem

_LAYOUT_OPTION = click.option(
    "--layout", type=click.Choice(layouts()), help="Skip detection: read every file as this layout."
)


def _as_of_option(help_text: str = "Reference date (YYYY-MM-DD) that gives year-less dates a year."):
    """``--as-of YYYY-MM-DD``, handed to the command as the ISO date string the options take."""
    return click.option(
        "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), callback=_iso_date, help=help_text
    )


def _iso_date(ctx: click.Context, param: click.Parameter, value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


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
    lines.append(f"  total: {total} records from {len(files)} files, {problems} problems")
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: build a scholarly knowledge graph from paper listings."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one contract-1 record a line; table: for reading.",
)
@_LAYOUT_OPTION
@_as_of_option()
@click.option("--encoding", help="Input encoding (default: detect UTF-8, UTF-16 with BOM, GB18030).")
def extract(paths, fmt, layout, as_of, encoding):
    """Print the records found in PATHS (files or folders); problems go to stderr."""
    options = ExtractOptions(as_of=as_of, encoding=encoding)
    files = extract_paths(list(paths), options, layout)
    if fmt == "jsonl":
        for f in files:
            for record in f.extraction.records:
                click.echo(json.dumps(record.as_dict(), ensure_ascii=False))
    else:
        click.echo(_table(files))
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


@main.command(help=_build_help())
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("exports"),
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
@click.option(
    "--base-iri", default="https://w3id.org/kg/id/", show_default=True, help="Base IRI of the RDF resources."
)
@click.option(
    "--size-by",
    default="pagerank",
    show_default=True,
    help="Centrality that sizes the nodes of the HTML page.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    help="HTML: keep only the N most central authors (default: coauthors.html at most "
    "10,000 authors, kg.html at most 5,000 nodes).",
)
@click.option("--seed", default=42, show_default=True, help="Seed of every randomised algorithm.")
@click.option("--no-analyses", is_flag=True, help="Skip centrality, communities and topic clusters.")
@click.option(
    "--only", multiple=True, help="Write only these exports (repeatable; names in `kg build --help`)."
)
@click.option(
    "--all", "all_exports", is_flag=True, help="Write every export, GraphML, GEXF, N-Triples and JSON-LD too."
)
@click.option("--progress/--no-progress", default=None, help="Progress bars (default: on a terminal).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes for extraction, analyses and exports (default: the CPUs, at most 4); 1: one.",
)
def build(
    paths,
    out_dir,
    layout,
    as_of,
    encoding,
    aliases,
    base_iri,
    size_by,
    max_nodes,
    seed,
    no_analyses,
    only,
    all_exports,
    progress,
    workers,
):
    from kg.export import ExportOptions, export_all
    from kg.parallel import default_workers
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build
    from kg.summary import build_summary

    unknown = [name for name in only if name not in EXPORTERS]
    if unknown:
        raise click.BadParameter(
            f"unknown export {', '.join(unknown)}; known: {', '.join(EXPORTERS)}", param_hint="--only"
        )
    if only and all_exports:
        raise click.UsageError("--only and --all exclude each other")
    from kg.export.rdf import normalize_base

    try:
        normalize_base(base_iri)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-iri") from None
    paths = list(paths) or [Path("seeds")]
    show_progress = sys.stderr.isatty() if progress is None else progress
    options = BuildOptions(
        as_of=as_of,
        layout=layout,
        encoding=encoding,
        aliases=aliases,
        analyses=not no_analyses,
        seed=seed,
        progress=show_progress,
        workers=workers,
    )
    kg = run_build(paths, options, on_stage=(lambda s: _echo_err(f"[{s}]")) if show_progress else None)
    _report_problems(kg.problems)
    if not kg.papers():
        _echo_err("error: no paper could be read from the inputs; nothing written")
        sys.exit(1)
    export_options = ExportOptions(base_iri=base_iri, size_by=size_by, max_nodes=max_nodes, seed=seed)
    names = list(EXPORTERS) if all_exports else list(only) or None
    if show_progress:
        _echo_err("[export]")
    written = export_all(kg, out_dir, export_options, only=names, workers=workers or default_workers())
    from kg.export.html import page_notes

    notes = page_notes(kg, export_options, written)
    if names is None:
        others = [e.filename for e in EXPORTERS.values() if not e.default]
        notes.append(f"{', '.join(others)} on request (--all, or --only NAME; see kg build --help)")
    for line in build_summary(kg, written, notes):
        click.echo(line)
    _keep_until_exit(kg)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_as_of_option("Reference date (YYYY-MM-DD) for year-less dates.")
def stats(paths, as_of):
    """Count records, papers, authors, organisations and merges in PATHS without writing files."""
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build
    from kg.summary import build_summary

    kg = run_build(list(paths), BuildOptions(as_of=as_of, analyses=False))
    for line in build_summary(kg, []):
        click.echo(line)


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table: for reading; csv, json: SPARQL 1.1 result formats.",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "rdflib"]),
    help="SPARQL engine (default: oxigraph when installed, else rdflib).",
)
def query(graph_file, query, fmt, engine):
    """Run a SPARQL 1.1 QUERY (text, or @file.rq) on GRAPH_FILE (.ttl, .nt or .jsonld).

    The prefixes schema, dcterms, skos, prov, kg, res, rdf, rdfs, xsd and owl are predeclared;
    relative IRIs such as <author/a> resolve against the export's base IRI."""
    from kg.sparql import QueryError, QuerySyntaxError, execute, format_result, load_graph, read_query

    try:
        text = read_query(query)
    except QueryError as exc:
        raise click.BadParameter(str(exc), param_hint="QUERY") from None
    try:
        loaded = load_graph(graph_file, engine)
        result = execute(loaded, text)
    except QuerySyntaxError as exc:
        _echo_err(f"error: {exc}")
        sys.exit(2)
    except QueryError as exc:
        _echo_err(f"error: {exc}")
        sys.exit(1)
    out = format_result(result, fmt, loaded.base)
    click.echo(out, nl=not out.endswith("\n"))


@main.command()
@click.argument("kind", type=click.Choice(["author", "paper"]))
@click.argument("name", nargs=-1, required=True)
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    default=Path("exports/graph.json"),
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
def explain(kind, name, graph_file, inputs, aliases):
    """Explain an author (any spelling) or a paper (id, arXiv id, DOI or title): its sources,
    spellings, the reason for every merge, and look-alikes kept apart. Unknown: exit 1."""
    from kg.explain import NotFound, explain_author, explain_paper

    if inputs:
        from kg.pipeline import BuildOptions
        from kg.pipeline import build as run_build

        graph = run_build(list(inputs), BuildOptions(aliases=aliases, analyses=False)).graph
    elif graph_file.exists():
        from kg.export.networkx_formats import load_graph

        graph = load_graph(graph_file)
    else:
        _echo_err(f"error: {graph_file} not found; run `kg build` first, or name inputs with -i PATH")
        sys.exit(1)
    try:
        text = (explain_author if kind == "author" else explain_paper)(graph, " ".join(name))
    except NotFound as exc:
        _echo_err(f"error: {exc}")
        sys.exit(1)
    click.echo(text)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Page to write (default: exports/coauthors.html; with --whole, exports/kg.html).",
)
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Draw a graph kg build wrote (graph.json or graph.graphml) instead of building PATHS.",
)
@click.option(
    "--whole", is_flag=True, help="Draw the whole knowledge graph (papers, authors, organisations, topics)."
)
@click.option(
    "--size-by",
    default="pagerank",
    show_default=True,
    help="Author size: pagerank, degree, weighted_degree, betweenness, closeness, "
    "eigenvector or paper_count.",
)
@click.option("--max-nodes", type=click.IntRange(min=1), help="Keep only the N most central authors.")
@click.option("--seed", default=42, show_default=True, help="Seed of the layout and the analyses.")
def html(paths, out, graph_file, whole, size_by, max_nodes, seed):
    """Write the interactive co-author graph of PATHS (default: seeds/) as one HTML page that
    opens offline: search, filters, neighbour highlight, legend."""
    from kg.export.html import SIZE_BY, coauthor_network, knowledge_graph_network, write_network_html

    if size_by not in SIZE_BY:
        raise click.BadParameter(f"{size_by!r}; choose from {', '.join(SIZE_BY)}", param_hint="--size-by")
    if graph_file and paths:
        raise click.UsageError("give either PATHS to build or --graph to read, not both")
    if graph_file:
        from kg import load

        kg = load(graph_file)
    else:
        from kg.pipeline import BuildOptions
        from kg.pipeline import build as run_build

        kg = run_build(list(paths) or [Path("seeds")], BuildOptions(seed=seed))
        _report_problems(kg.problems)
    if not kg.papers():
        _echo_err("error: no paper in the graph; nothing written")
        sys.exit(1)
    if whole:
        net = knowledge_graph_network(kg.graph, size_by=size_by, max_nodes=max_nodes, seed=seed)
    else:
        net = coauthor_network(kg.coauthors(), kg.graph, size_by=size_by, max_nodes=max_nodes, seed=seed)
    out = out or Path("exports") / ("kg.html" if whole else "coauthors.html")
    write_network_html(net, out)
    page = net.templateEnv.globals["page"]
    click.echo(f"wrote {out}: {page['subtitle']}")
    for note in page["notes"]:
        click.echo(f"  note: {note}")


def run() -> None:
    """The ``kg`` console script. A command may hand what it built to ``ctx.obj`` (a list): the
    process then ends without freeing it object by object, which takes seconds for a big graph
    and serves no one (the output is flushed first).

    The cycle collector stays off for the whole run (see :mod:`kg.gc_pause`): a command builds
    and writes, and exits. Turned back on between stages, the collector's next pass would scan
    all that was built (a minute at a million papers)."""
    gc.disable()
    built: list = []
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
