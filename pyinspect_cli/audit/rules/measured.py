"""Measured precision of each rule on the precision corpus (generated: do not edit).

Regenerate with ``python benchmarks/bench_precision.py --write`` after changing a rule or the labels
(tests/audit_rules/corpus_labels.toml); tests/audit_rules/test_corpus.py checks that it is current.
"""

from __future__ import annotations

from pyinspect_cli.audit.findings import Measured

#: the packages audited, and how many
CORPUS = (
    "Django 5.2.19, SQLAlchemy 2.1.9, marshmallow 4.4.0, attrs 26.1.0, Werkzeug 3.1.9, "
    "Flask 3.1.3, Jinja2 3.1.6, traitlets 5.16.1, Pint 0.25.3, cattrs 26.2.1, param 2.4.2, "
    "WTForms 3.3.2, peewee 4.5.3"
)
PACKAGES = 13

#: findings, real, debatable, false per rule, with every rule on
MEASURED: dict[str, Measured] = {
    "ATTR001": Measured(3, 1, 2, 0),
    "ATTR003": Measured(1, 0, 1, 0),
    "ATTR005": Measured(23, 21, 2, 0),
    "DESC001": Measured(0, 0, 0, 0),
    "DESC002": Measured(4, 1, 3, 0),
    "DESC004": Measured(0, 0, 0, 0),
    "DESC005": Measured(0, 0, 0, 0),
    "DESC006": Measured(0, 0, 0, 0),
    "DESC007": Measured(1, 0, 1, 0),
    "DESC009": Measured(0, 0, 0, 0),
    "DESC011": Measured(25, 0, 25, 0),
    "DESC012": Measured(0, 0, 0, 0),
    "DESC013": Measured(1, 1, 0, 0),
    "META001": Measured(0, 0, 0, 0),
    "META002": Measured(3, 1, 2, 0),
    "META003": Measured(10, 0, 10, 0),
    "META004": Measured(0, 0, 0, 0),
    "META005": Measured(0, 0, 0, 0),
    "MRO001": Measured(0, 0, 0, 0),
    "MRO002": Measured(0, 0, 0, 0),
    "MRO003": Measured(0, 0, 0, 0),
}
