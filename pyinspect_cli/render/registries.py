"""Terminal views of ``mro-explain registries`` and ``mro-explain metaclass``.

Rich trees (metaclass -> classes, registry -> entries): styled on a terminal,
plain text when piped (the console decides). User strings only ever go into
:class:`rich.text.Text` objects, never into markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text
from rich.tree import Tree

from pyinspect_cli.core import static
from pyinspect_cli.core.hooks import relative_location as source_location
from pyinspect_cli.core.metaclasses import MetaclassExplanation, MetaclassHook, MetaclassUsage, Pattern
from pyinspect_cli.core.registries import ExternalRegistry, ModuleResult, RegistriesReport, Registry, RegistryEntry
from pyinspect_cli.render.words import plural

_GUIDE = "mx.muted"

_HOOK_MEANING = {
    "__prepare__": "makes the class body's namespace",
    "__new__": "creates the class",
    "__init__": "initialises the class",
    "__call__": "runs on Class(): creates instances",
    "mro": "computes __mro__ instead of C3",
    "__instancecheck__": "isinstance(x, Class)",
    "__subclasscheck__": "issubclass(C, Class)",
    "register": "records virtual subclasses",
}


#: piped without COLUMNS, trees are printed at least this wide (long lines are not cut)
PIPED_WIDTH = 200

#: entries (and classes of a metaclass) listed per node in the tree; JSON lists them all
MAX_ENTRIES = 40


def _more(count: int) -> Text:
    return Text(f"… and {count} more (--format json lists them all)", style="mx.muted")


class Namer:
    """Short names for classes of the analysed module(s), ``module:qualname`` for the others."""

    def __init__(self, local_modules: Sequence[str], package: str | None = None) -> None:
        self.local = frozenset(local_modules)
        #: classes of the package's submodules print as ``sub.module:Class``
        self.prefix = package + "." if package else None

    def __call__(self, cls: type) -> str:
        module = static.module_of(cls)
        if module in self.local or module == "builtins":
            return static.qualname_of(cls)
        if self.prefix and module.startswith(self.prefix):
            return f"{module[len(self.prefix) :]}:{static.qualname_of(cls)}"
        return static.class_id(cls)

    def is_local(self, cls: type) -> bool:
        """Whether *cls* comes from the analysed module(s) (or the package being walked)."""
        module = static.module_of(cls)
        if module in self.local:
            return True
        return self.prefix is not None and (module.startswith(self.prefix) or module == self.prefix[:-1])

    def text(self, cls: type, style: str = "mx.class") -> Text:
        if static.module_of(cls) == "builtins":
            style = "mx.builtin"
        return Text.assemble((self(cls), style))

    def ids(self, text: str) -> str:
        """Shorten every ``module:qualname`` of a local module in *text* (entries, lists of classes)."""
        for module in (*self.local, "builtins"):
            text = re.sub(rf"(?<![\w.]){re.escape(module)}:", "", text)
        if self.prefix:
            text = re.sub(rf"(?<![\w.]){re.escape(self.prefix)}", "", text)
        return text

    def hook(self, hook: str) -> str:
        """``module:Class.hook`` shortened like a class name."""
        module, _, rest = hook.partition(":")
        if module in self.local:
            return rest
        return self.ids(hook)


def _join(parts: Sequence[Text], sep: str = ", ") -> Text:
    out = Text()
    for i, part in enumerate(parts):
        if i:
            out.append(sep)
        out.append_text(part)
    return out


def _heading(text: str, count: int | None = None) -> Text:
    out = Text.assemble((text, "mx.heading"))
    if count is not None:
        out.append(f" ({count})", style="mx.muted")
    return out


def _hooks_text(hooks: Sequence[MetaclassHook], meta: type, names: Namer) -> Text:
    parts: list[Text] = []
    for hook in hooks:
        part = Text.assemble((hook.name, "mx.head"))
        if hook.owner is not meta:
            part.append(" from ", style="mx.muted")
            part.append_text(names.text(hook.owner))
        parts.append(part)
    return _join(parts)


def pattern_text(pattern: Pattern, names: Namer) -> Text:
    text = Text()
    if pattern.kind == "singleton":
        text.append("singleton", style="mx.warn")
        text.append(f": {names.hook(pattern.hook)} caches one instance per class in ")
        text.append(pattern.container, style="mx.data")
        if pattern.lock:
            text.append(", guarded by ")
            text.append(pattern.lock, style="mx.ok")
        else:
            text.append(", not guarded by a lock", style="mx.warn")
            text.append(" (two threads may both create an instance)", style="mx.muted")
    else:
        text.append("registry", style="mx.warn")
        text.append(f": {names.hook(pattern.hook)} stores each new class in ")
        text.append(pattern.container, style="mx.data")
        if pattern.lock:
            text.append(", guarded by ")
            text.append(pattern.lock, style="mx.ok")
    location = source_location(pattern.source)
    if location:
        text.append(f"  {location}", style="mx.muted")
    return text


def _metaclass_node(usage: MetaclassUsage, names: Namer) -> Tree:
    meta = usage.metaclass
    label = names.text(meta, "mx.target")
    if not names.is_local(meta):
        label.append("  (library)", style="mx.muted")
    node = Tree(label, guide_style=_GUIDE)
    mro = Text.assemble(("MRO: ", "mx.muted"))
    mro.append_text(_join([names.text(k) for k in usage.metaclass_mro], " → "))
    node.add(mro)
    if usage.hooks:
        hooks = Text.assemble(("hooks: ", "mx.muted"))
        hooks.append_text(_hooks_text(usage.hooks, meta, names))
        node.add(hooks)
    else:
        node.add(Text("hooks: none (behaves like type)", style="mx.muted"))
    for pattern in usage.patterns:
        node.add(pattern_text(pattern, names))
    if usage.classes:
        classes = node.add(_heading("classes", len(usage.classes)))
        for cls in usage.classes[:MAX_ENTRIES]:
            classes.add(names.text(cls))
        if len(usage.classes) > MAX_ENTRIES:
            classes.add(_more(len(usage.classes) - MAX_ENTRIES))
    else:
        node.add(Text("no class of these modules uses it", style="mx.muted"))
    return node


def _registry_node(registry: Registry, names: Namer) -> Tree:
    label = names.text(registry.owner, "mx.target")
    label.append(".")
    label.append(registry.attribute, style="mx.data")
    label.append(f"  {registry.container}", style="mx.muted")
    label.append(f", {plural(len(registry.entries), 'entry', 'entries')}", style="mx.muted")
    if registry.role == "instances":
        label.append("  instance cache", style="mx.warn")
    elif registry.role == "virtual subclasses":
        label.append("  virtual subclasses (ABC.register)", style="mx.warn")
    node = Tree(label, guide_style=_GUIDE)
    if registry.filled_by:
        filled = Text.assemble(("filled by ", "mx.muted"))
        filled.append(", ".join(names.hook(h) for h in registry.filled_by), style="mx.head")
        node.add(filled)
    _add_entries(node, registry.entries, names)
    return node


def _add_entries(node: Tree, entries: Sequence[RegistryEntry], names: Namer) -> None:
    """A registry's entries under its node: the first MAX_ENTRIES, then how many more, or that it is empty."""
    for entry in entries[:MAX_ENTRIES]:
        node.add(_entry_text(entry, names))
    if len(entries) > MAX_ENTRIES:
        node.add(_more(len(entries) - MAX_ENTRIES))
    if not entries:
        node.add(Text("(empty at import time)", style="mx.muted"))


