"""Three lines a paper (``seeds/000_*``): headline, title glued to its authors, abstract.

::

    CVJul 27, 2022Code
    Generator Knows What ... in Unconditional GANsGayoung Lee, Hyunsu Kim, Junho Kim et al.
    Recent methods for conditional image generation ...

**Where the title ends.** The title runs straight into the first author's given name. The rule:

1. *Candidates* are the places where the first author can start. The glue leaves no space, so a
   candidate is an upper-case letter whose previous character is not a space (``GANs|Gayoung``,
   ``Sampling|YoungJoon``, ``SamplingYoung|Joon``). Everything after it must read as an author
   list: ``, ``-separated names of 2-4 capitalised words (``Se Jung Kwon``, ``Jung-Woo Ha``,
   ``YoungJoon Yoo``; lower-case particles inside, as in ``Seung jae Shin``, are allowed), and the
   glued given name must be made of syllables that each have a vowel (``YoungJoon``, not
   ``NsGayoung``). The title side must not end in punctuation that cannot end a title (``-``,
   ``:``, ``,``, ``(`` ...). Later authors are whole comma-separated names, so only the earliest
   comma-separated part that admits a split is searched (never ``JunYeong`` in a later name).
2. When several candidates remain, each is scored on the evidence of the whole file: the names
   that stand cleanly elsewhere (every author of a line whose split is certain, and the 2nd and
   3rd authors of every line). Known full name: 4 points; known surname: 1; known given name: 1;
   the title ending on a plain word rather than a camel-case tail (``Sampling``, not
   ``SamplingYoung``): 1. The highest score wins; a tie goes to the longer name.
3. When the winner leads by fewer than 2 points, the split is kept and a warning names the line,
   so the user can check it. When no candidate passes step 1, a looser reading is tried (any
   capitalised words) and always warned about; when even that fails, the whole line is kept as
   the title, with no authors, and a warning says so.

**Bad input.** Lines are read by what they are, not by their position, so one missing line does
not shift the records after it: a record starts at each headline (resynchronising there); a
title line that follows an abstract starts a record whose headline is missing; a headline
followed directly by another headline, or by the end of the file, is a cut record. Each case is a
:class:`~kg.model.Problem` with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.headline import Headline, parse_headline
from kg.extract.lines import Line, non_blank_lines, preview
from kg.model import AuthorRef, Extraction, ExtractOptions, PaperRecord, Problem, Source
from kg.normalize.links import code_links
from kg.normalize.names import split_placeholder

LAYOUT = "profile_list"

_AUTHOR_SEPARATOR = re.compile(r",\s*")
_TITLE_CANNOT_END = "-:,;/(&"
_VOWELS = set("aeiouyAEIOUY")
_KNOWN_FULL, _KNOWN_SURNAME, _KNOWN_GIVEN, _PLAIN_TITLE_END = 4, 1, 1, 1
_CONFIDENT_LEAD = 2
_LONGEST_TITLE_LINE = 400  # characters; abstracts are longer


# ---------------------------------------------------------------- detection


def detect(text: str) -> float:
    """High when lines 1, 4, 7... are headlines: each headline followed by exactly two lines.

    One missing line lowers the score a little (its headline is irregular), so a damaged file is
    still recognised; blank-line separated blocks (the profile_page layout) score low.
    """
    all_lines = text.rstrip("\n").split("\n")
    lines = [line for line in all_lines if line.strip()]
    heads = [i for i, line in enumerate(lines) if parse_headline(line)]
    if not heads:
        return 0.0
    if (len(all_lines) - len(lines)) / len(all_lines) > 0.1:
        return 0.1
    regular = sum(1 for a, b in zip(heads, heads[1:] + [len(lines)], strict=False) if b - a == 3) / len(heads)
    share = min(1.0, 3 * len(heads) / len(lines))
    return round((0.5 + 0.5 * regular) * share, 3)


# ---------------------------------------------------------------- grouping lines into records


@dataclass(frozen=True)
class _Group:
    """The lines of one record as found; any part may be missing."""

    headline: Line | None = None
    title_authors: Line | None = None
    abstract: Line | None = None

    @property
    def first_line(self) -> int:
        return next(p.number for p in (self.headline, self.title_authors, self.abstract) if p)


def _group_lines(lines: list[Line]) -> tuple[list[_Group], list[Line]]:
    """Records (resynchronised on every headline) and the stray lines that belong to none."""
    groups: list[_Group] = []
    strays: list[Line] = []
    state = "after_abstract"  # what the previous line was: after_head / after_title / after_abstract
    for line in lines:
        if parse_headline(line.text):
            groups.append(_Group(headline=line))
            state = "after_head"
        elif state == "after_head" and (
            _looks_like_title_line(line.text) or not looks_like_abstract(line.text)
        ):
            groups[-1] = _Group(groups[-1].headline, title_authors=line)
            state = "after_title"
        elif state == "after_head":  # the title line is missing: this is the abstract
            groups[-1] = _Group(groups[-1].headline, abstract=line)
            state = "after_abstract"
        elif _looks_like_title_line(line.text):  # a record whose headline is missing
            groups.append(_Group(title_authors=line))
            state = "after_title"
        elif state == "after_title":
            groups[-1] = _Group(groups[-1].headline, groups[-1].title_authors, abstract=line)
            state = "after_abstract"
        else:
            strays.append(line)
    return groups, strays


def _looks_like_title_line(text: str) -> bool:
    """A title glued to an author list: ends in 'et al.' or in names, never in a full stop."""
    text = text.strip()
    if len(text) > _LONGEST_TITLE_LINE:
        return False
    if strip_et_al(text)[1]:
        return True
    return not text.endswith((".", "!", "?")) and "://" not in text and bool(_candidates(text))


def looks_like_abstract(text: str) -> bool:
    """Long, or holding a link, or ending a sentence (an author list ends in a name or 'et al.')."""
    text = text.strip()
    return (
        len(text) > _LONGEST_TITLE_LINE
        or "://" in text
        or (text.endswith((".", "!", "?")) and not strip_et_al(text)[1])
    )


# ---------------------------------------------------------------- title / author split


@dataclass(frozen=True)
class TitleAuthors:
    """A title line split: the title, the authors in order, and whether the list was cut."""

    title: str
    authors: tuple[str, ...]
    truncated: bool


@dataclass(frozen=True)
class NameEvidence:
    """Names that stand cleanly somewhere in the input: whole, given names, surnames."""

    full: frozenset[str] = frozenset()
    given: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: set[str]) -> NameEvidence:
        parts = [name.rsplit(" ", 1) for name in names if " " in name]
        return cls(frozenset(names), frozenset(p[0] for p in parts), frozenset(p[1] for p in parts))

    @classmethod
    def from_title_lines(cls, lines: list[str]) -> NameEvidence:
        """Every author that all possible splits of a line agree on, over all the lines."""
        names: set[str] = set()
        for line in lines:
            options = _candidates(strip_et_al(line)[0])
            if options:
                names |= set.intersection(*(set(c.authors) for c in options))
        return cls.of(names)


@dataclass(frozen=True)
class _Split:
    title: str
    authors: tuple[str, ...]


@dataclass(frozen=True)
class SplitOutcome:
    """The chosen split, and why it may need checking (None when the evidence is clear)."""

    result: TitleAuthors
    doubt: str | None = None


def split_title_authors(line: str, evidence: NameEvidence = NameEvidence()) -> SplitOutcome:
    """Split ``Title<First Author>, <Second>, <Third>[ et al.]`` (module docstring, steps 1-3)."""
    body, truncated = strip_et_al(line.strip())
    options = _candidates(body)
    if not options:
        options = _candidates(body, strict=False)
        if not options:
            return SplitOutcome(
                TitleAuthors(body, (), truncated),
                "could not tell the title from the authors; the whole line is "
                "kept as the title and no author was read",
            )
        best = _rank(options, evidence)[0]
        return SplitOutcome(
            TitleAuthors(best.title, best.authors, truncated),
            f"names of an unusual shape; guessed title {best.title!r} and first author {best.authors[0]!r}",
        )
    ranked = _rank(options, evidence)
    best = ranked[0]
    result = TitleAuthors(best.title, best.authors, truncated)
    if len(ranked) > 1 and _score(best, evidence) - _score(ranked[1], evidence) < _CONFIDENT_LEAD:
        alternatives = "; ".join(f"{c.title[-20:]!r} + {c.authors[0]!r}" for c in ranked[1:])
        return SplitOutcome(
            result,
            f"uncertain where the title ends: chose first author "
            f"{best.authors[0]!r} (also possible: …{alternatives})",
        )
    return SplitOutcome(result)


def strip_et_al(text: str) -> tuple[str, bool]:
    """``A, B et al.`` -> (``A, B``, True): the list was cut (the one rule of
    :func:`kg.normalize.names.split_placeholder`, which the split needs to see the last name)."""
    rest, kind = split_placeholder(text)
    return (rest, True) if kind is not None else (text, False)


def _candidates(body: str, strict: bool = True) -> list[_Split]:
    """Every split of ``body`` into a title and a well-formed author list (step 1)."""
    found = []
    for p in range(1, len(body)):
        if not body[p].isupper() or body[p - 1].isspace() or body[p - 1] in _TITLE_CANNOT_END:
            continue
        names = tuple(_AUTHOR_SEPARATOR.split(body[p:].strip()))
        if all(looks_like_name(name, strict, glued=(i == 0)) for i, name in enumerate(names)):
            found.append(_Split(body[:p], names))
    # Later authors are whole comma-separated names, so the first author starts in the earliest
    # part that admits a split; a split in a later part would end the title on a list of names.
    first_part = min((len(_AUTHOR_SEPARATOR.findall(c.title)) for c in found), default=0)
    return [c for c in found if len(_AUTHOR_SEPARATOR.findall(c.title)) == first_part]


def looks_like_name(name: str, strict: bool = True, glued: bool = False) -> bool:
    """Strict: 2-4 capitalised words (particles inside may be lower case); loose: 1-5 words of
    letters, the first capitalised. ``glued``: the first word also needs a vowel in each hump."""
    tokens = name.split()
    if not strict:
        return (
            1 <= len(tokens) <= 5
            and tokens[0][0].isupper()
            and all(t.replace("-", "").replace("'", "").replace(".", "").isalpha() for t in tokens)
        )
    if not 2 <= len(tokens) <= 4 or not tokens[0][0].isupper() or not tokens[-1][0].isupper():
        return False
    if not all(_is_name_word(t) for t in tokens):
        return False
    return not glued or all(_VOWELS & set(piece) for piece in _humps(tokens[0]))


def _is_name_word(token: str) -> bool:
    """``Jung-Woo``, ``YoungJoon``, ``Hee-young``, ``jae``, ``O'Brien``: letters, no two capitals
    in a row."""
    for part in token.split("-"):
        if not part.replace("'", "").replace("\u2019", "").isalpha() or any(
            a.isupper() and b.isupper() for a, b in zip(part, part[1:], strict=False)
        ):
            return False
    return True


def _humps(word: str) -> list[str]:
    """``YoungJoon`` -> ``Young``, ``Joon``; ``Jung-Woo`` -> ``Jung``, ``Woo``."""
    pieces, current = [], ""
    for previous, char in zip(" " + word, word, strict=False):
        if char == "-" or (char.isupper() and previous.islower()):
            pieces.append(current)
            current = "" if char == "-" else char
        else:
            current += char
    return [p for p in pieces + [current] if p]


def _rank(options: list[_Split], evidence: NameEvidence) -> list[_Split]:
    # Best score first; among equals the longer name (the earlier split), so the order is total.
    return sorted(options, key=lambda c: (-_score(c, evidence), len(c.title)))


def _score(option: _Split, evidence: NameEvidence) -> int:
    first = option.authors[0]
    given, _, surname = first.rpartition(" ")
    last_word = option.title.split()[-1] if option.title.split() else ""
    camel_tail = len(_humps(last_word)) > 1 and _humps(last_word)[-1][1:].islower()
    return (
        _KNOWN_FULL * (first in evidence.full)
        + _KNOWN_SURNAME * (surname in evidence.surnames)
        + _KNOWN_GIVEN * (given in evidence.given)
        + _PLAIN_TITLE_END * (not camel_tail)
    )


# ---------------------------------------------------------------- records


def extract(text: str, file: str, options: ExtractOptions = ExtractOptions()) -> Extraction:
    groups, strays = _group_lines(non_blank_lines(text))
    title_lines = [g.title_authors.text for g in groups if g.title_authors]
    evidence = NameEvidence.from_title_lines(title_lines)
    records: list[PaperRecord] = []
    problems = [
        Problem(
            file,
            s.number,
            "warning",
            f"line belongs to no record (expected a category/date line), skipped: {preview(s.text)!r}",
        )
        for s in strays
    ]
    for index, group in enumerate(groups):
        at_end = index == len(groups) - 1
        record, found = _record(group, file, options.as_of, evidence, at_end)
        problems.extend(found)
        if record:
            records.append(record)
    problems.sort(key=lambda p: (p.line or 0, p.message))
    return Extraction(records=tuple(records), problems=tuple(problems))


def _record(
    group: _Group, file: str, as_of: str | None, evidence: NameEvidence, at_end: bool
) -> tuple[PaperRecord | None, list[Problem]]:
    problems: list[Problem] = []

    def report(line: int, severity: str, message: str) -> None:
        problems.append(Problem(file, line, severity, message))

    head: Headline | None = parse_headline(group.headline.text, as_of) if group.headline else None
    if group.headline is None:
        report(
            group.first_line,
            "warning",
            "record has no category/date line before it; category and date left empty",
        )
    elif head is not None and head.date is None:  # head is None only without a headline
        report(group.headline.number, "warning", f"no such date {head.date_text!r}; date left empty")
    if not group.title_authors and not group.abstract:
        cut = "record cut off at the end of the file" if at_end else "record is empty"
        report(group.first_line, "error", f"{cut}: only its category/date line, skipped")
        return None, problems
    if not group.title_authors:
        report(group.first_line, "warning", "record has no title/authors line; title and authors left empty")
    if not group.abstract:
        cut = "record cut off at the end of the file" if at_end else "record has no abstract line"
        report(group.first_line, "warning", f"{cut}; abstract left empty")

    split = None
    if group.title_authors:
        outcome = split_title_authors(group.title_authors.text, evidence)
        split = outcome.result
        if outcome.doubt:
            report(group.title_authors.number, "warning", f"{outcome.doubt}; please check this line")
    abstract = group.abstract.text if group.abstract else None
    record = PaperRecord(
        source=Source(file, group.first_line, LAYOUT),
        title=split.title if split else None,
        authors=tuple(AuthorRef(name) for name in split.authors) if split else (),
        authors_truncated=split.truncated if split else False,
        category=head.category if head else None,
        date=head.date if head else None,
        has_code=head.has_code if head else False,
        code_urls=code_links(abstract),
        abstract=abstract,
    )
    return record, problems
