"""End-to-end benchmark of kg on a synthetic corpus, beside reference implementations.

    python benchmarks/run.py --papers 100000 [--corpus DIR] [--seed 7] [--json out.json]
                             [--skip-reference] [--skip-cli]

1. generates the corpus (benchmarks/generate.py), or reuses the cached one under
   benchmarks/corpora/ when its manifest matches;
2. runs kg's stages in this one process, each timed (wall and CPU seconds) with its peak resident
   memory (a thread samples /proc/self/statm; ru_maxrss catches what falls between samples):
   extract, resolve, graph, the co-author projection, each analysis, each export;
3. runs the references on the same data: rdflib parsing kg's N-Triples and serialising Turtle and
   N-Triples; networkx's centralities and Louvain on kg's co-author graph; rdflib's SPARQL against
   pyoxigraph on one co-author aggregate query;
4. times ``kg build`` end to end in a child process (peak memory: PSS summed over its
   processes, sampled, and never below the largest process's RSS from RUSAGE_CHILDREN);
5. prints a table, the ratios and the targets, and writes everything as JSON.

A stage that raises prints "failed" with the error (the traceback goes to stderr), the stages
that need its result print "skipped", and the run goes on. CPU seconds well
below wall seconds mean the process waited for a core: the machine was busy.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import GENERATOR_VERSION, generate  # noqa: E402

MIB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")
SCHEMA_AUTHOR = "<https://schema.org/author>"

#: The figures kg is held to (on 2 cores and 24 GiB).
TARGETS = {
    100_000: {"build_seconds": 120, "build_peak_gib": 4},
    1_000_000: {"build_seconds": 1200, "build_peak_gib": 16},
}
RDF_SPEEDUP_TARGET = 30  # kg's Turtle / N-Triples writers vs rdflib.Graph.serialize
ANALYSIS_SPEEDUP_TARGET = 10  # kg's co-author analysis vs networkx, at 100k papers

COAUTHOR_QUERY = """\
PREFIX schema: <https://schema.org/>
SELECT ?author (COUNT(DISTINCT ?coauthor) AS ?coauthors)
WHERE { ?paper schema:author ?author , ?coauthor . FILTER (?author != ?coauthor) }
GROUP BY ?author
ORDER BY DESC(?coauthors) ?author
LIMIT 10
"""


@dataclass
class Stage:
    """One timed step. ``status``: ok, cached, failed, skipped."""

    name: str
    status: str
    seconds: float | None = None
    cpu_seconds: float | None = None
    peak_mib: float | None = None
    note: str = ""
    figures: dict[str, Any] = field(default_factory=dict)


class PeakMemory:
    """Peak resident memory while the block runs: a sampling thread plus the ru_maxrss high-water
    mark (which only tells something when the block raised it)."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * PAGE

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self.rss())

    def __enter__(self) -> PeakMemory:
        self.start_rss = self.rss()
        self.peak = self.start_rss
        self.maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())
        maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        if maxrss_after > self.maxrss_before:
            self.peak = max(self.peak, maxrss_after)


