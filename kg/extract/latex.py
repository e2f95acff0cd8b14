"""LaTeX in BibTeX field values -> plain Unicode text: ``Schl{\\"{u}}ter`` -> ``Schlüter``.

pylatexenc (installed with bibtexparser) does the decoding; this module only tunes it for
bibliographic text: logos keep their names (``{\\TeX}book`` -> ``TeXbook``, where pylatexenc
would drop the macro), ``\\url{x}`` stays a bare link, citations vanish, math becomes text
(``$\\alpha$`` -> ``α``), and ties and line breaks become single spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pylatexenc import latexwalker, macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from kg.normalize.links import unwrap_latex_links

_SPACES = re.compile(r"\s+")
# Text without these is plain once its grouping braces go; pylatexenc (about a millisecond a
# value) is skipped for it.
_LATEX_SIGNS = re.compile(r"[\\$~%]|--|``|''")
# What pylatexenc rewrites in a value that also holds LaTeX, though plain text keeps it:
# \\href (-> "label (url)"), & (-> a space), !` and ?` (-> ¡ and ¿).
_DECODER_ONLY = re.compile(r"\\href|&|[!?]`")
_BRACES_AND_COMMANDS = re.compile(r"\\[A-Za-z]+\s*|[{}\\]")


def _href_text(node: Any, l2tobj: LatexNodes2Text) -> str:
    """``\\href{url}{label}`` -> ``label (url)``: the link stays visible for code-link finding.
    (pylatexenc passes the decoder by the argument name ``l2tobj``.)"""
    url, label = (l2tobj.nodelist_to_text([arg]) for arg in node.nodeargd.argnlist[-2:])
    return f"{label} ({url})" if label and label != url else url


@lru_cache(maxsize=1)
def _parser_context() -> macrospec.LatexContextDb:
    """The macros' argument shapes; pylatexenc's defaults lack ``\\href{url}{label}``."""
    context = latexwalker.get_default_latex_context_db()
    context.add_context_category("kg-bibliographic", prepend=True, macros=[macrospec.MacroSpec("href", "{{")])
    return context


@lru_cache(maxsize=1)
def _decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category(
        "kg-bibliographic",
        prepend=True,
        macros=[
            MacroTextSpec("TeX", simplify_repl="TeX"),
            MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
            MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
            MacroTextSpec("url", simplify_repl="%s"),
            MacroTextSpec("href", simplify_repl=_href_text),
            MacroTextSpec("cite", simplify_repl=""),
            MacroTextSpec("citep", simplify_repl=""),
            MacroTextSpec("citet", simplify_repl=""),
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=False)


def _without_link_macros(value: str) -> str:
    """``value`` with ``\\url{x}`` and ``\\textcolor{c}{x}`` unwrapped as pylatexenc would, so a
    value whose only LaTeX is a link skips pylatexenc. Left whole when pylatexenc would write
    the rest otherwise (see ``_DECODER_ONLY``)."""
    if _DECODER_ONLY.search(value):
        return value
    return unwrap_latex_links(value)


def latex_to_text(value: str) -> str:
    """Plain text of a LaTeX field value, whitespace folded to single spaces. Never raises:
    input pylatexenc cannot read loses only its braces and command names."""
    plain = _without_link_macros(value)
    if not _LATEX_SIGNS.search(plain):
        return _SPACES.sub(" ", plain.replace("{", "").replace("}", "")).strip()
    try:
        text = _decoder().latex_to_text(value, latex_context=_parser_context())
    except Exception:  # pylatexenc raises many kinds on malformed input; none may stop a read
        text = _BRACES_AND_COMMANDS.sub("", value)
    return _SPACES.sub(" ", text).strip()
