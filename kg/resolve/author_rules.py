"""The user's author rules (``kg build --authors FILE``): who is the same person, and who is not,
by name, by name and organisation, or by ORCID. Read and checked before any work starts
(:func:`load_author_rules`, :class:`AuthorRulesError`: one line, exit 2), applied before author
resolution (:mod:`kg.resolve.authors` asks :meth:`AuthorRules.key` for the key of every name as
written) and cited as the reason of each merge or split they make.

A rule has two sides, each a *person as the sources show them*:

* ``name``: every spelling of that name (the name key of :mod:`kg.normalize.names`); in a
  ``different`` rule whose other side is a name of the same key, exactly that spelling (case,
  accents and spacing aside), so ``Seung jae Shin`` and ``Seungjae Shin`` can be told apart;
* ``name`` and ``org``: the name on records that list that organisation (for the author, where
  the source ties organisations to authors; else for the record), aliases resolved;
* ``orcid`` (with or without ``name``): the authors the sources give that ORCID.

``same`` joins the two sides into one person; ``different`` keeps them apart: a side narrower
than its name (an organisation, an ORCID, an exact spelling) becomes a person of its own, and no
other evidence (initials, ORCID, another rule) joins the two.

CSV, with a header naming the columns (any of them, in any order)::

    rule,name,org,orcid,other_name,other_org,other_orcid,reason
    same,J Leskovec,,,Jure Leskovec,,,his initials on the 2019 talk
    different,Wei Wang,Tsinghua University,,Wei Wang,MIT,,

TOML: tables ``[[same]]`` and ``[[different]]`` with the same keys (``rule`` aside).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import PaperRecord, Source
from kg.normalize import names
from kg.normalize.ids import normalize_orcid
from kg.normalize.orgs import org_key
from kg.normalize.text import clean_spelling

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

RULES = ("same", "different")
SIDE_COLUMNS = ("name", "org", "orcid")
COLUMNS = ("rule", *SIDE_COLUMNS, *(f"other_{c}" for c in SIDE_COLUMNS), "reason")


class AuthorRulesError(ValueError):
    """The rules file cannot be used: ``file:line: what is wrong``."""


@dataclass(frozen=True)
class Side:
    """One side of a rule: who it stands for."""

    name: str | None
    org: str | None
    orcid: str | None
    base: str | None  # the name's match key
    spelling: str | None = None  # folded spelling, when the side stands for exactly it
    split: bool = False  # an ORCID side of a `different` rule: a person of its own

    @property
    def qualifier(self) -> str | None:
        """What sets this side's names apart from the rest of their name key, or None."""
        if self.org:
            return f"at {org_key(self.org)}"
        if self.orcid and self.split:
            return f"orcid {self.orcid}"
        if self.spelling:
            return f"spelled {self.spelling}"
        return None

    def describe(self) -> str:
        parts = [repr(self.name)] if self.name else ["the author"]
        if self.org:
            parts.append(f"at {self.org!r}")
        if self.orcid:
            parts.append(f"with ORCID {self.orcid}")
        return " ".join(parts)


@dataclass(frozen=True)
class Rule:
    kind: str  # "same" | "different"
    a: Side
    b: Side
    origin: str  # "file:line" (CSV) or "file: [[same]] #n" (TOML)
    note: str | None = None

    def reason(self) -> str:
        verb = "is" if self.kind == "same" else "is not"
        text = f"rule {self.origin}: {self.a.describe()} {verb} {self.b.describe()}"
        return f"{text} ({self.note})" if self.note else text


def _folded(spelling: str) -> str:
    return " ".join(names.fold(clean_spelling(spelling)).split())


def _side(cells: dict[str, str], prefix: str, where: str) -> Side:
    name, org, orcid = (cells.get(prefix + c, "").strip() or None for c in SIDE_COLUMNS)
    if org and not name:
        raise AuthorRulesError(f"{where}: {prefix}org needs {prefix}name")
    if not name and not orcid:
        raise AuthorRulesError(f"{where}: give {prefix}name or {prefix}orcid")
    base = names.match_key(name) if name else None
    if name and base is None:
        raise AuthorRulesError(f"{where}: {prefix}name {name!r} is not a name")
    checked = normalize_orcid(orcid) if orcid else None
    if orcid and checked is None:
        raise AuthorRulesError(f"{where}: {prefix}orcid {orcid!r} is not an ORCID")
    return Side(name, org, checked, base)


def _rule(cells: dict[str, str], where: str) -> Rule:
    kind = (cells.get("rule") or "").strip().lower()
    if kind not in RULES:
        raise AuthorRulesError(f"{where}: rule {kind!r} is neither 'same' nor 'different'")
    a, b = _side(cells, "", where), _side(cells, "other_", where)
    if kind == "different":
        if a.base == b.base and not (a.org or a.orcid or b.org or b.orcid):
            if _folded(a.name or "") == _folded(b.name or ""):
                raise AuthorRulesError(f"{where}: both sides are {a.name!r}; say what tells them apart")
            a = Side(a.name, a.org, a.orcid, a.base, _folded(a.name or ""))
            b = Side(b.name, b.org, b.orcid, b.base, _folded(b.name or ""))
        else:  # an ORCID side becomes a person of its own
            a, b = (Side(s.name, s.org, s.orcid, s.base, None, bool(s.orcid)) for s in (a, b))
        if a == b:
            raise AuthorRulesError(f"{where}: both sides are the same person")
    note = (cells.get("reason") or "").strip() or None
    return Rule(kind, a, b, where, note)


