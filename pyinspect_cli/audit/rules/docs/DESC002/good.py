class Queue:
    def __init__(self):
        self.items = []
        self._front = 0

    def front(self):
        return self.items[self._front]
