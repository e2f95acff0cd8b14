"""The keys of the facts the pages carry (kg/export/html/page_keys.py) against the script that reads
them (kg/templates/graph.js): every key graph.js reads is declared, every declared key is read,
and the pages write exactly the declared keys."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest

from kg.export.html import page_keys
from kg.export.html.coauthors_page import coauthor_network
from kg.export.html.kg_page import knowledge_graph_network
from kg.export.html.template import TEMPLATES

#: What graph.js reads the facts of (``<receiver>.kg``): a node or an edge. ``)`` is a call's
#: result (``nodeById.get(id).kg``); ``copy`` is the copy graph.js strips the facts from.
RECEIVERS = {"node": "node", "n": "node", ")": "node", "edge": "edge", "copy": None}


def script_text(script: str) -> str:
    """graph.js without its comments (which quote keys as prose)."""
    script = re.sub(r"/\*.*?\*/", "", script, flags=re.DOTALL)
    return re.sub(r"(?<![:\\])//[^\n]*", "", script)


def block_after(script: str, start: int) -> str:
    """The text from ``start`` to the end of the block (``{ ... }``) it stands in."""
    depth = 0
    for i in range(start, len(script)):
        if script[i] == "{":
            depth += 1
        elif script[i] == "}":
            depth -= 1
            if depth < 0:
                return script[start:i]
    return script[start:]


def keys_read(script: str) -> dict[str, set[str]]:
    """The keys graph.js reads, by where they stand: ``item`` (the facts key itself), ``node``
    (``node.kg.X`` and ``k.X`` after ``const k = node.kg``), ``facet`` (``node.kg.f.X`` and
    ``f.X`` after ``const f = node.kg.f``), ``edge`` (``edge.kg.X``)."""
    facts, facets = re.escape(page_keys.FACTS), re.escape(page_keys.FACETS)
    read: dict[str, set[str]] = {"item": set(), "node": set(), "facet": set(), "edge": set()}
    receiver = r"(\b[A-Za-z_$][\w$]*|\))"
    for match in re.finditer(receiver + rf"\.{facts}\b(?:\.(\w+))?(?:\.(\w+))?", script):
        owner, first, second = match.groups()
        assert owner in RECEIVERS, f"graph.js reads the facts of {owner!r}: add it to RECEIVERS"
        read["item"].add(page_keys.FACTS)
        scope = RECEIVERS[owner]
        if scope is None or first is None:
            continue
        read[scope].add(first)
        if scope == "node" and first == page_keys.FACETS and second:
            read["facet"].add(second)
    for alias in re.finditer(rf"const (\w+) = {receiver}\.{facts}(\.{facets})?;", script):
        name, owner, facet = alias.groups()
        scope = "facet" if facet else RECEIVERS[owner]
        assert scope is not None
        body = block_after(script, alias.end())
        read[scope].update(re.findall(rf"(?<![\w$.]){re.escape(name)}\.(\w+)", body))
    return read


DECLARED = {
    "item": {page_keys.FACTS},
    "node": set(page_keys.NODE_FACTS),
    "facet": set(page_keys.FACET_KEYS),
    "edge": set(page_keys.EDGE_FACTS),
}


@pytest.fixture(scope="module")
def read_by_script() -> dict[str, set[str]]:
    return keys_read(script_text((TEMPLATES / "graph.js").read_text("utf-8")))


@pytest.mark.parametrize("scope", sorted(DECLARED))
def test_every_key_graph_js_reads_is_declared_and_every_declared_key_is_read(scope, read_by_script):
    assert read_by_script[scope] - DECLARED[scope] == set(), "read by graph.js, not in page_keys"
    assert DECLARED[scope] - read_by_script[scope] == set(), "in page_keys, never read by graph.js"


def test_the_mappings_are_frozen_and_name_each_key_once():
    mappings: list[Mapping[str, str]] = [page_keys.NODE_FACTS, page_keys.FACET_KEYS, page_keys.EDGE_FACTS]
    for mapping in mappings:
        with pytest.raises(TypeError):
            mapping["zz"] = "a new key"  # type: ignore[index]
        assert all(meaning for meaning in mapping.values())
    constants = {
        name: value for name, value in vars(page_keys).items() if name.isupper() and isinstance(value, str)
    }
    declared = [page_keys.FACTS, *page_keys.NODE_FACTS, *page_keys.FACET_KEYS, *page_keys.EDGE_FACTS]
    assert sorted(constants.values()) == sorted(declared)  # each constant in one mapping, none left out


def written_keys(nets) -> dict[str, set[str]]:
    written: dict[str, set[str]] = {"item": set(), "node": set(), "facet": set(), "edge": set()}
    for net in nets:
        for node in net.nodes:
            facts = node[page_keys.FACTS]
            written["item"].add(page_keys.FACTS)
            written["node"].update(facts)
            written["facet"].update(facts[page_keys.FACETS])
        for edge in net.edges:
            written["edge"].update(edge[page_keys.FACTS])
    return written


def test_the_pages_write_exactly_the_declared_keys(tiny_kg):
    nets = [
        coauthor_network(tiny_kg.coauthors(), tiny_kg.graph),
        knowledge_graph_network(tiny_kg.graph, coauthors=tiny_kg.coauthors()),
    ]
    assert written_keys(nets) == DECLARED


def test_the_reader_finds_reads_in_each_form():
    """The parse itself, on a script written for it: direct reads, aliases, calls, comments."""
    script = script_text(
        """
        // node.kg.zz is a comment
        function card(id) { const k = node.kg; use(k.name, k.v); }
        function other() { k.outside; }
        const x = nodeById.get(id).kg.kind + edge.kg.w;
        function passes(node) { const f = node.kg.f; return f.y; }
        """
    )
    read = keys_read(script)
    assert read == {"item": {"kg"}, "node": {"name", "v", "kind", "f"}, "facet": {"y"}, "edge": {"w"}}
