"""``mro-explain audit``: class-machinery checks for CI.

Layout: :mod:`.findings` (plain data), :mod:`.rules` (one module per rule
family, registered in :data:`.rules.RULES`), :mod:`.config` (``[tool.mro-explain]``),
:mod:`.runner` (imports modules in worker processes and runs the rules),
:mod:`.reporters` (text, json, sarif, github, gitlab).
"""
