"""Inputs that fuzzing found hostile: each is read within limits, or skipped with a Problem for
its file alone; the rest of the build goes on (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.extract.openalex
from kg.cli import main
from kg.extract import extract_file
from kg.extract.checks import clean_characters
from kg.model import AuthorRef, ExtractOptions, Limits, PaperRecord, Source
from kg.normalize.text import bounded_int, clean_text, printable

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HUGE = "1" + "0" * 4300  # one digit more than Python converts


def _openalex(tmp_path: Path, body: str, name: str = "a.json") -> Path:
    path = tmp_path / name
    path.write_text('{"title":"t","authorships":[],' + body + "}\n", encoding="utf-8")
    return path


def _only_error(path: Path, **kwargs) -> str:
    result = extract_file(path, **kwargs)
    errors = [p for p in result.extraction.problems if p.severity == "error"]
    assert not result.extraction.records and errors
    assert all(p.file == result.file for p in errors)
    return errors[0].message


# ------------------------------------------------------------------ integers and nesting


def test_an_integer_of_4301_digits_in_openalex_json_is_a_problem_naming_the_limit(tmp_path):
    message = _only_error(_openalex(tmp_path, '"n":' + HUGE))
    assert "limit of 4300" in message and "int_digits" in message


def test_the_integer_limit_is_an_option(tmp_path):
    path = _openalex(tmp_path, '"id":"https://openalex.org/W1","cited_by_count":123456')
    assert extract_file(path).extraction.records[0].cited_by_count == 123456
    message = _only_error(path, options=ExtractOptions(limits=Limits(int_digits=5)))
    assert "6 digits" in message and "limit of 5" in message


def test_json_nested_a_thousand_deep_is_a_problem(tmp_path):
    message = _only_error(_openalex(tmp_path, '"n":' + "[" * 1000 + "]" * 1000))
    assert "nested deeper" in message


def test_in_json_lines_a_hostile_line_costs_only_itself(tmp_path):
    good = '{"id":"https://openalex.org/W%d","title":"Paper %d","authorships":[]}'
    lines = [good % (1, 1), '{"title":"x","n":' + HUGE + "}", '{"a":' + "[" * 1000 + "]" * 1000 + "}"]
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join([*lines, good % (4, 4)]) + "\n", encoding="utf-8")
    result = extract_file(path, layout="openalex")
    assert [r.title for r in result.extraction.records] == ["Paper 1", "Paper 4"]
    assert [r.source.line for r in result.extraction.records] == [1, 4]
    errors = [(p.line, p.message) for p in result.extraction.problems if p.severity == "error"]
    assert [line for line, _ in errors] == [2, 3]
    assert "digits" in errors[0][1] and "nested" in errors[1][1]


def test_a_bibtex_month_or_day_of_4301_digits_is_not_a_date(tmp_path):
    path = tmp_path / "a.bib"
    path.write_text(
        "@article{k1, title={One}, author={Ada Lovelace}, year={2020}, month={" + HUGE + "}}\n"
        "@article{k2, title={Two}, author={Ada Lovelace}, year={2020}, month={5}, day={" + HUGE + "}}\n",
        encoding="utf-8",
    )
    records = extract_file(path).extraction.records
    assert [(r.title, r.date) for r in records] == [("One", "2020"), ("Two", "2020-05")]


def test_a_profile_figure_of_4301_digits_is_left_unknown(tmp_path):
    seed = (SEEDS / "003_87569abedee599f0.txt").read_text(encoding="utf-8")
    lines = seed.split("\n")
    figure = next(i for i, line in enumerate(lines) if line.strip().lower().endswith("citations"))
    lines[figure] = HUGE + " citations"
    path = tmp_path / "profile.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = extract_file(path)
    assert result.layout == "profile_page" and result.extraction.records
    assert [p.citations for p in result.extraction.profiles] == [None]


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), (" 007 ", 7), ("12a", None), ("²", None), ("", None), (HUGE, None), ("0" * 5000 + "1", 1)],
)
def test_bounded_int(text, number):
    assert bounded_int(text) == number


# ------------------------------------------------------------------ one file's failure is its own


def test_an_exception_inside_an_extractor_skips_that_file_with_a_problem(tmp_path, monkeypatch):
    def explode(text, file, options):
        raise KeyError("boom \x1b[2J")

    monkeypatch.setattr(kg.extract.openalex, "extract", explode)
    path = _openalex(tmp_path, '"id":"https://openalex.org/W1"')
    result = extract_file(path)
    (problem,) = result.extraction.problems
    assert (problem.file, problem.severity) == (str(path), "error")
    assert "KeyError" in problem.message and "boom" in problem.message
    assert "\x1b" not in problem.message and "\\x1b" in problem.message


@pytest.mark.slow
def test_kg_build_writes_the_seeds_exports_with_one_problem_for_the_hostile_file(tmp_path):
    hostile = _openalex(tmp_path, '"n":' + HUGE)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), str(hostile), "-o", str(out), "--no-progress"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    problems = [line for line in result.stderr.splitlines() if "a.json" in line and ": error:" in line]
    assert len(problems) == 2  # the integer, then "no records found"
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sum(1 for n in graph["nodes"] if n["type"] == "Paper") == 120
    assert "skipped" in result.stdout


# ------------------------------------------------------------------ control characters, surrogates


def test_a_lone_surrogate_from_a_json_escape_never_reaches_a_writer(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        '{"id":"https://openalex.org/W1","title":"Bad \\ud800 title",'
        '"authorships":[{"author":{"display_name":"Ada \\udfff Lovelace"}}]}\n',
        encoding="utf-8",
    )
    result = extract_file(path)
    (record,) = result.extraction.records
    assert record.title == "Bad \ufffd title" and record.authors[0].name == "Ada \ufffd Lovelace"
    json.dumps(record.as_dict(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8
    (warning,) = result.extraction.problems
    assert warning.severity == "warning" and warning.line == 1 and "2 control" in warning.message


@pytest.mark.slow
def test_kg_build_writes_graph_json_from_a_file_with_surrogates_and_controls(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        '{"id":"https://openalex.org/W1","title":"T\\ud800 \\u001b[31m \\u0000 \\u009b",'
        '"authorships":[{"author":{"display_name":"Ada Lovelace"}}]}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    text = (out / "graph.json").read_text(encoding="utf-8")
    titles = [n["title"] for n in json.loads(text)["nodes"] if n["type"] == "Paper"]
    assert titles == ["T\ufffd \ufffd[31m \ufffd \ufffd"]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert not any(ord(c) < 32 and c not in "\t\n" for c in report)


def test_clean_characters_keeps_tab_and_newline_and_counts_each_replacement():
    record = PaperRecord(
        Source("a.txt", 3, "bibtex"),
        title="A\tB\nC\x00D\x07E\x0cF\x85G",
        authors=(AuthorRef("Ada\x1bLovelace", affiliations=("Org\ud800",)),),
    )
    cleaned, findings = clean_characters(record)
    assert cleaned.title == "A\tB\nC\ufffdD\ufffdE F G"
    assert cleaned.authors[0].name == "Ada\ufffdLovelace"
    assert cleaned.authors[0].affiliations == ("Org\ufffd",)
    assert len(findings) == 1 and findings[0][0] == "warning" and findings[0][1].startswith("6 ")
    same, none = clean_characters(cleaned)
    assert same is cleaned and none == []


def test_clean_text_leaves_ordinary_text_as_it_is():
    text = "Zoltán Fülöp — 深度学习\tx\ny"
    assert clean_text(text) == (text, 0)


def test_printable_escapes_what_would_drive_a_terminal():
    assert printable("a\x1b]0;title\x07b\x9bc\u202ed\ud800") == "a\\x1b]0;title\\x07b\\x9bc\\u202ed\\ud800"
    assert printable("Zoltán\tFülöp\n深度") == "Zoltán\tFülöp\n深度"


# ------------------------------------------------------------------ limits as options


@pytest.mark.parametrize("value", ["depth=x", "depth=0", "nope=3", "depth"])
def test_a_malformed_limit_is_one_line_and_exit_2(tmp_path, value):
    path = _openalex(tmp_path, '"id":"https://openalex.org/W1"')
    result = CliRunner().invoke(main, ["extract", str(path), "--limit", value])
    assert result.exit_code == 2 and result.stderr.startswith("error: --limit:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_over_the_size_limit_is_refused_with_a_problem(tmp_path):
    path = _openalex(tmp_path, '"id":"https://openalex.org/W1"')
    message = _only_error(path, options=ExtractOptions(limits=Limits(file_bytes=20)))
    assert "more than the limit of 20" in message and "file_bytes" in message


def test_a_line_over_the_length_limit_is_refused_with_a_problem(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Abstract:short\nAbstract:" + "word " * 100 + "\n", encoding="utf-8")
    assert extract_file(path).extraction.records
    message = _only_error(path, options=ExtractOptions(limits=Limits(line_bytes=100)))
    assert "line 2 is longer than the limit of 100 bytes" in message


# ------------------------------------------------------------------ binary files and NUL bytes


def test_a_known_binary_signature_is_refused_by_name(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"Abstract:looks like text\n" * 10)
    assert "PDF document" in _only_error(path)


def test_a_small_text_then_megabytes_of_nul_is_refused_as_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Abstract:a study of things\n" * 400 + bytes(10 * 1024 * 1024))
    assert "control bytes" in _only_error(path)


def test_nul_bytes_in_a_text_are_dropped_and_reported_once_with_their_count(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Abstract:one\nAbstract:t\x00w\x00o\n\x00\nAbstract:three\n")
    result = extract_file(path)
    assert [r.abstract for r in result.extraction.records] == ["one", "two", "three"]
    assert [r.source.line for r in result.extraction.records] == [1, 2, 4]
    (problem,) = result.extraction.problems
    assert (problem.line, problem.severity) == (2, "warning") and "3 NUL byte(s)" in problem.message


_MEASURE_READ = """
import sys, tracemalloc
from kg.extract.reading import read_input
tracemalloc.start()
decoded = read_input(sys.argv[1])
print(tracemalloc.get_traced_memory()[1], len(decoded.text), decoded.warnings[0][1])
"""


@pytest.mark.slow
def test_ten_megabytes_of_nul_after_the_text_cost_no_memory(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "a.txt"
    text = b"Abstract:a study of things\n" * 4000  # 108 KB: the first 64 KiB are text
    path.write_bytes(text + bytes(10 * 1024 * 1024) + b"Abstract:the end\n")
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE_READ, str(path)], capture_output=True, text=True, check=True
    )
    peak, length, warning = done.stdout.split(maxsplit=2)
    assert int(length) == len(text) + len(b"Abstract:the end\n")
    assert "10,485,760 NUL byte(s)" in warning
    assert int(peak) < 4 * 1024 * 1024  # chunks of 1 MiB, never the 10 MiB of NULs


# ------------------------------------------------------------------ regular files only


def _fifo(folder: Path) -> Path:
    import os

    fifo = folder / "pipe"
    os.mkfifo(fifo)
    return fifo


@pytest.mark.parametrize("command", ["extract", "build", "stats"])
def test_a_fifo_or_device_argument_is_one_line_and_exit_2(tmp_path, command):
    for special in (_fifo(tmp_path) if command == "extract" else Path("/dev/zero"), Path("/dev/null")):
        args = [command, str(special)] + (["-o", str(tmp_path / "out")] if command == "build" else [])
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: PATHS:") and len(result.stderr.strip().splitlines()) == 1
        assert "FIFO" in result.stderr or "device" in result.stderr


def test_in_a_folder_fifos_devices_and_broken_links_are_skipped_each_with_a_problem(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Abstract:one\n", encoding="utf-8")
    _fifo(folder)
    (folder / "dangling").symlink_to(folder / "nowhere")
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "zero").symlink_to("/dev/zero")
    from kg.extract import extract_paths

    files = {f.file: f for f in extract_paths([folder])}
    assert len(files["in/a.txt"].extraction.records) == 1
    expected = {"in/pipe": "FIFO", "in/dangling": "dangling", "in/loop": "loops", "in/zero": "device"}
    for name, word in expected.items():
        (problem,) = files[name].extraction.problems
        assert problem.severity == "error" and word in problem.message and "skipped" in problem.message


# ------------------------------------------------------------------ XML


def test_an_xml_declaration_of_an_undefined_encoding_is_a_problem(tmp_path):
    path = tmp_path / "a.xml"
    path.write_text('<?xml version="1.0" encoding="undefined"?>\n<dblp></dblp>\n', encoding="utf-8")
    assert "not a text encoding" in _only_error(path)
    assert "unknown encoding" in _only_error(path, options=ExtractOptions(encoding="undefined"))


def test_the_dblp_entity_pass_leaves_cdata_as_written(tmp_path):
    path = tmp_path / "a.xml"
    path.write_text(
        "<dblp><article key='k'><title><![CDATA[Fish &ouml; & <chips>]]> and G&ouml;del.</title>"
        "<author>Ada Lovelace</author><year>2020</year></article></dblp>\n",
        encoding="utf-8",
    )
    (record,) = extract_file(path).extraction.records
    assert record.title == "Fish &ouml; & <chips> and Gödel"


def test_xml_nested_beyond_the_depth_limit_keeps_the_records_before_it(tmp_path):
    path = tmp_path / "a.xml"
    article = "<article key='k{}'><title>T{}</title><author>Ada Lovelace</author></article>"
    path.write_text(
        "<dblp>" + article.format(1, 1) + "\n" + "<x>" * 300 + "\n" + article.format(2, 2), encoding="utf-8"
    )
    result = extract_file(path)
    assert [r.title for r in result.extraction.records] == ["T1"]
    (error,) = [p for p in result.extraction.problems if p.severity == "error"]
    assert error.line == 2 and "nested more than 200" in error.message


def test_xml_elements_beyond_the_count_limit_stop_the_reading(tmp_path):
    path = tmp_path / "a.xml"
    article = "<article key='k{0}'><title>T{0}</title><author>Ada Lovelace</author></article>\n"
    path.write_text(
        "<dblp>\n" + "".join(article.format(i) for i in range(10)) + "</dblp>\n", encoding="utf-8"
    )
    result = extract_file(path, options=ExtractOptions(limits=Limits(xml_elements=10)))
    assert [r.title for r in result.extraction.records] == ["T0", "T1", "T2"]
    assert any("more than 10 elements" in p.message for p in result.extraction.problems)


# ------------------------------------------------------------------ JSON Lines split on \n only


@pytest.mark.parametrize("layout", ["openalex", "crossref"])
def test_json_lines_keep_unicode_line_separators_inside_records(tmp_path, layout):
    titles = ["One\u2028line", "Two\u2029para", "Three\u0085next", "Four\x0cpage"]
    if layout == "openalex":
        rows = [
            {"id": f"https://openalex.org/W{i}", "title": t, "authorships": []} for i, t in enumerate(titles)
        ]
    else:
        rows = [
            {"DOI": f"10.1000/{i}", "title": [t], "type": "journal-article"} for i, t in enumerate(titles)
        ]
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    records = extract_file(path, layout=layout).extraction.records
    assert [r.source.line for r in records] == [1, 2, 3, 4]
    assert [r.title for r in records] == ["One line", "Two para", "Three next", "Four page"]  # folded


# ------------------------------------------------------------------ provenance


@pytest.mark.slow
def test_a_folder_given_relative_or_absolute_gives_byte_identical_exports(tmp_path):
    import os

    here = os.getcwd()
    outs = []
    try:
        os.chdir(SEEDS.parent)
        for i, seeds in enumerate(["seeds/", str(SEEDS) + "/", "./seeds"]):
            out = tmp_path / f"out{i}"
            args = ["build", seeds, "-o", str(out), "--no-progress", "--only", "graph-json"]
            result = CliRunner().invoke(main, [*args, "--only", "turtle", "--only", "report"])
            assert result.exit_code == 0, result.output
            outs.append(out)
    finally:
        os.chdir(here)
    for name in ("graph.json", "kg.ttl", "report.md"):
        first = (outs[0] / name).read_bytes()
        assert all((out / name).read_bytes() == first for out in outs[1:]), name
        assert str(SEEDS.parent).encode() not in first


# ------------------------------------------------------------------ terminal output


@pytest.mark.slow
def test_kg_explain_escapes_control_characters_of_a_hostile_graph_file(tmp_path):
    out = tmp_path / "out"
    built = CliRunner().invoke(
        main, ["build", str(SEEDS), "-o", str(out), "--only", "graph-json", "--no-analyses"]
    )
    assert built.exit_code == 0, built.output
    graph_file = out / "graph.json"
    graph = json.loads(graph_file.read_text(encoding="utf-8"))
    author = next(n for n in graph["nodes"] if n["type"] == "Author")
    author["name_variants"] = [*author["name_variants"], "Evil\x1b]0;pwned\x07\x1b[2J"]
    graph_file.write_text(json.dumps(graph), encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", "author", author["name"], "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert "Evil\\x1b]0;pwned\\x07\\x1b[2J" in result.stdout
    assert not any(c in result.stdout for c in "\x1b\x07")


def test_a_file_name_with_control_characters_is_cleaned_in_the_table(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x1b[2Jb.txt").write_text("Abstract:one\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(folder), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "a\ufffd[2Jb.txt:1" in result.stdout and "\x1b" not in result.stdout + result.stderr
