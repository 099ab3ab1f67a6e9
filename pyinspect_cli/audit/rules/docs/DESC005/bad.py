import functools


class Meta(type):
    @functools.cached_property
    def registry_key(cls):
        return cls.__name__.lower()
