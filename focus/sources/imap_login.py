"""Reaching an IMAP account: the secret from its command, TLS as configured, the login; and every
failure said in one line that never holds the secret. ``Trouble.lasting`` tells the source whether
trying again soon can help (a network failure) or the user must act (a wrong password, a certificate
that is not trusted, an unknown mailbox)."""

from __future__ import annotations

import contextlib
import imaplib
import os
import signal
import socket
import ssl
import subprocess

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from focus.core.errors import FocusError
from focus.core.source_config import ImapAccount
from focus.i18n import _

SECRET_SECONDS = 60  # a token helper may have to refresh its token over the network
CONNECT_SECONDS = 30.0  # connecting, and each answer of the server outside IDLE
HIDDEN = "[secret]"


class Trouble(FocusError):
    """A reason the account cannot be watched now; ``lasting``: trying again soon will not help."""

    def __init__(self, message: str, lasting: bool):
        super().__init__(message)
        self.lasting = lasting


def secret(account: ImapAccount) -> str:
    """The first line its ``password_command`` or ``token_command`` prints (run by the shell, like
    mbsync's PassCmd); a Trouble when the command fails or prints nothing."""
    key = "password_command" if account.auth == "password" else "token_command"
    try:
        done = _run(account.secret_command)
    except subprocess.TimeoutExpired:
        raise Trouble(
            _("the {key} did not finish within {seconds} s").format(key=key, seconds=SECRET_SECONDS), lasting=True
        ) from None
    except OSError as exc:
        raise Trouble(
            _("the {key} could not run ({error})").format(key=key, error=exc.strerror), lasting=True
        ) from None
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if done.returncode != 0:
        said = next((line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()), "")
        said = hide(said, lines[0] if lines else "", 160)
        code = f"{done.returncode}: {said}" if said else str(done.returncode)
        raise Trouble(_("the {key} failed (exit {code})").format(key=key, code=code), lasting=True)
    if not lines or not lines[0]:
        raise Trouble(_("the {key} printed nothing on its first line").format(key=key), lasting=True)
    return lines[0]


def _run(command: str) -> subprocess.CompletedProcess[bytes]:
    """The command through the shell, in a process group of its own: ctrl+c in the terminal is focus's
    to handle, not the command's (it then failed with "exit -2"), and a command that takes too long is
    ended with everything it started (a ``sleep`` under the shell was left running)."""
    posix = os.name == "posix"
    with subprocess.Popen(
        command,
        shell=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=posix,
    ) as process:
        try:
            out, err = process.communicate(timeout=SECRET_SECONDS)
        except subprocess.TimeoutExpired:
            if posix:
                with contextlib.suppress(OSError):
                    os.killpg(process.pid, signal.SIGKILL)
            process.kill()
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def hide(text: str, secret: str, limit: int | None = None) -> str:
    """``text`` with ``secret`` taken out, wherever it came from, then cut to ``limit`` characters (in
    that order: a cut first could split the secret and leave its start for all to see)."""
    hidden = text.replace(secret, HIDDEN) if secret else text
    return hidden if limit is None else hidden[:limit]


