"""policygen: one policy model → privacy page, cookie banner and Art. 30 records."""

__version__ = "0.1.0"
