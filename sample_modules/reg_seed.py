"""The three class-creation patterns of the seed chapter, as users write them."""

from __future__ import annotations


class RegistryMeta(type):
    """Metaclass that auto-registers all subclasses in a central registry."""

    _registry: dict[str, type] = {}

    def __new__(mcs, name: str, bases: tuple, namespace: dict):
        cls = super().__new__(mcs, name, bases, namespace)
        # Don't register the base class itself
        if bases:
            key = namespace.get("handler_type", name.lower())
            mcs._registry[key] = cls
        return cls

    @classmethod
    def get_handler(mcs, handler_type: str) -> type | None:
        return mcs._registry.get(handler_type)

    @classmethod
    def list_handlers(mcs) -> dict[str, type]:
        return dict(mcs._registry)


class BaseHandler(metaclass=RegistryMeta):
    handler_type: str = ""

    def handle(self, message: str) -> str:
        raise NotImplementedError


class EmailHandler(BaseHandler):
    handler_type = "email"


class SMSHandler(BaseHandler):
    handler_type = "sms"


class SlackHandler(BaseHandler):
    handler_type = "slack"


class SingletonMeta(type):
    """'Thread-safe' singleton metaclass (its cache is not guarded by a lock)."""

    _instances: dict[type, object] = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            instance = super().__call__(*args, **kwargs)
            cls._instances[cls] = instance
        return cls._instances[cls]


class AgentRuntime(metaclass=SingletonMeta):
    """Global agent runtime — exactly one instance."""

    def __init__(self, model: str = "gpt-4o"):
        self.model = model
        self.active_agents: list = []


RUNTIME = AgentRuntime("claude-3-opus")


class Plugin:
    """Base class with automatic plugin registration."""

    _plugins: dict[str, type] = {}

    def __init_subclass__(cls, plugin_name: str = "", **kwargs):
        super().__init_subclass__(**kwargs)
        name = plugin_name or cls.__name__.lower()
        cls._plugins[name] = cls
        cls._plugin_name = name

    @classmethod
    def get_plugin(cls, name: str) -> type | None:
        return cls._plugins.get(name)


class MarkdownParser(Plugin, plugin_name="markdown"):
    def parse(self, text: str) -> dict:
        return {"type": "markdown", "content": text}


class JSONParser(Plugin, plugin_name="json"):
    def parse(self, text: str) -> dict:
        return {"type": "json", "content": text}


class XMLParser(Plugin, plugin_name="xml"):
    def parse(self, text: str) -> dict:
        return {"type": "xml", "content": text}
