"""A small package in a real git repository, changed in the ways ``diff`` must catch.

Commit ``v1`` and then ``v2``:

* ``pkg.records:Record`` reorders its bases ``(Saver, Auditor)`` -> ``(Auditor, Saver)``:
  ``save`` changes winner, ``load`` and ``audit`` do not;
* ``pkg.models:Model`` gets ``LegacyMixin`` in the middle of its cooperative
  ``__init__`` chain; ``LegacyMixin.__init__`` does not call ``super()``, so
  ``Base.__init__`` stops running;
* ``pkg.prices:Price.total`` is a property in v1 and a class attribute in v2;
* ``pkg.shapes:Square`` adds ``__slots__ = ("color",)``: the slot wins over ``Shape.color``;
* ``pkg.plugins:Plugin`` swaps its metaclass ``Meta1`` for ``Meta2`` (whose ``__init__`` runs);
* ``Widget`` moves from ``pkg.widgets_old`` to ``pkg.widgets``; ``pkg.ui:Button`` subclasses it;
* ``pkg.broken`` imports in v1 and raises in v2.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

V1: dict[str, str] = {
    "pkg/__init__.py": "",
    "pkg/records.py": """
class Saver:
    def __init__(self):
        self.trail = getattr(self, "trail", []) + ["Saver"]
        super().__init__()

    def save(self):
        return "Saver.save"

    def load(self):
        return "Saver.load"


class Auditor:
    def __init__(self):
        self.trail = getattr(self, "trail", []) + ["Auditor"]
        super().__init__()

    def save(self):
        return "Auditor.save"

    def audit(self):
        return "Auditor.audit"


class Record(Saver, Auditor):
    pass
""",
    "pkg/models.py": """
class Base:
    def __init__(self):
        self.trail = getattr(self, "trail", []) + ["Base"]


class TimestampMixin:
    def __init__(self):
        self.trail = getattr(self, "trail", []) + ["TimestampMixin"]
        super().__init__()


class Model(TimestampMixin, Base):
    def __init__(self):
        self.trail = ["Model"]
        super().__init__()
""",
    "pkg/prices.py": """
class Price:
    @property
    def total(self):
        return 10
""",
    "pkg/shapes.py": """
class Shape:
    color = "red"


class Square(Shape):
    pass
""",
    "pkg/plugins.py": """
class Meta1(type):
    pass


class Meta2(type):
    def __init__(cls, name, bases, ns, **kwargs):
        super().__init__(name, bases, ns, **kwargs)
        cls.created_by = "Meta2"


class Plugin(metaclass=Meta1):
    pass
""",
    "pkg/widgets_old.py": """
class Widget:
    def draw(self):
        return "Widget.draw"
""",
    "pkg/ui.py": """
from pkg.widgets_old import Widget


class Button(Widget):
    def click(self):
        return "click"
""",
    "pkg/broken.py": """
class Thing:
    pass
""",
}

V2: dict[str, str] = {
    **V1,
    "pkg/records.py": V1["pkg/records.py"].replace("class Record(Saver, Auditor):", "class Record(Auditor, Saver):"),
    "pkg/models.py": V1["pkg/models.py"].replace(
        "class Model(TimestampMixin, Base):",
        """class LegacyMixin:
    def __init__(self):
        self.trail = getattr(self, "trail", []) + ["LegacyMixin"]


class Model(TimestampMixin, LegacyMixin, Base):""",
    ),
    "pkg/prices.py": """
class Price:
    total = 10
""",
    "pkg/shapes.py": V1["pkg/shapes.py"].replace(
        "class Square(Shape):\n    pass", 'class Square(Shape):\n    __slots__ = ("color",)'
    ),
    "pkg/plugins.py": V1["pkg/plugins.py"].replace("metaclass=Meta1", "metaclass=Meta2"),
    "pkg/widgets.py": V1["pkg/widgets_old.py"],
    "pkg/ui.py": V1["pkg/ui.py"].replace("pkg.widgets_old", "pkg.widgets"),
    "pkg/broken.py": """
raise RuntimeError("the configuration is missing")


class Thing:
    pass
""",
}
del V2["pkg/widgets_old.py"]


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return done.stdout


def write_tree(repo: Path, files: dict[str, str]) -> None:
    for existing in sorted(repo.glob("pkg/**/*.py")):
        if str(existing.relative_to(repo)) not in files:
            existing.unlink()
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n"), encoding="utf-8")


def build(repo: Path) -> Path:
    """The repository with tags ``v1`` and ``v2`` (checked out: ``v2``)."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "pyproject.toml").write_text('[tool.mro-explain]\ntargets = ["pkg"]\ntimeout = 60\n', encoding="utf-8")
    write_tree(repo, V1)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1")
    write_tree(repo, V2)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v2")
    git(repo, "tag", "v2")
    return repo
