"""The rules on the standard library and on installed packages: few findings, each one labelled.

Every finding has a label here, as on the precision corpus (test_corpus.py):
``real`` (a bug, confirmed by running code) or ``debatable`` (what the rule says
is true, but the code may mean it), with the reason. There is no ``false``
label: a false positive is not accepted with a reason, the rule is fixed. A new
finding fails the test until it is looked at: fix the rule, or label it.
test_noise_claims.py runs what each label says (the TypeError, the instance kept
alive, the RecursionError), so a label cannot outlive the behaviour it names.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

LABELS: dict[tuple[str, str, str], tuple[str, str]] = {
    # --- standard library -------------------------------------------------------------------------
    ("META003", "ast:_ABC", "__init__"): (
        "debatable",
        "the metaclass of the deprecated ast.Num/Str/... aliases takes no class keywords; subclassing them "
        "with keywords raises TypeError",
    ),
    ("META003", "typing:NamedTupleMeta", "__new__"): (
        "debatable",
        "class P(NamedTuple, flag=True) raises TypeError from NamedTupleMeta.__new__; NamedTuple classes "
        "take no class keywords by design",
    ),
    # --- third-party packages ---------------------------------------------------------------------
    ("META003", "typing_extensions:_NamedTupleMeta", "__new__"): (
        "debatable",
        "the backport of typing.NamedTupleMeta (see above)",
    ),
    ("META003", "pydantic.v1.types:ConstrainedNumberMeta", "__new__"): (
        "debatable",
        "a constr/conint subclass with a class keyword for a mixin's __init_subclass__ raises TypeError "
        "(the pure_interface#53 situation); pydantic v1 is legacy code",
    ),
    ("META003", "pygments.lexer:LexerMeta", "__new__"): (
        "debatable",
        "Lexer subclasses cannot pass class keywords to a mixin's __init_subclass__",
    ),
    ("META003", "pygments.style:StyleMeta", "__new__"): ("debatable", "same as LexerMeta, for Style subclasses"),
    ("DESC011", "rich.palette:Palette", "match"): (
        "debatable",
        "(also ruff/bugbear B019) lru_cache on a method keeps up to 1024 Palette instances alive; palettes "
        "are module constants",
    ),
    ("DESC011", "rich.progress_bar:ProgressBar", "_get_pulse_segments"): (
        "debatable",
        "(B019) the method cache keeps up to 16 ProgressBar renderables alive",
    ),
    ("DESC011", "pygments.formatters.html:HtmlFormatter", "_translate_parts"): (
        "debatable",
        "(B019) the method cache keeps HtmlFormatter instances (and their options) alive",
    ),
    ("DESC007", "rich.style:_Bit", "__get__"): (
        "real",
        "Style.bold raises AttributeError: 'NoneType' object has no attribute '_set_attributes', so "
        "hasattr(Style, 'bold') is False and help(Style) cannot show it (ran)",
    ),
    ("DESC007", "rich.syntax:PaddingProperty", "__get__"): (
        "real",
        "Syntax.padding (class access) raises AttributeError: 'NoneType' object has no attribute "
        "'_padding', so hasattr(Syntax, 'padding') is False (ran)",
    ),
}

#: ATTR005 (off by default): copy.copy of click.shell_completion.CompletionItem raises RecursionError
#: (ran); the others are the same stream and proxy wrapper pattern, which nobody copies or pickles.
_ATTR005_WRAPPERS = (
    "unittest.mock:_Call",
    "pydantic._internal._config:ConfigWrapper",
    "pydantic._internal._decorators:PydanticDescriptorProxy",
    "pydantic.plugin._schema_validator:PluggableSchemaValidator",
    "rich.file_proxy:FileProxy",
    "typer._click._compat:_FixupStream",
    "typer._click._compat:_AtomicFile",
    "typer._click.shell_completion:CompletionItem",
    "typer._click.utils:PacifyFlushWrapper",
    "click._compat:_FixupStream",
    "click._compat:_AtomicFile",
    "click._termui_impl:_PagerWriter",
    "click.shell_completion:CompletionItem",
    "click.testing:EchoingStdin",
    "click.utils:_KeepOpenFile",
    "click.utils:_PacifyFlushWrapper",
    "pluggy._compat:DistFacade",
)
LABELS_OFF_BY_DEFAULT: dict[tuple[str, str, str], tuple[str, str]] = {
    ("ATTR005", cls, "__getattr__"): (
        "debatable",
        "__getattr__ recurses on an instance made without __init__; a wrapper nobody copies or pickles",
    )
    for cls in _ATTR005_WRAPPERS
}
LABELS_OFF_BY_DEFAULT[("ATTR005", "click.shell_completion:CompletionItem", "__getattr__")] = (
    "real",
    "copy.copy(CompletionItem('x')) raises RecursionError (ran)",
)


def _unlabelled(found: list[tuple[str, str, str]], labels: dict[tuple[str, str, str], tuple[str, str]]) -> list:
    assert all(label in ("real", "debatable") for label, _reason in labels.values()), "no false label is accepted"
    return [f for f in found if f not in labels]


def _audit(corpus: str, *, enabled: bool = True) -> tuple[int, list[tuple[str, str, str]]]:
    """Audit a corpus in a fresh interpreter (hundreds of imports stay out of this process)."""
    proc = subprocess.run(
        [sys.executable, "-m", "audit_rules.noise_corpus", corpus, "on" if enabled else "off"],
        cwd=TESTS,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(TESTS.parent)])},
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    return report["classes"], [(rule, where, attribute) for rule, where, attribute, _sev, _msg in report["findings"]]


@pytest.mark.slow
def test_standard_library_is_quiet() -> None:
    classes, found = _audit("stdlib")
    assert classes > 1000
    unexpected = _unlabelled(found, LABELS)
    assert unexpected == []
    assert len(found) <= 3


@pytest.mark.slow
def test_installed_packages_are_quiet() -> None:
    classes, found = _audit("third-party")
    assert classes > 1000
    unexpected = _unlabelled(found, LABELS)
    assert unexpected == []
    assert len(found) <= 10  # 9 today


@pytest.mark.slow
def test_off_by_default_rules_are_examined() -> None:
    found = _audit("stdlib", enabled=False)[1] + _audit("third-party", enabled=False)[1]
    unexpected = _unlabelled(found, LABELS_OFF_BY_DEFAULT)
    assert unexpected == []
