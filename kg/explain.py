"""``kg explain``: why the graph holds an author or a paper the way it does — the sources
(``file:line``), the spellings, the reason for every merge, and the look-alikes kept apart.

Works on the graph alone (built now, or read back with :func:`kg.load`), so a saved
``graph.json`` explains itself.
"""

from __future__ import annotations

import difflib

import networkx as nx

from kg.graph import nodes_of
from kg.normalize import names
from kg.normalize.ids import normalize_arxiv_id, normalize_doi
from kg.normalize.text import title_key


class NotFound(LookupError):
    """Nothing matches the query; ``suggestions`` are the closest names or titles."""

    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.suggestions = suggestions

    def __str__(self) -> str:
        text = str(self.args[0])
        if self.suggestions:
            text += "\nclosest matches:\n" + "\n".join(f"  {s}" for s in self.suggestions)
        return text


# --------------------------------------------------------------------------- finding


def find_author(G: nx.MultiDiGraph[str], query: str) -> str:
    """The author node a name (any spelling) or node id stands for."""
    authors = nodes_of(G, "Author")
    if query in authors:
        return query
    if f"author:{names.display_key(query)}" in authors:
        return f"author:{names.display_key(query)}"
    key = names.match_key(query)
    hits = sorted(
        n
        for n, d in authors.items()
        if key and any(names.match_key(v) == key for v in d.get("name_variants") or [d["name"]])
    )
    if hits:
        return hits[0]
    choices = {names.fold(d["name"]): d["name"] for d in authors.values()}
    close = difflib.get_close_matches(names.fold(query), list(choices), n=5, cutoff=0.6)
    raise NotFound(f"no author named {query!r} in the graph", [choices[c] for c in close])


def find_paper(G: nx.MultiDiGraph[str], query: str) -> str:
    """The paper node a node id, arXiv id, DOI, another id a source gives it (OpenAlex, dblp,
    BibTeX key) or title (case and punctuation aside) names."""
    papers = nodes_of(G, "Paper")
    if query in papers:
        return query
    arxiv, doi = normalize_arxiv_id(query), normalize_doi(query)
    wanted = title_key(query) or ""
    for node, d in sorted(papers.items()):
        if (arxiv and d.get("arxiv_id") == arxiv) or (doi and d.get("doi") == doi):
            return node
        if any(query.strip() in values for values in (d.get("ids") or {}).values()):
            return node
        if wanted and title_key(d.get("title")) == wanted:
            return node
    labels: dict[str, str] = {title_key(d.get("label")) or "": d["label"] for d in papers.values()}
    close = difflib.get_close_matches(wanted, list(labels), n=5, cutoff=0.5)
    if not close and wanted:
        close = [k for k in labels if wanted in k][:5]
    raise NotFound(f"no paper with the id or title {query!r} in the graph", [labels[c] for c in close])


# --------------------------------------------------------------------------- explaining


def explain_author(G: nx.MultiDiGraph[str], query: str) -> str:
    node = find_author(G, query)
    d = G.nodes[node]
    lines = [
        f"Author: {d['name']}  ({node})",
        f"  spellings: {'; '.join(d.get('name_variants') or [d['name']])}",
    ]
    if d.get("orcid"):
        lines.append(f"  ORCID: {d['orcid']}")
    if d.get("h_index") is not None or d.get("citations") is not None:
        lines.append(
            f"  profile: h-index {d.get('h_index')}, {d.get('citations')} citations, "
            f"{d.get('profile_paper_count')} papers listed"
        )
    papers = sorted(
        (data.get("position"), v, data.get("name_as_written"))
        for _, v, k, data in G.out_edges(node, keys=True, data=True)
        if k == "AUTHORED"
    )
    lines.append(f"  papers ({len(papers)}):")
    for position, paper, written in sorted(papers, key=lambda t: t[1]):
        p = G.nodes[paper]
        lines.append(f"    - {p.get('label')}  ({paper})")
        lines.append(f"      author {position} as {written!r}; sources: {', '.join(p.get('sources') or [])}")
    orgs = [(v, data) for _, v, k, data in G.out_edges(node, keys=True, data=True) if k == "MEMBER_OF"]
    if orgs:
        lines.append("  member of:")
        for org, data in sorted(orgs, key=lambda t: t[0]):
            lines.append(
                f"    - {G.nodes[org].get('name')} ({org}); tied by {', '.join(data.get('sources') or [])}"
            )
    lines += _merges(G, node)
    lines += _near_misses(G, node)
    return "\n".join(lines)


