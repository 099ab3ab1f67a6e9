"""No longer imports: Mixed lists A before B, but B inherits from A."""


class A:
    pass


class B(A):
    pass


class C(B):
    pass


class Mixed(A, C):
    pass
