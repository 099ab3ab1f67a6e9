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


#: largest file read as source (bytes); a module's source is far smaller
SOURCE_SIZE_LIMIT = 16 * 1024 * 1024


def source_lines(filename: str) -> list[str]:
    """The lines of a source file, as :func:`linecache.getlines` gives them, from regular files only.

    ``__file__`` and ``co_filename`` are whatever the module says: a FIFO would hang the
    read, ``/dev/zero`` would read until memory runs out. A name that is not a regular
    file of at most :data:`SOURCE_SIZE_LIMIT` bytes gives no lines.
    """
    import linecache

    entry = linecache.cache.get(filename) if type(filename) is str else None
    if entry is not None and len(entry) != 1:
        return entry[2]  # what getlines returns: lines read before (from a regular file), no I/O now
    if not _readable_source(filename):
        return []
    return linecache.getlines(filename)


def _readable_source(filename: str) -> bool:
    import stat
    import sys

    if type(filename) is not str or not filename or (filename.startswith("<") and filename.endswith(">")):
        return True  # linecache opens nothing for these
    # linecache tries the name as given, then (for a relative name) below each sys.path entry.
    candidates = [filename]
    if not os.path.isabs(filename):
        candidates += [os.path.join(entry, filename) for entry in sys.path if type(entry) is str]
    for path in candidates:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue
        return stat.S_ISREG(info.st_mode) and info.st_size <= SOURCE_SIZE_LIMIT
    return True  # nothing on disk: linecache opens nothing either


def may_contain(filename: str, text: str) -> bool:
    """Whether the lines :func:`source_lines` gives for *filename* may contain the ASCII *text* (no newline).

    ``False`` only when they surely do not: lines already read are searched;
    otherwise the file's bytes, which is far cheaper than decoding and
    splitting them (a source encoding spells ASCII text with the same bytes).
    ``True`` when unsure (a relative name, an unreadable file).
    """
    import linecache

    if type(filename) is not str:
        return True
    entry = linecache.cache.get(filename)
    if entry is not None and len(entry) != 1:
        return any(text in line for line in entry[2])
    if not os.path.isabs(filename) or not _readable_source(filename):
        return True
    try:
        with open(filename, "rb") as file:
            data = file.read(SOURCE_SIZE_LIMIT + 1)
    except OSError:
        return True
    return text.encode("ascii") in data
