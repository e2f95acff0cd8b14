"""`kg build`, the main job: which exports it writes, its summary, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import EXPORTERS, default_exports

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EVERYDAY = {"graph.json", "coauthors.json", "kg.ttl", "coauthors.html", "kg.html", "centrality.csv",
            "report.md"}
ON_REQUEST = {"graph.graphml", "coauthors.graphml", "coauthors.gexf", "kg.nt", "kg.jsonld"}


def run_build(*args: str):
    return CliRunner().invoke(main, ["build", *args, "--no-progress"])


def written_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.endswith(".png")}


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    return out, run_build(str(SEEDS), "-o", str(out))


def test_the_default_build_writes_the_everyday_exports(default_build):
    out, run = default_build
    assert run.exit_code == 0, run.output
    assert written_files(out) == EVERYDAY
    assert {EXPORTERS[name].filename for name in default_exports()} == EVERYDAY
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sum(1 for n in graph["nodes"] if n["type"] == "Paper") == 120


def test_the_summary_counts_the_build_and_names_what_was_left_out(default_build):
    out, run = default_build
    assert "120 papers" in run.output
    assert f"wrote {len(EVERYDAY)} files to {out}/" in run.output
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


@pytest.mark.parametrize("args, message", [
    (["--only", "pdf"], "unknown export pdf"),
    (["--only", "turtle", "--all"], "--only and --all exclude each other"),
    (["--base-iri", "not an iri"], "--base-iri"),
])
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
