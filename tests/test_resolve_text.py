"""The words resolution compares: ``text_words`` is "the ``\\w+`` runs of the folded text",
whichever way it finds them (ASCII text takes a faster path than the regular expression)."""

import re
from pathlib import Path

import pytest

from kg.normalize.names import fold
from kg.normalize.text import abstract_words, text_words, title_key

ROOT = Path(__file__).resolve().parent.parent
EDGE_CASES = Path(__file__).parent / "data" / "resolve" / "words_edge_cases.txt"


def lines_of(path):
    # split on "\n" only: the edge cases hold \v, \f and \x1c-\x1f, which splitlines() breaks on
    return path.read_text(encoding="utf-8").split("\n")


def by_definition(text):
    return re.findall(r"\w+", fold(text))


@pytest.mark.parametrize("path", [EDGE_CASES, *sorted((ROOT / "seeds").iterdir())], ids=lambda p: p.name)
def test_text_words_are_the_word_runs_of_the_folded_text(path):
    for line in lines_of(path):
        assert text_words(line) == by_definition(line), line


def test_punctuation_control_characters_and_underscores():
    assert text_words("snake_case_words and __dunder__, e-mail@example.org; 100% sure?") == [
        "snake_case_words",
        "and",
        "__dunder__",
        "e",
        "mail",
        "example",
        "org",
        "100",
        "sure",
    ]
    assert text_words("form\ffeed\x1cfile\x1funit\tand\vtab") == [
        "form",
        "feed",
        "file",
        "unit",
        "and",
        "tab",
    ]
    assert text_words("Viganò's naïve CAFÉ") == ["vigano", "s", "naive", "cafe"]
    assert text_words("中文标点：逗号，ASCII") == ["中文标点", "逗号", "ascii"]
    assert text_words("!!!") == [] and text_words("") == [] and text_words(None) == []


def test_title_key_and_abstract_words_use_the_same_words():
    assert title_key("Graph-based Learning: a 2nd Look (v2.0)") == "graph based learning a 2nd look v2 0"
    assert title_key("!!!") is None
    assert abstract_words("Abstract: the label word leads") == ["the", "label", "word", "leads"]
