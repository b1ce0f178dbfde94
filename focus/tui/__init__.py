"""The Textual workday screen. Imported only by the command that opens it."""
