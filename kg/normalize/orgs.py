"""Organisations: the alias table (``kg/data/org_aliases.csv`` plus the user's ``--aliases`` file)
and the key two spellings of one organisation share.

Alias files are CSV with the columns ``alias,name[,ror[,candidates]]`` (a header row naming them is
optional; lines starting with ``#`` are comments). ``alias`` is a spelling as sources write it,
``name`` the organisation it stands for. A row without a name but with ``candidates``
(``uw,,,University of Washington|University of Waterloo``) marks a short name as ambiguous: it is
never resolved by guessing and stays its own organisation, flagged ``ambiguous``. Rows of the
user's file replace shipped rows with the same alias.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.model import Problem
from kg.normalize.ids import normalize_ror
from kg.normalize.names import fold

_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_ALNUM = re.compile(r"[^\w]+", re.UNICODE)
_HEADER = ("alias", "name")


def org_key(name: str) -> str:
    """Case, accents, punctuation and a leading "The" do not matter: ``The Chinese University of
    Hong Kong`` -> ``chinese university of hong kong``; ``Noah’s`` -> ``noahs``; ``&`` = ``and``."""
    text = _APOSTROPHES.sub("", fold(name)).replace("&", " and ")
    words = _NOT_ALNUM.sub(" ", text).replace("_", " ").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Alias:
    """One row of an alias table."""

    alias: str
    name: str | None  # None: an ambiguous short name
    ror: str | None = None
    candidates: tuple[str, ...] = ()
    origin: str = "kg/data/org_aliases.csv"  # where the row comes from, for explanations


@dataclass(frozen=True)
class AliasTable:
    by_key: dict[str, Alias]  # org_key(alias) -> row
    by_ror: dict[str, Alias]  # ROR id -> the row that gives it
    ror_of: dict[str, str]  # org_key(canonical name) -> ROR id


@dataclass(frozen=True)
class CanonicalOrg:
    """What an organisation as written resolves to, and by which rule."""

    key: str
    name: str
    ambiguous: bool
    candidates: tuple[str, ...]
    ror: str | None
    rule: str  # "alias table", "ROR id", "ambiguous alias", "as written"
    origin: str | None = None  # the alias row the rule used ("kg/data/org_aliases.csv:7")


def load_aliases(extra: Path | None = None) -> tuple[AliasTable, tuple[Problem, ...]]:
    """The shipped table, with the rows of ``extra`` added (replacing rows for the same alias)."""
    shipped = resources.files("kg").joinpath("data/org_aliases.csv").read_text(encoding="utf-8")
    rows, problems = _parse_rows(shipped, "kg/data/org_aliases.csv")
    if extra is not None:
        try:
            text = Path(extra).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            problems += (Problem(str(extra), None, "error", f"cannot read the alias file: {exc}"),)
        else:
            more, more_problems = _parse_rows(text, str(extra))
            rows += more
            problems += more_problems
    by_key: dict[str, Alias] = {}
    for row in rows:
        by_key[org_key(row.alias)] = row
        if row.name:
            by_key.setdefault(org_key(row.name), Alias(row.name, row.name, None, (), row.origin))
    by_ror = {row.ror: row for row in rows if row.ror and row.name}
    ror_of = {org_key(row.name): ror for ror, row in by_ror.items() if row.name}
    return AliasTable(by_key, by_ror, ror_of), problems


def _parse_rows(text: str, origin: str) -> tuple[tuple[Alias, ...], tuple[Problem, ...]]:
    rows: list[Alias] = []
    problems: list[Problem] = []
    for line_no, cells in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [c.strip() for c in cells]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if tuple(c.lower() for c in cells[:2]) == _HEADER:
            continue
        alias = cells[0]
        name = cells[1] if len(cells) > 1 and cells[1] else None
        ror = normalize_ror(cells[2]) if len(cells) > 2 else None
        candidates = tuple(c.strip() for c in cells[3].split("|") if c.strip()) if len(cells) > 3 else ()
        if not org_key(alias) or (name is None and not candidates):
            problems.append(
                Problem(
                    origin,
                    line_no,
                    "warning",
                    "alias row needs an alias and a name (or, for an ambiguous "
                    f"short name, candidates): {','.join(cells)!r}",
                )
            )
            continue
        rows.append(Alias(alias, name, ror, candidates, f"{origin}:{line_no}"))
    return tuple(rows), tuple(problems)


def canonical_org(table: AliasTable, as_written: str, ror: str | None = None) -> CanonicalOrg | None:
    """Resolve one organisation as written. The ROR id wins; then the alias table; an ambiguous
    short name stays itself. None when nothing is left of the name."""
    ror = normalize_ror(ror)
    if ror and ror in table.by_ror:
        named = table.by_ror[ror]
        assert named.name is not None  # by_ror holds the rows with a name only
        return CanonicalOrg(org_key(named.name), named.name, False, (), ror, "ROR id", named.origin)
    key = org_key(as_written)
    if not key:
        return None
    row = table.by_key.get(key)
    if row is None:
        return CanonicalOrg(key, " ".join(as_written.split()), False, (), ror, "as written")
    if row.name is None:
        return CanonicalOrg(key, row.alias, True, row.candidates, ror, "ambiguous alias", row.origin)
    key = org_key(row.name)
    return CanonicalOrg(key, row.name, False, (), ror or table.ror_of.get(key), "alias table", row.origin)
