"""The audit on the precision corpus: no finding is a false positive, every finding is labelled.

The corpus is the packages pinned in the ``corpus`` and ``frameworks`` extras,
audited with every rule on (``--select ALL``) by ``benchmarks/bench_precision.py``
in a subprocess; the hand labels live in ``tests/audit_rules/corpus_labels.toml``.
A new finding fails this test until it is labelled (real only when confirmed by
running code); a finding labelled false fails it until the rule is fixed. The
measured figures that ``mro-explain rules``, SARIF and docs/rules.md show must be
regenerated from the labels (``bench_precision.py --write``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "bench_precision.py"


@pytest.mark.slow
def test_corpus_has_no_false_or_unlabelled_finding() -> None:
    pytest.importorskip("werkzeug", reason="the corpus extra is not installed (pip install -e '.[dev]')")
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--check", "--quiet", "--jobs", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]


def test_labels_are_well_formed() -> None:
    sys.path.insert(0, str(BENCH.parent))
    try:
        from bench_precision import load_labels
    finally:
        sys.path.remove(str(BENCH.parent))
    corpus, labels = load_labels()
    assert len(corpus["packages"].split(",")) >= 12
    for key, entry in labels.items():
        assert entry["reason"].strip(), key
        if entry["label"] == "real":
            assert "(ran)" in entry["reason"], f"{key}: a real label names what was run to confirm it"
