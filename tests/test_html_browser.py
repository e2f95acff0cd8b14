"""The HTML pages in a real browser: Debian's headless Chromium driven by Playwright.

Each page is opened from file:// with every request recorded: it must draw exactly the graph's
nodes and edges, log no error, ask for nothing beyond the file, find authors by any spelling, and
show hostile names as text without running them. Screenshots go to the test's tmp folder.
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.export import ExportOptions
from kg.export.html.coauthors_page import coauthor_network
from kg.export.html.pages import write_coauthor_html, write_knowledge_graph_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")

ROOT = Path(__file__).resolve().parent.parent
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 860}
# Anything a payload could call to prove it ran records itself here.
TRAP = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__ran.push(name + ":" + args.join(",")); };
}
"""


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found (Debian: apt-get install chromium); browser tests skipped")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def seeds_kg():
    import kg

    return kg.build([ROOT / "seeds"])


@dataclass
class Opened:
    page: object
    url: str
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def clean(self) -> None:
        """No console error, no script error, no request but the file, no payload ran."""
        assert self.errors == []
        assert self.requests == [self.url]
        assert self.js("() => window.__ran") == []

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(
            self.js(
                """id => {
            const net = kgPage.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('kg-graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""",
                node_id,
            )
        )

    def visible_nodes(self) -> set:
        return set(self.js("() => kgPage.network.body.nodeIndices"))


def open_page(browser, path: Path) -> Opened:
    page = browser.new_page(viewport=VIEWPORT)
    opened = Opened(page, path.resolve().as_uri())
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.add_init_script(TRAP)
    page.goto(opened.url)
    # Predicates are functions: a string would need eval, which the page's policy forbids.
    # (after the brief physics run of small graphs, which ends with physics off)
    page.wait_for_function("() => window.kgPage && kgPage.ready && !kgPage.network.physics.options.enabled")
    return opened


def screenshot(opened: Opened, path: Path) -> None:
    opened.page.screenshot(path=str(path))
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])


