"""Buggy (``*_bad``) and correct (``*_ok``) samples for the descriptor, attribute and metaclass rules.

Each module lists what the rules must report in ``EXPECTED``:
``{(qualname, attribute): severity}``; the ``*_ok`` modules expect nothing.
"""
