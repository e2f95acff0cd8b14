"""The one base class of the errors kg raises on purpose (imports nothing)."""


class KgError(RuntimeError):
    """Something kg could not do, said in one line: e.g. a child process that died before it
    answered (:class:`kg.parallel.ChildDied`)."""
