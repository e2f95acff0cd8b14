"""Interactive, offline HTML pages: the co-author graph (``coauthors.html``) and the whole
knowledge graph (``kg.html``).

pyvis is the interface users know: :func:`to_pyvis` returns a ``pyvis.network.Network`` with the
nodes, edges and options set, and ``net.generate_html()`` renders kg's own template
(``kg/templates/graph.html``). kg owns that template because pyvis 0.3.2 has traps:

- ``cdn_resources="in_line"`` still loads Bootstrap (and tom-select) from a CDN: our template embeds
  vis-network's JS and CSS, read at run time from the copy bundled in the pyvis package, and nothing
  else; a Content-Security-Policy forbids every request, so the page works from ``file://``.
- ``heading``, select-menu options and a node ``title`` containing ``href`` are inserted as raw HTML:
  here every piece of data travels as JSON inside ``<script type="application/json">`` (with ``<``,
  ``>``, ``&``, U+2028/2029 escaped), nodes carry no ``title``, and the page builds every text
  (tooltips, legend, menus) with ``textContent``.
- ``from_nx`` mutates the graph it reads and ``add_node``/``add_edge`` are quadratic: the network is
  filled in bulk from a read-only pass.
- ``show()``/``write_html()`` depend on notebook mode and the working directory and write with the
  platform's encoding: the exporters write ``generate_html()`` themselves, as UTF-8, atomically.

The layout is precomputed and seeded (igraph Fruchterman-Reingold per connected component, the
components packed in rows), so a 10,000-author page opens without a physics run; above
:data:`~kg.export.html.template.PHYSICS_NODE_LIMIT` nodes the page starts with physics off.

The modules, one job each:

- :mod:`~kg.export.html.pages`: the two exports, ``kg build``'s notes on them, :func:`to_pyvis`
- :mod:`~kg.export.html.coauthors_page`, :mod:`~kg.export.html.kg_page`: one page each
- :mod:`~kg.export.html.authors`: what sizes, colours and describes the authors on both pages
- :mod:`~kg.export.html.graph_links`: the knowledge graph's edges and names as the pages read them
- :mod:`~kg.export.html.tables`: the paper and topic rows and filter choices both pages share
- :mod:`~kg.export.html.page_keys`: the keys of the facts graph.js reads, declared once
- :mod:`~kg.export.html.numeric`, :mod:`~kg.export.html.layout`: numbers and sizes; the layout
- :mod:`~kg.export.html.template`: kg's template bound to pyvis, script-safe JSON, the CSP

The package itself holds nothing but this overview.
"""
