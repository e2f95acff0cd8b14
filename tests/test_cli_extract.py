"""`kg extract`: JSON lines of contract 1 on stdout, problems and a summary on stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEED_FILES, SEEDS

from kg.cli import main
from kg.extract import EXTRACTORS, detect, extractor
from kg.extract.reading import read_text
from kg.model import CONTRACT_KEYS

SEED_COUNTS = {"000": 50, "001": 10, "002": 6, "003": 46, "004": 9}
SEED_LAYOUTS = {
    "000": "profile_list",
    "001": "abstract_lines",
    "002": "abstract_lines",
    "003": "profile_page",
    "004": "arxiv_digest",
}
MINE = [
    SEEDS / "001_b138c08ec3bbee03.txt",
    SEEDS / "002_1d9aa526be2d4ad4.txt",
    SEEDS / "004_19cb0c8271dea555.txt",
]


def _run(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)], catch_exceptions=False)


def _records(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_jsonl_has_exactly_the_contract_keys(tmp_path):
    result = _run(*MINE, "--format", "jsonl")
    assert result.exit_code == 0
    records = _records(result.stdout)
    assert len(records) == 10 + 6 + 9
    assert all(list(r) == list(CONTRACT_KEYS) for r in records)
    assert [r["source"]["layout"] for r in records] == ["abstract_lines"] * 16 + ["arxiv_digest"] * 9
    assert records[-9]["title"].startswith("ItemSage")
    # non-ASCII printed as is, not as \\u escapes
    assert "Université de Montréal" in result.stdout and "BARS:推荐系统开放基准研究" in result.stdout


def test_all_seeds_give_121_records_with_exactly_the_contract_keys():
    result = _run(*SEED_FILES, "--format", "jsonl")
    assert result.exit_code == 0
    records = _records(result.stdout)
    assert all(list(r) == list(CONTRACT_KEYS) for r in records)
    per_seed = {
        key: [r for r in records if Path(r["source"]["file"]).name.startswith(key)] for key in SEED_COUNTS
    }
    assert {key: len(rs) for key, rs in per_seed.items()} == SEED_COUNTS
    assert len(records) == 121
    for key, rs in per_seed.items():
        assert {r["source"]["layout"] for r in rs} == {SEED_LAYOUTS[key]}


def test_seed_folder_as_path():
    result = _run(SEEDS)
    assert result.exit_code == 0
    assert len(_records(result.stdout)) == 121
    assert "total: 121 records from 5 files" in result.stderr


def test_folder_path_reads_the_files_inside_in_name_order(tmp_path):
    for seed in MINE:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / ".hidden.txt").write_text("Abstract:should not be read\n", encoding="utf-8")
    result = _run(tmp_path)
    assert result.exit_code == 0
    files = [Path(r["source"]["file"]).name for r in _records(result.stdout)]
    assert files == [p.name for p in MINE for _ in range({"001": 10, "002": 6, "004": 9}[p.name[:3]])]
    assert ".hidden" not in result.stderr


def test_problems_go_to_stderr_with_file_and_line():
    mixed = DATA / "abstract_lines" / "mixed.txt"
    result = _run(mixed)
    assert result.exit_code == 0
    assert len(_records(result.stdout)) == 3
    assert "mixed.txt:3: error: empty 'Abstract:' line" in result.stderr
    assert "mixed.txt:4: warning: not an 'Abstract:' line" in result.stderr
    assert "warning" not in result.stdout and "error" not in result.stdout


def test_closing_summary_per_file_and_layout():
    mixed = DATA / "abstract_lines" / "mixed.txt"
    result = _run(*MINE, mixed)
    summary = result.stderr.split("summary:", 1)[1].splitlines()
    rows = {line.split()[0]: line.split() for line in summary if line.strip().endswith(")")}
    assert rows[MINE[0].name][1:3] == ["abstract_lines", "10"]  # absolute paths: named by their names
    assert rows[MINE[2].name][1:3] == ["arxiv_digest", "9"]
    assert rows[mixed.name][1:5] == ["abstract_lines", "3", "records", "2"]
    assert "total: 28 records from 4 files, 2 problems" in result.stderr


def test_table_is_readable():
    result = _run(*MINE, "--format", "table")
    assert result.exit_code == 0
    lines = result.stdout.rstrip("\n").split("\n")
    assert lines[0].split() == ["where", "layout", "cat", "date", "title", "authors"]
    assert len(lines) == 1 + 25
    assert lines[1].startswith("001_b138c08ec3bbee03.txt:1 ")
    assert "[untitled] Personalized news recommendation" in lines[1]
    digest = next(line for line in lines if line.startswith("004_19cb0c8271dea555.txt:9 "))
    assert "arxiv_digest" in digest and " IR " in digest and "ItemSage" in digest
    assert "P Baltescu, H Chen, N Pancha et al." in digest
    assert not result.stdout.lstrip().startswith("{")


def test_layout_option_overrides_detection():
    notes = DATA / "reading" / "notes_with_abstracts.txt"
    detected = _run(notes)
    assert detected.exit_code == 1 and "no known layout" in detected.stderr
    forced = _run(notes, "--layout", "abstract_lines")
    assert forced.exit_code == 0
    assert [r["source"]["line"] for r in _records(forced.stdout)] == [2, 4]
    assert forced.stderr.count("not an 'Abstract:' line") == 3


def test_unknown_or_unreadable_files_fail_only_when_nothing_is_read(tmp_path):
    missing = tmp_path / "missing.txt"
    alone = _run(missing)
    assert alone.exit_code != 0 and "missing.txt: error: no such file" in alone.stderr
    assert alone.stdout == ""
    bad = [
        missing,
        DATA / "reading" / "empty.txt",
        DATA / "reading" / "tiny.png",
        DATA / "reading" / "unknown_layout.txt",
    ]
    assert _run(*bad).exit_code != 0
    mixed_run = _run(*bad, MINE[2])
    assert mixed_run.exit_code == 0
    assert len(_records(mixed_run.stdout)) == 9
    assert "binary file" in mixed_run.stderr and "empty file" in mixed_run.stderr
    assert "known layouts: " + ", ".join(EXTRACTORS) in mixed_run.stderr


def test_gb18030_digest_detected_and_with_encoding_option(tmp_path):
    gb = tmp_path / "digest.txt"
    gb.write_bytes(MINE[2].read_text(encoding="utf-8").encode("gb18030"))
    expected = [dict(r, source=dict(r["source"], file="-")) for r in _records(_run(MINE[2]).stdout)]
    for args in ((gb,), (gb, "--encoding", "gb18030")):
        result = _run(*args)
        assert result.exit_code == 0
        got = [dict(r, source=dict(r["source"], file="-")) for r in _records(result.stdout)]
        assert got == expected and len(got) == 9


def test_console_script_in_a_real_process():
    kg = Path(sys.executable).with_name("kg")
    if not kg.exists():
        kg = Path(shutil.which("kg") or "kg")
    done = subprocess.run(
        [
            str(kg),
            "extract",
            "seeds/001_b138c08ec3bbee03.txt",
            "seeds/004_19cb0c8271dea555.txt",
            "--format",
            "jsonl",
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(records) == 19 and all(list(r) == list(CONTRACT_KEYS) for r in records)
    assert records[10]["source"] == {
        "file": "seeds/004_19cb0c8271dea555.txt",
        "line": 9,
        "layout": "arxiv_digest",
    }
    assert "summary:" in done.stderr.decode("utf-8")


@pytest.mark.parametrize("layout", ["arxiv_atom", "bibtex", "dblp", "openalex"])
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_the_importers_detect_nothing_in_the_seed_layouts(layout, seed):
    text, _ = read_text(seed)
    assert extractor(layout).detect(text) == 0.0


def test_a_layout_whose_module_cannot_be_imported_fails_detection_loudly(monkeypatch):
    """A missing module (or a dependency it imports) must not silently drop a layout."""
    monkeypatch.setitem(EXTRACTORS, "ghost", "kg.extract.no_such_layout_module")
    with pytest.raises(ModuleNotFoundError, match="no_such_layout_module"):
        detect(SEED_FILES[0].read_text(encoding="utf-8"))
