"""The root of the errors kg raises for its users: catch :class:`KgError` to catch them all."""

from __future__ import annotations


class KgError(Exception):
    """A mistake kg can explain in one line: its message says what went wrong and what to do."""
