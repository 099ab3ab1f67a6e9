"""Raises at import."""

CONFIG = {"debug": True}


def load() -> None:
    raise RuntimeError("database is not configured")


load()
