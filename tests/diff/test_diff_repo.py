"""``mro-explain diff`` and ``snapshot`` on a real git repository, checked against CPython.

The repository (:mod:`diff.sample_repo`) has two commits of a small package;
the installed command compares them, and every verdict is checked by
importing each version in a subprocess and asking CPython: ``getattr`` for
every winner, calls for every ``super()`` chain, instance access for kinds.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tarfile
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result, clean_env, installed_command
from tests.diff import oracle, sample_repo


def _export(repo: Path, revision: str, dest: Path) -> Path:
    """The files of *revision*, extracted (no worktree is registered)."""
    archive = dest.with_suffix(".tar")
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", revision], cwd=repo, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    return dest


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_repo.build(tmp_path_factory.mktemp("diff") / "repo")


@pytest.fixture(scope="module")
def trees(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("trees")
    return {rev: _export(repo, rev, base / rev) for rev in ("v1", "v2")}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """TMPDIR of the runs: the temporary worktrees must be gone from it afterwards."""
    return tmp_path_factory.mktemp("tmpdir")


def run(repo: Path, scratch: Path, *args: str, timeout: float = 240, **env: str) -> Result:
    proc = subprocess.run(
        [installed_command(), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=clean_env(TMPDIR=str(scratch), **env),
        stdin=subprocess.DEVNULL,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="module")
def report(repo: Path, scratch: Path) -> dict[str, Any]:
    result = run(repo, scratch, "diff", "v1", "--format", "json")
    assert result.returncode == 1, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def by_key(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["key"]: c for c in report["classes"]}


def test_the_temporary_worktree_is_removed(repo: Path, scratch: Path, report: dict[str, Any]) -> None:
    listed = sample_repo.git(repo, "worktree", "list", "--porcelain")
    assert listed.count("worktree ") == 1
    assert list(scratch.iterdir()) == []


def test_reordered_bases_change_the_winner_of_some_names_only(report: dict[str, Any], trees: dict[str, Path]) -> None:
    record = by_key(report)["pkg.records:Record"]
    assert record["level"] == "winner"
    changed = {w["name"]: (w["old"]["winner"], w["new"]["winner"]) for w in record["winners"]}
    assert changed == {
        "__init__": ("pkg.records:Saver", "pkg.records:Auditor"),
        "save": ("pkg.records:Saver", "pkg.records:Auditor"),
    }
    # load and audit keep their winner: CPython agrees on both sides
    for rev in ("v1", "v2"):
        real = oracle.real_owners(trees[rev], {"pkg.records:Record": ["load", "audit", "save"]})
        owners = real["pkg.records:Record"]["owners"]
        assert owners["load"] == "pkg.records:Saver"
        assert owners["audit"] == "pkg.records:Auditor"
    calls = oracle.run_python(
        trees["v2"], "import json; from pkg.records import Record; r = Record(); print(json.dumps([r.save(), r.trail]))"
    )
    assert calls == ["Auditor.save", ["Auditor", "Saver"]]
    mro = record["mro"]
    assert mro["bases_changed"] and mro["old_bases"] == ["pkg.records:Saver", "pkg.records:Auditor"]
    assert mro["step"]["taken"] == "pkg.records:Auditor"
    chain = {c["method"]: c for c in record["chains"]}["__init__"]
    assert chain["stopped"] == [] and chain["started"] == []
    assert chain["new_runs"] == ["pkg.records:Auditor", "pkg.records:Saver", "builtins:object"]


def test_every_winner_verdict_agrees_with_getattr(report: dict[str, Any], trees: dict[str, Path]) -> None:
    for side, rev in (("old", "v1"), ("new", "v2")):
        requests: dict[str, list[str]] = {}
        claims: dict[tuple[str, str], str] = {}
        for cls in report["classes"]:
            key = cls["moved_from"] if side == "old" and cls["moved_from"] else cls["key"]
            for change in cls["winners"] + cls["kinds"]:
                requests.setdefault(key, []).append(change["name"])
                claims[(key, change["name"])] = change[side]["winner"]
        real = oracle.real_owners(trees[rev], requests)
        for (key, name), claimed in claims.items():
            assert real[key]["owners"][name] == claimed, (rev, key, name)


def test_a_mixin_that_does_not_call_super_stops_the_chain(report: dict[str, Any], trees: dict[str, Path]) -> None:
    model = by_key(report)["pkg.models:Model"]
    (chain,) = model["chains"]
    assert chain["method"] == "__init__"
    assert chain["stopped"] == ["pkg.models:Base"]
    assert chain["started"] == ["pkg.models:LegacyMixin"]
    code = "import json; from pkg.models import Model; print(json.dumps(Model().trail))"
    assert oracle.run_python(trees["v1"], code) == ["Model", "TimestampMixin", "Base"]
    assert oracle.run_python(trees["v2"], code) == ["Model", "TimestampMixin", "LegacyMixin"]
    assert [k.rpartition(":")[2] for k in chain["old_runs"]] == ["Model", "TimestampMixin", "Base"]
    assert [k.rpartition(":")[2] for k in chain["new_runs"]] == ["Model", "TimestampMixin", "LegacyMixin"]
    assert model["winners"] == []  # Model's own __init__ still wins


def test_a_property_replaced_by_a_class_attribute(report: dict[str, Any], trees: dict[str, Path]) -> None:
    price = by_key(report)["pkg.prices:Price"]
    (kind,) = price["kinds"]
    assert kind["name"] == "total" and kind["descriptor_replaced"]
    assert (kind["old"]["kind"], kind["new"]["kind"]) == ("data", "plain")
    # what it means: an instance __dict__ entry loses to the property in v1, wins in v2
    code = "import json; from pkg.prices import Price; p = Price(); p.__dict__['total'] = 5; print(json.dumps(p.total))"
    assert oracle.run_python(trees["v1"], code) == 10
    assert oracle.run_python(trees["v2"], code) == 5


def test_slots_added_make_the_slot_win(report: dict[str, Any], trees: dict[str, Path]) -> None:
    square = by_key(report)["pkg.shapes:Square"]
    (winner,) = square["winners"]
    assert winner["name"] == "color"
    assert (winner["old"]["winner"], winner["new"]["winner"]) == ("pkg.shapes:Shape", "pkg.shapes:Square")
    assert winner["new"]["type"] == "slot member"
    code = (
        "import json\nfrom pkg.shapes import Square\ntry:\n    print(json.dumps(Square().color))\n"
        "except AttributeError as e:\n    print(json.dumps('AttributeError'))"
    )
    assert oracle.run_python(trees["v1"], code) == "red"
    assert oracle.run_python(trees["v2"], code) == "AttributeError"


def test_a_swapped_metaclass_and_the_hook_that_now_runs(report: dict[str, Any], trees: dict[str, Path]) -> None:
    plugin = by_key(report)["pkg.plugins:Plugin"]
    assert plugin["metaclass"]["old"] == ["pkg.plugins:Meta1"]
    assert plugin["metaclass"]["new"] == ["pkg.plugins:Meta2"]
    assert plugin["hooks"]["started"] == ["pkg.plugins:Meta2.__init__"]
    for rev, meta in (("v1", "pkg.plugins:Meta1"), ("v2", "pkg.plugins:Meta2")):
        assert oracle.real_owners(trees[rev], {"pkg.plugins:Plugin": []})["pkg.plugins:Plugin"]["metaclass"] == meta
    code = "import json; from pkg.plugins import Plugin; print(json.dumps(vars(Plugin).get('created_by')))"
    assert oracle.run_python(trees["v2"], code) == "Meta2"


def test_a_class_moved_between_modules(report: dict[str, Any]) -> None:
    assert report["moved"] == [["pkg.widgets_old:Widget", "pkg.widgets:Widget"]]
    assert "pkg.widgets:Widget" not in report["added"]
    assert "pkg.widgets_old:Widget" not in report["removed"]
    # its subclass inherits the same definitions under the new name: nothing to report
    assert "pkg.ui:Button" not in by_key(report)


def test_an_import_error_on_one_side_is_reported(report: dict[str, Any]) -> None:
    assert report["base_failures"] == []
    (failure,) = report["head_failures"]
    assert failure["module"] == "pkg.broken" and failure["status"] == "import-error"
    assert "RuntimeError: the configuration is missing" in failure["detail"]
    assert "pkg.broken:Thing" not in report["removed"]
    assert report["failed"]


def test_added_classes_are_listed(report: dict[str, Any]) -> None:
    assert report["added"] == ["pkg.models:LegacyMixin"]
    assert report["removed"] == []


def test_classes_most_consequential_first(report: dict[str, Any]) -> None:
    ranks = {"winner": 0, "chain": 1, "kind": 2, "mro": 3, None: 4}
    levels = [ranks[c["level"]] for c in report["classes"]]
    assert levels == sorted(levels)


def test_text_report(repo: Path, scratch: Path) -> None:
    result = run(repo, scratch, "diff", "v1", COLUMNS="1000")  # piped, lines stay whole up to COLUMNS
    assert result.returncode == 1
    out = result.stdout
    assert "\x1b[" not in out and "Traceback" not in result.stderr
    blocks = out.split("\n\n")
    first_class = blocks[1].splitlines()[0]
    assert first_class.startswith("pkg.")
    assert "winner save: Saver.save (function, non-data) → Auditor.save (function, non-data)" in out
    assert "__init__(): stopped running Base.__init__; now also runs LegacyMixin.__init__" in out
    assert "total on Price: property (data) → int (plain); a descriptor replaced by a plain value" in out
    assert "the bases changed: (TimestampMixin, Base) → (TimestampMixin, LegacyMixin, Base)" in out
    assert "pkg.broken: import-error" in out
    assert out.rstrip().endswith("fail-on mro: failed")


def test_fail_on_threshold_and_exit_codes(repo: Path, scratch: Path) -> None:
    # v1 -> v1 on the records module alone: nothing changed
    same = run(repo, scratch, "diff", "v1", "v1", "pkg.records")
    assert same.returncode == 0, same.stderr
    assert "No class machinery changes." in same.stdout
    winner = run(repo, scratch, "diff", "v1", "v2", "pkg.records", "--fail-on", "winner")
    assert winner.returncode == 1  # save changed winner
    # pkg.prices: a kind change only
    passes = run(repo, scratch, "diff", "v1", "v2", "pkg.prices", "--fail-on", "winner", "-f", "json")
    assert passes.returncode == 0, passes.stderr
    data = json.loads(passes.stdout)
    assert data["summary"]["winner"] == 0 and data["summary"]["kind"] == 1 and not data["failed"]
    fails = run(repo, scratch, "diff", "v1", "v2", "pkg.prices", "--fail-on", "kind")
    assert fails.returncode == 1
    assert fails.stdout.rstrip().endswith("fail-on kind: failed")


def test_usage_errors(repo: Path, scratch: Path, tmp_path: Path) -> None:
    unknown = run(repo, scratch, "diff", "no-such-rev")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("mro-explain: error: unknown revision 'no-such-rev'")
    assert len(unknown.stderr.splitlines()) <= 2
    (tmp_path / "pkg2").mkdir()
    not_git = run(tmp_path, scratch, "diff", "HEAD", "pkg2")
    assert not_git.returncode == 2
    assert "is not in a git repository" in not_git.stderr and "Traceback" not in not_git.stderr
    nowhere = run(repo, scratch, "diff", "v1", "pkg.nosuch")
    assert nowhere.returncode == 2
    assert "'pkg.nosuch' exists neither in v1 nor in working tree" in nowhere.stderr
    missing = run(repo, scratch, "diff", "--against", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "snapshot not found" in missing.stderr


def test_snapshot_round_trip(repo: Path, scratch: Path, report: dict[str, Any], tmp_path: Path) -> None:
    snap = tmp_path / "classes.lock.json"
    sample_repo.git(repo, "checkout", "-q", "v1")
    try:
        written = run(repo, scratch, "snapshot", "-o", str(snap))
    finally:
        sample_repo.git(repo, "checkout", "-q", "main")
    assert written.returncode == 0, written.stderr
    data = json.loads(snap.read_text())
    assert data["command"] == "snapshot" and data["schema_version"].startswith("1.")
    assert "pkg.records:Record" in {c["key"] for c in data["classes"]}
    against = run(repo, scratch, "diff", "--against", str(snap), "--format", "json")
    assert against.returncode == 1
    round_trip = json.loads(against.stdout)
    for key in ("classes", "added", "removed", "moved", "summary", "head_failures"):
        assert round_trip[key] == report[key], key
    # targets narrower than the snapshot: its other classes are not "removed"
    narrow = run(repo, scratch, "diff", "--against", str(snap), "pkg.records", "--format", "json")
    data = json.loads(narrow.stdout)
    assert [c["key"] for c in data["classes"]] == ["pkg.records:Record"]
    assert data["removed"] == [] and data["summary"]["compared"] == 3


def test_snapshot_refuses_to_overwrite_another_file(repo: Path, scratch: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}\n')
    refused = run(repo, scratch, "snapshot", "pkg.records", "-o", str(other))
    assert refused.returncode == 2
    assert "is not an mro-explain snapshot" in refused.stderr
    assert other.read_text() == '{"mine": true}\n'
    forced = run(repo, scratch, "snapshot", "pkg.records", "-o", str(other), "--force")
    assert forced.returncode == 0
    again = run(repo, scratch, "snapshot", "pkg.records", "-o", str(other))
    assert again.returncode == 0  # a snapshot may be replaced by a snapshot


def test_snapshot_of_a_broken_module_exits_1(repo: Path, scratch: Path) -> None:
    result = run(repo, scratch, "snapshot", "pkg")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [f["module"] for f in data["failures"]] == ["pkg.broken"]
    assert "pkg.broken could not be read" in result.stderr


def test_markdown_report_with_mermaid(repo: Path, scratch: Path) -> None:
    result = run(repo, scratch, "diff", "v1", "--format", "markdown")
    assert result.returncode == 1
    md = result.stdout
    assert md.startswith("## mro-explain diff `v1` → `working tree`")
    assert "### `pkg.records:Record` — winner" in md
    assert "| winner | save: Saver.save (function, non-data) → Auditor.save (function, non-data) |" in md
    blocks = re.findall(r"```mermaid\n(.*?)\n```", md, re.S)
    assert len(blocks) == 4  # before and after for Record and Model
    parsed = [_parse_flowchart(b) for b in blocks]
    assert parsed[0] == ["Record", "Saver", "Auditor", "object"]
    assert parsed[1] == ["Record", "Auditor", "Saver", "object"]
    assert parsed[3] == ["Model", "TimestampMixin", "LegacyMixin", "Base", "object"]


def _parse_flowchart(block: str) -> list[str]:
    """The node labels of a Mermaid flowchart in edge order (a chain n0 --> n1 --> ...)."""
    lines = block.splitlines()
    assert lines[0] == "flowchart LR"
    labels: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in lines[1:]:
        node = re.fullmatch(r'\s+(n\d+)\["(\d+)\. ([^"]+)"\]', line)
        edge = re.fullmatch(r"\s+(n\d+) --> (n\d+)", line)
        assert node or edge, line
        if node:
            labels[node.group(1)] = node.group(3)
        elif edge:
            edges.append((edge.group(1), edge.group(2)))
    order = ["n0"] + [b for _, b in edges]
    assert [a for a, _ in edges] == order[:-1]
    return [labels[n] for n in order]


def test_github_annotations_on_class_lines(repo: Path, scratch: Path) -> None:
    result = run(repo, scratch, "diff", "v1", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    record = next(line for line in lines if "pkg.records%3ARecord" in line)
    assert record.startswith("::error file=pkg/records.py,line=25,")
    assert "%0A" in record and "\n" not in record
    broken = next(line for line in lines if "pkg.broken" in line and line.startswith("::"))
    assert broken.startswith("::error file=pkg/broken.py,")


def test_ctrl_c_removes_the_worktree(repo: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    marker = tmp_path / "importing"
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    (clone / "pkg" / "slow.py").write_text(
        f"import pathlib, time\npathlib.Path({str(marker)!r}).write_text('x')\ntime.sleep(120)\n"
    )
    sample_repo.git(clone, "add", "-A")
    sample_repo.git(clone, "commit", "-q", "-m", "slow")
    proc = subprocess.Popen(
        [installed_command(), "diff", "HEAD", "pkg.slow", "--timeout", "300"],
        cwd=clone,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(TMPDIR=str(scratch)),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the base side never started importing"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert sample_repo.git(clone, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert list(scratch.iterdir()) == []


def test_a_package_named_like_one_mro_explain_imports(tmp_path: Path) -> None:
    """Each side comes from its own tree even when mro-explain itself has imported that name."""
    repo = tmp_path / "repo"
    repo.mkdir()
    sample_repo.git(repo, "init", "-q", "-b", "main")
    package = repo / "shellingham"  # typer imports the installed shellingham
    package.mkdir()
    (package / "__init__.py").write_text(
        "class A:\n    def f(self): return 'A'\nclass B:\n    def f(self): return 'B'\nclass C(A, B):\n    pass\n"
    )
    sample_repo.git(repo, "add", "-A")
    sample_repo.git(repo, "commit", "-q", "-m", "one")
    (package / "__init__.py").write_text(
        "class A:\n    def f(self): return 'A'\nclass B:\n    def f(self): return 'B'\nclass C(B, A):\n    pass\n"
    )
    result = run(repo, tmp_path, "diff", "HEAD", "shellingham", "--format", "json")
    data = json.loads(result.stdout)
    assert data["base_failures"] == [] and data["head_failures"] == [], result.stdout
    (c,) = data["classes"]
    assert c["key"] == "shellingham:C"
    assert [(w["name"], w["old"]["winner"], w["new"]["winner"]) for w in c["winners"]] == [
        ("f", "shellingham:A", "shellingham:B")
    ]


def test_the_readme_example(repo: Path, scratch: Path) -> None:
    """Every line README.md shows for `mro-explain diff v1` is what the command prints on this repository."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("$ mro-explain diff v1\n") + len("$ mro-explain diff v1\n")
    shown = [line for line in readme[start : readme.index("```", start)].splitlines() if line != "…"]
    printed = run(repo, scratch, "diff", "v1", COLUMNS="80").stdout.splitlines()
    assert len(shown) > 10
    assert [line for line in shown if line not in printed] == []


