"""A macro's refusal: a user error shown as an information box, never as a crash."""

from __future__ import annotations


class Refusal(Exception):
    """The action cannot be carried out; ``reason`` is a Swedish sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
