class Plugin:
    registry = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        key = f"{cls.__module__}.{cls.__qualname__}"
        if key in Plugin.registry:
            raise ValueError(f"duplicate plugin {key}")
        Plugin.registry[key] = cls
