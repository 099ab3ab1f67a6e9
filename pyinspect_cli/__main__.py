"""Entry point of ``mro-explain`` and ``python -m pyinspect_cli``.

The common case, ``mro-explain MODULE:CLASS`` piped or in a script, is served
without loading Typer or Rich (see :mod:`pyinspect_cli.fastpath`); everything
else goes to the Typer app in :mod:`pyinspect_cli.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    from pyinspect_cli.fastpath import run_fast_path

    code = run_fast_path(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from pyinspect_cli.cli import app

    app(prog_name="mro-explain")


if __name__ == "__main__":
    main()