def _entry_text(entry: RegistryEntry, names: Namer) -> Text:
    text = Text()
    if entry.key is not None:
        key = names.ids(entry.key) if entry.key_class else entry.key
        text.append(key, style="mx.class" if entry.key_class else "mx.plain")
        text.append(" → ", style="mx.muted")
    style = "mx.class" if entry.kind in ("class", "classes") and entry.value_class else "mx.plain"
    value = names.ids(entry.value) if entry.kind != "data" else entry.value
    text.append(value, style=style)
    return text


def _external_node(registry: ExternalRegistry, names: Namer) -> Tree:
    label = Text(registry.location, style="mx.data")
    label.append(f"  {registry.container}", style="mx.muted")
    label.append(f", {plural(len(registry.entries), 'entry', 'entries')}", style="mx.muted")
    node = Tree(label, guide_style=_GUIDE)
    filled = Text.assemble(("filled by ", "mx.muted"))
    filled.append(", ".join(names.hook(h) for h in registry.filled_by), style="mx.head")
    node.add(filled)
    _add_entries(node, registry.entries, names)
    return node


def registries_view(
    report: RegistriesReport,
    *,
    title: str,
    local_modules: Sequence[str],
    modules: Sequence[ModuleResult],
    package: str | None = None,
) -> RenderableType:
    names = Namer(local_modules, package)
    root_label = Text.assemble((title, "mx.heading"))
    analysed = [m for m in modules if m.status == "ok"]
    total = sum(m.classes for m in analysed)
    root_label.append(
        f"  {plural(total, 'class', 'classes')}" + (f" in {len(analysed)} modules" if len(analysed) > 1 else ""),
        style="mx.muted",
    )
    if package:
        root_label.append(f"  (modules named relative to {package})", style="mx.muted")
    root = Tree(root_label, guide_style=_GUIDE)
    failed = [m for m in modules if m.status == "error"]
    if failed:
        node = root.add(_heading("modules that could not be imported", len(failed)))
        for module in failed:
            node.add(Text.assemble((module.name, "mx.error"), ("  ", ""), (module.message or "", "mx.muted")))

    metas = root.add(_heading("Metaclasses", len(report.metaclasses)))
    if not report.metaclasses:
        metas.add(Text("none other than type", style="mx.muted"))
    for usage in report.metaclasses:
        metas.children.append(_metaclass_node(usage, names))

    hooks = report.hooks
    count = (
        len(hooks.init_subclass)
        + len(hooks.keywords)
        + len(hooks.set_name)
        + len(hooks.class_getitem)
        + len(hooks.mro_entries)
    )
    hook_root = root.add(_heading("Class-creation hooks", count))
    if not count:
        hook_root.add(Text("none", style="mx.muted"))
    for hook in hooks.init_subclass:
        label = Text.assemble(("__init_subclass__", "mx.head"))
        label.append(" on ")
        label.append_text(names.text(hook.owner, "mx.target"))
        if hook.library and not names.is_local(hook.owner):
            label.append("  (library)", style="mx.muted")
        if hook.parameters:
            label.append(f"  parameters: {', '.join(hook.parameters)}", style="mx.muted")
        node = hook_root.add(label)
        for holder in sorted({w.holder for w in hook.body.records}):
            node.add(Text.assemble(("stores each subclass in ", ""), (holder, "mx.data")))
        if hook.subclasses:
            node.add(Text.assemble(("runs for: ", "mx.muted"), _join([names.text(c) for c in hook.subclasses])))
    for kw in hooks.keywords:
        label = Text.assemble(("class keywords", "mx.head"))
        label.append(": class ")
        label.append_text(names.text(kw.cls, "mx.target"))
        label.append("(…, ")
        label.append(", ".join(f"{k}={v}" if k != "**" else f"**{v}" for k, v in kw.keywords), style="mx.data")
        label.append(")")
        if kw.receivers:
            label.append(" → ", style="mx.muted")
            label.append(", ".join(names.hook(r) for r in kw.receivers))
        hook_root.add(label)
    for owner in hooks.set_name:
        # "attribute on Class": a space between them, so a long pair wraps between words
        label = Text.assemble(("__set_name__", "mx.head"))
        label.append(": ")
        label.append(owner.attribute, style="mx.data")
        label.append(" on ", style="mx.muted")
        label.append_text(names.text(owner.owner, "mx.target"))
        label.append(" is a ", style="mx.muted")
        label.append_text(names.text(owner.descriptor))
        label.append(" (learns its name when the class is created)", style="mx.muted")
        hook_root.add(label)
    for item in hooks.class_getitem:
        label = Text.assemble(("__class_getitem__", "mx.head"))
        label.append(": ")
        label.append_text(names.text(item.cls, "mx.target"))
        label.append("[…]")
        if item.hook_owner is not item.cls:
            label.append(" via ", style="mx.muted")
            label.append_text(names.text(item.hook_owner))
        hook_root.add(label)
    for entries in hooks.mro_entries:
        label = Text.assemble(("__mro_entries__", "mx.head"))
        label.append(": ")
        label.append_text(names.text(entries.cls, "mx.target"))
        if entries.written:
            label.append(" wrote ", style="mx.muted")
            label.append(", ".join(names.ids(w) for w in entries.written), style="mx.data")
            label.append(" → bases ", style="mx.muted")
            label.append_text(_join([names.text(b) for b in entries.bases]))
        if entries.defines:
            label.append(" defines __mro_entries__: its instances can be listed as bases", style="mx.muted")
        hook_root.add(label)

    regs = root.add(_heading("Registries", len(report.registries)))
    if not report.registries:
        regs.add(Text("none found", style="mx.muted"))
    for registry in report.registries:
        regs.children.append(_registry_node(registry, names))
    if report.external:
        outside = root.add(_heading("Registries outside the classes", len(report.external)))
        for external in report.external:
            outside.children.append(_external_node(external, names))
    if report.skipped:
        skipped = root.add(_heading("Containers not read", len(report.skipped)))
        for skip in report.skipped:
            label = Text(skip.attribute, style="mx.data")
            label.append(" on ", style="mx.muted")
            label.append_text(names.text(skip.owner))
            label.append(f"  {skip.container}: {skip.reason}", style="mx.muted")
            skipped.add(label)
    return root


