"""`kg build`, the main job: which exports it writes, its summary, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import EXPORTERS, default_exports

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EVERYDAY = {
    "graph.json",
    "coauthors.json",
    "kg.ttl",
    "coauthors.html",
    "kg.html",
    "centrality.csv",
    "report.md",
}
ON_REQUEST = {"graph.graphml", "coauthors.graphml", "coauthors.gexf", "kg.nt", "kg.jsonld"}


def run_build(*args: str):
    return CliRunner().invoke(main, ["build", *args, "--no-progress"])


def written_files(folder: Path) -> set[str]:
    """The exports in ``folder``: not the charts, the manifest or kg's hidden lock file."""
    return {
        p.name
        for p in folder.iterdir()
        if not p.name.endswith(".png") and p.name != "manifest.json" and not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    return out, run_build(str(SEEDS), "-o", str(out))


def test_the_default_build_writes_the_everyday_exports(default_build):
    out, run = default_build
    assert run.exit_code == 0, run.output
    assert written_files(out) == EVERYDAY
    # citations.json is a default too, written when the sources give references (not the seeds)
    assert {EXPORTERS[name].filename for name in default_exports()} == EVERYDAY | {"citations.json"}
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sum(1 for n in graph["nodes"] if n["type"] == "Paper") == 120


def test_the_summary_counts_the_build_and_names_what_was_left_out(default_build):
    out, run = default_build
    assert "120 papers" in run.output
    # every file counted, the report's charts too: what the folder holds
    on_disk = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(on_disk) == len(EVERYDAY) + 3  # the two charts and the manifest
    wrote = next(line for line in run.output.splitlines() if line.startswith("  wrote "))
    assert wrote.startswith(f"  wrote {len(on_disk)} files to {out}/: ")
    assert sorted(wrote.split(": ", 1)[1].split(", ")) == on_disk
    note = next(line for line in run.output.splitlines() if "on request" in line)
    assert all(name in note for name in ON_REQUEST) and "--all" in note


def test_all_writes_every_format(tmp_path):
    run = run_build(str(SEEDS), "-o", str(tmp_path), "--all", "--no-analyses")
    assert run.exit_code == 0, run.output
    assert written_files(tmp_path) == EVERYDAY | ON_REQUEST
    assert "on request" not in run.output


def test_only_writes_just_the_named_exports(tmp_path):
    run = run_build(str(SEEDS), "-o", str(tmp_path), "--only", "ntriples", "--only", "gexf", "--no-analyses")
    assert run.exit_code == 0, run.output
    assert written_files(tmp_path) == {"kg.nt", "coauthors.gexf"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--only", "pdf"], "unknown export pdf"),
        (["--only", "turtle", "--all"], "--only and --all exclude each other"),
        (["--base-iri", "not an iri"], "--base-iri"),
    ],
)
def test_bad_options_are_refused_before_any_work(tmp_path, args, message):
    run = run_build(str(SEEDS), "-o", str(tmp_path / "out"), *args)
    assert run.exit_code == 2
    assert message in run.output
    assert not (tmp_path / "out").exists()


def test_inputs_without_papers_give_one_clear_error_and_no_files(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    for target in (empty, tmp_path / "missing"):
        run = CliRunner().invoke(main, ["build", str(target), "-o", str(tmp_path / "out"), "--no-progress"])
        assert run.exit_code == 1
        assert "no paper could be read from the inputs" in run.output
        assert "Traceback" not in run.output
    assert not (tmp_path / "out").exists()


def console_script(*args: str) -> subprocess.CompletedProcess:
    """``kg`` as users run it (kg.cli.run, which ends a build without freeing the graph)."""
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import run; run()", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow  # three console-script processes
def test_the_console_script_flushes_everything_and_keeps_exit_codes(tmp_path):
    done = console_script("build", str(SEEDS), "-o", str(tmp_path / "out"), "--only", "report")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("summary:\n") and done.stdout.rstrip().endswith(
        "report.md, report-topics-by-year.png, report-community-sizes.png, manifest.json"
    )  # the last summary line reached the pipe
    assert (tmp_path / "out" / "report.md").is_file()
    failed = console_script("build", str(tmp_path / "missing"), "-o", str(tmp_path / "x"))
    assert failed.returncode == 1 and "no paper could be read" in failed.stderr + failed.stdout
    assert console_script("build", "--only", "pdf").returncode == 2


def test_a_summary_of_many_files_has_a_line_per_layout(tmp_path):
    """Above 20 inputs the summary counts files per layout; an unread file is still named."""
    folder = tmp_path / "many"
    folder.mkdir()
    abstracts = (SEEDS / "001_b138c08ec3bbee03.txt").read_bytes()  # 10 records
    for i in range(21):
        (folder / f"abstracts-{i:02}.txt").write_bytes(abstracts)
    (folder / "noise.bin").write_bytes(b"\x00\x01" * 40)
    run = run_build(str(folder), "-o", str(tmp_path / "out"), "--only", "report", "--no-analyses")
    assert run.exit_code == 0, run.output
    assert "  read 22 files:" in run.output
    assert "    abstract_lines: 21 files, 210 records, 0 problems" in run.output
    assert "    unread: many/noise.bin (1 problems)" in run.output
    assert "  read many/abstracts-00.txt" not in run.output
