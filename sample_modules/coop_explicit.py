"""Explicit parent calls (Base.__init__(self)) in a diamond: Root.__init__ runs twice."""

from __future__ import annotations


class Root:
    def __init__(self) -> None:
        self.log = [*getattr(self, "log", []), "Root"]


class Left(Root):
    def __init__(self) -> None:
        Root.__init__(self)


class Right(Root):
    def __init__(self) -> None:
        Root.__init__(self)


class Diamond(Left, Right):
    def __init__(self) -> None:
        Left.__init__(self)
        Right.__init__(self)


class CoopRoot:
    def __init__(self) -> None:
        super().__init__()


class CoopLeft(CoopRoot):
    def __init__(self) -> None:
        super().__init__()


class CoopRight(CoopRoot):
    def __init__(self) -> None:
        super().__init__()


class CoopDiamond(CoopLeft, CoopRight):
    """Cooperative: every __init__ runs exactly once."""

    def __init__(self) -> None:
        super().__init__()


class Skipper(CoopLeft, CoopRight):
    """Calls CoopLeft.__init__ directly: fine here, CoopLeft continues with super()."""

    def __init__(self) -> None:
        CoopLeft.__init__(self)


class JumpRight(CoopRight):
    def __init__(self) -> None:
        CoopRoot.__init__(self)


class Jumper(CoopLeft, JumpRight):
    """JumpRight calls CoopRoot.__init__ directly and skips its own parent CoopRight.

    A single-inheritance jump (pylint W0233 reports it); the audit rules leave it alone.
    """


class Plain:
    def __init__(self) -> None:
        self.log = ["Plain"]


class Direct(Plain):
    def __init__(self) -> None:
        Plain.__init__(self)


class CoopExtension(Plain):
    def __init__(self) -> None:
        super().__init__()
        self.extended = True


class DirectAndExtension(Direct, CoopExtension):
    """Direct calls Plain.__init__ by name: CoopExtension.__init__, next in this MRO, never runs."""
