"""``mro-explain graph`` through CliRunner and through the installed command."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_helpers import node_texts, requires_dot, titles

from pyinspect_cli.errors import ExitCode
from pyinspect_cli.render.graph import MARKER

ROOT = Path(__file__).resolve().parents[2]
D = "sample_modules.diamond."


def test_dot_on_stdout_without_output(cli):
    result = cli("graph", "sample_modules.diamond:D")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"// {MARKER}\ndigraph mro {{")
    assert f'"{D}D" -> "{D}B"' in result.stdout
    assert result.stderr == ""


@requires_dot
def test_svg_file_then_regenerate_then_refuse_foreign_file(cli, tmp_path: Path):
    out = tmp_path / "d.svg"
    first = cli("graph", "sample_modules.diamond:D", "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert titles(out.read_text(), "node")[0] == D + "D"
    again = cli("graph", "sample_modules.diamond:D", "--hide-object", "-o", str(out))
    assert again.returncode == 0, again.stderr  # our own file: no --force needed
    assert "builtins.object" not in titles(out.read_text(), "node")
    foreign = tmp_path / "notes.svg"
    foreign.write_text("<svg>mine</svg>")
    refused = cli("graph", "sample_modules.diamond:D", "-o", str(foreign))
    assert refused.returncode == ExitCode.USAGE
    assert "--force" in refused.stderr
    assert foreign.read_text() == "<svg>mine</svg>"
    forced = cli("graph", "sample_modules.diamond:D", "-o", str(foreign), "--force")
    assert forced.returncode == 0, forced.stderr
    assert MARKER in foreign.read_text() and titles(foreign.read_text(), "node")


@requires_dot
@pytest.mark.parametrize(("suffix", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF"), ("dot", b"// generated")])
def test_format_from_suffix(cli, tmp_path: Path, suffix: str, magic: bytes):
    out = tmp_path / f"d.{suffix}"
    result = cli("graph", "sample_modules.diamond:D", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(magic)


@requires_dot
def test_format_option_wins_and_svg_to_stdout(cli):
    result = cli("graph", "sample_modules.diamond:D", "--format", "svg")
    assert result.returncode == 0
    assert titles(result.stdout, "node")[0] == D + "D"


def test_unknown_suffix_is_a_usage_error(cli, tmp_path: Path):
    result = cli("graph", "sample_modules.diamond:D", "-o", str(tmp_path / "d.jpeg"))
    assert result.returncode == ExitCode.USAGE
    assert "--format" in result.stderr


@requires_dot
def test_what_if_conflict_is_drawn_and_exits_1(cli, tmp_path: Path):
    out = tmp_path / "xy.svg"
    result = cli("graph", "--what-if", "sample_modules.diamond:X", "sample_modules.diamond:Y", "-o", str(out))
    assert result.returncode == ExitCode.FINDINGS
    assert "consistent method resolution" in result.stderr
    svg = out.read_text()
    assert "what-if.New" in titles(svg, "node")
    assert {f"{D}B->{D}C", f"{D}C->{D}B"} <= set(titles(svg, "edge"))


def test_what_if_that_works_exits_0(cli):
    result = cli("graph", "--what-if", "sample_modules.diamond:B", "sample_modules.diamond:C", "--name", "Mix")
    assert result.returncode == 0
    assert '"what-if.Mix"' in result.stdout


def test_several_targets_need_what_if(cli):
    result = cli("graph", "sample_modules.diamond:B", "sample_modules.diamond:C")
    assert result.returncode == ExitCode.USAGE
    assert "--what-if" in result.stderr


@requires_dot
def test_steps_directory(cli, tmp_path: Path):
    steps = tmp_path / "steps"
    result = cli("graph", "sample_modules.diamond:D", "--steps", str(steps))
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in steps.iterdir())
    assert files == ["index.html", *[f"step-{i:02d}.svg" for i in range(6)]]
    assert titles((steps / "step-02.svg").read_text(), "node")
    assert (steps / "index.html").read_text().count("<svg") == 6
    again = cli("graph", "sample_modules.diamond:D", "--steps", str(steps))
    assert again.returncode == 0, again.stderr


def test_steps_need_a_class(cli, tmp_path: Path):
    result = cli("graph", "sample_modules.diamond", "--steps", str(tmp_path / "s"))
    assert result.returncode == ExitCode.USAGE


def test_module_and_recursive_package(cli):
    module = cli("graph", "sample_modules.diamond")
    assert module.returncode == 0
    for name in "ABCDXY":
        assert f'"{D}{name}"' in module.stdout
    package = cli("graph", "sample_modules.graph_pkg", "--recursive")
    assert package.returncode == 0
    for cls in ("graph_pkg.Plugin", "graph_pkg.shapes.Circle", "graph_pkg.sub.colours.Red", "collections.OrderedDict"):
        assert cls in package.stdout
    assert "skipped sample_modules.graph_pkg.broken" in package.stderr


@requires_dot
def test_options_show_up_in_the_picture(cli, tmp_path: Path):
    out = tmp_path / "zoo.svg"
    result = cli(
        "graph",
        "sample_modules.hostile:Bottom",
        "--metaclasses",
        "--descriptors",
        "--direction",
        "LR",
        "--max-depth",
        "1",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    svg = out.read_text()
    nodes = titles(svg, "node")
    assert "sample_modules.hostile.Hostile" in nodes
    assert "sample_modules.hostile.Root" not in nodes  # cut by --max-depth 1
    texts = node_texts(svg)
    assert any("+1 base not shown" in t for t in texts["sample_modules.hostile.Left"])


def test_missing_dot_writes_the_dot_next_to_the_output(cli, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no `dot`
    out = tmp_path / "d.svg"
    result = cli("graph", "sample_modules.diamond:D", "-o", str(out))
    assert result.returncode == ExitCode.ENVIRONMENT
    assert "Graphviz" in result.stderr and "apt-get install graphviz" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    sidecar = tmp_path / "d.dot"
    assert str(sidecar) in result.stderr
    assert sidecar.read_text().startswith(f"// {MARKER}")
    # DOT output never needs dot
    assert cli("graph", "sample_modules.diamond:D").returncode == 0


def test_bad_targets(cli):
    assert cli("graph", "no_such_module_xyz:C").returncode == ExitCode.USAGE
    assert cli("graph", "sample_modules.diamond:Nope").returncode == ExitCode.USAGE
    assert cli("graph", "sample_modules.broken.raises:X").returncode == ExitCode.ENVIRONMENT


def test_hostile_metaclass_is_never_run(cli):
    from sample_modules import hostile

    hostile.CALLS.clear()
    result = cli("graph", "sample_modules.hostile:Bottom", "--metaclasses", "--descriptors")
    assert result.returncode == 0
    assert hostile.CALLS == []


# --- the installed command -----------------------------------------------------


@requires_dot
def test_installed_from_another_directory(run_installed, tmp_path: Path):
    out = tmp_path / "model.svg"
    result = run_installed(
        "graph", "sample_modules.cooperative:Model", "--path", str(ROOT), "-o", str(out), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    texts = node_texts(out.read_text())
    order = sorted((int(t[0]), t[1]) for t in texts.values())
    assert [name for _, name in order] == ["Model", "Loggable", "Serializable", "Base", "object"]


def test_installed_piped_dot_is_byte_identical(run_installed):
    first = run_installed("graph", "sample_modules.weird_names:Child")
    second = run_installed("graph", "sample_modules.weird_names:Child")
    assert first.returncode == 0 and first.stdout == second.stdout
    assert "[bold red]x[/]" in first.stdout
    assert "A&lt;B&gt;&amp;&quot;q&#x27;" in first.stdout


def test_installed_missing_dot(run_installed, tmp_path: Path):
    result = run_installed(
        "graph",
        "sample_modules.diamond:D",
        "--path",
        str(ROOT),
        "-o",
        str(tmp_path / "d.png"),
        cwd=tmp_path,
        PATH=str(tmp_path),
    )
    assert result.returncode == ExitCode.ENVIRONMENT
    assert "brew install graphviz" in result.stderr
    assert (tmp_path / "d.dot").exists()


def test_installed_bad_input(run_installed, tmp_path: Path):
    result = run_installed("graph", "sample_modules.diamond:D", "-o", str(tmp_path / "missing" / "d.svg"))
    assert result.returncode == ExitCode.USAGE
    assert "does not exist" in result.stderr
    result = run_installed("graph", "--what-if", "sample_modules.diamond")
    assert result.returncode == ExitCode.USAGE


def test_a_class_statement_that_fails_at_import_is_drawn_as_a_what_if(cli):
    result = cli("graph", "sample_modules.broken.bad_mro:Mixed")
    assert result.returncode == ExitCode.FINDINGS
    assert "drawing that class statement as a what-if" in result.stderr
    assert '"what-if.Mixed"' in result.stdout
    assert 'color="#c92a2a"' in result.stdout  # the contradicting orderings, in red


def test_metaclass_conflict_draws_the_clashing_metaclasses(cli):
    result = cli("graph", "sample_modules.broken.bad_metaclass")
    assert result.returncode == ExitCode.FINDINGS
    assert '"abc.ABCMeta"' in result.stdout and '"sample_modules.broken.bad_metaclass.Meta"' in result.stdout


def test_other_import_failures_are_not_drawn(cli):
    result = cli("graph", "sample_modules.broken.raises")
    assert result.returncode == ExitCode.ENVIRONMENT
    assert result.stdout == ""


@requires_dot
@pytest.mark.parametrize(
    ("target", "nodes"), [("sample_modules.graph_wide:Wide", 302), ("sample_modules.graph_wide", 702)]
)
def test_big_hierarchies_render_in_reasonable_time(cli, tmp_path: Path, target: str, nodes: int):
    import time

    out = tmp_path / "big.svg"
    start = time.perf_counter()
    result = cli("graph", target, "-o", str(out))
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    assert len(titles(out.read_text(), "node")) == nodes
    assert elapsed < 30
