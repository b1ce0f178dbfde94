"""focus where POSIX is not (Windows; macOS's quirks): each POSIX-only piece taken away as on Windows — no
fcntl (msvcrt's byte-range locks instead), no O_NOFOLLOW, no /etc/localtime, no sigwait, no os.uname —
and the same behaviour kept."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import sys
import types
from pathlib import Path

import pytest

from focus.core.clock import Clock
from focus.sources.lock import SourcesBusy, SourcesLock
from focus.store import config_file, safefile
from focus.store.database import Store
from focus.tracking import Tracker

# -- the sources lock without fcntl ----------------------------------------------------------------------


def fake_msvcrt() -> types.ModuleType:
    """msvcrt.locking as Windows has it: a lock on ``nbytes`` from the file's position, per open file
    (two opens in one process exclude each other), failing with OSError when held: Linux's open file
    description locks (F_OFD_SETLK) behave so."""
    module = types.ModuleType("msvcrt")
    module.LK_UNLCK, module.LK_LOCK, module.LK_NBLCK = 0, 1, 2

    def locking(fd: int, mode: int, nbytes: int) -> None:
        start = os.lseek(fd, 0, os.SEEK_CUR)
        kind = fcntl.F_UNLCK if mode == module.LK_UNLCK else fcntl.F_WRLCK
        command = fcntl.F_OFD_SETLKW if mode == module.LK_LOCK else fcntl.F_OFD_SETLK
        fcntl.fcntl(fd, command, struct.pack("hhqqi4x", kind, os.SEEK_SET, start, nbytes, 0))

    module.locking = locking
    return module


@pytest.fixture
def windows_locks(monkeypatch):
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError, as on Windows
    monkeypatch.setitem(sys.modules, "msvcrt", fake_msvcrt())


def test_without_fcntl_the_sources_lock_still_excludes_a_second_holder_and_names_it(tmp_path, windows_locks):
    from focus.store import locking

    path = tmp_path / "sources.lock"
    first = SourcesLock(path, "focus watch")
    first.acquire()
    with pytest.raises(SourcesBusy, match=rf"already run in pid {os.getpid()} \(focus watch\)"):
        SourcesLock(path, "the focus TUI").acquire()
    assert path.read_text() == f"pid {os.getpid()} (focus watch)\n"  # the name is outside the locked byte
    first.release()
    second = SourcesLock(path, "the focus TUI")
    second.acquire()  # free again
    second.release()
    fd = os.open(path, os.O_RDWR)
    try:
        locking.lock(fd)  # the waiting lock (the database's creation) takes it too
        assert not locking.try_lock(os.open(path, os.O_RDWR))
        locking.unlock(fd)
    finally:
        os.close(fd)


# -- a dropped file swapped for a link, without O_NOFOLLOW --------------------------------------------------


@pytest.mark.parametrize("swapped_in", ["link", "other file"])
def test_without_o_nofollow_a_file_swapped_after_the_check_is_refused(tmp_path, monkeypatch, swapped_in):
    secret = tmp_path / "secret.json"
    secret.write_text('{"type": "outcome", "kind": "deal"}')
    dropped = tmp_path / "inbox" / "call.json"
    dropped.parent.mkdir()
    dropped.write_text('{"type": "outcome", "kind": "call"}')
    monkeypatch.delattr(os, "O_NOFOLLOW")
    real_open = os.open

    def swapping_open(path, flags, *args):
        if Path(path) == dropped:  # between the check (lstat) and the open
            dropped.rename(tmp_path / "aside.json")  # kept: its inode is not reused for the new file
            if swapped_in == "link":
                dropped.symlink_to(secret)
            else:
                dropped.write_text('{"type": "outcome", "kind": "deal"}')
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", swapping_open)
    expected = "a symbolic link" if swapped_in == "link" else "replaced while it was being read"
    with pytest.raises(safefile.NotAccepted, match=expected):
        safefile.read_dropped_file(dropped, 1000)


def test_without_o_nofollow_a_plain_file_is_read(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "O_NOFOLLOW")
    dropped = tmp_path / "call.json"
    dropped.write_bytes(b'{"type": "outcome"}\r\n')
    assert safefile.read_dropped_file(dropped, 1000)[0] == b'{"type": "outcome"}\r\n'


# -- the system's zone without /etc/localtime ----------------------------------------------------------------


@pytest.fixture
def no_zone_link(monkeypatch, tmp_path):
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr("focus.core.clock.LOCALTIME", str(tmp_path / "no-localtime"))


def fake_tzlocal(name: str | None, asked: list[str]) -> types.ModuleType:
    module = types.ModuleType("tzlocal")

    def get_localzone_name():
        asked.append("asked")
        if name is None:
            raise LookupError("no zone in the registry")
        return name

    module.get_localzone_name = get_localzone_name
    return module


def test_without_etc_localtime_the_zone_comes_from_tzlocal(tmp_path, monkeypatch, no_zone_link):
    asked: list[str] = []
    monkeypatch.setitem(sys.modules, "tzlocal", fake_tzlocal("America/New_York", asked))
    assert config_file.load(tmp_path / "config.toml").timezone == "America/New_York"
    assert asked == ["asked"]
    monkeypatch.setitem(sys.modules, "tzlocal", fake_tzlocal(None, asked))
    assert config_file.load(tmp_path / "config.toml").timezone == "UTC"  # it finds none: UTC, no traceback
    monkeypatch.setitem(sys.modules, "tzlocal", fake_tzlocal("Mars/Olympus", asked))
    assert config_file.load(tmp_path / "config.toml").timezone == "UTC"  # a name zoneinfo does not know
    monkeypatch.setitem(sys.modules, "tzlocal", None)
    assert config_file.load(tmp_path / "config.toml").timezone == "UTC"  # not installed


def test_tzlocal_is_not_asked_when_the_config_or_etc_localtime_says_the_zone(tmp_path, monkeypatch):
    asked: list[str] = []
    monkeypatch.setitem(sys.modules, "tzlocal", fake_tzlocal("America/New_York", asked))
    monkeypatch.delenv("TZ", raising=False)
    link = tmp_path / "zoneinfo" / "Europe" / "Stockholm"
    monkeypatch.setattr("focus.core.clock.LOCALTIME", str(link))
    link.parent.mkdir(parents=True)
    link.write_text("")
    assert config_file.load(tmp_path / "config.toml").timezone == "Europe/Stockholm"
    (tmp_path / "config.toml").write_text('timezone = "Asia/Tokyo"\n')
    assert config_file.load(tmp_path / "config.toml").timezone == "Asia/Tokyo"
    assert asked == []


# -- focus watch without sigwait, a device name without os.uname -------------------------------------------

WITHOUT_SIGWAIT = (
    "import signal, sys; del signal.sigwait, signal.pthread_sigmask; "
    "from focus.cli import main; sys.argv = ['focus', 'watch']; main()"
)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_focus_watch_without_sigwait_stops_cleanly_on_its_signals(tmp_path, spawn, stop):
    env = {**os.environ, "FOCUS_HOME": str(tmp_path)}
    child = spawn([sys.executable, "-c", WITHOUT_SIGWAIT], env=env, ctrl_c=stop == signal.SIGINT)
    assert child.line().startswith("watching the inbox")
    child.send_signal(stop)
    assert (child.wait(), child.stderr) == (0, "")


def test_a_device_name_without_os_uname(tmp_path, monkeypatch):
    import platform

    monkeypatch.delattr(os, "uname")
    monkeypatch.setattr(platform, "node", lambda: "LAPTOP-7Q2")
    tracker = Tracker(Store(tmp_path / "focus.db"), config_file.load(tmp_path / "c.toml"), Clock("UTC"))
    try:
        assert tracker.device == "LAPTOP-7Q2"
    finally:
        tracker.store.close()
