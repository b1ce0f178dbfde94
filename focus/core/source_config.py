"""The config of the sources that reach beyond files: IMAP accounts, ActivityWatch, notifications.

Parsed by ``focus.core.config.parse`` from ``[[sources.imap]]``, ``[sources.activitywatch]`` and
``[notify]``. A secret is never in the config: only the command that prints it.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from focus.core.config_values import Section, boolean, positive_int, string, strings
from focus.i18n import _

TLS_MODES = ("implicit", "starttls", "none")
AUTH_MODES = ("password", "xoauth2", "oauthbearer")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
DEFAULT_AW_URL = "http://localhost:5600"
# The mail programs as ActivityWatch's window watcher names them: Windows' executables (OUTLOOK.EXE, the
# new Outlook's olk.exe, thunderbird.exe), macOS' app names ("Microsoft Outlook", Apple's "Mail"), Linux'
# window classes, with or without a reverse-DNS prefix (org.gnome.Geary, org.mozilla.Thunderbird)
DEFAULT_AW_APPS = (
    r"(?i)^(?:[\w-]+\.)*(?:outlook|olk|hxoutlook|thunderbird|betterbird|mail|evolution|geary|mailspring|kmail"
    r"|claws-mail|sylpheed|spark(?:\sdesktop)?|airmail(?:\s\d+)?|mailbird|postbox)(?:\.exe)?$",
    r"(?i)^microsoft\soutlook$",
)
# Webmail by its window title (the app is the browser), English and Swedish. A title is segments between
# " - ", " – ", " — " or " | "; a service counts only as a segment of its own, and Outlook only as the
# site's name (the last segment but the browser's), so "Outlook for the quarter – Google Docs" is not mail.
_SEP = r"\s(?:[-–—|·]|::)\s"
_BROWSER = (
    r"(?:google\schrome|chromium|(?:mozilla\s)?firefox(?:\sdeveloper\sedition)?|brave|opera|vivaldi|safari"
    r"|arc|waterfox|librewolf|zen\sbrowser)"
)
_EDGE = r"(?:[^-–—|]+" + _SEP + r")?microsoft\W?\s?edge"  # Edge may name the profile before itself
DEFAULT_AW_TITLES = (
    # Gmail: "Inkorgen (12) – anna@x.se – Gmail – Google Chrome", "Inbox (3) - Gmail - Mozilla Firefox"
    rf"(?i)(?:^|{_SEP})gmail(?:{_SEP}|\s*$)",
    # Outlook on the web: "Mail – Anna Svensson – Outlook", "Inkorgen – anna@x.se – Outlook och 2 sidor till –
    # Arbete – Microsoft Edge"
    rf"(?i){_SEP}(?:microsoft\s)?outlook(?:\s(?:web\sapp|on\sthe\sweb))?(?:\s(?:and|och)\s\d+\s[^-–—|]*)?"
    rf"(?:{_SEP}(?:{_BROWSER}|{_EDGE}))?\s*$",
    # other webmail services, each as a segment of its own
    rf"(?i)(?:^|{_SEP})(?:fastmail|proton\s?mail|yahoo\s?mail|icloud\s?mail|zoho\s?mail|gmx(?:\s(?:mail|freemail))?"
    rf"|web\.de|posteo|tuta(?:nota|\smail)?|roundcube\swebmail)(?:{_SEP}|\s*$)",
    # any webmail's inbox with the address after it: "Inkorgen – anna@foretag.se – Webbmejl"
    rf"(?i)^(?:\(\d+\)\s)?(?:inbox|inkorgen|inkorg)(?:\s\(\d+\))?{_SEP}[^\s@]+@[^\s@]+\.\w",
)


class ImapAccount(NamedTuple):
    """One ``[[sources.imap]]`` table: where the mail server is and how to log in."""

    name: str  # what notices and ``focus sources`` call it: user@host unless given
    host: str
    port: int
    tls: str  # implicit (993), starttls (143), none (loopback only)
    user: str
    mailboxes: tuple[str, ...] = ("INBOX",)
    auth: str = "password"
    password_command: str = ""
    token_command: str = ""
    verify_certificates: bool = True
    ca_file: str = ""
    poll_seconds: int = 60  # NOOP every this many seconds where the server has no IDLE

    @property
    def secret_command(self) -> str:
        """The command that prints this account's secret on its first line."""
        return self.password_command if self.auth == "password" else self.token_command


class ActivityWatchConfig(NamedTuple):
    """``[sources.activitywatch]``: a mail window active long enough, while not AFK, is mailbox activity."""

    url: str = DEFAULT_AW_URL
    apps: tuple[str, ...] = DEFAULT_AW_APPS
    titles: tuple[str, ...] = DEFAULT_AW_TITLES
    min_seconds: int = 5
    poll_seconds: int = 60


class NotifyConfig(NamedTuple):
    """``[notify]``: which desktop notifications ``focus watch`` sends."""

    debrief: bool = True
    blocks: bool = True
    email_budget: bool = True