def tls_context(account: ImapAccount) -> ssl.SSLContext:
    """Certificates verified against the system's CAs (or ``ca_file``) unless the config says not to."""
    try:
        context = ssl.create_default_context(cafile=os.path.expanduser(account.ca_file) if account.ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise Trouble(
            _("ca_file {ca_file}: {error}").format(
                ca_file=account.ca_file, error=getattr(exc, "strerror", None) or exc
            ),
            lasting=True,
        ) from None
    if not account.verify_certificates:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def connect(account: ImapAccount) -> IMAPClient:
    """A logged-in connection to the account's server (CONDSTORE enabled where offered)."""
    context = tls_context(account)
    client: IMAPClient | None = None
    password = ""  # until the command has printed it
    try:
        client = IMAPClient(
            account.host,
            account.port,
            ssl=account.tls == "implicit",
            ssl_context=context,
            timeout=CONNECT_SECONDS,
        )
        if account.tls == "starttls":
            if b"STARTTLS" not in client.capabilities():
                where = f"{account.host}:{account.port}"
                raise Trouble(f'{where} does not offer STARTTLS: is tls = "starttls" right for it?', lasting=True)
            client.starttls(context)
        keep_alive(client.socket())
        password = secret(account)
        if account.auth == "password" and not (password + account.user).isascii():
            client.plain_login(account.user, password)  # LOGIN is ASCII only; AUTHENTICATE PLAIN is UTF-8
        elif account.auth == "password":
            client.login(account.user, password)
        elif account.auth == "xoauth2":
            client.oauth2_login(account.user, password)
        else:
            client.oauthbearer_login(account.user, password)
        if b"CONDSTORE" in client.capabilities():
            client.enable("CONDSTORE")
        return client
    except BaseException as exc:
        if client is not None:
            close(client)
        if isinstance(exc, Trouble):
            raise
        if isinstance(exc, Exception):
            raise explain(exc, account, password) from None
        raise


def explain(exc: Exception, account: ImapAccount, secret: str = "") -> Trouble:
    """What went wrong, in words; what the server or the library said is shown without the secret."""
    where = f"{account.host}:{account.port}"
    said = hide(_said(exc), secret, 200)
    if isinstance(exc, ssl.SSLCertVerificationError):
        reason = hide(exc.verify_message or exc.reason or _("not trusted"), secret)
        return Trouble(
            _("the certificate of {host} is not trusted ({reason}): give its CA as ca_file").format(
                host=account.host, reason=reason
            ),
            True,
        )
    if isinstance(exc, ssl.SSLError):
        reason = hide(exc.reason or "", secret) or said
        said = _('TLS with {where} failed ({reason}): is tls = "{tls}" right for this port?')
        return Trouble(said.format(where=where, reason=reason, tls=account.tls), True)
    if isinstance(exc, LoginError):
        what = _("password") if account.auth == "password" else _("token (expired or revoked?)")
        return Trouble(_("the server refused the {what}: {said}").format(what=what, said=said), lasting=True)
    if isinstance(exc, socket.gaierror):
        return Trouble(_("host {host} not found").format(host=account.host), lasting=False)
    if isinstance(exc, ConnectionRefusedError):
        return Trouble(_("{where} refused the connection").format(where=where), lasting=False)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return Trouble(
            _("{where} did not answer within {seconds:g} s").format(where=where, seconds=CONNECT_SECONDS), lasting=False
        )
    if isinstance(exc, (imaplib.IMAP4.abort, OSError, EOFError)):
        return Trouble(_("the connection to {where} was lost ({said})").format(where=where, said=said), lasting=False)
    if isinstance(exc, imaplib.IMAP4.error):
        return Trouble(_("{where} answered: {said}").format(where=where, said=said), lasting=False)
    return Trouble(
        _("unexpected {error_type} with {where}: {said}").format(error_type=type(exc).__name__, where=where, said=said),
        lasting=False,
    )


def _said(exc: BaseException) -> str:
    text = str(exc.args[0] if exc.args else exc)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return " ".join(text.split()) or type(exc).__name__


def keep_alive(sock: socket.socket) -> None:
    """TCP keepalive, so a connection the network dropped while IDLE is noticed within minutes."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for option, value in (("TCP_KEEPIDLE", 60), ("TCP_KEEPINTVL", 20), ("TCP_KEEPCNT", 4)):
        if hasattr(socket, option):
            sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, option), value)


def close(client: IMAPClient) -> None:
    """Drop the connection without waiting for the server (a stop, or after a failure)."""
    with contextlib.suppress(OSError, AttributeError):
        client.socket().shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError, imaplib.IMAP4.error, AttributeError):
        client.shutdown()
