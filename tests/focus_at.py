"""``python -m tests.focus_at ZONE LOCAL-TIME ARGS...``: the focus command line with its clock set to a
local time from which real time runs on (the CLI has no clock option): a real ``focus watch`` process
that reaches 17:03 in two seconds. ``--without MODULE`` (repeatable, first) makes a module unimportable,
as on a machine that lacks it."""

from __future__ import annotations

import sys
import time

from focus.core.clock import Clock


class ShiftedClock(Clock):
    """Real time, shifted so that it read ``local`` when it was made."""

    __slots__ = ("offset_ms",)

    def __init__(self, zone_name: str, local: str):
        super().__init__(zone_name, None)
        self.offset_ms = Clock.fixed(zone_name, local).now_ms() - time.time_ns() // 1_000_000

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000 + self.offset_ms


def main(args: list[str]) -> None:
    while args[0] == "--without":
        sys.modules[args[1]] = None  # type: ignore[assignment]  # `import` of it raises ImportError
        args = args[2:]
    zone_name, local, *rest = args
    from focus.cli import Services, cli

    cli.main(rest, prog_name="focus", obj=Services(clock=ShiftedClock(zone_name, local)))


if __name__ == "__main__":
    main(sys.argv[1:])
