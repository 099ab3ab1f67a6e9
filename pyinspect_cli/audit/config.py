"""``[tool.mro-explain]`` in ``pyproject.toml``, merged with the command line.

Keys are kebab-case, like ruff's::

    [tool.mro-explain]
    targets = ["src/mypkg"]            # what `mro-explain audit` audits with no TARGET
    select = ["DESC", "MRO001"]        # rule ids or prefixes ("ALL" for every rule)
    ignore = ["ATTR004"]
    exclude = ["mypkg/_vendor/*", "*.tests.*"]
    fail-on = "warning"                # error | warning | note | never
    timeout = 30                       # seconds per module (0: no limit)
    jobs = 0                           # worker processes (0: as many as the cores)
    baseline = ".mro-explain-baseline.json"
    setup = "mypkg.boot:configure"     # imported (and called) before any module is audited
    django-settings = "mysite.settings"  # django.setup() before any module is audited

    [tool.mro-explain.per-module-ignores]
    "mypkg.compat.*" = ["MRO001"]

Each value must have exactly the type its key takes (a string is never read
as a number, nor ``true`` as one): an unknown key or a bad value is a
:class:`~pyinspect_cli.errors.ConfigError` (exit code 2) that names the file,
the key and, for a misspelt key, the closest valid one.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pyinspect_cli.audit.findings import Severity
from pyinspect_cli.core.paths import display_path
from pyinspect_cli.core.record import Record, field
from pyinspect_cli.errors import ConfigError
from pyinspect_cli.loading import DEFAULT_TIMEOUT, TIMEOUT_RULE, check_timeout

__all__ = [
    "DEFAULT_EXCLUDE",
    "FAIL_ON",
    "AuditConfig",
    "ConfigFile",
    "find_pyproject",
    "load_config",
    "resolve_rules",
]

FAIL_ON = ("error", "warning", "note", "never")
#: files that are not meant to be imported: skipped unless named explicitly
DEFAULT_EXCLUDE = ("__main__.py", "setup.py", "conftest.py", "noxfile.py", "docs/conf.py")
TABLE = "[tool.mro-explain]"


class ConfigFile(Record):
    """The ``[tool.mro-explain]`` table, validated (see :func:`parse_table`)."""

    targets: list[str] | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    per_module_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "error"
    timeout: float = DEFAULT_TIMEOUT
    baseline: str | None = None
    jobs: int = 0
    path: list[str] = field(default_factory=list)
    setup: str | None = None
    django_settings: str | None = None


#: key as written -> (attribute of ConfigFile, kind)
_KEYS: dict[str, tuple[str, str]] = {
    "targets": ("targets", "strings"),
    "select": ("select", "codes"),
    "ignore": ("ignore", "strings"),
    "per-module-ignores": ("per_module_ignores", "table"),
    "exclude": ("exclude", "strings"),
    "fail-on": ("fail_on", "fail-on"),
    "timeout": ("timeout", "timeout"),
    "baseline": ("baseline", "string"),
    "jobs": ("jobs", "jobs"),
    "path": ("path", "strings"),
    "setup": ("setup", "string"),
    "django-settings": ("django_settings", "string"),
}
KNOWN_KEYS = sorted(_KEYS)


class AuditConfig(Record, frozen=False):
    """The settings an audit runs with, after the config file and the command line are merged.

    ``root`` is the directory relative paths of the config file are resolved
    against (the directory of ``pyproject.toml``, else the current directory).
    """

    targets: list[str] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    per_module_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "error"
    timeout: float = DEFAULT_TIMEOUT
    baseline: str | None = None
    jobs: int = 0
    path: list[str] = field(default_factory=list)
    setup: str | None = None
    django_settings: str | None = None
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None

    @property
    def threshold(self) -> int | None:
        """The lowest severity rank that fails the run, or ``None`` for ``never``."""
        if self.fail_on == "never":
            return None
        return Severity(self.fail_on).rank

    def fails(self, severity: Severity) -> bool:
        threshold = self.threshold
        return threshold is not None and severity.rank >= threshold

    def effective_jobs(self, tasks: int) -> int:
        jobs = self.jobs or (os.cpu_count() or 1)
        return max(1, min(jobs, tasks))

    def with_overrides(self, **changes: Any) -> AuditConfig:
        """A copy with the non-``None`` values of *changes* applied (the command line wins)."""
        return self.replace(**{k: v for k, v in changes.items() if v is not None})

    def module_ignores(self, module: str, paths: Iterable[str]) -> set[str]:
        """Rule ids and prefixes ignored for *module* by ``per-module-ignores``."""
        ignored: set[str] = set()
        candidates = [module, *paths]
        for pattern, ids in self.per_module_ignores.items():
            if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
                ignored.update(ids)
        return ignored


# ---------------------------------------------------------------------------
# Finding and reading pyproject.toml


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` from *start* (the current directory) upwards."""
    directory = (start or Path.cwd()).resolve()
    for candidate in (directory, *directory.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            return path
    return None


#: the largest configuration or baseline file read (a bigger one is refused, not read into memory)
MAX_FILE_BYTES = 32 * 1024 * 1024


def read_text_file(path: str | os.PathLike[str], *, what: str, hint: str | None = None) -> str:
    """The UTF-8 text of a configuration or baseline file.

    Only a regular file is read (a FIFO would block, ``/dev/zero`` never ends), up
    to :data:`MAX_FILE_BYTES`.

    Raises:
        ConfigError: the file cannot be read, is not a regular file, is too big or is not UTF-8.
    """
    import stat

    shown = os.fspath(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ConfigError(f"cannot read the {what} {shown}: {exc.strerror or exc}", hint) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"the {what} {shown} is not a regular file", hint)
        if info.st_size > MAX_FILE_BYTES:
            raise ConfigError(f"the {what} {shown} is too big ({info.st_size} bytes; at most {MAX_FILE_BYTES})", hint)
        chunks = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise ConfigError(f"the {what} {shown} is too big (more than {MAX_FILE_BYTES} bytes)", hint)
    except OSError as exc:
        raise ConfigError(f"cannot read the {what} {shown}: {exc.strerror or exc}", hint) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"the {what} {shown} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "save it as UTF-8",
        ) from None


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - 3.10
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    text = read_text_file(path, what="configuration file", hint="check the --config path")
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}", "fix the syntax of the file") from None
    except RecursionError:
        raise ConfigError(f"{path}: a value is nested too deeply to read", "fix the file") from None
    return data


