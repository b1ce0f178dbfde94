"""The one error type a user can cause: the CLI prints it as one line and exits 2."""


class FocusError(Exception):
    """Bad input, bad config or an unusable database; the message is meant for the user.

    ``hint`` names where to look next in command-line words (``see focus plan ls``): the CLI adds it
    after a semicolon, the workday screen leaves it out."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint
