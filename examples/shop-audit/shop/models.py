class Base:
    def __init__(self):
        self.ready = True


class LoggingMixin:
    def __init__(self):
        super().__init__()
        self.log = []


class Order(Base, LoggingMixin):
    def __init__(self):
        super().__init__()


class Legacy(Base, LoggingMixin):  # mro-explain: ignore[MRO001]
    def __init__(self):
        super().__init__()
