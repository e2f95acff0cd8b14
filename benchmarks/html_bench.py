"""How fast the co-author page of a 10,000-author graph is written and becomes usable.

    python benchmarks/html_bench.py [--authors 10000] [--papers 7000] [--seed 7] [--keep DIR]

Builds a seeded synthetic knowledge graph (contract 2: papers, authors in groups of co-authors,
organisations, arXiv topics, PageRank and communities), writes ``coauthors.html`` with
``kg.export.html``, then opens it in headless Chromium and measures: time to the first drawing
(the page is usable: it can be panned, hovered and searched), time for a search to focus an
author, and time for a click to highlight the neighbours. Prints the figures; exits non-zero if
the page logs an error or makes any request beyond the file itself.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from synthetic import (
    add_affiliation,
    add_arxiv_topic,
    add_author,
    add_authorship,
    add_category,
    add_organization,
    add_paper,
    knowledge_graph,
)

from kg.export import ExportOptions
from kg.export.html.pages import write_coauthor_html
from kg.graph import KnowledgeGraph

FIRST = [
    "Ada",
    "Bo",
    "Chen",
    "Dana",
    "Eun-ji",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jae-won",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Vik",
    "Wei",
    "Xin",
    "Yuki",
    "Zoe",
]
LAST = [
    "Kim",
    "Lee",
    "Park",
    "Wang",
    "Zhang",
    "Smith",
    "Garcia",
    "Müller",
    "Rossi",
    "Sato",
    "Nguyen",
    "Cohen",
    "Silva",
    "Novak",
    "Ivanov",
    "Khan",
    "Dubois",
    "Okafor",
    "Larsen",
    "Costa",
]
TOPICS = [
    ("cs.CV", "Computer Vision and Pattern Recognition"),
    ("cs.CL", "Computation and Language"),
    ("cs.LG", "Machine Learning"),
    ("cs.IR", "Information Retrieval"),
    ("cs.RO", "Robotics"),
    ("cs.SD", "Sound"),
]
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def synthetic_kg(n_authors: int, n_papers: int, seed: int) -> KnowledgeGraph:
    """Groups of co-authors with heavy-tailed sizes; each paper draws 2-6 authors from one group
    and sometimes one outsider, so the co-author graph has one giant component and many small
    ones, like real listings."""
    rng = random.Random(seed)
    G = knowledge_graph("synthetic")
    groups, start = [], 0
    while start < n_authors:
        size = min(n_authors - start, max(2, int(rng.paretovariate(1.2) * 8)))
        groups.append(list(range(start, start + size)))
        start += size
    for i in range(n_authors):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        add_author(
            G, f"author:{i}", name, sorted({name, name.split()[0][0] + ". " + " ".join(name.split()[1:])})
        )
    for code, label in TOPICS:
        add_arxiv_topic(G, code, label)
    for g in range(len(groups) // 20 + 1):
        add_organization(G, f"org:org {g}", f"Institute {g}", [f"Institute {g}"])
    weights = [len(g) for g in groups]
    for p in range(n_papers):
        gi = rng.choices(range(len(groups)), weights)[0]
        group = groups[gi]
        authors = rng.sample(group, min(len(group), rng.randint(2, 6)))
        if rng.random() < 0.2:
            authors.append(rng.randrange(n_authors))
        pid, year = f"paper:t-{p:06d}", rng.randint(2015, 2024)
        title = f"Paper {p} on {rng.choice(TOPICS)[1].lower()}"
        add_paper(
            G,
            pid,
            title,
            abstract=None,
            date=f"{year}-01-01",
            year=year,
            category=None,
            code_urls=[],
            arxiv_id=None,
            truncated=False,
            listed_authors=len(authors),
            sources=[f"synthetic.txt:{p + 1}"],
        )
        add_category(G, pid, f"topic:arxiv:{TOPICS[gi % len(TOPICS)][0]}")
        add_affiliation(G, pid, f"org:org {gi // 20}", f"Institute {gi // 20}")
        for position, a in enumerate(dict.fromkeys(authors), start=1):
            add_authorship(G, f"author:{a}", pid, position, G.nodes[f"author:{a}"]["name"])
    kg = KnowledgeGraph(G)
    C = kg.coauthors()
    pagerank = nx.pagerank(C, weight="weight")
    degree = nx.degree_centrality(C)
    for gi, group in enumerate(groups):
        for a in group:
            node = G.nodes[f"author:{a}"]
            node.update(pagerank=pagerank[f"author:{a}"], degree=degree[f"author:{a}"], community=gi)
    return kg


def measure_page(html: Path, probe_name: str, probe_id: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    browser_path = shutil.which("chromium") or "/usr/bin/chromium"
    figures: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(html.as_uri(), wait_until="commit")
        # Predicates as functions: a string would need eval, which the page's CSP forbids.
        page.wait_for_function("() => window.kgPage && window.kgPage.ready", timeout=120_000, polling=20)
        figures["wall_until_first_draw_s"] = time.perf_counter() - started
        figures["first_draw_ms"] = page.evaluate("kgPage.firstDrawMs")
        figures["dom_content_loaded_ms"] = page.evaluate(
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        )
        page.screenshot(path=str(html.with_suffix(".png")))
        figures["nodes_drawn"] = page.evaluate("Object.keys(kgPage.network.body.nodes).length")
        figures["edges_drawn"] = page.evaluate("kgPage.network.body.edgeIndices.length")
        started = time.perf_counter()
        page.fill("#kg-search", probe_name)
        page.press("#kg-search", "Enter")
        page.wait_for_function("id => kgPage.selected === id", arg=probe_id, polling=10)
        figures["search_to_selected_ms"] = (time.perf_counter() - started) * 1000
        figures["redraw_ms"] = page.evaluate("""() => new Promise((done) => {
            const t = performance.now();
            kgPage.network.once('afterDrawing', () => done(performance.now() - t));
            kgPage.network.redraw(); })""")
        figures["highlight_ms"] = page.evaluate("""() => {
            const t = performance.now(); kgPage.select(kgPage.data.nodes[0].id, false);
            return performance.now() - t; }""")
        page.screenshot(path=str(html.with_suffix(".selected.png")))
        browser.close()
    if errors or requests != [html.as_uri()]:
        print(f"FAIL: console errors {errors[:3]}, requests {requests[:3]}", file=sys.stderr)
        sys.exit(1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authors", type=int, default=10_000)
    parser.add_argument("--papers", type=int, default=7_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the page (and a screenshot) here")
    args = parser.parse_args()

    started = time.perf_counter()
    kg = synthetic_kg(args.authors, args.papers, args.seed)
    C = kg.coauthors()
    print(
        f"synthetic graph: {C.number_of_nodes():,} authors, {C.number_of_edges():,} co-author links, "
        f"{nx.number_connected_components(C):,} components ({time.perf_counter() - started:.1f} s)"
    )
    out = args.keep or Path(tempfile.mkdtemp(prefix="kg-html-bench-"))
    html = out / "coauthors.html"
    started = time.perf_counter()
    write_coauthor_html(kg, html, ExportOptions(seed=args.seed))
    print(f"write coauthors.html: {time.perf_counter() - started:.2f} s, {html.stat().st_size / 1e6:.1f} MB")
    probe = max(kg.authors().items(), key=lambda item: (item[1]["pagerank"], item[0]))
    figures = measure_page(html, probe[1]["name_variants"][0], probe[0])
    for name, value in figures.items():
        print(f"{name:>26}: {value:,.1f}" if isinstance(value, float) else f"{name:>26}: {value:,}")
    if not args.keep:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
