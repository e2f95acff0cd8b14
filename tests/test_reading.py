"""Reading input files: encodings, BOMs, line ends, binary, empty, missing, unknown layouts.

None of these may crash a run: each becomes a Problem, and the other files are still read."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import DATA, SEEDS

from kg.extract import extract_file, extract_paths, layouts
from kg.extract.reading import InputError, decode_bytes, read_input
from kg.model import ExtractOptions

READING = DATA / "reading"
DIGEST_SEED = SEEDS / "004_19cb0c8271dea555.txt"


def _only_problem(fe):
    assert fe.layout is None and fe.extraction.records == ()
    (problem,) = fe.extraction.problems
    assert problem.file == fe.file and problem.severity == "error"
    return problem.message


def _records_without_file(fe):
    return [
        dataclasses.replace(r, source=dataclasses.replace(r.source, file="-")) for r in fe.extraction.records
    ]


def test_empty_file():
    assert _only_problem(extract_file(READING / "empty.txt")) == "empty file"
    assert "empty file" in _only_problem(extract_file(READING / "whitespace_only.txt"))


def test_binary_file_committed_and_written_from_bytes(tmp_path):
    assert "binary file" in _only_problem(extract_file(READING / "tiny.png"))
    noise = tmp_path / "noise.dat"
    noise.write_bytes(bytes(range(256)) * 8)
    assert "binary file" in _only_problem(extract_file(noise))
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes(range(1, 32)) * 40)
    assert "binary file" in _only_problem(extract_file(controls))


def test_file_in_no_known_layout_names_every_known_layout():
    message = _only_problem(extract_file(READING / "unknown_layout.txt"))
    assert "no known layout" in message and "--layout" in message
    assert all(name in message for name in layouts())


def test_missing_file_and_folder_given_as_file(tmp_path):
    assert _only_problem(extract_file(tmp_path / "nope.txt")) == "no such file"
    with pytest.raises(InputError, match="folder"):
        read_input(tmp_path)


def test_utf8_with_bom():
    assert (READING / "bom_abstracts.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    fe = extract_file(READING / "bom_abstracts.txt")
    assert (fe.layout, fe.encoding) == ("abstract_lines", "utf-8-sig")
    assert [r.source.line for r in fe.extraction.records] == [1, 2, 3]
    assert fe.extraction.records[0].abstract.startswith("We study caching")
    assert "北京" in fe.extraction.records[2].abstract


def test_crlf_line_ends_keep_line_numbers():
    path = READING / "crlf_abstracts.txt"
    raw_lines = path.read_bytes().split(b"\r\n")
    fe = extract_file(path)
    expected = [n for n, line in enumerate(raw_lines, 1) if line.startswith(b"Abstract:")]
    assert [r.source.line for r in fe.extraction.records] == expected == [1, 4, 6]
    assert [(p.line, p.severity) for p in fe.extraction.problems] == [(3, "warning")]
    assert not any("\r" in r.abstract for r in fe.extraction.records)
    assert decode_bytes(b"a\r\nb\rc\n").text == "a\nb\nc\n"


def test_digest_saved_as_gb18030_is_detected_and_read_like_the_utf8_seed(tmp_path):
    gb = tmp_path / "digest_gb18030.txt"
    gb.write_bytes(DIGEST_SEED.read_text(encoding="utf-8").encode("gb18030"))
    utf8 = extract_file(DIGEST_SEED)
    detected = extract_file(gb)
    forced = extract_file(gb, ExtractOptions(encoding="gb18030"))
    assert (detected.layout, detected.encoding) == ("arxiv_digest", "gb18030")
    assert forced.encoding == "gb18030"
    assert len(utf8.extraction.records) == 9
    assert _records_without_file(detected) == _records_without_file(forced) == _records_without_file(utf8)
    assert detected.extraction.category_labels == utf8.extraction.category_labels
    assert detected.extraction.problems == ()


def test_utf16_with_and_without_bom(tmp_path):
    text = (READING / "bom_abstracts.txt").read_text(encoding="utf-8-sig")
    for name, data in (
        ("bom.txt", text.encode("utf-16")),
        ("le.txt", text.encode("utf-16-le")),
        ("be.txt", text.encode("utf-16-be")),
    ):
        (tmp_path / name).write_bytes(data)
        fe = extract_file(tmp_path / name)
        assert fe.layout == "abstract_lines", name
        assert [r.abstract for r in fe.extraction.records] == [
            line.removeprefix("Abstract:") for line in text.splitlines()
        ]


def test_utf8_with_a_character_cut_in_half_is_read_with_a_warning():
    fe = extract_file(READING / "utf8_cut_char.txt")
    assert (fe.layout, fe.encoding) == ("abstract_lines", "utf-8")
    assert len(fe.extraction.records) == 3
    assert "\ufffd" in fe.extraction.records[1].abstract
    (problem,) = fe.extraction.problems
    assert (problem.line, problem.severity) == (2, "warning") and "not valid UTF-8" in problem.message


def test_latin1_is_refused_with_advice_and_read_with_encoding(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Abstract:A study at Université de Montréal.\n".encode("latin-1"))
    message = _only_problem(extract_file(path))
    assert "--encoding" in message and "line 1" in message
    fe = extract_file(path, ExtractOptions(encoding="latin-1"))
    assert fe.extraction.records[0].abstract == "A study at Université de Montréal."
    assert "unknown encoding" in _only_problem(extract_file(path, ExtractOptions(encoding="nope-42")))


def test_bad_inputs_never_stop_the_run(tmp_path):
    bad = sorted(READING.iterdir()) + [tmp_path / "missing.txt"]
    files = extract_paths(bad + [DIGEST_SEED])
    assert [f.file for f in files] == [p.name for p in bad + [DIGEST_SEED]]
    assert len(files[-1].extraction.records) == 9
    unread = {f.file for f in files if f.layout is None}
    assert {"empty.txt", "tiny.png", "unknown_layout.txt"} <= unread


def test_latin1_is_not_mistaken_for_gb18030():
    # Latin-1 accents followed by ASCII letters are valid GB18030 byte pairs, but decode into
    # rare characters; kg refuses the guess and asks for --encoding.
    data = "Zoltán Fülöp and José Müller wrote on Gödel.\n".encode("latin-1")
    with pytest.raises(InputError, match="--encoding"):
        decode_bytes(data)
    assert decode_bytes(data, "latin-1").text.startswith("Zoltán Fülöp")


def test_xml_declaration_names_the_encoding():
    data = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>Fülöp</a>\n'.encode("latin-1")
    decoded = decode_bytes(data)
    assert decoded.encoding == "ISO-8859-1" and "<a>Fülöp</a>" in decoded.text
