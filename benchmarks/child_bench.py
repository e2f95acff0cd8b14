"""Where the topics child starts to pay: ``kg.build`` with two workers on generated corpora of
several sizes, with the topic analysis in a fresh child and in the building process.

    python benchmarks/child_bench.py --papers 2000 5000 10000 20000 40000

prints, per size, the wall seconds of each way (the best of ``--repeat`` runs) and their
difference; :data:`kg.defaults.TOPICS_CHILD_MIN_PAPERS` is where the child starts to win.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import kg
import kg.defaults

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

CORPORA = HERE / "corpora"


def corpus(papers: int, seed: int) -> Path:
    out = CORPORA / f"{papers}-seed{seed}"
    if not (out / "manifest.json").exists():
        generate(papers, seed, out)
    return out / "input"


def best_wall(paths: Path, child_min_papers: int, repeat: int) -> float:
    kg.defaults.TOPICS_CHILD_MIN_PAPERS = child_min_papers
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        kg.build([paths], workers=2)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, nargs="+", default=[2000, 5000, 10000, 20000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"{'papers':>8} {'child s':>9} {'here s':>9} {'child saves s':>14}")
    for papers in args.papers:
        paths = corpus(papers, args.seed)
        in_child = best_wall(paths, 0, args.repeat)
        here = best_wall(paths, 10**12, args.repeat)
        print(f"{papers:>8} {in_child:>9.2f} {here:>9.2f} {here - in_child:>14.2f}", flush=True)


if __name__ == "__main__":
    main()
