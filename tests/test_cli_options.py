"""Every user mistake on the command line: one line on stderr, exit 2, no traceback, and no work
done (nothing read, nothing written). Plus: the options' defaults are the dataclasses' defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.defaults import BASE_IRI, SEED, SIZE_BY
from kg.options import BuildCommand, HtmlCommand, OptionError, check_out_dir

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


def mistake(*args: str) -> str:
    """Run ``kg ARGS``, expect a user mistake; return its one line."""
    run = CliRunner().invoke(main, list(args))
    assert run.exit_code == 2, run.output
    assert "Traceback" not in run.output
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def a_graph_and_a_turtle_file(tmp_path):
    run = CliRunner().invoke(
        main,
        ["build", SEEDS, "-o", str(tmp_path), "--no-analyses", "--only", "graph-json", "--only", "turtle"],
    )
    assert run.exit_code == 0, run.output
    return tmp_path / "graph.json", tmp_path / "kg.ttl"


@pytest.mark.parametrize("command", ["build", "html"])
def test_size_by_must_be_a_known_measure(tmp_path, command):
    line = mistake(command, SEEDS, "-o", str(tmp_path / "out"), "--size-by", "shoe_size")
    assert "--size-by" in line and "'shoe_size'" in line and "pagerank" in line
    assert not (tmp_path / "out").exists()


def test_build_out_must_not_be_a_file(tmp_path):
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    line = mistake("build", SEEDS, "-o", str(tmp_path / "taken"))
    assert "-o/--out" in line and "is a file, not a folder" in line
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine"


def test_build_out_below_a_file_cannot_be_made(tmp_path):
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    line = mistake("build", SEEDS, "-o", str(tmp_path / "taken" / "exports"))
    assert "cannot write" in line and "is a file" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_build_out_must_be_writable(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        line = mistake("build", SEEDS, "-o", str(locked / "exports"))
    finally:
        locked.chmod(0o700)
    assert "cannot write in" in line and not (locked / "exports").exists()


def test_a_folder_no_one_may_write_in_is_refused_whoever_runs_kg():
    """/proc refuses new files even to root: the probe write, not the permission bits, decides."""
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    with pytest.raises(OptionError, match="cannot write in /proc/self"):
        check_out_dir(Path("/proc/self"))


def test_html_out_must_not_be_a_folder(tmp_path):
    line = mistake("html", SEEDS, "-o", str(tmp_path))
    assert "is a folder" in line


def test_html_graph_must_be_a_graph_file(a_graph_and_a_turtle_file, tmp_path):
    _, turtle = a_graph_and_a_turtle_file
    line = mistake("html", "--graph", str(turtle), "-o", str(tmp_path / "page.html"))
    assert "not a graph file" in line and "kg query" in line
    assert "is a folder" in mistake("html", "--graph", str(tmp_path))
    assert "does not exist" in mistake("html", "--graph", str(tmp_path / "none.json"))
    assert not (tmp_path / "page.html").exists()


def test_explain_graph_must_be_a_graph_file(a_graph_and_a_turtle_file):
    _, turtle = a_graph_and_a_turtle_file
    assert "not a graph file" in mistake("explain", "author", "Jung-Woo Ha", "--graph", str(turtle))


def test_explain_reads_a_graph_file_through_the_readers(a_graph_and_a_turtle_file):
    graph, _ = a_graph_and_a_turtle_file
    run = CliRunner().invoke(main, ["explain", "author", "Jung-Woo Ha", "--graph", str(graph)])
    assert run.exit_code == 0, run.output
    assert "Jung-Woo Ha" in run.output


def test_html_paths_and_graph_exclude_each_other(a_graph_and_a_turtle_file):
    graph, _ = a_graph_and_a_turtle_file
    assert "not both" in mistake("html", SEEDS, "--graph", str(graph))


def test_click_usage_errors_are_one_line_too(tmp_path):
    assert "--workers" in mistake("build", SEEDS, "--workers", "0")
    assert "--nope" in mistake("build", "--nope")
    assert "frobnicate" in mistake("frobnicate")
    assert "--as-of" in mistake("stats", SEEDS, "--as-of", "yesterday")
    assert "unknown export pdf" in mistake("build", "--only", "pdf", "-o", str(tmp_path / "x"))


def test_the_options_show_the_dataclasses_defaults():
    """One definition per default: the click options read the dataclasses, which read kg.defaults."""
    build = {p.name: p.default for p in main.commands["build"].params}
    html = {p.name: p.default for p in main.commands["html"].params}
    assert (build["seed"], build["size_by"], build["base_iri"]) == (SEED, SIZE_BY, BASE_IRI)
    assert build["out_dir"] == BuildCommand.out_dir
    assert (html["seed"], html["size_by"]) == (HtmlCommand.seed, HtmlCommand.size_by) == (SEED, SIZE_BY)
    from kg.export import ExportOptions

    assert (ExportOptions().seed, ExportOptions().size_by, ExportOptions().base_iri) == (
        SEED,
        SIZE_BY,
        BASE_IRI,
    )
