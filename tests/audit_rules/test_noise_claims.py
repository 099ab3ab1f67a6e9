"""Every finding test_noise.py accepts is confirmed by running the code its label talks about.

A label says what the finding means for real code (``real``: a bug; ``debatable``:
true, but the code may mean it). Here each of those sentences is run: the class
keyword that raises TypeError, the method cache that keeps an instance alive, the
descriptor that raises on class access, the ``__getattr__`` that recurses. A new
label without a check here fails :func:`test_every_accepted_finding_has_a_check`.
"""

from __future__ import annotations

import copy
import gc
import importlib
import warnings
import weakref
from collections.abc import Callable

import pytest

from audit_rules.test_noise import LABELS, LABELS_OFF_BY_DEFAULT

Key = tuple[str, str, str]


def _cls(where: str) -> type:
    module, _, qualname = where.partition(":")
    value: object = pytest.importorskip(module)
    for part in qualname.split("."):
        value = getattr(value, part)
    assert isinstance(value, type)
    return value


def _keyword_raises(make: Callable[[], object]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(TypeError):
            make()


def _ast_num_keyword() -> None:
    import ast

    _keyword_raises(lambda: type(ast.Num)("N", (ast.Num,), {}, flag=True))  # type: ignore[attr-defined]


def _namedtuple_keyword(module: str) -> Callable[[], None]:
    def check() -> None:
        named_tuple = importlib.import_module(module).NamedTuple

        def make() -> object:
            class P(named_tuple, flag=True):  # type: ignore[misc, call-arg, valid-type]
                x: int

            return P

        _keyword_raises(make)

    return check


def _metaclass_keyword(where: str, base: str) -> Callable[[], None]:
    def check() -> None:
        meta, parent = _cls(where), _cls(base)
        assert type(parent) is meta or issubclass(type(parent), meta)
        _keyword_raises(lambda: type(parent)("Sub", (parent,), {}, flag=True))

    return check


def _method_cache_keeps_alive(make: Callable[[], object], call: Callable[[object], object]) -> Callable[[], None]:
    def check() -> None:
        instance = make()
        call(instance)
        ref = weakref.ref(instance)
        del instance
        gc.collect()
        assert ref() is not None, "the method cache no longer keeps the instance alive"

    return check


def _palette() -> object:
    from rich.palette import Palette

    return Palette([(0, 0, 0), (255, 255, 255)])


def _progress_bar() -> object:
    from rich.progress_bar import ProgressBar

    return ProgressBar(total=10)


def _html_formatter() -> object:
    from pygments.formatters.html import HtmlFormatter

    return HtmlFormatter()


def _class_access_raises(where: str, attribute: str) -> Callable[[], None]:
    def check() -> None:
        owner = _cls(where)
        with pytest.raises(AttributeError):
            getattr(owner, attribute)
        assert not hasattr(owner, attribute)

    return check


def _rich_style_bold() -> None:
    _class_access_raises("rich.style:Style", "bold")()


def _rich_syntax_padding() -> None:
    _class_access_raises("rich.syntax:Syntax", "padding")()


def _copy_recurses() -> None:
    from click.shell_completion import CompletionItem

    with pytest.raises(RecursionError):
        copy.copy(CompletionItem("x"))


def _getattr_recurses_without_init(where: str) -> Callable[[], None]:
    def check() -> None:
        cls = _cls(where)
        bare = cls.__new__(cls)  # what copy and pickle make before they fill the instance in
        with pytest.raises(RecursionError):
            bare.anything

    return check


CHECKS: dict[Key, Callable[[], None]] = {
    ("META003", "ast:_ABC", "__init__"): _ast_num_keyword,
    ("META003", "typing:NamedTupleMeta", "__new__"): _namedtuple_keyword("typing"),
    ("META003", "typing_extensions:_NamedTupleMeta", "__new__"): _namedtuple_keyword("typing_extensions"),
    ("META003", "pydantic.v1.types:ConstrainedNumberMeta", "__new__"): _metaclass_keyword(
        "pydantic.v1.types:ConstrainedNumberMeta", "pydantic.v1.types:ConstrainedInt"
    ),
    ("META003", "pygments.lexer:LexerMeta", "__new__"): _metaclass_keyword(
        "pygments.lexer:LexerMeta", "pygments.lexer:Lexer"
    ),
    ("META003", "pygments.style:StyleMeta", "__new__"): _metaclass_keyword(
        "pygments.style:StyleMeta", "pygments.style:Style"
    ),
    ("DESC011", "rich.palette:Palette", "match"): _method_cache_keeps_alive(_palette, lambda p: p.match((1, 2, 3))),  # type: ignore[attr-defined]
    ("DESC011", "rich.progress_bar:ProgressBar", "_get_pulse_segments"): _method_cache_keeps_alive(
        _progress_bar,
        lambda bar: bar._get_pulse_segments(  # type: ignore[attr-defined]
            __import__("rich.style").style.Style(), __import__("rich.style").style.Style(), "truecolor", False
        ),
    ),
    ("DESC011", "pygments.formatters.html:HtmlFormatter", "_translate_parts"): _method_cache_keeps_alive(
        _html_formatter,
        lambda formatter: formatter._translate_parts("a b"),  # type: ignore[attr-defined]
    ),
    ("DESC007", "rich.style:_Bit", "__get__"): _rich_style_bold,
    ("DESC007", "rich.syntax:PaddingProperty", "__get__"): _rich_syntax_padding,
}
OFF_BY_DEFAULT_CHECKS: dict[Key, Callable[[], None]] = {
    key: _getattr_recurses_without_init(key[1]) for key in LABELS_OFF_BY_DEFAULT
}
OFF_BY_DEFAULT_CHECKS[("ATTR005", "click.shell_completion:CompletionItem", "__getattr__")] = _copy_recurses


def test_every_accepted_finding_has_a_check() -> None:
    assert set(CHECKS) == set(LABELS)
    assert set(OFF_BY_DEFAULT_CHECKS) == set(LABELS_OFF_BY_DEFAULT)


@pytest.mark.parametrize("key", sorted(CHECKS), ids="-".join)
def test_accepted_finding_is_true_when_the_code_runs(key: Key) -> None:
    CHECKS[key]()


@pytest.mark.parametrize("key", sorted(OFF_BY_DEFAULT_CHECKS), ids="-".join)
def test_off_by_default_finding_is_true_when_the_code_runs(key: Key) -> None:
    OFF_BY_DEFAULT_CHECKS[key]()
