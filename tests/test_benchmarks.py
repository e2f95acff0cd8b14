"""The benchmark instrument: the corpus generator and the harness (benchmarks/).

No timing is asserted here: the figures are printed by ``benchmarks/run.py``. These tests keep the
instrument honest: the generator is deterministic, writes the seed layouts so that kg reads every
generated record back, and the harness runs end to end and writes valid JSON.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


generate = _load("generate")
LAYOUTS = sorted(generate.LAYOUT_SHARES)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate.generate(300, 5, out)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_bytes(corpus, tmp_path):
    folder, _ = corpus
    again = tmp_path / "again"
    generate.generate(300, 5, again)
    assert _snapshot(again) == _snapshot(folder)
    other = tmp_path / "other"
    generate.generate(300, 6, other)
    assert _snapshot(other) != _snapshot(folder)


def test_manifest_is_the_ground_truth_of_the_files(corpus):
    folder, manifest = corpus
    written = {str(p.relative_to(folder)) for p in (folder / "input").rglob("*") if p.is_file()}
    assert written == set(manifest["files"])
    assert manifest["papers"] == 300
    assert sum(f["records"] for f in manifest["files"].values()) == manifest["records"]
    assert manifest["records"] == manifest["papers"] + sum(manifest["repeated_records"].values())
    assert set(manifest["records_by_layout"]) == set(LAYOUTS)
    assert manifest["authors_visible"] <= manifest["people"]
    assert manifest["author_names_visible"] <= manifest["authors_visible"]
    assert json.loads((folder / "manifest.json").read_text())["papers"] == 300


def test_documents_reproduce_the_seed_layout_quirks(corpus):
    folder, _ = corpus
    listing = (folder / "input/profile_list/000000.txt").read_text().split("\n")
    assert len(listing) % 3 == 0 and listing[0][:2].isupper() and listing[0][2:5] in generate.MONTHS
    assert any(line.endswith(" et al.") for line in listing[1::3])
    page = (folder / "input/profile_page/000000.txt").read_text()
    header = page.split("\n\n")[1].split("\n")
    assert (
        header[1].startswith("h-index") and header[2].endswith("papers") and header[5].startswith("AI Score")
    )
    digest = (folder / "input/arxiv_digest/000000.txt").read_text()
    assert "1、[" in digest and "https://arxiv.org/abs/" in digest and "\u00a0" in digest
    lines = (folder / "input/abstract_lines/000000.txt").read_text().split("\n")
    assert all(line.startswith("Abstract:") for line in lines)
    bib = (folder / "input/bibtex/000000.bib").read_text()
    assert bib.startswith("@") and " and " in bib


@pytest.mark.parametrize("layout", LAYOUTS)
def test_kg_reads_back_every_generated_record(corpus, layout):
    folder, manifest = corpus
    files = {rel: f for rel, f in manifest["files"].items() if f["layout"] == layout}
    assert files
    for rel, expected in files.items():
        got = extract_file(folder / rel)
        assert got.layout == layout, (rel, [str(p) for p in got.extraction.problems])
        assert len(got.extraction.records) == expected["records"], rel
        errors = [str(p) for p in got.extraction.problems if p.severity == "error"]
        assert not errors, errors


def test_profile_headers_are_read_back(corpus):
    folder, manifest = corpus
    pages = [rel for rel, f in manifest["files"].items() if f["layout"] == "profile_page"]
    profiles = sum(len(extract_file(folder / rel).extraction.profiles) for rel in pages)
    assert profiles == manifest["profiles"]


def test_peak_memory_sees_a_short_allocation():
    run = _load("run")
    with run.PeakMemory(interval=0.001) as memory:
        block = bytearray(64 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])  # touch every page so it is resident
        del block
    assert memory.peak - memory.start_rss >= 48 * 1024 * 1024


@pytest.mark.slow  # the harness and a kg build in child processes
def test_harness_runs_end_to_end_and_writes_json(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--papers",
            "200",  # every stage runs, every figure is there (1000 took twice as long)
            "--skip-reference",
            "--corpus",
            str(tmp_path / "corpus"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "stage" in done.stdout and "peak MiB" in done.stdout
    assert "targets (2 cores, 24 GiB)" in done.stdout
    result = json.loads(out.read_text())
    stages = {s["name"]: s for s in result["stages"]}
    assert stages["generate corpus"]["status"] == "ok"
    assert stages["extract"]["status"] == "ok"
    assert stages["extract"]["figures"]["records"] == result["manifest"]["records"]
    assert stages["extract"]["seconds"] > 0 and stages["extract"]["peak_mib"] > 0
    assert "kg build (CLI)" in stages
    assert not any(s["name"].startswith(("rdflib", "networkx", "pyoxigraph")) for s in result["stages"])