@pytest.fixture(scope="module")
def seeds_pages(seeds_kg, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds-html")
    write_coauthor_html(seeds_kg, out / "coauthors.html", ExportOptions())
    write_knowledge_graph_html(seeds_kg, out / "kg.html", ExportOptions())
    return out


def test_seeds_coauthor_page_draws_the_whole_graph_offline(browser, seeds_kg, seeds_pages):
    C = seeds_kg.coauthors()
    opened = open_page(browser, seeds_pages / "coauthors.html")
    counts = opened.js("""() => [kgPage.nodes.length, kgPage.edges.length,
        Object.keys(kgPage.network.body.nodes).length, kgPage.network.body.nodeIndices.length,
        kgPage.network.body.edgeIndices.length]""")
    assert counts == [len(C), C.number_of_edges(), len(C), len(C), C.number_of_edges()]
    legend = opened.js("() => [...document.querySelectorAll('#kg-legend li')].map(li => li.textContent)")
    expected = coauthor_network(C, seeds_kg.graph).templateEnv.globals["page"]["legend"]
    assert legend == [f"{item['label']}{item['count']:,}" for item in expected]
    assert opened.js("() => document.title") == "Co-author network"
    screenshot(opened, seeds_pages / "coauthors.png")
    opened.clean()


def test_seeds_whole_graph_page(browser, seeds_kg, seeds_pages):
    G = seeds_kg.graph
    shown = {n for n, d in G.nodes(data=True) if d["type"] != "Source"}
    keywords = {n for n in shown if G.nodes[n].get("scheme") == "keyword"}
    edges = [(u, v) for u, v, k in G.edges(keys=True) if k != "FROM_SOURCE"]
    opened = open_page(browser, seeds_pages / "kg.html")
    assert opened.js("() => [kgPage.nodes.length, kgPage.edges.length]") == [len(shown), len(edges)]
    assert opened.visible_nodes() == shown - keywords  # keywords start hidden
    assert opened.js("() => kgPage.network.body.edgeIndices.length") == sum(
        1 for u, v in edges if u not in keywords and v not in keywords
    )
    opened.page.click("#kg-legend li:last-child button")  # "Keywords": show them
    opened.page.wait_for_function("n => kgPage.network.body.nodeIndices.length === n", arg=len(shown))
    screenshot(opened, seeds_pages / "kg.png")
    opened.clean()


def test_search_finds_an_author_by_another_spelling_and_focuses_it(browser, seeds_kg, seeds_pages):
    authors = seeds_kg.authors()
    author, data = max(authors.items(), key=lambda a: (len(a[1]["name_variants"]), a[0]))
    spelling = next((v for v in data["name_variants"] if v != data["name"]), data["name"])
    opened = open_page(browser, seeds_pages / "coauthors.html")
    opened.page.fill("#kg-search", spelling.lower())
    first = opened.page.locator("#kg-results li").first
    assert data["name"] in first.text_content()
    opened.page.press("#kg-search", "Enter")
    opened.page.wait_for_function("id => kgPage.selected === id", arg=author)
    opened.page.wait_for_timeout(700)  # the focus animation
    box = opened.page.locator("#kg-graph").bounding_box()
    around = {author} | set(seeds_kg.coauthors()[author])
    for node in around:  # all of them in view
        x, y = opened.node_point(node)
        assert box["x"] < x < box["x"] + box["width"] and box["y"] < y < box["y"] + box["height"]
    assert opened.js("id => kgPage.network.getSelectedNodes()", author) == [author]
    label_px = opened.js("""() => { const net = kgPage.network, id = kgPage.data.nodes.find(n => n.label).id;
                                    return net.body.nodes[id].options.font.size * net.getScale(); }""")
    assert label_px == pytest.approx(13, rel=0.01)  # zoomed in, labels stay 13 px
    zoomed = opened.js("() => kgPage.network.getScale()")
    assert zoomed > opened.js(
        "() => { kgPage.network.fit({animation: false}); return kgPage.network.getScale(); }"
    )
    details = opened.page.locator("#kg-details")
    assert details.is_visible() and data["name"] in details.text_content()
    opened.clean()


def test_click_highlights_the_neighbours(browser, seeds_kg, seeds_pages):
    C = seeds_kg.coauthors()
    author = max(C, key=lambda n: (C.degree(n), n))
    opened = open_page(browser, seeds_pages / "coauthors.html")
    opened.page.mouse.click(*opened.node_point(author))
    opened.page.wait_for_function("id => kgPage.selected === id", arg=author)
    dimmed = set(
        opened.js("""() => Object.values(kgPage.network.body.nodes)
        .filter(n => n.options.color.background === '#e4e7ec').map(n => n.id)""")
    )
    assert set(C) - dimmed == {author} | set(C[author])
    opened.page.click("#kg-details-close")
    opened.page.wait_for_function("() => kgPage.selected === null")
    assert (
        opened.js(
            "() => Object.values(kgPage.network.body.nodes)"
            ".filter(n => n.options.color.background === '#e4e7ec').length"
        )
        == 0
    )
    opened.clean()


def test_filters_by_topic_years_and_community_then_reset(browser, tiny_kg, tmp_path):
    write_coauthor_html(tiny_kg, tmp_path / "tiny.html", ExportOptions())
    opened = open_page(browser, tmp_path / "tiny.html")
    all_authors = {"author:a", "author:b", "author:c", "author:d", "author:e"}
    assert opened.visible_nodes() == all_authors
    opened.page.select_option("#kg-topic", label="Computation and Language (cs.CL) (3)")
    assert opened.visible_nodes() == {"author:a", "author:c", "author:d"}  # papers t-2, t-3
    opened.page.click("#kg-reset")
    opened.page.fill("#kg-year-from", "2023")
    opened.page.dispatch_event("#kg-year-from", "change")
    assert opened.visible_nodes() == {"author:d", "author:e"}  # "Dogs Too", 2023
    assert opened.page.text_content("#kg-status") == "Showing 2 of 5 authors"
    assert opened.js("() => kgPage.network.body.edgeIndices.length") == 1
    opened.page.click("#kg-reset")
    assert opened.visible_nodes() == all_authors
    opened.clean()


def test_physics_button_stops_and_starts_the_layout(browser, tiny_kg, tmp_path):
    write_coauthor_html(tiny_kg, tmp_path / "tiny.html", ExportOptions())
    opened = open_page(browser, tmp_path / "tiny.html")
    button = opened.page.locator("#kg-physics")
    assert button.text_content() == "Run layout"  # a brief run, then still
    button.click()
    assert opened.js("() => kgPage.network.physics.options.enabled") is True
    assert button.text_content() == "Pause layout"
    button.click()
    assert opened.js("() => kgPage.network.physics.options.enabled") is False
    opened.clean()


@pytest.mark.parametrize("which", ["coauthors", "kg"])
def test_hostile_names_show_as_text_and_run_nothing(browser, hostile_kg, tmp_path, which):
    writer = write_coauthor_html if which == "coauthors" else write_knowledge_graph_html
    writer(hostile_kg, tmp_path / f"{which}.html", ExportOptions())
    opened = open_page(browser, tmp_path / f"{which}.html")
    page = opened.page
    targets = {"author:a": "<img src=x onerror=alert(1)>"}
    if which == "kg":
        targets.update(
            {
                "paper:t-1": "</script><script>alert(1)</script>",
                "org:acme": '<iframe src="javascript:alert(7)"></iframe> Acme',
                "topic:arxiv:cs.CV": "<b onmouseover=alert(6)>Vision</b> {{ 7*7 }} {% raw %}",
            }
        )
    for node, text in targets.items():
        page.mouse.move(*opened.node_point(node))
        tooltip = page.locator("#kg-tooltip")
        tooltip.wait_for(state="visible")
        assert text in tooltip.text_content()
        assert (
            opened.js(
                "() => document.querySelectorAll('#kg-tooltip img, #kg-tooltip script,"
                " #kg-tooltip iframe, #kg-tooltip svg, #kg-tooltip a, #kg-tooltip b').length"
            )
            == 0
        )
        page.mouse.move(2, 2)
    page.fill("#kg-search", "A. L")
    assert "<script>alert(2)</script>" in page.text_content("#kg-results")
    page.press("#kg-search", "Enter")
    page.wait_for_function("() => kgPage.selected === 'author:a'")
    assert "<img src=x onerror=alert(1)>" in page.text_content("#kg-details")
    options = page.eval_on_selector_all("#kg-topic option", "os => os.map(o => o.textContent)")
    assert any(o.startswith("<b onmouseover=alert(6)>Vision</b>") for o in options)
    assert (
        opened.js("() => document.querySelectorAll('main img, aside img, main iframe, aside b').length") == 0
    )
    screenshot(opened, tmp_path / f"{which}.png")
    opened.clean()
