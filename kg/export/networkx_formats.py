"""networkx exports: node-link JSON, GraphML and GEXF of the full graph and the co-author graph,
and :func:`load_graph` (``kg.load``), which reads them back exactly as they were built.

Reading them back with networkx alone::

    import json, networkx as nx
    G = nx.node_link_graph(json.load(open("exports/graph.json")))      # networkx 3.6
    G = nx.node_link_graph(json.load(open("exports/graph.json")), edges="edges")   # 3.4, 3.5
    H = nx.read_graphml("exports/graph.graphml", force_multigraph=True)
    C = nx.read_gexf("exports/coauthors.gexf")

kg writes the node-link edge list under ``"edges"``, networkx 3.6's default key (3.4 and 3.5
default to ``"links"`` and warn, so name it there; 3.3 and older call the argument ``link=``).

Node-link JSON keeps every attribute as built (lists, None). GraphML and GEXF hold no lists and no
None: kg drops None and writes lists and dicts as JSON strings. In GraphML the graph attribute
``kg_attributes`` (JSON) says how to undo that: ``json`` names the attributes to ``json.loads``
(``{"graph": [...], "node": [...], "edge": [...]}``), ``node``/``edge`` list every attribute name
per ``type`` (so dropped None values can be put back), and ``multigraph`` says whether the graph
was one (networkx reads a multigraph without parallel edges as a plain DiGraph unless told
``force_multigraph=True``). GEXF keeps no graph attributes; there the JSON-encoded attributes are
those of :data:`LIST_ATTRIBUTES`. :func:`load_graph` undoes all of it.

The writers stream: elements are sorted and written a few thousand at a time, never built as a
tree, so time and memory grow linearly (networkx's own writers build an ElementTree first). Node-link
items are compact JSON from orjson (:mod:`kg.export.json_text`: same parsed values as ``json``);
GraphML and GEXF type each attribute once per export and render its values with one function
chosen for that type. Output is deterministic: nodes and edges sorted, attribute names sorted, no
dates. Characters XML 1.0 cannot hold (control characters) are written as U+FFFD in GraphML and GEXF.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from kg.export.atomic import atomic_open
from kg.export.json_text import dumpb

if TYPE_CHECKING:
    from kg.export import ExportOptions
    from kg.graph import KnowledgeGraph

#: The node-link key of the edge list (networkx 3.6's default, spelled out for older versions).
EDGES_KEY = "edges"
#: The graph attribute of a GraphML file that says which attributes were encoded or dropped.
SCHEMA_ATTRIBUTE = "kg_attributes"
#: The list and dict attributes of DESIGN.md contract 2 (what GEXF files JSON-encode).
LIST_ATTRIBUTES = ("aliases", "code_urls", "ids", "name_variants", "papers", "sources", "terms")
#: The attributes every node of a type has in memory (DESIGN.md, "Contract 2 in detail"): what a
#: GEXF file, which drops None and keeps no schema, gets back as None.
NODE_ATTRIBUTES = {
    "Paper": (
        "type",
        "label",
        "title",
        "abstract",
        "date",
        "year",
        "category",
        "code_urls",
        "has_code",
        "arxiv_id",
        "doi",
        "authors_truncated",
        "listed_author_count",
        "title_zh",
        "summary_zh",
        "venue",
        "ids",
        "sources",
    ),
    "Author": (
        "type",
        "label",
        "name",
        "name_variants",
        "paper_count",
        "orcid",
        "ids",
        "h_index",
        "citations",
        "profile_paper_count",
    ),
    "Organization": ("type", "label", "name", "aliases", "ror", "ambiguous"),
    "Topic": ("type", "label", "label_zh", "scheme", "code", "terms"),
    "Source": ("type", "label", "path", "layout", "encoding", "records", "problems"),
}


# --------------------------------------------------------------------------- exporters


def write_node_link(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    write_node_link_graph(kg.graph, path)


def write_graphml(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    write_graphml_graph(kg.graph, path)


def write_coauthors_node_link(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    write_node_link_graph(kg.coauthors(), path)


def write_citations_node_link(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> list[Path]:
    """The citation graph (:meth:`KnowledgeGraph.citations`); nothing when no source gave
    references (a corpus of listings has no citation layer)."""
    if "citations" not in kg.graph.graph:
        return []
    write_node_link_graph(kg.citations(), path)
    return [path]


def write_coauthors_graphml(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    write_graphml_graph(kg.coauthors(), path)


def write_gexf(kg: KnowledgeGraph, path: Path, options: ExportOptions) -> None:
    write_gexf_graph(kg.coauthors(), path)


# --------------------------------------------------------------------------- sorted elements


def sorted_nodes(G: nx.Graph[str]) -> list[tuple[Any, dict[str, Any]]]:
    return sorted(G.nodes.items(), key=lambda item: str(item[0]))


def sorted_edges(
    G: nx.Graph[str], nodes: list[tuple[Any, dict[str, Any]]] | None = None
) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    """(u, v, key or None, data), sorted by ``str`` of each; an undirected edge is written once,
    smaller end first. ``nodes``: :func:`sorted_nodes` of G, when already at hand.

    The edges are gathered node by node in sorted node order, and only each node's own edges
    are sorted: one sort of every edge (10 million at a million papers) took a minute."""
    order = [node for node, _ in (sorted_nodes(G) if nodes is None else nodes)]
    rank = {node: i for i, node in enumerate(order)}
    by_rank = rank.__getitem__
    directed, multigraph = G.is_directed(), G.is_multigraph()
    edges: list[tuple[Any, Any, Any, dict[str, Any]]] = []
    for u, r in rank.items():
        start = len(edges)
        for v, value in G._adj[u].items():  # type: ignore[attr-defined]  # the adjacency dict: views cost more
            if directed or by_rank(v) >= r:  # undirected: from the smaller end only
                if multigraph:
                    edges.extend((u, v, k, d) for k, d in value.items())
                else:
                    edges.append((u, v, None, value))
        if len(edges) - start > 1:
            edges[start:] = sorted(edges[start:], key=lambda e: (by_rank(e[1]), str(e[2])))
    return edges


# --------------------------------------------------------------------------- node-link JSON

#: Items (JSON lines, XML elements) gathered before one write.
_ITEMS_PER_WRITE = 2048


def write_node_link_graph(G: nx.Graph[str], path: Path) -> None:
    """networkx node-link JSON (``nx.node_link_data(G, edges="edges")``), one node or edge a line
    in compact JSON (:mod:`kg.export.json_text`), written as it goes (the whole text of a
    100k-paper graph would take gigabytes as one string)."""
    with atomic_open(path, "wb") as out:
        out.write(
            b'{"directed": '
            + dumpb(G.is_directed())
            + b', "multigraph": '
            + dumpb(G.is_multigraph())
            + b',\n "graph": '
            + dumpb(G.graph, sort_keys=True)
            + b',\n "nodes": ['
        )
        nodes = sorted_nodes(G)
        _write_items(out, ({**d, "id": n} for n, d in nodes))
        out.write(f'\n ],\n "{EDGES_KEY}": ['.encode())
        _write_items(out, (_link(u, v, k, d) for u, v, k, d in sorted_edges(G, nodes)))
        out.write(b"\n ]\n}\n")


def _write_items(out: IO[bytes], items: Iterable[dict[str, Any]]) -> None:
    """The items of a JSON array, comma-separated, one a line, a few thousand a write."""
    items = iter(items)
    separator = b"\n  "
    while chunk := [dumpb(item, sort_keys=True) for item in islice(items, _ITEMS_PER_WRITE)]:
        out.write(separator + b",\n  ".join(chunk))
        separator = b",\n  "


def _link(u: Any, v: Any, key: Any, data: dict[str, Any]) -> dict[str, Any]:
    link = {**data, "source": u, "target": v}
    if key is not None:
        link["key"] = key
    return link


# --------------------------------------------------------------------------- flattening

#: What the GraphML/GEXF attribute strings and the GraphML schema hold: ``json.dumps(value,
#: ensure_ascii=False, sort_keys=True)``, with the encoder built once.
_SPACED_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _dumps(value: Any) -> str:
    return _SPACED_JSON.encode(value)


def flat_value(value: Any) -> Any:
    """What a GraphML/GEXF attribute holds: None stays None (dropped), lists and dicts as JSON."""
    if isinstance(value, (list, tuple, dict)):
        return _dumps(list(value) if isinstance(value, tuple) else value)
    if isinstance(value, set):
        return _dumps(sorted(value))
    return value


class _Schema:
    """The attribute names and value types of one graph, per element kind, from a first pass."""

    def __init__(self) -> None:
        self.types: dict[tuple[str, str], set[type]] = {}
        self.encoded: dict[str, set[str]] = {"graph": set(), "node": set(), "edge": set()}
        self.by_type: dict[str, dict[str, set[str]]] = {"node": {}, "edge": {}}

    def see(self, kind: str, data: dict[str, Any]) -> None:
        self.see_all(kind, (data,))

    def see_all(self, kind: str, items: Iterable[dict[str, Any]]) -> None:
        """Take in every attribute dict of one kind: (name, type) pairs are gathered in C, then
        each distinct pair is classified once."""
        pairs: set[tuple[str, type]] = set()
        by_type = self.by_type.get(kind)
        for data in items:
            pairs.update(zip(data, map(type, data.values()), strict=True))
            if by_type is not None:
                by_type.setdefault(str(data.get("type")), set()).update(data)
        for name, kind_of_value in pairs:
            if kind_of_value is type(None):
                continue
            if issubclass(kind_of_value, (list, tuple, dict, set)):
                self.encoded[kind].add(name)
                kind_of_value = str
            self.types.setdefault((kind, name), set()).add(kind_of_value)

    def type_of(self, kind: str, name: str) -> type:
        """One type per attribute: bool, int, float (ints and floats mixed) or str (anything else)."""
        found = self.types[(kind, name)]
        if len(found) == 1:
            return next(iter(found))
        return float if found <= {int, float} else str

    def as_json(self, multigraph: bool) -> str:
        return _dumps(
            {
                "json": {k: sorted(v) for k, v in self.encoded.items()},
                "multigraph": multigraph,
                "node": {t: sorted(n) for t, n in sorted(self.by_type["node"].items())},
                "edge": {t: sorted(n) for t, n in sorted(self.by_type["edge"].items())},
            }
        )

    def renderers(self, kind: str, names: Iterable[str]) -> dict[str, Callable[[Any], str]]:
        """name -> the function that gives a value of it as XML text (:func:`xml_text` of
        :func:`flat_value` at the attribute's type), chosen once per attribute."""
        return {name: _renderer(self.type_of(kind, name), name in self.encoded[kind]) for name in names}


def _schema_of(
    G: nx.Graph[str],
    nodes: list[tuple[Any, dict[str, Any]]],
    edges: list[tuple[Any, Any, Any, dict[str, Any]]],
) -> _Schema:
    schema = _Schema()
    schema.see("graph", G.graph)
    schema.see_all("node", [data for _, data in nodes])
    schema.see_all("edge", [edge[3] for edge in edges])
    return schema


#: An attribute's type as GraphML and GEXF declare it (``attr.type``, ``type``).
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: Any, as_type: type) -> str:
    """A flattened value as XML character data of the attribute's declared type."""
    return _TEXT_OF.get(as_type, _str_text)(value)


