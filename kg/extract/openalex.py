"""OpenAlex works as JSON: one work, a ``{"meta", "results"}`` API page, an array, or JSON Lines.

Each work is one record: ``authorships`` in list order (``author_position`` only summarises it)
give the authors with their ORCID iD and institutions (with ROR ids); ``abstract_inverted_index``
is turned back into text; ``keywords``, ``topics`` and ``concepts`` become keywords; full-URL ids
become bare ones (``https://openalex.org/W1`` -> ``("openalex", "W1")``, ``https://doi.org/…`` ->
DOI). A record's line is the line where its work object starts. JSON Lines are read line by line,
so one bad line costs only itself; a cut or malformed page keeps the works before the break.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.dates import is_iso_date
from kg.normalize.ids import normalize_arxiv_id, normalize_orcid, normalize_ror, split_arxiv_doi

LAYOUT = "openalex"

_SIGNS = ('"authorships"', "openalex.org/W", '"abstract_inverted_index"')
_WHITESPACE = re.compile(r"\s*")
_INLINE_MARKUP = re.compile(
    r"</?(?:i|b|em|strong|sub|sup|scp|tt|u|span|mml:[a-z]+)(?:\s[^<>]*)?/?>", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
_DECODER = json.JSONDecoder()


def detect(text: str) -> float:
    """Sure when the text is JSON (an object or array) that carries OpenAlex work fields."""
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return 0.0
    return 0.95 if any(sign in text for sign in _SIGNS) else 0.0


def extract(text: str, file: str, options: ExtractOptions) -> Extraction:
    found = _json_lines(text, file) if _is_json_lines(text) else _document(text, file)
    records: list[PaperRecord] = []
    problems = list(found.problems)
    for line, work in found.works:
        record, work_problems = _record(work, file, line)
        problems.extend(work_problems)
        if record is not None:
            records.append(record)
    return Extraction(records=tuple(records), problems=tuple(problems))


# --- finding the work objects and their lines ------------------------------------------------


@dataclass
class _Found:
    works: list[tuple[int, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _is_json_lines(text: str) -> bool:
    """JSON Lines when there are several lines and the first one, or half of the first five, are
    whole JSON values on their own (a pretty-printed document opens with a lone ``{`` or ``[``)."""
    head = _first_lines(text, 5)
    if len(head) < 2:
        return False
    whole = [_is_json_value(line) for line in head]
    return whole[0] or sum(whole) * 2 >= len(whole)


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-blank lines, stripped, without splitting the whole text."""
    lines: list[str] = []
    pos = 0
    while len(lines) < count and pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            lines.append(text[pos:end].strip())
        pos = end + 1
    return lines


def _is_json_value(line: str) -> bool:
    try:
        return isinstance(json.loads(line), (dict, list))
    except ValueError:
        return False


def _json_lines(text: str, file: str) -> _Found:
    found = _Found()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            found.problems.append(
                Problem(
                    file,
                    number,
                    "error",
                    f"malformed JSON at line {number}, column {exc.colno}: {exc.msg}; this line is skipped",
                )
            )
            continue
        works = (
            value["results"]
            if isinstance(value, dict) and isinstance(value.get("results"), list)
            else [value]
        )
        found.works.extend((number, work) for work in works)
    return found


class _Lines:
    """1-based line of a character offset. Offsets are asked for in increasing order while a
    document is walked, so newlines are counted only between one offset and the next."""

    def __init__(self, text: str):
        self._text = text
        self._offset = 0
        self._line = 1

    def of(self, offset: int) -> int:
        if offset < self._offset:
            self._offset, self._line = 0, 1
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


def _document(text: str, file: str) -> _Found:
    """One JSON document: a work, a page (works under ``results``) or an array of works. The
    arrays are walked element by element, so each work's start line is known and a break keeps
    the works before it."""
    found = _Found()
    lines = _Lines(text)
    start = _skip(text, 0)
    try:
        if text.startswith("[", start):
            _expect_end(text, _array(text, start, lines, found))
        elif not _page(text, start, lines, found):
            work, end = _DECODER.raw_decode(text, start)
            found.works.append((lines.of(start), work))
            _expect_end(text, end)
    except json.JSONDecodeError as exc:
        kept = f"the {len(found.works)} work(s) before it were read" if found.works else "no work before it"
        found.problems.append(
            Problem(
                file,
                exc.lineno,
                "error",
                f"malformed JSON at line {exc.lineno}, column {exc.colno}: "
                f"{exc.msg}; {kept}, the rest of the file is skipped",
            )
        )
    return found


def _skip(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()


def _expect(text: str, pos: int, chars: str) -> int:
    """Position after the expected delimiter at ``pos`` (whitespace skipped), else a decode error."""
    pos = _skip(text, pos)
    if pos >= len(text) or text[pos] not in chars:
        what = "end of file" if pos >= len(text) else repr(text[pos])
        raise json.JSONDecodeError(f"expected {' or '.join(map(repr, chars))}, found {what}", text, pos)
    return pos + 1


def _expect_end(text: str, pos: int) -> None:
    pos = _skip(text, pos)
    if pos < len(text):
        raise json.JSONDecodeError("extra data after the JSON document", text, pos)


def _array(text: str, pos: int, lines: _Lines, found: _Found) -> int:
    """Read the array at ``pos`` element by element into ``found``; return the position after it."""
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        return pos + 1
    while True:
        pos = _skip(text, pos)
        value, end = _DECODER.raw_decode(text, pos)
        found.works.append((lines.of(pos), value))
        pos = _expect(text, end, ",]")
        if text[pos - 1] == "]":
            return pos


def _page(text: str, pos: int, lines: _Lines, found: _Found) -> bool:
    """Walk the object at ``pos`` key by key; read the works of its ``results`` array. Returns
    False (having read nothing) when the object has no ``results`` array: it is a single work."""
    has_results = False
    pos = _skip(text, pos + 1)
    if text.startswith("}", pos):
        return False
    while True:
        pos = _skip(text, pos)
        key, end = _DECODER.raw_decode(text, pos)
        if not isinstance(key, str):
            raise json.JSONDecodeError("expected a property name in double quotes", text, pos)
        pos = _skip(text, _expect(text, end, ":"))
        if key == "results" and text.startswith("[", pos):
            has_results = True
            pos = _array(text, pos, lines, found)
        else:
            _, pos = _DECODER.raw_decode(text, pos)
        pos = _expect(text, pos, ",}")
        if text[pos - 1] == "}":
            if has_results:
                _expect_end(text, pos)
            return has_results


# --- one work -> one record ------------------------------------------------------------------


def _record(work: Any, file: str, line: int) -> tuple[PaperRecord | None, list[Problem]]:
    if not isinstance(work, dict) or not any(
        k in work for k in ("id", "title", "display_name", "authorships")
    ):
        kind = type(work).__name__ if not isinstance(work, dict) else "object without work fields"
        return None, [Problem(file, line, "error", f"not an OpenAlex work ({kind}); skipped")]
    problems: list[Problem] = []
    authorships = [a for a in _list(work.get("authorships")) if isinstance(a, dict)]
    authors = tuple(a for a in (_author(a) for a in authorships) if a is not None)
    if not authors:
        problems.append(Problem(file, line, "warning", f"work {_openalex_id(work) or '?'} has no authors"))
    problems.extend(_position_problems(authorships, file, line))
    doi, arxiv_from_doi = split_arxiv_doi(_str(work.get("doi")) or _str(_dict(work.get("ids")).get("doi")))
    record = PaperRecord(
        source=Source(file, line, LAYOUT),
        title=_plain(_str(work.get("title")) or _str(work.get("display_name"))),
        authors=authors,
        authors_truncated=work.get("is_authors_truncated") is True,
        affiliations=_organisations(authorships),
        date=_date(work),
        arxiv_id=_arxiv_from_locations(work) or arxiv_from_doi,
        abstract=rebuild_abstract(work.get("abstract_inverted_index")),
        doi=doi,
        keywords=_keywords(work),
        venue=_plain(
            _str(_dict(_dict(work.get("primary_location")).get("source")).get("display_name"))
            or _str(_dict(work.get("host_venue")).get("display_name"))
        ),
        extra_ids=_extra_ids(work),
    )
    return record, problems


def rebuild_abstract(index: Any) -> str | None:
    """The text of an ``abstract_inverted_index`` (word -> positions), words in position order."""
    if not isinstance(index, dict):
        return None
    at: dict[int, str] = {}
    for word, positions in index.items():
        for position in _list(positions):
            if isinstance(position, int):
                at[position] = word
    return " ".join(at[p] for p in sorted(at)) or None


def _author(authorship: dict) -> AuthorRef | None:
    person = _dict(authorship.get("author"))
    name = _str(person.get("display_name")) or _str(authorship.get("raw_author_name"))
    if not name:
        return None
    institutions = [
        _str(i.get("display_name")) for i in _list(authorship.get("institutions")) if isinstance(i, dict)
    ]
    affiliations = [i for i in institutions if i] or [
        s for s in map(_str, _list(authorship.get("raw_affiliation_strings"))) if s
    ]
    return AuthorRef(
        name,
        orcid=normalize_orcid(_str(person.get("orcid"))),
        affiliations=tuple(dict.fromkeys(affiliations)),
    )


def _position_problems(authorships: list[dict], file: str, line: int) -> list[Problem]:
    """``author_position`` must agree with the list order, which kg follows."""
    last = len(authorships) - 1
    for index, authorship in enumerate(authorships):
        said = authorship.get("author_position")
        expected = "first" if index == 0 else "last" if index == last else "middle"
        if said and said != expected and not (said == "first" and last == 0):
            return [
                Problem(
                    file,
                    line,
                    "warning",
                    f"authorship {index + 1} says author_position {said!r}; the list order is used",
                )
            ]
    return []


def _organisations(authorships: list[dict]) -> tuple[OrgRef, ...]:
    orgs: dict[tuple[str, str | None], OrgRef] = {}
    for authorship in authorships:
        for institution in _list(authorship.get("institutions")):
            name = _str(_dict(institution).get("display_name"))
            if name:
                ror = normalize_ror(_str(institution.get("ror")))
                orgs.setdefault((name, ror), OrgRef(name, ror))
    return tuple(orgs.values())


def _date(work: dict) -> str | None:
    written = _str(work.get("publication_date"))
    if written and is_iso_date(written):
        return written
    year = work.get("publication_year")
    return str(year) if isinstance(year, int) and 1000 <= year <= 9999 else None


def _arxiv_from_locations(work: dict) -> str | None:
    """An arXiv id from a location that links to arxiv.org (OpenAlex has no arXiv id field)."""
    for location in _list(work.get("locations")) + [work.get("primary_location")]:
        for key in ("landing_page_url", "pdf_url"):
            url = _str(_dict(location).get(key))
            if url and "arxiv.org/" in url:
                found = normalize_arxiv_id(url)
                if found:
                    return found
    return None


def _keywords(work: dict) -> tuple[str, ...]:
    terms = []
    for key in ("keywords", "topics", "concepts"):
        for item in _list(work.get(key)):
            item = _dict(item)
            term = _str(item.get("display_name")) or _str(item.get("keyword"))
            if term:
                terms.append(term)
    return tuple(dict.fromkeys(terms))


def _openalex_id(work: dict) -> str | None:
    written = _str(work.get("id")) or _str(_dict(work.get("ids")).get("openalex"))
    return written.rstrip("/").rsplit("/", 1)[-1] if written else None


def _extra_ids(work: dict) -> tuple[tuple[str, str], ...]:
    ids = [("openalex", _openalex_id(work))]
    known = _dict(work.get("ids"))
    for scheme in ("mag", "pmid", "pmcid"):
        value = known.get(scheme)
        if isinstance(value, (str, int)) and str(value).strip():
            ids.append((scheme, str(value).rstrip("/").rsplit("/", 1)[-1]))
    return tuple((scheme, value) for scheme, value in ids if value)


def _plain(text: str | None) -> str | None:
    """Inline formatting tags OpenAlex keeps in titles (``<i>``, ``<sub>``) dropped; any other
    markup is left as text, to be escaped wherever it is shown."""
    if not text:
        return None
    return _SPACES.sub(" ", _INLINE_MARKUP.sub("", text)).strip() or None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []
