"""A Chinese daily arXiv digest (``seeds/004_*``).

Shape of the file::

    LG - 机器学习   CV - 计算机视觉 ...        legend: code -> Chinese name (Extraction.category_labels)
    转自爱可可爱生活 / 摘要:...                header, not records
    1、[IR] Title                             numbered entry: category as written, English title
    P Baltescu, H Chen, A T Kalai             authors (initials; commas split them)
    [Pinterest & Tsinghua University]         organisations (split on ' & ', kept as written)
    Chinese summary                           -> summary_zh
    English abstract                          -> abstract
    https://arxiv.org/abs/2205.11728          -> arxiv_id (abs/pdf/html link; normalised as
                                                 kg.normalize.ids does for every source)
    另外几篇值得关注的论文:                   then short entries:
    [LG] Title / Chinese title (-> title_zh) / authors / [orgs] / URL, no abstract
    内容中包含的图片...                        closing disclaimer, not a record

Fields are told apart by their shape (a link, a bracketed line, Chinese text, a list of names), so
a missing field is reported and the rest of the entry is still read. An entry ends after its link,
at a line of only spaces/NBSP, or where the next entry starts. The digest carries no date: date is
null, never guessed.

Truncated text: digests are often cut by the scraper mid-character, leaving U+FFFD (the Unicode
replacement character) at the end of a Chinese summary or title. The broken character is dropped,
the text before it is kept, and one warning per field says the text is truncated in the source.
A U+FFFD elsewhere in a field is kept as is and reported the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.lines import preview
from kg.model import AuthorRef, Extraction, ExtractOptions, OrgRef, PaperRecord, Problem, Source
from kg.normalize.ids import normalize_arxiv_id
from kg.normalize.links import code_links
from kg.normalize.names import split_placeholder

LAYOUT = "arxiv_digest"

_CODE = r"[A-Za-z]{1,6}(?:\.[A-Za-z]{1,6})?"
_NUMBERED = re.compile(rf"^\s*(\d{{1,3}})\s*[、.．]\s*\[({_CODE})\]\s*(.*?)\s*$")
_SHORT = re.compile(rf"^\s*\[({_CODE})\]\s+(\S.*?)\s*$")
_LEGEND_PAIR = re.compile(r"\b([A-Z]{2,6})\s*[-–—]\s*([^\s\x00-\x7f]+)")
_MORE_PAPERS = re.compile(r"^\s*另外.{0,12}论文\s*[:：]?\s*$")
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
_ORGS_LINE = re.compile(r"^\s*[\[［](.*)[\]］]\s*$")
_ORG_SEPARATOR = re.compile(r"\s+&\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NAME = re.compile(r"^[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,5}$")
_REPLACEMENT = "\ufffd"


@dataclass
class _Entry:
    """The lines of one entry while it is being gathered: (line number, text) pairs."""

    kind: str  # "numbered" or "short"
    start: int
    category: str
    title: str
    lines: list[tuple[int, str]] = field(default_factory=list)


def detect(text: str) -> float:
    """Sure with numbered ``1、[XX] Title`` entries and the code legend; likely with either."""
    lines = text.split("\n")
    numbered = any(_NUMBERED.match(line) for line in lines)
    legend = any(legend_labels(line) for line in lines[:20])
    if numbered and legend:
        return 0.95
    if numbered or legend:
        return 0.8
    return 0.0


def legend_labels(line: str) -> tuple[tuple[str, str, str], ...]:
    """``LG - 机器学习   CV - 计算机视觉`` -> (("LG", "zh", "机器学习"), ...); () if not a legend."""
    pairs = _LEGEND_PAIR.findall(line)
    if len(pairs) < 2 or _LEGEND_PAIR.sub("", line).strip():
        return ()
    return tuple((code, "zh", label) for code, label in pairs)


def extract(text: str, file: str, options: ExtractOptions = ExtractOptions()) -> Extraction:
    problems: list[Problem] = []
    labels: tuple[tuple[str, str, str], ...] = ()
    entries: list[_Entry] = []
    outside: list[tuple[int, str]] = []  # non-blank lines between entries
    current: _Entry | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        start = _entry_start(line, number)
        if start is not None:
            entries.append(start)
            current = start
        elif _is_block_separator(line) or _MORE_PAPERS.match(line):
            current = None
        elif not line.strip():
            continue
        elif current is not None:
            current.lines.append((number, line.strip()))
            if _URL_LINE.match(line):  # the link is an entry's last field
                current = None
        elif not labels and legend_labels(line):
            labels = legend_labels(line)
        elif entries:  # before the first entry is the header; after the last, the disclaimer
            outside.append((number, line.strip()))
    last_entry_start = entries[-1].start if entries else 0
    for number, line in outside:
        if number < last_entry_start:
            problems.append(
                Problem(file, number, "warning", f"text between digest entries, ignored: {preview(line)!r}")
            )
    records = [_record(entry, file, problems) for entry in entries]
    problems.sort(key=lambda p: p.line or 0)
    return Extraction(records=tuple(records), problems=tuple(problems), category_labels=labels)


def _entry_start(line: str, number: int) -> _Entry | None:
    if match := _NUMBERED.match(line):
        return _Entry("numbered", number, match.group(2), match.group(3))
    if match := _SHORT.match(line):
        return _Entry("short", number, match.group(1), match.group(2))
    return None


def _is_block_separator(line: str) -> bool:
    """A line of only spaces or NBSP (not an empty line): the digest puts one between entries."""
    return line != "" and not line.strip()


def _record(entry: _Entry, file: str, problems: list[Problem]) -> PaperRecord:
    fields = _Fields(entry, file, problems)
    for number, line in entry.lines:
        fields.take(number, line)
    return fields.record()


class _Fields:
    """Assigns the lines of one entry to record fields by their shape, reporting what is off."""

    def __init__(self, entry: _Entry, file: str, problems: list[Problem]):
        self.entry, self.file, self.problems = entry, file, problems
        self.authors: tuple[AuthorRef, ...] = ()
        self.orgs: tuple[OrgRef, ...] = ()
        self.chinese: list[tuple[int, str]] = []
        self.english: list[str] = []
        self.url: str | None = None

    def take(self, number: int, line: str) -> None:
        if url := _URL_LINE.match(line):
            self.url = url.group(1)
        elif orgs := _ORGS_LINE.match(line):
            self.orgs = tuple(OrgRef(name) for name in _split_orgs(orgs.group(1)))
        elif _CJK.search(line):
            self.chinese.append((number, line))
        elif self._authors_expected() and _looks_like_authors(line):
            self.authors = _split_authors(line)
        elif self.entry.kind == "numbered":
            self.english.append(line)
        else:
            self.warn(number, f"unexpected line in a short digest entry, ignored: {preview(line)!r}")

    def _authors_expected(self) -> bool:
        """Authors follow the title (numbered) or the Chinese title (short), before anything else."""
        before = not (self.authors or self.orgs or self.english or self.url)
        return before and (self.entry.kind == "short" or not self.chinese)

    def record(self) -> PaperRecord:
        entry = self.entry
        if not entry.title:
            self.warn(entry.start, "entry has no title")
        if not self.authors:
            self.warn(entry.start, "entry has no author line (expected right after the title)")
        if self.url is None:
            self.warn(entry.start, "entry has no arXiv link")
        arxiv_id = normalize_arxiv_id(self.url)
        if self.url and arxiv_id is None:
            self.warn(
                entry.start,
                f"no arXiv id in the link (not an arxiv.org abs/pdf/html link with a valid id): {self.url}",
            )
        chinese = self._chinese_text()
        abstract = "\n".join(self.english) or None
        if entry.kind == "numbered" and abstract is None:
            self.warn(entry.start, "numbered entry has no English abstract")
        urls = code_links(abstract)
        numbered = entry.kind == "numbered"
        return PaperRecord(
            source=Source(self.file, entry.start, LAYOUT),
            title=entry.title or None,
            authors=self.authors,
            affiliations=self.orgs,
            category=entry.category,
            has_code=bool(urls),
            code_urls=urls,
            arxiv_id=arxiv_id,
            abstract=abstract,
            title_zh=None if numbered else chinese,
            summary_zh=chinese if numbered else None,
        )

    def _chinese_text(self) -> str | None:
        if not self.chinese:
            return None
        what = "Chinese summary" if self.entry.kind == "numbered" else "Chinese title"
        if self.entry.kind == "short" and len(self.chinese) > 1:
            for number, line in self.chinese[1:]:
                self.warn(number, f"second Chinese line in a short entry, ignored: {preview(line)!r}")
            self.chinese = self.chinese[:1]
        text = "\n".join(line for _, line in self.chinese)
        if text.endswith(_REPLACEMENT):
            text = text.rstrip(_REPLACEMENT).rstrip()
            self.warn(
                self.chinese[-1][0],
                f"{what} is truncated in the source (it ends in a broken "
                "character, U+FFFD); kept the text before it",
            )
        if _REPLACEMENT in text:
            self.warn(self.chinese[0][0], f"{what} contains undecodable characters (U+FFFD), kept as is")
        return text or None

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, "warning", message))


def _looks_like_authors(line: str) -> bool:
    """A comma-separated list of short names: 'P Baltescu, A T Kalai, F Viganò'."""
    parts = [p.strip() for p in split_placeholder(line)[0].split(",")]
    return all(part and _NAME.match(part) for part in parts)


def _split_authors(line: str) -> tuple[AuthorRef, ...]:
    """The names as written, a closing 'et al.' or '等' too: :mod:`kg.extract.checks` takes it
    off and marks the list cut, as for every source."""
    return tuple(AuthorRef(name) for name in (p.strip() for p in line.split(",")) if name)


def _split_orgs(text: str) -> list[str]:
    return [name.strip() for name in _ORG_SEPARATOR.split(text) if name.strip()]
