"""Large Web of Science (plain text and tab-delimited) and Scopus CSV exports: writes a synthetic,
seeded file of ``--records`` records per format into a temporary folder, extracts each in a fresh
process on one core and prints records, CPU seconds (wall beside them: a shared machine's wall
time says more about its load), records per CPU second and memory (the resident size once the
text is read, and the peak while extracting: the growth is the records, not a copy of the file).

Each record has 2-8 authors (full names, ids, bracketed addresses), an abstract of ~120 words,
keywords and ``--refs`` cited references (default 20): 40% of them cite one of 50,000 works
that the whole corpus cites (as a field cites its classics again and again), the others a work
no other reference names (``--unique-refs``: all of them, the worst case for the parse cache).

    python benchmarks/wos_scopus_bench.py                      # 100k records per format
    python benchmarks/wos_scopus_bench.py --records 10000 --only wos
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SURNAMES = "Hartmann Okonkwo Sato Moreau Lindqvist Berg Zhou Ferreira Novak Kowalski Haddad Nakamura".split()
GIVEN = "Lena Chidi Yuki Pierre Asa Anna Mei Tomas Jana Piotr Omar Ren Ines Karl Sofia Diego".split()
WORDS = (
    "graph attention sparse routing molecular turnover enzyme network learning model kinetic "
    "protein structure prediction transformer embedding signal cell layer data scale"
).split()
ORGS = ["Univ Exampleton", "Inst Example Res", "Ecole Example", "Sample Tech Univ", "Example Lab"]
COUNTRIES = ["England", "France", "Japan", "Nigeria", "Sweden", "USA"]
#: Share of references that cite a work other records cite too, and how many such works there are.
REPEATED, CLASSICS = 0.4, 50_000
TAB_TAGS = "PT AU AF TI SO LA DT DE ID AB C1 RP OI CR NR TC PY PD DI PM UT".split()
SCOPUS_COLUMNS = [
    "Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "Volume",
    "Cited by", "DOI", "Link", "Affiliations", "Authors with affiliations", "Abstract",
    "Author Keywords", "Index Keywords", "References", "Language of Original Document",
    "Document Type", "Source", "EID",
]  # fmt: skip


class Corpus:
    """Seeded synthetic papers, as the fields the three exports share."""

    def __init__(self, seed: int, refs: int, unique_refs: bool) -> None:
        self.rng = random.Random(seed)
        self.refs, self.unique_refs = refs, unique_refs
        self.fresh = 0

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def cited(self, i: int) -> int:
        """A cited work: with probability ``REPEATED``, one of ``CLASSICS`` works cited across
        the corpus, else one no other reference names."""
        self.fresh += 1
        if self.unique_refs or self.rng.random() >= REPEATED:
            return CLASSICS + self.fresh
        return self.rng.randrange(CLASSICS)

    def paper(self, i: int) -> dict:
        rng = self.rng
        authors = [(rng.choice(SURNAMES), rng.choice(GIVEN), 57_000_000_000 + rng.randrange(10**6)) for _ in
                   range(rng.randint(2, 8))]  # fmt: skip
        orgs = [
            f"{rng.choice(ORGS)}, Dept {self.words(1).title()}, {rng.choice(COUNTRIES)}" for _ in range(2)
        ]
        return {
            "i": i,
            "authors": authors,
            "orgs": orgs,
            "title": self.words(10).capitalize(),
            "abstract": self.words(120).capitalize() + ".",
            "keywords": [self.words(2) for _ in range(4)],
            "year": 1990 + i % 35,
            "cited": [self.cited(i) for _ in range(self.refs)],
            "times_cited": rng.randrange(500),
        }


def _wos_ref(n: int) -> str:
    author = f"{SURNAMES[n % 12]} {GIVEN[n % 16][0]}"
    return f"{author}, {1950 + n % 70}, J EXAMPLE {n % 97}, V{n % 40}, P{n % 900}, DOI 10.5555/ref.{n}"


def _scopus_ref(n: int) -> str:
    return (f"{SURNAMES[n % 12]} {GIVEN[n % 16][0]}., {SURNAMES[(n + 5) % 12]} {GIVEN[(n + 3) % 16][0]}., "
            f"Cited work number {n}, Journal of Example {n % 97}, {n % 40}, pp. {n % 900}-{n % 900 + 9}, "
            f"({1950 + n % 70})")  # fmt: skip


def wos_plain(p: dict) -> str:
    au = [f"{s}, {g[0]}" for s, g, _ in p["authors"]]
    af = [f"{s}, {g}" for s, g, _ in p["authors"]]
    half = len(af) // 2
    c1 = [f"[{'; '.join(af[:half])}] {p['orgs'][0]}.", f"[{'; '.join(af[half:])}] {p['orgs'][1]}."]
    lines = [
        "PT J", "AU " + "\n   ".join(au), "AF " + "\n   ".join(af), f"TI {p['title']}",
        f"SO JOURNAL OF EXAMPLE {p['i'] % 50}", "LA English", "DT Article",
        "DE " + "; ".join(p["keywords"]), f"AB {p['abstract']}", "C1 " + "\n   ".join(c1),
        f"OI {af[0]}/0000-0002-1825-0097", "CR " + "\n   ".join(map(_wos_ref, p["cited"])),
        f"NR {len(p['cited'])}", f"TC {p['times_cited']}", "PD MAR 15", f"PY {p['year']}",
        f"DI 10.5555/bench.{p['i']}", f"UT WOS:{p['i']:015d}", "ER", "",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def wos_tab(p: dict) -> str:
    af = [f"{s}, {g}" for s, g, _ in p["authors"]]
    half = len(af) // 2
    values = {
        "PT": "J", "AU": "; ".join(f"{s}, {g[0]}" for s, g, _ in p["authors"]), "AF": "; ".join(af),
        "TI": p["title"], "SO": f"JOURNAL OF EXAMPLE {p['i'] % 50}", "LA": "English", "DT": "Article",
        "DE": "; ".join(p["keywords"]), "AB": p["abstract"],
        "C1": f"[{'; '.join(af[:half])}] {p['orgs'][0]}.; [{'; '.join(af[half:])}] {p['orgs'][1]}.",
        "OI": f"{af[0]}/0000-0002-1825-0097", "CR": "; ".join(map(_wos_ref, p["cited"])),
        "NR": str(len(p["cited"])), "TC": str(p["times_cited"]), "PY": str(p["year"]), "PD": "MAR 15",
        "DI": f"10.5555/bench.{p['i']}", "UT": f"WOS:{p['i']:015d}",
    }  # fmt: skip
    return "\t".join(values.get(tag, "") for tag in TAB_TAGS) + "\t\n"


def scopus_row(p: dict) -> list[str]:
    short = [f"{s} {g[0]}." for s, g, _ in p["authors"]]
    return [
        "; ".join(short),
        "; ".join(f"{s}, {g} ({n})" for s, g, n in p["authors"]),
        ";".join(str(n) for _, _, n in p["authors"]),
        p["title"], str(p["year"]), f"Journal of Example {p['i'] % 50}", "7", str(p["times_cited"]),
        f"10.5555/bench.{p['i']}", f"https://www.scopus.com/inward/record.uri?eid=2-s2.0-{p['i']}",
        "; ".join(p["orgs"]),
        "; ".join(f"{name}, {p['orgs'][k % 2]}" for k, name in enumerate(short)),
        p["abstract"], "; ".join(p["keywords"]), "; ".join(p["keywords"][:2]),
        "; ".join(map(_scopus_ref, p["cited"])), "English", "Article", "Scopus", f"2-s2.0-{p['i']}",
    ]  # fmt: skip


def write(layout: str, folder: Path, records: int, corpus: Corpus) -> Path:
    path = folder / {"wos": "savedrecs.txt", "wos_tab": "savedrecs_tab.txt", "scopus": "scopus.csv"}[layout]
    papers: Iterator[dict] = (corpus.paper(i) for i in range(records))
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        if layout == "scopus":
            writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow(SCOPUS_COLUMNS)
            writer.writerows(map(scopus_row, papers))
        else:
            render: Callable[[dict], str] = wos_plain if layout == "wos" else wos_tab
            out.write(
                "FN Clarivate Analytics Web of Science\nVR 1.0\n"
                if layout == "wos"
                else "\t".join(TAB_TAGS) + "\t\n"
            )
            out.writelines(map(render, papers))
            if layout == "wos":
                out.write("EF\n")
    return path


def measure(layout: str, path: Path) -> dict:
    """Extract ``path`` in this process (run by :func:`main` in a fresh one per file)."""
    from kg.extract import extractor
    from kg.extract.reading import read_input
    from kg.model import ExtractOptions

    decoded = read_input(path)
    read_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu_start = time.perf_counter(), time.process_time()
    extraction = extractor(layout).extract(decoded.text, str(path), ExtractOptions())
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "layout": layout,
        "mb": round(path.stat().st_size / 1e6, 1),
        "records": len(extraction.records),
        "references": sum(len(r.references) for r in extraction.records),
        "problems": len(extraction.problems),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "records_per_s": round(len(extraction.records) / cpu) if cpu else None,
        "rss_after_read_mib": round(read_rss),
        "peak_rss_mib": round(peak),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000, help="records per file (default 100k)")
    parser.add_argument("--refs", type=int, default=20, help="cited references per record (default 20)")
    parser.add_argument("--unique-refs", action="store_true", help="no cited work twice")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=["wos", "wos_tab", "scopus"], action="append")
    parser.add_argument("--measure", nargs=2, metavar=("LAYOUT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return
    target = 20_000
    with tempfile.TemporaryDirectory() as folder:
        for layout in args.only or ["wos", "wos_tab", "scopus"]:
            path = write(layout, Path(folder), args.records, Corpus(args.seed, args.refs, args.unique_refs))
            done = subprocess.run(
                [sys.executable, __file__, "--measure", layout, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(done.stdout)
            verdict = "met" if (r["records_per_s"] or 0) >= target else "NOT met"
            print(
                f"{layout:8} {r['mb']:6.1f} MB {r['records']:7d} records {r['references']:8d} refs "
                f"{r['cpu_seconds']:6.2f} s CPU ({r['seconds']:.2f} s wall) "
                f"{r['records_per_s'] or 0:7d} records/s (target {target}: {verdict})  "
                f"RSS after read {r['rss_after_read_mib']:5d} MiB, peak {r['peak_rss_mib']:5d} MiB"
            )


if __name__ == "__main__":
    main()
