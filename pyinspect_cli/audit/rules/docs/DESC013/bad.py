class Temperature:
    def __init__(self):
        self._c = 0.0
        self.fahrenheit = property(lambda self: self._c * 9 / 5 + 32)
