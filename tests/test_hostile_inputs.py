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
    assert "4301 digits" in message and "int_digits" in message


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
    ("text", "number"), [("12", 12), (" 007 ", 7), ("12a", None), ("²", None), ("", None), (HUGE, None)]
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
