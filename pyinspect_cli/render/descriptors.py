"""Terminal views of ``mro-explain descriptors`` and ``mro-explain attr``.

User strings (class and attribute names) only ever go into
:class:`rich.text.Text` objects, never into markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pyinspect_cli.core import static
from pyinspect_cli.core.attributes import Branch, Resolution, WalkStep
from pyinspect_cli.core.descriptors import AttributeInfo, DescriptorInfo
from pyinspect_cli.render.safe import escape_line

_KIND_STYLE = {"data": "mx.data", "non-data": "mx.nondata", "plain": "mx.plain"}

_LEGEND = (
    "data: defines __set__ or __delete__ (on its type); wins over the instance __dict__ when it has __get__. "
    "non-data: only __get__; the instance __dict__ wins. plain: returned as it is."
)


def _class_text(cls: type, *, target: type | None = None) -> Text:
    style = "mx.target" if target is not None and cls is target else "mx.class"
    if static.module_of(cls) == "builtins":
        return Text(escape_line(static.qualname_of(cls)), style="mx.builtin")
    return Text(escape_line(static.class_id(cls)), style=style)


def _local_class(cls: type, home: str) -> Text:
    """``qualname`` for classes of the target's module (and builtins), ``module:qualname`` for the others."""
    module = static.module_of(cls)
    if module == "builtins":
        return Text(escape_line(static.qualname_of(cls)), style="mx.builtin")
    if module == home:
        return Text(escape_line(static.qualname_of(cls)), style="mx.class")
    return Text(escape_line(static.class_id(cls)), style="mx.class")


def _short_class(cls: type) -> Text:
    if static.module_of(cls) == "builtins":
        return Text(escape_line(static.qualname_of(cls)), style="mx.builtin")
    return Text(escape_line(static.qualname_of(cls)), style="mx.class")


def _details(info: DescriptorInfo) -> Text:
    """What is unusual about a value: missing special methods of a data descriptor, __set_name__, accessors."""
    parts: list[str] = []
    if info.accessors:
        parts.append("+".join(info.accessors))
    if info.kind == "data":
        missing = [
            m
            for m, present in (("__get__", info.has_get), ("__set__", info.has_set), ("__delete__", info.has_delete))
            if not present
        ]
        if missing:
            parts.append(", ".join("no " + m for m in missing))
    if info.has_set_name:
        parts.append("__set_name__")
    return Text(" · ".join(parts), style="mx.muted")


def _type_text(info: DescriptorInfo) -> Text:
    """The type description, by its qualname: the module is in the JSON."""
    name = info.type_name
    _module, sep, qualname = name.partition(":")
    if sep:  # the class, not its module: the column stays narrow (as the MRO line names classes)
        name = qualname
    elif "." in name and " " not in name:  # functools.cached_property
        name = name.rpartition(".")[2]
    return Text(escape_line(name))


def kind_text(kind: str) -> Text:
    return Text(kind, style=_KIND_STYLE.get(kind, ""))


