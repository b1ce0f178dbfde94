"""Desktop notifications for ``focus watch``: through ``desktop-notifier`` (the optional extra
``focus[notify]``: Linux, macOS, Windows), else ``notify-send`` on Linux, else none (``focus watch``
prints each reminder as a line all the same). Sent one after another from a thread of their own, so a
slow or absent notification server never holds up the sources; a failure is one line."""

from __future__ import annotations

import importlib.util
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable

from focus.i18n import _
from focus.reports.safe import notification_text

SEND_SECONDS = 5.0  # one notification: the server answers within this, or it is said as a problem
APP_NAME = "focus"

Send = Callable[[str, str], None]


class Desktop:
    """The desktop's notifications; ``notify`` never blocks. The way is chosen at the start (cheaply: is
    desktop-notifier installed, is notify-send there); the sender is made in the thread (importing
    desktop-notifier takes ~84 ms). No way at all is said once, as a line."""

    def __init__(self, announce: Callable[[str], object], make: Callable[[], Send] | None = None):
        """``make``: the sender (tests); by default the best one this machine has."""
        self.announce, self.make = announce, make
        self.queue: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="focus-desktop", daemon=True)
        self.failed = ""  # the last failure said: said once until a notification goes through again

    def start(self) -> None:
        if self.make is None:
            how = available()
            if how is None:
                self.announce(
                    _("reminders are lines here, not desktop notifications: {hint}").format(hint=no_way_hint())
                )
                return
            self.make = desktop_notifier_sender if how == "desktop-notifier" else notify_send_sender
        self.thread.start()

    def notify(self, title: str, body: str) -> None:
        """Queue a notification (text from outside is made safe here)."""
        if self.make is not None:
            self.queue.put((notification_text(title), notification_text(body)))

    def stop(self) -> None:
        """Stop after the notification being sent, if any (bounded: one send's timeout)."""
        self.queue.put(None)
        if self.thread.is_alive():
            self.thread.join(timeout=SEND_SECONDS + 1)

    def _run(self) -> None:
        assert self.make is not None
        try:
            send: Send | None = self.make()
        except Exception as exc:  # a broken install of the extra must not stop the watch
            self.announce("problem: " + _("desktop notifications: {error}").format(error=one_line_error(exc)))
            send = None
        while (item := self.queue.get()) is not None:
            if send is None:
                continue
            try:
                send(*item)
            except Exception as exc:  # the notification server's trouble, said and survived
                text = one_line_error(exc)
                if text != self.failed:
                    self.failed = text
                    self.announce("problem: " + _("desktop notification: {text}").format(text=text))
            else:
                if self.failed:
                    self.failed = ""
                    self.announce("resolved: " + _("desktop notifications work again"))
        close = getattr(send, "close", None)
        if close is not None:
            close()


def no_way_hint() -> str:
    """What to install for desktop notifications on this system."""
    if sys.platform.startswith("linux"):
        return _("install desktop-notifier (pip install 'focus[notify]') or notify-send (libnotify-bin)")
    return _("install desktop-notifier (pip install 'focus[notify]')")


def available() -> str | None:
    """The way this machine has to notify, without importing anything: desktop-notifier when installed,
    else notify-send on Linux, else None."""
    if importlib.util.find_spec("desktop_notifier") is not None:  # None too when made unimportable
        return "desktop-notifier"
    if sys.platform.startswith("linux") and shutil.which("notify-send") is not None:
        return "notify-send"
    return None


def desktop_notifier_sender() -> Send:
    """Sends through desktop-notifier's async API, on an event loop of the sending thread's own. It logs a
    failure (with a traceback) instead of raising it: its log is caught here and raised as one line."""
    import asyncio
    import logging

    from desktop_notifier import DesktopNotifier

    class Failures(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.WARNING)
            self.found: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            error = record.exc_info[1] if record.exc_info else None
            self.found.append(one_line_error(error) if error is not None else record.getMessage())

    class Sender:
        def __init__(self) -> None:
            self.failures = Failures()  # from its start on: its own warnings (macOS: no signed app) too
            logger = logging.getLogger("desktop_notifier")
            logger.addHandler(self.failures)
            logger.propagate = False  # never its traceback on the terminal
            self.loop = asyncio.new_event_loop()
            self.notifier = DesktopNotifier(app_name=APP_NAME)

        def __call__(self, title: str, body: str) -> None:
            sent = self.notifier.send(title=title, message=body)
            self.loop.run_until_complete(asyncio.wait_for(sent, SEND_SECONDS))
            if self.failures.found:
                failure, self.failures.found = self.failures.found[-1], []
                raise OSError(failure)

        def close(self) -> None:
            self.loop.close()
            logging.getLogger("desktop_notifier").removeHandler(self.failures)

    return Sender()


def notify_send_sender(program: str = "notify-send") -> Send:
    """Sends through libnotify's ``notify-send``."""

    def send(title: str, body: str) -> None:
        try:
            result = subprocess.run(
                [program, f"--app-name={APP_NAME}", "--", title, body],
                capture_output=True,
                text=True,
                errors="replace",
                timeout=SEND_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise OSError(_("notify-send did not answer within {seconds:g} s").format(seconds=SEND_SECONDS)) from None
        if result.returncode != 0:
            said = [line for line in result.stderr.splitlines() if line.strip()]
            raise OSError(
                "notify-send: " + (said[-1].strip() if said else _("exit status {code}").format(code=result.returncode))
            )

    return send


def one_line_error(exc: BaseException) -> str:
    """An exception as one short line: its message, else its type's name."""
    if isinstance(exc, TimeoutError):
        return _("the notification server did not answer within {seconds:g} s").format(seconds=SEND_SECONDS)
    text = " ".join(str(exc).split())
    return (text or type(exc).__name__)[:200]
