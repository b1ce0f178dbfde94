"""How ``focus watch`` waits to be stopped: ctrl+c or SIGTERM (ctrl+break on Windows), the same way
whenever it comes — never by the signal's default action before the wait is set up, never half-way
through the start or the stop."""

from __future__ import annotations

import signal
import threading

SLICE_SECONDS = 0.5  # without sigwait: how often the main thread looks up from its wait (to see ctrl+c)


class StopSignals:
    """POSIX: the signals are blocked from before the sources start (the threads they start inherit the
    mask) and taken with sigwait. Where there is no sigwait nor signal mask (Windows): handlers that set
    an event, waited for in short slices, since a wait without a timeout does not see ctrl+c there."""

    def __init__(self) -> None:
        self.masks = hasattr(signal, "pthread_sigmask") and hasattr(signal, "sigwait")
        names = ("SIGINT", "SIGTERM", "SIGBREAK")
        self.signals = {getattr(signal, name) for name in names if hasattr(signal, name)}
        self.stopped = threading.Event()

    def hold(self) -> None:
        """From now on a stop signal waits for ``wait``; call before starting any thread."""
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not ignored, even if the parent ignores it: it is how we stop
        if self.masks:
            signal.pthread_sigmask(signal.SIG_BLOCK, self.signals)
            return
        for number in self.signals:
            signal.signal(number, lambda *_: self.stopped.set())

    def wait(self) -> None:
        """Until a stop signal comes (or came since ``hold``)."""
        if self.masks:
            signal.sigwait(self.signals)
            return
        while not self.stopped.wait(SLICE_SECONDS):
            pass
