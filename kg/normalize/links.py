"""Links inside free text (abstracts): plain, or wrapped in LaTeX as scraped pages leave them.

A link is a *code link* when it points at a source-code host (GitHub, GitLab, ...) or when the
sentence that holds it speaks of code ("Our code is available at https://example.org/x.").
Other links (a dataset or project page) stay in the abstract text but are not code links.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# \url{X}, \href{X}{label}, \textcolor{colour}{X}: keep X.
_LATEX_WRAPPERS = (
    (re.compile(r"\\href\{([^{}]*)\}\{[^{}]*\}"), r"\1"),
    (re.compile(r"\\url\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\textcolor\{[^{}]*\}\{([^{}]*)\}"), r"\1"),
)
_URL = re.compile(r"https?://[^\s<>\"'{}\\]+")
_TRAILING = ".,;:!?)]}>\u3002\uff0c"


def unwrap_latex_links(text: str) -> str:
    if "\\" not in text:  # no LaTeX: most text, and the common case
        return text
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


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
_CODE_WORDS = re.compile(r"\b(code|codes|implementation|software)\b", re.IGNORECASE)
CODE_HOSTS = frozenset(
    {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com", "sourceforge.net", "git.io"}
)


def code_links(text: str | None) -> tuple[str, ...]:
    """The code links in ``text`` (see the module docstring), in order, once each."""
    if not text or "http" not in text:
        return ()
    found: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        for url in find_urls(sentence):
            if url not in found and (on_code_host(url) or _CODE_WORDS.search(sentence)):
                found.append(url)
    return tuple(found)


def on_code_host(url: str) -> bool:
    """True when ``url`` is on a source-code host of :data:`CODE_HOSTS` or a subdomain of one."""
    try:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:  # a malformed host, e.g. an unclosed '[' that urlsplit takes for IPv6
        return False
    return host in CODE_HOSTS or any(host.endswith("." + h) for h in CODE_HOSTS)