def imap_accounts(value: Any, where: Section) -> tuple[ImapAccount, ...]:
    """Every ``[[sources.imap]]`` table, checked; two accounts may not share a name."""
    if not isinstance(value, list):
        raise where.error(where.key("imap"), _("must be an array of tables: [[sources.imap]]"))
    accounts = []
    for index, data in enumerate(value):
        accounts.append(_imap_account(Section(data, f"{where.key('imap')}[{index}]", where.path)))
    names = [account.name for account in accounts]
    for name in names:
        if names.count(name) > 1:
            raise where.error(
                where.key("imap"), _("two accounts are called {name}: give each its own name").format(name=repr(name))
            )
    return tuple(accounts)


def _imap_account(table: Section) -> ImapAccount:
    host = table.take("host", _host, None)
    user = table.take("user", _nonempty, None)
    for key, value in (("host", host), ("user", user)):
        if value is None:
            raise table.error(table.key(key), _("missing"))
    tls = table.take("tls", lambda v: _one_of(v, TLS_MODES), "implicit")
    port = table.take("port", _port, 993 if tls == "implicit" else 143)
    if tls == "none" and host not in LOOPBACK_HOSTS:
        raise table.error(table.key("tls"), _("none sends the password unencrypted: only for a server on this machine"))
    auth = table.take("auth", lambda v: _one_of(v, AUTH_MODES), "password")
    password_command = table.take("password_command", _nonempty, "")
    token_command = table.take("token_command", _nonempty, "")
    for key in ("password", "token"):
        if key in table.data:
            raise table.error(table.key(key), _("a secret never goes in the config: give the command that prints it"))
    needed = "password_command" if auth == "password" else "token_command"
    if not (password_command if auth == "password" else token_command):
        raise table.error(
            table.key(needed), _("missing: the command that prints the {secret}").format(secret=_secret_word(auth))
        )
    account = ImapAccount(
        name=table.take("name", _nonempty, f"{user}@{host}"),
        host=host,
        port=port,
        tls=tls,
        user=user,
        mailboxes=table.take("mailboxes", _mailboxes, ("INBOX",)),
        auth=auth,
        password_command=password_command,
        token_command=token_command,
        verify_certificates=table.take("verify_certificates", boolean, True),
        ca_file=table.take("ca_file", string, ""),
        poll_seconds=table.take("poll_seconds", positive_int, 60),
    )
    table.done()
    return account


def activitywatch(table: Section) -> ActivityWatchConfig | None:
    """``[sources.activitywatch]``, or None when the table is absent or ``enabled = false``."""
    enabled = table.take("enabled", boolean, table.present)
    result = ActivityWatchConfig(
        url=table.take("url", _url, DEFAULT_AW_URL),
        apps=table.take("apps", _patterns, DEFAULT_AW_APPS),
        titles=table.take("titles", _patterns, DEFAULT_AW_TITLES),
        min_seconds=table.take("min_seconds", positive_int, 5),
        poll_seconds=table.take("poll_seconds", positive_int, 60),
    )
    table.done()
    return result if enabled else None


def notify(table: Section) -> NotifyConfig:
    """``[notify]``: each kind of notification on or off."""
    result = NotifyConfig(
        debrief=table.take("debrief", boolean, True),
        blocks=table.take("blocks", boolean, True),
        email_budget=table.take("email_budget", boolean, True),
    )
    table.done()
    return result


def _secret_word(auth: str) -> str:
    return _("password") if auth == "password" else _("OAuth2 access token")


def _nonempty(value: Any) -> str:
    text = string(value).strip()
    if not text:
        raise ValueError(_("must not be empty"))
    return text


def _host(value: Any) -> str:
    text = _nonempty(value)
    if not re.fullmatch(r"[A-Za-z0-9.:\-\[\]]+", text):
        raise ValueError(_("{text} is not a host name or address").format(text=repr(text)))
    return text


def _port(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise ValueError(_("must be a port number from 1 to 65535, not {value}").format(value=repr(value)))
    return value


def _one_of(value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(
            _("must be one of {choices}, not {value}").format(choices=", ".join(choices), value=repr(value))
        )
    return str(value)


def _mailboxes(value: Any) -> tuple[str, ...]:
    names = strings(value)
    if not names or any(not name.strip() for name in names):
        raise ValueError(_('must be a non-empty list of mailbox names, such as ["INBOX"]'))
    return names


def _url(value: Any) -> str:
    text = _nonempty(value)
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", text.rstrip("/")):
        raise ValueError(_("{text} is not an http:// or https:// address").format(text=repr(text)))
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 (a port above 65535 or not a number raises here)
    except ValueError:
        raise ValueError(_("{text} has a bad port (a number from 1 to 65535)").format(text=repr(text))) from None
    if parts.username is not None or parts.password is not None:
        raise ValueError(_("give the address without a user name or password in it"))
    return text.rstrip("/")


def _patterns(value: Any) -> tuple[str, ...]:
    patterns = strings(value)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(
                _("bad regular expression {pattern}: {exc}").format(pattern=repr(pattern), exc=exc)
            ) from None
    return patterns
