"""kg's page template (``kg/templates/``) bound to a pyvis Network: vis-network options, the data
as script-safe JSON, the inlined scripts and styles and the Content-Security-Policy that admits them."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pyvis
from pyvis.network import Network

from kg.export.html.layout import EDGE_LENGTH
from kg.normalize.text import shortened, without_bidi_controls

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TEMPLATE = "graph.html"

#: Above this many nodes the page opens with physics off (the precomputed layout is final).
PHYSICS_NODE_LIMIT = 1000
SCREEN_LABEL_PX = 13.0  # label size on screen, whatever the zoom (the page rescales them)
#: The longest label drawn on the canvas: a longer name is cut with an ellipsis there, and shown
#: whole in its tooltip and details card (which wrap it inside their box).
MAX_CANVAS_LABEL = 60


def short_label(name: str) -> str:
    """A name where a page has room for a short one (drawn beside its node on the canvas, naming
    a legend entry): at most :data:`MAX_CANVAS_LABEL` characters."""
    return shortened(name, MAX_CANVAS_LABEL)


def page_network(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], page: dict[str, Any], heading: str
) -> Network:
    """A pyvis Network filled in bulk (pyvis' add_node/add_edge are quadratic) and bound to
    kg's template, so that ``generate_html()`` gives the offline page."""
    net = Network(
        height="100%", width="100%", directed=False, notebook=False, heading=heading, cdn_resources="in_line"
    )
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = vis_options(len(nodes))
    net.set_template_dir(str(TEMPLATES), TEMPLATE)
    env = net.templateEnv
    env.filters["script_json"] = script_json
    env.filters["parsed"] = json.loads
    scripts = (_asset("vis-network.min.js"), _template_text("graph.js"))
    env.globals.update(
        page={**page, "label_px": SCREEN_LABEL_PX},
        vis_js=scripts[0],
        page_js=scripts[1],
        vis_css=_asset("vis-network.css"),
        page_css=_template_text("graph.css"),
        script_hashes=" ".join(_csp_hash(s) for s in scripts),
    )
    return net


def vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: straight edges, hover events, physics only for small graphs (the
    positions are precomputed, so physics only relaxes them)."""
    large = n_nodes > PHYSICS_NODE_LIMIT
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {
                "face": "Inter, 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', "
                "'DejaVu Sans', sans-serif",
                "size": SCREEN_LABEL_PX,
                "color": "#1f2937",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
            "color": {"color": "#a3aab5", "highlight": "#374151", "hover": "#4b5563", "opacity": 0.55},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -40,
                "centralGravity": 0.002,
                "springLength": EDGE_LENGTH,
                "springConstant": 0.04,
                "damping": 0.6,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": not large, "iterations": 100, "fit": True},
            "minVelocity": 1.0,
        },
    }


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``, no
    ``<!--``, no character that a browser or a JS parser reads as markup or a line break; and
    no bidirectional override or isolate, so that no text of the data (a name, a title, a
    heading) reorders what the page shows. It is the one way data reaches a page."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    text = without_bidi_controls(text)  # JSON writes them only inside strings: removed from those
    for character, escape in _SCRIPT_ESCAPES.items():  # replace() is faster than a re.sub callback
        text = text.replace(character, escape)
    return text


def _inline(text: str) -> str:
    """Code inlined in ``<script>``/``<style>``: a closing tag or comment opener inside it would
    end the element early, so it is escaped (equivalent inside JS strings and CSS)."""
    text = re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy source that admits exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _asset(name: str) -> str:
    """vis-network's JS or CSS, from the copy the installed pyvis ships (no CDN)."""
    root = Path(pyvis.__file__).resolve().parent
    for folder in (root / "lib" / "vis-9.1.2", root / "templates" / "lib" / "vis-9.1.2"):
        if (folder / name).is_file():
            return _inline((folder / name).read_text(encoding="utf-8"))
    raise FileNotFoundError(f"{name} is not in the installed pyvis package ({root})")


@cache
def _template_text(name: str) -> str:
    return _inline((TEMPLATES / name).read_text(encoding="utf-8"))
