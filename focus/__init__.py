"""focus: how much of a seller's day went to proactive selling, in honest numbers."""

__version__ = "0.1.0"
