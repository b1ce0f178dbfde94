"""Start-up stays light: no package but the TUI loads Textual, and a write loads neither Rich nor sqlite-utils."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


def modules_after(code: str, tmp_path) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys\nprint(' '.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"FOCUS_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "package", ["focus.core", "focus.store", "focus.reports", "focus.tracking", "focus.sources", "focus.cli"]
)
def test_every_module_outside_the_tui_imports_without_textual(tmp_path, package):
    """Each package's modules, all imported in a fresh interpreter: Textual stays out of sys.modules."""
    loaded = modules_after(
        f"""
        import importlib, pkgutil
        root = importlib.import_module("{package}")
        for info in pkgutil.walk_packages(getattr(root, "__path__", []), "{package}."):
            importlib.import_module(info.name)
    """,
        tmp_path,
    )
    assert package in loaded
    assert not {name for name in loaded if name.split(".")[0] == "textual"}


def test_the_core_loads_nothing_of_the_store_terminal_or_ui(tmp_path):
    loaded = modules_after(
        """
        import importlib, pkgutil, focus.core
        for info in pkgutil.walk_packages(focus.core.__path__, "focus.core."):
            importlib.import_module(info.name)
    """,
        tmp_path,
    )
    outside = {"sqlite3", "sqlite_utils", "click", "rich", "textual", "watchdog", "icalendar"}
    assert not {name for name in loaded if name.split(".")[0] in outside}
    assert not {name for name in loaded if name.startswith(("focus.store", "focus.reports", "focus.tui"))}


def test_importing_the_cli_does_not_load_textual(tmp_path):
    loaded = modules_after("import focus.cli", tmp_path)
    assert "focus.cli" in loaded
    assert not {name for name in loaded if name.split(".")[0] in {"textual", "watchdog", "rich", "sqlite_utils"}}


def test_a_write_loads_neither_rich_nor_sqlite_utils_once_the_database_exists(tmp_path):
    first = modules_after(
        """
        from focus.cli import cli
        try:
            cli.main(["count", "call"], prog_name="focus")
        except SystemExit as exit:
            assert exit.code == 0, exit.code
    """,
        tmp_path,
    )
    assert "sqlite_utils" in first  # the first run creates the schema
    loaded = modules_after(
        """
        from focus.cli import cli
        try:
            cli.main(["log", "email"], prog_name="focus")
        except SystemExit as exit:
            assert exit.code == 0, exit.code
    """,
        tmp_path,
    )
    assert not {name for name in loaded if name.split(".")[0] in {"textual", "rich", "sqlite_utils"}}
