"""Classes whose names contain markup and other special characters."""


class Normal:
    pass


Markup = type("[bold red]x[/]", (Normal,), {})
Angle = type('A<B>&"q\'', (Normal,), {})


class Ünïcødé(Normal):
    pass


class Child(Markup, Angle, Ünïcødé):
    pass


def factory() -> type:
    class Inner(Normal):
        pass

    return Inner


Local = factory()
