"""Trying again after a failure that outlasts one attempt (a full disk, a failing one): growing
pauses between tries, each problem said once while the trouble lasts, one line when it is over."""

from __future__ import annotations

from collections.abc import Callable


class Retry:
    """The pauses and the notices of one source's retries, used from its one worker thread."""

    def __init__(self, announce: Callable[[str], object], first: float = 1.0, most: float = 60.0):
        self.announce, self.first, self.most = announce, first, most
        self.pause = 0.0  # the last pause; 0 when there is no trouble
        self.said: set[str] = set()

    def problem(self, text: str) -> None:
        """Say ``text`` as a problem, unless it was said since the trouble began."""
        if text not in self.said:
            self.said.add(text)
            self.announce(f"problem: {text}")

    def next_pause(self) -> float:
        """Seconds to wait before the next try: ``first``, twice as long each time, at most ``most``."""
        self.pause = min(self.most, self.pause * 2 or self.first)
        return self.pause

    def succeeded(self, what: str) -> None:
        """It worked: after trouble, say ``what`` works again (once); the next trouble starts afresh."""
        if self.said:
            self.announce(f"resolved: {what}")
        self.pause, self.said = 0.0, set()

    @property
    def most_text(self) -> str:
        """The longest pause in words, for the notices."""
        return f"{self.most / 60:g} min" if self.most >= 60 else f"{self.most:g} s"