def _display(path: Path) -> str:
    return display_path(path)


_TYPE_NAMES = {
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    list: "an array",
    dict: "a table",
}


def _type_name(value: object) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def _shown(value: object) -> str:
    if type(value) in (dict, list):
        return ""
    text = repr(value)
    return f" (got {text[:60]}{'...' if len(text) > 60 else ''})"


class _Invalid(Exception):
    def __init__(self, key: str, message: str, value: object) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.value = value


def _strings(key: str, value: object) -> list[str]:
    if type(value) is not list:
        raise _Invalid(key, f"must be an array of strings, not {_type_name(value)}", value)
    for i, item in enumerate(value):
        if type(item) is not str:
            raise _Invalid(f"{key}[{i}]", f"must be a string, not {_type_name(item)}", item)
    return list(value)


def _check_value(key: str, kind: str, value: object) -> object:
    """The value of *key*, exactly of the type the key takes: no string is read as a number, no bool as one."""
    if kind in ("strings", "codes"):
        return _strings(key, value)
    if kind == "table":
        if type(value) is not dict:
            raise _Invalid(key, f"must be a table of glob = [rule ids], not {_type_name(value)}", value)
        return {str(glob): _strings(f"{key}.{glob}", ids) for glob, ids in value.items()}
    if kind == "string":
        if type(value) is not str:
            raise _Invalid(key, f"must be a string, not {_type_name(value)}", value)
        return value
    if kind == "fail-on":
        if type(value) is not str or value not in FAIL_ON:
            raise _Invalid(key, "must be one of " + ", ".join(FAIL_ON), value)
        return value
    if kind == "timeout":
        if type(value) not in (int, float):
            raise _Invalid(key, f"must be a number of seconds, not {_type_name(value)}", value)
        try:
            return check_timeout(value)  # type: ignore[arg-type]
        except ValueError as exc:
            raise _Invalid(key, str(exc), value) from None
    if kind == "jobs":
        if type(value) is not int:
            raise _Invalid(key, f"must be an integer, not {_type_name(value)}", value)
        if value < 0:
            raise _Invalid(key, "must be 0 or more", value)
        return value
    raise AssertionError(kind)  # pragma: no cover


_KEY_HINTS = {
    "fail-on": "use one of: " + ", ".join(FAIL_ON),
    "timeout": f"{TIMEOUT_RULE}, e.g. timeout = 30",
    "jobs": "a number of worker processes; 0 means as many as the cores",
    "targets": 'a list of packages, modules or paths, e.g. targets = ["src/mypkg"]',
    "select": 'a list of rule ids or prefixes, e.g. select = ["DESC", "MRO001"]',
    "ignore": 'a list of rule ids or prefixes, e.g. ignore = ["ATTR004"]',
    "exclude": 'a list of globs over module names or paths, e.g. exclude = ["*/_vendor/*"]',
    "per-module-ignores": 'a table of glob = [rule ids], e.g. "mypkg.compat.*" = ["MRO001"]',
    "baseline": 'a file name, e.g. baseline = ".mro-explain-baseline.json"',
    "path": 'a list of directories to put on sys.path, e.g. path = ["src"]',
    "setup": 'a module, or module:function, to import (and call) first, e.g. setup = "mypkg.boot:configure"',
    "django-settings": 'the Django settings module, e.g. django-settings = "mysite.settings"',
}