def test_a_module_that_ends_the_interpreter_is_reported(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    (clone / "pkg" / "crash.py").write_text("import os\nprint('leaving')\nos._exit(7)\n")
    result = run(clone, tmp_path, "diff", "HEAD~1", "pkg.crash", "pkg.records", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)  # nothing the module printed reached stdout
    assert [f["status"] for f in data["head_failures"]] == ["crashed"]
    assert "exited with code 7" in data["head_failures"][0]["detail"]
    assert [c["key"] for c in data["classes"]] == ["pkg.records:Record"]


def test_the_configured_setup_runs_before_each_side_is_imported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "app").mkdir(parents=True)
    sample_repo.git(repo, "init", "-q", "-b", "main")
    (repo / "pyproject.toml").write_text('[tool.mro-explain]\ntargets = ["app"]\nsetup = "app.boot:configure"\n')
    (repo / "app" / "__init__.py").write_text("")
    (repo / "app" / "boot.py").write_text("import builtins\n\ndef configure():\n    builtins.APP_READY = True\n")
    needs = "import builtins\nif not getattr(builtins, 'APP_READY', False):\n    raise RuntimeError('not configured')\n"
    (repo / "app" / "models.py").write_text(needs + "class A:\n    x = 1\nclass B(A):\n    pass\n")
    sample_repo.git(repo, "add", "-A")
    sample_repo.git(repo, "commit", "-q", "-m", "one")
    (repo / "app" / "models.py").write_text(needs + "class A:\n    x = 1\nclass B(A):\n    x = 2\n")
    result = run(repo, tmp_path, "diff", "HEAD", "--format", "json")
    data = json.loads(result.stdout)
    assert data["base_failures"] == [] and data["head_failures"] == [], result.stdout
    assert [c["key"] for c in data["classes"]] == ["app.models:B"]


def test_the_text_report_fits_80_columns(repo: Path, scratch: Path) -> None:
    """Piped with COLUMNS, lines are cut between words: every word of the whole-line report, none broken."""
    from fitting import assert_fits, assert_words_whole

    wide = run(repo, scratch, "diff", "v1", COLUMNS="1000").stdout
    assert any(len(line) > 80 for line in wide.splitlines())
    for width in (80, 60):
        narrow = run(repo, scratch, "diff", "v1", COLUMNS=str(width)).stdout
        assert_fits(narrow, width)
        assert_words_whole(narrow, wide)
