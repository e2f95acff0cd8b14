"""`kg build` over a folder that mixes the seeds with PubMed, Crossref, Semantic Scholar,
OpenAlex and Weibo files: every file read with its layout, records counted per layout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, SEED_FILES

from kg.cli import main

MIXED = [*SEED_FILES, *sorted((DATA / "apis").iterdir()), *sorted((DATA / "weibo").iterdir())]


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    for path in MIXED:
        shutil.copy(path, folder / path.name)
    out = tmp_path_factory.mktemp("out")
    run = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--no-progress", "--no-analyses"])
    return folder, out, run


def test_every_file_is_read_and_counted_per_layout(mixed_build):
    folder, _, run = mixed_build
    assert run.exit_code == 0, run.output
    assert "unread" not in run.output
    assert "  by layout:" in run.output
    for line in [
        "    pubmed: 2 files, 5 records, 3 problems",
        "    crossref: 4 files, 6 records, 6 problems",
        "    semantic_scholar: 3 files, 5 records, 5 problems",
        "    weibo: 2 files, 7 records, 4 problems",
        "    arxiv_digest: 1 files, 9 records, 0 problems",
    ]:
        assert line in run.output
    # named from the folder's own name: the exports hold no absolute path
    assert f"  read {folder.name}/enzyme.nbib: pubmed, 3 records, 2 problems" in run.output


def test_the_weibo_post_joins_the_digest_paper(mixed_build):
    _, out, _ = mixed_build
    graph = json.loads(Path(out, "graph.json").read_text(encoding="utf-8"))
    (itemsage,) = [n for n in graph["nodes"] if n.get("arxiv_id") == "2205.11728"]
    assert sorted(Path(s.rsplit(":", 1)[0]).name for s in itemsage["sources"]) == [
        "004_19cb0c8271dea555.txt",
        "timeline.txt",
    ]
    assert not [
        n for n in graph["nodes"] if n.get("type") == "Paper" and "今日学术视野" in (n.get("title") or "")
    ]