def descriptors_view(
    cls: type, attributes: list[AttributeInfo], *, hidden_object: bool, width: int | None = None
) -> RenderableType:
    """The ``descriptors`` table, with a heading and a legend."""
    home = static.module_of(cls)
    mro = Text(" → ", style="mx.muted").join(_local_class(k, home) for k in static.mro_of(cls))
    heading = Text.assemble(
        ("Attributes of ", "mx.heading"), _class_text(cls, target=cls), "\n", ("MRO: ", "mx.muted"), mro
    )

    # Fits *width* (80 columns too) without breaking a word: names, kinds, types and classes
    # never wrap (the longest are cut with "…"; classes are named by qualname, as in the MRO
    # line), and the notes (with the classes a name overrides) wrap between words.
    def longest(texts: list[str], header: str) -> int:
        return max([len(header), *(len(t) for t in texts)])

    name_w = longest([escape_line(a.name) for a in attributes], "name")
    type_w = longest([_type_text(a.info).plain for a in attributes], "type")
    owner_w = longest([escape_line(static.qualname_of(a.owner)) for a in attributes], "defined in")
    if width is not None:
        room = width - 8 - 4 * 2 - 16  # kind, the gaps, and at least 16 for the notes
        name_w = min(name_w, max(12, room * 4 // 10))
        owner_w = min(owner_w, max(10, (room - name_w) * 6 // 10))
        type_w = min(type_w, max(8, min(18, room - name_w - owner_w)))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="mx.heading")
    table.add_column("name", no_wrap=True, overflow="ellipsis", width=name_w)
    table.add_column("kind", no_wrap=True, width=8)
    table.add_column("type", no_wrap=True, overflow="ellipsis", width=type_w)
    table.add_column("defined in", no_wrap=True, overflow="ellipsis", width=owner_w)
    table.add_column("notes", overflow="ellipsis")
    for attr in attributes:
        last = Text("")
        if attr.overrides:
            last = Text.assemble(("overrides ", "mx.muted"), Text(", ").join(_short_class(k) for k in attr.overrides))
        details = _details(attr.info)
        if details.plain:
            last = Text.assemble(last, Text("  ") if last.plain else Text(""), details)
        table.add_row(
            Text(escape_line(attr.name)),
            kind_text(attr.info.kind),
            _type_text(attr.info),
            _short_class(attr.owner),
            last,
        )
    caption = _LEGEND
    if hidden_object:
        caption += "\nMembers inherited from object are hidden; --all shows them."
    # The legend is the table's caption: it wraps to the table's width.
    table.caption = Text(caption, style="mx.muted")
    table.caption_justify = "left"
    return Group(heading, table)


def _when(branch: Branch, count: int) -> Text:
    if branch.outcome in ("setattr-hook", "delattr-hook"):
        return Text("first, always: ", style="mx.muted")
    if branch.when is not None:
        return Text.assemble(("if ", "mx.muted"), Text(branch.when), (": ", "mx.muted"))
    if count == 1:
        return Text("always: ", style="mx.muted")
    return Text("otherwise: ", style="mx.muted")


_OUTCOME_STYLE = {
    "attribute-error": "mx.error",
    "data-descriptor": "mx.data",
    "metaclass-data-descriptor": "mx.data",
    "non-data-descriptor": "mx.nondata",
    "class-descriptor": "mx.nondata",
    "instance-dict": "mx.taken",
}


def _indented(renderable: RenderableType, left: int) -> Padding:
    return Padding(renderable, (0, 0, 0, left), expand=False)


def _hanging(lead: str, body: Text, left: int, lead_style: str = "") -> Padding:
    """*lead* (``1. ``, ``! ``) then *body*, whose wrapped lines continue under the body, not the lead."""
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(lead, style=lead_style), body)
    return _indented(grid, left)


def _branches(title: str, branches: tuple[Branch, ...]) -> list[RenderableType]:
    lines: list[RenderableType] = [Text(title, style="mx.heading")]
    for i, branch in enumerate(branches):
        line = Text.assemble(
            _when(branch, len(branches)),
            (branch.outcome, _OUTCOME_STYLE.get(branch.outcome, "bold")),
        )
        if branch.defined_in is not None:
            line.append(" (")
            line.append_text(_class_text(branch.defined_in))
            line.append(")")
        lines.append(_hanging(f"{i + 1}. ", line, 2))
        lines.append(_indented(Text(branch.explanation), 5))
        if branch.error is not None:
            lines.append(_indented(Text.assemble(("AttributeError: ", "mx.error"), Text(branch.error)), 5))
    return lines


def _walk(title: str, steps: tuple[WalkStep, ...], name: str, home: str) -> list[RenderableType]:
    """One MRO walk; classes of the target's module (*home*) by qualname, as the MRO line names them."""
    lines: list[RenderableType] = [Text(title, style="mx.heading")]
    stop = next((i for i, s in enumerate(steps) if s.holds), None)
    for i, step in enumerate(steps):
        line = _local_class(step.cls, home)
        if step.holds and step.info is not None:
            line.append("  has it: ")
            line.append_text(kind_text(step.info.kind))
            if i == stop:
                line.append("  ← the search stops here", style="mx.taken")
            else:
                line.append("  (overridden, not reached)", style="mx.muted")
        elif stop is not None and i > stop:
            line.append("  (not reached)", style="mx.muted")
        else:
            line.append("  -", style="mx.muted")
        lines.append(_hanging(f"{i + 1}. ", line, 2))
    if stop is None:
        lines.append(_indented(Text.assemble(Text(name), (" is not on this MRO", "mx.muted")), 2))
    return lines


def attr_view(resolution: Resolution) -> RenderableType:
    """The ``attr`` explanation: walks, hooks, then the four accesses."""
    r = resolution
    cls_name = static.qualname_of(r.cls)
    lines: list[RenderableType] = [
        Text.assemble(
            ("Attribute ", "mx.heading"),
            Text(repr(r.name), style="bold"),
            (" of ", "mx.heading"),
            _class_text(r.cls, target=r.cls),
        ),
    ]
    if r.found is not None:
        info = r.found.info
        found = Text("found on the class: ")
        found.append_text(_short_class(r.found.owner))
        found.append(".")
        found.append(r.name)
        found.append(" — ")
        found.append_text(kind_text(info.kind))
        found.append(" (")
        found.append_text(_type_text(info))
        found.append(")")
        details = _details(info)
        if details.plain:
            found.append(" · ")
            found.append_text(details)
        lines.append(_indented(found, 2))
    else:
        lines.append(_indented(Text.assemble(Text(r.name), (" is not on the class's MRO", "mx.muted")), 2))
    for assignment in r.assignments:
        from pyinspect_cli.render.json.descriptors import location

        line = Text("set on instances by ")
        line.append_text(_short_class(assignment.cls))
        line.append(f".{assignment.function} ")
        line.append(f"({location(assignment)})", style="mx.muted")
        lines.append(_indented(line, 2))
    lines.append(
        _indented(
            Text(
                "instances have a __dict__"
                if r.has_instance_dict
                else "instances have no __dict__ (__slots__ on every class of the MRO, or a builtin layout): "
                "no instance-dict step",
                style="mx.muted",
            ),
            2,
        )
    )
    lines.append(Text(""))
    home = static.module_of(r.cls)
    lines += _walk(f"MRO walk: type(instance).__mro__ ({cls_name} and its bases)", r.walk, r.name, home)
    lines.append(Text(""))
    lines += _walk(f"Metaclass MRO walk: type({cls_name}).__mro__", r.meta_walk, r.name, home)
    if r.hooks:
        lines.append(Text(""))
        lines.append(Text("Hooks", style="mx.heading"))
        for hook in r.hooks:
            lines.append(_hanging("! ", Text(hook.note), 2, "mx.warn"))
    lines.append(Text(""))
    lines += _branches(f"instance.{r.name}  (read; the first branch whose condition holds)", r.read)
    lines.append(Text(""))
    lines += _branches(f"instance.{r.name} = value", r.write)
    lines.append(Text(""))
    lines += _branches(f"del instance.{r.name}", r.delete)
    lines.append(Text(""))
    lines += _branches(f"{cls_name}.{r.name}  (class read)", r.class_read)
    return Group(*lines)
