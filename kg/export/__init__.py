"""Exporters: one module per output format, registered in :data:`EXPORTERS`.

An exporter is a function ``write(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None``
(:class:`kg.registry.Exporter`) that writes one file atomically (see :mod:`kg.export.atomic`).
Adding a format is one function in its module plus one line in the table below.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from kg.defaults import BASE_IRI, SEED, SIZE_BY
from kg.gc_pause import paused_gc
from kg.parallel import ChildCall

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.registry import Exporter

#: The exports are written by two processes for graphs of this many nodes (about 20k to 350k
#: papers): below, they take a second or two and forking would not pay; above, the graph takes
#: gigabytes and both processes, reading all of it, would end up with their own copy of most of
#: its pages (reading an object writes its reference count): memory comes first there. Nodes,
#: not edges: counting a multigraph's edges walks all of them (6 to 12 s at a million papers).
PARALLEL_NODES = range(35_000, 600_000)


@dataclass(frozen=True)
class ExportOptions:
    base_iri: str = BASE_IRI  # RDF resources live under it
    size_by: str = SIZE_BY  # HTML node size: one of kg.measures.SIZE_MEASURES
    max_nodes: int | None = None  # HTML: keep the N most central authors
    # (None: the limits of kg.export.html)
    seed: int = SEED


@dataclass(frozen=True)
class Export:
    """One entry of :data:`EXPORTERS`: the function that writes it (a :class:`kg.registry.Exporter`,
    named by module and function so that the table imports nothing until it is used) and the
    file it writes."""

    name: str
    module: str
    function: str
    filename: str  # default file name inside the output folder
    description: str
    default: bool = True  # written by ``kg build`` unless asked otherwise (``--all``, ``--only``)
    coauthor_graph: bool = False  # reads KnowledgeGraph.coauthors() (see export_all)

    def load(self) -> Exporter:
        write: Exporter = getattr(importlib.import_module(self.module), self.function)
        return write


#: name -> exporter, in the order ``kg build`` writes them. The defaults serve the everyday tasks
#: (networkx JSON, Turtle for SPARQL, the HTML pages, the report); the other formats hold the same
#: graph again and cost as much to write (at 100k papers a minute together), so they are asked for.
EXPORTERS: dict[str, Export] = {
    e.name: e
    for e in [
        Export(
            "graph-json",
            "kg.export.networkx_formats",
            "write_node_link",
            "graph.json",
            "full graph, networkx node-link JSON",
        ),
        Export(
            "graph-graphml",
            "kg.export.networkx_formats",
            "write_graphml",
            "graph.graphml",
            "full graph, GraphML",
            default=False,
        ),
        Export(
            "coauthors-json",
            "kg.export.networkx_formats",
            "write_coauthors_node_link",
            "coauthors.json",
            "co-author graph, networkx node-link JSON",
            coauthor_graph=True,
        ),
        Export(
            "citations-json",
            "kg.export.networkx_formats",
            "write_citations_node_link",
            "citations.json",
            "citation graph (papers and cited works), networkx node-link JSON; when sources give references",
        ),
        Export(
            "coauthors-graphml",
            "kg.export.networkx_formats",
            "write_coauthors_graphml",
            "coauthors.graphml",
            "co-author graph, GraphML",
            default=False,
            coauthor_graph=True,
        ),
        Export(
            "gexf",
            "kg.export.networkx_formats",
            "write_gexf",
            "coauthors.gexf",
            "co-author graph, GEXF for Gephi",
            default=False,
            coauthor_graph=True,
        ),
        Export("turtle", "kg.export.rdf.turtle", "write_turtle", "kg.ttl", "RDF, Turtle"),
        Export(
            "ntriples", "kg.export.rdf.ntriples", "write_ntriples", "kg.nt", "RDF, N-Triples", default=False
        ),
        Export("jsonld", "kg.export.rdf.jsonld", "write_jsonld", "kg.jsonld", "RDF, JSON-LD", default=False),
        Export(
            "coauthors-html",
            "kg.export.html.pages",
            "write_coauthor_html",
            "coauthors.html",
            "interactive co-author graph (pyvis)",
            coauthor_graph=True,
        ),
        Export(
            "kg-html",
            "kg.export.html.pages",
            "write_knowledge_graph_html",
            "kg.html",
            "interactive page of the whole knowledge graph",
            coauthor_graph=True,
        ),
        Export(
            "centrality-csv",
            "kg.export.report",
            "write_centrality_csv",
            "centrality.csv",
            "authors with their centralities and community",
        ),
        Export(
            "report",
            "kg.export.report",
            "write_report",
            "report.md",
            "report: central authors, communities, topic clusters (with PNG charts)",
        ),
    ]
}


def default_exports() -> list[str]:
    """The names of the exports ``kg build`` writes when none are named."""
    return [e.name for e in EXPORTERS.values() if e.default]


def export_all(
    kg: KnowledgeGraph,
    out_dir: Path,
    options: ExportOptions = ExportOptions(),
    only: list[str] | None = None,
    workers: int = 1,
    progress: bool = False,
) -> list[Path]:
    """Write the exports named in ``only`` (default: :func:`default_exports`) into ``out_dir``;
    returns the paths of every file written (the charts beside the report too), in registry
    order. With ``workers`` > 1 and a big graph (see :data:`PARALLEL_NODES`), a forked child
    writes the exports that read the co-author graph (it builds that graph too) while this
    process writes the rest: the same files, in about half the time at 100k papers.
    ``progress``: a bar on stderr, a step per file (the child's count when they are all done)."""
    names = set(default_exports() if only is None else only)
    chosen = [e for e in EXPORTERS.values() if e.name in names]
    parallel = workers > 1 and kg.graph.number_of_nodes() in PARALLEL_NODES
    theirs = [e for e in chosen if e.coauthor_graph] if parallel else []
    with (
        paused_gc(),
        ChildCall(_write, kg, Path(out_dir), options, theirs, in_child=bool(theirs)) as child,
        # made after the fork: tqdm's monitor thread is not to be forked
        tqdm(total=len(chosen), desc="export", unit="file", disable=not progress, leave=False) as bar,
    ):
        written = _write(kg, Path(out_dir), options, [e for e in chosen if e not in theirs], bar)
        written.update(child.result())
        bar.update(len(theirs))
    return [path for e in chosen for path in written[e.name]]


def _write(
    kg: KnowledgeGraph,
    out_dir: Path,
    options: ExportOptions,
    exporters: list[Export],
    bar: tqdm[Any] | None = None,
) -> dict[str, list[Path]]:
    """Export name -> the files it wrote."""
    written = {}
    for exporter in exporters:
        if bar is not None:
            bar.set_postfix_str(exporter.filename)
        path = out_dir / exporter.filename
        files = exporter.load()(kg, path, options)
        written[exporter.name] = [path] if files is None else files
        if bar is not None:
            bar.update()
    return written
