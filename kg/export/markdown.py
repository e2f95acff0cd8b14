"""What the human-readable exports share: input text as literal Markdown, figures as PNG bytes."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

_MD_SPECIAL = set("\\`*_[]<>|#~&!")


def md(text: object) -> str:
    """Text from the inputs as literal Markdown: every character Markdown or HTML could act on
    is backslash-escaped, and line breaks become spaces (a table cell is one line)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in " ".join(str(text).split()))


def png(figure: Figure) -> bytes:
    """PNG bytes that depend only on the figure: no software version or date in the metadata."""
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()
