"""Which active windows are a mail program: the app and title patterns of ``[sources.activitywatch]``
(the defaults in ``focus.core.source_config``). Pure: no I/O."""

from __future__ import annotations

import re

from focus.core.text import visible

TITLE_READ = 500  # a title is matched on its first this many characters: a pattern never scans a huge one
LABEL_MAX = 40
# The webmail services a label names, as a title's segment says them
_SERVICES = re.compile(
    r"(?i)(?:^|\s[-–—|·]\s)(gmail|outlook|fastmail|proton\s?mail|yahoo\s?mail|icloud\s?mail|zoho\s?mail)(?=\s|$)"
)


class MailMatcher:
    """A window is mail when its app matches one of ``apps`` or its title one of ``titles``
    (regular expressions, searched anywhere: anchor them to match whole names)."""

    def __init__(self, apps: tuple[str, ...], titles: tuple[str, ...]):
        self.apps = [re.compile(pattern) for pattern in apps]
        self.titles = [re.compile(pattern) for pattern in titles]

    def by_app(self, app: str) -> bool:
        return any(pattern.search(app[:TITLE_READ]) for pattern in self.apps)

    def by_title(self, title: str) -> bool:
        return any(pattern.search(title[:TITLE_READ]) for pattern in self.titles)

    def label(self, app: str, title: str) -> str | None:
        """What the log calls this window when it is mail ("OUTLOOK.EXE", "Gmail (firefox)"), None when
        it is not. Never the title itself (a message's subject is not the log's business), and only
        visible text (``focus.core.text.visible``): an app name comes from outside too."""
        shown = visible(app, LABEL_MAX)
        if self.by_app(app):
            return shown or "a mail program"
        if self.by_title(title):
            found = _SERVICES.search(title[:TITLE_READ])
            service = found.group(1) if found else "webmail"
            return f"{service} ({shown})" if shown else service
        return None
