class Root:
    def __init__(self):
        self.count = getattr(self, "count", 0) + 1


class Left(Root):
    def __init__(self):
        Root.__init__(self)


class Right(Root):
    def __init__(self):
        Root.__init__(self)


class Diamond(Left, Right):
    def __init__(self):
        Left.__init__(self)
        Right.__init__(self)  # Root.__init__ runs twice
