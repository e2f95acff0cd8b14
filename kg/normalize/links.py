"""Links inside free text (abstracts): plain, or wrapped in LaTeX as scraped pages leave them.

A link is a *code link* when it points at a source-code host (:data:`CODE_HOSTS`: GitHub, GitLab,
Bitbucket, Codeberg, SourceForge, Gitee; a Hugging Face Space or model repository), or when the
text right before it, since the sentence's start or the link before, speaks of code ("Code:
https://example.org/x.zip", "代码：…", "GitHub: …", "our implementation is at …"). A link to a
video, a DOI, an arXiv or proceedings page (:data:`NOT_CODE_HOSTS`) is never a code link, whatever
the text says. Other links (a dataset, a project or conference page) stay in the abstract text
but are not code links.
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
        url = _trimmed(match.group(0))
        if url not in found:
            found.append(url)
    return tuple(found)


def _trimmed(url: str) -> str:
    """A matched URL without the sentence punctuation after it (a ')' it opened stays)."""
    url = url.rstrip(_TRAILING)
    if url.count("(") < url.count(")"):
        url = url.rstrip(")")
    return url


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
#: Words that, right before a link, say it leads to code.
_CODE_CUE = re.compile(
    r"\b(?:code|codes|implementation|implementations|software|github|gitlab)\b"
    r"|代码|源码|程序|开源",
    re.IGNORECASE,
)
CODE_HOSTS = frozenset(
    {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com", "sourceforge.net", "git.io"}
)
#: Hosts whose pages are never code, whatever the text before them says: videos, DOIs, preprint
#: and proceedings pages.
NOT_CODE_HOSTS = frozenset(
    {
        "youtube.com", "youtu.be", "vimeo.com", "bilibili.com",
        "doi.org", "dx.doi.org", "arxiv.org", "openreview.net", "dl.acm.org", "ieeexplore.ieee.org",
        "papers.nips.cc", "proceedings.neurips.cc", "proceedings.mlr.press", "aclanthology.org",
        "openaccess.thecvf.com", "link.springer.com", "sciencedirect.com",
    }
)  # fmt: skip
#: Hugging Face pages that are no repository of code or models.
_HUGGING_FACE_NOT_CODE = frozenset({"datasets", "papers", "blog", "docs", "learn", "collections", "tasks"})


def code_links(text: str | None) -> tuple[str, ...]:
    """The code links in ``text`` (see the module docstring), in order, once each."""
    if not text or "http" not in text:
        return ()
    found: list[str] = []
    for sentence in _SENTENCE_END.split(unwrap_latex_links(text)):
        before_from = 0
        for match in _URL.finditer(sentence):
            url = _trimmed(match.group(0))
            before = sentence[before_from : match.start()]
            before_from = match.end()
            if url not in found and _is_code_link(url, before):
                found.append(url)
    return tuple(found)


def _is_code_link(url: str, before: str) -> bool:
    host = _host(url)
    if _on(host, NOT_CODE_HOSTS):
        return False
    return on_code_host(url) or bool(_CODE_CUE.search(before))


def on_code_host(url: str) -> bool:
    """True when ``url`` is on a source-code host of :data:`CODE_HOSTS` or a subdomain of one, or
    is a Hugging Face Space or model repository (``huggingface.co/spaces/…``,
    ``huggingface.co/org/model``; not its datasets, papers or blog)."""
    host = _host(url)
    if host == "huggingface.co" or host == "hf.co":
        parts = [p for p in urlsplit(url).path.split("/") if p]
        return len(parts) >= 2 and parts[0] not in _HUGGING_FACE_NOT_CODE
    return _on(host, CODE_HOSTS)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:  # a malformed host, e.g. an unclosed '[' that urlsplit takes for IPv6
        return ""


def _on(host: str, hosts: frozenset[str]) -> bool:
    return bool(host) and (host in hosts or any(host.endswith("." + h) for h in hosts))
