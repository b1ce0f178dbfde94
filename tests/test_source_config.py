"""The config of IMAP accounts, ActivityWatch and notifications: defaults, and one clear error per bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from focus.core import config
from focus.core.errors import FocusError

FILE = Path("/home/anna/.config/focus/config.toml")
ACCOUNT = {"host": "imap.example.com", "user": "anna@example.com", "password_command": "pass show mail"}


def parse(data: dict) -> config.Config:
    return config.parse(data, FILE)


def test_an_account_takes_its_defaults():
    [account] = parse({"sources": {"imap": [ACCOUNT]}}).imap
    assert (account.name, account.port, account.tls, account.mailboxes) == (
        "anna@example.com@imap.example.com",
        993,
        "implicit",
        ("INBOX",),
    )
    assert (account.auth, account.secret_command, account.verify_certificates) == ("password", "pass show mail", True)
    [starttls] = parse({"sources": {"imap": [{**ACCOUNT, "tls": "starttls", "name": "work"}]}}).imap
    assert (starttls.name, starttls.port) == ("work", 143)
    [token] = parse({"sources": {"imap": [{**ACCOUNT, "auth": "xoauth2", "token_command": "oama access a"}]}}).imap
    assert token.secret_command == "oama access a"


@pytest.mark.parametrize(
    ("account", "message"),
    [
        ({**ACCOUNT, "password": "hunter2"}, "imap[0].password: a secret never goes in the config"),
        ({"host": "x.example", "user": "u"}, "imap[0].password_command: missing: the command that prints the password"),
        ({**ACCOUNT, "auth": "xoauth2"}, "token_command: missing: the command that prints the OAuth2 access token"),
        ({**ACCOUNT, "tls": "none"}, "imap[0].tls: none sends the password unencrypted"),
        ({**ACCOUNT, "port": 0}, "imap[0].port: must be a port number from 1 to 65535"),
        ({**ACCOUNT, "auth": "plain"}, "imap[0].auth: must be one of password, xoauth2, oauthbearer"),
        ({**ACCOUNT, "mailboxes": []}, "imap[0].mailboxes: must be a non-empty list"),
        ({**ACCOUNT, "folder": "INBOX"}, "imap[0].folder: unknown key"),
        ({"user": "u", "password_command": "x"}, "imap[0].host: missing"),
    ],
)
def test_a_bad_account_is_one_error_naming_the_file_and_the_key(account, message):
    with pytest.raises(FocusError, match=f"config {FILE}: sources.") as error:
        parse({"sources": {"imap": [account]}})
    assert message in str(error.value)
    assert "hunter2" not in str(error.value)


def test_two_accounts_may_not_share_a_name_and_imap_must_be_tables():
    with pytest.raises(FocusError, match="two accounts are called 'work'"):
        parse({"sources": {"imap": [{**ACCOUNT, "name": "work"}, {**ACCOUNT, "name": "work"}]}})
    with pytest.raises(FocusError, match=r"sources.imap: must be an array of tables: \[\[sources.imap\]\]"):
        parse({"sources": {"imap": ACCOUNT}})


def test_activitywatch_is_on_when_its_table_is_there_unless_disabled():
    assert parse({}).activitywatch is None
    on = parse({"sources": {"activitywatch": {}}}).activitywatch
    assert on is not None and on.url == "http://localhost:5600" and on.min_seconds == 5
    assert parse({"sources": {"activitywatch": {"enabled": False}}}).activitywatch is None
    with pytest.raises(FocusError, match=r"activitywatch\.url: 'ftp://x' is not an http"):
        parse({"sources": {"activitywatch": {"url": "ftp://x"}}})
    with pytest.raises(FocusError, match=r"activitywatch.titles: bad regular expression"):
        parse({"sources": {"activitywatch": {"titles": ["(unclosed"]}}})


def test_notifications_each_on_or_off_and_the_burst_for_every_source():
    assert parse({}).notify == config.NotifyConfig(True, True, True)
    assert parse({"notify": {"blocks": False}}).notify.blocks is False
    assert parse({"sources": {"burst_seconds": 90}}).burst_seconds == 90
    assert parse({"sources": {"maildir": {"burst_seconds": 60}}}).burst_seconds == 60  # its older place


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://localhost:99999", "has a bad port"),
        ("http://localhost:abc", "has a bad port"),
        ("http://anna:TopSecret@localhost:5600", "without a user name or password in it"),
    ],
)
def test_an_activitywatch_address_with_a_bad_port_or_a_password_is_refused(url, message):
    with pytest.raises(FocusError, match=message) as error:
        parse({"sources": {"activitywatch": {"url": url}}})
    assert "TopSecret" not in str(error.value)


def test_a_token_in_the_config_is_named_as_a_token():
    with pytest.raises(FocusError, match=r"sources\.imap\[0\]\.token: a secret never goes in the config"):
        parse({"sources": {"imap": [{**ACCOUNT, "token": "abc"}]}})