def parse_table(table: Mapping[str, Any], where: str) -> ConfigFile:
    """Validate a ``[tool.mro-explain]`` table.

    Raises:
        ConfigError: unknown key or bad value (the message names the key).
    """
    if type(table) is not dict:
        raise ConfigError(f"{where}: {TABLE} must be a table", None)
    values: dict[str, object] = {}
    for key, value in table.items():
        if key not in _KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"valid keys: {', '.join(KNOWN_KEYS)}"
            raise ConfigError(f"{where}: {TABLE} unknown key {key!r}", hint)
        attribute, kind = _KEYS[key]
        try:
            values[attribute] = _check_value(key, kind, value)
        except _Invalid as exc:
            raise ConfigError(
                f"{where}: {TABLE} key {exc.key!r}: {exc.message}{_shown(exc.value)}", _KEY_HINTS.get(key)
            ) from None
    return ConfigFile(**values)  # type: ignore[arg-type]


def load_config(config_file: str | os.PathLike[str] | None = None, *, isolated: bool = False) -> AuditConfig:
    """The configuration: ``--config FILE``, else the nearest ``pyproject.toml``, else defaults.

    A ``pyproject.toml`` without a ``[tool.mro-explain]`` table gives the
    defaults (with its directory as the root). ``isolated`` ignores every file.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or the table is invalid.
    """
    if isolated:
        return AuditConfig()
    if config_file is not None:
        path = Path(config_file)
        if not os.path.lexists(path):
            raise ConfigError(f"config file not found: {config_file}", "give the path to a pyproject.toml")
    else:
        found = find_pyproject()
        if found is None:
            return AuditConfig()
        path = found
    data = _read_toml(path)
    where = _display(path)
    tool = data.get("tool", {})
    table = tool.get("mro-explain") if isinstance(tool, dict) else None
    if table is None:
        if isinstance(tool, dict) and "mro_explain" in tool:
            raise ConfigError(f"{where}: found [tool.mro_explain]", "the table is spelt [tool.mro-explain]")
        return AuditConfig(root=path.parent.resolve(), source=path.resolve())
    parsed = parse_table(table, where)
    return AuditConfig(
        targets=list(parsed.targets or []),
        select=parsed.select,
        ignore=list(parsed.ignore),
        per_module_ignores={k: list(v) for k, v in parsed.per_module_ignores.items()},
        exclude=list(parsed.exclude),
        fail_on=parsed.fail_on,
        timeout=parsed.timeout,
        baseline=parsed.baseline,
        jobs=parsed.jobs,
        path=list(parsed.path),
        setup=parsed.setup,
        django_settings=parsed.django_settings,
        root=path.parent.resolve(),
        source=path.resolve(),
    )


# ---------------------------------------------------------------------------
# Rule selection


def _matches(code: str, rule_id: str) -> bool:
    return code == "ALL" or rule_id.startswith(code)


def check_codes(codes: Iterable[str], known: Iterable[str], *, key: str, where: str) -> list[str]:
    """Normalise rule codes (ids, prefixes or ``ALL``); unknown ones are a :class:`ConfigError`."""
    known = sorted(known)
    result: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if not code:
            continue
        if code != "ALL" and not any(rule_id.startswith(code) for rule_id in known):
            import difflib

            close = difflib.get_close_matches(code, known, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}?" if close else "list the rules with: mro-explain rules"
            raise ConfigError(f"{where}{key}: unknown rule {raw!r}", hint)
        result.append(code)
    return result


def resolve_rules(config: AuditConfig, known: Mapping[str, Any], *, where: str | None = None) -> list[str]:
    """The ids of the rules to run, in id order.

    With no ``select``, every rule enabled by default runs; ``select`` (ids,
    prefixes or ``ALL``) replaces that set; ``ignore`` then removes rules.
    ``ALL``, or an id given exactly in ``select``, also enables rules that are
    off by default (a prefix selects only the default ones it matches).

    Raises:
        ConfigError: an unknown rule id or prefix (naming the key).
    """
    prefix = f"{where}: {TABLE} " if where else ""
    ignore = check_codes(config.ignore, known, key="ignore", where=prefix)
    for pattern, ids in config.per_module_ignores.items():
        check_codes(ids, known, key=f"per-module-ignores[{pattern!r}]", where=prefix)
    if config.select is None:
        chosen = [rid for rid, rule in known.items() if getattr(rule, "enabled_by_default", True)]
    else:
        select = check_codes(config.select, known, key="select", where=prefix)
        if not select:
            raise ConfigError(
                f"{prefix}select is empty: no rule would run",
                'name the rules to run, e.g. select = ["DESC"], or leave select out for the default rules',
            )
        chosen = [
            rid
            for rid, rule in known.items()
            if rid in select
            or "ALL" in select
            or (any(_matches(code, rid) for code in select) and getattr(rule, "enabled_by_default", True))
        ]
    kept = sorted(rid for rid in chosen if not any(_matches(code, rid) for code in ignore))
    if not kept and chosen:
        raise ConfigError(
            f"{prefix}no rule left to run: ignore removes every selected rule",
            "check select and ignore (and --select, --ignore)",
        )
    if not kept:
        raise ConfigError(
            f"{prefix}no rule to run: the rules select names are off by default",
            'enable a rule that is off by default by its exact id, e.g. select = ["ATTR005"]',
        )
    return kept


def split_codes(values: Sequence[str] | None) -> list[str] | None:
    """``--select A,B --select C`` -> ``["A", "B", "C"]`` (``None`` when not given)."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