def _short(file: str) -> str:
    """A source path from the package root (``kg/resolve.py``), for reading profiles."""
    for marker in ("/site-packages/", f"{HERE.parent}/", "/lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


class Bench:
    """Runs and records the stages (an accumulator of results, printed as it goes)."""

    def __init__(self, verbose: bool = True, profile_dir: Path | None = None) -> None:
        self.stages: list[Stage] = []
        self.verbose = verbose
        self.profile_dir = profile_dir

    def run(
        self,
        name: str,
        fn: Callable[[], Any] | None,
        note: Callable[[Any], str] | None = None,
        figures: Callable[[Any], dict] | None = None,
    ) -> Any:
        """Time ``fn()``; ``fn`` None: an earlier stage failed (see :func:`after`)."""
        if fn is None:
            return self.add(Stage(name, "skipped", note="an earlier stage gave nothing"))
        gc.collect()
        profiler = cProfile.Profile() if self.profile_dir else None
        with PeakMemory() as memory:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                value = profiler.runcall(fn) if profiler else fn()
            except Exception as exc:  # a stage of the project under construction may break
                traceback.print_exc(file=sys.stderr)
                self.add(
                    Stage(
                        name,
                        "failed",
                        time.perf_counter() - wall,
                        time.process_time() - cpu,
                        None,
                        f"{type(exc).__name__}: {str(exc)[:120]}",
                    )
                )
                return None
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        stage = Stage(name, "ok", wall, cpu, memory.peak / MIB)
        try:
            stage.note = note(value) if note else ""
            stage.figures = figures(value) if figures else {}
        except Exception as exc:  # describing the result must not lose the timing
            stage.note = f"(could not describe the result: {type(exc).__name__}: {exc})"
        if profiler:
            stage.figures["hot_spots"] = self.save_profile(name, profiler)
        self.add(stage)
        return value

    def save_profile(self, name: str, profiler: cProfile.Profile, top: int = 12) -> list[str]:
        """Write ``<stage>.pstats`` and return the functions with the most time spent inside
        them (tottime), as ``file:line function tottime cumtime``."""
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        slug = "".join(ch if ch.isalnum() else "_" for ch in name).strip("_")
        profiler.dump_stats(self.profile_dir / f"{slug}.pstats")
        stats = pstats.Stats(profiler)
        rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:top]
        return [
            f"{_short(file)}:{line} {func} tottime={tt:.2f}s cumtime={ct:.2f}s calls={nc}"
            for (file, line, func), (_, nc, tt, ct, _) in rows
        ]

    def add(self, stage: Stage) -> None:
        self.stages.append(stage)
        if self.verbose:
            print(format_row(stage), flush=True)

    def get(self, name: str) -> Stage | None:
        return next((s for s in self.stages if s.name == name and s.status == "ok"), None)


# ---------------------------------------------------------------------------------------------
# Corpus


def corpus_for(papers: int, seed: int, corpus: Path | None, bench: Bench) -> tuple[Path, dict]:
    folder = corpus or HERE / "corpora" / f"{papers}-seed{seed}"
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if (manifest.get("generator_version"), manifest.get("papers_requested"), manifest.get("seed")) == (
            GENERATOR_VERSION,
            papers,
            seed,
        ):
            bench.add(Stage("generate corpus", "cached", note=f"{folder} ({_corpus_note(manifest)})"))
            return folder, manifest
    manifest = bench.run("generate corpus", lambda: generate(papers, seed, folder), _corpus_note)
    if manifest is None:
        raise SystemExit("the corpus could not be generated")
    return folder, manifest


def _corpus_note(m: dict) -> str:
    return (
        f"{m['papers']} papers, {m['records']} records in {sum(m['documents_by_layout'].values())} files, "
        f"{m['authors_visible']} authors named, {m['bytes'] / MIB:.0f} MiB"
    )


# ---------------------------------------------------------------------------------------------
# kg's stages, in one process


def after(result: Any, call: Callable[[], Any]) -> Callable[[], Any] | None:
    """What :meth:`Bench.run` takes for a stage that needs ``result``: None when it is missing."""
    return None if result is None else call


def run_kg_stages(bench: Bench, input_dir: Path, manifest: dict, out_dir: Path, seed: int) -> dict:
    """extract -> resolve -> graph -> co-author projection -> analyses -> exports."""
    from kg.extract import detect, extract_paths

    state: dict[str, Any] = {}
    detect("")  # import every extractor now, so that extract times reading, not imports
    files = bench.run(
        "extract",
        lambda: extract_paths([input_dir]),
        lambda fs: _extract_note(fs, manifest),
        lambda fs: _extract_figures(fs),
    )
    from kg.resolve import resolve

    resolution = bench.run("resolve", after(files, lambda: resolve(files)))
    from kg.graph import build_graph, coauthor_graph

    graph = bench.run(
        "graph",
        after(resolution, lambda: build_graph(resolution, [f.summary() for f in files])),
        lambda g: _graph_note(g, manifest),
        _graph_figures,
    )
    if graph is None:
        return state
    state["graph"] = graph
    coauthors = bench.run(
        "coauthor projection",
        lambda: coauthor_graph(graph),
        lambda c: f"{c.number_of_nodes()} authors, {c.number_of_edges()} co-author pairs",
    )
    state["coauthors"] = coauthors
    run_analyses(bench, graph, seed)
    from kg.graph import KnowledgeGraph

    problems = tuple(p for f in files for p in f.extraction.problems)
    run_exports(bench, KnowledgeGraph(graph, tuple(files), problems), out_dir, seed)
    return state


def _extract_note(files: list, manifest: dict) -> str:
    records = sum(len(f.extraction.records) for f in files)
    problems = sum(len(f.extraction.problems) for f in files)
    unread = sum(1 for f in files if f.layout is None)
    return f"{records} records (truth {manifest['records']}), {problems} problems, {unread} files unread"


def _extract_figures(files: list) -> dict:
    by_layout: dict[str, int] = {}
    for f in files:
        by_layout[f.layout or "(unread)"] = by_layout.get(f.layout or "(unread)", 0) + len(
            f.extraction.records
        )
    return {
        "records": sum(by_layout.values()),
        "records_by_layout": by_layout,
        "problems": sum(len(f.extraction.problems) for f in files),
    }


def _count_types(graph) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, t in graph.nodes(data="type"):
        counts[t] = counts.get(t, 0) + 1
    return counts


def _graph_note(graph, manifest: dict) -> str:
    c = _count_types(graph)
    return (
        f"{c.get('Paper', 0)} papers (truth {manifest['papers']}), {c.get('Author', 0)} authors "
        f"(truth {manifest['authors_visible']} people named, "
        f"{manifest.get('people_named_only_by_initials', '?')} of them only by initials), "
        f"{c.get('Organization', 0)} orgs, {graph.number_of_edges()} edges"
    )


def _graph_figures(graph) -> dict:
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "by_type": _count_types(graph),
    }


def run_analyses(bench: Bench, graph, seed: int) -> None:
    """The co-author analysis in its parts (network, centralities, communities), then each
    ``annotate_*`` step of ``kg.analyze.analyze`` on its own (together they are what ``analyze``
    does, parameters recorded in ``G.graph["analyses"]`` the same way)."""
    from kg.analyze import annotate_coauthors, annotate_topics
    from kg.analyze.coauthors import centralities, coauthor_network, communities

    net = bench.run(
        "analyze: co-author network", lambda: coauthor_network(graph), lambda n: f"{len(n.ids)} authors"
    )
    bench.run(
        "analyze: centralities",
        after(net, lambda net=net: centralities(net, seed=seed)),
        lambda r: _methods(r[1]),
    )
    bench.run("analyze: communities", after(net, lambda net=net: communities(net, seed=seed)))
    del net
    for annotate in (annotate_coauthors, annotate_topics):
        params = bench.run(
            f"analyze: {annotate.__name__}", lambda annotate=annotate: annotate(graph, seed), _methods
        )
        if params is not None:
            graph.graph.setdefault("analyses", {}).update(params)


def _methods(params: dict) -> str:
    """``betweenness sampled k=512, closeness ...``: what each analysis did, briefly."""
    parts = []
    for name, p in params.items():
        if isinstance(p, dict) and "method" in p:
            k = f" k={p['k']}" if "k" in p else ""
            parts.append(f"{name} {str(p['method']).split(',')[0]}{k}")
    return ", ".join(parts)[:160]


def run_exports(bench: Bench, kg, out_dir: Path, seed: int) -> None:
    """Every registered export with kg build's default options (so the pages keep their
    default size limits)."""
    from kg.export import EXPORTERS, ExportOptions

    for exporter in EXPORTERS.values():
        write, path = exporter.load(), out_dir / exporter.filename
        bench.run(
            f"export: {exporter.name}",
            lambda write=write, path=path: write(kg, path, ExportOptions(seed=seed)),
            lambda _, path=path: _file_note(path),
            lambda _, path=path: _file_figures(path),
        )


