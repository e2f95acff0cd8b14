"""arXiv categories: the taxonomy shipped as data (``kg/data/arxiv_categories.csv``) and the rule
that turns a code as written into a category.

Listings write the subject without its archive (``CV``, ``LG``, ``ML``, ``ME``, ``AS``). The rule:
a two-letter code is ``cs.XX`` when arXiv has that category, else the first of ``stat``, ``eess``,
``math``, ``econ``, ``q-bio``, ``q-fin`` that has it. So ``CV`` -> cs.CV, ``ML`` -> stat.ML
(there is no cs.ML; machine learning in cs is cs.LG), ``ME`` -> stat.ME, ``AS`` -> eess.AS,
``SP`` -> eess.SP, ``OC`` -> math.OC. A full code (``cs.CV``, ``stat.ML``, ``quant-ph``) is taken
as written, case aside. A code that is none of these is unknown (None): nothing is guessed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: Archives tried, in order, for a code written without its archive.
ARCHIVE_ORDER = ("cs", "stat", "eess", "math", "econ", "q-bio", "q-fin")


@dataclass(frozen=True)
class Category:
    code: str  # "cs.CV"
    archive: str  # "cs"
    name: str  # "Computer Vision and Pattern Recognition"
    name_zh: str | None  # "计算机视觉", or None when the table has none


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Category]:
    """The shipped arXiv taxonomy, by code."""
    text = resources.files("kg").joinpath("data/arxiv_categories.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        row["code"]: Category(row["code"], row["archive"], row["name"], row["name_zh"] or None)
        for row in rows
    }


@lru_cache(maxsize=1)
def _lookup_upper() -> dict[str, str]:
    return {code.upper(): code for code in taxonomy()}


def resolve_code(as_written: str | None) -> str | None:
    """The arXiv code a category as written stands for (``CV`` -> ``cs.CV``), or None."""
    if not as_written:
        return None
    text = as_written.strip().strip("[]()").strip()
    known = _lookup_upper()
    if text.upper() in known:
        return known[text.upper()]
    if "." in text:
        return None
    for archive in ARCHIVE_ORDER:
        code = known.get(f"{archive}.{text}".upper())
        if code:
            return code
    return None