def metaclass_view(explanation: MetaclassExplanation, *, local_modules: Sequence[str]) -> RenderableType:
    names = Namer(local_modules)
    cls = explanation.cls
    actual = explanation.actual
    label = names.text(cls, "mx.target")
    label.append("  metaclass: ", style="mx.muted")
    label.append_text(names.text(actual, "mx.class"))
    root = Tree(label, guide_style=_GUIDE)
    if not explanation.source_found and not static.is_heap_type(cls):
        root.add(Text("class statement: none (a C type)", style="mx.muted"))
    elif not explanation.source_found:
        root.add(Text("class statement: source not available", style="mx.muted"))
    elif explanation.explicit_text is not None:
        root.add(Text.assemble(("class statement: metaclass=", "mx.muted"), (explanation.explicit_text, "mx.data")))
    else:
        root.add(Text("class statement: no metaclass= keyword", style="mx.muted"))
    choice = root.add(_heading("How CPython chose it: the most derived of these candidates"))
    for number, step in enumerate(explanation.steps, 1):
        text = Text.assemble((f"{number}. ", "mx.muted"))
        if step.base is None:
            if explanation.explicit is not None:
                text.append("metaclass= keyword" + (" (inferred)" if explanation.inferred_explicit else ""))
            else:
                text.append("default (no metaclass= keyword)")
        else:
            text.append("base ")
            text.append_text(names.text(step.base))
        text.append(" → ", style="mx.muted")
        text.append_text(names.text(step.candidate))
        if step.decision == "start":
            text.append("  start", style="mx.muted")
        elif step.decision == "keep":
            text.append("  keep ", style="mx.muted")
            text.append_text(names.text(step.winner))
            text.append(" (already a subclass of it)", style="mx.muted")
        elif step.decision == "switch":
            text.append("  switch: ", style="mx.taken")
            text.append("it is a subclass of the winner so far", style="mx.muted")
        else:
            text.append("  conflict: unrelated to ", style="mx.blocked")
            text.append_text(names.text(step.winner))
        choice.add(text)
    if explanation.winner is not None:
        result = Text.assemble(("winner: ", "mx.heading"))
        result.append_text(names.text(explanation.winner, "mx.taken"))
        if explanation.matches:
            result.append("  = type(", style="mx.muted")
            result.append(names(cls), style="mx.muted")
            result.append(")", style="mx.muted")
        choice.add(result)
    elif explanation.error is not None:
        choice.add(Text(explanation.error.message, style="mx.error"))
    mro = Text.assemble(("MRO of the metaclass: ", "mx.muted"))
    mro.append_text(_join([names.text(k) for k in static.mro_of(actual)], " → "))
    root.add(mro)
    if explanation.mro_override is not None:
        root.add(
            Text.assemble(
                ("mro(): overridden by ", "mx.warn"),
                names.text(explanation.mro_override),
                (": CPython calls it to build __mro__, instead of the C3 merge", "mx.muted"),
            )
        )
    else:
        root.add(Text("mro(): not overridden (type.mro, the C3 merge)", style="mx.muted"))
    if explanation.hooks:
        hooks = root.add(_heading("hooks the metaclass overrides", len(explanation.hooks)))
        for hook in explanation.hooks:
            text = Text.assemble((hook.name, "mx.head"))
            text.append("  defined in ", style="mx.muted")
            text.append_text(names.text(hook.owner))
            meaning = _HOOK_MEANING.get(hook.name)
            if meaning:
                text.append(f"  ({meaning})", style="mx.muted")
            hooks.add(text)
    elif actual is type:
        root.add(Text("type: the default metaclass, no hooks", style="mx.muted"))
    for pattern in explanation.patterns:
        root.add(pattern_text(pattern, names))
    for note in explanation.notes:
        root.add(Text.assemble(("note: ", "mx.warn"), (note, "")))
    return root
