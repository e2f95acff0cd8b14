"""Short import path for the HTML pages: ``from kg.html import to_pyvis``. See kg.export.html."""

from kg.export.html.pages import to_pyvis, write_coauthor_html, write_knowledge_graph_html

__all__ = ["to_pyvis", "write_coauthor_html", "write_knowledge_graph_html"]
