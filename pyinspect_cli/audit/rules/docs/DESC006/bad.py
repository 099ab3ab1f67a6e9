class Base:
    def __init__(self, size):
        self.size = size


class Fixed(Base):
    @property
    def size(self):
        return 10
