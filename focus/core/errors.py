"""The one error type a user can cause: the CLI prints it as one line and exits 2."""


class FocusError(Exception):
    """Bad input, bad config or an unusable database; the message is meant for the user."""
