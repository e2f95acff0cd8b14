"""How long ``kg query`` takes on an export, first run (the persistent store is built) against
the runs after it (the store is reused) and against ``--no-cache``, and how long and how much
memory a cross product of every triple with every triple with every triple (10^10 rows and more)
takes under the default row limit.

    python benchmarks/query_bench.py EXPORT.ttl [--repeat 3]

Each figure is the wall time of a whole ``kg query`` command (start-up included), run as a
subprocess, best of ``--repeat``; the memory is the peak resident size of the biggest of its processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.sparql.store_cache import cache_folder  # noqa: E402

COAUTHORS = """SELECT ?name (COUNT(DISTINCT ?p) AS ?papers) WHERE {
  ?p schema:author ?a . ?a schema:name ?name } GROUP BY ?name ORDER BY DESC(?papers) LIMIT 10"""
CROSS = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def kg_query(export: Path, query: str, *options: str) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB, the biggest of its processes) of one ``kg query``."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "kg.cli", "query", str(export), query, "--format", "csv", *options]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        sys.exit(f"kg query failed: {errors.strip()}")
    return seconds, usage.ru_maxrss / 1024


def best(runs: list[tuple[float, float]]) -> str:
    seconds, mib = min(runs)
    return f"{seconds:.2f} s ({mib:.0f} MiB)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    export: Path = args.export
    print(f"{export}: {export.stat().st_size / 1e6:.1f} MB")
    cross = kg_query(export, CROSS, "--no-cache")
    no_cache = best([kg_query(export, COAUTHORS, "--no-cache") for _ in range(args.repeat)])
    shutil.rmtree(cache_folder(export), ignore_errors=True)
    first = best([kg_query(export, COAUTHORS)])
    again = best([kg_query(export, COAUTHORS) for _ in range(args.repeat)])
    cross_cached = kg_query(export, CROSS)
    print(f"co-author query: --no-cache {no_cache}, first run {first}, then {again}")
    print(f"cross product, default --limit: {best([cross])} with --no-cache, {best([cross_cached])} cached")
    return 0


if __name__ == "__main__":
    sys.exit(main())
