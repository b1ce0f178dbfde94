"""Reports: typed figures from the core as text, Markdown, HTML, CSV, JSON and iCalendar.

Renderers only: they import neither the store nor Textual (an import-linter contract)."""
