"""Errors that reach the teacher as one clear line, never as a traceback."""

from __future__ import annotations


class IlearnError(Exception):
    """A failure the user can act on; the message is shown as it is (exit status 1)."""

    exit_code = 1


class UsageError(IlearnError):
    """The command line itself is wrong (exit status 2)."""

    exit_code = 2


class NotFoundError(IlearnError):
    """A record named on the command line does not exist."""


class NewerSchemaError(IlearnError):
    """The journal was written by a newer ilearn and must not be touched by this one."""


class DamagedJournalError(IlearnError):
    """The journal file is not a readable ilearn database."""


class MissingJournalError(IlearnError):
    """The journal file is gone but its backups remain: a new empty one would hide the loss."""


class TargetExistsError(IlearnError):
    """An export or copy would replace something already there; each UI says how to allow it."""

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(f"{path} already exists")
