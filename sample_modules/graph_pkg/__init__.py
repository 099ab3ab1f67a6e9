"""A small package for ``mro-explain graph --recursive``: classes spread over submodules."""


class Plugin:
    """The base every plugin derives from."""
