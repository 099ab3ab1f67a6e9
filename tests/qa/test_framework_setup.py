"""Frameworks that must be set up before their modules import: Django, and the general --setup hook.

Run through the installed command on the Django project in ``tests/fixtures/django_site``.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("django")

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "django_site"


@pytest.fixture
def run_site(run_installed):
    def run(*args: str, **env: str):
        return run_installed(*args, cwd=SITE, timeout=120, **env)

    return run


def test_django_models_without_setup_say_how_to_set_it_up(run_site) -> None:
    result = run_site("polls.models:Question")
    assert result.returncode == 3
    assert "ImproperlyConfigured" in result.stderr
    assert "--django-settings" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--django-settings", "mysite.settings", "polls.models:Question"), {}),
        (("polls.models:Question",), {"DJANGO_SETTINGS_MODULE": "mysite.settings"}),  # the fast path
        (("explain", "polls.models:Question"), {"DJANGO_SETTINGS_MODULE": "mysite.settings"}),
        (("--setup", "mysite.boot:configure", "polls.models:Question"), {}),
    ],
)
def test_django_models_after_setup(run_site, args: tuple[str, ...], env: dict[str, str]) -> None:
    result = run_site(*args, "--format", "json", **env)
    assert result.returncode == 0, result.stderr
    import django.db.models

    mro = json.loads(result.stdout)["classes"][0]["mro"]
    assert mro[:2] == ["polls.models:Question", "django.db.models.base:Model"]
    assert mro[-1] == "builtins:object"
    assert len(mro) == len(django.db.models.Model.__mro__) + 1


def test_django_setup_in_every_audit_worker(run_site) -> None:
    result = run_site("--django-settings", "mysite.settings", "audit", "polls", "--format", "json", "-j", "2")
    assert result.returncode == 0, result.stderr + result.stdout
    modules = {m["name"]: m["status"] for m in json.loads(result.stdout)["modules"]}
    assert modules["polls.models"] == "ok", modules


def test_a_failing_django_setup_is_reported_as_the_setup(run_site) -> None:
    result = run_site("--django-settings", "mysite.broken_settings", "polls.models:Question")
    assert result.returncode == 3
    first, hint = result.stderr.splitlines()[:2]
    assert first.startswith("mro-explain: error: setting up Django (DJANGO_SETTINGS_MODULE=mysite.broken_settings)")
    assert "No module named 'no_such_app'" in first
    assert "before the target was imported" in hint


def test_setup_hook_runs_first_and_its_errors_are_its_own(run_installed, tmp_path: Path) -> None:
    (tmp_path / "boot.py").write_text(
        textwrap.dedent(
            """
            import builtins

            def ready():
                builtins.SET_UP_BY_HOOK = True

            def broken():
                raise RuntimeError("hook failed")
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "needs_hook.py").write_text(
        "import builtins\nif not getattr(builtins, 'SET_UP_BY_HOOK', False):\n    raise RuntimeError('not set up')\n"
        "class Ready:\n    pass\n",
        encoding="utf-8",
    )
    without = run_installed("needs_hook:Ready", cwd=tmp_path)
    assert without.returncode == 3 and "not set up" in without.stderr
    ok = run_installed("--setup", "boot:ready", "needs_hook:Ready", "--no-trace", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    env_ok = run_installed("needs_hook:Ready", "--no-trace", cwd=tmp_path, MRO_EXPLAIN_SETUP="boot:ready")
    assert env_ok.returncode == 0, env_ok.stderr
    broken = run_installed("--setup", "boot:broken", "needs_hook:Ready", cwd=tmp_path)
    assert broken.returncode == 3
    assert broken.stderr.startswith("mro-explain: error: running the setup hook boot:broken failed at boot.py:")
    assert "RuntimeError: hook failed" in broken.stderr
    missing = run_installed("--setup", "boot:absent", "needs_hook:Ready", cwd=tmp_path)
    assert missing.returncode == 2
    assert "boot has no function 'absent'" in missing.stderr


def test_django_settings_and_setup_from_the_config_file(run_installed, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "pyproject.toml").write_text('[tool.mro-explain]\ndjango-settings = "mysite.settings"\n', encoding="utf-8")
    result = run_installed("audit", "polls", "--format", "json", cwd=site, timeout=120)
    assert result.returncode == 0, result.stderr + result.stdout
    modules = {m["name"]: m["status"] for m in json.loads(result.stdout)["modules"]}
    assert modules["polls.models"] == "ok", modules
    # The command line wins over the config.
    broken = run_installed(
        "--django-settings", "mysite.broken_settings", "audit", "polls", "--format", "json", cwd=site, timeout=120
    )
    statuses = {m["name"]: (m["status"], m.get("detail") or "") for m in json.loads(broken.stdout)["modules"]}
    assert statuses["polls.models"][0] != "ok"
    assert "setting up Django (DJANGO_SETTINGS_MODULE=mysite.broken_settings)" in statuses["polls.models"][1]
    (site / "pyproject.toml").write_text('[tool.mro-explain]\nsetup = "mysite.boot:configure"\n', encoding="utf-8")
    hooked = run_installed("audit", "polls", "--format", "json", cwd=site, timeout=120)
    assert hooked.returncode == 0, hooked.stderr + hooked.stdout
    assert {m["name"]: m["status"] for m in json.loads(hooked.stdout)["modules"]}["polls.models"] == "ok"
    (site / "pyproject.toml").write_text("[tool.mro-explain]\nsetup = 3\n", encoding="utf-8")
    bad = run_installed("audit", "polls", cwd=site)
    assert bad.returncode == 2
    assert "key 'setup': must be a string" in bad.stderr