def _file_figures(path: Path) -> dict:
    if not path.exists():  # an export with nothing to write (citations.json without references)
        return {"bytes": 0, "written": False}
    figures: dict[str, Any] = {"bytes": path.stat().st_size}
    if path.suffix == ".nt":
        figures["triples"] = _count_lines(path)
    return figures


def _file_note(path: Path) -> str:
    f = _file_figures(path)
    if f.get("written") is False:
        return f"{path.name}: nothing to write"
    extra = f", {f['triples']} triples" if "triples" in f else ""
    return f"{path.name} {f['bytes'] / MIB:.1f} MiB{extra}"


def _count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            count += block.count(b"\n")
    return count


# ---------------------------------------------------------------------------------------------
# References


def run_rdf_reference(bench: Bench, out_dir: Path, max_triples: int) -> None:
    """rdflib on the triples kg wrote: parse N-Triples, serialise Turtle and N-Triples. pyoxigraph
    re-reads kg's Turtle to check it holds the same number of triples."""
    nt, ttl = out_dir / "kg.nt", out_dir / "kg.ttl"
    if not nt.exists():
        bench.add(Stage("rdflib: parse kg.nt", "skipped", note="kg wrote no N-Triples"))
        return
    import rdflib

    total = bench.get("export: ntriples").figures.get("triples") or _count_lines(nt)
    data, count = _sample_subjects(nt, max_triples, total)
    cut = f" (1 subject in {-(-total // max_triples)}, of {total} triples)" if count < total else ""
    graph = bench.run(
        "rdflib: parse kg.nt",
        lambda data=data: _rdflib_parse(rdflib, data, "nt"),
        lambda g: f"{len(g)} triples{cut}",
        lambda g: {"triples": len(g)},
    )
    del data
    if graph is None:
        return
    for fmt in ("turtle", "nt"):
        bench.run(
            f"rdflib: serialize {fmt}",
            lambda fmt=fmt, graph=graph: _serialize(graph, fmt),
            lambda n: f"{n / MIB:.1f} MiB",
            lambda n, g=graph: {"triples": len(g), "bytes": n},
        )
    del graph
    if ttl.exists():
        import pyoxigraph

        bench.run(
            "pyoxigraph: parse kg.ttl",
            lambda: sum(1 for _ in pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)),
            lambda n: _ttl_check(n, bench),
            lambda n: {"triples": n},
        )


def _ttl_check(count: int, bench: Bench) -> str:
    nt = bench.get("export: ntriples")
    expected = nt.figures.get("triples") if nt else None
    verdict = "" if expected is None else (" = kg.nt" if count == expected else f" != kg.nt ({expected})")
    return f"{count} triples{verdict}"


