"""A real Dovecot IMAP server for tests: its own config file, on 127.0.0.1 and a free port, users in a
passwd-file (added per test), Maildirs in a temporary folder, an OAuth2 token endpoint on loopback.

Dovecot refuses to run mail as root: run as root, the mail belongs to a system user ``focusmail``
(created once when missing); run as anyone else, everything runs as that user. ``doveadm save``
delivers, a second IMAP connection (``Dovecot.client``) reads and marks messages as the user's mail
program would. ``stop()`` ends every process it started; ``restart()`` keeps the port."""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from imapclient import IMAPClient

from tests.servers.ports import free_port

MAIL_USER = "focusmail"
START_SECONDS = 15.0
# Dovecot 2.3's capabilities after login, without CONDSTORE and QRESYNC: what Microsoft 365 offers
NO_CONDSTORE = (
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS "
    "THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS "
    "LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE "
    "SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE"
)
NO_IDLE = NO_CONDSTORE.replace(" IDLE", "")


class Unavailable(Exception):
    """Dovecot cannot run here (not installed, no mail user): the tests are skipped with this reason."""


def mail_owner() -> pwd.struct_passwd:
    """The user the mail runs as: ``focusmail`` (created when missing) for root, else oneself."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam(MAIL_USER)
    except KeyError:
        pass
    made = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", MAIL_USER],
        capture_output=True,
        text=True,
    )
    try:
        return pwd.getpwnam(MAIL_USER)
    except KeyError:
        raise Unavailable(f"no system user for Dovecot's mail (useradd {MAIL_USER}: {made.stderr.strip()})") from None


class TokenEndpoint:
    """What Dovecot's oauth2 passdb asks whether a token is good: ``GET /tokeninfo?access_token=…``
    answers ``{"active": true, "username": …}`` for a token handed out by ``issue``, 401 otherwise."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}
        tokens = self.tokens

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlparse(self.path).query)
                user = tokens.get((query.get("access_token") or [""])[0])
                body = json.dumps({"active": True, "username": user} if user else {"error": "invalid_token"})
                self.send_response(200 if user else 401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(0.05,), name="token endpoint", daemon=True
        )
        self.thread.start()

    def issue(self, user: str, token: str) -> None:
        self.tokens[token] = user

    def revoke(self, token: str) -> None:
        self.tokens.pop(token, None)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class Dovecot:
    """One Dovecot server; ``capability`` replaces its capabilities after login (``NO_CONDSTORE``)."""

    def __init__(self, capability: str = ""):
        if not (shutil.which("dovecot") or Path("/usr/sbin/dovecot").exists()):
            raise Unavailable("Dovecot is not installed (Debian: apt install dovecot-imapd)")
        if not shutil.which("openssl"):
            raise Unavailable("openssl is not installed: no certificate for the TLS port")
        self.owner = mail_owner()
        self.root = Path(tempfile.mkdtemp(prefix="focus-dovecot-"))
        os.chmod(self.root, 0o755)  # the mail user's processes reach the sockets and homes in it
        self.homes = self.root / "home"
        self.homes.mkdir()
        os.chown(self.homes, self.owner.pw_uid, self.owner.pw_gid)
        self.users = self.root / "users"  # one passwd-file per user: written once, never changed
        self.users.mkdir()
        self.config_file = self.root / "dovecot.conf"
        self.log_file = self.root / "dovecot.log"
        self.host, self.port, self.tls_port = "127.0.0.1", free_port(), free_port()
        self.cert_file = self._certificate()
        self.tokens = TokenEndpoint()
        self.passwords: dict[str, str] = {}
        self.process: subprocess.Popen[bytes] | None = None
        self.config_file.write_text(self._config(capability))
        self.start()

    def _config(self, capability: str) -> str:
        owner, root = self.owner, self.root
        (root / "oauth2.conf.ext").write_text(
            f"tokeninfo_url = http://127.0.0.1:{self.tokens.port}/tokeninfo?access_token=\n"
            "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
        )
        as_oneself = os.geteuid() != 0
        lines = [
            "protocols = imap",
            "listen = 127.0.0.1",
            f"base_dir = {root}/run",
            f"state_dir = {root}/state",
            f"log_path = {self.log_file}",
            f"info_log_path = {self.log_file}",
            "ssl = yes",  # on the implicit-TLS port only: plain logins on the other
            f"ssl_cert = <{self.cert_file}",
            f"ssl_key = <{root}/key.pem",
            "disable_plaintext_auth = no",
            "auth_mechanisms = plain login xoauth2 oauthbearer",
            "auth_failure_delay = 0",  # a refused login answers at once (2 s by default)
            f"first_valid_uid = {min(owner.pw_uid, 500)}",
            f"first_valid_gid = {min(owner.pw_gid, 500)}",
            f"mail_location = maildir:{self.homes}/%u/Maildir",
            "mail_privileged_group =",
            f"default_internal_user = {owner.pw_name if as_oneself else 'dovecot'}",
            f"default_login_user = {owner.pw_name if as_oneself else 'dovenull'}",
            f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {root}/oauth2.conf.ext\n}}",
            f"passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {self.users}/%u\n}}",
            f"userdb {{\n  driver = static\n  args = uid={owner.pw_uid} gid={owner.pw_gid} home={self.homes}/%u\n}}",
            f"service imap-login {{\n  inet_listener imap {{\n    port = {self.port}\n  }}\n"
            f"  inet_listener imaps {{\n    port = {self.tls_port}\n    ssl = yes\n  }}\n"
            f"  service_count = 0\n{'  chroot =' if as_oneself else ''}\n}}",
            # no growing delay for logins after the refused ones tests make (Dovecot's documented way)
            "service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n"
            + ("  chroot =\n" if as_oneself else "")
            + "}",
            "protocol imap {\n  mail_max_userip_connections = 100\n}",
        ]
        if capability:
            lines.append(f"imap_capability = {capability}")
        return "\n".join(line for line in lines if line) + "\n"

    def _certificate(self) -> Path:
        """A self-signed certificate for 127.0.0.1: not trusted unless given as ca_file."""
        names = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]
        files = ["-keyout", str(self.root / "key.pem"), "-out", str(self.root / "cert.pem")]
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", *names, *files],
            check=True,
            capture_output=True,
            timeout=30,
        )
        return self.root / "cert.pem"

    # -- the server process ------------------------------------------------------------------------

    def start(self) -> None:
        """Start Dovecot in the foreground (its own process, ours to end) and wait until it answers."""
        self.process = subprocess.Popen(
            ["dovecot", "-F", "-c", str(self.config_file)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self._errors()}")
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), timeout=1) as probe:
                if probe.recv(100).startswith(b"* OK"):
                    return
            threading.Event().wait(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not answer on port {self.port} within {START_SECONDS} s: {self._errors()}")

    def _errors(self) -> str:
        log = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
        stderr = self.process.stderr.read().decode(errors="replace") if self.process and self.process.stderr else ""
        return (stderr + log).strip()

    def stop(self, at_once: bool = False) -> None:
        """End Dovecot and every process of it, always waited for; ``at_once``: SIGKILL the master
        (SIGTERM makes it wait a second for its children)."""
        process, self.process = self.process, None
        if process is None:
            return
        children = descendants(process.pid)
        if process.poll() is None:
            process.kill() if at_once else process.terminate()
        # Its processes would go seconds after the master (IMAP sessions with a BYE): all of them now
        end_all(children)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop the server and the token endpoint; remove the mail."""
        self.stop(at_once=True)
        self.tokens.close()
        shutil.rmtree(self.root, ignore_errors=True)

    # -- users and mail ----------------------------------------------------------------------------

    def add_user(self, name: str, password: str) -> None:
        """A user with that password and an empty INBOX."""
        self.passwords[name] = password
        (self.users / name).write_text(f"{name}:{{PLAIN}}{password}::::::\n")
        with self.client(name) as client:
            client.select_folder("INBOX")

    def deliver(self, user: str, subject: str = "Hello", mailbox: str = "INBOX") -> None:
        """Deliver one message as the mail server would (``doveadm save``)."""
        subprocess.run(
            ["doveadm", "-c", str(self.config_file), "save", "-u", user, "-m", mailbox],
            input=message(subject),
            check=True,
            capture_output=True,
            timeout=30,
        )

    def append(self, user: str, count: int, mailbox: str = "INBOX") -> None:
        """Many unread messages at once (one IMAP APPEND each, on one connection)."""
        with self.client(user) as client:
            for n in range(count):
                client.append(mailbox, message(f"Message {n}"))

    def client(self, user: str) -> IMAPClient:
        """The user's other mail program: a logged-in IMAP connection (a context manager)."""
        client = IMAPClient(self.host, self.port, ssl=False, timeout=30)
        password = self.passwords[user]
        if password.isascii():
            client.login(user, password)
        else:
            client.plain_login(user, password)
        return client

    def read(self, user: str, count: int = 1, mailbox: str = "INBOX") -> list[int]:
        """Read the ``count`` oldest unread messages (they get ``\\Seen``), as a mail program does;
        returns their UIDs once the server has confirmed the change."""
        with self.client(user) as client:
            client.select_folder(mailbox)
            uids = sorted(client.search(["UNSEEN"]))[:count]
            assert len(uids) == count, f"{user} has only {len(uids)} unread messages"
            client.add_flags(uids, [b"\\Seen"])
        return uids


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = Path(f"/proc/{entry}/stat").read_text()
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def end_all(pids: list[int]) -> None:
    """SIGTERM each process still there, SIGKILL what is left after 5 s."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        threading.Event().wait(0.02)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def message(subject: str) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "kund@example.com", "anna@example.com", subject
    mail.set_content("Hej!\n")
    return bytes(mail)
