"""The stages in order: extract -> resolve -> graph -> analyze. The CLI and the API call this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from kg.defaults import SEED
from kg.extract import InputFile, expand_inputs, extract_file
from kg.gc_pause import paused_gc
from kg.graph import KnowledgeGraph
from kg.model import ExtractOptions, FileExtraction, Limits
from kg.parallel import default_workers, map_in_order

#: Inputs smaller than both of these are extracted in this process: forking workers would cost
#: more than it saves (the seeds/ folder, a few exports).
PARALLEL_MIN_FILES = 50
PARALLEL_MIN_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class BuildOptions:
    as_of: str | None = None  # reference date (ISO) that gives year-less dates a year
    layout: str | None = None  # force one layout instead of detecting it
    encoding: str | None = None  # force one input encoding
    aliases: Path | None = None  # extra organisation aliases (CSV), added to the shipped table
    authors_file: Path | None = None  # the user's author rules (CSV or TOML): kg.resolve.author_rules
    analyses: bool = True  # centrality, communities, topic clusters
    seed: int = SEED  # every randomised algorithm uses it
    progress: bool = False  # progress bars on stderr
    workers: int | None = None  # processes for extraction and analyses; None: the CPUs
    # available (at most 4); 1: everything in this process
    limits: Limits = Limits()  # the bounds every input is read within


def build(
    paths: list[str | Path],
    options: BuildOptions = BuildOptions(),
    on_stage: Callable[[str], None] | None = None,
) -> KnowledgeGraph:
    """Run every stage on the files and folders in ``paths``. A bad ``authors_file`` raises
    :class:`kg.resolve.AuthorRulesError` before any file is read."""
    from kg.graph import build_graph
    from kg.resolve import load_author_rules, resolve

    author_rules = load_author_rules(options.authors_file)

    def stage(name: str) -> None:
        if on_stage:
            on_stage(name)

    workers = options.workers or default_workers()
    stage("extract")
    files = extract_files(
        list(paths), ExtractOptions(options.as_of, options.encoding, options.limits), options.layout, workers
    )
    with paused_gc():  # from here on, millions of objects are made and kept: see kg.gc_pause
        stage("resolve")
        resolution = resolve(files, aliases=options.aliases, authors=author_rules)
        problems = tuple(p for f in files for p in f.extraction.problems) + resolution.problems
        summaries = tuple(f.summary() for f in files)
        del files  # the records: resolution holds what the graph needs (gigabytes at 1M papers)
        stage("graph")
        if not options.analyses:
            return KnowledgeGraph(build_graph(resolution, summaries), summaries, problems)
        from kg.analyze import analyze, start_topics

        # the topics need only the papers' texts (the graph's Paper nodes are the resolved
        # papers): with workers they are computed while the graph is built
        papers = [(p.id, p.title, p.abstract) for p in resolution.papers]
        with start_topics(papers, options.seed, workers) as topics:
            graph = build_graph(resolution, summaries)
            del resolution  # in the graph now: freed for the analyses
            stage("analyze")
            analyze(graph, seed=options.seed, progress=options.progress, workers=workers, topics=topics)
    return KnowledgeGraph(graph, summaries, problems)


def extract_files(
    paths: list[str | Path], options: ExtractOptions, layout: str | None, workers: int
) -> list[FileExtraction]:
    """:func:`kg.extract.extract_paths`, on ``workers`` processes when the input is large enough;
    files are independent, and the results come back in the same order either way."""
    files = expand_inputs(paths)
    if len(files) <= PARALLEL_MIN_FILES and _total_bytes(files) <= PARALLEL_MIN_BYTES:
        workers = 1
    return map_in_order(partial(extract_file, options=options, layout=layout), files, workers)


def _total_bytes(files: list[InputFile]) -> int:
    total = 0
    for file in files:
        try:
            total += file.path.stat().st_size
        except OSError:  # missing or unreadable: extract_file reports it
            pass
    return total
