"""The ``kg`` command: a thin layer over the stages (extract, build, query, explain, html)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.extract import FileExtraction, extract_paths, layouts
from kg.model import ExtractOptions

_ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


def _report_problems(files: list[FileExtraction]) -> None:
    for f in files:
        for problem in f.extraction.problems:
            _echo_err(str(problem))


def _summary_lines(files: list[FileExtraction]) -> list[str]:
    lines = ["", "summary:"]
    width = max((len(f.file) for f in files), default=4)
    for f in files:
        ex = f.extraction
        skipped = sum(1 for p in ex.problems if p.severity == "error")
        lines.append(f"  {f.file:<{width}}  {f.layout or '(unread)':<15} {len(ex.records):>6} records"
                     f"  {len(ex.problems):>3} problems ({skipped} skipped)")
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
            rows.append((f"{Path(r.source.file).name}:{r.source.line}", r.source.layout,
                         r.category or "", r.date or "", _clip(title, 60), _clip(authors, 50)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: build a scholarly knowledge graph from paper listings."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="jsonl: one contract-1 record a line; table: for reading.")
@click.option("--layout", type=click.Choice(layouts()), help="Skip detection: read every file as this layout.")
@click.option("--as-of", type=_ISO_DATE, help="Reference date (YYYY-MM-DD) that gives year-less dates a year.")
@click.option("--encoding", help="Input encoding (default: detect UTF-8, UTF-16 with BOM, GB18030).")
def extract(paths, fmt, layout, as_of, encoding):
    """Print the records found in PATHS (files or folders); problems go to stderr."""
    options = ExtractOptions(as_of=as_of.date().isoformat() if as_of else None, encoding=encoding)
    files = extract_paths(list(paths), options, layout)
    if fmt == "jsonl":
        for f in files:
            for record in f.extraction.records:
                click.echo(json.dumps(record.as_dict(), ensure_ascii=False))
    else:
        click.echo(_table(files))
    _report_problems(files)
    for line in _summary_lines(files):
        _echo_err(line)
    if not any(f.extraction.records for f in files):
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("exports"),
              show_default=True, help="Folder the exports are written to.")
@click.option("--layout", type=click.Choice(layouts()), help="Skip detection: read every file as this layout.")
@click.option("--as-of", type=_ISO_DATE, help="Reference date (YYYY-MM-DD) that gives year-less dates a year.")
@click.option("--encoding", help="Input encoding (default: detect).")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of extra organisation aliases (alias,canonical name).")
@click.option("--base-iri", default="https://w3id.org/kg/id/", show_default=True,
              help="Base IRI of the RDF resources.")
@click.option("--size-by", default="pagerank", show_default=True,
              help="Centrality that sizes the nodes of the HTML page.")
@click.option("--max-nodes", type=click.IntRange(min=1), help="HTML: keep only the N most central authors.")
@click.option("--seed", default=42, show_default=True, help="Seed of every randomised algorithm.")
@click.option("--no-analyses", is_flag=True, help="Skip centrality, communities and topic clusters.")
@click.option("--only", multiple=True, help="Write only these exports (repeatable); default: all.")
@click.option("--progress/--no-progress", default=None, help="Progress bars (default: on a terminal).")
def build(paths, out_dir, layout, as_of, encoding, aliases, base_iri, size_by, max_nodes, seed,
          no_analyses, only, progress):
    """Build the knowledge graph of PATHS (default: seeds/) and write every export to OUT."""
    from kg.export import EXPORTERS, ExportOptions, export_all
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build
    from kg.summary import build_summary

    unknown = [name for name in only if name not in EXPORTERS]
    if unknown:
        raise click.BadParameter(f"unknown export {', '.join(unknown)}; known: {', '.join(EXPORTERS)}",
                                 param_hint="--only")
    paths = list(paths) or [Path("seeds")]
    show_progress = sys.stderr.isatty() if progress is None else progress
    options = BuildOptions(as_of=as_of.date().isoformat() if as_of else None, layout=layout,
                           encoding=encoding, aliases=aliases, analyses=not no_analyses, seed=seed,
                           progress=show_progress)
    kg = run_build(paths, options, on_stage=(lambda s: _echo_err(f"[{s}]")) if show_progress else None)
    _report_problems(list(kg.files))
    if not kg.papers():
        _echo_err("error: no paper could be read from the inputs; nothing written")
        sys.exit(1)
    written = export_all(kg, out_dir, ExportOptions(base_iri=base_iri, size_by=size_by,
                                                    max_nodes=max_nodes, seed=seed),
                         only=list(only) or None)
    for line in build_summary(kg, written):
        click.echo(line)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", type=_ISO_DATE, help="Reference date (YYYY-MM-DD) for year-less dates.")
def stats(paths, as_of):
    """Count records, papers, authors, organisations and merges in PATHS without writing files."""
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build
    from kg.summary import build_summary

    kg = run_build(list(paths), BuildOptions(as_of=as_of.date().isoformat() if as_of else None,
                                             analyses=False))
    for line in build_summary(kg, []):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
