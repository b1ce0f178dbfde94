"""The machine's time zone where neither $TZ nor /etc/localtime says it (Windows; a container without
the link): asked of ``tzlocal`` (Windows' registry, /etc/timezone, timedatectl), imported only then."""

from __future__ import annotations

import warnings


def ask_tzlocal() -> str | None:
    """The IANA name tzlocal finds, or None when it is not installed or finds none."""
    try:
        import tzlocal
    except ImportError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its doubts about a mismatched setting: the zone is checked after
            name = tzlocal.get_localzone_name()
    except Exception:  # its lookups fail in many ways (an unknown Windows zone, unreadable files): UTC then
        return None
    return name if isinstance(name, str) else None
