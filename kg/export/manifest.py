"""``manifest.json``: the one list of what a build wrote into its export folder.

It names every file of the set with its size and sha256, the kg version, and the inputs with
their content hashes, so that a reader can check a folder is one consistent set and a later build
knows which files are its own (it removes those it did not write again, never any other file).
No time stamp: the same inputs give a byte-identical manifest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kg.version import __version__

MANIFEST = "manifest.json"
FORMAT = 1  # bumped when the layout of the manifest changes


@dataclass(frozen=True)
class FileEntry:
    name: str  # a path relative to the folder it lives in (exports) or to its input root (inputs)
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    files: tuple[FileEntry, ...]
    inputs: tuple[FileEntry, ...] = ()
    kg_version: str = __version__
    format: int = FORMAT

    def names(self) -> set[str]:
        return {entry.name for entry in self.files}

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def file_entry(path: Path, name: str) -> FileEntry:
    """Size and sha256 of ``path`` (read in 1 MiB blocks: memory stays flat)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FileEntry(name, path.stat().st_size, digest.hexdigest())


def input_entries(roots: Iterable[Path]) -> tuple[FileEntry, ...]:
    """One entry per input file under ``roots`` (files or folders, as the build read them), named
    by the root's own name and the path below it, never by the user's absolute path."""
    from kg.extract import expand_paths

    entries = []
    for root in roots:
        for path in expand_paths([root]):
            if not path.is_file():
                continue  # the build reported it; the manifest lists what was read
            below = path.relative_to(root).as_posix() if path != root else ""
            name = f"{root.name}/{below}" if below else path.name
            entries.append(file_entry(path, name))
    return tuple(entries)


def read_manifest(path: Path) -> Manifest | None:
    """The manifest in the file ``path``, or None when there is none or it cannot be read (then
    no file of its folder is known to be kg's, and none is removed)."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            files=tuple(FileEntry(**entry) for entry in data["files"]),
            inputs=tuple(FileEntry(**entry) for entry in data.get("inputs", [])),
            kg_version=str(data.get("kg_version", "")),
            format=int(data.get("format", 0)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def set_mismatches(folder: Path) -> list[str]:
    """What differs between ``folder`` and its manifest: a line per missing or changed file (none:
    the folder holds the complete set the manifest describes)."""
    manifest = read_manifest(folder / MANIFEST)
    if manifest is None:
        return [f"{folder / MANIFEST}: missing or unreadable"]
    found = []
    for entry in manifest.files:
        path = folder / entry.name
        if not path.is_file():
            found.append(f"{entry.name}: missing")
        elif file_entry(path, entry.name) != entry:
            found.append(f"{entry.name}: not the file the manifest lists (size or sha256 differ)")
    return found
