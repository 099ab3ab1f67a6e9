PLUGINS = []


class PluginBase:
    def __init_subclass__(cls, **kwargs):
        PLUGINS.append(cls)  # the chain ends here
