"""The errors of ``kg query``, all :class:`kg.errors.KgError`: each message is one line for the
user. :class:`QuerySyntaxError` carries the 1-based line and column of the problem."""

from __future__ import annotations

from kg.errors import KgError


class QueryError(KgError, ValueError):
    """A query or graph file kg cannot use; the message says why, for the user."""


class QuerySyntaxError(QueryError):
    """A query that does not parse, with the 1-based line and column of the error."""

    def __init__(self, line: int, column: int, message: str, query: str) -> None:
        self.line, self.column, self.detail, self.query = line, column, message, query
        lines = query.splitlines() or [""]
        shown = lines[min(max(line, 1), len(lines)) - 1]
        near = shown[max(column - 1, 0) :].strip()[:30]
        where = f" (at {near!r})" if near and near.split()[0] not in message else ""
        super().__init__(f"syntax error at line {line}, column {column}: {message}{where}")

    def __reduce__(self) -> tuple[type[QuerySyntaxError], tuple[int, int, str, str]]:
        return (type(self), (self.line, self.column, self.detail, self.query))


class SandboxError(QueryError):
    """A query that would read outside the loaded graph (SERVICE, LOAD, FROM): refused."""

    def __init__(self, clause: str, reason: str) -> None:
        self.clause = clause
        super().__init__(f"{clause} refused: {reason}")

    def __reduce__(self) -> tuple[type[SandboxError], tuple[str, str]]:
        return (type(self), (self.clause, str(self).split(" refused: ", 1)[1]))


class QueryTimeout(QueryError):
    """A query that ran longer than its time limit, and was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"query stopped after {seconds:g} s (--timeout {seconds:g}); "
            "narrow it down or give it more time with --timeout"
        )

    def __reduce__(self) -> tuple[type[QueryTimeout], tuple[float]]:
        return (type(self), (self.seconds,))


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