def _escaped(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if not text.isprintable():
        # character references keep line breaks and tabs exact, in attributes too
        text = (
            _NOT_XML.sub("\ufffd", text).replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")
        )
    return text


def _str_text(value: Any) -> str:
    return _escaped(value if type(value) is str else str(value))


#: Per declared type, a value as XML text (numbers need no escaping; anything else is text).
_TEXT_OF: dict[type, Callable[[Any], str]] = {
    bool: lambda value: "true" if value else "false",
    float: lambda value: repr(float(value)),
    int: lambda value: str(int(value)),
    str: _str_text,
}


def _renderer(as_type: type, encoded: bool) -> Callable[[Any], str]:
    """:func:`xml_text` for one declared type, chosen once; an attribute that holds lists or
    dicts somewhere is flattened first."""
    text = _TEXT_OF.get(as_type, _str_text)
    return (lambda value: text(flat_value(value))) if encoded else text


# --------------------------------------------------------------------------- GraphML

_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def write_graphml_graph(G: nx.Graph[str], path: Path) -> None:
    """GraphML that ``nx.read_graphml`` reads (see the module docstring for lists and None)."""
    nodes = sorted_nodes(G)
    edges = sorted_edges(G, nodes)
    schema = _schema_of(G, nodes, edges)
    graph_data = {**G.graph, SCHEMA_ATTRIBUTE: schema.as_json(G.is_multigraph())}
    schema.see("graph", {SCHEMA_ATTRIBUTE: ""})
    keys = {kn: f"d{i}" for i, kn in enumerate(sorted(schema.types))}
    fields = {
        kind: _graphml_fields(schema, kind, keys, indent)
        for kind, indent in (("graph", "    "), ("node", "      "), ("edge", "      "))
    }
    with atomic_open(path) as out:
        out.write(_GRAPHML_HEAD)
        for (kind, name), key in keys.items():
            out.write(
                f'  <key id="{key}" for="{kind}" attr.name="{xml_text(name, str)}" '
                f'attr.type="{_XML_TYPES[schema.type_of(kind, name)]}" />\n'
            )
        out.write(f'  <graph edgedefault="{"directed" if G.is_directed() else "undirected"}">\n')
        parts: list[str] = []
        _graphml_data(parts, graph_data, fields["graph"])
        node_fields, edge_fields = fields["node"], fields["edge"]
        node_text = {node: _str_text(node) for node, _ in nodes}  # escaped once, used by every edge
        for i, (node, data) in enumerate(nodes):
            parts.append(f'    <node id="{node_text[node]}">\n')
            _graphml_data(parts, data, node_fields)
            parts.append("    </node>\n")
            _write_every(out, parts, i)
        for i, (u, v, key, data) in enumerate(edges):
            ident = "" if key is None else f' id="{_str_text(key)}"'
            parts.append(f'    <edge source="{node_text[u]}" target="{node_text[v]}"{ident}>\n')
            _graphml_data(parts, data, edge_fields)
            parts.append("    </edge>\n")
            _write_every(out, parts, i)
        parts.append("  </graph>\n</graphml>\n")
        out.write("".join(parts))


def _write_every(out: IO[str], parts: list[str], count: int) -> None:
    """Write and empty ``parts`` at every :data:`_ITEMS_PER_WRITE`-th element (few large writes)."""
    if count % _ITEMS_PER_WRITE == 0:
        out.write("".join(parts))
        parts.clear()


def _graphml_fields(
    schema: _Schema, kind: str, keys: dict[tuple[str, str], str], indent: str
) -> dict[str, tuple[str, Callable[[Any], str]]]:
    """name -> (the opening ``<data key=..>`` of the attribute, its renderer), for one kind."""
    names = [name for k, name in keys if k == kind]
    render = schema.renderers(kind, names)
    return {name: (f'{indent}<data key="{keys[(kind, name)]}">', render[name]) for name in names}


def _graphml_data(
    parts: list[str], data: dict[str, Any], fields: dict[str, tuple[str, Callable[[Any], str]]]
) -> None:
    for name in sorted(data):
        value = data[name]
        if value is not None:
            opening, render = fields[name]
            parts.append(f"{opening}{render(value)}</data>\n")


# --------------------------------------------------------------------------- GEXF

_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n  <meta>\n    <creator>kg</creator>\n  </meta>\n'
)
#: Attributes GEXF holds in the element itself, not as attvalues.
_GEXF_NODE_OWN = ("label",)
_GEXF_EDGE_OWN = ("weight",)