def explain_paper(G: nx.MultiDiGraph[str], query: str) -> str:
    if G.nodes.get(query, {}).get("type") == "Work":
        return explain_work(G, query)
    node = find_paper(G, query)
    d = G.nodes[node]
    lines = [f"Paper: {d.get('label')}  ({node})"]
    facts = [
        ("date", d.get("date")),
        ("category", d.get("category")),
        ("arXiv", d.get("arxiv_id")),
        ("DOI", d.get("doi")),
        ("venue", d.get("venue")),
    ]
    known = [f"{k} {v}" for k, v in facts if v]
    if known:
        lines.append("  " + "; ".join(known))
    other_ids = {s: v for s, v in (d.get("ids") or {}).items() if s not in ("arxiv", "doi")}
    if other_ids:
        lines.append("  other ids: " + "; ".join(f"{s} {', '.join(v)}" for s, v in sorted(other_ids.items())))
    authors = sorted(
        (data.get("position"), u, data.get("name_as_written"))
        for u, _, k, data in G.in_edges(node, keys=True, data=True)
        if k == "AUTHORED"
    )
    state = "cut short ('et al.')" if d.get("authors_truncated") else "complete"
    lines.append(f"  authors ({d.get('listed_author_count', len(authors))} listed, list {state}):")
    for position, author, written in authors:
        lines.append(f"    {position}. {G.nodes[author].get('name')} ({author}), written {written!r}")
    lines.append("  sources:")
    for source in d.get("sources") or []:
        lines.append(f"    - {source}")
    orgs = sorted(
        (v, data.get("as_written"))
        for _, v, k, data in G.out_edges(node, keys=True, data=True)
        if k == "AFFILIATED"
    )
    if orgs:
        lines.append(
            "  organisations: " + "; ".join(f"{G.nodes[o].get('name')} (written {w!r})" for o, w in orgs)
        )
    lines += _merges(G, node)
    lines += _near_misses(G, node)
    lines += _citations(G, node)
    return "\n".join(lines)


def explain_work(G: nx.MultiDiGraph[str], node: str) -> str:
    """A cited work outside the corpus: what the references say of it, and who cites it why."""
    d = G.nodes[node]
    lines = [f"Cited work (not in the corpus): {d.get('label')}  ({node})"]
    facts = [("first author", d.get("first_author")), ("year", d.get("year")), ("venue", d.get("venue"))]
    known = [f"{k} {v}" for k, v in facts if v]
    if known:
        lines.append("  " + "; ".join(known))
    for scheme, values in sorted((d.get("ids") or {}).items()):
        lines.append(f"  {scheme}: {', '.join(values)}")
    for raw in d.get("raw") or []:
        lines.append(f"  cited as: {raw}")
    return "\n".join(lines + _citations(G, node))


def _citations(G: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The papers and works ``node`` cites and the papers citing it, each with the rule that
    matched the reference and the records that give it."""
    lines: list[str] = []
    for title, edges in (
        ("cites", [(v, data) for _, v, k, data in G.out_edges(node, keys=True, data=True) if k == "CITES"]),
        ("cited by", [(u, data) for u, _, k, data in G.in_edges(node, keys=True, data=True) if k == "CITES"]),
    ):
        if edges:
            lines.append(f"  {title} ({len(edges)}):")
            for other, data in sorted(edges, key=lambda t: t[0]):
                lines.append(f"    - {G.nodes[other].get('label')} ({other}): {data.get('rule')}")
                lines.append(f"        {', '.join(data.get('sources') or [])}")
    return lines


def _merges(G: nx.MultiDiGraph[str], node: str) -> list[str]:
    merges = [m for m in G.graph.get("merges", []) if m.get("into") == node]
    if not merges:
        return ["  merges: none (a single description)"]
    lines = [f"  merges ({len(merges)}):"]
    for m in merges:
        lines.append(f"    - {m['merged']!r}: {m['reason']}")
        for evidence in m.get("evidence") or []:
            lines.append(f"        {evidence}")
    return lines


def _near_misses(G: nx.MultiDiGraph[str], node: str) -> list[str]:
    near = [n for n in G.graph.get("near_misses", []) if node in (n.get("a"), n.get("b"))]
    if not near:
        return []
    lines = [f"  kept apart ({len(near)}):"]
    for n in near:
        other = n["b"] if n["a"] == node else n["a"]
        label = G.nodes[other].get("label") if other in G else None
        lines.append(f"    - {other}{f' ({label})' if label else ''}: {n['reason']}")
    return lines
