"""``[tool.mro-explain]`` in ``pyproject.toml``, merged with the command line.

Keys are kebab-case, like ruff's::

    [tool.mro-explain]
    targets = ["src/mypkg"]            # what `mro-explain audit` audits with no TARGET
    select = ["DESC", "MRO001"]        # rule ids or prefixes ("ALL" for every rule)
    ignore = ["ATTR004"]
    exclude = ["mypkg/_vendor/*", "*.tests.*"]
    fail-on = "warning"                # error | warning | note | never
    timeout = 30                       # seconds per module
    jobs = 0                           # worker processes (0: as many as the cores)
    baseline = ".mro-explain-baseline.json"

    [tool.mro-explain.per-module-ignores]
    "mypkg.compat.*" = ["MRO001"]

The table is validated with pydantic: an unknown key or a bad value is a
:class:`~pyinspect_cli.errors.ConfigError` (exit code 2) that names the file,
the key and, for a misspelt key, the closest valid one.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pyinspect_cli.audit.findings import Severity
from pyinspect_cli.core.paths import display_path
from pyinspect_cli.errors import ConfigError

__all__ = [
    "DEFAULT_EXCLUDE",
    "DEFAULT_TIMEOUT",
    "FAIL_ON",
    "AuditConfig",
    "ConfigFile",
    "find_pyproject",
    "load_config",
    "resolve_rules",
]

FAIL_ON = ("error", "warning", "note", "never")
DEFAULT_TIMEOUT = 30.0
#: files that are not meant to be imported: skipped unless named explicitly
DEFAULT_EXCLUDE = ("__main__.py", "setup.py", "conftest.py", "noxfile.py", "docs/conf.py")
TABLE = "[tool.mro-explain]"


class ConfigFile(BaseModel):
    """The ``[tool.mro-explain]`` table, as written (kebab-case keys)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    targets: list[str] | None = None
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    per_module_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-module-ignores")
    exclude: list[str] = Field(default_factory=list)
    fail_on: Literal["error", "warning", "note", "never"] = Field(default="error", alias="fail-on")
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0)
    baseline: str | None = None
    jobs: int = Field(default=0, ge=0)
    path: list[str] = Field(default_factory=list)


KNOWN_KEYS = sorted(f.alias or name for name, f in ConfigFile.model_fields.items())


@dataclass
class AuditConfig:
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
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

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


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - 3.10
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}", "check the --config path") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}", "fix the syntax of the file") from None
    return data


def _display(path: Path) -> str:
    return display_path(path)


def _key_path(loc: Sequence[Any]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _validation_message(where: str, error: ValidationError) -> ConfigError:
    first = error.errors()[0]
    loc = tuple(first.get("loc", ()))
    key = _key_path(loc) or "?"
    if first.get("type") == "extra_forbidden":
        name = str(loc[-1]) if loc else key
        close = difflib.get_close_matches(name, KNOWN_KEYS, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"valid keys: {', '.join(KNOWN_KEYS)}"
        return ConfigError(f"{where}: {TABLE} unknown key {key!r}", hint)
    value = first.get("input")
    shown = f" (got {value!r})" if not isinstance(value, (dict, list)) else ""
    msg = first.get("msg", "invalid value")
    return ConfigError(f"{where}: {TABLE} key {key!r}: {msg}{shown}", _KEY_HINTS.get(str(loc[0]) if loc else ""))


_KEY_HINTS = {
    "fail-on": "use one of: " + ", ".join(FAIL_ON),
    "timeout": "a number of seconds greater than 0",
    "jobs": "a number of worker processes; 0 means as many as the cores",
    "targets": 'a list of packages, modules or paths, e.g. targets = ["src/mypkg"]',
    "select": 'a list of rule ids or prefixes, e.g. select = ["DESC", "MRO001"]',
    "ignore": 'a list of rule ids or prefixes, e.g. ignore = ["ATTR004"]',
    "exclude": 'a list of globs over module names or paths, e.g. exclude = ["*/_vendor/*"]',
    "per-module-ignores": 'a table of glob = [rule ids], e.g. "mypkg.compat.*" = ["MRO001"]',
}


def parse_table(table: Mapping[str, Any], where: str) -> ConfigFile:
    """Validate a ``[tool.mro-explain]`` table.

    Raises:
        ConfigError: unknown key or bad value (the message names the key).
    """
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: {TABLE} must be a table", None)
    try:
        return ConfigFile.model_validate(dict(table))
    except ValidationError as exc:
        raise _validation_message(where, exc) from None


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
        if not path.is_file():
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
        chosen = [
            rid
            for rid, rule in known.items()
            if rid in select
            or "ALL" in select
            or (any(_matches(code, rid) for code in select) and getattr(rule, "enabled_by_default", True))
        ]
    return sorted(rid for rid in chosen if not any(_matches(code, rid) for code in ignore))


def is_ignored(rule_id: str, codes: Iterable[str]) -> bool:
    return any(_matches(code, rule_id) for code in codes)


def split_codes(values: Sequence[str] | None) -> list[str] | None:
    """``--select A,B --select C`` -> ``["A", "B", "C"]`` (``None`` when not given)."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
