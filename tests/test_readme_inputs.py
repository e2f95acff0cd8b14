"""The README's Inputs table lists every layout kg reads, each once, in one table."""

import re

from conftest import ROOT

from kg.extract import EXTRACTORS


def inputs_table_rows() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Inputs", 1)[1].split("\n## ", 1)[0]
    return [m.group(1) for m in re.finditer(r"^\| `([a-z_0-9]+)` \|", section, re.MULTILINE)]


def test_every_layout_has_one_row():
    rows = inputs_table_rows()
    assert sorted(rows) == sorted(EXTRACTORS)


def test_each_row_gives_two_example_lines_and_what_is_read():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Inputs", 1)[1]
    for line in section.splitlines():
        if re.match(r"^\| `[a-z_0-9]+` \|", line):
            cells = [c for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            assert len(cells) == 3 and "<br>" in cells[1] and cells[2].strip(), line
