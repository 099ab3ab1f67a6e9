PLUGINS = []


class PluginBase:
    def __init_subclass__(cls, *, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        PLUGINS.append(cls)