def write_gexf_graph(G: nx.Graph[str], path: Path) -> None:
    """GEXF 1.2 for Gephi, which ``nx.read_gexf`` reads. Node labels and edge weights are
    GEXF's own; other attributes are declared attributes (lists and dicts as JSON)."""
    nodes = sorted_nodes(G)
    edges = sorted_edges(G, nodes)
    schema = _schema_of(G, nodes, edges)
    ids = {
        kind: {
            name: str(i)
            for i, name in enumerate(sorted(n for k, n in schema.types if k == kind and n not in own))
        }
        for kind, own in (("node", _GEXF_NODE_OWN), ("edge", _GEXF_EDGE_OWN))
    }
    fields = {kind: _gexf_fields(schema, kind, ids[kind]) for kind in ("node", "edge")}
    with atomic_open(path) as out:
        out.write(_GEXF_HEAD)
        out.write(
            f'  <graph defaultedgetype="{"directed" if G.is_directed() else "undirected"}" mode="static">\n'
        )
        for kind in ("node", "edge"):
            out.write(f'    <attributes class="{kind}" mode="static">\n')
            for name, ident in ids[kind].items():
                out.write(
                    f'      <attribute id="{ident}" title="{xml_text(name, str)}" '
                    f'type="{_XML_TYPES[schema.type_of(kind, name)]}" />\n'
                )
            out.write("    </attributes>\n")
        parts = ["    <nodes>\n"]
        node_fields, edge_fields = fields["node"], fields["edge"]
        node_text = {node: _str_text(node) for node, _ in nodes}  # escaped once, used by every edge
        for i, (node, data) in enumerate(nodes):
            label = data.get("label")
            label = node if label is None else label
            parts.append(f'      <node id="{node_text[node]}" label="{_str_text(label)}">\n')
            _gexf_values(parts, data, node_fields)
            parts.append("      </node>\n")
            _write_every(out, parts, i)
        parts.append("    </nodes>\n    <edges>\n")
        for n, (u, v, _key, data) in enumerate(edges):
            weight = data.get("weight")
            weight = "" if weight is None else f' weight="{xml_text(weight, float)}"'
            parts.append(f'      <edge source="{node_text[u]}" target="{node_text[v]}" id="{n}"{weight}>\n')
            _gexf_values(parts, data, edge_fields)
            parts.append("      </edge>\n")
            _write_every(out, parts, n)
        parts.append("    </edges>\n  </graph>\n</gexf>\n")
        out.write("".join(parts))


def _gexf_fields(
    schema: _Schema, kind: str, ids: dict[str, str]
) -> dict[str, tuple[str, Callable[[Any], str]]]:
    """name -> (the start of its ``<attvalue``, its renderer), for the declared attributes of a kind."""
    render = schema.renderers(kind, ids)
    return {name: (f'          <attvalue for="{ident}" value="', render[name]) for name, ident in ids.items()}


def _gexf_values(
    parts: list[str], data: dict[str, Any], fields: dict[str, tuple[str, Callable[[Any], str]]]
) -> None:
    values = [
        f'{field[0]}{field[1](value)}" />\n'
        for name in sorted(data)
        if (value := data[name]) is not None and (field := fields.get(name))
    ]
    if values:
        parts.append("        <attvalues>\n")
        parts += values
        parts.append("        </attvalues>\n")


# --------------------------------------------------------------------------- reading back


class UnknownGraphFormat(ValueError):
    """A file whose suffix names none of the graph formats kg reads back (see :data:`READERS`)."""


def load_graph(path: str | Path) -> nx.Graph[str]:
    """A graph kg wrote, as it was built: node-link JSON (``.json``), GraphML or GEXF, read by
    the reader :data:`READERS` holds for its suffix. Raises :class:`UnknownGraphFormat`."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnknownGraphFormat(
            f"{path}: not a graph file kg reads back (known: {', '.join(sorted(READERS))}; "
            "for .ttl, .nt and .jsonld use kg query)"
        )
    return reader(path)


def read_node_link(path: Path) -> nx.Graph[str]:
    """Node-link JSON, as :func:`write_node_link_graph` wrote it (or with networkx's ``links``)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    graph: nx.Graph[str] = nx.node_link_graph(data, edges=EDGES_KEY if EDGES_KEY in data else "links")
    return graph


def read_graphml(path: Path) -> nx.Graph[str]:
    """GraphML, its lists, dicts and None put back from the ``kg_attributes`` schema."""
    G: nx.Graph[str] = nx.read_graphml(path, force_multigraph=True)
    schema = json.loads(G.graph.pop(SCHEMA_ATTRIBUTE, "{}"))
    if not schema.get("multigraph", True):
        G = nx.DiGraph(G) if G.is_directed() else nx.Graph(G)
    return unflatten(G, schema)


def read_gexf(path: Path) -> nx.Graph[str]:
    """GEXF (no schema in the file: the list attributes are :data:`LIST_ATTRIBUTES`)."""
    G: nx.Graph[str] = nx.read_gexf(path)
    schema = {
        "json": {"graph": [], "node": list(LIST_ATTRIBUTES), "edge": list(LIST_ATTRIBUTES)},
        "node": _names_by_type(
            [{**dict.fromkeys(n), "type": t} for t, n in NODE_ATTRIBUTES.items()]
            + [d for _, d in G.nodes(data=True)]
        ),
    }
    unflatten(G, schema)
    _undo_gexf_edges(G)
    return G


#: suffix -> the reader of that graph format; :func:`load_graph` (``kg.load``, ``kg html
#: --graph``, ``kg explain --graph``) reads through it. A new format: one reader, one line.
READERS: dict[str, Callable[[Path], nx.Graph[str]]] = {
    ".json": read_node_link,
    ".graphml": read_graphml,
    ".gexf": read_gexf,
}


def _undo_gexf_edges(G: nx.Graph[str]) -> None:
    """GEXF gives every edge an ``id`` and a float ``weight``; the co-author graph has neither
    (its weights count shared papers)."""
    for *_, data in G.edges(data=True):
        data.pop("id", None)
        weight = data.get("weight")
        if isinstance(weight, float) and weight.is_integer():
            data["weight"] = int(weight)


def unflatten(G: nx.Graph[str], schema: dict[str, Any]) -> nx.Graph[str]:
    """Undo what GraphML/GEXF cannot hold, in place: decode the JSON attributes, put back None,
    drop the defaults networkx's readers add."""
    for key in ("node_default", "edge_default"):
        if not G.graph.get(key):
            G.graph.pop(key, None)
    if isinstance(G, nx.Graph) and G.graph.get("mode") == "static":
        G.graph.pop("mode")
    encoded = schema.get("json", {})
    _decode(G.graph, encoded.get("graph", []))
    for _, data in G.nodes(data=True):
        _decode(data, encoded.get("node", []))
        _fill(data, schema.get("node", {}))
    for *_, data in G.edges(data=True):
        _decode(data, encoded.get("edge", []))
        _fill(data, schema.get("edge", {}))
    return G


def _decode(data: dict[str, Any], names: Iterable[str]) -> None:
    for name in names:
        value = data.get(name)
        if isinstance(value, str):
            try:
                data[name] = json.loads(value)
            except json.JSONDecodeError:
                pass  # text that only shares a list attribute's name (GEXF from elsewhere)


def _fill(data: dict[str, Any], names_by_type: dict[str, list[str]]) -> None:
    for name in names_by_type.get(str(data.get("type")), ()):
        data.setdefault(name, None)


def _names_by_type(items: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    names: dict[str, set[str]] = {}
    for data in items:
        names.setdefault(str(data.get("type")), set()).update(data)
    return {t: sorted(n) for t, n in sorted(names.items())}
