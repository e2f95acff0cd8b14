"""The citation layer at scale: an OpenAlex JSON Lines corpus whose works cite each other, built
end to end with ``kg build``; prints the time, the peak memory and the citation summary.

Each work cites up to ``--refs`` works (OpenAlex ids, as OpenAlex gives them): three in four an
earlier work of the corpus, one in five a work outside it drawn from a shared pool a tenth the
corpus' size (so several records cite each), the rest left out.

    python benchmarks/citations_bench.py --papers 100000 --refs 20
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = [f"Surname{i}" for i in range(5000)]
GIVEN = [f"Given{i}" for i in range(400)]


def _work(i: int, rng: random.Random, papers: int, refs: int) -> dict:
    year = 1990 + i * 30 // papers
    authors = [f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 4))]
    cited: list[str] = []
    for _ in range(refs if i else 0):
        kind = rng.random()
        if kind < 0.75:
            cited.append(f"https://openalex.org/W{rng.randrange(i) + 1}")
        elif kind < 0.95:
            cited.append(f"https://openalex.org/W9{rng.randrange(max(1, papers // 10)):09d}")
    return {
        "id": f"https://openalex.org/W{i + 1}",
        "doi": f"https://doi.org/10.5555/bench.{i + 1}",
        "title": f"Synthetic work number {i + 1} on topic {i % 97}",
        "publication_year": year,
        "type": "article",
        "cited_by_count": rng.randint(0, 500),
        "authorships": [
            {"author_position": "first" if n == 0 else "middle", "author": {"display_name": name}}
            for n, name in enumerate(authors)
        ],
        "referenced_works": sorted(set(cited)),
    }


def write_corpus(folder: Path, papers: int, refs: int, seed: int) -> Path:
    rng = random.Random(seed)
    path = folder / "works.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(papers):
            out.write(json.dumps(_work(i, rng, papers, refs)) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--refs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.monotonic()
        corpus = write_corpus(folder, args.papers, args.refs, args.seed)
        print(
            f"corpus: {args.papers:,} works, {corpus.stat().st_size / 2**20:.0f} MiB, "
            f"written in {time.monotonic() - started:.1f} s"
        )
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "build",
                str(corpus),
                "-o",
                str(folder / "out"),
                "--no-progress",
            ],
            capture_output=True,
            text=True,
        )
        wall = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # KiB -> GiB
        if done.returncode:
            sys.exit(f"kg build failed ({done.returncode}):\n{done.stderr[-2000:]}")
        print(f"kg build: {wall:.1f} s wall, peak memory of its largest process {peak:.2f} GiB")
        for line in done.stdout.splitlines():
            if line.startswith(("  citations:", "  time:", "  most cited")):
                print(line.strip())


if __name__ == "__main__":
    main()
