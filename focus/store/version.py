"""The schema version this code writes: the number of migrations in ``focus.store.schema``."""

SCHEMA_VERSION = 7
