"""The module being imported, noted where a supervising process can read it after a crash.

See :mod:`pyinspect_cli.supervisor`. Stdlib only; outside the layers, like ``errors``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

#: in a supervised process: the file that names the module being imported, and faulthandler's report
_marker_fd: int | None = None
_fault_fd: int | None = None
#: the process the supervisor watches; processes forked from it (audit workers) note nothing
_owner_pid: int | None = None


def use_files(marker: int, faults: int) -> None:
    """Note imports in *marker* and let :mod:`faulthandler` write to *faults* while they run."""
    global _marker_fd, _fault_fd, _owner_pid
    _marker_fd, _fault_fd, _owner_pid = marker, faults, os.getpid()


@contextlib.contextmanager
def crash_marker(module_name: str) -> Iterator[None]:
    """Name *module_name* as the one being imported, for the report if the interpreter crashes."""
    if _marker_fd is None or _fault_fd is None or os.getpid() != _owner_pid:
        yield
        return
    import faulthandler

    was_enabled = faulthandler.is_enabled()
    previous = os.pread(_marker_fd, 4096, 0).split(b"\0", 1)[0]
    os.pwrite(_marker_fd, module_name.encode("utf-8", "backslashreplace")[:4000] + b"\0", 0)
    faulthandler.enable(file=_fault_fd, all_threads=False)
    try:
        yield
    finally:
        os.pwrite(_marker_fd, previous + b"\0", 0)
        if was_enabled and sys.stderr is not None:
            with contextlib.suppress(Exception):
                faulthandler.enable(file=sys.stderr)
        elif not previous:
            faulthandler.disable()
