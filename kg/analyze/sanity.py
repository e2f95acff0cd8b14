"""The sanity pass after every build: authors whose name is not a name, papers whose author count
is implausible. A plain function over the graph, :func:`check_graph`, returning
:class:`Finding` s with the file:line of the records behind each; the build summary and
report.md show them, and every list of top authors flags a suspect author with its reason.

Suspects stay in the graph and in the centralities: a name this pass doubts may still be a
person's (a mononym, a long transliterated name), and kg never drops data on a guess. What must
not happen is that one reaches a top list silently, so the lists say it (DESIGN.md, "Rules").

Author names (the spelling shown, ``name``):

* digits (dblp's homonym number ``Zoltán Fülöp 0001`` aside): ``2021``, ``J Smith 3``;
* a single letter or character: ``A``, ``J.``;
* placeholder words (:func:`kg.normalize.names.split_placeholder`, or ``et al`` inside): what the
  record check missed;
* more than :data:`MAX_NAME_TOKENS` words: a title or a sentence read as a name.

Papers: more than :data:`MAX_AUTHORS` authors when nothing says the paper is a consortium's (a
``Collaboration`` / ``Consortium`` author or title, a high-energy, nuclear or astrophysics
arXiv category), or no author at all although the source gave a list (of placeholders only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.normalize.names import homonym, split_placeholder

#: More words than this in a name: a title or a sentence, not a person.
MAX_NAME_TOKENS = 8
#: More authors than this on a paper that is not a consortium's is implausible.
MAX_AUTHORS = 100
#: file:line provenance given per finding at most.
MAX_SOURCES = 3
#: Words in an author name or a title that say a large team signs the paper.
_CONSORTIUM = re.compile(r"\b(?:collaboration|consortium|consortia|collaborators|group)\b", re.IGNORECASE)
#: arXiv archives where hundreds of authors are the rule (high-energy, nuclear, astrophysics).
_CONSORTIUM_CATEGORIES = ("hep-", "nucl-", "astro-ph", "gr-qc", "physics.ins-det")
_DIGIT = re.compile(r"\d")
_ET_AL_INSIDE = re.compile(r"\bet\.?\s*al\b", re.IGNORECASE)
_LETTERS = re.compile(r"\w", re.UNICODE)

AUTHOR_NAME = "author_name"
AUTHOR_COUNT = "author_count"


@dataclass(frozen=True)
class Finding:
    """One suspect node: ``kind`` (:data:`AUTHOR_NAME` or :data:`AUTHOR_COUNT`), its id and
    label, why, and the ``file:line`` of (at most :data:`MAX_SOURCES`) records behind it."""

    kind: str
    node: str
    label: str
    reason: str
    sources: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "node": self.node,
            "label": self.label,
            "reason": self.reason,
            "sources": list(self.sources),
        }

    def __str__(self) -> str:
        where = ", ".join(self.sources) or "no source line"
        return f"{self.label!r}: {self.reason} ({where})"


def check_graph(G: nx.MultiDiGraph[str]) -> list[Finding]:
    """Every suspect author name and implausible author count in ``G``, authors first, each
    in node id order."""
    papers = {n: d for n, d in G.nodes(data=True) if d.get("type") == "Paper"}
    authors_of: dict[str, list[str]] = {p: [] for p in papers}
    papers_of: dict[str, list[str]] = {}
    for author, paper, key in G.edges(keys=True):
        if key == "AUTHORED" and paper in authors_of:
            authors_of[paper].append(author)
            papers_of.setdefault(author, []).append(paper)
    findings = []
    for node in sorted(G.nodes):
        data = G.nodes[node]
        if data.get("type") != "Author":
            continue
        reason = name_problem(str(data.get("name") or data.get("label") or ""))
        if reason:
            sources = _sources(papers[p] for p in sorted(papers_of.get(node, [])))
            findings.append(Finding(AUTHOR_NAME, node, str(data.get("name")), reason, sources))
    for node in sorted(papers):
        reason = author_count_problem(G, papers[node], authors_of[node])
        if reason:
            label = str(papers[node].get("label") or node)
            findings.append(Finding(AUTHOR_COUNT, node, label, reason, _sources([papers[node]])))
    return findings


def name_problem(name: str) -> str | None:
    """Why ``name`` is not a person's name, or None."""
    if homonym(name):
        name = re.sub(r"\s+\d{4}\s*$", "", name)
    if split_placeholder(name)[1] is not None or _ET_AL_INSIDE.search(name):
        return "a placeholder, not a name"
    if _DIGIT.search(name):
        return "digits in a name"
    if len(_LETTERS.findall(name)) <= 1:
        return "a single letter"
    if len(name.split()) > MAX_NAME_TOKENS:
        return f"more than {MAX_NAME_TOKENS} words"
    return None


def author_count_problem(G: nx.MultiDiGraph[str], paper: dict[str, Any], authors: list[str]) -> str | None:
    """Why the number of ``authors`` of ``paper`` is implausible, or None."""
    if not authors:
        if paper.get("authors_truncated"):
            return "no author, although the source gave a list (of placeholders only)"
        return None
    if len(authors) > MAX_AUTHORS and not _consortium(G, paper, authors):
        return f"{len(authors)} authors (more than {MAX_AUTHORS}, and not a consortium's)"
    return None


def _consortium(G: nx.MultiDiGraph[str], paper: dict[str, Any], authors: list[str]) -> bool:
    category = str(paper.get("category") or "").lower()
    if category.startswith(_CONSORTIUM_CATEGORIES):
        return True
    if _CONSORTIUM.search(str(paper.get("title") or "")):
        return True
    return any(_CONSORTIUM.search(str(G.nodes[a].get("name") or "")) for a in authors)


def _sources(papers: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    found: list[str] = []
    for paper in papers:
        for source in paper.get("sources") or ():
            if source not in found:
                found.append(source)
            if len(found) == MAX_SOURCES:
                return tuple(found)
    return tuple(found)


def flagged_authors(findings: Iterable[Finding]) -> dict[str, str]:
    """Author id -> the reason it is suspect: for flagging it in a list of top authors."""
    return {f.node: f.reason for f in findings if f.kind == AUTHOR_NAME}
