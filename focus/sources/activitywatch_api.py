"""ActivityWatch's REST API, read with the standard library: the buckets and a bucket's events, each
answer bounded in size and in number of events. Every failure is one of two exceptions with one line
of words: the server is not there (``NotRunning``), or it answered something unusable (``BadAnswer``)."""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from focus.core.activitywatch import iso
from focus.core.text import visible
from focus.i18n import _

TIMEOUT_SECONDS = 5.0  # a server on this machine answers in milliseconds; a hung one must not hold the stop
MAX_BYTES = 8 * 1024 * 1024  # ~25,000 window events as aw-server indents them
MAX_EVENTS = 10_000  # per bucket and poll: a day of window switches; more than that, the oldest wait


class NotRunning(Exception):
    """Nothing answers at the address (refused, timed out, no such host)."""


class BadAnswer(Exception):
    """The server answered, but not with what the API promises (HTTP 500, not JSON, too large)."""


class ActivityWatchApi:
    """The server at ``url`` (e.g. ``http://localhost:5600``). Proxies from the environment are not
    used: ActivityWatch runs on this machine, and a corporate proxy would only be in the way."""

    def __init__(self, url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES):
        self.url, self.timeout, self.max_bytes = url.rstrip("/"), timeout, max_bytes
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def buckets(self) -> Any:
        """``GET /api/0/buckets/``: every bucket by id, with its type and hostname."""
        return self.get("/api/0/buckets/")

    def events(self, bucket: str, start: int, end: int, limit: int = MAX_EVENTS) -> Any:
        """The bucket's events overlapping [start, end] (epoch ms), newest first, at most ``limit``."""
        query = urllib.parse.urlencode({"start": iso(start), "end": iso(end), "limit": limit})
        return self.get(f"/api/0/buckets/{urllib.parse.quote(bucket, safe='')}/events?{query}")

    def get(self, path: str) -> Any:
        request = urllib.request.Request(self.url + path, headers={"Accept": "application/json"})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                body = response.read(self.max_bytes + 1)
        except urllib.error.HTTPError as exc:
            exc.close()
            said = f"HTTP {exc.code} {visible(str(exc.reason), 60)}"
            raise BadAnswer(_("{said} for {path}").format(said=said, path=path.split("?")[0])) from None
        except TimeoutError:
            raise NotRunning(_("no answer within {seconds:g} s").format(seconds=self.timeout)) from None
        except urllib.error.URLError as exc:
            raise NotRunning(_reason(exc.reason)) from None
        except http.client.HTTPException as exc:  # a malformed or cut-off answer
            raise BadAnswer(
                _("a broken HTTP answer to {path} ({error_type})").format(
                    path=path.split("?")[0], error_type=type(exc).__name__
                )
            ) from None
        except (OSError, ValueError) as exc:  # a connection reset mid-answer
            raise NotRunning(_reason(exc)) from None
        if len(body) > self.max_bytes:
            raise BadAnswer(
                _("the answer to {path} is larger than {megabytes} MB").format(
                    path=path.split("?")[0], megabytes=self.max_bytes // 1_048_576
                )
            )
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            raise BadAnswer(_("the answer to {path} is not JSON").format(path=path.split("?")[0])) from None


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return _("connection refused")
    if isinstance(reason, TimeoutError):
        return _("no answer")
    if isinstance(reason, socket.gaierror):
        return _("no such host")
    text = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
    return visible(text, 80) or type(reason).__name__
