"""Double-decoded UTF-8 repaired once for every layout (kg.extract.checks), and reported."""

import pytest
from conftest import DATA, extraction_of

from kg.extract.checks import RECORD_CHECKS, repair_record_mojibake
from kg.model import AuthorRef, OrgRef, PaperRecord, Source
from kg.normalize.text import repair_mojibake


def _double_decoded(text: str) -> str:
    """``text`` as a tool leaves it that reads UTF-8 as Windows-1252 (Latin-1 where that has no
    character)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    "right", ["Aurora Ramírez", "José Raúl Romero", "Łukasz Kaiser", "赵军峰", "Κόσμε", "São Paulo", "Müller"]
)
def test_double_decoded_text_is_repaired(right):
    broken = _double_decoded(right)
    assert broken != right
    assert repair_mojibake(broken) == right


@pytest.mark.parametrize(
    "text",
    [
        "Aurora Ramírez",
        "Zoltán Fülöp",
        "Ångström and Brontë",
        "赵军峰，姚恺璇、李明",  # full-width punctuation stays full-width
        "Παπαδόπουλος",
        "∀x ∈ ℝ, x² ≥ 0 and α→β",
        "Ã is a letter of Portuguese",  # a lone Ã before a space
        "The Ã-algorithm",
        "“curly quotes” and ﬁ ligature",
        "Â",
        "plain ASCII",
    ],
)
def test_right_text_is_left_as_written(text):
    assert repair_mojibake(text) == text


def _record(**fields) -> PaperRecord:
    return PaperRecord(Source("x.json", 7, "openalex"), **fields)


def test_the_check_is_one_of_the_record_checks():
    assert repair_record_mojibake in RECORD_CHECKS


def test_a_repaired_record_is_reported_with_the_text_as_written():
    record = _record(
        title=_double_decoded("Córdoba"),
        authors=(
            AuthorRef(
                _double_decoded("Aurora Ramírez"), affiliations=(_double_decoded("Universidad de Córdoba"),)
            ),
        ),  # noqa: E501
        affiliations=(OrgRef(_double_decoded("Universidad de Córdoba"), "05yc77b46"),),
        keywords=("Bücher", _double_decoded("Bücher")),
    )
    fixed, findings = repair_record_mojibake(record)
    assert fixed.title == "Córdoba"
    assert fixed.authors[0].name == "Aurora Ramírez"
    assert fixed.authors[0].affiliations == ("Universidad de Córdoba",)
    assert fixed.affiliations == (OrgRef("Universidad de Córdoba", "05yc77b46"),)
    assert fixed.keywords == ("Bücher", "Bücher")
    [(severity, message)] = findings
    assert severity == "warning"
    assert "'Aurora RamÃ\\xadrez' -> 'Aurora Ramírez'" in message  # the text as written is kept here
    assert "title 'CÃ³rdoba' -> 'Córdoba'" in message


def test_a_right_record_is_returned_as_it_is():
    record = _record(title="Ã is a letter", authors=(AuthorRef("赵军峰"), AuthorRef("Aurora Ramírez")))
    assert repair_record_mojibake(record) == (record, [])


def test_a_mojibake_arxiv_atom_entry():
    extraction = extraction_of(DATA / "mixed_real" / "arxiv_query.atom", "arxiv_atom")
    right, broken = extraction.records
    assert broken.author_names == ("Aurora Ramírez", "José Raúl Romero")
    assert [o.name for o in broken.affiliations] == ["University of Córdoba"]
    assert broken.title == "Search-based software engineering: a survey of Córdoba's work"
    [problem] = [p for p in extraction.problems if "mojibake" in p.message]
    assert (problem.file, problem.line, problem.severity) == (
        str(DATA / "mixed_real" / "arxiv_query.atom"),
        broken.source.line,
        "warning",
    )
    assert "JosÃ© RaÃºl Romero" in problem.message
    assert right.author_names[-1] == "Illia Polosukhin"  # the right entry is not touched
