"""Pure analysis: the standard library only, never typer, rich, graphviz or pydantic.

Modules: :mod:`.static` (reading classes without running their code),
:mod:`.c3` (C3 linearization with traces), :mod:`.creation` (CPython's
class-creation checks), :mod:`.descriptors` and :mod:`.attributes`
(descriptor kinds, attribute lookup), :mod:`.hooks`, :mod:`.registries` and
:mod:`.metaclasses` (class-creation hooks and registries), :mod:`.super_chain`
(cooperative ``super()`` chains), :mod:`.hierarchy` (diagram model). Import
them directly; this package imports nothing so that start-up stays light.
"""
