"""Large files of the API formats: PubMed MEDLINE, Crossref / Semantic Scholar / OpenAlex JSON Lines,
the Weibo crawl, and the reference managers' RIS and CSL-JSON. Writes one file of about ``--mb`` MB
per format (copies of the test samples with fresh ids), extracts each in a fresh process and prints
records, seconds, records/s and memory: the process's resident size once the text is read, and its
peak while extracting (the growth above the text is the records plus what the reader holds; a
streaming reader keeps it proportional to the records, not to a copy of the file's lines).

    python benchmarks/api_formats_bench.py --mb 50
    python benchmarks/api_formats_bench.py --mb 5 --only pubmed
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APIS = ROOT / "tests" / "data" / "apis"
WEIBO = ROOT / "tests" / "data" / "weibo"


def _pubmed(i: int) -> str:
    block = (APIS / "enzyme.nbib").read_text(encoding="utf-8").split("\n\n")[0]
    return block.replace("99000042", str(10_000_000 + i)).replace("2021.0042", f"2021.{i}") + "\n\n"


def _json_line(path: Path, i: int, unwrap: str | int | None = None) -> str:
    value = json.loads(path.read_text(encoding="utf-8"))
    value = value[unwrap] if unwrap is not None else value
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("2021.0042", f"2021.{i}").replace("ENZYME.2021.0042", f"ENZYME.2021.{i}") + "\n"


def _weibo(i: int) -> str:
    posts = (WEIBO / "timeline.txt").read_text(encoding="utf-8").split("\n\n")
    post = posts[2]  # the starred paper post with its metadata
    return post.replace("Sparse Mixture Routing", f"Sparse Mixture Routing {i}") + "\n\n"


def _ris(i: int) -> str:
    record = (APIS / "enzyme.ris").read_text(encoding="utf-8")
    return record.replace("2021.0042", f"2021.{i}").replace("zhou2021", f"zhou2021-{i}") + "\n"


def _csl_array(items: int) -> str:
    """A CSL-JSON array of ``items`` copies of the sample item, as Zotero exports a library."""
    item = json.dumps(
        json.loads((APIS / "enzyme_csl.json").read_text(encoding="utf-8"))[0], ensure_ascii=False
    )
    return "[\n" + ",\n".join(item.replace("2021.0042", f"2021.{i}") for i in range(items)) + "\n]\n"


FORMATS = {
    "pubmed": (".nbib", _pubmed),
    "crossref": (".jsonl", lambda i: _json_line(APIS / "enzyme_crossref.json", i, "message")),
    "semantic_scholar": (".jsonl", lambda i: _json_line(APIS / "enzyme_s2.json", i)),
    "openalex": (".jsonl", lambda i: _json_line(APIS / "enzyme_openalex.json", i)),
    "weibo": (".txt", _weibo),
    "ris": (".ris", _ris),
}


def write(layout: str, folder: Path, megabytes: float) -> Path:
    if layout == "csl_json":  # one JSON array, not a stream of records
        path = folder / "csl.json"
        one = len(_csl_array(1))
        path.write_text(_csl_array(max(1, int(megabytes * 1_000_000 / one))), encoding="utf-8")
        return path
    suffix, record = FORMATS[layout]
    path = folder / f"{layout}{suffix}"
    target, written, i = megabytes * 1_000_000, 0, 0
    samples = [record(n) for n in range(50)]  # templates: building each one again is the slow part
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            text = samples[i % len(samples)]
            written += out.write(text)
            i += 1
    return path


def measure(layout: str, path: Path) -> dict:
    """Extract ``path`` in this process (run by :func:`main` in a fresh one per file)."""
    from kg.extract import extractor
    from kg.extract.reading import read_input
    from kg.model import ExtractOptions

    decoded = read_input(path)
    read_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    extraction = extractor(layout).extract(decoded.text, str(path), ExtractOptions())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "layout": layout,
        "mb": round(path.stat().st_size / 1e6, 1),
        "records": len(extraction.records),
        "problems": len(extraction.problems),
        "seconds": round(seconds, 2),
        "records_per_s": round(len(extraction.records) / seconds) if seconds else None,
        "rss_after_read_mib": round(read_rss),
        "peak_rss_mib": round(peak),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of each file (default 50)")
    parser.add_argument("--only", choices=sorted([*FORMATS, "csl_json"]), action="append")
    parser.add_argument("--measure", nargs=2, metavar=("LAYOUT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return
    with tempfile.TemporaryDirectory() as folder:
        for layout in args.only or sorted([*FORMATS, "csl_json"]):
            path = write(layout, Path(folder), args.mb)
            done = subprocess.run(
                [sys.executable, __file__, "--measure", layout, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(done.stdout)
            print(
                f"{layout:17} {result['mb']:6.1f} MB {result['records']:8d} records "
                f"{result['seconds']:7.2f} s {result['records_per_s'] or 0:8d}/s  "
                f"RSS after read {result['rss_after_read_mib']:5d} MiB, peak {result['peak_rss_mib']:5d} MiB"
            )


if __name__ == "__main__":
    main()
