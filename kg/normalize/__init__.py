"""Normalisation: one place per kind of value (names, dates, organisations, categories)."""
