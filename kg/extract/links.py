"""Links inside free text (abstracts): plain, or wrapped in LaTeX as scraped pages leave them."""

from __future__ import annotations

import re

# \url{X}, \href{X}{label}, \textcolor{colour}{X}: keep X.
_LATEX_WRAPPERS = (
    (re.compile(r"\\href\{([^{}]*)\}\{[^{}]*\}"), r"\1"),
    (re.compile(r"\\url\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\textcolor\{[^{}]*\}\{([^{}]*)\}"), r"\1"),
)
_URL = re.compile(r"https?://[^\s<>\"'{}\\]+")
_TRAILING = ".,;:!?)]}>\u3002\uff0c"


def unwrap_latex_links(text: str) -> str:
    for pattern, replacement in _LATEX_WRAPPERS:
        text = pattern.sub(replacement, text)
    return text


def find_urls(text: str | None) -> tuple[str, ...]:
    """Every http(s) URL in ``text``, in order, once each, without sentence punctuation after it."""
    if not text:
        return ()
    found: list[str] = []
    for match in _URL.finditer(unwrap_latex_links(text)):
        url = match.group(0).rstrip(_TRAILING)
        if url.count("(") < url.count(")"):
            url = url.rstrip(")")
        if url not in found:
            found.append(url)
    return tuple(found)