def _csv_rules(text: str, origin: str) -> list[Rule]:
    reader = csv.reader(io.StringIO(text))
    rows = [(n, [c.strip() for c in row]) for n, row in enumerate(reader, start=1)]
    rows = [(n, row) for n, row in rows if any(row) and not row[0].startswith("#")]
    if not rows:
        return []
    header_line, header = rows[0]
    header = [h.lower() for h in header]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise AuthorRulesError(
            f"{origin}:{header_line}: unknown column {unknown[0]!r}; the columns are {', '.join(COLUMNS)}"
        )
    if "rule" not in header:
        raise AuthorRulesError(f"{origin}:{header_line}: the header needs a 'rule' column")
    rules = []
    for n, row in rows[1:]:
        if len(row) > len(header):
            raise AuthorRulesError(f"{origin}:{n}: {len(row)} cells, the header names {len(header)}")
        rules.append(_rule(dict(zip(header, row, strict=False)), f"{origin}:{n}"))
    return rules


def _toml_rules(text: str, origin: str) -> list[Rule]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AuthorRulesError(f"{origin}: not TOML: {exc}") from None
    rules = []
    for kind, tables in data.items():
        if kind not in RULES:
            raise AuthorRulesError(f"{origin}: unknown table [[{kind}]]; use [[same]] or [[different]]")
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise AuthorRulesError(f"{origin}: {kind} must be tables, [[{kind}]]")
        for n, table in enumerate(tables, start=1):
            where = f"{origin} [[{kind}]] #{n}"
            unknown = [k for k in table if k not in COLUMNS or k == "rule"]
            if unknown:
                raise AuthorRulesError(
                    f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(COLUMNS[1:])}"
                )
            if not all(isinstance(v, str) for v in table.values()):
                raise AuthorRulesError(f"{where}: every value is a string")
            rules.append(_rule({**table, "rule": kind}, where))
    return rules


def load_author_rules(path: Path | None) -> AuthorRules:
    """The rules of ``path`` (``.toml``: TOML, else CSV); no path: no rules."""
    if path is None:
        return AuthorRules(())
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthorRulesError(f"{path}: cannot read it: {exc}") from None
    parse = _toml_rules if Path(path).suffix.lower() == ".toml" else _csv_rules
    return AuthorRules(tuple(parse(text, str(path))))


# --------------------------------------------------------------------------- applying them


@dataclass
class AuthorRules:
    """The rules, and what they matched: the name keys each side stands for."""

    rules: tuple[Rule, ...]
    matched: dict[tuple[int, str], set[str]] = field(default_factory=dict)  # (rule, "a"|"b") -> keys
    _records: dict[tuple[str, int], PaperRecord] = field(default_factory=dict)
    _org_keys: Callable[[str], set[str]] = field(default=lambda name: {org_key(name)})
    _bases: set[str] = field(default_factory=set)  # the name keys the rules name
    _any_name: bool = False

    def __bool__(self) -> bool:
        return bool(self.rules)

    def prepare(self, records: Iterable[PaperRecord], org_keys: Callable[[str], set[str]]) -> None:
        """Know the records (for the organisations and ORCIDs of a name as written) and how an
        organisation as written is keyed (aliases resolved)."""
        self.matched = {}
        if self.rules:
            self._records = {(r.source.file, r.source.line): r for r in records}
            self._org_keys = org_keys
            sides = [side for rule in self.rules for side in (rule.a, rule.b)]
            self._bases = {side.base for side in sides if side.base}
            self._any_name = any(side.base is None for side in sides)  # an ORCID side without a name

    def key(self, spelling: str, source: Source) -> str | None:
        """The name key of ``spelling`` as written at ``source``: its match key, qualified where a
        rule sets it apart (``wei wang at tsinghua university``)."""
        base = names.match_key(spelling)
        if base is None or not self.rules or (base not in self._bases and not self._any_name):
            return base
        record = self._records.get((source.file, source.line))
        key = base
        hits = []
        for n, rule in enumerate(self.rules):
            both = [(n, label, side) for label, side in (("a", rule.a), ("b", rule.b))
                    if self._matches(side, base, spelling, record)]  # fmt: skip
            if len(both) == 2:  # the narrower side of the two (``Wei Wang`` at MIT, not any Wei Wang)
                both = [next((hit for hit in both if hit[2].qualifier), both[0])]
            hits.extend(both)
        for _n, _label, side in hits:
            if side.qualifier:
                key = f"{base} {side.qualifier}"
                break
        for n, label, _side in hits:
            self.matched.setdefault((n, label), set()).add(key)
        return key

    def _matches(self, side: Side, base: str, spelling: str, record: PaperRecord | None) -> bool:
        if side.base is not None and side.base != base:
            return False
        if side.spelling and side.spelling != _folded(spelling):
            return False
        ref = next((a for a in record.authors if a.name == spelling), None) if record else None
        if side.orcid and (ref is None or normalize_orcid(ref.orcid) != side.orcid):
            return False
        if side.org:
            orgs = (ref.affiliations if ref and ref.affiliations else ()) or tuple(
                o.name for o in (record.affiliations if record else ())
            )
            wanted = self._org_keys(side.org)
            if not any(wanted & self._org_keys(o) for o in orgs):
                return False
        return True

    def keys(self, n: int, label: str) -> list[str]:
        return sorted(self.matched.get((n, label), ()))

    def apart(self) -> list[tuple[Rule, list[str], list[str]]]:
        """The ``different`` rules with the keys of each side."""
        return [
            (rule, self.keys(n, "a"), self.keys(n, "b"))
            for n, rule in enumerate(self.rules)
            if rule.kind == "different"
        ]

    def together(self) -> list[tuple[Rule, list[str], list[str]]]:
        """The ``same`` rules with the keys of each side."""
        return [
            (rule, self.keys(n, "a"), self.keys(n, "b"))
            for n, rule in enumerate(self.rules)
            if rule.kind == "same"
        ]
