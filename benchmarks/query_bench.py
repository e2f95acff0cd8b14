"""How long ``kg query`` takes on an export, first run (the persistent store is built) against
the runs after it (the store is reused) and against ``--no-cache``, and how much memory a
10-million-row cross product takes under the default row limit.

    python benchmarks/query_bench.py EXPORT.ttl [--repeat 3]

Each figure is the wall time of a whole ``kg query`` command (start-up included), run as a
subprocess; the memory is the peak resident size of the biggest process it started.
"""

from __future__ import annotations

import argparse
import resource
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


def kg_query(export: Path, query: str, *options: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", str(export), query, "--format", "csv", *options],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"kg query failed: {done.stderr.strip()}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    export: Path = args.export
    print(f"{export}: {export.stat().st_size / 1e6:.1f} MB")
    cross = kg_query(export, CROSS, "--no-cache")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"cross product, default --limit: {cross:.2f} s, peak memory {peak_mib:.0f} MiB")
    no_cache = min(kg_query(export, COAUTHORS, "--no-cache") for _ in range(args.repeat))
    shutil.rmtree(cache_folder(export), ignore_errors=True)
    first = kg_query(export, COAUTHORS)
    again = min(kg_query(export, COAUTHORS) for _ in range(args.repeat))
    print(f"co-author query: --no-cache {no_cache:.2f} s, first run {first:.2f} s, then {again:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