def _sample_subjects(path: Path, limit: int, total: int) -> tuple[str, int]:
    """About ``limit`` triples of an N-Triples file, every m-th subject with all its triples, so the
    sample mixes papers, authors, organisations and topics as the whole file does (kg writes them
    in blocks by type: a prefix would hold one type only)."""
    stride = max(1, -(-total // limit))
    lines, subject, index = [], None, -1
    with open(path, encoding="utf-8") as f:
        for line in f:
            current = line.split(" ", 1)[0]
            if current != subject:
                subject, index = current, index + 1
            if index % stride == 0:
                lines.append(line)
    return "".join(lines), len(lines)


def _rdflib_parse(rdflib, data: str, fmt: str):
    g = rdflib.Graph()
    g.parse(data=data, format=fmt)
    return g


def _serialize(graph, fmt: str) -> int:
    buffer = io.BytesIO()
    graph.serialize(destination=buffer, format=fmt, encoding="utf-8")
    return buffer.tell()


def run_networkx_reference(bench: Bench, state: dict, seed: int, closeness_sample: int) -> None:
    """networkx's own algorithms on kg's co-author graph, with kg's parameters where it records
    them (graph attribute ``analyses``). Closeness above ``closeness_sample`` authors is timed on a
    sample of sources and scaled to all of them (exact networkx closeness is O(n·m))."""
    import networkx as nx

    C = state.get("coauthors")
    if C is None:
        bench.add(Stage("networkx: centralities", "skipped", note="no co-author graph"))
        return
    params = state["graph"].graph.get("analyses") or {}
    bet = params.get("betweenness") or {}
    k = bet.get("k") if bet.get("method") == "sampled" else None
    if k is not None:
        k = min(k, C.number_of_nodes())
    bseed = bet.get("seed", seed)
    weight = "weight"
    bench.run("networkx: degree", lambda: nx.degree_centrality(C))
    bench.run(
        "networkx: betweenness",
        lambda: nx.betweenness_centrality(C, k=k, seed=bseed),
        lambda _: f"k={k if k is not None else 'exact'}, seed={bseed}",
    )
    n = C.number_of_nodes()
    if n <= closeness_sample:
        bench.run("networkx: closeness", lambda: nx.closeness_centrality(C))
    else:
        sources = random.Random(seed).sample(sorted(C.nodes()), closeness_sample)
        scale = n / closeness_sample
        bench.run(
            "networkx: closeness",
            lambda: [nx.closeness_centrality(C, u=s) for s in sources],
            lambda _: f"timed on {closeness_sample} of {n} sources; all would take ~{scale:.0f}x",
            lambda _: {"scale": scale},
        )
    bench.run("networkx: pagerank", lambda: nx.pagerank(C, weight=weight))
    bench.run("networkx: eigenvector", lambda: nx.eigenvector_centrality(C, max_iter=1000, weight=weight))
    bench.run(
        "networkx: louvain",
        lambda: nx.community.louvain_communities(C, weight=weight, seed=seed),
        lambda parts: f"{len(parts)} communities",
    )


def run_sparql_reference(bench: Bench, out_dir: Path, max_triples: int) -> None:
    """The co-author aggregate over kg's ``schema:author`` triples: rdflib vs pyoxigraph."""
    nt = out_dir / "kg.nt"
    if not nt.exists():
        bench.add(Stage("sparql", "skipped", note="kg wrote no N-Triples"))
        return
    lines = []
    with open(nt, encoding="utf-8") as f:
        for line in f:
            if SCHEMA_AUTHOR in line:
                lines.append(line)
                if len(lines) >= max_triples:
                    break
    data = "".join(lines)
    import pyoxigraph
    import rdflib

    graph = bench.run(
        "rdflib: load authorship",
        lambda: _rdflib_parse(rdflib, data, "nt"),
        lambda g: f"{len(g)} schema:author triples",
    )
    store = bench.run("pyoxigraph: load authorship", lambda: _oxigraph_store(pyoxigraph, data))
    rows_rdflib = graph is not None and bench.run(
        "rdflib: sparql co-authors", lambda: [(str(r[0]), int(r[1])) for r in graph.query(COAUTHOR_QUERY)]
    )
    rows_oxi = store is not None and bench.run(
        "pyoxigraph: sparql co-authors",
        lambda: [(s[0].value, int(s[1].value)) for s in store.query(COAUTHOR_QUERY)],
    )
    if rows_rdflib and rows_oxi:
        bench.stages[-1].note = (
            "same answer as rdflib" if rows_rdflib == rows_oxi else "DIFFERENT answer from rdflib"
        )


def _oxigraph_store(pyoxigraph, data: str):
    store = pyoxigraph.Store()
    store.load(data.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


# ---------------------------------------------------------------------------------------------
# kg build, end to end, in a child process

_CHILD = """\
import json, os, resource, subprocess, sys, time

def descendants(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found

def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0

started = time.perf_counter()
peak_sum = 0
with open(sys.argv[1], "w") as log:
    build = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    while build.poll() is None:
        began = time.perf_counter()
        if os.path.exists("/proc/self/smaps_rollup"):
            peak_sum = max(peak_sum, sum(pss_kib(pid) for pid in descendants(build.pid)))
        # the kernel walks a process's page tables for smaps_rollup: sampling every 0.25 s took
        # a quarter of a core (most of one at the peak) from a 1M-paper build; now a tenth at most
        time.sleep(max(0.25, 9 * (time.perf_counter() - began)))
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": build.returncode, "seconds": time.perf_counter() - started,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "maxrss_kib": usage.ru_maxrss,
                  "peak_pss_sum_kib": peak_sum}))
"""


def run_cli(bench: Bench, input_dir: Path, out_dir: Path, seed: int) -> None:
    """``kg build`` in a grandchild, measured by a small child that only waits for it, so
    RUSAGE_CHILDREN is that build's alone."""
    log = out_dir.parent / "kg-build.log"
    command = [
        sys.executable,
        "-m",
        "kg.cli",
        "build",
        str(input_dir),
        "-o",
        str(out_dir),
        "--no-progress",
        "--seed",
        str(seed),
    ]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(log), *command], capture_output=True, text=True)
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        bench.add(
            Stage(
                "kg build (CLI)",
                "failed",
                time.perf_counter() - started,
                note=f"no measurement: {done.stderr.strip()[-200:]}",
            )
        )
        return
    tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
    status = "ok" if result["returncode"] == 0 else "failed"
    note = f"exit {result['returncode']}" + ("" if status == "ok" else ": " + " | ".join(tail)[-200:])
    # kg build forks workers: its memory is the sum over its processes (PSS, sampled every
    # 0.25 s, shares pages fairly), or the largest process where /proc cannot tell
    largest_mib, summed_mib = result["maxrss_kib"] / 1024, result["peak_pss_sum_kib"] / 1024
    if summed_mib:
        note += f"; peak = PSS summed over its processes (largest process {largest_mib:,.0f} MiB)"
    bench.add(
        Stage(
            "kg build (CLI)",
            status,
            result["seconds"],
            result["cpu_seconds"],
            max(summed_mib, largest_mib),
            note,
            {"log": str(log)},
        )
    )


# ---------------------------------------------------------------------------------------------
# Report


def format_row(s: Stage) -> str:
    def num(value: float | None, fmt: str) -> str:
        return format(value, fmt) if value is not None else "-"

    return (
        f"  {s.name:<34} {s.status:<13} {num(s.seconds, '9.2f'):>9} {num(s.cpu_seconds, '9.2f'):>9} "
        f"{num(s.peak_mib, '9.0f'):>9}  {s.note}"
    )


def table_header() -> str:
    return f"  {'stage':<34} {'status':<13} {'seconds':>9} {'cpu s':>9} {'peak MiB':>9}  notes"


def ratios(bench: Bench) -> list[dict]:
    """kg against each reference: reference time / kg time (per triple for RDF), on CPU seconds,
    which a busy shared machine disturbs much less than wall seconds."""
    out = []

    def cpu(name: str) -> float | None:
        stage = bench.get(name)
        return stage.cpu_seconds if stage and stage.cpu_seconds else None

    def rate(name: str, triples: int | None) -> float | None:
        seconds = cpu(name)
        return triples / seconds if seconds and triples else None

    nt = bench.get("export: ntriples")
    triples = nt.figures.get("triples") if nt else None
    comparisons = (
        ("export: turtle", "rdflib: serialize turtle", "Turtle: kg vs rdflib turtle", RDF_SPEEDUP_TARGET),
        (
            "export: ntriples",
            "rdflib: serialize turtle",
            "N-Triples: kg vs rdflib turtle",
            RDF_SPEEDUP_TARGET,
        ),
        ("export: ntriples", "rdflib: serialize nt", "N-Triples: kg vs rdflib nt", None),
    )
    for kg_name, ref_name, label, target in comparisons:
        ref = bench.get(ref_name)
        kg_rate = rate(kg_name, triples)
        ref_rate = rate(ref_name, ref.figures.get("triples") if ref else None)
        out.append(
            {
                "what": f"{label} (triples/s)",
                "kg": kg_rate,
                "reference": ref_rate,
                "speedup": kg_rate / ref_rate if kg_rate and ref_rate else None,
                "target": target,
            }
        )
    parse = bench.get("rdflib: parse kg.nt")
    if parse:
        out.append(
            {
                "what": "rdflib parse (triples/s, for scale)",
                "kg": None,
                "reference": rate("rdflib: parse kg.nt", parse.figures.get("triples")),
                "speedup": None,
                "target": None,
            }
        )
    kg_analysis = cpu("analyze: annotate_coauthors")
    nx_stages = [s for s in bench.stages if s.status == "ok" and s.name.startswith("networkx:")]
    nx_analysis = sum(s.cpu_seconds * s.figures.get("scale", 1) for s in nx_stages)
    if kg_analysis and nx_analysis:
        out.append(
            {
                "what": "co-author analysis (s)",
                "kg": kg_analysis,
                "reference": nx_analysis,
                "speedup": nx_analysis / kg_analysis,
                "target": ANALYSIS_SPEEDUP_TARGET,
            }
        )
        rest = sum(
            s.cpu_seconds * s.figures.get("scale", 1) for s in nx_stages if s.name != "networkx: closeness"
        )
        out.append(
            {
                "what": "  same, networkx without closeness (s)",
                "kg": kg_analysis,
                "reference": rest,
                "speedup": rest / kg_analysis,
                "target": None,
            }
        )
    rdf_q, oxi_q = cpu("rdflib: sparql co-authors"), cpu("pyoxigraph: sparql co-authors")
    if rdf_q and oxi_q:
        out.append(
            {
                "what": "SPARQL co-author query (s)",
                "kg": None,
                "reference": rdf_q,
                "pyoxigraph": oxi_q,
                "speedup": rdf_q / oxi_q,
                "target": None,
            }
        )
    return out


def format_hot_spots(bench: Bench, slowest: int = 6, top: int = 6) -> list[str]:
    """With --profile: the functions that take the time in the slowest kg stages."""
    profiled = [
        s
        for s in bench.stages
        if s.figures.get("hot_spots")
        and not s.name.startswith(("rdflib", "networkx", "pyoxigraph", "generate"))
    ]
    lines = []
    for stage in sorted(profiled, key=lambda s: -s.seconds)[:slowest]:
        lines += ["", f"hot spots of {stage.name} ({stage.seconds:.1f} s profiled):"]
        lines += [f"  {row}" for row in stage.figures["hot_spots"][:top]]
    return lines


def format_ratios(rows: list[dict]) -> list[str]:
    lines = ["", "kg vs reference (speedup = reference CPU time / kg CPU time):"]
    for r in rows:

        def num(v):
            return "-" if v is None else (f"{v:,.0f}" if v >= 100 else f"{v:.2f}")

        if r["what"].startswith("SPARQL"):
            lines.append(
                f"  {r['what']:<38} rdflib {num(r['reference'])} s, pyoxigraph {num(r['pyoxigraph'])} s "
                f"(pyoxigraph {num(r['speedup'])}x faster)"
            )
            continue
        target = f"target >= {r['target']}x" if r["target"] else ""
        verdict = (
            ""
            if r["speedup"] is None or not r["target"]
            else ("  MET" if r["speedup"] >= r["target"] else "  MISSED")
        )
        lines.append(
            f"  {r['what']:<38} kg {num(r['kg']):>10}  reference {num(r['reference']):>10}  "
            f"speedup {num(r['speedup']):>7}x  {target}{verdict}"
        )
    return lines


def format_targets(bench: Bench, papers: int) -> list[str]:
    lines = ["", "targets (2 cores, 24 GiB):"]
    for size, target in TARGETS.items():
        lines.append(
            f"  {size:>9,} papers: kg build < {target['build_seconds']} s, "
            f"peak < {target['build_peak_gib']} GiB"
        )
    lines.append(
        f"  Turtle/N-Triples export >= {RDF_SPEEDUP_TARGET}x rdflib.Graph.serialize; co-author analysis "
        f"at 100k papers <= 1/{ANALYSIS_SPEEDUP_TARGET} of networkx's time"
    )
    cli = bench.get("kg build (CLI)")
    target = TARGETS.get(papers)
    if cli and target:
        ok_time = cli.seconds < target["build_seconds"]
        ok_mem = cli.peak_mib / 1024 < target["build_peak_gib"]
        lines.append(
            f"  this run: kg build {cli.seconds:.1f} s ({'MET' if ok_time else 'MISSED'}), "
            f"peak {cli.peak_mib / 1024:.2f} GiB ({'MET' if ok_mem else 'MISSED'})"
        )
    elif cli:
        lines.append(
            f"  this run ({papers:,} papers): kg build {cli.seconds:.1f} s, "
            f"peak {cli.peak_mib / 1024:.2f} GiB "
            "(targets are set for 100k and 1M papers)"
        )
    return lines


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PHYS_PAGES") * PAGE / 2**30, 1),
        "loadavg_start": os.getloadavg(),
    }


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, required=True)
    parser.add_argument(
        "--corpus", type=Path, help="corpus folder (default: benchmarks/corpora/<papers>-seed<seed>)"
    )
    parser.add_argument("--seed", type=int, default=7, help="corpus seed; also kg's --seed")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--skip-reference", action="store_true", help="no rdflib / networkx / SPARQL runs")
    parser.add_argument("--skip-cli", action="store_true", help="no end-to-end `kg build` child process")
    parser.add_argument(
        "--rdf-max-triples",
        type=int,
        default=200_000,
        help="rdflib parses and serialises about this many of kg's triples, every m-th subject "
        "(rates are per triple)",
    )
    parser.add_argument(
        "--sparql-max-triples",
        type=int,
        default=200_000,
        help="schema:author triples loaded for the SPARQL comparison",
    )
    parser.add_argument(
        "--closeness-sample",
        type=int,
        default=300,
        help="networkx closeness above this many authors is timed on this many sources and scaled",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="profile every stage with cProfile: DIR/<stage>.pstats, hot spots in the JSON "
        "(profiling slows the stages: do not compare these timings)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where exports are written (default: a temp folder, removed)"
    )
    args = parser.parse_args(argv)

    info = machine()
    print(
        f"kg benchmark: {args.papers:,} papers, seed {args.seed}; {info['cpus']} cpus, "
        f"{info['memory_gib']} GiB, load average {info['loadavg_start'][0]:.2f}",
        flush=True,
    )
    bench = Bench(profile_dir=args.profile)
    print(table_header(), flush=True)
    corpus, manifest = corpus_for(args.papers, args.seed, args.corpus, bench)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-", dir=args.workdir))
    try:
        out_dir = work / "exports"
        state = run_kg_stages(bench, corpus / "input", manifest, out_dir, args.seed)
        if not args.skip_reference:
            run_rdf_reference(bench, out_dir, args.rdf_max_triples)
            run_networkx_reference(bench, state, args.seed, args.closeness_sample)
            run_sparql_reference(bench, out_dir, args.sparql_max_triples)
        state.clear()
        gc.collect()
        if not args.skip_cli:
            run_cli(bench, corpus / "input", work / "cli-exports", args.seed)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    rows = ratios(bench)
    for line in format_hot_spots(bench) + format_ratios(rows) + format_targets(bench, args.papers):
        print(line)
    info["loadavg_end"] = os.getloadavg()
    result = {
        "papers": args.papers,
        "seed": args.seed,
        "corpus": str(corpus),
        "machine": info,
        "manifest": {k: v for k, v in manifest.items() if k != "files"},
        "stages": [asdict(s) for s in bench.stages],
        "ratios": rows,
        "targets": {str(k): v for k, v in TARGETS.items()},
    }
    print(
        f"\nload average at the end: {info['loadavg_end'][0]:.2f} (the machine is shared; "
        "cpu s well below seconds means waiting for a core)"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
