"""attr with an overridden __setattr__/__delattr__, checked against real attribute writes.

pydantic's BaseModel.__setattr__ stores private attributes in
``__pydantic_private__``, not in the instance ``__dict__``; a class whose
``__setattr__`` calls ``super().__setattr__`` does reach the default path.
"""

from __future__ import annotations

import json
from typing import Any

from pyinspect_cli.core.attributes import resolve_attribute
from tests.fixtures.frameworks import pmodels


def test_pydantic_private_attribute_write_goes_through_basemodel_setattr() -> None:
    from pydantic import BaseModel

    account = pmodels.Account(owner="ada")
    account._secret = "s3cret"
    assert "_secret" not in vars(account)  # not the instance __dict__, whatever the default path says
    assert account.__pydantic_private__ == {"_secret": "s3cret"}

    resolution = resolve_attribute(pmodels.Account, "_secret")
    first = resolution.write[0]
    assert first.outcome == "setattr-hook"
    assert first.defined_in is BaseModel
    # The default path (instance dict) is only what happens if BaseModel.__setattr__ falls back to it.
    assert all(b.when is not None and "BaseModel.__setattr__" in b.when for b in resolution.write[1:])
    hook = next(h for h in resolution.hooks if h.hook == "__setattr__")
    assert hook.owner is BaseModel and hook.kind == "python"
    assert hook.falls_back is False  # BaseModel.__setattr__ delegates to handlers; no object.__setattr__ call


def test_a_setattr_that_calls_super_reaches_the_default_path() -> None:
    pmodels.Tracked.log.clear()
    tracked = pmodels.Tracked()
    tracked.x = 1
    assert pmodels.Tracked.log == ["x"]  # the hook ran
    assert vars(tracked) == {"x": 1}  # and the value reached the instance __dict__

    resolution = resolve_attribute(pmodels.Tracked, "log")
    assert [b.outcome for b in resolution.write] == ["setattr-hook", "instance-dict"]
    hook = next(h for h in resolution.hooks if h.hook == "__setattr__")
    assert hook.falls_back is True
    assert resolution.write[1].when == "Tracked.__setattr__ calls object.__setattr__"


def test_a_class_without_its_own_setattr_is_unchanged() -> None:
    resolution = resolve_attribute(pmodels.Tracked, "__module__")
    plain = resolve_attribute(type("Plain", (), {"a": 1}), "a")
    assert [b.outcome for b in plain.write] == ["instance-dict"]
    assert resolution.write[0].outcome == "setattr-hook"


def test_attr_json_names_the_hook(run_installed: Any) -> None:
    result = run_installed("attr", "tests.fixtures.frameworks.pmodels:Tracked", "log", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "2.0"
    assert [b["outcome"] for b in doc["write"]] == ["setattr-hook", "instance-dict"]
    assert doc["write"][0]["defined_in"] == "tests.fixtures.frameworks.pmodels:Tracked"
