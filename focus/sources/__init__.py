"""Event sources: files that change become events, with no UI code. One watchdog Observer runs
them all (``focus.sources.runner``); ``focus watch`` runs it headless, the TUI in-process."""
