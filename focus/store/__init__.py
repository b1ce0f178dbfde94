"""Storage: the SQLite event log, its schema and views, the per-day cache, export/import, the files
focus reads and writes. Above the core, below the tracking service."""
