"""The classic diamond: D inherits from B and C, which both inherit from A."""


class A:
    def method(self) -> str:
        return "A"


class B(A):
    def method(self) -> str:
        return "B"


class C(A):
    def method(self) -> str:
        return "C"


class D(B, C):
    pass


class X(B, C):
    """Orders B before C."""


class Y(C, B):
    """Orders C before B: no class can inherit from both X and Y."""
