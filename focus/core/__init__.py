"""The pure core: the words of DESIGN §2 and the rules of §3 as functions of events and a clock.

No I/O here, and nothing of sqlite3, click, rich, textual or watchdog (an import-linter contract).
"""
