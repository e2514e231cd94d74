"""Named errors. Each carries a one-sentence message and a hint the command line prints."""


class NewsprepError(Exception):
    """Base error: `str(err)` says what went wrong, `err.hint` what to do about it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


class InputNotFound(NewsprepError):
    pass


class UnreadableInput(NewsprepError):
    """A file that cannot become an article; the ingest report records the message."""


class SnapshotMissing(NewsprepError):
    pass


class RuleFileError(NewsprepError):
    """A rule or gazetteer file under newsprep/resources is damaged: nothing is processed with it."""

    def __init__(self, message: str):
        super().__init__(message, "Restore the file (git checkout newsprep/resources) or fix the row named.")


class NothingBuilt(NewsprepError):
    """A build whose inputs gave no article: the previous snapshot stays current."""


class CurationError(NewsprepError):
    """A correction that cannot be recorded (unknown operation, no reason given, unknown place …)."""
