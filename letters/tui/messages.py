"""Messages the app posts to its screens."""

from __future__ import annotations

from textual.message import Message


class StoreReady(Message):
    """The database is open (or failed to open): screens waiting on it can load."""
