"""A fuzzing campaign against extraction: mutated seeds fed to every layout.

Each run takes a seed input (``seeds/`` and the text files of ``tests/data/``, their first
16 KiB), applies one to four byte-level mutations (insert, delete or replace bytes, truncate,
duplicate lines, a huge integer, deep nesting, surrogates, NULs, control characters, BOMs),
writes it to a file and extracts it with one layout (or detection), in this process under a
per-run alarm. A run *crashes* when an exception escapes the extractor (kg then skips the file
with a "reading failed" Problem: the safety net, which should never be needed), or when what it
returns breaks the rules (a problem without file or reason, a record with a control character or a
lone surrogate); it *hangs* when the alarm rings. The crash signature is the exception type and
the innermost kg frame.

    python benchmarks/fuzz.py --runs 100000 --seed 1 [--timeout 10] [--save DIR]

tests/test_fuzz.py draws the same mutations with hypothesis, bounded, on every test run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from kg.extract import layouts

try:
    from kg.extract import _extract_file
except ImportError:  # kg before the safety net (to measure what the campaign finds there)
    from kg.extract import extract_file

    def _extract_file(path, file, options, layout):  # type: ignore[no-untyped-def]
        return extract_file(path, options, layout)


from kg.model import ExtractOptions, FileExtraction

ROOT = Path(__file__).resolve().parent.parent
#: What no record may hold (the oracle, written apart from kg's own rule in kg.normalize.text).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: Bytes of each seed input that runs mutate: enough for a few records of every layout.
SEED_BYTES = 16 * 1024
_TEXT_SUFFIXES = {".txt", ".json", ".jsonl", ".bib", ".xml", ".atom", ".nbib", ".ris", ".csv", ".tsv", ""}


def seed_inputs() -> list[tuple[str, bytes]]:
    """(name, first bytes) of every seed file and text test input, sorted by name."""
    data = sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.is_file())
    paths = sorted(ROOT.glob("seeds/*")) + data
    return [
        (str(p.relative_to(ROOT)), p.read_bytes()[:SEED_BYTES])
        for p in paths
        if p.suffix.lower() in _TEXT_SUFFIXES and p.stat().st_size > 0
    ]


# ------------------------------------------------------------------ mutations


def _at(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def _insert(data: bytes, rng: random.Random, payload: bytes) -> bytes:
    at = _at(data, rng)
    return data[:at] + payload + data[at:]


def _insert_bytes(data: bytes, rng: random.Random) -> bytes:
    return _insert(data, rng, rng.randbytes(rng.randint(1, 16)))


def _delete(data: bytes, rng: random.Random) -> bytes:
    at = _at(data, rng)
    return data[:at] + data[at + rng.randint(1, 64) :]


def _replace(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: _at(data, rng)]


def _duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    return b"\n".join(lines[: at + 1] + [lines[at]] * rng.randint(1, 50) + lines[at + 1 :])


def _huge_int(data: bytes, rng: random.Random) -> bytes:
    return _insert(data, rng, b"1" + b"0" * rng.choice([20, 4300, 5000, 20000]))


def _deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([100, 1000, 5000])
    opening, closing = rng.choice([(b"[", b"]"), (b'{"a":', b"}"), (b"<a>", b"</a>"), (b"{", b"}")])
    return _insert(data, rng, opening * depth + (closing * depth if rng.random() < 0.5 else b""))


def _surrogate(data: bytes, rng: random.Random) -> bytes:
    return _insert(data, rng, rng.choice([b"\\ud800", b"\\udfff", b"\\ud83d", b"\xed\xa0\x80"]))


def _nuls(data: bytes, rng: random.Random) -> bytes:
    return _insert(data, rng, b"\x00" * rng.choice([1, 3, 100, 5000]))


def _controls(data: bytes, rng: random.Random) -> bytes:
    payload = [b"\x1b[2J", b"\x07", b"\x1b]0;title\x07", b"\xc2\x9b31m", b"\x7f", b"\x0c", b"\r", b"\\u001b"]
    return _insert(data, rng, rng.choice(payload))


def _bom(data: bytes, rng: random.Random) -> bytes:
    return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data


#: Mutation name -> function (bytes, rng) -> bytes.
MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "insert": _insert_bytes,
    "delete": _delete,
    "replace": _replace,
    "truncate": _truncate,
    "duplicate_line": _duplicate_line,
    "huge_int": _huge_int,
    "deep_nesting": _deep_nesting,
    "surrogate": _surrogate,
    "nuls": _nuls,
    "controls": _controls,
    "bom": _bom,
}


def mutate(data: bytes, names: list[str], rng: random.Random) -> bytes:
    for name in names:
        data = MUTATIONS[name](data, rng)
    return data


# ------------------------------------------------------------------ one run


def violations(result: FileExtraction) -> list[str]:
    """The rules an extraction outcome breaks (empty: none)."""
    found = []
    for problem in result.extraction.problems:
        if not problem.file or not problem.message or problem.severity not in ("error", "warning"):
            found.append(f"problem without file, reason or severity: {problem!r}")
        if problem.message.startswith("reading failed ("):
            found.append("an exception escaped the extractor: " + problem.message)
    for record in result.extraction.records:
        if any(_UNSAFE.search(text) for text in _texts(record.as_dict())):
            found.append("a record keeps a control character or a lone surrogate")
        json.dumps(record.as_dict(), ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
    return found


def _texts(value: object) -> list[str]:
    """Every string inside a record's JSON object, keys too."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    return []


class Hang(Exception):
    pass


def _ring(signum: int, frame: object) -> None:
    raise Hang


def run_one(path: Path, layout: str | None, timeout: int) -> tuple[str, str] | None:
    """None, or (kind, signature) for a crash or a hang; ("records", "") when it read records."""
    signal.signal(signal.SIGALRM, _ring)
    signal.alarm(timeout)
    try:
        result = _extract_file(path, path.name, ExtractOptions(), layout)
        signal.alarm(0)
        broken = violations(result)
        if broken:
            return ("crash", broken[0][:120])
        return ("records", "") if result.extraction.records else None
    except Hang:
        return ("hang", f"more than {timeout} s")
    except BaseException as exc:  # noqa: BLE001 - whatever escapes is what we count
        signal.alarm(0)
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/kg/" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return ("crash", f"{type(exc).__name__} at {where}")
    finally:
        signal.alarm(0)


def campaign(runs: int, seed: int, timeout: int, save: Path | None, progress: int = 0) -> dict[str, object]:
    rng = random.Random(seed)
    inputs = seed_inputs()
    choices: list[str | None] = [None, *layouts()]
    counts: Counter[str] = Counter()
    signatures: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    memory = Path("/dev/shm")  # a file written per run: in memory where there is such a folder
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-", dir=memory if memory.is_dir() else None) as tmp:
        path = Path(tmp) / "input"
        for run in range(runs):
            name, data = rng.choice(inputs)
            ops = [rng.choice(list(MUTATIONS)) for _ in range(rng.randint(1, 4))]
            mutated = mutate(data, ops, rng)
            path.write_bytes(mutated)
            layout = None if rng.random() < 0.5 else rng.choice(choices)  # detected, or any forced
            outcome = run_one(path, layout, timeout)
            counts["runs"] += 1
            if progress and counts["runs"] % progress == 0:
                print(f"... {counts['runs']} runs, {len(signatures)} signatures", file=sys.stderr, flush=True)
            if outcome and outcome[0] == "records":
                counts["runs_with_records"] += 1
            elif outcome:
                counts[outcome[0] + "es" if outcome[0] == "crash" else outcome[0] + "s"] += 1
                if outcome not in signatures and save:
                    save.mkdir(parents=True, exist_ok=True)
                    (save / f"{outcome[0]}-{run}-{layout}.bin").write_bytes(mutated)
                signatures[outcome] += 1
    seconds = time.perf_counter() - started
    return {
        "runs": counts["runs"],
        "runs_with_records": counts["runs_with_records"],
        "crashes": counts["crashes"],
        "hangs": counts["hangs"],
        "unique_signatures": len(signatures),
        "signatures": [f"{kind}: {sig} (x{n})" for (kind, sig), n in signatures.most_common()],
        "seconds": round(seconds, 1),
        "runs_per_second": round(counts["runs"] / seconds, 1) if seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=10, help="seconds per run before it counts as a hang")
    parser.add_argument("--save", type=Path, help="folder for the first input of each signature")
    args = parser.parse_args(argv)
    figures = campaign(args.runs, args.seed, args.timeout, args.save, progress=5000)
    for key in (
        "runs",
        "runs_with_records",
        "crashes",
        "hangs",
        "unique_signatures",
        "seconds",
        "runs_per_second",
    ):
        print(f"{key}: {figures[key]}")
    for line in figures["signatures"]:  # type: ignore[attr-defined]
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
