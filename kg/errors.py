"""The root of the errors kg raises for its users: catch :class:`KgError` to catch them all
(imports nothing)."""


class KgError(RuntimeError):
    """Something kg could not do, said in one line (what went wrong and what to do): a query
    the sandbox refuses, a child process that died before it answered
    (:class:`kg.parallel.ChildDied`)..."""
