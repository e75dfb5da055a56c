"""tandem's errors as Python exceptions: one class for each class of the library's errors
(tandem/error.h), each carrying the parts of the message as attributes."""


class TandemError(Exception):
    """An error of the library. Attributes: message (whole, as the command line prints
    it), detail (without "file:line: [section] "), file, line, column, section, key (the
    key on the line named, or the key a change named; None when the message names none),
    reason ("contradiction", "no_scenario" or None)."""

    def __init__(self, message, *, detail=None, file=None, line=None, column=None,
                 section=None, key=None, reason=None):
        super().__init__(message)
        self.message = message
        self.detail = detail if detail is not None else message
        self.file, self.line, self.column = file, line, column
        self.section, self.key, self.reason = section, key, reason


class InputError(TandemError, ValueError):
    """Bad input: syntax, units, unknown names, impossible values (the command line's exit
    status 2)."""


class SolveError(TandemError):
    """The input is well formed but the flowsheet cannot be solved (exit status 1)."""


class ResourceError(TandemError, OSError):
    """Out of memory, a file that cannot be read, a failed write (exit status 2)."""


class UsageError(TandemError):
    """The library called wrongly: a bug in the caller, not in its input."""


_CLASSES = {1: InputError, 2: SolveError, 3: ResourceError, 4: UsageError}
_REASONS = {1: "contradiction", 2: "no_scenario"}


def from_struct(err, key=None):
    """The exception of a filled tdm_error (key: the name a change gave, when the message
    names no key of its own)."""
    from ._lib import lib
    import ctypes
    lib.tdm_error_find_key(ctypes.byref(err))
    raw = bytes(err.msg)
    msg = err.msg.decode("utf-8", "replace")
    detail = raw[err.detail:].split(b"\0", 1)[0].decode("utf-8", "replace")
    cls = _CLASSES.get(err.cls, TandemError)
    return cls(msg, detail=detail,
               file=err.file.decode("utf-8", "replace") or None,
               line=err.line or None, column=err.col or None,
               section=err.section.decode("utf-8", "replace") or None,
               key=err.key.decode("utf-8", "replace") or key,
               reason=_REASONS.get(err.reason))
