class Root:
    def __init__(self):
        self.count = getattr(self, "count", 0) + 1


class Left(Root):
    def __init__(self):
        super().__init__()


class Right(Root):
    def __init__(self):
        super().__init__()


class Diamond(Left, Right):
    def __init__(self):
        super().__init__()  # Diamond, Left, Right, Root: once each
