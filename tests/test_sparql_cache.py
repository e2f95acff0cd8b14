"""The persistent Oxigraph store beside an export (kg.sparql.store_cache): built once, reused
while the file is unchanged (a new modification time alone changes nothing), rebuilt when its
content changes, skipped with --no-cache."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_tiny_graph, rdf_exports

from kg.cli import main
from kg.sparql import execute, load_graph
from kg.sparql.store_cache import STORE_FOLDER, cache_folder

PEOPLE = "SELECT ?n WHERE { ?a a schema:Person ; schema:name ?n } ORDER BY ?n"


@pytest.fixture
def export(tmp_path_factory, tmp_path) -> Path:
    written = rdf_exports(make_tiny_graph(), tmp_path_factory.mktemp("written"))
    path = tmp_path / "kg.ttl"
    shutil.copy(written["kg.ttl"], path)
    return path


def names(path: Path, cache: bool = True) -> tuple[str, list[str]]:
    loaded = load_graph(path, "oxigraph", cache=cache)
    return loaded.cache, [row[0].value for row in execute(loaded, PEOPLE).rows if row[0]]


def test_the_store_is_built_once_and_reused_while_the_file_is_unchanged(export):
    fresh = names(export, cache=False)
    assert fresh[0] == "off" and len(fresh[1]) == 5
    assert names(export) == ("built", fresh[1])
    assert (export.parent / STORE_FOLDER / export.name / "store").is_dir()
    assert names(export) == ("reused", fresh[1])
    meta = json.loads((cache_folder(export) / "meta.json").read_text(encoding="utf-8"))
    assert meta["size"] == export.stat().st_size


def test_a_new_time_alone_keeps_the_store_a_new_content_rebuilds_it(export):
    assert names(export)[0] == "built"
    stat = export.stat()
    os.utime(export, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert names(export)[0] == "reused"
    text = export.read_text(encoding="utf-8").replace('"Ada Lovelace"', '"Ada King"')
    export.write_text(text, encoding="utf-8")
    state, people = names(export)
    assert state == "built" and "Ada King" in people and "Ada Lovelace" not in people
    assert names(export) == ("reused", people)


def test_same_size_other_content_rebuilds(export):
    assert names(export)[0] == "built"
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace('"Ada Lovelace"', '"Ada Lovelacx"'), encoding="utf-8")
    assert export.stat().st_size == len(text.encode("utf-8"))
    state, people = names(export)
    assert state == "built" and "Ada Lovelacx" in people


def test_a_build_a_killed_run_left_is_removed(export):
    leftover = cache_folder(export).with_name(f"{export.name}.building-{2**22 + 12345}")
    (leftover / "store").mkdir(parents=True)
    ours = cache_folder(export).with_name(f"{export.name}.building-{os.getpid()}-other")
    ours.mkdir()
    assert names(export)[0] == "built"
    assert not leftover.exists() and ours.exists()


@pytest.mark.slow
def test_cli_keeps_the_store_beside_the_export_and_no_cache_skips_it(export, tmp_path):
    first = CliRunner().invoke(main, ["query", str(export), PEOPLE, "--format", "csv"])
    assert first.exit_code == 0, first.output
    meta = cache_folder(export) / "meta.json"
    assert meta.is_file()
    built_at = meta.stat().st_mtime_ns
    second = CliRunner().invoke(main, ["query", str(export), PEOPLE, "--format", "csv"])
    assert second.stdout == first.stdout and meta.stat().st_mtime_ns == built_at
    other = tmp_path / "other" / "kg.ttl"
    other.parent.mkdir()
    shutil.copy(export, other)
    bypass = CliRunner().invoke(main, ["query", str(other), PEOPLE, "--format", "csv", "--no-cache"])
    assert bypass.stdout == first.stdout and not (other.parent / STORE_FOLDER).exists()
