"""How file paths are shown to users: relative to the current directory when below it."""

from __future__ import annotations

import os


def display_path(path: str | os.PathLike[str], cwd: str | None = None, *, posix: bool = False) -> str:
    """*path* relative to *cwd* (default: the current directory) when it is below it, else as given.

    ``posix=True`` writes forward slashes in the relative form (SARIF, GitHub and
    GitLab reports want them on every platform).
    """
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text, cwd if cwd is not None else os.getcwd())
    except ValueError:  # another drive on Windows
        return text
    if rel.startswith(".."):
        return text
    return rel.replace(os.sep, "/") if posix else rel
